"""Amounts that OCR read without their decimal comma, repaired where the row's own sum proves it.

A plan in millions prints "22,1"; at small print or through noise Tesseract reads "221", ten times
the amount. On an OCRed row whose total does not equal the sum of its parts, if exactly one amount
read with its comma put back (a tenth or a hundredth of it) makes the row add up to the cent, that
reading is taken: recorded as a correction on the row and as a warning finding.

Only on OCRed rows: in a born-digital or text source the printed figure is what the document
says, and a wrong sum there is the document's own (reported, with the same reading suggested).
Never an amount both OCR readers read alike (``readings``): two engines do not lose the same comma
by chance.
"""

from __future__ import annotations

from collections.abc import Sequence

from vnplan.normalize.numbers import format_vn
from vnplan.normalize.reconcile import TOTAL, Trust, lost_comma, readings_that_agree
from vnplan.schemas import Correction, Finding, Row


def repair_lost_commas(rows: Sequence[Row], columns: Sequence[str], trust: Trust | None = None) -> list[Finding]:
    """Repair in place; one finding per repaired amount. ``trust``: the OCRed amounts' readings."""
    trust = trust or {}
    findings: list[Finding] = []
    if TOTAL not in columns:
        return findings
    parts = [c for c in columns if c != TOTAL]
    for position, row in enumerate(rows):
        total = row.total_vnd
        values = [getattr(row, c) for c in parts]
        if not _ocr_read(row) or total is None or any(v is None for v in values):
            continue
        expected = sum(values)
        if expected == total:
            continue
        found = readings_that_agree(total, expected, values, lost_comma)
        found = [f for f in found if not _both_read(trust, position, TOTAL if f[0] is None else parts[f[0]])]
        if len(found) != 1:
            continue
        index, repaired = found[0]
        column, read = (TOTAL, total) if index is None else (parts[index], values[index])
        setattr(row, column, repaired)
        reason = (
            f"decimal comma lost in OCR: read {format_vn(read)}, and only {format_vn(repaired)} "
            f"makes the row add up ({format_vn(total if column != TOTAL else repaired)} đồng)"
        )
        row.corrections.append(
            Correction(field=column, before=format_vn(read), after=format_vn(repaired), reason=reason)
        )
        findings.append(
            Finding.about(
                row,
                severity="warning",
                code="amount-repaired",
                message=f"row {row.code or '?'}: {column} {reason}",
                field=column,
                expected=repaired,
                actual=read,
            )
        )
    return findings


def _both_read(trust: Trust, position: int, column: str) -> bool:
    read = trust.get((position, column))
    return read is not None and read.agreed


def _ocr_read(row: Row) -> bool:
    """The row's cells were OCRed (their boxes carry Tesseract's confidence)."""
    return any(box.confidence is not None for box in row.cells)
