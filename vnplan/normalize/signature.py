"""The signature block at the end -> who signed and in what position ("Phó Chủ tịch", "Nguyễn Văn A").

The block is printed in capitals: "TM. ỦY BAN NHÂN DÂN" (on behalf of), "KT. CHỦ TỊCH" (for), then
the signer's own position ("PHÓ CHỦ TỊCH"), sometimes all glued on one line or placed after
"Nơi nhận:" by a two-column layout; the name follows a few lines down, under "(Đã ký)" or a stamp.
The position that signs is the last one of the block; it and the name are re-cased from capitals.
"""

from __future__ import annotations

import re

from vnplan.normalize.facts_text import SIGN_PREFIX, WORD, FoldedText, fold_aligned, is_capitals, name_case, plain_words
from vnplan.normalize.issuer import body_name

__all__ = ["signature"]

# Signer positions; a leading "phó"/"chánh"/"tổng" keeps the following word capitalised too.
POSITION_PREFIXES = frozenset({"phó", "chánh", "tổng"})
POSITIONS = frozenset(
    {"chu tich", "pho chu tich", "giam doc", "pho giam doc", "tong giam doc", "chanh van phong"}
    | {"pho chanh van phong", "truong ban", "pho truong ban", "bo truong", "thu truong"}
    | {"cuc truong", "pho cuc truong", "truong phong", "pho truong phong", "chi cuc truong"}
)


def _position_in(line: str) -> bool:
    """Whether a capitals line names a position ("PHÓ CHỦ TỊCH", "ỦY BAN NHÂN DÂN CHỦ TỊCH")."""
    plain = plain_words(fold_aligned(line))
    return is_capitals(line) and any(plain == p or plain.endswith(" " + p) for p in POSITIONS)


def signature(text: FoldedText, start: int) -> tuple[str | None, str | None]:
    """(signer_title, signer) from "TM. … / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" and the name below it."""
    for index in range(start, len(text.lines)):
        head = _block_head(text.lines[index], text.folded[index])
        if head is None:
            continue
        block, after = [head], index + 1
        while SIGN_PREFIX.match(fold_aligned(block[-1])) and after < min(len(text.lines), index + 4):
            line = text.lines[after]
            if not (SIGN_PREFIX.match(text.folded[after]) or _position_in(line)) or not is_capitals(line):
                break
            block.append(line)
            after += 1
        signer = _signer_name(text, after)
        if signer or SIGN_PREFIX.match(fold_aligned(head)):
            return _signer_title(block), signer
    return None, None


def _block_head(line: str, folded: str) -> str | None:
    """The start of a signature block in this line: from "TM."/"KT."/"TL." on (a two-column
    layout may put "Nơi nhận:" before it), or a position line on its own ("CHỦ TỊCH")."""
    prefix = re.search(r"(?:^|\s)((?:tm|kt|tl|tuq)\s*\.)", folded)
    if prefix and is_capitals(line[prefix.start(1) :]):
        return line[prefix.start(1) :]
    if plain_words(folded) in POSITIONS and is_capitals(line):
        return line
    return None


def _signer_title(block: list[str]) -> str | None:
    """The position that actually signs: the last segment of the block, sentence-cased."""
    segments = [seg for line in block for seg in re.split(r"\s+(?=(?:TM|KT|TL|TUQ)\s*\.)", line)]
    if not segments:
        return None
    last = segments[-1]
    prefix = SIGN_PREFIX.match(fold_aligned(last))
    if prefix:
        # "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" glued on one line: the signer's own position is the tail.
        rest = last[prefix.end() :]
        tails = [p for p in POSITIONS if plain_words(fold_aligned(rest)).endswith(" " + p)]
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


def _signer_name(text: FoldedText, start: int) -> str | None:
    """The first line after the block that reads as a person's name (2–6 capitalised syllables)."""
    for line, folded in zip(text.lines[start : start + 6], text.folded[start : start + 6], strict=True):
        words = line.split()
        if "da ky" in folded or len(words) < 2:
            continue  # "(Đã ký)", stamp fragments
        if len(words) > 6 or not all(WORD.fullmatch(word) and word[0].isupper() for word in words):
            return None
        if body_name(line) or "nhan dan" in folded or plain_words(folded) in POSITIONS:
            return None
        return name_case(line.lower()) if is_capitals(line) else line
    return None
