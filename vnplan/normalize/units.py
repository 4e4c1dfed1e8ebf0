"""The amount unit of a table: printed ("ĐVT: ngàn đồng"), or proven by the narrative's total."""

from __future__ import annotations

import re
from decimal import Decimal

from vnplan.normalize.cells import DraftRow
from vnplan.normalize.fragments import TableRegion
from vnplan.normalize.metadata import NarrativeFacts
from vnplan.normalize.numbers import Unit, detect_unit, format_vn, to_vnd, unit_from_words
from vnplan.schemas import Finding

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
    for text in header_texts:  # "Tổng kinh phí (triệu đồng)": a unit named in a column header
        unit = unit_from_words(text)
        if unit:
            return unit, []
    message = "no amount unit (ĐVT / Đơn vị tính) was found; amounts are taken as đồng"
    return ASSUMED_UNIT, [Finding(severity="warning", code="unit-missing", message=message)]


_UNIT_NAMES = {1: "đồng", 10**3: "nghìn đồng", 10**6: "triệu đồng", 10**9: "tỷ đồng"}


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
    if len(fitting) != 1:
        return unit, findings
    scale = fitting[0]
    if unit is ASSUMED_UNIT:
        message = (
            f"no amount unit is printed; the grand total {format_vn(printed)} equals the narrative's "
            f"{format_vn(stated)} đồng only in {_UNIT_NAMES[scale]}, so amounts are read in {_UNIT_NAMES[scale]}"
        )
        inferred = Unit(_UNIT_NAMES[scale], scale)
        return inferred, [Finding(severity="warning", code="unit-inferred", message=message)]
    message = (
        f"the table's unit is {unit.label}, but its grand total {format_vn(printed)} equals the narrative's "
        f"{format_vn(stated)} đồng only in {_UNIT_NAMES[scale]}: check the unit (ĐVT)"
    )
    return unit, [*findings, Finding(severity="error", code="unit-mismatch", message=message)]


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
