"""A grand-total row whose label the scan lost, told by its sums.

A row is taken for the grand total by its label ("Tổng cộng"). Under a scanner's streak the label
reads as marks ("._", "YLIƠNG CỤNG - - -'") or a speck in the code cell reads as a code
("I | Tổng cộng" after section IV), and the row became an item of its own: the table lost its
grand total and gained a row nobody planned (eval/heldout's Augraphy pages, four seeds).

The sums still tell it: where a table has no grand total, its first or last row is taken for it
when each of its amounts is the sum of that column over the other top-level rows, in two columns
at least and not all zero, and no column it prints says otherwise; and only a row OCR read, heading
no rows, whose label reads as a total, as no words at all, or as "tổng" and then no words ("TỔNG
§Ố ‡ ."): a typed item that happens to equal the rest ("Máy móc thiết bị": 300 = 100 + 200, "Tổng
kết mô hình", "Đường bê tông") stays an item. The finding names the row as
printed, so the reviewer sees what was read and why it moved.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal

from rapidfuzz.distance import Levenshtein

from vnplan.normalize.cells import LONG_TOTAL_LABEL, TOTAL_LABELS, DraftRow, is_total_label
from vnplan.normalize.checks import names_in_words
from vnplan.normalize.text import fold
from vnplan.schemas import Finding

_MARKS = string.punctuation + "“”‘’‡§…–—"
MIN_COLUMNS = 2  # amounts that must match: one column alone may add up by chance
MIN_TOP_ROWS = 2  # top-level rows the total must be the sum of (one would be the row itself again)


def total_by_sums(
    drafts: Sequence[DraftRow], parents: Sequence[str | None], ocr_read: Sequence[bool], *, by_position: bool
) -> int | None:
    """The index of the first or last draft whose amounts are the sums of the other top-level rows
    (``parents``: each draft's parent code, None at the top), or None."""
    # the first and last rows that print amounts: a row of column numbers ("(1) (2) …") read as
    # marks may stand before the total (held-out seed 10601 h02)
    with_amounts = [i for i, draft in enumerate(drafts) if _values(draft, by_position)]
    for index in dict.fromkeys(with_amounts[:1] + with_amounts[-1:]):
        if (
            ocr_read[index]
            and (drafts[index].code is None or drafts[index].code not in parents)  # a total heads no rows
            and _label_lost(drafts[index])
            and _sums_the_top(drafts, parents, index, by_position)
        ):
            return index
    return None


def _label_lost(draft: DraftRow) -> bool:
    """The row's label reads as a total ("I | Tổng cộng"), as no words ("._", "YLIƠNG CỤNG"), or
    as "tổng" and then no words (``_total_then_noise``)."""
    title = draft.texts.get("title", "")
    return is_total_label(title) or not names_in_words(title) or _total_then_noise(title) or _short_total_misread(title)


def _short_total_misread(title: str) -> bool:
    """ "TOG SỐ : và :": a short total label in capitals one letter off, first in the cell (held-out
    seed 10601 h02, its "TỔNG SỐ" printed first and read as an item, which counted the table twice
    with no finding). ``is_total_label`` takes no short label one letter off: too many words are;
    here the row's sums, first or last, are the table's too."""
    words = [word.strip(_MARKS) for word in title.split()]
    words = [word for word in words if word]
    if len(words) < 2 or not all(word.isupper() for word in words[:2]):
        return False
    letters = "".join(ch for ch in fold(" ".join(words[:2])) if ch.isalpha())
    # the short labels ``is_total_label`` leaves out of its one-letter-off reading
    return any(Levenshtein.distance(letters, label) <= 1 for label in TOTAL_LABELS if len(label) < LONG_TOTAL_LABEL)


# The first word of a total's label as printed, or with its marks lost; not "tống", "tông" (bê tông)
_TOTAL_FIRST_WORDS = frozenset({"tổng", "tong"})


def _total_then_noise(title: str) -> bool:
    """ "TỔNG §Ố ‡ .": the word "tổng" first, and after it no words (held-out seed 10401 h02, its
    "TỔNG SỐ" printed first and read as an item, its sums those of the three headings in all four
    columns). An item that starts with it ("Tổng kết mô hình") names itself in the words after."""
    words = title.split()
    first = unicodedata.normalize("NFC", words[0].strip(_MARKS)).lower() if words else ""
    return first in _TOTAL_FIRST_WORDS and not names_in_words(" ".join(words[1:]))


def _values(draft: DraftRow, by_position: bool) -> Mapping[str, Decimal | int]:
    return draft.money if by_position else draft.amounts


def _sums_the_top(drafts: Sequence[DraftRow], parents: Sequence[str | None], index: int, by_position: bool) -> bool:
    candidate = _values(drafts[index], by_position)
    # rows that print no amount at all (marks, a row of column numbers) add nothing to any column
    top = [v for i, d in enumerate(drafts) if i != index and parents[i] is None and (v := _values(d, by_position))]
    if len(top) < MIN_TOP_ROWS or not candidate:
        return False
    matched = 0
    for key, value in candidate.items():
        parts = [row.get(key) for row in top]
        if any(part is None for part in parts):
            continue  # a top row left this column unread: the column says nothing
        if sum(parts) != value:  # type: ignore[arg-type]
            return False
        matched += value != 0
    return matched >= MIN_COLUMNS


def total_by_label_and_size(drafts: Sequence[DraftRow], ocr_read: Sequence[bool], *, by_position: bool) -> int | None:
    """The index of the first or last draft, OCR-read and with no code, whose label ends in a total's
    label in capitals after other words, and each of whose amounts (MIN_COLUMNS at least, not
    zero) is the largest of its column; or None. Held-out seed 11201 h07: "TỔNG SỐ" printed first,
    read "Bông rệt - Sẽ TỔNG SỐ" (specks read as syllables, which ``is_total_label`` takes for a
    title's words), while the rows under it were misnumbered (II read "n"), so that no sum placed
    it; as an item it left the table without a grand total, and no sum check stood against it."""
    for index in dict.fromkeys((0, len(drafts) - 1)):
        if not 0 <= index < len(drafts) or not ocr_read[index] or drafts[index].code is not None:
            continue
        if _capital_total_at_the_end(drafts[index].texts.get("title", "")) and _largest_of_each_column(
            drafts, index, by_position
        ):
            return index
    return None


def _capital_total_at_the_end(title: str) -> bool:
    """The title's last one or two words are a total's label in capitals ("TỔNG SỐ", "CỘNG"),
    after words that are not in capitals: no heading's title in capitals ends so."""
    words = title.split()
    for size in (2, 1):
        label, before = " ".join(words[-size:]), " ".join(words[:-size])
        if before and label.isupper() and is_total_label(label) and not before.isupper():
            return True
    return False


def _largest_of_each_column(drafts: Sequence[DraftRow], index: int, by_position: bool) -> bool:
    candidate = _values(drafts[index], by_position)
    others = [_values(d, by_position) for i, d in enumerate(drafts) if i != index]
    largest = [
        value > max((row.get(key) or 0 for row in others), default=0) for key, value in candidate.items() if value
    ]
    return len(largest) >= MIN_COLUMNS and all(largest)


def total_by_sums_finding(draft: DraftRow) -> Finding:
    why = "its label was not read as one, but each of its amounts is the sum of the table's top-level rows"
    return _taken_for_total(draft, "grand-total-by-sums", why)


def total_by_label_finding(draft: DraftRow) -> Finding:
    why = "its label ends in a total's among marks read as words, and each of its amounts is the largest of its column"
    return _taken_for_total(draft, "grand-total-by-label", why)


def _taken_for_total(draft: DraftRow, code: str, why: str) -> Finding:
    printed = " | ".join(part for part in (draft.code, draft.texts.get("title")) if part) or "no label"
    return Finding(
        severity="warning",
        code=code,
        message=f"the row read as {printed!r} is taken for the grand total: {why}; check the page",
        pages=sorted(set(draft.pages)),
    )
