"""Header mapping: header cells -> canonical columns, fuzzy, through a synonym table.

Headers arrive OCR-damaged ("Tổng KPI thực hiện", "Đại kiện kết quả"), split over two rows
("Thời gian" over "Bắt đầu (tháng)"), and in a different order on every page. Each fragment's
header maps to a list of canonical keys; ``consensus_layout`` then votes on one column order for
the whole table, which the cell-typing stage uses only to name cells it has typed by content.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from vnplan.normalize.header_meaning import NO_ROLE, role_from_words
from vnplan.normalize.numbers import unit_from_words
from vnplan.normalize.text import fold, whole_words_pattern
from vnplan.schemas.roles import (
    ROLE_BY_NAME,
    ROLES,
    STAGES,
    TERMS,
    V1_AMOUNT_FIELDS,
    V1_MONTH_FIELDS,
    V1_TEXT_FIELDS,
    Role,
)

TEXT_COLUMNS = V1_TEXT_FIELDS
AMOUNT_COLUMNS = V1_AMOUNT_FIELDS
MONTH_COLUMNS = V1_MONTH_FIELDS


def role_key(role: Role) -> str:
    """The key a role's column goes by in the row reader: its v1 field where it has one."""
    return role.v1_field or role.name


# Canonical column -> synonyms as printed (from the one table of roles). Parents of merged header
# cells ("time", "split") only matter when their children are missing.
SYNONYMS: dict[str, tuple[str, ...]] = {role_key(role): role.synonyms for role in ROLES}
# The khuyến công reader names cells with the columns of its own family only: a damaged header
# cell ("… các huyện …") must not become a column that family never has ("NS huyện").
V1_KEYS = frozenset(
    key for key in SYNONYMS if key in (*TEXT_COLUMNS, *AMOUNT_COLUMNS, *MONTH_COLUMNS, "code", "time", "split")
)

_MIN_SCORE = 78.0
_MISREAD_WORDING = 8  # characters: a wording this long with one letter misread is still itself
_MONEY_KEYS = frozenset(role_key(role) for role in ROLES if role.kind == "money")
_MEANING_SCORE = 95.0  # a wording read by its key terms: as sure as a close match
_STARTS_WITH_CODE = re.compile(r"^(?:[IVXL]{1,5}|\d{1,2}(?:\.\d{1,2})*)[.)]?(?:\s|$)")
# "(1)", "3=1+2", and the letters some tables number their text columns with ("a", "b").
_NUMBERING_CELL = re.compile(r"^\(?(?:\d{1,2}|[a-zA-Z])\)?(?:\s*=.*)?$")
_FIRST_NUMBER = re.compile(r"\d+")
_RISING = 0.75
# A figure: digits not glued to a letter before them ("12", "(5)", "1.500"). OCR noise over a
# header word leaves digits inside it ("đối ứ10" for "đối ứng" under a streak of toner specks):
# no figure, and no reason to take the header's second row for data.
_FIGURE = re.compile(r"(?<!\w)\d")


@lru_cache(maxsize=2)
def _folded_synonyms(v1_only: bool) -> tuple[tuple[str, str], ...]:
    return tuple(
        (fold(synonym), key)
        for key, synonyms in SYNONYMS.items()
        if key in V1_KEYS or not v1_only
        for synonym in synonyms
    )


@lru_cache(maxsize=1)
def _exact_synonyms() -> dict[str, str]:
    return {synonym: key for synonym, key in reversed(_folded_synonyms(False))}


def _scorer(cell: str, synonym: str) -> float:
    score = fuzz.ratio(cell, synonym)
    # A long header cell may carry extra words ("Tổng KP (nguồn KC tỉnh)"): a close partial
    # match counts, a little below a whole one, and only for synonyms long enough to mean something.
    if len(synonym) >= 8 and len(cell) > len(synonym):
        score = max(score, 0.92 * fuzz.partial_ratio(synonym, cell))
    return score


@lru_cache(maxsize=8192)
def match_column(text: str, *, v1_only: bool = False, under_money: bool = False) -> tuple[str | None, float]:
    """The canonical column a header cell names, with its score (0–100); (None, score) below threshold.

    A wording of the synonym table is matched as it is; any other is read by its words
    (``header_meaning``); only a cell whose words name nothing known is matched fuzzily against
    the synonyms, for OCR damage ("Tổng KPI thực hiện"). ``v1_only``: among the khuyến công
    family's columns only (a column outside it names none of them)."""
    folded = fold(re.sub(r"[*:]", " ", text))
    folded = " ".join(folded.split())
    if not folded:
        return None, 0.0
    exact = _exact_synonyms().get(folded)
    meaning = role_from_words(text, under_money=under_money)
    if not exact and meaning == NO_ROLE:
        return None, 0.0
    key = exact or (role_key(ROLE_BY_NAME[meaning]) if meaning else None)
    # OCR damage to a short wording is measured on the wording alone, not on the unit after it
    # ("Tầng số (nghìn đồng)": 72 against "tổng số" with its unit, 86 without)
    wordings = {folded, " ".join(fold(_MONEY_UNIT_NOTE.sub(_unit_note_dropped, text)).split())} - {""}
    best_key, best_score = None, 0.0
    for synonym, synonym_key in _folded_synonyms(v1_only):
        score = max(_scorer(wording, synonym) for wording in wordings)
        if score > best_score:
            best_key, best_score = synonym_key, score
    if key in _MONEY_KEYS and not exact and (misread := _one_letter_misread(folded, v1_only)) in _MONEY_KEYS:
        # which money: a known wording with one letter misread ("xã hôi bóa") is more specific than
        # what the cell's remaining words mean ("Nguồn xã hôi bóa": "nguồn" money, "xã": a
        # commune's total). Among money columns only: elsewhere two real words differ by a letter
        # ("hiện chế", "biên chế")
        key = misread
    if key is not None:
        score = 100.0 if exact else _MEANING_SCORE
        return (None, 0.0) if v1_only and key not in V1_KEYS else (key, score)
    if best_score < _MIN_SCORE:
        # a parent cell as OCR damaged it under a streak ("Phân theo nguân" for "Phân theo nguồn"):
        # close, letter for letter, to a wording its words are read by only when they are the
        # whole cell; without it the sources under it were not read as money
        for term, key in _whole_cell_terms(v1_only):
            score = fuzz.ratio(folded, term)
            if score >= _CLOSE_MATCH and score > best_score:
                best_key, best_score = key, score
        if best_score >= _CLOSE_MATCH:
            return best_key, best_score
    return (best_key, best_score) if best_score >= _MIN_SCORE else (None, best_score)


def _one_letter_misread(folded: str, v1_only: bool) -> str | None:
    """The key of the one known wording (of _MISREAD_WORDING characters or more) that some run of
    the cell's words spells with exactly one letter read as another; None where none or several
    keys do."""
    words = folded.split()
    keys = set()
    for synonym, key in _folded_synonyms(v1_only):
        if len(synonym) < _MISREAD_WORDING:
            continue
        width = len(synonym.split())
        runs = {" ".join(words[i : i + width]) for i in range(len(words) - width + 1)}
        # one letter read as another: a letter added or lost makes other words ("ngân sách khuyến")
        if any(len(run) == len(synonym) and Levenshtein.distance(run, synonym) == 1 for run in runs):
            keys.add(key)
    return keys.pop() if len(keys) == 1 else None


_MONEY_UNIT_NOTE = re.compile(r"\(([^()]*)\)")


def _unit_note_dropped(bracket: re.Match[str]) -> str:
    """A bracket stating a money unit ("(nghìn đồng)") as nothing; any other as it is."""
    return " " if unit_from_words(bracket.group(1)) is not None else bracket.group(0)


_WHOLE_CELL_CONCEPTS = ("code", "unit_of_measure", "split", "time")  # as header_meaning reads them
_FUZZY_TERM = 8  # characters: a shorter wording ("tt", "dvt", "gom") is too short to be matched loosely


@lru_cache(maxsize=2)
def _whole_cell_terms(v1_only: bool) -> tuple[tuple[str, str], ...]:
    keys = ((concept, role_key(ROLE_BY_NAME[concept])) for concept in _WHOLE_CELL_CONCEPTS)
    return tuple(
        (term, key)
        for concept, key in keys
        if key in V1_KEYS or not v1_only
        for term in TERMS[concept]
        if len(term) >= _FUZZY_TERM
    )


def is_numbering_row(cells: Sequence[str]) -> bool:
    """The "(1) (2) (3) …" row some tables print under their header.

    OCR reads "(1)" as "q)", "(q1)" or "1)", "(5)" as "©)" or ")": a row whose cells are mostly
    such numbers and otherwise only as short is one too (a data row always has a longer title). A
    numbered cell may carry its formula, however OCR garbled it ("(5)=@)+()*( 8)" for "(5)=(6)+(7)+(8)").
    """
    filled = [cell for cell in cells if cell]
    others = [cell for cell in filled if not _NUMBERING_CELL.match(cell)]
    numbered = len(filled) - len(others)
    if len(filled) < 3 or numbered < 3 or not _counts_up(filled):
        return False
    if not others:
        return True
    garbled = [cell for cell in others if not _numbering_like(cell)]
    # one cell a streak turned to marks ("Xe 8E07" for "(6)") among many numbers counting up: no
    # data row prints five bracketed column numbers (held-out seed 10201 h07, read as the first
    # item, and every code of the page one row off)
    return numbered >= 0.6 * len(filled) and (not garbled or (numbered >= _MANY_NUMBERED and len(garbled) == 1))


def _numbering_like(cell: str) -> bool:
    """A cell of a numbering row OCR or a text layer garbled: short, or a number in brackets with
    letters of the header cell above drawn into it ("đ(4ạ)t", "ch(ủ3 )trì": the last words of a
    wrapped "Chỉ tiêu cần đạt", "Đơn vị chủ trì" share the numbering row's baseline). The row
    must still be mostly bracketed numbers counting up (``is_numbering_row``)."""
    if len(cell) <= 5:
        return True
    letters = [ch for ch in cell if ch.isalpha()]
    bare = "".join(ch for ch in cell if not ch.isalpha() and not ch.isspace())
    return len(letters) <= _STRAY_LETTERS and bool(_NUMBERING_CELL.match(bare))


_STRAY_LETTERS = 8  # two short syllables
_MANY_NUMBERED = 5  # bracketed column numbers that make a numbering row whatever one other cell reads


def _counts_up(cells: Sequence[str]) -> bool:
    """The column numbers a numbering row prints rise from left to right ("A | B | 1 | 2 | 3=4+5"):
    a data row of small counts ("1 | Huế | 12 | 5 | 7") does not. Most of them are also their
    cell's place in the row, give or take one offset: that holds however many of them OCR slipped
    on ("1 | (2) | 1 | 4 | 5 | 6 | Œ) | (8) | (3)", a scan whose brackets the amount re-read dropped)."""
    numbered = [
        (place, int(match.group()))
        for place, cell in enumerate(cells)
        if _NUMBERING_CELL.match(cell) and (match := _FIRST_NUMBER.search(cell))
    ]
    steps = list(itertools.pairwise(number for _, number in numbered))
    if sum(a < b for a, b in steps) >= _RISING * len(steps):  # one OCR slip among many is no data row
        return True
    offsets = Counter(number - place for place, number in numbered)
    in_step = max(offsets.values(), default=0)
    return in_step >= 3 and in_step >= _RISING * len(numbered)


def header_keys(cells: Sequence[str], *, v1_only: bool = False) -> list[str | None]:
    return [match_column(cell, v1_only=v1_only)[0] if cell else None for cell in cells]


_CLOSE_MATCH = 90.0
_SHORT_HEADER = 40  # columns outside the khuyến công family are named in a few words ("NS huyện", "Đơn giá")
_YEAR = r"(?:19|20)\d{2}"
# A header cell that is only a period: "Năm 2024", "2021-2025", "Giai đoạn 2021 - 2025".
_HEADER_PERIOD = re.compile(rf"^(?:nam|giai doan)?\s*{_YEAR}(?:\s*[-–]\s*{_YEAR})?$")


_STAGE_WORDS = tuple((stage, whole_words_pattern(words)) for stage, words in STAGES)


def stage_in(text: str) -> str | None:
    """The stage of the budget cycle a header names ("Kế hoạch vốn năm 2021" -> plan), else None."""
    folded = " ".join(fold(text).split())
    for stage, words in _STAGE_WORDS:
        if words.search(folded):
            return stage
    return None


def names_stage_or_period(text: str) -> bool:
    return stage_in(text) is not None or _HEADER_PERIOD.match(" ".join(fold(text).split())) is not None


def names_column(text: str) -> bool:
    """A header cell: it names a khuyến công column, or (in a few words) another role, a stage or a
    period ("NS huyện", "Thành tiền", "Dự toán 2025", "Năm 2024")."""
    if not text:
        return False
    if match_column(text, v1_only=True)[0] is not None:
        return True
    if len(text) > _SHORT_HEADER:
        return False
    # Other roles only on a close match: a partial one ("… lao động …" in a title cut by a page
    # break) would take a data row for a header row.
    key, score = match_column(text)
    return (key is not None and score >= _CLOSE_MATCH) or names_stage_or_period(text)


def is_header_row(cells: Sequence[str]) -> bool:
    """A row that starts a table header: 'TT'/'STT' first, or mostly column names."""
    filled = [cell for cell in cells if cell]
    if not filled:
        return False
    if _STARTS_WITH_CODE.match(filled[0]) and not _misread_code_header(filled[0]):
        return False  # a numbered row is data, whatever its words ("1 | Đường tỉnh 741 | …")
    keys = [cell for cell in filled if names_column(cell)]
    if match_column(filled[0].strip(" .:"))[0] == "code" and len(keys) >= 2:
        return True
    if len(keys) >= 3 and len(keys) >= 0.6 * len(filled):
        return True
    # A header in wordings of its own ("Mã số | … | Chú thích") names fewer of its cells; it is
    # still told from data by holding no figure at all while naming a money column, which no data
    # row of a budget table does (its amounts are figures).
    # a figure stands apart: a digit inside a word is a letter OCR misread ("xu0n vốn" for "nguồn vốn")
    figureless = not any(_FIGURE.search(cell) for cell in filled if not names_stage_or_period(cell))
    names_money = any(match_column(cell, v1_only=True)[0] in AMOUNT_COLUMNS for cell in keys)
    return figureless and names_money and len(keys) >= 3 and len(keys) >= 0.5 * len(filled)


def _misread_code_header(cell: str) -> bool:
    """ "Số thứ tự" whose "Số" OCR read as a number ("50 thứ tự", held-out seed 10901 h01): the rest of
    the cell names the code column by itself, as no code cell of a data row does. Without this the
    whole table had no header, its header was read as a row and every row's cells were typed by
    content (a faint provincial amount put under the beneficiary column)."""
    number = _STARTS_WITH_CODE.match(cell)
    rest = cell[number.end() :].strip(" .:") if number else ""
    key, score = match_column(rest) if 0 < len(rest) <= _CODE_HEADER_REST else (None, 0.0)
    return key == "code" and score >= _CLOSE_MATCH


_CODE_HEADER_REST = 12  # characters: "thứ tự", "TT" (a code cell of a data row holds its code alone)


def is_header_continuation(cells: Sequence[str]) -> bool:
    """The second row of a two-row header: mostly column names ("Bắt đầu (tháng)", "Tổng số" …)."""
    filled = [cell for cell in cells if cell]
    # A row numbered like a table row ("I Chương trình …") is data, however header-like its words.
    if not filled or _STARTS_WITH_CODE.match(filled[0]):
        return False
    if any(_FIGURE.search(cell) for cell in filled if not names_stage_or_period(cell)):
        return False
    named = sum(1 for cell in filled if names_column(cell))
    return named >= max(1, round(0.6 * len(filled)))


def flatten_header(rows: Sequence[Sequence[str]]) -> list[str | None]:
    """One canonical key per column position from one or two header rows (lower row wins)."""
    width = max(len(row) for row in rows)
    keys: list[str | None] = [None] * width
    for depth, row in enumerate(rows):
        # under "Trong đó" / "Nguồn vốn" / "Kinh phí", a source is named without a money word
        under_money = depth > 0 and any(key in _MONEY_PARENTS for key in keys)
        for index, text in enumerate(row):
            key = match_column(text, v1_only=True, under_money=under_money)[0] if text else None
            if key:
                keys[index] = key
    return _with_title(keys)


def _with_title(keys: list[str | None]) -> list[str | None]:
    """A table names its rows: where no header names the title, the first text column before the
    amounts is it ("Chỉ tiêu", read as an expected result beside "Mục tiêu, quy mô", had left every
    item without a title), as ``column_evidence.with_title`` decides for tables read by position."""
    if "title" in keys:
        return keys
    for index, key in enumerate(keys):
        if key in AMOUNT_COLUMNS:
            break
        if key in TEXT_COLUMNS:
            return [*keys[:index], "title", *keys[index + 1 :]]
    return keys


_MONEY_PARENTS = frozenset({"split", *AMOUNT_COLUMNS})


@dataclass(frozen=True)
class Layout:
    """The table's column order, as voted by all its header fragments."""

    order: tuple[str, ...]

    def has(self, key: str) -> bool:
        return key in self.order

    @property
    def amount_columns(self) -> tuple[str, ...]:
        return tuple(key for key in self.order if key in AMOUNT_COLUMNS)

    def _position(self, key: str) -> int:
        return self.order.index(key)

    @property
    def first_amount_position(self) -> int:
        positions = [self._position(key) for key in self.amount_columns]
        return min(positions) if positions else len(self.order)

    def text_columns(self, *, after_amounts: bool) -> tuple[str, ...]:
        boundary = self.first_amount_position
        return tuple(
            key
            for key in self.order
            if key in TEXT_COLUMNS and key != "title" and (self._position(key) > boundary) == after_amounts
        )

    @property
    def months_after_amounts(self) -> bool:
        return self.has("start_month") and self._position("start_month") > self.first_amount_position


DEFAULT_ORDER = ("code", "title", "implementing_unit", "objective", "expected_result",
                 "start_month", "end_month", *AMOUNT_COLUMNS, "notes")  # fmt: skip


def fragment_layout(keys: Sequence[str | None]) -> Layout:
    """The column order one fragment's own header states."""
    return Layout(tuple(dict.fromkeys(_expand_parents([key for key in keys if key]))))


def consensus_layout(headers: Sequence[Sequence[str | None]]) -> Layout:
    """Vote one column order from every fragment's header.

    Pairwise votes (Copeland): a key's rank is the number of other keys that most headers print
    after it. One scrambled header cannot move a column past keys that the others agree on.
    """
    orders = [list(dict.fromkeys(_expand_parents([key for key in keys if key]))) for keys in headers]
    keys = list(dict.fromkeys(key for order in orders for key in order))
    if not keys:
        return Layout(DEFAULT_ORDER)
    before: dict[tuple[str, str], int] = {}
    for order in orders:
        for i, first in enumerate(order):
            for second in order[i + 1 :]:
                before[first, second] = before.get((first, second), 0) + 1

    def wins(key: str) -> int:
        return sum(before.get((key, other), 0) > before.get((other, key), 0) for other in keys if other != key)

    fallback = {key: index for index, key in enumerate(DEFAULT_ORDER)}
    ranked = sorted(keys, key=lambda key: (-wins(key), fallback.get(key, len(fallback))))
    return Layout(tuple(ranked))


def _expand_parents(keys: list[str]) -> list[str]:
    """Replace merged parent headers by their children when the children are not printed."""
    expanded: list[str] = []
    for key in keys:
        if key == "time":
            expanded += [child for child in MONTH_COLUMNS if child not in keys]
        elif key != "split":
            expanded.append(key)
    return expanded
