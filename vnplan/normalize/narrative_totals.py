"""The amounts the narrative states -> the totals per budget source and the total written in words.

The body states the plan's budget in one sentence: "Tổng kinh phí … là N đồng (<N in words>),
trong đó: 1) ngân sách tỉnh … 2) nguồn khác …", possibly continued over the next lines. These
figures are checked against the table, so they are read as printed: numbers with Vietnamese (or
English) digit grouping and a unit ("tỷ", "triệu", "đồng"), each clause filed under the budget
source its wording names. A table's grand total may instead be followed by "(… đồng)" in words.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from vnplan.normalize.facts_text import DIGITS, SECTION_HEADING, FoldedText, fold_aligned
from vnplan.normalize.number_words import words_to_number
from vnplan.normalize.text import whole_words_pattern

__all__ = ["narrative_totals", "source_of_wording", "standalone_amount_in_words"]

# Which budget source a clause of the total sentence speaks of; the first match wins, so the
# narrower phrases come first ("ngân sách trung ương" is not the provincial budget).
SOURCE_KEYWORDS = (
    ("beneficiary_vnd", ("thu huong", "doi ung", "dong gop", "tu co")),
    ("other_vnd", ("nguon khac", "huy dong", "xa hoi hoa", "trung uong", "quoc gia", "tai tro")),
    ("provincial_budget_vnd", ("ngan sach",)),
    ("total_vnd", ("tong",)),
)
_SOURCE_WORDS = tuple((field_name, whole_words_pattern(keywords)) for field_name, keywords in SOURCE_KEYWORDS)
UNIT_MULTIPLIERS = {"ty": 10**9, "ti": 10**9, "trieu": 10**6, "trd": 10**6, "nghin": 10**3, "ngan": 10**3}

# "Tổng (số) (nhu cầu) kinh phí …", or a sentence that opens on "Dự toán kinh phí … là N đồng"
_TOTAL_ANCHOR = re.compile(
    r"\btong\s+(?:so\s+)?(?:nhu cau\s+)?(?:kinh phi|du toan|nguon kinh phi|nguon von|von|chi phi)"
    r"|^du toan\s+(?:kinh phi|chi phi)\b"
)
_AMOUNT = re.compile(
    rf"(?<![0-9.,])({DIGITS}+(?:[.,]{DIGITS}+)*)\s*"
    r"(ty|ti|trieu|tr\.?\s?d|nghin|ngan|dong|vnd|d)\b(?:\s*dong\b)?"
)


def _amount_number(printed: str) -> Decimal | None:
    """ "10.987.250.000" -> 10987250000, "4,3" -> 4.3, "4.050,8" -> 4050.8; dots group thousands."""
    if printed.count(",") > 1 and "." not in printed:  # "1,073,000": English thousands
        printed = printed.replace(",", "") if all(len(g) == 3 for g in printed.split(",")[1:]) else ""
    integral, _, fraction = printed.partition(",")
    groups = integral.split(".")
    if "," in fraction:
        return None
    if len(groups) > 1 and not all(len(group) == 3 for group in groups[1:]):
        if len(groups) == 2 and not fraction:  # "4.3 tỷ": an English decimal point
            integral, fraction = groups
            groups = [integral]
        else:
            return None
    try:
        return Decimal("".join(groups) + (f".{fraction}" if fraction else ""))
    except InvalidOperation:
        return None


def _amount_vnd(match: re.Match[str]) -> int | None:
    number = _amount_number(match[1])
    if number is None:
        return None
    unit = re.sub(r"[^a-z]", "", match[2])
    multiplier = UNIT_MULTIPLIERS.get(unit, 1)  # "đồng", "VNĐ", "đ"
    return int((number * multiplier).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _classify_clause(folded_clause: str) -> str | None:
    for field_name, keywords in _SOURCE_WORDS:
        if keywords.search(folded_clause):
            return field_name
    return None


def source_of_wording(text: str) -> str | None:
    """The amount field a wording names by the words the total sentence's clauses are filed by
    ("Nguồn xã hội hóa" -> other_vnd), so that a column and a clause are matched alike."""
    return _classify_clause(" ".join(fold_aligned(text).split()))


def narrative_totals(text: FoldedText) -> tuple[dict[str, int], str | None]:
    """Totals stated by "Tổng kinh phí … là N đồng (words), trong đó: 1) … 2) …", and the words."""
    for index, folded in enumerate(text.folded):
        anchor = _TOTAL_ANCHOR.search(folded)
        amount = _AMOUNT.search(folded, anchor.end()) if anchor else None
        if amount is None:
            continue
        totals: dict[str, int] = {}
        total = _amount_vnd(amount)
        if total is not None:
            totals["total_vnd"] = total
        words_text, rest_at = _words_after(text.lines[index], folded, amount.end())
        following = [folded[rest_at:]]
        for next_folded in text.folded[index + 1 : index + 8]:
            heading = SECTION_HEADING.match(next_folded) and not _AMOUNT.search(next_folded)
            if heading or _TOTAL_ANCHOR.search(next_folded):
                break
            following.append(next_folded)
        _collect_breakdown(following, totals)
        return totals, words_text
    return {}, None


def _words_after(line: str, folded: str, at: int) -> tuple[str | None, int]:
    """The "(Mười tỷ, …)" right after an amount, and where the text after it continues."""
    match = re.compile(r"\s*\(([^()]*)\)").match(folded, at)
    if not match or re.search(r"[0-9]", match[1]):
        return None, at
    words = line[match.start(1) : match.end(1)]
    words = re.sub(r"^\s*bằng chữ\s*:?", "", words, flags=re.IGNORECASE).strip(" .,;:")
    return (words or None), match.end()


def _collect_breakdown(folded_parts: list[str], totals: dict[str, int]) -> None:
    """Each clause with an amount and a source keyword fills that source once. The lines are one
    text: a clause wraps over a line break ("ngân sách cấp" / "tỉnh bố trí N đồng") in a PDF."""
    # asides like "(Chi tiết trong Biểu …)" go; a breakdown in brackets ("… là N đồng (ngân sách
    # tỉnh …; …)") stays
    text = re.sub(r"\(([^()]*)\)", lambda m: f" {m[1]} " if _AMOUNT.search(m[1]) else " ", " ".join(folded_parts))
    for clause in re.split(r";|\.(?:\s|$)|,\s|\btrong do\b|\s[0-9a-z]\)\s|^[0-9a-z]\)\s|\s-\s|^-\s", text):
        amount = _AMOUNT.search(clause)
        source = _classify_clause(clause) if amount else None
        if amount and source and source not in totals:
            value = _amount_vnd(amount)
            if value is not None:
                totals[source] = value


def standalone_amount_in_words(text: FoldedText) -> str | None:
    """A line that is only "(… đồng)" in words, as printed under a table's grand total."""
    for line in text.lines:
        if line.startswith("(") and line.endswith(")") and not re.search(r"[0-9]", line):
            words = line.strip("() ")
            if words_to_number(words):
                return words
    return None
