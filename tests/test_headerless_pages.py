"""A table that runs on to a page repeating no header (Word's default for a table row allowed to
break across pages), as pdfplumber or OCR hand it over: the next page's lines carry on the
fragment of the page before, so the first line of that page is not the first of a fragment.

Sample, written here after a Word plan printed by LibreOffice: row 2's title and unit wrap on to
page 2 ("Mua sắm dụng cụ phòng | cháy chữa cháy rừng"); both were read as a row of their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from vnplan.extract.model import Cell, Line, Page, SourceDocument
from vnplan.normalize.assemble import source_to_document
from vnplan.schemas import PlanDocument


def _line(page: int, cells: Sequence[str]) -> Line:
    return Line(text=" ".join(c for c in cells if c), page=page, cells=tuple(Cell(c) for c in cells))


def _convert(header: Sequence[str], first: Sequence[Sequence[str]], second: Sequence[Sequence[str]]) -> PlanDocument:
    page_one = (Line("ĐVT: đồng", 1), _line(1, header), *(_line(1, cells) for cells in first))
    pages = [Page(1, "pdfplumber", page_one), Page(2, "pdfplumber", tuple(_line(2, cells) for cells in second))]
    return source_to_document(SourceDocument(path="t.pdf", sha256="0" * 64, kind="digital_pdf", pages=pages))


KHUYEN_CONG = ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Tổng kinh phí", "Ngân sách tỉnh", "Đối ứng"]
BY_POSITION = ["Mã số", "Nội dung thực hiện", "Đơn vị triển khai", "Tổng số", "NS trung ương", "NS tỉnh", "Vốn vay"]


def test_the_rest_of_a_row_on_a_page_with_no_header_joins_its_row() -> None:
    document = _convert(
        KHUYEN_CONG,
        [["1", "Diễn tập phòng cháy", "UBND huyện", "100.000", "60.000", "40.000"],
         ["2", "Mua sắm dụng cụ phòng", "Hợp tác xã", "75.000", "62.755", "12.245"]],
        [["", "cháy chữa cháy rừng", "Lục Yên", "", "", ""],
         ["3", "Trồng rừng gỗ lớn", "Tổ hợp tác", "36.658", "21.410", "15.248"]],
    )  # fmt: skip
    assert [row.code for row in document.items] == ["1", "2", "3"]
    cut = document.items[1]
    assert (cut.title, cut.implementing_unit, cut.pages) == (
        "Mua sắm dụng cụ phòng cháy chữa cháy rừng",
        "Hợp tác xã Lục Yên",
        [1, 2],
    )
    assert any("page break" in fix.reason for fix in cut.corrections)


def test_a_table_read_by_position_joins_the_rest_of_a_row_of_bullets() -> None:
    """A first column of dashes only (no code to read) is no code column, and no crash either."""
    document = _convert(
        BY_POSITION,
        [["-", "Phân tích mẫu trà", "Chi cục", "100.000", "60.000", "30.000", "10.000"],
         ["-", "Hỗ trợ Tổ hợp tác hoàn thiện", "Công ty TNHH", "703.204", "703.204", "-", "-"]],
        [["", "hồ sơ sản phẩm tỏi", "MTV Cam Lộ", "", "", "", ""],
         ["-", "Kiểm tra việc duy trì", "UBND huyện", "36.658", "21.410", "15.248", "-"]],
    )  # fmt: skip
    titles = [row.title for row in document.items]
    assert titles == ["Phân tích mẫu trà", "Hỗ trợ Tổ hợp tác hoàn thiện hồ sơ sản phẩm tỏi", "Kiểm tra việc duy trì"]
    assert document.items[1].pages == [1, 2]


def test_a_whole_row_first_on_a_page_with_no_header_stays_a_row() -> None:
    document = _convert(
        KHUYEN_CONG,
        [["1", "Diễn tập phòng cháy", "UBND huyện", "100.000", "60.000", "40.000"]],
        [["2", "Mua sắm dụng cụ", "Hợp tác xã", "75.000", "62.755", "12.245"]],
    )  # fmt: skip
    assert [(row.code, row.pages) for row in document.items] == [("1", [1]), ("2", [2])]
