"""Reader for Word plans (.docx): paragraphs are narrative lines, tables are rows of cells.

Word keeps the table grid itself, so no layout analysis is needed. A merged cell (gridSpan or
vMerge) is reported once, in its top-left slot, with the slots it covers left blank — the way
pdfplumber reports merged cells of a digital PDF.
"""

from __future__ import annotations

import re
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
            table = Table(block, word)
            yield from layout_to_lines(table) if is_layout_table(table) else table_to_lines(table)


# Word plans set the issuer's block beside the national motto, and the recipients beside the
# signature, in a borderless table of two columns and a row or two: layout, not a table of data.
_LAYOUT_COLUMNS = 2
_LAYOUT_ROWS = 4
_FIGURE = re.compile(r"^\(?-?\d[\d.,\s]*\)?$")


def is_layout_table(table: Any) -> bool:
    """Two columns at most, a few rows, and no cell that is a figure (a data table's amounts)."""
    rows = list(table.rows)
    if not rows or len(rows) > _LAYOUT_ROWS or max(len(row.cells) for row in rows) > _LAYOUT_COLUMNS:
        return False
    return not any(_FIGURE.match(_text(cell.text)) for row in rows for cell in row.cells if _text(cell.text))


def layout_to_lines(table: Any) -> Iterator[Line]:
    """A layout table's text as narrative lines, column by column (left block first, as the page
    reads), one line per paragraph: "UBND TỈNH …" / "Số: …" then "CỘNG HÒA …" / "<place>, ngày …"."""
    columns = max(len(row.cells) for row in table.rows)
    seen: set[int] = set()
    for column in range(columns):
        for row in table.rows:
            if column >= len(row.cells) or id(row.cells[column]._tc) in seen:
                continue
            cell = row.cells[column]
            seen.add(id(cell._tc))
            for paragraph in cell.paragraphs:
                text = _text(paragraph.text)
                if text:
                    yield Line(text=text, page=1)


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
