"""Page images for OCR: PDF pages via pypdfium2, image files via Pillow.

A page comes out as 8-bit grayscale, or as BGR colour where its picture is in colour (seals and
signatures are told from print by their colour, see ``ink``). One page at a time, so memory stays
flat on long scans.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageSequence

GRAY_COLOURSPACES = {pdfium_c.FPDF_COLORSPACE_DEVICEGRAY, pdfium_c.FPDF_COLORSPACE_CALGRAY}
# An image file whose stated resolution makes its page narrower or wider than this (inches) states
# a wrong one (72 dpi on a phone photo, none at all): the page is then taken as A4-wide.
PLAUSIBLE_WIDTH_IN = (4.0, 17.0)
A4_SHORT_IN, A4_LONG_IN = 8.27, 11.69
LOW_RESOLUTION = 0.7  # a page picture below this share of the render dpi was upscaled by rendering
# A scan stored at the render resolution (within this share) is taken as stored rather than drawn:
# decoding it costs ~25 ms a 300 dpi page, rendering it ~100 ms (pdfium resamples it onto a bitmap
# one pixel wider, which the OCR gains nothing from).
NATIVE_DPI_TOLERANCE = 0.005
PAGE_FIT_PT = 1.0  # how far a picture's edges may lie from the page's and still cover it


@dataclass(frozen=True)
class PageImage:
    image: np.ndarray  # gray (h, w) or BGR (h, w, 3)
    dpi: float  # the resolution the pixels stand for
    source_dpi: float | None = None  # the resolution of the scan inside a PDF page, where known


def shrink(image: np.ndarray, factor: float) -> np.ndarray:
    """The image shrunk by ``factor`` (< 1) for a quick test on it.

    Every other row and column is dropped first while the image stays over twice the target size:
    averaging all pixels of a 300 dpi page (INTER_AREA) cost ~15 ms, more than the tests run on it.
    """
    if factor >= 1.0:
        return image
    # rounded first: a page rendered at 299.9999987 dpi (pdfium's size in points) shrinks by a
    # factor a hair over 1/4, and must be dropped to every other pixel as at 300 dpi (its faint
    # print averaged whole read otherwise: a letter's last page lost three of its four lines and
    # was turned upside down on OSD's word)
    step = max(int(round(0.5 / factor, 6)), 1)
    sampled = np.ascontiguousarray(image[::step, ::step]) if step > 1 else image
    height, width = image.shape[:2]
    size = (max(round(width * factor), 1), max(round(height * factor), 1))
    return cv2.resize(sampled, size, interpolation=cv2.INTER_AREA)


def pdf_page_to_gray(pdf: pdfium.PdfDocument, index: int, dpi: int) -> np.ndarray:
    page = pdf[index]
    try:
        return _render(page, dpi, grayscale=True)
    finally:
        page.close()


def _render(page: pdfium.PdfPage, dpi: float, *, grayscale: bool) -> np.ndarray:
    bitmap = page.render(scale=dpi / 72, grayscale=grayscale)
    array = bitmap.to_numpy()
    # the bitmap's own buffer (rows may be padded), copied once into a compact array
    shape = (bitmap.height, bitmap.width) if grayscale else (bitmap.height, bitmap.width, 3)
    return np.ascontiguousarray(array.reshape(shape))


def page_pictures(page: pdfium.PdfPage) -> list[tuple[bool, float, int]]:
    """(in colour, resolution on the page in dpi, pixels) of each picture on a PDF page."""
    found = []
    for picture in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        meta = picture.get_metadata()
        colour = meta.colorspace == pdfium_c.FPDF_COLORSPACE_INDEXED or (
            meta.colorspace not in GRAY_COLOURSPACES and meta.bits_per_pixel > 8
        )
        found.append((colour, float(meta.horizontal_dpi), int(meta.width) * int(meta.height)))
    return found


def pdf_page_to_image(pdf: pdfium.PdfDocument, index: int, dpi: int) -> PageImage:
    """A PDF page for OCR: in colour when a picture on it is in colour, else gray; with the
    resolution of its scan, so that an upscaling by the renderer can be put on record.

    A page that is nothing but one scan at the render resolution gives that scan's pixels as
    stored (``stored_scan``); any other page is rendered."""
    page = pdf[index]
    try:
        stored = stored_scan(page, dpi)
        if stored is not None:
            return stored
        pictures = page_pictures(page)
        colour = any(c for c, _, _ in pictures)
        biggest = max(pictures, key=lambda p: p[2], default=None)  # the scan, not a logo on it
        scan_dpi = biggest[1] if biggest and biggest[1] > 0 else None
        return PageImage(_render(page, dpi, grayscale=not colour), float(dpi), scan_dpi)
    finally:
        page.close()


def stored_scan(page: pdfium.PdfPage, dpi: int) -> PageImage | None:
    """The page's scan decoded as stored, where rendering the page would draw just that: one
    8-bit gray or RGB picture covering the unturned page at ``dpi``, no annotation, and nothing
    else drawn (a scanner's OCR layer is invisible text). None for every other page."""
    if page.get_rotation() or pdfium_c.FPDFPage_GetAnnotCount(page) > 0:
        return None
    picture = None
    for obj in page.get_objects(max_depth=1):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            if pdfium_c.FPDFTextObj_GetTextRenderMode(obj) != pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE:
                return None
        elif obj.type != pdfium_c.FPDF_PAGEOBJ_IMAGE or picture is not None:
            return None
        else:
            picture = obj
    if picture is None:
        return None
    meta = picture.get_metadata()
    gray = meta.colorspace in GRAY_COLOURSPACES and meta.bits_per_pixel == 8
    rgb = meta.colorspace == pdfium_c.FPDF_COLORSPACE_DEVICERGB and meta.bits_per_pixel == 24
    a, b, c, d, e, f = picture.get_matrix().get()
    left, bottom, right, top = page.get_cropbox()
    covers = b == 0 and c == 0 and all(abs(u - v) <= PAGE_FIT_PT for u, v in
                                       ((e, left), (f, bottom), (e + a, right), (f + d, top)))  # fmt: skip
    stored_dpi = 72 * meta.width / (right - left) if right > left else 0.0
    across_dpi = 72 * meta.height / (top - bottom) if top > bottom else 0.0  # a fax's pixels are not square
    if (
        not (gray or rgb)
        or not covers
        or max(abs(stored_dpi - dpi), abs(across_dpi - dpi)) > NATIVE_DPI_TOLERANCE * dpi
    ):
        return None
    bitmap = picture.get_bitmap(render=False)
    channels = 1 if gray else 3
    if bitmap.n_channels != channels or (bitmap.width, bitmap.height) != (meta.width, meta.height):
        return None
    shape = (bitmap.height, bitmap.width) if gray else (bitmap.height, bitmap.width, 3)
    image = np.array(bitmap.to_numpy().reshape(shape))  # a copy: the bitmap owns its buffer and goes with it
    return PageImage(image, stored_dpi, float(meta.horizontal_dpi) or stored_dpi)


def stated_or_a4_dpi(width: int, height: int, stated: float | None) -> float:
    """The resolution of an image file: as stated where that gives a page of plausible width, else
    that of an A4 page filling the image (portrait or landscape, by the image's shape)."""
    if stated and PLAUSIBLE_WIDTH_IN[0] <= width / stated <= PLAUSIBLE_WIDTH_IN[1]:
        return float(stated)
    return width / (A4_SHORT_IN if height >= width else A4_LONG_IN)


def image_file_to_images(path: Path) -> Iterator[PageImage]:
    """Each frame of an image file (multi-page TIFF included): gray, or BGR when it is in colour."""
    with Image.open(path) as im:
        for frame in ImageSequence.Iterator(im):
            stated = frame.info.get("dpi", (None, None))[0]
            width, height = frame.size
            dpi = stated_or_a4_dpi(width, height, float(stated) if stated else None)
            if frame.mode in ("1", "L", "I;16", "I", "F", "LA"):
                yield PageImage(np.array(frame.convert("L")), dpi)
            else:
                rgb = np.array(frame.convert("RGB"))
                yield PageImage(np.ascontiguousarray(rgb[..., ::-1]), dpi)
