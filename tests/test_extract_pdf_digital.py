"""Born-digital PDF pages (samples/pdf, made by samples/make_samples.py) read through pdfplumber."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnplan.extract.errors import InputError
from vnplan.extract.formats import file_format
from vnplan.extract.model import Line, SourceDocument
from vnplan.extract.readers import read_source

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "pdf"


@pytest.fixture(scope="module")
def dev_plan() -> SourceDocument:
    return read_source(SAMPLES / "dev-binhduong-2020-khuyen-cong.pdf")


@pytest.fixture(scope="module")
def can_tho() -> SourceDocument:
    return read_source(SAMPLES / "102_can_tho_2021_khuyen_cong.pdf")


def rows(doc: SourceDocument, page: int) -> list[Line]:
    return [line for line in doc.pages[page - 1].lines if line.is_table_row]


def test_kind_and_readers(dev_plan: SourceDocument) -> None:
    assert dev_plan.kind == "digital_pdf"
    assert {p.reader for p in dev_plan.pages} == {"pdfplumber"}
    assert len(dev_plan.pages) >= 3


def test_narrative_page_lines(dev_plan: SourceDocument) -> None:
    texts = [line.text for line in dev_plan.pages[0].lines]
    assert not any(line.is_table_row for line in dev_plan.pages[0].lines)
    assert "KẾ HOẠCH" in texts
    assert any(t.startswith("Căn cứ Nghị định số 45/2012/NĐ-CP") for t in texts)
    assert texts[-1] == "Trần Văn Vĩnh"


def test_two_row_header_with_merged_cells(can_tho: SourceDocument) -> None:
    top, second = (r.cells for r in rows(can_tho, 2)[:2])
    assert [c.text for c in top][:2] == ["STT", "Nội dung"]
    i = [c.text for c in top].index("Thời gian")
    assert top[i + 1].text == ""  # the merged heading's second slot is blank
    assert [second[i].text, second[i + 1].text] == ["Bắt đầu (tháng)", "Kết thúc (tháng)"]
    j = [c.text for c in top].index("Trong đó")
    assert [c.text for c in second[j : j + 3]] == ["NSNN tỉnh", "Đối ứng của đơn vị thụ hưởng", "Nguồn khác"]
    assert second[0].text == ""  # "STT" spans both header rows
    assert len(top) == len(second) == 12


def test_every_row_has_one_cell_per_column(dev_plan: SourceDocument) -> None:
    for page in dev_plan.pages[1:]:
        widths = {len(line.cells) for line in page.lines if line.is_table_row}
        assert widths == {11}


def test_multi_line_cells_are_joined_with_a_space(dev_plan: SourceDocument) -> None:
    row = next(r for r in rows(dev_plan, 2) if r.cells[0].text == "1.1")
    assert row.cells[3].text == (
        "Tổ chức đào tạo nghề, nâng cao tay nghề cho lao động nông thôn theo nhu cầu của cơ sở"
    )
    assert [c.text for c in row.cells[5:10]] == ["520.000", "400.000", "120.000", "4", "12"]
    assert row.cells[5].bbox is not None


def test_header_repeated_and_page_break_row_kept(dev_plan: SourceDocument) -> None:
    page3 = rows(dev_plan, 3)
    assert page3[0].cells[0].text == "STT"  # the header is repeated on every table page
    body = [r for r in page3[3:]]  # two header rows + the "(1) (2) …" numbering row
    continuation = body[0]
    assert continuation.cells[0].text == ""  # a row cut by the page break: no code, text goes on
    assert continuation.cells[3].text.endswith("các huyện, thành phố")
    assert body[1].cells[0].text == "3"


def test_amounts_text_as_printed(can_tho: SourceDocument) -> None:
    row = next(r for r in rows(can_tho, 2) if r.cells[0].text == "1.1")
    assert [c.text for c in row.cells[7:11]] == ["1.250.000.000", "950.000.000", "300.000.000", "0"]


def test_scanned_pdf_without_text_layer_is_detected() -> None:
    import pdfplumber

    from vnplan.extract.pdf_digital import plumber_page_to_page

    with pdfplumber.open(SAMPLES / "101_quang_nam_2022_khuyen_nong.scan300.pdf") as pdf:
        page, verdict = plumber_page_to_page(pdf.pages[0], 1)
    assert page is None and verdict.reason == "no text layer" and not verdict.has_text


def test_kind_by_magic_bytes(tmp_path: Path) -> None:
    fake = tmp_path / "x.pdf"
    fake.write_text("not a pdf")
    with pytest.raises(InputError) as info:
        file_format(fake)
    assert info.value.exit_code == 1
    renamed = tmp_path / "scan.bin"
    renamed.write_bytes((SAMPLES / "legacy-vni.pdf").read_bytes())
    assert file_format(renamed).kind == "pdf"


def test_side_by_side_header_blocks_become_separate_lines() -> None:
    from vnplan.extract.pdf_digital import Word, split_at_wide_gaps

    words = [Word("TỈNH", 40, 50, 70, 60), Word("HÀ", 73, 50, 85, 60), Word("TĨNH", 88, 50, 110, 60),
             Word("CỘNG", 300, 50, 330, 60), Word("HÒA", 333, 50, 355, 60)]  # fmt: skip
    blocks = split_at_wide_gaps(words)
    assert [[w.text for w in block] for block in blocks] == [["TỈNH", "HÀ", "TĨNH"], ["CỘNG", "HÒA"]]
