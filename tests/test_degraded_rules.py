"""Table rules on degraded scans: faded and broken rules still make one table, toner streaks make no rows,
and neither test costs a 150 dpi JPEG scan a rule or gives it a row.

The crops (tests/fixtures/augraphy/README.md, tests/fixtures/jpeg150/README.md) come from degraded
pages of the held-out corpus. Each is put back at its place on a page-sized sheet of its own paper shade, because the
rule finder measures its kernels and thresholds against the page and the table.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from vnplan.extract.grid import gray_to_grid

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGE = (2482, 3508)  # a landscape A4 page at 300 dpi
EDGE = 6  # px: a boundary this close to the crop's edge is the edge of the pasted crop


def on_page(name: str, top: int, left: int, paper: int | None = None) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """The crop ``name`` (under fixtures/) at its place on a page of its own paper shade, or of
    ``paper``."""
    crop = cv2.imread(str(FIXTURES / name), cv2.IMREAD_GRAYSCALE)
    assert crop is not None, name
    page = np.full(PAGE, int(np.median(crop)) if paper is None else paper, np.uint8)
    page[top : top + crop.shape[0], left : left + crop.shape[1]] = crop
    return page, (top, left, top + crop.shape[0], left + crop.shape[1])


def inside(values: tuple[int, ...], start: int, end: int) -> list[int]:
    """Boundaries inside the crop, in the crop's own coordinates."""
    return [v - start for v in values if start + EDGE < v < end - EDGE]


def close_to(found: list[int], expected: list[int], tolerance: int = 4) -> bool:
    return len(found) == len(expected) and all(abs(f - e) <= tolerance for f, e in zip(found, expected, strict=True))


def test_faded_broken_rules_still_make_one_table() -> None:
    # Low-ink print: the rules of the first two columns binarise as dashes hopping between pixel
    # rows; the table fell apart and its grid began at the third column (codes and titles lost).
    page, (top, left, bottom, right) = on_page("augraphy/faded_rules.png", 140, 150)
    grid, _ = gray_to_grid(page)
    assert grid is not None
    assert close_to(inside(grid.xs, left, right), [39, 181, 1123])  # TT | Tên nhiệm vụ | Đơn vị thực hiện
    assert close_to(inside(grid.ys, top, bottom), [38, 273, 389, 454, 571])


def test_toner_streaks_are_not_row_boundaries() -> None:
    # A dirty drum's streaks of specks (denoised by the 3×3 median as the page was) passed the
    # line opening and cut rows "2" and "2.1" in two; the printed rules, two of them under
    # streaks, must all stay.
    page, (top, left, bottom, right) = on_page("augraphy/streaked_rows.jpg", 1540, 150)
    page = cv2.medianBlur(page, 3)
    grid, _ = gray_to_grid(page)
    assert grid is not None
    assert close_to(inside(grid.ys, top, bottom), [49, 164, 341, 515, 747])
    assert len(inside(grid.xs, left, right)) == 11  # every column rule, no streak taken for one


def test_thin_blurred_rules_of_a_150_dpi_scan_are_all_rules() -> None:
    # Upscaled from 150 dpi, a rule is 1–2 px of blur whose darkest pixel changes from cell to cell
    # with its pixel phase (20 here, 90 there): the streak test's evenness took the middle column
    # rule for a streak, and the two amount columns beside it became one.
    page, (top, left, bottom, right) = on_page("jpeg150/thin_rules.jpg", 360, 1200, paper=255)
    grid, _ = gray_to_grid(page)
    assert grid is not None
    assert close_to(inside(grid.xs, left, right), [41, 356, 671, 986])
    assert len(inside(grid.ys, top, bottom)) == 18


def test_bold_letters_bridged_are_no_row_boundary() -> None:
    # Bridging closes gaps of a few pixels along a line: the foot of a bold title's letters is such
    # a line, and was taken for a rule that cut the title's row in two.
    page, (top, left, bottom, right) = on_page("jpeg150/bold_row.jpg", 840, 120, paper=255)
    grid, _ = gray_to_grid(page)
    assert grid is not None
    assert close_to(inside(grid.ys, top, bottom), [38, 146])
    assert len(inside(grid.xs, left, right)) == 9


def test_a_black_rule_beside_a_streak_stays_where_streaks_below_the_table_cross_it() -> None:
    # Streaks across the paper below the table were taken for rows of it; in those the line of the
    # rule between code and title holds only a streak's specks, paler than the rule. The rule,
    # black and whole in every row of the table, failed the streak test: codes and titles were
    # read as one column and the page's titles were lost.
    page, (_top, left, _bottom, right) = on_page("augraphy/rule_beside_streak_over_rows_below.jpg", 100, 150)
    page = cv2.medianBlur(page, 3)
    grid, _ = gray_to_grid(page)
    assert grid is not None
    columns = inside(grid.xs, left, right)
    assert any(abs(x - 179) <= 4 for x in columns)  # STT | Nội dung hoạt động
    assert any(abs(x - 959) <= 4 for x in columns)  # Nội dung hoạt động | Cơ quan thực hiện


def test_side_rule_under_a_streak_is_put_where_the_row_rules_end() -> None:
    # A dirty drum's streak down the page lay over the table's right rule: the rule failed the
    # streak test, the last amount column ("Đối ứng") fell outside the grid and its figures were
    # read as narrative. The row rules still end at the lost rule.
    page, (_top, left, _bottom, right) = on_page("augraphy/streak_over_side_rule.jpg", 140, 2080)
    page = cv2.medianBlur(page, 3)
    grid, _ = gray_to_grid(page)
    assert grid is not None
    assert close_to(inside(grid.xs, left, right), [40, 439, 839, 1239])
    assert len(grid.notes) == 1 and "right rule" in grid.notes[0]


def test_table_drawn_without_side_rules_keeps_its_outer_columns() -> None:
    # Row rules and inner column rules only: the first and last columns end where the row rules do.
    page = np.full(PAGE, 255, np.uint8)
    for y in range(300, 1500, 150):
        page[y : y + 3, 400:3100] = 0
    for x in (900, 1700, 2500):
        page[300:1503, x : x + 3] = 0
    grid, _ = gray_to_grid(page)
    assert grid is not None
    assert close_to(list(grid.xs), [400, 901, 1701, 2501, 3099])
    assert len(grid.notes) == 2


def test_a_framed_table_needs_no_side_put_back() -> None:
    page, _ = on_page("augraphy/streaked_rows.jpg", 1540, 150)
    grid, _ = gray_to_grid(cv2.medianBlur(page, 3))
    assert grid is not None and grid.notes == ()


def _ruled_page_with_a_streak(streak_at: int, rng: np.random.Generator) -> tuple[np.ndarray, list[int], list[int]]:
    """A landscape page, its table ruled in mid grey (as Augraphy's low-ink print leaves rules),
    and a dirty drum's streak of specks from the top edge of the page to its foot."""
    page = np.full(PAGE, 245, np.uint8)
    xs, ys = [600, 1200, 1800, 2400, 3000], [400 + 150 * k for k in range(11)]
    for x in xs:
        page[ys[0] : ys[-1] + 2, x : x + 2] = 106
    for y in ys:
        page[y : y + 2, xs[0] : xs[-1] + 2] = 106
    density = 0.9 * np.exp(-(((np.arange(PAGE[1]) - streak_at) / 14.0) ** 2))[None, :]
    specks = rng.random(PAGE) < density
    page[specks] = np.minimum(page[specks], rng.integers(40, 180, PAGE)[specks]).astype(np.uint8)
    return page, xs, ys


def test_a_streak_down_the_whole_page_is_marked_as_running_on_beyond_the_table() -> None:
    """Held-out seed 9601 h01 p.4: a dirty drum's dark streak through an amount column passed the
    streak test (as dark in every cell as the grey rules) and cut every amount of the column in
    two. A printed rule stops at the table's frame; the streak runs on through both margins."""
    page, xs, ys = _ruled_page_with_a_streak(1500, rng=np.random.default_rng(1))
    grid, _ = gray_to_grid(page)
    assert grid is not None and close_to(list(grid.ys), ys)
    assert close_to(list(grid.xs), sorted([*xs, 1500]), tolerance=8)
    assert [axis for axis, _ in grid.running_on] == ["x"] and abs(grid.running_on[0][1] - 1500) <= 8


def test_no_boundary_is_marked_where_a_margin_is_too_short_to_tell() -> None:
    """A table cut by the scan's edge: no margin above it to see a line run on in."""
    from vnplan.extract.streaks import boundaries_running_on

    vertical = np.zeros(PAGE, np.uint8)
    vertical[:, 1500] = 255  # down the whole page
    horizontal = np.zeros(PAGE, np.uint8)
    assert boundaries_running_on([600, 1500, 3000], [30, 900, 1800], (horizontal, vertical)) == ()
    assert boundaries_running_on([600, 1500, 3000], [400, 900, 1800], (horizontal, vertical)) == (("x", 1500),)
    across = np.zeros(PAGE, np.uint8)
    across[900, :] = 255  # across the whole page
    assert boundaries_running_on([600, 1500, 3000], [400, 900, 1800], (across, vertical * 0)) == (("y", 900),)


def test_the_column_rules_of_a_table_cut_by_page_breaks_do_not_run_on() -> None:
    """A page in the middle of a long table: its column rules run on past its first and last row
    rules (rows split by the page breaks); closed there, they end with the table."""
    page = np.full(PAGE, 255, np.uint8)
    for x in (400, 1100, 1800, 2500, 3100):
        page[150:2350, x : x + 3] = 0
    for y in range(500, 1900, 150):
        page[y : y + 3, 400:3103] = 0
    grid, _ = gray_to_grid(page)
    assert grid is not None and grid.running_on == ()


def test_a_band_of_specks_of_flat_profile_is_no_sharp_line() -> None:
    # A band of toner specks with no line in it: 18 cells at 60 % specks, one darker (90 %), one
    # paler (15 %), so the shade test fails. The darkest of three rows is dark where a single row is
    # not: measured against single rows beside it, the band looked as sharp as a rule (a review).
    from vnplan.extract.streaks import printed_rule_in

    rng = np.random.default_rng(0)
    densities = [0.6] * 18 + [0.9, 0.15]
    gray = np.clip(235 + rng.normal(0, 4, (200, 100 * len(densities))), 0, 255).astype(np.uint8)
    for cell, density in enumerate(densities):
        block = gray[70:121, 100 * cell : 100 * (cell + 1)]
        block[rng.random(block.shape) < density] = 110
    binary = np.where(gray < 170, 255, 0).astype(np.uint8)
    assert printed_rule_in(gray, binary, (80, 110), list(range(0, 2001, 100)), vertical=False) is None
