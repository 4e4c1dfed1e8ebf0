"""A table whose pages print its header in different orders: one order of the columns for all pages.

An OCR text export reprints the header on every page, and an engine that flattens a header of
merged cells may list its labels in another order each time, while the cells under them keep one
order throughout. Where the headers of a table read by position disagree, the columns are placed
by what the cells of every page together show, not by any one header:

- what each column holds: money, months (1–12, "3/2026"), other numbers or words, against what
  each label names ("Tháng hoàn thành" holds months, "Ngân sách tỉnh" money, "Đơn vị" words);
- the arithmetic: which placement makes a total column equal the sum of the other money columns
  on the rows, makes parent rows the sum of their children (a test of one order for the table
  against each page read by its own header), gives a start month no later than the end month,
  and puts in the grand-total row the totals per source the narrative states.

Every placement of the disputed labels over the disputed positions is tried, and "each page by
its own header" besides. The ones that fit best survive; among them the headers' majority picks
one. A label placed differently by another survivor stays in doubt: the caller names every
amount under it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from vnplan.extract.model import Line
from vnplan.normalize.cells import is_total_label, split_code
from vnplan.normalize.column_model import describe_column, parse_cell_number
from vnplan.normalize.column_order import parents_of
from vnplan.normalize.fragments import Fragment, TableRegion
from vnplan.normalize.header_meaning import names_money
from vnplan.normalize.metadata import NarrativeFacts
from vnplan.normalize.narrative_totals import source_of_wording
from vnplan.normalize.numbers import Style, parse_month_range, to_vnd
from vnplan.normalize.text import fold
from vnplan.schemas import Finding
from vnplan.schemas.roles import ROLE_BY_NAME

__all__ = ["HeaderOrder", "headers_to_one_order"]

_MOST_LABELS = 8  # 8! placements; a wider dispute is left to the per-page reading and its flags
_RELIABLE = 0.9  # share of cells that must fit their column's kind: positions kept by the export
_SCALES = (1, 10**3, 10**6, 10**9)
_DASHES = frozenset({"-", "–", "—", "--"})
_MONTH_OF_YEAR = re.compile(r"^\d{1,2}/(?:19|20)\d{2}(?:\s*[-–]\s*\d{1,2}/(?:19|20)\d{2})?$")

# A count with its unit ("155 ha", "6 lớp, 15 học viên"): what a quantity column ("Chỉ tiêu, khối
# lượng") holds, and a text column ("Mục tiêu, quy mô") as well.
_QUANTITY = re.compile(r"^\d[\d.,]*\s*[^\W\d_]")

# What a label's column may hold, by the kind its words name
_FITS = {
    "text": {"text", "quantity"},
    "month": {"month"},
    "money": {"amount"},
    "number": {"month", "amount", "quantity"},
    "any": {"text", "month", "amount", "quantity"},
}


@dataclass(frozen=True)
class _Label:
    text: str
    kind: str  # text | month | money | number | any (its words name no kind)
    role: str | None
    narrative_field: str | None  # the total the narrative states for it, by the same words
    multiplier: int | None


@dataclass(frozen=True)
class HeaderOrder:
    """The decision: the region with every page's header in the chosen order (unchanged where
    each page is read by its own header), the labels another fitting order places elsewhere, and
    an info finding with the evidence."""

    region: TableRegion
    ambiguous: frozenset[str]  # folded labels
    chosen: str  # "one order for every page: …" or "each page by its own header"
    finding: Finding


@dataclass(frozen=True)
class _Candidate:
    name: str
    placements: tuple[dict[str, int], ...]  # per headed fragment: label -> position
    kinds: int
    sums: int
    votes: int


def headers_to_one_order(
    region: TableRegion, headed: Sequence[bool], facts: NarrativeFacts, multiplier: int | None, style: Style | None
) -> HeaderOrder | None:
    """One column order for a table whose pages print the same one-row header in different
    orders, or whose one header prints labels over cells they cannot describe (months under a
    money label: an export that flattened the header out of order); ``headed``: per fragment,
    whether its header is its own (not a ruled grid's). None where the headers agree and fit
    their cells, differ in more than their order, or the cells do not keep their positions (an
    export aligned with spaces)."""
    fragments = [f for f, own in zip(region.fragments, headed, strict=True) if own]
    headers = [[cell.strip() for cell in f.header_rows[0]] for f in fragments if len(f.header_rows) == 1]
    if not headers or len(headers) != len(fragments):
        return None
    width = max(len(h) for h in headers)
    headers = [h + [""] * (width - len(h)) for h in headers]
    folded = [[fold(cell) for cell in h] for h in headers]
    disputed = [p for p in range(width) if len({h[p] for h in folded}) > 1]
    names = [folded[0][p] for p in disputed]
    if any(sorted(h[p] for p in disputed) != sorted(names) for h in folded):
        return None  # not the same labels in another order
    printed = {fold(cell): cell for cell in headers[0] if cell}
    labels = {name: _label(text) for name, text in printed.items()}
    if len(labels) != len([cell for cell in headers[0] if cell]):
        return None  # a label printed twice: no telling its columns apart
    chosen_ids = [id(f) for f in fragments]
    lines = [line for f in region.fragments if not f.header_rows or id(f) in chosen_ids for line in f.rows]
    table = _Cells(lines, range(width), style)
    # A label every page prints over cells it cannot describe ("Dự toán giao" over months) is
    # placed with the disputed ones: headers shown to be unreliable can agree by chance.
    disputed = sorted(
        {*disputed, *(p for p in range(width) if folded[0][p] and table.misfits(labels[folded[0][p]].kind, p))}
    )
    placed = _place(disputed, folded, fragments, region, table, labels, facts, multiplier)
    # Money columns hold cells of one shape, so a money label every page prints at one position
    # fits its cells whatever they are. Once the headers are shown to move money labels, the
    # money labels they agree on are placed by the sums as well, and kept where the sums say so
    # ("Ngân sách địa phương" printed over the totals on every page, the total's label moving
    # among the others); where no sum ties them, they stay where every page prints them.
    money_at = {p for p in range(width) if folded[0][p] and labels[folded[0][p]].kind == "money"}
    if money_at & set(disputed) and not money_at <= set(disputed):
        wider = _place(sorted({*disputed, *money_at}), folded, fragments, region, table, labels, facts, multiplier)
        if wider is not None and (placed is None or wider.best > placed.best):
            placed = wider
    if placed is None:
        return None
    disputed, names, orders, chosen = placed.disputed, placed.names, placed.orders, placed.chosen
    fitting, survivors, best = placed.fitting, placed.survivors, placed.best
    ambiguous = {
        name
        for rival in survivors
        if rival is not chosen
        for name in names
        if _places(rival, name) != _places(chosen, name)
    }
    if chosen.name:
        new_region = region
        described = chosen.name
    else:
        placement = chosen.placements[0]
        by_position = {p: name for name, p in placement.items()}
        new_region = _rewritten(region, fragments, [printed[by_position[p]] if p in by_position else None
                                                    for p in range(width)])  # fmt: skip
        described = "one order for every page: " + " | ".join(printed[by_position[p]] for p in disputed)
    printed_orders = len({tuple(o) for o in orders})
    evidence = (
        (
            f"the pages print the table's header in {printed_orders} different orders; "
            if printed_orders > 1
            else "the header's labels do not fit the cells under them; "
        )
        + f"{len(fitting)} placements of the columns fit the cells' kinds best, {len(survivors)} of them also the "
        f"sums best ({best[1]} checks hold); chosen: {described} (header votes {chosen.votes:+d})"
        + (f"; still in doubt: {', '.join(printed[n] for n in sorted(ambiguous))}" if ambiguous else "")
    )
    finding = Finding(severity="info", code="column-order-decided", message=evidence)
    return HeaderOrder(new_region, frozenset(ambiguous), described, finding)


@dataclass(frozen=True)
class _Placed:
    """The placements of the disputed labels tried, and the one chosen."""

    disputed: list[int]  # positions
    names: list[str]  # the labels the first page prints at them
    orders: list[list[str]]  # per headed fragment, its labels at them
    fitting: list[_Candidate]  # the placements that fit the cells' kinds best
    survivors: list[_Candidate]  # of them, those that also fit the sums best
    chosen: _Candidate
    best: tuple[int, int]  # (cells of the right kind, sums that hold) of the survivors


def _place(
    disputed: Sequence[int],
    folded: Sequence[Sequence[str]],
    fragments: Sequence[Fragment],
    region: TableRegion,
    table: _Cells,
    labels: dict[str, _Label],
    facts: NarrativeFacts,
    multiplier: int | None,
) -> _Placed | None:
    """Every placement of the labels at the ``disputed`` positions over them, and each page by its
    own header, scored by the cells' kinds and then the sums; None where none is placed (nothing
    disputed, too many labels, or no placement that most cells fit)."""
    if not disputed or len(disputed) > _MOST_LABELS:
        return None
    width = len(folded[0])
    names = [folded[0][p] for p in disputed]
    fixed = {folded[0][p]: p for p in range(width) if p not in disputed and folded[0][p]}
    orders = [[h[p] for p in disputed] for h in folded]
    candidates = []
    own = tuple(fixed | {h[p]: p for p in disputed} for h in folded)
    candidates.append(_score("each page by its own header", own, fragments, region, table, labels, orders, facts,
                             multiplier))  # fmt: skip
    for order in itertools.permutations(names):
        placement = fixed | dict(zip(order, disputed, strict=True))
        kinds = table.kind_fit(placement, labels)
        candidates.append(_Candidate("", (placement,) * len(fragments), kinds, 0, 0))
    best_kinds = max(c.kinds for c in candidates)
    if best_kinds < _RELIABLE * table.counted:
        return None
    fitting = [
        c if c.name else _score("", c.placements, fragments, region, table, labels, orders, facts, multiplier)
        for c in candidates
        if c.kinds == best_kinds
    ]
    best = max((c.kinds, c.sums) for c in fitting)
    survivors = [c for c in fitting if (c.kinds, c.sums) == best]
    # each page by its own header only where the sums show it; else the order most headers print
    chosen = max(survivors, key=lambda c: (not c.name, c.votes))
    return _Placed(list(disputed), names, orders, fitting, survivors, chosen, best)


def _places(candidate: _Candidate, name: str) -> tuple[int, ...]:
    return tuple(placement[name] for placement in candidate.placements)


def _label(text: str) -> _Label:
    spec = describe_column(0, [text])
    role_kind = ROLE_BY_NAME[spec.role].kind if spec.role else None
    kind = spec.kind or role_kind or ("money" if spec.stage and names_money(text) else None)
    if kind == "text":
        shape = "text"
    elif kind == "month":
        shape = "month"
    elif kind == "money":
        shape = "money"
    elif kind in (None, "code"):  # row codes look like numbers ("2", "1.1") as often as words
        shape = "any"
    else:
        shape = "number"
    v1 = ROLE_BY_NAME[spec.role].v1_field if spec.role else None
    field = v1 if v1 and v1.endswith("_vnd") else (source_of_wording(text) if shape in ("money", "any") else None)
    return _Label(text, shape, spec.role, field, spec.multiplier)


class _Cells:
    """Every data row of the table by position: each cell's shape and its number, the row's code,
    and which row is the grand total."""

    def __init__(self, lines: Sequence[Line], positions: Sequence[int], style: Style | None) -> None:
        self.lines = lines
        self.shapes: list[dict[int, str]] = []
        self.values: list[dict[int, Decimal]] = []
        self.codes: list[str | None] = []
        self.total_row: int | None = None
        self._fits: dict[tuple[str, int], int] = {}
        for index, line in enumerate(lines):
            texts = [cell.text.strip() for cell in line.cells]
            shapes, values = {}, {}
            for p in positions:
                text = texts[p] if p < len(texts) else ""
                shape, value = _shape(text, style)
                if shape:
                    shapes[p] = shape
                if value is not None:
                    values[p] = value
            self.shapes.append(shapes)
            self.values.append(values)
            code = split_code(texts[0])[0] if texts else None
            self.codes.append(code)
            if code is None and any(is_total_label(t) for t in texts if t):
                self.total_row = index
        self.counted = sum(1 for shapes in self.shapes for s in shapes.values() if s != "dash")

    def kind_fit(self, placement: dict[str, int], labels: dict[str, _Label]) -> int:
        return sum(self.fit_at(labels[name].kind, p) for name, p in placement.items())

    def misfits(self, kind: str, position: int) -> bool:
        """Most of the cells at ``position`` are not what a column of ``kind`` holds."""
        counted = sum(1 for shapes in self.shapes if shapes.get(position, "dash") != "dash")
        return counted >= 2 and self.fit_at(kind, position) < 0.5 * counted

    def fit_at(self, kind: str, position: int) -> int:
        """How many cells at ``position`` a column of ``kind`` may hold (computed once)."""
        if (kind, position) not in self._fits:
            allowed = _FITS[kind]
            self._fits[kind, position] = sum(1 for shapes in self.shapes if shapes.get(position) in allowed)
        return self._fits[kind, position]


def _shape(text: str, style: Style | None) -> tuple[str | None, Decimal | None]:
    if not text:
        return None, None
    if text in _DASHES:
        return "dash", Decimal(0)
    value = parse_cell_number(text, style)
    if value is not None:
        small = value == value.to_integral_value() and 1 <= value <= 12 and text.isdigit()
        return ("month" if small else "amount"), value
    if parse_month_range(text) is not None or _MONTH_OF_YEAR.match(text):
        return "month", None
    return ("quantity" if _QUANTITY.match(text) else "text"), None


def _score(
    name: str,
    placements: tuple[dict[str, int], ...],
    fragments: Sequence[Fragment],
    region: TableRegion,
    table: _Cells,
    labels: dict[str, _Label],
    orders: Sequence[Sequence[str]],
    facts: NarrativeFacts,
    multiplier: int | None,
) -> _Candidate:
    """Kinds that fit, sums that hold and header votes of one placement (per headed fragment)."""
    per_row = _placement_per_row(placements, [id(f) for f in fragments], region)
    kinds = sum(
        1
        for shapes, placement in zip(table.shapes, per_row, strict=True)
        for label, p in placement.items()
        if shapes.get(p) in _FITS[labels[label].kind]
    )
    # money by its words, and labels naming nothing where the placement puts them over numbers
    money = [n for n, label in labels.items() if label.kind == "money"]
    unnamed = [n for n, label in labels.items() if label.kind == "any" and label.role is None]
    sums = 0
    for values, placement in zip(table.values, per_row, strict=True):
        sums += _identity_holds(values, placement, money, unnamed, labels)
        start, end = (values.get(placement.get(n, -1)) for n in _months(labels))
        sums += start is not None and end is not None and start <= end
    sums += _parent_sums(table, per_row, [*money, *unnamed])
    sums += _narrative_fit(table, per_row, labels, facts, multiplier)
    votes = sum(
        1 if placements[0][a] < placements[0][b] else -1
        for order in orders
        for a, b in itertools.combinations(order, 2)
    )
    return _Candidate(name, placements, kinds, sums, votes)


def _months(labels: dict[str, _Label]) -> tuple[str, str]:
    by_role = {label.role: name for name, label in labels.items()}
    return by_role.get("start_month", ""), by_role.get("end_month", "")


def _placement_per_row(
    placements: tuple[dict[str, int], ...], headed: Sequence[int], region: TableRegion
) -> list[dict[str, int]]:
    """The placement each data row is read by (a fragment without a header: the one before)."""
    out: list[dict[str, int]] = []
    current = placements[0]
    for fragment in region.fragments:
        if id(fragment) in headed:
            current = placements[headed.index(id(fragment))]
        elif fragment.header_rows:
            continue
        out += [current] * len(fragment.rows)
    return out


def _identity_holds(
    values: dict[int, Decimal],
    placement: dict[str, int],
    money: Sequence[str],
    unnamed: Sequence[str],
    labels: dict[str, _Label],
) -> bool:
    """Whether the row's total column (the one named so, else one naming nothing) is the sum of
    the other money columns."""
    read = {n: values.get(placement[n]) for n in money}
    read |= {n: values[placement[n]] for n in unnamed if placement[n] in values}
    totals = [n for n in read if labels[n].role == "total"] or [n for n in read if labels[n].role is None]
    for total in totals:
        parts = [v for n, v in read.items() if n != total]
        whole = read[total]
        known = [p for p in parts if p is not None]
        if whole is not None and len(parts) >= 2 and len(known) == len(parts) and any(known) and sum(known) == whole:
            return True
    return False


def _parent_sums(table: _Cells, per_row: Sequence[dict[str, int]], money: list[str]) -> int:
    """Parent rows (and the grand total, over the top rows) that equal the sum of their children,
    per money label: the same for every single order, higher where pages follow their own headers."""
    rows = [i for i in range(len(table.lines)) if i != table.total_row]
    parents = parents_of([table.codes[i] for i in rows])
    children: dict[int | None, list[int]] = {}
    for index, parent in zip(rows, parents, strict=True):
        children.setdefault(rows[parent] if parent is not None else table.total_row, []).append(index)
    held = 0
    for parent, kids in children.items():
        if parent is None:
            continue
        for name in money:
            whole = table.values[parent].get(per_row[parent][name])
            parts = [table.values[k].get(per_row[k][name]) for k in kids]
            held += whole is not None and None not in parts and sum(p for p in parts if p is not None) == whole
    return held


def _narrative_fit(
    table: _Cells,
    per_row: Sequence[dict[str, int]],
    labels: dict[str, _Label],
    facts: NarrativeFacts,
    multiplier: int | None,
) -> int:
    """Labels whose figure in the grand-total row is the total the narrative states for them."""
    if table.total_row is None:
        return 0
    stated = dict(facts.narrative_totals)
    if "total_vnd" not in stated and facts.total_in_words is not None:
        stated["total_vnd"] = facts.total_in_words
    values, placement = table.values[table.total_row], per_row[table.total_row]
    held = 0
    for name, label in labels.items():
        value = values.get(placement[name])
        if label.narrative_field not in stated or value is None:
            continue
        scales = (label.multiplier,) if label.multiplier else (multiplier,) if multiplier else _SCALES
        held += any(to_vnd(value, scale) == stated[label.narrative_field] for scale in scales if scale)
    return held


def _rewritten(region: TableRegion, fragments: Sequence[Fragment], header: Sequence[str | None]) -> TableRegion:
    """The region with every headed fragment's header in the chosen order (labels not in dispute
    stay as that page printed them)."""
    out = []
    headed = {id(f) for f in fragments}
    for fragment in region.fragments:
        if id(fragment) in headed:
            row = fragment.header_rows[0]
            cells = [new if new is not None else (row[p] if p < len(row) else "") for p, new in enumerate(header)]
            fragment = replace(fragment, header_rows=[cells])
        out.append(fragment)
    return replace(region, fragments=out)
