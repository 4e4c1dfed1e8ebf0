"""Scanned pages: grid finding and word placement (no Tesseract), and one real OCR run (marked)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest

from tests.ocr_lines import ocr_row
from vnplan.extract.engines import page_engine
from vnplan.extract.errors import EnvironmentProblem
from vnplan.extract.grid import Grid, denoise, deskew, gray_to_grid, masks_to_grid, specks_per_megapixel
from vnplan.extract.model import Line, Reading
from vnplan.extract.ocr import header_slots, number_columns, reread_failed_cells, reread_header_words, words_to_lines
from vnplan.extract.ocr_engine import OcrWord
from vnplan.extract.render import pdf_page_to_gray
from vnplan.extract.tesseract import ensure_tesseract, tsv_to_words

ROOT = Path(__file__).resolve().parent.parent
SCAN = ROOT / "samples" / "pdf" / "101_quang_nam_2022_khuyen_nong.scan300.pdf"
TSV = ROOT / "tests" / "fixtures" / "101_quang_nam_2022_khuyen_nong.scan300.p1.tsv"  # raw Tesseract output


def have_tesseract() -> bool:
    if shutil.which("tesseract") is None:
        return False
    try:
        ensure_tesseract()
    except EnvironmentProblem:
        return False
    return True


class ScriptedEngine:
    """An OcrEngine that reads what a test tells it to, and remembers what it was shown."""

    name = "scripted"

    def __init__(self, lines: list[tuple[str, float]] | None = None, words: list[OcrWord] | None = None) -> None:
        self.lines = list(lines or [])
        self.words = list(words or [])
        self.seen: list[np.ndarray] = []

    def version(self) -> str:
        return "0"

    def read_page(self, image: np.ndarray, *, timeout: float = 0) -> list[OcrWord]:
        self.seen.append(image)
        return self.words

    def read_lines(self, crops: list[np.ndarray], *, charset: str = "", timeout: float = 0) -> list[Reading]:
        self.seen += crops
        return [Reading(*self.lines.pop(0)) for _ in crops]


@cache
def scan_page() -> tuple[np.ndarray, Grid]:
    with pdfium.PdfDocument(str(SCAN)) as pdf:
        gray = pdf_page_to_gray(pdf, 0, 300)
    straight, angle = deskew(gray)
    assert 0.5 <= abs(angle) <= 1.5  # make_samples skews by 0.5–1.5°
    grid, clean = gray_to_grid(straight)
    assert grid is not None
    return clean, grid


def fixture_rows() -> list[Line]:
    _, grid = scan_page()
    lines = words_to_lines(tsv_to_words(TSV.read_text("utf-8")), grid, 1, 300)
    return [line for line in lines if line.is_table_row]


def test_grid_rows_columns_and_merged_header() -> None:
    _, grid = scan_page()
    assert grid.shape == (9, 9)  # 2 header rows + numbering row + 5 body rows + total; 9 columns
    assert grid.anchor[1][0] == (0, 0)  # "STT" spans both header rows
    assert grid.anchor[0][5] == (0, 4)  # "Trong đó" spans its two amount columns
    assert grid.anchor[1][5] == (1, 5)  # … whose own headings are separate


def test_words_placed_into_cells_from_recorded_tsv() -> None:
    rows = fixture_rows()
    assert len(rows) == 9 and {len(r.cells) for r in rows} == {9}
    total = rows[-1]
    assert total.cells[1].text == "TỔNG CỘNG"
    assert [c.text for c in total.cells[3:6]] == ["4.050,8", "2.754,6", "1.296,2"]
    row3 = next(r for r in rows if r.cells[0].text == "3")
    assert [c.text for c in row3.cells[3:8]] == ["180", "120", "60", "8", "10"]
    assert row3.cells[3].confidence is not None and row3.cells[3].bbox is not None


def test_word_straddling_a_column_ruling_is_split() -> None:
    row2 = next(r for r in fixture_rows() if r.cells[0].text == "2")
    assert [c.text for c in row2.cells[5:8]] == ["0", "3", "12"]


def test_number_columns_ignore_header_rows() -> None:
    assert {3, 4, 5, 6, 7} <= number_columns(fixture_rows())


def test_reread_only_failed_cells_of_number_columns() -> None:
    clean, _ = scan_page()
    calls: list[tuple[int, int, int, int]] = []

    def fake_reader(gray: np.ndarray, box: tuple[int, int, int, int]) -> tuple[str, float]:
        calls.append(box)
        return "55,5", 0.95

    rows = fixture_rows()
    damaged = next(r for r in rows if r.cells[0].text == "1")
    bad = damaged.cells[4]
    assert bad.text != "55,5"  # the recorded OCR misread this amount
    out, rereads = reread_failed_cells(rows, clean, fake_reader)
    fixed = next(r for r in out if r.cells[0].text == "1")
    assert fixed.cells[4].text == "55,5" and fixed.cells[4].reread
    # headers and good numbers are never re-read, but for a bare "180" in a column of decimal
    # commas ("38,4"), which may have lost its comma: the fake "55,5" is not taken for it
    bare = [c for r in rows for c in r.cells[3:6] if c.text.isdigit() and 2 <= len(c.text) <= 3]
    assert rereads == len(calls) <= 4 + len(bare)
    assert all(c.reread is False for r in out for c in r.cells if c.text.isdigit())


def test_lost_decimal_comma_is_read_again_and_only_the_comma_may_change() -> None:
    from vnplan.extract.model import Cell

    def row(*texts: str) -> Line:
        cells = tuple(Cell(t, 0.9, (0.0, 0.0, 50.0, 30.0)) for t in texts)
        return Line("\t".join(texts), 1, cells)

    rows = [
        row("1.1", "Tập huấn", "28,3", "7"),
        row("1.2", "Mô hình", "221", "10"),
        row("1.3", "Hội thảo", "36,3", "12"),
    ]
    rows += [row("1.4", "Bản tin", "231", "11")]
    gray = np.full((40, 60), 255, np.uint8)
    reads = iter(["22,1", "24,1"])
    out, rereads = reread_failed_cells(rows, gray, lambda g, box: (next(reads), 0.9))
    assert rereads == 2  # "221" and "231"; the month column has no commas and is left alone
    assert [r.cells[2].text for r in out] == ["28,3", "22,1", "36,3", "231"]  # "24,1" changes a digit
    assert [r.cells[3].text for r in out] == ["7", "10", "12", "11"]


def test_a_row_whose_figures_all_read_as_unsure_words_is_read_again() -> None:
    """Held-out Augraphy (seed 9402 h03): a clean 521 beside a streak read "Bái:" at 0.09 and 292,5
    "Thợ" at 0.21, and with no number in the row it was skipped as a heading: never re-read, never
    read twice. Below the header, cells read as words unsurely are read again; the header above,
    and a heading's or a note's words read surely, are not."""

    rows = [
        ocr_row(("TT", 0.9), ("Nội dung", 0.9), ("Tổng vốn", 0.95), ("Ngân sách", 0.9)),
        ocr_row(("1", 0.9), ("Tập huấn", 0.9), ("28,3", 0.9), ("20,3", 0.9)),
        ocr_row(("2", 0.9), ("Mô hình", 0.9), ("Bái:", 0.09), ("Thợ", 0.21)),
        ocr_row(("3", 0.9), ("Hội thảo", 0.9), ("36,3", 0.9), ("30,1", 0.9)),
        ocr_row(("II", 0.9), ("Chương trình khác", 0.9), ("Không", 0.93), ("", None)),
        ocr_row(("4", 0.9), ("Bản tin", 0.9), ("23,1", 0.9), ("20,2", 0.9)),
    ]
    gray = np.full((40, 60), 255, np.uint8)
    reads = iter([("521", 0.9), ("292,5", 0.9)])
    out, rereads = reread_failed_cells(rows, gray, lambda g, box: next(reads))
    assert rereads == 2
    assert [c.text for c in out[2].cells[2:]] == ["521", "292,5"] and out[2].cells[2].reread
    assert out[0] == rows[0] and out[4] == rows[4]  # the header, and "Không" read surely
    # a dash under specks read as a word, re-read "2" unsurely: no figure is made of it
    reads = iter([("521", 0.9), ("2", 0.0)])
    out, _ = reread_failed_cells(rows, gray, lambda g, box: next(reads))
    assert [c.text for c in out[2].cells[2:]] == ["521", "Thợ"]


def test_row_cut_by_a_page_break_keeps_its_grid_row() -> None:
    # column rulings run 200 px past the last row line (no bottom border under a split row)
    horiz = np.zeros((1000, 1200), np.uint8)
    vert = np.zeros_like(horiz)
    for y in (100, 200, 400):
        horiz[y - 1 : y + 2, 100:1100] = 255
    for x in (100, 300, 700, 1100):
        vert[100:600, x - 1 : x + 2] = 255
    grid = masks_to_grid(horiz, vert)
    assert grid is not None and grid.shape == (3, 3)
    assert abs(grid.ys[-1] - 600) <= 2
    vert[400:600] = 0  # a closed table: nothing added
    grid = masks_to_grid(horiz, vert)
    assert grid is not None and grid.shape == (2, 3)


def _landscape_page(draw: Callable[[Any, Any], None]) -> np.ndarray:
    """A 300 dpi landscape page drawn by ``draw(draw_context, bold_font)``, as a gray image."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (3508, 2480), 255)
    draw(ImageDraw.Draw(image), ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf", 92))
    return np.asarray(image).copy()


def test_the_last_row_of_a_table_alone_on_its_page_is_a_table() -> None:
    """A held-out 300 dpi scan, run once blind (seed 10601 h02): the table's last row ran onto a
    page of its own, one ruled strip across the page, 65 px high on a page 2 480 px high. Taken
    for too small to be a table, it was read as a line of prose and the row was lost. A strip
    across half the page whose column rules span it is a table row; a framed title is not (the
    stems of its capitals, taken for rules, span two thirds of it)."""

    def ruled_row(draw: Any, _font: Any) -> None:
        draw.rectangle([150, 180, 3300, 260], outline=0, width=3)
        for x in (320, 1600, 2000, 2400, 2800):
            draw.line([(x, 180), (x, 260)], fill=0, width=3)

    grid, _ = gray_to_grid(_landscape_page(ruled_row))
    assert grid is not None and grid.shape == (1, 6)

    def framed_title(draw: Any, font: Any) -> None:
        text = "DỰ TOÁN THU CHI NGÂN SÁCH NĂM 2025"
        left, top, right, bottom = draw.textbbox((600, 300), text, font=font)
        draw.text((600, 300), text, font=font, fill=0)
        draw.rectangle([left - 40, top - 8, right + 40, bottom + 8], outline=0, width=3)

    grid, _ = gray_to_grid(_landscape_page(framed_title))
    assert grid is None


def test_unsure_cell_reread_is_tried_again_unscaled() -> None:
    from vnplan.extract.ocr import read_cell

    engine = ScriptedEngine(lines=[("224", 0.0), ("72", 0.73)])  # ×2 first, then as it is
    gray = np.full((200, 300), 255, np.uint8)
    assert read_cell(engine, gray, (0, 0, 300, 100)) == ("72", 0.73)
    assert engine.seen[0].shape[0] > engine.seen[1].shape[0]  # the upscaled crop was read first
    engine = ScriptedEngine(lines=[("38,4", 0.95)])
    assert read_cell(engine, gray, (0, 0, 300, 100)) == ("38,4", 0.95)  # sure at once
    assert len(engine.seen) == 1


def test_only_a_noisy_page_is_denoised() -> None:
    with pdfium.PdfDocument(str(SCAN)) as pdf:
        gray = pdf_page_to_gray(pdf, 0, 300)
    same, denoised = denoise(gray)
    assert same is gray and not denoised
    rng = np.random.default_rng(7)
    noisy = np.clip(gray.astype(np.float32) + rng.normal(0, 18, gray.shape), 0, 255).astype(np.uint8)
    smooth, denoised = denoise(noisy)
    assert denoised
    assert specks_per_megapixel(smooth) < 0.1 * specks_per_megapixel(noisy)


def test_header_slots_are_the_cells_above_the_first_number() -> None:
    _, grid = scan_page()
    slots = header_slots(grid, fixture_rows())
    assert {r for r, _ in slots} == {0, 1, 2}  # two header rows and the "(1) (2) …" row
    assert (0, 4) in slots and (0, 5) not in slots  # "Trong đó" once, at its anchor
    assert header_slots(grid, [row for row in fixture_rows() if not row.cells[3].text[:1].isdigit()][:3]) == []


@pytest.mark.tesseract
@pytest.mark.skipif(not have_tesseract(), reason="needs tesseract with the 'vie' language data")
def test_header_cells_read_apart_are_column_names() -> None:
    # the page pass (recorded TSV) reads 'Ghi IÊN Ghủ' and 'SP” ĐĐIỨP King sen túi thụ hưởng'
    clean, grid = scan_page()
    page_words = tsv_to_words(TSV.read_text("utf-8"))
    words = reread_header_words(page_words, grid, header_slots(grid, fixture_rows()), clean, page_engine())
    header = [line for line in words_to_lines(words, grid, 1, 300) if line.is_table_row][:2]
    assert [c.text for c in header[0].cells][:4] == ["STT", "Nội dung", "Đơn vị thực hiện", "Tổng KP thực hiện"]
    assert header[0].cells[8].text == "Ghi chú"
    assert header[1].cells[5].text == "Đối ứng của đơn vị thụ hưởng"


@pytest.mark.tesseract
@pytest.mark.skipif(not have_tesseract(), reason="needs tesseract with the 'vie' language data")
def test_ocr_of_generated_scan_finds_rows_and_amounts() -> None:
    from vnplan.extract.readers import read_source

    doc = read_source(SCAN)
    assert doc.kind == "scanned_pdf" and doc.pages[0].reader == "tesseract"
    rows = [line for line in doc.pages[0].lines if line.is_table_row]
    assert len(rows) == 9
    total = rows[-1]
    assert [c.text for c in total.cells[3:6]] == ["4.050,8", "2.754,6", "1.296,2"]
    amounts = [c.text for r in rows[3:] for c in r.cells[3:6]]
    expected = ["38,4", "38,4", "0", "180", "120", "60", "79,5", "79,5", "0", "55,5", "55,5", "0"]
    expected += ["24", "24", "0", "4.050,8", "2.754,6", "1.296,2"]
    assert sum(a == e for a, e in zip(amounts, expected, strict=True)) >= 16


def test_missing_vietnamese_data_is_an_environment_problem_for_the_command(monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract

    from vnplan.extract import tesseract

    monkeypatch.setenv(tesseract.ENGINE_VARIABLE, "command")
    monkeypatch.setattr(pytesseract, "get_tesseract_version", lambda: "5.3.0")
    monkeypatch.setattr(pytesseract, "get_languages", lambda config="": ["eng", "osd"])
    ensure_tesseract.cache_clear()
    tesseract._uses_library.cache_clear()
    try:
        with pytest.raises(EnvironmentProblem) as info:
            ensure_tesseract()
        assert info.value.exit_code == 2 and "tesseract-ocr-vie" in info.value.hint
    finally:
        ensure_tesseract.cache_clear()
        tesseract._uses_library.cache_clear()


@pytest.mark.tesseract
def test_a_language_the_library_lacks_is_an_environment_problem() -> None:
    from vnplan.extract import tesseract

    try:
        with pytest.raises(EnvironmentProblem) as info:
            ensure_tesseract("xqz")  # no such traineddata anywhere
        assert "'xqz'" in str(info.value) and "tesseract-ocr-vie" in info.value.hint
    finally:
        ensure_tesseract.cache_clear()
        tesseract._uses_library.cache_clear()


def test_without_libtesseract_the_command_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    from vnplan.extract import tesseract
    from vnplan.extract.tesseract_library import LibraryUnavailable

    def unavailable(lang: str, datapath: str | None = None) -> None:
        raise LibraryUnavailable("libtesseract not found")

    monkeypatch.delenv(tesseract.ENGINE_VARIABLE, raising=False)
    monkeypatch.setattr(tesseract, "engine", unavailable)
    tesseract._uses_library.cache_clear()
    try:
        assert tesseract._uses_library("vie") is False
        monkeypatch.setenv(tesseract.ENGINE_VARIABLE, "library")  # asked for by name: an error instead
        tesseract._uses_library.cache_clear()
        with pytest.raises(EnvironmentProblem, match="libtesseract could not be loaded"):
            tesseract._uses_library("vie")
    finally:
        tesseract._uses_library.cache_clear()


@pytest.mark.tesseract
def test_library_and_command_read_a_page_alike() -> None:
    """The two engines are the same Tesseract: the same words in the same boxes."""
    from vnplan.extract import tesseract

    ensure_tesseract()
    with pdfium.PdfDocument(str(SCAN)) as pdf:
        gray = pdf_page_to_gray(pdf, 0, 300)
    if not tesseract._uses_library("vie"):
        pytest.skip("libtesseract is not loadable here")
    by_library = tsv_to_words(tesseract.image_to_tsv(gray, psm=6))
    by_command = tsv_to_words(tesseract.command_to_tsv(gray, psm=6, whitelist="", timeout=120))
    assert len(by_library) > 50
    assert [(w.text, round(w.x0), round(w.top)) for w in by_library] == [
        (w.text, round(w.x0), round(w.top)) for w in by_command
    ]
    digits = tsv_to_words(tesseract.image_to_tsv(gray[:400, :], psm=6, whitelist="0123456789"))
    assert all(w.text.isdigit() for w in digits)


def test_ocr_boxes_of_a_pdf_page_are_given_in_points() -> None:
    from vnplan.extract.model import Cell, Line, Page
    from vnplan.extract.readers import page_in_points

    page = Page(1, "tesseract", (Line("1\t2", 1, (Cell("1", bbox=(300, 600, 600, 900)), Cell("2"))),), 2480, 3508)
    converted = page_in_points(page, dpi=300)
    assert converted.lines[0].cells[0].bbox == (72.0, 144.0, 144.0, 216.0)
    assert converted.lines[0].cells[1].bbox is None
    assert round(converted.width or 0) == 595 and round(converted.height or 0) == 842  # A4 in points


def test_a_page_without_a_table_is_read_with_its_lines_intact() -> None:
    """Erasing rulings is for tables: on a letter it cuts underlined text (real scan: CER 0.090 -> 0.116)."""
    import numpy as np

    from vnplan.extract import ocr

    page = np.full((600, 800), 255, dtype=np.uint8)
    page[300:303, 100:700] = 0  # an underline, not a table
    engine = ScriptedEngine()
    ocr.gray_to_page(page, 1, 300, engine=engine, second=ScriptedEngine())
    assert engine.seen and (engine.seen[0][300:303, 100:700] < 128).mean() > 0.9


def test_a_row_that_does_not_add_up_is_re_read_and_kept_only_if_it_then_adds_up() -> None:
    import numpy as np

    from vnplan.extract.model import Cell, Line
    from vnplan.extract.ocr import reread_rows_that_do_not_add_up

    def row(code: str, *amounts: str) -> Line:
        cells = [Cell(code, bbox=(0, 0, 10, 10))]
        cells += [Cell(a, bbox=(10 * (i + 1), 0, 10 * (i + 2), 10)) for i, a in enumerate(amounts)]
        return Line("\t".join(c.text for c in cells), 1, tuple(cells))

    lines = [row("1", "100.000", "60.000", "40.000"), row("2", "395,9", "20,5", "15"), row("3", "80", "50", "30")]
    truth = {10: "35,5"}  # the reader sees the misread cell (first amount column) correctly

    def reader(gray: np.ndarray, box: tuple[int, int, int, int]) -> tuple[str, float]:
        return truth.get(box[0], "999"), 0.9

    out, used = reread_rows_that_do_not_add_up(lines, np.zeros((10, 60), np.uint8), reader, budget=60)
    assert [c.text for c in out[0].cells] == ["1", "100.000", "60.000", "40.000"]  # adds up: untouched
    assert out[1].cells[1].text == "35,5" and out[1].cells[1].reread
    assert used == 1


@pytest.mark.tesseract
def test_tesseract_remarks_stay_off_the_terminal() -> None:
    """In the library Tesseract prints remarks ("Empty page!!", "Estimating resolution as …") and,
    at exit, "LEAK!" lines to the process's stderr, between vnplan's own messages: kept off it."""
    import subprocess
    import sys

    script = (
        "import pypdfium2 as pdfium\n"
        "from vnplan.extract.render import pdf_page_to_gray\n"
        "from vnplan.extract.tesseract import image_to_tsv\n"
        f"gray = pdf_page_to_gray(pdfium.PdfDocument({str(SCAN)!r}), 0, 300)\n"
        "image_to_tsv(gray, psm=3)\n"  # page segmentation: Tesseract estimates the resolution aloud
        "print('done')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "done", done.stderr
    assert done.stderr == ""


@pytest.mark.tesseract
def test_a_read_that_runs_past_its_deadline_is_an_input_error() -> None:
    """The library honours the deadline (Tesseract's own monitor); the page then becomes an empty
    page with a warning, as with the command's timeout."""
    import time

    from vnplan.extract.errors import InputError
    from vnplan.extract.tesseract import image_to_tsv

    with pdfium.PdfDocument(str(SCAN)) as pdf:
        gray = pdf_page_to_gray(pdf, 0, 300)
    started = time.monotonic()
    with pytest.raises(InputError, match=r"0\.05 s"):
        image_to_tsv(gray, psm=6, timeout=0.05)
    assert time.monotonic() - started < 5


def searchable_scan(src: Path, out: Path, dpi: int = 300) -> None:
    """What a scanner with built-in OCR writes: each page a picture, with the text kept as a layer
    but none of the table's rulings as lines (they are pixels of the picture)."""
    pdf = pdfium.PdfDocument(str(src))
    for index in range(len(pdf)):
        page = pdf[index]
        picture = page.render(scale=dpi / 72, grayscale=True).to_pil()
        for obj in list(page.get_objects()):
            if obj.type == pdfium.raw.FPDF_PAGEOBJ_PATH:
                page.remove_obj(obj)
        image = pdfium.PdfImage.new(pdf)
        image.set_bitmap(pdfium.PdfBitmap.from_pil(picture))
        width, height = page.get_size()
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        page.insert_obj(image)  # on top: the text lies under the picture, as in a searchable scan
        page.gen_content()
    pdf.save(str(out))
    pdf.close()


@pytest.mark.tesseract
def test_a_searchable_scan_keeps_its_table(tmp_path: Path) -> None:
    """Read from the scanner's text layer, the table's rows would be loose text and be lost (3 of 11
    items were left); the ruled table in the picture sends the page to OCR instead, with a warning."""
    import json

    from tests.scoring import score_document
    from vnplan import extract_document

    stem = "103_binh_dinh_2023_xuc_tien_thuong_mai"
    path = tmp_path / f"{stem}.searchable.pdf"
    searchable_scan(ROOT / "samples" / "pdf" / f"{stem}.pdf", path)
    document = extract_document(path)
    assert any("scanned table whose rulings it lacks" in f.message for f in document.findings)
    truth = json.loads((ROOT / "samples" / "truth" / f"{stem}.truth.json").read_text(encoding="utf-8"))
    score = score_document(json.loads(document.model_dump_json()), truth)
    assert score.rows_found == score.rows_expected == score.rows_matched, score.summary()
    assert score.amounts_exact == score.amounts_total, score.summary()


@pytest.mark.tesseract
def test_pdfminer_remarks_stay_off_the_terminal(tmp_path: Path) -> None:
    """pdfminer warns about fonts such a file embeds ("Could not get FontBBox …"): nothing a user can
    act on, so only --verbose shows it."""
    import subprocess
    import sys

    stem = "103_binh_dinh_2023_xuc_tien_thuong_mai"
    path = tmp_path / f"{stem}.searchable.pdf"
    searchable_scan(ROOT / "samples" / "pdf" / f"{stem}.pdf", path)
    command = [sys.executable, "-m", "vnplan.cli", "extract", str(path), "-o", str(tmp_path / "out"), "--jobs", "1"]
    quiet = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert quiet.returncode in (0, 1) and "pdfminer" not in quiet.stderr, quiet.stderr
    verbose = subprocess.run([*command, "--force", "-v"], capture_output=True, text=True, timeout=300)
    assert "pdfminer" in verbose.stderr  # the file does trigger them: the test is not vacuous


def test_words_keep_tesseracts_lines_on_a_skewed_page() -> None:
    """Two neighbouring lines of a page skewed by ~1°: a word at the right end of the upper line
    sits lower than the first word of the lower one. Grouping by height shuffled them
    ("Quốc về hội"); Tesseract's own line numbers keep each line whole and in order."""
    from vnplan.extract.ocr import words_to_text_lines
    from vnplan.extract.tesseract import OcrWord

    def word(text: str, x: float, y: float, line: int) -> OcrWord:
        return OcrWord(text, x, y, x + 80, y + 30, 0.9, (1, 1, line))

    upper = [word("của", 100, 100, 1), word("Quốc", 1200, 118, 1), word("hội", 1300, 120, 1), word("về", 1400, 122, 1)]
    lower = [word("phê", 100, 115, 2), word("duyệt", 200, 117, 2)]  # its words sit up by the skew
    lines = words_to_text_lines(lower + upper)
    assert [" ".join(w.text for w in line) for line in lines] == ["của Quốc hội về", "phê duyệt"]


def test_a_code_misread_as_a_word_is_read_again_with_code_characters_only() -> None:
    from vnplan.extract.model import Cell
    from vnplan.extract.ocr import reread_code_cells

    def row(*texts: str, y: float) -> Line:
        cells = tuple(Cell(t, 0.9, (50.0 * i, y, 50.0 * i + 50, y + 40)) for i, t in enumerate(texts))
        return Line("\t".join(texts), 1, cells)

    rows = [
        row("1", "Tập huấn", "28,3", y=0),
        row("Kẻ", "Hội chợ", "180", y=40),  # a lone "2" read as a word
        row("3", "Tổng kết", "24", y=80),
        row("4", "Kiểm tra", "55,5", y=120),
        row("", "TỔNG CỘNG", "287,8", y=160),  # no code and no ink: not re-read
    ]
    gray = np.full((200, 200), 255, np.uint8)
    gray[50:70, 15:35] = 0  # the "2" in the second row's code cell
    calls: list[tuple[int, int, int, int]] = []

    def fake_reader(image: np.ndarray, box: tuple[int, int, int, int]) -> tuple[str, float]:
        calls.append(box)
        return "2", 0.9

    out, used = reread_code_cells(rows, gray, fake_reader, budget=10)
    assert [line.cells[0].text for line in out] == ["1", "2", "3", "4", ""]
    assert out[1].cells[0].reread and used == len(calls) == 1


def test_a_header_row_whose_code_cell_reads_as_a_dash_is_no_body_row() -> None:
    """A 200 dpi noisy scan (held-out scan200_noise): the header's "TT" read "-" (a dash is a
    number, nothing); with the code column counted among the number columns, the dash made the
    header a body row, its "TT" was read again as the code "I", and the header became data."""
    from vnplan.extract.model import Cell
    from vnplan.extract.ocr import reread_code_cells

    def row(*texts: str, y: float) -> Line:
        cells = tuple(Cell(t, 0.9, (50.0 * i, y, 50.0 * i + 50, y + 40)) for i, t in enumerate(texts))
        return Line("\t".join(texts), 1, cells)

    rows = [
        row("-", "Tên nhiệm vụ", "Tổng kinh phí", y=0),
        row("1", "Tập huấn", "28,3", y=40),
        row("2", "Hội chợ", "180", y=80),
        row("3", "Tổng kết", "24", y=120),
        row("4", "Kiểm tra", "-", y=160),
    ]
    gray = np.full((200, 200), 255, np.uint8)
    gray[10:30, 15:35] = 0  # the "TT" in the header's code cell

    def fake_reader(image: np.ndarray, box: tuple[int, int, int, int]) -> tuple[str, float]:
        return "I", 0.9

    out, used = reread_code_cells(rows, gray, fake_reader, budget=10)
    assert out[0].cells[0].text == "-" and used == 0


def test_garbled_faint_code_cells_are_read_again_in_the_narrow_first_column() -> None:
    """Held-out seed 10201 h07: streaks garbled most code cells of a page ("p1", "là 5...", marks),
    so that its total column, whose "490.217" reads as a code of two levels, was taken for the
    codes' and its figures "re-read" as codes; on its last page, two rows long, no column was
    found at all, and the faded "6" and "7" (gray 160 on paper at 235) counted as no ink. The
    narrow first column is the codes'; grouped figures are amounts; faded print is print, its
    re-reading taken where sure (show-through on thin paper is as faint)."""
    from vnplan.extract.model import Cell
    from vnplan.extract.ocr import reread_code_cells

    widths = (60, 600, 120, 120)  # code, title, total, provincial budget

    def row(*texts: str, y: float) -> Line:
        edges = np.cumsum((0, *widths)).astype(float)
        cells = tuple(Cell(t, 0.4, (edges[i], y, edges[i + 1], y + 80)) for i, t in enumerate(texts))
        return Line("\t".join(texts), 1, cells)

    rows = [
        row("_G'", "Phân tích chỉ tiêu", "619.811", "248.012", y=0),
        row("p1", "Kiểm tra việc duy trì", "132.216", "132.216", y=80),
    ]
    gray = np.full((160, sum(widths)), 235, np.uint8)
    gray[30:50, 25:35] = gray[110:130, 25:35] = 160  # the faded "6" and "7"
    calls: list[tuple[int, int, int, int]] = []

    def fake_reader(image: np.ndarray, box: tuple[int, int, int, int]) -> tuple[str, float]:
        calls.append(box)
        return ("6", 0.99) if box[1] == 0 else ("7", 0.97)

    out, used = reread_code_cells(rows, gray, fake_reader, budget=10)
    assert [line.cells[0].text for line in out] == ["6", "7"] and used == 2
    assert all(box[0] == 0 for box in calls)  # the code cells, never the amounts
    assert [line.cells[2].text for line in out] == ["619.811", "132.216"]

    def unsure_reader(image: np.ndarray, box: tuple[int, int, int, int]) -> tuple[str, float]:
        return "I", 0.0  # show-through or a faint stroke read as a heading's numeral

    out, used = reread_code_cells(rows, gray, unsure_reader, budget=10)
    assert [line.cells[0].text for line in out] == ["_G'", "p1"] and used == 2  # faint ink: sure readings only


def test_an_empty_amount_cell_with_show_through_is_not_read_again() -> None:
    """A review's case: thin paper, the back page's print showing through at gray 180 on paper at
    235. A blank amount cell is blank: re-read, Tesseract read such a cell "01", and an empty
    cell's re-read is taken at any confidence. Amount cells count dark print only."""
    from vnplan.extract.model import Cell
    from vnplan.extract.ocr import reread_failed_cells

    edges = np.cumsum((0, 60, 400, 200, 200)).astype(float)

    def row(y: int, *texts: str) -> Line:
        cells = tuple(Cell(t, 0.9, (edges[i], y, edges[i + 1], y + 80)) for i, t in enumerate(texts))
        return Line("\t".join(texts), 1, cells)

    rows = [row(80 * i, str(i + 1), "Việc", "1.250.000", "250.000") for i in range(4)]
    rows.append(row(320, "5", "Việc E", "1.000.000", ""))
    gray = np.full((400, int(edges[-1])), 235, np.uint8)
    gray[345:375, 700:780:6] = 180  # show-through strokes in the blank cell
    calls = []

    def reader(image: np.ndarray, box: tuple[int, int, int, int]) -> tuple[str, float]:
        calls.append(box)
        return "01", 0.0

    out, _ = reread_failed_cells(rows, gray, reader)
    assert out[4].cells[3].text == "" and not calls


def test_a_code_cell_tesseract_cannot_read_is_read_by_the_third_reader_where_it_is_sure() -> None:
    """PP-OCR reads the lone codes Tesseract leaves without one ("7" read "p1"): its reading is
    taken at 0.9 and more, and only a number or a letter, since beside a cell's rule it reads the
    rule as one more stroke ("III" for II); never over a code Tesseract read."""
    from vnplan.extract.model import Reading
    from vnplan.extract.ocr import code_cell_reader

    class Engine:
        def __init__(self, text: str, confidence: float) -> None:
            self.reading = Reading(text, confidence)

        def read_lines(self, crops: list[np.ndarray], *, charset: str = "", timeout: float = 0.0) -> list[Reading]:
            return [self.reading for _ in crops]

    gray = np.full((60, 60), 255, np.uint8)
    box = (0, 0, 60, 60)
    unread = Engine("", 0.0)
    assert code_cell_reader(unread, Engine("7", 0.97))(gray, box) == ("7", 0.97)  # type: ignore[arg-type]
    assert code_cell_reader(unread, Engine("III", 0.95))(gray, box)[0] == ""  # type: ignore[arg-type]
    assert code_cell_reader(unread, Engine("7", 0.6))(gray, box)[0] == ""  # type: ignore[arg-type]
    # a code Tesseract read, however unsurely, is kept: given a tall cell, PP-OCR lost 1.1.2's dots
    unsure = Engine("1.1.2", 0.55)
    assert code_cell_reader(unsure, Engine("112", 0.9))(gray, box)[0] == "1.1.2"  # type: ignore[arg-type]


def test_skew_from_rulings_not_from_the_scanners_margin_or_a_signature() -> None:
    """A real scan (BCA 4214) has a dark band along the sheet's bottom edge that slopes with the sheet,
    and a signature's long stroke: taken for rulings, they turned straight letter pages by 2–4°."""
    from vnplan.extract.grid import gray_to_skew

    h, w = 3508, 2480  # a letter page at 300 dpi: no rulings at all
    page = np.full((h, w), 255, np.uint8)
    band = np.array([[0, h - 90], [w - 1, h - 10], [w - 1, h - 1], [0, h - 1]], dtype=np.int32)  # sloped ~1.8°
    cv2.fillPoly(page, [band], 40)
    xs = np.arange(w // 2, w // 2 + w // 6)
    stroke = np.stack([xs, (h * 0.8 + 0.07 * (xs - xs[0]) + 12 * np.sin(xs / 25)).astype(int)], axis=1)  # 4°, wavy
    cv2.polylines(page, [stroke.astype(np.int32)], False, 0, 5)
    assert gray_to_skew(page) == 0.0
    # a printed rule still counts
    cv2.line(page, (300, 1000), (2100, 1000 + round(1800 * np.tan(np.radians(0.8)))), 0, 3)
    assert gray_to_skew(page) == pytest.approx(0.8, abs=0.05)


def test_unsure_large_print_is_tried_again_reduced() -> None:
    """A 300 dpi scan of 12 pt print: "772,7" read "172,7" at 0.44 as cut (and binarised),
    "772,7" at 0.95 at some 16 px high; small print gets no reduced look."""
    from vnplan.extract.ocr import read_cell

    gray = np.full((120, 320), 255, np.uint8)
    for x in range(30, 280, 50):
        gray[30:63, x : x + 30] = 0  # glyphs 33 px high
    engine = ScriptedEngine(lines=[("1727", 0.0), ("172,7", 0.44), ("172,7", 0.3), ("772,7", 0.95)])
    assert read_cell(engine, gray, (0, 0, 320, 120)) == ("772,7", 0.95)
    # ×2, as cut, binarised (×2), reduced to 16/33
    assert [crop.shape[0] for crop in engine.seen] == [216, 108, 216, 52]
    # a seal's ink, read unsure reduced
    engine = ScriptedEngine(lines=[("", 0.0), ("x", 0.0), ("", 0.0), ("0", 0.0)])
    assert read_cell(engine, gray, (0, 0, 320, 120)) == ("x", 0.0)  # no number: the cell stays unread
    small = np.full((120, 320), 255, np.uint8)
    small[30:46, 30:280:40] = 0  # glyphs 16 px high
    engine = ScriptedEngine(lines=[("1727", 0.0), ("172,7", 0.44), ("1727", 0.1)])
    assert read_cell(engine, small, (0, 0, 320, 120)) == ("172,7", 0.44)
    assert len(engine.seen) == 3  # ×2, as cut, binarised: no reduced look


def test_a_cell_past_its_deadline_is_read_again_not_the_page_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out seed 11601 h01, run beside other jobs: one cell crop of page 4 failed in Tesseract
    ("gave up after 20 s or refused the image"), and the error cost the whole page (16 rows). A
    crop stopped by its deadline is read once more, within the time the call's re-reads have left;
    one refused at once, or with no such time left, is the page's error as before. The crops
    themselves keep their own deadline each, however long the call takes (a page of cells)."""
    from vnplan.extract import tesseract
    from vnplan.extract.errors import InputError
    from vnplan.extract.tesseract_library import TSV_HEADER

    clock = [0.0]
    monkeypatch.setattr(tesseract.time, "monotonic", lambda: clock[0])
    deadlines: list[float] = []

    def scripted(outcomes: list[str | float]) -> None:
        """Each call: "slow" runs to its deadline and fails, "refused" fails at once, a number of
        seconds reads "3.450" in that time."""

        def read(self: object, image: np.ndarray, psm: int, whitelist: str, timeout: float) -> str:
            deadlines.append(timeout)
            outcome = outcomes.pop(0)
            if isinstance(outcome, str):
                clock[0] += timeout if outcome == "slow" else 0.1
                raise InputError("Tesseract gave up after 20 s or refused the image", hint="try a lower --dpi")
            clock[0] += outcome
            return TSV_HEADER + "5\t1\t1\t1\t1\t1\t20\t20\t60\t20\t91.0\t3.450\n"

        deadlines.clear()
        monkeypatch.setattr(tesseract.TesseractEngine, "_tsv", read)

    crop = np.full((30, 80), 255, np.uint8)
    cell = tesseract.CELL_TIMEOUT_S
    scripted(["slow", 1.0])
    (reading,) = tesseract.TesseractEngine().read_lines([crop], timeout=60)
    assert reading.text == "3.450" and deadlines == [cell, 60]
    scripted(["refused"])
    with pytest.raises(InputError):
        tesseract.TesseractEngine().read_lines([crop], timeout=60)
    assert len(deadlines) == 1
    scripted(["slow", float(cell), "slow"])  # the first re-read takes the call's whole re-read time
    with pytest.raises(InputError):
        tesseract.TesseractEngine().read_lines([crop, crop], timeout=cell)
    assert deadlines == [cell, cell, cell]
    scripted([15.0] * 5)  # five crops, 75 s together, past the call's 60 s: each within its own
    readings = tesseract.TesseractEngine().read_lines([crop] * 5, timeout=60)
    assert [r.text for r in readings] == ["3.450"] * 5 and deadlines == [cell] * 5
