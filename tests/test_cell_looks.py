"""Looks at an amount cell that the page's reading and the crop as cut get wrong: its figure's
line alone where a row of specks or a streak lies beside it, and the crop binarised where faint
print lies on mottled paper.

The crops (tests/fixtures/augraphy/README.md) are cells of degraded pages of the held-out corpus.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.test_extract_scanned import have_tesseract
from vnplan.extract.second_reading import binarised, figure_line, other_looks

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "augraphy"
MARGIN = 6  # px kept off the cell's (erased) rulings, as every cell re-read does


def cell(name: str) -> np.ndarray:
    crop = cv2.imread(str(FIXTURES / name), cv2.IMREAD_GRAYSCALE)
    assert crop is not None, name
    return crop


def test_the_figure_line_is_cut_from_a_cell_with_a_streak_below_it() -> None:
    crop = cell("amount_above_streak_cell.png")
    line = figure_line(crop)
    assert line is not None
    # the digits (some 33 px high) with a little paper, not the streak 80 px lower
    assert 30 <= line.shape[0] <= 60 and line.shape[1] == crop.shape[1]
    _, ink = cv2.threshold(line, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    assert (ink > 0).mean() > 0.05


def test_a_cell_of_one_line_has_no_figure_line_of_its_own() -> None:
    crop = np.full((80, 300), 255, np.uint8)
    cv2.putText(crop, "1.234.567", (20, 55), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 2)
    assert figure_line(crop) is None
    assert figure_line(np.full((80, 300), 255, np.uint8)) is None


def test_a_cell_with_two_figures_has_no_one_figure_line() -> None:
    # two rows' figures in one cell (their row rule lost under a streak): taking the taller line
    # would drop the other figure unseen
    crop = np.full((140, 300), 255, np.uint8)
    cv2.putText(crop, "482.790", (20, 45), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 2)
    cv2.putText(crop, "438.314", (20, 115), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 2)
    assert figure_line(crop) is None


def test_faint_print_binarised_is_black_on_white_paper() -> None:
    crop = cell("faint_amount_cell.png")
    binary = binarised(crop)
    assert binary.shape == (2 * crop.shape[0], 2 * crop.shape[1])
    assert set(np.unique(binary)) <= {0, 255}
    # the mottled paper (as dark as 215) turns white; only the print stays black
    assert (binary == 0).mean() < 0.05
    assert (binary == 0).any()


def test_a_blank_cell_gets_no_other_looks() -> None:
    assert other_looks(np.full((60, 200), 255, np.uint8)) == []


@pytest.mark.tesseract
@pytest.mark.skipif(not have_tesseract(), reason="needs tesseract with the 'vie' language data")
@pytest.mark.parametrize(
    ("name", "figure"),
    [("faint_amount_cell.png", "93,13"), ("amount_above_streak_cell.png", "287.141")],
)
def test_the_page_engine_re_reads_the_figure(name: str, figure: str) -> None:
    # read as cut, "93,13" came out "3", and "287.141" above a streak nothing
    from vnplan.extract.engines import page_engine
    from vnplan.extract.ocr import read_cell

    crop = cell(name)
    text, _ = read_cell(page_engine(), crop, (0, 0, crop.shape[1], crop.shape[0]))
    assert text == figure
