"""Number, unit and month parsing (normalize/numbers.py)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnplan.normalize.numbers import (
    Unit,
    detect_unit,
    format_vn,
    money_in_text,
    parse_month_range,
    parse_number,
    parse_wrapped_number,
    to_vnd,
    unit_from_words,
    unit_through_damage,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.073.000", Decimal(1073000)),
        ("10.987.250", Decimal(10987250)),
        ("4.050,8", Decimal("4050.8")),
        ("12,5", Decimal("12.5")),
        ("0", Decimal(0)),
        ("1,073,000", Decimal(1073000)),
        ("1 073 000", Decimal(1073000)),
        (" 680.000 ", Decimal(680000)),
    ],
)
def test_amounts_as_printed(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "5 12", "2016 - 2020", "trên 1.000 lượt", "12,200", "Quyết định", "1.07.000"])
def test_not_a_single_number(text: str) -> None:
    assert parse_number(text) is None


@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=0, max_value=99))
def test_vietnamese_format_round_trips(integral: int, hundredths: int) -> None:
    value = Decimal(integral) + Decimal(hundredths) / 100
    assert parse_number(format_vn(value)) == value


@pytest.mark.parametrize(
    ("line", "label", "multiplier"),
    [
        ("DVT: ngàn đồng", "ngàn đồng", 1000),
        ("<i>ĐVT: nghìn đồng</i>", "nghìn đồng", 1000),
        ("Đơn vị tính: triệu đồng", "triệu đồng", 10**6),
        ("ĐVT: 1.000 đồng", "1.000 đồng", 1000),
        ("Đơn vị tính: đồng", "đồng", 1),
        ("ĐVT: tr.đ", "triệu đồng", 10**6),
    ],
)
def test_unit_lines(line: str, label: str, multiplier: int) -> None:
    unit = detect_unit(line)
    assert unit is not None
    assert (unit.label, unit.multiplier) == (label, multiplier)


def test_beneficiary_sentence_is_not_a_unit() -> None:
    assert detect_unit("Kinh phí của đơn vị thụ hưởng là 4.316.250.000 đồng") is None


def test_amounts_reach_integer_dong() -> None:
    assert to_vnd(Decimal("4050.8"), 10**6) == 4_050_800_000
    assert to_vnd(Decimal("10987250"), 1000) == 10_987_250_000


def test_money_in_running_text() -> None:
    text = "là 10.987.250.000 đồng (…), khoảng 4,3 tỷ đồng, 250 triệu đồng"
    assert money_in_text(text) == [10_987_250_000, 4_300_000_000, 250_000_000]


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("Tháng 1 - 6", (1, 6)),
        ("Tháng 3-9", (3, 9)),
        ("Tháng 12", (12, 12)),
        ("Quý II - Quý III", (4, 9)),
        ("Quý IV", (10, 12)),
        ("10/2026 - 11/2026", (10, 11)),  # month and year on both sides (a real Word plan's form)
        ("10/2026", (10, 10)),
        ("3 - 9/2024", (3, 9)),
    ],
)
def test_month_ranges_in_words(text: str, months: tuple[int, int]) -> None:
    assert parse_month_range(text) == months


@pytest.mark.parametrize("text", ["2016 - 2020", "3-4 hợp đồng", "Tháng 9 - 3", "Tháng 13", "12", "13/2026"])
def test_not_a_month_range(text: str) -> None:
    assert parse_month_range(text) is None


def test_letters_split_by_a_fallback_font_still_name_the_unit() -> None:
    unit = detect_unit("Đ ơ n v ị tính: nghìn đ ồ ng")
    assert unit is not None and unit.multiplier == 1000


def test_contribute_is_not_the_dong_unit() -> None:
    # "Đóng góp" folds to the same letters as "đồng"; only the tone tells them apart.
    assert unit_from_words("Đóng góp của cơ sở") is None
    assert unit_from_words("Kinh phí (đồng)") is not None


def test_dong_inside_a_word_of_its_own_is_no_unit() -> None:
    # "Hợp đồng lao động" (labour contracts) is a staff column of a count table; read as a unit, it
    # made that table's counts amounts in đồng. Words starting with đồng ("đồng bào", "Đồng Nai")
    # and words ending with it ("hội đồng", "cộng đồng") name no unit; "đồng" ending a phrase does.
    for words in ("Hợp đồng lao động", "Giá trị HỢP  ĐỒNG", "Hội đồng nhân dân", "Hỗ trợ đồng bào", "cộng đồng"):
        assert unit_from_words(words) is None, words
    for words in ("Số tiền (đồng)", "Đơn giá (đồng/lớp)", "ĐVT: Đồng", "đồng", "Giá trị hợp đồng (đồng)", "VNĐ"):
        assert unit_from_words(words) == Unit("đồng", 1), words


@pytest.mark.parametrize(
    ("printed", "value"),
    [("(699.434.957)", Decimal(-699434957)), ("( 7.409.043 )", Decimal(-7409043)), ("-1.200.000", Decimal(-1200000)),
     ("(12,5)", Decimal("-12.5")), ("(1)", None), ("(3)", None), ("-5", None), ("-", None)],
)  # fmt: skip
def test_a_negative_as_accounts_print_it(printed: str, value: Decimal | None) -> None:
    # A balance sheet's allowances print in brackets; unread, the cell was read again for its
    # digits alone and came back positive. A column's number "(1)" is no amount.
    assert parse_number(printed) == value


@pytest.mark.parametrize(
    ("text", "style", "expected"),
    [
        ("358.61 1", None, Decimal(358611)),  # a narrow cell wrapped inside a group
        ("1.101. 481", None, Decimal(1101481)),  # … or after the group mark
        ("4.050, 8", None, Decimal("4050.8")),
        ("2,096,58 4,751", "en", Decimal(2096584751)),
        ("5 12", None, None),  # two numbers, no group mark
        ("64.684 34.603", None, None),  # two grouped numbers in one cell
        ("1.073.000", None, None),  # nothing wrapped: parse_number's case
    ],
)
def test_a_grouped_number_wrapped_in_a_narrow_cell_is_one_number(
    text: str, style: str | None, expected: Decimal | None
) -> None:
    assert parse_wrapped_number(text, style) == expected  # type: ignore[arg-type]


def test_a_unit_line_whose_d_ocr_read_as_eth_or_doubled_is_read() -> None:
    # A 300 dpi scan of a national target programme table: "ĐVT: Triệu đồng" read "ĐÐVT: Triệu đồng"
    # (Ð is U+00D0, the Icelandic eth); the unit was lost and every amount read in đồng.
    for line in ("ĐÐVT: Triệu đồng", "ÐVT: Triệu đồng", "Ðơn vị tính: triệu đồng"):
        assert detect_unit(line) == Unit("triệu đồng", 10**6), line


def test_a_unit_line_whose_vi_ocr_read_as_a_mark_is_read() -> None:
    # Held-out seed 11201 h05: under streaks "Đơn vị tính: triệu đồng" read "Don V† tính; triệu đồng";
    # the unit was lost. A beneficiary's "đơn vị" with no "tính" after it is still no unit line.
    for line in ("Ñ Don V† tính; triệu đồng", "Đơn v tính: triệu đồng"):
        assert detect_unit(line) == Unit("triệu đồng", 10**6), line
    assert detect_unit("kinh phí của đơn vị thụ hưởng là 5 triệu đồng") is None


def test_a_unit_in_brackets_whose_words_ocr_split() -> None:
    """A 300 dpi scan's header "Kinh phí thực hiện (nghìn đồng)" read "(ngh ìn đồng)": read word by
    word, only "đồng" was left, and every amount of the plan came out a thousand times too small."""
    assert unit_from_words("Kinh phí thực hiện (ngh ìn đồng)") == Unit("nghìn đồng", 1000)
    assert unit_from_words("Tổng kinh phí (tri ệu đ ồng)") == Unit("triệu đồng", 10**6)
    assert unit_from_words("Số tiền (đồng)") == Unit("đồng", 1)


def test_a_unit_whose_words_ocr_read_a_speck_between() -> None:
    """A streaked scan's header "Kinh phí đề xuất (nghìn đồng)" read "(nghìn ˆ đồng)": the speck
    hid "nghìn", only "đồng" was left, and that column of a plan in nghìn đồng came out a thousand
    times too small while its neighbours were right."""
    assert unit_from_words("Kinh phí đề xuất(nghìn ˆ đồng)") == Unit("nghìn đồng", 1000)
    assert detect_unit("ĐVT: triệu * đồng") == Unit("triệu đồng", 10**6)
    # dashes and brackets part words as printed; they are no specks to read through
    assert unit_from_words("Kinh phí nghìn – đồng bào") is None
    assert unit_from_words("Công ty – Đồng Nai") is None


def test_a_company_named_after_a_province_is_no_unit() -> None:
    """Folded, "Công ty Đồng Nai" reads "cong ty dong nai", and "ty dong" is how a scanner's layer
    without tone marks writes tỷ đồng: a header naming the company would have scaled a table by 10⁹."""
    assert unit_from_words("Công ty Đồng Nai") is None
    assert unit_from_words("Đơn vị thực hiện: Công  ty  Đồng Tâm") is None
    assert unit_from_words("Kinh phí (ty dong)") == Unit("tỷ đồng", 10**9)
    assert unit_from_words("Tổng (tỉ đồng)") == Unit("tỷ đồng", 10**9)


def test_a_unit_ocr_damaged_is_read_from_its_scale_word_where_only_a_unit_can_stand() -> None:
    """Held-out Augraphy seed 11801: h08's unit line read "Đơn v1 tình: triều dÓNHgặ;,", h07's
    "` tính: nghìn đồng!", h05's header cell "Tổng nhu cầu vốn (triệu" (its second line lost);
    no unit was read and every amount was taken as đồng. A scale word right after a unit label,
    or opening a bracket that ends a header cell, is read as the unit; other words after a label
    ("tỷ lệ", "người") and running text name none."""
    assert unit_through_damage("Đơn v1 tình: triều dÓNHgặ;,") == Unit("triệu đồng", 10**6)
    assert unit_through_damage("` tính: nghìn đồng!") == Unit("nghìn đồng", 10**3)
    assert unit_through_damage("Tổng nhu cầu vốn (triệu", in_header=True) == Unit("triệu đồng", 10**6)
    assert unit_through_damage("Tổng nhu cầu vốn (triệu") is None  # a narrative line wraps a bracket too
    for no_money in ("ĐVT: tỷ lệ", "ĐVT: người", "Cách tính: triệu người dân", "Ngân sách tỉnh: 5.000 triệu đồng"):
        assert unit_through_damage(no_money) is None, no_money
