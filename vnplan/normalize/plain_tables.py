"""Tables that hold no money (scores, counts, staff lists, statistics) kept as plain tables.

Such a table is not a budget: its numbers never become amounts, and its rows are not budget rows.
It is kept as read (its columns, and each row's cells as printed) with a status of its own, and
the document says so in one line.
"""

from __future__ import annotations

from collections.abc import Sequence

from vnplan.normalize.fragments import TableRegion
from vnplan.schemas import Column, Finding, PlainTable


def is_budget(columns: Sequence[Column]) -> bool:
    """A budget table has a money column (or a column whose rows state their unit, some in đồng)."""
    return any(column.kind in ("money", "mixed") for column in columns)


def region_to_plain_table(region: TableRegion, columns: Sequence[Column]) -> tuple[PlainTable, Finding]:
    lines = [line for fragment in region.fragments for line in fragment.rows]
    pages = sorted({line.page for line in lines})
    table = PlainTable(
        pages=pages,
        columns=list(columns),
        rows=[[cell.text for cell in line.cells] for line in lines],
        status="ok",
    )
    named = ", ".join(column.label for column in columns[:6]) + (" …" if len(columns) > 6 else "")
    finding = Finding(
        severity="warning",
        code="not-a-budget-table",
        message=f"the table ({len(lines)} rows; {named}) has no money column: kept as a plain table, "
        "not as budget rows",
        pages=pages,
    )
    return table, finding
