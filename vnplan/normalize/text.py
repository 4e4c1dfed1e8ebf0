"""Small text helpers shared by the normalize stage."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# đ has no Unicode decomposition; Ð / ð (the Icelandic eth) look the same and come out of OCR and
# old fonts in its place ("ĐÐVT", "Ðơn vị"). One letter for one, so offsets hold in the original.
_D_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def fold(text: str) -> str:
    """Comparison key: lower case, no diacritics, đ (and its look-alike ð) -> d."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def whole_words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One compiled pattern that finds any of ``words`` (patterns themselves) as whole words: the same
    test as searching for each ``\\bword\\b`` in turn, without looking each of them up in ``re``'s
    cache on every call (header cells are tested against every stage and source word)."""
    return re.compile(r"\b(?:" + "|".join(f"(?:{word})" for word in words) + r")\b")
