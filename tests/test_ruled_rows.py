"""A ruled grid places every cell: a misread cell never shifts its row (issue 13, class 1).

The rows are built as the OCR grid and pdfplumber hand them over (one cell per grid column, each
with its box), so no Tesseract run is needed; the same page printed and scanned is in
``tests/test_extract_scanned.py``.
"""

from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.ruled_pdf import ruled_table_pdf
from vnplan import extract_document
from vnplan.extract.model import Cell, Line, Page, Reading, SourceDocument
from vnplan.normalize.assemble import source_to_document
from vnplan.normalize.code_sequence import fill_unread_codes, repair_codes
from vnplan.schemas import PlanDocument

HEADER = ["TT", "Nội dung", "Đơn vị thực hiện", "Tổng kinh phí", "Ngân sách tỉnh", "Đơn vị thụ hưởng"]
ROWS = [
    ["1", "Hỗ trợ xây dựng mô hình trình diễn kỹ thuật", "", "300.000", "200.000", "100.000"],
    ["1.1", "Mô hình sản xuất gạch không nung", "Trung tâm Khuyến công", "300.000", "200.000", "100.000"],
    ["2", "Đào tạo nghề, truyền nghề", "", "180.000", "120.000", "60.000"],
    ["2.1", "Đào tạo nghề mây tre đan", "Trung tâm Khuyến công", "100.000", "60.000", "40.000"],
    ["2.2", "Truyền nghề dệt thổ cẩm", "UBND huyện Bắc Hà", "80.000", "60.000", "20.000"],
    ["", "Tổng cộng", "", "480.000", "320.000", "160.000"],
]


def _line(cells: list[str], top: float) -> Line:
    boxes = [(100.0 * i, top, 100.0 * (i + 1), top + 30) for i in range(len(cells))]
    return Line("\t".join(cells), 1, tuple(Cell(text, 0.9, box) for text, box in zip(cells, boxes, strict=True)))


def convert(rows: list[list[str]], *, above: str = "ĐVT: nghìn đồng", header: list[str] = HEADER) -> PlanDocument:
    """A scanned page: the line ``above`` the table, its ``header``, and ``rows`` (OCR-read cells)."""
    lines = [Line(above, 1), _line(header, 0.0)]
    lines += [_line(row, 40.0 * (i + 1)) for i, row in enumerate(rows)]
    page = Page(number=1, reader="tesseract", lines=tuple(lines))
    return source_to_document(SourceDocument(path="ruled.pdf", sha256="0" * 64, kind="scanned_pdf", pages=[page]))


@pytest.mark.parametrize(
    ("code", "label", "first"),
    [
        ("", "._", False),
        ("I", "Tổng cộng", False),
        ("", "YLIƠNG CỤNG - - -' ..Y", True),
        ("", "TỔNG §Ố ‡ .", True),  # held-out seed 10401 h02: "TỔNG SỐ" printed first, "SỐ" misread
        ("", "TONG S0 :", False),  # its marks lost too
    ],
)
def test_a_grand_total_whose_label_was_lost_is_told_by_its_sums(code: str, label: str, first: bool) -> None:
    """Held-out Augraphy scans: the grand total's label read as marks ("._"), or a speck in its code
    cell as a code ("I | Tổng cộng"), and the row became an item while the table had no total.
    First or last in the table, its amounts the sums of the top-level rows: it is the grand total,
    with a warning naming what was printed."""
    rows = [list(row) for row in ROWS[:-1]]
    total = [code, label, "", "480.000", "320.000", "160.000"]
    document = convert([total, *rows] if first else [*rows, total])
    assert [item.title for item in document.items] == [row[1] for row in ROWS[:-1]]
    assert (document.totals.total_vnd, document.totals.provincial_budget_vnd) == (480_000_000, 320_000_000)
    assert document.totals.beneficiary_vnd == 160_000_000
    moved = [f for f in document.findings if f.code == "grand-total-by-sums"]
    assert len(moved) == 1 and label in moved[0].message and moved[0].severity == "warning"


@pytest.mark.parametrize(
    ("label", "beneficiary", "is_total"),
    [
        ("Bông rệt - Sẽ TỔNG SỐ", "160.000", True),  # held-out seed 11201 h07: specks read as syllables
        ("Bông rệt - Sẽ TỔNG SỐ", "60.000", False),  # an amount that is not its column's largest
        ("DỰ TOÁN TỔNG SỐ", "160.000", False),  # a title in capitals that ends so
        ("Hỗ trợ tổng số", "160.000", False),  # not in capitals
    ],
)
def test_a_grand_total_among_marks_read_as_words_is_told_by_its_label_and_size(
    label: str, beneficiary: str, is_total: bool
) -> None:
    """Held-out seed 11201 h07: "TỔNG SỐ", printed first, read "Bông rệt - Sẽ TỔNG SỐ": words before
    the label, so no lost label let its sums make it the total (and its rows, misnumbered, held no
    such sum): an item of its own, the table had no grand total and no sum check stood against its
    rows (status ok). Its label ends in a total's in capitals, and each of its amounts is its
    column's largest: the grand total, with a warning, which the table's sums then check."""
    rows = [list(row) for row in ROWS[:-1]]
    total = ["", label, "", "480.000", "320.000", beneficiary]
    document = convert([total, *rows])
    moved = [f for f in document.findings if f.code == "grand-total-by-label"]
    if is_total:
        assert document.totals.total_vnd == 480_000_000 and len(moved) == 1 and label in moved[0].message
        assert label not in [item.title for item in document.items]
        rows[2][3] = "170.000"  # heading 2's total misread: the grand total's sum now checks it
        misread = convert([total, *rows])
        assert misread.totals.total_vnd == 480_000_000 and misread.status == "partial"
    else:
        assert not moved and not document.totals.total_vnd and document.items[0].title == label


@pytest.mark.parametrize("by_position", [False, True])
def test_a_unit_guessed_from_the_scale_is_proven_by_a_total_found_by_its_sums(by_position: bool) -> None:
    """Held-out seed 10401 h02: no ĐVT read, and the total row read as an item ("TỔNG §Ố ‡ ."):
    the unit was guessed from the narrative total's scale (an error, every row in doubt) before
    the sums found the total. That total is the narrative's in the unit guessed, as a total row's
    label would have proven it: a warning for the document, and no row in doubt for it. Also for
    a table read by position (columns by year, which no v1 field names)."""
    header, rows = HEADER, [list(row) for row in ROWS[:-1]]
    if by_position:  # the same table without its unit column, its sources as years
        header = ["TT", "Nội dung", "Tổng kinh phí", "Năm 2025", "Năm 2026"]
        rows = [row[:2] + row[3:] for row in rows]
    total = ["", "TỔNG §Ố ‡ .", *([] if by_position else [""]), "480.000", "320.000", "160.000"]
    document = convert([total, *rows], above="Tổng kinh phí thực hiện Kế hoạch là 480.000.000 đồng.", header=header)
    assert document.amount_unit == "nghìn đồng" and document.totals.total_vnd == 480_000_000
    codes = [f.code for f in document.findings]
    assert "grand-total-by-sums" in codes and "unit-inferred" in codes
    assert "unit-from-scale" not in codes and "amount-unit-inferred" not in codes


@pytest.mark.parametrize(
    ("title", "beneficiary"),
    [
        ("Hội chợ nông sản", "150.000"),
        ("Hội chợ nông sản", "160.000"),
        ("Tổng kết, đánh giá mô hình", "160.000"),  # "tổng" first, and then words
        ("Tống đạt", "160.000"),  # "tống" is not "tổng", though both fold to "tong"
        ("Đường bê tông nội đồng", "160.000"),
    ],
)
def test_a_last_item_that_names_itself_stays_an_item(title: str, beneficiary: str) -> None:
    """A last row that does not sum the table, or that does but is named in words ("Hội chợ",
    "Tổng kết ..."), stays an item: only a lost label lets the sums make a row the grand total."""
    rows = [list(row) for row in ROWS[:-1]] + [["3", title, "", "480.000", "320.000", beneficiary]]
    document = convert(rows)
    assert document.items[-1].code == "3" and not document.totals.total_vnd
    assert not [f for f in document.findings if f.code == "grand-total-by-sums"]


def test_a_misread_code_cell_keeps_its_row_in_place() -> None:
    damaged = [list(row) for row in ROWS]
    damaged[3][0] = "20k"  # 2.1 misread
    document = convert(damaged)
    row = next(item for item in document.items if item.title == "Đào tạo nghề mây tre đan")
    assert row.implementing_unit == "Trung tâm Khuyến công"
    assert (row.total_vnd, row.provincial_budget_vnd, row.beneficiary_vnd) == (100_000_000, 60_000_000, 40_000_000)
    # the numbering around it leaves one code: 2.1, recorded as a correction of the cell as printed
    assert row.code == "2.1" and row.parent_code == "2"
    assert [(c.field, c.before, c.after) for c in row.corrections] == [("code", "20k", "2.1")]
    assert document.status == "ok"


def test_an_unreadable_code_that_the_numbering_cannot_settle_is_reported() -> None:
    damaged = [list(row) for row in ROWS]
    damaged[4][0] = "Z"  # 2.2, last before the total: 2.2 or 3 could follow 2.1
    document = convert(damaged)
    row = next(item for item in document.items if item.title == "Truyền nghề dệt thổ cẩm")
    assert row.code is None and row.implementing_unit == "UBND huyện Bắc Hà"
    assert row.total_vnd == 80_000_000
    unread = [f for f in document.findings if f.code == "cell-unread"]
    assert len(unread) == 1 and unread[0].actual == "Z" and unread[0].severity == "warning"


def test_an_amount_cell_that_is_no_number_stays_in_its_column_and_is_named() -> None:
    damaged = [list(row) for row in ROWS]
    damaged[3][5] = "4O.OOO"  # beneficiary of 2.1: letters O for zeros
    document = convert(damaged)
    row = next(item for item in document.items if item.code == "2.1")
    assert row.notes is None  # not pushed into a text column
    unread = [f for f in document.findings if f.code == "cell-unread"]
    assert [(f.row_code, f.field) for f in unread] == [("2.1", "beneficiary_vnd")]
    # the row identity restores it, on record
    assert row.beneficiary_vnd == 40_000_000 and "beneficiary_vnd" in row.inferred


def test_a_header_cell_nobody_could_name_is_named_by_the_table() -> None:
    damaged_header = list(HEADER)
    damaged_header[2] = "Đ@n v! th#c h!ện"  # OCR-damaged beyond the synonym table
    lines = [Line("ĐVT: nghìn đồng", 1), _line(damaged_header, 0.0)]
    lines += [_line(row, 40.0 * (i + 1)) for i, row in enumerate(ROWS[:2])]
    lines += [_line(HEADER, 200.0)] + [_line(row, 240.0 + 40 * i) for i, row in enumerate(ROWS[2:])]
    page = Page(number=1, reader="tesseract", lines=tuple(lines))
    document = source_to_document(SourceDocument(path="r.pdf", sha256="0" * 64, kind="scanned_pdf", pages=[page]))
    assert document.items[1].implementing_unit == "Trung tâm Khuyến công"


def test_a_figure_under_an_amount_header_nobody_could_name_goes_to_the_column_it_names() -> None:
    """A streak garbled "Đơn vị thụ hưởng" and "Ghi chú" on one page's header; a row there printed
    its total and beneficiary share, its provincial cell blank. Its figure under the garbled label
    went to the first amount column the row left empty, the provincial one, with no finding. It
    goes to the amount column no header cell of its page names; where two amount columns are
    unnamed there, its place is a guess, named (amount-column-guessed)."""

    def document(damaged: list[str]) -> PlanDocument:
        rows = [["1", "Hỗ trợ xây dựng mô hình trình diễn", "", "300.000", "", "300.000", "Mới"]]
        rows += [["1.1", "Mô hình sản xuất gạch không nung", "Trung tâm Khuyến công", "300.000", "", "300.000", ""]]
        lines = [Line("ĐVT: nghìn đồng", 1), _line(damaged, 0.0)]
        lines += [_line(row, 40.0 * (i + 1)) for i, row in enumerate(rows)]
        lines += [_line([*HEADER, "Ghi chú"], 200.0)]
        lines += [_line([*row, ""], 240.0 + 40 * i) for i, row in enumerate(ROWS[2:])]
        page = Page(number=1, reader="tesseract", lines=tuple(lines))
        return source_to_document(SourceDocument(path="r.pdf", sha256="0" * 64, kind="scanned_pdf", pages=[page]))

    one = document([*HEADER[:5], "Đ@n v! th# h#", "Gh! ch#"])
    # the blank provincial cell: 0, the sum says (total = beneficiary share)
    assert [(row.provincial_budget_vnd, row.beneficiary_vnd) for row in one.items[:2]] == [(0, 300_000_000)] * 2
    assert "amount-column-guessed" not in [f.code for f in one.findings]
    two = document([*HEADER[:4], "Ng#n s@ch", "Đ@n v! th# h#", "Gh! ch#"])
    guessed = {(f.row_index, f.field) for f in two.findings if f.code == "amount-column-guessed"}
    assert guessed == {(0, "provincial_budget_vnd"), (1, "provincial_budget_vnd")}


def test_codes_between_neighbours() -> None:
    codes = ["I", None, "2", "II", None, "1.2", "2", None, "2.2", "III", None, "V"]
    unread = [code is None for code in codes]
    assert fill_unread_codes(codes, unread).keys() == {1, 7, 10}
    assert fill_unread_codes(codes, unread)[7][0] == "2.1"
    assert fill_unread_codes(codes, unread)[1][0] == "1"


def test_the_positional_reader_keeps_a_misread_code_too() -> None:
    header = ["STT", "Tên dự án", "Tổng mức đầu tư", "Kế hoạch vốn năm 2021"]
    rows = [
        ["1", "Đường giao thông xã Tân Hòa", "12.500", "4.000"],
        ["2k", "Trường mầm non xã Phú Lộc", "8.200", "3.100"],
        ["3", "Kè chống sạt lở sông Cái", "20.000", "6.500"],
    ]
    document = _scanned_in_millions(header, rows)
    assert [row.code for row in document.items] == ["1", "2", "3"]
    assert document.items[1].title == "Trường mầm non xã Phú Lộc"
    assert document.items[1].corrections[0].before == "2k"


def _ruled_pdf(path: Path, rows: list[list[str]]) -> None:
    """A one-page ruled table as a born-digital PDF."""
    ruled_table_pdf(
        path, [HEADER, *rows], [14, 80, 45, 30, 30, 30], before=["Đơn vị tính: nghìn đồng"], top_aligned=True
    )


@pytest.mark.parametrize("scanned", [False, pytest.param(True, marks=pytest.mark.slow)], ids=["digital", "scan300"])
def test_a_ruled_page_with_a_damaged_code_cell(tmp_path: Path, scanned: bool) -> None:
    """The same case through the real readers: pdfplumber's rulings, and the OCR grid of the page
    rendered at 300 dpi."""
    damaged = [list(row) for row in ROWS]
    damaged[3][0] = "20k"
    path = tmp_path / "ruled.pdf"
    _ruled_pdf(path, damaged)
    if scanned:
        page = pdfium.PdfDocument(str(path))[0]
        path = tmp_path / "ruled.png"
        page.render(scale=300 / 72, grayscale=True).to_pil().save(path)
    document = extract_document(path)
    row = next(item for item in document.items if "mây tre" in item.title)
    assert row.implementing_unit == "Trung tâm Khuyến công"
    assert (row.total_vnd, row.provincial_budget_vnd, row.beneficiary_vnd) == (100_000_000, 60_000_000, 40_000_000)
    assert row.code == "2.1" and row.corrections[0].field == "code"


def test_a_code_misread_as_another_number_is_read_from_the_gap_it_fills() -> None:
    """'2.1' OCRed '20k' and re-read with digits only as '20': no dot put back makes it follow 2,
    but 2 and 2.2 beside it leave exactly one code."""
    assert repair_codes(["2", "20", "2.2"])[1][0] == "2.1"
    assert repair_codes(["2", "20", "3"]) == {}  # no gap: 3 follows 2
    assert repair_codes(["2", "20", "II", "2.2"]) == {}  # a heading between: not its neighbours


def test_a_page_without_its_header_is_placed_only_on_the_same_grid() -> None:
    """Page 2 continues the table without repeating the header: on the same rulings its cells are
    placed by page 1's header; ruled otherwise (a rule lost: one cell fewer) they are typed by content."""
    damaged = [list(row) for row in ROWS]
    damaged[3][0] = "20k"
    page_one = [Line("ĐVT: nghìn đồng", 1), _line(HEADER, 0.0)] + [
        _line(r, 40.0 * (i + 1)) for i, r in enumerate(damaged[:3])
    ]
    same = [Line(line.text, 2, line.cells) for line in (_line(r, 40.0 * i) for i, r in enumerate(damaged[3:]))]
    document = source_to_document(
        SourceDocument(path="r.pdf", sha256="0" * 64, kind="scanned_pdf", pages=[
            Page(number=1, reader="tesseract", lines=tuple(page_one)), Page(number=2, reader="tesseract", lines=tuple(same))])
    )  # fmt: skip
    row = next(item for item in document.items if "mây tre" in item.title)
    assert (row.code, row.implementing_unit) == ("2.1", "Trung tâm Khuyến công")
    merged = [[*r[:2], r[2] + " " + r[3], *r[4:]] for r in ROWS[3:]]  # the rule between two columns lost
    other = [Line(line.text, 2, line.cells) for line in (_line(r, 40.0 * i) for i, r in enumerate(merged))]
    document = source_to_document(
        SourceDocument(path="r.pdf", sha256="0" * 64, kind="scanned_pdf", pages=[
            Page(number=1, reader="tesseract", lines=tuple(page_one)), Page(number=2, reader="tesseract", lines=tuple(other))])
    )  # fmt: skip
    assert all(f.code != "cell-unread" for f in document.findings)  # not read under the wrong columns
    assert [item.code for item in document.items] == ["1", "1.1", "2", "2.1", "2.2"]


@pytest.mark.parametrize("mark", ["-", "- —", "- _", "•"])
def test_a_bullet_mark_with_ocr_specks_is_no_unread_code(mark: str) -> None:
    """A dash sub-item under 2.1 on a scan reads '- —' or '- _': a bullet, not a code for the
    numbering to fill ('III' was given to such rows between II and IV)."""
    rows = [list(row) for row in ROWS]
    rows.insert(4, [mark, "Lớp đan lát tại xã Bản Phố", "Trung tâm Khuyến công", "0", "0", "0"])
    document = convert(rows)
    row = next(item for item in document.items if item.title == "Lớp đan lát tại xã Bản Phố")
    assert row.code is None and not row.corrections
    assert "cell-unread" not in {finding.code for finding in document.findings}


def test_one_free_code_and_two_rows_without_one_fill_neither() -> None:
    """Between II and IV only III is free, but two rows read no code (a heading and a sub-item
    whose dash OCR read as ':'): nothing says which is III, so neither gets it."""
    codes = ["II", None, None, "IV"]
    assert fill_unread_codes(codes, [code is None for code in codes]) == {}
    assert fill_unread_codes(["II", None, "IV"], [False, True, False])[1][0] == "III"  # one row: it is III
    assert fill_unread_codes(codes, [code is None for code in codes], [True, True, True, True]) == {}


def test_one_free_code_goes_to_the_one_row_without_a_code_that_prints_amounts() -> None:
    """Held-out seed 9701 h01: a streak split the last words of 2.4's title ("… Bác Ái") into a row
    of their own, and neither code cell read; between 2.3 and 2.5 only 2.4 is free, and only one
    of the two rows prints amounts: it is 2.4, the other a piece of it. Without this the row was
    left without a code, under 2.3, and its amounts broke the sums of section 2."""
    codes = ["2.3", None, None, "2.5"]
    unread = [code is None for code in codes]
    (fill,) = fill_unread_codes(codes, unread, [True, True, False, True]).items()
    assert fill[0] == 1 and fill[1][0] == "2.4" and "the only one printing amounts" in fill[1][1]
    assert fill_unread_codes(codes, unread, [True, False, False, True]) == {}  # neither prints: nothing says
    assert fill_unread_codes(codes, unread, [True, False, True, True]) == {}  # the second: a sub-item of 2.4?


def test_a_heading_whose_figures_were_lost_does_not_give_its_code_to_its_item() -> None:
    """Between 1.2 and 3 only 2 is free; of the two rows without a code the heading's amounts were
    unread and its item prints them: the item is no heading, and neither row gets 2."""
    codes = ["1.2", None, None, "3"]
    assert fill_unread_codes(codes, [code is None for code in codes], [True, False, True, True]) == {}


def test_a_positional_table_read_by_ocr_repairs_its_headings_and_keeps_its_confidences() -> None:
    # A scanned allocation table outside the khuyến công family: heading "I" read "1", heading
    # "III" read "II". Its rows carry the reader's confidences, so the numbering repairs of OCRed
    # codes apply to it as to the khuyến công reading, and its rows' confidence is the reader's.
    header = ["STT", "Đơn vị", "Tổng số", "NS tỉnh", "NS huyện"]
    rows = [
        ["1", "Huyện Mộc Châu", "30", "20", "10"],
        ["1", "Xã Hòa Sơn", "12", "8", "4"],
        ["2", "Xã Nậm Hải", "18", "12", "6"],
        ["II", "Huyện Thuận Châu", "9", "6", "3"],
        ["1", "Xã An Thịnh", "9", "6", "3"],
        ["II", "Huyện Sông Mã", "6", "4", "2"],
        ["1", "Xã An Lạc", "6", "4", "2"],
        ["IV", "Huyện Bắc Yên", "3", "2", "1"],
        ["1", "Xã Bình Tiến", "3", "2", "1"],
    ]
    document = _scanned_in_millions(header, rows)
    lines = [Line("Đơn vị tính: triệu đồng", 1), _line(header, 0.0)]
    lines += [_line(row, 40.0 * (i + 1)) for i, row in enumerate(rows)]
    assert [row.path for row in document.items] == ["I", "I/1", "I/2", "II", "II/1", "III", "III/1", "IV", "IV/1"]
    repaired = {row.path: (c.before, c.after) for row in document.items for c in row.corrections if c.field == "code"}
    assert repaired == {"I": ("1", "I"), "III": ("II", "III")}
    assert all(row.confidence < 1.0 for row in document.items)
    # the same table from a text layer (no OCR confidences) keeps its numbering as printed
    printed = [Line(line.text, 1, tuple(Cell(c.text, None, c.bbox) for c in line.cells)) for line in lines]
    page = Page(number=1, reader="pdfplumber", lines=tuple(printed))
    document = source_to_document(SourceDocument(path="r.pdf", sha256="0" * 64, kind="digital_pdf", pages=[page]))
    assert [row.code for row in document.items][:2] == ["1", "1"]


def test_an_unread_amount_of_a_positional_table_is_said_to_be_no_amount() -> None:
    header = ["STT", "Đơn vị", "Tổng số", "NS trung ương", "NS huyện"]
    rows = [["1", "Xã Hòa Sơn", "12", "1:770,1", "4"], ["2", "Xã Nậm Hải", "18", "12", "6"]]
    document = _scanned_in_millions(header, rows)
    (unread,) = [f for f in document.findings if f.code == "cell-unread"]
    assert unread.field == "central_budget"
    assert "which is no amount" in unread.message  # was "no month": a v2 column is no v1 field


def test_figures_among_specks_are_read_where_the_row_s_sum_holds_only_so() -> None:
    """Held-out Augraphy scans: OCR read specks around a figure, or a group mark as another mark
    ("ˆ 132.480", "2:589.810"), and the cells were left unread. Two such cells of one row are read
    through their marks where that alone closes the row's sum, each with a warning naming the row
    and the field; where no reading closes it, the cell is not read so."""
    damaged = [list(row) for row in ROWS]
    damaged[3][3:6] = ["1OO.000 ‘", "60.000", "ˆ 40.000"]  # 2.1: total and beneficiary among specks
    damaged[4][5] = "~ 2O.00 ‘"  # 2.2: a figure lost its last digit; 60.000 + 20 is no 80.000
    document = convert(damaged)
    row = next(item for item in document.items if "mây tre" in item.title)
    assert (row.total_vnd, row.provincial_budget_vnd, row.beneficiary_vnd) == (100_000_000, 60_000_000, 40_000_000)
    vouched = {(f.row_code, f.field, f.severity) for f in document.findings if f.code == "amount-read-through-marks"}
    assert vouched == {("2.1", "total_vnd", "warning"), ("2.1", "beneficiary_vnd", "warning")}
    # 2.2's cell is not read through its marks; the subtotal of 2 infers it, and says so
    inferred = {(f.row_code, f.field) for f in document.findings if f.code == "amount-inferred"}
    assert ("2.2", "beneficiary_vnd") in inferred and ("2.2", "beneficiary_vnd", "warning") not in vouched


def test_a_figure_shown_among_marks_is_read_in_doubt_where_no_sum_can_vouch_for_it() -> None:
    """Held-out Augraphy: "287.141 HN ao sa", one figure among specks, beside a cell that shows
    none: no row sum can confirm a reading, and the figure was left unread. It is read as shown,
    named once by a warning on its row and field; the cell that shows no figure stays unread."""
    damaged = [list(row) for row in ROWS]
    damaged[3][3:5] = ["100.000 HN ao sa", "# ê ¬"]  # 2.1: total among marks, provincial unreadable
    document = convert(damaged)
    row = next(item for item in document.items if "mây tre" in item.title)
    assert (row.total_vnd, row.provincial_budget_vnd, row.beneficiary_vnd) == (100_000_000, None, 40_000_000)
    named = [(f.code, f.field) for f in document.findings if f.row_code == "2.1" and f.severity == "warning"]
    assert named.count(("amount-read-through-marks", "total_vnd")) == 1
    assert ("amount-readings-differ", "total_vnd") not in named  # one warning, not two
    assert ("cell-unread", "provincial_budget_vnd") in named


def _scanned_lines(header: list[str], rows: list[list[str]], unit: str = "triệu đồng") -> list[Line]:
    lines = [Line(f"Đơn vị tính: {unit}", 1), _line(header, 0.0)]
    return lines + [_line(row, 40.0 * (i + 1)) for i, row in enumerate(rows)]


def _scanned_document(lines: list[Line]) -> PlanDocument:
    page = Page(number=1, reader="tesseract", lines=tuple(lines))
    return source_to_document(SourceDocument(path="r.pdf", sha256="0" * 64, kind="scanned_pdf", pages=[page]))


def _scanned_in_millions(header: list[str], rows: list[list[str]]) -> PlanDocument:
    return _scanned_document(_scanned_lines(header, rows))


SOURCES_HEADER = ["TT", "Nội dung", "Dự toán kinh phí", "Ngân sách tỉnh", "Doanh nghiệp đối ứng", "Nguồn xã hội hóa"]


def test_a_positional_table_reads_figures_among_specks_where_its_row_s_sum_holds_only_so() -> None:
    """A table read by position (a source no v1 field names, "Nguồn xã hội hóa"), scanned under
    streaks (held-out Augraphy h08): a total read "780.2 3" (a decimal comma read as a dot, a
    speck after it) beside a beneficiary cell of marks only ("› *", a dash). Read as 780,2 and 0,
    the only readings that close the row, each with a warning naming row and field; a cell whose
    readings close nothing stays unread."""
    header = SOURCES_HEADER
    rows = [
        ["1", "Lớp sửa chữa máy nông nghiệp", "461,86", "229,09", "232,77", "-"],
        ["2", "Kiểm tra, giám sát lớp học nghề", "417,42", "298,17", "83,87", "35,38"],
        ["3", "Lớp kỹ thuật sửa chữa máy", "780.2 3", "780,2", "› *", "-"],
        ["4", "Biên soạn tài liệu tuyên truyền", ": 479.15", "s 01", "309,72", "-"],
    ]
    document = _scanned_in_millions(header, rows)
    third = document.items[2]
    assert {a.column: a.value_vnd for a in third.amounts} == {
        "estimate_total": 780_200_000, "provincial_budget": 780_200_000, "beneficiary": 0, "socialized": 0
    }  # fmt: skip
    vouched = {
        (f.row_code, f.field)
        for f in document.findings
        if f.code == "amount-read-through-marks" and "no row sum vouches" not in f.message
    }
    assert vouched == {("3", "estimate_total"), ("3", "beneficiary")}
    # 479,15 needs a provincial 169,43, and "s 01" shows two digits only: no sum vouches for the
    # total, which is read as it shows, in doubt and named; the provincial cell stays unread
    fourth = document.items[3]
    assert {a.column: a.value_vnd for a in fourth.amounts}["estimate_total"] == 479_150_000
    shown = [f for f in document.findings if f.row_code == "4" and f.code == "amount-read-through-marks"]
    assert [(f.field, f.severity) for f in shown] == [("estimate_total", "warning")]
    assert "no row sum vouches" in shown[0].message
    assert "provincial_budget" not in {a.column for a in fourth.amounts}


def test_a_figure_shown_in_brackets_or_after_a_minus_is_not_read_as_shown() -> None:
    """A bracket or a minus before the figure makes it negative, which marks cannot settle."""
    from vnplan.normalize.row_sum_readings import _shown_figure

    assert _shown_figure("(309,72) ~", "vi") is None and _shown_figure("-309,72 `", "vi") is None
    assert _shown_figure("- 560.181...", "vi") is not None  # a speck read as a dash, apart from it


def test_an_unread_cell_is_read_by_another_look_where_the_row_s_sum_holds_only_so() -> None:
    """Light print under a streak (held-out Augraphy, seed 9402 h03): the page reader read a
    provincial cell "h ' : 531/7) ? _", no number, while a further look at the cell read 531,77.
    Taken where it alone closes the row, with a warning naming row and field; a look that closes
    nothing ("8,4", "7") leaves the cell unread and named."""
    header = SOURCES_HEADER
    rows = [
        ["1", "Lớp sửa chữa máy nông nghiệp", "461,86", "229,09", "232,77", "-"],
        ["2", "Cải tạo vườn ươm giống cây keo lai", "671,3", "h ' : 531/7) ? _", "101,19", "38,34"],
        ["3", "Kiểm tra, giám sát lớp học nghề", "417,42", "# 2 8I", "83,87", "35,38"],
    ]
    lines = _scanned_lines(header, rows)
    looked = {"h ' : 531/7) ? _": ("531,77", "7"), "# 2 8I": ("8,4",)}
    for i, line in enumerate(lines[2:], start=2):
        cells = tuple(
            replace(cell, second=Reading(".", 0.0), looks=tuple(Reading(t, 0.4) for t in looked[cell.text]))
            if cell.text in looked else cell
            for cell in line.cells
        )  # fmt: skip
        lines[i] = replace(line, cells=cells)
    page = Page(number=1, reader="tesseract", lines=tuple(lines))
    document = source_to_document(SourceDocument(path="r.pdf", sha256="0" * 64, kind="scanned_pdf", pages=[page]))
    second, third = document.items[1], document.items[2]
    assert {a.column: a.value_vnd for a in second.amounts}["provincial_budget"] == 531_770_000
    vouched = {(f.row_code, f.field) for f in document.findings if f.code == "amount-read-by-another-look"}
    assert vouched == {("2", "provincial_budget")}
    assert "provincial_budget" not in {a.column for a in third.amounts}
    named = {(f.code, f.field) for f in document.findings if f.row_code == "3" and f.severity == "warning"}
    assert ("cell-unread", "provincial_budget_vnd") in named


@pytest.mark.parametrize(
    ("cell", "why"),
    [("Lồng ghép", "words are no dash"), ("1 250 *", "a figure with a speck after it is no 0"), ("x 74'", "a figure")],
)
def test_a_cell_showing_words_or_a_figure_is_never_read_as_zero(cell: str, why: str) -> None:
    """The row's total equals its other sources, so only 0 would close it: a cell that shows
    words or a figure is left unread and named, never read as a dash."""
    header = SOURCES_HEADER
    rows = [
        ["1", "Lớp sửa chữa máy nông nghiệp", "461,86", "229,09", "232,77", "0"],
        ["2", "Kiểm tra, giám sát lớp học nghề", "417,42", "298,17", "83,87", "35,38"],
        ["3", "Lớp kỹ thuật sửa chữa máy", "780,2", "780,2", cell, "-"],
    ]
    document = _scanned_in_millions(header, rows)
    third = document.items[2]
    assert "beneficiary" not in {a.column for a in third.amounts}, why
    named = {(f.code, f.field) for f in document.findings if f.row_code == "3" and f.severity == "warning"}
    assert ("cell-unread", "beneficiary_vnd") in named  # the column fills that v1 field


def test_an_amount_too_small_for_a_budget_line_is_named() -> None:
    """Held-out seed 9402 h04: a speck beside a streak in a cell that printed "-" was read "4" by
    both readers, 4 đồng in a column of hundreds of millions, and nothing named it."""
    header = SOURCES_HEADER
    rows = [
        ["1", "Lớp sửa chữa máy nông nghiệp", "461.860.000", "229.090.000", "232.770.000", "-"],
        ["2", "Kiểm tra, giám sát lớp học nghề", "417.420.000", "298.170.000", "83.870.000", "35.380.000"],
        ["3", "Lớp kỹ thuật sửa chữa máy", "780.200.000", "780.200.000", "4", "-"],
    ]
    document = _scanned_document(_scanned_lines(header, rows, unit="đồng"))
    named = [(f.code, f.field) for f in document.findings if f.code == "amount-implausible"]
    assert named == [("amount-implausible", "beneficiary")]  # row 3 only: "-" and 0 are no amounts
    # a settlement of a few triệu in a plan of tens of tỷ is a real line (a review's case)
    settled = [[cell.removesuffix(".000") for cell in row] for row in rows]
    settled[2][2:5] = ["2.500", "2.000", "500"]
    document = _scanned_document(_scanned_lines(header, settled, unit="triệu đồng"))
    assert not [f for f in document.findings if f.code == "amount-implausible"]
    # held-out seed 10901 h01: in nghìn đồng a speck read "1" is 1.000 đồng, among tens of millions
    in_thousands = [[cell.removesuffix(".000") for cell in row] for row in rows]
    in_thousands[2][4] = "1"
    document = _scanned_document(_scanned_lines(header, in_thousands, unit="nghìn đồng"))
    named = [(f.code, f.field) for f in document.findings if f.code == "amount-implausible"]
    assert named == [("amount-implausible", "beneficiary")]


def test_a_row_split_by_a_streak_gives_its_code_to_the_part_with_the_amounts() -> None:
    """Held-out seed 9701 h01 through the whole recipe: neither code cell of a row and the last
    words a streak split off it read; the part with the amounts is 2.2 (it was left without a
    code), the part without stays a codeless row. A heading whose figures were lost keeps its item
    from taking its code (a helper's review)."""
    split = [row[:] for row in ROWS]
    split[2] = ["2", "Đào tạo nghề, truyền nghề", "", "230.000", "150.000", "80.000"]
    split[4] = ["~~", "Truyền nghề dệt thổ cẩm", "UBND huyện", "80.000", "60.000", "20.000"]
    split.insert(5, ["'.", "Bắc Hà", "", "", "", ""])
    split.insert(6, ["2.3", "Truyền nghề mây tre", "UBND huyện Si Ma Cai", "50.000", "30.000", "20.000"])
    split[-1] = ["", "Tổng cộng", "", "530.000", "350.000", "180.000"]
    rows = {row.title: row for row in convert(split).items}
    assert (rows["Truyền nghề dệt thổ cẩm"].code, rows["Truyền nghề dệt thổ cẩm"].parent_code) == ("2.2", "2")
    assert rows["Bắc Hà"].code is None
    heading_lost = [row[:] for row in ROWS]
    heading_lost[2] = ["~~", "Đào tạo nghề, truyền nghề", "", "~~~", "'.'", "~~"]
    heading_lost[3] = ["~~", *ROWS[3][1:]]
    heading_lost.insert(5, ["3", "Hội chợ", "Sở Công Thương", "0", "0", "0"])
    codes = {row.title: row.code for row in convert(heading_lost).items}
    assert codes["Đào tạo nghề mây tre đan"] != "2"


def test_an_item_whose_code_reads_as_a_far_numeral_stays_an_item_without_a_code() -> None:
    """Blind held-out seed 10301 h01 through the whole recipe: item 2.2's code cell read "L". As
    heading 50 it had the rows after it as its own; with no code it stands where it was printed,
    its amounts kept, with a warning naming the cell as read."""
    rows = [["I", "Phát triển công nghiệp nông thôn", "", "480.000", "320.000", "160.000"]]
    rows += [list(row) for row in ROWS[:-1]] + [ROWS[-1]]
    rows[5][0] = "L"  # 2.2
    rows.insert(6, ["3", "Hội chợ nông sản", "Sở Công Thương", "0", "0", "0"])
    document = convert(rows)
    item = next(item for item in document.items if item.title == "Truyền nghề dệt thổ cẩm")
    assert item.code is None and item.total_vnd == 80_000_000
    assert next(item for item in document.items if item.title == "Hội chợ nông sản").parent_code == "I"
    unread = [f for f in document.findings if f.code == "cell-unread" and "'L'" in f.message]
    assert len(unread) == 1 and unread[0].severity == "warning"
    # between headings I and III, where II is missing, it is no more made II than an item of II
    # (its total holds the row under it, as a heading's would): a numeral out of reach names no heading
    rows[6] = ["III", "Hội chợ nông sản", "Sở Công Thương", "0", "0", "0"]
    rows.insert(6, ["", "Tập huấn", "UBND huyện", "30.000", "20.000", "10.000"])
    assert "II" not in [item.code for item in convert(rows).items]
    # a code the numbering settles: the cell as printed ("L." with its mark) is the correction's
    # "before", and no warning says the cell was left empty
    rows = [list(row) for row in ROWS]
    rows.insert(0, ["I", "Phát triển công nghiệp nông thôn", "", "480.000", "320.000", "160.000"])
    rows[4][0] = "L."  # 2.1, between 2 and 2.2
    item = next(item for item in convert(rows).items if item.title == "Đào tạo nghề mây tre đan")
    assert item.code == "2.1" and item.corrections[0].before == "L."
    assert not [f for f in convert(rows).findings if f.code == "cell-unread" and "L" in f.message]


def test_a_heading_whose_code_was_lost_is_not_numbered_an_item_of_a_smaller_row() -> None:
    """Held-out seed 9701 h05 through the whole recipe, in a table read by position: heading 2's
    code cell read as marks, and a "2" glimpsed among the marks of a later item's cell anchored a
    numbering that made the heading item "c" of 1, a part three times its whole, and its items d
    and e. The row's total, read from the column the header names the total, rules that out: the
    rows are left without codes (each named by a warning), not given letters."""
    rows = [
        ["1", "Khảo sát, dự báo nhu cầu học nghề", "100", "60", "40", "0"],
        ["a", "Lớp nuôi ong cho lao động", "60", "40", "20", "0"],
        ["b", "Khảo sát nhu cầu học nghề", "40", "20", "20", "0"],
        ["~~", "Đào tạo trình độ sơ cấp", "300", "200", "100", "0"],
        ["~~", "Lớp đan lát mây tre", "200", "150", "50", "0"],
        ["~~", "Kiểm tra, giám sát lớp học nghề", "100", "50", "50", "0"],
        ["2 ]", "Lớp may công nghiệp", "50", "30", "20", "0"],
        ["3", "Đào tạo dưới 03 tháng", "70", "50", "20", "0"],
    ]
    document = _scanned_in_millions(SOURCES_HEADER, rows)
    codes = {item.title: item.code for item in document.items}
    assert codes["Đào tạo trình độ sơ cấp"] is None and codes["Lớp đan lát mây tre"] is None
    named = {f.row_index for f in document.findings if f.code == "cell-unread" and f.field is None}
    assert {i for i, item in enumerate(document.items) if item.code is None} <= named


def test_a_grand_total_read_one_letter_off_below_a_row_of_marks_is_told_by_its_sums() -> None:
    """Held-out seed 10601 h02 (Augraphy): "TỔNG SỐ" printed first, read "TOG SỐ : và :", below the
    row of column numbers read as marks. Neither the first row (the marks, no amounts) nor a label
    the total's was looked at, and the total stood as an item, the table counted twice, silently.
    The first row printing amounts, a short total label in capitals one letter off, its amounts
    the sums of the top-level rows: the grand total."""
    rows = [list(row) for row in ROWS[:-1]]
    marks = ["", "° P ` (2) , :", "", "", "", ""]
    total = ["", "TOG SỐ : và :", "", "480.000", "320.000", "160.000"]
    document = convert([marks, total, *rows])
    assert "TOG SỐ : và :" not in [item.title for item in document.items]
    assert (document.totals.total_vnd, document.totals.provincial_budget_vnd) == (480_000_000, 320_000_000)
    assert [f.code for f in document.findings if f.code == "grand-total-by-sums"] == ["grand-total-by-sums"]
    # a title in capitals one letter off a total's that prints an item's amounts stays an item
    item = ["", "TOG SỐ : và :", "", "100.000", "60.000", "40.000"]
    document = convert([marks, item, *rows])
    assert "TOG SỐ : và :" in [item.title for item in document.items]
