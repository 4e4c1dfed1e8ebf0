"""Page images of PDF pages: a page that is one stored scan at the render resolution gives that
scan's pixels as stored; every other page is rendered."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from vnplan.extract.render import pdf_page_to_image, stored_scan

SMALL_300DPI = (600, 800)  # a 2 × 2.67 inch page: small, so the test stays fast


def noise_scan(size: tuple[int, int], colour: bool = False, seed: int = 0) -> Image.Image:
    """A picture whose every pixel differs from its neighbours, so any resampling shows."""
    width, height = size
    rng = np.random.default_rng(seed)
    shape = (height, width, 3) if colour else (height, width)
    return Image.fromarray(rng.integers(0, 256, size=shape, dtype=np.uint8))


def scanned_pdf(path: Path, picture: Image.Image, dpi: float, text_mode: int | None = None) -> Path:
    """A PDF page the size of ``picture`` at ``dpi`` holding the picture, losslessly (Flate), as
    a scanner writes it; with ``text_mode``, a line of text drawn over it in that mode (3:
    invisible, as a scanner's OCR layer is)."""
    width_pt, height_pt = 72 * picture.width / dpi, 72 * picture.height / dpi
    sheet = canvas.Canvas(str(path), pagesize=(width_pt, height_pt))
    sheet.drawImage(ImageReader(picture), 0, 0, width=width_pt, height=height_pt)
    if text_mode is not None:
        line = sheet.beginText(72, 72)
        line.setTextRenderMode(text_mode)
        line.textLine("Ke hoach 2024")
        sheet.drawText(line)
    sheet.save()
    return path


def stored_pixels(path: Path, dpi: int = 300) -> np.ndarray | None:
    with pdfium.PdfDocument(str(path)) as pdf:
        page = pdf[0]
        found = stored_scan(page, dpi)
        page.close()
        return None if found is None else found.image


@pytest.mark.parametrize("colour", [False, True])
def test_a_scan_at_the_render_resolution_is_taken_as_stored(tmp_path: Path, colour: bool) -> None:
    picture = noise_scan(SMALL_300DPI, colour)
    pdf = scanned_pdf(tmp_path / "scan.pdf", picture, 300)
    with pdfium.PdfDocument(str(pdf)) as document:
        image = pdf_page_to_image(document, 0, 300)
    expected = np.asarray(picture)
    if colour:
        expected = expected[..., ::-1]  # BGR, as rendered colour pages are
    # the picture's own pixels, not resampled onto a bitmap a pixel wider
    assert image.image.shape == expected.shape
    assert np.array_equal(image.image, expected)
    assert image.dpi == pytest.approx(300, abs=0.5) and image.source_dpi == pytest.approx(300, abs=0.5)


def test_a_scan_at_another_resolution_is_rendered(tmp_path: Path) -> None:
    """A 200 dpi scan is drawn at 300 dpi by the renderer (and the upscaling put on record)."""
    pdf = scanned_pdf(tmp_path / "scan200.pdf", noise_scan((400, 533)), 200)
    assert stored_pixels(pdf) is None
    with pdfium.PdfDocument(str(pdf)) as document:
        image = pdf_page_to_image(document, 0, 300)
    assert abs(image.image.shape[1] - 600) <= 1 and abs(image.image.shape[0] - 800) <= 1
    assert image.source_dpi == pytest.approx(200, abs=0.5)


def test_a_scan_under_an_invisible_ocr_layer_is_taken_as_stored(tmp_path: Path) -> None:
    assert stored_pixels(scanned_pdf(tmp_path / "layer.pdf", noise_scan(SMALL_300DPI), 300, text_mode=3)) is not None


def test_a_scan_with_visible_text_drawn_over_it_is_rendered(tmp_path: Path) -> None:
    """Whatever else the page draws must be in the page image: such a page is rendered."""
    assert stored_pixels(scanned_pdf(tmp_path / "stamped.pdf", noise_scan(SMALL_300DPI), 300, text_mode=0)) is None


def test_a_born_digital_page_is_rendered(tmp_path: Path) -> None:
    path = tmp_path / "digital.pdf"
    sheet = canvas.Canvas(str(path))
    sheet.drawString(72, 720, "Ke hoach 2024")
    sheet.save()
    assert stored_pixels(path) is None


def test_a_page_rendered_a_hair_under_300_dpi_is_shrunk_as_one_at_300() -> None:
    # pdfium's A4 page at "300 dpi" is 299.9999988 dpi: the orientation test's shrink to 75 dpi was
    # a hair over 1/4 and averaged every pixel instead of every other one. Faint print came out
    # otherwise, a letter's last page lost three of its four lines, and OSD turned it upside down.
    from vnplan.extract.render import shrink

    page = np.asarray(noise_scan((800, 600)))
    assert np.array_equal(shrink(page, 75 / 299.9999987699485), shrink(page, 75 / 300))
