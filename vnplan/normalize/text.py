"""Small text helpers shared by the normalize stage."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def fold(text: str) -> str:
    """Comparison key: lower case, no diacritics, đ -> d (đ has no Unicode decomposition)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def whole_words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One compiled pattern that finds any of ``words`` (patterns themselves) as whole words: the same
    test as searching for each ``\\bword\\b`` in turn, without looking each of them up in ``re``'s
    cache on every call (header cells are tested against every stage and source word)."""
    return re.compile(r"\b(?:" + "|".join(f"(?:{word})" for word in words) + r")\b")
