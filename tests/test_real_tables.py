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


def test_a_scanned_table_without_rulings_is_read_from_the_gaps_between_its_words() -> None:
    """A real scanned balance sheet (eval/genres/real/files, truth by hand there): no ruling lines,
    so no grid; its 38 rows were read as prose and the file failed with "no budget table". Its
    columns show as the gaps every row leaves at the same places."""
    from tests.genre_scoring import load_json, score_genre_document

    real = Path(__file__).resolve().parent.parent / "eval" / "genres" / "real"
    document = extract_document(real / "files" / "bctc_trieuan_p6.jpg")
    assert (
        "table without rulings: columns taken from the gaps between its words" in document.source.page_records[0].steps
    )
    money = [c.label for c in document.columns if c.kind == "money"]
    assert money == ["Số cuối năm", "Số đầu năm"]  # "Mã số" (100, 110 …) holds line numbers, not money
    score = score_genre_document(
        document.model_dump(mode="json"), load_json(real / "truth" / "bctc_trieuan_p6.truth.json")
    )
    assert score.rows_matched >= 35 and score.money_exact >= 60  # of 38 rows and 76 amounts
    assert score.non_money_as_money == 0
