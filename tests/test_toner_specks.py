"""Streaks of toner specks lifted off dark print before the page is read (extract/toner_specks.py).

``augraphy/streaked_page.jpg`` (tests/fixtures/augraphy/README.md) is the upper half of a table
page of the held-out corpus's Augraphy set, dense streaks of grey specks across its header, codes,
titles and amounts; it is median-filtered as the reader does on such a speckled page.
"""

from __future__ import annotations

import re
from pathlib import Path

import cv2
import numpy as np
import pytest

from vnplan.extract.engines import page_engine
from vnplan.extract.grid import denoise
from vnplan.extract.ocr import gray_to_page
from vnplan.extract.toner_specks import DARK_PRINT, streaks_lifted

FIXTURES = Path(__file__).resolve().parent / "fixtures"
AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+")


def streaked_page() -> np.ndarray:
    crop = cv2.imread(str(FIXTURES / "augraphy" / "streaked_page.jpg"), cv2.IMREAD_GRAYSCALE)
    assert crop is not None
    return cv2.medianBlur(crop, 3)


def test_streaks_over_dark_print_are_lifted_and_the_print_kept() -> None:
    page = streaked_page()
    lifted = streaks_lifted(page)
    assert lifted.lifted
    assert lifted.print_level is not None and lifted.print_level <= DARK_PRINT
    step = lifted.step()
    assert step is not None and step.startswith("streaks of toner specks lifted")
    # the black print stays as it was; most of the rest of the ink (the specks) is paper now
    black = page < 20
    assert (lifted.gray[black] == page[black]).mean() > 0.95
    grey_ink = (page > 90) & (page < 200)
    assert (lifted.gray[grey_ink] == 255).mean() > 0.8


def test_a_page_without_streaks_is_left_as_it_is() -> None:
    for name in ("jpeg150/thin_rules.jpg", "jpeg150/bold_row.jpg", "augraphy/faded_rules.png"):
        page = cv2.imread(str(FIXTURES / name), cv2.IMREAD_GRAYSCALE)
        lifted = streaks_lifted(page)
        assert not lifted.lifted, name
        assert lifted.gray is page and lifted.step() is None


def test_streaks_over_print_that_is_not_black_are_left_alone() -> None:
    # faded print is as dark as the specks, or lighter: their shade cannot tell them apart
    page = streaked_page()
    faded = (255 - (255 - page.astype(np.float32)) * 0.6).astype(np.uint8)
    lifted = streaks_lifted(faded)
    assert not lifted.lifted
    assert lifted.gray is faded


@pytest.mark.tesseract
def test_amounts_under_streaks_are_read_once_the_specks_are_lifted() -> None:
    # read as it was, the page gave two of its amounts; lifted, the rows under the streaks too
    page = streaked_page()
    engine = page_engine()
    before = {w.text for w in engine.read_page(page) if AMOUNT.fullmatch(w.text)}
    after = {w.text for w in engine.read_page(streaks_lifted(page).gray) if AMOUNT.fullmatch(w.text)}
    under_streaks = {"804.982.000", "742.700.000", "509.703.000", "232.997.000"}
    assert under_streaks <= after
    assert not under_streaks <= before


def streaks_without_pixel_noise() -> np.ndarray:
    crop = cv2.imread(str(FIXTURES / "augraphy" / "streaks_without_pixel_noise.jpg"), cv2.IMREAD_GRAYSCALE)
    assert crop is not None
    return crop


@pytest.mark.tesseract
def test_a_page_the_speck_count_finds_clean_has_its_streaks_lifted_too() -> None:
    """Fresh held-out seed 9801 h02 p.3: streaks of grey specks over black figures, and no pixel
    noise: the speck count (which decides the median filter) left the page alone, and the streaks
    were lifted only on pages it found noisy. Both engines read the figures under the streaks'
    edges as nothing; the table lost 18 amounts. Every page is now looked at for streaks."""
    page = streaks_without_pixel_noise()
    assert not denoise(page)[1]  # not noisy by the count
    read = gray_to_page(page, 1, 300)
    assert any(step.startswith("streaks of toner specks lifted") for step in read.steps)
    engine = page_engine()
    under_streaks = {"268.896", "315.609", "505.471", "830.498", "222.090"}
    assert not under_streaks & {w.text for w in engine.read_page(page) if AMOUNT.fullmatch(w.text)}
    assert under_streaks <= {w.text for w in engine.read_page(streaks_lifted(page).gray) if AMOUNT.fullmatch(w.text)}


def grey_print_under_black_headings(body_gray: int) -> np.ndarray:
    """A clean scan of a page whose first lines are black and the rest grey print (a faded
    stretch, grey body text): scanner blur and noise, no specks."""
    page = np.full((1650, 1275), 255, np.uint8)
    for line in range(30):
        shade = 0 if line < 8 else body_gray
        text = f"{line + 1}  Ho tro san xuat 1.234.{line:03d}  268.896"
        cv2.putText(page, text, (60, 75 + 52 * line), cv2.FONT_HERSHEY_SIMPLEX, 1.2, shade, 3, cv2.LINE_AA)
    noise = np.random.default_rng(1).normal(0, 6, page.shape)
    return np.clip(cv2.GaussianBlur(page, (3, 3), 0) + noise, 0, 255).astype(np.uint8)


@pytest.mark.parametrize("body_gray", [60, 90, 110, 140])
def test_grey_print_below_black_print_is_not_taken_for_specks(body_gray: int) -> None:
    """Once every page was looked at for streaks, a clean page of grey print under black headings
    had its grey lines made paper (a review found it on a page like this one): its light ink is of
    one shade, as print is; a streak's specks are of every shade."""
    page = grey_print_under_black_headings(body_gray)
    lifted = streaks_lifted(page)
    assert not lifted.lifted
    assert lifted.gray is page
