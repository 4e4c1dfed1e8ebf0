"""Decode the bytes of a text export: UTF-8 (with or without BOM), UTF-16, Windows-1258.

Windows-1258 composes tones with combining marks, so its text is NFC-normalised after decoding.
"""

from __future__ import annotations

import codecs
import unicodedata

_VIETNAMESE_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")


def decode_text(raw: bytes, name: str) -> tuple[str, list[str]]:
    """The text of an export and any warnings about how it was decoded."""
    if raw.startswith(codecs.BOM_UTF8):
        return unicodedata.normalize("NFC", raw[len(codecs.BOM_UTF8) :].decode("utf-8", "replace")), []
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return unicodedata.normalize("NFC", raw.decode("utf-16")), []
    try:
        return unicodedata.normalize("NFC", raw.decode("utf-8")), []
    except UnicodeDecodeError:
        pass
    text = unicodedata.normalize("NFC", raw.decode("cp1258", "replace"))
    if any(ch in _VIETNAMESE_LETTERS for ch in text):
        return text, [f"{name}: not UTF-8; decoded as Windows-1258"]
    return raw.decode("utf-8", "replace"), [f"{name}: not valid UTF-8; undecodable bytes replaced"]
