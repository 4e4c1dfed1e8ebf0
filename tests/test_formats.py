"""One place decides what a file is (vnplan.extract.formats): content first, then name.

Preflight, the readers and the batch all follow it: a PDF with junk before ``%PDF-`` passed
preflight, then the reader refused it as "not a PDF"; renamed files are read as what they hold,
with a warning; what vnplan cannot read is one line naming the fix.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from tests.test_extract_docx import export_to_docx
from tests.test_extract_xlsx import export_to_xlsx
from tests.test_hostile import line_for, run
from vnplan import extract_document
from vnplan.extract.errors import InputError
from vnplan.extract.formats import file_format
from vnplan.extract.readers import read_source
from vnplan.pipeline import read_source_file

ROOT = Path(__file__).resolve().parent.parent
LEGACY_PDF = ROOT / "samples" / "pdf" / "legacy-vni.pdf"
PLAN_PDF = ROOT / "samples" / "pdf" / "103_binh_dinh_2023_xuc_tien_thuong_mai.pdf"
PLAN_TXT = ROOT / "samples" / "text" / "103_binh_dinh_2023_xuc_tien_thuong_mai.txt"
FIRST_LINE = "Kế hoạch khuyến công tỉnh Đồng Nai năm 2020"


def junk_prefixed(path: Path) -> Path:
    """What a careless download or mail gateway writes: a few bytes before ``%PDF-`` (the PDF
    specification lets a reader look for the header within the first kilobyte)."""
    path.write_bytes(b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n" + LEGACY_PDF.read_bytes())
    return path


def test_junk_before_the_pdf_header_is_read(tmp_path: Path) -> None:
    path = junk_prefixed(tmp_path / "letter.pdf")
    assert file_format(path).kind == "pdf"
    for source in (read_source_file(path), read_source(path)):  # preflight + readers, and the readers alone
        assert source.pages[0].lines[0].text == FIRST_LINE
        assert source.warnings == []


def test_pdf_named_txt_is_read_as_a_pdf_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN_PDF.read_bytes())
    document = extract_document(path)
    assert document.source.kind == "digital_pdf"
    assert len(document.items) == 11
    assert any("named .txt but holds a PDF; read as a PDF" in f.message for f in document.findings)


def test_png_named_pdf_is_read_as_an_image(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    Image.new("L", (400, 300), 255).save(path, format="PNG")
    source = read_source_file(path, ocr="never")  # the routing is what is tested here, not Tesseract
    assert source.kind == "image"
    assert source.warnings[0] == "named .pdf but holds a PNG image; read as an image"


def test_word_file_named_xlsx_is_read_as_word(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    export_to_docx(PLAN_TXT, tmp_path / "plan.docx")
    (tmp_path / "plan.docx").rename(path)
    document = extract_document(path)
    assert document.source.kind == "docx" and len(document.items) == 11
    assert any("named .xlsx but holds a Word document; read as a Word document" in f.message for f in document.findings)


def test_excel_file_without_extension_is_read_as_excel(tmp_path: Path) -> None:
    export_to_xlsx(PLAN_TXT, tmp_path / "plan.xlsx")
    path = tmp_path / "plan"
    (tmp_path / "plan.xlsx").rename(path)
    assert file_format(path).kind == "xlsx"
    assert len(extract_document(path).items) == 11


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("name", "content", "says", "fix"),
    [
        (
            "report.pdf",
            b"{\\rtf1\\ansi Ke hoach}",
            "is named .pdf but holds an RTF document",
            "save or export it as PDF",
        ),
        ("plan.pdf", b"<!DOCTYPE html><html><body>404</body></html>", "holds a web page (HTML)", "download"),
        ("notes.pdf", b"just some text, no PDF at all", "holds no PDF data", "rename it to .txt"),
        ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "old Office file", "save or export it as PDF"),
        ("data.csv", b"a,b\n1,2\n", "unsupported file type '.csv'", "give a PDF"),
    ],
)
def test_what_vnplan_cannot_read_is_one_line_naming_the_fix(
    tmp_path: Path, name: str, content: bytes, says: str, fix: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        extract_document(path)
    assert says in str(caught.value) and fix in caught.value.hint
    code, stderr = run(str(path), "-o", str(tmp_path / "out"))
    assert code == 1 and says in line_for(stderr, name)


def test_powerpoint_named_docx_names_the_fix(tmp_path: Path) -> None:
    path = _zip(tmp_path / "slides.docx", {"ppt/presentation.xml": "<p:presentation/>"})
    with pytest.raises(InputError) as caught:
        extract_document(path)
    assert "holds a PowerPoint presentation" in str(caught.value) and "save it as .docx or PDF" in caught.value.hint


def test_a_broken_misnamed_file_says_both(tmp_path: Path) -> None:
    """A PNG signature over garbage, named .pdf: what it is and that it is damaged, in one line."""
    path = tmp_path / "image.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(InputError) as caught:
        extract_document(path)
    assert str(caught.value).startswith("named .pdf but holds a PNG image, and the image is damaged")


def test_batch_folder_search_uses_the_same_names(tmp_path: Path) -> None:
    """The batch picks up, from a folder, the names the format module reads (.xlsm, .tsv included)."""
    from vnplan.batch import expand_inputs
    from vnplan.extract.formats import SUPPORTED_SUFFIXES

    for suffix in sorted(SUPPORTED_SUFFIXES):
        (tmp_path / f"doc{suffix}").write_bytes(b"x")
    (tmp_path / "notes.md").write_bytes(b"x")
    files, missing = expand_inputs([str(tmp_path)])
    assert sorted(p.suffix for p in files) == sorted(SUPPORTED_SUFFIXES) and not missing


def test_renamed_files_in_a_batch_are_converted(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "plan.txt").write_bytes(PLAN_PDF.read_bytes())
    junk_prefixed(inputs / "letter.pdf")
    code, stderr = run(str(inputs), "-o", str(tmp_path / "out"))
    document = json.loads((tmp_path / "out" / "plan.json").read_text(encoding="utf-8"))
    assert document["source"]["kind"] == "digital_pdf" and len(document["items"]) == 11
    assert "not a PDF" not in stderr  # the junk-prefixed letter is read (it fails only for having no table)
    assert "no budget table" in line_for(stderr, "letter.pdf")
    assert code == 1
