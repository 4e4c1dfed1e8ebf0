"""Figures the document's number convention cannot read, read by the other one where the row's sum
holds only so.

A table whose figures group thousands with dots ("1.500", "227.000") may print one row with commas
("225,500 | 200,000 | 25,500": typed by another hand, or copied from a spreadsheet). Under the
Vietnamese convention "225,500" is no number (a 225,5 would not print three decimals), so the cells
are left unread (``cells_to_draft``). Where the document's own figures do not establish its
convention (every one of them reads under both), and reading the row's unread cells by the other
convention makes its total equal the sum of its parts to the đồng, that reading is taken, with a
warning naming the row and the field: the sum vouches for it, the convention does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from vnplan.normalize.cells import DraftRow
from vnplan.normalize.numbers import Style, format_vn, parse_number
from vnplan.schemas import Finding, Row
from vnplan.schemas.roles import V1_TOTAL_FIELD as TOTAL


@dataclass(frozen=True)
class OtherReading:
    """A cell read by the other convention: which row, which field, the text and the value read."""

    row: int
    field: str
    text: str
    value: Decimal  # in the table's printed unit


def read_by_the_other_convention(
    drafts: Sequence[DraftRow], style: Style | None, parts: Sequence[str]
) -> list[OtherReading]:
    """Fill each draft's unread amount cells where the other convention's reading closes the row's
    sum (``TOTAL`` = the ``parts`` it prints); the drafts are changed in place."""
    other: Style = "en" if style != "en" else "vi"
    taken = []
    for index, draft in enumerate(drafts):
        unread = {key: text for key, text in draft.unread.items() if key == TOTAL or key in parts}
        if not unread:
            continue
        read = {key: value for key, text in unread.items() if (value := parse_number(text, other)) is not None}
        if len(read) < len(unread):
            continue
        amounts = {**draft.amounts, **read}
        printed = [amounts[key] for key in parts if key in amounts]
        if TOTAL not in amounts or not printed or amounts[TOTAL] != sum(printed):
            continue
        for key, value in read.items():
            draft.amounts[key] = value
            del draft.unread[key]
            taken.append(OtherReading(index, key, unread[key], value))
    return taken


def other_convention_findings(taken: Sequence[OtherReading], rows: Sequence[Row], multiplier: int) -> list[Finding]:
    return [
        Finding.about(
            rows[reading.row],
            severity="warning",
            code="amount-other-convention",
            message=f"row {rows[reading.row].code or '?'}: {reading.field} prints {reading.text!r}, no number under "
            "the document's convention; read with the other one as "
            f"{format_vn(int(reading.value * multiplier))} đồng, the only reading that makes the row's total "
            "the sum of its parts: check it against the page",
            field=reading.field,
            actual=reading.text,
        )
        for reading in taken
    ]
