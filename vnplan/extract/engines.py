"""Which OCR engines read scanned pages: the one place to change them.

The page engine reads every scanned page (words, boxes, confidences) and re-reads the number
cells it failed; the second engine reads every amount cell again, independently; the third reads
the amount cells the two read differently, and those of rows that do not add up. How the second
was chosen, with the figures: ``eval/SECOND_READER.md``.
"""

from __future__ import annotations

import functools

from vnplan.extract.ocr_engine import OcrEngine
from vnplan.extract.rapid_engine import RapidRecognizer
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


@functools.cache
def third_engine() -> OcrEngine:
    # PP-OCR's line recogniser, asked only about amount cells in doubt (rapid_engine's docstring)
    return RapidRecognizer()


def ensure_engines() -> None:
    """Check up front that the engines are installed; EnvironmentProblem (with the fix) otherwise. The
    third reader's model is loaded on the first cell in doubt, not here: a born-digital batch needs none."""
    page_engine().version()
    second_engine().version()
    third_engine().version()
