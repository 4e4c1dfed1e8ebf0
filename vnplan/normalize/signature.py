"""The signature block at the end -> who signed and in what position ("Phó Chủ tịch", "Nguyễn Văn A").

The block is printed in capitals: "TM. ỦY BAN NHÂN DÂN" (on behalf of), "KT. CHỦ TỊCH" (for), then
the signer's own position ("PHÓ CHỦ TỊCH"), sometimes all glued on one line; the name follows a
few lines down, under "(Đã ký)", the signature and the seal, sometimes after a rank
("Thượng tướng Nguyễn Văn Long"). The block sits beside the "Nơi nhận:" list, so a reading of the
page line by line interleaves the two: recipients ("- Bộ Nội vụ;") between the block's lines are
stepped over. The position that signs is the last one of the block, written out from a table of
positions (which also puts back accents OCR lost); the name is re-cased from capitals.
"""

from __future__ import annotations

import re

from vnplan.normalize.facts_text import SIGN_PREFIX, WORD, FoldedText, fold_aligned, is_capitals, name_case, plain_words
from vnplan.normalize.issuer import body_name
from vnplan.normalize.syllables import is_valid_syllable

__all__ = ["signature"]

# Signer positions, folded -> written form.
POSITIONS = {
    "chu tich": "Chủ tịch",
    "pho chu tich": "Phó Chủ tịch",
    "giam doc": "Giám đốc",
    "pho giam doc": "Phó Giám đốc",
    "tong giam doc": "Tổng Giám đốc",
    "chanh van phong": "Chánh Văn phòng",
    "pho chanh van phong": "Phó Chánh Văn phòng",
    "truong ban": "Trưởng ban",
    "pho truong ban": "Phó Trưởng ban",
    "thu tuong": "Thủ tướng",
    "pho thu tuong": "Phó Thủ tướng",
    "bo truong": "Bộ trưởng",
    "thu truong": "Thứ trưởng",
    "cuc truong": "Cục trưởng",
    "pho cuc truong": "Phó Cục trưởng",
    "truong phong": "Trưởng phòng",
    "pho truong phong": "Phó Trưởng phòng",
    "chi cuc truong": "Chi cục trưởng",
    "hieu truong": "Hiệu trưởng",
    "pho hieu truong": "Phó Hiệu trưởng",
}
# The deputies' positions: the only ones that sign "KT." (for the head).
DEPUTIES = frozenset(written for written in POSITIONS.values() if written.startswith("Phó") or written == "Thứ trưởng")
# Military and police ranks printed before a signer's name.
_RANKS = ("dai tuong", "thuong tuong", "trung tuong", "thieu tuong", "dai ta", "thuong ta", "trung ta", "thieu ta")
_BLOCK_REACH = 8  # lines after the head in which the signer's own position may follow
_NAME_REACH = 14  # lines after the block in which the name may follow (seal, signature, recipients)
_RECIPIENT = re.compile(r"^\W*(?:-|\+|•|noi nhan|luu\b)")


def _position(line: str) -> str | None:
    """The position a capitals line ends with ("PHÓ CHỦ TỊCH", "ỦY BAN NHÂN DÂN CHỦ TỊCH"), written out."""
    if not is_capitals(line):
        return None
    plain = plain_words(fold_aligned(line))
    ends = [p for p in POSITIONS if plain == p or plain.endswith(" " + p)]
    return POSITIONS[max(ends, key=len)] if ends else None


def signature(text: FoldedText, start: int) -> tuple[str | None, str | None]:
    """(signer_title, signer) from "TM. … / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" and the name below it."""
    for index in range(start, len(text.lines)):
        head = _block_head(text.lines[index], text.folded[index])
        if head is None:
            continue
        position, after = _signer_position(text, head, index + 1)
        signer = _signer_name(text, after)
        if signer or SIGN_PREFIX.match(fold_aligned(head)):
            return position, signer
    return None, None


def _block_head(line: str, folded: str) -> str | None:
    """The start of a signature block in this line: from "TM."/"KT."/"TL." on, as far as the capitals
    go (a two-column reading may put "Nơi nhận:" before or after it), or a position on its own."""
    prefix = re.search(r"(?:^|\s)((?:tm|kt|tl|tuq)\s*\.)", folded)
    if prefix:
        capitals = _leading_capitals(line[prefix.start(1) :])
        if len(capitals) > len(prefix[1]):
            return capitals
    if plain_words(folded) in POSITIONS and is_capitals(line):
        return line
    # "GIÁM ĐỐC Nơi nhận:" / "Nơi nhận: CỤC TRƯỞNG": the position beside the recipients' heading
    beside = re.sub(r"(?i)n\w{1,2}i\s+nh\w{1,3}n\s*:?", " ", line).strip()
    if beside != line.strip() and plain_words(fold_aligned(beside)) in POSITIONS and is_capitals(beside):
        return beside
    return None


def _leading_capitals(text: str) -> str:
    """The run of words in capitals (and the prefixes' dots) that starts `text`."""
    words = []
    for word in text.split():
        if any(char.isalpha() for char in word) and not is_capitals(word) and not _is_one_capital(word):
            break
        words.append(word)
    return " ".join(words).strip()


def _is_one_capital(word: str) -> bool:
    letters = [char for char in word if char.isalpha()]
    return len(letters) == 1 and letters[0].isupper()


def _signer_position(text: FoldedText, head: str, start: int) -> tuple[str | None, int]:
    """The last position of the block and the line after it: the head's own tail ("KT. CHỦ TỊCH
    PHÓ CHỦ TỊCH" on one line) or a later capitals line, past recipients read in between."""
    position = _position_after_prefixes(head) if SIGN_PREFIX.match(fold_aligned(head)) else _position(head)
    principals = {_principal(head)}
    for_the_head = _signs_for_the_head(head)
    after = start
    for index in range(start, min(start + _BLOCK_REACH, len(text.lines))):
        line, folded = text.lines[index], text.folded[index]
        if SIGN_PREFIX.match(folded) and is_capitals(line):
            position, after = _position_after_prefixes(line) or position, index + 1
            principals.add(_principal(line))
            for_the_head = for_the_head or _signs_for_the_head(line)
            continue
        found = _position(_leading_capitals(line)) or _position(_trailing_capitals(line))
        if found and found not in principals and (not for_the_head or found in DEPUTIES):
            return found, index + 1
        if not (_RECIPIENT.match(folded) or not any(char.isalpha() for char in line)):
            break
    return position, after


def _signs_for_the_head(segment: str) -> bool:
    """ "KT." (ký thay): a deputy signs for the head, so the signer's own position is a deputy's."""
    return re.search(r"(?:^|\s)KT\s*\.", segment.upper()) is not None


def _principal(segment: str) -> str | None:
    """Who "KT."/"TL." sign for ("KT. GIÁM ĐỐC" -> "Giám đốc"): never the signer's own position, so a
    reading that lost the "PHÓ" of "PHÓ GIÁM ĐỐC" leaves the position empty rather than wrong."""
    match = re.search(r"(?:^|\s)(?:KT|TL|TUQ)\s*\.\s*(.+)$", segment.upper())
    return _position(match[1]) if match else None


def _position_after_prefixes(segment: str) -> str | None:
    """ "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH" -> "Phó Chủ tịch". After the last prefix come
    the body or the principal ("KT. CHỦ TỊCH": for the Chủ tịch) and then, when glued on, the
    signer's own position: only a position after something else is the signer's."""
    last = plain_words(fold_aligned(re.split(r"(?:^|\s)(?:TM|KT|TL|TUQ)\s*\.\s*", segment.upper())[-1]))
    ends = [p for p in POSITIONS if last.endswith(" " + p)]
    return POSITIONS[max(ends, key=len)] if ends else None


def _trailing_capitals(line: str) -> str:
    words = line.split()
    tail: list[str] = []
    while words and is_capitals(words[-1]):
        tail.insert(0, words.pop())
    return " ".join(tail)


def _signer_name(text: FoldedText, start: int) -> str | None:
    """The first line after the block that ends in a person's name: 3-5 capitalised Vietnamese
    syllables, after a rank or OCR specks from the seal; recipients and "(Đã ký)" are stepped over."""
    for line, folded in zip(
        text.lines[start : start + _NAME_REACH], text.folded[start : start + _NAME_REACH], strict=False
    ):
        if "da ky" in folded or _RECIPIENT.match(folded):
            continue
        name = _name_at_end(line)
        if name:
            return name
    return None


def _name_at_end(line: str) -> str | None:
    words = WORD.findall(line)
    tail: list[str] = []
    for word in reversed(words):
        if not (word[0].isupper() and is_valid_syllable(word) and (word.isupper() or word[1:].islower())):
            break
        tail.insert(0, word)
    folded_tail = [fold_aligned(word) for word in tail]
    for rank in _RANKS:  # "Thượng tướng Nguyễn Văn Long": the rank is not the name
        size = len(rank.split())
        if " ".join(folded_tail[:size]) == rank:
            tail = tail[size:]
    if not 3 <= len(tail) <= 5:
        return None  # full names have three syllables or more; two capitalised ones are mostly places
    name = " ".join(tail)
    folded_name = fold_aligned(name)
    if body_name(name) or "nhan dan" in folded_name or plain_words(folded_name) in POSITIONS:
        return None
    if not line.rstrip().endswith(tail[-1]):
        return None  # a name ends its line; "Hà Nội, ngày …" does not
    return name_case(name.lower()) if is_capitals(name) else name
