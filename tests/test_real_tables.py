"""Real files with tables that are not khuyến công plans (samples/real/, provenance in samples/README.md).

Truth written by hand from the page images and checked against the table's own figures.
"""

from pathlib import Path

from vnplan import extract_document

REAL = Path(__file__).resolve().parent.parent / "samples" / "real"


def test_score_table_is_a_plain_table_not_budget_rows() -> None:
    """Lâm Đồng, Phụ lục VI page 1: scores (6,00 | 6,00 | 6,00) and an index in % for 15 agencies
    and three summary lines. Issue 11: it came out as budget rows; it holds no money."""
    document = extract_document(REAL / "lamdong_phuluc6_taichinhcong_2025.p1.pdf")
    assert document.items == [] and document.status == "ok"
    assert [f.code for f in document.findings] == ["not-a-budget-table"]
    (table,) = document.plain_tables
    assert [c.label for c in table.columns] == [
        "STT", "Đơn vị", "Điểm chuẩn tối đa", "Điểm tự đánh giá", "Điểm thẩm định", "Chỉ số",
    ]  # fmt: skip
    assert [c.kind for c in table.columns][2:] == ["quantity", "quantity", "quantity", "percent"]
    assert len(table.rows) == 18
    assert table.rows[2] == ["3", "Sở Dân tộc và Tôn giáo", "8,00", "7,31", "5,31", "66,38%"]
    assert table.rows[-2] == ["Chỉ số trung bình", "", "", "", "", "81,93%"]


def test_word_appendix_money_rows_in_trieu_dong_and_percent_rows_not_money() -> None:
    """Lâm Đồng CCHC appendix (Word, 7 tables with a unit per row). Biểu mẫu 6 row 1.1
    'Kế hoạch được giao | Triệu đồng | 17.454.000' is 17.454.000 triệu đồng; row 1 'Tỷ lệ … | % |
    51,8' a percent. Only the two triệu đồng rows of the whole appendix are money."""
    document = extract_document(REAL / "lamdong_phuluc_bieumau_cchc_2025.docx")
    with_money = [(row.title, [a.value_vnd for a in row.amounts]) for row in document.items if row.amounts]
    assert with_money == [
        ("Kế hoạch được giao", [17_454_000_000_000]),
        ("Đã thực hiện", [9_037_000_000_000]),
    ]
    rate = next(row for row in document.items if row.title.startswith("Tỷ lệ thực hiện Kế hoạch giải ngân"))
    assert [(q.value, q.unit) for q in rate.quantities] == [(51.8, "%")]
    assert all(row.total_vnd is None for row in document.items)  # no column is a total
