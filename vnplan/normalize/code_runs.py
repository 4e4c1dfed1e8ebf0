"""Codes OCR lost or misread, settled by the whole numbering of the table at once.

A streak of specks down the code column leaves a run of code cells unread ("hsx cổ", "ly, ¬"
for c, d, e …), reads a code among marks ("1.2 — 3", "„3.3."), or reads another code ("3.3" for
2.3). One row at a time the neighbours say nothing: they are unread too. The numbering as a whole
does: b, ?, ?, ?, ?, 4 leaves only c, d, e, f; I, ?, ?, "1.2 — 3", ?, ?, "22" only 1, 1.1, 1.2, 2,
2.1, 2.2.

The table's numbering is read as a path through its levels (``hierarchy.step_path``): after a
row, the next code is the next one of any level open above it ("c" after "b", "4" after the
letters under 3), or the first one of a level the table itself opens under such a row elsewhere
("a" under an Arabic number where other numbers hold letters; "1", or the number after the last,
under a Roman heading). Every way to number the rows is weighed: a code read clean costs nothing
and stays as read, a code read among marks costs something to overrule, a code cell read as
nothing readable costs nothing whatever it is given, and an OCR-read code that follows neither
its neighbours may be replaced at a cost. A row gets a code only where every cheapest numbering
gives it that one code, entered and left in sequence; where the numbering leaves a choice (the
rows after the last code read, a run longer or shorter than its gap), nothing is invented. Where
the ways to number are too many to search (a run of some thirty unread codes), none is settled.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from vnplan.normalize.cells import DraftRow
from vnplan.normalize.code_sequence import next_code, readings
from vnplan.normalize.hierarchy import assign_hierarchy, code_style, step_path
from vnplan.schemas import Finding, Row

_ROMAN = re.compile(r"^[IVXL]+$")
# A code cell of strokes only ("HH", "I|", "l1"): a Roman heading OCR could not read, never an item
_STROKES = re.compile(r"^[\W_]*[IHl|1VX][IHl|1VX\W_]*$")
# A code at the start of a code cell that reads as no code ("1.2 — 3", "„3.3.", "__ b—"): a
# number, a Roman numeral or a lone small letter, then marks or the end.
_CODE_IN_MARKS = re.compile(r"^[\W_]*(?P<code>\d{1,2}(?:\.\d{1,2}){0,3}|[IVX]{1,4}|[a-zđ])(?=[\W_]|$)")

# What each way of numbering the rows costs, per row where it departs from what was read.
KEEP_OUT_OF_SEQUENCE = 20  # a code as read that does not follow the row above (a real skip, or a misread)
OVERRULE_MARKS = 20  # a code read among marks, given another
LOOK_ALIKE = 10  # a code read with a dot lost or a digit doubled ("22" for 2.2), or a look-alike ("l" for 1)
REPLACE = 30  # an OCR-read code that follows neither neighbour, given another
CODE_A_BLANK = 1  # an OCR-read row whose code cell reads blank, given a code: only where it saves the rest
# Weighed by the sums (``settle_codes(..., weigh=True)``): a row whose code was not read, placed
# under a parent whose total is smaller than its own, a part larger than its whole. Dearer than overruling a code
# glimpsed among marks: held-out seed 9701 h05, heading "2" (its code unread) numbered "c" under
# "1", 2 711 410 000 under 1 071 200 000, because a "2" glimpsed in a later item's marks anchored
# that numbering.
OVER_ITS_PARENT = 25
# Where the numbering may stand after a row: a run of rows whose codes were not read multiplies
# them (each may take any code that can follow): under three levels, a run of 30 made some 7 000
# states in a row (3 s of search), and the number grows faster than the run's square. Past this many in
# one row, the search is given up: the weighing by the sums (totals make states that agree on
# every code distinct), after which the codes the numbering settles without the sums all stand; or
# the numbering itself, after which no code of the table is settled. Before dotted codes' last
# codes were dropped from the states and the dearer ones pruned, a run of 20 took 10 s, one of 40
# over three minutes; and the weighing, given up then on 5 000 states, now weighs tables it did not
# (their sums may leave open codes the numbering alone settles).
MAX_STATES = 10_000
NARROW_SEARCH = 50  # states kept per row by the search that only prices one numbering
# Codes OCR reads for one another in a code cell: a lone stroke (1, l, I), round small letters, and
# the digits a letter's shape repeats (5 and s; a clean "2" read "z" at 0.0, held-out seed 11201 h07).
CONFUSABLE = {
    "1": "lI", "l": "1I", "I": "1l", "a": "do", "c": "eo", "d": "a", "e": "c", "o": "ace", "5": "s", "s": "5",
    "z": "2", "2": "z",
}  # fmt: skip
# The usual nesting of numbering styles, outermost first: where the rows read leave a level's place
# open (its opening rows unread), a style opens the next one of these the table uses.
USUAL_NESTING = ("upper", "roman", "arabic0", "arabic1", "arabic2", "arabic3", "letter")

Path = tuple[tuple[str, str], ...]
Choice = tuple[str | None, int, bool]  # a code a row may take (None: none), its cost, whether it follows the row above


@dataclass(frozen=True)
class State:
    """Where the numbering stands after a row: the open path, and the last code of each style (a
    level may number on across the groups above it: II / 3 after I / 1, 2)."""

    path: Path
    last: tuple[tuple[str, str], ...]
    totals: tuple[Decimal | None, ...] = ()  # weighing the sums: the total of each path code's row

    @property
    def code(self) -> str | None:
        return self.path[-1][1] if self.path else None

    def after(self, code: str | None, total: Decimal | None = None, weigh: bool = False) -> State:
        if code is None:
            return self
        last = dict(self.last)
        if not _dotted(style := code_style(code)):
            last[style] = code  # a dotted level opens at its parent's ".1" only: its last code is no state
        path = tuple(step_path(self.path, code))  # a prefix of the open path, and the code under it
        totals = (*self.totals[: len(path) - 1], total) if weigh else ()
        return State(path, tuple(sorted(last.items())), totals)

    def parent_total(self, code: str) -> Decimal | None:
        """The total of the row ``code`` would stand under after this state (None: none, or unread)."""
        depth = len(step_path(self.path, code)) - 1
        return self.totals[depth - 1] if 0 < depth <= len(self.totals) else None


TOP = State((), ())  # before the first row: no level open, no code yet


def _dotted(style: str) -> bool:
    """A style of dotted codes ("2.1", "2.1.3"): it opens at its parent's ".1" and carries its number."""
    return style.startswith("arabic") and style != "arabic0"


def code_in_marks(text: str) -> str | None:
    """The code a code cell of marks starts with ("1.2 — 3" -> "1.2"), if any."""
    found = _CODE_IN_MARKS.match(text.strip())
    return found.group("code") if found else None


def openings(codes: Sequence[str | None], hints: Sequence[str] = ()) -> dict[str | None, set[str]]:
    """Style of a row -> the styles the table opens under such a row (None: at the top): those its
    rows read open under two rows or more (one may be a misread, or a row whose parent went
    unread: "a" at the top where the "1" above it was lost), and the usual nesting of the styles
    it uses (``USUAL_NESTING``), read or only glimpsed (``hints``: codes among marks). Any style but
    a dotted one may open the table (its first rows may be the ones unread)."""
    parents: dict[tuple[str | None, str], set[str | None]] = {}
    for code, (_, parent) in zip(codes, assign_hierarchy(codes), strict=True):
        if code is not None:
            parents.setdefault((code_style(parent) if parent else None, code_style(code)), set()).add(parent)
    opened: dict[str | None, set[str]] = {}
    for (outer, inner), under in parents.items():
        if len(under) > 1:
            opened.setdefault(outer, set()).add(inner)
    seen = {code_style(code) for code in [*codes, *hints] if code}
    used = [style for style in USUAL_NESTING if style in seen]
    for outer, inner in itertools.pairwise(used):
        opened.setdefault(outer, set()).add(inner)
    opened.setdefault(None, set()).update(style for style in used if not _dotted(style))
    return opened


def _first_codes(style: str, state: State) -> Iterator[str]:
    """The codes a level of ``style`` may open with under the last row of ``state``: its first
    code, or (but for dotted codes, which carry their parent's number) the code after its last."""
    parent = state.code
    if _dotted(style):
        if parent is not None and code_style(parent) == f"arabic{int(style[6:]) - 1}":
            yield f"{parent}.1"
        return
    yield {"letter": "a", "upper": "A", "roman": "I", "arabic0": "1"}[style]
    last = dict(state.last).get(style)
    if last is not None and (following := next_code(last)) is not None:
        yield following


def following_codes(state: State, opened: dict[str | None, set[str]]) -> set[str]:
    """The codes that may follow the last row of ``state``."""
    out = {nxt for _, code in state.path if (nxt := next_code(code))}
    here = state.path[-1][0] if state.path else None
    on_path = {style for style, _ in state.path}
    for style in opened.get(here, set()) - on_path:
        out.update(_first_codes(style, state))
    return out


@dataclass(frozen=True)
class CodeCell:
    """What the table says of one row's code: ``read`` (a code read clean), ``marks`` (a code read
    among marks), or nothing readable (neither); ``replaceable``: an OCR-read code that follows
    neither its neighbours (see ``out_of_sequence``)."""

    read: str | None = None
    marks: str | None = None
    ocr: bool = False  # the code was read by OCR: a look-alike reading of it may be the right one
    replaceable: bool = False
    blank: bool = False  # the code cell reads blank: a row of no code, or one whose code OCR lost
    total: Decimal | None = None  # the row's total as read, which its parent's total holds


def look_alikes(code: str) -> set[str]:
    """What OCR may have misread as ``code``: a dot lost or a digit doubled ("22" for 2.2), a
    look-alike character ("l" for 1), a Roman numeral with a stroke lost or gained (II for III)."""
    alike = readings(code) | set(CONFUSABLE.get(code, ""))
    if _ROMAN.match(code):
        alike |= {code + "I"} | ({code[:-1]} if len(code) > 1 and code.endswith("I") else set())
    return alike


def _choices(cell: CodeCell, state: State, opened: dict[str | None, set[str]], weigh: bool = False) -> list[Choice]:
    """(code, cost, in sequence) for each code the row may take after ``state``; weighing the
    sums, a code that puts a row whose code was not read under a parent whose total is smaller
    than its own costs OVER_ITS_PARENT more."""
    choices = _read_choices(cell, state, opened)
    if not weigh or cell.read is not None or cell.total is None:
        return choices
    return [
        (code, cost + OVER_ITS_PARENT if _over_its_parent(state, code, cell.total) else cost, fits)
        for code, cost, fits in choices
    ]


def _over_its_parent(state: State, code: str | None, total: Decimal) -> bool:
    """Whether ``code`` puts a row of this ``total`` under a parent whose total is smaller."""
    return code is not None and 0 < (state.parent_total(code) or 0) < total


def _read_choices(cell: CodeCell, state: State, opened: dict[str | None, set[str]]) -> list[Choice]:
    following = following_codes(state, opened)
    if cell.read is not None:
        kept: list[Choice] = [
            (cell.read, 0 if cell.read in following else KEEP_OUT_OF_SEQUENCE, cell.read in following)
        ]
        if not cell.ocr:
            return kept
        alike = look_alikes(cell.read)
        others: list[Choice] = [(code, LOOK_ALIKE, True) for code in sorted(alike & following)]
        if not cell.replaceable:
            return kept + others
        replaced: list[Choice] = [(code, REPLACE, True) for code in sorted(following - {cell.read} - alike)]
        return kept + others + replaced
    if cell.marks is not None:
        return [(code, 0 if code == cell.marks else OVERRULE_MARKS, True) for code in sorted(following)]
    if cell.blank:
        return [(None, 0, True)] + [(code, CODE_A_BLANK, True) for code in sorted(following)]
    return [(code, 0, True) for code in sorted(following)]


Transition = tuple[
    State, str | None, State, bool
]  # (before, code, after, in sequence)  # (before, code, after, in sequence)


def settle_codes(
    cells: Sequence[CodeCell], opened: dict[str | None, set[str]], weigh: bool = False
) -> dict[int, str] | None:
    """Position -> code for the rows whose code every cheapest numbering of the table agrees on,
    entered and left in sequence (rows read clean and kept as read are left out); None where
    there are too many ways to number the rows to search (``MAX_STATES``). ``weigh``: with the
    cost of a part larger than its whole."""
    if not cells:
        return {}
    # One numbering's cost, from a search that keeps only the cheapest states of each row: no
    # cheapest numbering passes through a state dearer than that, so the full search drops them
    # (codes read among marks, each of which may take any code at a cost, made 8 000 states a row
    # where a few dozen were as cheap as one numbering).
    narrow = _forward(cells, opened, weigh, keep=NARROW_SEARCH)
    bound = min(narrow[-1].values()) if narrow and narrow[-1] else None
    forward = _forward(cells, opened, weigh, bound=bound)
    if forward is None:
        return None
    layer = forward[-1]
    if not layer:
        return {}
    # backward[i]: the cheapest cost from each state after row i to the end of the table
    backward: list[dict[State, int]] = [dict.fromkeys(forward[-1], 0)]
    for index in range(len(cells) - 1, 0, -1):
        later = backward[0]
        here: dict[State, int] = {}
        for state in forward[index - 1]:
            costs = [
                step + later[after]
                for code, step, _ in _choices(cells[index], state, opened, weigh)
                if (after := state.after(code, cells[index].total, weigh)) in later
            ]
            if costs:
                here[state] = min(costs)
        backward.insert(0, here)
    best = min(cost + backward[-1][state] for state, cost in forward[-1].items())
    cheapest: list[list[Transition]] = []
    for index, cell in enumerate(cells):
        before = forward[index - 1] if index else {TOP: 0}
        cheapest.append(
            [
                (state, code, after, fits)
                for state, cost in before.items()
                for code, step, fits in _choices(cell, state, opened, weigh)
                if (after := state.after(code, cell.total, weigh)) in backward[index]
                and cost + step + backward[index][after] == best
            ]
        )
    # every cheapest numbering follows the sequence from one code read to the next (replaced or not)
    flowing = [all(fits for *_, fits in transitions) for transitions in cheapest]
    # the codes every cheapest numbering keeps as read: clean, or among marks (a reading the
    # numbering confirms); a row is settled only between such anchors, or the top of the table
    # and one: after the last, or in a table without any, the numbering is open
    reads = [
        i
        for i, cell in enumerate(cells)
        if (kept := cell.read or cell.marks) is not None and {code for _, code, _, _ in cheapest[i]} == {kept}
    ]
    settled: dict[int, str] = {}
    for index, cell in enumerate(cells):
        codes = {code for _, code, _, _ in cheapest[index]}
        if (cell.read is not None and not cell.ocr) or len(codes) != 1:
            continue
        (code,) = codes
        read_before = max((i for i in reads if i < index), default=-1)
        read_after = min((i for i in reads if i >= index), default=None)  # a code among marks anchors itself
        if read_after is None:
            continue
        if code is not None and code != cell.read and all(flowing[read_before + 1 : read_after + 1]):
            settled[index] = code
    return settled


def _forward(
    cells: Sequence[CodeCell],
    opened: dict[str | None, set[str]],
    weigh: bool,
    keep: int | None = None,
    bound: int | None = None,
) -> list[dict[State, int]] | None:
    """The cheapest cost of each state after each row: ``keep`` only so many of the cheapest in
    each row (one numbering, not all of them), or all (None past ``MAX_STATES``), none dearer
    than ``bound``."""
    forward: list[dict[State, int]] = []
    layer = {TOP: 0}
    for cell in cells:
        reached: dict[State, int] = {}
        for state, cost in layer.items():
            for code, step, _ in _choices(cell, state, opened, weigh):
                if bound is not None and cost + step > bound:
                    continue
                after = state.after(code, cell.total, weigh)
                if cost + step < reached.get(after, 1 << 30):
                    reached[after] = cost + step
        if keep is not None:
            reached = dict(sorted(reached.items(), key=lambda item: item[1])[:keep])
        elif len(reached) > MAX_STATES:
            return None
        forward.append(reached)
        layer = reached
    return forward


def settle_weighed(cells: Sequence[CodeCell], opened: dict[str | None, set[str]]) -> dict[int, str]:
    """The codes ``settle_codes`` settles that the numbering weighed by the sums settles too
    (unless the weighing is given up: ``MAX_STATES``); none where the numbering is too large to
    search. The sums may rule a numbering out, never make one: a total misread by a digit would
    otherwise invent codes; they may leave open codes the numbering alone would force."""
    numbered = settle_codes(cells, opened)
    if not numbered or not any(cell.total for cell in cells):
        return numbered or {}
    weighed = settle_codes(cells, opened, weigh=True)
    if weighed is None:
        return numbered
    return {k: code for k, code in numbered.items() if weighed.get(k) == code}


def out_of_sequence(codes: Sequence[str | None], opened: dict[str | None, set[str]]) -> list[bool]:
    """Per row: a code that does not follow the coded row above it, and that the next coded row
    (if any) does not follow either: misread, or printed out of its place."""
    coded = [i for i, code in enumerate(codes) if code]
    out = [False] * len(codes)
    state = TOP
    for k, index in enumerate(coded):
        code = codes[index]
        assert code is not None
        fits_before = code in following_codes(state, opened)
        state = state.after(code)
        following = codes[coded[k + 1]] if k + 1 < len(coded) else None
        fits_after = following is not None and following in following_codes(state, opened)
        out[index] = not fits_before and not fits_after
    return out


def codes_by_the_numbering(
    drafts: Sequence[DraftRow],
    codes: Sequence[str | None],
    ocr_read: Sequence[bool],
    repaired: set[int],
    totals: Sequence[Decimal | None] | None = None,
) -> dict[int, tuple[str, str]]:
    """Position -> (code, reason) for the OCR-read rows whose code the table's numbering settles
    (``settle_codes``): code cells read as nothing readable or as a code among marks, and codes
    read that follow neither neighbour. ``codes``: the codes as read or already repaired (the
    rows in ``repaired``, taken as read). Rows of no code at all (totals, bullets) are no part of
    the numbering. ``totals`` (each row's, as read): a code is settled only where the numbering
    weighed by the sums settles it too (``settle_weighed``)."""
    if not any(ocr_read):
        return {}
    # a code found by a second look at a cell the page pass could not read is a hint, not a reading
    again = [
        code is not None and i not in repaired and _read_again(d)
        for i, (d, code) in enumerate(zip(drafts, codes, strict=True))
    ]
    read = [None if again[i] else code for i, code in enumerate(codes)]
    hints = [
        codes[i] if again[i] else code_in_marks(d.unread["code"]) if "code" in d.unread else None
        for i, d in enumerate(drafts)
    ]
    opened = openings(read, [hint for hint in hints if hint])
    misplaced = out_of_sequence(read, opened)
    positions: list[int] = []
    cells: list[CodeCell] = []
    for index, (draft, code) in enumerate(zip(drafts, read, strict=True)):
        total = totals[index] if totals is not None else None
        if code is not None:
            ocr = ocr_read[index] and index not in repaired
            cells.append(CodeCell(read=code, ocr=ocr, replaceable=ocr and misplaced[index], total=total))
        elif hints[index] is not None or "code" in draft.unread:
            cells.append(CodeCell(marks=hints[index], total=total))
        elif ocr_read[index] and draft.texts.get("title") and not (draft.bullet or draft.is_total):
            cells.append(CodeCell(blank=True, total=total))
        else:
            continue
        positions.append(index)
    out: dict[int, tuple[str, str]] = {}
    for k, code in settle_weighed(cells, opened).items():
        index, cell = positions[k], cells[k]
        if code == codes[index]:
            continue  # a code read again, and kept
        if cell.read is None and _STROKES.match(draft_code_text(drafts[index])) and not _ROMAN.match(code):
            continue  # the numbering has no heading free here: the row is left unread, not made an item
        if cell.read is not None and code in look_alikes(cell.read):
            reason = (
                f"code {cell.read} as OCR read it does not fit the numbering around it, which reads it as {code} "
                "(a dot lost, a digit doubled, a look-alike character or a stroke)"
            )
        elif cell.read is not None:
            reason = (
                f"code {cell.read} follows neither the rows before it nor those after; the numbering reads it as {code}"
            )
        elif cell.marks is not None and codes[index] is not None:
            reason = (
                f"the code cell read again reads {cell.marks}, which does not fit the numbering; it leaves only {code}"
            )
        elif cell.marks == code:
            reason = f"the code cell reads {drafts[index].unread['code']!r}: code {code} among OCR marks, where the numbering expects it"
        elif cell.blank:
            reason = f"the code cell reads blank; the numbering around it leaves only {code}"
        else:
            reason = f"the code cell reads {drafts[index].unread['code']!r}, no code; the numbering around it leaves only {code}"
        out[index] = (code, reason)
    return out


def _read_again(draft: DraftRow) -> bool:
    return any(box.field == "code" and box.reread for box in draft.boxes)


def draft_code_text(draft: DraftRow) -> str:
    return draft.unread.get("code", "").strip()


def inferred_code_findings(rows: Sequence[Row], reasons: dict[int, str]) -> list[Finding]:
    """A warning naming each row whose code was not read as printed but settled by the numbering:
    where its amounts count rests on that inference."""
    return [
        Finding.about(
            rows[index], severity="warning", code="code-inferred",
            message=f"row {rows[index].code}: {reason}; check the row against the page",
        )
        for index, reason in sorted(reasons.items())
        if rows[index].code
    ]  # fmt: skip
