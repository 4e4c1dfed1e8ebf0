"""Page lines as an OCR engine leaves them, for tests of the steps that read cells again."""

from __future__ import annotations

from vnplan.extract.model import Cell, Line

BOX = (0.0, 0.0, 50.0, 30.0)  # every cell's box: the tests that use these lines read no image


def ocr_row(*cells: tuple[str, float | None]) -> Line:
    """One line of page 1, its cells (text, confidence) as read, each in ``BOX``."""
    return Line("\t".join(text for text, _ in cells), 1, tuple(Cell(text, conf, BOX) for text, conf in cells))
