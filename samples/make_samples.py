"""Generate the sample PDFs in samples/pdf/ from the truth files in samples/truth/.

    .venv/bin/python samples/make_samples.py            # all samples
    .venv/bin/python samples/make_samples.py --list     # what would be written

Each truth file becomes a born-digital plan (narrative page + budget appendix over several
landscape pages, repeated two-row header with merged cells, multi-line cells, a row cut by a page
break); the first two also get image-only "scanned" versions (300 and 200 dpi, skewed, blurred,
noisy, JPEG-compressed), and two short pages are written in legacy TCVN3/VNI encodings. Output is
deterministic (reportlab invariant mode, fixed seeds) so the PDFs can be committed.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape  # Paragraph text is markup: "KC&TVPTCN" needs &amp;

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

rl_config.invariant = 1  # no timestamps or random document ids: same input, same bytes

HERE = Path(__file__).resolve().parent
FONT_DIRS = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/noto"),
]
FONT_FILES = {"DejaVuSans": "DejaVuSans.ttf", "DejaVuSerif": "DejaVuSerif.ttf"}
FALLBACK_FONTS = {"LiberationSerif": "LiberationSerif-Regular.ttf", "NotoSans": "NotoSans-Regular.ttf"}
TABLE_WIDTH_MM = 275  # landscape A4 less 10 mm margins
UNITS = {"đồng": 1, "ngàn đồng": 1_000, "nghìn đồng": 1_000, "triệu đồng": 1_000_000}


@dataclass(frozen=True)
class Layout:
    font: str
    unit: str
    order: str  # "time-first": dates before amounts; "money-first": amounts before dates
    with_other: bool  # print the "Nguồn khác" column
    numbering_row: bool  # a third header row "(1) (2) …"


LAYOUTS = [
    Layout("DejaVuSans", "ngàn đồng", "time-first", True, False),
    Layout("DejaVuSerif", "đồng", "money-first", False, True),
    Layout("DejaVuSerif", "triệu đồng", "time-first", True, False),
]


def fonts_to_registered(wanted: list[str]) -> dict[str, str]:
    """Register the TTFs with Vietnamese glyphs; map wanted name -> registered name."""
    found: dict[str, str] = {}
    for name in wanted:
        candidates = [(name, FONT_FILES.get(name, "")), *list(FALLBACK_FONTS.items())]
        for reg_name, filename in candidates:
            path = next((d / filename for d in FONT_DIRS if filename and (d / filename).exists()), None)
            if path is not None:
                pdfmetrics.registerFont(TTFont(reg_name, str(path)))
                found[name] = reg_name
                break
        else:
            sys.exit(
                "make_samples: no TrueType font with Vietnamese glyphs found in "
                + ", ".join(map(str, FONT_DIRS))
                + " — install one: apt-get install fonts-dejavu-core"
            )
    return found


def truth_to_plans(truth_dir: Path) -> list[tuple[str, dict[str, Any]]]:
    """(stem, plan) for every truth file, then the built-in development plan (long cells)."""
    plans = []
    for f in sorted(truth_dir.glob("*.truth.json")):
        plan = json.loads(f.read_text("utf-8"))
        if plan.get("rows") and "total_vnd" in plan["rows"][0]:
            plans.append((f.name.removesuffix(".truth.json"), plan))
    return plans + dev_plans()


def narrative_of(plan: dict[str, Any]) -> dict[str, Any]:
    """The narrative page's fields, filled in where a truth file only records counts."""
    doc = dict(plan["document"])
    if "date_text" not in doc:
        year, month, day = (doc.get("issued_on") or "2020-01-01").split("-")
        doc["date_text"] = f"ngày {day} tháng {month} năm {year}"
    if "legal_bases" not in doc:
        refs = sorted({ref for row in plan["rows"] for ref in row.get("legal_refs", [])})
        refs = [*refs, "45/2012/NĐ-CP", "83/2018/NĐ-CP", "30/2021/NQ-HĐND", "12/2021/QĐ-UBND"]
        doc["legal_bases"] = [
            f"Căn cứ văn bản số {ref} của cơ quan có thẩm quyền;" for ref in refs[: doc.get("legal_bases_count", 2)]
        ]
    if "funding_text" not in doc:
        total = (plan.get("narrative_totals_vnd") or plan.get("grand_total_vnd") or {}).get("total_vnd")
        amount = amount_to_text(total, "đồng") if total else "theo phụ lục đính kèm"
        doc["funding_text"] = f"Tổng kinh phí thực hiện kế hoạch: {amount} đồng."
    return doc


def amount_to_text(vnd: int | None, unit: str) -> str:
    """Print an amount the Vietnamese way in the table's unit: 1.073.000 or 4.050,8."""
    if vnd is None:
        return ""
    value = vnd / UNITS[unit]
    whole = int(value)
    text = f"{whole:,}".replace(",", ".")
    frac = round(value - whole, 3)
    if frac:
        text += "," + f"{frac:.3f}"[2:].rstrip("0")
    return text


# --- development data: used only while samples/truth/ holds no truth files ---------------------

_DEV_ROWS = [
    # code, kind, title, unit, objective, result, start, end, total (ngàn đồng), provincial, beneficiary, notes
    ("I", "group", "Chương trình đề án khuyến công", None, None, None, None, None, None, None, None, None),
    ("1", "section", "Đào tạo nghề, truyền nghề", None, None, None, None, None, 640000, 460000, 180000, None),
    ("1.1", "item", "Đào tạo nghề cho lao động nông thôn", "Trung tâm Khuyến công",
     "Tổ chức đào tạo nghề, nâng cao tay nghề cho lao động nông thôn theo nhu cầu của cơ sở",
     "300 lao động được đào tạo nghề", 4, 12, 520000, 400000, 120000, None),
    ("1.2", "item", "Truyền nghề mây tre đan", "Trung tâm Khuyến công",
     "Truyền nghề cho lao động tại các xã có làng nghề truyền thống", "60 lao động có việc làm",
     3, 9, 120000, 60000, 60000, None),
    ("2", "section", "Phát triển sản phẩm công nghiệp nông thôn", None, None, None, None, None,
     1073000, 935000, 138000, None),
    ("2.1", "item", "Tham gia hội chợ triển lãm trong nước", "Trung tâm Khuyến công",
     "Tổ chức gian hàng chung của tỉnh tại các hội chợ triển lãm khu vực phía Nam và miền Trung",
     "Tham gia 03 hội chợ triển lãm", 4, 12, 360000, 360000, 0, "Quyết định 53/2018/QĐ-UBND"),
    ("2.2", "item", "Hỗ trợ thuê gian hàng hội chợ", "Trung tâm Khuyến công",
     "Hỗ trợ cơ sở công nghiệp nông thôn thuê gian hàng giới thiệu sản phẩm",
     "Hỗ trợ 80% chi phí thuê 10 gian hàng", 1, 12, 100000, 80000, 20000, None),
    ("2.3", "item", "Hỗ trợ đầu tư phòng trưng bày sản phẩm", "Trung tâm Khuyến công",
     "Hỗ trợ cơ sở đầu tư phòng trưng bày để giới thiệu, quảng bá sản phẩm",
     "01 điểm trưng bày sản phẩm", 1, 12, 168000, 50000, 118000, None),
    ("2.4", "item", "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu", "Sở Công Thương",
     "Tổ chức bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh năm 2020 và hỗ trợ "
     "các sản phẩm đạt giải tham gia bình chọn cấp khu vực, cấp quốc gia; in ấn giấy chứng nhận, "
     "tổ chức lễ trao giải, thông tin tuyên truyền trên các phương tiện thông tin đại chúng, "
     "khảo sát, đánh giá và tuyển chọn sản phẩm tại các huyện, thành phố",
     "01 lần bình chọn cấp tỉnh", 4, 12, 445000, 445000, 0, "Quyết định 41/2015/QĐ-UBND"),
    ("3", "section", "Nâng cao năng lực quản lý", None, None, None, None, None, 470000, 470000, 0, None),
    ("3.1", "item", "Tập huấn khởi sự doanh nghiệp", "Trung tâm Khuyến công",
     "Tập huấn khởi sự doanh nghiệp, quản trị doanh nghiệp và các chuyên đề quản lý",
     "400 học viên được cấp chứng nhận", 4, 12, 250000, 250000, 0, None),
    ("3.2", "item", "Khảo sát học tập kinh nghiệm", "Trung tâm Khuyến công",
     "Tổ chức đoàn cán bộ và cơ sở khảo sát, học tập kinh nghiệm tại các tỉnh bạn",
     "02 đoàn, 30 người", 5, 12, 220000, 220000, 0, None),
    ("4", "section", "Mô hình trình diễn kỹ thuật", None, None, None, None, None, 5470050, 1871800, 3598250, None),
    ("4.1", "item", "Xây dựng mô hình trình diễn kỹ thuật", "Trung tâm Khuyến công",
     "Hỗ trợ xây dựng mô hình trình diễn kỹ thuật sản xuất sản phẩm mới",
     "01 mô hình trình diễn", 1, 12, 1997500, 599250, 1398250, None),
    ("4.2", "item", "Ứng dụng máy móc thiết bị tiên tiến", "Trung tâm Khuyến công",
     "Hỗ trợ cơ sở ứng dụng máy móc, thiết bị tiên tiến vào sản xuất", "06 mô hình ứng dụng",
     1, 12, 3472550, 1272550, 2200000, None),
    ("5", "section", "Thông tin tuyên truyền", None, None, None, None, None, 1052000, 1052000, 0, None),
    ("5.1", "item", "Cập nhật trang thông tin điện tử", "Trung tâm Khuyến công",
     "Cập nhật thường xuyên thông tin, dữ liệu về khuyến công", "Trên 1.000 lượt truy cập/tháng",
     1, 12, 111000, 111000, 0, None),
    ("5.2", "item", "Chuyên đề khuyến công trên đài phát thanh", "Đài Phát thanh và Truyền hình",
     "Giới thiệu chủ trương, chính sách khuyến công", "24 chuyên đề", 1, 12, 350000, 350000, 0, None),
    ("5.3", "item", "Bản tin khuyến công", "Trung tâm Khuyến công", "Giới thiệu chính sách công nghiệp",
     "Phát hành 1.600 cuốn bản tin", 1, 12, 420000, 420000, 0, None),
    ("5.4", "item", "Thống kê số liệu", "Cục Thống kê", "Thống kê chỉ tiêu công nghiệp nông thôn",
     "Số liệu cơ sở", 3, 12, 35000, 35000, 0, None),
    ("5.5", "item", "Hội thảo phổ biến công nghệ", "Trung tâm Khuyến công", "Tổ chức 04 hội thảo",
     "200 người tham dự", 5, 12, 136000, 136000, 0, None),
    ("II", "group", "Hỗ trợ hạ tầng cụm công nghiệp", None, None, None, None, None, 1400000, 1400000, 0, None),
    ("", "group", "TỔNG CỘNG", None, None, None, None, None, 10105050, 6188800, 3916250, None),
]  # fmt: skip


def dev_plans() -> list[tuple[str, dict[str, Any]]]:
    keys = ["code", "kind", "title", "implementing_unit", "objective", "expected_result", "start_month",
            "end_month", "total_vnd", "provincial_budget_vnd", "beneficiary_vnd", "notes"]  # fmt: skip
    rows = []
    for values in _DEV_ROWS:
        row: dict[str, Any] = dict(zip(keys, values, strict=True))
        for k in ("total_vnd", "provincial_budget_vnd", "beneficiary_vnd"):
            row[k] = None if row[k] is None else int(row[k]) * 1000
        row["other_vnd"] = None if row["total_vnd"] is None else 0
        rows.append(row)
    plans = []
    for stem, province, number in (("dev-binhduong-2020-khuyen-cong", "Bình Dương", "118/KH-UBND"),):
        document = {
            "doc_type": "Kế hoạch", "number": number, "issuer": f"Ủy ban nhân dân tỉnh {province}",
            "province": province, "date_text": "ngày 06 tháng 3 năm 2020",
            "title": f"Khuyến công tỉnh {province} năm 2020", "signer": "Trần Văn Vĩnh",
            "signer_title": "Phó Chủ tịch",
            "legal_bases": ["Căn cứ Nghị định số 45/2012/NĐ-CP ngày 21/5/2012 của Chính phủ về khuyến công;",
                            "Căn cứ Quyết định số 53/2018/QĐ-UBND ngày 11/12/2018 của UBND tỉnh;"],
            "funding_text": "Tổng kinh phí thực hiện: 10.105.050.000 đồng (Mười tỷ, một trăm lẻ năm triệu, "
                            "không trăm năm mươi nghìn đồng).",
        }  # fmt: skip
        plans.append((stem, {"document": document, "amount_unit": "ngàn đồng", "rows": rows}))
    return plans


# --- the born-digital plan --------------------------------------------------------------------


def styles_for(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=11, leading=14)
    return {
        "body": ParagraphStyle("body", parent=base, firstLineIndent=10 * mm, spaceAfter=4),
        "center": ParagraphStyle("center", parent=base, alignment=1),
        "title": ParagraphStyle("title", parent=base, alignment=1, fontSize=13, leading=17),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "num": ParagraphStyle("num", parent=base, fontSize=8, leading=10, alignment=2),
        "head": ParagraphStyle("head", parent=base, fontSize=8, leading=10, alignment=1),
    }


def narrative_flowables(plan: dict[str, Any], st: dict[str, ParagraphStyle]) -> list[Any]:
    doc = narrative_of(plan)
    header = Table(
        [
            [Paragraph(doc["issuer"].upper(), st["center"]), Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", st["center"])],
            [Paragraph(f"Số: {doc['number']}", st["center"]), Paragraph("Độc lập - Tự do - Hạnh phúc", st["center"])],
            ["", Paragraph(f"{doc['province']}, {doc['date_text']}", st["center"])],
        ],
        colWidths=[70 * mm, 100 * mm],
    )  # fmt: skip
    out: list[Any] = [header, Spacer(1, 8 * mm), Paragraph(doc["doc_type"].upper(), st["title"])]
    out += [Paragraph(doc["title"], st["title"]), Spacer(1, 6 * mm)]
    out += [Paragraph(basis, st["body"]) for basis in doc["legal_bases"]]
    out += [Paragraph(doc["funding_text"], st["body"]), Spacer(1, 10 * mm)]
    out += [
        Paragraph(f"TM. {doc['issuer'].upper()}", st["center"]),
        Paragraph(doc["signer_title"].upper(), st["center"]),
    ]
    out += [Spacer(1, 18 * mm), Paragraph(doc["signer"], st["center"])]
    return out


def columns_for(layout: Layout, plan: dict[str, Any]) -> list[tuple[str, str, str, float]]:
    """(group heading or "", heading, row key, width in mm) in print order."""
    absent = set(plan.get("absent_columns", []))
    absent |= {k for k in ("objective", "expected_result") if all(r.get(k) is None for r in plan["rows"])}
    time = [("Thời gian", "Bắt đầu (tháng)", "start_month", 22), ("Thời gian", "Kết thúc (tháng)", "end_month", 22)]
    wide = 12 if layout.unit == "đồng" else 0  # "10.987.250.000" must not wrap
    money = [("", "Tổng KP thực hiện", "total_vnd", 24 + wide)]
    money.append(("Trong đó", "NSNN tỉnh", "provincial_budget_vnd", 22 + wide))
    money.append(("Trong đó", "Đối ứng của đơn vị thụ hưởng", "beneficiary_vnd", 22 + wide))
    if layout.with_other and "other_vnd" not in absent:
        money.append(("Trong đó", "Nguồn khác", "other_vnd", 22 + wide))
    text = [("", "Đơn vị thực hiện", "implementing_unit", 26), ("", "Mục tiêu", "objective", 42)]
    text.append(("", "Kết quả dự kiến", "expected_result", 34))
    lead = [("", "STT", "code", 14), ("", "Nội dung", "title", 44)]
    tail = [("", "Ghi chú", "notes", 26)]
    body = text + (time + money if layout.order == "time-first" else money + time)
    cols = lead + body + tail
    if "objective" in absent:  # the room goes to the title
        cols[1] = ("", "Nội dung", "title", 44 + 88 - 40 * ("expected_result" not in absent))
    return [c for c in cols if c[2] not in absent]


def table_flowable(plan: dict[str, Any], layout: Layout, st: dict[str, ParagraphStyle]) -> Table:
    cols = columns_for(layout, plan)
    top = [Paragraph(g or h, st["head"]) if (g or h) else "" for g, h, _, _ in cols]
    for i, (g, _, _, _) in enumerate(cols):  # a group heading is printed once, over its span
        if g and i > 0 and cols[i - 1][0] == g:
            top[i] = ""
    second = [Paragraph(h, st["head"]) if g else "" for g, h, _, _ in cols]
    data: list[list[Any]] = [top, second]
    if layout.numbering_row:
        data.append([Paragraph(f"({i + 1})", st["head"]) for i in range(len(cols))])
    unit = plan.get("amount_unit", layout.unit) if layout.unit == "plan" else layout.unit
    rows = list(plan["rows"])
    if plan.get("grand_total_vnd") and rows[-1].get("code"):
        rows.append({"code": "", "title": "TỔNG CỘNG", **plan["grand_total_vnd"]})
    for row in rows:
        cells: list[Any] = []
        for _, _, key, _ in cols:
            value = row.get(key)
            if key.endswith("_vnd"):
                cells.append(Paragraph(amount_to_text(value, unit), st["num"]))
            else:
                cells.append(Paragraph("" if value is None else escape(str(value)), st["cell"]))
        data.append(cells)
    # BOX as well as GRID: each page's piece of a split table gets its closing line
    style: list[tuple[Any, ...]] = [("GRID", (0, 0), (-1, -1), 0.6, colors.black)]
    style.append(("BOX", (0, 0), (-1, -1), 0.6, colors.black))
    # body cells top-aligned: reportlab mis-draws a MIDDLE-aligned row split under a repeated header
    style.append(("VALIGN", (0, 0), (-1, -1), "TOP"))
    for i, (g, _, _, _) in enumerate(cols):
        if not g:
            style.append(("SPAN", (i, 0), (i, 1)))  # one heading over both header rows
        elif i == 0 or cols[i - 1][0] != g:
            end = max(j for j, c in enumerate(cols) if c[0] == g)
            style.append(("SPAN", (i, 0), (end, 0)))
    head_rows = 3 if layout.numbering_row else 2
    style.append(("VALIGN", (0, 0), (-1, head_rows - 1), "MIDDLE"))
    # the repeated header draws its own bottom line: a continued row would not draw its top one
    style.append(("LINEBELOW", (0, head_rows - 1), (-1, head_rows - 1), 0.6, colors.black))
    scale = TABLE_WIDTH_MM / sum(w for _, _, _, w in cols)
    widths = [w * scale * mm for _, _, _, w in cols]
    # splitByRow=0: cut the row that meets the page end, as real appendices do
    return Table(data, colWidths=widths, repeatRows=head_rows, splitByRow=0, splitInRow=1, style=TableStyle(style))


def plan_to_pdf(plan: dict[str, Any], layout: Layout, out: Path) -> None:
    st = styles_for(layout.font)
    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=15 * mm, topMargin=15 * mm)
    doc.title, doc.author, doc.creator = plan["document"]["title"], "vnplan samples", "vnplan samples"
    portrait = Frame(20 * mm, 15 * mm, A4[0] - 35 * mm, A4[1] - 30 * mm, id="p")
    land = landscape(A4)
    wide = Frame(10 * mm, 10 * mm, land[0] - 20 * mm, land[1] - 20 * mm, id="l")
    doc.addPageTemplates([PageTemplate("narrative", [portrait]), PageTemplate("table", [wide], pagesize=land)])
    unit = layout.unit
    story = narrative_flowables(plan, st)
    story += [NextPageTemplate("table"), PageBreak()]
    story += [Paragraph(f"PHỤ LỤC: BIỂU TỔNG HỢP {plan['document']['title'].upper()}", st["title"])]
    story += [Paragraph(f"(Kèm theo {plan['document']['doc_type']} số {plan['document']['number']})", st["center"])]
    story += [Paragraph(f"ĐVT: {unit}", ParagraphStyle("u", parent=st["center"], alignment=2)), Spacer(1, 3 * mm)]
    story.append(table_flowable(plan, layout, st))
    doc.build(story)


# --- legacy encodings: a short page whose text layer is TCVN3 or VNI look-alikes -----------------


def legacy_pdf(lines: list[str], font: str, out: Path) -> None:
    """Draw legacy-encoded look-alike text with a Unicode font (the text layer is what matters)."""
    c = canvas.Canvas(str(out), pagesize=A4, invariant=1)
    y = A4[1] - 30 * mm
    for line in lines:
        c.setFont(font, 12)
        c.drawString(25 * mm, y, line)
        y -= 8 * mm
    c.showPage()
    c.save()


TCVN3_LINES = [
    "KÕ ho¹ch khuyÕn c«ng tØnh §ång Nai n¨m 2020",
    "C¨n cø NghÞ ®Þnh sè 45/2012/N§-CP ngµy 21/5/2012 cña ChÝnh phñ vÒ khuyÕn c«ng;",
    "Tæng kinh phÝ thùc hiÖn kÕ ho¹ch lµ 10.987.250.000 ®ång.",
]
VNI_LINES = [
    "Keá hoaïch khuyeán coâng tænh Ñoàng Nai naêm 2020",
    "Caên cöù Nghò ñònh soá 45/2012/NÑ-CP ngaøy 21/5/2012 cuûa Chính phuû veà khuyeán coâng;",
    "Toång kinh phí thöïc hieän keá hoaïch laø 10.987.250.000 ñoàng.",
]


# --- scanned versions ----------------------------------------------------------------------------


def page_to_scan(pdf: pdfium.PdfDocument, index: int, dpi: int, seed: int) -> Image.Image:
    """Render a page and age it like a photocopy: skew, blur, noise; JPEG happens on save."""
    rng = np.random.default_rng(seed)
    page = pdf[index]
    img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    angle = float(rng.uniform(0.5, 1.5) * rng.choice([-1, 1]))
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    arr = np.asarray(img, dtype=np.float32) + rng.normal(0, 3, size=(img.height, img.width))
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")
    return img.filter(ImageFilter.GaussianBlur(radius=0.8 * dpi / 300))


def pdf_to_scanned_pdf(src: Path, out: Path, pages: list[int], dpi: int, seed: int) -> None:
    pdf = pdfium.PdfDocument(str(src))
    images = []
    for n, index in enumerate(pages):
        buf = io.BytesIO()  # round-trip through JPEG q60 for its block artefacts
        page_to_scan(pdf, index, dpi, seed + n).save(buf, format="JPEG", quality=60)
        images.append(Image.open(io.BytesIO(buf.getvalue())))
    pdf.close()
    fixed = time.gmtime(1577836800)  # Pillow stamps "now" otherwise; keep the bytes stable
    images[0].save(
        out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi, creationDate=fixed, modDate=fixed
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "pdf")
    parser.add_argument("--truth", type=Path, default=HERE / "truth")
    parser.add_argument("--list", action="store_true", help="print the files that would be written")
    args = parser.parse_args(argv)
    plans = truth_to_plans(args.truth)
    fonts = fonts_to_registered(sorted({lay.font for lay in LAYOUTS}))
    args.out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for n, (stem, plan) in enumerate(plans):
        layout = LAYOUTS[n % len(LAYOUTS)]
        layout = dataclasses.replace(layout, font=fonts[layout.font], unit=plan.get("amount_unit") or layout.unit)
        digital = args.out / f"{stem}.pdf"
        written.append(digital)
        if not args.list:
            plan_to_pdf(plan, layout, digital)
        if n in (1, 3):  # one-page scans of a short last table page keep the files < 300 KB
            last = len(pdfium.PdfDocument(str(digital))) - 1 if digital.exists() else 1
            for dpi, pages in ((300, [last]), (200, [last])):
                scan = args.out / f"{stem}.scan{dpi}.pdf"
                written.append(scan)
                if not args.list:
                    pdf_to_scanned_pdf(digital, scan, pages, dpi, seed=1000 * n + dpi)
    for name, lines in (("legacy-tcvn3", TCVN3_LINES), ("legacy-vni", VNI_LINES)):
        written.append(args.out / f"{name}.pdf")
        if not args.list:
            legacy_pdf(lines, fonts["DejaVuSans"], written[-1])
    for path in written:
        size = f"{path.stat().st_size // 1024} KB" if path.exists() and not args.list else ""
        print(path.relative_to(HERE.parent) if path.is_relative_to(HERE.parent) else path, size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
