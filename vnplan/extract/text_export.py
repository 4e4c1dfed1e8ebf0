"""Reader for OCR text exports: narrative lines, and table rows as tab-separated cells (or, in a
text laid out with spaces such as ``pdftotext -layout`` writes, aligned columns: ``layout_text``).

Exports carry no page markers. A form feed starts a new page, and so does a repeated table
header (a row whose first cell is "TT"/"STT") after table rows: that is how page breaks show
in these files, and the page number is what ends up in each row's provenance.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from vnplan.extract.encodings import decode_text
from vnplan.extract.layout_text import is_laid_out, layout_to_tabbed
from vnplan.extract.model import Cell, Line, Page, SourceDocument

_MARKUP = re.compile(r"</?(?:i|b|u|em|strong|sup|sub|span)[^>]*>", re.IGNORECASE)
_EMPHASIS = re.compile(r"\*{1,3}")  # markdown bold/italic left by some exporters
_HEADER_FIRST_CELL = re.compile(r"^s?tt$", re.IGNORECASE)


def clean_cell_text(text: str) -> str:
    """Cell or line text without exporter markup, NFC, inner whitespace collapsed."""
    text = _EMPHASIS.sub("", _MARKUP.sub("", text))
    return " ".join(unicodedata.normalize("NFC", text).split())


def read_text_export(path: Path) -> SourceDocument:
    raw = path.read_bytes()
    text, warnings = decode_text(raw, path.name)
    document = SourceDocument(path=str(path), sha256=hashlib.sha256(raw).hexdigest(), kind="text", warnings=warnings)
    document.pages = text_to_pages(text)
    return document


def text_to_pages(text: str) -> list[Page]:
    pages: list[list[Line]] = [[]]
    rows_since_header = 0
    for chunk_index, raw_chunk in enumerate(text.split("\f")):
        # a page laid out with spaces (pdftotext -layout) has its tables turned into tabbed rows
        chunk = layout_to_tabbed(raw_chunk) if is_laid_out(raw_chunk) else raw_chunk
        if chunk_index and pages[-1]:
            pages.append([])
            rows_since_header = 0
        for raw_line in chunk.splitlines():
            if "\t" in raw_line:
                cells = tuple(Cell(clean_cell_text(part)) for part in raw_line.split("\t"))
                if not any(cell.text for cell in cells):
                    continue
                if _HEADER_FIRST_CELL.match(cells[0].text) and rows_since_header:
                    pages.append([])
                    rows_since_header = 0
                rows_since_header += 1
                line = Line(text="\t".join(cell.text for cell in cells), page=len(pages), cells=cells)
            else:
                cleaned = clean_cell_text(raw_line)
                if not cleaned:
                    continue
                line = Line(text=cleaned, page=len(pages))
            pages[-1].append(line)
    return [Page(number=i, reader="text", lines=tuple(lines)) for i, lines in enumerate(pages, start=1)]
