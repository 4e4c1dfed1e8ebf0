"""The narrative around the budget table -> document metadata and the totals the text states.

Input: the document's non-table lines in reading order. A Vietnamese administrative document has a
fixed shape (Nghị định 30/2020/NĐ-CP), which is what this stage leans on:

    ỦY BAN NHÂN DÂN / TỈNH X          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    Số: 123/KH-UBND                   X, ngày 6 tháng 3 năm 2020
    KẾ HOẠCH / <subject line(s)>
    Căn cứ …;  (one paragraph per legal basis)
    … body, with "Tổng kinh phí … là N đồng (<N in words>), trong đó: …" …
    Nơi nhận: …      TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / <signer's name>

A công văn has no type line: "V/v <subject>" follows its number and "Kính gửi: …" opens the body.
Every field is optional: a part that is missing or unreadable gives ``None``, never an exception;
a number or date that the header prints but that cannot be read (a draft's blank, a hand-written
figure) is ``None`` with a warning finding that names the field, never a value from elsewhere.
All matching runs on a folded copy of the text (lower case, no diacritics) that keeps the character
positions of the original, so OCR that loses accents still matches and values are cut from the original.

This module puts the parts together; each part of the shape is read by its own module:
``facts_text`` (the folded text and casing), ``issuer`` (issuing body and province),
``document_header`` (type, number, date, title, plan year, legal bases), ``signature`` (signer and
position), ``narrative_totals`` (the stated amounts) and ``self_references`` (the document citing
itself under another number).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from vnplan.normalize.document_header import doc_type_and_title, find_header, legal_bases, plan_year
from vnplan.normalize.facts_text import FoldedText
from vnplan.normalize.issuer import complete_wrapped_place, date_line_place, issuer_and_province
from vnplan.normalize.narrative_totals import narrative_totals, standalone_amount_in_words
from vnplan.normalize.number_words import words_to_number
from vnplan.normalize.self_references import references_to_self
from vnplan.normalize.signature import signature
from vnplan.schemas import DocumentMeta, Finding

__all__ = ["NarrativeFacts", "narrative_to_facts"]


@dataclass(frozen=True)
class NarrativeFacts:
    """What the text around the table says: metadata, stated totals, and references to itself."""

    meta: DocumentMeta
    narrative_totals: dict[str, int] = field(default_factory=dict)  # keys: AMOUNT_FIELDS
    total_in_words: int | None = None
    total_in_words_text: str | None = None
    other_references: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # header fields printed but unreadable


def narrative_to_facts(lines: Sequence[str]) -> NarrativeFacts:
    """Metadata, stated totals and self-references from the non-table lines of one document."""
    text = FoldedText.from_lines(lines)
    header = find_header(text)
    issuer, province = issuer_and_province(text, header)
    issuer, province = complete_wrapped_place(issuer, province, date_line_place(text, header))
    doc_type, title = doc_type_and_title(text, header, province)
    signer_title, signer = signature(text, header.end)
    meta = DocumentMeta(
        doc_type=doc_type,
        number=header.number.number if header.number else None,
        issuer=issuer,
        province=province,
        issued_on=header.date.issued_on if header.date else None,
        year=plan_year(title, header),
        title=title,
        signer=signer,
        signer_title=signer_title,
        legal_bases=legal_bases(text, header.title_at or 0),
    )
    totals, words_text = narrative_totals(text)
    words_text = words_text or standalone_amount_in_words(text)
    return NarrativeFacts(
        meta=meta,
        narrative_totals=totals,
        total_in_words=words_to_number(words_text) if words_text else None,
        total_in_words_text=words_text,
        other_references=references_to_self(text, meta),
        findings=header.findings(),
    )
