"""Reader for Word plans (.docx): paragraphs are narrative lines, tables are rows of cells.

Word keeps the table grid itself, so no layout analysis is needed. A merged cell (gridSpan or
vMerge) is reported once, in its top-left slot, with the slots it covers left blank — the way
pdfplumber reports merged cells of a digital PDF.
"""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from vnplan.extract.errors import InputError
from vnplan.extract.model import Cell, Line, Page, SourceDocument, file_sha256


def read_docx(path: Path) -> SourceDocument:
    """One page for the whole document: Word has no fixed pages, only the body's order."""
    from docx import Document  # python-docx: imported only when a Word file comes in
    from docx.opc.exceptions import PackageNotFoundError

    try:
        word = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise InputError(
            f"{path}: not a readable Word .docx file", hint="open and re-save it in Word, or save it as PDF"
        ) from e
    lines = list(body_to_lines(word))
    document = SourceDocument(path=str(path), sha256=file_sha256(path), kind="docx")
    document.pages = [Page(number=1, reader="docx", lines=tuple(lines))]
    return document


def _text(raw: str) -> str:
    return " ".join(unicodedata.normalize("NFC", raw).split())


def body_to_lines(word: Any) -> Iterator[Line]:
    """Paragraphs and table rows in the order the body holds them."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in word.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = _text(Paragraph(block, word).text)
            if text:
                yield Line(text=text, page=1)
        elif tag == "tbl":
            yield from table_to_lines(Table(block, word))


def table_to_lines(table: Any) -> Iterator[Line]:
    # A merged cell is the same <w:tc> element in every slot it covers. lxml hands out a new proxy
    # object per access, so the elements are kept here: a proxy's id() is only stable while it lives.
    seen: dict[int, object] = {}
    for row in table.rows:
        cells = []
        for cell in row.cells:
            element = cell._tc
            cells.append(Cell("" if id(element) in seen else _text(cell.text)))
            seen[id(element)] = element
        if any(cell.text for cell in cells):
            yield Line(text="\t".join(cell.text for cell in cells), page=1, cells=tuple(cells))
