"""Colour pages: red and blue ink (seals, signatures, handwritten marks) taken out before the print is read.

Print is black or grey: low saturation. A seal is red, a signature or a handwritten number usually
blue; Tesseract reads them as letters and the grid takes their strokes for rulings. Pixels of
strongly saturated red or blue hue are painted paper-white; a print stroke under the ink stays,
since black and red together give a dark, unsaturated pixel. What was removed is counted, so the
page record can say how much.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from vnplan.extract.components import label_components
from vnplan.extract.render import shrink

CHECK_PIXELS = 250_000  # the "is there coloured ink at all" test runs on the page shrunk to about this
COLOURED = 80  # HSV saturation (0–255) of a pixel that is clearly coloured: the "any ink at all" test
# Saturation from which a pixel of an ink's hue is taken as that ink: the pale rim of a seal's
# strokes included, the tint of coloured paper (a blue-grey scan measured 26) not.
MIN_SATURATION = 60
MIN_VALUE = 60  # darker pixels are print, whatever their hue
# OpenCV hue runs 0–179: red wraps around 0 (magenta included: red ink crossing blue ink turns
# purple), blue sits around 120 (cyan-blue to violet-blue)
RED_HUES = ((0, 12), (140, 179))
BLUE_HUES = ((90, 139),)
MIN_INK_SHARE = 0.0005  # below this share of pixels (specks of JPEG colour noise), nothing is reported
REGION_MARGIN = 9  # px of the shrunk copy: coloured pixels this close belong to one region
MIN_REGION_PIXELS = 12  # coloured pixels of the shrunk copy a region needs (a stroke, not a speck)


@dataclass(frozen=True)
class InkRemoval:
    gray: np.ndarray
    red_share: float  # share of the page's pixels removed as red ink (0 when none)
    blue_share: float


def hue_mask(hsv: np.ndarray, ranges: tuple[tuple[int, int], ...]) -> np.ndarray:
    """Pixels of one of the hue ranges that are saturated and bright enough to be coloured ink."""
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    hue = np.zeros(h.shape, dtype=bool)
    for low, high in ranges:
        hue |= (h >= low) & (h <= high)
    return hue & (s >= MIN_SATURATION) & (v >= MIN_VALUE)


def coloured_regions(bgr: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1, full-size pixels) around the clearly coloured parts of the page, found
    on a shrunk copy (a few milliseconds); empty for a grey page or specks of colour noise.

    Seals and signatures cover a small part of a page: the exact, full-size work is done in these
    boxes only (on a whole 300 dpi page it cost ~150 ms).
    """
    h, w = bgr.shape[:2]
    small = shrink(bgr, min(1.0, (CHECK_PIXELS / (h * w)) ** 0.5))
    coloured = (cv2.cvtColor(small, cv2.COLOR_BGR2HSV)[..., 1] >= COLOURED).astype(np.uint8)
    if coloured.mean() < MIN_INK_SHARE:
        return []
    scale = w / small.shape[1]
    grown = cv2.dilate(coloured, np.ones((REGION_MARGIN, REGION_MARGIN), np.uint8))
    count, _, stats, _ = label_components(grown)
    boxes = []
    for x, y, bw, bh, _area in stats[1:count]:
        inside = int(coloured[y : y + bh, x : x + bw].sum())
        if inside >= MIN_REGION_PIXELS:
            boxes.append(
                (int(x * scale), int(y * scale), min(int((x + bw) * scale) + 1, w), min(int((y + bh) * scale) + 1, h))
            )
    return boxes


def remove_coloured_ink(bgr: np.ndarray) -> InkRemoval:
    """The page in grayscale with red and blue ink painted white; grey pages are only converted."""
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    removed = {"red": 0, "blue": 0}
    for x0, y0, x1, y1 in coloured_regions(bgr):
        hsv = cv2.cvtColor(bgr[y0:y1, x0:x1], cv2.COLOR_BGR2HSV)
        for name, ranges in (("red", RED_HUES), ("blue", BLUE_HUES)):
            mask = hue_mask(hsv, ranges)
            # the anti-aliased rim of a stroke is paler and less saturated than its core: take it
            # too, but never a dark pixel, which is print crossing the ink
            rim = (cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0) & (hsv[..., 2] >= 128)
            gray[y0:y1, x0:x1][mask | rim] = 255
            removed[name] += int(mask.sum())
    shares = [removed[name] / gray.size for name in ("red", "blue")]
    # a few coloured pixels are JPEG colour noise, not ink: nothing is reported for them
    return InkRemoval(gray, *(share if share >= MIN_INK_SHARE else 0.0 for share in shares))
