"""Stitching: the table rows of all pages -> header fragments of one budget table.

Policy ("same canonical columns"): every header occurrence opens a fragment; a fragment whose
header maps to canonical columns continues the table, whatever its column order. Repeated headers,
"(1) (2) …" numbering rows and page furniture inside the table area ("Hàng", "- 3 -") are dropped.
Non-table lines are the narrative, kept in order for the metadata stage.
"""

from __future__ import annotations

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
    return TableRegion(fragments=[f for f in fragments if f.rows], narrative=narrative, furniture=furniture)


def _continues_header(fragment: Fragment, cells: list[str]) -> bool:
    return len(fragment.header_rows) < 3 and is_header_continuation(cells)
