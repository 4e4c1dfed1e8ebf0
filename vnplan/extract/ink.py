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
MIN_INK_SHARE = 0.0005  # below this share of pixels (specks of JPEG colour noise), nothing is removed


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


def colour_share(bgr: np.ndarray) -> float:
    """Share of strongly coloured pixels, measured on a shrunk copy (a few milliseconds)."""
    h, w = bgr.shape[:2]
    factor = min(1.0, (CHECK_PIXELS / (h * w)) ** 0.5)
    small = cv2.resize(bgr, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else bgr
    saturation = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)[..., 1]
    return float((saturation >= COLOURED).mean())


def remove_coloured_ink(bgr: np.ndarray) -> InkRemoval:
    """The page in grayscale with red and blue ink painted white; grey pages are only converted."""
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    if colour_share(bgr) < MIN_INK_SHARE:
        return InkRemoval(gray, 0.0, 0.0)
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    shares = []
    for ranges in (RED_HUES, BLUE_HUES):
        mask = hue_mask(hsv, ranges)
        share = float(mask.mean())
        if share < MIN_INK_SHARE:
            shares.append(0.0)
            continue
        # the anti-aliased rim of a stroke is paler and less saturated than its core: take it too,
        # but never a dark pixel, which is print crossing the ink
        rim = cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        rim &= hsv[..., 2] >= 128
        gray[mask | rim] = 255
        shares.append(share)
    return InkRemoval(gray, shares[0], shares[1])
