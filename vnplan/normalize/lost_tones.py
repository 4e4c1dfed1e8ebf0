"""Tone marks OCR lost above a circumflex, breve or horn (`khân trương` for `khẩn trương`).

On small or blurred print the tone mark stacked above `â ê ô ă ơ ư` is a few pixels and Tesseract
often drops it: the syllable left (`khân`, `chông`, `sô`) is usually itself a valid syllable, so
neither the syllable check nor the lexicon phrases of ``text_repair`` see it. The evidence is the
word it no longer makes: the syllable as read makes no dictionary word with either neighbour, and
exactly one of the five tone marks makes one (`khẩn trương`, `phòng, chống dịch`).

A neighbour counts only where it is free: one that already makes a word on its other side is
taken (`hành chính công`: `chính` belongs to `hành chính`, so `chính cống` is no evidence), and
so is one at the edge of the text, whose other side is not seen (a table cell, a line cut from
a paragraph). Function words, names and acronyms are never changed (``text_repair._may_change``).
Measured on the correct-text guard corpus (tests/fixtures/correct_text, ~450 kB): one change, a
typo of the source (`bộ phân` for `bộ phận`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from vnplan.normalize.syllables import split_tone, syllable_key, with_tone
from vnplan.normalize.words import dictionary_words

# Vowels with a circumflex, breve or horn, where a tone mark stacks on top (as syllable_key writes them)
_HATS = frozenset("âêôăơư")
_TONES = range(1, 6)  # sắc huyền hỏi ngã nặng, as split_tone numbers them


def restore_lost_tones(
    tokens: Sequence[str],
    joined: Sequence[bool],
    apart: Sequence[bool],
    may_change: Callable[[int], bool],
) -> dict[int, str]:
    """{token index: the syllable with its tone mark back} for the tokens that lost one.

    ``joined[i]``: tokens i and i+1 are one phrase (plain spaces between them); ``apart[i]``:
    something other than spaces is between them (punctuation: a known word boundary, unlike a line
    break); ``may_change(i)``: whether token i may be changed at all (not a name, an acronym, a
    function word).
    """
    keys = [syllable_key(token) for token in tokens]  # cached per syllable
    words = dictionary_words()

    def phrase(a: int) -> bool:  # tokens a and a+1 are one run of syllables
        return 0 <= a < len(joined) and joined[a]

    def seen_apart(a: int) -> bool:
        return 0 <= a < len(apart) and apart[a]

    def free(partner: int, far_side: int) -> bool:
        """Whether ``partner`` is not already taken by a word with its other neighbour."""
        gap = min(partner, far_side)
        if phrase(gap):
            return (keys[gap], keys[gap + 1]) not in words
        return seen_apart(gap)  # the edge of the text or a line break: its other side is unseen

    restored: dict[int, str] = {}
    for i, token in enumerate(tokens):
        if not keys[i].endswith("0") or not _HATS.intersection(keys[i]):  # a tone mark, or no hat to lose it from
            continue
        split = split_tone(token)
        if split is None or not may_change(i):
            continue
        left = i - 1 if phrase(i - 1) and free(i - 1, i - 2) else None
        right = i + 1 if phrase(i) and free(i + 1, i + 2) else None

        def pairs_with(key: str, left: int | None = left, right: int | None = right) -> bool:
            return (left is not None and (keys[left], key) in words) or (
                right is not None and (key, keys[right]) in words
            )

        if (left is None and right is None) or pairs_with(keys[i]):
            continue
        tones = [tone for tone in _TONES if pairs_with(f"{split[0]}{tone}")]
        if len(tones) == 1:
            restored[i] = with_tone(token, tones[0])
    return restored
