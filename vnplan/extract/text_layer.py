"""The words of a PDF text layer, built from its characters by position.

    page_to_words(plumber_page) -> (words, legacy encodings decoded)

A word is a run of characters on one text line with no space character and no gap between them,
whatever fonts and sizes draw them: Vietnamese signing and publishing tools often draw the
accented letters of a word in a second font (``Quy`` + ``ề`` + ``n``), and small capitals or a
superscript change the size inside a word. Lines are found by baseline, not by the top of the
glyph box, because two fonts of one size on one baseline have different boxes.

Legacy encodings (TCVN3, VNI) are decoded per font run inside each word, since a legacy heading
font and a Unicode body font can meet in one word as well as on one page.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from pdfplumber.page import Page as PlumberPage
from pdfplumber.utils import extract_words

from vnplan.extract.legacy_encoding import Encoding, decode, detect_encoding, font_to_encoding

# Two characters further apart than this (points) on one line belong to two words. Text set without
# space characters (Chromium, LaTeX) separates words by ~2.5 pt at 10 pt; letters sit closer.
WORD_GAP = 1.5
# Characters whose baselines differ by less than this share of their size are on one line.
BASELINE_TOLERANCE = 0.2


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    baseline: float | None = None  # of its largest glyph; None where only the box is known

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2

    @property
    def line_key(self) -> float:
        """Where the word sits vertically, for grouping words into lines: its baseline (two fonts
        on one baseline have different boxes), else its top."""
        return self.top if self.baseline is None else self.baseline


class Glyph(NamedTuple):  # a NamedTuple: a page has thousands, and tuples are cheap to make
    """One character of the text layer, in page points (top-left origin)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    font: str
    raised: bool = False  # a superscript joined to the word it follows (see attach_scripts)


def char_to_glyph(char: dict[str, Any]) -> Glyph:
    """A pdfplumber character as a Glyph (its numbers are floats already; no conversion is paid)."""
    top, bottom = char["top"], char["bottom"]
    # The baseline in top-down page coordinates: the box's bottom raised by the descent below the
    # origin (the text matrix's y; y0 is the box's bottom in the PDF's bottom-up coordinates).
    baseline = bottom - (char["matrix"][5] - char["y0"])
    size = char["size"] or (bottom - top)
    return Glyph(char["text"], char["x0"], char["x1"], top, bottom, baseline, size, char["fontname"])


def glyphs_to_lines(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into text lines by baseline, each line left to right.

    A glyph joins the line above when its baseline is within a fifth of its size of that line's
    first baseline, whatever its font or size.
    """
    lines: list[list[Glyph]] = []
    first = float("-inf")
    for glyph in sorted(glyphs, key=lambda g: g.baseline):
        if lines and glyph.baseline - first <= BASELINE_TOLERANCE * glyph.size:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
            first = glyph.baseline
    return [sorted(line, key=lambda g: g.x0) for line in lines]


def line_to_words(line: Sequence[Glyph]) -> list[WordGlyphs]:
    """Split a line's glyphs (left to right) at space characters and at gaps wider than WORD_GAP."""
    words: list[WordGlyphs] = []
    current: WordGlyphs | None = None
    for glyph in line:
        if not glyph.text or glyph.text.isspace():
            current = None
        elif current is not None and glyph.x0 - current.x1 <= WORD_GAP:
            current.add(glyph)
        else:
            current = WordGlyphs(glyph)
            words.append(current)
    return words


class WordGlyphs:
    """The glyphs of one word, left to right, with their box and largest size."""

    def __init__(self, glyph: Glyph) -> None:
        self.glyphs = [glyph]
        self.x0, self.x1, self.top, self.bottom, self.size = glyph.x0, glyph.x1, glyph.top, glyph.bottom, glyph.size
        self.baseline = glyph.baseline  # of the largest glyph: a script's does not move the word
        self.merged = False  # joined into another word as its script

    def add(self, glyph: Glyph) -> None:
        self.glyphs.append(glyph)
        self.x0, self.x1 = min(self.x0, glyph.x0), max(self.x1, glyph.x1)
        self.top, self.bottom = min(self.top, glyph.top), max(self.bottom, glyph.bottom)
        if glyph.size > self.size:
            self.size, self.baseline = glyph.size, glyph.baseline

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)


SCRIPT_RATIO = 1.25  # a word this much larger than a smaller one touching it can carry it as a script


def attach_scripts(words: list[WordGlyphs]) -> list[WordGlyphs]:
    """Superscripts and subscripts joined to the word they touch (``m²``, a footnote mark ``NĐ-CP¹``,
    ``y_i``): raised or lowered off the baseline, they form lines of their own, but a reader sees one
    word. A word is a script of a neighbour at least SCRIPT_RATIO times its size whose body holds
    its vertical centre and which ends or starts within WORD_GAP of it."""
    largest = max((word.size for word in words), default=0.0)
    candidates = [w for w in words if w.size * SCRIPT_RATIO <= largest]
    if not candidates:
        return words
    by_end: dict[int, list[WordGlyphs]] = {}
    by_start: dict[int, list[WordGlyphs]] = {}
    for word in words:
        by_end.setdefault(int(word.x1), []).append(word)
        by_start.setdefault(int(word.x0), []).append(word)
    # smallest first: a subscript joins its base word before that word is itself looked at
    for word in sorted(candidates, key=lambda w: w.size):
        if word.merged:
            continue  # already part of a word a smaller script joined
        centre = (word.top + word.bottom) / 2
        hosts = [
            h
            for h in (*_around(by_end, word.x0), *_around(by_start, word.x1))
            if h is not word
            and not h.merged
            and h.size >= SCRIPT_RATIO * word.size
            and h.top <= centre <= h.bottom
            and (-WORD_GAP <= word.x0 - h.x1 <= WORD_GAP or -WORD_GAP <= h.x0 - word.x1 <= WORD_GAP)
        ]
        if not hosts:
            continue
        # A script between two words joins them both (``2025⁷;`` is one word, as it reads).
        hosts.sort(key=lambda h: h.x0)
        host = hosts[0]
        raised = centre < (host.top + host.bottom) / 2
        for glyph in word.glyphs:
            host.add(glyph._replace(raised=True) if raised else glyph)
        for other in hosts[1:]:
            for glyph in other.glyphs:
                host.add(glyph)
            other.merged = True
        host.glyphs.sort(key=lambda g: g.x0)
        word.merged = True
    return [w for w in words if not w.merged]


def _around(index: dict[int, list[WordGlyphs]], x: float) -> list[WordGlyphs]:
    key = int(x)
    return [word for k in range(key - 2, key + 3) for word in index.get(k, ())]


def font_runs(word: Sequence[Glyph]) -> list[tuple[str, bool, str]]:
    """(font, raised, text) of each run of one font (and one height) inside a word."""
    runs = itertools.groupby(word, key=lambda g: (g.font, g.raised))
    return [(font, raised, "".join(g.text for g in run)) for (font, raised), run in runs]


# Raised digits are written as superscripts, so that a footnote mark never changes the number it
# follows: ``2025⁷``, not ``20257``; ``m²`` as printed.
_SUPERSCRIPTS = str.maketrans("0123456789+-()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾")


def fonts_to_encodings(runs: Iterable[tuple[str, bool, str]]) -> dict[str, tuple[Encoding, bool]]:
    """Encoding per font: by font name when it says, else by the text set in that font."""
    texts: dict[str, list[str]] = {}
    for font, _, text in runs:
        texts.setdefault(font, []).append(text)
    result: dict[str, tuple[Encoding, bool]] = {}
    for font, words in texts.items():
        by_name, capitals = font_to_encoding(font)
        if by_name:
            result[font] = (by_name, capitals)
        elif _unicode_beyond_doubt(words):
            result[font] = ("unicode", False)
        else:
            result[font] = (detect_encoding(words)[0], False)
    return result


def _unicode_beyond_doubt(texts: list[str]) -> bool:
    """Plain ASCII, or letters no legacy font can produce (legacy look-alikes are Latin-1 and
    Windows-1252 characters, never ơ, ư, đ or the U+1EA0 block): no need to trial-decode."""
    joined = "".join(texts)
    return joined.isascii() or any(ch in _UNICODE_ONLY for ch in joined)


_UNICODE_ONLY = frozenset("ĂăĐđĨĩŨũƠơƯư") | frozenset(map(chr, range(0x1EA0, 0x1EFA)))


def page_to_words(page: PlumberPage, extra: Sequence[Glyph] = ()) -> tuple[list[Word], set[str]]:
    """Decoded, NFC words of a page and the legacy encodings that were decoded; ``extra`` glyphs
    (what form fields draw, ``vnplan.extract.widgets``) join the page's own before words are made."""
    upright, turned = [], []
    for char in page.chars:
        if char["upright"]:
            upright.append(char_to_glyph(char))
        else:
            turned.append(char)
    # A field's text is stamped over blanks of the page (``Số:       /BC-UBND``): its words are made
    # apart, so that those blanks neither cut them nor glue them to the page's words.
    found = [word for glyphs in (upright, extra) for line in glyphs_to_lines(glyphs) for word in line_to_words(line)]
    found = attach_scripts(found)
    found += _turned_words(turned)
    runs = [font_runs(word.glyphs) for word in found]
    encodings = fonts_to_encodings(run for word_runs in runs for run in word_runs)
    used: set[str] = set()
    words = []
    for word, word_runs in zip(found, runs, strict=True):
        parts = []
        for font, raised, text in word_runs:
            encoding, capitals = encodings[font]
            if encoding != "unicode":
                used.add(encoding)
            decoded = decode(text, encoding, capitals=capitals)
            parts.append(decoded.translate(_SUPERSCRIPTS) if raised else decoded)
        text = unicodedata.normalize("NFC", "".join(parts))
        words.append(Word(text, word.x0, word.top, word.x1, word.bottom, word.baseline))
    return words, used


def _turned_words(turned: list[dict[str, Any]]) -> list[WordGlyphs]:
    """Words of rotated characters (a column heading set sideways), by pdfplumber's own
    direction-aware word finder; their glyph boxes stand in for a baseline, which rotated text
    does not have. Text turned a quarter left reads bottom to top, a quarter right top to bottom."""
    words = []
    for upward in (True, False):
        chars = [c for c in turned if (c["matrix"][1] > 0) == upward]
        if not chars:
            continue
        found = extract_words(
            chars,
            x_tolerance=WORD_GAP,
            y_tolerance=3,
            return_chars=True,
            char_dir_rotated="btt" if upward else "ttb",
            line_dir_rotated="ltr" if upward else "rtl",
        )
        for item in found:
            glyphs = [char_to_glyph(c) for c in item["chars"]]
            word = WordGlyphs(glyphs[0])
            for glyph in glyphs[1:]:
                word.add(glyph)
            words.append(word)
    return words
