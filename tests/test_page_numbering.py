"""Codes that step back in a page's numbering are read again (held-out seed 9601 h04 p.4: a
clean bold "5" after 4.4 read "2" at 0.62; read alone with code characters only, "5" at 0.97)."""

from __future__ import annotations

import numpy as np

from vnplan.extract.model import Cell, Line
from vnplan.extract.ocr import reread_code_cells
from vnplan.extract.page_numbering import PageNumbering


def _steps(codes: list[str]) -> list[bool]:
    numbering = PageNumbering()
    out = []
    for code in codes:
        out.append(numbering.steps_back(code))
        numbering.add(code)
    return out


def test_a_code_going_back_on_an_open_level_steps_back() -> None:
    assert _steps(["4", "4.1", "4.4", "2"]) == [False, False, False, True]
    assert _steps(["II", "III", "III"]) == [False, False, True]  # a repeat is a step back too


def test_letters_are_never_said_to_step_back() -> None:
    # the code reader allows no letters: a letter cell read again could only become a digit; and
    # in the Vietnamese alphabet "e" follows "đ"
    assert _steps(["c", "d", "đ", "e", "c"]) == [False] * 5


def test_a_page_that_begins_inside_a_group_and_levels_started_afresh_do_not_step_back() -> None:
    # the page opens at 2.3 (its group's row on the page before), then the next groups
    assert _steps(["2.3", "2.4", "3", "3.1", "4", "4.1", "5"]) == [False] * 7
    # items restart under each Roman group; letters under each number
    assert _steps(["I", "1", "2", "II", "1", "a", "b", "2", "a"]) == [False] * 9
    # a group's own row unread: 2.1 after 1.3 still moves on
    assert _steps(["1", "1.3", "2.1"]) == [False] * 3


def _row(code: str, title: str, amount: str, y: float, conf: float = 0.9) -> Line:
    texts = (code, title, amount)
    cells = tuple(Cell(t, conf if i == 0 else 0.9, (50.0 * i, y, 50.0 * i + 50, y + 40)) for i, t in enumerate(texts))
    return Line("\t".join(texts), 1, cells)


def test_a_code_read_as_an_earlier_sibling_is_read_again_and_the_sure_code_taken() -> None:
    rows = [
        _row("4", "Thiết kế bao bì", "1.630.678.000", y=0),
        _row("4.1", "Kiểm tra", "55.680.000", y=40),
        _row("4.4", "Thiết kế nhãn", "57.122.000", y=80),
        _row("2", "Quảng bá", "945.112.000", y=120, conf=0.62),  # a clean "5" read "2"
    ]
    gray = np.full((200, 200), 255, np.uint8)
    calls: list[tuple[int, int, int, int]] = []

    def reader(image: np.ndarray, box: tuple[int, int, int, int]) -> tuple[str, float]:
        calls.append(box)
        return "5", 0.97

    out, used = reread_code_cells(rows, gray, reader, budget=10)
    assert [line.cells[0].text for line in out] == ["4", "4.1", "4.4", "5"]
    assert out[3].cells[0].reread and used == len(calls) == 1  # only the code that stepped back


def test_a_re_read_that_steps_back_too_or_is_less_sure_leaves_the_code_as_read() -> None:
    rows = [_row("3", "A", "10", y=0), _row("4", "B", "20", y=40), _row("2", "C", "30", y=80, conf=0.62)]
    gray = np.full((200, 200), 255, np.uint8)
    for reading in (("1", 0.95), ("5", 0.40)):
        out, used = reread_code_cells(rows, gray, lambda image, box, r=reading: r, budget=10)
        assert out[2].cells[0].text == "2" and not out[2].cells[0].reread and used == 1


def test_a_restart_under_a_heading_row_without_amounts_is_no_step_back() -> None:
    heading = Line(
        "II\tQuản lý", 1, (Cell("II", 0.9, (0.0, 160, 50, 200)), Cell("Quản lý", 0.9, (50.0, 160, 100, 200)))
    )
    rows = [_row("1", "A", "10", y=0), _row("2", "B", "20", y=40), heading, _row("1", "C", "30", y=200, conf=0.5)]
    gray = np.full((260, 200), 255, np.uint8)
    calls: list[tuple[int, int, int, int]] = []

    def reader(image: np.ndarray, box: tuple[int, int, int, int]) -> tuple[str, float]:
        calls.append(box)
        return "3", 0.99

    out, used = reread_code_cells(rows, gray, reader, budget=10)
    assert [line.cells[0].text for line in out] == ["1", "2", "II", "1"] and used == 0 and not calls


def test_a_re_read_of_another_level_or_of_a_cell_of_unknown_confidence_is_not_taken() -> None:
    gray = np.full((200, 200), 255, np.uint8)
    rows = [_row("1", "A", "10", y=0), _row("2", "B", "20", y=40), _row("1", "C", "30", y=80, conf=0.5)]
    out, _ = reread_code_cells(rows, gray, lambda image, box: ("I", 0.99), budget=10)
    assert out[2].cells[0].text == "1"  # a Roman numeral for an Arabic one: another level
    unknown = Line("1\tC\t30", 1, (Cell("1", None, (0.0, 80, 50, 120)), *rows[2].cells[1:]))
    out, used = reread_code_cells([*rows[:2], unknown], gray, lambda image, box: ("3", 0.99), budget=10)
    assert out[2].cells[0].text == "1" and used == 0
