"""Cell typing by content and amount alignment by arithmetic (normalize/cells.py)."""

from decimal import Decimal

from vnplan.normalize.cells import align_amounts, cells_to_draft, header_agreement, split_code
from vnplan.normalize.columns import AMOUNT_COLUMNS, DEFAULT_ORDER, Layout

LAYOUT = Layout(DEFAULT_ORDER)
NO_HEADER: list[str | None] = []


def draft(row: str, layout: Layout = LAYOUT, keys: list[str | None] = NO_HEADER):  # type: ignore[no-untyped-def]
    return cells_to_draft(row.split("\t"), keys, layout)


def test_code_and_title_share_a_cell() -> None:
    assert split_code("3 Hỗ trợ nâng cao năng lực quản lý") == ("3", "Hỗ trợ nâng cao năng lực quản lý")
    assert split_code("II. Hỗ trợ lắp đặt") == ("II", "Hỗ trợ lắp đặt")
    assert split_code("2.1") == ("2.1", "")
    # A count at the start of a sentence is not a code.
    assert split_code("385 lao động nông thôn") == (None, "385 lao động nông thôn")


def test_item_row_in_canonical_order() -> None:
    row = draft("1.1\tĐào tạo nghề\tTrung tâm A\tTổ chức đào tạo\t385 lao động\t4\t12\t680.000\t500.000\t180.000\t0")
    assert row.code == "1.1"
    assert row.texts["expected_result"] == "385 lao động"
    assert (row.start_month, row.end_month) == (4, 12)
    assert row.amounts == dict(zip(AMOUNT_COLUMNS, map(Decimal, (680000, 500000, 180000, 0)), strict=True))


def test_months_in_one_cell() -> None:
    row = draft("3.2\tKhảo sát\tTrung tâm A\tTổ chức đoàn\t02 đoàn\t5 12\t220.000\t220.000\t0\t\tQĐ 23/2018/QĐ-UBND")
    assert (row.start_month, row.end_month) == (5, 12)
    assert row.texts["notes"] == "QĐ 23/2018/QĐ-UBND"


def test_six_numbers_where_four_are_amounts() -> None:
    row = draft("3 Hỗ trợ nâng cao năng lực quản lý\t\t\t\t470.000\t470.000\t0\t0\t0\t0")
    assert row.amounts["total_vnd"] == 470000
    assert row.extra_numbers == [0, 0]


def test_missing_cell_leaves_the_column_the_arithmetic_cannot_fill() -> None:
    row = draft(
        "4.2\tỨng dụng\tTrung tâm A\tHỗ trợ\t06 mô hình\t1\t12\t3.472.550\t1.272.550\tQuyết định 53/2018/QĐ-UBND"
    )
    assert row.amounts == {"total_vnd": Decimal(3472550), "provincial_budget_vnd": Decimal(1272550)}
    assert row.texts["notes"].startswith("Quyết định")


def test_numbers_inside_text_are_not_amounts() -> None:
    row = draft("6.1\tWebsite\tTrung tâm A\tCập nhật\tTrên 1.000 lượt truy cập/tháng\t1\t12\t111.000\t111.000")
    assert row.texts["expected_result"] == "Trên 1.000 lượt truy cập/tháng"
    assert row.amounts["total_vnd"] == 111000


def test_arithmetic_picks_the_total_column() -> None:
    # Provincial, beneficiary and total in a layout that prints the total last.
    columns = ("provincial_budget_vnd", "beneficiary_vnd", "total_vnd")
    assignment, _, extras, _ = align_amounts([Decimal(60), Decimal(40), Decimal(100)], columns)
    assert assignment["total_vnd"] == 100 and not extras


def test_other_layout_unit_after_amounts() -> None:
    layout = Layout(("code", "title", "start_month", "end_month", "total_vnd", "provincial_budget_vnd",
                     "beneficiary_vnd", "implementing_unit", "notes"))  # fmt: skip
    row = draft("1\tMô hình lúa\tTháng 1 - 6\t820,5\t574,4\t246,1\tTrung tâm Khuyến nông\tQuy mô 30 ha", layout)
    assert (row.start_month, row.end_month) == (1, 6)
    assert row.texts["implementing_unit"] == "Trung tâm Khuyến nông"
    assert row.texts["notes"] == "Quy mô 30 ha"
    assert row.amounts["beneficiary_vnd"] == Decimal("246.1")


def test_header_agreement_tells_a_fitting_header_from_a_scrambled_one() -> None:
    rows = [["1", "Hội chợ", "Sở Công Thương", "100.000", "60.000", "40.000", "6", "7"]]
    fitting: list[str | None] = ["code", "title", "implementing_unit", "total_vnd", "provincial_budget_vnd",
                                 "beneficiary_vnd", "start_month", "end_month"]  # fmt: skip
    scrambled: list[str | None] = ["code", "title", "start_month", "end_month", "implementing_unit",
                                   "total_vnd", "provincial_budget_vnd", "beneficiary_vnd"]  # fmt: skip
    assert header_agreement(fitting, rows) == 1.0
    assert header_agreement(scrambled, rows) < 0.5


def test_codes_as_ocr_misreads_them_in_the_code_column() -> None:
    assert draft("5,6\tHỗ trợ cơ sở miến dong\t03\t07\t84.000.000\t39.000.000\t45.000.000").code == "5.6"
    assert draft("-_5,3.\tHỗ trợ lãi suất vốn vay\t06\t06\t212.000\t81.000\t131.000").code == "5.3"
    assert draft("1.I\tĐào tạo nghề\t680.000\t500.000\t180.000").code == "1.1"
    assert draft("l.2\tĐào tạo nghề\t680.000\t500.000\t180.000").code == "1.2"
    assert draft("H\tNhiệm vụ thường xuyên\t1.200\t800\t400").code == "II"
    assert draft("IH\tXây dựng mô hình\t1.200\t800\t400").code == "III"
    assert draft("Il _\tXây dựng mô hình\t1.200\t800\t400").code == "II"


def test_ocr_code_rules_leave_amounts_and_words_alone() -> None:
    row = draft("5,5\t2,1\t3,4")  # amounts in a row without code or title: not a code
    assert row.code is None and row.amounts
    assert draft("\t5,6\tHỗ trợ").code is None  # not the first column
    assert draft("HH\tNhiệm vụ\t1.200\t800\t400").code is None  # four I's is no roman numeral
    assert draft("Hội\tNhiệm vụ\t1.200").code is None


def test_a_row_without_code_keeps_each_text_once() -> None:
    row = draft("\tHội nghị tổng kết\tSở Công Thương\t\t\t\t\t50.000\t50.000")
    assert row.code is None
    assert row.texts == {"title": "Hội nghị tổng kết", "implementing_unit": "Sở Công Thương"}


def test_a_code_with_a_dash_beside_it_is_the_code() -> None:
    """A speck or a rule's end read as a dash after the code ("4.2 —") on a scan."""
    assert split_code("4.2 —") == ("4.2", "")
    assert (
        draft("4.2 —\tGian hàng giới thiệu sản phẩm\tHạt Kiểm lâm\t265 ha\t2\t11\t645.795\t645.795\t-\t-").code == "4.2"
    )


def test_a_code_cell_holding_no_code_stays_in_its_column() -> None:
    """One cell per column, the code column first: a code cell OCR turned into no code ("4.2 ~~")
    is unread, and the title stays the title (typed by content, the cell had become the title and
    pushed the title into the objective)."""
    row = draft("4.2 ~~\tGian hàng giới thiệu sản phẩm\tHạt Kiểm lâm\tTổ chức\t265 ha\t2\t11\t645.795\t645.795\t0\t0\t")
    assert row.code is None and row.unread == {"code": "4.2 ~~"}
    assert row.texts["title"] == "Gian hàng giới thiệu sản phẩm"
    assert row.texts["expected_result"] == "265 ha"
    assert row.amounts["total_vnd"] == 645795


def test_a_heading_across_the_code_and_title_columns_is_a_title() -> None:
    """A cell of text in the code column with nothing beside it is a heading written across both."""
    row = draft("Phần A: Đào tạo nghề\t\t\t\t\t\t\t1.000\t1.000\t0\t0\t")
    assert row.code is None and row.texts["title"] == "Phần A: Đào tạo nghề" and not row.unread


def test_a_figure_neither_the_sum_nor_a_header_places_is_guessed() -> None:
    """A lone figure under four amount columns is as likely a part as the total: its column is a
    guess. Three figures whose first is the sum of the other two place the total, not the parts."""
    columns = ("total_vnd", "provincial_budget_vnd", "beneficiary_vnd", "other_vnd")
    lone = align_amounts([Decimal(265_866)], columns)
    assert lone.assignment == {"total_vnd": 265_866} and lone.guessed == {"total_vnd"}
    summed = align_amounts([Decimal(100), Decimal(60), Decimal(40)], columns)
    assert summed.assignment["total_vnd"] == 100
    assert summed.guessed == {"provincial_budget_vnd", "beneficiary_vnd"}  # which two sources: open
    headed = align_amounts([Decimal(60)], columns, printed_under=["provincial_budget_vnd"])
    assert headed.assignment == {"provincial_budget_vnd": 60} and not headed.guessed
    full = align_amounts([Decimal(100), Decimal(60), Decimal(40), Decimal(0)], columns)
    assert not full.guessed
