"""One table, one column order: which order of the amount columns the figures follow.

A text export reprints the table's header on every page. Where those headers disagree on the
order of the amount columns, at least one of them does not describe the figures under it, and
whether a header "fits its rows" says nothing here: two amount columns fit either way. So the
order is decided by what the figures themselves must obey, read under each order in question:

- the row identity (total = provincial + beneficiary + other) places the total column;
- subtotal rows = the sum of the rows under them, and the grand-total row = the sum of the top
  rows, per column, tell whether the pages follow one order or each its own header;
- the totals per funding source the narrative states (and the amount in words) name the columns
  of the grand-total row.

Candidates are every page read by its own header, and one order for all pages, for every order
of the amount columns (headers that disagree need not describe the figures at all). The candidates the arithmetic fits best survive; among them
the headers' majority picks one. Where another survivor reads a cell differently, nothing can
tell the two apart: every such amount gets a warning that names its row and field.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from vnplan.normalize.cells import DraftRow
from vnplan.normalize.columns import AMOUNT_COLUMNS, Layout
from vnplan.normalize.hierarchy import assign_hierarchy
from vnplan.normalize.metadata import NarrativeFacts
from vnplan.normalize.numbers import format_vn, to_vnd
from vnplan.schemas import Column, Finding, Row
from vnplan.schemas.roles import V1_TOTAL_FIELD as TOTAL

_SCALES = (1, 10**3, 10**6, 10**9)

Reading = tuple[list[DraftRow], DraftRow | None, list[Finding]]
# Reads the table with one layout per fragment (None: the fragment's own header where it fits).
Reader = Callable[[Sequence[Layout | None]], Reading]


@dataclass(frozen=True)
class Candidate:
    name: str  # "each page by its own header" or "one order: total, provincial_budget_vnd, …"
    layouts: tuple[Layout | None, ...]
    reading: Reading
    fit: int  # sums that hold
    votes: int  # header pairs that agree with it


@dataclass(frozen=True)
class OrderDecision:
    reading: Reading
    chosen: str
    doubts: dict[int, dict[str, Decimal]]  # draft index -> field -> the other reading (-1: total row)
    rivals: tuple[str, ...]  # the other candidates that fit as well
    evidence: str


def amount_orders(headers: Sequence[Layout]) -> list[tuple[str, ...]]:
    return [layout.amount_columns for layout in headers if len(layout.amount_columns) >= 2]


def headers_disagree(headers: Sequence[Layout]) -> bool:
    """True when two headers print some pair of amount columns in opposite orders."""
    return bool(_disputed_pairs(amount_orders(headers)))


def _pairs(order: Sequence[str]) -> set[tuple[str, str]]:
    return {(a, b) for i, a in enumerate(order) for b in order[i + 1 :]}


def _disputed_pairs(orders: Sequence[Sequence[str]]) -> set[frozenset[str]]:
    seen = set().union(*(_pairs(order) for order in orders)) if orders else set()
    return {frozenset(pair) for pair in seen if (pair[1], pair[0]) in seen}


def _votes(order: Sequence[str], headers: Sequence[Sequence[str]]) -> int:
    mine = _pairs(order)
    return sum(1 if pair in mine else -1 for header in headers for pair in _pairs(header) if set(pair) <= set(order))


def _with_amounts(layout: Layout, order: Sequence[str]) -> Layout:
    """The layout with its amount columns, in their slots, taken in ``order``."""
    replacement = iter(order)
    return Layout(tuple(next(replacement) if key in AMOUNT_COLUMNS else key for key in layout.order))


def decide_order(
    read: Reader, layout: Layout, headers: Sequence[Layout], facts: NarrativeFacts, multiplier: int | None
) -> OrderDecision:
    """Read the table under every candidate order and keep the one the arithmetic and the headers
    support; ``headers`` are the fragments' own layouts, ``layout`` the voted one."""
    orders = amount_orders(headers)
    columns = layout.amount_columns
    candidates: list[Candidate] = []
    own: tuple[Layout | None, ...] = tuple(None for _ in headers)
    reading = read(own)
    candidates.append(Candidate("each page by its own header", own, reading, _fit(reading, facts, multiplier), 0))
    # Every order of the amount columns, not only those keeping what all headers agree on: headers
    # that disagree have shown they need not describe the figures, and the figures may follow an
    # order none of them prints (total first under headers that both print it after the sources).
    # The headers' votes still choose among the orders the sums cannot tell apart.
    for order in itertools.permutations(columns):
        one = _with_amounts(layout, order)
        layouts = tuple(one for _ in headers)
        reading = read(layouts)
        name = "one order for every page: " + ", ".join(order)
        candidates.append(Candidate(name, layouts, reading, _fit(reading, facts, multiplier), _votes(order, orders)))
    best_fit = max(c.fit for c in candidates)
    survivors = [c for c in candidates if c.fit == best_fit]
    # Pages are read by their own headers only where the sums show it; otherwise one order for the
    # table, the one most headers print (then the voted one).
    chosen = max(survivors, key=lambda c: (c.layouts[0] is not None, c.votes, c.layouts[0] == layout))
    doubts: dict[int, dict[str, Decimal]] = {}
    rivals = []
    for rival in survivors:
        if rival is chosen:
            continue
        differ = _differences(chosen.reading, rival.reading)
        if differ:
            rivals.append(rival.name)
            for index, fields in differ.items():
                doubts.setdefault(index, {}).update({k: v for k, v in fields.items() if k not in doubts.get(index, {})})
    evidence = (
        f"{len(candidates)} readings tried; {len(survivors)} fit the sums best ({best_fit} checks hold); "
        f"chosen: {chosen.name} (header votes {chosen.votes:+d})"
    )
    return OrderDecision(chosen.reading, chosen.name, doubts, tuple(rivals), evidence)


def _differences(chosen: Reading, rival: Reading) -> dict[int, dict[str, Decimal]]:
    drafts, total, _ = chosen
    other_drafts, other_total, _ = rival
    if len(drafts) != len(other_drafts):  # rows cut differently: compare nothing rather than guess
        return {}
    out: dict[int, dict[str, Decimal]] = {}
    pairs = list(enumerate(zip(drafts, other_drafts, strict=True)))
    if total is not None and other_total is not None:
        pairs.append((-1, (total, other_total)))
    for index, (mine, theirs) in pairs:
        differ = {
            field: theirs.amounts[field]
            for field in AMOUNT_COLUMNS
            if field in mine.amounts and theirs.amounts.get(field) != mine.amounts[field] and field in theirs.amounts
        }
        if differ:
            out[index] = differ
    return out


def _fit(reading: Reading, facts: NarrativeFacts, multiplier: int | None) -> int:
    """How many of the table's sums hold under a reading: row identities, subtotals, the grand
    total against the top rows, and the grand total against the narrative's stated totals."""
    drafts, total, _ = reading
    held = sum(_row_identity(draft.amounts) for draft in drafts)
    parents = parents_of([draft.code for draft in drafts])
    children: dict[int | None, list[int]] = {}
    for index, parent in enumerate(parents):
        children.setdefault(parent, []).append(index)
    for parent, kids in children.items():
        sums = drafts[parent].amounts if parent is not None else (total.amounts if total else {})
        for field, value in sums.items():
            parts = [drafts[k].amounts.get(field) for k in kids]
            if all(part is not None for part in parts) and sum(p for p in parts if p is not None) == value:
                held += 1
    if total is not None:
        held += _narrative_fit(total.amounts, facts, multiplier)
    return held


def _row_identity(amounts: dict[str, Decimal]) -> bool:
    parts = [value for field, value in amounts.items() if field != TOTAL]
    return TOTAL in amounts and bool(parts) and sum(parts) == amounts[TOTAL] and any(parts)


def parents_of(codes: Sequence[str | None]) -> list[int | None]:
    """Per row, the position of its parent row (None for a top row), from the numbering."""
    positions: list[int | None] = []
    latest: dict[str, int] = {}
    for index, (code, (_, parent)) in enumerate(zip(codes, assign_hierarchy(codes), strict=True)):
        positions.append(latest.get(parent) if parent else None)
        if code:
            latest[code] = index
    return positions


def _narrative_fit(printed: dict[str, Decimal], facts: NarrativeFacts, multiplier: int | None) -> int:
    stated = dict(facts.narrative_totals)
    if TOTAL not in stated and facts.total_in_words is not None:
        stated[TOTAL] = facts.total_in_words
    best = 0
    for scale in (multiplier,) if multiplier else _SCALES:
        best = max(best, sum(f in printed and to_vnd(printed[f], scale) == v for f, v in stated.items()))
    return best


def doubt_findings(decision: OrderDecision, rows: Sequence[Row], multiplier: int) -> list[Finding]:
    """A warning per amount another fitting order reads differently, naming its row and field."""
    findings = []
    for index, fields in sorted(decision.doubts.items()):
        row = rows[index] if index >= 0 else None
        for field, other in fields.items():
            value = getattr(row, field) if row is not None else None
            where = f"row {row.code or '?'}" if row is not None else "the grand-total row"
            facts: dict[str, Any] = {
                "severity": "warning",
                "code": "column-order-ambiguous",
                "message": (
                    f"{field} of {where}: the table's headers print the amount columns in different orders and "
                    f"the sums fit more than one of them; read as {format_vn(value) if value is not None else '?'} "
                    f"đồng ({decision.chosen}), {format_vn(to_vnd(other, multiplier))} đồng by "
                    f"{'; '.join(decision.rivals)}"
                ),
                "field": field,
                "actual": value,
                "expected": to_vnd(other, multiplier),
            }
            findings.append(Finding.about(row, **facts) if row is not None else Finding(**facts))
    return findings


def disputed_columns(fragment_keys: Sequence[Sequence[str]], money: frozenset[str]) -> set[str]:
    """Money columns whose order some header prints the other way round than another (tables
    read by position, where no reading tells the figures' order): every amount in them is in doubt."""
    orders = [[key for key in keys if key in money] for keys in fragment_keys]
    return {key for pair in _disputed_pairs([o for o in orders if len(o) >= 2]) for key in pair}


def disputed_findings(
    rows: Sequence[Row], columns: Sequence[Column], disputed: set[str], read_as: str = "by the header of its own page"
) -> list[Finding]:
    """A warning per amount of a disputed column, naming the row and the field (its v1 field
    where the column fills one, else the column's key); ``read_as``: the order it was read in."""
    fields = {column.key: column.v1_field or column.key for column in columns}
    findings = []
    for row in rows:
        for amount in row.amounts:
            if amount.column in disputed:
                findings.append(
                    Finding.about(
                        row,
                        severity="warning",
                        code="column-order-ambiguous",
                        message=(
                            f"{amount.label} of row {row.code or '?'}: the table's headers print its money columns "
                            f"({', '.join(sorted(disputed))}) in different orders from page to page, and nothing "
                            f"tells which order the figures follow; read {read_as}"
                        ),
                        field=fields.get(amount.column, amount.column),
                        actual=amount.value_vnd,
                    )
                )
    return findings
