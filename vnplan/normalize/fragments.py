"""Stitching: the table rows of all pages -> header fragments of one budget table.

Policy ("same canonical columns"): every header occurrence opens a fragment; a fragment whose
header maps to canonical columns continues the table, whatever its column order. Repeated headers,
"(1) (2) …" numbering rows and page furniture inside the table area ("Hàng", "- 3 -") are dropped.
Non-table lines are the narrative, kept in order for the metadata stage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from vnplan.extract.model import Line, Page
from vnplan.normalize.columns import (
    flatten_header,
    is_header_continuation,
    is_header_row,
    is_numbering_row,
)


@dataclass
class Fragment:
    """Rows between two header occurrences (one page of the table, usually)."""

    header_rows: list[list[str]] = field(default_factory=list)
    rows: list[Line] = field(default_factory=list)
    # columns the header's words name nothing for, named by other evidence (the narrative's totals)
    evidence_keys: dict[int, str] = field(default_factory=dict)

    @property
    def keys(self) -> list[str | None]:
        keys = flatten_header(self.header_rows) if self.header_rows else []
        return [self.evidence_keys.get(position, key) for position, key in enumerate(keys)]


@dataclass
class TableRegion:
    fragments: list[Fragment]
    narrative: list[Line]  # every non-table line of the document, in reading order
    furniture: list[Line]  # non-table lines found between table rows (dropped from the table)


def pages_to_region(pages: Sequence[Page]) -> TableRegion:
    lines = [line for page in pages for line in page.lines]
    fragments: list[Fragment] = []
    narrative: list[Line] = []
    pending_furniture: list[Line] = []
    furniture: list[Line] = []
    for line in lines:
        if not line.is_table_row:
            narrative.append(line)
            if fragments and fragments[-1].rows:
                pending_furniture.append(line)
            continue
        cells = [cell.text for cell in line.cells]
        current = fragments[-1] if fragments else None
        # The lower row of a two-row header is checked first: it often names enough columns to
        # pass for a header of its own.
        if current is not None and not current.rows and _continues_header(current, cells):
            current.header_rows.append(cells)
        elif is_header_row(cells):
            fragments.append(Fragment(header_rows=[cells]))
        elif is_numbering_row(cells):
            continue
        else:
            if current is None:  # a table without a recognisable header: keep its rows all the same
                current = Fragment()
                fragments.append(current)
            current.rows.append(line)
            # Lines met between two table rows were page furniture, not narrative of the table.
            furniture += pending_furniture
            pending_furniture = []
    fragments = [f for f in fragments if f.rows]
    prose = _prose_before_the_table(fragments)
    if prose is not None:
        # wide word gaps of justified prose split its lines into cells; they are narrative
        fragments.remove(prose)
        in_narrative = {id(line) for line in [*narrative, *prose.rows]}
        narrative = [line for line in lines if id(line) in in_narrative]
        # what lay between those lines was no furniture inside a table either
        place = {id(line): index for index, line in enumerate(lines)}
        first_row = place[id(fragments[0].rows[0])]
        furniture = [line for line in furniture if place[id(line)] > first_row]
    return TableRegion(fragments=fragments, narrative=narrative, furniture=furniture)


# A cell that is a figure or a row code alone ("82", "1.500,5", "2.1.", "(3)", "IV", "25,5%").
_FIGURE_CELL = re.compile(r"^[(\[]?(?:[\d.,%\s/-]*\d[\d.,%\s/-]*|[IVXL]{1,5})[.)\]]?$")
_TABULAR_SHARE = 0.25


def _prose_before_the_table(fragments: Sequence[Fragment]) -> Fragment | None:
    """The rows met before any header, where a header follows and those rows hold no table: a
    report's body pages before its statistics appendix, read as a headerless table, became
    budget rows without a code, a title or an amount. A row of a table has a figure or a row code
    in a cell of its own; prose split at word gaps has next to none."""
    if len(fragments) < 2 or fragments[0].header_rows or not any(f.header_rows for f in fragments):
        return None
    rows = fragments[0].rows
    tabular = sum(
        any(_FIGURE_CELL.match(cell.text.strip()) for cell in line.cells if cell.text.strip()) for line in rows
    )
    return fragments[0] if tabular < _TABULAR_SHARE * len(rows) else None


def _continues_header(fragment: Fragment, cells: list[str]) -> bool:
    return len(fragment.header_rows) < 3 and is_header_continuation(cells)
