"""The baseline of eval/baseline/ (OCRmyPDF + camelot) reads camelot's cells into vnplan's rows the
way its README says: column order and unit told by hand, header, numbering and broken-row parts left
out, the grand total kept apart. Neither camelot nor OCRmyPDF is needed here."""

from __future__ import annotations

from eval.baseline.run import column_order, document_from_tables, parse_amount, parse_code

ORDER = ["code", "title", "total_vnd", "provincial_budget_vnd", "beneficiary_vnd", "time"]


def test_amounts_are_read_with_vietnamese_separators_in_the_unit_told() -> None:
    assert parse_amount("1.250.000", 1) == 1_250_000
    assert parse_amount("4.050,75", 1_000_000) == 4_050_750_000
    assert parse_amount(" 161.709.000 |  Tháng 5 - 6", 1) == 161_709_000  # the first number of the cell
    assert parse_amount("-", 1000) == 0
    assert parse_amount("|", 1000) is None
    assert parse_amount("", 1000) is None


def test_codes_lose_the_rule_glyphs_ocr_read_beside_them() -> None:
    assert parse_code("1.1  |") == "1.1"
    assert parse_code("2_ \n|") == "2"
    assert parse_code("II.") == "II"


def test_rows_of_a_table_with_the_told_column_count() -> None:
    page3 = [
        ["Số thứ tự", "Nội dung", "Tổng kinh phí", "Trong đó", "", "Thời gian"],
        ["", "", "", "Ngân sách tỉnh", "Doanh nghiệp", ""],
        ["(1)", "(2)", "(3)=(4)+(5)", "(4)", "(5)", "(6)"],
        ["1", "2)", "3=4+5", "(4", "5", "6"],  # the same row where OCR lost brackets
        ["I |", "NHÓM MỘT", "3.000,5", "2.000,5", "1.000", ""],
        ["1.1", "Hỗ trợ hợp tác xã \nhoàn thiện", "3.000,5", "2.000,5", "-", "Tháng 3 - 9"],
    ]
    page4 = [
        ["", "sản phẩm", "", "", "", "9"],  # the rest of a row broken across the page
        ["", "TỔNG CỘNG", "3.000,5", "2.000,5", "1.000", ""],
    ]
    other = [["Nơi nhận", "Giám đốc"]]
    reading = document_from_tables([(3, page3), (4, page4), (5, other)], ORDER, 1_000_000)
    assert [(r["code"], r["title"]) for r in reading.items] == [
        ("I", "NHÓM MỘT"),
        ("1.1", "Hỗ trợ hợp tác xã hoàn thiện"),
    ]
    item = reading.items[1]
    assert (item["total_vnd"], item["provincial_budget_vnd"], item["beneficiary_vnd"]) == (
        3_000_500_000,
        2_000_500_000,
        0,
    )
    assert item["pages"] == [3]
    assert reading.totals["beneficiary_vnd"] == 1_000_000_000
    assert (reading.tables_used, reading.tables_skipped) == (2, ["p.5: 2 columns"])


def test_column_order_is_the_truths_leaves_without_the_merged_parents() -> None:
    header = [{"key": k} for k in ("code", "title", "start_month", "end_month", "total_vnd", "time", "split")]
    truth = {"heldout": {"header": header, "month_style": "two-columns"}}
    assert column_order(truth) == ["code", "title", "start_month", "end_month", "total_vnd"]
    header = [{"key": k} for k in ("code", "title", "total_vnd", "time", "money")]
    assert column_order({"heldout": {"header": header, "month_style": "range"}}) == [
        "code",
        "title",
        "total_vnd",
        "time",
    ]
