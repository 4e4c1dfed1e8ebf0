"""The narrative around the budget table -> document metadata and the totals the text states.

Input: the document's non-table lines in reading order. A Vietnamese administrative document has a
fixed shape (Nghị định 30/2020/NĐ-CP), which is what this module leans on:

    ỦY BAN NHÂN DÂN / TỈNH X          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    Số: 123/KH-UBND                   X, ngày 6 tháng 3 năm 2020
    KẾ HOẠCH / <subject line(s)>
    Căn cứ …;  (one paragraph per legal basis)
    … body, with "Tổng kinh phí … là N đồng (<N in words>), trong đó: …" …
    Nơi nhận: …      TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / <signer's name>

Every field is optional: a part that is missing or unreadable gives ``None``, never an exception.
All matching runs on a folded copy of the text (lower case, no diacritics) that keeps the character
positions of the original, so OCR that loses accents still matches and values are cut from the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from vnplan.normalize.number_words import words_to_number
from vnplan.schemas import DocumentMeta

__all__ = ["NarrativeFacts", "narrative_to_facts"]


@dataclass(frozen=True)
class NarrativeFacts:
    """What the text around the table says: metadata, stated totals, and references to itself."""

    meta: DocumentMeta
    narrative_totals: dict[str, int] = field(default_factory=dict)  # keys: AMOUNT_FIELDS
    total_in_words: int | None = None
    total_in_words_text: str | None = None
    other_references: list[str] = field(default_factory=list)


DOC_TYPES = {
    "ke hoach": "Kế hoạch",
    "quyet dinh": "Quyết định",
    "chuong trinh": "Chương trình",
    "de an": "Đề án",
    "to trinh": "Tờ trình",
    "bao cao": "Báo cáo",
    "thong bao": "Thông báo",
    "nghi quyet": "Nghị quyết",
    "chi thi": "Chỉ thị",
    "huong dan": "Hướng dẫn",
    "cong van": "Công văn",
}
# Issuing bodies as printed in capitals (or abbreviated) -> their written form.
BODIES = {
    "uy ban nhan dan": "Ủy ban nhân dân",
    "ubnd": "Ủy ban nhân dân",
    "hoi dong nhan dan": "Hội đồng nhân dân",
    "hdnd": "Hội đồng nhân dân",
}
# Other bodies start with one of these words; the rest of the name is written in sentence case,
# except the few departments whose official names capitalise each part.
AGENCY_KINDS = ("so", "bo", "ban", "trung tam", "van phong", "chi cuc", "cuc", "phong")
AGENCY_NAMES = {
    "cong thuong": "Công Thương",
    "ke hoach va dau tu": "Kế hoạch và Đầu tư",
    "khoa hoc va cong nghe": "Khoa học và Công nghệ",
    "tai nguyen va moi truong": "Tài nguyên và Môi trường",
    "nong nghiep va phat trien nong thon": "Nông nghiệp và Phát triển nông thôn",
}
LOCALITY_WORDS = {"tinh": "tỉnh", "thanh pho": "thành phố", "tp": "thành phố"}
# Signer positions; a leading "phó"/"chánh"/"tổng" keeps the following word capitalised too.
POSITION_PREFIXES = frozenset({"phó", "chánh", "tổng"})
POSITIONS = frozenset(
    {"chu tich", "pho chu tich", "giam doc", "pho giam doc", "tong giam doc", "chanh van phong"}
    | {"pho chanh van phong", "truong ban", "pho truong ban", "bo truong", "thu truong"}
    | {"cuc truong", "pho cuc truong", "truong phong", "pho truong phong", "chi cuc truong"}
)

# Which budget source a clause of the total sentence speaks of; the first match wins, so the
# narrower phrases come first ("ngân sách trung ương" is not the provincial budget).
SOURCE_KEYWORDS = (
    ("beneficiary_vnd", ("thu huong", "doi ung", "dong gop", "tu co")),
    ("other_vnd", ("nguon khac", "huy dong", "xa hoi hoa", "trung uong", "quoc gia", "tai tro")),
    ("provincial_budget_vnd", ("ngan sach",)),
    ("total_vnd", ("tong",)),
)
UNIT_MULTIPLIERS = {"ty": 10**9, "ti": 10**9, "trieu": 10**6, "trd": 10**6, "nghin": 10**3, "ngan": 10**3}

_DIGITS = "[0-9]"  # ASCII only: int() would accept other scripts' digits, OCR never means them
_CODE = rf"{_DIGITS}+(?:\s*[/\-–]\s*[0-9a-z]+)+"  # 2257/KH-UBND, 53/2018/QĐ-UBND (folded)
_NUMBER_LINE = re.compile(rf"^so\s*[:;.]?\s*({_CODE})")
_DATE_WORDS = re.compile(rf"ngay\s+({_DIGITS}{{1,2}})\s+thang\s+({_DIGITS}{{1,2}})\s+nam\s+({_DIGITS}{{4}})")
_DATE_SLASHES = re.compile(rf"({_DIGITS}{{1,2}})\s*[/.\-]\s*({_DIGITS}{{1,2}})\s*[/.\-]\s*({_DIGITS}{{4}})")
_TITLE_YEAR = re.compile(rf"\bnam\s+({_DIGITS}{{4}})\b")
_SIGN_PREFIX = re.compile(r"^(tm|kt|tl|tuq)\s*\.\s*")
_SECTION_HEADING = re.compile(r"^(?:[ivx]+|[0-9]+)\s*\.\s|^(?:dieu|phan)\s+[0-9ivx]+\b")
_TOTAL_ANCHOR = re.compile(r"\btong\s+(?:so\s+)?(?:kinh phi|du toan|nguon kinh phi|nguon von|von|chi phi)")
_AMOUNT = re.compile(
    rf"(?<![0-9.,])({_DIGITS}+(?:[.,]{_DIGITS}+)*)\s*"
    r"(ty|ti|trieu|tr\.?\s?d|nghin|ngan|dong|vnd|d)\b(?:\s*dong\b)?"
)
_REFERENCE = re.compile(
    rf"\b({'|'.join(DOC_TYPES)})\s+so\s*:?\s*({_CODE})(?:\s+(?:ngay\s+{_DATE_SLASHES.pattern}|{_DATE_WORDS.pattern}))?"
)
_WORD = re.compile(r"[^\W\d_]+")


def narrative_to_facts(lines: Sequence[str]) -> NarrativeFacts:
    """Metadata, stated totals and self-references from the non-table lines of one document."""
    text = _Text.from_lines(lines)
    title_at = _find_doc_type_line(text)
    header_end = title_at if title_at is not None else min(len(text.lines), 15)
    issuer, province = _issuer_and_province(text, header_end)
    issuer, province = _complete_wrapped_place(issuer, province, _date_line_place(text, header_end))
    issued_on = _issue_date(text, header_end)
    doc_type, title = _doc_type_and_title(text, title_at, province)
    signer_title, signer = _signature(text, title_at or 0)
    meta = DocumentMeta(
        doc_type=doc_type,
        number=_document_number(text, header_end),
        issuer=issuer,
        province=province,
        issued_on=issued_on,
        year=_plan_year(title, issued_on),
        title=title,
        signer=signer,
        signer_title=signer_title,
        legal_bases=_legal_bases(text, title_at or 0),
    )
    totals, words_text = _narrative_totals(text)
    words_text = words_text or _standalone_amount_in_words(text)
    return NarrativeFacts(
        meta=meta,
        narrative_totals=totals,
        total_in_words=words_to_number(words_text) if words_text else None,
        total_in_words_text=words_text,
        other_references=_references_to_self(text, meta),
    )


# --- text with a position-preserving folded copy -------------------------------------------------


def _fold_char(char: str) -> str:
    lower = char.lower()
    if len(lower) != 1:  # "İ".lower() is two characters: keep positions aligned instead
        lower = char
    if lower == "đ":
        return "d"
    return unicodedata.normalize("NFD", lower)[0]


def _fold_aligned(text: str) -> str:
    """Lower case without diacritics, one character per original character."""
    return "".join(_fold_char(char) for char in text)


def _clean(line: str) -> str:
    """NFC, no markdown emphasis from exports ("**TM. ỦY BAN"), single spaces."""
    text = unicodedata.normalize("NFC", line).replace("*", " ")
    return " ".join(text.split())


@dataclass(frozen=True)
class _Text:
    """Non-empty cleaned lines with their folded twins (same length, same positions)."""

    lines: list[str]
    folded: list[str]

    @classmethod
    def from_lines(cls, raw_lines: Sequence[str]) -> _Text:
        cleaned = [_clean(part) for raw in raw_lines for part in str(raw).splitlines()]
        kept = [line for line in cleaned if line]
        return cls(kept, [_fold_aligned(line) for line in kept])


def _is_capitals(line: str) -> bool:
    letters = [char for char in line if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def _name_case(text: str) -> str:
    """Place and person names: every syllable capitalised ("BÀ RỊA-VŨNG TÀU" -> "Bà Rịa-Vũng Tàu")."""
    return _WORD.sub(lambda match: match[0].capitalize(), text.strip())


def _sentence_case(text: str) -> str:
    lowered = text.strip().lower()
    return lowered[:1].upper() + lowered[1:]


# --- header: issuer, number, date, doc type, title -----------------------------------------------


def _find_doc_type_line(text: _Text) -> int | None:
    """Index of the line that starts with the document type in capitals ("KẾ HOẠCH")."""
    for index, (line, folded) in enumerate(zip(text.lines[:40], text.folded[:40], strict=True)):
        kind = _leading_doc_type(folded)
        if kind and _is_capitals(line[: len(kind)]):
            return index
    return None


def _leading_doc_type(folded: str) -> str | None:
    for kind in DOC_TYPES:
        if folded == kind or folded.startswith(kind + " "):
            return kind
    return None


def _without_motto(line: str, folded: str) -> str:
    """Drop the national motto that a two-column header may have glued onto the issuer line."""
    for motto in ("cong hoa xa hoi", "doc lap - tu do", "doc lap"):
        cut = folded.find(motto)
        if cut >= 0:
            return line[:cut].strip()
    return line


def _split_locality(line: str) -> tuple[str, str | None, str | None]:
    """ "UBND THÀNH PHỐ HÀ NỘI" -> ("UBND", "thành phố", "Hà Nội"); no locality -> (line, None, None)."""
    folded = _fold_aligned(line)
    match = re.search(r"(?:^|\s)(tinh|thanh pho|tp)\b\.?\s*(?=\S)", folded)
    if not match:
        return line, None, None
    place = line[match.end() :].strip(" .,-")
    return line[: match.start()].strip(), LOCALITY_WORDS[match[1]], _name_case(place) or None


def _body_name(line: str) -> str | None:
    """The written form of an issuing body printed in capitals, or None if the line is not one."""
    words = line.replace(".", " ").split()
    folded = _fold_aligned(" ".join(words))
    if folded in BODIES:
        return BODIES[folded]
    for kind in AGENCY_KINDS:
        if folded.startswith(kind + " "):
            kind_length = len(kind.split())
            rest = " ".join(words[kind_length:])
            name = AGENCY_NAMES.get(_plain(_fold_aligned(rest))) or _sentence_case(rest)
            return f"{_sentence_case(' '.join(words[:kind_length]))} {name}"
    return None


def _issuer_and_province(text: _Text, header_end: int) -> tuple[str | None, str | None]:
    """Issuer ("Ủy ban nhân dân tỉnh Đồng Nai") and province ("Đồng Nai") from the header's capitals."""
    issuer: str | None = None
    locality: tuple[str, str] | None = None
    for line, folded in zip(text.lines[:header_end], text.folded[:header_end], strict=True):
        line = _without_motto(line, folded)
        if not _is_capitals(line) or _NUMBER_LINE.match(folded):
            continue
        body_part, kind, place = _split_locality(line)
        body = _body_name(body_part) if body_part else None
        if body:
            issuer = body  # a lower line names the actual issuer ("UBND TỈNH X" / "SỞ CÔNG THƯƠNG")
        if kind and place:
            locality = (kind, place)
    if issuer is None:
        return None, None
    if locality is None:
        return issuer, None
    return f"{issuer} {locality[0]} {locality[1]}", locality[1]


_PLACE_BEFORE_DATE = re.compile(r"^\s*(?P<place>[^\W\d_][^\d,]{1,40}?)\s*,\s*ngay\b")


def _date_line_place(text: _Text, header_end: int) -> str | None:
    """The place of the "Đồng Nai, ngày 06 tháng 3 năm 2020" line, as printed."""
    for line, folded in zip(text.lines[: header_end + 2], text.folded[: header_end + 2], strict=False):
        match = _PLACE_BEFORE_DATE.match(folded)
        if match:
            return line[match.start("place") : match.end("place")].strip()
    return None


def _complete_wrapped_place(
    issuer: str | None, province: str | None, place: str | None
) -> tuple[str | None, str | None]:
    """A header name cut by a line wrap ("TỈNH ĐỒNG" / "NAI") is completed from the date line's
    place when that place starts with it; a different place is left alone (a body in one city can
    date its letter in another)."""
    if not (issuer and province and place) or not issuer.endswith(province):
        return issuer, province
    head, full = _fold_aligned(province).split(), _fold_aligned(place).split()
    if len(full) > len(head) and full[: len(head)] == head:
        return issuer[: -len(province)] + place, place
    return issuer, province


def _document_number(text: _Text, header_end: int) -> str | None:
    """ "Số: 2257 /KH- UBND" -> "2257/KH-UBND"."""
    for line, folded in zip(text.lines[:header_end], text.folded[:header_end], strict=True):
        match = _NUMBER_LINE.match(folded)
        if match:
            return re.sub(r"\s+", "", line[match.start(1) : match.end(1)]).replace("–", "-")
    return None


def _safe_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _issue_date(text: _Text, header_end: int) -> date | None:
    """The "…, ngày 06 tháng 3 năm 2020" line of the header."""
    # Two lines of slack: a right-hand header column can be read after the document type.
    for folded in text.folded[: header_end + 2]:
        match = _DATE_WORDS.search(folded)
        if match:
            return _safe_date(match[3], match[2], match[1])
    return None


def _is_title_end(line: str, folded: str, subject: list[str]) -> bool:
    if folded.startswith(("can cu", "kinh gui", "xet ", "thuc hien", "theo de nghi")):
        return True
    if _SECTION_HEADING.match(folded) or _SIGN_PREFIX.match(folded) or not any(c.isalpha() for c in line):
        return True
    if folded.startswith(("chu tich", "uy ban", "giam doc", "hoi dong")) and _is_capitals(line):
        return True  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X" opens a Quyết định's preamble
    if subject and re.search(r"[0-9]{4}$", subject[-1]):
        return True  # subjects end with their year or period: "… năm 2020", "… 2021 - 2025"
    if line.endswith((".", ";")):
        return True  # a sentence of the body, not a wrapped subject
    return bool(subject) and _is_capitals(line) and not _is_capitals(subject[-1])


def _doc_type_and_title(text: _Text, title_at: int | None, province: str | None) -> tuple[str | None, str | None]:
    """ "KẾ HOẠCH" + "Khuyến công tỉnh Đồng Nai năm 2020" -> ("Kế hoạch", "Kế hoạch Khuyến công …")."""
    if title_at is None:
        return None, None
    kind = _leading_doc_type(text.folded[title_at])
    if kind is None:
        return None, None
    doc_type = DOC_TYPES[kind]
    subject = [text.lines[title_at][len(kind) :].strip()] if len(text.folded[title_at]) > len(kind) else []
    after = slice(title_at + 1, title_at + 4)  # a subject wraps over three lines at most
    for line, folded in zip(text.lines[after], text.folded[after], strict=True):
        if _is_title_end(line, folded, subject):
            break
        subject.append(line)
    words = " ".join(subject).strip(" .:-")
    if not words:
        return doc_type, None
    if _is_capitals(words):
        words = _recapitalise_place(words.lower(), province)
    return doc_type, f"{doc_type} {words}"


def _recapitalise_place(lowered: str, province: str | None) -> str:
    """Restore the province's capitals in a subject that was printed all in capitals."""
    if province:
        lowered = lowered.replace(province.lower(), province)
    return lowered


def _plan_year(title: str | None, issued_on: date | None) -> int | None:
    """The plan's year: "… năm 2020" in the title, else the year of issue."""
    years = _TITLE_YEAR.findall(_fold_aligned(title)) if title else []
    if years:
        return int(years[-1])
    return issued_on.year if issued_on else None


# --- preamble: legal bases -----------------------------------------------------------------------


def _legal_bases(text: _Text, start: int) -> list[str]:
    """The run of "Căn cứ …" paragraphs before the body; a line without closing punctuation wraps."""
    bases: list[str] = []
    current: str | None = None
    for line, folded in zip(text.lines[start:], text.folded[start:], strict=True):
        if folded.startswith("can cu"):
            if current:
                bases.append(current)
            current = line
        elif current is not None and not current.endswith((";", ".", ":")):
            current = f"{current} {line}"
        elif current is not None or _SECTION_HEADING.match(folded):
            break
    if current:
        bases.append(current)
    return [basis.rstrip(" ;,.") for basis in bases]


# --- signature block -----------------------------------------------------------------------------


def _plain(folded: str) -> str:
    return " ".join(re.sub(r"[^a-z ]", " ", folded).split())


def _position_in(line: str) -> bool:
    """Whether a capitals line names a position ("PHÓ CHỦ TỊCH", "ỦY BAN NHÂN DÂN CHỦ TỊCH")."""
    plain = _plain(_fold_aligned(line))
    return _is_capitals(line) and any(plain == p or plain.endswith(" " + p) for p in POSITIONS)


def _signature(text: _Text, start: int) -> tuple[str | None, str | None]:
    """(signer_title, signer) from "TM. … / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" and the name below it."""
    for index in range(start, len(text.lines)):
        head = _block_head(text.lines[index], text.folded[index])
        if head is None:
            continue
        block, after = [head], index + 1
        while _SIGN_PREFIX.match(_fold_aligned(block[-1])) and after < min(len(text.lines), index + 4):
            line = text.lines[after]
            if not (_SIGN_PREFIX.match(text.folded[after]) or _position_in(line)) or not _is_capitals(line):
                break
            block.append(line)
            after += 1
        signer = _signer_name(text, after)
        if signer or _SIGN_PREFIX.match(_fold_aligned(head)):
            return _signer_title(block), signer
    return None, None


def _block_head(line: str, folded: str) -> str | None:
    """The start of a signature block in this line: from "TM."/"KT."/"TL." on (a two-column
    layout may put "Nơi nhận:" before it), or a position line on its own ("CHỦ TỊCH")."""
    prefix = re.search(r"(?:^|\s)((?:tm|kt|tl|tuq)\s*\.)", folded)
    if prefix and _is_capitals(line[prefix.start(1) :]):
        return line[prefix.start(1) :]
    if _plain(folded) in POSITIONS and _is_capitals(line):
        return line
    return None


def _signer_title(block: list[str]) -> str | None:
    """The position that actually signs: the last segment of the block, sentence-cased."""
    segments = [seg for line in block for seg in re.split(r"\s+(?=(?:TM|KT|TL|TUQ)\s*\.)", line)]
    if not segments:
        return None
    last = segments[-1]
    prefix = _SIGN_PREFIX.match(_fold_aligned(last))
    if prefix:
        # "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" glued on one line: the signer's own position is the tail.
        rest = last[prefix.end() :]
        tails = [p for p in POSITIONS if _plain(_fold_aligned(rest)).endswith(" " + p)]
        if not tails:
            return None
        last = " ".join(rest.split()[-len(max(tails, key=len).split()) :])
    return _position_case(last)


def _position_case(position: str) -> str:
    """ "PHÓ CHỦ TỊCH" -> "Phó Chủ tịch", "GIÁM ĐỐC" -> "Giám đốc"."""
    words = position.lower().split()
    capitalise = 0
    while capitalise < len(words) - 1 and words[capitalise] in POSITION_PREFIXES:
        capitalise += 1
    return " ".join(w.capitalize() if i <= capitalise else w for i, w in enumerate(words))


def _signer_name(text: _Text, start: int) -> str | None:
    """The first line after the block that reads as a person's name (2–6 capitalised syllables)."""
    for line, folded in zip(text.lines[start : start + 6], text.folded[start : start + 6], strict=True):
        words = line.split()
        if "da ky" in folded or len(words) < 2:
            continue  # "(Đã ký)", stamp fragments
        if len(words) > 6 or not all(_WORD.fullmatch(word) and word[0].isupper() for word in words):
            return None
        if _body_name(line) or "nhan dan" in folded or _plain(folded) in POSITIONS:
            return None
        return _name_case(line.lower()) if _is_capitals(line) else line
    return None


# --- narrative totals ----------------------------------------------------------------------------


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
    for field_name, keywords in SOURCE_KEYWORDS:
        if any(re.search(rf"\b{keyword}\b", folded_clause) for keyword in keywords):
            return field_name
    return None


def _narrative_totals(text: _Text) -> tuple[dict[str, int], str | None]:
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
            heading = _SECTION_HEADING.match(next_folded) and not _AMOUNT.search(next_folded)
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
    """Each clause with an amount and a source keyword fills that source once."""
    for part in folded_parts:
        part = re.sub(r"\([^()]*\)", " ", part)  # asides like "(Chi tiết trong Biểu …)"
        for clause in re.split(r";|\.(?:\s|$)|,\s|\btrong do\b|\s[0-9a-z]\)\s|^[0-9a-z]\)\s|\s-\s|^-\s", part):
            amount = _AMOUNT.search(clause)
            source = _classify_clause(clause) if amount else None
            if amount and source and source not in totals:
                value = _amount_vnd(amount)
                if value is not None:
                    totals[source] = value


def _standalone_amount_in_words(text: _Text) -> str | None:
    """A line that is only "(… đồng)" in words, as printed under a table's grand total."""
    for line in text.lines:
        if line.startswith("(") and line.endswith(")") and not re.search(r"[0-9]", line):
            words = line.strip("() ")
            if words_to_number(words):
                return words
    return None


# --- references to this document -----------------------------------------------------------------


def _references_to_self(text: _Text, meta: DocumentMeta) -> list[str]:
    """Numbers that cite this plan under another (often OCR-damaged) number: attached-to notes
    ("Kèm theo Kế hoạch số 225/T-UBND") and same-type citations dated on the issue date."""
    found: list[str] = []
    for line, folded in zip(text.lines, text.folded, strict=True):
        for match in _REFERENCE.finditer(folded):
            number = re.sub(r"\s+", "", line[match.start(2) : match.end(2)]).replace("–", "-")
            if _fold_aligned(number) == _fold_aligned(meta.number or "") or number in found:
                continue
            # Only an appendix's own note: "(Kèm theo …" opening the line, not "ban hành kèm theo"
            # inside a legal basis, which cites another document.
            attached = folded[: match.start()].strip(" (") in ("kem theo", "ban hanh kem theo")
            same_day = meta.issued_on is not None and _reference_date(match) == meta.issued_on
            same_kind = meta.doc_type in (None, DOC_TYPES[match[1]])
            if attached or (same_day and same_kind):
                found.append(number)
    return found


def _reference_date(match: re.Match[str]) -> date | None:
    day, month, year, word_day, word_month, word_year = match.groups()[2:8]
    if year:
        return _safe_date(year, month, day)
    if word_year:
        return _safe_date(word_year, word_month, word_day)
    return None
