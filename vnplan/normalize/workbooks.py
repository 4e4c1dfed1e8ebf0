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
from dataclasses import replace

from vnplan.extract.model import Page, SourceDocument
from vnplan.normalize.columns import is_header_row
from vnplan.normalize.fragments import pages_to_region
from vnplan.normalize.plain_tables import region_to_plain_table
from vnplan.normalize.text import fold
from vnplan.schemas import Finding, PlainTable, PlanDocument
from vnplan.schemas.document import Severity

WORKBOOK_KINDS = frozenset({"xlsx", "xls"})


def sheet_groups(pages: Sequence[Page]) -> list[list[Page]]:
    """Sheets holding table rows, grouped where consecutive sheets open with the same header."""
    groups: list[list[Page]] = []
    group_header: tuple[str, ...] | None = None
    for page in pages:
        rows = [[cell.text for cell in line.cells] for line in page.lines if line.is_table_row]
        if not rows:
            continue  # a sheet of notes: its lines are narrative of the whole workbook
        header = tuple(fold(cell) for cell in rows[0]) if is_header_row(rows[0]) else None
        if groups and header is not None and header == group_header:
            groups[-1].append(page)
        else:
            groups.append([page])
            group_header = header
    return groups


def workbook_to_document(source: SourceDocument, convert: Callable[[SourceDocument], PlanDocument]) -> PlanDocument:
    """``convert`` (one table's conversion) run on each group of sheets; every conversion sees the
    narrative of all sheets (the heading may sit on a sheet of its own)."""
    groups = sheet_groups(source.pages)
    if len(groups) <= 1:
        return convert(source)
    documents = [convert(replace(source, pages=_with_table_of(source.pages, group))) for group in groups]
    main = next((i for i, d in enumerate(documents) if d.items), None)
    if main is None:
        main = next((i for i, d in enumerate(documents) if d.plain_tables), 0)
    document = documents[main]
    read_on = _sheets(groups[main])
    for group, other in zip(groups, documents, strict=True):
        if other is document:
            continue
        table, finding = _kept_plain(group, other, read_on)
        if table is not None:
            document.plain_tables.append(table)
        document.findings.append(finding)
    return document


def _with_table_of(pages: Sequence[Page], group: Sequence[Page]) -> list[Page]:
    chosen = {page.number for page in group}
    return [
        page
        if page.number in chosen
        else replace(page, lines=tuple(line for line in page.lines if not line.is_table_row))
        for page in pages
    ]


def _sheets(group: Sequence[Page]) -> str:
    numbers = [page.number for page in group]
    return f"sheet {numbers[0]}" if len(numbers) == 1 else f"sheets {numbers[0]}–{numbers[-1]}"


def _holds(where: str) -> str:
    return f"{where} {'holds' if where.startswith('sheet ') else 'hold'}"


def _kept_plain(group: Sequence[Page], other: PlanDocument, read_on: str) -> tuple[PlainTable | None, Finding]:
    pages = [page.number for page in group]
    where = _sheets(group)
    if other.plain_tables:
        table: PlainTable | None = other.plain_tables[0]
        message = f"{_holds(where)} a table of its own with no money column: kept as a plain table"
        return table, Finding(severity="info", code="sheet-table-kept-plain", message=message, pages=pages)
    region = pages_to_region(group)
    if not region.fragments:
        message = f"{_holds(where)} rows that form no table: left out"
        return None, Finding(severity="info", code="sheet-table-kept-plain", message=message, pages=pages)
    table, _ = region_to_plain_table(region, other.columns)
    severity: Severity = "warning" if other.items else "info"
    what = "budget rows of its own" if other.items else "a table of its own"
    message = (
        f"{_holds(where)} {what} ({len(table.rows)} rows, header unlike the table read on {read_on}): kept as a "
        "plain table, its amounts not read or checked"
    )
    return table, Finding(severity=severity, code="sheet-table-kept-plain", message=message, pages=pages)
