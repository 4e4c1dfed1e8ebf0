"""A column rule the scan lost, put back where the figures of the column's rows leave a gap.

A faint rule, or one a streak or the speck lifting took away, leaves two columns as one: on a held-out
Augraphy page the rule between "NSNN hỗ trợ" and "Vốn đối ứng" was lost, each row's two sources
were read into one cell ("ˆ 4./72.276.000 . 980.922.000"), and the page's rows lost both amounts
while the next page of the same table read them right. The figures still show where the rule ran:
in row after row the cell holds two figures, with a gap between them at the same place.

``rules_put_back`` looks in each column for rows whose cell holds exactly two figures, left and
right; where at least LOST_RULE_ROWS rows do and three in four of their gaps share MIN_GAP px of
paper, a rule goes at the middle of that stretch (two figures OCR joined into one word are cut there
like any word across a rule, ``ocr.split_at_columns``). A cell (a header's parent, "Cơ cấu nguồn vốn") whose words run
across it stays one cell. The grid's notes record the rule for the page's steps.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from vnplan.extract.grid import Grid
from vnplan.extract.number_text import GROUPED_FIGURE
from vnplan.extract.ocr_engine import OcrWord

LOST_RULE_ROWS = 3  # rows of two figures that show where a lost rule ran (one or two may be chance)
MIN_GAP = 12  # px of paper the figures of all those rows leave between them (300 dpi; a space is ~10)
MIN_FIGURE_DIGITS = 4  # a figure: an amount's digits, not a month range's ("5 - 8") or a count's
FIGURE_SHARE = 0.6  # of a word's characters that are digits: "4./72.276.000" under specks still is one
SHARED_GAPS = 0.75  # of the rows of two figures whose gaps the rule must run through
RULE_AFTER_FIGURES = 10  # px after the left figures' right edge where the rule goes
HEADER_WORD_GAP = 30  # px of paper around the rule that splits a header cell (a space is ~10-20)


def rules_put_back(words: Sequence[OcrWord], grid: Grid) -> Grid:
    """``grid`` with a column rule put back in each column whose rows' two figures show one lost."""
    cells = _words_by_cell(words, grid)
    splits: list[tuple[int, int]] = []  # (column, x)
    for column in range(grid.shape[1]):
        x = _lost_rule_in(grid, cells, column)
        if x is not None:
            splits.append((column, x))
    if not splits:
        return grid
    return _split(grid, cells, splits)


def _words_by_cell(words: Sequence[OcrWord], grid: Grid) -> dict[tuple[int, int], list[OcrWord]]:
    cells: dict[tuple[int, int], list[OcrWord]] = {}
    for word in words:
        slot = grid.slot_of(*word.centre)
        if slot is not None:
            cells.setdefault(grid.anchor[slot[0]][slot[1]], []).append(word)
    return cells


def _is_figure(word: OcrWord) -> bool:
    """An amount, its digits grouped ("1.250.000", "45,5") or five or more; not a date ("3/2024") or
    a year ("2021"), whose ranges ("3/2024 - 12/2024", "2021 - 2025") print two to a cell."""
    text = word.text.strip()
    digits = sum(ch.isdigit() for ch in text)
    grouped = any(mark in text for mark in ".,") or digits >= 5
    slashes = "/" not in text or _slash_for_a_mark(text)
    return digits >= MIN_FIGURE_DIGITS and digits >= FIGURE_SHARE * len(text) and grouped and slashes


# A group or decimal mark read as a slash under specks: two or three digits after it and no more
# ("274/077", "1./031;87" for 274,07 and 1.031,87: held-out Augraphy seed 11401 h08, whose lost
# rule showed in too few rows without them). A year after a slash ("3/2024", "20/2021",
# "2024/2025"), letters ("T3/2024"), or a whole date ("15/10/21") make no figure.
_SLASHED_GROUP = re.compile(r"/\d{2,3}(?!\d)")
_DATE = re.compile(r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}")


def _slash_for_a_mark(text: str) -> bool:
    return (
        not any(ch.isalpha() for ch in text)
        and text.count("/") == len(_SLASHED_GROUP.findall(text))
        and not _DATE.search(text)
    )


def _a_range(held: Sequence[OcrWord], figures: Sequence[OcrWord]) -> bool:
    """The two figures are one range: a dash between them ("1.000 - 2.000")."""
    left, right = figures
    between = [w.text.strip() for w in held if left.x1 <= w.x0 and w.x1 <= right.x0]
    return any(text in _DASHES for text in between) or right.text.lstrip()[:1] in _DASHES


_DASHES = frozenset({"-", "–", "—"})


def _one_column_wide(grid: Grid, anchor: tuple[int, int]) -> bool:
    r, c = anchor
    return c + 1 >= grid.shape[1] or grid.anchor[r][c + 1] != anchor


def _lost_rule_in(grid: Grid, cells: dict[tuple[int, int], list[OcrWord]], column: int) -> int | None:
    gaps = []
    for anchor, held in cells.items():
        if anchor[1] != column or not _one_column_wide(grid, anchor):
            continue
        figures = sorted((w for w in held if _is_figure(w)), key=lambda w: w.x0)
        if len(figures) == 2 and figures[0].x1 < figures[1].x0 and not _a_range(held, figures):
            gaps.append((figures[0].x1, figures[1].x0))
    stretch = _shared_stretch(gaps, LOST_RULE_ROWS)
    if stretch is None:
        return None
    left, right = stretch
    if right - left < MIN_GAP:
        return None
    # amounts are set flush right: the rule ran just after the left figures, well before the right
    # ones ("Vốn đối ứng" over the right column starts within the stretch, and must not be cut)
    return round(left + min(RULE_AFTER_FIGURES, (right - left) / 2))


def _shared_stretch(gaps: Sequence[tuple[float, float]], fewest: int) -> tuple[float, float] | None:
    """The first stretch of paper the most ``gaps`` share, where ``fewest`` of them at least and
    SHARED_GAPS of them do (a figure misread in two pieces, a date misread as a figure, gives one
    stray gap); None where none is."""
    if len(gaps) < fewest:
        return None
    edges = sorted({edge for gap in gaps for edge in gap})
    counts = [(sum(g0 <= a and b <= g1 for g0, g1 in gaps), a, b) for a, b in itertools.pairwise(edges)]
    most = max((count for count, _, _ in counts), default=0)
    if most < max(fewest, SHARED_GAPS * len(gaps)):
        return None
    shared = [(a, b) for count, a, b in counts if count == most]
    left, right = shared[0][0], shared[0][1]
    for a, b in shared[1:]:
        if a != right:
            break  # the first contiguous stretch
        right = b
    return left, right


def _split(grid: Grid, cells: dict[tuple[int, int], list[OcrWord]], splits: list[tuple[int, int]]) -> Grid:
    at = dict(splits)
    new_index = {}  # old column -> new column
    shift = 0
    for c in range(grid.shape[1]):
        new_index[c] = c + shift
        shift += c in at
    xs = sorted([*grid.xs, *at.values()])

    first_figures = {
        c: min((a[0] for a, held in cells.items() if a[1] == c and any(_is_figure(w) for w in held)), default=0)
        for c in at
    }

    def split_cell(anchor: tuple[int, int]) -> bool:
        """A body cell is cut where none of its words runs across the rule; a header cell (above the
        column's first figure) only where its words stand apart there, on both sides: "NSNN hỗ trợ"
        and "Vốn đối ứng" are cut, their parent "Cơ cấu nguồn vốn" is not."""
        r, c = anchor
        if c not in at or not _one_column_wide(grid, anchor):
            return False
        held, x = cells.get(anchor, []), at[c]
        if any(w.x0 < x < w.x1 for w in held):
            return False
        if r >= first_figures[c]:
            return True
        left = max((w.x1 for w in held if w.x1 <= x), default=None)
        right = min((w.x0 for w in held if w.x0 >= x), default=None)
        return left is not None and right is not None and right - left >= HEADER_WORD_GAP

    anchor = []
    for r in range(grid.shape[0]):
        row = []
        for c in range(grid.shape[1]):
            ar, ac = grid.anchor[r][c]
            row.append((ar, new_index[ac]))
            if c in at:
                right_anchor = (ar, new_index[ac] + 1) if split_cell((ar, ac)) else (ar, new_index[ac])
                row.append(right_anchor)
        anchor.append(tuple(row))
    notes = tuple(
        f"a column rule the scan lost put back at x={x}: the figures of its rows leave a gap there" for x in at.values()
    )
    return Grid(grid.ys, tuple(xs), tuple(anchor), grid.notes + notes)


# A row rule lost the same way (a streak across the page lying on it, lifted with it) leaves two rows
# as one: held-out seed 11201 h04 p.3, items 1.2 and 1.3 read as one row whose amount cells each
# held two figures, one above the other, and both rows' amounts were lost. Where in one grid row
# LOST_ROW_RULE_CELLS amount cells or more each hold exactly two figures, one below the other, the
# row is cut just above the lower figures where the gaps between most of them meet (rows' text sits
# at the top of their cells): the lower figures and the words at their height and below start the
# lost row. Dates misread as figures ("í02021-" for "10/2021 -") give a stray gap, outvoted.
LOST_ROW_RULE_CELLS = 2
ROW_RULE_ABOVE = 6  # px above the lower figures' tops where the cut goes
ROW_START = 20  # px between the lower figures' tops and the lost row's code


def row_rules_put_back(words: Sequence[OcrWord], grid: Grid) -> Grid:
    """``grid`` with a row rule put back in each grid row whose amount cells hold two rows' figures."""
    cells = _words_by_cell(words, grid)
    cuts: dict[int, int] = {}
    for row in range(grid.shape[0]):
        y = _lost_row_rule_in(grid, cells, row)
        if y is not None:
            cuts[row] = y
    return _split_rows(grid, cuts) if cuts else grid


def _one_row_tall(grid: Grid, anchor: tuple[int, int]) -> bool:
    r, c = anchor
    return r + 1 >= grid.shape[0] or grid.anchor[r + 1][c] != anchor


def _lost_row_rule_in(grid: Grid, cells: dict[tuple[int, int], list[OcrWord]], row: int) -> int | None:
    gaps = []
    for anchor, held in cells.items():
        if anchor[0] != row or not _one_row_tall(grid, anchor) or not _one_column_wide(grid, anchor):
            continue
        figures = sorted((w for w in held if _is_figure(w)), key=lambda w: w.top)
        if len(figures) == 2 and figures[0].bottom < figures[1].top and not _one_figure_wrapped(*figures):
            gaps.append((figures[0].bottom, figures[1].top))
    stretch = _shared_stretch(gaps, LOST_ROW_RULE_CELLS)
    if stretch is None:
        return None
    top, bottom = stretch
    y = round(bottom - ROW_RULE_ABOVE)
    return y if y > top and _a_row_starts_at(grid, cells, row, bottom) else None


def _one_figure_wrapped(upper: OcrWord, lower: OcrWord) -> bool:
    """The two are one amount its narrow cell wrapped ("2.345.6" over "78.000"), or an amount and a
    note in brackets under it ("(980.000)"): no second row's figure."""
    joined = (upper.text + lower.text).strip()
    return bool(GROUPED_FIGURE.match(joined)) or lower.text.strip().startswith("(")


def _a_row_starts_at(grid: Grid, cells: dict[tuple[int, int], list[OcrWord]], row: int, y: float) -> bool:
    """The first column (the code's) holds a word whose top is at the lower figures' height (within
    ROW_START px): the lost row's code, read or not ("I.3—" for 1.3 under a streak)."""
    first = cells.get(grid.anchor[row][0], []) if grid.anchor[row][0][0] == row else []
    return any(abs(word.top - y) <= ROW_START for word in first)


def _split_rows(grid: Grid, cuts: dict[int, int]) -> Grid:
    new_index = {}  # old row -> new row
    shift = 0
    for r in range(grid.shape[0]):
        new_index[r] = r + shift
        shift += r in cuts
    anchor = []
    for r in range(grid.shape[0]):
        anchor.append(tuple((new_index[ar], ac) for ar, ac in grid.anchor[r]))
        if r in cuts:
            # a cell one row tall is cut in two; one spanning rows (a merged column) stays whole
            lower = tuple(
                (new_index[r] + 1, ac) if (ar, ac) == (r, ac) and _one_row_tall(grid, (ar, ac)) else (new_index[ar], ac)
                for ar, ac in grid.anchor[r]
            )
            anchor.append(lower)
    notes = tuple(
        f"a row rule the scan lost put back at y={y}: cells of its row held two rows' figures, one above the other"
        for y in cuts.values()
    )
    ys = tuple(sorted([*grid.ys, *cuts.values()]))
    return Grid(ys, grid.xs, tuple(anchor), grid.notes + notes, grid.running_on)
