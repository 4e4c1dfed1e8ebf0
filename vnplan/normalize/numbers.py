"""Numbers and money as Vietnamese documents print them.

``.`` groups thousands and ``,`` is the decimal mark ("10.987.250.000", "4.050,8"). A single dot
followed by exactly three digits is a thousands group; a comma followed by 1–2 digits is a decimal.
English-style exports ("1,073,000", "12.5") exist too and are accepted when unambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

_VN_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 1.073.000 / 4.050,8
_VN_PLAIN = re.compile(r"^\d+(?:,\d{1,2})?$")  # 680 / 12,5
_EN_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$")  # 1,073,000 (two groups at least)
_EN_DECIMAL = re.compile(r"^\d+\.\d{1,2}$")  # 12.5 (one or two decimals: never a thousands group)
_SPACED_GROUPS = re.compile(r"^\d{1,3}(?: \d{3})+$")  # 1 073 000 (OCR turned dots into spaces)
_MONTH = re.compile(r"^(?:0?[1-9]|1[0-2])$")


# No budget prints more integer digits (the whole state budget is ~2·10^15 đồng); longer digit
# runs are account numbers or IDs, and would overflow Decimal's 28 digits and Int64 downstream.
MAX_INTEGER_DIGITS = 16


def parse_number(text: str) -> Decimal | None:
    """The number a table cell prints, or None when the cell is not exactly one number."""
    cleaned = text.strip().rstrip(".;:").strip()
    if not cleaned:
        return None
    value = _parse_number(cleaned)
    if value is not None and value.adjusted() >= MAX_INTEGER_DIGITS:
        return None
    return value


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


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


# Folded unit phrases, longest first so that "ngan dong" wins over "dong".
_UNIT_WORDS: tuple[tuple[re.Pattern[str], str, int], ...] = (
    (re.compile(r"\b1\.?000\.?000\.?000\s*d"), "1.000.000.000 đồng", 10**9),
    (re.compile(r"\b1\.?000\.?000\s*d"), "1.000.000 đồng", 10**6),
    (re.compile(r"\b1\.?000\s*d"), "1.000 đồng", 10**3),
    (re.compile(r"\bngan\s*dong\b"), "ngàn đồng", 10**3),
    (re.compile(r"\bnghin\s*dong\b"), "nghìn đồng", 10**3),
    (re.compile(r"\btrieu\s*dong\b|\btr\.?\s*d\b|\btrd\b"), "triệu đồng", 10**6),
    (re.compile(r"\bty\s*dong\b|\bti\s*dong\b"), "tỷ đồng", 10**9),
)
# Plain đồng is matched with its tone mark: folded, "đóng góp" (contribute) would read as a unit.
_PLAIN_DONG = re.compile(r"(?<!\w)(?:đồng|vnđ|vnd)(?!\w)", re.IGNORECASE)
# "ĐVT", its OCR forms ("DVT", "ĐVT:"), the long form "Đơn vị tính", and "Đơn vị:" with its colon.
# Plain "đơn vị" is not enough: "kinh phí của đơn vị thụ hưởng là … đồng" names a beneficiary.
_UNIT_LABEL = re.compile(r"\b(?:(?:dvt|don\s*vi\s*tinh)\s*[:.]?|don\s*vi\s*:)\s*(?P<rest>.+)$")


def detect_unit(text: str) -> Unit | None:
    """The amount unit a line declares ("ĐVT: ngàn đồng", "Đơn vị tính: triệu đồng"), else None.

    Also read with the spaces taken out: some PDF text layers split words into letters
    ("Đ ơ n v ị tính: nghìn đ ồ ng") when glyphs come from a fallback font.
    """
    nfc = unicodedata.normalize("NFC", text)
    for candidate in (nfc, "".join(nfc.split())):
        folded = _fold(candidate)
        match = _UNIT_LABEL.search(folded)
        if match:
            # Folding keeps one letter per letter, so the match's offsets hold in the original text,
            # whose tone marks tell "đồng" from "đóng".
            same_length = len(folded) == len(candidate)
            return unit_from_words(candidate[match.start("rest") :] if same_length else match.group("rest"))
    return None


def unit_from_words(text: str) -> Unit | None:
    """A unit named anywhere in ``text`` ("triệu đồng", "1.000 đồng"), else None."""
    folded = _fold(text)
    for pattern, label, multiplier in _UNIT_WORDS:
        if pattern.search(folded):
            return Unit(label, multiplier)
    return _plain_dong(text)


def _plain_dong(text: str) -> Unit | None:
    return Unit("đồng", 1) if _PLAIN_DONG.search(unicodedata.normalize("NFC", text)) else None


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
_MONTH_SPAN = re.compile(r"^(?:thang\s*)?(\d{1,2})\s*(?:-|–|den|toi)\s*(?:thang\s*)?(\d{1,2})(?:\s*/\s*\d{4})?$")
_ONE_MONTH = re.compile(r"^thang\s*(\d{1,2})(?:\s*/\s*\d{4})?$")
_QUARTER_SPAN = re.compile(r"^quy\s*(i{1,3}|iv|[1-4])(?:\s*(?:-|–|den)\s*quy\s*(i{1,3}|iv|[1-4]))?(?:\s*/\s*\d{4})?$")


def parse_month_range(text: str) -> tuple[int, int] | None:
    """A time cell written in words: "Tháng 3-9", "Tháng 12", "Quý II - Quý III" -> (start, end)."""
    folded = " ".join(_fold(text).split()).strip(" .;")
    span = _MONTH_SPAN.match(folded) or _ONE_MONTH.match(folded)
    if span:
        start = int(span.group(1))
        end = int(span.group(span.lastindex or 1))
        return (start, end) if 1 <= start <= end <= 12 else None
    quarters = _QUARTER_SPAN.match(folded)
    if quarters:
        first = _ROMAN_QUARTERS[quarters.group(1)]
        last = _ROMAN_QUARTERS[quarters.group(2) or quarters.group(1)]
        return (3 * first - 2, 3 * last) if first <= last else None
    return None
