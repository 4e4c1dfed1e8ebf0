"""A number read clean among the marks OCR made of a streak of toner specks in the same cell.

Words as Tesseract's page pass read them on a 300 dpi page of the held-out corpus's Augraphy set
(a dirty drum's streak crossing the lower half of a row): text, confidence and line per word.
"""

from __future__ import annotations

from vnplan.extract.cell_noise import number_in_specks, numbers_among_specks
from vnplan.extract.grid import Grid
from vnplan.extract.ocr_engine import OcrWord


def words(*lines: list[tuple[str, float]], x0: float = 10, top: float = 10) -> list[OcrWord]:
    out = []
    for n, line in enumerate(lines):
        x = x0
        for text, conf in line:
            out.append(OcrWord(text, x, top + 40 * n, x + 20 * len(text), top + 40 * n + 30, conf, (1, 1, n)))
            x += 20 * len(text) + 15
    return out


def texts(found: list[OcrWord] | None) -> list[str] | None:
    return None if found is None else [w.text for w in found]


def test_the_sure_number_is_kept_and_the_specks_marks_dropped() -> None:
    cell = words([("402.161", 0.97)], [("s4P", 0.0), ("VN", 0.10), ("NÔNNMAE", 0.09)])
    assert texts(number_in_specks(cell)) == ["402.161"]
    # the number on a middle line, marks of punctuation read sure on the others
    cell = words(
        [("006G20", 0.0), ("4556", 0.36), ("BỆ", 0.0)],
        [("1.596.690", 0.92), ("`", 0.76)],
        [("..", 0.34)],
        [(":", 0.84)],
    )
    assert texts(number_in_specks(cell)) == ["1.596.690"]


def test_cells_that_are_no_number_among_specks_are_left() -> None:
    assert number_in_specks(words([("402.161", 0.97)])) is None  # read clean
    # words read sure beside the number: text of the page ("Tháng 10 -" / "12", "185 hộ" / "tham gia")
    assert number_in_specks(words([("Tháng", 0.93), ("10", 0.9), ("-", 0.8)], [("12", 0.95)])) is None
    assert number_in_specks(words([("185", 0.96), ("hộ", 0.95)], [("tham", 0.96), ("gia", 0.95)])) is None
    # the number itself unsure, or two numbers: which one the cell holds is not known
    assert number_in_specks(words([("28/.141", 0.90)], [("cô", 0.15)])) is None
    assert number_in_specks(words([("3.411", 0.40)], [("TY", 0.21)])) is None
    assert number_in_specks(words([("357.201", 0.96)], [("212.11", 0.9)], [("ab", 0.1)])) is None
    # a lone dash is no amount to keep among specks
    assert number_in_specks(words([("-", 0.9)], [("NE-sm", 0.0)])) is None


def test_page_words_lose_only_the_marks_of_such_cells() -> None:
    grid = Grid(ys=(0, 100, 200), xs=(0, 300, 600), anchor=(((0, 0), (0, 1)), ((1, 0), (1, 1))))
    specked = words([("257.029", 0.97)], [("^T", 0.0), ("TT", 0.37)], x0=320)
    clean = words([("Trồng", 0.95), ("rừng", 0.96)], x0=10)
    title_in_specks = words([("Diễn", 0.9)], [("xx", 0.1)], x0=10, top=110)
    kept, changed = numbers_among_specks([*specked, *clean, *title_in_specks], grid)
    assert changed == 1
    assert [w.text for w in kept] == ["257.029", "Trồng", "rừng", "Diễn", "xx"]
