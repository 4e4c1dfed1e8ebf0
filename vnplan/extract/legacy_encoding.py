"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI) found in the text layer of older PDFs.

Such PDFs draw Vietnamese with 8-bit fonts whose glyphs sit on Latin-1 code points, so a text
extractor returns look-alikes: TCVN3 ``KÕ ho¹ch`` and VNI ``Keá hoaïch`` both mean ``Kế hoạch``.
We detect the encoding by font name first (reliable when present), then by content: decode each
candidate and keep the one with clearly the most valid Vietnamese syllables.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Literal

Encoding = Literal["unicode", "tcvn3", "vni"]

# --- TCVN3 (TCVN 5712:1993 VN3, "ABC"): one byte per letter, lower case only -------------------
# The .VnTimeH-style fonts draw these same bytes as capitals; callers upper-case after decoding.
_TCVN3_PAIRS = (
    "\xa8ă \xa9â \xaaê \xabô \xacơ \xadư \xaeđ \xa1Ă \xa2Â \xa3Ê \xa4Ô \xa5Ơ \xa6Ư \xa7Đ "
    "\xb5à \xb6ả \xb7ã \xb8á \xb9ạ \xbbằ \xbcẳ \xbdẵ \xbeắ \xc6ặ \xc7ầ \xc8ẩ \xc9ẫ \xcaấ \xcbậ "
    "\xccè \xceẻ \xcfẽ \xd0é \xd1ẹ \xd2ề \xd3ể \xd4ễ \xd5ế \xd6ệ \xd7ì \xd8ỉ \xdcĩ \xddí \xdeị "
    "\xdfò \xe1ỏ \xe2õ \xe3ó \xe4ọ \xe5ồ \xe6ổ \xe7ỗ \xe8ố \xe9ộ \xeaờ \xebở \xecỡ \xedớ \xeeợ "
    "\xefù \xf1ủ \xf2ũ \xf3ú \xf4ụ \xf5ừ \xf6ử \xf7ữ \xf8ứ \xf9ự \xfaỳ \xfbỷ \xfcỹ \xfdý \xfeỵ"
)
_TCVN3 = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split()}

# --- VNI: base letter followed by a mark byte; a few letters are single bytes ------------------
_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
# mark byte (lower-case form; the upper-case form is used after capitals) -> combining marks
_VNI_MARKS = {
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK, "ã": _CIRC + _TILDE,
    "ä": _CIRC + _DOT,
    "ê": _BREVE, "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK, "ü": _BREVE + _TILDE,
    "ë": _BREVE + _DOT,
}  # fmt: skip
_VNI_MARKS.update({k.upper(): v for k, v in list(_VNI_MARKS.items())})
_VNI_SINGLE = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
    "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ",
}  # fmt: skip
_VNI_BASES = set("aeouyAEOUY") | {"ô", "ö", "Ô", "Ö"}


def tcvn3_to_unicode(text: str, *, capitals: bool = False) -> str:
    """Decode TCVN3 look-alike text; ``capitals`` for the ``…H`` fonts that draw capitals."""
    out = "".join(_TCVN3.get(ch, ch) for ch in text)
    return unicodedata.normalize("NFC", out.upper() if capitals else out)


def vni_to_unicode(text: str) -> str:
    """Decode VNI look-alike text (base letter + mark byte)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch in _VNI_BASES and nxt in _VNI_MARKS:
            base = _VNI_SINGLE.get(ch, ch)
            marks = _VNI_MARKS[nxt]
            # a breve only sits on "a", a circumflex only on a/e/o: otherwise the byte is a letter
            if (_BREVE not in marks or base in "aA") and (_CIRC not in marks or base in "aeoAEO"):
                out.append(unicodedata.normalize("NFC", base + marks))
                i += 2
                continue
        out.append(_VNI_SINGLE.get(ch, ch))
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def decode(text: str, encoding: Encoding, *, capitals: bool = False) -> str:
    if encoding == "tcvn3":
        return tcvn3_to_unicode(text, capitals=capitals)
    if encoding == "vni":
        return vni_to_unicode(text)
    return unicodedata.normalize("NFC", text)


# --- Font names ------------------------------------------------------------------------------
_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")


def font_to_encoding(fontname: str) -> tuple[Encoding | None, bool]:
    """(encoding, capitals) from a PDF font name; encoding None when the name says nothing."""
    name = _SUBSET_PREFIX.sub("", fontname or "")
    name = name.split(",")[0].replace(" ", "")
    lower = name.lower()
    if lower.startswith(".vn") or (lower.startswith("vn") and not lower.startswith("vni")):
        # .VnTime, .VnTimeH, VnArial …; bold/italic suffixes follow a comma or hyphen
        stem = re.split(r"[-,]", name.lstrip("."))[0]
        return "tcvn3", stem.endswith("H")
    if lower.startswith("vni-") or lower.startswith("vni"):
        return "vni", False
    return None, False


# --- Vietnamese syllables (for content detection) --------------------------------------------
_TONES = {_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT}
_ONSETS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_RHYMES = [
    "a",
    "ac",
    "ach",
    "ai",
    "am",
    "an",
    "ang",
    "anh",
    "ao",
    "ap",
    "at",
    "au",
    "ay",
    "ă",
    "ăc",
    "ăm",
    "ăn",
    "ăng",
    "ăp",
    "ăt",
    "â",
    "âc",
    "âm",
    "ân",
    "âng",
    "âp",
    "ât",
    "âu",
    "ây",
    "e",
    "ec",
    "em",
    "en",
    "eng",
    "eo",
    "ep",
    "et",
    "ê",
    "êch",
    "êm",
    "ên",
    "ênh",
    "êp",
    "êt",
    "êu",
    "i",
    "ia",
    "ich",
    "im",
    "in",
    "inh",
    "ip",
    "it",
    "iu",
    "iêc",
    "iêm",
    "iên",
    "iêng",
    "iêp",
    "iêt",
    "iêu",
    "o",
    "oa",
    "oac",
    "oach",
    "oai",
    "oan",
    "oang",
    "oanh",
    "oao",
    "oap",
    "oat",
    "oay",
    "oăc",
    "oăm",
    "oăn",
    "oăng",
    "oăt",
    "oc",
    "oe",
    "oen",
    "oeo",
    "oet",
    "oi",
    "om",
    "on",
    "ong",
    "oong",
    "ooc",
    "op",
    "ot",
    "ô",
    "ôc",
    "ôi",
    "ôm",
    "ôn",
    "ông",
    "ôp",
    "ôt",
    "ơ",
    "ơi",
    "ơm",
    "ơn",
    "ơp",
    "ơt",
    "u",
    "ua",
    "uân",
    "uâng",
    "uât",
    "uây",
    "uc",
    "uê",
    "uênh",
    "uêch",
    "uy",
    "uya",
    "uych",
    "uyên",
    "uyêt",
    "uyn",
    "uynh",
    "uyt",
    "uyu",
    "ui",
    "um",
    "un",
    "ung",
    "uôc",
    "uôi",
    "uôm",
    "uôn",
    "uông",
    "uôt",
    "up",
    "ut",
    "uơ",
    "ư",
    "ưa",
    "ưc",
    "ưi",
    "ưm",
    "ưn",
    "ưng",
    "ưu",
    "ươc",
    "ươi",
    "ươm",
    "ươn",
    "ương",
    "ươp",
    "ươt",
    "ươu",
    "ưt",
    "y",
    "yêm",
    "yên",
    "yêng",
    "yêt",
    "yêu",
]
_SYLLABLE = re.compile(
    rf"^(?:{_ONSETS})?(?:{'|'.join(sorted(_RHYMES, key=len, reverse=True))})$"
)  # fmt: skip
_STOP_CODA = re.compile(r"(?:p|t|c|ch)$")
_PUNCT = "\"'()[]{}.,;:!?…-–—/%*“”‘’«»"


@functools.lru_cache(maxsize=65536)  # a plan repeats a few hundred syllables thousands of times
def is_vietnamese_syllable(token: str) -> bool:
    """Structure check: onset + rhyme + at most one tone; stop codas take only sắc/nặng."""
    decomposed = unicodedata.normalize("NFD", token.lower())
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    if not _SYLLABLE.match(bare):
        return False
    return not (_STOP_CODA.search(bare) and tones and tones[0] not in (_ACUTE, _DOT))


def word_tokens(text: str) -> list[str]:
    """Word tokens of a text, punctuation stripped; tokens with digits (numbers, codes) left out."""
    tokens = (t.strip(_PUNCT) for t in text.split())
    # numbers and codes say nothing about the encoding
    return [t for t in tokens if t and not any(c.isdigit() for c in t)]


def syllable_share(text: str) -> float:
    """Share of word tokens that are valid Vietnamese syllables (1.0 when there are none)."""
    tokens = word_tokens(text)
    if not tokens:
        return 1.0
    return sum(is_vietnamese_syllable(t) for t in tokens) / len(tokens)


def detect_encoding(texts: Iterable[str], *, margin: float = 0.15) -> tuple[Encoding, float]:
    """Trial-decode and keep the encoding whose syllable share beats plain text by ``margin``.

    Returns the encoding and its share; a low share for every candidate means the text layer
    is garbage (the caller should OCR the page).
    """
    text = " ".join(texts)
    shares: dict[Encoding, float] = {
        "unicode": syllable_share(unicodedata.normalize("NFC", text)),
        "tcvn3": syllable_share(tcvn3_to_unicode(text)),
        "vni": syllable_share(vni_to_unicode(text)),
    }
    best: Encoding = max(("tcvn3", "vni"), key=lambda e: shares[e])
    if shares[best] >= shares["unicode"] + margin:
        return best, shares[best]
    return "unicode", shares["unicode"]
