"""A column rule the scan lost is put back where the figures of the column's rows leave a gap
(``extract.lost_rules``): held-out seed 9402 h04, where a streak took the rule between two sources
and each row's two amounts were read into one cell."""

from __future__ import annotations

from vnplan.extract.grid import Grid
from vnplan.extract.lost_rules import row_rules_put_back, rules_put_back
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


def test_figures_whose_group_marks_read_as_slashes_still_show_a_lost_rule() -> None:
    """Held-out Augraphy seed 11401 h08 p.3: under specks the decimal commas of "274,07" and
    "1.031,87" read as slashes ("274/077", "1./031;87"); taken for dates, they left two rows of two
    figures, too few, and each row's two sources stayed one cell. A slash with two or three digits
    after it is a figure's mark; a slash before a year, in a whole date or among letters is not,
    and a period column of such dates keeps its rules, with or without a dash between them."""
    words = [_word("Vốn", 120, 200, 1), _word("Vốn", 330, 380, 1)]
    figures = [("2.314,95", "1./031;87"), ("274/077", "126,45"), ("609,88", "274,52"), ("1.956,22", "551,2")]
    for row, (left, right) in enumerate(figures, start=2):
        words += [_word(left, 290 - 15 * len(left), 290, row), _word(right, 490 - 15 * len(right), 490, row)]
    grid = rules_put_back(words, _grid(6))
    assert grid.shape == (6, 3) and 290 < grid.xs[2] < 330
    for left, right in (("3/2024", "12/2024"), ("T3/2024", "T12/2024"), ("20/10/2024", "15/12/2024"),
                        ("2024/2025", "2025/2026")):  # fmt: skip
        words = [_word("Thời gian", 120, 200, 1)]
        words += [w for row in range(2, 6) for w in (_word(left, 150, 260, row), _word(right, 330, 450, row))]
        grid = _grid(6)
        assert rules_put_back(words, grid) is grid, left


def test_two_rows_of_two_figures_are_not_enough() -> None:
    words = [w for w in _two_sources() if w.top < 50 * 4]
    grid = _grid(6)
    assert rules_put_back(words, grid) is grid


def _stacked_rows_grid() -> Grid:
    """A header row and one body row as tall as two: code, title, three amount columns, dates."""
    xs = (0, 50, 300, 420, 540, 660, 800)
    return Grid((0, 60, 360), xs, tuple(tuple((r, c) for c in range(len(xs) - 1)) for r in range(2)))


def _at(text: str, x1: float, top: float) -> OcrWord:
    return OcrWord(text, x1 - 12 * len(text), top, x1, top + 30, 0.9, (1, 1, int(top)))


def test_a_lost_row_rule_is_put_back_above_the_lower_figures() -> None:
    """Held-out seed 11201 h04 p.3: a streak across the page lay on the rule between items 1.2 and
    1.3 and was lifted with it; the two rows were read as one, each amount cell holding two figures
    one above the other, and both rows' amounts were lost. Three cells show the lost rule; the dates
    misread as figures ("í02021-" for "10/2021 -") give a stray gap, outvoted."""
    words = [_at("1.2", 40, 80), _at("1.3", 40, 230)]
    words += [_at(t, 290, top) for t, top in (("Diễn tập", 80), ("chữa cháy", 120), ("huyện", 160), ("Diễn tập", 230))]
    for x1, upper, lower in ((410, "515.164.000", "471.628.000"), (530, "182.600.000", "204.985.000"),
                             (650, "332.564.000", "130.628.000")):  # fmt: skip
        words += [_at(upper, x1, 80), _at(lower, x1, 228)]
    words += [_at("5/2021", 790, 80), _at("í02021-", 790, 222), _at("12901,", 790, 262)]
    grid = _stacked_rows_grid()
    cut = row_rules_put_back(words, grid)
    assert cut.ys == (0, 60, 222, 360) and cut.shape == (3, 6) and "row rule" in cut.notes[-1]
    body = [[cell.text for cell in line.cells] for line in words_to_lines(words, cut, 1, 300.0)]
    assert body[0][:5] == ["1.2", "Diễn tập chữa cháy huyện", "515.164.000", "182.600.000", "332.564.000"]
    assert body[1][:5] == ["1.3", "Diễn tập", "471.628.000", "204.985.000", "130.628.000"]


def test_a_row_with_one_cell_of_two_figures_keeps_its_rules() -> None:
    """One cell of two stacked figures (a note, an amount and its revision) is no lost rule."""
    words = [_at("1", 40, 80), _at("515.164.000", 410, 80), _at("471.628.000", 410, 228), _at("182.600.000", 530, 80)]
    grid = _stacked_rows_grid()
    assert row_rules_put_back(words, grid) == grid


def test_amounts_wrapped_in_their_cells_or_a_note_in_brackets_are_no_lost_row_rule() -> None:
    """A review's cases: narrow đồng columns wrap each amount onto a second line of its cell
    ("2.345.6" over "78.000"), which the page reader joins; an amount with a note in brackets under
    it ("(980.000)"); and two stacked figures with no code at the lower one's height. No row rule
    was lost: the row stays one."""
    grid = _stacked_rows_grid()
    wrapped = [_at("1", 40, 80), _at("Xây", 290, 80), _at("dựng", 290, 120)]
    for x1 in (410, 530, 650):
        wrapped += [_at("2.345.6", x1, 80), _at("78.000", x1, 122)]
    assert row_rules_put_back(wrapped, grid) == grid
    bracketed = [_at("1", 40, 80), *(_at("1.250.000", x1, 80) for x1 in (410, 530, 650))]
    bracketed += [_at("(980.000)", x1, 228) for x1 in (410, 530, 650)]
    assert row_rules_put_back(bracketed, grid) == grid
    uncoded = [_at("1", 40, 80), *(_at("1.250.000", x1, 80) for x1 in (410, 530, 650))]
    uncoded += [_at("980.000", x1, 228) for x1 in (410, 530, 650)]
    assert row_rules_put_back(uncoded, grid) == grid
