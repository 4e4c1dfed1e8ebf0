"""OCR text repair: NFC, then phrase-level correction against the domain lexicon.

Many OCR errors are real words (`khuynh công`, `bồi sung`, `cấp tinh`), so a word-by-word check
cannot find them. Instead windows of 4..1 syllables are compared with lexicon phrases of the same
length (vnplan/data/lexicon.txt). A window is changed only when all of these hold:

- it is not itself a known phrase, and none of its tokens lies inside one or inside a word of the
  general dictionary (`đơn vị` in `đơn vị sự nghiệp`: correct text is mostly made of such words);
- at least half of it already matches the phrase exactly (the anchors);
- the phrase scores high and clearly beats the runner-up;
- each changed syllable is at most two letters away; a real syllable whose letters change needs a
  window of three or more syllables and must make a dictionary word with a neighbour of the phrase
  (`bồi sung` -> `bổ sung`), the evidence that the text as read was not meant; a real syllable whose
  accents change must look like an OCR slip (a mark lost or a similar tone mark), not a mark invented;
- the changed token is one written syllable (no `viênSV` glued by a lost space), not an acronym, a
  function word, a single letter or part of a name.

A valid syllable is never changed on its own: alone, only impossible syllables (`kềt`) are, and
only their accents: without context nothing tells which letters were meant (`Krông` is a name).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from vnplan.normalize.lost_tones import restore_lost_tones
from vnplan.normalize.syllables import (
    fold,
    halves_of_one_syllable,
    is_plausible_accent_error,
    is_valid_syllable,
    syllable_key,
)
from vnplan.normalize.words import dictionary_words

MAX_WINDOW = 4
MIN_SCORE = 84.0  # blended similarity (0-100) a window needs to be replaced by a phrase
MIN_MARGIN = 8.0  # over the runner-up phrase: ambiguous windows are left alone
MAX_SYLLABLE_EDITS = 2  # letters (diacritics ignored) that may differ in one changed syllable
# A real word whose letters (not only accents) must change, like `khuynh` -> `khuyến`, is the
# riskiest fix: it needs a window of at least this many syllables, i.e. two or more of context.
MIN_WINDOW_TO_RESPELL = 3
GUARD_PREFIX = "!"  # lexicon lines that are known-correct but never a correction target

# Grammatical words are so frequent that a near-miss with a lexicon phrase (`các huyện` vs
# `cấp huyện`, `Kế hoạch do` vs `kế hoạch số`) is far more often right than an OCR error.
_FUNCTION_WORD_LIST = """
    và của các có được là cho với theo về ở tại trong ngoài do để từ đến khi thì mà như những này
    đó đã đang sẽ không chưa một mình ta họ nó nhằm gồm bằng vào ra lên nên nếu hoặc hay cũng rất
    đều vẫn còn sau trước trên dưới giữa bị vì nhưng cùng mỗi mọi nhiều hơn nhất đây ấy thêm
"""
_FUNCTION_WORDS = frozenset(map(syllable_key, _FUNCTION_WORD_LIST.split()))
_WORD = re.compile(r"[^\W\d_]+")
_JOINER = re.compile(r"[ \u00a0]+")  # only plain spaces join syllables into one phrase


@dataclass(frozen=True)
class TextFix:
    """One replacement made by `repair_text`, for the audit trail."""

    before: str
    after: str
    reason: str


@dataclass(frozen=True)
class Phrase:
    """A lexicon phrase with its precomputed comparison keys."""

    text: str
    syllables: tuple[str, ...]  # lower case, NFC
    keys: tuple[str, ...]  # per syllable: case- and tone-placement-free exact key
    folded: tuple[str, ...]  # per syllable: no diacritics
    key_text: str  # the keys joined by spaces, as scored
    folded_text: str  # the folded syllables joined by spaces, as scored


@dataclass(frozen=True)
class Lexicon:
    """Phrases of the domain, indexed for the repair: built once, then shared read-only."""

    known: frozenset[tuple[str, ...]]  # keys of every phrase, targets and guards
    targets: tuple[Phrase, ...]
    by_anchor: Mapping[tuple[int, int, str], tuple[int, ...]]  # (length, position, key) -> targets
    syllables: tuple[Phrase, ...]  # single valid syllables of the targets, for lone invalid tokens
    syllable_folds: tuple[str, ...]  # `syllables` folded, for a fast first cut with rapidfuzz

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> Lexicon:
        """Parse lexicon lines; ValueError names the first line that is not 1-4 syllables."""
        targets: dict[tuple[str, ...], Phrase] = {}
        known: set[tuple[str, ...]] = set()
        for number, line in enumerate(lines, start=1):
            text = unicodedata.normalize("NFC", line.split("#", 1)[0].strip())
            if not text:
                continue
            phrase = _make_phrase(text.removeprefix(GUARD_PREFIX).strip())
            if phrase is None:
                raise ValueError(f"lexicon line {number}: {text!r} must have 1 to {MAX_WINDOW} syllables")
            known.add(phrase.keys)
            if not text.startswith(GUARD_PREFIX):
                targets.setdefault(phrase.keys, phrase)
        target_list = tuple(targets.values())
        singles = _single_syllables(target_list)
        return cls(
            known=frozenset(known),
            targets=target_list,
            by_anchor=_index_by_anchor(target_list),
            syllables=singles,
            syllable_folds=tuple(single.folded_text for single in singles),
        )


@cache
def load_lexicon() -> Lexicon:
    """The domain lexicon shipped in vnplan/data/lexicon.txt (read once per process)."""
    text = resources.files("vnplan").joinpath("data/lexicon.txt").read_text(encoding="utf-8")
    return Lexicon.from_lines(text.splitlines())


def repair_text(text: str, lexicon: Lexicon | None = None) -> tuple[str, list[TextFix]]:
    """NFC-normalise `text` and correct OCR errors; return the new text and one fix per change.

    The NFC step itself is not reported: it changes code points, not what a reader sees.
    """
    text = unicodedata.normalize("NFC", text)
    lexicon = lexicon or load_lexicon()
    words = _Words(text)
    protected = _known_phrase_tokens(words, lexicon)
    replacements: dict[int, str] = {}
    fixes: list[TextFix] = []
    for start in range(len(words.tokens)):
        for size in range(min(MAX_WINDOW, words.run_length(start)), 0, -1):
            fix = _repair_window(words, start, size, protected, lexicon)
            if fix is not None:
                new_syllables, fix_record = fix
                for offset, syllable in enumerate(new_syllables):
                    replacements[start + offset] = syllable
                    protected[start + offset] = True
                fixes.append(fix_record)
                break
    apart = [not words.spaced(i) for i in range(len(words.joined))]
    untouched = [not protected[i] and _may_change(words.tokens, i) for i in range(len(words.tokens))]
    for index, syllable in restore_lost_tones(words.tokens, words.joined, apart, untouched.__getitem__).items():
        replacements[index] = syllable
        fixes.append(_lost_tone_fix(words, index, syllable))
    return words.render(replacements), fixes


def _lost_tone_fix(words: _Words, index: int, syllable: str) -> TextFix:
    """The record of a restored tone mark, with the neighbours that are the evidence."""
    start, end = max(0, index - 1), min(len(words.tokens) - 1, index + 1)
    before = words.window_text(start, end - start + 1)
    a, b = words.spans[start][0], words.spans[index]
    after = before[: b[0] - a] + syllable + before[b[1] - a :]
    return TextFix(
        before=before,
        after=after,
        reason=f"tone mark lost above the vowel: '{syllable}' makes a word with its neighbour, "
        f"'{words.tokens[index]}' does not",
    )


class _Words:
    """Letter tokens of a text, and which neighbours are joined by plain spaces only."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = [match.span() for match in _WORD.finditer(text)]
        self.tokens = [text[a:b] for a, b in self.spans]
        self.keys = [syllable_key(token) for token in self.tokens]
        # joined[i]: tokens i and i+1 are separated by plain spaces only (one phrase)
        self.joined = [
            _JOINER.fullmatch(text[self.spans[i][1] : self.spans[i + 1][0]]) is not None
            for i in range(len(self.spans) - 1)
        ]
        # run[i]: how many tokens from i on form one space-separated phrase, capped at MAX_WINDOW
        self.run = [1] * len(self.tokens)
        for i in range(len(self.joined) - 1, -1, -1):
            if self.joined[i]:
                self.run[i] = min(MAX_WINDOW, self.run[i + 1] + 1)

    def spaced(self, index: int) -> bool:
        """Whether token `index` and the next are separated by spaces only."""
        return index + 1 < len(self.spans) and not self.text[self.spans[index][1] : self.spans[index + 1][0]].strip()

    def run_length(self, start: int) -> int:
        return self.run[start]

    def window_text(self, start: int, size: int) -> str:
        return self.text[self.spans[start][0] : self.spans[start + size - 1][1]]

    def render(self, replacements: Mapping[int, str]) -> str:
        pieces: list[str] = []
        position = 0
        for index in sorted(replacements):
            a, b = self.spans[index]
            pieces.append(self.text[position:a])
            pieces.append(replacements[index])
            position = b
        pieces.append(self.text[position:])
        return "".join(pieces)


def _known_phrase_tokens(words: _Words, lexicon: Lexicon) -> list[bool]:
    """Tokens inside a window of 2+ syllables that is already a lexicon phrase or a dictionary
    word: never changed."""
    protected = [False] * len(words.tokens)
    dictionary = dictionary_words()
    for start in range(len(words.tokens)):
        for size in range(2, words.run_length(start) + 1):
            keys = tuple(words.keys[start : start + size])
            if keys in lexicon.known or keys in dictionary:
                protected[start : start + size] = [True] * size
    return protected


def _repair_window(
    words: _Words, start: int, size: int, protected: list[bool], lexicon: Lexicon
) -> tuple[list[str], TextFix] | None:
    if all(protected[start : start + size]):
        return None
    tokens = words.tokens[start : start + size]
    keys = tuple(words.keys[start : start + size])
    if size == 1:
        if protected[start] or not _is_broken_word(tokens[0]):
            return None
        candidates: Iterable[Phrase] = _nearest_syllables(tokens[0], lexicon)
    else:
        candidates = _anchored_candidates(keys, lexicon)
    best = _best_phrase(tokens, keys, candidates, protected[start : start + size], lexicon)
    if best is None:
        return None
    phrase, score, runner_up = best
    changed = [i for i, key in enumerate(keys) if key != phrase.keys[i]]
    if any(_is_half_of_a_split_word(words, start + i, phrase.folded[i]) for i in changed):
        return None
    new_syllables = [
        token if key == target_key else _match_case(token, target)
        for token, key, target, target_key in zip(tokens, keys, phrase.syllables, phrase.keys, strict=True)
    ]
    before = words.window_text(start, size)
    after = _rebuild_window(before, tokens, new_syllables)
    reason = f"OCR repair: matches lexicon phrase '{phrase.text}' (score {score:.0f}, runner-up {runner_up:.0f})"
    return new_syllables, TextFix(before, after, reason)


def _is_half_of_a_split_word(words: _Words, index: int, target_folded: str) -> bool:
    """`ch` in `viên ch ức`, `ệc` in `vi ệc làm`, `cấ` in `cấ p`: a word cut in two by a stray space (a
    text layer that changes font mid-word, OCR) is completed by its neighbour, not by the repair
    (`chức ức`, `cá p`)."""
    token = words.tokens[index]
    for neighbour in (index - 1, index + 1):
        if 0 <= neighbour < len(words.tokens) and words.spaced(min(index, neighbour)):
            other = words.tokens[neighbour]
            left, right = (other, token) if neighbour < index else (token, other)
            if fold(left + right) == target_folded:
                return True
            # `cấ p`: the two pieces make one syllable where one of them alone is none
            if halves_of_one_syllable(left, right):
                return True
    return False


def _anchored_candidates(keys: tuple[str, ...], lexicon: Lexicon) -> list[Phrase]:
    """Phrases of the window's length sharing enough exact syllables at the same positions."""
    size = len(keys)
    anchors: dict[int, int] = {}
    for position, key in enumerate(keys):
        for index in lexicon.by_anchor.get((size, position, key), ()):
            anchors[index] = anchors.get(index, 0) + 1
    needed = size - _max_changed_syllables(size)
    return [lexicon.targets[index] for index, count in anchors.items() if needed <= count < size]


def _nearest_syllables(token: str, lexicon: Lexicon, limit: int = 5) -> list[Phrase]:
    """The lexicon syllables closest to `token` without accents (rapidfuzz, in C)."""
    matches = process.extract(fold(token), lexicon.syllable_folds, scorer=fuzz.ratio, limit=limit, score_cutoff=50)
    return [lexicon.syllables[index] for _, _, index in matches]


def _max_changed_syllables(size: int) -> int:
    # At least half of a window must already be right: that context is what licenses the change.
    return max(1, size // 2)


def _best_phrase(
    tokens: list[str], keys: tuple[str, ...], candidates: Iterable[Phrase], frozen: list[bool], lexicon: Lexicon
) -> tuple[Phrase, float, float] | None:
    """The clearly best candidate whose every change is allowed, with its score and the runner-up's."""
    folded_window = " ".join(fold(token) for token in tokens)
    key_window = " ".join(keys)
    scored: list[tuple[float, Phrase]] = []
    for phrase in candidates:
        if abs(len(phrase.folded_text) - len(folded_window)) > MAX_SYLLABLE_EDITS * len(tokens):
            continue
        # Mostly the letters, a little the accents (VIETNAMESE.md): accents are what OCR gets wrong.
        folded_score = fuzz.ratio(folded_window, phrase.folded_text)
        key_score = fuzz.ratio(key_window, phrase.key_text)
        scored.append((0.7 * folded_score + 0.3 * key_score, phrase))
    if not scored:
        return None
    scored.sort(key=lambda item: item[0], reverse=True)
    score, phrase = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if score < MIN_SCORE or score - runner_up < MIN_MARGIN:
        return None
    if not _changes_allowed(tokens, keys, phrase, frozen, lexicon):
        return None
    return phrase, score, runner_up


def _changes_allowed(
    tokens: list[str], keys: tuple[str, ...], phrase: Phrase, frozen: list[bool], lexicon: Lexicon
) -> bool:
    changed = [i for i, key in enumerate(keys) if key != phrase.keys[i]]
    if not changed or len(changed) > _max_changed_syllables(len(tokens)):
        return False
    letter_edits = [Levenshtein.distance(fold(tokens[i]), phrase.folded[i]) for i in changed]
    if max(letter_edits) > (MAX_SYLLABLE_EDITS if len(tokens) > 1 else 0):
        return False  # a lone token may only get its accents back
    if any(
        frozen[i] or not _may_change(tokens, i) or _drops_a_glued_word(tokens[i], phrase.folded[i]) for i in changed
    ):
        return False
    respelled = [i for i, edits in zip(changed, letter_edits, strict=True) if edits and is_valid_syllable(tokens[i])]
    if respelled and (len(respelled) > 1 or len(tokens) < MIN_WINDOW_TO_RESPELL):
        return False
    if respelled and not _makes_a_word(phrase, respelled[0], lexicon):
        return False
    reaccented = [
        i for i, edits in zip(changed, letter_edits, strict=True) if not edits and is_valid_syllable(tokens[i])
    ]
    return all(is_plausible_accent_error(tokens[i], phrase.syllables[i]) for i in reaccented)


def _makes_a_word(phrase: Phrase, index: int, lexicon: Lexicon) -> bool:
    """Whether the phrase's syllable at `index` makes a two-syllable word with a neighbour in it
    (a dictionary word or a two-syllable lexicon phrase): `bổ sung` for `bồi sung`, `khuyến công`."""
    pairs = [phrase.keys[i : i + 2] for i in (index - 1, index) if i >= 0 and i + 2 <= len(phrase.keys)]
    return any(pair in lexicon.known or pair in dictionary_words() for pair in pairs)


def _may_change(tokens: list[str], index: int) -> bool:
    token = tokens[index]
    if len(token) < 2 or not _is_written_syllable(token):
        return False  # list markers and initials (`c)`, `Nguyễn V. A`), words glued by a lost space
    return not (_is_acronym(token) or _looks_like_name(tokens, index) or syllable_key(token) in _FUNCTION_WORDS)


def _drops_a_glued_word(token: str, target_folded: str) -> bool:
    """`tinvà` -> `tin` would delete `và`: a token that is the target plus a whole syllable of two
    letters or more is two words that lost their space, not a misread one."""
    folded = fold(token)
    for rest in (folded.removeprefix(target_folded), folded.removesuffix(target_folded)):
        if rest != folded and len(rest) >= 2:
            glued = token[len(token) - len(rest) :] if folded.startswith(target_folded) else token[: len(rest)]
            if is_valid_syllable(glued):
                return True
    return False


def _is_written_syllable(token: str) -> bool:
    """Lower case, Capitalised or UPPER: `viênSV`, `cCông` are two words that lost their space."""
    return token.islower() or token.isupper() or (token[0].isupper() and token[1:].islower())


def _is_broken_word(token: str) -> bool:
    """A lone token worth correcting: Vietnamese (a marked vowel) yet not a possible syllable."""
    if is_valid_syllable(token):
        return False
    return any(fold(char) in "aeiouy" and fold(char) != char.lower() for char in token)


def _is_acronym(token: str) -> bool:
    """`KPI`, `UBND`, `CNNTTB`: upper case, not a syllable, no marked vowel, at most one vowel."""
    if not token.isupper() or len(token) < 2 or is_valid_syllable(token):
        return False
    vowels = [char for char in token if fold(char) in "aeiouy"]
    return len(vowels) <= 1 and all(fold(char) == char.lower() for char in vowels)


def _looks_like_name(tokens: list[str], index: int) -> bool:
    """A real capitalised syllable next to another capitalised one (`Văn Vĩnh`, `Biên Hòa`).

    Headings in capitals are not names; broken syllables (`Khuryn Công`) are never names.
    """
    token = tokens[index]
    if not token[0].isupper() or token.isupper() or not is_valid_syllable(token):
        return False
    neighbours = tokens[max(0, index - 1) : index] + tokens[index + 1 : index + 2]
    return any(neighbour[0].isupper() for neighbour in neighbours)


def _match_case(original: str, target: str) -> str:
    """Give `target` the capitalisation of `original`: UPPER, Title or lower."""
    if original.isupper() and len(original) > 1:
        return target.upper()
    if original[0].isupper():
        return target[0].upper() + target[1:]
    return target


def _rebuild_window(before: str, tokens: list[str], new_syllables: list[str]) -> str:
    """The window text with its syllables replaced and its original spacing kept."""
    pieces: list[str] = []
    rest = before
    for token, syllable in zip(tokens, new_syllables, strict=True):
        head, _, rest = rest.partition(token)
        pieces.extend((head, syllable))
    pieces.append(rest)
    return "".join(pieces)


def _make_phrase(text: str) -> Phrase | None:
    syllables = tuple(_WORD.findall(text.lower()))
    if not syllables or len(syllables) > MAX_WINDOW:
        return None
    keys = tuple(syllable_key(s) for s in syllables)
    folded = tuple(fold(s) for s in syllables)
    return Phrase(text, syllables, keys, folded, key_text=" ".join(keys), folded_text=" ".join(folded))


def _index_by_anchor(targets: tuple[Phrase, ...]) -> dict[tuple[int, int, str], tuple[int, ...]]:
    index: dict[tuple[int, int, str], list[int]] = {}
    for number, phrase in enumerate(targets):
        for position, key in enumerate(phrase.keys):
            index.setdefault((len(phrase.keys), position, key), []).append(number)
    return {anchor: tuple(numbers) for anchor, numbers in index.items()}


def _single_syllables(targets: tuple[Phrase, ...]) -> tuple[Phrase, ...]:
    singles: dict[str, Phrase] = {}
    for phrase in targets:
        for syllable in phrase.syllables:
            if is_valid_syllable(syllable):
                made = _make_phrase(syllable)
                if made is not None:
                    singles.setdefault(made.keys[0], made)
    return tuple(singles.values())
