"""Reader for legacy Excel 97–2003 workbooks (.xls, BIFF) with xlrd, the way ``.xlsx`` is read.

Each visible sheet is a page; its cells become the same printed text the .xlsx reader makes (the
number format decides the decimals shown), and the same rules split the heading, the table and the
signature. Old workbooks often draw Vietnamese with TCVN3 (.VnTime) or VNI fonts: a text cell in
such a font is converted to Unicode by its font's name, as the PDF reader does for text layers.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from vnplan.extract.errors import InputError
from vnplan.extract.legacy_encoding import decode, font_to_encoding
from vnplan.extract.model import Page, SourceDocument, file_sha256
from vnplan.extract.xlsx_reader import cell_text, grid_to_lines

READER = "xlrd"


def read_xls(path: Path) -> SourceDocument:
    import xlrd  # imported only when an .xls file comes in

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except Exception as e:  # xlrd raises XLRDError, struct and index errors on damaged files
        raise InputError(
            f"{path}: not a readable Excel 97–2003 .xls file ({type(e).__name__})",
            hint="open and re-save it in Excel (as .xlsx), or save it as PDF",
        ) from e
    document = SourceDocument(path=str(path), sha256=file_sha256(path), kind="xls", number_style="vi")
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.visibility != 0:
                if sheet.nrows:
                    document.warnings.append(f"sheet {sheet.name!r} is hidden and was not read")
                continue
            lines = sheet_to_lines(book, sheet, len(document.pages) + 1)
            if lines:
                document.pages.append(Page(number=len(document.pages) + 1, reader=READER, lines=tuple(lines)))
    finally:
        book.release_resources()
    return document


def sheet_to_lines(book: Any, sheet: Any, page: int) -> list[Any]:
    """Rows holding a value over the columns that hold any (a run of empty rows as one gap), as
    the .xlsx reader lays them out."""
    held = [(r, c) for r in range(sheet.nrows) for c in range(sheet.ncols) if _has_value(sheet.cell(r, c))]
    columns = sorted({c for _, c in held})
    numbers: list[int] = []
    grid: list[list[str]] = []
    numeric: list[bool] = []
    for r in sorted({r for r, _ in held}):
        if numbers and r + 1 > numbers[-1] + 1:
            numbers.append(0)
            grid.append([""] * len(columns))
            numeric.append(False)
        numbers.append(r + 1)
        cells = [sheet.cell(r, c) for c in columns]
        grid.append([_text(book, cell) for cell in cells])
        numeric.append(any(cell.ctype == _NUMBER for cell in cells))
    width = len(columns)
    wide = {r0 + 1 for r0, _, c0, c1 in sheet.merged_cells if c1 - c0 > width / 2}
    return grid_to_lines(numbers, grid, numeric, wide, page)


_EMPTY, _TEXT, _NUMBER, _DATE, _BOOLEAN, _ERROR, _BLANK = range(7)


def _has_value(cell: Any) -> bool:
    return cell.ctype not in (_EMPTY, _BLANK, _ERROR) and not (cell.ctype == _TEXT and not cell.value.strip())


def _text(book: Any, cell: Any) -> str:
    if not _has_value(cell):
        return ""
    xf = book.xf_list[cell.xf_index] if cell.xf_index is not None else None
    if cell.ctype == _TEXT:
        encoding, capitals = font_to_encoding(book.font_list[xf.font_index].name) if xf else (None, False)
        value = decode(cell.value, encoding, capitals=capitals) if encoding else cell.value
        return cell_text(value)
    if cell.ctype == _BOOLEAN:
        return cell_text(bool(cell.value))
    if cell.ctype == _DATE:
        import xlrd

        moment = xlrd.xldate_as_datetime(cell.value, book.datemode)
        return cell_text(moment.date() if moment.time() == datetime.time() else moment)
    number_format = book.format_map[xf.format_key].format_str if xf and xf.format_key in book.format_map else "General"
    value = cell.value
    return cell_text(int(value) if float(value).is_integer() else value, number_format)
