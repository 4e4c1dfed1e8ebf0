"""Cell typing: one table row's cells -> a draft row, by content rather than by position.

OCR exports lose and merge cells, so a cell's position says little. Each cell is typed by what it
holds — a code ("2.1", "II"), numbers (months 1–12, amounts), or text — and the table's voted
column order only names cells of the same type. Where several readings of the numbers are
possible (are "4 12" months? which amount column is empty?), the arithmetic
total = provincial + beneficiary + other decides.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from vnplan.extract.model import Line
from vnplan.normalize.columns import AMOUNT_COLUMNS, Layout
from vnplan.normalize.numbers import Style, parse_month_range, parse_number, parse_wrapped_number
from vnplan.normalize.readings import AmountReadings
from vnplan.normalize.syllables import is_valid_syllable, syllable_key
from vnplan.normalize.text import fold
from vnplan.normalize.words import dictionary_words
from vnplan.schemas import CellBox
from vnplan.schemas.roles import V1_TOTAL_FIELD as TOTAL

_CODE = r"(?:[IVXL]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ]|[A-G])"
# Glued to a title, a capital letter is a code only with its mark ("A. Vốn ngân sách tỉnh"): OCR
# spaces the letters of a heading apart ("T Ổ NG C Ộ NG"), and "T" is no code.
_GLUED_CODE = r"(?:[IVXL]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ]|[A-G](?=[.)]))"
# OCR leaves marks after a code ("2.2_", "1.4 __", "1.1..."): a cell of a code and such marks is a code.
# (or a dash: a speck or the end of a rule beside the code, "4.2 —")
_CODE_ALONE = re.compile(rf"^(?P<code>{_CODE})[\s._…,:;)–—-]*$")
# A code glued to its title in one cell ("3 Hỗ trợ nâng cao…", "II. Hỗ trợ…"): the title must
# start with a capital letter, so that text beginning with a count ("2 lao động") is not split.
_CODE_AND_TITLE = re.compile(rf"^(?P<code>{_GLUED_CODE})[.)]?\s+(?P<title>[^\W\d_a-zđ].*)$")
# OCR confusions in the code column, read only where a title follows (see ``ocr_code``).
_OCR_NUMBERED = re.compile(r"^[\s._-]*(?P<code>[\dIl|]{1,2}(?:[.,][\dIl|]{1,2}){1,3})[\s._…,:;)–—-]*$")
_OCR_ROMAN = re.compile(r"^(?P<code>[IHl|]{1,3})[\s._…,:;)–—-]*$")
_DASH = frozenset({"-", "–", "—", "--"})  # printed in an amount column for "nothing": zero
# Marks of an unnumbered sub-item in the code column ("- Huyện loại I", "+ Trong đó …"): no code
# to read, and nothing unread either.
_BULLET = re.compile(r"^[\s._~'`,]*[-–—+*•·][-–—+*•·\s._~'`,]*$")


def is_bullet(text: str) -> bool:
    """A bullet mark of an unnumbered sub-item, alone in the code cell ("-", "+", "•"), with the
    specks OCR leaves around it on a scan ("- —", "- _"): taken for an unread code, it was given
    the code the numbering left free."""
    return bool(_BULLET.match(text))


# Folded and without spaces, so that OCR accents and letters split apart ("T Ổ NG C Ộ NG") match.
TOTAL_LABELS = ("tongcong", "tongso", "tongkinhphi")  # folded, letters only
# letters of a label long enough that one letter off is still that label, whatever its words
LONG_TOTAL_LABEL = 8
# A lone "Cộng" is matched with its tone mark: folded it would be "Công …", a programme title.
_SHORT_TOTAL = re.compile(r"^cộng\b", re.IGNORECASE)


@dataclass
class DraftRow:
    code: str | None
    texts: dict[str, str] = field(default_factory=dict)
    start_month: int | None = None
    end_month: int | None = None
    amounts: dict[str, Decimal] = field(default_factory=dict)  # in the table's printed unit
    extra_numbers: list[Decimal] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)
    is_total: bool = False
    merges: list[tuple[str, str, str]] = field(default_factory=list)  # (field, before, after) of joined rows
    code_repair: tuple[str, str] | None = None  # (cell as printed, reason) where the code was read out of OCR noise
    boxes: list[CellBox] = field(default_factory=list)  # where the cells sit, for the review page
    # Read by position (tables outside the khuyến công family): money in đồng and other numbers
    # with their units, by column key.
    money: dict[str, int] = field(default_factory=dict)
    quantities: dict[str, tuple[Decimal, str | None]] = field(default_factory=dict)
    readings: dict[str, AmountReadings] = field(default_factory=dict)  # OCRed amounts: both engines' readings
    # Cells a ruled grid places in a column whose content could not be read as that column's
    # ("code", an amount field, a month field) -> the text as printed; reported, never moved.
    unread: dict[str, str] = field(default_factory=dict)
    # What the other readings of an unread amount cell read (the second engine, further looks at
    # the cell): figures only the row's sum may confirm (``row_sum_readings``).
    unread_looks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    bullet: bool = False  # the code cell holds a bullet mark ("-", "+"): an unnumbered sub-item
    # amount fields whose figure no sum and no header put there: one of equally good placements
    columns_guessed: frozenset[str] = frozenset()


def cell_confidences(line: Line) -> list[float]:
    """The reader's confidence in each filled cell of a row, where it knows one (OCR)."""
    return [cell.confidence for cell in line.cells if cell.text and cell.confidence is not None]


@dataclass(frozen=True)
class _Token:
    value: Decimal
    text: str
    index: int  # cell position in the raw row


@dataclass(frozen=True)
class _TextCell:
    text: str
    index: int


def split_code(text: str) -> tuple[str | None, str]:
    """("2.1", "") for a code cell, ("3", "Hỗ trợ …") for code and title in one cell, else (None, text)."""
    alone = _CODE_ALONE.match(text)
    if alone:
        return alone.group("code"), ""
    glued = _CODE_AND_TITLE.match(text)
    if glued:
        return glued.group("code"), glued.group("title")
    return None, text


# In a column the header names as the code column, a longer number is a code too: the 100th item
# of a long list, a balance sheet's "Mã số" (100, 110, 111). Elsewhere it may be an amount.
_LONG_NUMBER_CODE = re.compile(r"^(?P<code>\d{3,4})[\s.…,:;)-]*$")


def code_column_code(text: str) -> tuple[str | None, str]:
    """:func:`split_code` for a cell of the code column, where a number of three or four digits
    is a code as well."""
    code, title = split_code(text)
    if code is None and (long := _LONG_NUMBER_CODE.match(text.strip())):
        return long.group("code"), ""
    return code, title


def ocr_code(text: str) -> str | None:
    """A code as OCR misreads it in the code column: "5,6" or "-_5,3." (comma for the dot, marks
    before it), "1.I" / "l.2" ('I', 'l', '|' for the digit one), "H" / "IH" / "Il" (Tesseract reads
    a serif "II" as 'H' and 'I' as 'l'); None for anything else. Only for the first cell of a row
    whose next filled cell is text: alone, "5,6" is an amount.
    """
    numbered = _OCR_NUMBERED.match(text)
    if numbered and any(ch.isdigit() for ch in numbered.group("code")):
        return numbered.group("code").replace(",", ".").translate(str.maketrans("Il|", "111"))
    roman = _OCR_ROMAN.match(text)
    if roman:
        code = roman.group("code").replace("H", "II").replace("l", "I").replace("|", "I")
        return code if code in ("I", "II", "III") else None
    return None


def is_total_label(text: str) -> bool:
    # specks OCR reads before the label on a scan ("° X TỔNG CỘNG"): marks and lone characters,
    # unless they are the label's own letters spaced out ("T Ổ NG C Ộ NG")
    bare = _LEADING_SPECKS.sub("", text)
    return (
        _names_total(text)
        or (bare != text and _names_total(bare))
        or _total_label_misread(text)
        or _total_label_after_junk(text)
    )


def _total_label_misread(text: str) -> bool:
    """A long total label with one letter misread, lost or added ("TỔỐNG ĐỘNG", "Tổng cộ§g"),
    alone in its cell but for specks read as marks or stray letters ("“RÔNG CỘNG |ƒP *"). Only the
    long labels: one letter from "tổng số" is too many other words; and never a real word one
    letter away ("công cộng")."""
    words = text.split()
    while words and _is_speck_token(words[-1]):
        words.pop()
    while words and _is_speck_token(words[0]):
        words.pop(0)
    if not 1 <= len(words) <= 3:
        return False
    letters = _DOUBLED.sub(r"\1", "".join(ch for ch in fold(" ".join(words)) if ch.isalpha()))
    distances = [Levenshtein.distance(letters, label) for label in TOTAL_LABELS if len(label) >= LONG_TOTAL_LABEL]
    if min(distances, default=2) > 1:
        return False
    # the label itself among specks ("Hs -_ Tổng cộng"), or one letter off and no other word
    return min(distances) == 0 or tuple(syllable_key(word.strip(_MARKS)) for word in words) not in dictionary_words()


_MARKS = "“”\"'‘’.,:;!?()[]{}|*#§‡-–—_~^`°"


def _total_label_after_junk(text: str) -> bool:
    """A printed (capitalised) total label at the end of the cell, after a few tokens that are no
    Vietnamese words: the specks of a noisy scan read as letters ("SP. Txeoj TỔNG SỐ",
    "4 ng ~< TONG SƠ"). A title that merely ends in "tổng số" has real words before it."""
    words = text.split()
    for cut in range(1, min(len(words), _MAX_JUNK_TOKENS + 1)):
        label, junk = " ".join(words[cut:]), words[:cut]
        if label.upper() == label and _names_total(label) and all(_is_junk_token(t) for t in junk):
            return True
    return False


_MAX_JUNK_TOKENS = 4


def _is_speck_token(token: str) -> bool:
    """Marks, or a letter or two among them: what specks read as ("*", "|ƒP", "~<")."""
    return sum(ch.isalpha() for ch in token) <= 2


def _is_junk_token(token: str) -> bool:
    """A speck token, or letters that make no Vietnamese syllable ("Txeoj")."""
    letters = "".join(ch for ch in token if ch.isalpha())
    return _is_speck_token(token) or not is_valid_syllable(letters.lower())


def _names_total(text: str) -> bool:
    squeezed = "".join(fold(text).split())
    # a letter OCR doubled where it stacks two marks ("TỔỐNG SỐ"): the labels have no double letter
    single = _DOUBLED.sub(r"\1", squeezed)
    if single.startswith(TOTAL_LABELS):
        return True
    words = text.split()
    if not words or not _SHORT_TOTAL.match(words[0]):
        return False
    # "Cộng", "Cộng I", "Cộng phần A" total; "Cộng đồng dân cư", "Cộng tác viên" are words of their own
    return len(words) == 1 or (syllable_key(words[0]), syllable_key(words[1].strip(":.,"))) not in dictionary_words()


_DOUBLED = re.compile(r"(.)\1+")
_LEADING_SPECKS = re.compile(r"^(?:[\W_]+|\b\w\b)+")


def numbers_in_cell(text: str, style: Style | None = None) -> list[Decimal] | None:
    """The numbers a cell holds ("5 12" -> [5, 12]), or None when it holds any text; ``style`` is
    the document's number convention (see ``numbers.parse_number``)."""
    whole = parse_number(text, style)
    if whole is not None:
        return [whole]
    wrapped = parse_wrapped_number(text, style)
    if wrapped is not None:
        return [wrapped]
    tokens = text.split()
    parsed = [parse_number(token, style) for token in tokens]
    if len(tokens) > 1 and all(value is not None for value in parsed):
        return [value for value in parsed if value is not None]
    return None


def cells_to_draft(
    cells: Sequence[str],
    header_keys: Sequence[str | None],
    layout: Layout,
    *,
    trusted_header: bool = False,
    style: Style | None = None,
) -> DraftRow:
    """Type the cells of one data row and name them with the layout.

    ``trusted_header``: the fragment's header fits its rows, so the column printed above a value
    may break ties between readings that the arithmetic cannot tell apart (a kept blank cell).
    """
    filled = [(index, text) for index, text in enumerate(cells) if text]
    code, title_from_code, unread_code, bullet = None, "", False, False
    if filled:
        printed = filled[0][1]
        code, title_from_code = split_code(printed)
        repair = "OCR marks around the code dropped"
        if code is None and filled[0][0] == 0 and len(filled) > 1 and _is_text(filled[1][1], style):
            code, title_from_code = ocr_code(printed), ""
            repair = "OCR confusion in the code column (comma for dot, l/I/H for 1/II) read as a code"
        bullet = code is None and is_bullet(printed)  # never an unread code (``_code_cell_beside_title``)
        unread_code = code is None and _code_cell_beside_title(cells, layout, style)
        if code is not None or unread_code or (filled[0][0] == 0 and bullet and len(filled) > 1):
            filled = filled[1:]  # the code, an unread code cell, or the bullet mark of an unnumbered sub-item
        else:
            title_from_code = ""  # no code: the first cell is typed with the others below
    draft = DraftRow(code=code, bullet=bullet)
    if unread_code:
        draft.unread["code"] = printed  # reported, and settled by the numbering around it where it can be
    if code is not None and not title_from_code and printed.strip() != code:
        draft.code_repair = (printed, repair)
    if title_from_code:
        draft.texts["title"] = title_from_code

    first_amount_index = _first_amount_index(header_keys)
    pre_texts: list[_TextCell] = []
    post_texts: list[_TextCell] = []
    tokens: list[_Token] = []
    numbers_after_post_text = False
    single_month_cell = False
    for index, text in filled:
        numbers = numbers_in_cell(text, style)
        if numbers is None and text in _DASH and _in_amount_area(index, header_keys, tokens):
            numbers = [Decimal(0)]
        months = parse_month_range(text) if numbers is None else None
        if months is not None and draft.start_month is None:
            draft.start_month, draft.end_month = months
            single_month_cell = months[0] == months[1]
            continue
        if months is not None and single_month_cell and months[0] == months[1] >= (draft.start_month or 0):
            # "Tháng 5" | "Tháng 8" in separate Bắt đầu / Kết thúc columns: the second cell ends the span.
            draft.end_month = months[1]
            single_month_cell = False
            continue
        if numbers is not None:
            numbers_after_post_text = numbers_after_post_text or bool(post_texts)
            tokens += [_Token(value, text, index) for value in numbers]
        elif (key := _amount_key(index, header_keys)) and _FIGURES_ONLY.match(text) and key not in draft.unread:
            # figures the document's convention cannot read ("225,500" where dots group thousands):
            # an amount cell left unread and reported, never words of the row's notes
            draft.unread[key] = text
        elif tokens or index >= first_amount_index:
            post_texts.append(_TextCell(text, index))
        else:
            pre_texts.append(_TextCell(text, index))

    if not code and (pre_texts and is_total_label(pre_texts[0].text)):
        draft.is_total = True
        draft.texts["title"] = pre_texts.pop(0).text
    _assign_texts(draft, pre_texts, post_texts, layout)
    _assign_numbers(draft, tokens, layout, header_keys if trusted_header else (), prefer_right=numbers_after_post_text)
    return draft


def _code_cell_beside_title(cells: Sequence[str], layout: Layout, style: Style | None) -> bool:
    """Whether the row's first cell is its code cell holding no readable code ("4.2 ~", "2O"), beside
    its title: one cell per column (as a ruled page or a tab export gives them), the table's first
    two columns the code and the title, and text in the second. Typed by content, the cell would
    become the title and push the title into the next text column; it stays in its column, unread."""
    if len(cells) < len(layout.order) or tuple(layout.order[:2]) != ("code", "title"):
        return False
    first, second = cells[0].strip(), cells[1].strip()
    return bool(first and second) and _is_text(second, style) and not is_total_label(first) and not is_bullet(first)


def _is_text(text: str, style: Style | None = None) -> bool:
    return numbers_in_cell(text, style) is None and text not in _DASH and parse_month_range(text) is None


def _in_amount_area(index: int, header_keys: Sequence[str | None], tokens: list[_Token]) -> bool:
    key = _header_key(index, header_keys)
    return key in AMOUNT_COLUMNS or key == "split" or bool(tokens)


def _amount_key(index: int, header_keys: Sequence[str | None]) -> str | None:
    """The amount column the header prints above a cell, if any."""
    key = _header_key(index, header_keys)
    return key if key in AMOUNT_COLUMNS else None


def _header_key(index: int, header_keys: Sequence[str | None]) -> str | None:
    return header_keys[index] if index < len(header_keys) else None


# A cell of digits and group or decimal marks only: a figure, read or not.
_FIGURES_ONLY = re.compile(r"^[\d.,\s]*\d[\d.,\s]*$")


def _first_amount_index(header_keys: Sequence[str | None]) -> int:
    positions = [i for i, key in enumerate(header_keys) if key in AMOUNT_COLUMNS or key == "split"]
    return min(positions) if positions else 10**6


def _assign_texts(draft: DraftRow, pre: list[_TextCell], post: list[_TextCell], layout: Layout) -> None:
    if "title" not in draft.texts and pre:
        draft.texts["title"] = pre.pop(0).text
    _fill_in_order(draft, [cell.text for cell in pre], layout.text_columns(after_amounts=False) or ("objective",))
    _fill_in_order(draft, [cell.text for cell in post], layout.text_columns(after_amounts=True) or ("notes",))


def _fill_in_order(draft: DraftRow, texts: list[str], columns: Sequence[str]) -> None:
    """Texts fill the columns left to right; surplus cells (an OCR split) join the last column."""
    for position, text in enumerate(texts):
        column = columns[min(position, len(columns) - 1)]
        draft.texts[column] = f"{draft.texts[column]} {text}" if column in draft.texts else text


def _assign_numbers(
    draft: DraftRow, tokens: list[_Token], layout: Layout, header_keys: Sequence[str | None], *, prefer_right: bool
) -> None:
    if not tokens:
        return
    columns = layout.amount_columns or AMOUNT_COLUMNS
    month_slots = 0 if draft.start_month else sum(layout.has(key) for key in ("start_month", "end_month"))
    best: tuple[float, Alignment, list[int]] | None = None
    for month_count in range(min(month_slots, len(tokens)), -1, -1):
        months, amounts = _split_months(tokens, month_count, after=layout.months_after_amounts)
        if months is None:
            continue
        printed_under = [header_keys[t.index] if t.index < len(header_keys) else None for t in amounts]
        aligned = align_amounts(
            [t.value for t in amounts], columns, prefer_right=prefer_right, printed_under=printed_under
        )
        # Reading the months the layout promises is worth a little: it breaks ties in their favour.
        score = aligned.score + 0.5 * len(months)
        if best is None or score > best[0]:
            best = (score, aligned, months)
    assert best is not None  # month_count == 0 always yields a reading
    _, aligned, months = best
    draft.amounts = aligned.assignment
    draft.extra_numbers = aligned.extras
    draft.columns_guessed = aligned.guessed
    if months:
        draft.start_month = months[0]
        draft.end_month = months[-1] if len(months) > 1 else None


def _split_months(tokens: list[_Token], count: int, *, after: bool) -> tuple[list[int] | None, list[_Token]]:
    if count == 0:
        return [], tokens
    chosen = tokens[-count:] if after else tokens[:count]
    rest = tokens[:-count] if after else tokens[count:]
    months = [_month_value(token) for token in chosen]
    if any(month is None for month in months):
        return None, tokens
    values = [month for month in months if month is not None]
    if len(values) == 2 and values[0] > values[1]:
        return None, tokens
    return values, rest


def _month_value(token: _Token) -> int | None:
    """A month is a bare integer 1–12: "4" or one of "5 12", never "4.000" or "4,5"."""
    if any(mark in token.text for mark in ".,"):
        return None
    value = token.value
    return int(value) if value == value.to_integral_value() and 1 <= value <= 12 else None


def identity_score(assignment: dict[str, Decimal], columns: Sequence[str]) -> float:
    """How well an assignment of amounts to columns fits total = sum of the parts."""
    if TOTAL not in columns or TOTAL not in assignment:
        return 0.0
    parts = [column for column in columns if column != TOTAL]
    known = [assignment[column] for column in parts if column in assignment]
    if not known:
        return 0.0  # a lone total can be checked against nothing
    total = assignment[TOTAL]
    if sum(known) == total:
        return 3.0 if len(known) == len(parts) else 2.0
    if sum(known) < total and len(known) < len(parts):
        return 1.0
    return -3.0


class Alignment(NamedTuple):
    """Values assigned to amount columns (``align_amounts``)."""

    assignment: dict[str, Decimal]
    score: float
    extras: list[Decimal]  # values left over where a row prints more than the table's columns
    # columns given a value only as the first of equally good choices: neither the row's sum nor
    # a header above the value told it there
    guessed: frozenset[str] = frozenset()


def align_amounts(
    values: list[Decimal],
    columns: Sequence[str],
    *,
    prefer_right: bool = False,
    printed_under: Sequence[str | None] = (),
) -> Alignment:
    """Assign values (in reading order) to amount columns; the arithmetic picks among the readings.

    Fewer values than columns: the order-preserving choice of columns that fits the identity best;
    among equals, the one that agrees with the header printed above each value (``printed_under``,
    telling where a blank cell was kept), then the leftmost columns (or the rightmost where the
    values sat right of the notes). Where equals remain, the columns they place differently are
    ``guessed``: a row of one figure under four amount columns and no header names nothing, its
    figure as likely a part as the total (held-out Augraphy seed 11401 h04, a page whose header a
    streak hid: each row's total unread and its provincial share taken for the total).
    More values than columns: the first window of consecutive values that fits; the rest are extras.
    """
    if not values:
        return Alignment({}, 0.0, [])
    if len(values) >= len(columns):
        best_window, best_score = 0, float("-inf")
        for start in range(len(values) - len(columns) + 1):
            window = dict(zip(columns, values[start : start + len(columns)], strict=True))
            score = identity_score(window, columns)
            if score > best_score:
                best_window, best_score = start, score
        chosen = values[best_window : best_window + len(columns)]
        extras = values[:best_window] + values[best_window + len(columns) :]
        penalty = 0.5 * len(extras)
        return Alignment(dict(zip(columns, chosen, strict=True)), best_score - penalty, extras)
    choices = list(itertools.combinations(columns, len(values)))
    if prefer_right:
        choices.reverse()
    sums = [identity_score(dict(zip(choice, values, strict=True)), columns) for choice in choices]
    headed = [sum(column == key for column, key in zip(choice, printed_under, strict=False)) for choice in choices]
    # A small bonus: it breaks ties between readings the arithmetic cannot tell apart.
    scores = [fit + 0.1 * under for fit, under in zip(sums, headed, strict=True)]
    best_score = max(scores)
    tied = [choice for choice, score in zip(choices, scores, strict=True) if abs(score - best_score) < 1e-9]
    first = tied[0]
    if max(sums) < _EXACT_SUM and headed[choices.index(first)] < len(values):
        # no sum holds exactly (a total only larger than its parts proves nothing: the total may
        # be the lost cell), nor does the header name each value's column: every place a guess
        guessed = frozenset(first)
    else:
        guessed = frozenset(
            column for position, column in enumerate(first) if any(other[position] != column for other in tied)
        )
    return Alignment(dict(zip(first, values, strict=True)), best_score, [], guessed)


_EXACT_SUM = 2.0  # ``identity_score`` of a total that is exactly the sum of its printed parts


def join_continuation(
    previous: DraftRow, cells: Sequence[str], header_keys: Sequence[str | None], page: int, style: Style | None = None
) -> None:
    """Join a row cut by a page break (no code, first on its page) to the row it continues.

    Its cells are named by the header position (the continuation keeps the grid), falling back to
    the title; amounts fill only columns the previous row left empty.
    """
    for index, text in enumerate(cells):
        if not text:
            continue
        numbers = numbers_in_cell(text, style)
        key = header_keys[index] if index < len(header_keys) else None
        if numbers is not None:
            if key in AMOUNT_COLUMNS and key not in previous.amounts and len(numbers) == 1:
                previous.amounts[key] = numbers[0]
            continue
        if text in _DASH and key in AMOUNT_COLUMNS:
            continue  # an empty amount's dash (or a speck read as one), no words of the row
        column = key if key in ("title", "implementing_unit", "objective", "expected_result", "notes") else "title"
        before = previous.texts.get(column, "")
        after = f"{before} {text}".strip()
        previous.texts[column] = after
        previous.merges.append((column, before, after))
    previous.pages.append(page)


def _cell_type(index: int, text: str, style: Style | None = None) -> str:
    if index == 0 and split_code(text)[0] is not None:
        return "code"
    numbers = numbers_in_cell(text, style)
    if numbers is not None:
        bare = all("." not in token and "," not in token for token in text.split())
        return "month" if bare and all(1 <= n <= 12 for n in numbers) else "amount"
    if text in _DASH:
        return "amount"
    return "month" if parse_month_range(text) else "text"


def _key_type(key: str) -> str:
    if key in AMOUNT_COLUMNS or key == "split":
        return "amount"
    if key in ("start_month", "end_month", "time"):
        return "month"
    return "code" if key == "code" else "text"


def header_agreement(
    header_keys: Sequence[str | None], rows: Sequence[Sequence[str]], style: Style | None = None
) -> float:
    """Share of a fragment's filled cells whose content fits the column its header names (0–1).

    A header that fits its rows is believed, column order included; one that does not (OCR
    scrambled its cells) is outvoted by the table's other headers.
    """
    fits = total = 0
    for cells in rows:
        for index, text in enumerate(cells):
            key = header_keys[index] if index < len(header_keys) else None
            if not text or key is None:
                continue
            cell_type, expected = _cell_type(index, text, style), _key_type(key)
            total += 1
            fits += cell_type == expected
    return fits / total if total else 0.0
