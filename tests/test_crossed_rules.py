"""A boundary running on beyond the table is taken out of the grid only where words run across it
(a streak through a column); a rule a streak lies over, which no word crosses, stays."""

from __future__ import annotations

from vnplan.extract.crossed_rules import streaks_taken_out
from vnplan.extract.grid import Grid
from vnplan.extract.ocr_engine import OcrWord


def _grid(running_on: tuple[tuple[str, int], ...]) -> Grid:
    ys, xs = (100, 200, 300, 400), (0, 300, 600, 900)
    anchor = tuple(tuple((r, c) for c in range(3)) for r in range(3))
    anchor = (((0, 0), (0, 1), (0, 1)), *anchor[1:])  # a header cell over the last two columns
    return Grid(ys, xs, anchor, (), running_on)


def _word(text: str, x0: float, x1: float, top: float, bottom: float, conf: float = 0.9) -> OcrWord:
    return OcrWord(text, x0, top, x1, bottom, conf, (1, 1, 1))


def test_a_streak_the_figures_run_across_is_taken_out_and_its_cells_joined() -> None:
    grid = _grid((("x", 600),))
    words = [_word("2.143.085.000", 520, 700, 220, 260), _word("679.825.000", 540, 690, 320, 360)]
    out = streaks_taken_out(words, grid)
    assert out.xs == (0, 300, 900) and out.ys == grid.ys and out.running_on == ()
    assert out.anchor == (((0, 0), (0, 1)), ((1, 0), (1, 1)), ((2, 0), (2, 1)))
    assert "x=600" in out.notes[-1]


def test_a_rule_under_a_streak_that_no_word_crosses_stays() -> None:
    grid = _grid((("y", 300),))
    words = [_word("Cải tạo vườn ươm", 20, 280, 230, 270), _word("831.039", 420, 560, 320, 360)]
    assert streaks_taken_out(words, grid) == grid


def test_a_streak_across_a_line_of_words_joins_the_rows() -> None:
    grid = _grid((("y", 300),))
    words = [_word("Cải", 20, 80, 280, 320), _word("tạo", 90, 150, 281, 322), _word("831.039", 420, 560, 279, 321)]
    out = streaks_taken_out(words, grid)
    assert out.ys == (100, 200, 400) and out.shape == (2, 3)
    assert out.anchor[1] == ((1, 0), (1, 1), (1, 2))


def test_words_of_a_cell_merged_across_the_boundary_cross_no_rule() -> None:
    """A header's parent ("Cơ cấu nguồn vốn") spans the two columns: its words run across the
    rule between them, which stays."""
    grid = _grid((("x", 600),))
    words = [_word("Cơ cấu", 450, 700, 110, 150), _word("nguồn vốn", 460, 720, 150, 190)]
    assert streaks_taken_out(words, grid) == grid


def test_one_row_of_crossing_words_or_lone_marks_take_out_no_rule() -> None:
    grid = _grid((("x", 600),))
    one_row = [_word("2.143.085.000", 520, 700, 220, 260), _word("5.000", 560, 660, 225, 255)]
    marks = [_word("-", 580, 620, 220, 260), _word("'", 585, 615, 320, 360)]
    assert streaks_taken_out(one_row, grid) == grid
    assert streaks_taken_out(marks, grid) == grid


def test_marks_read_off_a_streak_over_a_rule_are_no_words_across_it() -> None:
    """Held-out seed 9701 h01 p.3: a streak over a row rule read as "FwrTrszrrr" and "reerr," at
    confidence 0.00 and "BÙI!" at 0.45, across the rule: the rule stays."""
    grid = _grid((("y", 300),))
    words = [
        _word("FwrTrszrrr", 20, 280, 270, 330, conf=0.0),
        _word("BÙI!", 320, 400, 270, 330, conf=0.45),
        _word("reerr,", 620, 700, 270, 330, conf=0.0),
    ]
    assert streaks_taken_out(words, grid) == grid
