"""A table whose header's first row OCR could not read (a streak of toner specks over it).

Rows as Tesseract read a page of the held-out corpus's Augraphy set (shortened): the header's
first row is noise, its second names the sources and months only, so no header names the code,
the title or the total. The cells still show them: the total is the sum of the sources, the
titles are the first text column. Both unnamed columns have no label at all; one of them (the
total, found by its sums) once lent its role to the other (the code column) by that empty label.
"""

from __future__ import annotations

from vnplan.extract.model import Cell, Line, Page, SourceDocument
from vnplan.normalize.assemble import source_to_document

NARRATIVE = [
    "ỦY BAN NHÂN DÂN TỈNH YÊN BÁI",
    "KẾ HOẠCH Phát triển lâm nghiệp bền vững năm 2021",
    "PHỤ LỤC",
    "Đơn vị tính: nghìn đồng",
]
ROWS = [
    ["", "“ .", "", "cáXGöáo: ppt 22-24)", "", "", "", "", ""],
    ["", "", "", "", "Ngân sách tỉnh", "Đối ứng", "Nguồn khác", "Từ tháng", "Hoàn thành"],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"],
    ["]", "Diễn tập phòng cháy chữa cháy rừng cấp huyện", "UBND huyện Lục Yên", "488.973", "382.008", "77.987",
     "28.978", "5", "8"],
    ["2", "Đánh giá cấp chứng chỉ FSC cho Tổ hợp tác", "Trung tâm Dịch vụ nông nghiệp", "402.161", "257.029",
     "73.245", "71.887", "9", "9"],
    ["3", "Trồng rừng gỗ lớn cây mỡ tại huyện Văn Yên", "Liên minh Hợp tác xã tỉnh", "357.201", "357.201", "-",
     "-", "9", "9"],
    ["4", "Cải tạo vườn ươm giống cây mỡ", "UBND huyện Trấn Yên", "511.813", "261.123", "120.818", "129.872",
     "8", "10"],
]  # fmt: skip


def page() -> Page:
    lines = [Line(text, 1) for text in NARRATIVE]
    for r, row in enumerate(ROWS):
        cells = tuple(
            Cell(text, 0.9, (100.0 * c, 100.0 + 50 * r, 100.0 * (c + 1), 150.0 + 50 * r)) for c, text in enumerate(row)
        )
        lines.append(Line("\t".join(row), 1, cells))
    return Page(1, "tesseract", tuple(lines), 3508.0, 2480.0)


def test_unnamed_title_and_total_columns_are_read_from_the_cells() -> None:
    # the first code read "]" (a speck): too few codes for the first column to be named the code column
    source = SourceDocument(path="plan.pdf", sha256="0" * 64, kind="scanned_pdf", pages=[page()])
    document = source_to_document(source)
    items = {item.code: item for item in document.items}
    assert items["2"].title == "Đánh giá cấp chứng chỉ FSC cho Tổ hợp tác"
    assert items["2"].total_vnd == 402_161_000 and items["2"].provincial_budget_vnd == 257_029_000
    assert items["4"].other_vnd == 129_872_000
    # the code column is no total, and each column named by its cells is on record
    named = [f.message for f in document.findings if f.code == "column-role-from-cells"]
    assert any("read as title" in message for message in named)
    totals = [message for message in named if "read as total" in message]
    assert len(totals) == 1 and "sum of" in totals[0], named
