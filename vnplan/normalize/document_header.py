"""The document's header and preamble -> its type, number, date of issue, title, plan year, legal bases.

The header of a Vietnamese administrative document has a fixed shape (Nghị định 30/2020/NĐ-CP):
"Số: 123/KH-UBND" and "X, ngày 6 tháng 3 năm 2020" under the issuer, then the document type in
capitals ("KẾ HOẠCH") with the subject on the same or the next lines, then one "Căn cứ …" paragraph
per legal basis. A công văn has no type line: its subject follows the number ("V/v …") and
"Kính gửi: …" opens the body. Number and date are read from those two lines of the header only,
never from the citations below it (a cited law's date is not the document's). A number or a day
written by hand is often unreadable for OCR, and a draft leaves them blank: then the field is
empty and a warning names it, rather than a guess.
The issuer and province are read by ``vnplan.normalize.issuer``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from vnplan.normalize.facts_text import DIGITS, SECTION_HEADING, SIGN_PREFIX, FoldedText, fold_aligned, is_capitals
from vnplan.schemas import Finding

__all__ = [
    "CODE",
    "DATE_SLASHES",
    "DATE_WORDS",
    "DOC_TYPES",
    "DateLine",
    "Header",
    "NumberLine",
    "doc_type_and_title",
    "find_header",
    "legal_bases",
    "plan_year",
    "safe_date",
]

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
    "phu luc": "Phụ lục",
    "phieu trinh": "Phiếu trình",
}
# Document types by the abbreviation after the number ("123/KH-UBND"), Nghị định 30/2020/NĐ-CP,
# appendix III, and the legal documents' ("12/2020/TT-BTC"); compared in capitals with Đ kept (HD is
# Hướng dẫn, HĐ a contract). A công văn has none: its number names the issuer ("123/UBND-KT"), and
# its subject line "V/v …" is what shows it (a Cục Thuế letter "123/CT-TTHT" is no Chỉ thị).
TYPE_ABBREVIATIONS = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "QD": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QYĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTR": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTR": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "GM": "Giấy mời",
    "PT": "Phiếu trình",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
}
LETTER = "Công văn"

FIRST_YEAR = 1945  # the first documents of the state; a later "year" than next year is misread too
CODE = rf"{DIGITS}+(?:\s*[/\-–]\s*[0-9a-z]+)+"  # 2257/KH-UBND, 53/2018/QĐ-UBND (folded)
DATE_WORDS = re.compile(rf"ngay\s+({DIGITS}{{1,2}})\s+thang\s+({DIGITS}{{1,2}})\s+nam\s+({DIGITS}{{4}})")
DATE_SLASHES = re.compile(rf"({DIGITS}{{1,2}})\s*[/.\-]\s*({DIGITS}{{1,2}})\s*[/.\-]\s*({DIGITS}{{4}})")
_TITLE_YEAR = re.compile(rf"(?<!\bden )\bnam\s+({DIGITS}{{4}})\b")  # "đến năm 2030" is a horizon

_NUMBER_START = re.compile(r"^[^\w]*so\s*(?:[:;.]\s*|(?=[0-9/]))")
# The number as printed: digits (a law adds its year, the Party puts its type after a dash:
# "53/2018/QĐ-UBND", "36-HD/VPTW"), then "/" and the abbreviations, which start with a letter.
_NUMBER_SUFFIX = re.compile(r"/\s*(?=[^\W\d_])[\w&.]+(?:\s*[-–]\s*[\w&.]+)*")
_WORD = re.compile(r"[^\W\d_]+")
_READABLE_NUMBER = re.compile(rf"{DIGITS}+(?:/{DIGITS}{{4}})?(?:-[^\W\d_]+)?")
_BODY_OPENERS = ("kinh gui", "can cu", "thuc hien", "xet de nghi", "theo de nghi", "noi nhan")
# "ngay(?![a-z])", not "ngay\b": OCR glues the figures on ("ngày24", "26tháng10")
_DATE_PARTS = re.compile(r"ngay(?![a-z])(?P<day>.*?)thang(?![a-z])(?P<month>.*?)nam(?![a-z])\s*(?P<year>\S*)")
_DAY_OR_MONTH = re.compile(rf"{DIGITS}{{1,2}}")
_SUBJECT = re.compile(r"^v\s*[/\\|]\s*[vy\\]?(?=\s)")  # "V/v", and OCR's "V/\", "V/y", "V/ "
_GLUED_ITEM = re.compile(r"\s[0-9]{1,2}\s*\.\s+(?=[^\W\d_])")


@dataclass(frozen=True)
class NumberLine:
    index: int
    number: str | None  # "2257/KH-UBND", or None when blank or unreadable
    suffix: str  # "KH-UBND": what follows the slash, as printed
    as_printed: str


@dataclass(frozen=True)
class DateLine:
    index: int
    issued_on: date | None
    year: int | None  # the year alone, when the day or month could not be read
    as_printed: str


@dataclass(frozen=True)
class Header:
    """Where the parts of the header are: line indexes into the FoldedText."""

    end: int  # first line of the body (or of the document-type line)
    title_at: int | None  # the document type in capitals: "KẾ HOẠCH"
    subject_at: int | None  # a công văn's "V/v …" line
    number: NumberLine | None
    date: DateLine | None

    def findings(self) -> list[Finding]:
        """A warning for a number or a date that the header prints but that could not be read."""
        found = []
        if self.number and self.number.number is None:
            found.append(
                Finding(
                    severity="warning",
                    code="document-number-unreadable",
                    field="number",
                    message=f"the document's number could not be read on its line {self.number.as_printed!r} "
                    "(left blank, or written by hand): document.number is left empty",
                    actual=self.number.as_printed,
                )
            )
        if self.date and self.date.issued_on is None:
            found.append(
                Finding(
                    severity="warning",
                    code="issue-date-unreadable",
                    field="issued_on",
                    message=f"the date of issue could not be read on its line {self.date.as_printed!r} "
                    "(day or month left blank, or written by hand): document.issued_on is left empty",
                    actual=self.date.as_printed,
                )
            )
        return found


def find_header(text: FoldedText) -> Header:
    """The header's landmarks: type line, body start, the number line and the date line."""
    body = _body_start(text)
    title_at = _doc_type_line(text, 40 if body is None else body)
    end = title_at if title_at is not None else min(len(text.lines), 15) if body is None else body
    subject_at = next((i for i in range(end) if _SUBJECT.match(text.folded[i])), None)
    number = _number_line(text, end)
    return Header(end, title_at, subject_at, number, _date_line(text, end + 2))


def _body_start(text: FoldedText) -> int | None:
    """The first line of the body ("Kính gửi", "Căn cứ …", "I. …") among the first 40."""
    for index, folded in enumerate(text.folded[:40]):
        if folded.startswith(_BODY_OPENERS) or SECTION_HEADING.match(folded):
            return index
    return None


def _doc_type_line(text: FoldedText, body: int) -> int | None:
    """Index of the line that starts with the document type in capitals ("KẾ HOẠCH"), above the body
    (a Quyết định repeats "QUYẾT ĐỊNH:" below its preamble)."""
    for index, (line, folded) in enumerate(zip(text.lines[:body], text.folded[:body], strict=True)):
        kind = _leading_doc_type(folded)
        if kind and is_capitals(line[: len(kind)]):
            return index
    return None


def _leading_doc_type(folded: str) -> str | None:
    for kind in DOC_TYPES:
        if folded == kind or folded.startswith(kind + " "):
            return kind
    return None


def _number_line(text: FoldedText, end: int) -> NumberLine | None:
    """ "Số: 2257 /KH- UBND" -> 2257/KH-UBND; "Số:      /UBND-NC" or a handwritten "4Z⁄46" -> None."""
    for index in range(min(end + 2, len(text.lines))):
        line, folded = text.lines[index], text.folded[index]
        start = _NUMBER_START.match(folded)
        if not start:
            continue
        suffix = _NUMBER_SUFFIX.search(folded, start.end())
        if suffix is None and index + 1 < len(text.lines) and text.folded[index + 1].startswith("/"):
            # "Số: 329" / "/BC-UBND": an extractor broke the line at the gap before the slash
            line, folded = f"{line} {text.lines[index + 1]}", f"{folded} {text.folded[index + 1]}"
            suffix = _NUMBER_SUFFIX.search(folded, start.end())
        if suffix is None:
            if any(len(word) > 1 and word.islower() for word in _WORD.findall(line[start.end() :])):
                continue  # "Số: 12 người tham gia": a count in the text, not the number line ("2 § I2BCA" is one)
            return NumberLine(index, None, "", line)
        lead = line[start.end() : suffix.start()].strip()
        printed_suffix = re.sub(r"\s+", "", line[suffix.start() + 1 : suffix.end()]).replace("–", "-")
        number = f"{lead}/{printed_suffix}" if _READABLE_NUMBER.fullmatch(fold_aligned(lead)) else None
        return NumberLine(index, number, printed_suffix, line)
    return None


def _date_line(text: FoldedText, end: int) -> DateLine | None:
    """ "Đà Nẵng, ngày 26tháng 7 năm 2020" in the header; citations ("… ngày 21/5/2012 của …") are not it."""
    for index in range(min(end, len(text.lines))):
        folded = text.folded[index]
        at = _own_date_at(folded)
        if at is None:
            continue
        parts = _DATE_PARTS.search(folded, at)
        if parts is None:
            return DateLine(index, None, None, text.lines[index])
        day, month, year = (parts[name].strip(" .,") for name in ("day", "month", "year"))
        year_number = int(year[:4]) if re.fullmatch(rf"{DIGITS}{{4}}\W*", year) else None
        if year_number is not None and not FIRST_YEAR <= year_number <= date.today().year + 1:
            year_number = None  # "năm 2925": OCR, not a date a document was issued on
        issued_on = None
        if _DAY_OR_MONTH.fullmatch(day) and _DAY_OR_MONTH.fullmatch(month) and year_number:
            issued_on = safe_date(str(year_number), month, day)
        return DateLine(index, issued_on, year_number, text.lines[index])
    return None


def is_own_date_line(line: str) -> bool:
    """A document's own dated-place line ("Hưng Yên, ngày 15 tháng 9 năm 2014"), which heads its
    signature block when it stands below the body; a cited date ("Căn cứ … ngày …") is none."""
    folded = fold_aligned(line)
    at = _own_date_at(folded)
    return at is not None and _DATE_PARTS.search(folded, at) is not None


def _own_date_at(folded: str) -> int | None:
    """Where "ngày" starts on the document's own date line: after the place and a comma ("Hà Nội,
    ngày"), or after the number when a two-column header was read as one line."""
    if folded.startswith(_BODY_OPENERS):
        return None
    match = re.search(r",\s*ngay(?![a-z])", folded) or re.match(
        r"^[^\W\d_][^\W\d]*(?:\s+[^\W\d]+){0,3}\s+ngay(?![a-z])", folded
    )
    return match.end() - len("ngay") if match else None


def safe_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _is_title_end(line: str, folded: str, subject: list[str]) -> bool:
    if folded.startswith(("can cu", "kinh gui", "xet ", "thuc hien", "theo de nghi")):
        return True
    if SECTION_HEADING.match(folded) or SIGN_PREFIX.match(folded) or not any(c.isalpha() for c in line):
        return True
    if folded.startswith(("chu tich", "uy ban", "giam doc", "hoi dong")) and is_capitals(line):
        return True  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X" opens a Quyết định's preamble
    if subject and re.search(r"[0-9]{4}$", subject[-1]):
        return True  # subjects end with their year or period: "… năm 2020", "… 2021 - 2025"
    if line.endswith((".", ";")):
        return True  # a sentence of the body, not a wrapped subject
    return bool(subject) and is_capitals(line) and not is_capitals(subject[-1])


def doc_type_and_title(text: FoldedText, header: Header, province: str | None) -> tuple[str | None, str | None]:
    """ "KẾ HOẠCH" + "Khuyến công tỉnh Đồng Nai năm 2020" -> ("Kế hoạch", "Kế hoạch Khuyến công …");
    a công văn: ("Công văn", "Công văn V/v …") from its number and subject."""
    if header.title_at is None:
        return _letter_type_and_title(text, header)
    kind = _leading_doc_type(text.folded[header.title_at])
    if kind is None:
        return None, None
    doc_type = DOC_TYPES[kind]
    title_at = header.title_at
    subject = [text.lines[title_at][len(kind) :].strip()] if len(text.folded[title_at]) > len(kind) else []
    taken = 0  # a subject wraps over three lines at most; rules and specks between them do not count
    for line, folded in zip(
        text.lines[title_at + 1 : title_at + 7], text.folded[title_at + 1 : title_at + 7], strict=False
    ):
        if not any(c.isalpha() for c in line) or re.fullmatch(r"\W*\w?\W*", line):
            continue
        if taken == 3 or _is_title_end(line, folded, subject):
            break
        subject.append(line)
        taken += 1
    words = " ".join(subject).strip(" .:-")
    if not words:
        return doc_type, None
    if is_capitals(words):
        words = _recapitalise_place(words.lower(), province)
    return doc_type, f"{doc_type} {words}"


def _letter_type_and_title(text: FoldedText, header: Header) -> tuple[str | None, str | None]:
    """No type line: a "V/v" subject makes a công văn; otherwise the number's abbreviation names the
    type (a Kế hoạch whose type line OCR lost)."""
    if header.subject_at is None:
        return (_type_from_number(header.number.suffix) if header.number else None), None
    doc_type = LETTER
    subject = []
    stops = {header.number.index if header.number else -1, header.date.index if header.date else -1}
    for index in range(header.subject_at, min(header.subject_at + 6, len(text.lines))):
        line, folded = text.lines[index], text.folded[index]
        if index > header.subject_at and (
            index in stops
            or folded.startswith(_BODY_OPENERS)
            or SECTION_HEADING.match(folded)
            or (is_capitals(line) and len(line.split()) > 1)  # a lone word in capitals is OCR's split ("Hồ" / "SƠ")
            or not any(c.isalpha() for c in line)
        ):
            break
        if header.date and index == header.date.index:
            line = line[: _place_start(line, folded)]  # the right-hand column's date line read into it
        glued = _GLUED_ITEM.search(line)  # a numbered item of the right-hand column read into the line
        subject.append(line[: glued.start() if glued else None].strip(" '\"`~_|"))
    return doc_type, f"{doc_type} {' '.join(subject)}"


def _place_start(line: str, folded: str) -> int:
    """Where the place in front of ", ngày" starts: its capitalised words just before the comma."""
    comma = re.search(r",\s*ngay(?![a-z])", folded)
    if comma is None:
        return len(line)
    words = list(re.finditer(r"\S+", line[: comma.start()]))
    start = comma.start()
    for word in reversed(words[-4:]):
        if not word[0][0].isupper():
            break
        start = word.start()
    return start


def _type_from_number(suffix: str) -> str | None:
    first = re.split(r"[-–]", suffix, maxsplit=1)[0].upper()
    return TYPE_ABBREVIATIONS.get(first)


def _recapitalise_place(lowered: str, province: str | None) -> str:
    """Restore the province's capitals in a subject that was printed all in capitals."""
    if province:
        lowered = lowered.replace(province.lower(), province)
    return lowered


def plan_year(title: str | None, header: Header) -> int | None:
    """The plan's year: the first "… năm 2020" of the title (not "đến năm 2030"), else the year of issue."""
    years = _TITLE_YEAR.findall(fold_aligned(title)) if title else []
    if years:
        return int(years[0])
    if header.date and header.date.issued_on:
        return header.date.issued_on.year
    return header.date.year if header.date else None


# --- preamble: legal bases -----------------------------------------------------------------------


def legal_bases(text: FoldedText, start: int) -> list[str]:
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
        elif current is not None or SECTION_HEADING.match(folded):
            break
    if current:
        bases.append(current)
    return [basis.rstrip(" ;,.") for basis in bases]
