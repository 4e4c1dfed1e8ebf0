"""``vnplan extract --force`` over a document a person reviewed: the fresh reading takes the
reviewer's corrections, verified rows, decisions and sign-off where they still apply — or the
reviewed document is kept and the reason said. A person's work is never silently lost.

Rows are matched by code and, where a code repeats, by its turn (the second "III" with the second).
A correction applies when the fresh reading holds what the reviewer saw (it is applied again) or
already what the reviewer wrote (nothing to do); a third value means the source or the reader
changed under the reviewer's feet, and the whole carry-over is refused.
"""

from __future__ import annotations

from collections.abc import Sequence

from vnplan.cells_by_name import EditRefused, aliases, cell_text, kind_of, parse_value, set_value, value_of
from vnplan.reviewing import recheck, reviewer_corrections
from vnplan.schemas import Amount, Correction, PlanDocument, Row, Totals

# What a verified mark or a sign-off vouches for: the row's data, not its provenance.
_DATA_EXCLUDE = {"corrections", "verified", "confidence", "cells", "pages", "inferred"}


class CarryRefused(Exception):
    """The reviewer's corrections do not fit the fresh reading; the message names the first misfit."""


def row_keys(rows: Sequence[Row]) -> list[tuple[str | None, int]]:
    """(code, turn of that code) per row: a stable name for a row across two readings."""
    seen: dict[str | None, int] = {}
    keys = []
    for row in rows:
        turn = seen.get(row.code, 0)
        seen[row.code] = turn + 1
        keys.append((row.code, turn))
    return keys


def carry_over(reviewed: PlanDocument, fresh: PlanDocument) -> tuple[PlanDocument, str]:
    """The fresh document with the reviewer's work on it, and a sentence saying what was kept."""
    result = fresh.model_copy(deep=True)
    fresh_at = {key: index for index, key in enumerate(row_keys(result.items))}
    reviewed_keys = row_keys(reviewed.items)
    for key, row in zip(reviewed_keys, reviewed.items, strict=True):
        fixes = [fix for fix in row.corrections if fix.by is not None]
        if not fixes:
            continue
        if key not in fresh_at:
            raise CarryRefused(f"row {_label(key)} (corrected by {fixes[0].by}) is not in the new reading")
        target = result.items[fresh_at[key]]
        target.amounts = _apply(result, target, target.amounts, fixes, f"row {_label(key)}")
        target.corrections += fixes
        names = set().union(*(aliases(result, fix.field) for fix in fixes))
        target.inferred = [name for name in target.inferred if name not in names]
        target.amounts = [a.model_copy(update={"inferred": False}) if a.column in names else a for a in target.amounts]
    total_fixes = [fix for fix in reviewed.totals.corrections if fix.by is not None]
    result.total_amounts = _apply(result, result.totals, result.total_amounts, total_fixes, "the grand total")
    result.totals.corrections += total_fixes

    dropped = 0
    for key, row in zip(reviewed_keys, reviewed.items, strict=True):
        if row.verified is None:
            continue
        match = result.items[fresh_at[key]] if key in fresh_at else None
        if match is not None and _data(match) == _data(row):
            match.verified = row.verified
        else:
            dropped += 1
    index_of = {old: fresh_at[key] for old, key in enumerate(reviewed_keys) if key in fresh_at}
    result.review.decisions = [
        decision.model_copy(update={"row_index": index_of[decision.row_index]})
        for decision in reviewed.review.decisions
        if decision.row_index in index_of
    ]
    result = recheck(result)
    return result, _summary(reviewed, result, dropped)


def _apply(
    document: PlanDocument, target: Row | Totals, amounts: list[Amount], fixes: Sequence[Correction], where: str
) -> list[Amount]:
    """Put each corrected cell into the reviewer's value, if the fresh reading allows it; returns
    the target's amounts as they now stand."""
    for field in dict.fromkeys(fix.field for fix in fixes):
        try:
            kind = kind_of(document, field)
        except EditRefused as error:
            raise CarryRefused(f"{where} {field}: the new reading has no such cell") from error
        chain = [fix for fix in fixes if fix.field == field]
        seen, wrote = chain[0].before, chain[-1].after
        now = cell_text(kind, value_of(target, field, kind))
        if now == wrote:
            continue
        if now != seen:
            raise CarryRefused(
                f"{where} {field}: the new reading is {now or 'empty'}, but the reviewer saw "
                f"{seen or 'empty'} and wrote {wrote or 'empty'}"
            )
        amounts = set_value(target, field, kind, parse_value(field, kind, wrote), document.columns, amounts)
    return amounts


def _data(row: Row) -> dict[str, object]:
    return row.model_dump(exclude=_DATA_EXCLUDE)


def _summary(reviewed: PlanDocument, result: PlanDocument, dropped: int) -> str:
    parts = [f"the reviewer's {reviewer_corrections(reviewed)} corrections carried over to the new reading"]
    if dropped:
        parts.append(f"{dropped} verified marks dropped (those rows read differently now)")
    signed = reviewed.review.signed_off
    if signed is not None:
        same = [_data(r) for r in reviewed.items] == [_data(r) for r in result.items] and _totals(reviewed) == _totals(
            result
        )
        if same:
            result.review.signed_off = signed
            parts.append(f"sign-off by {signed.by} kept (the data is unchanged)")
        else:
            parts.append(f"sign-off by {signed.by} withdrawn: the new reading changed the data; sign it off again")
    return "; ".join(parts)


def _totals(document: PlanDocument) -> dict[str, object]:
    return {**document.totals.model_dump(exclude={"corrections"}), "amounts": document.total_amounts}


def _label(key: tuple[str | None, int]) -> str:
    code, turn = key
    return f"{code or '(no code)'}" + (f" (#{turn + 1} of that code)" if turn else "")
