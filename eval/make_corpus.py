"""Generate an evaluation corpus of NEW plans, laid out by a different engine than samples/.

    .venv/bin/python -m eval.make_corpus [--out eval/build] [--docs 8] [--seed 2024]

samples/make_samples.py draws its PDFs with reportlab from the samples' own truth files, so a
reader tuned on them may only have learnt that one layout. This generator composes other plans
(other provinces, years, programmes, numbering schemes, units, column sets and orders) from word
lists, renders them as HTML/CSS tables printed by headless Chromium (a different engine: its own
line breaking, border drawing, table fragmentation and repeated <thead>), and degrades the pages
into image-only "scans" at 300 and 200 dpi.

Written, per document STEM:
    OUT/truth/STEM.truth.json     truth in the samples/truth format (amounts in integer đồng)
    OUT/html/STEM.html            the source HTML (kept so a failure can be looked at in a browser)
    OUT/digital/STEM.pdf          born-digital PDF (Chromium --print-to-pdf)
    OUT/scan300/STEM.pdf          image-only PDF, 300 dpi, light degradation
    OUT/scan200/STEM.pdf          image-only PDF, 200 dpi, heavier noise
    OUT/corpus.json               what was generated (layout choices and page counts per document)

Deterministic for a given seed: every random choice comes from one random.Random per document;
the scans use a numpy generator seeded from the same numbers. (The Chromium PDF bytes carry a
creation date, so the PDFs are not byte-identical across runs; their content is.)
"""

from __future__ import annotations

import argparse
import html
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from tests.browser import FLAGS as HEADLESS_FLAGS  # the same flags the browser tests start chromium with

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
MAX_PAGES = 6
MIN_PAGES = 2

# --------------------------------------------------------------------------- word lists
# Provinces other than the samples' (Đồng Nai, Quảng Nam, Cần Thơ, Bình Dương, Bình Định) so no
# lexicon entry or metadata rule can have been fitted to these names.
PROVINCES: list[tuple[str, str, list[str]]] = [
    ("Lào Cai", "tỉnh", ["Bát Xát", "Bảo Thắng", "Sa Pa", "Mường Khương", "Bắc Hà"]),
    ("Hà Tĩnh", "tỉnh", ["Hương Khê", "Cẩm Xuyên", "Kỳ Anh", "Đức Thọ", "Nghi Xuân"]),
    ("Sóc Trăng", "tỉnh", ["Mỹ Xuyên", "Kế Sách", "Long Phú", "Trần Đề", "Châu Thành"]),
    ("Thái Nguyên", "tỉnh", ["Đại Từ", "Phú Lương", "Đồng Hỷ", "Võ Nhai", "Định Hóa"]),
    ("Bến Tre", "tỉnh", ["Chợ Lách", "Mỏ Cày Nam", "Giồng Trôm", "Ba Tri", "Thạnh Phú"]),
    ("Gia Lai", "tỉnh", ["Chư Sê", "Đak Đoa", "Ia Grai", "Kbang", "Mang Yang"]),
    ("Phú Thọ", "tỉnh", ["Thanh Sơn", "Yên Lập", "Cẩm Khê", "Lâm Thao", "Tam Nông"]),
    ("Long An", "tỉnh", ["Đức Hòa", "Cần Giuộc", "Thạnh Hóa", "Tân Trụ", "Bến Lức"]),
    ("Hải Phòng", "thành phố", ["Thủy Nguyên", "An Lão", "Tiên Lãng", "Vĩnh Bảo", "Kiến Thụy"]),
    ("Nghệ An", "tỉnh", ["Diễn Châu", "Yên Thành", "Quỳnh Lưu", "Nghĩa Đàn", "Thanh Chương"]),
]

SIGNERS = [
    "Nguyễn Văn Thắng",
    "Lê Thị Thu Hằng",
    "Trần Quốc Huy",
    "Phạm Đức Long",
    "Hoàng Thị Minh Nguyệt",
    "Vũ Mạnh Cường",
    "Đặng Ngọc Sơn",
    "Bùi Thanh Tùng",
]

# programme -> (plan title word, section themes, item templates, agency, numbers for objectives)
PROGRAMMES: dict[str, dict[str, Any]] = {
    "khuyến công": {
        "agency": "Sở Công Thương",
        "centre": "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp",
        "sections": [
            "Đào tạo nghề, truyền nghề và nâng cao tay nghề",
            "Xây dựng mô hình trình diễn kỹ thuật",
            "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến",
            "Phát triển sản phẩm công nghiệp nông thôn tiêu biểu",
            "Hỗ trợ tham gia hội chợ triển lãm",
            "Tư vấn, trợ giúp cơ sở công nghiệp nông thôn",
            "Thông tin tuyên truyền về khuyến công",
        ],
        "items": [
            "Hỗ trợ cơ sở {product} đầu tư dây chuyền {machine}",
            "Đào tạo nghề {craft} cho lao động nông thôn huyện {district}",
            "Xây dựng mô hình trình diễn kỹ thuật sản xuất {product}",
            "Hỗ trợ ứng dụng {machine} trong sản xuất {product}",
            "Tổ chức bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh",
            "Hỗ trợ cơ sở tham gia hội chợ hàng công nghiệp nông thôn khu vực",
            "Xây dựng chuyên mục khuyến công trên Đài Phát thanh và Truyền hình",
            "Tư vấn lập dự án đầu tư, marketing cho cơ sở {product}",
            "Hỗ trợ lãi suất vốn vay cho cơ sở {product} tại huyện {district}",
        ],
    },
    "khuyến nông": {
        "agency": "Sở Nông nghiệp và Phát triển nông thôn",
        "centre": "Trung tâm Khuyến nông tỉnh",
        "sections": [
            "Xây dựng mô hình trình diễn",
            "Đào tạo, tập huấn kỹ thuật",
            "Thông tin tuyên truyền",
            "Tư vấn và dịch vụ khuyến nông",
            "Hợp tác quốc tế về khuyến nông",
        ],
        "items": [
            "Mô hình trồng {crop} theo tiêu chuẩn VietGAP tại huyện {district}",
            "Mô hình nuôi {animal} an toàn sinh học",
            "Tập huấn kỹ thuật canh tác {crop} cho nông dân",
            "Hội thảo đầu bờ nhân rộng mô hình {crop}",
            "Xây dựng tài liệu hướng dẫn kỹ thuật chăn nuôi {animal}",
            "Tư vấn liên kết tiêu thụ sản phẩm {crop} cho hợp tác xã",
            "Bản tin khuyến nông định kỳ trên Báo {province}",
        ],
    },
    "xúc tiến thương mại": {
        "agency": "Sở Công Thương",
        "centre": "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch",
        "sections": [
            "Phát triển thị trường trong nước",
            "Phát triển thị trường xuất khẩu",
            "Thương mại điện tử và chuyển đổi số",
            "Nâng cao năng lực xúc tiến thương mại",
        ],
        "items": [
            "Tổ chức Tuần hàng {product} {province} tại thành phố Hà Nội",
            "Tham gia Hội chợ quốc tế hàng công nghiệp Việt Nam",
            "Đưa hàng Việt về huyện {district}",
            "Hỗ trợ doanh nghiệp đưa sản phẩm {crop} lên sàn thương mại điện tử",
            "Khảo sát thị trường xuất khẩu {crop} tại Nhật Bản",
            "Tập huấn kỹ năng xúc tiến thương mại cho doanh nghiệp",
            "Xây dựng cơ sở dữ liệu sản phẩm OCOP của tỉnh",
        ],
    },
    "phát triển du lịch nông thôn": {
        "agency": "Sở Văn hóa, Thể thao và Du lịch",
        "centre": "Trung tâm Thông tin và Xúc tiến du lịch",
        "sections": [
            "Phát triển sản phẩm du lịch nông thôn",
            "Đào tạo nguồn nhân lực du lịch",
            "Quảng bá, xúc tiến du lịch",
            "Hạ tầng phục vụ du lịch cộng đồng",
        ],
        "items": [
            "Xây dựng điểm du lịch cộng đồng tại huyện {district}",
            "Bồi dưỡng kỹ năng phục vụ homestay cho hộ dân",
            "Tổ chức Lễ hội {crop} gắn với du lịch trải nghiệm",
            "Sản xuất video quảng bá du lịch {province}",
            "Lắp đặt biển chỉ dẫn tại các điểm du lịch nông thôn",
            "Khảo sát, xây dựng tuyến du lịch trải nghiệm làng nghề {craft}",
        ],
    },
}

PRODUCTS = ["chè", "gốm mỹ nghệ", "mây tre đan", "bánh tráng", "nước mắm", "đồ gỗ", "miến dong", "cói"]
MACHINES = ["sấy lạnh", "đóng gói tự động", "ép viên", "cắt gọt CNC", "chiết rót", "lò hơi tiết kiệm năng lượng"]
CRAFTS = ["dệt thổ cẩm", "mộc dân dụng", "đan lát", "thêu ren", "rèn"]
CROPS = ["cam sành", "bưởi da xanh", "lúa hữu cơ", "dừa", "cà phê", "chè Shan tuyết", "sâm"]
ANIMALS = ["lợn đen", "gà ri", "bò lai", "tôm thẻ chân trắng", "cá rô phi"]
UNITS_EXTRA = [
    "Phòng Kinh tế huyện {district}",
    "UBND huyện {district}",
    "Hợp tác xã {product} {district}",
    "Công ty TNHH {product} {district}",
    "Hội Nông dân tỉnh",
]
OBJECTIVES = [
    "Hỗ trợ {n} cơ sở, tạo việc làm cho {m} lao động",
    "Đào tạo {m} học viên, tối thiểu 80% có việc làm sau khóa học",
    "Nâng công suất lên {n}.000 sản phẩm/năm",
    "Quy mô {n} ha, năng suất tăng 15%",
    "Thu hút trên {m} lượt khách tham quan",
    "{n} phóng sự, {m} tin bài",
]
NOTES = ["Chuyển tiếp từ năm trước", "Hỗ trợ theo định mức", "Đối ứng bằng tiền mặt", "Đã có chủ trương", ""]
LEGAL_BASES = [
    "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
    "Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015",
    "Nghị định số 45/2012/NĐ-CP ngày 21 tháng 5 năm 2012 của Chính phủ về khuyến công",
    "Nghị định số 83/2018/NĐ-CP ngày 24 tháng 5 năm 2018 của Chính phủ về khuyến nông",
    "Thông tư số 28/2018/TT-BTC ngày 28 tháng 3 năm 2018 của Bộ Tài chính",
    "Quyết định số 1968/QĐ-TTg ngày 22 tháng 11 năm 2021 của Thủ tướng Chính phủ",
    "Nghị quyết số 12/2021/NQ-HĐND ngày 15 tháng 7 năm 2021 của Hội đồng nhân dân tỉnh",
]

# unit label -> (multiplier, smallest printed step in đồng). Steps keep every printed figure
# exact in its unit (triệu đồng prints one decimal, so 100.000 đồng is the step).
UNITS: dict[str, tuple[int, int]] = {
    "đồng": (1, 1_000_000),
    "nghìn đồng": (1_000, 100_000),
    "triệu đồng": (1_000_000, 100_000),
}

# canonical column -> header labels that real plans print (all present in practice; the choice
# per document is random so the header mapper sees more than one wording)
LABELS: dict[str, list[str]] = {
    "code": ["STT", "TT", "Số TT"],
    "title": ["Nội dung", "Tên nhiệm vụ", "Nội dung hoạt động", "Tên đề án, nhiệm vụ"],
    "implementing_unit": ["Đơn vị thực hiện", "Đơn vị chủ trì", "Cơ quan chủ trì"],
    "objective": ["Mục tiêu", "Quy mô", "Mục tiêu, quy mô"],
    "notes": ["Ghi chú"],
    "start_month": ["Bắt đầu"],
    "end_month": ["Kết thúc"],
    "total_vnd": ["Tổng kinh phí", "Tổng số", "Tổng dự toán", "Tổng kinh phí thực hiện"],
    "provincial_budget_vnd": ["Ngân sách tỉnh", "Ngân sách địa phương", "Kinh phí khuyến công địa phương"],
    "beneficiary_vnd": ["Đơn vị thụ hưởng", "Vốn đối ứng", "Đóng góp của cơ sở"],
    "other_vnd": ["Nguồn khác", "Huy động khác"],
}
# Liberation 2.x (fonts-liberation2, metric-compatible with Times New Roman / Arial, which most
# real plans use) and Noto cover Vietnamese. "Liberation Sans Narrow" exists only in Liberation 1.x,
# which lacks the stacked-diacritic glyphs (ạ, ầ, ổ …): Chromium draws those from a fallback font,
# so words mix two fonts mid-syllable. Real PDFs do that too (a document font without Vietnamese
# glyphs), but rarely, so exactly one document of ten uses it and corpus.json marks it.
FONTS = [
    "DejaVu Sans",
    "DejaVu Serif",
    "Liberation Serif",
    "Noto Sans",
    "Liberation Sans",
    "Noto Serif",
    "DejaVu Sans Condensed",
    "Liberation Serif",
    "Liberation Sans Narrow",
    "Noto Sans",
]
SCHEMES = ["I/1/1.1", "I/1", "1/1.1"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


# --------------------------------------------------------------------------- model


@dataclass
class Layout:
    font: str
    font_pt: float
    landscape: bool
    columns: list[str]  # canonical keys in print order ("time" and "split" are header groups)
    labels: dict[str, str]
    numbering_row: bool
    total_row_first: bool
    zero_as_dash: bool
    month_style: str  # "n" | "0n" | "Tháng n"
    border_px: float
    widths: dict[str, float] = field(default_factory=dict)


@dataclass
class Plan:
    stem: str
    truth: dict[str, Any]
    layout: Layout
    narrative: dict[str, Any]
    pages: int = 0


def fmt_amount(vnd: int, unit: str, zero_as_dash: bool) -> str:
    """Vietnamese number format in the document's unit: 1.250.000 / 4.050,8."""
    if vnd == 0:
        return "-" if zero_as_dash else "0"
    mult = UNITS[unit][0]
    whole, rest = divmod(vnd, mult)
    text = f"{whole:,}".replace(",", ".")
    if rest:
        # only triệu đồng has a sub-unit step (0,1 triệu); the generator never makes finer ones
        text += "," + str(rest * 10 // mult)
    return text


def fill(template: str, rng: random.Random, province: str, districts: list[str]) -> str:
    return template.format(
        product=rng.choice(PRODUCTS),
        machine=rng.choice(MACHINES),
        craft=rng.choice(CRAFTS),
        crop=rng.choice(CROPS),
        animal=rng.choice(ANIMALS),
        district=rng.choice(districts),
        province=province,
        n=rng.randint(2, 30),
        m=rng.randint(3, 40) * 10,
    )


def split_amount(total_q: int, rng: random.Random, with_other: bool) -> tuple[int, int, int]:
    """Provincial / beneficiary / other in quanta, summing exactly to total_q."""
    style = rng.random()
    if style < 0.2:
        return total_q, 0, 0  # fully state-funded (training, propaganda rows are)
    prov = max(1, round(total_q * rng.uniform(0.3, 0.8)))
    other = 0
    if with_other and rng.random() < 0.35:
        other = round((total_q - prov) * rng.uniform(0.1, 0.5))
    return prov, total_q - prov - other, other


def make_rows(
    rng: random.Random, scheme: str, programme: dict[str, Any], province: str, districts: list[str], unit: str
) -> list[dict[str, Any]]:
    """Truth rows in document order with exact arithmetic (parents = sums of children)."""
    step = UNITS[unit][1]
    with_other = rng.random() < 0.6
    section_titles = rng.sample(programme["sections"], k=min(len(programme["sections"]), rng.randint(3, 6)))

    def item(code: str, parent: str) -> dict[str, Any]:
        # 6 to 600 million đồng, the range of real programme items; in quanta of the unit's step
        millions = rng.randint(3, 60) * rng.choice([2, 4, 10])
        total_q = millions * 1_000_000 // step
        if step < 1_000_000 and rng.random() < 0.6:
            total_q += rng.randint(1, 9)  # a decimal: "45,3" triệu / "45.300" nghìn
        prov, ben, oth = split_amount(total_q, rng, with_other)
        start = rng.randint(1, 9)
        end = rng.randint(start, 12)
        unit_name = rng.choice(
            [programme["centre"], programme["agency"], fill(rng.choice(UNITS_EXTRA), rng, province, districts)]
        )
        return {
            "code": code,
            "kind": "item",
            "parent_code": parent,
            "title": fill(rng.choice(programme["items"]), rng, province, districts),
            "implementing_unit": unit_name,
            "objective": fill(rng.choice(OBJECTIVES), rng, province, districts),
            "expected_result": None,
            "start_month": start,
            "end_month": end,
            "total_vnd": total_q * step,
            "provincial_budget_vnd": prov * step,
            "beneficiary_vnd": ben * step,
            "other_vnd": oth * step,
            "notes": rng.choice(NOTES) or None,
            "legal_refs": [],
            "inferred": [],
        }

    def parent_row(code: str, kind: str, parent: str | None, title: str, kids: list[dict[str, Any]]) -> dict[str, Any]:
        row: dict[str, Any] = {
            "code": code,
            "kind": kind,
            "parent_code": parent,
            "title": title,
            "implementing_unit": None,
            "objective": None,
            "expected_result": None,
            "start_month": None,
            "end_month": None,
            "notes": None,
            "legal_refs": [],
            "inferred": [],
        }
        for f in ("total_vnd", "provincial_budget_vnd", "beneficiary_vnd", "other_vnd"):
            row[f] = sum(k[f] for k in kids)
        return row

    rows: list[dict[str, Any]] = []
    if scheme == "I/1/1.1":
        # groups I, II split the sections; sections numbered 1.. across groups (as the seed does)
        groups = [f"Chương trình {programme['name']} trọng điểm", "Nhiệm vụ thường xuyên"]
        cut = rng.randint(1, len(section_titles) - 1)
        number = 0
        for g_index, g_sections in enumerate((section_titles[:cut], section_titles[cut:])):
            g_code = ROMAN[g_index]
            block: list[dict[str, Any]] = []
            sections: list[dict[str, Any]] = []
            for title in g_sections:
                number += 1
                kids = [item(f"{number}.{i + 1}", str(number)) for i in range(rng.randint(3, 7))]
                sec = parent_row(str(number), "section", g_code, title, kids)
                sections.append(sec)
                block += [sec, *kids]
            rows += [parent_row(g_code, "group", None, groups[g_index], sections), *block]
    elif scheme == "I/1":
        for s_index, title in enumerate(section_titles):
            code = ROMAN[s_index]
            kids = [item(str(i + 1), code) for i in range(rng.randint(3, 7))]
            rows += [parent_row(code, "section", None, title, kids), *kids]
    else:  # "1/1.1"
        for s_index, title in enumerate(section_titles):
            code = str(s_index + 1)
            kids = [item(f"{code}.{i + 1}", code) for i in range(rng.randint(3, 7))]
            rows += [parent_row(code, "section", None, title, kids), *kids]
    if not with_other:
        for row in rows:
            row["other_vnd"] = None
    return rows


def make_plan(index: int, seed: int) -> Plan:
    rng = random.Random(seed * 1000 + index)
    province, level, districts = PROVINCES[index % len(PROVINCES)]
    prog_name = rng.choice(list(PROGRAMMES))
    programme = {**PROGRAMMES[prog_name], "name": prog_name}
    year = rng.randint(2019, 2025)
    # unit and scheme cycle with different periods so every pairing occurs across 9+ documents
    unit = list(UNITS)[(index + index // 3) % len(UNITS)]
    scheme = SCHEMES[index % len(SCHEMES)]
    rows = make_rows(rng, scheme, programme, province, districts, unit)
    with_other = rows[0]["other_vnd"] is not None
    top = [r for r in rows if r["parent_code"] is None]
    fields = ["total_vnd", "provincial_budget_vnd", "beneficiary_vnd", "other_vnd"]
    grand = {f: (sum(r[f] for r in top) if with_other or f != "other_vnd" else None) for f in fields}

    # columns: code and title first (every plan does that), the rest in one of several orders
    with_objective = rng.random() < 0.5
    with_notes = rng.random() < 0.5
    amounts = ["total_vnd", "split"]
    middle = ["implementing_unit"] + (["objective"] if with_objective else [])
    order = rng.choice(["unit-time-amounts", "amounts-time-unit", "time-amounts-unit", "unit-amounts-time"])
    blocks = {"unit": middle, "time": ["time"], "amounts": amounts}
    columns = ["code", "title"] + [c for part in order.split("-") for c in blocks[part]]
    if with_notes:
        columns.append("notes")
    if not with_objective:
        for r in rows:
            r["objective"] = None
    if not with_notes:
        for r in rows:
            r["notes"] = None
    labels = {k: rng.choice(v) for k, v in LABELS.items()}
    if prog_name != "khuyến công" and labels["provincial_budget_vnd"].startswith("Kinh phí khuyến công"):
        labels["provincial_budget_vnd"] = "Ngân sách tỉnh"
    layout = Layout(
        font=FONTS[index % len(FONTS)],
        font_pt=rng.choice([9.0, 9.5, 10.0, 10.5, 11.0]),
        landscape=rng.random() < 0.6,
        columns=columns,
        labels=labels,
        numbering_row=rng.random() < 0.4,
        total_row_first=rng.random() < 0.5,
        zero_as_dash=rng.random() < 0.5,
        month_style=rng.choice(["n", "0n", "Tháng n"]),
        border_px=rng.choice([0.75, 1.0, 1.0, 1.5]),
    )

    number = f"{rng.randint(40, 4800)}/KH-UBND"
    month, day = rng.randint(1, 4), rng.randint(1, 28)
    signer = rng.choice(SIGNERS)
    signer_title = rng.choice(["Chủ tịch", "Phó Chủ tịch"])
    bases = rng.sample(LEGAL_BASES, k=rng.randint(3, 5))
    stem = f"{index + 1:02d}_{_ascii(province)}_{year}_{_ascii(prog_name)}"
    title = f"Kế hoạch {prog_name[0].upper() + prog_name[1:]} {level} {province} năm {year}"
    truth: dict[str, Any] = {
        "source": f"{stem}.pdf",
        "document": {
            "doc_type": "Kế hoạch",
            "number": number,
            "issuer": f"Ủy ban nhân dân {level} {province}",
            "province": province,
            "issued_on": f"{year}-{month:02d}-{day:02d}",
            "year": year,
            "title": title,
            "signer": signer,
            "signer_title": signer_title,
            "legal_bases_count": len(bases),
        },
        "amount_unit": unit,
        "amount_multiplier_vnd": UNITS[unit][0],
        "absent_columns": [] if with_other else ["other_vnd"],
        "grand_total_vnd": grand,
        "narrative_totals_vnd": {f: v for f, v in grand.items() if v is not None},
        "expected_findings": [],
        "known_discrepancies": [
            f"generated by eval/make_corpus.py (seed {seed}, document {index}): scheme {scheme}, unit {unit}, "
            f"columns {' | '.join(columns)}; arithmetic exact everywhere"
        ],
        "rows": rows,
    }
    narrative = {
        "level": level,
        "province": province,
        "number": number,
        "day": day,
        "month": month,
        "year": year,
        "programme": prog_name,
        "agency": programme["agency"],
        "bases": bases,
        "signer": signer,
        "signer_title": signer_title,
    }
    return Plan(stem=stem, truth=truth, layout=layout, narrative=narrative)


def _ascii(text: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return "_".join(s.replace(",", " ").split())


# --------------------------------------------------------------------------- HTML

CSS = """
@page {{ size: A4 {orientation}; margin: 14mm 12mm 14mm 12mm; }}
body {{ font-family: "{font}"; font-size: {pt}pt; color: #000; }}
.head {{ display: flex; justify-content: space-between; text-align: center; }}
.head div {{ width: 48%; }}
.center {{ text-align: center; }}
.right {{ text-align: right; }}
p {{ margin: 0.35em 0; text-align: justify; }}
.narrative {{ break-after: page; }}
.sign {{ margin-left: 55%; text-align: center; margin-top: 2em; }}
table {{ border-collapse: collapse; width: 100%; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: auto; }}
th, td {{ border: {border}px solid #000; padding: 2px 3px; vertical-align: top; }}
th {{ font-weight: bold; text-align: center; vertical-align: middle; }}
td.num {{ text-align: right; white-space: nowrap; }}
td.mid {{ text-align: center; }}
tr.group td, tr.section td, tr.total td {{ font-weight: bold; }}
tr.group td {{ text-transform: none; }}
"""


def narrative_html(plan: Plan) -> str:
    n = plan.narrative
    t = plan.truth
    unit = "đồng"
    grand = t["grand_total_vnd"]

    def vnd(v: int) -> str:
        return fmt_amount(v, unit, False)

    parts = [
        f"ngân sách tỉnh {vnd(grand['provincial_budget_vnd'])} đồng",
        f"vốn đối ứng của các đơn vị thụ hưởng {vnd(grand['beneficiary_vnd'])} đồng",
    ]
    if grand["other_vnd"] is not None:
        parts.append(f"nguồn huy động khác {vnd(grand['other_vnd'])} đồng")
    level_upper = n["level"].upper()
    prog = n["programme"]
    bases = "".join(f"<p>Căn cứ {html.escape(b)};</p>" for b in n["bases"])
    return f"""
<section class="narrative">
<div class="head">
  <div><b>ỦY BAN NHÂN DÂN<br>{level_upper} {n["province"].upper()}</b><br>———<br>Số: {n["number"]}</div>
  <div><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b><br>———————<br>
  <i>{n["province"]}, ngày {n["day"]:02d} tháng {n["month"]:02d} năm {n["year"]}</i></div>
</div>
<p class="center" style="margin-top:1.5em"><b>KẾ HOẠCH</b><br><b>{prog[0].upper() + prog[1:]} {n["level"]} {n["province"]} năm {n["year"]}</b></p>
{bases}
<p>Xét đề nghị của {html.escape(n["agency"])},</p>
<p>Ủy ban nhân dân {n["level"]} ban hành Kế hoạch {prog} năm {n["year"]} như sau:</p>
<p><b>I. MỤC TIÊU</b></p>
<p>Triển khai có hiệu quả các nhiệm vụ {prog}, huy động các nguồn lực xã hội, góp phần phát triển kinh tế
nông thôn và nâng cao thu nhập cho người dân trên địa bàn {n["level"]}.</p>
<p><b>II. NỘI DUNG VÀ KINH PHÍ THỰC HIỆN</b></p>
<p>Chi tiết các nhiệm vụ tại Phụ lục kèm theo. Tổng kinh phí thực hiện: {vnd(grand["total_vnd"])} đồng,
trong đó: {"; ".join(parts)}.</p>
<p><b>III. TỔ CHỨC THỰC HIỆN</b></p>
<p>Giao {html.escape(n["agency"])} chủ trì, phối hợp với các sở, ngành, Ủy ban nhân dân các huyện triển khai thực hiện;
định kỳ báo cáo kết quả về Ủy ban nhân dân {n["level"]}.</p>
<div class="sign"><b>TM. ỦY BAN NHÂN DÂN<br>{"KT. CHỦ TỊCH<br>" if n["signer_title"] != "Chủ tịch" else ""}{n["signer_title"].upper()}</b>
<br><br><br><br><b>{n["signer"]}</b></div>
</section>"""


def month_text(m: int | None, style: str) -> str:
    if m is None:
        return ""
    if style == "0n":
        return f"{m:02d}"
    if style == "Tháng n":
        return f"Tháng {m}"
    return str(m)


def table_html(plan: Plan) -> str:
    lay = plan.layout
    t = plan.truth
    unit = t["amount_unit"]
    with_other = "other_vnd" not in t["absent_columns"]
    split_kids = ["provincial_budget_vnd", "beneficiary_vnd"] + (["other_vnd"] if with_other else [])
    # header row 1 (rowspan 2 for simple columns, colspan for "Thời gian"/"Trong đó"), row 2 the children
    top: list[str] = []
    second: list[str] = []
    leaf: list[str] = []
    for col in lay.columns:
        if col == "time":
            top.append('<th colspan="2">Thời gian</th>')
            second += [f"<th>{lay.labels['start_month']}</th>", f"<th>{lay.labels['end_month']}</th>"]
            leaf += ["start_month", "end_month"]
        elif col == "split":
            top.append(f'<th colspan="{len(split_kids)}">Trong đó</th>')
            second += [f"<th>{html.escape(lay.labels[k])}</th>" for k in split_kids]
            leaf += split_kids
        else:
            top.append(f'<th rowspan="2">{html.escape(lay.labels[col])}</th>')
            leaf.append(col)
    head = f"<tr>{''.join(top)}</tr><tr>{''.join(second)}</tr>"
    if lay.numbering_row:
        head += "<tr>" + "".join(f'<th style="font-weight:normal">({i + 1})</th>' for i in range(len(leaf))) + "</tr>"
    widths = {
        "code": 4,
        "title": 24,
        "implementing_unit": 13,
        "objective": 15,
        "notes": 9,
        "start_month": 5.5,
        "end_month": 5.5,
        "total_vnd": 9,
        "provincial_budget_vnd": 8.5,
        "beneficiary_vnd": 8.5,
        "other_vnd": 8,
    }
    colgroup = "".join(f'<col style="width:{widths[c]}%">' for c in leaf)

    def cells(row: dict[str, Any], cls: str) -> str:
        out = []
        for c in leaf:
            if c in ("total_vnd", "provincial_budget_vnd", "beneficiary_vnd", "other_vnd"):
                v = row.get(c)
                out.append(f'<td class="num">{"" if v is None else fmt_amount(v, unit, lay.zero_as_dash)}</td>')
            elif c in ("start_month", "end_month"):
                out.append(f'<td class="mid">{month_text(row.get(c), lay.month_style)}</td>')
            elif c == "code":
                out.append(f'<td class="mid">{html.escape(row.get("code") or "")}</td>')
            else:
                out.append(f"<td>{html.escape(row.get(c) or '')}</td>")
        return f'<tr class="{cls}">{"".join(out)}</tr>'

    total_row = {"code": "", "title": "TỔNG CỘNG", **t["grand_total_vnd"]}
    body = [cells(r, r["kind"]) for r in t["rows"]]
    if lay.total_row_first:
        body.insert(0, cells(total_row, "total"))
    else:
        body.append(cells(total_row, "total"))
    n = plan.narrative
    return f"""
<p class="center"><b>PHỤ LỤC</b><br><b>BIỂU TỔNG HỢP KẾ HOẠCH {n["programme"].upper()} NĂM {n["year"]}</b><br>
<i>(Kèm theo Kế hoạch số {n["number"]} ngày {n["day"]:02d}/{n["month"]:02d}/{n["year"]} của Ủy ban nhân dân {n["level"]} {n["province"]})</i></p>
<p class="right"><i>Đơn vị tính: {unit}</i></p>
<table><colgroup>{colgroup}</colgroup><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>"""


def plan_html(plan: Plan) -> str:
    lay = plan.layout
    css = CSS.format(
        orientation="landscape" if lay.landscape else "portrait",
        font=lay.font,
        pt=lay.font_pt,
        border=lay.border_px,
    )
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>{css}</style></head>'
        f"<body>{narrative_html(plan)}{table_html(plan)}</body></html>"
    )


def print_pdf(html_path: Path, pdf_path: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="vnplan-eval-chromium-") as profile:
        cmd = [
            CHROMIUM,
            *HEADLESS_FLAGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf_path}",
            "--no-pdf-header-footer",
            html_path.resolve().as_uri(),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    if not pdf_path.exists():
        raise RuntimeError(f"chromium wrote no PDF for {html_path}")


def covers_vietnamese(family: str) -> bool:
    """Whether fontconfig has this family with U+1EA1 (ạ), i.e. no glyph fallback for Vietnamese."""
    found = subprocess.run(["fc-list", ":charset=1ea1", "family"], capture_output=True, text=True).stdout
    return any(family in line.split(",") for line in found.splitlines())


def page_count(pdf_path: Path) -> int:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return len(pdf)
    finally:
        pdf.close()


# --------------------------------------------------------------------------- scans


def degrade(img: Image.Image, rng: np.random.Generator, dpi: int) -> Image.Image:
    """Grayscale, slight skew, blur, gaussian noise; more of everything at 200 dpi."""
    heavy = dpi < 300
    gray = img.convert("L")
    angle = float(rng.uniform(0.3, 1.5)) * (1 if rng.random() < 0.5 else -1)
    gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    gray = gray.filter(ImageFilter.GaussianBlur(radius=0.9 if heavy else 0.6))
    arr = np.asarray(gray, dtype=np.float32)
    arr = arr + rng.normal(0.0, 18.0 if heavy else 9.0, arr.shape)
    if heavy:  # salt-and-pepper specks, as a dusty scanner glass leaves
        specks = rng.random(arr.shape) < 0.0015
        arr[specks] = rng.choice([0.0, 255.0], size=int(specks.sum()))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")


def scan_pdf(src: Path, out: Path, dpi: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(str(src))
    pages: list[Image.Image] = []
    try:
        for index in range(len(pdf)):
            bitmap = pdf[index].render(scale=dpi / 72.0, grayscale=True)
            img = degrade(bitmap.to_pil(), rng, dpi)
            # JPEG round trip: the blocking artefacts are what real scanner PDFs carry
            buf = io.BytesIO()
            img.save(buf, format="JPEG", quality=int(rng.integers(60, 68) if dpi < 300 else rng.integers(68, 76)))
            buf.seek(0)
            pages.append(Image.open(buf).convert("L"))
    finally:
        pdf.close()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=float(dpi))


# --------------------------------------------------------------------------- main


def build(out: Path, docs: int, seed: int) -> list[dict[str, Any]]:
    for sub in ("truth", "html", "digital", "scan300", "scan200"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    manifest: list[dict[str, Any]] = []
    for index in range(docs):
        attempt = 0
        while True:
            plan = make_plan(index, seed + attempt * 7919)
            html_path = out / "html" / f"{plan.stem}.html"
            pdf_path = out / "digital" / f"{plan.stem}.pdf"
            html_path.write_text(plan_html(plan), encoding="utf-8")
            print_pdf(html_path, pdf_path)
            plan.pages = page_count(pdf_path)
            # the issue asks for 2-6 pages per document; redraw (another seed) when outside
            if MIN_PAGES <= plan.pages <= MAX_PAGES or attempt >= 20:
                break
            html_path.unlink()
            pdf_path.unlink()
            attempt += 1
        (out / "truth" / f"{plan.stem}.truth.json").write_text(
            json.dumps(plan.truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        for dpi in (300, 200):
            scan_pdf(pdf_path, out / f"scan{dpi}" / f"{plan.stem}.pdf", dpi, seed * 100 + index * 10 + dpi)
        entry = {"stem": plan.stem, "pages": plan.pages, "rows": len(plan.truth["rows"]), **asdict(plan.layout)}
        entry["unit"] = plan.truth["amount_unit"]
        entry["font_covers_vietnamese"] = covers_vietnamese(plan.layout.font)
        entry["scheme"] = plan.truth["known_discrepancies"][0].split("scheme ")[1].split(",")[0]
        manifest.append(entry)
        print(f"{plan.stem}: {plan.pages} pages, {entry['rows']} rows, {entry['unit']}, {entry['scheme']}", flush=True)
    (out / "corpus.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.make_corpus", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=HERE / "build")
    ap.add_argument("--docs", type=int, default=10)
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args(argv)
    for family in set(FONTS):
        if not covers_vietnamese(family):
            print(f"note: {family} lacks Vietnamese glyphs here; Chromium will use a fallback font", file=sys.stderr)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 2
    for sub in ("truth", "html", "digital", "scan300", "scan200"):
        shutil.rmtree(args.out / sub, ignore_errors=True)
    build(args.out, args.docs, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
