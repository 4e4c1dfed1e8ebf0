"""Amounts level with a table's rows but outside its outermost column rules (a column whose rule the
grid lost) are not lost in silence: the page records a doubt, and the document a warning."""

from __future__ import annotations

from vnplan.extract.grid import Grid
from vnplan.extract.model import Page
from vnplan.extract.ocr import figures_beside_table
from vnplan.extract.ocr_engine import OcrWord
from vnplan.extract.readers import page_warnings

GRID = Grid(ys=(100, 200, 300, 400), xs=(50, 400, 800), anchor=tuple(((r, 0), (r, 1)) for r in range(3)))


def word(text: str, x: float, y: float) -> OcrWord:
    return OcrWord(text, x - 40, y - 10, x + 40, y + 10, 0.9, (1, 1, int(y)))


def test_amounts_beside_the_rows_are_a_doubt() -> None:
    words = [word("1.215.213", 600, 150), word("520.187.000", 900, 250), word("“13.405.000", 900, 350)]
    doubt = figures_beside_table(words, GRID)
    assert doubt is not None and doubt.startswith("2 figures lie beside the table") and "rows 2–3" in doubt


def test_words_years_and_codes_beside_the_table_and_figures_above_it_are_none() -> None:
    words = [
        word("Tháng", 900, 150),  # a word
        word("2026", 900, 250),  # a year
        word("12", 20, 250),  # a code left of the first rule
        word("8.704.869.000", 600, 50),  # above the table: the narrative's total
        word("1.215.213", 600, 150),  # inside
    ]
    assert figures_beside_table(words, GRID) is None


def test_a_page_s_doubts_become_warnings_of_the_document() -> None:
    page = Page(4, "tesseract", (), doubts=("3 figures lie beside the table",), rotation=90)
    assert page_warnings(page) == [
        "page 4: the page image lay turned; it was turned 90° clockwise before reading",
        "page 4: 3 figures lie beside the table",
    ]
    assert page_warnings(Page(1, "text", ())) == []
