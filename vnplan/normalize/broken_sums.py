"""Rows whose amounts a sum the table evidently obeys cannot vouch for: a warning on each, whether
or not that sum is kept.

A sum between columns is kept (it infers amounts and raises errors) only where it holds on nearly
all rows. On a scan read with many slips, or on a page whose columns were misplaced, it may hold on
far fewer — yet a sum that holds exactly, with two or more non-zero terms, on several rows is no
coincidence: the table obeys it, and the rows it fails on are misread. Nothing is inferred or
repaired from such a sum, but

- every row it fails on gets a warning naming the row (a blank term counts as zero: a cell left
  unread makes the row no more trustworthy);
- on a page where it fails on most of the rows it can be tested on, the page's columns themselves
  are in doubt: every other row of that page that prints an amount but cannot be tested (its sum,
  or every term, blank) gets the warning too.

A row that already carries a doubt on the whole row (a kept sum's ``row-amounts-in-doubt``) gets
no second one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from vnplan.normalize.numbers import format_vn
from vnplan.schemas import ROW_AMOUNT_DOUBTS, Finding, Identity, Row

# Rows on which a sum holds with two or more non-zero terms before the table is taken to obey it:
# exact agreement of several independent amounts does not happen by chance (one non-zero term
# does: a row funded by one source alone equals its total under any sum containing that source).
ROWS_BEYOND_CHANCE = 3


def holds_beyond_chance(result: int, terms: Sequence[int]) -> bool:
    """A row on which the sum holds with two non-zero terms at least: evidence the table obeys it."""
    return result == sum(terms) and sum(1 for value in terms if value) >= 2


def broken_sum_findings(
    rows: Sequence[Row], identities: Sequence[Identity], earlier: Sequence[Finding] = ()
) -> list[Finding]:
    """Warnings on the rows a column sum the table evidently obeys fails on, and on the untestable
    rows of a page it mostly fails on. ``earlier``: the findings so far (rows doubted as a whole
    by one of them are skipped)."""
    doubted = {id(row) for row in rows for f in earlier if _whole_row_doubt(f) and f.is_about(row)}
    findings: list[Finding] = []
    for identity in identities:
        if identity.kind != "columns" or not identity.terms:
            continue
        money = [{a.column: a.value_vnd for a in row.amounts} for row in rows]
        verdicts = [_verdict(m, identity) for m in money]
        if sum(v == _STRONG for v in verdicts) < ROWS_BEYOND_CHANCE:
            continue
        in_doubt = _pages_in_doubt(rows, verdicts)
        for row, verdict, amounts in zip(rows, verdicts, money, strict=True):
            if id(row) in doubted:
                continue
            if verdict == _FAILED:
                findings.append(_failed(row, amounts, identity))
            elif verdict is None and amounts and (page := next((p for p in row.pages if p in in_doubt), None)):
                tested, failed = in_doubt[page]
                findings.append(_on_page_in_doubt(row, page, identity, tested, failed))
            else:
                continue
            doubted.add(id(row))
    return findings


_HELD, _STRONG, _FAILED = "held", "strong", "failed"  # a row's verdict; None: the sum cannot be tested


def _verdict(money: Mapping[str, int], identity: Identity) -> str | None:
    """Whether the row obeys the sum: tested where it prints the sum and at least one term."""
    result = money.get(identity.result)
    terms = [money[key] for key in identity.terms if key in money]
    if result is None or not terms or (not result and not any(terms)):
        return None  # zeros agree with any sum: no evidence either way
    if result != sum(terms):
        return _FAILED
    return _STRONG if holds_beyond_chance(result, terms) else _HELD


def _pages_in_doubt(rows: Sequence[Row], verdicts: Sequence[str | None]) -> dict[int, tuple[int, int]]:
    """Pages on which the sum fails on more than half of the rows tested (two at least), as
    page -> (rows tested, rows failed). A row counts on the page it starts on."""
    tested: Counter[int] = Counter()
    failed: Counter[int] = Counter()
    for row, verdict in zip(rows, verdicts, strict=True):
        if verdict is None or not row.pages:
            continue
        tested[row.pages[0]] += 1
        failed[row.pages[0]] += verdict == _FAILED
    return {
        page: (tested[page], failed[page]) for page in tested if failed[page] >= 2 and 2 * failed[page] > tested[page]
    }


def _whole_row_doubt(finding: Finding) -> bool:
    """A finding that already puts every amount of its row in doubt (``ROW_AMOUNT_DOUBTS``): a
    row-wide warning about its code or its confidence does not, and the broken sum is still named."""
    return finding.severity in ("error", "warning") and finding.field is None and finding.code in ROW_AMOUNT_DOUBTS


def _failed(row: Row, money: Mapping[str, int], identity: Identity) -> Finding:
    parts = sum(money.get(key, 0) for key in identity.terms)
    blank = [key for key in identity.terms if key not in money]
    return Finding.about(
        row,
        severity="warning",
        code="sum-broken",
        message=(
            f"row {row.code or '?'}: {identity.result} {format_vn(money[identity.result])} đồng, but "
            f"{' + '.join(identity.terms)} = {format_vn(parts)} đồng"
            + (f" ({', '.join(blank)} blank)" if blank else "")
            + f"; the table obeys {identity.expression} on {identity.held} of {identity.tested} rows, so an "
            "amount of this row is probably misread (check it against the page)"
        ),
        expected=parts,
        actual=money[identity.result],
    )


def _on_page_in_doubt(row: Row, page: int, identity: Identity, tested: int, failed: int) -> Finding:
    return Finding.about(
        row,
        severity="warning",
        code="sum-broken",
        message=(
            f"row {row.code or '?'}: {identity.expression} holds on {identity.held} of the table's "
            f"{identity.tested} rows but fails on {failed} of the {tested} tested on page {page}, so the "
            "amount columns of that page may be misread; this row's amounts cannot be tested (check it "
            "against the page)"
        ),
        pages=[page],
    )
