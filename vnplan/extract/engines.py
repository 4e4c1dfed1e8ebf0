"""Which OCR engines read scanned pages: the one place to change them.

The page engine reads every scanned page (words, boxes, confidences) and re-reads the number
cells it failed; the second engine reads every amount cell again, independently. How the second
was chosen, with the figures: ``eval/SECOND_READER.md``.
"""

from __future__ import annotations

import functools

from vnplan.extract.ocr_engine import OcrEngine
from vnplan.extract.tesseract import TesseractEngine


@functools.cache
def page_engine() -> OcrEngine:
    return TesseractEngine("vie", label="tesseract")


@functools.cache
def second_engine() -> OcrEngine:
    # Tesseract's English model with the digit whitelist: trained apart from the Vietnamese one, it
    # rarely repeats its mistakes (eval/SECOND_READER.md), costs ~5 ms a cell, and comes with the
    # tesseract package.
    return TesseractEngine("eng", label="tesseract eng")


def ensure_engines() -> None:
    """Check up front that both engines can run; EnvironmentProblem (with the fix) otherwise."""
    page_engine().version()
    second_engine().version()
