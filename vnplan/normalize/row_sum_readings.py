"""Amount cells left unread, read again where the row's sum vouches for one reading only.

A cell whose text is no number under the document's convention is left unread (``cells_to_draft``).
Two kinds of such cells often still show their figure:

- **the other convention.** A table whose figures group thousands with dots ("1.500", "227.000")
  may print one row with commas ("225,500 | 200,000 | 25,500": typed by another hand, or copied
  from a spreadsheet). Under the Vietnamese convention "225,500" is no number. Read with the other
  convention only where the document's own figures do not establish its convention (every one of
  them reads under both).
- **a figure among marks.** On a noisy scan OCR reads specks beside a figure, or a group mark as
  another mark: "ˆ 132,48", "29,51”", "2:589,81", "256;19 |", "435.379.00U", "780.2 3". The
  figure is read with those marks dropped, or taken for the mark they resemble (":" a dot, ";" a
  comma, "U"/"O" a zero, a decimal comma read as a dot); a cell of marks and no digit ("› *") is
  read as a dash, 0.

- **another reading of the cell.** Where the page reader read no number, the second engine or a
  further look at the cell may have ("531,77" where the page read "h ' : 531/7) ? _"); those
  readings travel with the unread cell (``DraftRow.unread_looks``) as candidates.

Each such reading is a guess; the row's arithmetic decides. A row's unread total and parts are
taken only where exactly one combination of their readings makes the total equal the sum of the
printed parts, to the unit, and every unread cell of the row is read. Each cell so read gets a
warning naming its row and field: the sum vouches for it, the page does not.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from vnplan.normalize.cells import DraftRow
from vnplan.normalize.numbers import Style, format_vn, parse_number
from vnplan.normalize.readings import AmountReadings
from vnplan.schemas import Finding, Row

How = Literal["other-convention", "through-marks", "another-reading", "shown"]


@dataclass(frozen=True)
class VouchedReading:
    """An unread cell read by ``how``: which row, which field, the text and the value read."""

    row: int
    field: str
    text: str
    value: Decimal  # in the unit the cell is printed in
    how: How
    multiplier: int | None = None  # đồng per printed unit, where the column prints its own


@dataclass(frozen=True)
class RowSum:
    """The sum a table's rows obey: ``total`` = the ``parts``; ``multipliers``: for a table read
    by position, đồng per printed unit of each of its columns (its rows hold đồng, ``money``),
    None for the khuyến công family (its rows hold the printed figures, ``amounts``)."""

    total: str
    parts: tuple[str, ...]
    multipliers: Mapping[str, int] | None = None

    def known(self, draft: DraftRow) -> dict[str, Decimal]:
        if self.multipliers is None:
            return dict(draft.amounts)
        return {key: Decimal(value) for key, value in draft.money.items()}

    def scaled(self, key: str, value: Decimal) -> Decimal:
        return value if self.multipliers is None else value * self.multipliers[key]

    def take(self, draft: DraftRow, key: str, value: Decimal) -> None:
        _put(draft, key, value, self.multipliers)


def _put(draft: DraftRow, key: str, value: Decimal, multipliers: Mapping[str, int] | None) -> None:
    """A figure read for a cell, into the draft: as printed (the khuyến công family, ``amounts``),
    or in đồng by its column's ``multipliers`` (a table read by position, ``money``)."""
    if multipliers is None:
        draft.amounts[key] = value
    else:
        draft.money[key] = int((value * multipliers[key]).to_integral_value())


def read_by_row_sums(
    drafts: Sequence[DraftRow], style: Style | None, row_sum: RowSum, *, other_convention: bool
) -> list[VouchedReading]:
    """Fill each draft's unread amount cells where one combination of their readings closes the
    row's sum (``row_sum``); the drafts are changed in place. ``other_convention``: also read
    cells by the convention the document does not use."""
    taken = []
    columns = {row_sum.total, *row_sum.parts}
    for index, draft in enumerate(drafts):
        unread = {key: text for key, text in draft.unread.items() if key in columns}
        if not unread:
            continue
        options = {
            # the page's own text first: where both give one value, the marks read it
            key: _other_readings(draft.unread_looks.get(key, ()), style) | _readings(text, style, other_convention)
            for key, text in unread.items()
        }
        if not all(options.values()) or math.prod(map(len, options.values())) > _MAX_COMBINATIONS:
            continue
        keys = list(options)
        known = row_sum.known(draft)
        closing = {
            combination
            for combination in itertools.product(*(options[key].items() for key in keys))
            if _closes(
                {
                    **known,
                    **{key: row_sum.scaled(key, value) for key, (value, _) in zip(keys, combination, strict=True)},
                },
                row_sum,
            )
        }
        if len({tuple(value for value, _ in combination) for combination in closing}) != 1:
            continue  # none closes the row, or several readings do: the sum cannot tell
        for key, (value, how) in zip(keys, next(iter(closing)), strict=True):
            row_sum.take(draft, key, value)
            del draft.unread[key]
            multiplier = row_sum.multipliers[key] if row_sum.multipliers is not None else None
            taken.append(VouchedReading(index, key, unread[key], value, how, multiplier))
    return taken


_MAX_COMBINATIONS = 256


def read_shown_figures(
    drafts: Sequence[DraftRow],
    style: Style | None,
    keys: Collection[str],
    multipliers: Mapping[str, int] | None,
    row_sum: RowSum | None = None,
) -> list[VouchedReading]:
    """Fill each unread amount cell (of ``keys``) whose marks show one figure and nothing else
    ("287.141 HN ao sa", "2:589,81", "727 390.000 Ỉ"), where no row sum vouched for a reading:
    the figure as shown, in doubt. Each is named by a warning; the table's sums judge it like any
    amount read once (``readings.judge_readings``). A cell of marks alone is never read as 0 here.
    ``multipliers``: đồng per printed unit by column for a table read by position (its rows hold
    đồng), None for the khuyến công family (its rows hold the printed figures). A figure the row's
    sum (``row_sum``) refutes, its every other term read, is not taken: "1:770,1" beside 12 and 4."""
    taken = []
    for index, draft in enumerate(drafts):
        if not draft.confidences:
            continue  # typed text: words around a figure are the writer's, not specks
        for key, text in list(draft.unread.items()):
            if key not in keys or (value := _shown_figure(text, style)) is None:
                continue
            if row_sum is not None and _refutes(row_sum, draft, key, value):
                continue
            _put(draft, key, value, multipliers)
            draft.readings[key] = AmountReadings(text, None, None, None, through_marks=True)
            del draft.unread[key]
            multiplier = multipliers[key] if multipliers is not None else None
            taken.append(VouchedReading(index, key, text, value, "shown", multiplier))
    return taken


def _refutes(row_sum: RowSum, draft: DraftRow, key: str, value: Decimal) -> bool:
    """The row's sum, every term of it read once ``key`` holds ``value``, does not hold."""
    columns = (row_sum.total, *row_sum.parts)
    if key not in columns:
        return False
    amounts = {**row_sum.known(draft), key: row_sum.scaled(key, value)}
    return all(c in amounts for c in columns) and not _closes(amounts, row_sum)


_MIN_SHOWN_DIGITS = 3  # two digits among specks are as likely specks read as digits
_SIGNED = re.compile(r"\(\s*\d|-\d")


def _shown_figure(text: str, style: Style | None) -> Decimal | None:
    """The one figure a cell's marks show, using every digit the cell holds; None where they show
    none, several, a figure of fewer than three digits, or words."""
    digits = sum(ch.isdigit() for ch in text)
    if digits < _MIN_SHOWN_DIGITS or _WORD.search(text) or _SIGNED.search(text):
        # too few digits; words beside them ("khoảng 500 triệu") say more than a figure; a bracket
        # or a minus before it ("(309,72) ~") makes it negative, which the marks cannot settle
        return None
    values = {
        value
        for figure in _figures_among_marks(text)
        if sum(ch.isdigit() for ch in figure) == digits
        and (value := parse_number(figure, style)) is not None
        and value > 0
    }
    return values.pop() if len(values) == 1 else None


def _closes(amounts: dict[str, Decimal], row_sum: RowSum) -> bool:
    printed = [amounts[key] for key in row_sum.parts if key in amounts]
    total = amounts.get(row_sum.total)
    return total is not None and total > 0 and bool(printed) and total == sum(printed)


def _readings(text: str, style: Style | None, other_convention: bool) -> dict[Decimal, How]:
    """The values a cell's text may print: by the other convention, or its figure among marks."""
    readings: dict[Decimal, How] = {}
    if not any(ch.isdigit() for ch in text) and not _WORD.search(text):
        readings[Decimal(0)] = "through-marks"  # marks and no figure: a dash under specks
    figure_shown = any(ch in "123456789" for ch in text)
    for figure in _figures_among_marks(text):
        value = parse_number(figure, style)
        if value is not None and (value > 0 or (value == 0 and not figure_shown)):
            readings.setdefault(value, "through-marks")
    if other_convention:
        other: Style = "en" if style != "en" else "vi"
        value = parse_number(text, other)
        if value is not None:
            readings[value] = "other-convention"
    return readings


def _other_readings(others: Sequence[str], style: Style | None) -> dict[Decimal, How]:
    """The figures the cell's other readings read (the second engine, further looks), of two digits
    or more: a lone digit is as likely a speck read."""
    readings: dict[Decimal, How] = {}
    for other in others:
        squeezed = "".join(other.split())
        value = parse_number(squeezed, style)
        if value is not None and value > 0 and sum(ch.isdigit() for ch in squeezed) >= _MIN_DIGITS:
            readings[value] = "another-reading"
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
            # a space inside: dropped, a group mark, or the end of the figure and a speck after it
            figures |= {run.replace(" ", ""), run.replace(" ", "."), run.split()[0]} if " " in run else {run}
            if (head := _CROWDED_HEAD.match(run)) is not None:  # a speck read as a digit before a group
                figures.add(run[len(head.group(1)) - 3 :])
            for figure in list(figures):  # a decimal comma read as a dot, or the reverse ("780.2" for 780,2)
                if (decimal := _DECIMALS.search(figure)) is not None:
                    mark = decimal.start()
                    figures.add(figure[:mark] + ("," if figure[mark] == "." else ".") + figure[mark + 1 :])
    return {figure for figure in figures if sum(ch.isdigit() for ch in figure) >= _MIN_DIGITS}


_MIN_DIGITS = 2  # a lone digit among specks is as likely a speck
_DECIMALS = re.compile(r"[.,]\d{1,2}$")  # one or two digits after the last mark: decimals, never a group
_WORD = re.compile(r"[^\W\d_]{3,}")  # three letters in a row: words ("Lồng ghép"), not specks read as "sa"


def _between_digits(text: str, index: int) -> bool:
    return 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()


def row_sum_findings(taken: Sequence[VouchedReading], rows: Sequence[Row], multiplier: int) -> list[Finding]:
    return [_finding(reading, rows[reading.row], multiplier) for reading in taken]


def _finding(reading: VouchedReading, row: Row, multiplier: int) -> Finding:
    value = format_vn(int(reading.value * (reading.multiplier or multiplier)))
    through_marks = f"no number as it stands; read through the marks OCR put around its figure as {value} đồng"
    vouched = "the only reading that makes the row's total the sum of its parts"
    if reading.how == "other-convention":
        code = "amount-other-convention"
        how = f"no number under the document's convention; read with the other one as {value} đồng"
    elif reading.how == "shown":
        code, how, vouched = "amount-read-through-marks", through_marks, "which no row sum vouches for"
    elif reading.how == "another-reading":
        code = "amount-read-by-another-look"
        how = f"no number as the page reader read it; another reading of the cell read {value} đồng"
    elif not reading.value:
        code = "amount-read-through-marks"
        how = "no figure, only marks (a dash under specks?); read as 0 đồng"
    else:
        code, how = "amount-read-through-marks", through_marks
    return Finding.about(
        row,
        severity="warning",
        code=code,
        message=f"row {row.code or '?'}: {reading.field} prints {reading.text!r}, {how}, {vouched}: check it "
        "against the page",
        field=reading.field,
        actual=reading.text,
    )
