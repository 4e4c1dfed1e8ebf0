"""Draft rows -> output rows: text repair, notes and legal references, amounts in đồng.

Every automatic change to a text field becomes a ``Correction`` on its row.
"""

from __future__ import annotations

import re

from vnplan.normalize.cells import DraftRow
from vnplan.normalize.numbers import to_vnd
from vnplan.normalize.text_repair import repair_text
from vnplan.schemas import Correction, Row
from vnplan.schemas.roles import V1_AMOUNT_FIELDS, V1_TEXT_FIELDS

TEXT_FIELDS = V1_TEXT_FIELDS

# "53/2018/QĐ-UBND", "841/QĐ-UBND", "04/2014/TTLT-BKHĐT_BTC"; never a date such as "11/12/2018".
_LEGAL_REF = re.compile(r"\b\d{1,5}/(?:\d{4}/)?[A-ZĐ][A-ZĐ]*(?:[-_][A-ZĐ0-9&]+)+\b|\b\d{1,5}/\d{4}/[A-ZĐ]{2,}\b")
_LIST_MARKER = re.compile(r"(?:(?<=^)|(?<=[.;]\s))[-–•+]\s+")


def legal_refs_in(text: str) -> list[str]:
    """Document numbers cited in a cell, in order, without repeats; "_" (OCR of "-") becomes "-"."""
    refs = [match.group(0).replace("_", "-") for match in _LEGAL_REF.finditer(text)]
    return list(dict.fromkeys(refs))


def clean_notes(text: str) -> tuple[str, list[Correction]]:
    """Notes without list markers ("- QĐ …. - QĐ …") and without an unmatched closing bracket."""
    corrections = []
    cleaned = _LIST_MARKER.sub("", text).strip()
    if cleaned.endswith(")") and cleaned.count(")") > cleaned.count("("):
        before = cleaned
        cleaned = cleaned[:-1].rstrip()
        corrections.append(
            Correction(field="notes", before=before, after=cleaned, reason="closing bracket without an opening one")
        )
    return cleaned, corrections


def draft_to_row(draft: DraftRow, multiplier: int, kind: str, parent_code: str | None) -> Row:
    texts: dict[str, str | None] = {}
    corrections: list[Correction] = []
    for field in TEXT_FIELDS:
        text = draft.texts.get(field)
        if text is None:
            texts[field] = None
            continue
        if field == "notes":
            text, fixes = clean_notes(text)
            corrections += fixes
        repaired, text_fixes = repair_text(text)
        corrections += [Correction(field=field, before=f.before, after=f.after, reason=f.reason) for f in text_fixes]
        texts[field] = repaired or None
    amounts = {field: to_vnd(value, multiplier) for field, value in draft.amounts.items()}
    row = Row(
        code=draft.code,
        kind=kind,  # type: ignore[arg-type]  # validated by pydantic
        parent_code=parent_code,
        title=texts["title"] or "",
        implementing_unit=texts["implementing_unit"],
        objective=texts["objective"],
        expected_result=texts["expected_result"],
        start_month=draft.start_month,
        end_month=draft.end_month,
        notes=texts["notes"],
        legal_refs=legal_refs_in(texts["notes"] or ""),
        pages=sorted(set(draft.pages)),
        corrections=corrections,
    )
    for field in V1_AMOUNT_FIELDS:
        setattr(row, field, amounts.get(field))
    if draft.code_repair and draft.code:
        printed, reason = draft.code_repair
        row.corrections.insert(0, Correction(field="code", before=printed, after=draft.code, reason=reason))
    for field, before, after in draft.merges:
        row.corrections.append(
            Correction(field=field, before=before, after=after, reason="row continued after a page break; joined")
        )
    return row


def row_confidence(row: Row, cell_confidences: list[float], has_error: bool) -> float:
    """A 0–1 estimate: OCR confidence where known, lowered by repairs, inferences and failed checks."""
    base = sum(cell_confidences) / len(cell_confidences) if cell_confidences else 1.0
    penalty = 0.03 * len(row.corrections) + 0.05 * len(row.inferred) + (0.3 if has_error else 0.0)
    return round(max(0.0, min(1.0, base - penalty)), 3)
