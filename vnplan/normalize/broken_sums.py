"""Rows that break a sum the table mostly obeys: a warning on each, even where the sum is not kept.

A sum between columns is kept (it infers amounts and raises errors) only where it holds on nearly
all rows. On a scan read with many slips it may hold on most rows but not on nearly all — and
those failing rows are exactly the misread ones. Nothing is inferred or repaired from such a sum,
but every row it fails on gets a warning naming the row, so that no misread amount of it goes
unreported.
"""

from __future__ import annotations

from collections.abc import Sequence

from vnplan.normalize.numbers import format_vn
from vnplan.schemas import Finding, Identity, Row

_MOST = 0.5  # held on more than half of the rows that print its terms
_MIN_TESTED = 3


def broken_sum_findings(rows: Sequence[Row], identities: Sequence[Identity]) -> list[Finding]:
    findings = []
    for identity in identities:
        if identity.kept or identity.kind != "columns" or not identity.terms:
            continue
        if identity.tested < _MIN_TESTED or identity.held <= _MOST * identity.tested:
            continue
        for row in rows:
            money = {amount.column: amount.value_vnd for amount in row.amounts}
            needed = [identity.result, *identity.terms]
            if any(money.get(key) is None for key in needed):
                continue
            parts = sum(money[key] for key in identity.terms)
            if parts == money[identity.result]:
                continue
            findings.append(
                Finding.about(
                    row,
                    severity="warning",
                    code="sum-broken",
                    message=(
                        f"row {row.code or '?'}: {identity.result} {format_vn(money[identity.result])} đồng, but "
                        f"{' + '.join(identity.terms)} = {format_vn(parts)} đồng; the table obeys "
                        f"{identity.expression} on {identity.held} of {identity.tested} rows, so an amount of this "
                        "row is probably misread (check it against the page)"
                    ),
                    expected=parts,
                    actual=money[identity.result],
                )
            )
    return findings
