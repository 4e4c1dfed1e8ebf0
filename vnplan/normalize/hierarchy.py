"""Hierarchy from the document's own numbering pattern, not from a fixed scheme.

Each code has a style: Roman ("II"), Arabic ("2"), dotted ("2.1", one style per depth) or a
letter ("a"). Styles get levels in the order the document first uses them, so "I / 1 / 1.1",
"I / 1" and "1 / 1.1" all work. The deepest level holds the items; with three levels or more the
top level holds groups, and the levels between hold sections.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from vnplan.schemas import Row

_ROMAN = re.compile(r"^[IVXL]+$")
_LETTER = re.compile(r"^[a-zđ]$")
_UPPER_LETTER = re.compile(r"^[A-G]$")  # A / B source groups ("A. Vốn ngân sách tỉnh"); not H (OCR of "II")


def code_style(code: str) -> str:
    if _ROMAN.match(code):
        return "roman"
    if _LETTER.match(code):
        return "letter"
    if _UPPER_LETTER.match(code):
        return "upper"
    return f"arabic{code.count('.')}"


def levels_for(codes: Sequence[str | None]) -> dict[str, int]:
    """Style -> level, in order of first use (a dotted style always sits below its parent's)."""
    levels: dict[str, int] = {}
    for code in codes:
        if code is None:
            continue
        style = code_style(code)
        if style not in levels:
            levels[style] = len(levels)
    return levels


def kind_for(level: int, depth: int) -> str:
    if level == depth - 1:
        return "item"
    if level == 0 and depth >= 3:
        return "group"
    return "section"


def assign_hierarchy(codes: Sequence[str | None]) -> list[tuple[str, str | None]]:
    """(kind, parent_code) for each row code, in order."""
    levels = levels_for(codes)
    depth = max(len(levels), 1)
    open_parents: dict[int, str] = {}  # level -> code of the latest row at that level
    result: list[tuple[str, str | None]] = []
    for code in codes:
        if code is None:
            result.append(("item", open_parents.get(depth - 2)))
            continue
        level = levels[code_style(code)]
        parent = next((open_parents[lvl] for lvl in range(level - 1, -1, -1) if lvl in open_parents), None)
        open_parents[level] = code
        for deeper in [lvl for lvl in open_parents if lvl > level]:
            del open_parents[deeper]
        result.append((kind_for(level, depth), parent))
    return result


def parent_positions(rows: Sequence[Row]) -> list[int | None]:
    """Each row's parent as a position: the nearest row above with the parent's code."""
    positions: list[int | None] = []
    latest: dict[str, int] = {}
    for index, row in enumerate(rows):
        positions.append(latest.get(row.parent_code) if row.parent_code else None)
        if row.code:
            latest[row.code] = index
    return positions


def paths(rows: Sequence[Row]) -> list[str]:
    """Each row's place in the table as its ancestors' codes and its own: "A/II/3" ("?" for a
    row printed without a code)."""
    out: list[str] = []
    for row, parent in zip(rows, parent_positions(rows), strict=True):
        own = row.code or "?"
        out.append(f"{out[parent]}/{own}" if parent is not None else own)
    return out
