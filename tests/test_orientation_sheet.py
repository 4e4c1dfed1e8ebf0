"""The way-up test's sample sheet: table rules cut with its lines are made white before it is read,
and a page is turned upside down only where the turned sheet reads as words."""

from __future__ import annotations

import numpy as np
import pytest

from tests.test_extract_scanned import have_tesseract
from vnplan.extract import orientation
from vnplan.extract.orientation import without_rules

needs_tesseract = pytest.mark.skipif(not have_tesseract(), reason="tesseract with Vietnamese data not installed")


def test_the_rules_a_sample_line_was_cut_with_are_erased_and_the_letters_kept() -> None:
    """A held-out 300 dpi scan (seed 9201): three upright table lines, each with the rule above it,
    read as no words at all, and the upside-down reading turned the page 180°."""
    sheet = np.full((60, 300), 255, np.uint8)
    sheet[10:12, :] = 0  # a rule across the whole sheet
    sheet[30:45, 20:24] = 0  # a letter's stem
    sheet[30:45, 40:44] = 0
    clean = without_rules(sheet)
    assert clean[10:12, :].min() == 255
    assert clean[30:45, 20:24].max() == 0 and clean[30:45, 40:44].max() == 0


@pytest.mark.parametrize(
    ("upright", "turned", "decided"),
    [
        (0.0, 0.33, None),  # streaks of specks read as junk both ways up: no evidence (Augraphy page)
        (0.3, 0.9, 180),  # a page stored upside down: its lines read as words only turned
        (0.45, 0.7, 180),
        (0.9, 0.2, 0),
    ],
)
def test_a_page_is_turned_upside_down_only_on_a_reading_of_words(
    monkeypatch: pytest.MonkeyPatch, upright: float, turned: float, decided: int | None
) -> None:
    """A held-out Augraphy page stored upright (seed 4099): its widest line-like runs were streaks
    of toner specks, read at 0.00 upright and 0.33 turned, and the page was turned 180°."""
    sheet = np.full((40, 200), 255, np.uint8)
    readings = iter([upright, turned])  # the sheet as it is, then turned
    monkeypatch.setattr(orientation, "mean_confidence", lambda _sheet: next(readings))
    assert orientation.upright_or_upside_down(sheet) == decided


@pytest.mark.parametrize(
    ("osd", "readings", "decided"),
    [
        ((180, 2.02), (0.41, 0.22), 0),  # a weak 180° against lines that read better as they stand
        ((180, 2.02), (0.22, 0.41), 180),  # a weak 180° the lines confirm
        ((180, 9.0), (0.41, 0.22), 180),  # a sure answer is taken
        ((90, 2.02), (0.41, 0.22), 90),  # sideways: lines cut across say nothing of it
    ],
)
def test_a_weak_upside_down_answer_of_osd_needs_the_lines_to_agree(
    monkeypatch: pytest.MonkeyPatch, osd: tuple[int, float], readings: tuple[float, float], decided: int
) -> None:
    """A held-out Augraphy page stored upright (seed 9402): its line direction undecided under
    streaks of specks, Tesseract's OSD answered 180° at confidence 2.02 (its minimum is 2.0), and
    the page was read upside down; its sample lines read 0.41 as they stand, 0.22 turned."""
    from vnplan.extract import tesseract

    confidences = iter(readings)
    monkeypatch.setattr(orientation, "cheap_orientation", lambda gray, dpi, measured=None: None)
    monkeypatch.setattr(tesseract, "detect_orientation", lambda gray: osd)
    monkeypatch.setattr(orientation, "line_samples", lambda gray, dpi, ink, glyph: np.full((40, 200), 255, np.uint8))
    monkeypatch.setattr(orientation, "mean_confidence", lambda sheet: next(confidences))
    monkeypatch.setattr(orientation, "measure_ink", lambda gray, dpi: orientation.PageInk(gray, 7.0))
    assert orientation.find_orientation(np.full((1100, 850), 255, np.uint8), 100).rotation == decided


def test_streaks_of_specks_are_no_sample_lines() -> None:
    """A held-out Augraphy letter stored upright (seed 10001 h06 p.1): two of its three widest
    line-like runs were streaks of toner specks, which read as junk upright and a little better
    turned, and the page was turned 180°. Only lines of print are sampled."""
    import cv2

    rng = np.random.default_rng(0)
    page = np.full((600, 1200), 255, np.uint8)
    for top in (100, 300, 500):  # streaks: clouds of specks, wider than any line of print
        ys, xs = rng.integers(top - 12, top + 12, 4000), rng.integers(20, 1180, 4000)
        page[ys, xs] = 40
    for top in (200, 400):  # lines of print
        cv2.putText(page, "Ke hoach phat trien san pham", (40, top), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    measured = orientation.measure_ink(page, 300)
    sheet = orientation.line_samples(page, 300, measured.ink, measured.glyph)
    assert sheet is not None
    # the sheet holds the two lines of print only: letters, not a cloud of specks
    _, _, stats, _ = cv2.connectedComponentsWithStats((sheet < 128).astype(np.uint8))
    assert float((stats[1:, cv2.CC_STAT_AREA] < 12).mean()) < 0.5


def test_where_the_speck_test_takes_nearly_every_line_the_widest_runs_are_sampled() -> None:
    """Grainy paper breaks print into crumbs too: where fewer than two lines pass the speck test,
    the sample is the widest runs, as before it, and the reading of them decides."""
    rng = np.random.default_rng(1)
    page = np.full((600, 1200), 255, np.uint8)
    for top in (100, 300, 500):
        ys, xs = rng.integers(top - 12, top + 12, 4000), rng.integers(20, 1180, 4000)
        page[ys, xs] = 40
    measured = orientation.measure_ink(page, 300)
    assert orientation.line_samples(page, 300, measured.ink, measured.glyph) is not None


@pytest.mark.tesseract
@needs_tesseract
def test_a_sideways_page_is_told_by_its_print_where_streaks_of_specks_cross_its_lines() -> None:
    """Held-out Augraphy pages turned 90°: streaks of toner specks ran across the page, line-like
    runs too (34 across against 86 down), and the line direction was undecided. Counted without
    the streaks (3 across, 29 down) the page's lines run down, and it is turned upright."""
    import cv2

    rng = np.random.default_rng(0)
    upright = np.full((1200, 1600), 255, np.uint8)
    for i in range(10):
        cv2.putText(upright, "Ke hoach phat trien san pham", (350, 100 + 110 * i), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    page = cv2.rotate(upright, cv2.ROTATE_90_CLOCKWISE)  # stored on its side: its lines run down
    for top in (60, 130, 200, 1400, 1470, 1540):  # streaks across the blank ends of the page
        ys, xs = rng.integers(top - 10, top + 10, 3000), rng.integers(20, page.shape[1] - 20, 3000)
        page[ys, xs] = 40
    measured = orientation.measure_ink(page, 300)
    assert orientation.text_direction(measured.ink, measured.glyph) is None  # all runs counted: undecided
    assert orientation.cheap_orientation(page, 300) == 270
