"""What every reader produces: pages of lines in reading order.

A line is either narrative text (``cells`` empty) or a table row (``cells`` filled). Readers
differ (OCR text export, pdfplumber, Tesseract) but they all hand the same shape to ``normalize``,
which never needs to know which reader ran.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in 1 MiB blocks: a 2 GB scan is never held in memory to hash it."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in page points (or pixels for images)


@dataclass(frozen=True)
class Reading:
    """What one OCR engine read in one cell: the text (spaces as read) and a 0–1 confidence."""

    text: str
    confidence: float


@dataclass(frozen=True)
class Cell:
    text: str
    confidence: float | None = None  # 0–1 where the reader knows it (OCR), else None
    bbox: BBox | None = None
    reread: bool = False  # True when OCR read the cell a second time after a failed validation
    # The cell as a second, independent recogniser read it (OCRed amount cells only): normalize
    # accepts an amount without a flag only where the two agree or the table's sums confirm it.
    second: Reading | None = None
    # Where the two still differ, the numbers the further looks at the cell read (other scales,
    # reduced, binarized): candidates only, which normalize takes where the sums confirm one alone.
    looks: tuple[Reading, ...] = ()


@dataclass(frozen=True)
class Line:
    text: str
    page: int  # 1-based
    cells: tuple[Cell, ...] = ()

    @property
    def is_table_row(self) -> bool:
        return bool(self.cells)


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    reader: str  # "text", "pdfplumber", "tesseract", "tcvn3", "vni" …
    lines: tuple[Line, ...]
    width: float | None = None
    height: float | None = None
    # Why this reader read the page ("text layer kept: …", "no text layer"); empty where there was no choice.
    route: str = ""
    # Clockwise degrees the page image was turned before reading (0, 90, 180, 270).
    rotation: int = 0
    # What was done to the page image before reading, in order ("deskewed 0.8°", "red ink removed" …).
    steps: tuple[str, ...] = ()
    # What the reader saw on the page but could not place (figures beside the table's columns): one
    # warning of the document each.
    doubts: tuple[str, ...] = ()
    # An OCR engine read the page from its image (not typed text: a text layer, Word, Excel, export).
    ocr: bool = False


@dataclass
class SourceDocument:
    path: str
    sha256: str
    kind: str  # text | digital_pdf | scanned_pdf | image | docx | xlsx
    pages: list[Page] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # reader doubts, become findings downstream
    # The number convention of cells the reader printed itself from typed values (a spreadsheet's
    # numbers, written by cell_text in the Vietnamese convention): known, not to be guessed.
    number_style: str | None = None
