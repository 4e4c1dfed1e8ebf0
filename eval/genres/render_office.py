"""Word (python-docx), Excel (openpyxl) and legacy Excel 97 (xlwt) renderings of a document.

Word: the letter as paragraphs, then the appendix table with merged header cells; where the table
goes on a new page it is a second table after a page break with the header repeated (as tables
pasted page by page are). Excel: title rows, the merged header, numbers stored as numbers with a
display format ('-' for zero), a manual page break and print titles at the table's breaks.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.pagebreak import Break

from .model import MONEY, PER_ROW, YEAR, Document, Row, cell_kind
from .printing import header_grid, header_spans, row_cells
from .render_text import doc_kind, signature


def to_docx(doc: Document, path: Path) -> None:
    word = WordDocument()
    sec = word.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    sec.left_margin = sec.right_margin = Cm(1.5)
    style = word.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)
    for line in (
        doc.issuer_line,
        f"Số: {doc.number}",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"{doc.province}, ngày 15 tháng 3 năm {doc.year}",
        doc_kind(doc),
        doc.title[len(doc_kind(doc)) + 1 :],
        *doc.narrative,
        *signature(doc),
    ):
        word.add_paragraph(line)
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for line in ("PHỤ LỤC", doc.appendix_title, f"(Kèm theo {doc_kind(doc).capitalize()} số {doc.number})"):
        word.add_paragraph(line)
    if doc.unit_line:
        word.add_paragraph(doc.unit_line)
    grid = header_grid(doc)
    spans = header_spans(doc)
    start = 0
    for b in [*doc.breaks, len(doc.rows)]:
        rows = doc.rows[start:b]
        table = word.add_table(rows=len(grid) + len(rows), cols=len(grid[0]))
        table.style = "Table Grid"
        for r, header_row in enumerate(grid):
            for c, text in enumerate(header_row):
                if text:
                    table.cell(r, c).text = text
        for r0, c0, r1, c1 in spans:
            table.cell(r0, c0).merge(table.cell(r1, c1))
        for r, row in enumerate(rows):
            for c, text in enumerate(row_cells(doc, row)):
                table.cell(len(grid) + r, c).text = text
        for row_cells_ in table.rows:
            for cell in row_cells_.cells:
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(9)
        if b < len(doc.rows):
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        start = b
    word.save(str(path))


def number_format(places: int) -> str:
    frac = ("." + "0" * places) if places else ""
    return f'#,##0{frac};-#,##0{frac};"-"'


def sheet_value(doc: Document, row: Row, label: str) -> tuple[object, str | None]:
    """(value to store, number format) of one cell."""
    col = next(c for c in doc.columns if c.label == label)
    v = row.values.get(label)
    if v is None:
        return None, None
    if not isinstance(v, Decimal):
        return str(v), None
    kind, _ = cell_kind(col, row)
    if kind == YEAR:
        return int(v), "0"
    places = max(0, -int(v.as_tuple().exponent)) if col.kind == PER_ROW else col.places
    value: object = int(v) if v == v.to_integral_value() else float(v)
    return value, number_format(places) if kind == MONEY else ("#,##0" + ("." + "0" * places if places else ""))


def table_top(doc: Document) -> list[str]:
    return [doc.issuer_line, "PHỤ LỤC", doc.appendix_title, f"(Kèm theo {doc_kind(doc).capitalize()} số {doc.number})"]


def to_xlsx(doc: Document, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Phụ lục"
    grid = header_grid(doc)
    width = len(grid[0])
    r = 1
    for line in table_top(doc):
        ws.cell(r, 1, line).font = Font(bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        ws.cell(r, 1).alignment = Alignment(horizontal="center")
        r += 1
    if doc.unit_line:
        ws.cell(r, width, doc.unit_line).alignment = Alignment(horizontal="right")
        r += 1
    first_header = r
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for header_row in grid:
        for c, text in enumerate(header_row, start=1):
            cell = ws.cell(r, c, text or None)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = box
        r += 1
    for r0, c0, r1, c1 in header_spans(doc):
        ws.merge_cells(start_row=first_header + r0, start_column=c0 + 1, end_row=first_header + r1, end_column=c1 + 1)
    lead = 3 if doc.unit_column_label else 2
    for i, row in enumerate(doc.rows):
        if i in doc.breaks:
            ws.row_breaks.append(Break(id=r - 1))
        ws.cell(r, 1, row.code).border = box
        ws.cell(r, 2, row.title).border = box
        if doc.unit_column_label:
            ws.cell(r, 3, row.unit).border = box
        for k, col in enumerate(doc.columns):
            value, fmt = sheet_value(doc, row, col.label)
            cell = ws.cell(r, lead + k + 1, value)
            cell.border = box
            if fmt:
                cell.number_format = fmt
            if row.kind in ("group", "section", "total"):
                cell.font = Font(bold=True)
        r += 1
    ws.print_title_rows = f"{first_header}:{first_header + len(grid) - 1}"
    ws.column_dimensions["B"].width = 48
    wb.save(str(path))


def to_xls(doc: Document, path: Path) -> None:
    import xlwt  # the legacy writer is only needed here

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Bieu")
    grid = header_grid(doc)
    width = len(grid[0])
    bold = xlwt.easyxf(
        "font: bold on; align: horiz center, vert center, wrap on; borders: left thin, right thin, top thin, bottom thin"
    )
    plain = xlwt.easyxf("borders: left thin, right thin, top thin, bottom thin")
    r = 0
    for line in table_top(doc):
        ws.write_merge(r, r, 0, width - 1, line, xlwt.easyxf("font: bold on; align: horiz center"))
        r += 1
    if doc.unit_line:
        ws.write(r, width - 1, doc.unit_line)
        r += 1
    first = r
    spans = header_spans(doc)
    covered = {(r0 + dr, c0 + dc) for r0, c0, r1, c1 in spans for dr in range(r1 - r0 + 1) for dc in range(c1 - c0 + 1)}
    for r0, c0, r1, c1 in spans:
        ws.write_merge(first + r0, first + r1, c0, c1, grid[r0][c0], bold)
    for d, header_row in enumerate(grid):
        for c, text in enumerate(header_row):
            if (d, c) not in covered:
                ws.write(first + d, c, text, bold)
    r = first + len(grid)
    lead = 3 if doc.unit_column_label else 2
    styles: dict[str, xlwt.XFStyle] = {}
    for row in doc.rows:
        ws.write(r, 0, row.code or "", plain)
        ws.write(r, 1, row.title, plain)
        if doc.unit_column_label:
            ws.write(r, 2, row.unit or "", plain)
        for k, col in enumerate(doc.columns):
            value, fmt = sheet_value(doc, row, col.label)
            if value is None:
                ws.write(r, lead + k, "", plain)
                continue
            if fmt:
                style = styles.setdefault(
                    fmt, xlwt.easyxf("borders: left thin, right thin, top thin, bottom thin", num_format_str=fmt)
                )
                ws.write(r, lead + k, value, style)
            else:
                ws.write(r, lead + k, value, plain)
        r += 1
    ws.col(1).width = 256 * 48
    book.save(str(path))
