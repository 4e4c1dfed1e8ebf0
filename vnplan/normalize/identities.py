"""Arithmetic discovered from a table's numbers, not assumed from its kind.

Candidates are tested on the rows, and an identity is kept only where it holds on nearly all rows
that print its terms:

- columns: a money column is the sum of a run of money columns beside it (total = its sources;
  a multi-year total = its years), e.g. ``total = provincial_budget + beneficiary``;
- balance: plan = given + what remains, where a column names the rest ("Số vốn còn lại chưa giao");
- product: amount = quantity × unit price, where the table has those three columns;
- ratio: a percent column = one column ÷ another × 100 (``ratios``);
- rows: in one money column, a parent row (a section, a group, the grand total) is the sum of
  the rows under it.

Only kept identities may raise a sum finding or fill an amount; a column in no kept identity is
reported as read. The identities, kept or not, are recorded in the output.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from vnplan.normalize.amount_repair import repair_lost_commas
from vnplan.normalize.numbers import format_vn
from vnplan.normalize.ratios import ratio_findings, ratio_identities
from vnplan.normalize.reconcile import (
    MIN_TESTED,
    NEARLY_ALL,
    TOTAL,
    Kept,
    Slot,
    TableSums,
    Tree,
    Trust,
    best_holding,
    check_sums,
    contribution,
    infer_by_row_sums,
    infer_missing,
    money_value,
    printed_totals,
    sum_of_top_rows,
)
from vnplan.schemas import Amount, Column, Finding, Identity, Row, Totals
from vnplan.schemas.roles import SOURCE_ROLES, V1_AMOUNT_FIELDS

ROWS_NEARLY_ALL = 0.5  # parent rows are few; half of them agreeing shows the table sums its rows

_TOTAL_ROLES = frozenset({"total", "total_investment"})  # never a part of another column's sum
Money = Mapping[str, int]  # one row's printed money by column key


@dataclass(frozen=True)
class ColumnSum:
    result: str
    terms: tuple[str, ...]


def _test_sum(
    rows: Sequence[Money], result: str, terms: Sequence[str], unsure: Sequence[Collection[str]] = ()
) -> tuple[int, int]:
    """(tested, held): rows printing the result and at least one term (a blank term is zero).

    ``unsure``: per row, the columns whose cell nobody can vouch for (an OCRed amount the two
    readers read differently, a cell whose text is no amount): such a row is no evidence either
    way. A cell left unread is not blank, and a doubted reading is as likely the slip as the sum."""
    tested = held = 0
    for index, money in enumerate(rows):
        if result not in money or not any(term in money for term in terms):
            continue
        doubted = unsure[index] if index < len(unsure) else ()
        if result in doubted or any(term in doubted for term in terms):
            continue
        if not money[result] and not any(money.get(term) for term in terms):
            continue  # zeros agree with any identity: no evidence
        tested += 1
        held += money[result] == sum(money.get(term, 0) for term in terms)
    return tested, held


_WINDOW = 8  # neighbours a sum may draw on: 2^8 subsets at most per column and side


def _sum_candidates(columns: Sequence[Column]) -> list[list[ColumnSum]]:
    """Per money column, right to left (the deepest columns of a header first): the sets of two or
    more compatible money columns beside it — after it, or before it — largest first. Any subset,
    not only a run: "Tổng số | NSTW tổng | NSTW đầu tư | NSTW sự nghiệp | NS tỉnh" sums NSTW's
    total with NS tỉnh, stepping over NSTW's own parts. Compatible: its stage and period, or the
    years of its span when it names a span or no period at all."""
    money = [c for c in columns if c.kind == "money" and c.role != "unit_price"]
    per_column = []
    for index in range(len(money) - 1, -1, -1):
        column = money[index]
        sides = (_run(column, money[index + 1 :]), _run(column, money[:index][::-1])[::-1])
        candidates = [
            ColumnSum(column.key, terms)
            for side in sides
            for size in range(min(len(side), _WINDOW), 1, -1)
            for terms in itertools.combinations(side[:_WINDOW] if side is sides[0] else side[-_WINDOW:], size)
        ]
        per_column.append(candidates)
    return per_column


def _run(total: Column, neighbours: Sequence[Column]) -> list[str]:
    run = []
    for other in neighbours:
        if not _compatible(total, other) or other.role in _TOTAL_ROLES:
            break
        run.append(other.key)
    return run


def _compatible(total: Column, part: Column) -> bool:
    if total.key == part.key:
        return False
    if (total.stage, total.period) == (part.stage, part.period):
        return True
    if part.stage is None and part.period is None and (total.role in _TOTAL_ROLES or total.period is None):
        # "Tổng dự toán | Nguồn vốn / NS tỉnh | Đối ứng": the sources of that total's money; and a
        # column naming only a stage ("Dự toán giao") may be the sum of columns naming none
        return True
    if (total.role is None or total.role in _TOTAL_ROLES) and part.role in SOURCE_ROLES and total.period == part.period:
        return True  # a funding source of the total's period, whatever stage word each header uses
    # a total over a span ("Giai đoạn 2021-2025", or no period at all) and its years
    return total.stage == part.stage and part.period is not None and total.period in (None, *_span(total.period))


def _span(period: str | None) -> tuple[str, ...]:
    return (period,) if period and "-" in period else ()


def column_identities(
    rows: Sequence[Money], columns: Sequence[Column], unsure: Sequence[Collection[str]] = ()
) -> list[Identity]:
    """Per money column, the largest sum of its neighbours that holds on nearly all rows, kept;
    where none does, the nearest miss (if it held anywhere), listed as not kept. A column is a
    term of one sum at most (it may be the result of another: nested headers). ``unsure``: see
    :func:`_test_sum`."""
    found: list[Identity] = []
    used_terms: set[str] = set()
    for candidates in _sum_candidates(columns):
        best: Identity | None = None
        for candidate in candidates:
            if set(candidate.terms) & used_terms:
                continue
            tested, held = _test_sum(rows, candidate.result, candidate.terms, unsure)
            if tested < MIN_TESTED or not held:
                continue
            identity = Identity(
                kind="columns",
                expression=f"{candidate.result} = " + " + ".join(candidate.terms),
                result=candidate.result,
                terms=list(candidate.terms),
                tested=tested,
                held=held,
                kept=held >= NEARLY_ALL * tested,
            )
            if identity.kept:  # the largest set that holds (candidates come largest first)
                best = identity
                break
            if best is None or held / tested > best.held / best.tested:
                best = identity
        if best is not None:
            found.append(best)
            if best.kept:
                used_terms.update(best.terms)
    return found[::-1]


def balance_identities(
    rows: Sequence[Money], columns: Sequence[Column], unsure: Sequence[Collection[str]] = ()
) -> list[Identity]:
    """What remains of a plan: a column naming the rest ("Số vốn còn lại chưa giao", "Kinh phí còn
    được nhận") is the plan less what was given, i.e. plan = given + rest. The two other columns
    are not beside each other in any fixed way, so every pair of money columns is tried, and the
    one holding on the most rows is kept where it holds on nearly all of them."""
    money = [c for c in columns if c.kind == "money" and c.role != "unit_price"]
    found = []
    for rest in (c for c in money if c.stage == "remaining"):
        # a term blank or zero nearly everywhere adds nothing: it would "hold" anywhere
        if sum(1 for row in rows if row.get(rest.key)) < MIN_TESTED:
            continue
        pairs = [
            (plan, given)
            for plan, given in itertools.permutations((c for c in money if c.key != rest.key), 2)
            if plan.stage != "remaining" and given.stage != "remaining"
            and sum(1 for row in rows if row.get(given.key)) >= MIN_TESTED
        ]  # fmt: skip
        best = best_holding(_balance(rows, plan, given, rest, unsure) for plan, given in pairs)
        if best is not None:
            found.append(best)
    return found


def _balance(
    rows: Sequence[Money], plan: Column, given: Column, rest: Column, unsure: Sequence[Collection[str]]
) -> Identity:
    tested, held = _test_sum(rows, plan.key, (given.key, rest.key), unsure)
    return Identity(
        kind="columns",
        expression=f"{plan.key} = {given.key} + {rest.key}",
        result=plan.key,
        terms=[given.key, rest.key],
        tested=tested,
        held=held,
        kept=True,
    )


def product_identity(
    rows: Sequence[tuple[float | None, int | None, int | None]], columns: Sequence[Column]
) -> list[Identity]:
    """amount = quantity × unit price, tested on rows printing all three (quantity, price, amount
    in đồng); a difference below one printed unit of the amount is rounding."""
    by_role = {c.role: c for c in columns}
    quantity, price, amount = by_role.get("quantity"), by_role.get("unit_price"), by_role.get("amount")
    if quantity is None or price is None or amount is None:
        return []
    tolerance = (amount.multiplier or 1) / 2
    complete = [(q, p, a) for q, p, a in rows if q is not None and p is not None and a is not None]
    if len(complete) < MIN_TESTED:
        return []
    held = sum(abs(q * p - a) <= tolerance for q, p, a in complete)
    return [
        Identity(
            kind="product",
            expression=f"{amount.key} = {quantity.key} × {price.key}",
            result=amount.key,
            terms=[quantity.key, price.key],
            tested=len(complete),
            held=held,
            kept=held >= NEARLY_ALL * len(complete),
        )
    ]


def row_identity(column: str, tested: int, held: int) -> Identity:
    return Identity(
        kind="rows",
        expression=f"{column}: each parent row = the sum of the rows under it",
        result=column,
        terms=[],
        tested=tested,
        held=held,
        kept=tested > 0 and held >= ROWS_NEARLY_ALL * tested,
    )


def row_sum_identities(
    rows: Sequence[Row], tree: Tree, totals: Mapping[str, int | None], fields: Mapping[str, str], *, family: bool
) -> list[Identity]:
    """Per money column (``fields``: the name rows hold it by -> its column key), whether parent
    rows and the grand total are the sum of the rows under them.

    ``family``: the khuyến công family, whose subtotals are sums by its own convention: where no
    parent row prints a value to test (a workbook whose sums were formulas never calculated),
    that convention stands, recorded as untested."""
    roots = tree.roots(len(rows))
    found = []
    for field, key in fields.items():
        tested = held = 0
        groups = [(money_value(rows[parent], field), kids) for parent, kids in tree.children.items()]
        groups.append((totals.get(field), roots))
        for printed, kids in groups:
            known = [v for v in (contribution(rows, tree, k, field) for k in kids) if v is not None]
            if printed is None or not known:
                continue
            tested += 1
            held += sum(known) == printed
        if tested:
            found.append(row_identity(key, tested, held))
        elif family and tree.children:
            found.append(_assumed(row_identity(key, 0, 0)))
    return found


def _assumed(identity: Identity) -> Identity:
    return identity.model_copy(
        update={"kept": True, "expression": identity.expression + " (the plan family's convention; nothing to test)"}
    )


def product_rows(rows: Sequence[Row], columns: Sequence[Column]) -> list[tuple[float | None, int | None, int | None]]:
    """(quantity, unit price in đồng, amount in đồng) of each row, for ``product_identity``."""
    by_role = {c.role: c.key for c in columns}
    out = []
    for row in rows:
        quantity = next((q.value for q in row.quantities if q.column == by_role.get("quantity")), None)
        price = money_value(row, by_role["unit_price"]) if "unit_price" in by_role else None
        amount = money_value(row, by_role["amount"]) if "amount" in by_role else None
        out.append((quantity, price, amount))
    return out


@dataclass
class Reconciled:
    identities: list[Identity]
    changes: list[Finding]  # amounts inferred or repaired
    checks: list[Finding]  # sums that do not hold, repeated codes


def reader_v1_columns(columns: Sequence[Column]) -> list[str] | None:
    """The amount fields of a table the khuyến công reader read, or None for one read by position.

    Told apart by the columns each reader records: the khuyến công reader names the v1 field of
    every column it maps, text columns included; the positional reader names v1 fields of money
    and month columns only (``amounts.layout_columns`` / ``amounts.model_columns``)."""
    if not any(column.kind == "text" and column.v1_field for column in columns):
        return None
    fields = {column.v1_field for column in columns if column.kind == "money"}
    return [field for field in V1_AMOUNT_FIELDS if field in fields] or list(V1_AMOUNT_FIELDS)


def _money_fields(columns: Sequence[Column], v1_columns: Sequence[str] | None) -> dict[str, str]:
    """The name rows hold each money column by -> its column key."""
    if v1_columns is not None:
        return {c.v1_field: c.key for c in columns if c.v1_field is not None and c.v1_field in v1_columns}
    return {c.key: c.key for c in columns if c.kind == "money"}


def _kept(identities: Sequence[Identity], fields: Mapping[str, str], v1_columns: Sequence[str] | None) -> Kept:
    summed = frozenset(
        f for f, key in fields.items() if any(i.kept and i.kind == "rows" and i.result == key for i in identities)
    )
    refuted = frozenset(
        f
        for f, key in fields.items()
        if any(i.kind == "rows" and i.result == key and not i.kept and i.tested > 1 for i in identities)
    )
    if v1_columns is None:
        return Kept(row_identity=False, summed=summed, refuted=refuted)
    total_key = fields.get(TOTAL)
    parts = {key for field, key in fields.items() if field != TOTAL}
    row_identity = any(
        i.kept and i.kind == "columns" and i.result == total_key and set(i.terms) == parts for i in identities
    )
    return Kept(row_identity=row_identity, summed=summed, refuted=refuted)


def table_checks(
    rows: Sequence[Row],
    tree: Tree,
    totals: Totals,
    total_amounts: Sequence[Amount],
    columns: Sequence[Column],
    identities: Sequence[Identity],
    v1_columns: Sequence[str] | None,
    trust: Trust | None = None,
) -> list[Finding]:
    """The sum checks of a table under the identities it obeys (the kept ones), nothing inferred:
    run by :func:`reconcile_table` once the identities are found, and again after a reviewer's edit.
    ``trust``: what the two OCR readings say of each OCRed amount (see ``readings``)."""
    fields = _money_fields(columns, v1_columns)
    printed = printed_totals(totals, total_amounts)
    kept = _kept(identities, fields, v1_columns)
    refuted = refuted_hierarchy_findings(rows, tree, printed, identities, fields)
    if v1_columns is None:
        kept_sums = [(i.result, i.terms) for i in identities if i.kept and i.kind == "columns"]
        checks = check_sums(rows, tree, printed, list(fields), kept, kept_sums, trust)
        checks += product_findings(rows, identities, {c.key: c for c in columns})
        return refuted + checks + ratio_findings(rows, identities, columns)
    return refuted + check_sums(rows, tree, printed if any(printed.values()) else None, v1_columns, kept, trust=trust)


def refuted_hierarchy_findings(
    rows: Sequence[Row],
    tree: Tree,
    printed: Mapping[str, int | None],
    identities: Sequence[Identity],
    fields: Mapping[str, str],
) -> list[Finding]:
    """An error where the table prints a grand total that its rows, as read, do not add up to, in
    a column whose parent rows were tested and mostly do not sum the rows under them (the rows
    identity refuted). The sum checks stand down in such a column, since the hierarchy read is not
    the table's; but a printed grand total says the table sums its rows, so its codes or amounts
    were misread, or rows lost or put under the wrong heading, and no subtotal checks the rows
    (held-out Augraphy seed 10901: headings read as "l", "p", "q", a page of rows lost to a streak,
    and the document "ok"). One finding for the table, naming each such column."""
    failing = []
    for field, key in fields.items():
        identity = next((i for i in identities if i.kind == "rows" and i.result == key), None)
        total = printed.get(field)
        if identity is None or identity.kept or identity.tested < MIN_TESTED or total is None:
            continue
        if sum_of_top_rows(rows, tree, field) == total:
            continue
        failing.append(f"{key}: {identity.held} of {identity.tested}")
    if not failing:
        return []
    return [
        Finding(
            severity="error",
            code="table-sums-refuted",
            message=(
                "the table prints a grand total, but as read its rows do not add up to it, and its parent "
                f"rows and grand total equal the sum of the rows under them on few tests ({'; '.join(failing)}): "
                "the hierarchy as read is not the table's (codes or amounts misread, rows lost, or rows under "
                "the wrong heading), so no subtotal checks the rows; check the table's rows and numbering "
                "against the pages"
            ),
        )
    ]


def reconcile_table(
    rows: list[Row],
    tree: Tree,
    totals: Totals,
    total_amounts: Sequence[Amount],
    columns: Sequence[Column],
    v1_columns: Sequence[str] | None,
    trust: Trust | None = None,
    unread: Sequence[Mapping[str, str]] = (),
) -> Reconciled:
    """Discover what the table obeys, then infer and check with that only.

    ``v1_columns``: the khuyến công reader's amount fields (its rows hold them as v1 fields, and
    missing ones may be inferred); None for a table read by position (checked, nothing inferred).
    ``trust``: what the two OCR readings say of each OCRed amount (see ``readings``).
    ``unread``: per row, the amount cells whose text is no amount (column key -> the text read)."""
    fields = _money_fields(columns, v1_columns)
    unsure = _unsure_cells(len(rows), fields, trust or {}, unread)
    if v1_columns is not None:
        money = [
            {key: v for field, key in fields.items() if (v := money_value(row, field)) is not None} for row in rows
        ]
    else:
        money = [{a.column: a.value_vnd for a in row.amounts} for row in rows]
    printed = printed_totals(totals, total_amounts)
    found = column_identities(money, columns, unsure) + balance_identities(money, columns, unsure)
    found += product_identity(product_rows(rows, columns), columns) + ratio_identities(rows, columns)
    found += row_sum_identities(rows, tree, printed, fields, family=v1_columns is not None)
    if v1_columns is None:
        sums = [(i.result, i.terms) for i in found if i.kind == "columns" and i.kept and i.result and i.terms]
        labels = {c.key: c.label for c in columns}
        through = TableSums(sums, tree, _kept(found, fields, None).summed or frozenset(), printed)
        changes = infer_by_row_sums(rows, sums, labels, trust, _unread_by_slot(unread, fields), through)
        return Reconciled(found, changes, table_checks(rows, tree, totals, total_amounts, columns, found, None, trust))
    total_key = fields.get(TOTAL)
    terms = [key for key in fields.values() if key != total_key]
    if total_key and len(terms) > 1 and _test_sum(money, total_key, terms)[0] == 0:
        # nothing printed to test it on (and nothing against it): the family's own identity stands
        untested = Identity(kind="columns", expression=f"{total_key} = " + " + ".join(terms), result=total_key,
                            terms=terms, tested=0, held=0, kept=False)  # fmt: skip
        found.append(_assumed(untested))  # kept: the v1 row identity stands
    kept = _kept(found, fields, v1_columns)
    changes = repair_lost_commas(rows, v1_columns, trust) if kept.row_identity else []
    changes += infer_missing(rows, tree, v1_columns, kept, trust, _unread_by_slot(unread, fields), printed)
    checks = table_checks(rows, tree, totals, total_amounts, columns, found, v1_columns, trust)
    return Reconciled(found, changes, checks)


def _unread_by_slot(unread: Sequence[Mapping[str, str]], fields: Mapping[str, str]) -> dict[Slot, str]:
    """The text of each unread cell by (row position, field): what the page shows there."""
    field_of = {key: field for field, key in fields.items()}
    return {(index, field_of.get(key, key)): text for index, cells in enumerate(unread) for key, text in cells.items()}


def _unsure_cells(
    count: int, fields: Mapping[str, str], trust: Trust, unread: Sequence[Mapping[str, str]]
) -> list[set[str]]:
    """Per row, the column keys of its amounts nobody vouches for: read differently by the two
    OCR readers with no sum to settle it, or printed but unreadable."""
    unsure: list[set[str]] = [set() for _ in range(count)]
    for (index, field), cell in trust.items():
        if cell.in_doubt and index < count:
            unsure[index].add(fields.get(field, field))
    for index, keys in enumerate(unread[:count]):
        unsure[index].update(fields.get(key, key) for key in keys)
    return unsure


def product_findings(rows: Sequence[Row], found: Sequence[Identity], columns: Mapping[str, Column]) -> list[Finding]:
    """Rows where a kept amount = quantity × unit price does not hold."""
    findings = []
    for identity in found:
        if identity.kind != "product" or not identity.kept:
            continue
        tolerance = (columns[identity.result].multiplier or 1) / 2
        for row, (quantity, price, amount) in zip(rows, product_rows(rows, list(columns.values())), strict=True):
            if quantity is None or price is None or amount is None or abs(quantity * price - amount) <= tolerance:
                continue
            findings.append(
                Finding.about(
                    row,
                    severity="error",
                    code="product-mismatch",
                    message=f"row {row.code or '?'} prints {format_vn(amount)} đồng in {identity.result} but "
                    f"{format_vn(Decimal(str(quantity)))} × {format_vn(price)} = {format_vn(Decimal(str(quantity)) * price)}",
                    field=identity.result,
                    expected=round(quantity * price),
                    actual=amount,
                )
            )
    return findings
