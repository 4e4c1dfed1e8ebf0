"""Excel plans (.xlsx): every visible sheet read from its cells, values printed the Vietnamese way."""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.scoring import Score, score_document
from tests.test_hostile import line_for, run
from vnplan import extract_document
from vnplan.extract.errors import InputError
from vnplan.extract.xlsx_reader import cell_text, number_text, read_xlsx, sheet_to_lines

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
_PRINTED_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{3})*(?:,\d+)?$")  # 1.073.000 / 4.050,8 / 0


def printed_to_value(text: str) -> str | int | float | None:
    """A cell of a text export as Excel would hold it: printed numbers become real numbers."""
    if not _PRINTED_NUMBER.match(text):
        return text or None
    plain = text.replace(".", "")
    return float(plain.replace(",", ".")) if "," in plain else int(plain)


def export_to_xlsx(export: Path, target: Path) -> None:
    """One sheet: the export's narrative lines as one-cell rows, its table rows as rows of cells."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    for line in export.read_text(encoding="utf-8").splitlines():
        sheet.append([printed_to_value(cell) for cell in line.split("\t")] if "\t" in line else [line or None])
    workbook.save(target)


def convert_and_score(stem: str, tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any], Score]:
    path = tmp_path / f"{stem}.xlsx"
    export_to_xlsx(SAMPLES / "text" / f"{stem}.txt", path)
    document = extract_document(path)
    assert document.source.kind == "xlsx" and document.source.page_readers == ["openpyxl"]
    output = json.loads(document.model_dump_json())
    truth = json.loads((SAMPLES / "truth" / f"{stem}.truth.json").read_text(encoding="utf-8"))
    return output, truth, score_document(output, truth)


@pytest.mark.parametrize(
    "stem",
    [
        "101_quang_nam_2022_khuyen_nong",  # triệu đồng, decimal commas, a row cut by a page break
        "103_binh_dinh_2023_xuc_tien_thuong_mai",  # nghìn đồng, months as numbers, four money columns
    ],
)
def test_an_excel_plan_converts_exactly(stem: str, tmp_path: Path) -> None:
    output, truth, score = convert_and_score(stem, tmp_path)
    assert score.rows_found == score.rows_expected == score.rows_matched, score.summary()
    assert score.amounts_exact == score.amounts_total, score.summary()
    assert score.totals_exact == score.totals_total, score.summary()
    assert score.document_fields_exact == score.document_fields_total, score.summary()  # number, date, signer…
    assert output["document"]["number"] == truth["document"]["number"]
    assert output["document"]["title"].casefold() == truth["document"]["title"].casefold()


def test_an_excel_plan_reads_like_its_text_export(tmp_path: Path) -> None:
    """Same rows, amounts and findings as the text export: only the page numbers differ (one sheet)."""
    stem = "102_can_tho_2021_khuyen_cong"
    output, _, _ = convert_and_score(stem, tmp_path)
    text = json.loads(extract_document(SAMPLES / "text" / f"{stem}.txt").model_dump_json())
    for row in output["items"] + text["items"]:
        row.pop("pages")
    assert output["items"] == text["items"]
    assert output["totals"] == text["totals"]
    assert sorted(f["code"] for f in output["findings"]) == sorted(f["code"] for f in text["findings"])


# --- a workbook laid out the way provinces publish them --------------------------------------------


def put(sheet: Worksheet, ref: str, value: object, merge: str = "", number_format: str = "") -> None:
    sheet[ref] = value
    if number_format:
        sheet[ref].number_format = number_format
    if merge:
        sheet.merge_cells(f"{ref}:{merge}")


def published_workbook(path: Path) -> None:
    """A two-column heading and signature block, a title merged across, a two-row merged header,
    amounts as numbers in "#,##0.0" with formulas for the sums, a hidden and an empty sheet."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "PL1"
    put(sheet, "A1", "UBND TỈNH QUẢNG NAM", "C1")
    put(sheet, "D1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "H1")
    put(sheet, "D2", "Độc lập - Tự do - Hạnh phúc", "H2")
    put(sheet, "A3", "Số: 1873/KH-UBND", "C3")
    put(sheet, "D3", "Quảng Nam, ngày 18 tháng 3 năm 2022", "H3")
    put(sheet, "A4", "KẾ HOẠCH", "H4")  # no blank row above: the merged title still ends the heading
    put(sheet, "A5", "Khuyến nông tỉnh Quảng Nam năm 2022", "H5")
    put(sheet, "G6", "ĐVT: triệu đồng", "H6")
    for column, title in zip(
        "ABCDGH", ["TT", "Nội dung", "Thời gian", "Kinh phí", "Đơn vị chủ trì", "Ghi chú"], strict=True
    ):
        put(sheet, f"{column}7", title, "" if column == "D" else f"{column}8")
    sheet.merge_cells("D7:F7")
    for column, title in zip("DEF", ["Tổng cộng", "Ngân sách tỉnh", "Vốn đối ứng"], strict=True):
        put(sheet, f"{column}8", title)
    rows: list[list[object]] = [
        ["I", "XÂY DỰNG MÔ HÌNH", None, "=SUM(D10:D11)", "=SUM(E10:E11)", "=SUM(F10:F11)", None, None],
        [1, "Mô hình lúa hữu cơ", "Tháng 1 - 6", 820.5, 574.4, 246.1, "Trung tâm Khuyến nông", "Quy mô\n30 ha"],
        [2, "Mô hình gà thả vườn", "Tháng 3 - 9", 468, 327.6, 140.4, "Trung tâm Khuyến nông", None],
        [None, "TỔNG CỘNG", None, "=D9", "=E9", "=F9", None, None],
    ]
    for number, values in enumerate(rows, start=9):
        for column, value in zip("ABCDEFGH", values, strict=True):
            put(sheet, f"{column}{number}", value, number_format="#,##0.0" if column in "DEF" else "")
    put(sheet, "A14", "Nơi nhận:", "C14")
    put(sheet, "E14", "TM. ỦY BAN NHÂN DÂN", "H14")
    put(sheet, "A15", "- Bộ Nông nghiệp và PTNT;", "C15")
    put(sheet, "E15", "KT. CHỦ TỊCH", "H15")
    put(sheet, "A16", "- Lưu: VT, KTN.", "C16")
    put(sheet, "E16", "PHÓ CHỦ TỊCH", "H16")
    put(sheet, "E20", "Phan Minh Khoa", "H20")
    hidden = workbook.create_sheet("tính toán")
    hidden["A1"] = "working figures"
    hidden.sheet_state = "hidden"
    workbook.create_sheet("Sheet3")  # empty
    workbook.save(path)


def save_results(path: Path, results: dict[str, str], strings: frozenset[str] = frozenset()) -> None:
    """Put formula results into the first sheet as Excel does on save (openpyxl writes none);
    ``strings`` are formulas whose result is text (t="str")."""
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts[member].decode()
    for ref, value in results.items():
        kind = ' t="str"' if ref in strings else ""
        pattern = rf'(<c r="{ref}"[^>]*)>(<f>[^<]*</f>)(?:<v\s*/>|<v></v>)'
        xml, count = re.subn(pattern, rf"\g<1>{kind}>\g<2><v>{value}</v>", xml)
        assert count == 1, ref
    parts[member] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


SAVED = {"D9": "1288.5", "E9": "902", "F9": "386.5", "D12": "1288.5", "E12": "902", "F12": "386.5"}


def test_a_published_workbook(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    published_workbook(path)
    save_results(path, SAVED)
    document = extract_document(path)
    meta = document.document
    assert (meta.number, meta.issued_on, meta.title) == (
        "1873/KH-UBND",
        datetime.date(2022, 3, 18),
        "Kế hoạch Khuyến nông tỉnh Quảng Nam năm 2022",
    )
    assert (meta.signer, meta.signer_title) == ("Phan Minh Khoa", "Phó Chủ tịch")
    assert document.amount_unit == "triệu đồng"
    assert [(row.code, row.total_vnd, row.provincial_budget_vnd, row.beneficiary_vnd) for row in document.items] == [
        ("I", 1_288_500_000, 902_000_000, 386_500_000),
        ("1", 820_500_000, 574_400_000, 246_100_000),
        ("2", 468_000_000, 327_600_000, 140_400_000),
    ]
    assert document.items[1].notes == "Quy mô 30 ha"  # the line break inside the cell is a space
    assert document.totals.total_vnd == 1_288_500_000
    assert document.source.pages == 1  # the hidden and the empty sheet are not pages
    warnings = [f.message for f in document.findings if f.code == "reader-warning"]
    assert warnings == ["sheet 'tính toán' is hidden and was not read"]
    assert document.status == "ok"


def test_formulas_without_saved_results_are_reported_once_per_sheet(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    published_workbook(path)  # as openpyxl saves it: formulas, no results
    output = json.loads(extract_document(path).model_dump_json())
    warnings = [f["message"] for f in output["findings"] if f["code"] == "reader-warning"]
    assert len(warnings) == 2, warnings
    assert warnings[0].startswith("sheet 'PL1': 6 formula cell(s) (D9, E9, F9, D12, E12, F12) have no saved value")
    assert "open and save it in Excel" in warnings[0]
    group = output["items"][0]  # its sums were formulas: re-derived from its items
    assert group["total_vnd"] == 1_288_500_000 and "total_vnd" in group["inferred"]


def test_a_formula_whose_result_is_empty_text_is_not_reported(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    published_workbook(path)
    save_results(path, {**SAVED, "D9": ""}, strings=frozenset({"D9"}))  # =IF(…, "", …) as Excel saves it
    source = read_xlsx(path)
    assert not any("formula" in warning for warning in source.warnings)


def test_merged_cells_are_reported_once_in_their_first_slot(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    put(sheet, "A1", "TT", "A2")
    put(sheet, "B1", "Thời gian", "C1")
    put(sheet, "D1", "Tổng số", "D2")
    put(sheet, "B2", "Bắt đầu")
    put(sheet, "C2", "Kết thúc")
    for column, value in zip("ABCD", [1, 3, 9, 120.5], strict=True):
        put(sheet, f"{column}3", value)
    rows = [[cell.text for cell in line.cells] for line in sheet_to_lines(sheet, 1)]
    assert rows == [["TT", "Thời gian", "", "Tổng số"], ["", "Bắt đầu", "Kết thúc", ""], ["1", "3", "9", "120,5"]]


def test_a_stray_cell_far_away_costs_nothing(tmp_path: Path) -> None:
    """Only held cells are visited: a value at XFD1048576 is one more column and a gap, not 17 billion cells."""
    path = tmp_path / "plan.xlsx"
    published_workbook(path)
    workbook = load_workbook(path)
    workbook["PL1"]["XFD1048576"] = "x"
    workbook.save(path)
    save_results(path, SAVED)
    source = read_xlsx(path)
    table = [line for line in source.pages[0].lines if line.cells]
    assert len(table) == 6 and all(len(line.cells) == 9 for line in table)  # 8 columns and XFD
    assert source.pages[0].lines[-1].text == "x"


def test_an_xlsm_workbook_is_read_too(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsm"
    export_to_xlsx(SAMPLES / "text" / "103_binh_dinh_2023_xuc_tien_thuong_mai.txt", path)
    assert len(extract_document(path).items) == 11


# --- values ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "number_format", "printed"),
    [
        (1073000, "General", "1.073.000"),
        (0, "General", "0"),
        (680, "#,##0", "680"),
        (-1250000, "#,##0", "-1.250.000"),
        (4050.8, "General", "4.050,8"),
        (4050.8000000000002, "General", "4.050,8"),  # a sum's float noise
        (0.1 + 0.2, "General", "0,3"),
        (468.0, "#,##0.0", "468"),  # normalize reads "468" and "468,0" alike
        (12.345, "#,##0.00", "12,35"),  # rounded to the decimals the format shows
        (4050.75, "#,##0", "4.051"),
        (1 / 3, "General", "0,333333"),  # six decimals at most where the format shows none
        (-0.0000001, "General", "0"),
        (0.6, "0%", "60%"),
        (1, "0%", "100%"),
        (12345678901234567890, "General", "12.345.678.901.234.567.890"),  # an int is never rounded
        (0.125, "0.0%", "12,5%"),
        (1234.5, '#,##0.0" đ";[Red]-#,##0.0" đ"', "1.234,5"),
        (1e20, "General", "100.000.000.000.000.000.000"),
    ],
)
def test_numbers_are_printed_the_vietnamese_way(value: float, number_format: str, printed: str) -> None:
    assert number_text(value, number_format) == printed


def test_other_values_as_text() -> None:
    assert cell_text(datetime.datetime(2022, 3, 18)) == "18/03/2022"
    assert cell_text(datetime.datetime(2022, 3, 18, 14, 30)) == "18/03/2022 14:30"
    assert cell_text(datetime.date(2023, 4, 14)) == "14/04/2023"
    assert cell_text(True) == "TRUE" and cell_text(None) == ""
    decomposed = unicodedata.normalize("NFD", "Nguồn khác")
    assert cell_text(f"  {decomposed}\n(tỷ  đồng)_x000D_ ") == "Nguồn khác (tỷ đồng)"
    assert cell_text("#DIV/0!") == "#DIV/0!"  # an error Excel saved stays visible


# --- broken and misnamed files ---------------------------------------------------------------------


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_broken_and_misnamed_workbooks_are_one_line_each(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    export_to_xlsx(SAMPLES / "text" / "103_binh_dinh_2023_xuc_tien_thuong_mai.txt", inputs / "good.xlsx")
    whole = (inputs / "good.xlsx").read_bytes()
    (inputs / "truncated.xlsx").write_bytes(whole[: len(whole) // 2])
    _zip(inputs / "letter.xlsx", {"word/document.xml": "<w:document/>"})
    _zip(inputs / "sheet.docx", {"xl/workbook.xml": "<workbook/>"})
    _zip(inputs / "other.xlsx", {"hello.txt": "not a workbook"})
    _zip(inputs / "garbled.xlsx", {"[Content_Types].xml": "<Types", "xl/workbook.xml": "<workbook"})
    (inputs / "old.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    code, stderr = run(str(inputs), "-o", str(tmp_path / "out"))
    assert code == 1
    says = {
        "truncated.xlsx": "damaged zip archive",
        # read by their content (vnplan.extract.formats); these two are broken as well, and say both
        "letter.xlsx": "named .xlsx but holds a Word document, and not a readable Word .docx file",
        "sheet.docx": "named .docx but holds an Excel workbook, and not a readable Excel .xlsx file",
        "other.xlsx": "not a readable Excel .xlsx file (a zip archive without xl/workbook.xml)",
        "garbled.xlsx": "not a readable Excel .xlsx file",
        "old.xlsx": "password-protected one — open it in Word or Excel",
    }
    for name, message in says.items():
        assert message in line_for(stderr, name)
    document = json.loads((tmp_path / "out" / "good.json").read_text(encoding="utf-8"))
    assert len(document["items"]) == 11  # the folder's good workbook was picked up and converted


def test_a_zip_bomb_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("vnplan.extract.preflight.MAX_OFFICE_XML_BYTES", 1 << 20)
    path = _zip(tmp_path / "bomb.xlsx", {"xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": " " * (2 << 20)})
    with pytest.raises(InputError, match="unpacks to 2 MiB of XML"):
        extract_document(path)


def test_a_damaged_xls_is_refused_with_a_fix(tmp_path: Path) -> None:
    path = tmp_path / "plan.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(InputError) as caught:
        extract_document(path)
    assert "not a readable Excel 97–2003 .xls file" in str(caught.value) and "re-save" in caught.value.hint


def test_legacy_xls_is_read_like_xlsx_with_its_tcvn3_text_converted() -> None:
    """samples/real/qldb_giaingan_hungyen.xls: a real Excel 97 disbursement report drawn in .VnTime
    (TCVN3); "Đơn vị: triệu đồng" above the table. Items 1–5 of "b sửa chữa định kỳ" as printed."""
    document = extract_document(
        Path(__file__).resolve().parent.parent / "samples" / "real" / "qldb_giaingan_hungyen.xls"
    )
    assert document.source.kind == "xls" and document.amount_unit == "triệu đồng"
    items = {row.title: row for row in document.items if row.parent_code == "b"}
    assert list(items)[:5] == [
        "Trả nợ quyết toán sửa chữa cầu Ngàng",
        "Trả nợ quyết toán sửa chữa cầu Trương Xá",
        "Sửa chữa khe co dãn cầu vượt Phố Nối",
        "Sửa chữa nền mặt đường Km 10+480 - 11+332; Km 19+300 - 23+400",
        next(title for title in items if title.startswith("SC hư hỏng nền, MĐ đoạn nối từ đường 196")),
    ]
    allocated = [row.amounts[0] for row in list(items.values())[:5]]
    assert {a.label for a in allocated} == {"Kinh phí đã giao / Từ Quỹ bảo trì"}
    assert [a.value_vnd for a in allocated] == [63_000_000, 19_000_000, 692_000_000, 8_028_000_000, 42_588_000_000]


def test_each_sheet_of_a_workbook_is_a_table_of_its_own(tmp_path: Path) -> None:
    # A real dự toán workbook held its plan on one sheet and lookup lists of account codes on the
    # others; read as one table, the lists' codes became budget rows and amounts of the plan.
    path = tmp_path / "plan.xlsx"
    published_workbook(path)
    workbook = load_workbook(path)
    lookup = workbook.create_sheet("Map")
    for values in [("Nội dung", "Mã khoản", "Đơn vị"), ("Mầm non", "071", "Trường mầm non"),
                   ("Tiểu học", "072", "Trường tiểu học"), ("Trung học cơ sở", "073", "Trường THCS")]:  # fmt: skip
        lookup.append(values)
    staff = workbook.create_sheet("Biên chế")
    for values in [("STT", "Cơ quan", "Biên chế giao", "Hợp đồng lao động"), (1, "Trung tâm Khuyến nông", 26, 4)]:
        staff.append(values)
    workbook.save(path)
    save_results(path, SAVED)
    document = extract_document(path)
    assert [row.code for row in document.items] == ["I", "1", "2"]
    assert document.totals.total_vnd == 1_288_500_000
    kept = [f for f in document.findings if f.code == "sheet-table-kept-plain"]
    assert [f.pages for f in kept] == [[2], [3]]
    assert [table.pages for table in document.plain_tables] == [[2], [3]]
    staff_table = document.plain_tables[1]
    assert staff_table.rows == [["1", "Trung tâm Khuyến nông", "26", "4"]]
    assert not any(column.kind == "money" for column in staff_table.columns)  # "Hợp đồng" names no đồng
    assert document.status == "ok"


def test_a_total_row_with_its_label_merged_over_the_columns_is_read(tmp_path: Path) -> None:
    # "TỔNG CỘNG" merged over the code, title and quantity columns leaves two cells on its row:
    # it was read as two lines of narrative below the table, and the table had no grand total.
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    put(sheet, "A1", "DỰ TOÁN KINH PHÍ TẬP HUẤN NĂM 2024", "E1")
    put(sheet, "A2", "ĐVT: 1.000 đồng", "E2")
    sheet.append(["TT", "Nội dung", "Số lượng", "Đơn giá", "Thành tiền"])
    sheet.append([1, "In ấn tài liệu", 582, 20, 11640])
    sheet.append([2, "Thuê hội trường", 6, 5900, 35400])
    sheet.append(["TỔNG CỘNG", None, None, None, 47040])
    sheet.merge_cells("A6:D6")
    path = tmp_path / "estimate.xlsx"
    workbook.save(path)
    document = extract_document(path)
    assert [row.code for row in document.items] == ["1", "2"]
    assert [(a.label, a.value_vnd) for a in document.total_amounts] == [("Thành tiền", 47_040_000)]


def test_rows_below_the_signature_are_not_rows_of_the_report(tmp_path: Path) -> None:
    # A real disbursement workbook (.xls) kept working notes in đồng under its signature; read as
    # rows of the report (in triệu đồng) they became amounts a million times too large.
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    put(sheet, "A1", "BÁO CÁO GIẢI NGÂN KINH PHÍ", "D1")
    put(sheet, "A2", "Đơn vị: triệu đồng", "D2")
    sheet.append(["TT", "Nội dung", "Kinh phí đã giao", "Đã giải ngân"])
    sheet.append([1, "Sửa chữa cầu Ngàng", 63, 60])
    sheet.append([2, "Sửa chữa khe co dãn", 692, 642])
    sheet.append([None, "Tổng cộng", 755, 702])
    put(sheet, "C8", "Hưng Yên, ngày 15 tháng 9 năm 2014", "D8")
    put(sheet, "C9", "GIÁM ĐỐC", "D9")
    put(sheet, "C12", "Nguyễn Văn An", "D12")
    notes = [("Khối lượng", "Thanh toán"), (1_156_000_000, 1_000_000_000), (684_273_000, 490_000_000)]
    for row, (label, (done, paid)) in enumerate(zip(["Công trình", "Năm 2013", "Năm 2014"], notes, strict=True), 15):
        sheet[f"B{row}"], sheet[f"C{row}"], sheet[f"D{row}"] = label, done, paid
    path = tmp_path / "report.xlsx"
    workbook.save(path)
    document = extract_document(path)
    assert [(row.code, [a.value_vnd for a in row.amounts]) for row in document.items] == [
        ("1", [63_000_000, 60_000_000]),
        ("2", [692_000_000, 642_000_000]),
    ]
    assert (document.document.signer, document.document.signer_title) == ("Nguyễn Văn An", "Giám đốc")
    assert [table.rows[-1] for table in document.plain_tables] == [["", "Năm 2014", "684.273.000", "490.000.000"]]
    kept = next(f for f in document.findings if f.code == "sheet-table-kept-plain")
    assert "below its signature" in kept.message and "outside the signed report" in kept.message


def test_sheets_that_repeat_the_header_are_one_table(tmp_path: Path) -> None:
    # A plan split over two sheets, each printing the same header: one table, one grand total.
    workbook = Workbook()
    first = workbook.active
    assert isinstance(first, Worksheet)
    second = workbook.create_sheet("Trang 2")
    header = ["TT", "Nội dung", "Tổng kinh phí", "Ngân sách tỉnh", "Vốn đối ứng"]
    put(first, "A1", "ĐVT: triệu đồng", "E1")
    for sheet, rows in (
        (first, [["I", "Đào tạo nghề", 300, 200, 100], [1, "Lớp may", 300, 200, 100]]),
        (second, [["II", "Hội chợ", 50, 50, 0], [1, "Gian hàng", 50, 50, 0], [None, "TỔNG CỘNG", 350, 250, 100]]),
    ):
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    document = extract_document(path)
    assert [row.code for row in document.items] == ["I", "1", "II", "1"]
    assert document.totals.total_vnd == 350_000_000
    assert document.plain_tables == [] and "sheet-table-kept-plain" not in {f.code for f in document.findings}
