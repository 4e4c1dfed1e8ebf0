"""The header's capitals -> the issuing body and its province ("Ủy ban nhân dân tỉnh Đồng Nai", "Đồng Nai").

The issuer is printed in capitals at the top left, over one or two lines ("ỦY BAN NHÂN DÂN" /
"TỈNH ĐỒNG NAI", or "UBND TỈNH X" / "SỞ CÔNG THƯƠNG": the body is the lower line, its parent the
upper), above the number line. The national motto of the right-hand column is often read into the
same lines, damaged by OCR ("BỘ CÔNG AN HÒA CỌNG XÃ HỘI CHỦ NGHĨA VIỆT NAM"): it is cut off, and
only lines above the number and date are read, so a body named in the text is never the issuer.
Capitals lose the written form of names, so the known bodies and departments are spelled out from
tables, provinces from the list of provinces (which also mends their OCR-damaged accents), and the
rest is re-cased. The place in front of the date line completes a province name that a line wrap
cut short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise

from rapidfuzz import fuzz, process

from vnplan.normalize.document_header import Header
from vnplan.normalize.facts_text import FoldedText, fold_aligned, is_capitals, name_case, plain_words, sentence_case

__all__ = ["body_name", "complete_wrapped_place", "cut_motto", "date_line_place", "issuer_and_province"]

# Issuing bodies as printed in capitals (or abbreviated) -> their written form.
BODIES = {
    "uy ban nhan dan": "Ủy ban nhân dân",
    "ubnd": "Ủy ban nhân dân",
    "hoi dong nhan dan": "Hội đồng nhân dân",
    "hdnd": "Hội đồng nhân dân",
    "cong an": "Công an",
}
# Other bodies start with one of these words; the rest of the name is written in sentence case,
# except the few departments whose official names capitalise each part.
AGENCY_KINDS = {
    "so": "Sở",
    "bo": "Bộ",
    "ban": "Ban",
    "trung tam": "Trung tâm",
    "van phong": "Văn phòng",
    "chi cuc": "Chi cục",
    "cuc": "Cục",
    "phong": "Phòng",
}  # folded -> written: the kind's accents are put back where OCR lost them ("SƠ" for "SỞ")
AGENCY_NAMES = {
    "cong thuong": "Công Thương",
    "ke hoach va dau tu": "Kế hoạch và Đầu tư",
    "khoa hoc va cong nghe": "Khoa học và Công nghệ",
    "tai nguyen va moi truong": "Tài nguyên và Môi trường",
    "nong nghiep va phat trien nong thon": "Nông nghiệp và Phát triển nông thôn",
    "nong nghiep va moi truong": "Nông nghiệp và Môi trường",
    "giao duc va dao tao": "Giáo dục và Đào tạo",
    "lao dong thuong binh va xa hoi": "Lao động - Thương binh và Xã hội",
    "van hoa the thao va du lich": "Văn hóa, Thể thao và Du lịch",
    "thong tin va truyen thong": "Thông tin và Truyền thông",
    "dan toc va ton giao": "Dân tộc và Tôn giáo",
}
# Places an issuer is named after: a province (or centrally run city), or a district or commune
# level unit, which belongs to the issuer's name but is no province.
LOCALITY_WORDS = {"tinh": "tỉnh", "thanh pho": "thành phố", "tp": "thành phố"}
LOCAL_WORDS = {
    "huyen": "huyện",
    "quan": "quận",
    "thi xa": "thị xã",
    "thi tran": "thị trấn",
    "xa": "xã",
    "phuong": "phường",
    "dac khu": "đặc khu",
}
_LOCALITY = re.compile(rf"(?:^|\s)({'|'.join([*LOCALITY_WORDS, *LOCAL_WORDS])})\b\.?\s*(?=\S)")

# The national motto "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc": its word
# pairs, in either order (OCR of a two-column header swaps words: "HÒA CỌNG"). "Việt Nam" alone is
# not one: bodies carry it in their names.
_MOTTO = ["cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam", "doc", "lap", "tu", "do", "hanh", "phuc"]
_MOTTO_WORDS = frozenset(_MOTTO)
_MOTTO_PAIRS = frozenset(frozenset(pair) for pair in pairwise(_MOTTO)) - {frozenset(("viet", "nam"))}
_EDGE_NOISE = " \t-–—_.,;:|`'\"~*•·()[]"


def cut_motto(line: str) -> str:
    """The line without the national motto that a two-column header glued onto it, and without the
    dashes and specks around it: "BỘ CÔNG AN HÒA CỌNG XÃ HỘI …" -> "BỘ CÔNG AN"."""
    folded = fold_aligned(line)
    words = list(re.finditer(r"[a-z]+", folded))
    for index in range(len(words) - 1):
        if frozenset((words[index][0], words[index + 1][0])) in _MOTTO_PAIRS:
            tail = [word[0] for word in words[index:]]
            motto_words = sum(word in _MOTTO_WORDS for word in tail)
            if motto_words >= 3 and motto_words >= 0.6 * len(tail):  # "XÃ HỘI" alone is a name's
                line = line[: words[index].start()]
                break
    line = line.strip(_EDGE_NOISE)
    return re.sub(r"^(?:\S\s+)+", "", line)  # a speck read as a letter before it: "r ỦY BAN NHÂN DÂN"


@dataclass(frozen=True)
class _Locality:
    kind: str  # "tỉnh", "thành phố", "huyện" …
    place: str
    is_province: bool

    def __str__(self) -> str:
        return f"{self.kind} {self.place}"


def _split_locality(line: str) -> tuple[str, _Locality | None]:
    """ "UBND THÀNH PHỐ HÀ NỘI" -> ("UBND", thành phố Hà Nội); no locality -> (line, None).

    A district or commune ("HUYỆN", "XÃ", "QUẬN") only follows a council or committee, or opens the
    line: in "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" or "BAN QUẢN LÝ" the word is part of a name.
    A "thành phố" is a province only when it is one of the centrally run cities.
    """
    folded = fold_aligned(line)
    for match in _LOCALITY.finditer(folded):
        body_part = line[: match.start()].strip()
        place = line[match.end() :].strip(" .,-")
        if match[1] in LOCALITY_WORDS:
            written = province_name(place)
            is_province = match[1] == "tinh" or _is_province(place)
            return body_part, _Locality(LOCALITY_WORDS[match[1]], written, is_province)
        if not body_part or plain_words(fold_aligned(body_part)) in BODIES:
            return body_part, _Locality(LOCAL_WORDS[match[1]], name_case(place.lower()), False)
    return line, None


# How close (rapidfuzz ratio on the letters without accents and spaces) an OCR-damaged name must
# be to one of a closed list, and how much closer than the next one, to be taken for it.
_NAME_MATCH = 88.0
_NAME_MARGIN = 6.0


@cache
def _closed_list(filename: str) -> dict[str, str]:
    """Letters (no accents, no spaces) of each name in vnplan/data/<filename> -> its written form."""
    text = resources.files("vnplan").joinpath(f"data/{filename}").read_text(encoding="utf-8")
    names = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {_letters(name): name for name in names}


def _letters(name: str) -> str:
    return plain_words(fold_aligned(name)).replace(" ", "")


def _known_name(printed: str, filename: str, same_first_word: bool = False) -> str | None:
    """The name of the list that `printed` is, allowing a few OCR slips ("LÂẦM ĐỎNG" is Lâm Đồng);
    with `same_first_word`, only among names that start with the same word (a Sở is no Bộ)."""
    names = _closed_list(filename)
    key = _letters(printed)
    if key in names:
        return names[key]
    if len(key) < 6:
        return None
    if same_first_word:
        first = plain_words(fold_aligned(printed)).split(" ", 1)[0]
        names = {k: v for k, v in names.items() if plain_words(fold_aligned(v)).split(" ", 1)[0] == first}
    best = process.extract(key, list(names), scorer=fuzz.ratio, limit=2)
    if not best or best[0][1] < _NAME_MATCH or (len(best) > 1 and best[0][1] - best[1][1] < _NAME_MARGIN):
        return None
    return names[best[0][0]]


def _is_province(place: str) -> bool:
    return _known_name(place, "provinces.txt") is not None


def province_name(place: str) -> str:
    """A place printed in capitals, written out: a province by its official spelling, which also
    puts back accents OCR lost or changed ("LÂM ĐÒNG" -> "Lâm Đồng"); any other place re-cased."""
    return _known_name(place, "provinces.txt") or name_case(place.lower())


def body_name(line: str) -> str | None:
    """The written form of an issuing body printed in capitals, or None if the line is not one."""
    words = line.replace(".", " ").split()
    folded = fold_aligned(" ".join(words))
    spaced_out = {_letters(name): written for name, written in BODIES.items()}.get(_letters(line))
    if spaced_out:
        return spaced_out  # "ỦY BANNHÂN DÂN": OCR lost a space
    central = _known_name(line, "central_bodies.txt", same_first_word=True)
    if central:
        return central
    for kind in AGENCY_KINDS:
        if folded.startswith(kind + " "):
            kind_length = len(kind.split())
            rest = " ".join(words[kind_length:])
            name = AGENCY_NAMES.get(plain_words(fold_aligned(rest))) or sentence_case(rest)
            return f"{AGENCY_KINDS[kind]} {name}"
    return None


def issuer_and_province(text: FoldedText, header: Header) -> tuple[str | None, str | None]:
    """Issuer ("Ủy ban nhân dân tỉnh Đồng Nai") and province ("Đồng Nai") from the issuer block."""
    issuer: str | None = None
    province: _Locality | None = None
    local: _Locality | None = None
    for line in _block_lines(text, header):
        line = cut_motto(line)
        if not is_capitals(line):
            continue
        body_part, locality = _split_locality(line)
        body = body_name(body_part) if body_part else None
        if body is None and issuer and plain_words(fold_aligned(line)) in AGENCY_KINDS:
            body = f"{sentence_case(line)} {issuer}"  # "UBND TỈNH X" / "VĂN PHÒNG": the committee's office
        if body:
            issuer = body  # a lower line names the actual issuer ("UBND TỈNH X" / "SỞ CÔNG THƯƠNG")
        if locality and locality.is_province:
            province = locality
        elif locality:
            local = locality
    if issuer is None:
        return None, None
    place = local or province
    return (f"{issuer} {place}" if place else issuer), province.place if province else None


def _block_lines(text: FoldedText, header: Header) -> list[str]:
    """The lines that can hold the issuer block: above the number and date lines (a reading that put
    those first falls back to the whole header)."""
    marks = [m.index for m in (header.number, header.date) if m is not None]
    top = min(marks, default=header.end)
    return text.lines[:top] if top > 0 else text.lines[: header.end]


# The place before ", ngày": at the start of the line, or after the number when a two-column header
# was read as one line ("Số: 12/UBND Hà Nội, ngày …"); never a piece of the number itself.
_PLACE_BEFORE_DATE = re.compile(r"(?:^|\s)(?P<place>[^\W\d_][^\d,/]{0,40}?)\s*,\s*ngay(?![a-z])")


def date_line_place(text: FoldedText, header: Header) -> str | None:
    """The place of the "Đồng Nai, ngày 06 tháng 3 năm 2020" line, as printed."""
    if header.date is None:
        return None
    match = _PLACE_BEFORE_DATE.search(text.folded[header.date.index])
    if match is None:
        return None
    return text.lines[header.date.index][match.start("place") : match.end("place")].strip()


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
