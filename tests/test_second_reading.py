"""Every OCRed amount cell read by a second engine, in one batch per page; a disagreement is looked
at again, and what still differs travels on the cell."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from tests.ocr_lines import ocr_row
from vnplan.extract.model import Cell, Line, Reading
from vnplan.extract.ocr import amount_columns
from vnplan.extract.ocr_engine import OcrWord
from vnplan.extract.second_reading import read_amounts_twice, settle


class Scripted:
    """An engine whose line readings are given in advance; counts its calls."""

    name = "scripted"

    def __init__(self, *readings: str) -> None:
        self.readings = list(readings)
        self.calls: list[int] = []

    def version(self) -> str:
        return "0"

    def read_page(self, image: np.ndarray, *, timeout: float = 0) -> list[OcrWord]:
        return []

    def read_lines(self, crops: Sequence[np.ndarray], *, charset: str = "", timeout: float = 0) -> list[Reading]:
        self.calls.append(len(crops))
        return [Reading(self.readings.pop(0), 0.9) for _ in crops]


GRAY = np.full((100, 400), 255, np.uint8)


def cell(text: str, x: int = 0) -> Cell:
    return Cell(text, 0.8, (x, 0.0, x + 100.0, 40.0))


def page_reader(text: str) -> object:
    return lambda gray, box: (text, 0.85)


def test_readings_that_agree_are_kept_as_they_are() -> None:
    settled = settle(GRAY, cell("1.073.000"), Reading("1.073.000", 0.9), Scripted(), page_reader("x"))
    assert settled.text == "1.073.000" and settled.second == Reading("1.073.000", 0.9) and not settled.reread


def test_a_page_re_read_that_finds_the_second_reading_settles_on_it() -> None:
    settled = settle(GRAY, cell("125.3"), Reading("123,3", 0.9), Scripted(), page_reader("123,3"))
    assert (settled.text, settled.reread, settled.second.text if settled.second else None) == ("123,3", True, "123,3")


def test_a_second_look_that_finds_the_page_reading_settles_on_it() -> None:
    engine = Scripted("1.073.000", "1.073.000")
    settled = settle(GRAY, cell("1.073.000"), Reading("1.078.000", 0.6), engine, page_reader("1.073.000"))
    assert settled.text == "1.073.000" and settled.second == Reading("1.073.000", 0.9)
    assert engine.calls == [2]  # both other scales in one call


def test_what_still_differs_goes_on_with_both_readings() -> None:
    engine = Scripted("1.078.000", "1.078.000")
    settled = settle(GRAY, cell("1.073.000"), Reading("1.078.000", 0.6), engine, page_reader("1.073.000"))
    assert settled.text == "1.073.000" and settled.second == Reading("1.078.000", 0.6)


def test_a_number_only_the_second_engine_read_goes_into_the_table_with_the_other_reading_beside_it() -> None:
    engine = Scripted("", "")
    settled = settle(GRAY, cell("Đ,Ð"), Reading("5,5", 0.8), engine, page_reader(""))
    assert settled.text == "5,5" and settled.reread and settled.second == Reading("Đ,Ð", 0.8)


def test_amount_cells_of_a_page_are_read_in_one_batch_and_headers_and_months_are_not() -> None:
    def row(*texts: str) -> Line:
        cells = tuple(cell(t, 100 * i) for i, t in enumerate(texts))
        return Line("\t".join(texts), 1, cells)

    lines = [
        row("TT", "Tháng", "Tổng KP", "Ngân sách"),
        row("1", "3", "100", "60"),
        row("2", "5", "80", "-"),
        row("3", "12", "20", "20"),
    ]
    columns = amount_columns(lines)
    assert columns == {2, 3}  # not the code column, not the months
    engine = Scripted("100", "60", "80", "-", "20", "20")
    out = read_amounts_twice(lines, GRAY, engine, page_reader("x"), columns)  # type: ignore[arg-type]
    assert engine.calls == [6]
    assert out[0] == lines[0]  # the header row is not read again
    assert [c.second.text if c.second else None for c in out[2].cells] == [None, None, "80", "-"]


def test_a_row_whose_figures_specks_all_garbled_is_read_twice_too() -> None:
    """Held-out Augraphy (seed 8311 h05): a row read "813.2 ." | "838.44 : ¬¬" | "174.76 ` -", no
    number at all, was never read by the second engine, which reads 638.44 where the page read
    838.44. Below the first row of numbers, a row with an unsure cell of digits is read twice; a
    header's "năm 2025" above it, read surely, is not."""

    lines = [
        ocr_row(("TT", 0.9), ("Nội dung", 0.9), ("Dự toán năm 2025", 0.92), ("Ngân sách", 0.9)),
        ocr_row(("1", 0.9), ("Tập huấn", 0.9), ("100", 0.9), ("60", 0.9)),
        ocr_row(("2", 0.9), ("Hội chợ", 0.9), ("813.2 .", 0.34), ("838.44 : ¬¬", 0.24)),
    ]
    from vnplan.extract.second_reading import amount_cells

    assert amount_cells(lines, {2, 3}) == [(1, 2), (1, 3), (2, 2), (2, 3)]


def test_a_second_reading_that_alone_makes_its_row_add_up_is_taken_before_the_cells_are_typed() -> None:
    from vnplan.extract.second_reading import prefer_readings_that_add_up

    def row(*pairs: tuple[str, str]) -> Line:
        cells = tuple(Cell(a, 0.8, (0.0, 0.0, 1.0, 1.0), second=Reading(b, 0.9)) for a, b in pairs)
        return Line("\t".join(a for a, _ in pairs), 1, cells)

    misread = row(("104", "104"), ("725", "72,5"), ("31,5", "31,5"), ("-", ""))
    (fixed,) = prefer_readings_that_add_up([misread], {0, 1, 2, 3})
    assert [c.text for c in fixed.cells] == ["104", "72,5", "31,5", "-"]
    assert fixed.cells[1].reread and fixed.cells[1].second == Reading("725", 0.8)
    # two second readings that would each make it add up: neither is taken
    ambiguous = row(("100", "100"), ("70", "60"), ("40", "30"))
    assert prefer_readings_that_add_up([ambiguous], {0, 1, 2}) == [ambiguous]


def test_a_reading_a_third_reader_outvoted_is_taken_where_it_alone_makes_the_row_add_up() -> None:
    """The page engine and the third reader may agree on a misplaced thousands dot that the second
    read right: the outvoted reading rides along as a look, and the row's sum takes it."""
    from vnplan.extract.second_reading import prefer_readings_that_add_up

    agreed = Cell("33.000", 0.8, (0.0, 0.0, 1.0, 1.0), second=Reading("33.000", 0.9), looks=(Reading("3.300", 0.7),))
    cells = (Cell("12.000", 0.9, (0.0, 0.0, 1.0, 1.0), second=Reading("12.000", 0.9)),
             Cell("8.700", 0.9, (0.0, 0.0, 1.0, 1.0), second=Reading("8.700", 0.9)), agreed)  # fmt: skip
    (fixed,) = prefer_readings_that_add_up([Line("\t".join(c.text for c in cells), 1, cells)], {0, 1, 2})
    assert [c.text for c in fixed.cells] == ["12.000", "8.700", "3.300"]
    assert fixed.cells[2].second == Reading("33.000", 0.8)  # the page reading rides along


def test_the_last_short_page_of_a_table_has_its_amounts_read_twice_too() -> None:
    def row(*texts: str) -> Line:
        return Line("\t".join(texts), 1, tuple(cell(t, 100 * i) for i, t in enumerate(texts)))

    lines = [
        row("5.", "Xây dựng mô hình", "410,1", "286,8", "125.3", "-", "8", "9"),
        row("6", "Hỗ trợ", "560", "343,4", "216,6", "¬", "8", "9"),
    ]
    assert amount_columns(lines) == {2, 3, 4, 5}  # a column of dashes is an amount column; months are not


def test_a_dash_the_second_engine_sees_nothing_in_costs_no_other_look() -> None:
    engine = Scripted()
    looked: list[tuple[int, ...]] = []

    def page(gray: np.ndarray, box: tuple[int, int, int, int]) -> tuple[str, float]:
        looked.append(box)
        return "-", 0.9

    settled = settle(GRAY, cell("-"), Reading("", 0.0), engine, page)
    assert settled.text == "-" and settled.second == Reading("", 0.0)
    assert engine.calls == [] and looked == []


def _large_print() -> np.ndarray:
    """A cell of large print: 300 dpi, 12 pt digits some 33 px high (the reduced look's case)."""
    gray = np.full((100, 400), 255, np.uint8)
    for x in range(30, 330, 50):  # six glyph-like blobs
        gray[20:53, x : x + 30] = 0
    return gray


def big(text: str) -> Cell:
    return Cell(text, 0.8, (0.0, 0.0, 400.0, 100.0))


def test_print_height_is_the_height_of_the_glyphs() -> None:
    from vnplan.extract.second_reading import print_height

    assert print_height(_large_print()[6:-6, 6:-6]) == 33
    assert print_height(GRAY) is None


def test_large_print_both_engines_read_alike_reduced_settles_the_cell() -> None:
    """A 300 dpi scan of 12 pt print: the page engine read "72.223" (its first digit lost), the
    second "572,223"; both read "572.223" at half size."""
    page, second = Scripted("572.223"), Scripted("572.223")
    settled = settle(_large_print(), big("72.223"), Reading("572,223", 0.6), second, page_reader("312.22"), page)
    assert (settled.text, settled.reread, settled.second) == ("572.223", True, Reading("572.223", 0.9))
    assert page.calls == [1] and second.calls == [1]  # one small crop each, nothing else


def test_large_print_read_reduced_as_the_page_read_it_keeps_the_page_reading() -> None:
    """The page engine read "76.971"; the second engine and the page engine's own enlarged look
    both read "70.971"; reduced, both read "76.971": the page reading stays, vouched for."""
    page, second = Scripted("76.971"), Scripted("76.971")
    settled = settle(_large_print(), big("76.971"), Reading("70.971", 0.6), second, page_reader("70.971"), page)
    assert (settled.text, settled.reread, settled.second) == ("76.971", False, Reading("76.971", 0.9))


def test_reduced_looks_that_differ_leave_the_cell_to_the_other_looks() -> None:
    # reduced: "572.223" and "972.223"; binarised: "5" and "6"; blurred: "5" and "7"; the second
    # engine's other scales: "1"
    page, second = Scripted("572.223", "5", "5"), Scripted("972.223", "6", "7", "1", "1")
    settled = settle(_large_print(), big("72.223"), Reading("572,223", 0.6), second, page_reader("312.22"), page)
    assert (settled.text, settled.second) == ("72.223", Reading("572,223", 0.6))


def test_small_print_gets_no_reduced_look() -> None:
    gray = np.full((100, 400), 255, np.uint8)
    for x in range(30, 330, 50):
        gray[20:36, x : x + 14] = 0  # glyphs 16 px high
    # no reduced look; the binarised look each engine reads ("1.073.000" and "1.078.000") differs;
    # the blurred look is read for the sums only
    page, second = Scripted("1.073.000", "1.0"), Scripted("1.078.000", "1.0", "1.078.000", "1.078.000")
    settled = settle(gray, big("1.073.000"), Reading("1.078.000", 0.6), second, page_reader("1.073.000"), page)
    assert page.calls == [1, 1] and second.calls == [1, 1, 2]
    assert settled.text == "1.073.000" and settled.second == Reading("1.078.000", 0.6)


def test_looks_that_break_a_row_that_added_up_are_not_taken() -> None:
    """The page read 128.537 | 51.566 | 76.971 (which adds up); the second engine and the page
    engine's enlarged look both read 70.971: the row keeps 76.971, with 70.971 as the other reading."""
    from vnplan.extract.second_reading import keep_sums_that_held

    def cells(*texts: str) -> list[Cell]:
        return [Cell(t, 0.9, (0.0, 0.0, 1.0, 1.0)) for t in texts]

    page = cells("7", "128.537", "51.566", "76.971")
    settled = [*page[:3], Cell("70.971", 0.6, (0.0, 0.0, 1.0, 1.0), reread=True, second=Reading("70.971", 0.6))]
    kept = keep_sums_that_held(page, settled, {1, 2, 3})
    assert kept[3].text == "76.971" and not kept[3].reread and kept[3].second == Reading("70.971", 0.6)
    # a row that did not add up as the page read it takes the looks
    page = cells("7", "128.537", "51.566", "77.971")
    assert keep_sums_that_held(page, settled, {1, 2, 3}) == settled
    # nor does a look that keeps the sum whole
    fixed = [*cells("7", "128.537", "51.566"), Cell("76.971", 0.6, (0.0, 0.0, 1.0, 1.0), reread=True)]
    assert keep_sums_that_held(cells("7", "128.537", "51.566", "76.971"), fixed, {1, 2, 3}) == fixed


def test_faded_print_on_clouded_paper_is_read_split_at_the_cells_own_threshold() -> None:
    """Two Augraphy cells (tests/fixtures/augraphy/README.md): faded digits on grey clouds, read
    as fragments by both engines; both read the whole amount once the cell is binarized."""
    import cv2

    from vnplan.extract.engines import page_engine, second_engine
    from vnplan.extract.ocr import engine_cell_reader

    fixtures = Path(__file__).parent / "fixtures" / "augraphy"
    for name, page_reading, truth in (
        ("faded_cell_232_77.png", "238", "232,77"),
        ("faded_cell_139_27.png", "3", "139,27"),
    ):
        gray = cv2.imread(str(fixtures / name), cv2.IMREAD_GRAYSCALE)
        h, w = gray.shape
        unread = Cell(page_reading, 0.0, (0.0, 0.0, float(w), float(h)))
        page = page_engine()
        settled = settle(gray, unread, Reading("", 0.0), second_engine(), engine_cell_reader(page), page)
        assert (settled.text, settled.reread) == (truth, True)
        assert settled.second is not None and settled.second.text == truth


def test_what_further_looks_read_goes_on_with_a_cell_still_in_doubt() -> None:
    """Nothing settles the cell: the numbers the further looks read ride along (each once, not the
    two readings themselves, no non-number) for normalize to try against the table's sums."""
    # binarized: "1.073.000" and "1.079.000"; blurred: "1.074.000" and "1.079.000"; page re-read
    # "1.075.000"; other scales "1.078.000" and "1.0?8"
    page = Scripted("1.073.000", "1.074.000")
    second = Scripted("1.079.000", "1.079.000", "1.078.000", "1.0?8")
    settled = settle(GRAY, cell("1.073.000"), Reading("1.078.000", 0.6), second, page_reader("1.075.000"), page)
    assert settled.text == "1.073.000" and settled.second == Reading("1.078.000", 0.6)
    assert [look.text for look in settled.looks] == ["1.079.000", "1.074.000", "1.075.000"]


def test_rows_that_do_not_add_up_have_their_cells_looked_at_again_and_rows_that_do_are_left() -> None:
    from vnplan.extract.second_reading import look_again_where_rows_fail

    def row(*texts: str) -> Line:
        cells = (Cell("1"), *(Cell(t, 0.9, (0.0, 0.0, 100.0, 40.0), second=Reading(t, 0.9)) for t in texts))
        return Line("\t".join(c.text for c in cells), 1, cells)

    page, second = Scripted("914,7", "514,7", "379,13", "379,13"), Scripted("914,7", "514,7", "379,13", "379,13")
    rows = [row("914,7", "379,13", "135,57"), row("514,7", "379,13", "135,57")]
    # the second row adds up: no look; the first: each engine, binarized then blurred, per cell
    page.readings += ["135,57", "135,57"]
    second.readings += ["135,57", "135,57"]
    out = look_again_where_rows_fail(rows, GRAY, (page, second), {1, 2, 3})
    assert [look.text for look in out[0].cells[1].looks] == ["514,7"]
    assert out[0].cells[2].looks == () and out[0].cells[3].looks == ()  # the looks read what the readers read
    assert out[1] == rows[1]
    assert page.calls == [1] * 6 and second.calls == [1] * 6


def test_a_binarized_look_does_not_override_readings_that_share_their_digits_nor_settle_unsure() -> None:
    # "576,94.." and "576,94": the binarized look both engines read "976,94" is a candidate only
    page, second = Scripted("976,94", "96,94"), Scripted("976,94", "576,94", "1", "2")
    settled = settle(GRAY, cell("576,94.."), Reading("576,94", 0.96), second, page_reader("96,94"), page)
    assert settled.text == "576,94" and settled.second == Reading("576,94..", 0.8)  # the number read goes in
    assert "976,94" in [look.text for look in settled.looks]

    # "543,21" and "543521": a look read "43,21" by both, but unsurely, settles nothing either
    class Unsure(Scripted):
        def read_lines(self, crops: Sequence[np.ndarray], *, charset: str = "", timeout: float = 0) -> list[Reading]:
            return [Reading(r.text, 0.0) for r in super().read_lines(crops, charset=charset)]

    page, second = Unsure("43,21", "4"), Scripted("43,21", "5", "6", "7")
    settled = settle(GRAY, cell("543,21"), Reading("543521", 0.6), second, page_reader("8"), page)
    assert settled.text == "543,21"


def test_the_line_of_dark_print_is_cut_from_a_cell_under_a_streak() -> None:
    """A cell as the page was before its streak was lifted: a band of grey specks across the top
    of black digits, and a row of grey specks lower down. The line of dark print is the digits'
    rows alone (``looks_before_lifting`` reads it), the lower specks left out."""
    import cv2

    from vnplan.extract.second_reading import print_line

    crop = np.full((120, 400), 255, np.uint8)
    rng = np.random.default_rng(3)
    for _ in range(400):  # a streak's specks, grey, across the figure's upper half and beside it
        x, y = int(rng.integers(0, 400)), int(rng.integers(10, 40))
        crop[y : y + 3, x : x + 3] = int(rng.integers(110, 190))
    for _ in range(60):  # a row of specks under the figure
        x = int(rng.integers(0, 400))
        crop[95:98, x : x + 3] = int(rng.integers(110, 190))
    cv2.putText(crop, "14.354.000", (30, 60), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    line = print_line(crop, 40)
    assert line is not None
    digits = np.flatnonzero((crop < 40).sum(axis=1) >= 3)
    assert line.shape[0] < 60  # the figure's rows and a margin, not the lower specks
    assert (line < 40).sum() == (crop < 40).sum()  # every dark pixel of the figure is in it
    assert len(digits) and print_line(np.full((50, 50), 255, np.uint8), 40) is None


def test_a_third_reader_of_another_kind_sides_with_one_of_two_readings() -> None:
    """Where the two Tesseract readings differ, the third reader (``engines.third_engine``) is
    asked first: reading what one of them read, it settles the cell; the other reading rides along
    as a look, for the sums. Reading a third number, it is one more look."""
    with_page = settle(GRAY, cell("707,88"), Reading("707,80", 0.6), Scripted(), page_reader("x"), None,
                       Scripted("707,88"))  # fmt: skip
    assert (with_page.text, with_page.second) == ("707,88", Reading("707,88", 0.9))
    assert [look.text for look in with_page.looks] == ["707,80"]
    with_second = settle(GRAY, cell("; 707008 la"), Reading("707,88", 0.6), Scripted(), page_reader("x"), None,
                         Scripted("707,88"))  # fmt: skip
    assert (with_second.text, with_second.reread) == ("707,88", True)
    assert with_second.second == Reading("707,88", 0.9)
    apart = settle(GRAY, cell("1.073.000"), Reading("1.078.000", 0.6), Scripted("", "", "", ""),
                   page_reader("x"), None, Scripted("1.013.000"))  # fmt: skip
    assert apart.text == "1.073.000" and apart.second == Reading("1.078.000", 0.6)
    assert "1.013.000" in [look.text for look in apart.looks]


def test_a_page_whose_streaks_garbled_most_figures_still_has_amount_columns() -> None:
    """Held-out seed 9901 h05 p.3 (Augraphy): a streak down the money columns left most figures
    among marks; too few rows read two clean numbers, no column was taken for amounts, and no cell
    of the page was read a second time."""

    def row(*texts: str) -> Line:
        return ocr_row(*((text, 0.9) for text in texts))

    rows = [
        row("1", "Kiểm tra, giám sát", "3.308,84", "_ L5)", "|.789,94"),
        row("a", "Tổ chức Hội đồng", "; 707008 la", "100 :", "383,99"),
        row("b", "Thiết kế nhãn", "ì si8$ `. ằ", "246,8 Í", "Ÿ 27137 kj"),
        row("c", "Tổ chức Hội đồng", "803,43 Ø ' xà", "442,3", "* 360939 #"),
        row("e", "Kiểm tra việc duy trì", "868,17", "330.09 §", "Ấ 538,00 s"),
        row("f", "Gian hàng giới thiệu", ": t54;6§Ÿ : từ _-", "63,58", "91,17"),
    ]
    assert amount_columns(rows) == {2, 3, 4}
    # words with a count, months of a year: no amounts
    assert amount_columns([row("1", "Hộ kinh doanh Thuận Nam", "60 hộ tham gia", "3/2025", "12/2025")] * 3) == set()
    # years, a span of years, an area with its unit beside amounts: only the amounts (a helper's review)
    table = [
        row("1", "Trồng rừng", "2025", "120 ha", "1.250,5", "750,5"),
        row("2", "Khoán bảo vệ", "2021-2025", "1.200 ha", "830,2", "-"),
        row("3", "Vườn ươm", "2024", "-", "412,6", "210,6"),
    ]
    assert amount_columns(table) == {4, 5}


def test_a_figure_only_the_third_reader_read_goes_into_the_table_in_doubt() -> None:
    """Neither Tesseract reader read a number ('; 707008 la', nothing): the third reader's figure
    goes into the table with the page reading beside it, for the sums to judge; a lone digit, a
    speck read as one, does not."""
    garbled = cell("; 707008 la")
    read = settle(GRAY, garbled, Reading("", 0.0), Scripted("", "", "", ""), page_reader(""), None,
                  Scripted("707,88"))  # fmt: skip
    assert (read.text, read.reread, read.second) == ("707,88", True, Reading("; 707008 la", 0.8))
    speck = settle(GRAY, garbled, Reading("", 0.0), Scripted("", "", "", ""), page_reader(""), None,
                   Scripted("4"))  # fmt: skip
    assert speck.text == "; 707008 la"
