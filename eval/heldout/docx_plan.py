"""Write a held-out plan as a Word document in the administrative layout of Nghị định 30/2020/NĐ-CP.

Portrait section: the issuing body's block (parent body, issuing body in bold, "Số: …") beside the
national motto and the place-and-date line, the title, "Căn cứ" lines, the body with the funding
paragraph, the "Nơi nhận" list beside the signature block. Landscape section: the appendix title,
the unit line and the budget table — a two-row header with merged cells, an optional "(1) (2) …"
numbering row, bold group/section rows, rows free to break across pages, the header repeated on
each page or not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

from eval.heldout import words
from eval.heldout.plan import SOURCES, Plan, format_amount

FONT = "Times New Roman"  # what real plans use; LibreOffice prints it with its metric twin, Liberation Serif

WIDTHS_CM = {
    "code": 1.2,
    "title": 7.0,
    "implementing_unit": 3.6,
    "objective": 3.0,
    "notes": 2.2,
    "start_month": 1.6,
    "end_month": 1.6,
    "time": 2.6,
    "total_vnd": 2.5,
    "provincial_budget_vnd": 2.3,
    "beneficiary_vnd": 2.3,
    "other_vnd": 2.2,
}


def _run(paragraph: Any, text: str, bold: bool = False, italic: bool = False, size: float | None = None) -> None:
    run = paragraph.add_run(text)
    run.bold = bold
    run.italic = italic
    if size:
        run.font.size = Pt(size)


def _para(container: Any, text: str = "", *, bold: bool = False, italic: bool = False, align: str = "left",
          size: float | None = None, indent: bool = False, after: float = 3) -> Any:  # fmt: skip
    p = container.add_paragraph()
    p.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.space_before = Pt(0)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1.0)
    if text:
        _run(p, text, bold, italic, size)
    return p


def _cell_text(cell: _Cell, text: str, *, bold: bool = False, italic: bool = False, align: str = "left",
               size: float | None = None) -> None:  # fmt: skip
    p = cell.paragraphs[0]
    p.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                   "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]  # fmt: skip
    p.paragraph_format.space_after = Pt(0)
    for i, line in enumerate(text.split("\n")):
        if i:
            p = cell.add_paragraph()
            p.alignment = cell.paragraphs[0].alignment
            p.paragraph_format.space_after = Pt(0)
        if line:
            _run(p, line, bold, italic, size)


def _no_borders(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _repeat_as_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _set_width(cell: _Cell, cm: float) -> None:
    cell.width = Cm(cm)


def _widths(plan: Plan, body: list[dict[str, Any]]) -> dict[str, float]:
    """Amount columns as wide as their longest figure in bold (an author widens a column rather
    than let a number wrap); the text columns share what is left."""
    widths = {}
    for key in plan.header.leaves:
        if key in ("total_vnd", *SOURCES):
            longest = max(len(cell_value(plan, row, key)) for row in body)
            widths[key] = max(WIDTHS_CM[key], longest * plan.layout.font_pt * 0.0205 + 0.45)
        else:
            widths[key] = WIDTHS_CM[key]
    return widths


def _column_widths(table: Any, widths: dict[str, float], available_cm: float) -> None:
    """Fixed column widths filling the page (LibreOffice lays a table out by its grid columns):
    code, months and amounts as given, the text columns scaled to the rest."""
    fixed_keys = {"code", "start_month", "end_month", "time", "total_vnd", *SOURCES}
    fixed = sum(w for k, w in widths.items() if k in fixed_keys)
    text = sum(w for k, w in widths.items() if k not in fixed_keys)
    scale = max(0.3, (available_cm - fixed) / text) if text else 1.0
    final = [w if k in fixed_keys else w * scale for k, w in widths.items()]
    table.autofit = False
    grid = table._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), final, strict=True):
        gc.set(qn("w:w"), str(int(Cm(w).twips)))
    for row in table.rows:
        for cell, w in zip(row.cells, final, strict=True):
            cell.width = Cm(w)


# --------------------------------------------------------------------------- portrait part


def _header_block(doc: Any, plan: Plan) -> None:
    n = plan.narrative
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    _set_width(left, 6.5)
    _set_width(right, 9.5)
    province = n["province"].upper()
    if n["by_ubnd"]:
        _cell_text(left, f"ỦY BAN NHÂN DÂN\nTỈNH {province}", bold=True, align="center", size=12.5)
    else:
        _cell_text(left, f"UBND TỈNH {province}", align="center", size=12.5)
        p = left.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, n["agency"], bold=True, size=12.5)
    p = left.add_paragraph("———")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = left.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, f"Số: {n['number']}", size=13)
    _cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, align="center", size=12.5)
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13)
    p = right.add_paragraph("——————————")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, f"{n['province']}, ngày {n['day']:02d} tháng {n['month']:02d} năm {n['year']}", italic=True, size=13)


def funding_sentence(plan: Plan) -> str:
    n = plan.narrative
    unit = n["narrative_unit"]

    def money(v: int) -> str:
        return f"{format_amount(v, unit, '0')} {unit}"

    parts = []
    for f in SOURCES:
        v = plan.grand.get(f)
        if v is None or v == 0:
            continue
        phrase = words.SOURCE_PHRASES[f][n["source_phrases"][f]]
        parts.append(phrase.format(v=money(v)))
    shape = words.FUNDING_SHAPES[n["funding_shape"]]
    return shape.format(total=money(int(plan.grand["total_vnd"] or 0)), parts="; ".join(parts), year=n["year"])


def _body(doc: Any, plan: Plan) -> None:
    n = plan.narrative
    prog = n["programme"]
    _para(doc, "KẾ HOẠCH", bold=True, align="center", size=14, after=0)
    _para(doc, f"{prog[0].upper() + prog[1:]} năm {n['year']}", bold=True, align="center", size=14, after=10)
    for base in n["bases"]:
        _para(doc, f"Căn cứ {base};", italic=not n["by_ubnd"], align="justify", indent=True)
    body = "Ủy ban nhân dân tỉnh" if n["by_ubnd"] else n["agency_name"]
    _para(doc, f"Theo đề nghị của {n['proposer']}, {body} ban hành Kế hoạch {prog} năm {n['year']} như sau:",
          align="justify", indent=True)  # fmt: skip
    _para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True, indent=True)
    for i, line in enumerate(words.PURPOSE_LINES[:3], 1):
        _para(doc, f"{i}. " + line.format(prog=prog, year=n["year"]), align="justify", indent=True)
    _para(doc, "II. NHIỆM VỤ TRỌNG TÂM", bold=True, indent=True)
    items = sum(r["kind"] == "item" for r in plan.rows)
    for line in words.TASK_LINES:
        _para(doc, "- " + line.format(n=items), align="justify", indent=True)
    _para(doc, "III. KINH PHÍ THỰC HIỆN", bold=True, indent=True)
    _para(doc, funding_sentence(plan), align="justify", indent=True)
    _para(doc, "(Chi tiết theo Phụ lục đính kèm)", italic=True, indent=True)
    _para(doc, "IV. TỔ CHỨC THỰC HIỆN", bold=True, indent=True)
    _para(doc, f"{n['proposer']} chủ trì, phối hợp với các cơ quan, đơn vị liên quan triển khai thực hiện; "
          "định kỳ báo cáo kết quả trước ngày 15 tháng 12.", align="justify", indent=True)  # fmt: skip


def _signature(doc: Any, plan: Plan) -> None:
    n = plan.narrative
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    _set_width(left, 8.0)
    _set_width(right, 8.0)
    _cell_text(left, "Nơi nhận:", bold=True, italic=True, size=12)
    for line in ("- Như mục IV;", "- Sở Tài chính;", "- Lưu: VT."):
        p = left.add_paragraph()
        _run(p, line, size=11)
    if n["by_ubnd"]:
        lead = "TM. ỦY BAN NHÂN DÂN\n" + ("KT. CHỦ TỊCH\n" if n["signer_title"] != "Chủ tịch" else "")
    else:
        lead = "KT. GIÁM ĐỐC\n" if n["signer_title"] != "Giám đốc" else ""
    _cell_text(right, lead + n["signer_title"].upper(), bold=True, align="center", size=13)
    for _ in range(3):
        right.add_paragraph()
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, n["signer"], bold=True, size=13)


# --------------------------------------------------------------------------- the appendix table


def _month_text(row: dict[str, Any], style: str, year: int) -> str:
    start, end = row.get("start_month"), row.get("end_month")
    if start is None:
        return ""
    if style == "slash":
        return f"{start}/{year} - {end}/{year}" if start != end else f"{start}/{year}"
    return f"Tháng {start} - {end}" if start != end else f"Tháng {start}"


def cell_value(plan: Plan, row: dict[str, Any], key: str) -> str:
    lay = plan.layout
    if key in ("total_vnd", *SOURCES):
        v = row.get(key)
        return "" if v is None else format_amount(v, lay.unit, lay.zero)
    if key in ("start_month", "end_month"):
        v = row.get(key)
        return "" if v is None else str(v)
    if key == "time":
        return _month_text(row, lay.month_style, plan.narrative["year"])
    if key == "code":
        return row.get("code") or ""
    value = row.get(key) or ""
    if key == "title" and row.get("kind") == "group" and lay.group_upper:
        return value.upper()
    return value


def _label(plan: Plan, key: str) -> str:
    label = plan.header.labels[key]
    if plan.layout.unit_in_header and key in ("total_vnd", "money"):
        return f"{label} ({plan.layout.unit})"
    return label


def _appendix(doc: Any, plan: Plan) -> None:
    n, lay, head = plan.narrative, plan.layout, plan.header
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(1.5)
    _para(doc, "PHỤ LỤC", bold=True, align="center", size=13, after=0)
    _para(doc, f"DỰ TOÁN KINH PHÍ {n['programme'].upper()} NĂM {n['year']}", bold=True, align="center", size=13,
          after=0)  # fmt: skip
    issuer = "Ủy ban nhân dân tỉnh" if n["by_ubnd"] else n["agency_name"]
    _para(doc, f"(Kèm theo Kế hoạch số {n['number']} ngày {n['day']:02d}/{n['month']:02d}/{n['year']} của {issuer})",
          italic=True, align="center", size=12)  # fmt: skip
    if not lay.unit_in_header:
        _para(doc, f"Đơn vị tính: {lay.unit}", italic=True, align="right", size=12)

    leaves = head.leaves
    parent_of = {leaf: p for p, kids in head.parents for leaf in kids}
    n_rows = 2 + int(lay.numbering_row)
    table = doc.add_table(rows=n_rows, cols=len(leaves))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    size = lay.font_pt
    for col, key in enumerate(leaves):
        parent = parent_of.get(key)
        if parent is None:
            cell = table.cell(0, col).merge(table.cell(1, col))
            _cell_text(cell, _label(plan, key), bold=True, align="center", size=size)
        else:
            _cell_text(table.cell(1, col), _label(plan, key), bold=True, align="center", size=size)
    for parent, kids in head.parents:
        first, last = leaves.index(kids[0]), leaves.index(kids[-1])
        cell = table.cell(0, first).merge(table.cell(0, last))
        _cell_text(cell, _label(plan, parent), bold=True, align="center", size=size)
    if lay.numbering_row:
        for col, key in enumerate(leaves):
            text = f"({col + 1})"
            if key == "total_vnd":
                parts = "+".join(f"({leaves.index(s) + 1})" for s in SOURCES if s in leaves)
                text = f"({col + 1})={parts}"
            _cell_text(table.cell(2, col), text, italic=True, align="center", size=size - 1)
    if lay.repeat_header:
        for r in range(n_rows):
            _repeat_as_header(table.rows[r])

    total_row = {"code": "", "title": lay.total_label, "kind": "total", **plan.grand}
    body = [*plan.rows]
    body.insert(0 if lay.total_first else len(body), total_row)
    for row in body:
        cells = table.add_row().cells
        bold = row["kind"] in ("group", "section", "total")
        for col, key in enumerate(leaves):
            text = cell_value(plan, row, key)
            align = "right" if key in ("total_vnd", *SOURCES) else "center" if key in (
                "code", "start_month", "end_month", "time") else "left"  # fmt: skip
            _cell_text(cells[col], text, bold=bold, align=align, size=size)
    _column_widths(table, _widths(plan, body), 26.5)
    _para(doc, "")


def write_docx(plan: Plan, path: Path) -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    r_fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(attr), FONT)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    _header_block(doc, plan)
    _para(doc, "")
    _body(doc, plan)
    _signature(doc, plan)
    _appendix(doc, plan)
    doc.save(str(path))
