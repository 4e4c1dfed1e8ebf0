"""The front door's recipe: a source file -> pages (extract) -> a PlanDocument (normalize)."""

from __future__ import annotations

import logging
from pathlib import Path

from vnplan.extract.errors import InputError, VnplanError
from vnplan.extract.model import SourceDocument
from vnplan.extract.preflight import EXCEL_SUFFIXES, LEGACY_EXCEL_SUFFIX, pdf_open_error, preflight
from vnplan.extract.text_export import read_text_export
from vnplan.normalize import DEFAULT_MIN_CONFIDENCE
from vnplan.normalize.assemble import source_to_document
from vnplan.schemas import PlanDocument

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".tsv", ".text"})


def read_source_file(path: Path, *, dpi: int = 300, password: str | None = None, page_jobs: int = 1) -> SourceDocument:
    """Pick the reader for a file: text exports, Word and Excel here, PDFs and images in the extract readers."""
    preflight(path, password=password, dpi=dpi)
    if path.suffix.lower() in TEXT_SUFFIXES:
        return read_text_export(path)
    if path.suffix.lower() == ".docx":
        from vnplan.extract.docx_reader import read_docx

        return read_docx(path)
    if path.suffix.lower() in EXCEL_SUFFIXES:
        from vnplan.extract.xlsx_reader import read_xlsx

        return read_xlsx(path)
    if path.suffix.lower() == LEGACY_EXCEL_SUFFIX:
        from vnplan.extract.xls_reader import read_xls

        return read_xls(path)
    from vnplan.extract.readers import read_source  # PDF/OCR stack: imported only when needed

    try:
        return read_source(path, dpi=dpi, password=password, page_jobs=page_jobs)
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
) -> PlanDocument:
    """Convert one document; the result is validated against the output contract."""
    source = read_source_file(Path(path), dpi=dpi, password=password, page_jobs=page_jobs)
    log.debug("%s: %d pages read (%s)", path, len(source.pages), source.kind)
    document = source_to_document(source, min_confidence=min_confidence)
    return PlanDocument.model_validate(document.model_dump())
