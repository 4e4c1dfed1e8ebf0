"""The third reader of amount cells in doubt (``vnplan.extract.rapid_engine``): PP-OCR's line
recogniser, whose model ships inside the ``rapidocr`` wheel."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from vnplan.extract.engines import third_engine
from vnplan.extract.number_text import DIGITS

FIXTURES = Path(__file__).parent / "fixtures" / "augraphy"


def test_a_figure_beside_a_streak_reads_whole() -> None:
    """tests/fixtures/augraphy/README.md: a figure both Tesseract readers lose beside a streak."""
    crop = np.asarray(Image.open(FIXTURES / "figure_under_a_streak.png").convert("L"))
    (reading,) = third_engine().read_lines([crop], charset=DIGITS)
    assert reading.text == "707,88" and reading.confidence > 0.9


def test_an_empty_or_tiny_crop_reads_nothing() -> None:
    readings = third_engine().read_lines([np.zeros((0, 0), np.uint8), np.full((2, 40), 255, np.uint8)], charset=DIGITS)
    assert [(r.text, r.confidence) for r in readings] == [("", 0.0), ("", 0.0)]
    assert third_engine().version().startswith("rapidocr ")
