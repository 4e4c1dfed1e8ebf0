"""Hierarchy from the document's own numbering pattern, not from a fixed scheme.

Each code has a style: Roman ("II"), Arabic ("2"), dotted ("2.1", one style per depth) or a
letter ("a"). Styles get levels in the order the document first uses them, so "I / 1 / 1.1",
"I / 1" and "1 / 1.1" all work. The deepest level holds the items; with three levels or more the
top level holds groups, and the levels between hold sections.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_ROMAN = re.compile(r"^[IVXL]+$")
_LETTER = re.compile(r"^[a-zđ]$")


def code_style(code: str) -> str:
    if _ROMAN.match(code):
        return "roman"
    if _LETTER.match(code):
        return "letter"
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
