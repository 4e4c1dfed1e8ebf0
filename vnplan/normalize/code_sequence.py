"""Item codes that fall out of the document's own numbering, repaired from their neighbours.

OCR loses the dot of a small code ("15" for 1.5, "11" for 1.1) or doubles a digit ("1.33" for
1.3). Such a code breaks the hierarchy: "15" becomes a section of its own and its row is lost from
section 1. The numbering around it says what it was: the code before it and the code after it
each allow only a few neighbours. A code is repaired only when it does not fit where it stands,
exactly one reading of it (one dot put back, or one character dropped) fits after the code before
it, and the code after it (if any) fits after that reading. Every repair is recorded on the row.

Roman headings are left alone: a document may really repeat "III" (the seed does), and a
repeated numeral cannot be told from a misread one by the sequence alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_ARABIC = re.compile(r"^\d+(?:\.\d+)*$")


def successors(code: str) -> set[str]:
    """Codes that may follow ``code``: its first child, its next sibling, or an ancestor's next."""
    parts = [int(p) for p in code.split(".")]
    following = {".".join(map(str, [*parts, 1]))}
    for depth in range(len(parts)):
        following.add(".".join(map(str, [*parts[:depth], parts[depth] + 1])))
    return following


def readings(code: str) -> set[str]:
    """What a misread dotted code may have been: one dot put back, or one character dropped."""
    with_dot = {code[:i] + "." + code[i:] for i in range(1, len(code)) if code[i - 1] != "." and code[i] != "."}
    dropped = {code[:i] + code[i + 1 :] for i in range(len(code))}
    return {r for r in with_dot | dropped if "." in r and _ARABIC.match(r)}


def repair_codes(codes: Sequence[str | None]) -> dict[int, tuple[str, str]]:
    """Position -> (repaired code, reason) for the codes the sequence around them corrects."""
    repairs: dict[int, tuple[str, str]] = {}
    arabic = [i for i, code in enumerate(codes) if code and _ARABIC.match(code)]
    for k, index in enumerate(arabic):
        code = codes[index]
        assert code is not None
        if k == 0:
            continue
        before = repairs.get(arabic[k - 1], (codes[arabic[k - 1]], ""))[0]
        after = codes[arabic[k + 1]] if k + 1 < len(arabic) else None
        assert before is not None
        if code in successors(before):
            continue
        fitting = [
            r for r in sorted(readings(code)) if r in successors(before) and (after is None or after in successors(r))
        ]
        if len(fitting) == 1:
            between = f"between {before} and {after}" if after else f"after {before}"
            reason = (
                f"code {code} does not follow the numbering {between}; read as {fitting[0]} (OCR lost or added a mark)"
            )
            repairs[index] = (fitting[0], reason)
    return repairs
