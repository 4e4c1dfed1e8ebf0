"""Word plans (.docx): paragraphs and tables read from the document's own structure."""

import json
from pathlib import Path

from docx import Document

from tests.scoring import score_document
from vnplan import extract_document
from vnplan.extract.docx_reader import table_to_lines

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def export_to_docx(export: Path, target: Path) -> None:
    """A Word file with the export's narrative as paragraphs and each run of table rows as a table."""
    word = Document()
    run: list[list[str]] = []

    def flush() -> None:
        if run:
            width = max(len(cells) for cells in run)
            table = word.add_table(rows=len(run), cols=width)
            for r, cells in enumerate(run):
                for c, text in enumerate(cells):
                    table.cell(r, c).text = text
            run.clear()

    for line in export.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            run.append(line.split("\t"))
        else:
            flush()
            if line.strip():
                word.add_paragraph(line)
    flush()
    word.save(str(target))


def test_a_word_plan_converts_like_its_text_export(tmp_path: Path) -> None:
    stem = "103_binh_dinh_2023_xuc_tien_thuong_mai"
    path = tmp_path / f"{stem}.docx"
    export_to_docx(SAMPLES / "text" / f"{stem}.txt", path)
    document = extract_document(path)
    assert document.source.kind == "docx" and document.source.page_readers == ["docx"]
    truth = json.loads((SAMPLES / "truth" / f"{stem}.truth.json").read_text(encoding="utf-8"))
    score = score_document(json.loads(document.model_dump_json()), truth)
    assert score.rows_found == score.rows_expected == score.rows_matched, score.summary()
    assert score.amounts_exact == score.amounts_total, score.summary()
    assert document.document.number == truth["document"]["number"]


def test_merged_cells_are_reported_once_in_their_first_slot() -> None:
    word = Document()
    table = word.add_table(rows=2, cols=4)
    table.cell(0, 0).text = "TT"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Thời gian"
    table.cell(0, 3).text = "Tổng số"
    for c, text in enumerate(["", "Bắt đầu", "Kết thúc", ""]):
        table.cell(1, c).text = text
    rows = [[cell.text for cell in line.cells] for line in table_to_lines(table)]
    assert rows == [["TT", "Thời gian", "", "Tổng số"], ["", "Bắt đầu", "Kết thúc", ""]]


def test_a_broken_docx_is_a_one_line_error(tmp_path: Path) -> None:
    import zipfile

    import pytest

    from vnplan.extract.errors import InputError

    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a Word document")
    with pytest.raises(InputError, match="not a readable Word"):
        extract_document(path)


def _layout_cell(cell: object, lines: list[str]) -> None:
    cell.text = lines[0]  # type: ignore[attr-defined]
    for text in lines[1:]:
        cell.add_paragraph(text)  # type: ignore[attr-defined]


def test_the_heading_and_signature_blocks_beside_each_other_are_narrative(tmp_path: Path) -> None:
    # Word plans set the issuer's block beside the motto, and the recipients beside the signature,
    # in borderless two-column tables: they were read as table rows (two extra rows with no
    # amounts) and the document lost its issuer, number, date and signer.
    word = Document()
    heading = word.add_table(rows=1, cols=2)
    _layout_cell(heading.cell(0, 0), ["ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG", "Số: 2410/KH-UBND"])
    _layout_cell(heading.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                      "Tuyên Quang, ngày 15 tháng 3 năm 2025"])  # fmt: skip
    word.add_paragraph("KẾ HOẠCH")
    word.add_paragraph("Khuyến công tỉnh Tuyên Quang năm 2025")
    word.add_paragraph("ĐVT: triệu đồng")
    rows = [["TT", "Nội dung", "Tổng kinh phí", "Ngân sách tỉnh", "Đối ứng"],
            ["1", "Đào tạo nghề", "300", "200", "100"], ["2", "Hội chợ", "50", "50", "0"]]  # fmt: skip
    table = word.add_table(rows=len(rows), cols=5)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    signature = word.add_table(rows=1, cols=2)
    _layout_cell(signature.cell(0, 0), ["Nơi nhận:", "- Bộ Công Thương;", "- Lưu: VT."])
    _layout_cell(signature.cell(0, 1), ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Việt Phương"])
    path = tmp_path / "plan.docx"
    word.save(str(path))
    document = extract_document(path)
    assert [row.code for row in document.items] == ["1", "2"]
    meta = document.document
    assert (meta.number, meta.issued_on.isoformat() if meta.issued_on else None) == ("2410/KH-UBND", "2025-03-15")
    assert meta.issuer == "Ủy ban nhân dân tỉnh Tuyên Quang"
    assert (meta.signer, meta.signer_title) == ("Hoàng Việt Phương", "Phó Chủ tịch")
