"""One table, one column order (issue 13, class 2): an export whose header names the amount
columns in a different order on each page, while the figures keep one order.

``samples/text/104_vinh_long_2022_khuyen_cong.txt``: pages 1 and 3 print "Đơn vị thụ hưởng"
before "Ngân sách tỉnh", page 2 the other way round; the figures follow page 2 throughout. Every
row adds up either way, so only the narrative's totals per source can tell.
"""

import json
from pathlib import Path

from tests.scoring import score_document
from vnplan import extract_document
from vnplan.extract.model import SourceDocument
from vnplan.extract.text_export import text_to_pages
from vnplan.normalize.assemble import source_to_document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE = SAMPLES / "text" / "104_vinh_long_2022_khuyen_cong.txt"
TRUTH = json.loads((SAMPLES / "truth" / "104_vinh_long_2022_khuyen_cong.truth.json").read_text(encoding="utf-8"))


def _convert(text: str) -> dict:
    source = SourceDocument(path="export.txt", sha256="0" * 64, kind="text", pages=text_to_pages(text))
    return json.loads(source_to_document(source).model_dump_json())


def test_the_narrative_totals_per_source_settle_the_order() -> None:
    output = json.loads(extract_document(SAMPLE).model_dump_json())
    score = score_document(output, TRUTH)
    assert score.amounts_exact == score.amounts_total == 39, score.summary()
    assert "column-order-ambiguous" not in {f["code"] for f in output["findings"]}


def test_without_them_every_amount_in_doubt_is_named() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith(("- Ngân sách tỉnh:", "- Vốn đối ứng")))
    output = _convert(text)
    score = score_document(output, TRUTH)
    assert score.wrong_present > 0  # the majority of the headers is wrong here: nothing can tell
    assert score.wrong_silent == 0, score.summary()
    doubts = [f for f in output["findings"] if f["code"] == "column-order-ambiguous"]
    assert {f["field"] for f in doubts} == {"provincial_budget_vnd", "beneficiary_vnd"}
    assert all(f["severity"] == "warning" and f["row_code"] for f in doubts if f["pages"])
    # the total column is placed by the row identity: never in doubt
    assert all(
        row["total_vnd"] == truth["total_vnd"] for row, truth in zip(output["items"], TRUTH["rows"], strict=True)
    )


def test_pages_whose_figures_follow_their_own_header_are_read_by_it() -> None:
    """The converse (samples/text/103…): page 2 prints and fills Nguồn khác before Đơn vị thụ
    hưởng; the grand total fits only a reading of each page by its own header."""
    output = json.loads(
        extract_document(SAMPLES / "text" / "103_binh_dinh_2023_xuc_tien_thuong_mai.txt").model_dump_json()
    )
    row7 = next(row for row in output["items"] if row["code"] == "7")
    assert (row7["beneficiary_vnd"], row7["other_vnd"]) == (60_000_000, 40_000_000)
    decided = [f for f in output["findings"] if f["code"] == "column-order-decided"]
    assert len(decided) == 1 and "own header" in decided[0]["message"]


def test_headers_that_agree_are_not_questioned() -> None:
    output = json.loads(extract_document(SAMPLES / "text" / "102_can_tho_2021_khuyen_cong.txt").model_dump_json())
    assert not {"column-order-decided", "column-order-ambiguous"} & {f["code"] for f in output["findings"]}


def test_a_table_read_by_position_names_every_amount_of_its_disputed_columns() -> None:
    """samples/genres/public_investment_2021.txt with page 2's header printing "Kế hoạch vốn năm
    2021" before "Lũy kế …" while the figures stay put: no sum ties these columns, so nothing can
    tell which order the figures follow, and every amount in them is named."""
    text = (SAMPLES / "genres" / "public_investment_2021.txt").read_text(encoding="utf-8")
    header = "STT\tDanh mục dự án\tĐịa điểm\tTổng mức đầu tư\tLũy kế vốn đã bố trí đến hết năm 2020\tKế hoạch vốn năm 2021\tGhi chú"
    swapped = "STT\tDanh mục dự án\tĐịa điểm\tTổng mức đầu tư\tKế hoạch vốn năm 2021\tLũy kế vốn đã bố trí đến hết năm 2020\tGhi chú"
    first, second = text.split(header, 2)[1:]
    output = _convert(text.split(header)[0] + header + first + swapped + second)
    doubts = {
        (f["row_index"], f["row_code"], f["field"], f["actual"])
        for f in output["findings"]
        if f["code"] == "column-order-ambiguous"
    }
    disputed = {a["column"] for row in output["items"] for a in row["amounts"] if a["label"] != "Tổng mức đầu tư"}
    expected = {  # by position too: a row without a code is named all the same
        (index, row["code"], amount["column"], amount["value_vnd"])
        for index, row in enumerate(output["items"])
        for amount in row["amounts"]
        if amount["column"] in disputed
    }
    assert doubts == expected and len(expected) >= 2 * 10
    assert not any(
        f["field"] == "total_investment" for f in output["findings"] if f["code"] == "column-order-ambiguous"
    )
    untouched = _convert(text)
    assert "column-order-ambiguous" not in {f["code"] for f in untouched["findings"]}


def test_figures_in_an_order_no_header_prints_are_placed_by_the_sums() -> None:
    """Both headers print the total after the sources, in different places; the figures print it
    first. Only the row identity can place it: every total right, and any amount two readings
    give differently is named."""
    first = "TT\tNội dung\tNgân sách tỉnh\tĐối ứng\tTổng kinh phí\tNguồn khác\tGhi chú"
    second = "TT\tNội dung\tNgân sách tỉnh\tĐối ứng\tNguồn khác\tTổng kinh phí\tGhi chú"
    rows = [  # total, provincial, beneficiary, other
        ("1", "Đào tạo nghề", 500, 300, 150, 50),
        ("2", "Hội chợ", 420, 400, 20, 0),
        ("3", "Tập huấn", 90, 60, 30, 0),
        ("4", "Máy móc", 1000, 250, 700, 50),
    ]
    lines = ["ĐVT: triệu đồng", first]
    for index, (code, title, *amounts) in enumerate(rows):
        if index == 2:
            lines += ["Trang 2", second]
        lines.append("\t".join([code, title, *(f"{value:,}".replace(",", ".") for value in amounts), ""]))
    output = _convert("\n".join(lines))
    named = {(f["row_index"], f["field"]) for f in output["findings"] if f["code"] == "column-order-ambiguous"}
    for index, (row, (_, _, total, provincial, beneficiary, other)) in enumerate(
        zip(output["items"], rows, strict=True)
    ):
        assert row["total_vnd"] == total * 10**6
        for field, value in (("provincial_budget_vnd", provincial), ("beneficiary_vnd", beneficiary),
                             ("other_vnd", other)):  # fmt: skip
            assert row[field] == value * 10**6 or (index, field) in named


def test_a_column_whose_role_one_page_shows_is_that_column_on_every_page() -> None:
    """'Dự toán giao' names only a stage; page 2's figures show it is the total of the sources,
    page 1's (printed in another order than its header says) cannot. It is one column on both
    pages, so the two headers' orders are seen to differ and every amount in doubt is named."""
    first = "STT\tNội dung\tNgân sách tỉnh\tDự toán giao\tĐơn vị thụ hưởng\tGhi chú"
    second = "STT\tNội dung\tDự toán giao\tNgân sách tỉnh\tĐơn vị thụ hưởng\tGhi chú"
    rows = [("1", "Đào tạo nghề", 500, 300, 200), ("2", "Hội chợ", 700, 400, 300),
            ("3", "Tập huấn", 100, 60, 40), ("4", "Máy móc", 900, 450, 450), ("5", "Khảo sát", 80, 50, 30)]  # fmt: skip
    lines = ["ĐVT: triệu đồng", first]
    for index, (code, title, *amounts) in enumerate(rows):
        if index == 2:
            lines += ["Trang 2", second]
        lines.append("\t".join([code, title, *map(str, amounts), ""]))
    output = _convert("\n".join(lines))
    assert len({c["key"] for c in output["columns"] if c["label"] == "Dự toán giao"}) == 1
    named = {(f["row_index"], f["field"]) for f in output["findings"] if f["code"] == "column-order-ambiguous"}
    for index, (row, (_, _, total, provincial, beneficiary)) in enumerate(zip(output["items"], rows, strict=True)):
        for field, value in (("total_vnd", total), ("provincial_budget_vnd", provincial),
                             ("beneficiary_vnd", beneficiary)):  # fmt: skip
            assert row[field] == value * 10**6 or (index, field) in named, (index, field, row[field])


def test_a_code_column_one_page_shows_is_the_code_column_on_a_short_last_page() -> None:
    """'Ký số' is in no synonym list; page 1's cells show it holds the row codes. Page 2 holds one
    item and the grand total: one code, too few to tell by itself, so its code was read as an
    amount of a column of unknown role and broke the row's sum. The header names one column."""
    header = "Ký số\tNội dung\tTổng kinh phí\tNgân sách tỉnh\tVốn lồng ghép"
    rows = [("I", "Phát triển sản xuất", 300, 200, 100), ("1", "Mô hình trồng nấm", 120, 80, 40),
            ("2", "Lò sấy nông sản", 180, 120, 60), ("II", "Xúc tiến tiêu thụ", 90, 60, 30),
            ("1", "Hội chợ nông sản", 60, 40, 20), ("2", "Gian hàng trực tuyến", 30, 20, 10)]  # fmt: skip
    lines = ["ĐVT: triệu đồng", header]
    for index, (code, title, *amounts) in enumerate(rows):
        if index == len(rows) - 1:
            lines += ["Trang 2", header]
        lines.append("\t".join([code, title, *map(str, amounts)]))
    lines.append("\t".join(["", "Tổng cộng", "390", "260", "130"]))
    output = _convert("\n".join(lines))
    assert [c["key"] for c in output["columns"] if c["label"] == "Ký số"] == ["code"]
    assert output["status"] == "ok", [f["code"] for f in output["findings"] if f["severity"] == "error"]
    assert [row["code"] for row in output["items"]] == [code for code, *_ in rows]


# Small exports in the shape of the held-out generator's (fresh seeds 8311, 9102, 9103): a plan's
# narrative with its totals per source, then the table, whose header the export printed out of
# order. The figures always run: code, title, [unit], total, provincial, beneficiary, [months].
_NARRATIVE = (
    "KẾ HOẠCH\nChuyển đổi số trong nông nghiệp năm 2024\n\nIII. KINH PHÍ THỰC HIỆN\n"
    "Tổng nhu cầu kinh phí: 1.500.000.000 đồng. Nguồn kinh phí gồm: ngân sách tỉnh 1.100.000.000 đồng; "
    "vốn đối ứng của các chủ thể 400.000.000 đồng.\n\nPHỤ LỤC\nDỰ TOÁN KINH PHÍ\n\n"
)
_ROWS = [  # code, title, unit, total, provincial, beneficiary, start, end (thousand đồng)
    ("", "Tổng cộng", "", "1.500.000", "1.100.000", "400.000", "", ""),
    ("I", "Ứng dụng công nghệ số", "", "900.000", "600.000", "300.000", "", ""),
    ("1", "Số hóa bản đồ vùng trồng", "Hạt Kiểm lâm", "500.000", "350.000", "150.000", "3", "9"),
    ("2", "Tập huấn nhật ký điện tử", "Trường Cao đẳng", "400.000", "250.000", "150.000", "5", "11"),
    ("II", "Thương mại điện tử", "", "600.000", "500.000", "100.000", "", ""),
    ("1", "Đưa sản phẩm lên sàn", "Liên minh Hợp tác xã", "350.000", "300.000", "50.000", "2", "6"),
    ("2", "Cấp tài khoản bán hàng", "Chi cục Phát triển nông thôn", "250.000", "200.000", "50.000", "4", "12"),
]
_TRUE = {"total_vnd": 3, "provincial_budget_vnd": 4, "beneficiary_vnd": 5}


def _export(header: str, rows: list[tuple[str, ...]], columns: list[int]) -> str:
    body = "\n".join("\t".join(row[i] for i in columns) for row in rows)
    return f"{header}\n{body}\n"


def _amounts_right(output: dict, rows: list[tuple[str, ...]]) -> None:
    items = [row for row in rows if row[1] != "Tổng cộng"]
    assert len(output["items"]) == len(items)
    for item, row in zip(output["items"], items, strict=True):
        for field, at in _TRUE.items():
            assert item[field] == int(row[at].replace(".", "")) * 1000, (item["code"], field)
    assert output["totals"]["total_vnd"] == 1_500_000_000


def test_a_single_header_printed_out_of_order_is_placed_by_the_cells() -> None:
    """One page; its header prints months and money labels where the figures are not ("Tháng kết
    thúc" over the beneficiary's amounts, a money label over the months): the labels are placed by
    what the cells hold and by the sums, not read as printed (before: every amount silently wrong)."""
    header = "STT\tNội dung\tĐơn vị thụ hưởng\tKinh phí đề xuất\tTháng kết thúc\tĐơn vị chủ trì\tTháng bắt đầu\tNgân sách tỉnh"
    text = _NARRATIVE + _export(header, _ROWS, [0, 1, 3, 4, 5, 2, 6, 7])
    output = _convert(text)
    _amounts_right(output, _ROWS)
    decided = [f["message"] for f in output["findings"] if f["code"] == "column-order-decided"]
    assert decided and "do not fit the cells" in decided[0]


def test_money_labels_every_page_prints_in_one_place_are_placed_by_the_sums() -> None:
    """Two pages agree to print "Ngân sách tỉnh" and "Đơn vị thụ hưởng" first, over the totals and
    the provincial amounts, while the total's label moves: the sums place all three."""
    first = (
        "STT\tNội dung\tĐơn vị chủ trì\tNgân sách tỉnh\tĐơn vị thụ hưởng\tTháng kết thúc\tTổng kinh phí\tTháng bắt đầu"
    )
    second = (
        "STT\tNội dung\tĐơn vị chủ trì\tNgân sách tỉnh\tĐơn vị thụ hưởng\tTổng kinh phí\tTháng kết thúc\tTháng bắt đầu"
    )
    order = [0, 1, 2, 3, 4, 5, 6, 7]
    text = _NARRATIVE + _export(first, _ROWS[:4], order) + "\nTrang 2\n\n" + _export(second, _ROWS[4:], order)
    _amounts_right(_convert(text), _ROWS)


def test_a_quantity_column_holds_counts_with_their_units() -> None:
    """ "Chỉ tiêu, khối lượng" over "6 lớp, 15 học viên", "155 ha": the cells a quantity label names.
    Read as words, they misfit their label, the placements of the disputed money labels fit too few
    cells to be trusted, and the table was left to each page's header (the amounts of two pages
    went out in the wrong columns)."""
    rows = [(*row[:2], f"{3 + i} lớp, 15 học viên" if row[2] else "", *row[3:]) for i, row in enumerate(_ROWS)]
    first = "Ký hiệu\tTên dự án\tNhân dân đóng góp\tDự toán giao\tNgân sách nhà nước\tChỉ tiêu, khối lượng"
    second = "Ký hiệu\tTên dự án\tDự toán giao\tNgân sách nhà nước\tNhân dân đóng góp\tChỉ tiêu, khối lượng"
    order = [0, 1, 3, 4, 5, 2]
    text = _NARRATIVE + _export(first, rows[:4], order) + "\nTrang 2\n\n" + _export(second, rows[4:], order)
    _amounts_right(_convert(text), rows)


def test_months_that_move_between_pages_are_placed_too() -> None:
    """The pages print the amounts in one order and the months elsewhere on each page, while the
    figures put the months before the amounts: only the money labels' order agrees, and the
    months printed under money labels are not read as amounts."""
    first = "STT\tNội dung\tĐơn vị chủ trì\tTổng kinh phí\tNgân sách tỉnh\tĐơn vị thụ hưởng\tTháng bắt đầu\tĐến tháng"
    second = "STT\tNội dung\tĐơn vị chủ trì\tTháng bắt đầu\tTổng kinh phí\tNgân sách tỉnh\tĐến tháng\tĐơn vị thụ hưởng"
    order = [0, 1, 2, 6, 7, 3, 4, 5]
    text = _NARRATIVE + _export(first, _ROWS[:4], order) + "\nTrang 2\n\n" + _export(second, _ROWS[4:], order)
    output = _convert(text)
    _amounts_right(output, _ROWS)
    item = output["items"][1]
    assert (item["start_month"], item["end_month"]) == (3, 9)
