"""Item codes that fall out of the document's own numbering, repaired from their neighbours.

OCR loses the dot of a small code ("15" for 1.5, "11" for 1.1) or doubles a digit ("1.33" for
1.3). Such a code breaks the hierarchy: "15" becomes a section of its own and its row is lost from
section 1. The numbering around it says what it was: the code before it and the code after it
each allow only a few neighbours. A code is repaired only when it does not fit where it stands,
exactly one reading of it (one dot put back, or one character dropped) fits after the code before
it, and the code after it (if any) fits after that reading. Every repair is recorded on the row.

Roman group headings are repaired only where they were OCRed: a document may really repeat
"III" (the seed does), and in print that is the document's own numbering; a scanned "II" read as
"I" drops a stroke. An OCRed heading that repeats or goes back on the numeral before it, has rows
of its own under it, and is followed (if by anything) by the numeral after the next one, is read
as the next numeral. An OCRed row with no code at all where such a heading belongs gets that
numeral when its total is the sum of the rows under it (the heading's numeral was not read).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from decimal import Decimal

from vnplan.normalize.hierarchy import code_style

_ARABIC = re.compile(r"^\d+(?:\.\d+)*$")
_ROMAN = re.compile(r"^[IVXL]+$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


def successors(code: str) -> set[str]:
    """Codes that may follow ``code``: its first child, its next sibling, or an ancestor's next."""
    parts = [int(p) for p in code.split(".")]
    following = {".".join(map(str, [*parts, 1]))}
    for depth in range(len(parts)):
        following.add(".".join(map(str, [*parts[:depth], parts[depth] + 1])))
    return following


def readings(code: str) -> set[str]:
    """What a misread dotted code may have been: one dot put back, or one character dropped."""
    with_dot = {code[:i] + "." + code[i:] for i in range(1, len(code)) if code[i - 1] != "." and code[i] != "."}
    dropped = {code[:i] + code[i + 1 :] for i in range(len(code))}
    return {r for r in with_dot | dropped if "." in r and _ARABIC.match(r)}


def repair_codes(codes: Sequence[str | None]) -> dict[int, tuple[str, str]]:
    """Position -> (repaired code, reason) for the codes the sequence around them corrects."""
    repairs: dict[int, tuple[str, str]] = {}
    arabic = [i for i, code in enumerate(codes) if code and _ARABIC.match(code)]
    for k, index in enumerate(arabic):
        code = codes[index]
        assert code is not None
        if k == 0:
            continue
        before = repairs.get(arabic[k - 1], (codes[arabic[k - 1]], ""))[0]
        after = codes[arabic[k + 1]] if k + 1 < len(arabic) else None
        assert before is not None
        if code in successors(before):
            continue
        fitting = [
            r for r in sorted(readings(code)) if r in successors(before) and (after is None or after in successors(r))
        ]
        if len(fitting) == 1:
            between = f"between {before} and {after}" if after else f"after {before}"
            reason = (
                f"code {code} does not follow the numbering {between}; read as {fitting[0]} (OCR lost or added a mark)"
            )
            repairs[index] = (fitting[0], reason)
        elif (
            not fitting
            and _adjacent(codes, arabic[k - 1], index, arabic[k + 1] if after else None)
            and (after not in successors(before) and len(only := _between(before, after or "")) == 1)
            and not code.startswith(f"{next(iter(only))}.")
        ):
            # No reading of the code fits, but its neighbours, next to it, leave a gap of one code
            # that it fills ("20" for 2.1 between 2 and 2.2). Not a code under that gap: "3.1"
            # between 2.3 and 4 is the first item of a heading 3 the scan lost, read as printed
            # (OCR adds no ".1"), and taken for 3 it took that heading's place and its numbers.
            (code_between,) = only
            reason = (
                f"code {code} does not follow the numbering; between {before} and {after} it leaves only {code_between}"
            )
            repairs[index] = (code_between, reason)
    return repairs


def _adjacent(codes: Sequence[str | None], before: int, index: int, after: int | None) -> bool:
    """The codes on either side are the row's nearest coded neighbours (no heading between)."""
    if after is None:
        return False
    return all(not codes[i] for i in (*range(before + 1, index), *range(index + 1, after)))


def roman_value(numeral: str) -> int:
    """I=1 … XXXIX=39 (subtractive pairs such as IV and IX included)."""
    values = [_ROMAN_VALUES[ch] for ch in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def to_roman(value: int) -> str:
    out = ""
    for number, numeral in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, value = divmod(value, number)
        out += numeral * count
    return out


def repair_romans(codes: Sequence[str | None], ocr_read: Sequence[bool]) -> dict[int, tuple[str, str]]:
    """Position -> (repaired numeral, reason) for OCRed group headings out of their sequence."""
    repairs: dict[int, tuple[str, str]] = {}
    romans = [i for i, code in enumerate(codes) if code and _ROMAN.match(code)]
    for k, index in enumerate(romans):
        if k == 0 or not ocr_read[index]:
            continue
        code, before = codes[index], repairs.get(romans[k - 1], (codes[romans[k - 1]], ""))[0]
        assert code is not None and before is not None
        expected = to_roman(roman_value(before) + 1)
        following = codes[romans[k + 1]] if k + 1 < len(romans) else None
        end = romans[k + 1] if k + 1 < len(romans) else len(codes)
        heads_rows = index + 1 < end  # rows under it, coded or not (items marked '-' have no code)
        fits_next = following is None or roman_value(following) == roman_value(before) + 2
        if roman_value(code) <= roman_value(before) and heads_rows and fits_next:
            item = _item_read_as_one_stroke(codes, index)
            if item is not None:
                repairs[index] = item
                continue
            between = f"between {before} and {following}" if following else f"after {before}"
            reason = f"heading {code} goes back in the numbering {between}; read as {expected} (a stroke lost in OCR)"
            repairs[index] = (expected, reason)
    return repairs


def _item_read_as_one_stroke(codes: Sequence[str | None], index: int) -> tuple[str, str] | None:
    """(item code, reason) for a heading "I" that stands between two items of one heading whose
    numbering leaves one code free, a code of digit one ("1.3" between 1.2 and 1.4): its one
    stroke is that code's digit, the rest lost under a streak. Read as the next heading ("II"),
    the row took the items after it for its own (held-out seed 11701 h04)."""
    if codes[index] != "I":
        return None
    before = next((codes[i] for i in range(index - 1, -1, -1) if codes[i]), None)
    after = next((codes[i] for i in range(index + 1, len(codes)) if codes[i]), None)
    if not (before and after and _ARABIC.match(before) and _ARABIC.match(after) and "." in before):
        return None
    only = _between(before, after)
    if len(only) != 1 or not next(iter(only)).startswith("1"):
        return None
    (code,) = only
    return code, f"heading I stands between items {before} and {after}, which leave only {code}: read as {code}"


def numerals_out_of_reach(codes: Sequence[str | None], ocr_read: Sequence[bool]) -> set[int]:
    """Positions of OCRed Roman numerals no heading of the table can have: past the table's first
    numeral by more than the rows between them could number, a numeral left out by the document
    besides ("L" six rows below "I"), and not followed by the numeral after it (a table numbering
    on from there). Any row between may be a heading whose numeral OCR lost or misread (IV three
    rows below a III read "I"), so only a numeral no reading of the rows reaches is taken out: OCR
    reads a streak's marks or an item's "1.5" as "L" or "X", and read as such a heading the row
    took every row after it as its own, under no heading of the document (held-out seed 10301
    h01). The first numeral is left alone: a table may continue another's (IV …)."""
    romans = [i for i, code in enumerate(codes) if code and _ROMAN.match(code)]
    out: set[int] = set()
    for k, index in enumerate(romans[1:], start=1):
        value = roman_value(codes[index] or "")
        reach = roman_value(codes[romans[0]] or "") + (index - romans[0] - 1) + 2
        following = romans[k + 1] if k + 1 < len(romans) else None
        continued = following is not None and roman_value(codes[following] or "") == value + 1
        if ocr_read[index] and value > reach and not continued:
            out.add(index)
    return out


# What OCR reads for the one stroke of a heading "I": the digit one, a lower-case L.
_ONE_STROKE = ("1", "l")


def first_heading_misread(codes: Sequence[str | None], ocr_read: Sequence[bool]) -> dict[int, tuple[str, str]]:
    """Position -> ("I", reason) for an OCRed first heading "I" read as "1" or "l" (one stroke
    either way): the next code is "1" (no numbering repeats its first item at once, nor opens
    with the letter l: the "1" opens the rows under a heading), and the first Roman numeral of
    the table, further down, is "II". Left as it was read, the heading made the Arabic numbers
    (or letters) the top level, and every later heading a child of the row before it."""
    coded = [i for i, code in enumerate(codes) if code]
    romans = [codes[i] for i in coded if _ROMAN.match(codes[i] or "")]
    if len(coded) < 2 or not romans or romans[0] != "II":
        return {}
    first, second = coded[0], coded[1]
    if codes[first] not in _ONE_STROKE or codes[second] != "1" or not ocr_read[first]:
        return {}
    reason = f"the table opens with {codes[first]} and then 1, and its first heading further down is II; read as I"
    return {first: ("I", reason)}


def heading_between_headings(
    codes: Sequence[str | None], unread: Sequence[str | None], totals: Sequence[Decimal | None] | None = None
) -> dict[int, tuple[str, str]]:
    """Position -> (numeral, reason) for a code cell that reads a Roman numeral in noise ("II —",
    "I|I") where the headings around it leave one numeral free (III between II and IV, with no
    other such row between them). The nearest codes are items ("7" before, "1" after) and say
    nothing of a heading, so ``fill_unread_codes`` cannot place it.

    A cell of strokes that are no numeral as read ("-H__", "_—IH |": a streak joined or broke the
    strokes of II or III) is such a heading too where its row's total (``totals``) is at least
    that of every row up to the next heading: a heading holds the sum of its items."""
    repairs: dict[int, tuple[str, str]] = {}
    romans = [i for i, code in enumerate(codes) if code and _ROMAN.match(code)]
    numerals = {i for i, text in enumerate(unread) if text and codes[i] is None and _ROMAN.match(_letters(text))}
    strokes = {i for i, text in enumerate(unread) if text and codes[i] is None and _STROKES.match(text)}
    candidates = sorted(numerals | strokes)
    for index in candidates:
        before = [i for i in romans if i < index]
        after = [i for i in romans if i > index]
        if not before or not after:
            continue
        between = [i for i in candidates if before[-1] < i < after[0]]
        previous, following = roman_value(codes[before[-1]] or ""), roman_value(codes[after[0]] or "")
        if between != [index] or following != previous + 2:
            continue
        if index not in numerals and not _holds_the_rows_under_it(index, after[0], totals):
            continue
        numeral = to_roman(previous + 1)
        reason = (
            f"the code cell reads {unread[index]!r}; between headings {codes[before[-1]]} and "
            f"{codes[after[0]]} the numbering leaves only {numeral}"
        )
        if index not in numerals:
            reason += ", and the row's total is at least that of every row under it"
        repairs[index] = (numeral, reason)
    return repairs


# A code cell of strokes only, none of them a numeral's as read ("-H__", "l|", "_—IH |")
_STROKES = re.compile(r"^[\W_]*[IHl|1]+(?:[\W_]+[IHl|1]+)*[\W_]*$")


def _letters(text: str) -> str:
    return re.sub(r"[^\w]|_", "", text)


def _holds_the_rows_under_it(index: int, end: int, totals: Sequence[Decimal | None] | None) -> bool:
    if totals is None or not (own := totals[index]):
        return False
    under = [abs(total) for total in totals[index + 1 : end] if total is not None]
    return bool(under) and all(total <= abs(own) for total in under)


def name_uncoded_headings(
    codes: Sequence[str | None], ocr_read: Sequence[bool], totals: Sequence[Decimal | None]
) -> dict[int, tuple[str, str]]:
    """Position -> (numeral, reason) for OCRed rows without a code that are a missing group heading.

    Such a row sits between two headings whose numerals leave exactly one out (II missing between
    I and III; at the start, I missing before II), rows follow it, and its total is the sum of the
    top-level rows under it — the arithmetic of a heading, not of an item.
    """
    repairs: dict[int, tuple[str, str]] = {}
    romans = [i for i, code in enumerate(codes) if code and _ROMAN.match(code)]
    for index, code in enumerate(codes):
        if code is not None or not ocr_read[index] or totals[index] is None:
            continue
        before = [i for i in romans if i < index]
        after = [i for i in romans if i > index]
        previous = roman_value(codes[before[-1]] or "") if before else 0
        following = roman_value(codes[after[0]] or "") if after else None
        if (following is None and not before) or (following is not None and following != previous + 2):
            continue
        end = after[0] if after else len(codes)
        under = [i for i in range(index + 1, end) if codes[i] and "." not in (codes[i] or "")]
        if not under or any(totals[i] is None for i in under):
            continue
        if sum(totals[i] or Decimal(0) for i in under) != totals[index]:
            continue
        numeral = to_roman(previous + 1)
        reason = (
            f"no code read on a row whose total is the sum of the {len(under)} rows under it, where heading "
            f"{numeral} is missing from the numbering; read as {numeral}"
        )
        repairs[index] = (numeral, reason)
    return repairs


def fill_unread_codes(
    codes: Sequence[str | None], unread: Sequence[bool], prints_amounts: Sequence[bool] | None = None
) -> dict[int, tuple[str, str]]:
    """Position -> (code, reason) for rows whose code cell held no readable code ("20k" for 2.1),
    where the codes on either side leave exactly one code between them: 2.1 between 2 and 2.2,
    1 between the heading II and item 2, III between II and IV.

    Where several such rows lie in the gap, nothing says which row the code is, but for a sibling
    (2.4 between 2.3 and 2.5): the first of them, where it prints amounts (``prints_amounts``: per
    row) and none after it does, takes it. The others, below it, are then its own: pieces of its
    row a streak split off (the last words of its title) or sub-items whose figures OCR lost."""
    repairs: dict[int, tuple[str, str]] = {}
    for index, missing in enumerate(unread):
        if not missing or codes[index] is not None:
            continue
        start = next((i for i in range(index - 1, -1, -1) if codes[i]), None)
        end = next((i for i in range(index + 1, len(codes)) if codes[i]), None)
        if start is None or end is None:
            continue
        before, after = codes[start], codes[end]
        assert before is not None and after is not None
        fitting = sorted(_between(before, after))
        if len(fitting) != 1:
            continue
        gap = [i for i in range(start + 1, end) if unread[i]]
        reason = f"the code cell reads no code; between {before} and {after} the numbering leaves only {fitting[0]}"
        if len(gap) > 1:
            sibling = code_style(before) == code_style(fitting[0]) == code_style(after)
            printing = [i for i in gap if prints_amounts and prints_amounts[i]]
            if not (sibling and printing == [index] == gap[:1]):
                continue
            reason += (
                f", and of the {len(gap)} rows there without a code it is the first and the only one printing amounts"
            )
        repairs[index] = (fitting[0], reason)
    return repairs


def _between(before: str, after: str) -> set[str]:
    if _ROMAN.match(before) and _ROMAN.match(after):
        return {to_roman(roman_value(before) + 1)} if roman_value(after) == roman_value(before) + 2 else set()
    if _ROMAN.match(before) and _ARABIC.match(after):
        return {"1"} if after == "2" else set()  # the first item under a heading, before item 2
    if _ARABIC.match(before) and _ARABIC.match(after):
        return {code for code in successors(before) if after in successors(code)}
    return set()


def next_code(code: str) -> str | None:
    """The sibling after ``code`` in its own kind of numbering: 2.3 -> 2.4, c -> d, IV -> V."""
    if _ARABIC.match(code):
        *head, last = code.split(".")
        return ".".join([*head, str(int(last) + 1)])
    if _ROMAN.match(code):
        return to_roman(roman_value(code) + 1)
    if len(code) == 1 and code.isalpha() and code.isascii() and code.lower() != "z":
        return chr(ord(code) + 1)
    return None


def _kind(code: str) -> str | None:
    """Which numbering a code belongs to; None for codes of no sequence ("-", "2a")."""
    if _ARABIC.match(code):
        return "arabic"
    if _ROMAN.match(code):
        return "roman"
    if len(code) == 1 and code.isascii() and code.isalpha():
        return "lower" if code.islower() else "upper"
    return None


def out_of_place(codes: Sequence[str | None], parents: Sequence[int | None]) -> dict[int, tuple[str, str]]:
    """Position -> (the sibling code before, the one after) for a code its siblings skip: the
    sibling after it follows the one before it ("1", "5", "2": the 5 is no item of this level);
    for the last code of its level, one past the code that follows its sibling, "" after it.
    Such a code was misread (a letter "g" read "5"), or printed in error; either way the row's
    place in the table, and so where its amounts count, is in doubt."""
    siblings: dict[int | None, list[int]] = {}
    for index, (code, parent) in enumerate(zip(codes, parents, strict=True)):
        if code:
            siblings.setdefault(parent, []).append(index)
    found: dict[int, tuple[str, str]] = {}
    for group in siblings.values():
        for before, index, after in zip(group, group[1:], group[2:], strict=False):
            first, code, last = codes[before] or "", codes[index] or "", codes[after] or ""
            if _kind(code) is None or not _kind(first) == _kind(code) == _kind(last):
                continue
            expected = next_code(first)
            if expected is not None and last == expected and code not in (expected, first):  # a repeat is a duplicate
                found[index] = (first, last)
        # the last code of its level, jumping ahead ("1" … "4", "9") or back ("2" … "4", "2"): no
        # sibling after it shows where the numbering goes, but a plan's numbering skips no code,
        # and starts again only from its first
        last = codes[group[-1]] or ""
        # its own numbering only: a dotted item whose heading's code was lost stands among headings
        earlier = [code for i in group[:-1] if _same_numbering(code := codes[i] or "", last)]
        counted = len(earlier) >= 2 and all(next_code(a) == b for a, b in itertools.pairwise(earlier))
        if counted and _breaks_at_end(earlier[-1], last):
            found[group[-1]] = (earlier[-1], "")
    return found


def _same_numbering(code: str, other: str) -> bool:
    return _kind(code) == _kind(other) and code.count(".") == other.count(".")


def _breaks_at_end(previous: str, code: str) -> bool:
    """Whether ``code``, after ``previous`` in the same numbering (one that has counted up one by
    one so far), goes back to anything but its start ("1", "a", "I": a numbering starting again),
    or jumps ahead past two codes or more (a document may leave one out; OCR misreads a digit
    for one far from it, "5" for "9" or "2")."""
    expected = next_code(previous)
    kind = _kind(code)
    if expected is None or kind is None or _kind(previous) != kind or code in (expected, previous):
        return False
    if kind == "arabic":
        *head, last = code.split(".")
        *expected_head, following = expected.split(".")
        number, wanted = int(last), int(following)
        return head == expected_head and ((number != 1 and number < wanted) or number > wanted + 1)
    if kind == "roman":
        number, wanted = roman_value(code), roman_value(expected)
        return (number != 1 and number < wanted) or number > wanted + 1
    return (code.lower() != "a" and code < expected) or ord(code) > ord(expected) + 1


def repair_letter_case(codes: Sequence[str | None], ocr_read: Sequence[bool]) -> dict[int, tuple[str, str]]:
    """Position -> (lower-case letter, reason) for an OCRed item letter read in upper case among
    lower-case ones ("a", "b", "C", "d": c, o, s, v, x … look alike in both cases). Left, the
    capital started a level of its own and the items after it became its children. Not where the
    capital continues capitals of its own (a table numbering sections A, B, C)."""
    repairs: dict[int, tuple[str, str]] = {}
    coded = [i for i, code in enumerate(codes) if code]
    for before, index in itertools.pairwise(coded):
        code, previous = codes[index] or "", codes[before] or ""
        if not ocr_read[index] or _kind(code) != "upper" or _kind(previous) != "lower":
            continue
        capital_before = chr(ord(code) - 1)
        if next_code(previous) == code.lower() and capital_before not in codes[:index]:
            reason = f"letter {code} among lower-case items ({previous} before it); read as {code.lower()}"
            repairs[index] = (code.lower(), reason)
    return repairs
