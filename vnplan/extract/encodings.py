"""Decode the bytes of a text export: UTF-8 (with or without BOM), UTF-16, Windows-1258, and the
legacy 8-bit Vietnamese encodings TCVN3 and VNI (chosen by how Vietnamese the result reads).

Windows-1258 composes tones with combining marks, so its text is NFC-normalised after decoding.
"""

from __future__ import annotations

import codecs
import unicodedata

from vnplan.extract.legacy_encoding import decode as legacy_decode
from vnplan.extract.legacy_encoding import detect_encoding, syllable_share

_VIETNAMESE_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")


def decode_text(raw: bytes, name: str) -> tuple[str, list[str]]:
    """The text of an export and any warnings about how it was decoded."""
    if raw.startswith(codecs.BOM_UTF8):
        return unicodedata.normalize("NFC", raw[len(codecs.BOM_UTF8) :].decode("utf-8", "replace")), []
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return unicodedata.normalize("NFC", raw.decode("utf-16")), []
    utf16 = _utf16_without_bom(raw)
    if utf16 is not None:
        return utf16, [f"{name}: no byte-order mark; decoded as UTF-16"]
    try:
        text = unicodedata.normalize("NFC", raw.decode("utf-8"))
    except UnicodeDecodeError:
        return _decode_8bit(raw, name)
    # Text copied out of old PDFs keeps TCVN3/VNI look-alikes ("KÕ ho¹ch") even inside UTF-8
    encoding, _share = detect_encoding(text.splitlines())
    if encoding != "unicode":
        return legacy_decode(text, encoding), [f"{name}: legacy {_LEGACY_NAMES[encoding]} text; converted to Unicode"]
    return text, []


_LEGACY_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI", "unicode": "Unicode"}


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text without a BOM shows as a NUL byte beside every ASCII letter."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    half = len(raw) // 2
    for codec, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros > half * 0.3:
            try:
                return unicodedata.normalize("NFC", raw.decode(codec))
            except UnicodeDecodeError:
                return None
    return None


def _decode_8bit(raw: bytes, name: str) -> tuple[str, list[str]]:
    """Not UTF-8: Windows-1258, TCVN3 or VNI — the one whose decoding reads most like Vietnamese.

    The three share byte values, so no byte test tells them apart; the share of valid syllables
    in each decoding does (mis-decoded text breaks nearly every accented syllable).
    """
    latin = raw.decode("latin-1")  # the legacy converters map Latin-1 look-alikes
    candidates = {
        "Windows-1258": unicodedata.normalize("NFC", raw.decode("cp1258", "replace")),
        "TCVN3 (ABC)": legacy_decode(latin, "tcvn3"),
        "VNI": legacy_decode(raw.decode("cp1252", "replace"), "vni"),
    }
    shares = {label: syllable_share(text) for label, text in candidates.items()}
    best = max(shares, key=lambda label: shares[label])
    text = candidates[best]
    if best != "Windows-1258" or any(ch in _VIETNAMESE_LETTERS for ch in text):
        return text, [f"{name}: not UTF-8; decoded as {best} ({shares[best]:.0%} of words are Vietnamese syllables)"]
    return raw.decode("utf-8", "replace"), [f"{name}: not valid UTF-8; undecodable bytes replaced"]
