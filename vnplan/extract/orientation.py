"""Which way up a page image is (0, 90, 180 or 270 degrees), cheap tests first.

* **text-line direction** (0/180 against 90/270), on the page shrunk to WORK_DPI: characters
  smeared along a direction join into long runs only along their text lines. A page stored
  sideways has its lines running down. Streaks of toner specks are runs too; where the count is
  undecided, it is made again without them.
* **upright or upside down** (0 against 180): a few of those lines, cut out and read by Tesseract
  as they stand and turned (``upright_or_upside_down``), tens of milliseconds.

Only where these are undecided (too little text, a page of bare numbers, streaks) does
Tesseract's own orientation detection (OSD) run; it costs about as much as reading the page.
Where OSD too finds too little text (a letter's last page: a line of recipients and the
signer's name), the box around the page's ink is read at each quarter turn.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from vnplan.extract.components import label_components
from vnplan.extract.grid import gray_to_binary
from vnplan.extract.render import shrink

log = logging.getLogger(__name__)

WORK_DPI = 75  # resolution of the line tests: letters of body text are still ~6 px high
MIN_LINES = 6  # text lines a test needs before it may decide
# a direction needs this many times more line-like runs along it than across it
DIRECTION_RATIO = 3.0
SAMPLE_LINES = 3  # text lines read both ways up to tell upright from upside down
SAMPLE_WIDTH_IN = 1.5  # inches of each of those lines
CONFIDENCE_MARGIN = 0.2  # mean word confidence by which one way up must beat the other
# Read upright, sample lines of real pages scored 0.83–0.96 and upside down 0.18–0.50 (scans at
# 70–500 dpi): above this the upside-down reading is not needed at all.
UPRIGHT_SURE = 0.8
# A page is turned upside down only on a reading that is itself of words: one between the two
# ranges above. Streaks of toner specks are line-like runs as wide as the page, and a sheet of them
# read as junk both ways up (0.00 upright, 0.33 turned on a held-out Augraphy page stored upright).
TURNED_SURE = 0.6
SAMPLE_DPI = 300  # sample lines of finer scans are shrunk to this before reading
OSD_MIN_CONFIDENCE = 2.0  # Tesseract's orientation confidence below which its answer is not taken
# Below this, an OSD answer of 180° is a weak one: taken only where the page's sample lines do not
# read better as they stand (a held-out Augraphy page stored upright: OSD 180° at 2.02, its lines
# 0.41 upright and 0.22 turned).
OSD_WEAK = 5.0

ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


@dataclass(frozen=True)
class Orientation:
    rotation: int  # clockwise degrees that make the page upright (0, 90, 180, 270)
    method: str  # "text lines" (the cheap tests decided), "osd" (Tesseract), "undecided"


def rotate(image: np.ndarray, clockwise: int) -> np.ndarray:
    """The image turned clockwise by a multiple of 90 degrees."""
    return image if clockwise % 360 == 0 else cv2.rotate(image, ROTATE[clockwise % 360])


def ink_at_work_dpi(gray: np.ndarray, dpi: float) -> np.ndarray:
    """Binary ink mask (255 = ink) of the page at WORK_DPI, ruling lines removed."""
    small = shrink(gray, min(1.0, WORK_DPI / max(dpi, 1.0)))
    ink = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    h, w = ink.shape
    # rulings and frames are lines in both directions on any page: they must not vote
    lines = cv2.bitwise_or(
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(w // 30, 10), 1))),
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(h // 30, 10)))),
    )
    return cv2.subtract(ink, cv2.dilate(lines, np.ones((3, 3), np.uint8)))


def glyph_height(ink: np.ndarray) -> float:
    """Median height of letter-sized ink components (0 when there are none)."""
    return _letter_heights(ink)[0]


def _letter_heights(ink: np.ndarray) -> tuple[float, float]:
    """(median height, ink-weighted median height) of letter-sized ink components, (0, 0) when
    there are none. Weighted by their ink, the letters outweigh a scan's specks: on a held-out
    Augraphy page of streaks, the plain median was a speck's 4 px (75 dpi), the weighted one 6
    px, and 9 on the same page scanned clean (both measures)."""
    _, _, stats, _ = label_components(ink)
    heights, widths, areas = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_AREA]
    keep = (heights >= 3) & (heights <= 40) & (widths <= 40) & (areas >= 4)
    if keep.sum() < 20:
        return 0.0, 0.0
    heights, areas = heights[keep], areas[keep]
    order = np.argsort(heights, kind="stable")
    cumulative = np.cumsum(areas[order])
    weighted = heights[order][int(np.searchsorted(cumulative, cumulative[-1] / 2))]
    return float(np.median(heights)), float(weighted)


@dataclass(frozen=True)
class PageInk:
    """A page's print measured once at WORK_DPI, for every test that needs it (the way up, the
    size of the print): the mask and its labelling cost ~8 ms on a 300 dpi page."""

    ink: np.ndarray  # ``ink_at_work_dpi`` of the page
    glyph: float  # ``glyph_height`` of that mask, in its own pixels (0: no letters found)
    # the letters' height weighted by their ink (``_letter_heights``): the size of the print,
    # which specks do not pull down; 0 where not measured (the glyph stands for it)
    letters: float = 0.0


def measure_ink(gray: np.ndarray, dpi: float) -> PageInk:
    ink = ink_at_work_dpi(gray, dpi)
    glyph, letters = _letter_heights(ink)
    return PageInk(ink, glyph, letters)


def line_runs(ink: np.ndarray, glyph: float, vertical: bool) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h) of text-line-like runs after smearing the ink along one direction."""
    gap = max(int(glyph * 0.8), 2)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap) if vertical else (gap, 1))
    smeared = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, kernel)
    _, _, stats, _ = label_components(smeared)
    runs = []
    for x, y, w, h, _area in stats[1:]:
        length, thickness = (h, w) if vertical else (w, h)
        if length >= 6 * glyph and 0.6 * glyph <= thickness <= 2.5 * glyph:
            runs.append((int(x), int(y), int(w), int(h)))
    return runs


def text_direction(
    ink: np.ndarray, glyph: float, counts: Callable[[tuple[int, int, int, int]], bool] = lambda run: True
) -> str | None:
    """'across' (lines run left to right), 'down' (the page lies sideways) or None (undecided).
    ``counts``: which line-like runs count (all of them unless told)."""
    across = sum(map(counts, line_runs(ink, glyph, vertical=False)))
    down = sum(map(counts, line_runs(ink, glyph, vertical=True)))
    if across >= MIN_LINES and across >= DIRECTION_RATIO * down:
        return "across"
    if down >= MIN_LINES and down >= DIRECTION_RATIO * across:
        return "down"
    return None


def line_samples(gray: np.ndarray, dpi: float, ink: np.ndarray, glyph: float) -> np.ndarray | None:
    """A small sheet of a few text lines of an across-running page, stacked with white between.

    ``ink``/``glyph``: the page's ink mask at WORK_DPI and its glyph height. The lines are the
    widest line-like runs, each cut to SAMPLE_WIDTH_IN inches: enough words for Tesseract to be sure
    of them, few enough to read in a few tens of milliseconds.
    """
    scale = ink.shape[1] / gray.shape[1]
    widest = sorted(line_runs(ink, glyph, vertical=False), key=lambda r: -r[2])
    runs = [run for run in widest if not _specks(gray, run, scale, dpi)][:SAMPLE_LINES]
    if len(runs) < 2:
        # the speck test took nearly every line (grainy paper breaks print into crumbs as well):
        # the widest runs, as before it
        runs = widest[:SAMPLE_LINES]
    if len(runs) < 2:
        return None
    pad, width, gap = int(0.3 * glyph / scale), int(SAMPLE_WIDTH_IN * dpi), int(glyph / scale)
    crops = []
    for x, y, w, h in runs:
        x0, y0 = max(int(x / scale) - pad, 0), max(int(y / scale) - pad, 0)
        x1, y1 = min(int((x + w) / scale) + pad, x0 + width), int((y + h) / scale) + pad
        crops.append(gray[y0:y1, x0:x1])
    sheet = np.full(
        (sum(c.shape[0] + gap for c in crops) + gap, max(c.shape[1] for c in crops) + 2 * gap), 255, np.uint8
    )
    top = gap
    for crop in crops:
        sheet[top : top + crop.shape[0], gap : gap + crop.shape[1]] = crop
        top += crop.shape[0] + gap
    if dpi > SAMPLE_DPI:
        sheet = cv2.resize(sheet, None, fx=SAMPLE_DPI / dpi, fy=SAMPLE_DPI / dpi, interpolation=cv2.INTER_AREA)
    return without_rules(sheet)


def _specks(gray: np.ndarray, run: tuple[int, int, int, int], scale: float, dpi: float) -> bool:
    """Whether a line-like run is a streak of toner specks, not a line of print: most of its pieces
    of ink are specks (smaller than TINY_PIECE px at 300 dpi). A line of Vietnamese print is
    letters, with a dot or a tone mark among them; a streak is a cloud of specks (a held-out
    Augraphy letter, seed 10001 h06 p.1: 0.08-0.21 of the pieces of its text lines are that small,
    0.63-0.80 of its streaks', and two streaks among the three sample lines read as junk upright,
    better turned: the page was turned 180°)."""
    x, y, w, h = (int(v / scale) for v in run)
    crop = gray[y : y + h, x : x + w]
    if crop.size == 0:
        return False
    _, _, stats, _ = label_components(gray_to_binary(crop))
    areas = stats[1:, cv2.CC_STAT_AREA]
    tiny = TINY_PIECE * (dpi / 300) ** 2
    return len(areas) > 0 and float((areas < tiny).mean()) >= SPECK_SHARE


TINY_PIECE = 12  # px at 300 dpi: a speck (a tone mark's dot is about this size at 9 pt)
SPECK_SHARE = 0.5


def without_rules(sheet: np.ndarray) -> np.ndarray:
    """The sample sheet with the table rules its lines were cut with made white.

    A line of a table row comes with the rule above or below it; on a page whose paper was brought
    to white, Tesseract read a sheet of three such upright lines as no words at all (psm 6), and
    its upside-down reading won: the page was turned 180° (a held-out 300 dpi scan, seed 9201).
    """
    rules = cv2.morphologyEx(
        gray_to_binary(sheet), cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (sheet.shape[1] // 3, 1))
    )
    if not rules.any():
        return sheet
    return cv2.max(sheet, cv2.dilate(rules, np.ones((3, 3), np.uint8)))


def mean_confidence(sheet: np.ndarray) -> float | None:
    """Tesseract's mean confidence in the words (of two letters or more) of a sample sheet; None
    where it reads no word at all (no evidence either way, not a low confidence)."""
    from vnplan.extract.tesseract import image_to_tsv, tsv_to_words  # import here: tesseract is heavier

    words = [w for w in tsv_to_words(image_to_tsv(sheet, psm=6, timeout=30)) if len(w.text) > 1]
    return float(np.mean([w.conf for w in words])) if words else None


def upright_or_upside_down(sheet: np.ndarray) -> int | None:
    """0 or 180 for a sheet of sample lines, from reading it (both ways up where the first reading
    is unsure); None when neither reading is clearly better, or the better one is no reading of
    words either."""
    upright = mean_confidence(sheet)
    if upright is not None and upright >= UPRIGHT_SURE:
        return 0
    turned = mean_confidence(rotate(sheet, 180))
    if upright is None or turned is None:
        return None  # a reading of no words tells nothing: the expensive test decides
    if upright >= turned + CONFIDENCE_MARGIN:
        return 0
    if turned >= upright + CONFIDENCE_MARGIN and turned >= TURNED_SURE:
        return 180
    return None  # undecided, or no reading of words either way: the expensive test decides


def cheap_orientation(gray: np.ndarray, dpi: float, measured: PageInk | None = None) -> int | None:
    """Clockwise turn that makes the page upright by the cheap tests, or None when they cannot tell.
    ``measured``: the page's ``measure_ink``, when the caller has it already."""
    measured = measured or measure_ink(gray, dpi)
    ink, glyph = measured.ink, measured.glyph
    if glyph == 0:
        return None
    direction = text_direction(ink, glyph)
    if direction is None:
        # streaks of toner specks are line-like runs too, across the text lines of a page lying
        # sideways (held-out Augraphy pages turned 90°: 34 runs across, 86 down; 3 and 29 once
        # the streaks are left out): undecided, the print's runs alone may tell
        scale = ink.shape[1] / gray.shape[1]
        direction = text_direction(ink, glyph, lambda run: not _specks(gray, run, scale, dpi))
    if direction is None:
        return None
    turned = 90 if direction == "down" else 0  # turned so that the lines run across
    if turned:
        gray, ink = rotate(gray, turned), rotate(ink, turned)
        glyph = glyph_height(ink)
    sheet = line_samples(gray, dpi, ink, glyph)
    flip = upright_or_upside_down(sheet) if sheet is not None else None
    return None if flip is None else (turned + flip) % 360


def find_orientation(gray: np.ndarray, dpi: float, measured: PageInk | None = None) -> Orientation:
    """The clockwise turn that makes a page image upright: cheap tests first, Tesseract's OSD
    only where they are undecided; 0 with method 'undecided' when neither can tell.
    ``measured``: the page's ``measure_ink``, when the caller has it already."""
    cheap = cheap_orientation(gray, dpi, measured)
    if cheap is not None:
        return Orientation(cheap, "text lines")
    from vnplan.extract.tesseract import detect_orientation  # OSD: the expensive test

    found = detect_orientation(gray)
    if found is not None and found[1] >= OSD_MIN_CONFIDENCE:
        if found[0] == 180 and found[1] < OSD_WEAK and _reads_better_as_it_stands(gray, dpi, measured):
            return Orientation(0, "text lines (OSD's weak 180° not confirmed)")
        return Orientation(found[0], "osd")
    few = _few_words_orientation(gray, dpi, measured or measure_ink(gray, dpi))
    if few is not None:
        return Orientation(few, "its few words read")
    return Orientation(0, "undecided")


# A page's ink, boxed, larger than this share of the page is no page of a few words: reading it
# four ways would cost as much as reading four pages.
FEW_WORDS_BOX = 0.25


def _few_words_orientation(gray: np.ndarray, dpi: float, measured: PageInk) -> int | None:
    """The turn of a page with too few words for the line tests and for OSD (a letter's last page:
    "- Lưu: VT." and the signer's name, stored sideways, was left sideways on every held-out plan):
    the box around its ink read at each quarter turn, taken where one reading is of words
    (TURNED_SURE, as for a page turned upside down: two short lines read 0.66 the right way up)
    and beats every other by CONFIDENCE_MARGIN; None otherwise."""
    ys, xs = np.nonzero(measured.ink)
    if len(xs) == 0:
        return None
    scale = measured.ink.shape[1] / gray.shape[1]
    pad = int(0.2 * dpi)
    x0, x1 = max(int(xs.min() / scale) - pad, 0), min(int((xs.max() + 1) / scale) + pad, gray.shape[1])
    y0, y1 = max(int(ys.min() / scale) - pad, 0), min(int((ys.max() + 1) / scale) + pad, gray.shape[0])
    if (x1 - x0) * (y1 - y0) > FEW_WORDS_BOX * gray.size:
        return None
    crop = gray[y0:y1, x0:x1]
    if dpi > SAMPLE_DPI:
        crop = cv2.resize(crop, None, fx=SAMPLE_DPI / dpi, fy=SAMPLE_DPI / dpi, interpolation=cv2.INTER_AREA)
    upright = mean_confidence(crop)
    if upright is not None and upright >= UPRIGHT_SURE:
        return 0  # as in ``upright_or_upside_down``: sure of its words, the page needs no other reading
    readings = {0: upright} | {turn: mean_confidence(rotate(crop, turn)) for turn in (90, 180, 270)}
    scored = sorted(((conf, turn) for turn, conf in readings.items() if conf is not None), reverse=True)
    if len(scored) < 2 or scored[0][0] < TURNED_SURE:
        return None  # one reading of words alone beats nothing: as in ``upright_or_upside_down``
    if scored[0][0] < scored[1][0] + CONFIDENCE_MARGIN:
        return None
    return scored[0][1]


def _reads_better_as_it_stands(gray: np.ndarray, dpi: float, measured: PageInk | None) -> bool:
    """Whether the page's widest text lines read with more confidence as they stand than turned
    upside down: a page is turned only on evidence, and the line direction, undecided, does not
    stop the lines from being read."""
    measured = measured or measure_ink(gray, dpi)
    if measured.glyph == 0:
        return False
    sheet = line_samples(gray, dpi, measured.ink, measured.glyph)
    if sheet is None:
        return False
    upright, turned = mean_confidence(sheet), mean_confidence(rotate(sheet, 180))
    return upright is not None and (turned is None or upright > turned)
