"""Amount cells left unread, read again where the row's sum vouches for one reading only.

A cell whose text is no number under the document's convention is left unread (``cells_to_draft``).
Two kinds of such cells often still show their figure:

- **the other convention.** A table whose figures group thousands with dots ("1.500", "227.000")
  may print one row with commas ("225,500 | 200,000 | 25,500": typed by another hand, or copied
  from a spreadsheet). Under the Vietnamese convention "225,500" is no number. Read with the other
  convention only where the document's own figures do not establish its convention (every one of
  them reads under both).
- **a figure among marks.** On a noisy scan OCR reads specks beside a figure, or a group mark as
  another mark: "ˆ 132,48", "29,51”", "2:589,81", "256;19 |", "435.379.00U". The figure is read
  with those marks dropped, or taken for the mark they resemble (":" a dot, ";" a comma, "U"/"O"
  a zero).

Each such reading is a guess; the row's arithmetic decides. A row's unread total and parts are
taken only where exactly one combination of their readings makes the total equal the sum of the
printed parts, to the unit, and every unread cell of the row is read. Each cell so read gets a
warning naming its row and field: the sum vouches for it, the page does not.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from vnplan.normalize.cells import DraftRow
from vnplan.normalize.numbers import Style, format_vn, parse_number
from vnplan.schemas import Finding, Row
from vnplan.schemas.roles import V1_TOTAL_FIELD as TOTAL

How = Literal["other-convention", "through-marks"]


@dataclass(frozen=True)
class VouchedReading:
    """An unread cell read by ``how``: which row, which field, the text and the value read."""

    row: int
    field: str
    text: str
    value: Decimal  # in the table's printed unit
    how: How


def read_by_row_sums(
    drafts: Sequence[DraftRow], style: Style | None, parts: Sequence[str], *, other_convention: bool
) -> list[VouchedReading]:
    """Fill each draft's unread amount cells where one combination of their readings closes the
    row's sum (``TOTAL`` = the ``parts`` it prints); the drafts are changed in place.
    ``other_convention``: also read cells by the convention the document does not use."""
    taken = []
    for index, draft in enumerate(drafts):
        unread = {key: text for key, text in draft.unread.items() if key == TOTAL or key in parts}
        if not unread:
            continue
        options = {key: _readings(text, style, other_convention) for key, text in unread.items()}
        if not all(options.values()) or math.prod(map(len, options.values())) > _MAX_COMBINATIONS:
            continue
        keys = list(options)
        closing = {
            combination
            for combination in itertools.product(*(options[key].items() for key in keys))
            if _closes(
                {**draft.amounts, **{key: value for key, (value, _) in zip(keys, combination, strict=True)}}, parts
            )
        }
        if len({tuple(value for value, _ in combination) for combination in closing}) != 1:
            continue  # none closes the row, or several readings do: the sum cannot tell
        for key, (value, how) in zip(keys, next(iter(closing)), strict=True):
            draft.amounts[key] = value
            del draft.unread[key]
            taken.append(VouchedReading(index, key, unread[key], value, how))
    return taken


_MAX_COMBINATIONS = 256


def _closes(amounts: dict[str, Decimal], parts: Sequence[str]) -> bool:
    printed = [amounts[key] for key in parts if key in amounts]
    return TOTAL in amounts and amounts[TOTAL] > 0 and bool(printed) and amounts[TOTAL] == sum(printed)


def _readings(text: str, style: Style | None, other_convention: bool) -> dict[Decimal, How]:
    """The values a cell's text may print: by the other convention, or its figure among marks."""
    readings: dict[Decimal, How] = {}
    for figure in _figures_among_marks(text):
        value = parse_number(figure, style)
        if value is not None and value >= 0:
            readings.setdefault(value, "through-marks")
    if other_convention:
        other: Style = "en" if style != "en" else "vi"
        value = parse_number(text, other)
        if value is not None:
            readings[value] = "other-convention"
    return readings


# Letters OCR reads for a digit inside a figure ("00U", "1O0"), and marks it reads for a group mark.
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "U": "0", "D": "0"})
_MARK_LOOKALIKES = {":": ".", ";": ",", "-": ".", "’": ",", "'": ","}
_FIGURE_RUN = re.compile(r"\d(?:[\d.,]|\s(?=\d))*\d|\d")
# more than three digits before the first group mark ("1141.807.000"): no convention prints that
_CROWDED_HEAD = re.compile(r"^(\d{4,})[.,]\d{3}(?:[.,]\d{3})*$")
_LOOKALIKE_IN_FIGURE = re.compile(r"(?<=\d)[OoUD]+|[OoUD]+(?=\d)")


def _figures_among_marks(text: str) -> set[str]:
    """The figures a cell may show through the marks OCR read around it: each run of digits and
    group marks, with look-alike letters read as digits, look-alike marks as group marks, and a
    space inside it either dropped or read as a group mark."""
    digits = _LOOKALIKE_IN_FIGURE.sub(lambda match: match.group().translate(_DIGIT_LOOKALIKES), text)
    variants = {digits, "".join(_MARK_LOOKALIKES.get(ch, ch) if _between_digits(digits, i) else ch
                                for i, ch in enumerate(digits))}  # fmt: skip
    figures: set[str] = set()
    for variant in variants:
        for run in _FIGURE_RUN.findall(variant):
            run = run.strip(".,")
            figures |= {run.replace(" ", ""), run.replace(" ", ".")} if " " in run else {run}
            if (head := _CROWDED_HEAD.match(run)) is not None:  # a speck read as a digit before a group
                figures.add(run[len(head.group(1)) - 3 :])
    return {figure for figure in figures if sum(ch.isdigit() for ch in figure) >= _MIN_DIGITS}


_MIN_DIGITS = 2  # a lone digit among specks is as likely a speck


def _between_digits(text: str, index: int) -> bool:
    return 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()


def row_sum_findings(taken: Sequence[VouchedReading], rows: Sequence[Row], multiplier: int) -> list[Finding]:
    return [_finding(reading, rows[reading.row], multiplier) for reading in taken]


def _finding(reading: VouchedReading, row: Row, multiplier: int) -> Finding:
    value = format_vn(int(reading.value * multiplier))
    if reading.how == "other-convention":
        code = "amount-other-convention"
        how = f"no number under the document's convention; read with the other one as {value} đồng"
    else:
        code = "amount-read-through-marks"
        how = f"no number as it stands; read through the marks OCR put around its figure as {value} đồng"
    return Finding.about(
        row,
        severity="warning",
        code=code,
        message=f"row {row.code or '?'}: {reading.field} prints {reading.text!r}, {how}, the only reading that "
        "makes the row's total the sum of its parts: check it against the page",
        field=reading.field,
        actual=reading.text,
    )
