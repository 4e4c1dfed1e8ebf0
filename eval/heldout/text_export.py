"""OCR text exports of a held-out plan whose table header is printed in another order on each page.

Like the tab-separated exports in samples/text: the letter as lines, then the appendix table one
row per line, cells separated by tabs, a page break shown by a page-number line and the header
printed again. The data cells keep one order (the true one) throughout; the header line of each
page lists the same labels in a different order — what an OCR engine makes of a two-row header
with merged cells. On at most one page (drawn per document, possibly none) the header is in the
true order. Which one is recorded, so the run can tell a majority vote from a lucky page.
"""

from __future__ import annotations

import random
from typing import Any

from eval.heldout.docx_plan import cell_value, funding_sentence
from eval.heldout.plan import AMOUNTS, Plan

ROWS_PER_PAGE = (9, 14)


def _letter(plan: Plan) -> list[str]:
    n = plan.narrative
    province = n["province"]
    lines = [f"UBND TỈNH {province.upper()}"]
    if not n["by_ubnd"]:
        lines.append(n["agency"])
    lines += [
        "-------",
        f"Số: {n['number']}",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "---------------",
        f"{province}, ngày {n['day']:02d} tháng {n['month']:02d} năm {n['year']}",
        "",
        "KẾ HOẠCH",
        f"{n['programme'][0].upper() + n['programme'][1:]} năm {n['year']}",
        "",
    ]
    lines += [f"Căn cứ {b};" for b in n["bases"]]
    lines += ["", "III. KINH PHÍ THỰC HIỆN", funding_sentence(plan), ""]
    lines += [n["signer_title"].upper(), "", n["signer"], ""]
    return lines


def _header_orders(plan: Plan, pages: int, rng: random.Random) -> tuple[list[list[str]], int | None]:
    """One header order per page: the amount labels (and the months) shuffled differently on each
    page; the true order on one drawn page or on none."""
    leaves = plan.header.leaves
    true_page = rng.choice([*range(pages), None])
    orders: list[list[str]] = []
    seen = {tuple(leaves)}
    for page in range(pages):
        if page == true_page:
            orders.append(list(leaves))
            continue
        for _ in range(50):
            order = list(leaves)
            movable = [i for i, k in enumerate(order) if k in AMOUNTS or k in ("start_month", "end_month")]
            keys = [order[i] for i in movable]
            rng.shuffle(keys)
            for i, k in zip(movable, keys, strict=True):
                order[i] = k
            if tuple(order) not in seen:
                break
        seen.add(tuple(order))
        orders.append(order)
    return orders, true_page


def _label(plan: Plan, key: str) -> str:
    label = plan.header.labels[key]
    if plan.layout.unit_in_header and key == "total_vnd":
        return f"{label} ({plan.layout.unit})"
    return label


def text_export(plan: Plan, seed: int) -> tuple[str, dict[str, Any]]:
    """The export's text and what the run needs to know about it (header order per page)."""
    rng = random.Random(f"heldout-text:{seed}:{plan.index}")
    lay = plan.layout
    total_row = {"code": "", "title": lay.total_label, "kind": "total", **plan.grand}
    body = [*plan.rows]
    body.insert(0 if lay.total_first else len(body), total_row)
    chunks: list[list[dict[str, Any]]] = []
    i = 0
    while i < len(body):
        size = rng.randint(*ROWS_PER_PAGE)
        chunks.append(body[i : i + size])
        i += size
    orders, true_page = _header_orders(plan, len(chunks), rng)
    lines = _letter(plan)
    lines += [
        "PHỤ LỤC",
        f"DỰ TOÁN KINH PHÍ {plan.narrative['programme'].upper()} NĂM {plan.narrative['year']}",
        f"(Kèm theo Kế hoạch số {plan.narrative['number']})",
        "",
    ]
    if not lay.unit_in_header:
        lines += [f"ĐVT: {lay.unit}", ""]
    for page, (chunk, order) in enumerate(zip(chunks, orders, strict=True)):
        if page:
            lines += ["", f"Trang {page + 1}", ""]
        lines.append("\t".join(_label(plan, k) for k in order))
        for row in chunk:
            lines.append("\t".join(cell_value(plan, row, k) for k in plan.header.leaves))
    info = {
        "pages": len(chunks),
        "true_header_page": None if true_page is None else true_page + 1,
        "header_orders": orders,
        "data_order": plan.header.leaves,
    }
    return "\n".join(lines) + "\n", info
