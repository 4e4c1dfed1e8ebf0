"""Cheap checks of a file before any reader touches it: is it there, a file, non-empty, readable,
and does its content match its name?

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

TEXT_SUFFIXES = frozenset({".txt", ".tsv", ".text"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm"})  # .xlsm: the same workbook format, with macros (ignored)
LEGACY_EXCEL_SUFFIX = ".xls"  # Excel 97–2003 (BIFF in an OLE container), read with xlrd
MAX_FILE_BYTES = 2 << 30  # 2 GiB: far above any plan document; beyond it memory, not the file, is the problem
# A page rendered for OCR above this many pixels costs gigabytes in OpenCV and Tesseract; an A3 page
# at 600 dpi is ~70 Mpx, so honest scans pass.
MAX_PAGE_PIXELS = 100_000_000
# Word and Excel readers hold a document's whole XML in memory (many times its size, once parsed); a
# plan's is a few MiB, a zip bomb's gigabytes.
MAX_OFFICE_XML_BYTES = 256 << 20

# Leading bytes of formats people rename by mistake -> what to tell them.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "pdf", "a PDF"),
    (b"\x89PNG\r\n\x1a\n", "image", "a PNG image"),
    (b"\xff\xd8\xff", "image", "a JPEG image"),
    (b"II*\x00", "image", "a TIFF image"),
    (b"MM\x00*", "image", "a TIFF image"),
    (b"PK\x03\x04", "zip", "a zip archive (Word .docx, Excel .xlsx, …)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole", "an old Office file (.doc, .xls)"),
    (b"{\\rtf", "rtf", "an RTF document"),
)
_PDF_HEADER_WINDOW = 1024  # the PDF spec lets junk precede "%PDF-" within the first kilobyte
# Word and Excel files are both zips; the part at the heart of each tells them apart.
_OFFICE_PARTS: tuple[tuple[str, str, str], ...] = (
    ("word/document.xml", ".docx", "a Word document"),
    ("xl/workbook.xml", ".xlsx", "an Excel workbook"),
    ("ppt/presentation.xml", ".pptx", "a PowerPoint presentation"),
    ("content.xml", ".odt/.ods", "an OpenDocument file (LibreOffice)"),
)


def sniff(head: bytes) -> tuple[str, str] | None:
    """(kind, description) of a file by its first bytes; None when it is no known binary format."""
    if b"%PDF-" in head[:_PDF_HEADER_WINDOW]:
        return "pdf", "a PDF"
    for magic, kind, description in _MAGIC:
        if head.startswith(magic):
            return kind, description
    return None


def check_file(path: Path) -> None:
    """Raise InputError with a fix when ``path`` cannot be the document its suffix promises."""
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
    try:
        with path.open("rb") as handle:
            head = handle.read(_PDF_HEADER_WINDOW)
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror})", hint="check its permissions") from e
    _check_content_matches_suffix(path.suffix.lower(), head)
    if path.suffix.lower() in {".docx"} | EXCEL_SUFFIXES:
        check_office_zip(path)


def _check_content_matches_suffix(suffix: str, head: bytes) -> None:
    found = sniff(head)
    if suffix in TEXT_SUFFIXES:
        if found:
            raise InputError(
                f"is named like a text export but holds {found[1]}", hint="rename it with the right extension"
            )
        return
    if suffix == LEGACY_EXCEL_SUFFIX:
        if found and found[0] == "ole":
            return
        hint = "rename it to .xlsx" if found and found[0] == "zip" else "rename it with the right extension"
        raise InputError(f"is named .xls but holds {found[1] if found else 'no Excel data'}", hint=hint)
    if suffix == ".docx" or suffix in EXCEL_SUFFIXES:
        if found and found[0] == "zip":
            return
        if found and found[0] == "ole":  # Office also encrypts a password-protected .docx/.xlsx into that container
            raise InputError(
                f"is named {suffix} but is an old Office file (.doc, .xls) or a password-protected one",
                hint=f"open it in Word or Excel (with its password) and save it as {suffix} without a password",
            )
        what = found[1] if found else f"no {'Word' if suffix == '.docx' else 'Excel'} data"
        raise InputError(f"is named {suffix} but holds {what}", hint="rename it with the right extension")
    expected = "pdf" if suffix == ".pdf" else "image"
    if found and found[0] == expected:
        return
    what = found[1] if found else "no PDF or image data"
    if found and found[0] in ("pdf", "image"):
        hint = "rename it with the right extension"
    elif found:
        hint = "save or export it as PDF (File > Save as > PDF) and convert that"
    elif b"\x00" not in head:
        hint = "if it is text, rename it to .txt; otherwise fetch the original again"
    else:
        hint = "the file is damaged or of another type; fetch the original again"
    raise InputError(f"is named {suffix} but holds {what}", hint=hint)


def check_office_zip(path: Path) -> None:
    """A .docx must be a zip holding word/document.xml, an .xlsx one holding xl/workbook.xml: a Word
    file renamed .xlsx (or the reverse) is named as such, a truncated zip as damaged."""
    named = path.suffix.lower()
    expected, app = (".docx", "Word") if named == ".docx" else (".xlsx", "Excel")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            xml_bytes = sum(info.file_size for info in archive.infolist() if info.filename.endswith((".xml", ".rels")))
    except (zipfile.BadZipFile, OSError) as e:  # truncated: the zip's directory, at its end, is gone
        raise InputError(
            f"is named {named} but is a damaged zip archive (truncated or corrupt)",
            hint=f"fetch the original again, or open and re-save it in {app}",
        ) from e
    if xml_bytes > MAX_OFFICE_XML_BYTES:
        raise InputError(
            f"unpacks to {xml_bytes >> 20} MiB of XML, more than {MAX_OFFICE_XML_BYTES >> 20} MiB",
            hint=f"save the plan's own pages or sheets as a smaller file in {app}",
        )
    for member, suffix, what in _OFFICE_PARTS:
        if member in names:
            if suffix == expected:
                return
            hint = (
                f"rename it to {suffix}" if suffix in (".docx", ".xlsx") else f"save it as {expected} and convert that"
            )
            raise InputError(f"is named {named} but holds {what}", hint=hint)
    part = "word/document.xml" if expected == ".docx" else "xl/workbook.xml"
    raise InputError(
        f"is not a readable {app} {named} file (a zip archive without {part})",
        hint=f"fetch the original again, or open and re-save it in {app}",
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


def preflight(path: Path, *, password: str | None = None, dpi: int = 300) -> None:
    """Every check that applies to ``path``'s type; raises InputError naming the fix."""
    check_file(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        check_pdf(path, password, dpi)
    elif suffix in IMAGE_SUFFIXES:
        check_image(path)
