"""Numbers and money as Vietnamese documents print them.

``.`` groups thousands and ``,`` is the decimal mark ("10.987.250.000", "4.050,8"). A single dot
followed by exactly three digits is a thousands group; a comma followed by 1–2 digits is a decimal.
English-style documents ("2,096,584,751", "12.5") exist too: their unambiguous numbers are read as
such everywhere. A number with one separator and three digits after it ("1.500", "225,500") means
1500 or 1.5, 225500 or 225.5 depending on the document's convention: ``detect_style`` finds the
convention from the numbers that only one convention can print, and ``parse_number`` reads the
ambiguous ones by it (Vietnamese where nothing says otherwise).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from vnplan.normalize.text import fold
from vnplan.schemas import NumberConvention

_VN_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 1.073.000 / 4.050,8
_VN_PLAIN = re.compile(r"^\d+(?:,\d{1,2})?$")  # 680 / 12,5
_EN_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$")  # 1,073,000 (two groups at least)
_EN_DECIMAL = re.compile(r"^\d+\.\d{1,2}$")  # 12.5 (one or two decimals: never a thousands group)
_SPACED_GROUPS = re.compile(r"^\d{1,3}(?: \d{3})+$")  # 1 073 000 (OCR turned dots into spaces)
_MONTH = re.compile(r"^(?:0?[1-9]|1[0-2])$")
_EN_ANY_GROUPS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")  # 225,500 / 1,073.5 (English style only)
_EN_ANY_DECIMAL = re.compile(r"^\d+\.\d+$")  # 1.500 is one and a half (English style only)
_ZERO_PADDED = re.compile(r"^0\d")  # account and item codes ("071", "0105"); an amount has no leading zero
_ZERO_PADDED_GROUPS = re.compile(r"^0\d+[.,]\d{3}")  # "071,072": a first group no number starts with
_ONE_GROUP = re.compile(r"^\d{1,3}([.,])\d{3}$")  # 1.500 / 225,500: one group, either convention

Style = Literal["vi", "en"]  # vi: 1.073.000 / 4.050,8; en: 2,096,584,751 / 12.5


# No budget prints more integer digits (the whole state budget is ~2·10^15 đồng); longer digit
# runs are account numbers or IDs, and would overflow Decimal's 28 digits and Int64 downstream.
MAX_INTEGER_DIGITS = 16


def parse_number(text: str, style: Style | None = None) -> Decimal | None:
    """The number a table cell prints, or None when the cell is not exactly one number.

    ``style``: the document's convention, for numbers only it can read ("225,500" is 225500 in an
    English-style document and no number otherwise: a Vietnamese 225,5 is rarely printed so)."""
    cleaned = text.strip().rstrip(".;:").strip()
    negative = _NEGATIVE.match(cleaned)
    if negative:  # "(699.434.957)", "-7.409.043": a negative as accounts print it
        magnitude = parse_number((negative["bracketed"] or negative["signed"]).strip(), style)
        return -magnitude if magnitude else magnitude
    if not cleaned or _ZERO_PADDED_GROUPS.match(cleaned):
        return None  # "071,072,073": zero-padded codes in a list, which no convention prints as a number
    if style == "en" and (_EN_ANY_GROUPS.match(cleaned) or _EN_ANY_DECIMAL.match(cleaned)):
        value: Decimal | None = Decimal(cleaned.replace(",", ""))
    else:
        value = _parse_number(cleaned)
    if value is not None and value.adjusted() >= MAX_INTEGER_DIGITS:
        return None
    return value


def parse_wrapped_number(text: str, style: Style | None = None) -> Decimal | None:
    """A grouped number that a narrow cell wrapped onto two lines ("3.218.90 0", "1.101. 481") is
    one number. Joined, it must show a group mark and parse: "5 12" or "64.684 34.603" (two numbers
    in one cell) stay unread here."""
    parts = text.split()
    if len(parts) < 2:
        return None
    joined = "".join(parts)
    grouped = _VN_GROUPED.match(joined) or _EN_GROUPED.match(joined) or (style == "en" and _EN_ANY_GROUPS.match(joined))
    return parse_number(joined, style) if grouped else None


# A number in brackets or after a minus with a group or decimal mark; "(1)", "(3)=(1)+(2)" (a
# column's number) and "-5" (a range's dash, an OCR speck) are none.
_NEGATIVE = re.compile(r"^(?:\(\s*(?P<bracketed>\d[\d.,\s]*[.,]\d+)\s*\)|[-−–]\s*(?P<signed>\d[\d.,]*[.,]\d+))$")


def _parse_number(cleaned: str) -> Decimal | None:
    if _VN_GROUPED.match(cleaned):
        return Decimal(cleaned.replace(".", "").replace(",", "."))
    if _VN_PLAIN.match(cleaned):
        return Decimal(cleaned.replace(",", "."))
    if _EN_GROUPED.match(cleaned):
        return Decimal(cleaned.replace(",", ""))
    if _EN_DECIMAL.match(cleaned):
        return Decimal(cleaned)
    if _SPACED_GROUPS.match(cleaned):
        return Decimal(cleaned.replace(" ", ""))
    return None


def style_of(text: str) -> Style | None:
    """The convention a printed number proves: "1.073.000", "4.050,8", "12,5" only a Vietnamese
    document prints; "2,096,584,751", "1,073.5", "12.5" only an English-style one; None for the
    rest ("1.500", "225,500", "680")."""
    cleaned = text.strip().rstrip(".;:").strip()
    if _ZERO_PADDED.match(cleaned):
        return None  # "071,072,073": a list of zero-padded codes, which no convention prints as a number
    if _VN_GROUPED.match(cleaned) and (cleaned.count(".") >= 2 or "," in cleaned):
        return "vi"
    if _VN_PLAIN.match(cleaned) and "," in cleaned:
        return "vi"
    if _EN_GROUPED.match(cleaned) or (_EN_ANY_GROUPS.match(cleaned) and "." in cleaned):
        return "en"
    if _EN_DECIMAL.match(cleaned):
        return "en"
    return None


def is_ambiguous_number(text: str) -> bool:
    """One separator and three digits after it: 1500 or 1.5 by the convention."""
    return bool(_ONE_GROUP.match(text.strip().rstrip(".;:").strip()))


@dataclass(frozen=True)
class StyleEvidence:
    style: Style | None
    vi: list[str]  # numbers only the Vietnamese convention prints
    en: list[str]
    stated: str | None = None  # why the convention is known without evidence (see ``stated_style``)

    def describe(self) -> str:
        def some(texts: list[str]) -> str:
            return ", ".join(texts[:3]) + (" …" if len(texts) > 3 else "")

        if self.stated:
            return self.stated
        parts = [f"{len(self.vi)} Vietnamese-style ({some(self.vi)})"] if self.vi else []
        parts += [f"{len(self.en)} English-style ({some(self.en)})"] if self.en else []
        return "; ".join(parts) or "no number that only one convention prints"


# Grouping proves more than a decimal mark: OCR reads a decimal comma as a dot, and a row code
# ("2.1") looks like an English decimal; neither turns into a number with two groups.
_GROUPED_EVIDENCE = re.compile(r"^\d{1,3}(?:[.,]\d{3}){2,}|^\d{1,3}[.,]\d{3}[.,]\d{1,2}$")
_DOMINANT = 0.8


def stated_style(style: Style, reason: str) -> StyleEvidence:
    """A convention the reader knows (it printed the numbers itself), recorded with its reason."""
    return StyleEvidence(style, [], [], reason)


def detect_style(texts: Iterable[str]) -> StyleEvidence:
    """The document's number convention from the numbers only one convention prints.

    English only where grouped numbers ("2,096,584,751", "1,073.5") make 80 % of the grouped ones;
    Vietnamese where its grouped numbers do, or where nothing is grouped and only Vietnamese
    decimals ("12,5") are printed; otherwise None (undecided: ambiguous numbers read the
    Vietnamese way, as always)."""
    vi: list[str] = []
    en: list[str] = []
    for text in texts:
        for token in text.split():
            proves = style_of(token)
            if proves is not None:
                (vi if proves == "vi" else en).append(token.strip().rstrip(".;:"))
    grouped_vi = sum(bool(_GROUPED_EVIDENCE.match(t)) for t in vi)
    grouped_en = sum(bool(_GROUPED_EVIDENCE.match(t)) for t in en)
    grouped = grouped_vi + grouped_en
    style: Style | None = None
    if grouped and grouped_en >= _DOMINANT * grouped:
        style = "en"
    elif (grouped and grouped_vi >= _DOMINANT * grouped) or (not grouped and vi and not en):
        style = "vi"
    return StyleEvidence(style, vi, en)


def parse_month(text: str) -> int | None:
    """A month number 1–12 written alone, else None."""
    cleaned = text.strip()
    return int(cleaned) if _MONTH.match(cleaned) else None


def format_vn(value: int | Decimal) -> str:
    """Print a number the Vietnamese way (inverse of :func:`parse_number`)."""
    quantized = Decimal(value)
    sign = "-" if quantized < 0 else ""
    integral, _, fraction = f"{abs(quantized):f}".partition(".")
    groups = f"{int(integral):,}".replace(",", ".")
    fraction = fraction.rstrip("0")
    return f"{sign}{groups},{fraction}" if fraction else f"{sign}{groups}"


@dataclass(frozen=True)
class Unit:
    label: str  # as printed, normalised: "ngàn đồng"
    multiplier: int  # đồng per unit


# Folded unit phrases, longest first so that "ngan dong" wins over "dong".
_UNIT_WORDS: tuple[tuple[re.Pattern[str], str, int], ...] = (
    (re.compile(r"\b1\.?000\.?000\.?000\s*d"), "1.000.000.000 đồng", 10**9),
    (re.compile(r"\b1\.?000\.?000\s*d"), "1.000.000 đồng", 10**6),
    (re.compile(r"\b1\.?000\s*d"), "1.000 đồng", 10**3),
    (re.compile(r"\bngan\s*dong\b"), "ngàn đồng", 10**3),
    (re.compile(r"\bnghin\s*dong\b"), "nghìn đồng", 10**3),
    (re.compile(r"\btrieu\s*dong\b|\btr\.?\s*d\b|\btrd\b"), "triệu đồng", 10**6),
    # "Công ty Đồng Nai" (a company) is no tỷ đồng; folded, "ty" has lost the tone that tells them.
    (re.compile(r"(?<!cong )\bt[yi]\s*dong\b"), "tỷ đồng", 10**9),
)
# Plain đồng is matched with its tone mark: folded, "đóng góp" (contribute) would read as a unit.
# As a unit it ends its phrase ("Số tiền (đồng)", "đồng/lớp", "ĐVT: Đồng"); followed by a word it
# starts one ("đồng bào", "Đồng Nai", "đồng thời"), and after these syllables it ends a word of its
# own ("hợp đồng" contract, "hội đồng" council, "cộng đồng" community): no unit in either case.
_PLAIN_DONG = re.compile(
    r"(?<!\w)(?<!hợp )(?<!hội )(?<!cộng )(?<!bất )(?<!tương )(?<!cánh )(?<!ruộng )"
    r"(?:đồng(?!\w)(?!\s+(?!việt\b|vn\b)\w)|vnđ(?!\w)|vnd(?!\w))",
    re.IGNORECASE,
)
# "ĐVT", its OCR forms ("DVT", "ĐVT:", "ĐÐVT" with the Đ doubled), the long form "Đơn vị tính" (its
# "vị" read as "v†" under specks: a mark for the letter), and "Đơn vị:" with its colon.
# Plain "đơn vị" is not enough: "kinh phí của đơn vị thụ hưởng là … đồng" names a beneficiary.
_UNIT_LABEL = re.compile(r"\b(?:(?:d?dvt|don\s*v[^\s\w]?i?\s*tinh)\s*[:.;]?|don\s*vi\s*:)\s*(?P<rest>.+)$")


def detect_unit(text: str) -> Unit | None:
    """The amount unit a line declares ("ĐVT: ngàn đồng", "Đơn vị tính: triệu đồng"), else None.

    Also read with the spaces taken out: some PDF text layers split words into letters
    ("Đ ơ n v ị tính: nghìn đ ồ ng") when glyphs come from a fallback font.
    """
    nfc = unicodedata.normalize("NFC", text)
    for candidate in (nfc, "".join(nfc.split())):
        folded = fold(candidate)
        match = _UNIT_LABEL.search(folded)
        if match:
            # Folding keeps one letter per letter, so the match's offsets hold in the original text,
            # whose tone marks tell "đồng" from "đóng".
            same_length = len(folded) == len(candidate)
            return unit_from_words(candidate[match.start("rest") :] if same_length else match.group("rest"))
    return None


def unit_from_words(text: str) -> Unit | None:
    """A unit named anywhere in ``text`` ("triệu đồng", "1.000 đồng"), else None. Marks OCR put
    between its words are no part of it: a header "(nghìn ˆ đồng)" read word by word left only
    "đồng", and a column of a plan in nghìn đồng came out a thousand times too small."""
    folded = " ".join(_OCR_MARKS.sub(" ", fold(text)).split())
    for pattern, label, multiplier in _UNIT_WORDS:
        if pattern.search(folded):
            return Unit(label, multiplier)
    return _unit_in_brackets(folded) or _plain_dong(text)


# A unit OCR damaged past the readings above, read from a scale word where nothing else can stand:
# right after a unit label, itself perhaps damaged ("Đơn v1 tình: triều dÓNHgặ", its "ị" read as
# "1" and its "đồng" as letters; "` tính: nghìn đồng", the label's first words lost under specks),
# with no word after it or one that starts as "đồng" does; or (``in_header``) opening a bracket that
# closes a header cell ("Tổng nhu cầu vốn (triệu", the cell's second line lost). "ĐVT: tỷ lệ" and
# "ĐVT: người" name no money. Held-out Augraphy seed 11801 h08 and h05: every amount read as đồng.
_DAMAGED_LABEL = re.compile(r"(?:^|[^\w])(?:d?dvt|don\s*v\S{0,2}\s*t\S{0,2}nh|tinh)\s*[:.;]\s*(?P<rest>.+)$")
_SCALE_LEADS = re.compile(r"^[^\w]*(?P<scale>trieu|nghin|ngan|t[yi])(?:\s+d\w*\b.{0,6}|[^\w]*)$")
_SCALE_OPENS_BRACKET = re.compile(r"\(\s*(?P<scale>trieu|nghin|ngan|t[yi])[^\w]*$")
_SCALES = {"trieu": "triệu đồng", "nghin": "nghìn đồng", "ngan": "ngàn đồng", "ty": "tỷ đồng", "ti": "tỷ đồng"}


def unit_through_damage(text: str, in_header: bool = False) -> Unit | None:
    """The unit a line or (``in_header``) a column header names in words OCR damaged, else None:
    see ``_DAMAGED_LABEL``. Only where :func:`detect_unit` and :func:`unit_from_words` read none;
    the caller records that the unit was read so."""
    folded = " ".join(fold(unicodedata.normalize("NFC", text)).split())
    scale = None
    if (label := _DAMAGED_LABEL.search(folded)) and (leads := _SCALE_LEADS.match(label.group("rest"))):
        scale = leads.group("scale")
    elif in_header and (bracket := _SCALE_OPENS_BRACKET.search(folded)):
        scale = bracket.group("scale")
    if scale is None:
        return None
    label_text = _SCALES[scale]
    return Unit(label_text, _UNIT_MULTIPLIERS[label_text])


_UNIT_MULTIPLIERS = {"triệu đồng": 10**6, "nghìn đồng": 10**3, "ngàn đồng": 10**3, "tỷ đồng": 10**9}


def _unit_in_brackets(folded: str) -> Unit | None:
    """A unit in brackets whose words OCR split ("(ngh ìn đồng)", "(tri ệu đ ồng)"): read with the
    spaces taken out, where the brackets hold nothing but the unit. Read as printed, the last word
    alone said "đồng", and a table in nghìn đồng was read a thousand times too small."""
    for inside in _BRACKETED.findall(folded):
        compact = "".join(inside.split())
        for pattern, label, multiplier in _UNIT_WORDS:
            if (match := pattern.search(compact)) and match.span() == (0, len(compact)):
                return Unit(label, multiplier)
    return None


_BRACKETED = re.compile(r"\(([^()]{3,30})\)")
# Folded, a unit's words are plain letters, digits and the marks of its figure ("1.000 đ"); any
# other character between them is a speck OCR read ("ˆ", "*", "`", "‘"), save brackets and dashes,
# which part the words as printed ("Công ty – Đồng Nai" is no tỷ đồng).
_OCR_MARKS = re.compile(r"[^0-9a-z.,:;/()%\s\-–—]")


def _plain_dong(text: str) -> Unit | None:
    return Unit("đồng", 1) if _PLAIN_DONG.search(" ".join(unicodedata.normalize("NFC", text).split())) else None


def to_vnd(value: Decimal, multiplier: int) -> int:
    """An amount in integer đồng (half-up rounding below one đồng)."""
    return int((value * multiplier).quantize(Decimal(1), rounding=ROUND_HALF_UP))


_MONEY = re.compile(
    r"(?P<number>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*"
    r"(?P<unit>t[yỷỉi]\s*đồng|triệu\s*đồng|tr\.?đ|ngàn\s*đồng|nghìn\s*đồng|đồng)",
    re.IGNORECASE,
)


def money_in_text(text: str) -> list[int]:
    """Every amount with its unit written in running text, in đồng: "4,3 tỷ đồng" -> 4300000000."""
    amounts = []
    for match in _MONEY.finditer(unicodedata.normalize("NFC", text)):
        number = parse_number(match.group("number"))
        unit = unit_from_words(match.group("unit"))
        if number is not None and unit is not None:
            amounts.append(to_vnd(number, unit.multiplier))
    return amounts


_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTH_SPAN = re.compile(
    r"^(?:thang\s*)?(\d{1,2})(?:\s*/\s*\d{4})?\s*(?:-|–|den|toi)\s*(?:thang\s*)?(\d{1,2})(?:\s*/\s*\d{4})?$"
)  # "Tháng 3-9", "3 - 9/2024", "10/2026 - 11/2026"
_ONE_MONTH = re.compile(r"^thang\s*(\d{1,2})(?:\s*/\s*\d{4})?$|^(\d{1,2})\s*/\s*\d{4}$")  # "Tháng 12", "10/2026"
_QUARTER_SPAN = re.compile(r"^quy\s*(i{1,3}|iv|[1-4])(?:\s*(?:-|–|den)\s*quy\s*(i{1,3}|iv|[1-4]))?(?:\s*/\s*\d{4})?$")


def parse_month_range(text: str) -> tuple[int, int] | None:
    """A time cell written in words: "Tháng 3-9", "Tháng 12", "Quý II - Quý III" -> (start, end)."""
    folded = " ".join(fold(text).split()).strip(" .;")
    span = _MONTH_SPAN.match(folded) or _ONE_MONTH.match(folded)
    if span:
        months = [int(group) for group in span.groups() if group]
        start, end = months[0], months[-1]
        return (start, end) if 1 <= start <= end <= 12 else None
    quarters = _QUARTER_SPAN.match(folded)
    if quarters:
        first = _ROMAN_QUARTERS[quarters.group(1)]
        last = _ROMAN_QUARTERS[quarters.group(2) or quarters.group(1)]
        return (3 * first - 2, 3 * last) if first <= last else None
    return None


def convention_record(evidence: StyleEvidence, texts: Iterable[str]) -> NumberConvention | None:
    """The convention as the output records it, where some reading depended on it: a cell printed
    with one group ("225,500", "1.500"), or an English-style document; else None."""
    ambiguous = list(dict.fromkeys(t for text in texts for t in text.split() if is_ambiguous_number(t)))
    if not ambiguous and evidence.style != "en":
        return None
    return NumberConvention(
        style=evidence.style or "vi",
        detected=evidence.style is not None,
        evidence=evidence.describe(),
        read_by_it=ambiguous[:50],
    )
