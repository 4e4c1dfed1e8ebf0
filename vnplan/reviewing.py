"""What a reviewer does to a finished document: edit a cell, verify a row, take or turn down a
suggested reading, sign the document off. Each returns a new document with the act on record
(a correction with ``by``/``at``, a verified stamp, a decision, a sign-off) and the checks run again.

The checks are the pipeline's own (``vnplan.validate.check_table``: the table's recorded
identities over ``normalize.reconcile``; ``normalize.checks.narrative_findings``): nothing is
inferred or repaired here, the person's value is what is being judged. Used by ``vnplan serve`` and by ``vnplan extract --force``, which carries a
reviewer's corrections over to a fresh reading (:func:`carry_over`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from vnplan.cells_by_name import (
    EditRefused,
    aliases,
    cell_text,
    editable_fields,
    kind_of,
    parse_value,
    set_value,
    value_of,
)
from vnplan.normalize.checks import narrative_findings
from vnplan.normalize.metadata import NarrativeFacts
from vnplan.normalize.reconcile import money_value
from vnplan.schemas import Correction, Decision, Finding, PlanDocument, Row, Stamp, Totals
from vnplan.validate import check_table

__all__ = ["EditRefused", "editable_fields"]  # re-exported: the app names them from here

REVIEWED = "reviewed"  # the reason of every reviewer's correction

# Findings the checks below produce; they are replaced on every re-check, all others are kept.
NARRATIVE_CHECKS = frozenset({"narrative-total-match", "narrative-total-mismatch"})
RECHECKED = frozenset(
    {
        "row-sum-mismatch",
        "row-amounts-in-doubt",
        "section-sum-mismatch",
        "grand-total-mismatch",
        "grand-total-unconfirmed",
        "table-sums-refuted",
        "product-mismatch",
        "duplicate-code",
        "code-out-of-sequence",
        "inferred-amount-refuted",
        "unknown-parent",
    }
    | NARRATIVE_CHECKS
)
# Doubts about how one cell was read: a person who types the cell's value has answered them.
READING_DOUBTS = frozenset(
    {
        "amount-unvouched",
        "amount-suspect",
        "amount-readings-differ",
        "amount-read-through-marks",
        "amount-implausible",
        "cell-unread",
        "column-unit-contradicted",
        "amount-column-guessed",
        "amount-unchecked",
    }
)
# Doubts raised by a group's sum that fails in their column: moot once no group's sum fails there.
GROUP_SUM_DOUBTS = frozenset({"amount-unvouched"})
# Findings whose reading a reviewer can take (applies it) or turn down; an automatic repair
# (``amount-repaired``) is already applied, so there "take" keeps it and "turn down" restores the reading.
REPAIRED = "amount-repaired"


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


# --- acts ----------------------------------------------------------------------------------------


def edit_row(
    document: PlanDocument, index: int, field: str, value: Any, *, by: str, at: datetime | None = None
) -> PlanDocument:
    """Set one cell of row ``index`` (a v1 field, or a money column's key); the change is recorded
    as a correction by the reviewer."""
    updated = document.model_copy(deep=True)
    row = _row(updated, index)
    kind = kind_of(updated, field)
    new = parse_value(field, kind, value)
    old = value_of(row, field, kind)
    if new == old:
        return updated
    changed = row.model_copy(deep=True)
    changed.amounts = set_value(changed, field, kind, new, updated.columns, changed.amounts)
    changed = _validated(changed, field, new)
    changed.corrections.append(_correction(field, kind, old, new, by, at))
    names = aliases(updated, field)
    if names & set(changed.inferred) or any(a.inferred and a.column in names for a in changed.amounts):
        # a person's value now, not arithmetic
        changed.inferred = [name for name in changed.inferred if name not in names]
        changed.amounts = [
            a.model_copy(update={"inferred": False}) if a.column in names else a for a in changed.amounts
        ]
        updated.findings = [f for f in updated.findings if not _about_the_cell(updated, f, index, names, INFERRED)]
        # the row's own sum checks its other amounts again (``recheck`` says where it fails)
        parts = {f.field for f in updated.findings if f.code in UNCHECKED and f.field}
        updated.findings = [f for f in updated.findings if not _about_the_cell(updated, f, index, parts, UNCHECKED)]
    # the person read the cell: the doubts about its reading are answered (the correction keeps
    # what was read before)
    updated.findings = [f for f in updated.findings if not _about_the_cell(updated, f, index, names, READING_DOUBTS)]
    updated.items[index] = changed
    return recheck(updated)


def edit_total(document: PlanDocument, field: str, value: Any, *, by: str, at: datetime | None = None) -> PlanDocument:
    """Set one amount of the grand total row as printed."""
    updated = document.model_copy(deep=True)
    if kind_of(updated, field) != "money":
        raise EditRefused(f"{field}: the grand total holds amounts only")
    new = parse_value(field, "money", value)
    old = money_value(updated.totals, field)
    if new == old:
        return updated
    totals = updated.totals.model_copy(deep=True)
    updated.total_amounts = set_value(totals, field, "money", new, updated.columns, updated.total_amounts)
    totals.corrections = [*totals.corrections, _correction(field, "money", old, new, by, at)]
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


def _validated(row: Row, field: str, value: object) -> Row:
    try:
        return Row.model_validate(row.model_dump())
    except ValidationError as error:
        detail = "; ".join(e["msg"] for e in error.errors())
        raise EditRefused(f"{field}: {value!r} is refused ({detail})") from error


def _correction(field: str, kind: str, old: object, new: object, by: str, at: datetime | None) -> Correction:
    before, after = cell_text(kind, old), cell_text(kind, new)  # type: ignore[arg-type]
    return Correction(field=field, before=before, after=after, reason=REVIEWED, by=by, at=at or now())


INFERRED = frozenset({"amount-inferred"})
UNCHECKED = frozenset({"amount-unchecked"})  # amounts a fill used up the one sum of


def _about_the_cell(
    document: PlanDocument, finding: Finding, index: int, names: set[str], codes: frozenset[str]
) -> bool:
    """A finding of one of ``codes`` about the field ``names`` of row ``index`` itself: by the row's
    position where the finding records it, else by its code on its pages (``finding_row``). Never a
    row that only shares its code (items restart at 1 under each heading) or has none."""
    if finding.code not in codes or finding.field not in names:
        return False
    if finding.row_index is not None:
        return finding.row_index == index
    return finding.row_code is not None and finding_row(document, finding) == index


# --- the checks again ----------------------------------------------------------------------------


def recheck(document: PlanDocument) -> PlanDocument:
    """The sum, duplicate-code and narrative checks again over the rows as they are now; the other
    findings (reading, unit, language …) stay as extraction left them. The status follows."""
    stated = {
        f.field: f.expected
        for f in document.findings
        if f.code in NARRATIVE_CHECKS and f.field and isinstance(f.expected, int)
    }
    fresh = check_table(document)
    facts = NarrativeFacts(meta=document.document, narrative_totals=stated)
    fresh += [f for f in narrative_findings(facts, document.totals) if f.code in NARRATIVE_CHECKS]
    at = next((i for i, f in enumerate(document.findings) if f.code in RECHECKED), len(document.findings))
    # an amount a failing group sum put in doubt is no longer doubted once no group sums fail in
    # its column (a reviewer mended the sum, or the amount itself)
    failing = {f.field for f in fresh if f.code == "section-sum-mismatch"}

    def kept_as_it_is(finding: Finding) -> bool:
        return finding.code not in RECHECKED and not (finding.code in GROUP_SUM_DOUBTS and finding.field not in failing)

    kept = [f for f in document.findings if kept_as_it_is(f)]
    place = sum(1 for f in document.findings[:at] if kept_as_it_is(f))
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
        current = money_value(document.items[s.row_index], s.field)
        return Proposal(s.row_index, s.field, s.value, current, s.reason)
    if finding.code == REPAIRED and finding.field and isinstance(finding.expected, int):
        index = finding_row(document, finding)
        if index is None:
            return None
        current = money_value(document.items[index], finding.field)
        return Proposal(index, finding.field, finding.expected, current, finding.message)
    return None


def decided(document: PlanDocument, proposal: Proposal) -> bool:
    return any(
        (d.row_index, d.field, d.value) == (proposal.row_index, proposal.field, proposal.value)
        for d in document.review.decisions
    )


def finding_row(document: PlanDocument, finding: Finding) -> int | None:
    """The row a finding is about: its code, on one of its pages where a code repeats."""
    return finding_rows(document, [finding])[0]


def finding_rows(document: PlanDocument, findings: Sequence[Finding]) -> list[int | None]:
    """:func:`finding_row` of each finding, the rows indexed once (a long document has hundreds)."""
    by_code: dict[str, list[int]] = {}
    for index, row in enumerate(document.items):
        if row.code:
            by_code.setdefault(row.code, []).append(index)
    chosen: list[int | None] = []
    for finding in findings:
        candidates = by_code.get(finding.row_code or "", [])
        pages = set(finding.pages)
        on_page = [i for i in candidates if pages.intersection(document.items[i].pages)]
        found = on_page or candidates
        chosen.append(found[0] if found else None)
    return chosen


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
