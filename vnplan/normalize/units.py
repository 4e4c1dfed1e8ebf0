"""The amount unit of a table: printed ("ĐVT: ngàn đồng"), or proven by the narrative's total."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from vnplan.normalize.cells import DraftRow
from vnplan.normalize.fragments import TableRegion
from vnplan.normalize.metadata import NarrativeFacts
from vnplan.normalize.numbers import Unit, detect_unit, format_vn, to_vnd, unit_from_words, unit_through_damage
from vnplan.schemas import Amount, Column, Finding, Row, Totals

# Amounts of a table that prints no unit are taken as đồng, with a finding saying so.
ASSUMED_UNIT = Unit("đồng", 1)


def find_unit(region: TableRegion) -> tuple[Unit, list[Finding]]:
    """The amount unit: from a header cell ("Kinh phí (triệu đồng)") or an "ĐVT: …" line."""
    header_texts = [cell for fragment in region.fragments for row in fragment.header_rows for cell in row if cell]
    for text in header_texts:
        unit = detect_unit(text)
        if unit:
            return unit, []
    for line in region.narrative:
        unit = detect_unit(line.text)
        if unit:
            return unit, []
    for text in [line.text for line in region.narrative] + header_texts:
        unit = unit_through_damage(text)
        if unit:
            return unit, [_read_through_damage(unit, text)]
    # "Tổng kinh phí (triệu đồng)": a unit named in a column header
    named = [(text, unit) for text in header_texts if (unit := unit_from_words(text))]
    damaged = [(text, unit) for text in header_texts if (unit := unit_through_damage(text, in_header=True))]
    if named or damaged:
        unit, findings = _larger_unit_of_the_headers(named + damaged)
        damaged_text = next((text for text, read in damaged if read == unit), None)
        if damaged_text is not None and not any(read == unit for _, read in named):
            findings.append(_read_through_damage(unit, damaged_text))
        return unit, findings
    message = "no amount unit (ĐVT / Đơn vị tính) was found; amounts are taken as đồng"
    return ASSUMED_UNIT, [Finding(severity="warning", code="unit-missing", message=message)]


def _read_through_damage(unit: Unit, text: str) -> Finding:
    message = (
        f"the amount unit is read as {unit.label} from {text!r}, words OCR damaged: their scale word stands "
        "where a unit is printed (check the ĐVT)"
    )
    return Finding(severity="info", code="unit-read-through-damage", message=message)


def _larger_unit_of_the_headers(named: Sequence[tuple[str, Unit]]) -> tuple[Unit, list[Finding]]:
    """The unit the table's column headers name; where one page's header reads plain đồng and
    another's a larger unit, the larger one, recorded: OCR loses a unit's first word under specks
    ("Kinh phí để xuất 1ø lên đồng)" for "(triệu đồng)", held-out Augraphy seed 11501 h08 p.3,
    whose next page read "(triệu đong)"), it does not make one up. Read as đồng, every amount of
    the table was a million times too small, and the rows whose sums held named nothing."""
    first = named[0][1]
    larger = next(((text, unit) for text, unit in named if unit.multiplier > 1), None)
    if first.multiplier > 1 or larger is None:
        return first, []
    text, unit = larger
    message = (
        f"the table's column headers name two units: {named[0][0]!r} reads đồng and {text!r} reads "
        f"{unit.label}; OCR loses a unit's first word, it does not make one up, so amounts are read in "
        f"{unit.label} (check the ĐVT)"
    )
    return unit, [Finding(severity="warning", code="unit-from-another-header", message=message)]


_UNIT_NAMES = {1: "đồng", 10**3: "nghìn đồng", 10**6: "triệu đồng", 10**9: "tỷ đồng"}

# A budget table printed in đồng has a largest figure (its total, its biggest item) of millions at
# least: one whose every figure stays under ten million đồng is printed in a larger unit it does not
# name (a real dự toán workbook: "525.469" for 525.469 triệu đồng).
SMALLEST_LARGEST_DONG = 10**7


def contradicted_unit_doubts(rows: Sequence[Row], unit: Unit) -> list[Finding]:
    """Where the narrative's grand total holds only in another unit than the table's (a
    ``unit-mismatch``): a warning naming every row with amounts. The unit read may be the wrong one
    (OCR split "(ngh ìn đồng)" and left "đồng"), and then every amount is off by a factor of a
    thousand; the table-level error alone names no row, so no amount would be flagged."""
    why = (
        f"its amounts are read in {unit.label}, the unit the narrative's totals contradict; each may be off by "
        "the factor between the two (check the ĐVT)"
    )
    return _rows_in_unit_doubt(rows, "amount-unit-contradicted", why)


def _rows_in_unit_doubt(rows: Sequence[Row], code: str, why: str) -> list[Finding]:
    """A warning naming each row with amounts: the unit they are read in is in doubt."""
    return [
        Finding.about(row, severity="warning", code=code, message=f"row {row.code or '?'}: {why}")
        for row in rows
        if row.amounts
    ]


def assumed_unit_doubts(rows: Sequence[Row], total_amounts: Sequence[Amount]) -> list[Finding]:
    """Where the unit was assumed (đồng) and the figures make đồng unlikely: an error for the table
    and a warning naming every row with amounts, since each of them may be 10³–10⁹ times too small."""
    values = [abs(a.value_vnd) for row in rows for a in row.amounts if not a.inferred]
    values += [abs(a.value_vnd) for a in total_amounts]
    if not values or max(values) >= SMALLEST_LARGEST_DONG:
        return []
    largest = format_vn(max(values))
    findings = [
        Finding(
            severity="error",
            code="unit-implausible",
            message=f"no amount unit is printed and the largest figure is {largest} đồng, too small for a budget "
            "in đồng: the table is probably in nghìn, triệu or tỷ đồng; every amount is in doubt until the unit "
            "is set (check ĐVT)",
        )
    ]
    why = "its amounts are read as đồng for want of a printed unit, which the table's figures make unlikely"
    return findings + _rows_in_unit_doubt(rows, "amount-unit-unknown", why)


# Where no grand total read proves the unit, the narrative's total still bounds the table's
# figures: its largest figure read (a group's total, an item) lies between a 1/LARGEST_SHARE part
# of the narrative's total and the total itself, in one of the scales a thousand apart (the ranges
# of two scales never meet, LARGEST_SHARE being under a thousand: at most one fits). That is a
# guess from a size, not a reading: the document keeps an error (a table whose columns run larger
# than the plan's total, a "Tổng mức đầu tư", or a narrative total misread, gives the wrong scale)
# and every row's amounts stay in doubt.
LARGEST_SHARE = 200


def unit_by_scale(
    unit: Unit, findings: list[Finding], largest: Decimal | None, facts: NarrativeFacts
) -> tuple[Unit, list[Finding]]:
    """For a table whose unit was neither read nor proven by a grand total row (``unit`` is
    ASSUMED_UNIT): the unit other than đồng that puts its largest figure as printed (``largest``)
    between 1/LARGEST_SHARE of the narrative's total and the total, with a finding in place of
    "unit-missing"; else ``unit`` and ``findings`` as they are. Only where the figures are too
    small for đồng (``SMALLEST_LARGEST_DONG``), or where the largest is the narrative's total in
    that unit: held-out seed 10401 h02, its "ĐVT: nghìn đồng" lost and its total row read as an item
    ("TỔNG §Ố"), printed 10.265.371, ten million (a plausible amount in đồng), against a narrative
    total of 10.265.371.000 đồng; every amount was read a thousand times too small, and no finding
    named a row."""
    stated = facts.narrative_totals.get("total_vnd")
    if unit is not ASSUMED_UNIT or stated is None or not largest:
        return unit, findings
    fitting = [m for m in _UNIT_NAMES if m > 1 and stated <= largest * m * LARGEST_SHARE and largest * m <= stated]
    if len(fitting) != 1:
        return unit, findings
    scale = fitting[0]
    if largest >= SMALLEST_LARGEST_DONG and largest * scale != stated:
        # a size đồng makes plausible: the narrative's total may be another envelope than the table's
        # (a programme's five years), and only a figure that is that total in the scale says otherwise
        return unit, findings
    where = (
        f"is the narrative's total of {format_vn(stated)} đồng in {_UNIT_NAMES[scale]}"
        if largest * scale == stated
        else f"lies between 1/{LARGEST_SHARE} of the narrative's total of {format_vn(stated)} đồng and the total "
        f"in {_UNIT_NAMES[scale]}"
    )
    message = (
        f"no amount unit was read and no grand total read proves one: the table's largest figure "
        f"{format_vn(largest)} {where}, so amounts are read in {_UNIT_NAMES[scale]}; a guess from their "
        "size: every amount is in doubt until the unit is checked (ĐVT)"
    )
    kept = [f for f in findings if f.code != "unit-missing"]
    return Unit(_UNIT_NAMES[scale], scale), [
        *kept,
        Finding(severity="error", code="unit-from-scale", message=message),
    ]


def scale_proven_by_total(
    unit: Unit, findings: list[Finding], printed: Decimal | None, facts: NarrativeFacts
) -> list[Finding]:
    """Where the unit was guessed from the figures' scale (``unit_by_scale``) and a grand total
    found since by its sums (``total_by_sums``) is, as printed, the narrative's total in that unit:
    the guess is proven as a total row's label would have proven it: its error gives way to
    ``check_unit_of_total``'s warning, and its rows' doubts with it. Held-out seed 10401 h02: its "TỔNG §Ố" row, found
    by its sums after the unit was guessed, is the narrative's 10.265.371.000 đồng in nghìn đồng."""
    if not any(f.code == "unit-from-scale" for f in findings):
        return findings
    proven, proof = check_unit_of_total(ASSUMED_UNIT, [], printed, facts)
    if proven.multiplier != unit.multiplier:
        return findings  # no unit, or another: the guess stands, and its doubts with it
    return [f for f in findings if f.code != "unit-from-scale"] + proof


def scaled_unit_doubts(rows: Sequence[Row], unit: Unit) -> list[Finding]:
    """A warning naming every row with amounts, where the unit was taken from the figures' scale
    (``unit_by_scale``), not printed nor proven by the grand total."""
    why = (
        f"its amounts are read in {unit.label}, a unit no cell printed and only the scale of the narrative's "
        "total suggests (check the ĐVT)"
    )
    return _rows_in_unit_doubt(rows, "amount-unit-inferred", why)


def check_unit_against_narrative(
    unit: Unit, findings: list[Finding], totals: DraftRow | None, facts: NarrativeFacts
) -> tuple[Unit, list[Finding]]:
    """Cross-check the unit with the narrative's total, written in đồng in the plan's text.

    A unit that was not found is taken from the one scale that makes the grand total equal the
    narrative's; a unit that was found but contradicts it is reported, not changed.
    """
    return check_unit_of_total(unit, findings, totals.amounts.get("total_vnd") if totals else None, facts)


def check_unit_of_total(
    unit: Unit, findings: list[Finding], printed: Decimal | None, facts: NarrativeFacts
) -> tuple[Unit, list[Finding]]:
    """``check_unit_against_narrative`` for a grand total as printed (a number in the table's unit)."""
    stated = facts.narrative_totals.get("total_vnd")
    if stated is None or printed is None or to_vnd(printed, unit.multiplier) == stated:
        return unit, findings
    fitting = [m for m in _UNIT_NAMES if to_vnd(printed, m) == stated]
    rounded = not fitting and unit is ASSUMED_UNIT
    if rounded:
        fitting = [m for m in _UNIT_NAMES if m > 1 and _rounds_to(printed, Decimal(stated) / m)]
    if len(fitting) != 1:
        return unit, findings
    scale = fitting[0]
    if unit is ASSUMED_UNIT:
        equals = "rounded to a whole unit, equals" if rounded else "equals"
        message = (
            f"no amount unit is printed; the grand total {format_vn(printed)}, {equals} the narrative's "
            f"{format_vn(stated)} đồng only in {_UNIT_NAMES[scale]}, so amounts are read in {_UNIT_NAMES[scale]}"
        )
        inferred = Unit(_UNIT_NAMES[scale], scale)
        return inferred, [Finding(severity="warning", code="unit-inferred", message=message)]
    message = (
        f"the table's unit is {unit.label}, but its grand total {format_vn(printed)} equals the narrative's "
        f"{format_vn(stated)} đồng only in {_UNIT_NAMES[scale]}: check the unit (ĐVT)"
    )
    return unit, [*findings, Finding(severity="error", code="unit-mismatch", message=message)]


# A grand total read in an assumed đồng is a whole number: "6.858,94" (triệu đồng) is read as 6.859
# đồng, which no scale makes the narrative's 6.858.940.000 đồng exactly. Rounded, it does; a figure
# of ROUNDED_MATCH_DIGITS digits or more that rounds the narrative's total in one scale is no chance
# ("7" rounds 6.858.940.000 đồng in tỷ đồng, and proves nothing).
ROUNDED_MATCH_DIGITS = 4


def _rounds_to(printed: Decimal, exact: Decimal | int) -> bool:
    """``printed`` is a whole number of ROUNDED_MATCH_DIGITS digits or more, and ``exact`` rounded."""
    whole = printed == printed.to_integral_value()
    return whole and abs(printed) >= 10 ** (ROUNDED_MATCH_DIGITS - 1) and abs(Decimal(exact) - printed) < Decimal("0.5")


def stated_quantity_unit(region: TableRegion) -> str | None:
    """A non-money unit the document states for its table: "ĐVT: người", "Đơn vị tính: ha"."""
    from vnplan.normalize.column_model import quantity_unit

    header_texts = [cell for fragment in region.fragments for row in fragment.header_rows for cell in row if cell]
    for text in [*header_texts, *(line.text for line in region.narrative)]:
        match = _UNIT_LINE.search(text)
        if match:
            return quantity_unit(match.group("rest"))
    return None


_UNIT_LINE = re.compile(r"(?:ĐVT|DVT|Đơn vị tính|Đơn vị)\s*:\s*(?P<rest>[^,;]{1,20})$", re.IGNORECASE)


def column_unit_doubts(
    rows: Sequence[Row], columns: Sequence[Column], totals: Totals, facts: NarrativeFacts
) -> list[Finding]:
    """Where one column's grand total is the narrative's total for that column a thousand (a
    million, a billion) times over or under: a warning naming that column's amount in every row.
    The column's own header names its unit, and OCR can misread it alone ("(nghìn ˆ đồng)" read as
    đồng): its amounts are then all off by that factor while its neighbours are right, the column
    sums that would show it are not found (no sum holds), and the grand total's mismatch names no
    row."""
    findings: list[Finding] = []
    for field, stated in facts.narrative_totals.items():
        printed = getattr(totals, field, None)
        if not printed or not stated or printed == stated:
            continue
        smaller, larger = sorted((abs(printed), abs(stated)))
        # within one unit of the larger scale: a total in triệu đồng with decimals ("1.234,56")
        # read in đồng is rounded to a whole đồng
        factor = next((m for m in _UNIT_NAMES if m > 1 and abs(smaller * m - larger) < m), None)
        if factor is None:
            continue
        keys = {c.key for c in columns if c.v1_field == field}
        why = (
            f"its column's grand total {format_vn(printed)} đồng is the narrative's {format_vn(stated)} đồng "
            f"{'divided' if abs(printed) < abs(stated) else 'multiplied'} by {format_vn(factor)}, as if the column "
            "were read in the wrong unit; this amount may be off by that factor (check the column's unit)"
        )
        findings += [
            Finding.about(
                row, severity="warning", code="column-unit-contradicted", field=field,
                message=f"row {row.code or '?'}: {amount.label}: {why}", actual=amount.value_vnd,
            )
            for row in rows
            for amount in row.amounts
            if amount.column in keys and not amount.inferred
        ]  # fmt: skip
    return findings
