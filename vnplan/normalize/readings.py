"""Two readings of every OCRed amount: accept, confirm by the sums, or flag.

Extract reads each amount cell of a scan with two independent engines (``Cell.second``). Here an
amount is accepted without a flag where both readings give the same value, or where the table's
arithmetic confirms the value kept (its row adds up, or its column adds up to its parent, or its
children add up to it). Where neither holds, the other reading is taken if it alone makes those
sums hold (a correction and a warning); otherwise the reading in the table stays, with a warning
naming the row, the field and both readings. An OCRed amount read only once is in doubt the same
way.

What was settled is kept per cell (``reconcile.CellTrust``) for the repairs and hints that follow:
they never propose changing an amount both readers agree on, and they prefer the cell the readers
doubt.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from math import prod

from vnplan.extract.model import Cell, Line
from vnplan.normalize.numbers import Style, format_vn, parse_number, to_vnd
from vnplan.normalize.reconcile import CellTrust, Tree, Trust, lost_comma, money_value, one_digit_apart
from vnplan.normalize.whole_thousands import last_group_as_thousands, whole_thousands
from vnplan.schemas import Column, Correction, Finding, Row, Suggestion

_DASH = frozenset({"-", "–", "—", "--"})


@dataclass(frozen=True)
class AmountReadings:
    """One OCRed amount cell as the two engines read it (texts as read, in the column's unit)."""

    first: str  # the reading that went into the table
    first_confidence: float | None
    second: str | None  # the other engine's reading; None: the cell was read once
    second_confidence: float | None
    # numbers further looks at the cell read (other scales, binarized …): taken only where the
    # table's sums confirm one of them alone
    others: tuple[str, ...] = ()
    # the cell printed no number, and its one figure was read through the marks around it
    # (``row_sum_readings.read_shown_figures``), which names the cell already
    through_marks: bool = False


UNREAD = AmountReadings("", None, None, None)  # an OCRed row's amount no cell reading backs


def unread_looks(line: Line, unread: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """For each amount cell of ``line`` left unread (``unread``: field -> the text as printed), the
    other readings of that cell, the second engine's and those of further looks ("h ' : 531/7) ? _"
    as the page read it, "531,77" by a look). The cell is found by its text; a text two cells of
    the row share names neither."""
    by_text: dict[str, list[Cell]] = {}
    for cell in line.cells:
        by_text.setdefault(cell.text.strip(), []).append(cell)
    found = {}
    for key, text in unread.items():
        cells = by_text.get(text.strip(), [])
        if len(cells) != 1:
            continue
        cell = cells[0]
        others = ((cell.second.text,) if cell.second else ()) + tuple(look.text for look in cell.looks)
        if others := tuple(other for other in others if other.strip()):
            found[key] = others
    return found


def readings_of(cell: Cell) -> AmountReadings | None:
    """Both readings of an OCRed cell; None for a cell no OCR read (text layers, exports)."""
    if cell.confidence is None or not cell.text:
        return None
    second = cell.second
    return AmountReadings(
        cell.text,
        cell.confidence,
        second.text if second else None,
        second.confidence if second else None,
        tuple(look.text for look in cell.looks),
    )


def reading_value(text: str | None, multiplier: int, style: Style | None = None) -> int | None:
    """An amount reading in đồng: a dash is zero; None for what is not one number. ``style``: the
    document's number convention, as the table's own amounts were read by it."""
    if text is None:
        return None
    squeezed = "".join(text.split())
    if squeezed in _DASH:
        return 0
    value = parse_number(squeezed, style)
    return None if value is None else to_vnd(value, multiplier)


def _digits(text: str | None) -> str:
    return "".join(ch for ch in text or "" if ch.isdigit()).lstrip("0") or (
        "0" if text and any(ch == "0" for ch in text) else ""
    )


def _bracketed(text: str | None) -> bool:
    squeezed = "".join((text or "").split())
    return squeezed.startswith("(") and squeezed.endswith(")")


@dataclass(frozen=True)
class Arithmetic:
    """What may confirm an amount: the row identities (result, terms) and the tree of rows."""

    tree: Tree
    identities: Sequence[tuple[str, Sequence[str]]]

    def confirms(self, rows: Sequence[Row], index: int, field: str) -> bool:
        """An identity ``rows[index].field`` takes part in holds exactly with every term printed:
        one of its row's, its column under the parent, or its children's. A sum of nothing but
        zeros vouches for nothing: any row of dashes adds up, and on a held-out page (seed 4099 h01
        p.3) a look reading "-" for a total read "33.832.000" was taken because the row's parts,
        under a streak, had read as dashes too (printed: 252.632.000 = 182.972.000 + 69.660.000)."""
        row = rows[index]
        for result, terms in self.identities:
            if field != result and field not in terms:
                continue
            total, values = money_value(row, result), [money_value(row, t) for t in terms]
            known = [v for v in values if v is not None]
            if total and len(known) == len(values) >= 2 and sum(known) == total:
                return True
        kids = self.tree.children.get(index, [])
        if kids and _sums_to(rows, kids, field, money_value(row, field)):
            return True
        parent = self.tree.parent_of(index)
        return parent is not None and _sums_to(
            rows, self.tree.children[parent], field, money_value(rows[parent], field)
        )


def _sums_to(rows: Sequence[Row], members: Sequence[int], field: str, total: int | None) -> bool:
    values = [money_value(rows[k], field) for k in members]
    known = [v for v in values if v is not None]
    return bool(total) and len(known) == len(values) and sum(known) == total


def set_money(row: Row, field: str, value: int, columns: Sequence[Column]) -> None:
    """Change one amount of a row, by v1 field or column key, in both views of the row."""
    v1_fields = {c.key: c.v1_field for c in columns if c.v1_field}
    keys = {c.v1_field: c.key for c in columns if c.v1_field}
    if field in type(row).model_fields:
        setattr(row, field, value)
    elif v1_fields.get(field) in type(row).model_fields:
        setattr(row, str(v1_fields[field]), value)
    key = keys.get(field, field)
    for amount in row.amounts:
        if amount.column == key:
            amount.value_vnd = value


def judge_readings(
    rows: list[Row],
    readings: Sequence[Mapping[str, AmountReadings]],
    arithmetic: Arithmetic,
    multipliers: Mapping[str, int],
    columns: Sequence[Column] = (),
    *,
    ocr_rows: Sequence[bool] = (),
    style: Style | None = None,
    printed_units: Collection[str] | None = None,
) -> tuple[Trust, list[Finding]]:
    """Settle every OCRed amount in place (see the module's docstring); the trust of each, and
    the findings: a warning for each amount changed to the other reading or left in doubt.

    ``multipliers``: đồng per printed unit, by field (readings are parsed in their column's unit).
    ``ocr_rows``: which rows were OCRed; an amount of theirs that no cell reading backs (a number
    typed into its field from another cell) is in doubt like one read once.
    ``style``: the document's number convention (``numbers.detect_style``).
    ``printed_units``: the fields whose unit the document prints (None: all); only there is a
    fraction of a đồng known to be a misread mark, since an assumed đồng may be triệu after all."""
    trust: Trust = {}
    findings: list[Finding] = []
    doubtful: list[tuple[int, str, int | None]] = []
    flags = [*ocr_rows, *[False] * (len(rows) - len(ocr_rows))]
    readings = [
        {**dict.fromkeys(multipliers, UNREAD), **cells} if ocr else cells
        for cells, ocr in zip(readings, flags, strict=True)
    ]
    for index, (row, cells) in enumerate(zip(rows, readings, strict=True)):
        for field, read in cells.items():
            value = money_value(row, field)
            if value is None or field not in multipliers:
                continue
            in_dong = multipliers[field] == 1 and (printed_units is None or field in printed_units)
            whole = _whole_dong(read, value) if in_dong else None
            if whole is not None:
                set_money(row, field, whole, columns)
                findings.append(_decimal_mark_misread(row, field, read, value, whole))
                value = whole
            second = reading_value(read.second, multipliers[field], style)
            if second is not None and value < 0 and second == -value and _bracketed(read.first):
                second = value  # the second reader's whitelist has no brackets: it reads the digits alone
            if multipliers[field] == 1 and _digits(read.second) == str(abs(value)):
                # An amount in đồng is a whole number, told by its digits alone: where the second
                # reader reads the same digits with other marks ("60.516.896,409", "37,24.000,000"),
                # it reads the same amount; the marks only group it.
                second = value
            agreed = second is not None and second == value and not _rejected(read)
            trust[(index, field)] = CellTrust(agreed, read.first_confidence, second, in_doubt=not agreed)
            if not agreed:
                doubtful.append((index, field, second))
    rounded = whole_thousands(
        value for (i, f), t in trust.items() if t.agreed and multipliers[f] == 1 and (value := money_value(rows[i], f))
    )
    findings += _agreed_but_refuted(rows, readings, trust, arithmetic, multipliers, columns, rounded, style)
    settled = read_together(rows, readings, trust, doubtful, arithmetic, multipliers, columns, style)
    findings += settled
    if rounded:
        findings += _off_the_rounding(rows, trust, arithmetic, multipliers)
    doubtful = [(i, f, second) for i, f, second in doubtful if trust[(i, f)].in_doubt]
    for index, field, second in doubtful:
        row = rows[index]
        read = readings[index][field]
        if arithmetic.confirms(rows, index, field):
            old = trust[(index, field)]
            trust[(index, field)] = CellTrust(old.agreed, old.confidence, old.second_value, in_doubt=False)
            continue
        kept = money_value(row, field)
        assert kept is not None
        # Under a unit only assumed to be đồng, a first reading with decimals ("40.207,3") says the
        # table is in a larger unit, and a second reading without them ("402073") is no better: its
        # sums can hold ten times over on every row, since the whole table is read the same way.
        assumed_away = (
            multipliers[field] == 1
            and printed_units is not None
            and field not in printed_units
            and _has_fraction(read.first, style)
        )
        if second is not None and second != kept and not assumed_away:
            set_money(row, field, second, columns)
            if arithmetic.confirms(rows, index, field):
                trust[(index, field)] = CellTrust(True, read.second_confidence, second, in_doubt=False)
                findings.append(_other_taken(row, field, read, kept, second))
                continue
            set_money(row, field, kept, columns)
        candidates = [(text, reading_value(text, multipliers[field], style)) for text in read.others]
        if rounded and multipliers[field] == 1:  # each reading with its last group read as "000"
            texts = (read.first, read.second, *read.others)
            candidates += [(format_vn(v), v) for text in texts if (v := last_group_as_thousands(text)) is not None]
        looked = (
            None
            if assumed_away
            else _confirmed_look(rows, index, field, candidates, (kept, second), arithmetic, columns)
        )
        if looked is not None:
            text, value = looked
            trust[(index, field)] = CellTrust(True, None, second, in_doubt=False)
            findings.append(_look_taken(row, field, read, text, (kept, second), value))
            continue
        if read.through_marks:
            continue  # in doubt, and already named by the finding that read it
        other = (
            Suggestion(
                row_index=index, row_code=row.code, field=field, value=second, reason="the second OCR reader's reading"
            )
            if second is not None and second != kept
            else None
        )
        findings.append(_left_in_doubt(row, field, read, kept, other))
    return trust, findings


MAX_COMBINATIONS = 256  # readings of a row's cells tried together: 4 cells of 4 readings each


def read_together(
    rows: list[Row],
    readings: Sequence[Mapping[str, AmountReadings]],
    trust: Trust,
    doubtful: Sequence[tuple[int, str, int | None]],
    arithmetic: Arithmetic,
    multipliers: Mapping[str, int],
    columns: Sequence[Column],
    style: Style | None,
) -> list[Finding]:
    """Rows where two cells or more of one sum are in doubt, settled by their readings together:
    where exactly one choice among each doubtful cell's readings (its two engines', its further
    looks') makes the row's sum hold, with a total other than 0 and the cells both readers agree on
    as they are, that choice is taken, and each amount changed is named by a warning.

    One cell at a time, the sums cannot settle such a row: on a held-out page under a streak (seed
    4099 h01 p.3) the total was read "33.832.000" and both parts as dashes, while the looks had read
    252.632.000, 182.972.000 and 69.660.000, which add up. Trust is set on the cells settled."""
    findings: list[Finding] = []
    by_row: dict[int, set[str]] = {}
    for index, field, _ in doubtful:
        by_row.setdefault(index, set()).add(field)
    for index, fields in by_row.items():
        row = rows[index]
        for result, terms in arithmetic.identities:
            cells = [result, *terms]
            in_doubt = [f for f in cells if f in fields and trust[(index, f)].in_doubt]
            values = {f: money_value(row, f) for f in cells}
            if len(in_doubt) < 2 or any(v is None for v in values.values()):
                continue
            options = {f: _readings_of(readings[index][f], values[f], multipliers[f], style) for f in in_doubt}
            if prod(len(o) for o in options.values()) > MAX_COMBINATIONS:
                continue
            holding = set()
            for choice in itertools.product(*options.values()):
                trial = {**values, **dict(zip(in_doubt, choice, strict=True))}
                total = trial[result]
                if total and total == sum(trial[t] or 0 for t in terms):
                    holding.add(choice)
            if len(holding) != 1:
                continue
            (choice,) = holding
            for field, value in zip(in_doubt, choice, strict=True):
                before = values[field]
                assert before is not None and value is not None
                old = trust[(index, field)]
                trust[(index, field)] = CellTrust(old.agreed, old.confidence, old.second_value, in_doubt=False)
                if value == before:
                    continue
                set_money(row, field, value, columns)
                reason = (
                    f"{_both(readings[index][field])}; only with this reading of the cell, and the readings of the "
                    f"row's other doubtful cells beside it, does the row's sum hold"
                )
                findings.append(_other_taken(row, field, readings[index][field], before, value, reason))
            break
    return findings


def _readings_of(read: AmountReadings, kept: int | None, multiplier: int, style: Style | None) -> list[int]:
    """The values a cell's readings give (the one in the table first), each once: a reading as it
    stands, or the one grouped figure it shows among marks (" 182 972.000 , .. TƯ -")."""
    texts = [text for text in (read.first, read.second, *read.others) if text]
    values = [kept, *(reading_value(text, multiplier, style) for text in texts)]
    values += [reading_value(figure, multiplier, style) for text in texts for figure in _figure_among_marks(text)]
    return list(dict.fromkeys(v for v in values if v is not None))


# One figure in thousands groups, its marks a dot, a comma or a space a speck made of one. Narrower
# than ``row_sum_readings``' figures through marks (look-alike letters, decimal swaps, a speck's
# digit before a group): for cells read together every further candidate multiplies the choices.
_WHOLE_GROUPED_FIGURE = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,\s]\d{3})+(?![\d]|[.,]\d)")


def _figure_among_marks(text: str) -> list[str]:
    """The one grouped figure a reading shows among marks, its spaces read as the group mark it
    uses elsewhere ("182 972.000" -> "182.972.000"); none where it shows no figure or two."""
    found = _WHOLE_GROUPED_FIGURE.findall(text)
    if len(found) != 1:
        return []
    figure = found[0]
    mark = "." if "." in figure else "," if "," in figure else "."
    return ["".join(mark if ch.isspace() else ch for ch in figure)]


def _confirmed_look(
    rows: list[Row],
    index: int,
    field: str,
    candidates: Sequence[tuple[str, int | None]],
    tried: Collection[int | None],
    arithmetic: Arithmetic,
    columns: Sequence[Column],
) -> tuple[str, int] | None:
    """The one candidate reading (text, value) of the cell whose value makes the table's sums
    hold with the row's other amounts as they stand; None where none does, or where two values do
    (the arithmetic cannot tell them apart). The row is left as it was found but for that value."""
    row = rows[index]
    kept = money_value(row, field)
    assert kept is not None
    holding: dict[int, str] = {}
    for text, value in candidates:
        if value is None or value in tried or value in holding:
            continue
        set_money(row, field, value, columns)
        if arithmetic.confirms(rows, index, field):
            holding[value] = text
    set_money(row, field, kept, columns)
    if len(holding) != 1:
        return None
    ((value, text),) = holding.items()
    set_money(row, field, value, columns)
    return text, value


def _agreed_but_refuted(
    rows: list[Row],
    readings: Sequence[Mapping[str, AmountReadings]],
    trust: Trust,
    arithmetic: Arithmetic,
    multipliers: Mapping[str, int],
    columns: Sequence[Column],
    rounded: bool,
    style: Style | None,
) -> list[Finding]:
    """An amount both readers read alike that the table's sums refute, where one other reading
    alone makes them hold: a further look's ("514,7" where both read "914,7"), or in a table of
    whole thousands the reading with its last group read "000" ("119.586.900"). The corrected
    amount, with a warning naming the row and the field; elsewhere the amount stays as read."""
    findings = []
    for (index, field), kept_trust in list(trust.items()):
        row = rows[index]
        value = money_value(row, field)
        if not kept_trust.agreed or value is None or arithmetic.confirms(rows, index, field):
            continue
        read = readings[index][field]
        candidates = [(text, reading_value(text, multipliers[field], style)) for text in read.others]
        whole = last_group_as_thousands(read.first) if rounded and multipliers[field] == 1 else None
        if whole is not None:
            candidates.append((format_vn(whole), whole))
        found = _confirmed_look(rows, index, field, candidates, (value,), arithmetic, columns)
        if found is None:
            continue
        text, taken = found
        trust[(index, field)] = CellTrust(False, kept_trust.confidence, kept_trust.second_value, in_doubt=False)
        if taken == whole:
            reason = (
                f"both OCR readers read {read.first!r}, but the table's other amounts are whole thousands and only "
                f"{format_vn(whole)} makes its sums agree (the last group's zeros misread)"
            )
        else:
            reason = (
                f"both OCR readers read {read.first!r}, which the table's sums refute, and another look at the cell "
                f"read {text!r}: only that reading makes them agree"
            )
        findings.append(
            _other_taken(
                row, field, read, value, taken, reason, related=readings_related(value, taken) or taken == whole
            )
        )
    return findings


def _off_the_rounding(
    rows: Sequence[Row], trust: Trust, arithmetic: Arithmetic, multipliers: Mapping[str, int]
) -> list[Finding]:
    """A warning on each amount both readers read alike that is no whole thousand, in a table whose
    amounts are whole thousands (``whole_thousands``), where no sum of the table confirms it: its
    last group, or a whole group, is likely misread ("1.199.881" for 1.199.881.000, a group lost
    under a streak; held-out Augraphy seed 10301), and two readers agreeing on a cell under specks
    is no proof. Its sums, where they hold, vouch for it; elsewhere it stays as read, in doubt:
    nothing is inferred from it."""
    findings = []
    for (index, field), cell in list(trust.items()):
        value = money_value(rows[index], field)
        if not cell.agreed or multipliers.get(field) != 1 or not value or value % 1000 == 0:
            continue
        if abs(value) < 1000:
            continue  # one group only, none lost: a speck read as a figure (``checks.implausibly_small_findings``)
        if arithmetic.confirms(rows, index, field):
            continue
        row = rows[index]
        trust[(index, field)] = replace(cell, in_doubt=True)
        findings.append(
            Finding.about(
                row,
                severity="warning",
                code="amount-suspect",
                message=(
                    f"row {row.code or '?'}: {field} reads {format_vn(value)} đồng, not a whole thousand where the "
                    "table's other amounts are, and no sum of the table vouches for it: a group of it may be "
                    "misread or lost; check it against the page"
                ),
                field=field,
                actual=value,
            )
        )
    return findings


# Below this confidence Tesseract itself rejects its reading (a cell under a stamp read "0" at 0.00):
# the second reader agreeing with it does not vouch for it.
REJECTED_CONFIDENCE = 0.1


def _rejected(read: AmountReadings) -> bool:
    return read.first_confidence is not None and read.first_confidence < REJECTED_CONFIDENCE


def _both(read: AmountReadings) -> str:
    second = "nothing readable" if not read.second else repr(read.second)
    return f"the two OCR readers read {read.first!r} (in the table) and {second}"


def readings_related(first: int, second: int) -> bool:
    """Two readings of one cell that differ as OCR slips do: one digit, or a decimal comma. Readings
    with nothing in common (``172,7`` and ``21``) say the cell is illegible (a stamp, a stain)."""
    return one_digit_apart(first, second) or lost_comma(first, second) or lost_comma(second, first)


def _has_fraction(text: str, style: Style | None) -> bool:
    value = parse_number("".join(text.split()), style)
    return value is not None and value != value.to_integral_value()


def _whole_dong(read: AmountReadings, value: int) -> int | None:
    """The amount both readers read digit for digit where the page reader's marks made a fraction
    of a đồng of it ("1.054.166.252,174" beside "1054166252174"): a decimal mark misread from a
    group mark, since an amount in đồng has no decimals. None where there is nothing to correct."""
    digits = _digits(read.first)
    if not digits or digits != _digits(read.second) or _rejected(read) or int(digits) == abs(value):
        return None
    return -int(digits) if value < 0 else int(digits)


def _decimal_mark_misread(row: Row, field: str, read: AmountReadings, before: int, after: int) -> Finding:
    return _reading_taken(
        row, field, f"{_both(read)}: the same digits, and an amount in đồng has no decimals", before, after
    )


def _reading_taken(row: Row, field: str, reason: str, before: int, after: int) -> Finding:
    """The correction of one amount to another reading, and the warning naming its row and field."""
    row.corrections.append(Correction(field=field, before=format_vn(before), after=format_vn(after), reason=reason))
    return Finding.about(
        row,
        severity="warning",
        code="amount-second-reading",
        message=f"row {row.code or '?'}: {field}: {reason}: {format_vn(after)} đồng kept",
        field=field,
        expected=after,
        actual=before,
    )


def _other_taken(
    row: Row,
    field: str,
    read: AmountReadings,
    before: int,
    after: int,
    reason: str | None = None,
    related: bool | None = None,
) -> Finding:
    reason = reason or f"{_both(read)}; only the other reading makes the table's sums agree"
    if readings_related(before, after) if related is None else related:
        return _reading_taken(row, field, reason, before, after)
    row.corrections.append(Correction(field=field, before=format_vn(before), after=format_vn(after), reason=reason))
    # Two unrelated readings: the sum did not choose between two near readings of one number, it
    # took the one that matches the row's other amounts, which vouch for it only if they are right
    # themselves; an illegible cell (under a stamp) may well have illegible neighbours. The doubt
    # names the whole row.
    return Finding.about(
        row,
        severity="warning",
        code="amount-second-reading",
        message=f"row {row.code or '?'}: {field}: {reason}: {format_vn(after)} đồng kept; the two readings have "
        "nothing in common, so the cell is illegible and the row's other amounts, which the sum rests on, are "
        "in doubt with it (check the row against the page)",
        expected=after,
        actual=before,
    )


def _look_taken(
    row: Row, field: str, read: AmountReadings, text: str, readings: Sequence[int | None], after: int
) -> Finding:
    """A reading of a further look at the cell (or a reading's last group read "000") taken
    because the sums confirm it alone; ``readings``: the values of the two readings, the first
    the one in the table. It is near them where it is one slip away from either (a digit, a
    decimal comma, the last group's zeros)."""
    reason = (
        f"{_both(read)}, and another look at the cell read {text!r}: only that reading makes the table's sums agree"
    )
    near = any(v is not None and readings_related(v, after) for v in readings) or after in {
        last_group_as_thousands(read.first),
        last_group_as_thousands(read.second),
    }
    before = readings[0]
    assert before is not None
    return _other_taken(row, field, read, before, after, reason, related=near)


def _left_in_doubt(row: Row, field: str, read: AmountReadings, kept: int, other: Suggestion | None = None) -> Finding:
    """The warning on an amount the two readers read differently; ``other``, the second reader's
    reading, is offered to the reviewer (taken or turned down in one key in ``vnplan serve``)."""
    if read is UNREAD:
        what = "was not read from a cell of its own column (the row's cells were typed by content)"
    elif _rejected(read):
        what = f"read {read.first!r} by the page reader at confidence {read.first_confidence:.2f}, which it rejects"
    elif read.second is None:
        what = f"read {read.first!r} by one OCR reader only"
    else:
        what = _both(read)
    return Finding.about(
        row,
        severity="warning",
        code="amount-readings-differ",
        message=(
            f"row {row.code or '?'}: {field}: {what}, and the table's sums cannot tell which is right: "
            f"{format_vn(kept)} đồng kept, check it against the page"
        ),
        field=field,
        actual=kept,
        suggestion=other,
    )
