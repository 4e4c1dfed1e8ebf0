"""Tables printed without rulings, found from the words alone (a balance sheet, a finance report).

A scanned page whose table has no ruling lines gives ``grid.gray_to_grid`` nothing to find, and
its rows were read as lines of prose: no table, no amounts. Its columns still show, as the white
gaps every row leaves at the same places. So:

1. the words are grouped into text lines by their vertical overlap (Tesseract may read a column of
   figures as a block of its own, so its own line numbers do not make rows);
2. the table is the run of lines, from the first to the last that holds figures, with at most a
   few lines between two such lines (headings, wrapped titles), and the header lines above it;
3. its columns are split at the x ranges that no word of its data lines covers, wide enough not to
   be a space between words; a line of figures must stand on two columns at least;
4. each text line is a grid row, the header's lines one row together.

The result is a ``Grid`` like a ruled table's, so cells, their boxes, the second reading and the
re-reads work the same on both. A page where these conditions do not all hold keeps no grid.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from vnplan.extract.grid import Grid
from vnplan.extract.ocr_engine import OcrWord

# a grouped amount ("80.152.293.787", "(699.434.957)"), a decimal ("4.050,8"), or one printed
# without separators ("1059510330385")
_FIGURE = re.compile(r"^\(?-?\d{1,3}(?:[.,]\s?\d{3})+(?:[.,]\d+)?\)?\.?$|^\(?\d+[.,]\d+\)?$|^\d{6,}\.?$")
MIN_FIGURE_LINES = 4  # lines holding a grouped figure: fewer is a letter citing amounts, not a table
MAX_LINES_BETWEEN = 3  # lines without figures (a heading, a wrapped title) inside the table
MIN_COLUMNS = 3
GAP_HEIGHTS = 1.2  # a column gap is at least this many text heights wide (a space is ~0.3)
MAX_HEADER_LINES = 3
MIN_COLUMN_SHARE = 0.1  # a column some tenth of the table's lines write in, at least


def words_to_grid(words: Sequence[OcrWord]) -> Grid | None:
    """A grid for an unruled table among ``words``, or None where the page holds none."""
    lines = text_lines(words)
    if not lines:
        return None
    height = float(np.median([w.bottom - w.top for w in words]))
    figured = [i for i, line in enumerate(lines) if any(_FIGURE.match(w.text) for w in line)]
    span = _table_span(figured)
    if span is None:
        return None
    first, last = span
    data = lines[first : last + 1]
    xs = _column_edges(data, height)
    if xs is None:
        return None
    xs = _without_empty_columns(xs, data)
    if len(xs) - 1 < MIN_COLUMNS:
        return None
    # a line of figures must spread over two columns at least: else the "gaps" cut prose
    spread = [len({_column_of(w, xs) for w in line}) for line in data if any(_FIGURE.match(w.text) for w in line)]
    if np.median(spread) < 2:
        return None
    header = _header_lines(lines, first, xs, height)
    rows = lines[first - header : last + 1]
    ys = _row_edges(rows)
    del ys[1:header]  # the header's lines are one row: a heading wraps ("Thuyết" over "minh")
    left = min(xs[0], min(w.x0 for line in rows for w in line) - 1)
    right = max(xs[-1], max(w.x1 for line in rows for w in line) + 1)
    xs = (left, *xs[1:-1], right)
    anchors = tuple(tuple((r, c) for c in range(len(xs) - 1)) for r in range(len(ys) - 1))
    return Grid(ys=tuple(int(y) for y in ys), xs=tuple(int(x) for x in xs), anchor=anchors)


def text_lines(words: Sequence[OcrWord]) -> list[list[OcrWord]]:
    """Words grouped into lines where their boxes overlap vertically by half a word height."""
    lines: list[list[OcrWord]] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        centre = (word.top + word.bottom) / 2
        if lines:
            line = lines[-1]
            top = float(np.median([w.top for w in line]))
            bottom = float(np.median([w.bottom for w in line]))
            if top <= centre <= bottom:
                line.append(word)
                continue
        lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _table_span(figured: list[int]) -> tuple[int, int] | None:
    """First and last line of the longest run of figure lines no more than a few lines apart."""
    best: tuple[int, int, int] | None = None  # (count, first, last)
    start = count = 0
    for k, index in enumerate(figured):
        if k == 0 or index - figured[k - 1] > MAX_LINES_BETWEEN + 1:
            start, count = index, 0
        count += 1
        if best is None or count > best[0]:
            best = (count, start, index)
    if best is None or best[0] < MIN_FIGURE_LINES:
        return None
    return best[1], best[2]


def _column_edges(lines: Sequence[Sequence[OcrWord]], height: float) -> tuple[float, ...] | None:
    """Column boundaries: the middles of the x ranges no word of ``lines`` covers, wide enough."""
    left = min(w.x0 for line in lines for w in line)
    right = max(w.x1 for line in lines for w in line)
    covered = np.zeros(int(right - left) + 2, dtype=np.int32)
    for line in lines:
        for w in line:
            covered[int(w.x0 - left) : int(w.x1 - left) + 1] += 1
    # a word or two across a gap (a long heading) does not close it
    free = covered <= max(1, len(lines) // 20)
    edges = [left]
    run_start = None
    for x, is_free in enumerate(free):
        if is_free and run_start is None:
            run_start = x
        elif not is_free and run_start is not None:
            if x - run_start >= GAP_HEIGHTS * height:
                edges.append(left + (run_start + x) / 2)
            run_start = None
    edges.append(right)
    return tuple(edges) if len(edges) >= 3 else None


def _without_empty_columns(xs: tuple[float, ...], lines: Sequence[Sequence[OcrWord]]) -> tuple[float, ...]:
    """Edges without the columns hardly any line writes in (a gap split by a stray mark, a dash
    between two figures): such a column goes to its right-hand neighbour."""
    edges = list(xs)
    least = max(2, MIN_COLUMN_SHARE * len(lines))
    column = 0
    while column < len(edges) - 1 and len(edges) > 2:
        used = sum(any(_column_of(w, edges) == column for w in line) for line in lines)
        if used < least:
            del edges[column + 1 if column + 1 < len(edges) - 1 else column]
        else:
            column += 1
    return tuple(edges)


def _column_of(word: OcrWord, xs: Sequence[float]) -> int:
    centre = (word.x0 + word.x1) / 2
    return int(np.searchsorted(xs, centre, side="right")) - 1


def _header_lines(lines: Sequence[Sequence[OcrWord]], first: int, xs: Sequence[float], height: float) -> int:
    """How many lines right above the table are its header: close above it, no figures, words
    within the table's width."""
    count = 0
    below_top = min(w.top for w in lines[first])
    for line in reversed(lines[max(0, first - MAX_HEADER_LINES) : first]):
        bottom = max(w.bottom for w in line)
        if below_top - bottom > 2.5 * height or any(_FIGURE.match(w.text) for w in line):
            break
        if min(w.x0 for w in line) < xs[0] - 2 * height or max(w.x1 for w in line) > xs[-1] + 2 * height:
            break
        count += 1
        below_top = min(w.top for w in line)
    return count


def _row_edges(lines: Sequence[Sequence[OcrWord]]) -> list[float]:
    tops = [min(w.top for w in line) for line in lines]
    bottoms = [max(w.bottom for w in line) for line in lines]
    edges = [tops[0] - 2]
    for bottom, next_top in zip(bottoms, tops[1:], strict=False):
        edges.append((bottom + next_top) / 2)
    edges.append(bottoms[-1] + 2)
    return edges
