"""What a header cell means, read from its words, for wordings no synonym list holds.

Real plans are written by many hands: "Kinh phí từ ngân sách cấp tỉnh", "Phần đóng góp của doanh
nghiệp, HTX", "Đơn vị chủ trì triển khai", "Thứ tự". A synonym table will never list them all, and a
fuzzy match against it reads a wording by its nearest neighbour's letters, not its meaning ("Kinh
phí từ ngân sách tỉnh" is close to "Kinh phí", a total). This module reads the key terms of a cell
(``roles.TERMS``) and combines them the way the wording does:

- a money word with a funding source names that source ("Kinh phí | từ ngân sách tỉnh"); a level of
  the state (trung ương, tỉnh, huyện, xã) outranks a contribution ("Ngân sách xã đối ứng" is the
  commune's money), a contribution or a contributor outranks the state's money with no level;
- "tổng" / "cộng" names the total, unless a named source follows it ("Tổng vốn NSTW" is that
  source); a money word alone ("Kinh phí thực hiện", "Nhu cầu vốn") is the column of the row's money;
- "Số" before something counted ("Số hộ", "Số doanh nghiệp tham gia") is a count, never money;
- an actor with a verb of doing ("Đơn vị | chủ trì triển khai", "Cơ quan thực hiện") implements;
- other text columns by their head word, the first key term of the cell ("Kết quả thực hiện" is a
  result, "Nội dung hỗ trợ" what is supported).

Where the words name two levels or nothing known, the answer is None: the column keeps its printed
label and the table's data and arithmetic decide, or a finding says it stays unknown.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from vnplan.normalize.text import fold
from vnplan.schemas.roles import ABBREVIATION_PARTS, COMPOUND_TERMS, TERMS

_LONGEST = 60  # a longer cell is running text, not a column name
_SEPARATORS = re.compile(r"[^0-9a-z%\u00c0-\u1ef9]+")


class _Words:
    """A header cell as words, in two spellings: folded (no marks) and lower case with its marks."""

    def __init__(self, text: str) -> None:
        lower = unicodedata.normalize("NFC", text).lower()
        marked = [w for w in _SEPARATORS.split(lower) if w]
        folded = [w for w in _SEPARATORS.split(fold(text)) if w]
        if len(marked) == len(folded):
            for compound, token in COMPOUND_TERMS.items():
                for start in range(len(folded) - len(compound), -1, -1):
                    if tuple(folded[start : start + len(compound)]) == compound:
                        folded[start : start + len(compound)] = [token]
                        marked[start : start + len(compound)] = [token]
        self.marked = " " + " ".join(marked) + " "
        self.folded = " " + " ".join(folded) + " "
        self.text = text

    def __bool__(self) -> bool:
        return bool(self.folded.strip())

    def _spelling(self, term: str) -> str:
        return self.folded if term.isascii() else self.marked

    def find(self, concept: str) -> int | None:
        """Where the earliest term of a concept starts (in words), or None."""
        starts = [
            self._spelling(term)[: position + 1].count(" ") - 1
            for term in TERMS[concept]
            if (position := self._spelling(term).find(f" {term} ")) >= 0
        ]
        return min(starts) if starts else None

    def has(self, concept: str) -> bool:
        return self.find(concept) is not None

    def longest_at(self, concept: str, start: int) -> int:
        """Length in words of the longest term of a concept starting at word ``start`` (0 if none)."""
        words = self.folded.split()
        marked = self.marked.split()
        best = 0
        for term in TERMS[concept]:
            parts = term.split()
            pool = words if term.isascii() else marked
            if pool[start : start + len(parts)] == parts:
                best = max(best, len(parts))
        return best

    def is_exactly(self, concept: str) -> bool:
        return any(self._spelling(term).strip() == term for term in TERMS[concept])

    def starts_with(self, concept: str) -> bool:
        return self.longest_at(concept, 0) > 0


_LEVELS = ("central", "district", "commune", "provincial")
_SOURCE_ROLE = {
    "central": "central_budget",
    "district": "district_budget",
    "commune": "commune_budget",
    "provincial": "provincial_budget",
}
_TEXT_HEADS = ("notes", "objective", "expected_result", "title")


NO_ROLE = ""  # the words are understood and name no one role ("NS tỉnh, huyện", "Năm hoàn thành")


@lru_cache(maxsize=8192)
def role_from_words(text: str, *, under_money: bool = False) -> str | None:
    """The role a header cell's words name (a name of ``roles.ROLES``), NO_ROLE where they are
    understood to name none, or None where they say nothing known.

    ``under_money``: the cell stands under a parent that names money or its split ("Trong đó",
    "Nguồn vốn", "Kinh phí"), so a source named without a money word is money ("Nhà nước hỗ trợ",
    "Doanh nghiệp")."""
    if len(text) > _LONGEST:
        return None
    text = _spelled_out(text)
    role = _role(text, under_money)
    aside = _BRACKETS.sub(" ", text)
    if role is None and aside != text:  # "Khác (nếu có)": an aside in brackets says nothing of the role
        role = _role(aside, under_money)
    return role


_BRACKETS = re.compile(r"\([^()]*\)")
# "S.T.T", "Đ.V.T": an abbreviation written with dots between its letters
_DOTTED = re.compile(r"\b(?:\w\.){1,4}\w\b\.?")
# abbreviations written together in capitals ("KPKC", "NSĐP"), split by ``ABBREVIATION_PARTS``
_JOINED = re.compile(r"\b[A-ZĐ]{4,8}\b")


def _spelled_out(text: str) -> str:
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    return _JOINED.sub(lambda m: _split_abbreviation(m.group(0)), text)


def _split_abbreviation(token: str) -> str:
    """ "KPKC" -> "kinh phi khuyen cong"; a capital word that is not made of known parts stays."""
    folded = fold(token)
    words: list[str] = []
    while folded:
        part = next((p for p in sorted(ABBREVIATION_PARTS, key=len, reverse=True) if folded.startswith(p)), None)
        if part is None:
            return token
        words.append(ABBREVIATION_PARTS[part])
        folded = folded[len(part) :]
    return " ".join(words)


def _role(text: str, under_money: bool = False) -> str | None:
    words = _Words(text)
    if not words:
        return None
    for concept, role in (("code", "code"), ("unit_of_measure", "unit_of_measure"), ("split", "split"),
                          ("time", "time")):  # fmt: skip
        if words.is_exactly(concept):
            return role
    counted = _counted(words)
    if counted:
        return counted
    if _implements(words):
        return "implementing_unit"
    head = _text_head(words)
    if head is not None and head[0] == 0 and not words.has("total"):
        return head[1]  # the head word decides: "Nội dung hỗ trợ" says what is supported, not who pays
    money = _money_role(words, under_money)
    if money is not None:
        return money  # "" (NO_ROLE) where it names two sources
    return _text_role(words)


def _counted(words: _Words) -> str | None:
    """Counts, quantities, percents, scores, prices and units: numbers that are not the row's money."""
    folded = words.folded.split()
    money_word = any(words.has(c) for c in ("money", "contribution", "total"))
    if words.starts_with("count_head") and len(folded) > 1 and words.longest_at("countable", 1) and not money_word:
        return "count"
    if words.is_exactly("counted_alone") or (words.has("count_noun") and not money_word):
        return "count"
    for concept in ("quantity", "percent", "unit_price", "unit_of_measure"):
        if words.has(concept) and (concept != "percent" or _names_percent(words)):
            return concept
    if words.find("score") == 0:
        return "score"
    return None


# A "%" names a percent column as the cell's unit: in brackets ("Tỷ lệ (%)"), or first or last in
# the cell ("%", "% hoàn thành", "Thực hiện so với kế hoạch %"). OCR reads specks as "%" in the
# middle of a longer name under a streak ("Lên dự án, nhiệm tụ 5 ˆ % -‹ „ ï % š Tho," for "Tên dự
# án, nhiệm vụ"), and the title column had been typed a percent. A speck read as "%" at the edge of
# a name is left to the column's cells (``column_evidence.checked_by_cells``: words are no percents).
_PERCENT_UNIT = re.compile(r"\(\s*%\s*\)|^\W*%|%\W*$")


def _names_percent(words: _Words) -> bool:
    named = any(f" {term} " in words.folded for term in TERMS["percent"] if term != "%")
    return named or _PERCENT_UNIT.search(words.text) is not None


def _money_role(words: _Words, under_money: bool) -> str | None:
    """A money role, "" where the words name money of two sources at once, None for no money."""
    if words.has("total_investment"):
        return "total_investment"
    money = under_money or any(words.has(c) for c in ("money", "total", "amount", "contribution"))
    source = _source(words, money)
    if source == "":
        return ""
    if source and not (words.has("total") and source == "provincial_budget" and _only_state_budget(words)):
        return source
    if words.has("total"):
        return "total"
    if words.has("amount"):
        return "amount"
    if words.has("money"):
        return "total"  # "Kinh phí", "Nhu cầu vốn": the row's money; the table's arithmetic checks it
    return None


def _only_state_budget(words: _Words) -> bool:
    """The state's money with no level: "Tổng ngân sách" stays a total."""
    return not words.has("provincial")


def _source(words: _Words, money: bool) -> str | None:
    """The funding source a cell names; "" where it names two levels of the state at once."""
    if words.has("integrated"):
        return "integrated"
    if words.has("loan"):
        return "loan"
    if words.has("other") and (money or words.is_exactly("other") or words.has("socialized")):
        return "other"
    if words.has("socialized"):
        return "socialized"
    # a level printed alone ("Tỉnh", "Huyện") is a column under a money parent ("Ngân sách / Tỉnh")
    levels = [level for level in _LEVELS if words.has(level) and (money or words.is_exactly(level))]
    if "central" in levels and words.has("programme"):
        levels = ["central"]  # "khuyến công quốc gia": the national programme's money
    if len(levels) > 1:
        return ""  # "NS tỉnh, huyện": two levels in one column; the table decides
    if levels:
        return _SOURCE_ROLE[levels[0]]
    if words.has("contribution") or (words.has("contributor") and money and not words.has("state_budget")):
        return "beneficiary"
    if words.has("state_budget") and (money or words.is_exactly("state_budget")):
        return "provincial_budget"
    return None


def _implements(words: _Words) -> bool:
    return words.has("implementing_unit") or (words.has("implementer") and words.has("implements"))


def _text_role(words: _Words) -> str | None:
    if words.has("start") or words.has("end"):
        if words.has("year"):
            return NO_ROLE  # "Năm hoàn thành" holds years, not months: the data says which
        return "start_month" if words.has("start") else "end_month"
    head = _text_head(words)
    return head[1] if head else None


_TEXT_HEADER_WORDS = 7  # "Dự kiến kết quả đạt được": a text column is named in a few words
_HEAD_WITHIN = 2  # ... its key term near the start; later it is running text ("thiệu sản phẩm …")


def _text_head(words: _Words) -> tuple[int, str] | None:
    """The first text key term of a cell (the longest where two start together), with its position."""
    if len(words.folded.split()) > _TEXT_HEADER_WORDS:
        return None
    found = [(position, -words.longest_at(concept, position), concept)
             for concept in _TEXT_HEADS if (position := words.find(concept)) is not None]  # fmt: skip
    if not found or min(found)[0] > _HEAD_WITHIN:
        return None
    position, _, concept = min(found)
    return position, concept


def names_money(text: str) -> bool:
    """The words name money ("Kế hoạch vốn năm 2021", "Kinh phí"), whatever its role."""
    words = _Words(text)
    return bool(words) and any(words.has(concept) for concept in ("money", "total_investment", "amount"))


def names_year(text: str) -> bool:
    """The words name a year and no money ("Năm khởi công", "Năm hoàn thành"; not "Kinh phí năm 2024")."""
    words = _Words(text)
    return words.has("year") and not names_money(text)
