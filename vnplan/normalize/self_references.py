"""Citations of this document by a number other than its own -> the variant numbers.

A plan's appendix says "(Kèm theo Kế hoạch số 225/KH-UBND ngày …)", and OCR damages numbers, so the
same plan can be cited under a number that differs from the header's. Those variants are collected
so the checks can report the disagreement (one of the two numbers is likely misread).
"""

from __future__ import annotations

import re
from datetime import date

from vnplan.normalize.document_header import CODE, DATE_SLASHES, DATE_WORDS, DOC_TYPES, safe_date
from vnplan.normalize.facts_text import FoldedText, fold_aligned
from vnplan.schemas import DocumentMeta

__all__ = ["references_to_self"]

_REFERENCE = re.compile(
    rf"\b({'|'.join(DOC_TYPES)})\s+so\s*:?\s*({CODE})(?:\s+(?:ngay\s+{DATE_SLASHES.pattern}|{DATE_WORDS.pattern}))?"
)


def references_to_self(text: FoldedText, meta: DocumentMeta) -> list[str]:
    """Numbers that cite this plan under another (often OCR-damaged) number: attached-to notes
    ("Kèm theo Kế hoạch số 225/T-UBND") and same-type citations dated on the issue date."""
    found: list[str] = []
    for line, folded in zip(text.lines, text.folded, strict=True):
        for match in _REFERENCE.finditer(folded):
            number = re.sub(r"\s+", "", line[match.start(2) : match.end(2)]).replace("–", "-")
            if fold_aligned(number) == fold_aligned(meta.number or "") or number in found:
                continue
            # Only an appendix's own note: "(Kèm theo …" opening the line, not "ban hành kèm theo"
            # inside a legal basis, which cites another document.
            attached = folded[: match.start()].strip(" (") in ("kem theo", "ban hanh kem theo")
            same_day = meta.issued_on is not None and _reference_date(match) == meta.issued_on
            same_kind = meta.doc_type in (None, DOC_TYPES[match[1]])
            if attached or (same_day and same_kind):
                found.append(number)
    return found


def _reference_date(match: re.Match[str]) -> date | None:
    day, month, year, word_day, word_month, word_year = match.groups()[2:8]
    if year:
        return safe_date(year, month, day)
    if word_year:
        return safe_date(word_year, word_month, word_day)
    return None
