"""The front door's recipe: a source file -> pages (extract) -> a PlanDocument (normalize)."""

from __future__ import annotations

import logging
from pathlib import Path

from vnplan.extract.errors import InputError, VnplanError
from vnplan.extract.formats import Kind
from vnplan.extract.model import SourceDocument
from vnplan.extract.plain_readers import read_plain
from vnplan.extract.preflight import pdf_open_error, preflight
from vnplan.extract.routing import OcrPolicy
from vnplan.normalize import DEFAULT_MIN_CONFIDENCE
from vnplan.normalize.assemble import source_to_document
from vnplan.schemas import PlanDocument

log = logging.getLogger(__name__)


def read_source_file(
    path: Path, *, dpi: int = 300, password: str | None = None, page_jobs: int = 1, ocr: OcrPolicy = "auto"
) -> SourceDocument:
    """Read a file by the reader its format calls for (``formats``: content first, then name): text
    exports, Word and Excel here, PDFs and images in the extract readers; ``ocr`` (auto, always,
    never) decides per PDF page between its text layer and OCR. A name that disagrees with the
    content becomes a warning of the document."""
    found = preflight(path, password=password, dpi=dpi)
    try:
        source = _read(path, found.kind, dpi=dpi, password=password, page_jobs=page_jobs, ocr=ocr)
    except InputError as error:
        raise found.explain(error, path) from error
    if found.note:
        source.warnings.insert(0, found.note)
    return source


def _read(path: Path, kind: Kind, *, dpi: int, password: str | None, page_jobs: int, ocr: OcrPolicy) -> SourceDocument:
    plain = read_plain(path, kind)
    if plain is not None:
        return plain
    from vnplan.extract.readers import read_source  # PDF/OCR stack: imported only when needed

    try:
        return read_source(path, dpi=dpi, password=password, page_jobs=page_jobs, ocr=ocr, kind=kind)
    except VnplanError:
        raise
    except Exception as e:
        # The readers let pdfminer/pdfium/Pillow errors through; this is the one place that turns
        # the known ones into a user's message. Anything else stays a bug report.
        translated = _translate_reader_error(e, password)
        if translated is None:
            raise
        raise translated from e


def _translate_reader_error(error: Exception, password: str | None) -> InputError | None:
    import pypdfium2 as pdfium
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from PIL import Image, UnidentifiedImageError

    # pdfplumber wraps pdfminer's errors; look at the cause it carries
    inner = error.args[0] if type(error).__name__ == "PdfminerException" and error.args else error
    if isinstance(inner, pdfium.PdfiumError):
        return pdf_open_error(inner.err_code, password)
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
        return pdf_open_error(pdfium.raw.FPDF_ERR_PASSWORD, password)
    if isinstance(inner, PDFSyntaxError | PSException):
        return InputError("the PDF is damaged and cannot be parsed", hint="fetch the original again, or re-save it")
    if isinstance(inner, Image.DecompressionBombError):
        return InputError("the image is too large to decode safely", hint="rescan at 300 dpi or split it into pages")
    if isinstance(inner, UnidentifiedImageError):
        return InputError("the image is damaged or in an unknown format", hint="convert it to PNG")
    if isinstance(inner, MemoryError):
        return InputError("ran out of memory reading this file", hint="lower --dpi or split the document")
    return None


def extract_document(
    path: str | Path,
    *,
    dpi: int = 300,
    password: str | None = None,
    page_jobs: int = 1,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    ocr: OcrPolicy = "auto",
) -> PlanDocument:
    """Convert one document; the result is validated against the output contract.

    ``ocr``: ``auto`` reads each PDF page from its text layer when that is sound and OCRs the rest
    (the reason per page is in ``source.page_records``), ``always`` OCRs every page, ``never`` reads
    only text layers."""
    source = read_source_file(Path(path), dpi=dpi, password=password, page_jobs=page_jobs, ocr=ocr)
    log.debug("%s: %d pages read (%s)", path, len(source.pages), source.kind)
    document = source_to_document(source, min_confidence=min_confidence)
    return PlanDocument.model_validate(document.model_dump())
