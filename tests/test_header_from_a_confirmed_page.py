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
