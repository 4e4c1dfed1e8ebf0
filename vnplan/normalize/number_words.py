"""Amounts written in Vietnamese words -> integers.

"Mười tỷ, chín trăm tám mươi bảy triệu hai trăm năm mươi ngàn đồng chẵn" -> 10_987_250_000.

Plans repeat their grand total in words, so this is a second, independent reading of the most
important number of a document. The parser is deliberately strict: a text with one word that is
not part of the ~30-word number vocabulary (after snapping OCR damage) is *not* a number, and the
answer is ``None`` rather than a guess. (vn-numberwords was tried: it silently drops unknown words,
returns 0 for plain prose and misreads "một nghìn hai trăm tỷ", so a small grammar of our own is safer.)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

__all__ = ["words_to_number"]

DIGITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,  # "hai mươi mốt"
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,  # "ba mươi tư"
    "năm": 5,
    "lăm": 5,  # "mười lăm"
    "nhăm": 5,  # northern "hai mươi nhăm"
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
TEN = "mười"  # the number ten, also the tens word of 10–19
TENS_MARKS = frozenset({"mươi", "chục"})  # "hai mươi", "hai chục" = 20
ZERO_TENS = frozenset({"linh", "lẻ", "lẽ"})  # "một trăm linh năm" = 105
HUNDRED = "trăm"
SCALES = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
DECIMAL_POINT = "phẩy"
# Words around an amount that carry no value: the currency and "even" ("đồng chẵn").
FILLERS = frozenset({"đồng", "chẵn", "chẳn", "vnđ", "và"})

VOCABULARY = frozenset(DIGITS) | {TEN, HUNDRED, DECIMAL_POINT} | TENS_MARKS | ZERO_TENS | frozenset(SCALES) | FILLERS

# OCR damage below this length is too ambiguous to snap ("tv" could be anything).
_MIN_FUZZY_LENGTH = 4
_WORD = re.compile(r"[^\W\d_]+")


def fold(text: str) -> str:
    """Lower-case and strip Vietnamese diacritics ("Mười" -> "muoi"); đ has no decomposition."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _folded_vocabulary() -> dict[str, frozenset[str]]:
    by_folded: dict[str, set[str]] = {}
    for word in VOCABULARY:
        by_folded.setdefault(fold(word), set()).add(word)
    return {key: frozenset(words) for key, words in by_folded.items()}


_BY_FOLDED = _folded_vocabulary()


def _value_class(word: str) -> str | int:
    """Words that mean the same thing to the parser ("tỷ"/"tỉ", "một"/"mốt") collapse to one class."""
    if word in DIGITS:
        return DIGITS[word]
    if word in SCALES:
        return SCALES[word]
    if word in ZERO_TENS:
        return "linh"
    if word in FILLERS:
        return "filler"
    return word


def _choose(candidates: frozenset[str], previous: str | None) -> str | None:
    """Pick one word among the vocabulary words that fold alike; ``None`` if they really differ."""
    if len({_value_class(word) for word in candidates}) == 1:
        return min(candidates)
    # Only "muoi" folds to two different words: "mươi" after a digit ("hai muoi"), "mười" otherwise.
    if candidates == {TEN, "mươi"}:
        return "mươi" if previous in DIGITS else TEN
    return None


def snap_word(token: str, previous: str | None = None) -> str | None:
    """The number word an (OCR-damaged) token stands for, or ``None`` if it is not one.

    Exact words pass; lost or wrong diacritics are resolved by folding ("trieu" -> "triệu");
    longer tokens may be one edit away ("trleu" -> "triệu") if that edit points at a single word.
    """
    word = unicodedata.normalize("NFC", token.lower())
    if word in VOCABULARY:
        return word
    folded = fold(word)
    if folded in _BY_FOLDED:
        return _choose(_BY_FOLDED[folded], previous)
    if len(folded) < _MIN_FUZZY_LENGTH:
        return None
    near = process.extract(folded, list(_BY_FOLDED), scorer=Levenshtein.distance, score_cutoff=1, limit=None)
    candidates = frozenset().union(*(_BY_FOLDED[key] for key, _, _ in near)) if near else frozenset()
    return _choose(candidates, previous) if candidates else None


@dataclass
class _Group:
    """A number below one thousand, filled slot by slot: hundreds, tens, units."""

    hundreds: int | None = None
    tens: int | None = None
    pending_digit: int | None = None  # a digit not yet claimed by "trăm"/"mươi": the units so far

    def feed(self, word: str) -> bool:
        """Take one word; ``False`` if it cannot follow what came before."""
        if word in DIGITS:
            if self.pending_digit is not None:
                return False
            self.pending_digit = DIGITS[word]
            return True
        if word == HUNDRED:
            if self.pending_digit is None or self.hundreds is not None or self.tens is not None:
                return False
            self.hundreds, self.pending_digit = self.pending_digit, None
            return True
        if word in TENS_MARKS:
            if self.pending_digit is None or self.tens is not None:
                return False
            self.tens, self.pending_digit = self.pending_digit, None
            return True
        if word == TEN or word in ZERO_TENS:
            if self.pending_digit is not None or self.tens is not None:
                return False
            # "linh" only makes sense after the hundreds ("không trăm linh năm").
            if word in ZERO_TENS and self.hundreds is None:
                return False
            self.tens = 1 if word == TEN else 0
            return True
        return False

    def value(self) -> int | None:
        """The group's value, or ``None`` when no word was fed."""
        if self.hundreds is None and self.tens is None and self.pending_digit is None:
            return None
        return (self.hundreds or 0) * 100 + (self.tens or 0) * 10 + (self.pending_digit or 0)


def _parse_integer(words: list[str]) -> int | None:
    """Number words (no fillers) -> integer; ``None`` if they do not form a number.

    Scales combine like "nghìn tỷ" (10^12): at each scale word, everything read since the last
    larger scale is multiplied by it.
    """
    parts: list[int] = []  # finished, scaled parts, largest first
    group = _Group()
    for word in words:
        if word in SCALES:
            scale = SCALES[word]
            carried = 0
            while parts and parts[-1] < scale:
                carried += parts.pop()
            small = group.value()
            if small is None and carried == 0:
                return None
            parts.append((carried + (small or 0)) * scale)
            group = _Group()
        elif not group.feed(word):
            return None
    tail = group.value()
    if not parts and tail is None:
        return None
    return sum(parts) + (tail or 0)


def _parse_decimal(integer_words: list[str], fraction_words: list[str]) -> int | None:
    """ "bốn phẩy ba tỷ" -> 4_300_000_000; ``None`` unless the result is a whole number of đồng."""
    whole = _parse_integer(integer_words)
    scales = [word for word in fraction_words if word in SCALES]
    fraction_digits = [word for word in fraction_words if word not in SCALES]
    if whole is None or not fraction_digits or fraction_words[len(fraction_digits) :] != scales:
        return None
    if all(word in DIGITS for word in fraction_digits):  # read digit by digit: "phẩy không năm"
        digits = "".join(str(DIGITS[word]) for word in fraction_digits)
    else:
        fraction = _parse_integer(fraction_digits)
        if fraction is None:
            return None
        digits = str(fraction)
    value = Decimal(f"{whole}.{digits}")
    for word in scales:
        value *= SCALES[word]
    return int(value) if value == value.to_integral_value() else None


def words_to_number(text: str) -> int | None:
    """Vietnamese amount in words -> integer, or ``None`` if the text is not a number in words.

    Punctuation and "đồng", "chẵn" are ignored; OCR-damaged words are snapped to the vocabulary.
    A decimal ("bốn phẩy ba tỷ") is accepted when it comes to a whole number.
    """
    if any(char.isdigit() for char in text):
        return None  # digits mean the amount is not (only) in words
    words: list[str] = []
    for token in _WORD.findall(unicodedata.normalize("NFC", text)):
        word = snap_word(token, words[-1] if words else None)
        if word is None:
            return None
        if word not in FILLERS:
            words.append(word)
    if DECIMAL_POINT in words:
        point = words.index(DECIMAL_POINT)
        return _parse_decimal(words[:point], words[point + 1 :])
    return _parse_integer(words)
