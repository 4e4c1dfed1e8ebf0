"""Unruled tables found from the gaps between their words (vnplan/extract/word_grid.py)."""

from __future__ import annotations

from vnplan.extract.ocr_engine import OcrWord
from vnplan.extract.word_grid import words_to_grid

HEIGHT = 20


def line(y: int, *cells: tuple[int, str]) -> list[OcrWord]:
    """Words at x positions on line y; each word 12 px a character."""
    words = []
    for x, text in cells:
        for offset, part in _spread(x, text):
            words.append(OcrWord(part, offset, y, offset + 12 * len(part), y + HEIGHT, 0.9, (1, 1, y)))
    return words


def _spread(x: int, text: str) -> list[tuple[int, str]]:
    out, at = [], x
    for part in text.split():
        out.append((at, part))
        at += 12 * len(part) + 6
    return out


def test_columns_are_the_gaps_every_row_leaves() -> None:
    words = line(100, (40, "CHỈ TIÊU"), (520, "Mã số"), (700, "Số cuối năm"), (950, "Số đầu năm"))
    rows = [("Tiền và các khoản tương đương tiền", "110", "32.675.822.978", "60.516.896.409"),
            ("Tiền", "111", "12.609.626.709", "20.177.109.198"),
            ("Các khoản tương đương tiền", "112", "20.066.196.269", "40.339.787.211"),
            ("Đầu tư tài chính ngắn hạn", "120", "-", "-"),
            ("Các khoản phải thu ngắn hạn", "130", "25.124.226.876", "39.610.431.882")]  # fmt: skip
    for k, (title, code, end, start) in enumerate(rows):
        words += line(140 + 40 * k, (40, title), (520, code), (700, end), (950, start))
    grid = words_to_grid(words)
    assert grid is not None
    assert grid.shape == (1 + len(rows), 4)  # the header one row, then one row a line
    assert grid.slot_of(60, 110) == (0, 0) and grid.slot_of(980, 110 + 40 * 5) == (5, 3)


def test_prose_with_a_few_amounts_is_no_table() -> None:
    words: list[OcrWord] = []
    text = "Tổng kinh phí thực hiện kế hoạch là 1.250.000.000 đồng từ nguồn ngân sách tỉnh năm 2025"
    for k in range(12):
        words += line(100 + 40 * k, (40, text if k % 3 == 0 else "các đơn vị triển khai thực hiện đúng tiến độ đề ra"))
    assert words_to_grid(words) is None
