"""Table grids on page images: deskew, ruling-line masks, row/column boundaries, merged cells.

Ruling lines are found with OpenCV morphology (an opening with a long thin kernel keeps only
lines, after faded rules' dashes are bridged). Boundaries are the positions where line pixels run
across most of the table, each judged a printed rule or not (``streaks``: toner specks, bold letters). A cell is
merged with its neighbour where the line between them is missing inside that cell's band; the
merged region's text belongs to its top-left slot, as pdfplumber reports digital pages.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

import cv2
import numpy as np

from vnplan.extract.components import label_components
from vnplan.extract.streaks import (
    LINE_PRESENT,
    RULE_HOP,
    PageInk,
    band_pieces,
    boundaries_running_on,
    dashes_joined,
    rect,
    rules_in_run,
)

Slot = tuple[int, int]  # (row, column) of a grid slot

MAX_SKEW_DEG = 5.0
# Below this a page is left as it is: turning it costs sharpness (interpolation) that Tesseract,
# which follows a slightly sloping line by itself, reads worse (two real scans at 0.2°: CER 0.045 ->
# 0.048 and 0.209 -> 0.210), and the grid's line masks bridge the drift (12 px across 3 000 px).
MIN_SKEW_DEG = 0.25
EDGE_SHARE = 0.01  # of the page height: a line this close to the top or bottom edge is the scan's margin
MAX_LINE_WOBBLE = 3.0  # px: spread of a printed rule's pixels around its fitted line (thickness included)
OPEN_END = 30  # px (300 dpi): column rulings running on this far past the last row line close a row
# Speckle: ink components of under 8 pixels per megapixel of page. Clean renders have none, the
# 300 dpi scans of eval/ 30–380, the noisy 200 dpi ones 3 100–6 300 (print has no such small marks:
# a Vietnamese dot below is larger).
SPECK_AREA = 8
NOISY_SPECKS_PER_MP = 1000
SPECK_STRIPS = 8
# A table's outer side rule lost (under a scanner's streak, or never drawn): its row rules run on
# past the outermost column rule found, and end together where the lost rule is. Most of them
# (SIDE_AGREEMENT) must run on by more than SIDE_RUN_ON px (300 dpi; a column is wider, and a rule
# that meets its frame runs past the frame's middle by its own thickness and the mask's widening,
# under 10 px) and end within SIDE_SPREAD px of their median end.
SIDE_RUN_ON = 60
SIDE_SPREAD = 20
SIDE_AGREEMENT = 0.75
SIDE_GAP = 12  # px of no line along a row rule that end it (a streak's holes and a faded rule's are shorter)


@dataclass(frozen=True)
class Grid:
    ys: tuple[int, ...]  # row boundaries, top to bottom (len = rows + 1)
    xs: tuple[int, ...]  # column boundaries, left to right (len = columns + 1)
    anchor: tuple[tuple[tuple[int, int], ...], ...]  # anchor[r][c] = top-left slot of its merged cell
    # What the grid holds that its rules did not show (a side rule put where the row rules end),
    # for the page's record of steps.
    notes: tuple[str, ...] = ()
    # Inner boundaries whose line runs on through the margins beyond the table ("x" or "y", position):
    # a streak down or across the page, or a rule a streak lies over (``crossed_rules`` decides).
    running_on: tuple[tuple[str, int], ...] = ()

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.ys) - 1, len(self.xs) - 1

    def bbox(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def slot_of(self, x: float, y: float) -> tuple[int, int] | None:
        """Grid slot (row, column) containing a point, or None outside the table."""
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        # bisect on the tuples: np.searchsorted turned them into arrays on every call (~7 µs a word)
        r = bisect.bisect_right(self.ys, y) - 1
        c = bisect.bisect_right(self.xs, x) - 1
        return min(r, len(self.ys) - 2), min(c, len(self.xs) - 2)

    def cell_box(self, r: int, c: int) -> tuple[int, int, int, int]:
        """Pixel box of the merged cell anchored at (r, c)."""
        rows, cols = self.shape
        r1 = max(i for i in range(rows) if self.anchor[i][c] == (r, c))
        c1 = max(j for j in range(cols) if self.anchor[r][j] == (r, c))
        return self.xs[c], self.ys[r], self.xs[c1 + 1], self.ys[r1 + 1]


def gray_to_binary(gray: np.ndarray) -> np.ndarray:
    """Ink = 255. Adaptive threshold copes with uneven scan lighting."""
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)


def specks_per_megapixel(gray: np.ndarray) -> float:
    """Tiny ink components per million pixels: how much scanner noise a page carries.

    Counted in SPECK_STRIPS evenly spaced bands covering a quarter of the page (labelling a whole
    300 dpi page cost ~45 ms, most of it for the letters); a component touching a band's top or
    bottom edge may be a cut letter and is not counted. The clean and noisy pages this separates
    differ tenfold, far more than the sampling error.
    """
    height = gray.shape[0]
    band = max(height // (4 * SPECK_STRIPS), 1)
    tiny, pixels = 0, 0
    for top in np.linspace(0, height - band, SPECK_STRIPS).astype(int):
        strip = gray_to_binary(gray[top : top + band])
        _, _, stats, _ = label_components(strip)
        inside = (stats[1:, cv2.CC_STAT_TOP] > 0) & (
            stats[1:, cv2.CC_STAT_TOP] + stats[1:, cv2.CC_STAT_HEIGHT] < strip.shape[0]
        )
        tiny += int(((stats[1:, cv2.CC_STAT_AREA] < SPECK_AREA) & inside).sum())
        pixels += strip.size
    return tiny / (pixels / 1e6) if pixels else 0.0


def denoise(gray: np.ndarray) -> tuple[np.ndarray, bool]:
    """A 3×3 median filter on a noisy page (pixel noise and specks that Tesseract reads as marks).

    Only on noisy pages: on a clean 300 dpi scan the filter softens strokes and costs a few reads.
    On eval/'s 200 dpi scans it lifted number cells read exactly from 9 % to 87 %.
    """
    if specks_per_megapixel(gray) < NOISY_SPECKS_PER_MP:
        return gray, False
    return cv2.medianBlur(gray, 3), True


def binary_to_line_masks(binary: np.ndarray, scale: int = 40, bridge: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(horizontal, vertical) ruling-line masks; with ``bridge``, of faded and broken rules too
    (``streaks.dashes_joined``: thicker by the bridging, for finding the grid rather than erasing rules)."""
    h, w = binary.shape
    across_rows, across_columns = (
        (dashes_joined(binary, vertical=v) for v in (False, True)) if bridge else (binary, binary)
    )
    horiz = cv2.morphologyEx(across_rows, cv2.MORPH_OPEN, rect(w // scale, 1))
    vert = cv2.morphologyEx(across_columns, cv2.MORPH_OPEN, rect(1, h // scale))
    # close the small gaps that blur, noise and skew leave in a line
    horiz = cv2.dilate(horiz, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    vert = cv2.dilate(vert, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    return horiz, vert


def gray_to_skew(gray: np.ndarray, binary: np.ndarray | None = None) -> float:
    """Skew angle in degrees from the long horizontal rulings (0 when there are none).

    Taken as rulings: long, straight, thin runs of ink away from the image's top and bottom edge.
    A real scan's dark margin along the sheet's edge (sloping with the sheet, not the print) and a
    signature's long stroke had turned straight letter pages by 2–4°. ``binary``: the page's
    ``gray_to_binary``, when the caller has it already.
    """
    binary = gray_to_binary(gray) if binary is None else binary
    page_height, w = binary.shape
    edge = EDGE_SHARE * page_height
    # short kernel: a skewed line survives as segments
    horiz = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (w // 60, 1)))
    count, labels, stats, _ = label_components(horiz)
    angles, weights = [], []
    for i in range(1, count):
        x, y, width, height = (
            int(stats[i, k]) for k in (cv2.CC_STAT_LEFT, cv2.CC_STAT_TOP, cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT)
        )
        if width < w // 8 or y <= edge or y + height >= page_height - edge:
            continue
        # only the component's bounding box: comparing the whole page per line cost ~0.2 s a page
        ys, xs = np.nonzero(labels[y : y + height, x : x + width] == i)
        ys, xs = ys + y, xs + x
        slope, intercept = np.polyfit(xs, ys, 1)
        if float(np.std(ys - (slope * xs + intercept))) > MAX_LINE_WOBBLE:
            continue  # a stroke of handwriting, not a printed rule
        angles.append(float(np.degrees(np.arctan(slope))))
        weights.append(float(width))
    if not angles:
        return 0.0
    angle = float(np.average(angles, weights=weights))
    return angle if abs(angle) <= MAX_SKEW_DEG else 0.0


def deskew(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """The page turned straight and the angle turned (the page itself and 0 when it is straight
    enough)."""
    return straightened(gray, gray_to_skew(gray))


def straightened(gray: np.ndarray, angle: float) -> tuple[np.ndarray, float]:
    """The page turned by its skew ``angle``; the page itself and 0 below MIN_SKEW_DEG."""
    if abs(angle) < MIN_SKEW_DEG:
        return gray, 0.0
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    flags = cv2.INTER_CUBIC
    return cv2.warpAffine(gray, matrix, (w, h), flags=flags, borderValue=255), angle


def profile_to_runs(profile: np.ndarray, threshold: float, merge_gap: int) -> list[tuple[int, int]]:
    """(first, last) index of each run where a projection profile reaches ``threshold``."""
    idx = np.nonzero(profile >= threshold)[0]
    if idx.size == 0:
        return []
    runs: list[list[int]] = [[int(idx[0]), int(idx[0])]]
    for i in idx[1:]:
        if i - runs[-1][1] <= merge_gap:
            runs[-1][1] = int(i)
        else:
            runs.append([int(i), int(i)])
    return [(a, b) for a, b in runs]


def profile_to_positions(profile: np.ndarray, threshold: float, merge_gap: int) -> list[int]:
    """Centres of the runs where a projection profile reaches ``threshold``."""
    return [(a + b) // 2 for a, b in profile_to_runs(profile, threshold, merge_gap)]


# A column rule of a table row drawn alone spans the row (a real one, 300 dpi, skewed 0.4°: 0.91-1.0
# of its height inside the row rules); the stems of a framed title's capitals, which the masks
# also take for rules, 0.65-0.67.
FULL_SPAN = 0.85


def line_present(
    mask: np.ndarray, fixed: int, start: int, end: int, vertical: bool, pad: int = 4, share: float = LINE_PRESENT
) -> bool:
    """Whether ``mask`` holds a line at ``fixed`` over ``share`` of the span from ``start`` to ``end``."""
    if end - start < 4:
        return True
    if vertical:
        band = mask[start:end, max(fixed - pad, 0) : fixed + pad + 1]
        hits = band.max(axis=1) > 0
    else:
        band = mask[max(fixed - pad, 0) : fixed + pad + 1, start:end]
        hits = band.max(axis=0) > 0
    return bool(hits.mean() >= share)


def masks_to_grid(horiz: np.ndarray, vert: np.ndarray, page: PageInk | None = None) -> Grid | None:
    """Row/column boundaries of the largest ruled table, with merged cells; None when no table.

    With the ``page``, each run of the (bridged) line masks is judged by ``rules_in_run``: a
    boundary where a solid rule lies, at its own pixel row where specks lie around it, none where
    the run holds a streak of toner specks or letters joined by the bridging."""
    both = cv2.bitwise_or(horiz, vert)
    found = largest_component_box(both)
    if found is None:
        return None
    x0, y0, tw, th = found
    if not table_sized(tw, th, both.shape):
        return None
    h_prof = (horiz[y0 : y0 + th, x0 : x0 + tw] > 0).sum(axis=1)
    v_prof = (vert[y0 : y0 + th, x0 : x0 + tw] > 0).sum(axis=0)
    # low threshold: the line under a group heading ("Trong đó") spans only its columns
    h_runs = [(y0 + a, y0 + b) for a, b in profile_to_runs(h_prof, 0.08 * tw, merge_gap=8)]
    v_runs = [(x0 + a, x0 + b) for a, b in profile_to_runs(v_prof, 0.25 * th, merge_gap=8)]
    ys = [(a + b) // 2 for a, b in h_runs]
    xs = [(a + b) // 2 for a, b in v_runs]
    if page is not None and len(xs) >= 2 and len(ys) >= 2:
        plain_h, plain_v = page.plain
        plain_rows = [(y0 + a, y0 + b) for a, b in profile_to_runs(
            (plain_h[y0 : y0 + th, x0 : x0 + tw] > 0).sum(axis=1), 0.08 * tw, merge_gap=8)]  # fmt: skip
        plain_columns = [(x0 + a, x0 + b) for a, b in profile_to_runs(
            (plain_v[y0 : y0 + th, x0 : x0 + tw] > 0).sum(axis=0), 0.25 * th, merge_gap=8)]  # fmt: skip
        ys = [y for run in h_runs for y in rules_in_run(page, run, plain_rows, xs, (x0, x0 + tw), vertical=False)]
        if len(ys) >= 2:
            xs = [x for run in v_runs for x in rules_in_run(page, run, plain_columns, ys, (y0, y0 + th), vertical=True)]
    notes: tuple[str, ...] = ()
    if page is not None and len(xs) >= 2 and len(ys) >= 3:
        xs, notes = _lost_sides_restored(xs, ys, page)
    if len(xs) >= 3 and ys:
        ys = _close_open_ends(ys, xs, vert, y0, y0 + th - 1)
    running_on: tuple[tuple[str, int], ...] = ()
    if page is not None and len(xs) >= 3 and len(ys) >= 3:
        # after the sides and the open ends: a table drawn without side rules has row rules running
        # past its columns, a row cut by a page break column rules running past its last row rule
        running_on = boundaries_running_on(xs, ys, (horiz, vert))
    if len(ys) < 2 or len(xs) < 3:
        return None
    if page is not None and not table_sized(xs[-1] - xs[0], ys[-1] - ys[0], both.shape):
        return None  # the bridged masks joined underlines and letters into a box; its rules are a table's no more
    # a strip as low as a row is a table only where every column rule spans it (inside the row rules,
    # whose ends round off): a framed title's stems do not
    spanned = (line_present(vert, x, ys[0] + 4, ys[-1] - 3, vertical=True, share=FULL_SPAN) for x in xs)
    if ys[-1] - ys[0] < both.shape[0] // 20 and not all(spanned):
        return None
    rows, cols = len(ys) - 1, len(xs) - 1
    # the slots that a missing line joins
    joins: list[tuple[Slot, Slot]] = []
    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not line_present(vert, xs[c + 1], ys[r] + 6, ys[r + 1] - 6, vertical=True):
                joins.append(((r, c), (r, c + 1)))
            if r + 1 < rows and not line_present(horiz, ys[r + 1], xs[c] + 6, xs[c + 1] - 6, vertical=False):
                joins.append(((r, c), (r + 1, c)))
    return Grid(tuple(ys), tuple(xs), anchors_of((rows, cols), joins), notes, running_on)


def anchors_of(shape: tuple[int, int], joins: Iterable[tuple[Slot, Slot]]) -> tuple[tuple[Slot, ...], ...]:
    """Each slot's anchor (the top-left slot of its merged cell) in a grid of ``shape`` whose slots
    ``joins`` puts in one cell pairwise (union-find; the smaller slot is a group's root)."""
    parent: dict[Slot, Slot] = {}

    def find(a: Slot) -> Slot:
        while parent.setdefault(a, a) != a:
            a = parent[a]
        return a

    for a, b in joins:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    rows, cols = shape
    return tuple(tuple(find((r, c)) for c in range(cols)) for r in range(rows))


def table_sized(width: int, height: int, page_shape: tuple[int, ...]) -> bool:
    """Whether a ruled region is large enough on its page to be a table (not a frame or a stamp).
    A strip across half the page or more is one however low: a table's last row alone on its page
    (held-out seed 10601 h02, 300 dpi: one row 65 px high, read as a line of prose and lost); a
    low strip's column rules must then span it (``masks_to_grid``)."""
    return width >= page_shape[1] // 4 and (height >= page_shape[0] // 20 or width >= page_shape[1] // 2)


def largest_component_box(mask: np.ndarray, pool: int = 4) -> tuple[int, int, int, int] | None:
    """(x, y, width, height) of the largest connected ink component of a line mask.

    Labelled on the mask shrunk ``pool`` times, where any ink in a block counts (a full-size
    labelling cost ~30 ms a page), then made exact from the full-size mask around that box.
    """
    h, w = mask.shape
    small = cv2.resize(mask, (max(w // pool, 1), max(h // pool, 1)), interpolation=cv2.INTER_AREA)
    count, _, stats, _ = label_components((small > 0).astype(np.uint8))
    if count < 2:
        return None
    biggest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    sx, sy, sw, sh = (int(v) for v in stats[biggest, :4])
    fx, fy = w / small.shape[1], h / small.shape[0]  # the shrink factor, exactly
    x0, y0 = max(int(sx * fx) - pool, 0), max(int(sy * fy) - pool, 0)
    x1, y1 = min(int((sx + sw) * fx) + pool + 1, w), min(int((sy + sh) * fy) + pool + 1, h)
    region = mask[y0:y1, x0:x1] > 0
    rows, cols = np.nonzero(region.any(axis=1))[0], np.nonzero(region.any(axis=0))[0]
    if rows.size == 0:
        return None
    return x0 + int(cols[0]), y0 + int(rows[0]), int(cols[-1] - cols[0]) + 1, int(rows[-1] - rows[0]) + 1


def _lost_sides_restored(xs: list[int], ys: list[int], page: PageInk) -> tuple[list[int], tuple[str, ...]]:
    """The table's left and right rule put back where its row rules end, when they run on together
    past the outermost column rule found, with a note for each.

    A scanner's streak down the page over the table's side rule makes that rule fail the streak
    test (``rules_in_run``: its shade changes with the streak's from cell to cell), and a table
    drawn without side rules has none: either way the last column's cells lay outside the grid and
    its figures were read as narrative, the row's amounts one column short. The row rules, found
    apart from the streak, still end at the table's side.
    """
    horizontal = page.plain[0]
    width = horizontal.shape[1]
    notes = []
    for side, start, step in (("right", xs[-1], 1), ("left", xs[0], -1)):
        ends = np.array([_rule_end(horizontal, y, start, step) for y in ys])
        run_on = np.abs(ends - start)
        middle = float(np.median(ends))
        agree = (run_on > SIDE_RUN_ON) & (np.abs(ends - middle) <= SIDE_SPREAD)
        if agree.mean() < SIDE_AGREEMENT or not (SIDE_GAP < middle < width - 1 - SIDE_GAP):
            continue  # the rules end at the column rule found, or run off the page (a streak across it)
        edge = _darkest_column(page.gray, (ys[0], ys[-1]), int(middle) - step * SIDE_SPREAD, int(middle), outer=step)
        xs = [*xs, edge] if step > 0 else [edge, *xs]
        notes.append(
            f"table's {side} rule not found (under a streak, or not drawn): put at x={edge}, where "
            f"{int(agree.sum())} of its {len(ys)} row rules end"
        )
    return xs, tuple(notes)


def _rule_end(horizontal: np.ndarray, y: int, x: int, step: int) -> int:
    """Where the row rule at ``y`` ends, followed from ``x`` in the direction ``step`` (±1) across
    gaps of up to SIDE_GAP px."""
    row = horizontal[max(y - RULE_HOP, 0) : y + RULE_HOP + 1].max(axis=0) > 0
    last, missed = x, 0
    while 0 <= x < row.size and missed <= SIDE_GAP:
        if row[x]:
            last, missed = x, 0
        else:
            missed += 1
        x += step
    return last


def _darkest_column(gray: np.ndarray, rows: tuple[int, int], a: int, b: int, outer: int) -> int:
    """The darkest pixel column between ``a`` and ``b`` over ``rows``: a rule's, under a streak too
    (the streak darkens its neighbours as well); of columns as dark, the outermost (``outer``: +1
    the right, -1 the left), where the row rules of a table drawn without side rules end."""
    lo, hi = max(min(a, b), 0), min(max(a, b), gray.shape[1] - 1)
    shade = gray[rows[0] : rows[1], lo : hi + 1].mean(axis=0)
    darkest = np.flatnonzero(shade <= shade.min())
    return lo + int(darkest[-1] if outer > 0 else darkest[0])


def _close_open_ends(ys: list[int], xs: list[int], vert: np.ndarray, top: int, bottom: int) -> list[int]:
    """Add the missing top or bottom boundary of a row cut by a page break.

    Chromium draws no bottom border under a row it splits across pages (nor a top border over
    its rest): the column rulings run on past the last horizontal line. Where most of them do,
    by more than OPEN_END px, their end is the boundary; else that row was lost to the narrative.
    """

    def ruled(a: int, b: int) -> bool:
        return sum(line_present(vert, x, a + 4, b - 4, vertical=True) for x in xs) >= 0.75 * len(xs)

    if bottom - ys[-1] > OPEN_END and ruled(ys[-1], bottom):
        ys = [*ys, bottom]
    if ys[0] - top > OPEN_END and ruled(top, ys[0]):
        ys = [top, *ys]
    return ys


def gray_to_grid(gray: np.ndarray, binary: np.ndarray | None = None) -> tuple[Grid | None, np.ndarray]:
    """The table grid and a copy of the image with the ruling lines erased (cleaner for OCR).
    ``binary``: the page's ``gray_to_binary``, when the caller has it already."""
    binary = gray_to_binary(gray) if binary is None else binary
    # erased: the rules whole in one pixel row (a bridged rule's mask, thicker, cut into letters)
    horiz, vert = binary_to_line_masks(binary)
    page = PageInk(gray, binary, (horiz, vert), band_pieces(binary))
    grid = masks_to_grid(*binary_to_line_masks(binary, bridge=True), page)
    lines = cv2.dilate(cv2.bitwise_or(horiz, vert), cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    # the lines are 0 or 255: the brighter of the two is the page with its lines made white
    return grid, cv2.max(gray, lines)


def straighten_and_grid(gray: np.ndarray) -> tuple[np.ndarray, float, Grid | None, np.ndarray]:
    """``deskew`` then ``gray_to_grid``: (the straight page, the angle turned, its grid, the straight
    page with its rulings erased).

    A page left as it lay keeps the ink mask its skew was measured on for the grid (~12 ms a
    300 dpi page); a page turned straight needs a mask of its own, and the first one is let go
    before the turned copy is made, so that no more memory is held than when each step made its own.
    """
    binary: np.ndarray | None = gray_to_binary(gray)
    skew = gray_to_skew(gray, binary)
    if abs(skew) >= MIN_SKEW_DEG:
        binary = None
    straight, angle = straightened(gray, skew)
    grid, clean = gray_to_grid(straight, binary)
    return straight, angle, grid, clean
