"""`vnplan text`: the recognised text of each page, NFC and OCR-repaired, for archivists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from vnplan.extract.routing import OcrPolicy
from vnplan.normalize.text_repair import TextFix, repair_text
from vnplan.pipeline import read_source_file


def page_texts(
    path: Path, *, dpi: int = 300, password: str | None = None, ocr: OcrPolicy = "auto"
) -> Iterator[tuple[int, str, list[TextFix]]]:
    """(page number, repaired text, repairs) per page; table rows keep their cells tab-separated."""
    source = read_source_file(path, dpi=dpi, password=password, ocr=ocr)
    for page in source.pages:
        lines: list[str] = []
        fixes: list[TextFix] = []
        for line in page.lines:
            parts = [cell.text for cell in line.cells] if line.cells else [line.text]
            repaired = []
            for part in parts:
                text, part_fixes = repair_text(part)
                repaired.append(text)
                fixes += part_fixes
            lines.append("\t".join(repaired))
        yield page.number, "\n".join(lines), fixes
