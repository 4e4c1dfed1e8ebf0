"""Percent columns discovered as ratios of two other columns: "So sánh 2023/2022 (%)" = Dự toán
2023 ÷ Dự toán 2022 × 100, "Tỷ lệ giải ngân (%)" = Đã giải ngân ÷ Kế hoạch × 100.

Which two columns, and which one divides, is not assumed from the words: every ordered pair of the
table's other number columns is tested on the rows, and the pair that holds on nearly all rows
printing all three is kept (``reconcile.NEARLY_ALL``), to the precision the percent is printed
in. A kept ratio that a row breaks names that row: one of its three cells is misread.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import Decimal

from vnplan.normalize.numbers import format_vn
from vnplan.normalize.reconcile import best_holding, money_value
from vnplan.schemas import Column, Finding, Identity, Row


def _value(row: Row, column: Column) -> float | None:
    if column.kind == "money":
        money = money_value(row, column.key)
        return None if money is None else float(money)
    return next((q.value for q in row.quantities if q.column == column.key), None)


def _holds(part: float, whole: float, percent: float) -> bool:
    """part ÷ whole × 100 is the printed percent, to the places it is printed with."""
    places = max(0, -Decimal(repr(percent)).normalize().as_tuple().exponent)  # type: ignore[operator]
    return abs(part / whole * 100 - percent) <= 0.5 * 10.0**-places + 1e-9


def _test(rows: Sequence[Row], percent: Column, part: Column, whole: Column) -> tuple[int, int]:
    tested = held = 0
    for row in rows:
        p, a, b = _value(row, percent), _value(row, part), _value(row, whole)
        if p is None or a is None or not b:
            continue
        tested += 1
        held += _holds(a, b, p)
    return tested, held


def ratio_identities(rows: Sequence[Row], columns: Sequence[Column]) -> list[Identity]:
    """Per percent column, the ordered pair of number columns whose ratio it prints, where one holds."""
    numbers = [c for c in columns if c.kind in ("money", "quantity")]
    found = []
    for percent in (c for c in columns if c.kind == "percent"):
        best = best_holding(_ratio(rows, percent, part, whole) for part, whole in itertools.permutations(numbers, 2))
        if best is not None:
            found.append(best)
    return found


def _ratio(rows: Sequence[Row], percent: Column, part: Column, whole: Column) -> Identity:
    tested, held = _test(rows, percent, part, whole)
    return Identity(
        kind="ratio",
        expression=f"{percent.key} = {part.key} ÷ {whole.key} × 100",
        result=percent.key,
        terms=[part.key, whole.key],
        tested=tested,
        held=held,
        kept=True,
    )


def ratio_findings(rows: Sequence[Row], identities: Sequence[Identity], columns: Sequence[Column]) -> list[Finding]:
    """A warning naming each row that breaks a kept ratio: any of its three cells may be the misread one."""
    by_key = {c.key: c for c in columns}
    findings = []
    for identity in identities:
        if identity.kind != "ratio" or not identity.kept:
            continue
        percent, (part, whole) = by_key[identity.result], (by_key[t] for t in identity.terms)
        for row in rows:
            p, a, b = _value(row, percent), _value(row, part), _value(row, whole)
            if p is None or a is None or not b or _holds(a, b, p):
                continue
            ratio = Decimal(str(round(a / b * 100, 2)))
            findings.append(
                Finding.about(
                    row,
                    severity="warning",
                    code="ratio-mismatch",
                    message=f"row {row.code or '?'} prints {format_vn(Decimal(repr(p)))} in '{percent.label}', but "
                    f"'{part.label}' ÷ '{whole.label}' × 100 = {format_vn(ratio)}: one of the three is misread "
                    "(check the row against the page)",
                )
            )
    return findings
