"""Page images made ready for the grid and OCR, every step on record.

    prepare_page(image, dpi) -> PreparedPage(gray, dpi, rotation, steps)

The recipe, each step behind a cheap test so that a clean grayscale scan pays almost nothing:
photo outline and perspective (colour or gray) -> red and blue ink removed (colour pages) ->
illumination evened out, or grey paper brought to white -> orientation (0/90/180/270) -> resolution: small print upscaled so that
Tesseract sees letters of the size it reads best. ``steps`` names what was done, in order, in the
words a user reads in ``source.page_records``.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import cv2
import numpy as np

from vnplan.extract.ink import remove_coloured_ink
from vnplan.extract.orientation import find_orientation, glyph_height, ink_at_work_dpi, rotate
from vnplan.extract.photo import even_out_illumination, find_page_outline, undo_perspective, whiten_paper

log = logging.getLogger(__name__)

# Median letter height (ink components, capitals and ascenders included) that Tesseract reads best,
# in pixels: body text of a 300 dpi scan measures ~24. Pages whose letters measure less than
# SMALL_PRINT of it are upscaled (×2 or ×3) to about this size.
GOOD_GLYPH_PX = 24.0
SMALL_PRINT = 0.7
MAX_UPSCALE = 3


@dataclass(frozen=True)
class PreparedPage:
    gray: np.ndarray
    dpi: float  # the resolution the image now stands for (the input's, times any upscaling)
    rotation: int  # clockwise degrees turned (0, 90, 180, 270)
    steps: tuple[str, ...]


def upscale_factor(gray: np.ndarray, dpi: float) -> int:
    """×1, ×2 or ×3: how much to enlarge a page whose print is small in pixels."""
    ink = ink_at_work_dpi(gray, dpi)
    glyph = glyph_height(ink) * gray.shape[1] / ink.shape[1]  # in the page's own pixels
    if glyph == 0 or glyph >= SMALL_PRINT * GOOD_GLYPH_PX:
        return 1
    return int(min(MAX_UPSCALE, max(2, round(GOOD_GLYPH_PX / glyph))))


def prepare_page(image: np.ndarray, dpi: float) -> PreparedPage:
    """A page image (BGR colour or 8-bit gray) made upright, flat, evenly lit, gray, of readable size."""
    started = time.perf_counter()
    steps: list[str] = []
    gray_view = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    corners = find_page_outline(gray_view)
    if corners is not None:
        image = undo_perspective(image, corners)
        steps.append("page outline found, perspective corrected")
    if image.ndim == 3:
        removal = remove_coloured_ink(image)
        gray = removal.gray
        for colour, share in (("red", removal.red_share), ("blue", removal.blue_share)):
            if share:
                steps.append(f"{colour} ink removed ({100 * share:.1f} % of pixels)")
    else:
        gray = image
    evened = even_out_illumination(gray)
    if evened is not None:
        gray = evened
        steps.append("illumination evened")
    else:
        whitened = whiten_paper(gray)
        if whitened is not None:
            gray = whitened[0]
            steps.append(f"paper brought to white (was {whitened[1]:.0f} of 255)")
    orientation = find_orientation(gray, dpi)
    if orientation.rotation:
        gray = rotate(gray, orientation.rotation)
        steps.append(f"turned {orientation.rotation}° clockwise ({orientation.method})")
    factor = upscale_factor(gray, dpi)
    if factor > 1:
        gray = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
        dpi *= factor
        steps.append(f"upscaled ×{factor}")
    log.debug("page prepared in %.0f ms: %s", 1000 * (time.perf_counter() - started), ", ".join(steps) or "as it was")
    return PreparedPage(gray, dpi, orientation.rotation, tuple(steps))
