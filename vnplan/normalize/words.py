"""Vietnamese words of two or more syllables (`đơn vị`, `bổ sung`, `trình bày`), from a general dictionary.

The OCR repair works on syllables, but a Vietnamese word is often two or three of them. A
dictionary of such words tells the repair two things it cannot see in its domain lexicon alone:
that a syllable as read already makes a real word with its neighbour (`đơn vị` in
`đơn vị sự nghiệp`), so it must be left alone; and that a proposed respelling makes one (`bồi sung`
-> `bổ sung`), which is the evidence a respelling needs.

The list is pyvi's `words.txt` (MIT licence, vnplan/data/pyvi-words.LICENSE), about 25,000 entries
of 2-4 syllables. Entries are compared by `syllable_key` (case and tone placement do not matter).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

from vnplan.normalize.syllables import syllable_key

__all__ = ["MAX_WORD_SYLLABLES", "dictionary_words"]

MAX_WORD_SYLLABLES = 4
_SYLLABLE = re.compile(r"[^\W\d_]+")


@cache
def dictionary_words() -> frozenset[tuple[str, ...]]:
    """Keys of every dictionary word of 2..MAX_WORD_SYLLABLES syllables (read once per process)."""
    text = resources.files("vnplan").joinpath("data/pyvi-words.txt").read_text(encoding="utf-8")
    words: set[tuple[str, ...]] = set()
    for line in unicodedata.normalize("NFC", text).splitlines():
        syllables = line.split()
        if not 2 <= len(syllables) <= MAX_WORD_SYLLABLES:
            continue
        if all(_SYLLABLE.fullmatch(syllable) for syllable in syllables):
            words.add(tuple(syllable_key(syllable) for syllable in syllables))
    return frozenset(words)
