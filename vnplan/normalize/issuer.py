"""The header's capitals -> the issuing body and its province ("Ủy ban nhân dân tỉnh Đồng Nai", "Đồng Nai").

The issuer is printed in capitals at the top left, over one or two lines ("ỦY BAN NHÂN DÂN" /
"TỈNH ĐỒNG NAI", or "UBND TỈNH X" / "SỞ CÔNG THƯƠNG"), often glued by the layout to the national
motto of the right-hand column. Capitals lose the written form of names, so the known bodies and
departments are spelled out from tables and the rest is re-cased. The place in front of the date
line completes a province name that a line wrap cut short.
"""

from __future__ import annotations

import re

from vnplan.normalize.document_header import NUMBER_LINE
from vnplan.normalize.facts_text import FoldedText, fold_aligned, is_capitals, name_case, plain_words, sentence_case

__all__ = ["body_name", "complete_wrapped_place", "date_line_place", "issuer_and_province"]

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


def _without_motto(line: str, folded: str) -> str:
    """Drop the national motto that a two-column header may have glued onto the issuer line."""
    for motto in ("cong hoa xa hoi", "doc lap - tu do", "doc lap"):
        cut = folded.find(motto)
        if cut >= 0:
            return line[:cut].strip()
    return line


def _split_locality(line: str) -> tuple[str, str | None, str | None]:
    """ "UBND THÀNH PHỐ HÀ NỘI" -> ("UBND", "thành phố", "Hà Nội"); no locality -> (line, None, None)."""
    folded = fold_aligned(line)
    match = re.search(r"(?:^|\s)(tinh|thanh pho|tp)\b\.?\s*(?=\S)", folded)
    if not match:
        return line, None, None
    place = line[match.end() :].strip(" .,-")
    return line[: match.start()].strip(), LOCALITY_WORDS[match[1]], name_case(place) or None


def body_name(line: str) -> str | None:
    """The written form of an issuing body printed in capitals, or None if the line is not one."""
    words = line.replace(".", " ").split()
    folded = fold_aligned(" ".join(words))
    if folded in BODIES:
        return BODIES[folded]
    for kind in AGENCY_KINDS:
        if folded.startswith(kind + " "):
            kind_length = len(kind.split())
            rest = " ".join(words[kind_length:])
            name = AGENCY_NAMES.get(plain_words(fold_aligned(rest))) or sentence_case(rest)
            return f"{sentence_case(' '.join(words[:kind_length]))} {name}"
    return None


def issuer_and_province(text: FoldedText, header_end: int) -> tuple[str | None, str | None]:
    """Issuer ("Ủy ban nhân dân tỉnh Đồng Nai") and province ("Đồng Nai") from the header's capitals."""
    issuer: str | None = None
    locality: tuple[str, str] | None = None
    for line, folded in zip(text.lines[:header_end], text.folded[:header_end], strict=True):
        line = _without_motto(line, folded)
        if not is_capitals(line) or NUMBER_LINE.match(folded):
            continue
        body_part, kind, place = _split_locality(line)
        body = body_name(body_part) if body_part else None
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


def date_line_place(text: FoldedText, header_end: int) -> str | None:
    """The place of the "Đồng Nai, ngày 06 tháng 3 năm 2020" line, as printed."""
    for line, folded in zip(text.lines[: header_end + 2], text.folded[: header_end + 2], strict=False):
        match = _PLACE_BEFORE_DATE.match(folded)
        if match:
            return line[match.start("place") : match.end("place")].strip()
    return None


def complete_wrapped_place(
    issuer: str | None, province: str | None, place: str | None
) -> tuple[str | None, str | None]:
    """A header name cut by a line wrap ("TỈNH ĐỒNG" / "NAI") is completed from the date line's
    place when that place starts with it; a different place is left alone (a body in one city can
    date its letter in another)."""
    if not (issuer and province and place) or not issuer.endswith(province):
        return issuer, province
    head, full = fold_aligned(province).split(), fold_aligned(place).split()
    if len(full) > len(head) and full[: len(head)] == head:
        return issuer[: -len(province)] + place, place
    return issuer, province
