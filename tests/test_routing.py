"""Which reader reads a PDF page (``--ocr auto|always|never``, vnplan.extract.routing)."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from vnplan.batch import Options
from vnplan.extract.pdf_digital import plumber_page_to_page
from vnplan.extract.readers import read_source
from vnplan.extract.routing import OcrPolicy

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SCANNER_OCR = SAMPLES / "real" / "danang_sgddt_cv2019_p2_scanner_ocr.pdf"
SIGNED = SAMPLES / "real" / "lamdong_bc329_cchc_2025_p7_p22.pdf"
IMAGE_ONLY = SAMPLES / "pdf" / "103_binh_dinh_2023_xuc_tien_thuong_mai.scan200.pdf"


def verdict_of(path: Path, ocr: OcrPolicy = "auto") -> tuple[str | None, str]:
    with pdfplumber.open(path) as pdf:
        page, verdict = plumber_page_to_page(pdf.pages[0], 1, ocr)
    return (page.route if page else None), verdict.reason


def test_scanner_english_ocr_layer_is_replaced() -> None:
    """A real scan whose scanner wrote an English OCR layer (no diacritics: ``THANH PHO DA NANG``)
    was read as it was; its few diacritics over a page-sized picture send it to OCR."""
    route, reason = verdict_of(SCANNER_OCR)
    assert route is None
    assert "few Vietnamese diacritics" in reason and "scanner's OCR" in reason


def test_never_reads_the_scanner_layer_and_says_why() -> None:
    route, _ = verdict_of(SCANNER_OCR, "never")
    assert route is not None and route.startswith("text layer read (--ocr never), although ")


def test_born_digital_layer_is_kept() -> None:
    route, reason = verdict_of(SIGNED)
    assert route == reason == "text layer kept"


def made_pdf(path: Path, lines: list[str], picture_share: float = 0.0) -> Path:
    """A one-page PDF with Helvetica text and, optionally, a grey picture of that share of the page."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    if picture_share:
        buffer = io.BytesIO()
        Image.new("L", (200, 200), 128).save(buffer, format="PNG")
        side = (picture_share * width * height) ** 0.5
        c.drawImage(ImageReader(buffer), (width - side) / 2, 80, side, side)
    c.setFont("Helvetica", 11)
    y = height - 60
    for line in lines:
        c.drawString(60, y, line)
        y -= 16
    c.showPage()
    c.save()
    return path


ENGLISH = [
    "References",
    "[1] Smith, J. and Brown, K. Deep learning for document analysis. Journal of Imaging, 2021.",
    "[2] Lee, H. Robust table structure recognition with graph networks. Proceedings, 2022.",
]


def test_english_born_digital_page_is_kept(tmp_path: Path) -> None:
    """A born-digital page in English (a report's references) was OCRed as "not Vietnamese"."""
    route, _ = verdict_of(made_pdf(tmp_path / "en.pdf", ENGLISH))
    assert route == "text layer kept"


def test_page_with_a_large_figure_is_kept(tmp_path: Path) -> None:
    """A figure covering half the page with the text beside it is not a scan (it was OCRed because
    the text did not cover the picture)."""
    route, _ = verdict_of(made_pdf(tmp_path / "fig.pdf", ENGLISH, picture_share=0.5))
    assert route == "text layer kept"


def test_layer_covering_part_of_a_scan_is_replaced(tmp_path: Path) -> None:
    """Two lines stamped on a page-sized picture (a signature note on a scan) are not its text."""
    route, reason = verdict_of(made_pdf(tmp_path / "stamp.pdf", ENGLISH[:1], picture_share=0.95))
    assert route is None and reason == "text layer covers only part of a page-sized image"


def test_never_leaves_a_page_without_layer_empty_and_says_so() -> None:
    doc = read_source(IMAGE_ONLY, ocr="never")
    assert [p.route for p in doc.pages] == ["no text layer; not OCRed (--ocr never)"]
    assert doc.pages[0].lines == () and doc.kind == "scanned_pdf"
    assert any("--ocr never" in w for w in doc.warnings)


@pytest.mark.tesseract
def test_always_ocrs_a_born_digital_page() -> None:
    doc = read_source(SAMPLES / "pdf" / "legacy-vni.pdf", ocr="always")
    assert [(p.reader, p.route) for p in doc.pages] == [("tesseract", "OCR of every page (--ocr always)")]
    assert doc.kind == "scanned_pdf"


@pytest.mark.tesseract
def test_auto_ocrs_the_scanner_layer_and_records_why() -> None:
    doc = read_source(SCANNER_OCR)
    assert doc.pages[0].reader == "tesseract"
    assert doc.pages[0].route.endswith("a scanner's OCR; replaced by OCR")
    assert any("read by OCR instead" in w for w in doc.warnings)


def test_cache_key_includes_the_ocr_policy() -> None:
    keys = {Options(ocr=policy).cache_key("1") for policy in ("auto", "always", "never")}
    assert len(keys) == 3


def test_cache_key_includes_the_code_itself(tmp_path: Path) -> None:
    """An upgrade that keeps the version number reuses no output of the code before it."""
    import shutil

    import vnplan
    from vnplan.code_fingerprint import code_fingerprint, fingerprint_of

    assert f"code={code_fingerprint()}" in Options().cache_key("1")
    copy = tmp_path / "vnplan"
    shutil.copytree(Path(vnplan.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert fingerprint_of(copy) == code_fingerprint()
    with (copy / "normalize" / "checks.py").open("a", encoding="utf-8") as changed:
        changed.write("\n# a change\n")
    assert fingerprint_of(copy) != code_fingerprint()


def test_cli_takes_the_policy_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from vnplan.cli import app

    bad = CliRunner().invoke(app, ["extract", str(IMAGE_ONLY), "-o", str(tmp_path), "--ocr", "sometimes"])
    assert bad.exit_code == 2 and "--ocr sometimes: use one of auto, always, never" in bad.stderr
    text = CliRunner().invoke(app, ["text", str(IMAGE_ONLY), "--ocr", "never"])
    assert text.exit_code == 0 and text.stdout.startswith("=== page 1\n")
