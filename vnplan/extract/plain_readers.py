"""The readers that need no PDF or OCR stack: text exports, Word and Excel files.

One dispatch for both doors (``vnplan.pipeline`` after preflight, ``readers.read_source`` for a
path alone), kept apart from ``readers`` so that reading a text export or a workbook never imports
pdfplumber, pdfium or OpenCV.
"""

from __future__ import annotations

from pathlib import Path

from vnplan.extract.formats import Kind
from vnplan.extract.model import SourceDocument


def read_plain(path: Path, kind: Kind) -> SourceDocument | None:
    """The file read by its format's reader, or None for a PDF or an image (the extract readers')."""
    if kind == "text":
        from vnplan.extract.text_export import read_text_export

        return read_text_export(path)
    if kind == "docx":
        from vnplan.extract.docx_reader import read_docx

        return read_docx(path)
    if kind == "xlsx":
        from vnplan.extract.xlsx_reader import read_xlsx

        return read_xlsx(path)
    if kind == "xls":
        from vnplan.extract.xls_reader import read_xls

        return read_xls(path)
    return None
