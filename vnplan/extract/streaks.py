"""Printed table rules told from what the line masks also catch on degraded scans.

Faded and low-ink print leaves a rule as dashes (``dashes_joined`` joins them before the line opening);
a scanner's dirty drum leaves streaks of grey specks that pass the opening as well; and bridging
joins the foot of a line of bold letters. ``rules_in_run`` judges each run of the bridged line
masks: where its band holds almost no small pieces of ink, as on a clean or blurred page, it keeps
the rules the unbridged masks find; elsewhere ``printed_rule_in`` looks for a printed rule's pixel
row by its coverage and evenness across the cells.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import cv2
import numpy as np

from vnplan.extract.components import label_components

LINE_PRESENT = 0.5  # share of a boundary segment that must be line pixels for the line to count
RULE_HOP = 3  # px: a thin rule's pixels wander this far across its direction
RULE_GAP = 5  # px: dropouts along a faded rule bridged before rules are looked for
# A printed rule against a streak of toner specks (printed_rule_in), at 300 dpi: in its pixel row,
# a rule covers FULL_RULE of a cell's side in at least MIN_FULL_SEGMENTS of the cells it is drawn
# in, and is equally dark in all of them: the gray level under which RULE_INK_SHARE of the row
# lies varies across cells by 0–35 for the rules of eval/heldout's Augraphy pages (faded ones
# and rules through a streak included), by 60–100 for streaks.
RULE_BAND = 3  # px searched beyond a profile run for the rule's row
FULL_RULE = 0.75
MIN_FULL_SEGMENTS = 0.75
RULE_INK_SHARE = 0.8
MAX_RULE_SHADE_SPREAD = 45
PALE_CELLS_ALLOWED = 0.1  # of the cells a rule covers whole: a stretch of it faded paler than the rest
# A rule's pixel row is darker than the rows RULE_FLANK px either side of it by RULE_CONTRAST gray
# levels or more (grey and black rules under streaks on held-out seed 10601's pages: 45-150); a
# streak darkens gradually towards its middle (a streak's edge on seed 10801, a faint streak's
# middle on seed 11001, both taken for rules without this test: under 20).
RULE_FLANK = 6
RULE_CONTRAST = 40
# A run of the bridged masks whose band holds fewer pieces of ink shorter than RULE_PIECE px than
# MAX_PIECES_PER_KPX per 1 000 px along the table has no streak and no faded rule (rules_in_run):
# 0–5 for the rules of eval/heldout's 150 dpi JPEG and seal-stamped pages, 21–260 for the streaks of
# its Augraphy pages that cover their cells.
RULE_PIECE = 40
MAX_PIECES_PER_KPX = 10
MAX_RULE_SLOPE = 0.01  # px per px: a rule no straighter than this is no rule (deskew turns 0.25° and more)


def rect(width: int, height: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_RECT, (width, height))


def dashes_joined(binary: np.ndarray, vertical: bool) -> np.ndarray:
    """The binary page with a faded or broken rule made one run of pixels along its direction.

    A thin grey rule binarises as dashes that hop between neighbouring pixel rows (Augraphy's
    faded and low-ink print: no single row ran the 1/40 of the page the opening asks for, and a
    table fell apart into pieces). Thickened across the rule by RULE_HOP px and with gaps of up to
    RULE_GAP px along it closed, the dashes are one run again; letters mostly stay apart (the gaps
    inside a letter and between letters at 300 dpi are wider than RULE_GAP), but the feet of a
    line of bold letters, blurred, can join into a line: ``rules_in_run`` drops it.
    """
    across, along = (rect(RULE_HOP, 1), rect(1, RULE_GAP)) if vertical else (rect(1, RULE_HOP), rect(RULE_GAP, 1))
    return cv2.morphologyEx(cv2.dilate(binary, across), cv2.MORPH_CLOSE, along)


@dataclass(frozen=True)
class PageInk:
    """What tells a printed rule from a streak of specks in a run of the bridged line masks: the
    page (gray and binary), its line masks without bridging, and the centres of its small pieces
    of ink (``band_pieces``)."""

    gray: np.ndarray
    binary: np.ndarray
    plain: tuple[np.ndarray, np.ndarray]  # (horizontal, vertical) masks of the unbridged page
    pieces: np.ndarray  # (x, y, length along a row, length along a column) of each piece


def rules_in_run(
    page: PageInk,
    run: tuple[int, int],
    plain_runs: list[tuple[int, int]],
    crossings: list[int],
    span: tuple[int, int],
    vertical: bool,
) -> list[int]:
    """The boundaries in one run of the bridged line masks (rows', or columns' when ``vertical``).

    Bridging and the streak test are for ink broken into small pieces: a faded rule's dashes, a
    streak's specks. Where the run's band holds almost none (under MAX_PIECES_PER_KPX per 1 000 px
    of the table's ``span``), no streak can lie there and no faded rule needs bridging: the
    boundaries are those the unbridged masks find in the run (``plain_runs``), as on a clean page,
    and none where only the bridging made a line (the foot of a line of bold letters, joined).
    Thin blurred rules of a 150 dpi JPEG scan change shade from cell to cell as their pixel phase
    does, and would fail the streak test's evenness. Elsewhere ``printed_rule_in`` decides.
    """
    lo, hi = run[0] - RULE_BAND, run[1] + RULE_BAND
    across, along, extent_across = (page.pieces[:, 0], page.pieces[:, 1], page.pieces[:, 2]) if vertical else (
        page.pieces[:, 1], page.pieces[:, 0], page.pieces[:, 3])  # fmt: skip
    inside = (across - extent_across / 2 >= lo) & (across + extent_across / 2 <= hi)
    inside &= (along >= span[0]) & (along <= span[1])
    if 1000 * int(inside.sum()) / max(span[1] - span[0], 1) < MAX_PIECES_PER_KPX:
        return [(a + b) // 2 for a, b in plain_runs if a >= run[0] and b <= run[1]]
    found = printed_rule_in(page.gray, page.binary, run, crossings, vertical)
    return [] if found is None else [found]


def band_pieces(binary: np.ndarray) -> np.ndarray:
    """(centre x, centre y, width, height) of each piece of ink of the page no longer than a rule's
    dash or a streak's speck may be (shorter than RULE_PIECE px either way)."""
    _, _, stats, _ = label_components(binary)
    stats = stats[1:]
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    small = (w < RULE_PIECE) & (h < RULE_PIECE)
    x, y = stats[:, cv2.CC_STAT_LEFT] + w / 2, stats[:, cv2.CC_STAT_TOP] + h / 2
    return np.stack([x, y, w, h], axis=1)[small].astype(float)


def printed_rule_in(
    gray: np.ndarray, binary: np.ndarray, run: tuple[int, int], crossings: list[int], vertical: bool
) -> int | None:
    """The pixel row (column, when ``vertical``) of the printed rule in a run of the line mask, or
    None where the run holds no rule but a streak of toner specks.

    A scanner's dirty drum leaves streaks of grey specks across the page, some dense enough that
    a row of them passes the line opening: extra row boundaries cut the rows' text and amounts
    apart, and a rule beside a streak merges with it into one wide run of the mask. A printed
    rule, wherever it is drawn, runs the whole way from one crossing rule to the next (or nearly:
    a faded one) in one pixel row, equally dark in every cell; a streak covers parts of a cell's
    side and changes shade from cell to cell. ``crossings`` are the boundaries across this one
    (the columns' for a row boundary).
    """
    img, shades = (binary.T, gray.T) if vertical else (binary, gray)
    first, last = max(run[0] - RULE_BAND, 0), min(run[1] + RULE_BAND, img.shape[0] - 1)
    top = max(first - RULE_HOP, 0)
    bridged = dashes_joined(np.ascontiguousarray(img[top : last + RULE_HOP + 1]), vertical=False) > 0
    bridged = bridged[first - top : last + 1 - top]
    margin = 2 * RULE_BAND
    cells = [(a + margin, b - margin) for a, b in itertools.pairwise(crossings) if b - a > 3 * margin]
    if not cells:
        return (run[0] + run[1]) // 2
    cover = np.stack([bridged[:, a:b].mean(axis=1) for a, b in cells], axis=1)  # rows × cells
    # the shade of each pixel row of the band and RULE_FLANK px beyond it, per cell
    low_flank, high_flank = max(first - RULE_FLANK, 0), min(last + RULE_FLANK, shades.shape[0] - 1)
    wide = np.stack(
        [np.percentile(shades[low_flank : high_flank + 1, a:b], 100 * RULE_INK_SHARE, axis=1) for a, b in cells], axis=1
    )
    shade = wide[first - low_flank : last + 1 - low_flank]
    # A rule of a page turned by less than deskew corrects slopes by a few pixels across the table:
    # it is followed along the straight line through each cell's best row (most covered, then
    # darkest), a pixel either side.
    best_rows = np.argmax(cover - shade / 1e4, axis=0)
    centres = np.array([(a + b) / 2 for a, b in cells])
    slope, offset = np.polyfit(centres, best_rows, 1) if len(cells) > 1 else (0.0, float(best_rows[0]))
    lines = []  # per cell, the line's pixels (page rows, columns)
    for a, b in cells:
        xs = np.arange(a, b)
        ys = np.clip(np.rint(offset + slope * xs).astype(int), 1, len(bridged) - 2)
        lines.append((first + ys, xs))
    line_cover = np.array(
        [np.maximum.reduce([bridged[rows - first + d, xs] for d in (-1, 0, 1)]).mean() for rows, xs in lines]
    )
    line_shade = np.array([_shade_along(shades, rows, xs) for rows, xs in lines])
    line_drawn = line_cover >= LINE_PRESENT
    if abs(slope) <= MAX_RULE_SLOPE and (
        _looks_printed(line_cover, line_shade, line_drawn)
        or _sharp_though_pale_in_a_few(line_cover, line_shade, line_drawn, _line_contrast(shades, lines, line_shade))
    ):
        # the middle of the rule's pixel rows at the middle of the table (a streak beside the rule
        # widens the mask's run, and puts the run's middle off the rule)
        middle = float(np.median(centres))
        rule = [i for i in range(len(bridged)) if abs(i - (offset + slope * middle)) <= RULE_BAND and bridged[i].any()]
        return first + (round(offset + slope * middle) if not rule else (rule[0] + rule[-1]) // 2)
    # Else one pixel row that is a rule on its own, beside a streak whose specks some cells' best
    # rows were: the middle of that rule's rows (a rule is a few pixels thick).
    best: tuple[tuple[int, float], int] | None = None
    printed = np.zeros(cover.shape[0], bool)
    for i in range(cover.shape[0]):
        in_cell = cover[i] >= LINE_PRESENT
        if _looks_printed(cover[i], shade[i], in_cell) or _sharp_though_pale_in_a_few(
            cover[i], shade[i], in_cell, _row_contrast(wide, i + first - low_flank, shade[i])
        ):
            printed[i] = True
            key = (int(in_cell.sum()), -float(np.ptp(shade[i][in_cell])))
            if best is None or key > best[0]:
                best = (key, i)
    if best is None:
        return None
    low = high = best[1]
    while low > 0 and printed[low - 1]:
        low -= 1
    while high + 1 < len(printed) and printed[high + 1]:
        high += 1
    return first + (low + high) // 2


def _shade_along(shades: np.ndarray, rows: np.ndarray, xs: np.ndarray) -> float:
    """The shade under which RULE_INK_SHARE of a line lies, each of its pixels the darkest of three
    rows (a thin rule's pixels wander a row either way); rows clipped to the page."""
    darkest = np.minimum.reduce([shades[np.clip(rows + d, 0, shades.shape[0] - 1), xs] for d in (-1, 0, 1)])
    return float(np.percentile(darkest, 100 * RULE_INK_SHARE))


def _line_contrast(
    shades: np.ndarray, lines: list[tuple[np.ndarray, np.ndarray]], line_shade: np.ndarray
) -> np.ndarray:
    """Per cell, how much darker the line is than the paper RULE_FLANK px either side of it, the
    paper measured as the line is (the darkest of three pixel rows: a band of specks is dark so
    where one row of it is not, and would look as sharp as a rule)."""
    beside = [min(_shade_along(shades, rows + side * RULE_FLANK, xs) for side in (-1, 1)) for rows, xs in lines]
    return np.array(beside) - line_shade


def _row_contrast(wide: np.ndarray, row: int, row_shade: np.ndarray) -> np.ndarray:
    """Per cell, how much darker ``row_shade`` (of pixel row ``row`` of ``wide``, the per-row shades
    of each cell) is than the rows RULE_FLANK px either side."""
    beside = [wide[np.clip(row + side * RULE_FLANK, 0, len(wide) - 1)] for side in (-1, 1)]
    return np.minimum(*beside) - row_shade


def _covers_most(cover: np.ndarray, drawn: np.ndarray) -> bool:
    """A rule's pixels cover most of each cell it is drawn in, in most of those cells."""
    return bool(drawn.any()) and (cover[drawn] >= FULL_RULE).sum() >= MIN_FULL_SEGMENTS * drawn.sum()


def _looks_printed(cover: np.ndarray, shade: np.ndarray, drawn: np.ndarray) -> bool:
    """A rule's pixels per cell: covering most cells it is drawn in, as dark in every one."""
    return _covers_most(cover, drawn) and float(np.ptp(shade[drawn])) <= MAX_RULE_SHADE_SPREAD


def _sharp_though_pale_in_a_few(cover: np.ndarray, shade: np.ndarray, drawn: np.ndarray, contrast: np.ndarray) -> bool:
    """A rule that ``_looks_printed`` refuses for a few cells: sharp as a printed line (``contrast``:
    per cell, how much darker the row is than the paper RULE_FLANK px either side) and as dark in
    all but PALE_CELLS_ALLOWED of the cells it covers whole. A rule's stretch in one cell may be
    paler (faded there), and cells below the table's frame (a streak's rows taken for rows of the
    table) hold specks half across a column rule's line; a streak's edge, or a faint streak, is as
    even as a rule in the cells it covers, but darkens gradually, not in one sharp line."""
    if not _covers_most(cover, drawn):
        return False
    whole = drawn & (cover >= FULL_RULE)
    sharp = whole & (contrast >= RULE_CONTRAST)
    pale_allowed = int(whole.sum() * PALE_CELLS_ALLOWED)
    if not sharp.any() or sharp.sum() < whole.sum() - pale_allowed:
        return False
    return float(np.ptp(shade[sharp])) <= MAX_RULE_SHADE_SPREAD


# A boundary inside the table whose line runs on beyond the table's two far sides, over a share
# BEYOND_COVER of each stretch of margin at least MIN_BEYOND px long (300 dpi), may be a streak down
# (or across) the whole page: a printed rule stops at the table's frame (``crossed_rules`` says why
# it matters and decides from the words read, as a streak may lie over a rule too).
BEYOND_COVER = 0.5
MIN_BEYOND = 60
BEYOND_GAP = 10  # px past the frame before the margin is looked at (the frame's own thickness, widened)
BEYOND_REACH = 4  # px either side of the boundary


def boundaries_running_on(
    xs: list[int], ys: list[int], masks: tuple[np.ndarray, np.ndarray]
) -> tuple[tuple[str, int], ...]:
    """The inner boundaries ("x", position) or ("y", position) whose line runs on through the page's
    margins beyond both far sides of the table. ``masks``: (horizontal, vertical) line masks of the
    page. Where a margin is too short to tell, a boundary is not counted."""
    horizontal, vertical = masks

    def runs_on(mask: np.ndarray, at: int, before: int, after: int) -> bool:
        line = mask[:, max(at - BEYOND_REACH, 0) : at + BEYOND_REACH + 1].max(axis=1) > 0
        stretches = (line[: max(before - BEYOND_GAP, 0)], line[after + BEYOND_GAP :])
        return all(len(s) >= MIN_BEYOND and float(s.mean()) >= BEYOND_COVER for s in stretches)

    return tuple(
        [("x", x) for x in xs[1:-1] if runs_on(vertical, x, ys[0], ys[-1])]
        + [("y", y) for y in ys[1:-1] if runs_on(horizontal.T, y, xs[0], xs[-1])]
    )
