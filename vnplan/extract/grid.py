"""Table grids on page images: deskew, ruling-line masks, row/column boundaries, merged cells.

Ruling lines are found with OpenCV morphology (an opening with a long thin kernel keeps only
lines, after faded rules' dashes are bridged). Boundaries are the positions where line pixels run
across most of the table, each checked to be a printed rule and not a streak of toner specks. A cell is
merged with its neighbour where the line between them is missing inside that cell's band; the
merged region's text belongs to its top-left slot, as pdfplumber reports digital pages.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

import cv2
import numpy as np

from vnplan.extract.components import label_components

MAX_SKEW_DEG = 5.0
# Below this a page is left as it is: turning it costs sharpness (interpolation) that Tesseract,
# which follows a slightly sloping line by itself, reads worse (two real scans at 0.2°: CER 0.045 ->
# 0.048 and 0.209 -> 0.210), and the grid's line masks bridge the drift (12 px across 3 000 px).
MIN_SKEW_DEG = 0.25
EDGE_SHARE = 0.01  # of the page height: a line this close to the top or bottom edge is the scan's margin
MAX_LINE_WOBBLE = 3.0  # px: spread of a printed rule's pixels around its fitted line (thickness included)
OPEN_END = 30  # px (300 dpi): column rulings running on this far past the last row line close a row
LINE_PRESENT = 0.5  # share of a boundary segment that must be line pixels for the line to count
# Speckle: ink components of under 8 pixels per megapixel of page. Clean renders have none, the
# 300 dpi scans of eval/ 30–380, the noisy 200 dpi ones 3 100–6 300 (print has no such small marks:
# a Vietnamese dot below is larger).
SPECK_AREA = 8
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
# A run of the bridged masks whose band holds fewer pieces of ink shorter than RULE_PIECE px than
# MAX_PIECES_PER_KPX per 1 000 px along the table has no streak and no faded rule (rules_in_run):
# 0 for every rule of eval/heldout's 150 dpi JPEG and seal-stamped pages, 21–260 for the streaks of
# its Augraphy pages.
RULE_PIECE = 40
MAX_PIECES_PER_KPX = 10
MAX_RULE_SLOPE = 0.01  # px per px: a rule no straighter than this is no rule (deskew turns 0.25° and more)
NOISY_SPECKS_PER_MP = 1000
SPECK_STRIPS = 8


@dataclass(frozen=True)
class Grid:
    ys: tuple[int, ...]  # row boundaries, top to bottom (len = rows + 1)
    xs: tuple[int, ...]  # column boundaries, left to right (len = columns + 1)
    anchor: tuple[tuple[tuple[int, int], ...], ...]  # anchor[r][c] = top-left slot of its merged cell

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
    (``_bridged``: thicker by the bridging, for finding the grid rather than erasing rules)."""
    h, w = binary.shape
    across_rows, across_columns = (_bridged(binary, vertical=v) for v in (False, True)) if bridge else (binary, binary)
    horiz = cv2.morphologyEx(across_rows, cv2.MORPH_OPEN, _rect(w // scale, 1))
    vert = cv2.morphologyEx(across_columns, cv2.MORPH_OPEN, _rect(1, h // scale))
    # close the small gaps that blur, noise and skew leave in a line
    horiz = cv2.dilate(horiz, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    vert = cv2.dilate(vert, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    return horiz, vert


def _rect(width: int, height: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_RECT, (width, height))


def _bridged(binary: np.ndarray, vertical: bool) -> np.ndarray:
    """The binary page with a faded or broken rule made one run of pixels along its direction.

    A thin grey rule binarises as dashes that hop between neighbouring pixel rows (Augraphy's
    faded and low-ink print: no single row ran the 1/40 of the page the opening asks for, and a
    table fell apart into pieces). Thickened across the rule by RULE_HOP px and with gaps of up to
    RULE_GAP px along it closed, the dashes are one run again; letters stay apart (the gaps inside
    a letter and between letters at 300 dpi are wider than RULE_GAP).
    """
    across, along = (_rect(RULE_HOP, 1), _rect(1, RULE_GAP)) if vertical else (_rect(1, RULE_HOP), _rect(RULE_GAP, 1))
    return cv2.morphologyEx(cv2.dilate(binary, across), cv2.MORPH_CLOSE, along)


def gray_to_skew(gray: np.ndarray) -> float:
    """Skew angle in degrees from the long horizontal rulings (0 when there are none).

    Taken as rulings: long, straight, thin runs of ink away from the image's top and bottom edge.
    A real scan's dark margin along the sheet's edge (sloping with the sheet, not the print) and a
    signature's long stroke had turned straight letter pages by 2–4°.
    """
    binary = gray_to_binary(gray)
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
    angle = gray_to_skew(gray)
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


def line_present(mask: np.ndarray, fixed: int, start: int, end: int, vertical: bool, pad: int = 4) -> bool:
    if end - start < 4:
        return True
    if vertical:
        band = mask[start:end, max(fixed - pad, 0) : fixed + pad + 1]
        hits = band.max(axis=1) > 0
    else:
        band = mask[max(fixed - pad, 0) : fixed + pad + 1, start:end]
        hits = band.max(axis=0) > 0
    return bool(hits.mean() >= LINE_PRESENT)


@dataclass(frozen=True)
class PageInk:
    """What tells a printed rule from a streak of specks in a run of the bridged line masks: the
    page (gray and binary), its line masks without bridging, and the centres of its small pieces
    of ink (``band_pieces``)."""

    gray: np.ndarray
    binary: np.ndarray
    plain: tuple[np.ndarray, np.ndarray]  # (horizontal, vertical) masks of the unbridged page
    pieces: np.ndarray  # (x, y, length along a row, length along a column) of each piece


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
    if len(xs) >= 3 and ys:
        ys = _close_open_ends(ys, xs, vert, y0, y0 + th - 1)
    if len(ys) < 2 or len(xs) < 3:
        return None
    if page is not None and not table_sized(xs[-1] - xs[0], ys[-1] - ys[0], both.shape):
        return None  # the bridged masks joined underlines and letters into a box; its rules are a table's no more
    rows, cols = len(ys) - 1, len(xs) - 1
    # union the slots that a missing line joins; the anchor is the top-left slot of each group
    parent = {(r, c): (r, c) for r in range(rows) for c in range(cols)}

    def find(a: tuple[int, int]) -> tuple[int, int]:
        while parent[a] != a:
            a = parent[a]
        return a

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not line_present(vert, xs[c + 1], ys[r] + 6, ys[r + 1] - 6, vertical=True):
                union((r, c), (r, c + 1))
            if r + 1 < rows and not line_present(horiz, ys[r + 1], xs[c] + 6, xs[c + 1] - 6, vertical=False):
                union((r, c), (r + 1, c))
    anchor = tuple(tuple(find((r, c)) for c in range(cols)) for r in range(rows))
    return Grid(tuple(ys), tuple(xs), anchor)


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


def table_sized(width: int, height: int, page_shape: tuple[int, ...]) -> bool:
    """Whether a ruled region is large enough on its page to be a table (not a frame or a stamp)."""
    return width >= page_shape[1] // 4 and height >= page_shape[0] // 20


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
    bridged = _bridged(np.ascontiguousarray(img[top : last + RULE_HOP + 1]), vertical=False) > 0
    bridged = bridged[first - top : last + 1 - top]
    margin = 2 * RULE_BAND
    cells = [(a + margin, b - margin) for a, b in itertools.pairwise(crossings) if b - a > 3 * margin]
    if not cells:
        return (run[0] + run[1]) // 2
    cover = np.stack([bridged[:, a:b].mean(axis=1) for a, b in cells], axis=1)  # rows × cells
    shade = np.stack(
        [np.percentile(shades[first : last + 1, a:b], 100 * RULE_INK_SHARE, axis=1) for a, b in cells], axis=1
    )
    # A rule of a page turned by less than deskew corrects slopes by a few pixels across the table:
    # it is followed along the straight line through each cell's best row (most covered, then
    # darkest), a pixel either side.
    best_rows = np.argmax(cover - shade / 1e4, axis=0)
    centres = np.array([(a + b) / 2 for a, b in cells])
    slope, offset = np.polyfit(centres, best_rows, 1) if len(cells) > 1 else (0.0, float(best_rows[0]))
    along_cover, along_shade = [], []
    for a, b in cells:
        xs = np.arange(a, b)
        ys = np.clip(np.rint(offset + slope * xs).astype(int), 1, len(bridged) - 2)
        along_cover.append(float(np.maximum.reduce([bridged[ys + d, xs] for d in (-1, 0, 1)]).mean()))
        darkest = np.minimum.reduce([shades[first + ys + d, xs] for d in (-1, 0, 1)])
        along_shade.append(float(np.percentile(darkest, 100 * RULE_INK_SHARE)))
    line_cover, line_shade = np.array(along_cover), np.array(along_shade)
    if abs(slope) <= MAX_RULE_SLOPE and _looks_printed(line_cover, line_shade, line_cover >= LINE_PRESENT):
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
        if _looks_printed(cover[i], shade[i], in_cell):
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


def _looks_printed(cover: np.ndarray, shade: np.ndarray, drawn: np.ndarray) -> bool:
    """A rule's pixels per cell: covering most cells it is drawn in, as dark in every one."""
    if not drawn.any() or (cover[drawn] >= FULL_RULE).sum() < MIN_FULL_SEGMENTS * drawn.sum():
        return False
    return float(np.ptp(shade[drawn])) <= MAX_RULE_SHADE_SPREAD


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


def gray_to_grid(gray: np.ndarray) -> tuple[Grid | None, np.ndarray]:
    """The table grid and a copy of the image with the ruling lines erased (cleaner for OCR)."""
    binary = gray_to_binary(gray)
    # erased: the rules whole in one pixel row (a bridged rule's mask, thicker, cut into letters)
    horiz, vert = binary_to_line_masks(binary)
    page = PageInk(gray, binary, (horiz, vert), band_pieces(binary))
    grid = masks_to_grid(*binary_to_line_masks(binary, bridge=True), page)
    lines = cv2.dilate(cv2.bitwise_or(horiz, vert), cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    # the lines are 0 or 255: the brighter of the two is the page with its lines made white
    return grid, cv2.max(gray, lines)
