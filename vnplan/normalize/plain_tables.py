"""Tables that hold no money (scores, counts, staff lists, statistics) kept as plain tables.

Such a table is not a budget: its numbers never become amounts, and its rows are not budget rows.
It is kept as read (its columns, and each row's cells as printed) with a status of its own, and
the document says so in one line.
"""

from __future__ import annotations

from collections.abc import Sequence

from vnplan.normalize.column_model import ColumnSpec
from vnplan.normalize.fragments import TableRegion
from vnplan.normalize.numbers import unit_from_words
from vnplan.schemas import Column, Finding, PlainTable


def is_budget(columns: Sequence[Column], row_units: Sequence[str] = ()) -> bool:
    """A budget table has a money column, or a column whose rows state their unit (``row_units``,
    the ĐVT cells) with some of them in đồng: a statistics table's ha, tấn and người are no budget."""
    if any(column.kind == "money" for column in columns):
        return True
    return any(column.kind == "mixed" for column in columns) and any(unit_from_words(u) for u in row_units)


def row_units(region: TableRegion, fragment_specs: Sequence[Sequence[ColumnSpec]]) -> list[str]:
    """The cells of the unit-of-measure (ĐVT) column, where a table has one."""
    units = []
    for fragment, specs in zip(region.fragments, fragment_specs, strict=True):
        for spec in specs:
            if spec.role == "unit_of_measure":
                units += [line.cells[spec.position].text for line in fragment.rows if spec.position < len(line.cells)]
    return units


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
