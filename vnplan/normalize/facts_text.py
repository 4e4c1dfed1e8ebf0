"""The narrative's lines with a folded twin that keeps character positions, and the casing helpers.

All matching in the metadata stage runs on the folded copy (lower case, no diacritics, one character
per original character), so OCR that loses accents still matches and a match's positions cut the
value out of the original line. The few landmarks of a document's shape that more than one part of
the stage looks for (section headings, the signature block's "TM."/"KT." prefixes) live here too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "DIGITS",
    "SECTION_HEADING",
    "SIGN_PREFIX",
    "WORD",
    "FoldedText",
    "fold_aligned",
    "is_capitals",
    "name_case",
    "plain_words",
    "sentence_case",
]

DIGITS = "[0-9]"  # ASCII only: int() would accept other scripts' digits, OCR never means them
SIGN_PREFIX = re.compile(r"^(tm|kt|tl|tuq)\s*\.\s*")
SECTION_HEADING = re.compile(r"^(?:[ivx]+|[0-9]+)\s*\.\s|^(?:dieu|phan)\s+[0-9ivx]+\b")
WORD = re.compile(r"[^\W\d_]+")


def _fold_char(char: str) -> str:
    lower = char.lower()
    if len(lower) != 1:  # "İ".lower() is two characters: keep positions aligned instead
        lower = char
    if lower == "đ":
        return "d"
    return unicodedata.normalize("NFD", lower)[0]


def fold_aligned(text: str) -> str:
    """Lower case without diacritics, one character per original character."""
    return "".join(_fold_char(char) for char in text)


def _clean(line: str) -> str:
    """NFC, no markdown emphasis from exports ("**TM. ỦY BAN"), single spaces."""
    text = unicodedata.normalize("NFC", line).replace("*", " ")
    return " ".join(text.split())


@dataclass(frozen=True)
class FoldedText:
    """Non-empty cleaned lines with their folded twins (same length, same positions)."""

    lines: list[str]
    folded: list[str]

    @classmethod
    def from_lines(cls, raw_lines: Sequence[str]) -> FoldedText:
        cleaned = [_clean(part) for raw in raw_lines for part in str(raw).splitlines()]
        kept = [line for line in cleaned if line]
        return cls(kept, [fold_aligned(line) for line in kept])


def is_capitals(line: str) -> bool:
    letters = [char for char in line if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def name_case(text: str) -> str:
    """Place and person names: every syllable capitalised ("BÀ RỊA-VŨNG TÀU" -> "Bà Rịa-Vũng Tàu")."""
    return WORD.sub(lambda match: match[0].capitalize(), text.strip())


def sentence_case(text: str) -> str:
    lowered = text.strip().lower()
    return lowered[:1].upper() + lowered[1:]


def plain_words(folded: str) -> str:
    """A folded line reduced to its letters and single spaces, to compare with a list of names."""
    return " ".join(re.sub(r"[^a-z ]", " ", folded).split())
