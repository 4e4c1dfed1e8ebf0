"""The front door's recipe: a source file -> pages (extract) -> a PlanDocument (normalize)."""

from __future__ import annotations

import logging
from pathlib import Path

from vnplan.extract.errors import InputError
from vnplan.extract.model import SourceDocument
from vnplan.extract.text_export import read_text_export
from vnplan.normalize.assemble import source_to_document
from vnplan.schemas import PlanDocument

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".tsv", ".text"})


def read_source_file(path: Path, *, dpi: int = 300, password: str | None = None) -> SourceDocument:
    """Pick the reader for a file: text exports here, PDFs and images in the extract readers."""
    if not path.exists():
        raise InputError(f"{path}: no such file", hint="check the path")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file", hint="pass the folder to 'vnplan extract' as a batch")
    if path.suffix.lower() in TEXT_SUFFIXES:
        return read_text_export(path)
    from vnplan.extract.readers import read_source  # PDF/OCR stack: imported only when needed

    return read_source(path, dpi=dpi, password=password)


def extract_document(path: str | Path, *, dpi: int = 300, password: str | None = None) -> PlanDocument:
    """Convert one document; the result is validated against the output contract."""
    source = read_source_file(Path(path), dpi=dpi, password=password)
    log.debug("%s: %d pages read (%s)", path, len(source.pages), source.kind)
    document = source_to_document(source)
    return PlanDocument.model_validate(document.model_dump())
