"""Workbooks: every sheet holds a table of its own.

A PDF's table runs on from page to page, headerless pages included. A workbook's sheets are
separate tables: the plan on one sheet, lookup lists, templates and notes on the others (a real dự
toán workbook had its account-code lists read as amounts of the plan). Sheets are read as one
table only where each repeats the same header (a plan split over several sheets). The first sheet
holding budget rows is the document's table; every other sheet's table is kept as a plain table,
with a finding naming its sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from vnplan.extract.model import Line, Page, SourceDocument
from vnplan.normalize.columns import is_header_row
from vnplan.normalize.document_header import is_own_date_line
from vnplan.normalize.fragments import pages_to_region
from vnplan.normalize.plain_tables import region_to_plain_table
from vnplan.normalize.text import fold
from vnplan.schemas import Finding, PlainTable, PlanDocument
from vnplan.schemas.document import Severity

WORKBOOK_KINDS = frozenset({"xlsx", "xls"})


@dataclass(frozen=True)
class SheetPart:
    """A sheet, or the part of it above or below a signature block: ``lines`` in sheet order."""

    page: Page
    lines: tuple[Line, ...]
    below_signature: bool = False

    @property
    def table_rows(self) -> list[Line]:
        return [line for line in self.lines if line.is_table_row]


def sheet_parts(page: Page) -> list[SheetPart]:
    """A sheet's table, and any rows below the dated signature line that closes the report (working
    notes in another unit, a side calculation): the signed report ends there."""
    parts: list[SheetPart] = []
    lines, start, seen_table = page.lines, 0, False
    for index, line in enumerate(lines):
        if line.is_table_row:
            seen_table = True
        elif seen_table and is_own_date_line(line.text) and any(later.is_table_row for later in lines[index:]):
            parts.append(SheetPart(page, lines[start : index + 1], below_signature=bool(parts)))
            start, seen_table = index + 1, False
    return [*parts, SheetPart(page, lines[start:], below_signature=bool(parts))]


def sheet_groups(parts: Sequence[SheetPart]) -> list[list[SheetPart]]:
    """Parts holding table rows, grouped where consecutive sheets open with the same header."""
    groups: list[list[SheetPart]] = []
    group_header: tuple[str, ...] | None = None
    for part in parts:
        rows = [[cell.text for cell in line.cells] for line in part.table_rows]
        if not rows:
            continue  # notes: their lines are narrative of the whole workbook
        header = tuple(fold(cell) for cell in rows[0]) if is_header_row(rows[0]) else None
        if groups and header is not None and header == group_header and not part.below_signature:
            groups[-1].append(part)
        else:
            groups.append([part])
            group_header = header
    return groups


def workbook_to_document(source: SourceDocument, convert: Callable[[SourceDocument], PlanDocument]) -> PlanDocument:
    """``convert`` (one table's conversion) run on each group of sheets; every conversion sees the
    narrative of all sheets (the heading may sit on a sheet of its own)."""
    parts = [part for page in source.pages for part in sheet_parts(page)]
    groups = sheet_groups(parts)
    if len(groups) <= 1:
        return convert(source)
    documents = [convert(replace(source, pages=_with_table_of(source.pages, parts, group))) for group in groups]
    main = next((i for i, d in enumerate(documents) if d.items), None)
    if main is None:
        main = next((i for i, d in enumerate(documents) if d.plain_tables), 0)
    document = documents[main]
    read_on = _where(groups[main])
    for group, other in zip(groups, documents, strict=True):
        if other is document:
            continue
        table, finding = _kept_plain(group, other, read_on)
        if table is not None:
            document.plain_tables.append(table)
        document.findings.append(finding)
    return document


def _with_table_of(pages: Sequence[Page], parts: Sequence[SheetPart], group: Sequence[SheetPart]) -> list[Page]:
    """Every sheet's lines in order, table rows only from the parts in ``group``."""
    chosen = {id(part) for part in group}
    out = []
    for page in pages:
        lines: list[Line] = []
        for part in (p for p in parts if p.page is page):
            lines += part.lines if id(part) in chosen else [line for line in part.lines if not line.is_table_row]
        out.append(replace(page, lines=tuple(lines)))
    return out


def _where(group: Sequence[SheetPart]) -> str:
    numbers = sorted({part.page.number for part in group})
    where = f"sheet {numbers[0]}" if len(numbers) == 1 else f"sheets {numbers[0]}–{numbers[-1]}"
    return f"{where} below its signature" if group[0].below_signature else where


def _holds(where: str) -> str:
    return f"{where} {'holds' if where.startswith('sheet ') else 'hold'}"


def _kept_plain(group: Sequence[SheetPart], other: PlanDocument, read_on: str) -> tuple[PlainTable | None, Finding]:
    pages = sorted({part.page.number for part in group})
    where = _where(group)
    if other.plain_tables:
        table: PlainTable | None = other.plain_tables[0]
        message = f"{_holds(where)} a table of its own with no money column: kept as a plain table"
        return table, Finding(severity="info", code="sheet-table-kept-plain", message=message, pages=pages)
    region = pages_to_region([replace(part.page, lines=part.lines) for part in group])
    if not region.fragments:
        message = f"{_holds(where)} rows that form no table: left out"
        return None, Finding(severity="info", code="sheet-table-kept-plain", message=message, pages=pages)
    table, _ = region_to_plain_table(region, other.columns)
    severity: Severity = "warning" if other.items else "info"
    what = "budget rows of its own" if other.items else "a table of its own"
    why = "outside the signed report" if group[0].below_signature else f"header unlike the table read on {read_on}"
    message = (
        f"{_holds(where)} {what} ({len(table.rows)} rows, {why}): kept as a plain table, its amounts not read "
        "or checked"
    )
    return table, Finding(severity=severity, code="sheet-table-kept-plain", message=message, pages=pages)
