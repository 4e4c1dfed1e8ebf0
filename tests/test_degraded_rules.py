"""Table rules on degraded scans: faded and broken rules still make one table, toner streaks make no rows.

The two crops (tests/fixtures/augraphy/README.md) come from Augraphy-degraded pages of the held-out
corpus. Each is put back at its place on a page-sized sheet of its own paper shade, because the
rule finder measures its kernels and thresholds against the page and the table.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from vnplan.extract.grid import gray_to_grid

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "augraphy"
PAGE = (2482, 3508)  # a landscape A4 page at 300 dpi
EDGE = 6  # px: a boundary this close to the crop's edge is the edge of the pasted crop


def on_page(name: str, top: int, left: int) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    crop = cv2.imread(str(FIXTURES / name), cv2.IMREAD_GRAYSCALE)
    assert crop is not None, name
    page = np.full(PAGE, int(np.median(crop)), np.uint8)
    page[top : top + crop.shape[0], left : left + crop.shape[1]] = crop
    return page, (top, left, top + crop.shape[0], left + crop.shape[1])


def inside(values: tuple[int, ...], start: int, end: int) -> list[int]:
    """Boundaries inside the crop, in the crop's own coordinates."""
    return [v - start for v in values if start + EDGE < v < end - EDGE]


def close_to(found: list[int], expected: list[int], tolerance: int = 4) -> bool:
    return len(found) == len(expected) and all(abs(f - e) <= tolerance for f, e in zip(found, expected, strict=True))


def test_faded_broken_rules_still_make_one_table() -> None:
    # Low-ink print: the rules of the first two columns binarise as dashes hopping between pixel
    # rows; the table fell apart and its grid began at the third column (codes and titles lost).
    page, (top, left, bottom, right) = on_page("faded_rules.png", 140, 150)
    grid, _ = gray_to_grid(page)
    assert grid is not None
    assert close_to(inside(grid.xs, left, right), [39, 181, 1123])  # TT | Tên nhiệm vụ | Đơn vị thực hiện
    assert close_to(inside(grid.ys, top, bottom), [38, 273, 389, 454, 571])


def test_toner_streaks_are_not_row_boundaries() -> None:
    # A dirty drum's streaks of specks (denoised by the 3×3 median as the page was) passed the
    # line opening and cut rows "2" and "2.1" in two; the printed rules, two of them under
    # streaks, must all stay.
    page, (top, left, bottom, right) = on_page("streaked_rows.jpg", 1540, 150)
    page = cv2.medianBlur(page, 3)
    grid, _ = gray_to_grid(page)
    assert grid is not None
    assert close_to(inside(grid.ys, top, bottom), [49, 164, 341, 515, 747])
    assert len(inside(grid.xs, left, right)) == 11  # every column rule, no streak taken for one
