"""Numbers and cells as a Vietnamese document prints them: '.' groups thousands, ',' is the decimal mark."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .model import MONEY, PER_ROW, YEAR, Column, Document, Row, cell_kind


def fmt_number(value: Decimal, places: int, group: bool = True) -> str:
    q = value.quantize(Decimal(1).scaleb(-places)) if places else value.quantize(Decimal(1))
    sign = "-" if q < 0 else ""
    text = f"{abs(q):.{places}f}"
    whole, _, frac = text.partition(".")
    if group:
        parts: list[str] = []
        while len(whole) > 3:
            parts.insert(0, whole[-3:])
            whole = whole[:-3]
        parts.insert(0, whole)
        whole = ".".join(parts)
    return sign + whole + ("," + frac if frac else "")


def cell_text(doc: Document, col: Column, row: Row) -> str:
    """The printed text of one cell ('' when empty)."""
    v: Any = row.values.get(col.label)
    if v is None:
        return ""
    if not isinstance(v, Decimal):
        return str(v)
    kind, _ = cell_kind(col, row)
    if kind == YEAR:
        return str(int(v))
    if v == 0 and kind == MONEY:
        return doc.zero_as
    places = col.places
    if col.kind == PER_ROW:
        places = max(0, -int(v.as_tuple().exponent))  # the row's own precision
    return fmt_number(v, places)


def row_cells(doc: Document, row: Row) -> list[str]:
    """STT, title, [ĐVT], then every column, as printed."""
    out = [row.code or "", row.title]
    if doc.unit_column_label:
        out.append(row.unit or "")
    out.extend(cell_text(doc, c, row) for c in doc.columns)
    return out


def header_grid(doc: Document) -> list[list[str]]:
    """Header rows (depth × width) with a cell's text only where a merged span starts ('' elsewhere)."""
    depth = doc.header_depth()
    lead = [doc.code_label, doc.title_label] + ([doc.unit_column_label] if doc.unit_column_label else [])
    grid = [[(t if d == 0 else "") for t in lead] for d in range(depth)]
    for ci, col in enumerate(doc.columns):
        for d in range(depth):
            if d < len(col.levels):
                prev = doc.columns[ci - 1].levels[: d + 1] if ci > 0 else None
                same_span = prev is not None and prev == col.levels[: d + 1] and d < len(col.levels) - 1
                grid[d].append("" if same_span else col.levels[d])
            else:
                grid[d].append("")
    return grid


def header_spans(doc: Document) -> list[tuple[int, int, int, int]]:
    """Merged header cells as (row0, col0, row1, col1), inclusive, in grid coordinates."""
    depth = doc.header_depth()
    lead = 3 if doc.unit_column_label else 2
    spans: list[tuple[int, int, int, int]] = []
    if depth > 1:
        spans.extend((0, c, depth - 1, c) for c in range(lead))
    cols = doc.columns
    for d in range(depth):
        ci = 0
        while ci < len(cols):
            col = cols[ci]
            if d >= len(col.levels):
                ci += 1
                continue
            if d == len(col.levels) - 1:  # leaf: spans down to the last header row
                if d < depth - 1:
                    spans.append((d, lead + ci, depth - 1, lead + ci))
                ci += 1
                continue
            cj = ci
            while cj + 1 < len(cols) and cols[cj + 1].levels[: d + 1] == col.levels[: d + 1]:
                cj += 1
            if cj > ci:
                spans.append((d, lead + ci, d, lead + cj))
            ci = cj + 1
    return spans


def leaf_labels_flat(doc: Document, joiner: str) -> list[str]:
    """One header line: each column's levels joined (a text export of a merged header)."""
    lead = [doc.code_label, doc.title_label] + ([doc.unit_column_label] if doc.unit_column_label else [])
    return lead + [joiner.join(c.levels) for c in doc.columns]
