"""A page whose header a streak damaged reads its money columns as another page of the same table
does, where that page's sums confirm its reading.

Sample, after held-out seed 9901 h05 (Augraphy, a dirty drum's streak over the rule between two
labels): on page 1 the labels "Tổng nhu cầu vốn" and "Ngân sách địa phương" ran into one cell,
read as the provincial budget, with the column beside it unnamed; each row's total went to the
provincial budget and its provincial budget nowhere. Page 2 prints the header clean, and its
rows add up under it.
"""

from __future__ import annotations

from collections.abc import Sequence

from vnplan.extract.model import Cell, Line, Page, SourceDocument
from vnplan.normalize.assemble import source_to_document
from vnplan.normalize.column_evidence import roles_from_a_confirmed_page
from vnplan.normalize.column_model import ColumnSpec
from vnplan.schemas import PlanDocument

MERGED = ["Số thứ tự", "Chỉ tiêu", "Tổng nhu Ngân sách cầu vốn địa phương", "", "Đơn vị thụ hưởng", "Đơn vị chủ trì"]
CLEAN = ["Số thứ tự", "Chỉ tiêu", "Tổng nhu cầu vốn", "Ngân sách địa phương", "Đơn vị thụ hưởng", "Đơn vị chủ trì"]
OTHER = ["Số thứ tự", "Công trình", "Kế hoạch năm 2024", "Giải ngân", "Còn lại", "Chủ đầu tư"]

FIRST = [
    ["1", "Thiết kế nhãn sản phẩm rượu cần", "518,00", "246,63", "271,37", "Chi cục Phát triển nông thôn"],
    ["2", "Kiểm tra việc duy trì chất lượng", "868,17", "330,09", "538,08", "Hộ kinh doanh Bác Ái"],
    ["3", "Gian hàng giới thiệu sản phẩm", "154,76", "63,59", "91,17", "Hạt Kiểm lâm Bác Ái"],
]
SECOND = [
    ["4", "Phân tích chỉ tiêu chất lượng", "210,10", "149,13", "60,97", "Hộ kinh doanh Thuận Nam"],
    ["5", "Hỗ trợ hoàn thiện hồ sơ", "685,50", "333,28", "352,22", "Chi cục Phát triển nông thôn"],
    ["6", "Tổ chức Hội đồng đánh giá", "723,60", "362,81", "360,79", "Hạt Kiểm lâm Ninh Phước"],
]


def _line(page: int, cells: Sequence[str]) -> Line:
    return Line(text=" ".join(c for c in cells if c), page=page, cells=tuple(Cell(c) for c in cells))


def _convert(
    first_header: Sequence[str],
    second_header: Sequence[str],
    first: Sequence[Sequence[str]] = FIRST,
    above_first: Sequence[str] = (),
) -> PlanDocument:
    above = (_line(1, above_first),) if above_first else ()
    header = (*above, _line(1, first_header))
    page_one = (Line("Đơn vị tính: triệu đồng", 1), *header, *(_line(1, row) for row in first))
    page_two = (_line(2, second_header), *(_line(2, row) for row in SECOND))
    pages = [Page(1, "tesseract", page_one), Page(2, "tesseract", page_two)]
    return source_to_document(SourceDocument(path="t.pdf", sha256="0" * 64, kind="scanned_pdf", pages=pages))


def _amounts(document: PlanDocument, code: str) -> tuple[int | None, int | None, int | None]:
    row = next(row for row in document.items if row.code == code)
    return row.total_vnd, row.provincial_budget_vnd, row.beneficiary_vnd


def test_a_page_whose_header_ran_two_labels_together_reads_its_columns_as_the_confirmed_page() -> None:
    document = _convert(MERGED, CLEAN)
    assert _amounts(document, "2") == (868_170_000, 330_090_000, 538_080_000)
    assert _amounts(document, "5") == (685_500_000, 333_280_000, 352_220_000)
    said = [f.message for f in document.findings if f.code == "column-role-from-cells"]
    assert any("Tổng nhu Ngân sách cầu vốn địa phương" in message for message in said)


def test_the_merged_header_alone_is_read_as_its_words_say() -> None:
    """Without a page whose sums confirm another reading, the damaged header is all there is: its
    columns are read as its words name them, and the sums say they do not hold."""
    document = _convert(MERGED, MERGED)
    assert _amounts(document, "2")[0] != 868_170_000
    assert not any(f.code == "column-role-from-cells" and "confirm" in f.message for f in document.findings)


def test_a_page_of_another_header_borrows_nothing() -> None:
    """A page whose header prints other words is no copy of the confirmed page's header."""
    document = _convert(OTHER, CLEAN)
    assert not any(f.code == "column-role-from-cells" and "confirm" in f.message for f in document.findings)


def test_a_page_printing_the_header_in_another_order_borrows_nothing() -> None:
    """An OCR text export prints the labels of one header in another order on each page (the
    seed): a label standing where the other page prints another label is no damaged copy."""
    parent = ["Số thứ tự", "Chỉ tiêu", "Kinh phí dự kiến", "", "", "Đơn vị chủ trì"]
    reordered = ["", "", "Tổng nhu cầu vốn", "Đơn vị thụ hưởng", "Ngân sách địa phương", ""]
    # its rows cannot confirm the order (one row is all the sums have to go on)
    document = _convert(reordered, CLEAN, [FIRST[0], [*FIRST[1][:2], "", "", "", FIRST[1][5]]], parent)
    assert not any(f.code == "column-role-from-cells" and "confirm" in f.message for f in document.findings)


def test_a_page_of_another_table_sharing_generic_words_borrows_nothing() -> None:
    """Two tables of one document ("Biểu 01" by source, "Biểu 02" by kind of spending) share
    "STT", "Nội dung", "Tổng số", "Ghi chú": the second's "Vốn đầu tư" is a label of its own, not
    a damaged copy of "Ngân sách trung ương", and stays as printed (a helper's review)."""
    first = ["STT", "Nội dung", "Tổng số", "Ngân sách trung ương", "Ngân sách địa phương", "Ghi chú"]
    second = ["STT", "Nội dung", "Tổng số", "Vốn đầu tư", "Vốn sự nghiệp", "Ghi chú"]
    rows_one = [["1", "Đường giao thông xã A", "1.500", "1.000", "500", ""],
                ["2", "Trường học xã B", "900", "600", "300", ""],
                ["3", "Trạm y tế xã C", "300", "200", "100", ""]]  # fmt: skip
    rows_two = [["1", "Hỗ trợ sản xuất", "800", "500", "300", ""],
                ["2", "Đào tạo nghề", "400", "100", "300", ""],
                ["3", "Khuyến nông", "250", "50", "200", ""]]  # fmt: skip
    page_one = (Line("Biểu 01: Kế hoạch vốn theo nguồn", 1), Line("Đơn vị tính: triệu đồng", 1), _line(1, first),
                *(_line(1, row) for row in rows_one))  # fmt: skip
    page_two = (Line("Biểu 02: Kế hoạch vốn theo tính chất", 2), _line(2, second), *(_line(2, row) for row in rows_two))
    pages = [Page(1, "tesseract", page_one), Page(2, "tesseract", page_two)]
    document = source_to_document(SourceDocument(path="t.pdf", sha256="0" * 64, kind="scanned_pdf", pages=pages))
    assert not any(f.code == "column-role-from-cells" and "confirm" in f.message for f in document.findings)
    assert "Vốn đầu tư" in [column.label for column in document.columns]


def test_a_page_whose_header_lost_its_upper_row_reads_its_columns_as_the_confirmed_page() -> None:
    """Held-out seed 10701 h06 (Augraphy, run blind): a streak took the upper row of the header
    repeated on the table's last page. The labels left were blank ("Ký hiệu", "Kinh phí đề xuất"),
    garbled ("Vốn ngân sách _ tì") or cut to their first line ("Vốn đối trng" for "Vốn đối ứng của
    chủ thể"): the page got columns of its own, the table two totals, and no row of the whole plan
    filled its v1 amounts. Same width and words as a page whose sums hold: read as that page."""
    header = ["Ký hiệu", "Tên dự án, nhiệm vụ", "Kinh phí đề xuất", "Vốn ngân sách tỉnh", "Vốn đối ứng của chủ thể",
              "Xã hội hóa", "Đơn vị phụ trách"]  # fmt: skip
    lost = ["", "", "", "Vốn ngân sách _ tì", "Vốn đối trng", "” Xã hội hóa . Duy", ""]
    first = [["1", "Số hóa bản đồ vùng trồng", "534.575.000", "405.113.000", "67.521.000", "61.941.000", "Hợp tác xã"],
             ["2", "Lắp đặt hệ thống cảm biến", "41.845.000", "32.718.000", "9.127.000", "-", "Chi cục"],
             ["3", "Tập huấn nhật ký điện tử", "402.843.000", "281.246.000", "51.043.000", "70.554.000", "Công ty"]]  # fmt: skip
    second = [["4", "Xây dựng phần mềm", "131.109.000", "57.198.000", "73.911.000", "-", "Trung tâm"],
              ["5", "Cấp tài khoản bán hàng", "356.802.000", "163.798.000", "97.835.000", "95.169.000", "Hộ kinh doanh"]]  # fmt: skip
    page_one = (Line("Đơn vị tính: đồng", 1), _line(1, header), *(_line(1, row) for row in first))
    page_two = (_line(2, lost), *(_line(2, row) for row in second))
    pages = [Page(1, "tesseract", page_one), Page(2, "tesseract", page_two)]
    document = source_to_document(SourceDocument(path="t.pdf", sha256="0" * 64, kind="scanned_pdf", pages=pages))
    assert [column.key for column in document.columns] == [
        "code", "title", "total", "provincial_budget", "beneficiary", "socialized", "implementing_unit"
    ]  # fmt: skip
    assert _amounts(document, "4") == (131_109_000, 57_198_000, 73_911_000)
    assert _amounts(document, "1") == (534_575_000, 405_113_000, 67_521_000)
    said = [f.message for f in document.findings if f.code == "column-role-from-cells"]
    assert any("'Vốn đối trng'" in message and "prints 'Vốn đối ứng của chủ thể'" in message for message in said)


def test_a_label_of_its_own_where_money_is_read_otherwise_borrows_nothing() -> None:
    """A page of the same width whose header names a money column by words of its own ("Vốn vay"
    where the other page prints "Vốn đối ứng của chủ thể") is no damaged copy: its columns stay."""
    header = ["Ký hiệu", "Tên dự án, nhiệm vụ", "Kinh phí đề xuất", "Vốn ngân sách tỉnh", "Vốn đối ứng của chủ thể",
              "Đơn vị phụ trách"]  # fmt: skip
    own = ["", "", "", "Vốn ngân sách tỉnh", "Vốn vay tín dụng", ""]
    first = [["1", "Số hóa bản đồ", "534.575", "405.113", "129.462", "Hợp tác xã"],
             ["2", "Lắp đặt cảm biến", "41.845", "32.718", "9.127", "Chi cục"],
             ["3", "Tập huấn", "402.843", "281.246", "121.597", "Công ty"]]  # fmt: skip
    second = [["4", "Phần mềm", "131.109", "57.198", "73.911", "Trung tâm"]]
    page_one = (Line("Đơn vị tính: nghìn đồng", 1), _line(1, header), *(_line(1, row) for row in first))
    page_two = (_line(2, own), *(_line(2, row) for row in second))
    pages = [Page(1, "tesseract", page_one), Page(2, "tesseract", page_two)]
    document = source_to_document(SourceDocument(path="t.pdf", sha256="0" * 64, kind="scanned_pdf", pages=pages))
    assert not any(f.code == "column-role-from-cells" and "confirm" in f.message for f in document.findings)


def test_a_page_a_column_narrower_still_reads_its_money_columns_as_the_confirmed_page() -> None:
    """Held-out seed 9901 h05: the page with the run-together labels also lost a rule among its text
    columns (its two month columns read as one), so it is a column narrower than the clean page.
    Its money columns stand where the clean page's do, and are read as there."""
    merged = (
        ColumnSpec(0, "Số thứ tự", "code", "code"),
        ColumnSpec(1, "Chỉ tiêu", "title", "text"),
        ColumnSpec(2, "Tổng nhu Ngân sách cầu vốn địa phương", "provincial_budget", "money"),
        ColumnSpec(3, "", None, "money"),
        ColumnSpec(4, "Đơn vị thụ hưởng", "beneficiary", "money"),
        ColumnSpec(5, "Tiến độ Khởi công Đến tháng", "end_month", "month"),
    )
    clean = (
        ColumnSpec(0, "Số thứ tự", "code", "code"),
        ColumnSpec(1, "Chỉ tiêu", "title", "text"),
        ColumnSpec(2, "Tổng nhu cầu vốn", "total", "money"),
        ColumnSpec(3, "Ngân sách địa phương", "provincial_budget", "money"),
        ColumnSpec(4, "Đơn vị thụ hưởng", "beneficiary", "money"),
        ColumnSpec(5, "Tiến độ / Khởi công", "start_month", "month"),
        ColumnSpec(6, "Tiến độ / Đến tháng", "end_month", "month"),
    )
    first = [[*row[:5], "3", "9"] for row in FIRST]
    second = [[*row[:5], "3", "9", "10"] for row in SECOND]
    read = roles_from_a_confirmed_page([merged, clean], [first, second], [True, True])
    assert [(spec.role, spec.kind) for spec in read[0][2:5]] == [
        ("total", "money"), ("provincial_budget", "money"), ("beneficiary", "money")
    ]  # fmt: skip
    assert read[0][5] == merged[5]  # a column the other page does not print where this one does: as read


ADDING_UP = [["1", "Đường giao thông xã A", "1.500", "1.000", "500", ""],
             ["2", "Trường học xã B", "900", "600", "300", ""],
             ["3", "Trạm y tế xã C", "300", "200", "100", ""]]  # fmt: skip


def _two_tables(
    first: tuple[Sequence[str], Sequence[Sequence[str]]],
    second: tuple[Sequence[str], Sequence[Sequence[str]]],
    below: Sequence[str] = (),
) -> PlanDocument:
    """Page 1 a table (header, rows) whose sums hold, page 2 another table of the same width below
    its own title; ``below``: a lower header row both print."""

    def page(number: int, above: Line, table: tuple[Sequence[str], Sequence[Sequence[str]]]) -> Page:
        header, rows = table
        lower = (_line(number, below),) if below else ()
        return Page(number, "tesseract", (above, _line(number, header), *lower, *(_line(number, r) for r in rows)))

    pages = [page(1, Line("Đơn vị tính: triệu đồng", 1), first), page(2, Line("Biểu 02", 2), second)]
    return source_to_document(SourceDocument(path="t.pdf", sha256="0" * 64, kind="scanned_pdf", pages=pages))


def _borrowed(document: PlanDocument) -> list[str]:
    return [f.message for f in document.findings if f.code == "column-role-from-cells" and "confirm" in f.message]


def test_a_label_naming_a_source_of_its_own_is_no_part_of_another() -> None:
    """ "Ngân sách tỉnh" is made of words of "Ngân sách trung ương hỗ trợ có mục tiêu", but names a
    source of its own: page 2's provincial budget is not read as the central budget (a review)."""
    first = ["STT", "Nội dung", "Tổng số", "Ngân sách trung ương hỗ trợ có mục tiêu", "Ngân sách địa phương đối ứng",
             "Ghi chú"]  # fmt: skip
    second = ["STT", "Nội dung", "Tổng số", "Ngân sách tỉnh", "Ngân sách huyện", "Ghi chú"]
    rows = [["1", "Hỗ trợ sản xuất", "800", "500", "300", ""], ["2", "Đào tạo nghề", "400", "100", "300", ""]]
    document = _two_tables((first, ADDING_UP), (second, rows))
    assert not _borrowed(document)
    assert "Ngân sách tỉnh" in [column.label for column in document.columns]


def test_words_where_the_other_page_prints_figures_are_another_table() -> None:
    """A page of the same width with blank money labels, but place names where page 1 prints its
    totals: another table, whose columns are not read as page 1's (a review)."""
    first = ["STT", "Nội dung", "Tổng số", "Ngân sách tỉnh", "Vốn đối ứng", "Ghi chú"]
    second = ["STT", "Tên công trình", "", "", "", "Chủ đầu tư"]
    rows = [["1", "Nhà văn hóa thôn", "Xã Phước Hà", "700", "200", "UBND xã Phước Hà"],
            ["2", "Kênh mương nội đồng", "Xã Nhị Hà", "400", "100", "UBND xã Nhị Hà"]]  # fmt: skip
    assert not _borrowed(_two_tables((first, ADDING_UP), (second, rows)))


def test_columns_of_another_year_are_not_read_as_this_years() -> None:
    """ "Ước thực hiện năm 2024 / Tổng số" is the same role as "Kế hoạch năm 2025 / Tổng số", not the
    same column: page 2's amounts stay in columns of their own (a review). A column of percents
    makes the table one the columns' own model reads."""
    first = ["STT", "Nội dung", "Kế hoạch đầu tư công năm 2025", "", "", "", "Ghi chú"]
    second = ["STT", "Nội dung", "Ước thực hiện giải ngân năm 2024", "", "", "", "Ghi chú"]
    below = ["", "", "Tổng số", "Ngân sách tỉnh", "Vốn đối ứng", "Tỷ lệ (%)", ""]
    adding_up = [[*row[:5], "33", ""] for row in ADDING_UP]
    rows = [
        ["1", "Hỗ trợ sản xuất", "800", "500", "300", "33", ""],
        ["2", "Đào tạo nghề", "400", "100", "300", "33", ""],
    ]
    document = _two_tables((first, adding_up), (second, rows), below)
    assert {column.period for column in document.columns if column.kind == "money"} == {"2024", "2025"}


def test_a_page_whose_header_lost_its_lower_row_reads_its_columns_as_the_confirmed_page() -> None:
    """Held-out seed 11701 h03 (Augraphy, run blind): a streak took the lower row of the header
    repeated on a later page, leaving "Dự toán (triệu đồng)" over blank cells and "Tiến độ" (a month
    column) over "Khởi công | Kết thúc". That page's "Tiến độ" named a role of its own, so the page
    kept its own columns, with no role for its money: every amount of the table was left out of
    the v1 fields. A label that is the upper level of the label there is damage. Labels of the
    damaged page as Tesseract read them."""
    upper = ["Số thứ tự", "Nội dung công việc", "Mục tiêu, quy mô", "Dự toán (triệu đồng)", "", "", "", "Tiến độ", "",
             "Ghi chú thêm"]  # fmt: skip
    lower = ["", "", "", "Tổng số", "Ngân sách tỉnh", "Đơn vị thụ hưởng", "Vốn lồng ghép", "Khởi công", "Kết thúc", ""]
    damaged = ["Số „ tàu tự c—“— ==á", "Nội dung công việc ...a LKx._a =.. ` Ã.. _.-.._a ~ ca =—....",
               "Mục tiêu, («IV *Ê—- PA CA sec {$2", "Dự toán (trieu đồng)", "", "", "", "Tiến đó", "",
               "Ghi + «6l» + thêm ” XÁÓ€ -2WA sất"]  # fmt: skip
    first = [["1", "Số hóa bản đồ vùng trồng", "2 xã", "528,00", "246,63", "271,37", "10,00", "3", "9", ""],
             ["2", "Lắp đặt cảm biến", "5 vườn", "868,17", "330,09", "538,08", "0", "4", "10", ""],
             ["3", "Tập huấn nhật ký điện tử", "40 người", "174,76", "63,59", "91,17", "20,00", "5", "11", ""]]  # fmt: skip
    second = [["4", "Xây dựng phần mềm", "1 phần mềm", "210,10", "149,13", "60,97", "0", "2", "8", ""],
              ["5", "Cấp tài khoản bán hàng", "30 hộ", "695,50", "333,28", "352,22", "10,00", "6", "12", ""]]  # fmt: skip
    page_one = (Line("Đơn vị tính: triệu đồng", 1), _line(1, upper), _line(1, lower), *(_line(1, row) for row in first))
    page_two = (_line(2, damaged), *(_line(2, row) for row in second))
    pages = [Page(1, "tesseract", page_one), Page(2, "tesseract", page_two)]
    document = source_to_document(SourceDocument(path="t.pdf", sha256="0" * 64, kind="scanned_pdf", pages=pages))
    assert _amounts(document, "4") == (210_100_000, 149_130_000, 60_970_000)
    assert _amounts(document, "1") == (528_000_000, 246_630_000, 271_370_000)
    said = [f.message for f in document.findings if f.code == "column-role-from-cells"]
    assert any("'Tiến đó'" in message for message in said)
