"""Reader for Excel plans (.xlsx, .xlsm): each visible sheet is a page, its rows are lines.

Like Word, Excel keeps the grid itself, so no layout analysis is needed. A merged range is
reported once, in its top-left slot, with the slots it covers left blank (openpyxl already reads
covered slots as empty). Values are the results Excel saved (``data_only``), printed the way the
Vietnamese document prints them ("1.073.000", "4.050,8"), which is the text ``normalize`` parses.

Rows above and below the budget table (the two-column heading "UBND TỈNH … | CỘNG HÒA …", the title,
"ĐVT: triệu đồng", "Nơi nhận: … | TM. ỦY BAN NHÂN DÂN") are narrative, one line per cell, so the
metadata stage finds the number, date, title and signer as it does in a Word file or a text export.
"""

from __future__ import annotations

import datetime
import math
import posixpath
import re
import unicodedata
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from vnplan.extract.errors import InputError
from vnplan.extract.model import Cell, Line, Page, SourceDocument, file_sha256

READER = "openpyxl"
# A budget table has a code, a title and at least one amount: a row of fewer cells above or below
# it is a heading or a signature block, not the table.
_TABLE_MIN_CELLS = 3
_GENERAL_DECIMALS = 6  # a "General" cell shows what it holds; past 6 decimals it is float noise in a budget
_EXCEL_DIGITS = 15  # Excel itself keeps 15 significant digits: 0.1 + 0.2 shows 0.3
_LISTED_CELLS = 8  # cells a warning names before it says "…"

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_ESCAPED = re.compile(r"_x(00[01][0-9A-Fa-f])_")  # OOXML's escape of control characters: "_x000D_" = \r
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')  # quoted text, [colours], padding, fills
_DECIMALS_SHOWN = re.compile(r"\.([0#?]+)")


def read_xlsx(path: Path) -> SourceDocument:
    from openpyxl import load_workbook  # imported only when an Excel file comes in

    try:
        # Opened as a stream: openpyxl refuses a path whose name is not .xlsx, and the format of a
        # renamed workbook has been decided by its content (vnplan.extract.formats).
        # data_only: the saved results, not formulas
        with path.open("rb") as handle:
            workbook = load_workbook(handle, data_only=True)
        with zipfile.ZipFile(path) as archive:
            uncalculated = uncalculated_formulas(archive)
    except Exception as e:  # openpyxl raises a zoo of zip, XML and key errors on damaged files
        raise InputError(
            f"{path}: not a readable Excel .xlsx file ({type(e).__name__})",
            hint="open and re-save it in Excel, or save it as PDF",
        ) from e
    document = SourceDocument(path=str(path), sha256=file_sha256(path), kind="xlsx", number_style="vi")
    for sheet in workbook.worksheets:  # worksheets only: chart sheets hold no cells
        if sheet.sheet_state != "visible":
            if held_rows(sheet)[0]:
                document.warnings.append(f"sheet {sheet.title!r} is hidden and was not read")
            continue
        lines = sheet_to_lines(sheet, len(document.pages) + 1)
        if lines:
            document.pages.append(Page(number=len(document.pages) + 1, reader=READER, lines=tuple(lines)))
            if uncalculated.get(sheet.title):
                document.warnings.append(uncalculated_warning(sheet.title, uncalculated[sheet.title]))
    return document


def sheet_to_lines(sheet: Any, page: int) -> list[Line]:
    numbers, rows = held_rows(sheet)
    grid = [[cell_text(cell.value, cell.number_format) if cell else "" for cell in row] for row in rows]
    numeric = [any(cell is not None and type(cell.value) in (int, float) for cell in row) for row in rows]
    width = len(grid[0]) if grid else 0
    wide = {r.min_row for r in sheet.merged_cells.ranges if r.max_col - r.min_col + 1 > width / 2}
    return grid_to_lines(numbers, grid, numeric, wide, page)


def grid_to_lines(
    numbers: list[int], grid: list[list[str]], numeric: list[bool], wide: set[int], page: int
) -> list[Line]:
    """A sheet's rows (as printed text, with their row numbers, whether they hold a number, and the
    row numbers of cells merged over most of the width) -> narrative lines and table rows."""
    filled = [sum(1 for text in row if text) for row in grid]
    # A lone cell merged over most of the width is a title, a line of its own, never one side of a
    # two-column block (an unmerged lone cell may be: "- Lưu: VT" under "Nơi nhận:").
    full_width = [count == 1 and number in wide for number, count in zip(numbers, filled, strict=True)]
    first, last = table_span(filled, numeric)
    lines = narrative_lines(grid[:first], full_width[:first], page)
    for row, count in zip(grid[first : last + 1], filled[first : last + 1], strict=True):
        if count >= 2:
            lines.append(Line(text="\t".join(row), page=page, cells=tuple(Cell(text) for text in row)))
        elif count == 1:  # a title or note between two tables, like a paragraph between Word tables
            lines += narrative_lines([row], [True], page)
    return lines + narrative_lines(grid[last + 1 :], full_width[last + 1 :], page)


def held_rows(sheet: Any) -> tuple[list[int], list[list[Any]]]:
    """Row numbers (0 for a gap) and rows of the cells holding a value, over the columns that hold
    any; a run of empty rows becomes one empty row, which still separates two blocks of text.

    Only the cells the file holds are visited (openpyxl's ``_cells``): walking the sheet's rectangle
    would create every empty cell in it, and one stray cell at XFD1048576 makes that 17 billion."""
    held = {key: cell for key, cell in sheet._cells.items() if cell.value is not None}
    columns = sorted({column for _, column in held})
    numbers: list[int] = []
    rows: list[list[Any]] = []
    for number in sorted({row for row, _ in held}):
        if numbers and number > numbers[-1] + 1:
            numbers.append(0)
            rows.append([None] * len(columns))
        numbers.append(number)
        rows.append([held.get((number, column)) for column in columns])
    return numbers, rows


def table_span(filled: list[int], numeric: list[bool]) -> tuple[int, int]:
    """First and last row of the table: from its first row of 3+ cells to its last row of 3+ cells
    holding a number (the grand total, usually). Signature rows under a table ("Người lập biểu |
    Kế toán trưởng | Thủ trưởng đơn vị") have three cells too, but no number. (len, -1) when none."""
    wide = [i for i, count in enumerate(filled) if count >= _TABLE_MIN_CELLS]
    if not wide:
        return len(filled), -1
    with_number = [i for i in wide if numeric[i]]
    last = max(with_number or wide)
    # A total row whose label is merged over the code, title and quantity columns holds two cells
    # ("TỔNG CỘNG" and its amount): right under the table, with a number, it is the table's last row.
    while last + 1 < len(filled) and filled[last + 1] >= 2 and numeric[last + 1]:
        last += 1
    return wide[0], last


def narrative_lines(rows: list[list[str]], full_width: list[bool], page: int) -> list[Line]:
    """One line per cell outside the table. Rows between blank rows and full-width titles form a
    block read column by column: a two-column heading ("UBND TỈNH … / Số: …" beside "CỘNG HÒA … /
    <place>, ngày …") or signature ("Nơi nhận: …" beside "TM. ỦY BAN NHÂN DÂN / … / <name>") is read
    left block first, then right block, as the printed page (and a text export) reads."""
    lines: list[Line] = []
    block: list[list[str]] = []

    def flush() -> None:
        width = len(block[0]) if block else 0
        lines.extend(Line(text=row[c], page=page) for c in range(width) for row in block if row[c])
        block.clear()

    for row, full in zip(rows, full_width, strict=True):
        if full or not any(row):
            flush()
            lines.extend(Line(text=text, page=page) for text in row if text)
        else:
            block.append(row)
    flush()
    return lines


# --- cell values -> printed text -----------------------------------------------------------------


def cell_text(value: object, number_format: str = "General") -> str:
    """The text a cell shows, in the Vietnamese print convention normalize parses."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: bool is an int
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return number_text(value, number_format)
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y" if value.time() == datetime.time() else "%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return clean_text(str(value))


def clean_text(raw: str) -> str:
    """NFC, line breaks and runs of whitespace as one space ("_x000D_" escapes included)."""
    raw = _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), raw)
    return " ".join(unicodedata.normalize("NFC", raw).split())


def number_text(value: float, number_format: str = "General") -> str:
    """1073000 -> "1.073.000", 4050.8 -> "4.050,8", 0.1 + 0.2 -> "0,3", 0.6 as 0% -> "60%".

    Rounded to the decimals the cell's format shows (what the printed plan shows), at most 6 for
    "General"; trailing zeros dropped (normalize reads "468" and "468,0" alike)."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    section = _FORMAT_LITERALS.sub("", number_format.split(";")[0])
    percent = "%" in section
    if any(ch in section for ch in "0#?"):
        match = _DECIMALS_SHOWN.search(section)
        decimals = len(match.group(1)) if match else 0
    else:  # "General", "@": no digit placeholders
        decimals = _GENERAL_DECIMALS
    # An int is exact; a float keeps Excel's 15 significant digits, which drops its noise (0.30000000000000004)
    exact = Decimal(value) if isinstance(value, int) else Decimal(f"{value:.{_EXCEL_DIGITS}g}")
    if percent:
        exact *= 100
    if abs(exact) < 10**_EXCEL_DIGITS:  # bigger floats have no decimals to round (and would overflow Decimal)
        exact = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return vn_number(exact) + ("%" if percent else "")


def vn_number(value: Decimal) -> str:
    """Dots group thousands, a comma marks decimals (normalize.numbers.format_vn, kept here so that
    readers do not depend on normalize)."""
    integral, _, fraction = f"{abs(value):f}".partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(integral):,}".replace(",", ".")
    sign = "-" if value < 0 else ""  # a rounded -0.0000001 is Decimal("-0.000000"), which is not < 0
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


# --- formulas Excel never calculated -------------------------------------------------------------


def uncalculated_formulas(archive: zipfile.ZipFile) -> dict[str, list[str]]:
    """Sheet name -> cells that hold a formula but no saved result.

    A file written by a library (openpyxl, some exporters) and never opened in Excel has formulas
    without results; openpyxl then reads such a cell as empty, like a blank one. Only the XML tells
    them apart from a formula whose result is "" (which Excel marks t="str")."""
    from openpyxl.xml.functions import fromstring, iterparse  # defusedxml-backed when installed

    cell_tag, formula_tag, value_tag = (f"{{{_MAIN_NS}}}{tag}" for tag in ("c", "f", "v"))
    found: dict[str, list[str]] = {}
    for name, part in sheet_parts(archive, fromstring).items():
        with archive.open(part) as xml:
            for _, element in iterparse(xml):
                if element.tag != cell_tag:
                    continue
                formula, value = element.find(formula_tag), element.findtext(value_tag)
                if formula is not None and not value and element.get("t") != "str":
                    found.setdefault(name, []).append(element.get("r", "?"))
                element.clear()
    return found


def sheet_parts(archive: zipfile.ZipFile, fromstring: Any) -> dict[str, str]:
    """Sheet name -> the zip member holding it, from the workbook and its relationships."""
    workbook = fromstring(archive.read("xl/workbook.xml"))
    relations = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in relations.iter(f"{{{_PKG_REL_NS}}}Relationship")}
    members = set(archive.namelist())
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{{{_MAIN_NS}}}sheet"):
        target = targets.get(sheet.get(f"{{{_REL_NS}}}id"), "")
        # Targets are relative to xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/sheet1.xml")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if part in members:
            parts[sheet.get("name", "")] = part
    return parts


def uncalculated_warning(sheet: str, cells: list[str]) -> str:
    listed = ", ".join(cells[:_LISTED_CELLS]) + (", …" if len(cells) > _LISTED_CELLS else "")
    return (
        f"sheet {sheet!r}: {len(cells)} formula cell(s) ({listed}) have no saved value (the file was never"
        " recalculated in Excel) and were read as empty — open and save it in Excel; sums are re-derived"
        " by vnplan where possible"
    )
