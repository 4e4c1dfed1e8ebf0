"""Reconciliation: fill what the arithmetic proves, report every sum that does not hold.

Identities: row (total = provincial + beneficiary + other), section (a subtotal = the sum of its
children, per column) and grand total (= the sum of the top-level rows). A missing amount is
filled only where the identities determine it, and only in rows that print at least one amount:
an empty row means "not funded yet", which a 0 would misstate. Subtotal rows that print nothing
get the sum of their items. Every fill is listed in the row's ``inferred`` and as a finding.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from vnplan.normalize.hierarchy import parent_positions
from vnplan.normalize.numbers import format_vn
from vnplan.schemas import Amount, Finding, Row, Suggestion, Totals
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
        nested = {child for kids in self.children.values() for child in kids}
        return [index for index in range(count) if index not in nested]


@dataclass(frozen=True)
class Kept:
    """What the table was found to obey (see ``identities``): the v1 row identity, and the
    columns whose parent rows sum their children. Only these infer amounts or raise findings."""

    row_identity: bool = True
    summed: frozenset[str] | None = None  # None: every column

    def sums(self, column: str) -> bool:
        return self.summed is None or column in self.summed


ASSUMED = Kept()  # the v1 assumption, for documents that record no identities


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


def _fill(row: Row, column: str, value: int, findings: list[Finding], why: str) -> None:
    setattr(row, column, value)
    row.inferred.append(column)
    findings.append(
        Finding.about(
            row,
            severity="info",
            code="amount-inferred",
            message=f"{column} of row {row.code or '?'} is not printed; {why} gives {format_vn(value)} đồng",
            field=column,
            expected=value,
        )
    )


def infer_missing(rows: list[Row], tree: Tree, columns: Sequence[str], kept: Kept = ASSUMED) -> list[Finding]:
    """Fill amounts the kept identities determine; repeat until nothing changes."""
    findings: list[Finding] = []
    printed_any = [any(money_value(row, c) is not None for c in columns) for row in rows]
    summed = [c for c in columns if kept.sums(c)]
    changed = True
    while changed:
        changed = False
        for index, row in enumerate(rows):
            if printed_any[index] and kept.row_identity:
                changed |= _infer_from_row_identity(row, columns, findings)
        for parent, kids in tree.children.items():
            if not printed_any[parent] and all(rows[k].kind == "item" for k in kids):
                changed |= _infer_subtotal(rows[parent], [rows[k] for k in kids], summed, findings)
            changed |= _infer_from_column_identity(rows, parent, kids, printed_any, summed, findings)
    return findings


def _infer_from_row_identity(row: Row, columns: Sequence[str], findings: list[Finding]) -> bool:
    if TOTAL not in columns:
        return False
    parts = [c for c in columns if c != TOTAL]
    total = money_value(row, TOTAL)
    unknown = [c for c in parts if money_value(row, c) is None]
    known_sum = sum(money_value(row, c) or 0 for c in parts)
    if total is None:
        if not unknown:
            _fill(row, TOTAL, known_sum, findings, "the sum of its parts")
            return True
        return False
    if not unknown:
        return False
    if known_sum == total:  # amounts are never negative: every part still missing is zero
        for column in unknown:
            _fill(row, column, 0, findings, "total = sum of the printed parts, so the rest")
        return True
    if len(unknown) == 1 and total > known_sum:
        _fill(row, unknown[0], total - known_sum, findings, "total minus the other parts")
        return True
    return False


def _infer_subtotal(parent: Row, kids: list[Row], columns: Sequence[str], findings: list[Finding]) -> bool:
    changed = False
    for column in columns:
        values = [money_value(kid, column) for kid in kids]
        if money_value(parent, column) is None and all(v is not None for v in values):
            _fill(parent, column, sum(v or 0 for v in values), findings, "the sum of its items")
            changed = True
    return changed


def _infer_from_column_identity(
    rows: list[Row],
    parent: int,
    kids: list[int],
    printed_any: list[bool],
    columns: Sequence[str],
    findings: list[Finding],
) -> bool:
    changed = False
    for column in columns:
        subtotal = money_value(rows[parent], column)
        unknown = [k for k in kids if money_value(rows[k], column) is None]
        if subtotal is None or len(unknown) != 1 or not printed_any[unknown[0]]:
            continue
        rest = sum(money_value(rows[k], column) or 0 for k in kids if k != unknown[0])
        if subtotal >= rest:
            label = f"subtotal of {rows[parent].code or '?'} minus the other items"
            _fill(rows[unknown[0]], column, subtotal - rest, findings, label)
            changed = True
    return changed


def check_rows(rows: Sequence[Row], columns: Sequence[str]) -> list[Finding]:
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
            findings.append(_mismatch("row-sum-mismatch", row, sum_cell, expected, "its parts add up to", cells))
    return findings


def check_subtotals(rows: Sequence[Row], tree: Tree, columns: Sequence[str]) -> list[Finding]:
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
                findings.append(_mismatch("section-sum-mismatch", row, sum_cell, expected, "its rows add up to", known))
    return findings


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


def check_grand_total(
    rows: Sequence[Row], tree: Tree, totals: Mapping[str, int | None], columns: Sequence[str]
) -> list[Finding]:
    findings: list[Finding] = []
    roots = tree.roots(len(rows))
    for column in columns:
        printed = totals.get(column)
        if printed is None:
            continue
        values = [contribution(rows, tree, r, column) for r in roots]
        expected = sum(v for v in values if v is not None)
        if expected != printed:
            difference = printed - expected
            findings.append(
                Finding(
                    severity="error",
                    code="grand-total-mismatch",
                    message=(
                        f"the grand total prints {format_vn(printed)} đồng in {column} but the rows above it add "
                        f"up to {format_vn(expected)} đồng (difference {format_vn(difference)})"
                    ),
                    field=column,
                    expected=expected,
                    actual=printed,
                )
            )
    return findings


@dataclass(frozen=True)
class Cell:
    """One amount of a sum check: which row (position, code), which column, what it holds."""

    row: int
    code: str | None
    column: str
    value: int


def _mismatch(code: str, row: Row, printed: Cell, expected: int, phrase: str, parts: Sequence[Cell]) -> Finding:
    actual = printed.value
    reading = suggest_reading(actual, expected, [cell.value for cell in parts])
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
    return Finding.about(
        row, severity="error", code=code, message=message, field=printed.column,
        expected=expected, actual=actual, suggestion=suggestion,
    )  # fmt: skip


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


def suggest_reading(printed: int, expected: int, parts: Sequence[int]) -> tuple[int | None, int, str] | None:
    """The one reading that makes a sum agree — one digit misread, or a decimal comma lost — as
    (None for the printed sum or the index of the part, the reading, what went wrong). Only
    suggested: the printed value stays in the data until a person takes the reading."""
    for misread, what in ((one_digit_apart, "a one-digit OCR slip"), (lost_comma, "a lost decimal comma")):
        found = readings_that_agree(printed, expected, parts, misread)
        if found and found[0][0] is None:
            return None, expected, what
        if len(found) == 1:
            return found[0][0], found[0][1], what
    return None


def digit_slip_hint(printed: int, expected: int, parts: Sequence[int]) -> str:
    """:func:`suggest_reading` as the text a finding's message ends with ("" when there is none)."""
    reading = suggest_reading(printed, expected, parts)
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
) -> list[Finding]:
    """Every sum check of a table, nothing inferred: rows, subtotals, the grand total, repeated codes.

    Only what the table was found to obey is checked (``kept``; ``column_sums``: kept column
    identities beyond the v1 one, as (result, terms)). The one composition of the checks, used by
    the pipeline and by ``vnplan validate``."""
    findings = check_rows(rows, columns) if kept.row_identity else []
    for result, terms in column_sums:
        findings += check_column_sum(rows, result, terms)
    summed = [c for c in columns if kept.sums(c)]
    findings += check_subtotals(rows, tree, summed)
    if totals is not None:
        findings += check_grand_total(rows, tree, totals, summed)
    return findings + check_duplicate_codes(rows)


def check_column_sum(rows: Sequence[Row], result: str, terms: Sequence[str]) -> list[Finding]:
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
        finding = _mismatch("row-sum-mismatch", row, sum_cell, expected, " + ".join(terms) + " add up to", cells)
        if any(v is None for v in values):
            finding.severity = "warning"
            finding.message += " (some of them are blank)"
        findings.append(finding)
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
