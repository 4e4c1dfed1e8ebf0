"""Page preparation before OCR: orientation, photo outline and light, coloured ink, small print.

Pages are made at test time from a committed sample scan (tests/conditions.py); the tests without
the ``tesseract`` marker need no OCR at all.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from tests import conditions
from tests.test_extract_scanned import have_tesseract
from vnplan.extract.ink import remove_coloured_ink
from vnplan.extract.orientation import (
    find_orientation,
    glyph_height,
    ink_at_work_dpi,
    measure_ink,
    rotate,
    text_direction,
)
from vnplan.extract.pageprep import GOOD_GLYPH_PX, SMALL_PRINT, prepare_page, upscale_factor
from vnplan.extract.photo import even_out_illumination, find_page_outline, undo_perspective
from vnplan.extract.render import image_file_to_images, pdf_page_to_image, stated_or_a4_dpi

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "pdf" / "101_quang_nam_2022_khuyen_nong.pdf"
needs_tesseract = pytest.mark.skipif(not have_tesseract(), reason="tesseract with Vietnamese data not installed")


@cache
def table_page() -> np.ndarray:
    """The sample's table page (its third), RGB at 300 dpi."""
    with pdfium.PdfDocument(str(SAMPLE)) as pdf:
        return np.ascontiguousarray(pdf[2].render(scale=300 / 72).to_numpy()[..., :3][..., ::-1])


def gray(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)


@pytest.mark.parametrize("clockwise", [0, 90, 180, 270])
def test_text_lines_run_across_only_on_an_upright_or_upside_down_page(clockwise: int) -> None:
    ink = ink_at_work_dpi(rotate(gray(table_page()), clockwise), 300)
    assert text_direction(ink, glyph_height(ink)) == ("across" if clockwise in (0, 180) else "down")


@pytest.mark.tesseract
@needs_tesseract
@pytest.mark.parametrize("stored", [0, 90, 180, 270])
def test_orientation_found_by_the_cheap_tests(stored: int) -> None:
    found = find_orientation(rotate(gray(table_page()), stored), 300)
    assert found.rotation == (360 - stored) % 360
    assert found.method == "text lines"  # Tesseract's OSD was not needed


def test_a_scan_has_no_page_outline_and_even_light() -> None:
    page = gray(table_page())
    assert find_page_outline(page) is None
    assert even_out_illumination(page) is None


def test_phone_photo_page_found_and_flattened() -> None:
    page = table_page()
    photo = conditions.phone_photo(page, seed=3)
    corners = find_page_outline(gray(photo))
    assert corners is not None
    flat, _ = undo_perspective(photo, corners)
    # the page's own proportions come back, within what the photo's tilt (corners moved by up to
    # 6 % of the page's short side) leaves uncertain
    assert abs(flat.shape[1] / flat.shape[0] - page.shape[1] / page.shape[0]) < 0.15
    # and no desk is left around it: the border is paper, not wood
    border = np.concatenate([gray(flat)[:20].ravel(), gray(flat)[-20:].ravel()])
    assert np.median(border) > 150


def test_uneven_light_evened_out() -> None:
    photo = gray(conditions.phone_photo(table_page(), seed=3))
    flat, _ = undo_perspective(photo, find_page_outline(photo))  # type: ignore[arg-type]
    evened = even_out_illumination(flat)
    assert evened is not None
    corners = [evened[:200, :200], evened[:200, -200:], evened[-200:, :200], evened[-200:, -200:]]
    papers = [float(np.percentile(c, 90)) for c in corners]
    assert max(papers) - min(papers) < 20  # the paper is about as white in every corner


def test_red_seal_and_blue_signature_removed_print_kept() -> None:
    page = table_page()
    scan = conditions.stamped(page, seed=7)
    removal = remove_coloured_ink(np.ascontiguousarray(scan[..., ::-1]))  # BGR, as the renderer gives it
    assert removal.red_share > 0.005 and removal.blue_share > 0.001
    print_pixels = gray(page) < 100
    # print stays dark where no ink fell on it, and nearly all of it stays dark under the ink too
    assert (removal.gray[print_pixels] < 160).mean() > 0.95
    # where there is no print, nothing dark is left of the seal and signature
    inked = (scan.astype(int).max(axis=2) - scan.astype(int).min(axis=2) > 80) & ~print_pixels
    assert (removal.gray[inked] > 200).mean() > 0.97


def test_gray_page_costs_no_ink_removal() -> None:
    unstamped = conditions.stamped(table_page(), seal=False)  # colour scan of tinted paper, no ink
    removal = remove_coloured_ink(np.ascontiguousarray(unstamped[..., ::-1]))
    assert removal.red_share == removal.blue_share == 0


def test_small_print_upscaled_large_print_not() -> None:
    low = gray(conditions.low_resolution(table_page(), dpi=150))
    assert upscale_factor(low, 150) == 2
    assert upscale_factor(gray(table_page()), 300) == 1


def test_specks_do_not_make_large_print_look_small() -> None:
    """A 300 dpi page under a scanner's specks (held-out Augraphy: streaks of grey dots) measured
    as small print by the plain median of its ink's heights (the specks outnumber the letters),
    and was upscaled ×2: its cells read worse ("224.880" lost). Weighted by their ink, the
    letters still measure the print's size."""
    page = gray(table_page()).copy()
    rng = np.random.default_rng(7)
    for _ in range(2000):
        centre = (int(rng.integers(0, page.shape[1])), int(rng.integers(0, page.shape[0])))
        cv2.circle(page, centre, int(rng.integers(5, 8)), int(rng.integers(60, 140)), -1)
    measured = measure_ink(page, 300)
    assert (
        measured.glyph * page.shape[1] / measured.ink.shape[1] < SMALL_PRINT * GOOD_GLYPH_PX
    )  # small print, by the specks
    assert upscale_factor(page, 300, measured) == 1


def test_image_file_resolution_stated_or_taken_as_a4() -> None:
    assert stated_or_a4_dpi(2480, 3508, 300) == 300
    assert stated_or_a4_dpi(1401, 1613, 72) == pytest.approx(1401 / 8.27)  # 72 dpi would make it 19 in wide
    assert stated_or_a4_dpi(3508, 2480, None) == pytest.approx(3508 / 11.69)  # landscape


def test_colour_pictures_come_out_in_colour(tmp_path: Path) -> None:
    stamped = Image.fromarray(conditions.stamped(table_page()))
    stamped.save(tmp_path / "colour.pdf", resolution=300)
    stamped.convert("L").save(tmp_path / "gray.pdf", resolution=300)
    stamped.save(tmp_path / "colour.jpg", dpi=(300, 300))
    with pdfium.PdfDocument(str(tmp_path / "colour.pdf")) as pdf:
        assert pdf_page_to_image(pdf, 0, 150).image.ndim == 3
    with pdfium.PdfDocument(str(tmp_path / "gray.pdf")) as pdf:
        picture = pdf_page_to_image(pdf, 0, 150)
        assert picture.image.ndim == 2 and picture.source_dpi == pytest.approx(300)
    (image,) = image_file_to_images(tmp_path / "colour.jpg")
    assert image.image.ndim == 3 and image.dpi == 300


@pytest.mark.tesseract
@needs_tesseract
def test_prepare_records_every_step_in_order() -> None:
    photo = conditions.phone_photo(conditions.sideways(table_page(), 90), seed=5)
    prepared = prepare_page(np.ascontiguousarray(photo[..., ::-1]), 300)
    assert prepared.rotation == 270
    assert prepared.steps[0] == "page outline found, perspective corrected"
    assert "illumination evened" in prepared.steps
    assert prepared.steps[-1] == "turned 270° clockwise (text lines)"
    assert prepared.gray.ndim == 2 and prepared.gray.shape[1] > prepared.gray.shape[0]  # landscape again


@pytest.mark.parametrize("clockwise", [90, 180, 270])
def test_a_box_on_the_turned_page_maps_back_onto_the_page_as_stored(clockwise: int) -> None:
    from vnplan.extract.pageprep import PreparedPage, turn_matrix

    stored = np.zeros((300, 500), np.uint8)  # a sideways page as stored: 500 wide, 300 high
    stored[40:60, 100:180] = 255  # a "cell" on it
    turned = rotate(stored, clockwise)
    ys, xs = np.nonzero(turned)
    box_turned = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
    to_source = np.linalg.inv(np.diag([2.0, 2.0, 1.0]) @ turn_matrix(clockwise, 500, 300))  # turned, then ×2
    prepared = PreparedPage(turned, 300, clockwise, (), to_source, (500, 300))
    doubled = tuple(2 * v for v in box_turned)  # the same box after upscaling ×2
    assert prepared.box_in_source(doubled) == pytest.approx((100, 40, 179, 59), abs=0.01)


@pytest.mark.tesseract
@needs_tesseract
def test_tesseract_osd_decides_where_the_cheap_tests_cannot(monkeypatch: pytest.MonkeyPatch) -> None:
    from vnplan.extract import orientation

    # as on a page of bare numbers
    monkeypatch.setattr(orientation, "cheap_orientation", lambda gray, dpi, measured=None: None)
    found = orientation.find_orientation(rotate(gray(table_page()), 90), 300)
    assert (found.rotation, found.method) == (270, "osd")


@pytest.mark.tesseract
@needs_tesseract
@pytest.mark.parametrize("stored", [0, 90, 180, 270])
def test_a_page_of_a_few_words_is_turned_upright_by_reading_them(stored: int) -> None:
    """A letter's last page holds a line of recipients and the signer's name: too few letters for
    the line tests, too little text for OSD. Stored sideways (every held-out plan's second page,
    turned by a script: 20 of 20 left sideways on 300 dpi scans), it stayed so, and its signer
    was read from glyph noise. The box around its ink, read at each quarter turn, tells."""
    page = np.full((3508, 2480), 255, np.uint8)
    cv2.putText(page, "- Luu: VT, Van phong.", (250, 300), cv2.FONT_HERSHEY_COMPLEX, 1.6, 0, 3)
    cv2.putText(page, "Nguyen Van Hung", (1500, 520), cv2.FONT_HERSHEY_COMPLEX, 1.6, 0, 3)
    found = find_orientation(rotate(page, stored), 300)
    assert (found.rotation, found.method) == ((360 - stored) % 360, "its few words read")
