"""Small text helpers shared by the normalize stage."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Comparison key: lower case, no diacritics, đ -> d (đ has no Unicode decomposition)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
