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
from dataclasses import dataclass, field

import cv2
import numpy as np

from vnplan.extract.ink import remove_coloured_ink
from vnplan.extract.orientation import PageInk, find_orientation, measure_ink, rotate
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
    # 3×3 matrix mapping points of ``gray`` back to the image as given: boxes found on the prepared
    # page are given to the user in the coordinates of the page as stored
    to_source: np.ndarray = field(default_factory=lambda: np.eye(3))
    source_size: tuple[int, int] = (0, 0)  # (width, height) of the image as given

    def box_in_source(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """A box (x0, top, x1, bottom) of the prepared page as the box around it on the page as stored."""
        x0, top, x1, bottom = box
        corners = np.array([[x0, top, 1], [x1, top, 1], [x1, bottom, 1], [x0, bottom, 1]], dtype=float).T
        mapped = self.to_source @ corners
        xs, ys = mapped[0] / mapped[2], mapped[1] / mapped[2]
        return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())


def turn_matrix(clockwise: int, width: int, height: int) -> np.ndarray:
    """The 3×3 matrix mapping a point of a width×height image to the image turned clockwise."""
    w, h = width - 1, height - 1
    return {
        0: np.eye(3),
        90: np.array([[0.0, -1, h], [1, 0, 0], [0, 0, 1]]),
        180: np.array([[-1.0, 0, w], [0, -1, h], [0, 0, 1]]),
        270: np.array([[0.0, 1, 0], [-1, 0, w], [0, 0, 1]]),
    }[clockwise % 360]


def upscale_factor(gray: np.ndarray, dpi: float, measured: PageInk | None = None) -> int:
    """×1, ×2 or ×3: how much to enlarge a page whose print is small in pixels.
    ``measured``: ``measure_ink`` of this very image, when the caller has it already."""
    measured = measured or measure_ink(gray, dpi)
    # the print's size, not the specks' (a noisy 300 dpi page upscaled read worse: "224.880" lost)
    glyph = (measured.letters or measured.glyph) * gray.shape[1] / measured.ink.shape[1]  # in the page's own pixels
    if glyph == 0 or glyph >= SMALL_PRINT * GOOD_GLYPH_PX:
        return 1
    return int(min(MAX_UPSCALE, max(2, round(GOOD_GLYPH_PX / glyph))))


def prepare_page(image: np.ndarray, dpi: float) -> PreparedPage:
    """A page image (BGR colour or 8-bit gray) made upright, flat, evenly lit, gray, of readable size."""
    started = time.perf_counter()
    steps: list[str] = []
    source_size = (image.shape[1], image.shape[0])
    to_prepared = np.eye(3)  # source -> prepared, built up step by step
    gray_view = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    corners = find_page_outline(gray_view)
    if corners is not None:
        image, flatten = undo_perspective(image, corners)
        to_prepared = flatten @ to_prepared
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
    measured: PageInk | None = measure_ink(gray, dpi)
    orientation = find_orientation(gray, dpi, measured)
    if orientation.rotation:
        to_prepared = turn_matrix(orientation.rotation, gray.shape[1], gray.shape[0]) @ to_prepared
        gray = rotate(gray, orientation.rotation)
        steps.append(f"turned {orientation.rotation}° clockwise ({orientation.method})")
        # measured again on the turned page: shrinking and the morphology are not quite symmetric
        measured = None
    factor = upscale_factor(gray, dpi, measured)
    if factor > 1:
        gray = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
        to_prepared = np.diag([float(factor), float(factor), 1.0]) @ to_prepared
        dpi *= factor
        steps.append(f"upscaled ×{factor}")
    log.debug("page prepared in %.0f ms: %s", 1000 * (time.perf_counter() - started), ", ".join(steps) or "as it was")
    return PreparedPage(gray, dpi, orientation.rotation, tuple(steps), np.linalg.inv(to_prepared), source_size)
