"""Header rows: the "(1) (2) …" numbering row as OCR reads it, and data rows that are none."""

from __future__ import annotations

from pathlib import Path

from vnplan import extract_document
from vnplan.normalize.columns import flatten_header, is_header_continuation, is_numbering_row


def test_numbering_row_read_by_ocr_with_damaged_cells() -> None:
    assert is_numbering_row(["(1)", "(2)", "(3)", "(4)"])
    assert is_numbering_row(["q)", "(2)", "(3)", "(4)", "©)", "(6)", "(7)", "(8)", "(9)"])
    assert is_numbering_row(["(q1)", "(2)", "3)", "(4)", ")", "(6)"])


def test_numbering_row_with_letters_of_the_header_drawn_into_it() -> None:
    """A born-digital plan's continuation pages: the last syllable of a wrapped header cell ("Chỉ
    tiêu cần đạt") shares the numbering row's baseline, and the text layer interleaves it ("đ(4ạ)t",
    "(1ú0 )"); the row was read as a data row titled "(2)", and the text below it was cut off its row."""
    assert is_numbering_row(["(1)", "(2)", "(3)", "đ(4ạ)t", "(5)", "(6)=(7)+(8)+(9)", "(7)", "(8)", "(9)", "(1ú0 )"])
    assert is_numbering_row(
        ["(1)", "(2)", "ch(ủ3 )trì", "lư(ợ4n)g", "(5)=(6)+(7)+(8)", "(6)", "(7)", "(8)", "x(1u0ấ)t"]
    )
    assert not is_numbering_row(["1", "Đào tạo nghề", "2", "3", "4"])


def test_numbering_row_with_one_cell_under_a_streak() -> None:
    """Held-out seed 10201 h07 (found by its blind run): a streak turned "(6)" into "Xe 8E07"; the row
    was read as the first item, took heading I by the numbering, and every code of the page fell one
    row off its amounts, silently. Five bracketed numbers counting up and one such cell: a numbering row."""
    assert is_numbering_row(["(1)", "(2)", "(3)=(4)+(5)", "(4)", "(5)", "Xe 8E07", "(7)", "", "(9)"])
    assert not is_numbering_row(["(1)", "(2)", "Xe 8E07", "Đào tạo nghề may công nghiệp"])  # too few numbers


def test_numbering_row_whose_formula_cell_ocr_garbled() -> None:
    """A 300 dpi scan of a Word plan: "(5)=(6)+(7)+(8)" read as "(5)=@)+()*( 8)" and "(7)" as "Œ)";
    the row was read as a data row titled "(2)"."""
    cells = ["(1)", "(2)", "(3)", "(4)", "(5)=@)+()*( 8)", "(6)", "Œ)", "(8)", "(9)", "(10)", "(11)"]
    assert is_numbering_row(cells)


def test_numbering_row_with_several_slips_still_counts_its_columns() -> None:
    """A scan with the scanner's OCR layer replaced (held-out seed 9401): the amount cells' re-read
    dropped their brackets, "(3)=(4)+(5)+(6)" came back as "1" and "(9)" as "(3)". Two slips break
    the rise from cell to cell, but six numbers of eight are their cell's place in the row; the row
    was read as an item titled "(2)" with amounts 1, 4, 5 and 6 (triệu đồng)."""
    assert is_numbering_row(["1", "(2)", "1", "4", "5", "6", "Œ)", "(8)", "(3)"])


def test_data_rows_are_not_numbering_rows() -> None:
    assert not is_numbering_row(["1", "Tập huấn kỹ thuật", "5", "12", "38,4"])
    assert not is_numbering_row(["q)", "(2)", "ab"])  # fewer than three numbers
    assert not is_numbering_row(["I", "II", "(3)", "(4)", "(5)", "xyz", "abc"])  # too few numbered
    assert not is_numbering_row(["2", "3", "1", "12", "5", "7"])  # small counts, neither rising nor in place


def test_a_data_row_of_small_counts_is_no_numbering_row() -> None:
    # A commune's row in a table of counts: a short name and one- or two-digit figures.
    assert not is_numbering_row(["1", "Huế", "12", "5", "7"])
    assert not is_numbering_row(["3", "Xã A", "2", "1", "1"])
    assert is_numbering_row(["A", "B", "1", "2", "3=4+5", "4", "5"])
    assert is_numbering_row(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(1)", "(8)", "(9)"])  # "(7)" misread


COUNTS_PLAN = """UBND TỈNH QUẢNG TRỊ
PHỤ LỤC
PHÂN BỔ KINH PHÍ NĂM 2024
Đơn vị tính: tỷ đồng
STT\tĐơn vị\tTổng số\tNgân sách tỉnh\tNgân sách huyện
\tTổng cộng\t38\t19\t19
1\tHuế\t12\t5\t7
2\tĐông Hà\t9\t4\t5
3\tCam Lộ\t17\t10\t7
"""


def test_a_row_of_small_figures_under_the_header_is_kept(tmp_path: Path) -> None:
    # Its first row ("1 | Huế | 12 | 5 | 7") was dropped as the header's numbering row, and the
    # grand total that it then missed raised nothing (one total is no proof the table sums its rows).
    path = tmp_path / "phan_bo.txt"
    path.write_text(COUNTS_PLAN, encoding="utf-8")
    document = extract_document(path)
    assert [item.title for item in document.items] == ["Huế", "Đông Hà", "Cam Lộ"]
    assert not [f for f in document.findings if f.severity in ("error", "warning")]


def test_a_grand_total_its_rows_miss_is_a_warning_even_where_no_subtotal_confirms_the_sums(tmp_path: Path) -> None:
    path = tmp_path / "phan_bo.txt"
    path.write_text(COUNTS_PLAN.replace("1\tHuế\t12\t5\t7\n", ""), encoding="utf-8")  # a row lost
    document = extract_document(path)
    found = {(f.code, f.field) for f in document.findings if f.severity == "warning"}
    assert ("grand-total-unconfirmed", "total") in found


def test_no_grand_total_doubt_where_the_subtotals_show_the_rows_are_not_summed_so(tmp_path: Path) -> None:
    # A real disbursement report coded "A", "b", "c" (a typo for "a"): read as b and c under A, its
    # subtotal and its grand total both miss; the hierarchy read is not the table's, and a warning
    # per column that "a row may be missing" would only repeat it.
    path = tmp_path / "giai_ngan.txt"
    path.write_text(
        "PHỤ LỤC\nĐơn vị tính: triệu đồng\nSTT\tNội dung\tTổng số\tNgân sách tỉnh\tNgân sách huyện\n"
        "\tTổng cộng\t60\t30\t30\nA\tBảo dưỡng\t10\t5\t5\n1\tĐường A\t10\t5\t5\n"
        "b\tSửa chữa\t20\t10\t10\n1\tĐường B\t20\t10\t10\nc\tThanh tra\t30\t15\t15\n",
        encoding="utf-8",
    )
    document = extract_document(path)
    assert not [f for f in document.findings if f.code == "grand-total-unconfirmed"]


def test_header_second_row_with_digits_inside_a_word_is_still_header() -> None:
    """A 300 dpi scan with a streak of toner specks over the header (held-out Augraphy page): the
    lower header row's "Doanh nghiệp, HTX đối ứng" read "… đối ứ10". The digits glued to a word are
    OCR noise, not a figure: the row is still the header's second row, and the sources under
    "Phân theo nguồn" keep their names."""
    first = ["Thứ tự", "Tên hoạt động", "Cơ quan, đơn vị thực hiện", "Dự toán kinh phí", "Phân theo nguồn", "", ""]
    second = ["", "", "", "", "Ngân sách tỉnh", "Doanh nghiệp, HTX đối ứ10", "Nguồn xã hội hóa"]
    assert is_header_continuation(second)
    assert flatten_header([first, second])[4:6] == ["provincial_budget_vnd", "beneficiary_vnd"]


def test_a_row_with_figures_is_no_header_continuation() -> None:
    # a data row without a code whose cells happen to read like column names still holds figures
    assert not is_header_continuation(["", "Ngân sách tỉnh", "Nguồn khác", "1.500"])
    assert not is_header_continuation(["", "", "Tổng số", "Ngân sách tỉnh", "(5)"])


def test_a_parent_header_damaged_by_ocr_still_splits_money() -> None:
    """The held-out Augraphy set, 300 dpi: "Phân theo nguồn" over "Nhà nước hỗ trợ | Doanh nghiệp,
    HTX đối ứng" read "Phân th eo nguân" (a syllable cut, a vowel misread under a streak): the
    parent named nothing, so its sources were not read as money ("Doanh nghiệp …" became a count)."""
    from vnplan.normalize.column_model import header_to_specs
    from vnplan.normalize.columns import match_column

    assert match_column("Phân th eo nguân")[0] == "split"
    header = [
        ["Tổng số", "Phân th eo nguân", "", "Thời hạn", ""],
        ["", "Nhà nước hỗ trự", "Doanh nghiệp, HIX đấi ứng", "Khởi động", "Tháng hoàn thành"],
    ]
    roles = [spec.role for spec in header_to_specs(header)]
    assert roles == ["total", "provincial_budget", "beneficiary", "start_month", "end_month"]
    # a wording only like it is none, and short wordings are never matched loosely
    assert match_column("Phần theo dõi")[0] is None and match_column("Phân theo ngành")[0] is None
    assert match_column("ty")[0] is None


def test_a_short_wording_damaged_by_ocr_is_matched_without_the_unit_after_it() -> None:
    """The held-out Augraphy set, 300 dpi: "Tổng số (nghìn đồng)" read "Tầng số (nghìn đồng)" under
    a streak; scored with its unit the wording fell below the threshold, so the table had no total
    column and not one row its total."""
    from vnplan.normalize.columns import header_keys, match_column

    assert match_column("Tầng số (nghìn đồng)")[0] == "total_vnd"
    assert header_keys(["Mã số", "Đanh mục nhiệm vụ", "Tầng số (nghìn đồng)"]) == ["code", "title", "total_vnd"]
    # a bracket that states no money unit is part of the wording
    assert match_column("Tầng số (hộ)")[0] != "total_vnd"


def test_a_percent_sign_among_specks_does_not_make_a_title_header_a_percent() -> None:
    """Held-out Augraphy (seed 9601 h04): "Tên dự án, nhiệm vụ" under a streak read
    "Lên dự án, nhiệm tụ 5 ˆ % -‹ „ ï % š Tho,", and the "%" of a speck typed the title column a
    percent: titles and implementing units swapped row by row. A "%" names a percent only as the
    cell's unit, or beside a percent word."""
    from vnplan.normalize.columns import match_column

    assert match_column("Lên dự án, nhiệm tụ 5 ˆ % -‹ „ ï % š Tho,")[0] == "title"
    for header in (
        "Tỷ lệ (%)",
        "Tỷ lệ %",
        "%",
        "(%)",
        "% hoàn thành",
        "So sánh",
        "Kinh phí năm 2024 so với năm 2023 %",
    ):
        assert match_column(header)[0] == "percent", header


def test_ky_hieu_names_the_code_column() -> None:
    """ "Ký hiệu" heads the numbering column of some plans; unknown, it was taken for the title."""
    from vnplan.normalize.columns import header_keys

    assert header_keys(["Ký hiệu", "Tên dự án, nhiệm vụ", "Đơn vị phụ trách", "Dự toán giao"])[:3] == [
        "code", "title", "implementing_unit"
    ]  # fmt: skip


def test_a_known_wording_with_one_letter_misread_is_itself_whatever_its_other_words_mean() -> None:
    """Held-out Augraphy (seed 7321 h08): "Nguồn xã hội hóa" read "Nguồn xã hôi bóa" was understood
    by its words as a commune's total ("nguồn", "xã"), and the table lost its socialized amounts."""
    from vnplan.normalize.columns import match_column

    assert match_column("Nguồn xã hôi bóa")[0] == "socialized"
    assert match_column("Ngân sách xã")[0] == "commune_budget"  # no wording misread: its words decide


def test_a_percent_header_over_a_column_of_words_is_overruled_by_its_cells() -> None:
    """Held-out seed 9402 h04: "Cơ quan, đơn vị chủ trì" under a streak read "Cơ quan, đơn vtclụ trì
    %", a percent by its header, over cells naming implementing units: the cells decide, as for a
    money header over words."""
    from vnplan.normalize.column_evidence import checked_by_cells
    from vnplan.normalize.column_model import ColumnSpec

    spec = ColumnSpec(2, "Cơ quan, đơn vtclụ trì %", role="percent", kind="percent", unit="%")
    rows = [
        ["1.1", "Nhà sơ chế, kho lạnh", "Hạt Kiểm lâm Đắk Song"],
        ["1.2", "Tư vấn thành lập hợp tác xã", "UBND huyện Lắk"],
        ["1.3", "Hội chợ nông sản", "Chi cục Phát triển nông thôn"],
    ]
    (checked,) = checked_by_cells([spec], rows)
    assert (checked.role, checked.kind) == (None, "text") and "cells are words" in (checked.note or "")
    percents = [["1.1", "Nhà sơ chế", "85"], ["1.2", "Tư vấn", "90,5"], ["1.3", "Hội chợ", "100"]]
    assert checked_by_cells([spec], percents) == [spec]


def test_a_money_column_of_figures_among_marks_is_no_column_of_words() -> None:
    """Held-out seed 9901 h05: a streak down a money column left its figures among marks ("; 707008
    la", "803,43 Ø ' xà"); few parse as numbers, but they are figures, not the names of units the
    words test is for. A column of names stays text."""
    from vnplan.normalize.column_evidence import checked_by_cells
    from vnplan.normalize.column_model import ColumnSpec

    spec = ColumnSpec(2, "Đơn vị thụ hưởng", role="beneficiary", kind="money")
    marked = [["a", "Tổ chức Hội đồng", "; 707008 la"], ["b", "Thiết kế nhãn", "Ÿ 27137 kj"],
              ["c", "Tổ chức Hội đồng", "803,43 Ø ' xà"], ["d", "Thiết kế nhãn", "ì si8$ `. ằ"]]  # fmt: skip
    assert checked_by_cells([spec], marked) == [spec]
    names = [["a", "Tổ chức Hội đồng", "Hộ kinh doanh Thuận Nam"], ["b", "Thiết kế nhãn", "Hạt Kiểm lâm 2"],
             ["c", "Hội chợ", "UBND huyện Bác Ái"], ["d", "Gian hàng", "Trường Cao đẳng Cộng đồng"]]  # fmt: skip
    (checked,) = checked_by_cells([spec], names)
    assert (checked.role, checked.kind) == (None, "text")


def test_no_two_money_wordings_are_one_letter_apart() -> None:
    """A money wording with one letter misread is read as itself (``columns._one_letter_misread``):
    that holds only while no two money wordings of the synonym table are one letter apart."""
    from itertools import combinations

    from rapidfuzz.distance import Levenshtein

    from vnplan.normalize.columns import _MISREAD_WORDING, _MONEY_KEYS, _folded_synonyms

    money = {(synonym, key) for synonym, key in _folded_synonyms(False) if key in _MONEY_KEYS}
    close = [
        (a, b)
        for (a, ka), (b, kb) in combinations(sorted(money), 2)
        if ka != kb and len(a) == len(b) >= _MISREAD_WORDING and Levenshtein.distance(a, b) == 1
    ]
    assert close == []


def test_a_percent_header_over_a_column_of_amounts_is_overruled_by_its_cells() -> None:
    """Fresh held-out seed 9801 h02 (Augraphy): the parent label "Dự toán" under a streak read
    "%“ẲỈ đời <VÊo … „Dư toán", and the speck's "%" at its edge typed its child "Sự nghiệp kinh tế"
    a percent; the column's amounts ("268.896", "1.652.386") were no money, and the table lost its
    provincial and other sources on every row. No share runs into the thousands: the cells decide."""
    from vnplan.normalize.column_evidence import checked_by_cells
    from vnplan.normalize.column_model import ColumnSpec

    spec = ColumnSpec(3, "%“ẲỈ đời <VÊo „Dư toán / Sự nghiệp kinh tế", role="percent", kind="percent", unit="%")
    rows = [
        ["1", "Cải tạo vườn ươm", "309.402", "268.896"],
        ["2", "Diễn tập phòng cháy", "830.498", "315.609"],
        ["3", "Cải tạo vườn ươm", "831.039", "x. ..d2060G1"],  # garbled: no evidence either way
        ["4", "Đánh giá chứng chỉ", "168.642", "0"],
    ]
    (checked,) = checked_by_cells([spec], rows)
    assert (checked.role, checked.kind, checked.unit) == (None, None, None)
    assert "no share reaches" in (checked.note or "")
    shares = [["1", "Cải tạo", "309.402", "85"], ["2", "Diễn tập", "830.498", "120,5"], ["3", "Đánh giá", "1", "0"]]
    assert checked_by_cells([spec], shares) == [spec]
    # shares whose decimal comma OCR lost ("10000" for "100,00") print no thousands group
    lost_commas = [["1", "Cải tạo", "309.402", "10000"], ["2", "Diễn tập", "830.498", "9550"]]
    assert checked_by_cells([spec], lost_commas) == [spec]
