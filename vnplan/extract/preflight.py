"""Cheap checks of a file before any reader touches it: is it there, a file, non-empty, readable,
what is it (``formats``: content first, then name), and can its reader hold it?

Readers deep in pdfminer, pdfium or Pillow fail on such files with messages that name their own
internals ("Unexpected EOF", "FPDF_ERR_FORMAT"); a check here names the file and the fix instead.
Messages carry no path: the batch puts the path in front of every line it prints.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from vnplan.extract.errors import InputError
from vnplan.extract.formats import FileFormat, file_format, read_head

MAX_FILE_BYTES = 2 << 30  # 2 GiB: far above any plan document; beyond it memory, not the file, is the problem
# A page rendered for OCR above this many pixels costs gigabytes in OpenCV and Tesseract; an A3 page
# at 600 dpi is ~70 Mpx, so honest scans pass.
MAX_PAGE_PIXELS = 100_000_000
# Word and Excel readers hold a document's whole XML in memory (many times its size, once parsed); a
# plan's is a few MiB, a zip bomb's gigabytes.
MAX_OFFICE_XML_BYTES = 256 << 20


def check_file(path: Path) -> FileFormat:
    """Raise InputError with a fix when ``path`` is no readable file; else its format (by content first)."""
    if not path.exists():
        raise InputError("no such file", hint="check the path")
    if path.is_dir():
        raise InputError("is a folder, not a file", hint="pass the folder to 'vnplan extract' to convert what is in it")
    if not path.is_file():
        raise InputError("is not a regular file (a device or a pipe)", hint="copy the document to a file first")
    size = path.stat().st_size
    if size == 0:
        raise InputError("the file is empty (0 bytes)", hint="the copy or download probably failed; fetch it again")
    if size > MAX_FILE_BYTES:
        raise InputError(f"the file is {size >> 20} MiB", hint="split it into smaller documents")
    return file_format(path, read_head(path))


def check_office_zip(path: Path, kind: str) -> None:
    """A Word or Excel file's XML, unpacked, must stay within what the readers can hold: a plan's is
    a few MiB, a zip bomb's gigabytes. (Whether the zip is Word or Excel at all is formats' call.)"""
    app = "Excel" if kind == "xlsx" else "Word"
    try:
        with zipfile.ZipFile(path) as archive:
            xml_bytes = sum(info.file_size for info in archive.infolist() if info.filename.endswith((".xml", ".rels")))
    except (zipfile.BadZipFile, OSError) as e:
        raise InputError(
            "is a damaged zip archive (truncated or corrupt)",
            hint=f"fetch the original again, or open and re-save it in {app}",
        ) from e
    if xml_bytes > MAX_OFFICE_XML_BYTES:
        raise InputError(
            f"unpacks to {xml_bytes >> 20} MiB of XML, more than {MAX_OFFICE_XML_BYTES >> 20} MiB",
            hint=f"save the plan's own pages or sheets as a smaller file in {app}",
        )


def check_pdf(path: Path, password: str | None, dpi: int) -> int:
    """Open the PDF once with pdfium: encryption, damage and absurd page sizes surface here, with
    a fix, before a reader fails on them. Returns the page count."""
    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as e:
        raise pdf_open_error(e.err_code, password) from e
    try:
        count = len(pdf)
        if count == 0:
            raise InputError("the PDF has no pages", hint="the file is damaged or a stub; fetch the original again")
        for index in range(count):
            width, height = pdf.get_page_size(index)
            pixels = (width / 72 * dpi) * (height / 72 * dpi)
            if pixels > MAX_PAGE_PIXELS:
                raise InputError(
                    f"page {index + 1} is {width / 72 * 2.54:.0f} × {height / 72 * 2.54:.0f} cm, "
                    f"{pixels / 1e6:.0f} Mpx at {dpi} dpi",
                    hint="lower --dpi or split the poster-sized page",
                )
    finally:
        pdf.close()
    return count


def pdf_open_error(code: int | None, password: str | None) -> InputError:
    """The user's version of pdfium's error codes (FPDF_ERR_*), which are stable, unlike messages."""
    if code == pdfium.raw.FPDF_ERR_PASSWORD:
        if password is None:
            return InputError("the PDF is encrypted", hint="give its password with --password")
        return InputError("the PDF is encrypted and --password is not its password", hint="check the password")
    if code == pdfium.raw.FPDF_ERR_SECURITY:
        return InputError("the PDF uses an unsupported security handler", hint="print it to a new PDF first")
    return InputError(
        "the PDF is damaged (truncated or a broken cross-reference table) and cannot be repaired",
        hint="fetch the original again, or re-save it with a PDF viewer",
    )


def check_image(path: Path) -> None:
    """Read only the header: a decompression bomb or a poster-sized scan is refused before decoding."""
    try:
        with warnings.catch_warnings():
            # Pillow warns between MAX_IMAGE_PIXELS and twice that, and refuses above it
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise InputError(
            f"the image is larger than {(Image.MAX_IMAGE_PIXELS or 0) / 1e6:.0f} Mpx (Pillow's decompression-bomb limit)",
            hint="rescan at 300 dpi or split it into pages",
        ) from e
    except (OSError, SyntaxError, ValueError) as e:  # Pillow's UnidentifiedImageError is an OSError
        raise InputError("the image is damaged or in a format Pillow cannot read", hint="convert it to PNG") from e
    if width * height > MAX_PAGE_PIXELS:
        raise InputError(
            f"the image is {width} × {height} px ({width * height / 1e6:.0f} Mpx), "
            f"more than {MAX_PAGE_PIXELS // 1_000_000} Mpx",
            hint="rescan at 300 dpi or split it into pages",
        )


def preflight(path: Path, *, password: str | None = None, dpi: int = 300) -> FileFormat:
    """Every check that applies to ``path``'s format; raises InputError naming the fix, else
    returns the format (decided by ``formats``, content first) for the readers to follow."""
    found = check_file(path)
    try:
        if found.kind == "pdf":
            check_pdf(path, password, dpi)
        elif found.kind == "image":
            check_image(path)
        elif found.kind in ("docx", "xlsx"):
            check_office_zip(path, found.kind)
    except InputError as error:
        raise found.explain(error, path) from error
    return found
