"""Small text helpers shared by the normalize stage."""

from __future__ import annotations

import unicodedata

# đ has no Unicode decomposition; Ð / ð (the Icelandic eth) look the same and come out of OCR and
# old fonts in its place ("ĐÐVT", "Ðơn vị"). One letter for one, so offsets hold in the original.
_D_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def fold(text: str) -> str:
    """Comparison key: lower case, no diacritics, đ (and its look-alike ð) -> d."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
