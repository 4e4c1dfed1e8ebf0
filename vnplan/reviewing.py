"""What a reviewer does to a finished document: edit a cell, verify a row, take or turn down a
suggested reading, sign the document off. Each returns a new document with the act on record
(a correction with ``by``/``at``, a verified stamp, a decision, a sign-off) and the checks run again.

The checks are the pipeline's own (``vnplan.validate.check_document`` over ``normalize.reconcile``,
``normalize.checks.narrative_findings``): nothing is inferred or repaired here, the person's value
is what is being judged. Used by ``vnplan serve`` and by ``vnplan extract --force``, which carries a
reviewer's corrections over to a fresh reading (:func:`carry_over`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from vnplan.normalize.checks import narrative_findings
from vnplan.normalize.metadata import NarrativeFacts
from vnplan.normalize.numbers import format_vn, parse_number
from vnplan.schemas import AMOUNT_FIELDS, Correction, Decision, Finding, PlanDocument, Row, Stamp, Totals
from vnplan.schemas.roles import V1_MONTH_FIELDS, V1_TEXT_FIELDS
from vnplan.validate import check_document

TEXT_FIELDS = V1_TEXT_FIELDS
MONTH_FIELDS = V1_MONTH_FIELDS
EDITABLE_FIELDS = (*TEXT_FIELDS, *MONTH_FIELDS, *AMOUNT_FIELDS)
REVIEWED = "reviewed"  # the reason of every reviewer's correction

# Findings the checks below produce; they are replaced on every re-check, all others are kept.
NARRATIVE_CHECKS = frozenset({"narrative-total-match", "narrative-total-mismatch"})
RECHECKED = frozenset(
    {"row-sum-mismatch", "section-sum-mismatch", "grand-total-mismatch", "duplicate-code", "unknown-parent"}
    | NARRATIVE_CHECKS
)
# Findings whose reading a reviewer can take (applies it) or turn down; an automatic repair
# (``amount-repaired``) is already applied, so there "take" keeps it and "turn down" restores the reading.
REPAIRED = "amount-repaired"


class EditRefused(ValueError):
    """An edit that cannot be made as asked; the message says what to give instead."""


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


# --- values as typed ---------------------------------------------------------------------------


def parse_value(field: str, value: Any) -> str | int | None:
    """A value as a person typed it (or a tool sent it) -> the value the row field holds."""
    if field not in EDITABLE_FIELDS:
        raise EditRefused(f"{field}: not an editable field (editable: {', '.join(EDITABLE_FIELDS)})")
    if isinstance(value, str):
        value = value.strip()
    if field in TEXT_FIELDS:
        if value is None or value == "":
            return "" if field == "title" else None
        if not isinstance(value, str):
            raise EditRefused(f"{field}: give text, not {value!r}")
        return value
    if value is None or value == "":
        return None  # an empty cell: nothing printed there
    if field in MONTH_FIELDS:
        month = value if isinstance(value, int) and not isinstance(value, bool) else None
        if isinstance(value, str) and value.isdigit():
            month = int(value)
        if month is None or not 1 <= month <= 12:
            raise EditRefused(f"{field}: {value!r} is not a month — give a number from 1 to 12, or leave it empty")
        return month
    return _amount(field, value)


def _amount(field: str, value: Any) -> int:
    hint = "give whole đồng, digits with or without dots (1.350.000), or leave it empty"
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise EditRefused(f"{field}: {value!r} is not an amount — {hint}")
    if isinstance(value, int):
        number = value
    else:
        parsed = parse_number(value)
        if parsed is None or parsed != parsed.to_integral_value():
            raise EditRefused(f"{field}: {value!r} is not an amount — {hint}")
        number = int(parsed)
    if number < 0:
        raise EditRefused(f"{field}: {value!r} is negative — amounts are never negative; {hint}")
    return number


def cell_text(field: str, value: object) -> str:
    """A field's value as a correction records it: amounts the Vietnamese way, empty for nothing."""
    if value is None:
        return ""
    if field in AMOUNT_FIELDS and isinstance(value, int):
        return format_vn(value)
    return str(value)


# --- acts ----------------------------------------------------------------------------------------


def edit_row(
    document: PlanDocument, index: int, field: str, value: Any, *, by: str, at: datetime | None = None
) -> PlanDocument:
    """Set one field of row ``index``; the change is recorded as a correction by the reviewer."""
    updated = document.model_copy(deep=True)
    row = _row(updated, index)
    new = parse_value(field, value)
    old = getattr(row, field)
    if new == old:
        return updated
    changed = _validated_row(row, field, new)
    changed.corrections.append(_correction(field, old, new, by, at))
    if field in changed.inferred:  # a person's value now, not arithmetic
        changed.inferred = [name for name in changed.inferred if name != field]
        updated.findings = [f for f in updated.findings if not _about(f, "amount-inferred", changed.code, field)]
    updated.items[index] = changed
    return recheck(updated)


def edit_total(document: PlanDocument, field: str, value: Any, *, by: str, at: datetime | None = None) -> PlanDocument:
    """Set one amount of the grand total row as printed."""
    if field not in AMOUNT_FIELDS:
        raise EditRefused(f"{field}: the grand total holds only {', '.join(AMOUNT_FIELDS)}")
    updated = document.model_copy(deep=True)
    new = parse_value(field, value)
    old = getattr(updated.totals, field)
    if new == old:
        return updated
    totals = updated.totals.model_copy(update={field: new})
    totals.corrections = [*totals.corrections, _correction(field, old, new, by, at)]
    updated.totals = Totals.model_validate(totals.model_dump())
    return recheck(updated)


def verify_row(
    document: PlanDocument, index: int, verified: bool, *, by: str, at: datetime | None = None
) -> PlanDocument:
    updated = document.model_copy(deep=True)
    _row(updated, index).verified = Stamp(by=by, at=at or now()) if verified else None
    return updated


def decide(
    document: PlanDocument, finding_index: int, accept: bool, *, by: str, at: datetime | None = None
) -> PlanDocument:
    """Take or turn down the reading a finding suggests (or the automatic repair it reports)."""
    if not 0 <= finding_index < len(document.findings):
        raise EditRefused(f"finding #{finding_index}: no such finding (the document has {len(document.findings)})")
    finding = document.findings[finding_index]
    proposal = proposal_of(document, finding)
    if proposal is None:
        raise EditRefused(f"finding #{finding_index} ({finding.code}) suggests no reading to take or turn down")
    if decided(document, proposal):
        raise EditRefused(f"finding #{finding_index} ({finding.code}) was already decided")
    at = at or now()
    updated = document.model_copy(deep=True)
    if finding.code == REPAIRED and not accept:  # restore the amount as read
        updated = edit_row(updated, proposal.row_index, proposal.field, finding.actual, by=by, at=at)
    elif finding.code != REPAIRED and accept:
        updated = edit_row(updated, proposal.row_index, proposal.field, proposal.value, by=by, at=at)
    updated.review.decisions.append(
        Decision(
            finding=finding.code,
            row_index=proposal.row_index,
            field=proposal.field,
            value=proposal.value,
            accepted=accept,
            by=by,
            at=at,
        )
    )
    return updated


def sign_off(document: PlanDocument, signed: bool, *, by: str, at: datetime | None = None) -> PlanDocument:
    updated = document.model_copy(deep=True)
    updated.review.signed_off = Stamp(by=by, at=at or now()) if signed else None
    return updated


def _row(document: PlanDocument, index: int) -> Row:
    if not 0 <= index < len(document.items):
        raise EditRefused(f"row #{index}: no such row (the document has {len(document.items)} rows, from 0)")
    return document.items[index]


def _validated_row(row: Row, field: str, value: object) -> Row:
    try:
        return Row.model_validate({**row.model_dump(), field: value})
    except ValidationError as error:
        detail = "; ".join(e["msg"] for e in error.errors())
        raise EditRefused(f"{field}: {value!r} is refused ({detail})") from error


def _correction(field: str, old: object, new: object, by: str, at: datetime | None) -> Correction:
    return Correction(
        field=field, before=cell_text(field, old), after=cell_text(field, new), reason=REVIEWED, by=by, at=at or now()
    )


def _about(finding: Finding, code: str, row_code: str | None, field: str) -> bool:
    return finding.code == code and finding.row_code == row_code and finding.field == field


# --- the checks again ----------------------------------------------------------------------------


def recheck(document: PlanDocument) -> PlanDocument:
    """The sum, duplicate-code and narrative checks again over the rows as they are now; the other
    findings (reading, unit, language …) stay as extraction left them. The status follows."""
    stated = {
        f.field: f.expected
        for f in document.findings
        if f.code in NARRATIVE_CHECKS and f.field and isinstance(f.expected, int)
    }
    fresh = check_document(document.items, document.totals)
    facts = NarrativeFacts(meta=document.document, narrative_totals=stated)
    fresh += [f for f in narrative_findings(facts, document.totals) if f.code in NARRATIVE_CHECKS]
    at = next((i for i, f in enumerate(document.findings) if f.code in RECHECKED), len(document.findings))
    kept = [f for f in document.findings if f.code not in RECHECKED]
    place = sum(1 for f in document.findings[:at] if f.code not in RECHECKED)
    findings = [*kept[:place], *fresh, *kept[place:]]
    status = document_status(document.items, findings)
    return document.model_copy(update={"findings": findings, "status": status})


def document_status(rows: Sequence[Row], findings: Sequence[Finding]) -> str:
    """As the pipeline decides it: failed without rows, partial with an error finding, else ok."""
    if not rows:
        return "failed"
    return "partial" if any(f.severity == "error" for f in findings) else "ok"


# --- suggestions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """A reading a reviewer can take or turn down in one key."""

    row_index: int
    field: str
    value: int  # the suggested (or automatically repaired) amount
    current: int | None  # what the row holds now
    reason: str


def proposal_of(document: PlanDocument, finding: Finding) -> Proposal | None:
    if finding.suggestion is not None:
        s = finding.suggestion
        if not 0 <= s.row_index < len(document.items):
            return None
        current = getattr(document.items[s.row_index], s.field, None)
        return Proposal(s.row_index, s.field, s.value, current, s.reason)
    if finding.code == REPAIRED and finding.field and isinstance(finding.expected, int):
        index = finding_row(document, finding)
        if index is None:
            return None
        current = getattr(document.items[index], finding.field, None)
        return Proposal(index, finding.field, finding.expected, current, finding.message)
    return None


def decided(document: PlanDocument, proposal: Proposal) -> bool:
    return any(
        (d.row_index, d.field, d.value) == (proposal.row_index, proposal.field, proposal.value)
        for d in document.review.decisions
    )


def finding_row(document: PlanDocument, finding: Finding) -> int | None:
    """The row a finding is about: its code, on one of its pages where a code repeats."""
    candidates = [i for i, row in enumerate(document.items) if finding.row_code and row.code == finding.row_code]
    on_page = [i for i in candidates if set(document.items[i].pages) & set(finding.pages)]
    chosen = on_page or candidates
    return chosen[0] if chosen else None


# --- has a person been here? ---------------------------------------------------------------------


def reviewer_corrections(document: PlanDocument) -> int:
    rows = sum(1 for row in document.items for fix in row.corrections if fix.by is not None)
    return rows + sum(1 for fix in document.totals.corrections if fix.by is not None)


def is_reviewed(document: PlanDocument) -> bool:
    """True when a reviewer left anything on the document: an edit, a verified row, a decision, a sign-off."""
    review = document.review
    return bool(
        review.signed_off
        or review.decisions
        or reviewer_corrections(document)
        or any(row.verified for row in document.items)
    )
