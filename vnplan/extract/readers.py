"""The front door of stage 1: pick a reader per file and, inside a PDF, per page.

    read_source(path) -> SourceDocument

PDF pages are read from their text layer when it is sane (pdfplumber, legacy fonts decoded) and
OCR'd otherwise; images are OCR'd; OCR text exports go to ``text_export``. A page that fails
(OCR timeout) becomes an empty page plus a warning, so one bad page never loses the document.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable
from pathlib import Path

import cv2
import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.page import Page as PlumberPage

from vnplan.extract.engines import ensure_engines, page_engine
from vnplan.extract.errors import InputError
from vnplan.extract.formats import Kind, file_format
from vnplan.extract.grid import straighten_and_grid
from vnplan.extract.model import Cell, Page, SourceDocument, file_sha256
from vnplan.extract.ocr import picture_to_page
from vnplan.extract.pdf_digital import plumber_page_to_page
from vnplan.extract.plain_readers import read_plain
from vnplan.extract.plumber_pages import text_layer_pages
from vnplan.extract.render import PageImage, image_file_to_images, pdf_page_to_image
from vnplan.extract.routing import OcrPolicy, page_image
from vnplan.extract.widgets import widget_glyphs
from vnplan.extract.workers import init_worker_process, start_workers

log = logging.getLogger(__name__)


def read_source(
    path: Path,
    *,
    dpi: int = 300,
    password: str | None = None,
    page_jobs: int = 1,
    ocr: OcrPolicy = "auto",
    kind: Kind | None = None,
) -> SourceDocument:
    """Read a file; ``kind`` is its format (``formats.file_format`` decides it when not given);
    ``page_jobs`` > 1 OCRs the scanned pages of a PDF in that many processes; ``ocr`` is the policy
    of ``vnplan.extract.routing`` (auto, always, never)."""
    if not path.is_file():
        raise InputError(f"{path}: no such file", hint="check the path")
    kind = kind or file_format(path).kind
    plain = read_plain(path, kind)
    if plain is not None:
        return plain
    sha = file_sha256(path)
    if kind == "image":
        return image_to_document(path, sha, ocr)
    return pdf_to_document(path, sha, dpi, password, page_jobs, ocr)


def image_to_document(path: Path, sha: str, ocr: OcrPolicy = "auto") -> SourceDocument:
    doc = SourceDocument(path=str(path), sha256=sha, kind="image")
    if ocr != "never":
        ensure_engines()
    try:
        frames = list(enumerate(image_file_to_images(path), start=1))
    except OSError as e:
        raise InputError(f"{path}: cannot read the image ({e})", hint="check the file is complete") from e
    for number, picture in frames:
        if ocr == "never":
            doc.warnings.append(f"page {number}: an image has no text layer, and --ocr never: the page is not read")
            doc.pages.append(Page(number, "none", (), route="image file; not OCRed (--ocr never)"))
            continue
        page = ocr_or_warn(doc, lambda: picture_to_page(picture, number)[0], number)  # noqa: B023 (called at once)
        doc.pages.append(dataclasses.replace(page, route="image file"))
    doc.warnings += [warning for page in doc.pages for warning in page_warnings(page)]
    return doc


def pdf_to_document(
    path: Path, sha: str, dpi: int, password: str | None, page_jobs: int = 1, ocr: OcrPolicy = "auto"
) -> SourceDocument:
    doc = SourceDocument(path=str(path), sha256=sha, kind="digital_pdf")
    pages: dict[int, Page] = {}
    to_ocr: list[int] = []
    routes: dict[int, str] = {}  # why each OCRed page was not read from its text layer
    try:
        plumber = pdfplumber.open(path, password=password or "")
        raster = pdfium.PdfDocument(str(path), password=password)
    except (PDFPasswordIncorrect, pdfium.PdfiumError) as e:
        raise InputError(f"{path}: cannot open the PDF ({e})", hint="give --password for an encrypted file") from e
    except Exception as e:  # pdfminer raises a zoo of parser errors on damaged files
        raise InputError(f"{path}: damaged PDF ({type(e).__name__})", hint="re-export or re-scan it") from e
    with plumber, raster:
        for index, plumber_page in enumerate(text_layer_pages(plumber)):
            number = index + 1
            page, route, scan = route_pdf_page(doc, plumber_page, raster, index, dpi, ocr, password)
            plumber_page.flush_cache()  # keep memory flat on long documents
            if page is not None:
                pages[index] = page
                continue
            if ocr == "never":  # no text layer, and no OCR wanted
                doc.kind = "scanned_pdf"
                doc.warnings.append(f"page {number}: no text layer, and --ocr never: the page is not read")
                width, height = float(plumber_page.width), float(plumber_page.height)
                pages[index] = Page(number, "none", (), width, height, route=route)
                continue
            ensure_engines()
            doc.kind = "scanned_pdf"
            if page_jobs <= 1:  # inline: the page image is dropped before the next page is read
                picture = scan if scan is not None else pdf_page_to_image(raster, index, dpi)
                page = ocr_or_warn(doc, functools.partial(pdf_picture_to_page, picture, number), number)
                pages[index] = dataclasses.replace(page, route=route)
            else:
                to_ocr.append(index)
                routes[index] = route
    for index, page, warning in ocr_pages_in_parallel(path, to_ocr, dpi, password, page_jobs):
        pages[index] = dataclasses.replace(page, route=routes[index])
        if warning:
            doc.warnings.append(warning)
    doc.pages = [pages[index] for index in sorted(pages)]
    doc.warnings += [warning for page in doc.pages for warning in page_warnings(page)]
    return doc


def route_pdf_page(
    doc: SourceDocument,
    plumber_page: PlumberPage,
    raster: pdfium.PdfDocument,
    index: int,
    dpi: int,
    ocr: OcrPolicy,
    password: str | None = None,
) -> tuple[Page | None, str, PageImage | None]:
    """(the page read from its text layer or None to OCR it, why, the page image when one was
    rendered to decide). A layer OCR replaces is named in a document warning."""
    number = index + 1
    if ocr == "always":
        return None, "OCR of every page (--ocr always)", None
    # A signing tool's number and day, drawn by form fields: read with the page's own text. On a page
    # with no text of its own (a signed scan) the fields are left to OCR, which sees them drawn.
    stamped = widget_glyphs(Path(doc.path), password, index, plumber_page) if plumber_page.chars else []
    page, verdict = plumber_page_to_page(plumber_page, number, ocr, stamped)
    if page is None:
        if not verdict.has_text:
            return None, "no text layer" + ("; not OCRed (--ocr never)" if ocr == "never" else ""), None
        doc.warnings.append(f"page {number}: {verdict.reason}; read by OCR instead")
        return None, f"{verdict.reason}; replaced by OCR", None
    if ocr == "auto":
        scan = scanned_table_under_text(plumber_page, page, raster, index, dpi)
        if scan is not None:
            route = "the text layer lies over a scanned table whose rulings it lacks"
            doc.warnings.append(f"page {number}: {route}; read by OCR instead")
            return None, route, scan
    return page, page.route, None


def page_warnings(page: Page) -> list[str]:
    """The warnings a page's record calls for: a page read after turning it (its rows came from a
    turned image), and what the reader saw on it but could not place."""
    turned = f"page {page.number}: the page image lay turned; it was turned {page.rotation}° clockwise before reading"
    return ([turned] if page.rotation else []) + [f"page {page.number}: {doubt}" for doubt in page.doubts]


def scanned_table_under_text(
    plumber_page: PlumberPage, page: Page, raster: pdfium.PdfDocument, index: int, dpi: int
) -> PageImage | None:
    """The page image of a searchable scan: a page-sized picture with a ruled table, and a text
    layer (the scanner's own OCR) whose words carry no table structure, since its rulings are
    pixels, not lines. None for any other page.

    Read from the text layer, the table's rows would become loose narrative and be lost; read by
    OCR, the grid comes from the image (the image returned here, rendered once). Pages whose text
    layer has a table, or that are not one big picture, are left to the text layer (checked first:
    only such pages cost a render).
    """
    if any(line.cells for line in page.lines) or page_image(plumber_page) is None:
        return None
    picture = pdf_page_to_image(raster, index, dpi)
    gray = picture.image if picture.image.ndim == 2 else cv2.cvtColor(picture.image, cv2.COLOR_BGR2GRAY)
    _, _, grid, _ = straighten_and_grid(gray)
    return picture if grid is not None else None


def ocr_one_pdf_page(path: str, index: int, dpi: int, password: str | None) -> tuple[int, Page, str]:
    """Worker: render and OCR one page. Each worker opens the PDF itself and holds one page image."""
    number = index + 1
    with pdfium.PdfDocument(path, password=password) as raster:
        picture = pdf_page_to_image(raster, index, dpi)
    try:
        return index, pdf_picture_to_page(picture, number), ""
    except InputError as e:
        log.warning("page %d: OCR failed: %s", number, e)
        return index, Page(number, page_engine().name, ()), f"page {number}: OCR failed: {e}"


def ocr_pages_in_parallel(
    path: Path, indices: list[int], dpi: int, password: str | None, jobs: int
) -> list[tuple[int, Page, str]]:
    """OCR the scanned pages of one long document in ``jobs`` processes (pages in any order)."""
    if len(indices) <= 1 or jobs <= 1:
        return [ocr_one_pdf_page(str(path), index, dpi, password) for index in indices]
    from concurrent.futures import ProcessPoolExecutor

    start_workers()
    with ProcessPoolExecutor(max_workers=min(jobs, len(indices)), initializer=init_worker_process) as pool:
        futures = [pool.submit(ocr_one_pdf_page, str(path), index, dpi, password) for index in indices]
        return [future.result() for future in futures]


def pdf_picture_to_page(picture: PageImage, number: int) -> Page:
    """OCR a rendered PDF page; its boxes in points, like those of a born-digital page."""
    page, dpi = picture_to_page(picture, number)
    return page_in_points(page, dpi)


def page_in_points(page: Page, dpi: float) -> Page:
    """An OCRed PDF page in the units of a digital one (points, 1/72 inch) instead of render pixels,
    so that cell boxes of every PDF page mean the same thing downstream."""
    scale = 72.0 / dpi

    def scaled(cell: Cell) -> Cell:
        if cell.bbox is None:
            return cell
        return dataclasses.replace(cell, bbox=(cell.bbox[0] * scale, cell.bbox[1] * scale,
                                               cell.bbox[2] * scale, cell.bbox[3] * scale))  # fmt: skip

    lines = tuple(dataclasses.replace(line, cells=tuple(scaled(c) for c in line.cells)) for line in page.lines)
    width = page.width * scale if page.width else None
    height = page.height * scale if page.height else None
    return dataclasses.replace(page, lines=lines, width=width, height=height)


def ocr_or_warn(doc: SourceDocument, run: Callable[[], Page], number: int) -> Page:
    """Run an OCR closure; an InputError (timeout, unreadable image) leaves an empty page."""
    try:
        return run()
    except InputError as e:
        doc.warnings.append(f"page {number}: OCR failed: {e}")
        log.warning("page %d: OCR failed: %s", number, e)
        return Page(number, page_engine().name, ())
