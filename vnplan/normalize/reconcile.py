"""Reconciliation: fill what the arithmetic proves, report every sum that does not hold.

Identities: row (total = provincial + beneficiary + other), section (a subtotal = the sum of its
children, per column) and grand total (= the sum of the top-level rows). A missing amount is
filled only where the identities determine it, and only in rows that print at least one amount:
an empty row means "not funded yet", which a 0 would misstate. Subtotal rows that print nothing
get the sum of their items. Every fill is listed in the row's ``inferred`` and as a finding: a
warning where it rests on OCRed amounts, and none at all where one of those is in doubt (see
``readings``). A failed sum's hint never proposes changing an amount both OCR readers agree on,
and prefers the cell the readers doubt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from vnplan.normalize.code_sequence import next_code, out_of_place
from vnplan.normalize.hierarchy import parent_positions
from vnplan.normalize.numbers import format_vn
from vnplan.schemas import Amount, Finding, Identity, Row, Suggestion, Totals
from vnplan.schemas.roles import V1_TOTAL_FIELD

TOTAL = V1_TOTAL_FIELD


@dataclass(frozen=True)
class Tree:
    """Row positions of each row's children (by document position, so a repeated code is harmless)."""

    children: dict[int, list[int]]

    @classmethod
    def from_parents(cls, parents: Sequence[int | None]) -> Tree:
        children: dict[int, list[int]] = {}
        for index, parent in enumerate(parents):
            if parent is not None:
                children.setdefault(parent, []).append(index)
        return cls(children)

    def roots(self, count: int) -> list[int]:
        return [index for index in range(count) if index not in self._parents]

    def parent_of(self, index: int) -> int | None:
        return self._parents.get(index)

    @cached_property
    def _parents(self) -> dict[int, int]:
        return {kid: parent for parent, kids in self.children.items() for kid in kids}


@dataclass(frozen=True)
class Kept:
    """What the table was found to obey (see ``identities``): the v1 row identity, and the
    columns whose parent rows sum their children. Only these infer amounts or raise findings."""

    row_identity: bool = True
    summed: frozenset[str] | None = None  # None: every column
    # columns whose subtotals were tested and do not sum their rows: a grand total that misses the
    # rows there tells nothing more (the hierarchy read is not the table's)
    refuted: frozenset[str] = frozenset()

    def sums(self, column: str) -> bool:
        return self.summed is None or column in self.summed


ASSUMED = Kept()  # the v1 assumption, for documents that record no identities

# Share of tested rows on which an identity between columns must hold (``identities``, ``ratios``):
# OCR slips and the document's own errors break a few rows of a true identity, while a false one
# holds on next to none.
NEARLY_ALL = 0.8
MIN_TESTED = 2  # one row agreeing proves nothing about a table


def best_holding(candidates: Iterable[Identity]) -> Identity | None:
    """Of the identities a table was tested for (every pair of its columns that may be the one),
    the one holding on the most rows, where it holds on nearly all rows it was tested on; the
    first of equals."""
    holding = [found for found in candidates if found.tested >= MIN_TESTED and found.held >= NEARLY_ALL * found.tested]
    return max(holding, key=lambda found: found.held, default=None)


@dataclass(frozen=True)
class CellTrust:
    """What the two OCR readings say about the amount a row holds in one field (see ``readings``)."""

    agreed: bool  # both engines read this value
    confidence: float | None  # the page engine's confidence in its reading
    second_value: int | None  # the second engine's value, in đồng (None: unreadable or not read)
    in_doubt: bool  # neither agreement nor the table's sums vouch for the value


Trust = dict[tuple[int, str], CellTrust]  # (row position, field or column key) of OCRed amounts
Slot = tuple[int, str]  # (row position, field or column key): one amount cell of the table


def money_value(row: Row | Totals, column: str) -> int | None:
    """A money value by v1 field name, or by column key from the row's amounts (schema v2)."""
    if column in type(row).model_fields:
        value: int | None = getattr(row, column)
        return value
    amounts = getattr(row, "amounts", [])
    return next((amount.value_vnd for amount in amounts if amount.column == column), None)


def printed_totals(totals: Totals, total_amounts: Sequence[Amount] = ()) -> dict[str, int | None]:
    """The grand total row by v1 field and by column key."""
    printed: dict[str, int | None] = dict(totals.model_dump())
    printed.update({amount.column: amount.value_vnd for amount in total_amounts})
    return printed


@dataclass(frozen=True)
class _Inference:
    """Where an inference writes its findings, and what it knows of the amounts it rests on."""

    findings: list[Finding]
    trust: Trust
    # the text of each unread amount cell: what the page shows there bounds what may be inferred
    unread: Mapping[Slot, str] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)  # column key -> label, in column order
    # each amount filled from a sum, with the cells of that sum: the sum no longer checks them
    spent: list[tuple[Slot, frozenset[Slot]]] = field(default_factory=list)

    def shows_otherwise(self, slot: Slot, value: int) -> str | None:
        """What an unread cell shows that an inferred ``value`` contradicts, else None: marks but
        no digit where the value is not zero (a dash under specks), or a grouped figure whose
        significant digits are more than one digit away from the value's ("15.786.000" among
        specks, where the sum gives 249.396.000: an amount it rests on is misread)."""
        text = self.unread.get(slot)
        if text is None:
            return None
        if not any(ch.isdigit() for ch in text):
            return "shows marks but no digit (a dash?)" if value else None
        if not value and any(run.strip("0") for run in _DIGIT_RUN.findall(text)):
            # a figure, however garbled, is no dash; a lone digit among marks is as likely a speck
            # ('“s0 7È: -' for a dash under a streak, the row's sum holding without it)
            return f"shows {text.strip()!r}"
        figures = [match.group() for match in _GROUPED_FIGURE.finditer(text)]
        target = _significant(str(value))
        if figures and not any(_close(_significant(figure), target) for figure in figures):
            return f"shows {figures[0]}"
        return None

    def one_digit_explains(
        self, index: int, row: Row, blank: str, difference: int, columns: Sequence[str]
    ) -> str | None:
        """Where the difference a row's sum would leave to its one blank part (a cell with nothing
        read in it, not an unread one) is one digit's worth (6 × 10^7), and an OCRed amount of the
        row read one digit off by it would close the sum with the blank a lost dash: what that
        reading is, else None. Both explain the row; the blank filled, the misread amount would
        stand unnamed (held-out Augraphy seed 10901 h01: a part read 134.866.000 for 194.866.000,
        and the blank "other" filled with 60.000.000)."""
        if (index, blank) in self.unread or len(_significant(str(difference))) != 1:
            return None
        slips = []
        for column in columns:
            value = money_value(row, column)
            if value is None or (index, column) not in self.trust:
                continue
            other = value - difference if column == columns[0] else value + difference
            if other >= 0 and one_digit_apart(value, other):
                slips.append(f"{column} read {format_vn(value)} for {format_vn(other)}")
        return " or ".join(slips) or None

    def leave_open(self, finding: Finding) -> None:
        """Report a sum left open once, however many passes the inference makes: once per row
        and field (rows are not yet named by position here, so by the row itself)."""
        if not any(f.code == finding.code and f.field == finding.field and f.about_the_same_row(finding)
                   for f in self.findings):  # fmt: skip
            self.findings.append(finding)

    def allowed(self, sources: Sequence[Slot]) -> bool:
        """No amount is inferred from an OCRed amount in doubt."""
        return not any(self.trust[s].in_doubt for s in sources if s in self.trust)

    def severity(self, sources: Sequence[Slot]) -> str:
        """A warning when the inference rests on OCRed amounts: a misread one would carry over."""
        return "warning" if any(s in self.trust for s in sources) else "info"


# A figure with group marks ("15.786.000", "1,250"): an amount, however garbled the cell around it.
_GROUPED_FIGURE = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_DIGIT_RUN = re.compile(r"\d{2,}")  # a figure's digits: two in a row at least


def _significant(figure: str) -> str:
    """The digits of a figure without the zeros that end it: the same in any unit (115.786 nghìn
    đồng and 115.786.000 đồng)."""
    return "".join(ch for ch in figure if ch.isdigit()).rstrip("0") or "0"


def _close(a: str, b: str) -> bool:
    return a == b or one_digit_apart(int(a), int(b))


def _fill(
    row: Row, slot: Slot, value: int, how: _Inference, why: str, sources: Sequence[Slot], *, spends: bool = True
) -> None:
    """Fill amount ``slot`` of ``row``. ``spends``: the sum that gave it is used up, since it now
    holds by construction (not where the printed parts already equal the printed total, and the
    rest is 0: that sum was checked)."""
    column = slot[1]
    if spends:
        how.spent.append((slot, frozenset([slot, *sources])))
    if column in type(row).model_fields:
        setattr(row, column, value)
        row.inferred.append(column)
    else:  # a column of a table read by position: one more of the row's amounts, in column order
        amount = Amount(column=column, label=how.labels.get(column, column), value_vnd=value, inferred=True)
        order = list(how.labels)
        row.amounts = sorted(
            [*row.amounts, amount], key=lambda a: order.index(a.column) if a.column in order else len(order)
        )
    how.findings.append(
        Finding.about(
            row,
            severity=how.severity(sources),
            code="amount-inferred",
            message=f"{column} of row {row.code or '?'} is not printed; {why} gives {format_vn(value)} đồng",
            field=column,
            expected=value,
        )
    )


def infer_missing(
    rows: list[Row],
    tree: Tree,
    columns: Sequence[str],
    kept: Kept = ASSUMED,
    trust: Trust | None = None,
    unread: Mapping[Slot, str] | None = None,
    grand: Mapping[str, int | None] | None = None,
) -> list[Finding]:
    """Fill amounts the kept identities determine; repeat until nothing changes. ``trust``: the
    OCRed amounts (see ``readings``); none is inferred from one in doubt. ``unread``: the text of
    each amount cell left unread, never filled with what it shows otherwise. ``grand``: the
    printed grand total by field (see ``unchecked_sources``)."""
    how = _Inference([], trust or {}, unread or {})
    printed_any = [any(money_value(row, c) is not None for c in columns) for row in rows]
    summed = [c for c in columns if kept.sums(c)]
    changed = True
    while changed:
        changed = False
        for index, row in enumerate(rows):
            if printed_any[index] and kept.row_identity:
                changed |= _infer_from_row_identity(index, row, columns, how)
        for parent, kids in tree.children.items():
            if not printed_any[parent] and all(rows[k].kind == "item" for k in kids):
                changed |= _infer_subtotal(rows, parent, kids, summed, how)
            changed |= _infer_from_column_identity(rows, parent, kids, printed_any, summed, how)
    row_sums = [(TOTAL, [c for c in columns if c != TOTAL])] if kept.row_identity and TOTAL in columns else []
    return how.findings + unchecked_sources(rows, how, TableSums(row_sums, tree, frozenset(summed), grand or {}))


def infer_by_row_sums(
    rows: list[Row],
    sums: Sequence[tuple[str, Sequence[str]]],
    labels: Mapping[str, str],
    trust: Trust | None = None,
    unread: Mapping[Slot, str] | None = None,
    checks: TableSums | None = None,
) -> list[Finding]:
    """For a table read by position: the amounts its kept row identities (``sums``: total column,
    its part columns) determine, as in the v1 family's rows (``_infer_row_sum``), each filled as
    an amount marked ``inferred`` with an ``amount-inferred`` finding. A row of one such table
    whose source cell read "*" (a dash under specks) was left empty while its total equalled its
    other sources."""
    how = _Inference([], trust or {}, unread or {}, labels)
    # a column the table leaves empty on every row says nothing was put there: it is not filled
    # (a real disbursement report's "Còn được nhận / Từ ngân sách", blank throughout)
    printed = {amount.column for row in rows for amount in row.amounts} | {column for _, column in how.unread}
    sums = [(total, parts) for total, parts in sums if total in printed and all(p in printed for p in parts)]
    changed = True
    while changed:
        changed = False
        for index, row in enumerate(rows):
            if row.amounts:  # an empty row is not funded yet: a 0 would misstate it
                for total, parts in sums:
                    changed |= _infer_row_sum(index, row, total, parts, how)
    return how.findings + unchecked_sources(rows, how, checks or TableSums(sums, Tree({}), frozenset(), {}))


Verdict = Literal["holds", "fails"] | None  # of a sum: None where it says nothing


@dataclass(frozen=True)
class TableSums:
    """The sums of a table that may check an amount: its kept row sums (total column, its parts),
    its parent rows in the ``summed`` columns, and its printed ``grand`` total by column."""

    row_sums: Sequence[tuple[str, Sequence[str]]]
    tree: Tree
    summed: frozenset[str]
    grand: Mapping[str, int | None]

    def through(self, rows: Sequence[Row], slot: Slot) -> list[tuple[Slot, list[Slot]]]:
        """Each sum ``slot`` takes part in, as (result, terms); the grand total's row is -1, its
        terms the top rows (a row that prints nothing counts as the sum of its own, ``contribution``)."""
        index, column = slot
        found = [((index, total), [(index, p) for p in parts]) for total, parts in self.row_sums
                 if column == total or column in parts]  # fmt: skip
        if column not in self.summed:
            return found
        kids = self.tree.children.get(index)
        if kids:
            found.append(((index, column), [(k, column) for k in kids]))
        parent = self.tree.parent_of(index)
        if parent is not None:
            found.append(((parent, column), [(k, column) for k in self.tree.children[parent]]))
        elif self.grand.get(column) is not None:
            found.append(((-1, column), [(r, column) for r in self._roots(len(rows))]))
        return found

    def _roots(self, count: int) -> list[int]:
        if self._root_cache.get(count) is None:
            self._root_cache[count] = self.tree.roots(count)
        return self._root_cache[count]

    @cached_property
    def _root_cache(self) -> dict[int, list[int]]:
        return {}

    def value(self, rows: Sequence[Row], slot: Slot, *, under_grand: bool = False) -> int | None:
        if slot[0] < 0:
            return self.grand.get(slot[1])
        if under_grand:  # a top row that prints nothing counts as the sum of its children
            return contribution(rows, self.tree, slot[0], slot[1])
        return money_value(rows[slot[0]], slot[1])

    def verdict(self, rows: Sequence[Row], result: Slot, terms: Sequence[Slot]) -> Verdict:
        """Whether the sum holds, fails, or says nothing: a cell of it empty (under the grand total,
        a top row that prints nothing at all counts as 0, "not funded yet"), or it holds as a sum
        of zeros only (which any row of dashes does)."""
        grand = result[0] < 0
        total = self.value(rows, result)
        values = [self.value(rows, t, under_grand=grand) for t in terms]
        if total is None or (None in values and not grand):
            return None
        found = sum(v or 0 for v in values)
        if found != total:
            return "fails"
        return "holds" if total else None


def unchecked_sources(rows: Sequence[Row], how: _Inference, sums: TableSums) -> list[Finding]:
    """A warning naming each OCRed amount an inference used up the one sum of: a row's total
    filled as the sum of its parts holds by construction, so it no longer checks them (held-out
    Augraphy seed 11301 h07: a total cell unread, a beneficiary read 159.805.000 for 159.803.000
    by both readers, and its heading's amounts lost, so nothing checked it). An amount stays
    vouched for where another sum through it, or through the amount filled (or through what
    that one filled in turn: a heading filled from its items, the grand total holding through
    the heading), holds with every term. One in doubt is named already, and so is one another
    sum through it fails on (by that sum's check)."""
    used = {cells for _, cells in how.spent}
    fed: dict[Slot, list[Slot]] = {}  # a cell -> the amounts filled from sums it is a term of
    for filled, cells in how.spent:
        for cell in cells - {filled}:
            fed.setdefault(cell, []).append(filled)

    filled_cells = {filled for filled, _ in how.spent}

    known: dict[tuple[Slot, tuple[Slot, ...]], Verdict] = {}  # each sum judged once (a grand total is long)

    def judged(result: Slot, terms: list[Slot]) -> Verdict:
        key = (result, tuple(terms))
        if key not in known:
            known[key] = sums.verdict(rows, result, terms)
        return known[key]

    def other_sums(slot: Slot) -> list[tuple[Slot, list[Slot]]]:
        """The sums through ``slot`` no fill used, of which a cell at least was printed: one of
        filled cells only holds by construction (a heading's total = its filled parts, each the
        sum of its items)."""
        return [
            (r, t)
            for r, t in sums.through(rows, slot)
            if frozenset([r, *t]) not in used and not {r, *t} <= filled_cells
        ]

    def checked(slot: Slot, seen: frozenset[Slot] = frozenset()) -> bool:
        if any(judged(result, terms) == "holds" for result, terms in other_sums(slot)):
            return True
        return any(checked(filled, seen | {slot}) for filled in fed.get(slot, []) if filled not in seen)

    findings: list[Finding] = []
    named: set[Slot] = set()
    for filled, cells in how.spent:
        # OCRed amounts read alike only (typed ones are as printed; one in doubt is named already)
        read = [s for s in sorted(cells - {filled} - named) if (t := how.trust.get(s)) and not t.in_doubt]
        if not read or checked(filled):
            continue
        for slot in read:
            if checked(slot):
                continue
            if any(judged(result, terms) == "fails" for result, terms in other_sums(slot)):
                continue  # a sum through it fails: its check names it
            named.add(slot)
            row, value = rows[slot[0]], money_value(rows[slot[0]], slot[1])
            findings.append(
                Finding.about(
                    row,
                    severity="warning",
                    code="amount-unchecked",
                    message=f"row {row.code or '?'}: {slot[1]} reads {format_vn(value or 0)} đồng, but the one sum "
                    f"that checks it filled {filled[1]} of row {rows[filled[0]].code or '?'}, which was not "
                    "printed, and no other sum of the table holds through it: check it against the page",
                    field=slot[1],
                )
            )
    return findings


def _infer_from_row_identity(index: int, row: Row, columns: Sequence[str], how: _Inference) -> bool:
    if TOTAL not in columns:
        return False
    return _infer_row_sum(index, row, TOTAL, [c for c in columns if c != TOTAL], how)


def _infer_row_sum(index: int, row: Row, total_column: str, parts: Sequence[str], how: _Inference) -> bool:
    columns = [total_column, *parts]
    total = money_value(row, total_column)
    unknown = [c for c in parts if money_value(row, c) is None]
    known_sum = sum(money_value(row, c) or 0 for c in parts)
    sources = [(index, c) for c in columns if money_value(row, c) is not None]
    if not how.allowed(sources):
        return False
    if total is None:
        if not unknown:
            _fill(row, (index, total_column), known_sum, how, "the sum of its parts", sources)
            return True
        return False
    if not unknown:
        return False
    if known_sum == total:  # amounts are never negative: every part still missing is zero
        contradicted = next(((c, why) for c in unknown if (why := how.shows_otherwise((index, c), 0))), None)
        if contradicted:  # an unread cell that shows a figure: an amount the sum rests on is misread
            how.leave_open(_row_left_open(row, contradicted[0], total, known_sum, contradicted[1], total_column))
            return False
        for column in unknown:
            _fill(row, (index, column), 0, how, "total = sum of the printed parts, so the rest", sources, spends=False)
        return True
    if len(unknown) == 1 and total > known_sum:
        shown = how.shows_otherwise((index, unknown[0]), total - known_sum)
        if shown:
            how.leave_open(_row_left_open(row, unknown[0], total, known_sum, shown, total_column))
            return False
        slip = how.one_digit_explains(index, row, unknown[0], total - known_sum, columns)
        if slip:
            how.leave_open(_row_left_to_two_readings(row, unknown[0], total, known_sum, slip, total_column))
            return False
        _fill(row, (index, unknown[0]), total - known_sum, how, "total minus the other parts", sources)
        return True
    return False


def _row_left_open(row: Row, unread: str, total: int, known_sum: int, shown: str, total_column: str = TOTAL) -> Finding:
    """A row whose total exceeds its read parts where the one part left is an unread cell that
    shows something else than the difference: the total or a part is misread (a "5" read "9", a
    figure that lost its digits). Nothing is inferred; the warning names the row, all of whose
    amounts are in doubt."""
    return Finding.about(
        row,
        severity="warning",
        code="sum-left-open",
        message=f"row {row.code or '?'}: {total_column} reads {format_vn(total)} đồng and its read parts add up to "
        f"{format_vn(known_sum)}, but its {unread} cell {shown}, not {format_vn(total - known_sum)}: an amount "
        "of the row is misread; check the row against the page",
        expected=known_sum,
        actual=total,
    )


def _row_left_to_two_readings(
    row: Row, blank: str, total: int, known_sum: int, slip: str, total_column: str = TOTAL
) -> Finding:
    """A row whose one blank part the sum would fill with one digit's worth, where a one-digit
    misread of another amount explains the row as well (``_Inference.one_digit_explains``).
    Nothing is inferred; the warning names the row, all of whose amounts are in doubt."""
    return Finding.about(
        row,
        severity="warning",
        code="sum-left-open",
        message=f"row {row.code or '?'}: {total_column} reads {format_vn(total)} đồng and its read parts add up to "
        f"{format_vn(known_sum)}: the blank {blank} may hold the {format_vn(total - known_sum)} between them, or be "
        f"a dash lost with {slip} (one digit misread); left blank: check the row against the page",
        expected=known_sum,
        actual=total,
    )


def _subtotal_left_open(row: Row, column: str, subtotal: int, rest: int, cell: str, shown: str) -> Finding:
    """The same for a subtotal whose one item left unread shows something else than the
    difference: the warning names the subtotal."""
    return Finding.about(
        row,
        severity="warning",
        code="sum-left-open",
        message=f"row {row.code or '?'}: {column} reads {format_vn(subtotal)} đồng and its other items add up to "
        f"{format_vn(rest)}, but {cell} {shown}, not {format_vn(subtotal - rest)}: an amount is misread; check "
        "the group against the page",
        field=column,
        expected=rest,
        actual=subtotal,
    )


def _infer_subtotal(rows: list[Row], parent: int, kids: list[int], columns: Sequence[str], how: _Inference) -> bool:
    changed = False
    for column in columns:
        values = [money_value(rows[k], column) for k in kids]
        sources = [(k, column) for k in kids]
        if money_value(rows[parent], column) is None and all(v is not None for v in values) and how.allowed(sources):
            _fill(rows[parent], (parent, column), sum(v or 0 for v in values), how, "the sum of its items", sources)
            changed = True
    return changed


def _infer_from_column_identity(
    rows: list[Row],
    parent: int,
    kids: list[int],
    printed_any: list[bool],
    columns: Sequence[str],
    how: _Inference,
) -> bool:
    changed = False
    for column in columns:
        subtotal = money_value(rows[parent], column)
        unknown = [k for k in kids if money_value(rows[k], column) is None]
        if subtotal is None or len(unknown) != 1 or not printed_any[unknown[0]]:
            continue
        sources = [(parent, column)] + [(k, column) for k in kids if k != unknown[0]]
        rest = sum(money_value(rows[k], column) or 0 for k in kids if k != unknown[0])
        shown = how.shows_otherwise((unknown[0], column), subtotal - rest) if subtotal >= rest else None
        if shown:
            cell = f"row {rows[unknown[0]].code or '?'}'s {column} cell"
            how.leave_open(_subtotal_left_open(rows[parent], column, subtotal, rest, cell, shown))
            continue
        if subtotal >= rest and how.allowed(sources):
            label = f"subtotal of {rows[parent].code or '?'} minus the other items"
            _fill(rows[unknown[0]], (unknown[0], column), subtotal - rest, how, label, sources)
            changed = True
    return changed


def check_rows(rows: Sequence[Row], columns: Sequence[str], trust: Trust | None = None) -> list[Finding]:
    findings: list[Finding] = []
    if TOTAL not in columns:
        return findings
    parts = [c for c in columns if c != TOTAL]
    for index, row in enumerate(rows):
        total = money_value(row, TOTAL)
        values = [money_value(row, c) for c in parts]
        if total is None or any(v is None for v in values):
            continue
        expected = sum(v or 0 for v in values)
        if expected != total:
            cells = [Cell(index, row.code, c, v or 0) for c, v in zip(parts, values, strict=True)]
            sum_cell = Cell(index, row.code, TOTAL, total)
            findings += _mismatch("row-sum-mismatch", rows, sum_cell, expected, "its parts add up to", cells, trust)
    return findings


def check_subtotals(
    rows: Sequence[Row],
    tree: Tree,
    columns: Sequence[str],
    trust: Trust | None = None,
    vouched: Collection[Slot] = (),
) -> list[Finding]:
    """Each group's sums: an error on the group where its items do not add up to it, and a warning
    on each OCRed item amount of that column nothing vouches for (``unvouched_items``)."""
    findings: list[Finding] = []
    for parent, kids in tree.children.items():
        row = rows[parent]
        for column in columns:
            printed = money_value(row, column)
            if printed is None or (column in row.inferred and _all_items(rows, kids)):
                continue
            values = [money_value(rows[k], column) for k in kids]
            known = [Cell(k, rows[k].code, column, v) for k, v in zip(kids, values, strict=True) if v is not None]
            if not known:
                continue
            expected = sum(cell.value for cell in known)
            complete = len(known) == len(values)
            if (complete and expected != printed) or (not complete and expected > printed):
                sum_cell = Cell(parent, row.code, column, printed)
                found = _mismatch("section-sum-mismatch", rows, sum_cell, expected, "its rows add up to", known, trust)
                findings += found
                findings += _refuted_inferences(rows, kids, column, f"row {row.code or '?'}'s sum")
                named = {
                    (c.row, c.column)
                    for c in known
                    for f in found
                    if f.code == "amount-suspect" and f.is_about(rows[c.row]) and f.field == c.column
                }
                findings += unvouched_items(rows, parent, known, trust or {}, {*vouched, *named})
    return findings


def unvouched_items(
    rows: Sequence[Row], parent: int, items: Sequence[Cell], trust: Trust, vouched: Collection[Slot]
) -> list[Finding]:
    """The OCRed amounts of a group's items in a column whose sum fails, where nothing else vouches
    for them: no sum of their own row holds (its total unread, or the row read by position without
    one). Two readers agreeing on a figure under a speck is no proof ("93.537.000" for
    "53.537.000"), and the failed sum names only the group: the warning names the item's field.
    An amount already in doubt (its two readings differ, and a warning names it) is not named twice."""
    group = rows[parent]
    return [
        Finding.about(
            rows[cell.row],
            severity="warning",
            code="amount-unvouched",
            message=f"row {cell.code or '?'}: {cell.column} reads {format_vn(cell.value)} đồng, one of the amounts "
            f"row {group.code or '?'}'s {cell.column} does not add up with, and no sum of its own row vouches for "
            "it: check it against the page",
            field=cell.column,
            actual=cell.value,
        )
        for cell in items
        if (slot := (cell.row, cell.column)) in trust and not trust[slot].in_doubt and slot not in vouched
    ]


def _refuted_inferences(rows: Sequence[Row], kids: Sequence[int], column: str, failing: str) -> list[Finding]:
    """A row whose amount in ``column`` was inferred (its total less its other parts) under a
    sum in that column that fails (``failing``: a parent row's, or the grand total's): the
    inference closed the row's own sum, so that sum vouches for nothing, and an amount it rests
    on is likely misread (a seal over the "8" of "816.000.000" read 16.000.000, and the blank
    part was inferred as 800.000.000). The warning names the row, all of whose amounts are in doubt."""
    return [
        Finding.about(
            rows[k],
            severity="warning",
            code="inferred-amount-refuted",
            message=f"row {rows[k].code or '?'}: its {column} was inferred, not read, and "
            f"{failing} of {column} does not hold with it: an amount the inference rests on is "
            "probably misread; check the row against the page",
        )
        for k in kids
        if column in rows[k].inferred
    ]


def _all_items(rows: Sequence[Row], kids: list[int]) -> bool:
    return all(rows[k].kind == "item" for k in kids)


def contribution(rows: Sequence[Row], tree: Tree, index: int, column: str) -> int | None:
    """A row's amount, or the sum of its children's where it prints none."""
    own = money_value(rows[index], column)
    if own is not None:
        return own
    values = [contribution(rows, tree, k, column) for k in tree.children.get(index, [])]
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def sum_of_top_rows(rows: Sequence[Row], tree: Tree, column: str) -> int:
    """What the rows as read give the grand total in a column: the sum of the top rows'
    ``contribution``s."""
    values = [contribution(rows, tree, r, column) for r in tree.roots(len(rows))]
    return sum(v for v in values if v is not None)


def check_grand_total(
    rows: Sequence[Row], tree: Tree, totals: Mapping[str, int | None], columns: Sequence[str], *, confirmed: bool = True
) -> list[Finding]:
    """The printed grand total against the rows it closes. ``confirmed``: the table was found to
    sum its rows in these columns (an error where it does not add up); else a warning, since a
    grand total that its rows miss may be a row lost or misread as much as a table made so."""
    findings: list[Finding] = []
    roots = tree.roots(len(rows))
    for column in columns:
        printed = totals.get(column)
        if printed is None:
            continue
        expected = sum_of_top_rows(rows, tree, column)
        if expected != printed:
            difference = printed - expected
            doubt = (
                ""
                if confirmed
                else "; no subtotal shows whether this table sums its rows, so a row may be missing or misread"
            )
            findings.append(
                Finding(
                    severity="error" if confirmed else "warning",
                    code="grand-total-mismatch" if confirmed else "grand-total-unconfirmed",
                    message=(
                        f"the grand total prints {format_vn(printed)} đồng in {column} but the rows above it add "
                        f"up to {format_vn(expected)} đồng (difference {format_vn(difference)}){doubt}"
                    ),
                    field=column,
                    expected=expected,
                    actual=printed,
                )
            )
            findings += _refuted_inferences(rows, roots, column, "the grand total")
    return findings


@dataclass(frozen=True)
class Cell:
    """One amount of a sum check: which row (position, code), which column, what it holds."""

    row: int
    code: str | None
    column: str
    value: int


def _mismatch(
    code: str,
    rows: Sequence[Row],
    printed: Cell,
    expected: int,
    phrase: str,
    parts: Sequence[Cell],
    trust: Trust | None = None,
    vouched: Collection[Slot] = (),
) -> list[Finding]:
    """The error on a failed sum (with the likeliest misread cell as its suggestion), and a
    warning on that cell where it is an OCRed part: the doubt then sits on the cell it is about.
    ``vouched``: cells another sum of the table holds on, never the one proposed."""
    trust = trust or {}
    row = rows[printed.row]
    actual = printed.value
    trusts = [trust.get((cell.row, cell.column)) for cell in (printed, *parts)]
    fixed = [
        index
        for index, cell in zip([None, *range(len(parts))], (printed, *parts), strict=True)
        if (cell.row, cell.column) in vouched
    ]
    reading = suggest_reading(actual, expected, [cell.value for cell in parts], trusts, fixed)
    suggestion = None
    hint = ""
    if reading is not None:
        index, value, what = reading
        cell = printed if index is None else parts[index]
        suggestion = Suggestion(row_index=cell.row, row_code=cell.code, field=cell.column, value=value, reason=what)
        hint = _hint(what, value, cell.value)
    message = (
        f"row {row.code or '?'} prints {format_vn(actual)} đồng in {printed.column} but {phrase} "
        f"{format_vn(expected)} (difference {format_vn(actual - expected)}){hint}"
    )
    error = Finding.about(
        row, severity="error", code=code, message=message, field=printed.column,
        expected=expected, actual=actual, suggestion=suggestion,
    )  # fmt: skip
    found = [error]
    if code == "row-sum-mismatch":
        # The sum names its printed result, but on one row any of its cells may be the misread one:
        # the row as a whole is in doubt until someone checks it against the page.
        columns = ", ".join(cell.column for cell in (printed, *parts))
        found.append(
            Finding.about(
                row,
                severity="warning",
                code="row-amounts-in-doubt",
                message=f"row {row.code or '?'}: its amounts ({columns}) do not add up, so any of them may be "
                "misread; check the row against the page",
            )
        )
    index, value, what = reading or (None, 0, "")
    if index is None or (parts[index].row, parts[index].column) not in trust:
        return found
    cell = parts[index]
    suspect = Finding.about(
        rows[cell.row],
        severity="warning",
        code="amount-suspect",
        message=(
            f"row {cell.code or '?'}: {cell.column} {format_vn(cell.value)} may be {what}: reading "
            f"{format_vn(value)} makes row {row.code or '?'}'s {printed.column} add up"
        ),
        field=cell.column,
        expected=value,
        actual=cell.value,
    )
    return [*found, suspect]


def one_digit_apart(a: int, b: int) -> bool:
    """True when a and b differ in exactly one digit (an OCR slip such as 1.850 for 1.350)."""
    left, right = str(a), str(b)
    return len(left) == len(right) and sum(x != y for x, y in zip(left, right, strict=True)) == 1


def lost_comma(a: int, b: int) -> bool:
    """True when a reads b with its decimal comma lost: 221.000.000 for 22.100.000 (22,1 triệu
    printed, "221" read), or for 2.210.000 (two decimals)."""
    return b > 0 and any(a == b * shift for shift in (10, 100))


def readings_that_agree(
    printed: int, expected: int, parts: Sequence[int], misread: Callable[[int, int], bool]
) -> list[tuple[int | None, int]]:
    """The readings that would make a sum agree: (None, reading) when the printed sum is a
    ``misread`` of what its parts add up to, and (index, reading) for each part whose ``misread``
    alone explains the difference."""
    found: list[tuple[int | None, int]] = [(None, expected)] if misread(printed, expected) else []
    found += [
        (i, part + printed - expected) for i, part in enumerate(parts) if misread(part, part + printed - expected)
    ]
    return found


def suggest_reading(
    printed: int,
    expected: int,
    parts: Sequence[int],
    trusts: Sequence[CellTrust | None] = (),
    fixed: Collection[int | None] = (),
) -> tuple[int | None, int, str] | None:
    """The likeliest reading that makes a sum agree — one digit misread, or a decimal comma lost —
    as (None for the printed sum or the index of the part, the reading, what went wrong). Only
    suggested: the printed value stays in the data until a person takes the reading.

    ``trusts``: what the OCR readings say of the sum's cell and then of each part (empty, or None
    for a cell read once or not OCRed). A cell both readers read alike is never proposed; among
    the others, one whose second reading is the proposed value comes first, then the least
    confident reading, then the sum's own cell, then a lone candidate. ``fixed``: cells (None for
    the sum's, else a part's index) that another sum vouches for, never proposed either."""
    trust_of = dict(zip([None, *range(len(parts))], trusts, strict=False))
    for misread, what in ((one_digit_apart, "a one-digit OCR slip"), (lost_comma, "a lost decimal comma")):
        found = [
            f
            for f in readings_that_agree(printed, expected, parts, misread)
            if not _agreed(trust_of.get(f[0])) and f[0] not in fixed
        ]
        if not found:
            continue
        seconded = [f for f in found if (t := trust_of.get(f[0])) is not None and t.second_value == f[1]]
        if len(seconded) == 1:
            return seconded[0][0], seconded[0][1], what
        known = sorted(
            ((t.confidence, f) for f in found if (t := trust_of.get(f[0])) is not None and t.confidence is not None),
            key=lambda pair: pair[0],
        )
        if len(known) == len(found) > 1 and known[0][0] < known[1][0]:
            return known[0][1][0], known[0][1][1], what
        if found[0][0] is None or len(found) == 1:
            return found[0][0], found[0][1], what
    return None


def _agreed(trust: CellTrust | None) -> bool:
    return trust is not None and trust.agreed


def digit_slip_hint(printed: int, expected: int, parts: Sequence[int], trusts: Sequence[CellTrust | None] = ()) -> str:
    """:func:`suggest_reading` as the text a finding's message ends with ("" when there is none)."""
    reading = suggest_reading(printed, expected, parts, trusts)
    if reading is None:
        return ""
    index, value, what = reading
    return _hint(what, value, printed if index is None else parts[index])


def _hint(what: str, reading: int, read: int) -> str:
    return f"; {what}? reading {format_vn(reading)} for {format_vn(read)} makes the sums agree"


def check_sums(
    rows: Sequence[Row],
    tree: Tree,
    totals: Mapping[str, int | None] | None,
    columns: Sequence[str],
    kept: Kept = ASSUMED,
    column_sums: Sequence[tuple[str, Sequence[str]]] = (),
    trust: Trust | None = None,
) -> list[Finding]:
    """Every sum check of a table, nothing inferred: rows, subtotals, the grand total, repeated codes.

    Only what the table was found to obey is checked (``kept``; ``column_sums``: kept column
    identities beyond the v1 one, as (result, terms)). The one composition of the checks, used by
    the pipeline and by ``vnplan validate``."""
    findings = check_rows(rows, columns, trust) if kept.row_identity else []
    vouched = cells_held_by_sums(rows, column_sums)
    for result, terms in column_sums:
        findings += check_column_sum(rows, result, terms, trust, vouched)
    summed = [c for c in columns if kept.sums(c)]
    row_sums = [(TOTAL, [c for c in columns if c != TOTAL])] if kept.row_identity and TOTAL in columns else []
    findings += check_subtotals(rows, tree, summed, trust, vouched | cells_held_by_sums(rows, row_sums))
    if totals is not None:
        findings += check_grand_total(rows, tree, totals, summed)
        unsummed = [c for c in columns if c not in summed and c not in kept.refuted]
        findings += check_grand_total(rows, tree, totals, unsummed, confirmed=False)
    return findings + check_duplicate_codes(rows) + check_numbering(rows)


def cells_held_by_sums(rows: Sequence[Row], column_sums: Sequence[tuple[str, Sequence[str]]]) -> set[Slot]:
    """The cells of each row that some column sum holds on, with every term printed: where a
    plan is also given + rest, a plan that equals its sources is not the misread cell."""
    held: set[Slot] = set()
    for index, row in enumerate(rows):
        for result, terms in column_sums:
            if any(_inferred(row, column) for column in (result, *terms)):
                continue  # a sum closed by an amount inferred from it vouches for nothing
            total, values = money_value(row, result), [money_value(row, term) for term in terms]
            if total is not None and None not in values and total == sum(v or 0 for v in values):
                held.update((index, column) for column in (result, *terms))
    return held


def _inferred(row: Row, column: str) -> bool:
    """The row's amount in ``column`` (a v1 field or a column key) was filled by arithmetic."""
    return column in row.inferred or any(a.inferred for a in row.amounts if a.column == column)


def check_column_sum(
    rows: Sequence[Row],
    result: str,
    terms: Sequence[str],
    trust: Trust | None = None,
    vouched: Collection[Slot] = (),
) -> list[Finding]:
    """A kept column identity (``result = terms``) on each row: an error where every term is
    printed and the sum differs, a warning where some term is blank and the printed ones differ."""
    findings = []
    for index, row in enumerate(rows):
        total = money_value(row, result)
        values = [money_value(row, term) for term in terms]
        if total is None or all(v is None for v in values):
            continue
        expected = sum(v or 0 for v in values)
        if expected == total:
            continue
        cells = [Cell(index, row.code, term, v) for term, v in zip(terms, values, strict=True) if v is not None]
        sum_cell = Cell(index, row.code, result, total)
        phrase = " + ".join(terms) + " add up to"
        found = _mismatch("row-sum-mismatch", rows, sum_cell, expected, phrase, cells, trust, vouched)
        if any(v is None for v in values):
            found[0].severity = "warning"
            found[0].message += " (some of them are blank)"
        findings += found
    return findings


@dataclass(frozen=True)
class SumCheck:
    """One printed sum beside the sum of its parts, for display (the review page's totals panel)."""

    label: str
    column: str
    printed: int | None
    parts: int | None
    row: int | None = None  # position of the subtotal row; None for the grand total

    @property
    def difference(self) -> int | None:
        return None if self.printed is None or self.parts is None else self.printed - self.parts


def sum_overview(
    rows: Sequence[Row], totals: Mapping[str, int | None], tree: Tree, columns: Sequence[str]
) -> list[SumCheck]:
    """Each subtotal row and the grand total against the sum of their parts.

    Every column of the grand total is listed; a section lists its total and any other column
    whose sum fails, so that the list stays short where all is well.
    """
    checks = []
    for parent, kids in tree.children.items():
        label = f"{rows[parent].code or '?'} {rows[parent].title}"
        for column in columns:
            values = [contribution(rows, tree, k, column) for k in kids]
            known = [v for v in values if v is not None]
            check = SumCheck(label, column, money_value(rows[parent], column), sum(known) if known else None, parent)
            if column == TOTAL or check.difference not in (0, None):
                checks.append(check)
    roots = tree.roots(len(rows))
    for column in columns:
        found = [v for v in (contribution(rows, tree, r, column) for r in roots) if v is not None]
        checks.append(SumCheck("Grand total", column, totals.get(column), sum(found) if found else None))
    return checks


def check_duplicate_codes(rows: Sequence[Row]) -> list[Finding]:
    """The same code twice under the same parent. Items numbered 1, 2 … again under each section
    are the document's numbering, not duplicates."""
    seen: dict[tuple[int | None, str], list[Row]] = {}
    for row, parent in zip(rows, parent_positions(rows), strict=True):
        if row.code:
            seen.setdefault((parent, row.code), []).append(row)
    return [
        Finding(
            severity="warning",
            code="duplicate-code",
            message=f"code {code} is printed on {len(same)} rows under the same parent; they are kept apart, in "
            "document order",
            row_code=code,
            pages=sorted({p for row in same for p in row.pages}),
        )
        for (_, code), same in seen.items()
        if len(same) > 1
    ]


def check_numbering(rows: Sequence[Row]) -> list[Finding]:
    """A code its siblings skip ("1", "5", "2"): the row is named, since where its amounts count
    is in doubt, as a duplicate code alone does not say."""
    codes = [row.code for row in rows]
    return [
        Finding(
            severity="warning",
            code="code-out-of-sequence",
            message=f"row {codes[index]}: its code breaks the numbering "
            + (f"between {before} and {after}" if after else f"after {before}, where {next_code(before)} comes next")
            + " (misread, or printed in error): which group its amounts belong to is in doubt; check the row "
            "against the page",
            row_code=codes[index],
            pages=list(rows[index].pages),
        )
        for index, (before, after) in out_of_place(codes, parent_positions(rows)).items()
    ]
