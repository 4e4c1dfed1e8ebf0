"""A column rule the scan lost is put back where the figures of the column's rows leave a gap
(``extract.lost_rules``): held-out seed 9402 h04, where a streak took the rule between two sources
and each row's two amounts were read into one cell."""

from __future__ import annotations

from vnplan.extract.grid import Grid
from vnplan.extract.lost_rules import rules_put_back
from vnplan.extract.ocr import words_to_lines
from vnplan.extract.ocr_engine import OcrWord


def _grid(rows: int) -> Grid:
    ys = tuple(50 * r for r in range(rows + 1))
    anchor = tuple(((r, 0), (r, 1)) for r in range(rows))
    return Grid(ys, (0, 100, 500), anchor)


def _word(text: str, x0: float, x1: float, row: int) -> OcrWord:
    return OcrWord(text, x0, 50 * row + 15, x1, 50 * row + 35, 0.9, (1, 1, row))


def _two_sources() -> list[OcrWord]:
    words = [
        _word("Cơ", 150, 190, 0),
        _word("cấu", 200, 245, 0),
        _word("nguồn", 250, 330, 0),
        _word("vốn", 340, 380, 0),
    ]
    words += [
        _word("NSNN", 120, 200, 1),
        _word("hỗ", 210, 240, 1),
        _word("Vốn", 330, 380, 1),
        _word("đối", 390, 430, 1),
    ]
    figures = [("1.250.000", "750.000"), ("800.000", "200.000"), ("3.100.000", "1.020.000"), ("45.500", "12.000")]
    for row, (left, right) in enumerate(figures, start=2):
        words += [_word(str(row - 1), 30, 45, row), _word(left, 290 - 15 * len(left), 290, row)]
        words += [_word(right, 490 - 15 * len(right), 490, row)]
    return words


def test_a_lost_rule_is_put_back_between_the_figures_and_the_header_cut_where_its_words_part() -> None:
    words = _two_sources()
    grid = rules_put_back(words, _grid(6))
    assert grid.shape == (6, 3) and 290 < grid.xs[2] < 330
    assert grid.notes and "rule the scan lost" in grid.notes[0]
    lines = words_to_lines(words, grid, 1, 300.0)
    texts = [[cell.text for cell in line.cells] for line in lines]
    assert texts[0] == ["", "Cơ cấu nguồn vốn", ""]  # the parent stays one cell across both
    assert texts[1] == ["", "NSNN hỗ", "Vốn đối"]
    assert texts[2:] == [["1", "1.250.000", "750.000"], ["2", "800.000", "200.000"], ["3", "3.100.000", "1.020.000"],
                         ["4", "45.500", "12.000"]]  # fmt: skip


def test_a_column_of_single_figures_or_month_ranges_keeps_its_rules() -> None:
    words = [_word("Tháng", 120, 200, r) for r in range(1, 5)]
    words += [_word("5", 300, 315, r) for r in range(1, 5)] + [_word("8", 400, 415, r) for r in range(1, 5)]
    words += [_word("1.250.000", 300, 450, 5)]
    grid = _grid(6)
    assert rules_put_back(words, grid) is grid


def test_a_column_of_date_or_figure_ranges_keeps_its_rules() -> None:
    """A period column ("3/2024 - 12/2024") or a range of figures prints two to a cell: no rule."""
    for left, right in (("3/2024", "12/2024"), ("2021", "2025"), ("1.000.000", "2.000.000")):
        words = [_word("Tháng", 120, 200, 1)]
        for row in range(2, 6):
            words += [_word(left, 150, 260, row), _word("-", 280, 290, row), _word(right, 330, 450, row)]
        grid = _grid(6)
        assert rules_put_back(words, grid) is grid, left


def test_two_rows_of_two_figures_are_not_enough() -> None:
    words = [w for w in _two_sources() if w.top < 50 * 4]
    grid = _grid(6)
    assert rules_put_back(words, grid) is grid
