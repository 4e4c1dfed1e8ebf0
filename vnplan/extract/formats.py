"""What a file is, decided in one place: by its content first (magic bytes), then by its name.

    file_format(path) -> FileFormat(kind, note)

Names lie (a scan saved as ``.txt``, a Word file renamed ``.xlsx``, a PDF with a few bytes of junk
before ``%PDF-``); content does not. A file whose content is a format vnplan reads is read as that,
whatever its name, and the mismatch is noted (the note becomes a warning of the document). A file
whose content vnplan cannot read (an RTF, an old binary Office file, a PowerPoint, a web page) is
refused with a one-line message naming the fix. A file with no binary signature is a text export
when its name says so.

Preflight (the checks of each kind), the readers and the batch (which names a folder search picks
up) all ask this module; none decides on its own.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from vnplan.extract.errors import InputError

Kind = Literal["pdf", "image", "text", "docx", "xlsx", "xls"]

SUFFIX_KINDS: dict[str, Kind] = {
    ".pdf": "pdf",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
    ".txt": "text",
    ".tsv": "text",
    ".text": "text",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",  # the same workbook format, with macros (ignored)
    ".xls": "xls",  # Excel 97–2003 (BIFF in an OLE container), read with xlrd
}
SUPPORTED_SUFFIXES = frozenset(SUFFIX_KINDS)
KIND_NAMES: dict[Kind, str] = {
    "pdf": "a PDF",
    "image": "an image",
    "text": "a text export",
    "docx": "a Word document",
    "xlsx": "an Excel workbook",
    "xls": "an Excel 97–2003 workbook",
}

HEADER_BYTES = 1024  # the PDF spec lets junk precede "%PDF-" within the first kilobyte

# Leading bytes -> (what it is, description); "pdf" is found anywhere in the header (above).
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image", "a PNG image"),
    (b"\xff\xd8\xff", "image", "a JPEG image"),
    (b"II*\x00", "image", "a TIFF image"),
    (b"MM\x00*", "image", "a TIFF image"),
    (b"PK\x03\x04", "zip", "a zip archive (Word .docx, Excel .xlsx, …)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole", "an old Office file (.doc, .xls)"),
    (b"{\\rtf", "rtf", "an RTF document"),
)
_WEB_PAGE = (b"<!doctype html", b"<html")
# Word and Excel files are both zips; the part at the heart of each tells them apart.
_OFFICE_PARTS: tuple[tuple[str, Kind | None, str], ...] = (
    ("word/document.xml", "docx", "a Word document"),
    ("xl/workbook.xml", "xlsx", "an Excel workbook"),
    ("ppt/presentation.xml", None, "a PowerPoint presentation"),
    ("content.xml", None, "an OpenDocument file (LibreOffice)"),
)


@dataclass(frozen=True)
class FileFormat:
    kind: Kind
    mismatch: str = ""  # where the name says otherwise: "named .txt but holds a PDF"

    @property
    def note(self) -> str:
        """The warning a misnamed file's document carries; empty when name and content agree."""
        return f"{self.mismatch}; read as {KIND_NAMES[self.kind]}" if self.mismatch else ""

    def explain(self, error: InputError, path: Path) -> InputError:
        """An error on a misnamed file, saying both (``named .pdf but holds a PNG image, and …``)."""
        if not self.mismatch:
            return error
        message = str(error.args[0]).removeprefix(f"{path}: ") if error.args else type(error).__name__
        return InputError(f"{self.mismatch}, and {message}", hint=error.hint)


def sniff(head: bytes) -> tuple[str, str] | None:
    """(what, description) of a file by its first bytes; None when it carries no known signature."""
    if b"%PDF-" in head[:HEADER_BYTES]:
        return "pdf", "a PDF"
    for magic, what, description in _MAGIC:
        if head.startswith(magic):
            return what, description
    if head.lstrip()[:15].lower().startswith(_WEB_PAGE):
        return "html", "a web page (HTML)"
    return None


def read_head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(HEADER_BYTES)
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror})", hint="check its permissions") from e


def file_format(path: Path, head: bytes | None = None) -> FileFormat:
    """The kind of ``path`` (pdf, image, text, docx, xlsx), or InputError naming what it holds and the fix."""
    head = read_head(path) if head is None else head
    suffix = path.suffix.lower()
    named = SUFFIX_KINDS.get(suffix)
    found = sniff(head)
    if found is None:
        return _without_signature(suffix, named, head)
    what, description = found
    if what == "pdf":
        return _agreeing("pdf", description, suffix, named)
    if what == "image":
        return _agreeing("image", description, suffix, named)
    if what == "zip":
        kind, description = _zip_kind(path, suffix, named)
        return _agreeing(kind, description, suffix, named)
    shown = f"is named {suffix}" if suffix else "has no extension"
    if what == "ole" and named == "xls":
        return FileFormat("xls")
    if what == "ole" and named in ("docx", "xlsx"):  # Office also encrypts a protected .docx/.xlsx into that container
        raise InputError(
            f"is named {suffix} but is an old Office file (.doc, .xls) or a password-protected one",
            hint=f"open it in Word or Excel (with its password) and save it as {suffix} without a password",
        )
    if what == "html":
        raise InputError(f"{shown} but holds {description}", hint="the download probably failed; fetch the file again")
    raise InputError(
        f"{shown} but holds {description}", hint="save or export it as PDF (File > Save as > PDF) and convert that"
    )


def _agreeing(kind: Kind, description: str, suffix: str, named: Kind | None) -> FileFormat:
    if named == kind:
        return FileFormat(kind)
    shown = f"named {suffix}" if suffix else "has no extension"
    return FileFormat(kind, f"{shown} but holds {description}")


def _without_signature(suffix: str, named: Kind | None, head: bytes) -> FileFormat:
    if named == "text":
        return FileFormat("text")
    if named is None:
        raise InputError(
            f"unsupported file type '{suffix}'" if suffix else "has no extension and no known content",
            hint="give a PDF, an image, a Word or Excel file, or a .txt export",
        )
    expected = {"pdf": "PDF", "image": "image", "docx": "Word", "xlsx": "Excel", "xls": "Excel"}[named]
    if b"\x00" not in head:
        hint = "if it is text, rename it to .txt; otherwise fetch the original again"
    else:
        hint = "the file is damaged or of another type; fetch the original again"
    raise InputError(f"is named {suffix} but holds no {expected} data", hint=hint)


def _zip_kind(path: Path, suffix: str, named: Kind | None) -> tuple[Kind, str]:
    """docx or xlsx by the part at the heart of the zip; other zips are refused with the fix."""
    shown = f"is named {suffix}" if suffix else "has no extension"
    app = "Excel" if named == "xlsx" else "Word"
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as e:  # truncated: the zip's directory, at its end, is gone
        raise InputError(
            f"{shown} but is a damaged zip archive (truncated or corrupt)",
            hint=f"fetch the original again, or open and re-save it in {app}",
        ) from e
    for member, kind, description in _OFFICE_PARTS:
        if member in names:
            if kind is None:
                raise InputError(f"{shown} but holds {description}", hint="save it as .docx or PDF and convert that")
            return kind, description
    if named in ("docx", "xlsx"):
        part = "word/document.xml" if named == "docx" else "xl/workbook.xml"
        raise InputError(
            f"is not a readable {app} {suffix} file (a zip archive without {part})",
            hint=f"fetch the original again, or open and re-save it in {app}",
        )
    raise InputError(f"{shown} but holds a zip archive", hint="unpack it and convert the documents inside")
