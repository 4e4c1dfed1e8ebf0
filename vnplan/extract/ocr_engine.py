"""What the scan stages ask of an OCR engine, and nothing more.

Like OCRmyPDF's ``OcrEngine`` or img2table's ``OCRInstance``: the stages (``ocr.py``) read a page
image into words with boxes and confidences, and read batches of small crops (one text line
each, such as an amount cell) into a text and a confidence per crop. Page segmentation modes,
model files, whitelists' spelling, processes and libraries stay behind this interface, so a
second engine, or a better one, plugs in without touching the stages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from vnplan.extract.model import Reading

PAGE_TIMEOUT_S = 180.0
CROPS_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class OcrWord:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float  # 0–1
    line_key: tuple[int, int, int]  # the engine's (block, paragraph, line)

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


class OcrEngine(Protocol):
    """An OCR engine as the stages see it. Implementations: ``tesseract.TesseractEngine``."""

    @property
    def name(self) -> str:
        """Short name recorded as the reader of a page or a reading ("tesseract")."""
        ...

    def version(self) -> str:
        """The engine's version; raises EnvironmentProblem (with an install hint) when it is missing."""
        ...

    def read_page(self, image: np.ndarray, *, timeout: float = PAGE_TIMEOUT_S) -> list[OcrWord]:
        """Words of a grayscale page image (a block of text lines, a table), boxes in its pixels."""
        ...

    def read_lines(
        self, crops: Sequence[np.ndarray], *, charset: str = "", timeout: float = CROPS_TIMEOUT_S
    ) -> list[Reading]:
        """One reading per grayscale crop, each crop holding one line of text; ``charset``: the
        only characters the text may hold (empty: any). Engines batch the crops as they can."""
        ...
