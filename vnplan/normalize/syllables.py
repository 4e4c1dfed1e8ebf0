"""Vietnamese syllable structure: onset + optional glide + nucleus + coda + tone.

Used by the OCR repair stage to tell structurally impossible tokens (`Khuryn`, `Chuong`, `kềt`)
from real syllables. A structure check cannot see valid-but-wrong syllables (`khuynh` for
`khuyến`); those are left to the phrase matcher in `text_repair`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Tone marks as combining characters after NFD, numbered 1..5 (0 is the level tone, no mark).
_TONE_MARKS = {"\u0301": 1, "\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_SAC, _HOI, _NGA, _NANG = 1, 3, 4, 5
# Tone marks OCR mistakes for one another (VIETNAMESE.md: hook above vs acute on a circumflex).
_CONFUSABLE_TONES = frozenset(
    {frozenset({_SAC, _HOI}), frozenset({_SAC, _NGA}), frozenset({_HOI, _NGA}), frozenset({_SAC, _NANG})}
)
_QUALITY_MARKS = frozenset("\u0302\u0306\u031b")  # circumflex, breve, horn
_D_STROKE = "\u0335"  # stands in for the stroke of đ, which Unicode does not decompose
_PLAIN_VOWELS = frozenset("aeiouy")

_ONSETS = (
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip

# Rhymes (vần) without tone, grouped by nucleus. Glided rhymes (o-/u- + vowel) are separate
# because the c/q alternation depends on them.
_PLAIN_RHYME_LIST = """
    a ai ao au ay ac ach am an ang anh ap at
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e eo ec em en eng ep et
    ê êu êch êm ên ênh êp êt
    i ia iu ich im in inh ip it
    iêc iêm iên iêng iêp iêt iêu
    o oi oc om on ong op ot oong ooc
    ô ôi ôc ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u ua ui uc um un ung up ut
    uôc uôi uôm uôn uông uôt
    ư ưa ưi ưu ưc ưm ưn ưng ưt
    ươc ươi ươm ươn ương ươp ươt ươu
    y yêm yên yêng yêt yêu
"""
_O_GLIDE_RHYME_LIST = """
    oa oai oay oac oach oam oan oang oanh oap oat oao
    oăc oăm oăn oăng oăt
    oe oen oeo oet oem
"""
_U_GLIDE_RHYME_LIST = """
    uân uâng uât uây
    uê uêch uên uênh uêt
    uy uya uych uyn uynh uyt uyu uyên uyêt
    uơ
"""
_PLAIN_RHYMES = frozenset(_PLAIN_RHYME_LIST.split())
_O_GLIDE_RHYMES = frozenset(_O_GLIDE_RHYME_LIST.split())
_U_GLIDE_RHYMES = frozenset(_U_GLIDE_RHYME_LIST.split())
_FRONT_VOWELS = ("i", "e", "ê", "y")  # c->k, g->gh, ng->ngh before these


def split_tone(word: str) -> tuple[str, int] | None:
    """Lower-case `word` and split it into (letters without tone mark, tone 0..5).

    None when the word carries two tone marks or a tone mark on a consonant.
    """
    letters: list[str] = []
    tone = 0
    last_base = ""
    for char in unicodedata.normalize("NFD", word.lower()):
        if char in _TONE_MARKS:
            if tone or last_base not in _PLAIN_VOWELS:
                return None
            tone = _TONE_MARKS[char]
            continue
        if not unicodedata.combining(char):
            last_base = char
        letters.append(char)
    return unicodedata.normalize("NFC", "".join(letters)), tone


def with_tone(syllable: str, tone: int) -> str:
    """``syllable`` (no tone mark) with ``tone`` (1–5, as ``split_tone`` numbers them) put on its
    circumflex, breve or horn vowel (the second of ươ)."""
    decomposed = unicodedata.normalize("NFD", syllable)
    at = max(decomposed.rfind(mark) for mark in _QUALITY_MARKS)
    mark = next(char for char, number in _TONE_MARKS.items() if number == tone)
    return unicodedata.normalize("NFC", decomposed[: at + 1] + mark + decomposed[at + 1 :])


@lru_cache(maxsize=65536)
def syllable_key(word: str) -> str:
    """Exact comparison key that ignores case and tone placement (`hoà` and `Hòa` -> `hoa2`)."""
    split = split_tone(word)
    if split is None:
        return unicodedata.normalize("NFC", word.lower())
    letters, tone = split
    return f"{letters}{tone}"


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Loose comparison key: no diacritics at all, đ -> d, lower case."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=65536)
def is_valid_syllable(word: str) -> bool:
    """True when `word` is a well-formed Vietnamese syllable (any capitalisation, either tone placement)."""
    split = split_tone(word)
    if split is None or not split[0].isalpha():
        return False
    letters, tone = split
    return any(letters.startswith(onset) and _rhyme_fits(onset, letters[len(onset) :], tone) for onset in _ONSETS)


def is_plausible_accent_error(observed: str, intended: str) -> bool:
    """Could OCR have turned `intended` into `observed`, two spellings of the same letters?

    OCR loses marks (`tỉnh`->`tinh`, `trưng`->`trung`, `điều`->`diêu`) and confuses similar tone
    marks (`kiến`->`kiện`), but rarely invents a mark: `cộng tác` is not a misread `công tác`.
    """
    observed_marks, observed_tone = _letter_marks(observed)
    intended_marks, intended_tone = _letter_marks(intended)
    if len(observed_marks) != len(intended_marks):
        return False
    if any(not seen <= meant for seen, meant in zip(observed_marks, intended_marks, strict=True)):
        return False
    return observed_tone in (0, intended_tone) or {observed_tone, intended_tone} in _CONFUSABLE_TONES


def _letter_marks(word: str) -> tuple[list[frozenset[str]], int]:
    """Per base letter the quality marks on it, and the syllable's tone (0 when unreadable)."""
    split = split_tone(word)
    letters, tone = split if split is not None else (word.lower(), 0)
    marks: list[set[str]] = []
    for char in unicodedata.normalize("NFD", letters.replace("đ", "d" + _D_STROKE)):
        if unicodedata.combining(char):
            if marks and char in _QUALITY_MARKS | {_D_STROKE}:
                marks[-1].add(char)
        else:
            marks.append(set())
    return [frozenset(m) for m in marks], tone


def _rhyme_fits(onset: str, rhyme: str, tone: int) -> bool:
    if not rhyme or not _spelling_fits(onset, rhyme):
        return False
    if onset == "gi" and rhyme not in _ALL_RHYMES:
        rhyme = "i" + rhyme  # `giếng`, `giết`: the i of iê is written once after g
    if onset == "qu":
        # q is always written with the glide u: `quốc`, `quyết`, `quân` = qu + ôc / yêt / ân.
        if rhyme[0] in "uưo" or (rhyme not in _PLAIN_RHYMES and "u" + rhyme not in _U_GLIDE_RHYMES):
            return False
    elif rhyme not in _ALL_RHYMES:
        return False
    return _tone_fits(rhyme, tone)


def _spelling_fits(onset: str, rhyme: str) -> bool:
    """The c/k/q, g/gh and ng/ngh alternations, and where `yê` vs `iê` is written."""
    front = rhyme.startswith(_FRONT_VOWELS)
    if onset in ("k", "gh", "ngh"):
        return front
    if onset in ("c", "ng", "g") and front and not (onset == "g" and rhyme.startswith("i")):
        return False
    if onset == "c" and rhyme in _U_GLIDE_RHYMES:
        return False  # written with q: `quân`, not `cuân`
    if rhyme.startswith("yê"):
        return onset in ("", "qu")
    return not (rhyme.startswith("iê") and onset == "")


def _tone_fits(rhyme: str, tone: int) -> bool:
    # Stop codas (p, t, c, ch) cut the syllable short: only sắc or nặng can sit on them.
    if rhyme.endswith(("p", "t", "c", "ch")):
        return tone in (_SAC, _NANG)
    return True


_ALL_RHYMES = _PLAIN_RHYMES | _O_GLIDE_RHYMES | _U_GLIDE_RHYMES


def halves_of_one_syllable(left: str, right: str) -> bool:
    """`mứ` + `c`, `ch` + `ức`: together one syllable, where one of them alone is none (`Tổng` + `số`
    are two words)."""
    return is_valid_syllable(left + right) and not (is_valid_syllable(left) and is_valid_syllable(right))


_YEAR_HALVES = re.compile(r"^(?P<head>[12])\s(?P<tail>\d{3})$")


def rejoin_split_syllables(text: str) -> str:
    """A word OCR cut in two by a stray space, joined again: `mứ c` -> `mức`, `n ăm` -> `năm`,
    `Tron g` -> `Trong`, and a year `2 024` -> `2024`. Two pieces are joined only where together
    they make one syllable and one of them alone makes none (`Tổng số` stays two words)."""
    out: list[str] = []
    for token in text.split(" "):
        previous = out[-1] if out else ""
        before, after = _LETTERS_LAST.match(previous), _LETTERS_FIRST.match(token)  # "(tấ" + "t"
        if before and after and halves_of_one_syllable(before["letters"], after["letters"]):
            out[-1] = previous + token
            continue
        if _YEAR_HALVES.match(f"{previous} {token}") and 1900 <= int(previous + token) <= 2099:
            out[-1] = previous + token
            continue
        out.append(token)
    return " ".join(out)


_LETTERS_LAST = re.compile(r"^[(\[\"'“]*(?P<letters>[^\W\d_]+)$")
_LETTERS_FIRST = re.compile(r"^(?P<letters>[^\W\d_]+)[)\]\"'”.,:;]*$")
