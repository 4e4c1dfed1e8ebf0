"""Stage 1: a source file -> pages of lines, where table rows carry their cells."""

from vnplan.extract.model import Cell, Line, Page, SourceDocument

__all__ = ["Cell", "Line", "Page", "SourceDocument"]
