"""Column identities are tested on the cells someone can vouch for (``identities._test_sum``).

Sample: an eight-row table, total = provincial + beneficiary + other, as a 300 dpi scan reads it:
two rows with a source cell whose text is no amount ('2212: 07.'), one with a total the two OCR
readers read differently (819,2 and 80 for 815,5). Counted as blanks and as read, those rows broke
a true identity on 3 of 8 rows, so the table's fourth source column filled no v1 field.
"""

from __future__ import annotations

from vnplan.normalize.identities import balance_identities, column_identities, reconcile_table
from vnplan.normalize.reconcile import CellTrust, Tree
from vnplan.schemas import Amount, Column, Row, Totals

KEYS = ("total", "provincial", "beneficiary", "other")
SOURCES = ((120, 30, 40), (70, 0, 5), (9, 9, 9), (100, 200, 0), (55, 45, 0), (15, 15, 15), (80, 60, 0), (300, 0, 1))


def _columns() -> list[Column]:
    return [Column(key=key, label=key, kind="money", role=key) for key in KEYS]


def _money() -> list[dict[str, int]]:
    rows = [dict(zip(KEYS, (sum(parts), *parts), strict=True)) for parts in SOURCES]
    del rows[1]["other"]  # unread: its text is no amount
    del rows[4]["provincial"]  # unread
    rows[6]["total"] = 144  # the reading kept of a total the two readers read differently
    return rows


def test_unread_and_doubted_cells_are_no_evidence_against_an_identity() -> None:
    rows, columns = _money(), _columns()
    unsure = [set() for _ in rows]
    unsure[1].add("other")
    unsure[4].add("provincial")
    unsure[6].add("total")
    (blind,) = [i for i in column_identities(rows, columns) if i.result == "total"]
    assert (blind.tested, blind.held, blind.kept) == (8, 5, False)
    (seen,) = [i for i in column_identities(rows, columns, unsure) if i.result == "total"]
    assert (seen.tested, seen.held, seen.kept) == (5, 5, True)


def test_a_false_identity_stays_unkept_when_doubted_rows_are_set_aside() -> None:
    rows, columns = _money(), _columns()
    for row in rows:
        row["total"] += 7  # the total is no sum of the sources on any row
    unsure = [{"total"} if i % 2 else set() for i in range(len(rows))]
    assert not any(i.kept for i in column_identities(rows, columns, unsure) if i.result == "total")


def test_reconcile_table_sets_aside_unread_cells_and_readings_in_doubt() -> None:
    columns = _columns()
    rows = [
        Row(code=str(n + 1), kind="item", title=f"hoạt động {n + 1}",
            amounts=[Amount(column=key, label=key, value_vnd=value) for key, value in money.items()])
        for n, money in enumerate(_money())
    ]  # fmt: skip
    trust = {(6, "total"): CellTrust(False, 0.6, 80, in_doubt=True), (0, "total"): CellTrust(True, 0.9, 190, False)}
    unread: list[dict[str, str]] = [{} for _ in rows]
    unread[1]["other"] = "1O,5"
    unread[4]["provincial"] = "—"
    found = reconcile_table(rows, Tree({}), Totals(), [], columns, None, trust, unread).identities
    (identity,) = [i for i in found if i.kind == "columns" and i.result == "total"]
    assert identity.kept and (identity.tested, identity.held) == (5, 5)
    assert identity.terms == ["provincial", "beneficiary", "other"]


def test_a_plan_is_what_was_given_plus_what_remains_and_a_misread_rest_is_named() -> None:
    # A medium-term investment plan: plan = NSTW + NSĐP (its sources, beside it), and further
    # right "Đã giao 2021-2023" and "Số vốn còn lại chưa giao": plan = given + rest.
    columns = [
        Column(key="plan", label="Kế hoạch 2021-2025 / Tổng số", kind="money", role="total", stage="plan"),
        Column(key="central", label="Trong đó: NSTW", kind="money", role="central_budget", stage="plan"),
        Column(key="local", label="Trong đó: NSĐP", kind="money", role="provincial_budget", stage="plan"),
        Column(key="given", label="Đã giao kế hoạch các năm 2021-2023", kind="money", stage="allocated"),
        Column(key="rest", label="Số vốn còn lại chưa giao", kind="money", stage="remaining"),
    ]
    printed = [(260, 0, 260, 204, 56), (146, 102, 44, 73, 73), (90, 40, 50, 90, 0), (75, 25, 50, 30, 45)]
    printed.append((120, 20, 100, 70, 80))  # the rest misread: 80 for 50
    rows = [
        Row(code=str(n + 1), kind="item", title=f"dự án {n + 1}",
            amounts=[Amount(column=c.key, label=c.label, value_vnd=v) for c, v in zip(columns, values, strict=True)])
        for n, values in enumerate(printed)
    ]  # fmt: skip
    reconciled = reconcile_table(rows, Tree({}), Totals(), [], columns, None)
    kept = {(i.result, tuple(i.terms)) for i in reconciled.identities if i.kind == "columns" and i.kept}
    assert kept == {("plan", ("central", "local")), ("plan", ("given", "rest"))}
    named = {(f.row_code, f.field) for f in reconciled.checks if f.severity in ("error", "warning")}
    assert ("5", None) in named  # the row is in doubt as a whole …
    proposed = [f.suggestion for f in reconciled.checks if f.suggestion is not None]
    assert all(s.field != "plan" for s in proposed)  # … and the plan, which its sources vouch for, is not the suspect


def test_a_rest_that_is_blank_everywhere_makes_no_balance() -> None:
    # A real disbursement report: "Kinh phí còn được nhận / Từ ngân sách" is blank on every row,
    # and "đã giao / Từ Quỹ bảo trì" equals "đã giao / Tổng số": "quỹ = tổng + (blank)" holds on
    # every row and says nothing.
    columns = [
        Column(key="fund", label="Đã giao / Từ Quỹ bảo trì", kind="money", stage="allocated"),
        Column(key="total", label="Đã giao / Tổng số", kind="money", role="total", stage="allocated"),
        Column(key="received", label="Đã nhận / Lũy kế", kind="money", stage="accumulated"),
        Column(key="rest_fund", label="Còn được nhận / Từ quỹ bảo trì", kind="money", stage="remaining"),
        Column(key="rest_budget", label="Còn được nhận / Từ ngân sách", kind="money", stage="remaining"),
    ]
    printed = [(1212, 1212, 897, 315), (692, 692, 642, 50), (8028, 8028, 7287, 741), (63, 63, 0, 63)]
    money = [dict(zip(("fund", "total", "received", "rest_fund"), values, strict=True)) for values in printed]
    found = {(i.result, tuple(i.terms)) for i in balance_identities(money, columns)}
    assert found == {("fund", ("received", "rest_fund"))}


def test_a_table_read_by_position_fills_what_its_kept_row_sum_proves() -> None:
    """A table read by position (a source column no v1 field names, "Nguồn xã hội hóa") keeps
    total = provincial + beneficiary + socialized; a row whose socialized cell reads '*' (a dash
    under specks) and whose total equals its other sources has 0 there, on record. A cell that
    shows a figure is never filled so: one of the amounts the sum rests on is misread."""
    keys = ("total", "provincial", "beneficiary", "socialized")
    columns = [Column(key=key, label=key, kind="money", role=key) for key in keys]
    printed = [(756, 466, 290, None), (280, 112, 94, 74), (417, 298, 84, 35), (598, 316, 139, 143), (102, 60, 42, None)]
    rows = [
        Row(code=str(n + 1), kind="item", title=f"lớp nghề {n + 1}",
            amounts=[Amount(column=k, label=k, value_vnd=v) for k, v in zip(keys, values, strict=True) if v is not None])
        for n, values in enumerate(printed)
    ]  # fmt: skip
    unread: list[dict[str, str]] = [{} for _ in rows]
    unread[0]["socialized"] = "*"
    unread[4]["socialized"] = "15.786"
    reconciled = reconcile_table(rows, Tree({}), Totals(), [], columns, None, {}, unread)
    filled = [a for a in rows[0].amounts if a.column == "socialized"]
    assert [(a.value_vnd, a.inferred) for a in filled] == [(0, True)]
    assert [a.column for a in rows[0].amounts] == list(keys)  # in column order
    assert [(f.code, f.row_code, f.field) for f in reconciled.changes if f.row_code == "1"] == [
        ("amount-inferred", "1", "socialized")
    ]
    assert not any(a.column == "socialized" for a in rows[4].amounts)
    assert any(f.code == "sum-left-open" and f.row_code == "5" for f in reconciled.changes)


def test_a_column_blank_on_every_row_is_not_filled_by_a_row_sum() -> None:
    """A real disbursement report (real-docs qldb_giaingan_hungyen.xls): "Còn được nhận / Từ ngân
    sách" blank throughout; its row sum with the fund column holds, but the table put nothing
    there, and 0 on every row was 8 findings of nothing."""
    keys = ("total", "fund", "budget")
    rows = [
        Row(code=str(n + 1), kind="item", title=f"dự án {n + 1}",
            amounts=[Amount(column=k, label=k, value_vnd=v) for k, v in zip(keys, (v, v), strict=False)])
        for n, v in enumerate((1212, 692, 8028, 63))
    ]  # fmt: skip
    from vnplan.normalize.reconcile import infer_by_row_sums

    assert infer_by_row_sums(rows, [("total", ("fund", "budget"))], {k: k for k in keys}) == []
    assert all(len(row.amounts) == 2 for row in rows)


def _positional_rows(table: list[tuple[str, str, int]]) -> list[Row]:
    return [
        Row(code=code, kind=kind, title=f"hoạt động {n}", amounts=[Amount(column="total", label="total", value_vnd=v)])
        for n, (code, kind, v) in enumerate(table)
    ]


def test_a_grand_total_its_rows_miss_where_no_heading_sums_its_rows_makes_the_table_partial() -> None:
    """Held-out Augraphy seed 10901: headings I, II, III read as "l", "p", "q", a page of rows lost
    to a streak. No heading summed the rows put under it (0 of 6), so every sum check stood down,
    and the document was "ok" with 11 of its 31 rows gone. The grand total, printed, says the table
    sums its rows: as read, it does not, and that is an error on the table."""
    columns = [Column(key="total", label="Tổng kinh phí", kind="money", role="total")]
    read = [("l", "group", 50), ("1", "item", 30), ("2", "item", 30), ("p", "group", 70), ("1", "item", 25)]
    rows = _positional_rows(read)
    tree = Tree({0: [1, 2], 3: [4]})  # under "l" 60 for 50, under "p" 25 for 70: no heading holds
    grand_total = [Amount(column="total", label="Tổng kinh phí", value_vnd=310)]
    reconciled = reconcile_table(rows, tree, Totals(), grand_total, columns, None)
    (identity,) = [i for i in reconciled.identities if i.kind == "rows"]
    assert (identity.tested, identity.held, identity.kept) == (3, 0, False)
    assert [(f.severity, f.code) for f in reconciled.checks if f.code == "table-sums-refuted"] == [
        ("error", "table-sums-refuted")
    ]
    # the same rows under a grand total they add up to: the hierarchy is only misread, nothing lost
    reconciled = reconcile_table(
        rows, tree, Totals(), [grand_total[0].model_copy(update={"value_vnd": 120})], columns, None
    )
    assert not [f for f in reconciled.checks if f.code == "table-sums-refuted"]


def test_a_refuted_table_is_checked_again_on_every_edit_and_mended_by_one() -> None:
    """``table-sums-refuted`` is produced again by each re-check (``reviewing.recheck``): it is
    replaced, never kept twice, and a reviewer's mend that makes the rows add up clears it."""
    from vnplan.normalize.hierarchy import parent_positions
    from vnplan.reviewing import recheck
    from vnplan.schemas import PlanDocument

    columns = [Column(key="total", label="Tổng kinh phí", kind="money", role="total")]
    rows = _positional_rows(
        [("I", "group", 50), ("1", "item", 30), ("2", "item", 30), ("II", "group", 70), ("1", "item", 25)]
    )
    rows[1].parent_code = rows[2].parent_code = "I"
    rows[4].parent_code = "II"
    grand_total = [Amount(column="total", label="Tổng kinh phí", value_vnd=310)]
    found = reconcile_table(rows, Tree.from_parents(parent_positions(rows)), Totals(), grand_total, columns, None)
    source = {"path": "x.pdf", "sha256": "0" * 64, "kind": "scanned_pdf", "pages": 1}
    document = PlanDocument(source=source, columns=columns, identities=found.identities, items=rows,
                            total_amounts=grand_total, findings=found.checks, status="partial")  # fmt: skip
    again = recheck(recheck(document))
    assert [f.code for f in again.findings] == ["table-sums-refuted"] and again.status == "partial"
    mended = [row.model_copy(deep=True) for row in rows]
    mended[0].amounts[0].value_vnd, mended[3].amounts[0].value_vnd = 60, 25
    total = [grand_total[0].model_copy(update={"value_vnd": 85})]
    after = recheck(again.model_copy(update={"items": mended, "total_amounts": total}))
    assert after.findings == [] and after.status == "ok"
