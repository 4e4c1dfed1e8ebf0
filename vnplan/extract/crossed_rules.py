"""Boundaries that the page's words run across: a streak taken for a rule, taken out of the grid.

A dirty drum's streak down (or across) a whole page can pass for a table rule: in a faded table
it is as dark and as even from cell to cell as the rules are (held-out seed 9601 h01 p.4: a
streak through the middle of an amount column cut each of its amounts in two, "2.143.08 | 5.000").
The grid marks the boundaries whose line runs on through the margins beyond the table
(``Grid.running_on``): a printed rule stops at the table's frame. But a streak may lie over a
rule as well (seed 9801 h02 p.3, across a row rule), and that rule must stay. The words tell them
apart: print never runs across a rule, while the figures and titles of a column run across a
streak through it. A marked boundary that MIN_CROSSING words run across, by CROSSING px on each
side, is no rule: its two columns (rows) become one, and the page's steps say so.
"""

from __future__ import annotations

from collections.abc import Sequence

from vnplan.extract.grid import Grid, anchors_of
from vnplan.extract.ocr_engine import OcrWord

MIN_CROSSING = 2  # words across a boundary, in as many rows (columns): one may be OCR joining two cells' words
CROSSING = 10  # px of a word on each side of the boundary (300 dpi; a letter is ~25 wide, ~40 high)
# A word of print, not marks read off the streak itself (held-out seed 9701 h01 p.3: a streak over
# a row rule read as "FwrTrszrrr", "reerr," at confidence 0.00, "BÙI!" at 0.45, across the rule): at
# least MIN_WORD_CHARACTERS characters, nearly all letters, digits or a figure's separators, read at
# MIN_WORD_CONFIDENCE or more (figures across a streak in an amount column: 0.58-0.96).
MIN_WORD_CHARACTERS = 3
WORD_CHARACTER_SHARE = 0.8
MIN_WORD_CONFIDENCE = 0.5


def streaks_taken_out(words: Sequence[OcrWord], grid: Grid) -> Grid:
    """``grid`` without the boundaries it marks as running on beyond the table (``running_on``)
    that words run across in MIN_CROSSING rows (columns, for a boundary across the page) or more."""
    for axis, at in grid.running_on:
        if len(_crossed_in(words, grid, axis, at)) >= MIN_CROSSING:
            grid = _merged_at(grid, axis, at)
    return grid


def _crossed_in(words: Sequence[OcrWord], grid: Grid, axis: str, at: int) -> set[int]:
    """The rows (columns, for a row boundary) in which a word runs across the boundary ``at``
    between two cells of their own: a word inside a cell merged across it (a header's parent,
    "Cơ cấu nguồn vốn") crosses no rule."""
    vertical = axis == "x"
    k = (grid.xs if vertical else grid.ys).index(at)
    found = set()
    for w in words:
        slot = grid.slot_of(*w.centre)
        if slot is None or not _printed_word(w):
            continue
        low, high = (w.x0, w.x1) if vertical else (w.top, w.bottom)
        if not (low <= at - CROSSING and high >= at + CROSSING):
            continue
        r, c = slot
        sides = ((r, k - 1), (r, k)) if vertical else ((k - 1, c), (k, c))
        if grid.anchor[sides[0][0]][sides[0][1]] != grid.anchor[sides[1][0]][sides[1][1]]:
            found.add(r if vertical else c)
    return found


def _printed_word(word: OcrWord) -> bool:
    text = word.text.strip()
    printed = sum(ch.isalnum() or ch in ".," for ch in text)
    return (
        len(text) >= MIN_WORD_CHARACTERS
        and printed >= WORD_CHARACTER_SHARE * len(text)
        and word.conf >= MIN_WORD_CONFIDENCE
    )


def _merged_at(grid: Grid, axis: str, at: int) -> Grid:
    """``grid`` with its boundary ``at`` taken out: the slots either side are one cell each."""
    vertical = axis == "x"
    bounds = grid.xs if vertical else grid.ys
    k = bounds.index(at)  # the boundary between slots k - 1 and k along the axis
    rows, cols = grid.shape

    def new_index(i: int) -> int:
        return i if i < k else i - 1

    def moved(slot: tuple[int, int]) -> tuple[int, int]:
        r, c = slot
        return (r, new_index(c)) if vertical else (new_index(r), c)

    # each new slot keeps its old cell's merges; the two slots either side of the boundary become one
    joins = []
    for r in range(rows):
        for c in range(cols):
            ar, ac = grid.anchor[r][c]
            # a merge along the streak that only one half had (a tall cell beside short ones) would
            # take the other half's rules with it
            if vertical and c in (k - 1, k) and grid.anchor[r][2 * k - 1 - c][0] != ar:
                ar = r
            if not vertical and r in (k - 1, k) and grid.anchor[2 * k - 1 - r][c][1] != ac:
                ac = c
            joins.append((moved((r, c)), moved((ar, ac))))
    anchor = anchors_of((rows, cols - 1) if vertical else (rows - 1, cols), joins)
    note = (
        f"a streak {'down' if vertical else 'across'} the page at {axis}={at} taken for no rule: its line runs on "
        "beyond the table, and the words read run across it"
    )
    xs = tuple(x for x in grid.xs if x != at) if vertical else grid.xs
    ys = grid.ys if vertical else tuple(y for y in grid.ys if y != at)
    running_on = tuple(b for b in grid.running_on if b != (axis, at))
    return Grid(ys, xs, anchor, (*grid.notes, note), running_on)
