"""Hierarchy from the document's own numbering pattern, not from a fixed scheme.

Each code has a style: Roman ("II"), Arabic ("2"), dotted ("2.1", one style per depth) or a
letter ("a"). A row's parent is read from the rows above it, as a reader does: the same style is a
sibling, a new style a level below, so "I / 1 / 1.1", "I / 1", "1 / 1.1" and a group whose items
sit under letters when the group before it had none all work. Styles that never hold rows are
items; with three levels or more the top level holds groups, and the levels between sections.
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


def _dots(style: str) -> int | None:
    """The number of dots of an arabic style ("arabic1" for "2.1"), None for other styles."""
    return int(style[6:]) if style.startswith("arabic") else None


def _is_within(style: str, outer: str) -> bool:
    """A dotted style sits under the style with one dot fewer ("2.1" under "2")."""
    dots = _dots(style)
    return dots is not None and _dots(outer) == dots - 1


def step_path(path: Sequence[tuple[str, str]], code: str) -> list[tuple[str, str]]:
    """The open path (style, code) from the top of the table down, once the row ``code`` is read:
    a style already on the path closes the rows below its own and makes ``code`` their sibling; a
    dotted code closes the levels below its outer style ("2.1" under "2"); a new style opens a
    level under the last row."""
    style = code_style(code)
    opened = list(path)
    if any(open_style == style for open_style, _ in opened):
        while opened[-1][0] != style:
            opened.pop()
        opened.pop()
    elif style.startswith("arabic") and any(_is_within(style, open_style) for open_style, _ in opened):
        while not _is_within(style, opened[-1][0]):
            opened.pop()
    elif _heads_dotted_level(style, code, opened):
        # "2" after "1.3" with no "1" on the path (its heading's code lost under a scan's noise):
        # the next heading, at the level the dotted codes' heads stand for, not an item of 1.3
        while opened and (_dots(opened[-1][0]) or 0) > (_dots(style) or 0):
            opened.pop()
    return [*opened, (style, code)]


def _heads_dotted_level(style: str, code: str, path: Sequence[tuple[str, str]]) -> bool:
    """Whether ``code`` numbers the level that the open dotted codes below it are items of: a plain
    or dotted code after deeper dotted ones, unless it starts a numbering of its own under them
    ("1.1 / 1 / 2": items numbered again from 1 under a dotted row)."""
    dots = _dots(style)
    deeper = any((_dots(open_style) or -1) > dots for open_style, _ in path) if dots is not None else False
    return deeper and code.split(".")[-1] != "1"


def assign_hierarchy(
    codes: Sequence[str | None], bullets: Sequence[bool] | None = None
) -> list[tuple[str, str | None]]:
    """(kind, parent_code) for each row code, in order.

    The rows above a row form an open path (a stack of styles). A code whose style is on that path
    is a sibling of the row holding it there; a new style opens a level under the row above it. So
    "I / 1 2" and "II / a / 1 2 / b / 1" both read right: the letters are a level between II and
    its items although the first group has none. A row without a code is an item of the nearest
    open row whose style holds children; a row marked by a bullet (``bullets``: "-", "+" in its
    code cell) is a sub-item of the row above it on the path, whose style then holds children
    ("I / - - / II / -": the headings are sections even where no row under them has a code)."""
    path: list[tuple[str, str]] = []  # (style, code) from the top of the table down to the last row
    parents: list[str | None] = []
    styles: list[str | None] = []
    depths: list[int] = []
    uncoded_paths: dict[int, list[tuple[str, str]]] = {}
    bulleted = [bool(bullets and bullets[i]) and code is None for i, code in enumerate(codes)]
    # the rows bullets hang under (the last coded row above each, the end of the open path):
    # sections themselves, while a row of the same style with no bullets under it stays an item
    bullet_parents: set[int] = set()
    last_coded: int | None = None
    for index, code in enumerate(codes):
        if code is None:
            if bulleted[index] and last_coded is not None:
                bullet_parents.add(last_coded)
            uncoded_paths[index] = list(path)
            parents.append(None)
            styles.append(None)
            depths.append(len(path))
            continue
        style = code_style(code)
        path = step_path(path, code)
        parents.append(path[-2][1] if len(path) > 1 else None)
        last_coded = index
        styles.append(style)
        depths.append(len(path) - 1)
    holding = {styles[i] for i in _rows_with_children(codes, parents)}
    holding_uncoded = holding | {styles[i] for i in bullet_parents}  # their styles hold the other uncoded rows
    depth = max(depths, default=0) + 1
    result: list[tuple[str, str | None]] = []
    for index, code in enumerate(codes):
        if code is None and bulleted[index]:
            result.append(("item", uncoded_paths[index][-1][1] if uncoded_paths[index] else None))
        elif code is None:
            parent = next((c for s, c in reversed(uncoded_paths[index]) if s in holding_uncoded), None)
            result.append(("item", parent))
        elif styles[index] not in holding and index not in bullet_parents:
            result.append(("item", parents[index]))
        else:
            result.append(("group" if depths[index] == 0 and depth >= 3 else "section", parents[index]))
    return result


def _rows_with_children(codes: Sequence[str | None], parents: Sequence[str | None]) -> set[int]:
    """Positions of the rows some row below names as its parent (the nearest row with that code)."""
    latest: dict[str, int] = {}
    holding: set[int] = set()
    for index, (code, parent) in enumerate(zip(codes, parents, strict=True)):
        if parent is not None and parent in latest:
            holding.add(latest[parent])
        if code is not None:
            latest[code] = index
    return holding


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
