"""Page images before OCR: the cheap measurements taken on them."""

from __future__ import annotations

import cv2
import numpy as np

from vnplan.extract.grid import SPECK_AREA, largest_component_box, specks_per_megapixel


def a_page(height: int = 1169, width: int = 827) -> np.ndarray:
    """A 100 dpi A4 page with a ruled box and some blocks of 'text'."""
    page = np.full((height, width), 255, dtype=np.uint8)
    cv2.rectangle(page, (80, 200), (width - 80, 700), 0, 3)
    for y in range(260, 680, 40):
        cv2.putText(page, "1.250.000  Khuyen cong", (100, y), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2)
    return page


def test_largest_component_box_is_exact_despite_labelling_a_shrunk_mask() -> None:
    mask = np.zeros((1000, 1400), dtype=np.uint8)
    cv2.rectangle(mask, (101, 203), (1297, 861), 255, 3)  # the table frame
    cv2.line(mask, (500, 203), (500, 861), 255, 3)
    cv2.line(mask, (20, 950), (300, 950), 255, 3)  # an underline elsewhere
    _, _, stats, _ = cv2.connectedComponentsWithStats(mask)
    biggest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    assert largest_component_box(mask) == tuple(int(v) for v in stats[biggest, :4])
    assert largest_component_box(np.zeros((50, 50), dtype=np.uint8)) is None


def test_specks_are_counted_on_a_noisy_page_and_not_on_a_clean_one() -> None:
    clean = cv2.resize(a_page(), None, fx=3, fy=3, interpolation=cv2.INTER_NEAREST)  # 300 dpi, sharp
    rng = np.random.default_rng(7)
    noisy = clean.copy()
    ys, xs = rng.integers(0, noisy.shape[0], 20000), rng.integers(0, noisy.shape[1], 20000)
    noisy[ys, xs] = 0  # single-pixel specks, far smaller than SPECK_AREA
    assert SPECK_AREA > 1
    assert specks_per_megapixel(clean) < 100
    assert specks_per_megapixel(noisy) > 1000
