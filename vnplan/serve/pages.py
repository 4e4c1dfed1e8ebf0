"""Page images for the review app, rendered one at a time when the browser asks for them.

Opening a document lists its pages with their sizes only (reading a PDF's page sizes takes
milliseconds); each image is rendered when the page scrolls into view, and kept in a small
in-memory cache, so a 100-page scan opens at once. The first pages are started as the document
is opened (:func:`warm`), since the browser will ask for them next. The images come from the
document's own ``source.path`` and nothing else; a source that changed since extraction (its
SHA-256 differs) is still shown, with a note that the cells may not sit on it.
"""

from __future__ import annotations

import functools
import io
import logging
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageSequence

from vnplan.extract.model import file_sha256
from vnplan.review import boxes_only_pages, text_pages
from vnplan.schemas import PlanDocument

log = logging.getLogger(__name__)

DPI = 100  # as the static review page: enough to read a table, a few hundred kB per scanned page
MAX_SIDE = 1400  # image files: the longer side shown, in pixels
IMAGE_KINDS = ("digital_pdf", "scanned_pdf", "image")


@dataclass(frozen=True)
class PageInfo:
    number: int
    width: float  # in the unit of the cell boxes (PDF points; pixels for image files)
    height: float
    image: bool  # an image can be asked for
    lines: list[dict[str, object]] | None = None  # text sources: the lines as read

    def as_json(self) -> dict[str, object]:
        return {"number": self.number, "width": self.width, "height": self.height, "image": self.image,
                "lines": self.lines}  # fmt: skip


def page_infos(document: PlanDocument) -> tuple[list[PageInfo], str]:
    """The pages to show and a note for the reviewer (empty when all is well)."""
    path = Path(document.source.path)
    if not path.is_file():
        note = f"source file {document.source.path} not found: cell boxes without the image"
        return [PageInfo(p.number, p.width, p.height, False) for p in boxes_only_pages(document)], note
    note = "" if _same_file(path, document.source.sha256) else (
        f"source file {document.source.path} changed since extraction: the cells may not sit on the image"
    )  # fmt: skip
    try:
        if document.source.kind not in IMAGE_KINDS:
            views = text_pages(document, path)
            lines: list[list[dict[str, object]]] = [
                [{"cells": list(line.cells), "row": line.row} for line in view.lines] for view in views
            ]
            return [PageInfo(v.number, 0, 0, False, ls) for v, ls in zip(views, lines, strict=True)], note
        if document.source.kind == "image":
            return [PageInfo(n, w, h, True) for n, w, h in _image_sizes(path)], note
        return [PageInfo(n, w, h, True) for n, w, h in _pdf_sizes(path)], note
    except Exception as error:  # an unreadable source must not cost the rest of the page
        log.warning("%s: pages not listed (%s)", path, error)
        pages = [PageInfo(p.number, p.width, p.height, False) for p in boxes_only_pages(document)]
        return pages, f"the source could not be read ({type(error).__name__}: {error})"


@functools.lru_cache(maxsize=256)
def _same_file(path: Path, sha256: str) -> bool:
    return file_sha256(path) == sha256


def _pdf_sizes(path: Path) -> list[tuple[int, float, float]]:
    pdf = pdfium.PdfDocument(path)
    try:
        return [(index + 1, *pdf.get_page_size(index)) for index in range(len(pdf))]
    finally:
        pdf.close()


def _image_sizes(path: Path) -> list[tuple[int, float, float]]:
    with Image.open(path) as image:
        return [(n, float(f.size[0]), float(f.size[1])) for n, f in enumerate(ImageSequence.Iterator(image), start=1)]


WARM_PAGES = 2  # the pages a reviewer sees first
_CACHED = 64  # a page is ~50–300 kB: at most ~20 MB held
_renders: OrderedDict[tuple[str, int, str, int], Future[tuple[bytes, str]]] = OrderedDict()
_renders_lock = threading.Lock()
# PDFium is not thread-safe: one rendering thread; requests wait on their page's future.
_renderer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vnplan-render")


def page_image(document: PlanDocument, number: int) -> tuple[bytes, str]:
    """(image bytes, media type) of one page; ``LookupError`` when the page has no image."""
    future = _future(document, number)
    try:
        return future.result()
    except Exception as error:  # a damaged source: said once per request, tried again next time
        with _renders_lock:
            for key, value in list(_renders.items()):
                if value is future:
                    del _renders[key]
        raise LookupError(f"page {number} could not be rendered ({type(error).__name__}: {error})") from error


def warm(document: PlanDocument) -> None:
    """Start rendering the first pages now, while the browser is still building the page."""
    for number in range(1, min(WARM_PAGES, document.source.pages) + 1):
        try:
            _future(document, number)
        except LookupError:
            return


def forget_renders() -> None:
    """Drop every rendered page (and the source checks): as a freshly started app."""
    with _renders_lock:
        _renders.clear()
    _same_file.cache_clear()


def _future(document: PlanDocument, number: int) -> Future[tuple[bytes, str]]:
    path = Path(document.source.path)
    if document.source.kind not in IMAGE_KINDS or not path.is_file() or not 1 <= number <= document.source.pages:
        raise LookupError(f"page {number} has no image")
    key = (str(path), path.stat().st_mtime_ns, document.source.kind, number)
    with _renders_lock:
        found = _renders.get(key)
        if found is None:  # one rendering per page, however many requests ask for it at once
            found = _renderer.submit(_render, *key)
            _renders[key] = found
            while len(_renders) > _CACHED:
                _renders.popitem(last=False)
        _renders.move_to_end(key)
        return found


def _render(path: str, _mtime: int, kind: str, number: int) -> tuple[bytes, str]:
    if kind == "image":
        with Image.open(path) as image:
            image.seek(number - 1)
            shown = image.convert("L")
        shown.thumbnail((MAX_SIDE, MAX_SIDE))
    else:
        pdf = pdfium.PdfDocument(path)
        try:
            page = pdf[number - 1]
            try:
                shown = page.render(scale=DPI / 72, grayscale=True).to_pil()
            finally:
                page.close()
        finally:
            pdf.close()
    assert isinstance(shown, Image.Image)
    buffer = io.BytesIO()
    if kind == "digital_pdf":  # printed text: PNG keeps it sharp; fast compression, it is served once
        shown.save(buffer, format="PNG", compress_level=1)
        return buffer.getvalue(), "image/png"
    shown.save(buffer, format="JPEG", quality=75)  # scans and photos (grey: a third of the work of RGB)
    return buffer.getvalue(), "image/jpeg"
