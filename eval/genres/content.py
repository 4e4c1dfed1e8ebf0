"""Word lists, and the arithmetic that makes a generated table add up exactly.

Every name here is composed from these lists (places are real district names; units, projects and
people are made up). Parent rows are computed from their children, never drawn, so the sums a
reader may check hold to the last digit.
"""

from __future__ import annotations

import random
from decimal import Decimal

from .model import Column, Row

PROVINCES: dict[str, list[str]] = {
    "Yên Bái": ["Văn Chấn", "Trạm Tấu", "Lục Yên", "Yên Bình", "Mù Cang Chải"],
    "Quảng Trị": ["Hướng Hóa", "Đakrông", "Gio Linh", "Vĩnh Linh", "Triệu Phong"],
    "Sơn La": ["Mộc Châu", "Thuận Châu", "Sông Mã", "Bắc Yên", "Phù Yên"],
    "Hà Giang": ["Đồng Văn", "Mèo Vạc", "Yên Minh", "Quản Bạ", "Bắc Mê"],
    "Trà Vinh": ["Càng Long", "Cầu Kè", "Tiểu Cần", "Châu Thành", "Trà Cú"],
    "Kon Tum": ["Đăk Glei", "Ngọc Hồi", "Đăk Tô", "Kon Plông", "Sa Thầy"],
    "Thanh Hóa": ["Mường Lát", "Quan Sơn", "Bá Thước", "Lang Chánh", "Thường Xuân"],
    "Đắk Nông": ["Cư Jút", "Krông Nô", "Đắk Mil", "Đắk Song", "Tuy Đức"],
    "Hậu Giang": ["Châu Thành A", "Phụng Hiệp", "Vị Thủy", "Long Mỹ", "Châu Thành"],
    "Bình Phước": ["Bù Đăng", "Bù Gia Mập", "Lộc Ninh", "Hớn Quản", "Phú Riềng"],
}
SYL_A = ["Tân", "Phú", "Bình", "Hòa", "An", "Thanh", "Nậm", "Suối", "Đồng", "Phúc", "Xuân", "Minh"]
SYL_B = ["Lợi", "Thịnh", "Sơn", "Hưng", "Lạc", "Khê", "Mai", "Tiến", "Cường", "Phong", "Thành", "Hải"]
SIGNERS = ["Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Quang Minh", "Phạm Đức Thắng", "Hoàng Thị Thu", "Vũ Ngọc Sơn"]


def commune(rng: random.Random) -> str:
    return f"{rng.choice(SYL_A)} {rng.choice(SYL_B)}"


def communes(rng: random.Random, n: int) -> list[str]:
    seen: list[str] = []
    while len(seen) < n:
        c = commune(rng)
        if c not in seen:
            seen.append(c)
    return seen


def money(rng: random.Random, lo: float, hi: float, places: int) -> Decimal:
    """A printed amount between lo and hi with `places` decimals (never 0)."""
    step = Decimal(1).scaleb(-places)
    n = rng.randint(int(Decimal(str(lo)) / step), int(Decimal(str(hi)) / step))
    return max(Decimal(n) * step, step)


def node(code: str | None, title: str, kind: str, children: list[Row] | None = None, /, **values: object) -> Row:
    return Row(code=code, title=title, kind=kind, values=dict(values), children=children or [])


def compute(columns: list[Column], row: Row) -> None:
    """Fill derived values of leaves and the sums of parents, bottom-up."""
    for child in row.children:
        compute(columns, child)
    if row.children:
        for col in columns:
            if col.agg == "sum":
                vals = [c.values.get(col.label) for c in row.children]
                nums = [v for v in vals if isinstance(v, Decimal)]
                row.values[col.label] = sum(nums, Decimal(0)) if nums else None
            elif col.agg == "blank":
                row.values.setdefault(col.label, None)
    derived = [
        c
        for c in columns
        if c.derive is not None and (not row.children or c.agg == "derive") and row.values.get(c.label) is None
    ]
    for _ in derived:  # as many passes as derived columns: a total may depend on a subtotal derived after it
        for col in derived:
            assert col.derive is not None
            row.values[col.label] = col.derive(row.values)


def check(columns: list[Column], rows: list[Row]) -> None:
    """Every derived column agrees with its formula on every row: the truth is exact by construction."""
    for r in rows:
        for c in columns:
            if c.derive is None or r.values.get(c.label) is None:
                continue
            want = c.derive(r.values)
            if want is not None and c.agg != "blank":
                assert r.values[c.label] == want, (r.title, c.label, r.values[c.label], want)


def flatten(top: list[Row], total: Row | None, total_first: bool) -> list[Row]:
    """Rows in printed order, with parent_code and a path (A/II/3) set."""
    out: list[Row] = []

    def walk(r: Row, parent: Row | None) -> None:
        r.parent_code = parent.code if parent is not None else None
        r.path = (parent.path + "/" if parent is not None and parent.path else "") + (r.code or "")
        out.append(r)
        for c in r.children:
            walk(c, r)

    for r in top:
        walk(r, None)
    if total is not None:
        total.path = ""
        out = [total, *out] if total_first else [*out, total]
    return out


def page_breaks(n_rows: int, per_page: int, rng: random.Random) -> list[int]:
    """Row indices before which the table goes on a new page: at least one, never the first row."""
    breaks: list[int] = []
    at = max(3, min(n_rows - 2, per_page + rng.randint(-2, 2)))
    while at < n_rows:
        breaks.append(at)
        at += per_page + rng.randint(-2, 2)
    return breaks or [max(1, n_rows // 2)]


def pick(rng: random.Random, items: list[str], n: int) -> list[str]:
    pool = list(items)
    rng.shuffle(pool)
    while len(pool) < n:
        pool.extend(items)
    return pool[:n]
