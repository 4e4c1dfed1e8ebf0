"""Row codes that step back in a page's own numbering: worth a second look at their cell.

The page reader reads a lone code now and then as another one: a clean bold "5" read "2" at 0.62
(held-out seed 9601 h04 p.4; read alone with only code characters allowed, "5" at 0.97). The row
then joins group 2 with right amounts and a wrong place. On one page the codes read so far say
where each level of the numbering stands (I, then 4, then 4.4): a code of a level still open that
goes back on it ("2" after 4, under the same heading) is no numbering a plan prints, and its cell
is worth reading again. Only codes read as codes are followed here; the whole table's numbering is
settled later (``normalize.code_runs``), across pages and with the rows OCR could not read.
"""

from __future__ import annotations

import re

_ROMAN = re.compile(r"^[IVXLC]+$")
_ARABIC = re.compile(r"^\d+(?:\.\d+)*$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_LETTERS = "abcdđeghiklmnopqrstuvxy"  # the Vietnamese alphabet's order: "đ" comes before "e"


def _style_and_rank(code: str) -> tuple[str, tuple[int, ...]] | None:
    """A code's level style ("roman", "letter", "arabic1" for 2.1 …) and its place within that level."""
    code = code.rstrip(".)")
    if _ROMAN.match(code):
        values = [_ROMAN_VALUES[ch] for ch in code]
        total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
        return "roman", (total,)
    if _ARABIC.match(code):
        parts = tuple(int(p) for p in code.split("."))
        return f"arabic{len(parts) - 1}", parts
    if len(code) == 1 and code in _LETTERS:
        return "letter", (_LETTERS.index(code),)
    return None


def _depth(style: str) -> int:
    """How deep a style usually nests: Roman groups, then 1, 1.1, 1.1.1 …, then letters."""
    if style == "roman":
        return 0
    if style == "letter":
        return 99
    return 1 + int(style.removeprefix("arabic"))


class PageNumbering:
    """The levels open on a page, each with the last code read at that level.

    A page may begin inside a group (2.3 above 3): levels are ordered by their usual nesting, not
    by the order the page shows them. Where a table nests otherwise, a code may be read again for
    nothing; the re-read is taken only where it is a code of the same level that does not step
    back (``fits_instead``)."""

    def __init__(self) -> None:
        self._open: dict[str, tuple[int, ...]] = {}

    def steps_back(self, code: str) -> bool:
        """Whether ``code`` repeats or goes back on the last code of its level, with no outer
        level's code read in between (which would start that level afresh). Letters are followed
        but never said to step back: a cell read again with code characters cannot read one."""
        found = _style_and_rank(code)
        if found is None or found[0] == "letter":
            return False
        style, rank = found
        return style in self._open and rank <= self._open[style]

    def fits_instead(self, new: str, old: str) -> bool:
        """Whether ``new``, read again where ``old`` was read, is a code of the same level that
        does not step back ("5" for "2" after 4.4; not "I" for "1", not "3.1" for "3")."""
        found, was = _style_and_rank(new), _style_and_rank(old)
        return found is not None and was is not None and found[0] == was[0] and not self.steps_back(new)

    def add(self, code: str) -> None:
        """Record ``code`` as read: its level now stands at it, and the levels inside it close."""
        found = _style_and_rank(code)
        if found is None:
            return
        style, rank = found
        self._open = {s: r for s, r in self._open.items() if _depth(s) < _depth(style)}
        self._open[style] = rank
