"""The document's header and preamble -> its type, number, date of issue, title, plan year, legal bases.

The header of a Vietnamese administrative document has a fixed shape (Nghị định 30/2020/NĐ-CP):
"Số: 123/KH-UBND" and "X, ngày 6 tháng 3 năm 2020" under the issuer, then the document type in
capitals ("KẾ HOẠCH") with the subject on the same or the next lines, then one "Căn cứ …" paragraph
per legal basis. The line of the document type is the anchor: the header is what comes before it.
The issuer and province are read by ``vnplan.normalize.issuer``.
"""

from __future__ import annotations

import re
from datetime import date

from vnplan.normalize.facts_text import DIGITS, SECTION_HEADING, SIGN_PREFIX, FoldedText, fold_aligned, is_capitals

__all__ = [
    "CODE",
    "DATE_SLASHES",
    "DATE_WORDS",
    "DOC_TYPES",
    "NUMBER_LINE",
    "doc_type_and_title",
    "document_number",
    "find_doc_type_line",
    "issue_date",
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
}

CODE = rf"{DIGITS}+(?:\s*[/\-–]\s*[0-9a-z]+)+"  # 2257/KH-UBND, 53/2018/QĐ-UBND (folded)
NUMBER_LINE = re.compile(rf"^so\s*[:;.]?\s*({CODE})")
DATE_WORDS = re.compile(rf"ngay\s+({DIGITS}{{1,2}})\s+thang\s+({DIGITS}{{1,2}})\s+nam\s+({DIGITS}{{4}})")
DATE_SLASHES = re.compile(rf"({DIGITS}{{1,2}})\s*[/.\-]\s*({DIGITS}{{1,2}})\s*[/.\-]\s*({DIGITS}{{4}})")
_TITLE_YEAR = re.compile(rf"\bnam\s+({DIGITS}{{4}})\b")


def find_doc_type_line(text: FoldedText) -> int | None:
    """Index of the line that starts with the document type in capitals ("KẾ HOẠCH")."""
    for index, (line, folded) in enumerate(zip(text.lines[:40], text.folded[:40], strict=True)):
        kind = _leading_doc_type(folded)
        if kind and is_capitals(line[: len(kind)]):
            return index
    return None


def _leading_doc_type(folded: str) -> str | None:
    for kind in DOC_TYPES:
        if folded == kind or folded.startswith(kind + " "):
            return kind
    return None


def document_number(text: FoldedText, header_end: int) -> str | None:
    """ "Số: 2257 /KH- UBND" -> "2257/KH-UBND"."""
    for line, folded in zip(text.lines[:header_end], text.folded[:header_end], strict=True):
        match = NUMBER_LINE.match(folded)
        if match:
            return re.sub(r"\s+", "", line[match.start(1) : match.end(1)]).replace("–", "-")
    return None


def safe_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def issue_date(text: FoldedText, header_end: int) -> date | None:
    """The "…, ngày 06 tháng 3 năm 2020" line of the header."""
    # Two lines of slack: a right-hand header column can be read after the document type.
    for folded in text.folded[: header_end + 2]:
        match = DATE_WORDS.search(folded)
        if match:
            return safe_date(match[3], match[2], match[1])
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


def doc_type_and_title(text: FoldedText, title_at: int | None, province: str | None) -> tuple[str | None, str | None]:
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
    if is_capitals(words):
        words = _recapitalise_place(words.lower(), province)
    return doc_type, f"{doc_type} {words}"


def _recapitalise_place(lowered: str, province: str | None) -> str:
    """Restore the province's capitals in a subject that was printed all in capitals."""
    if province:
        lowered = lowered.replace(province.lower(), province)
    return lowered


def plan_year(title: str | None, issued_on: date | None) -> int | None:
    """The plan's year: "… năm 2020" in the title, else the year of issue."""
    years = _TITLE_YEAR.findall(fold_aligned(title)) if title else []
    if years:
        return int(years[-1])
    return issued_on.year if issued_on else None


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
