"""A table names its rows even where no header says "Nội dung" / "Tên …".

A held-out born-digital plan headed its row names "Chỉ tiêu" (a word that also names an expected
result) beside "Mục tiêu, quy mô" and a "Lưu ý" column left empty: the khuyến công reader took
"Chỉ tiêu" for the expected result, no column was the title, every item lost its title and the
grand total "TỔNG SỐ" became an item under the last group."""

from __future__ import annotations

from pathlib import Path

from tests.ruled_pdf import ruled_table_pdf
from vnplan import extract_document

HEADER = [
    ["Số thứ tự", "Chỉ tiêu", "Tổng kinh phí (đồng)", "Cơ cấu nguồn vốn", "", "Đơn vị chủ trì", "Mục tiêu, quy mô",
     "Lưu ý"],
    ["", "", "", "Ngân sách tỉnh", "Đơn vị thụ hưởng", "", "", ""],
]  # fmt: skip
ROWS = [
    ["1", "Hỗ trợ xây dựng mô hình trình diễn", "180.000.000", "120.000.000", "60.000.000", "Trung tâm Khuyến công",
     "2 mô hình", ""],
    ["2", "Tổ chức hội chợ hàng công nghiệp nông thôn", "120.000.000", "80.000.000", "40.000.000", "Sở Công Thương",
     "1 hội chợ", ""],
    ["", "TỔNG SỐ", "300.000.000", "200.000.000", "100.000.000", "", "", ""],
]  # fmt: skip


def _plan_pdf(path: Path) -> None:
    spans = [((i, 0), (i, 1)) for i in (0, 1, 2, 5, 6, 7)] + [((3, 0), (4, 0))]
    ruled_table_pdf(path, [*HEADER, *ROWS], [14, 60, 28, 28, 28, 35, 30, 20], before=["Đơn vị tính: đồng"], spans=spans)


def test_the_first_text_column_names_the_rows_where_no_header_says_title(tmp_path: Path) -> None:
    path = tmp_path / "ke_hoach.pdf"
    _plan_pdf(path)
    document = extract_document(path)
    assert [item.title for item in document.items] == [row[1] for row in ROWS[:2]]
    assert document.totals.total_vnd == 300_000_000
    assert document.totals.provincial_budget_vnd == 200_000_000
