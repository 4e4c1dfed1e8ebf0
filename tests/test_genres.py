"""Budget tables of other genres (samples/genres/, written by hand for vnplan; truth beside each):
every money cell exact, no invented amount, no non-money value emitted as money (issue 11).

Scored through the output contract only: rows matched in order by code and title, and each
row's ``amounts`` compared with the truth's ``{column label: value in đồng}``.
"""

import json
from pathlib import Path
from typing import Any

import pytest

from vnplan import extract_document

GENRES = Path(__file__).resolve().parent.parent / "samples" / "genres"
TRUTHS = sorted(GENRES.glob("*.truth.json"))


def _score(output: dict[str, Any], truth: dict[str, Any]) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {"wrong": [], "invented": [], "non_money": [], "rows": []}
    rows = output["items"]
    if [(r["code"], r["title"]) for r in rows] != [(r["code"], r["title"]) for r in truth["rows"]]:
        problems["rows"].append(f"{[(r['code'], r['title']) for r in rows]}")
        return problems
    for row, expected in zip(rows, truth["rows"], strict=True):
        got = {amount["label"]: amount["value_vnd"] for amount in row["amounts"]}
        where = f"{row['path']} {row['title']}"
        for label, value in expected["amounts"].items():
            if got.get(label) != value:
                problems["wrong"].append(f"{where} {label}: expected {value}, got {got.get(label)}")
        for label, value in got.items():
            if label in truth["non_money_labels"]:
                problems["non_money"].append(f"{where} {label}: {value}")
            elif value not in expected["amounts"].values():
                problems["invented"].append(f"{where} {label}: {value}")
        if row["parent_code"] != expected["parent_code"]:
            problems["rows"].append(f"{where}: parent {row['parent_code']}, expected {expected['parent_code']}")
    totals = {amount["label"]: amount["value_vnd"] for amount in output["total_amounts"]}
    for label, value in truth["grand_total"].items():
        if totals.get(label) != value:
            problems["wrong"].append(f"grand total {label}: expected {value}, got {totals.get(label)}")
    return problems


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name.split(".")[0])
def test_genre_sample_is_exact(truth_path: Path) -> None:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    document = extract_document(GENRES / truth["source"])
    output = json.loads(document.model_dump_json())
    assert _score(output, truth) == {"wrong": [], "invented": [], "non_money": [], "rows": []}
    codes = [f["code"] for f in output["findings"]]
    assert codes.count("duplicate-code") == truth["duplicate_codes"]
    assert "row-sum-mismatch" not in codes and "section-sum-mismatch" not in codes, output["findings"]
    assert document.status == "ok", [f for f in output["findings"] if f["severity"] == "error"]


def test_identities_are_discovered_per_table() -> None:
    """The allocation obeys total = its four sources, and every parent row sums its rows; the
    investment plan's columns are no sum of each other; the estimate obeys amount = quantity × price."""
    allocation = extract_document(GENRES / "ntp_allocation_2023.txt")
    kept = {i.expression for i in allocation.identities if i.kept}
    assert "total = central_budget + provincial_budget + district_budget + integrated" in kept
    assert {i.result for i in allocation.identities if i.kept and i.kind == "rows"} == {
        "total",
        "central_budget",
        "provincial_budget",
        "district_budget",
        "integrated",
    }
    investment = extract_document(GENRES / "public_investment_2021.txt")
    assert not [i for i in investment.identities if i.kept and i.kind == "columns"]
    estimate = extract_document(GENRES / "training_estimate_2024.txt")
    assert [(i.expression, i.kept) for i in estimate.identities if i.kind == "product"] == [
        ("amount = quantity × unit_price", True)
    ]


def test_an_identity_that_holds_flags_the_row_that_breaks_it(tmp_path: Path) -> None:
    """A slip in one commune's NS tỉnh: the kept identities name that row and that column."""
    text = (GENRES / "ntp_allocation_2023.txt").read_text(encoding="utf-8")
    text = text.replace("Xã Sa Nhơn\t8.420.000\t5.100.000\t1.680.000", "Xã Sa Nhơn\t8.420.000\t5.100.000\t1.630.000")
    path = tmp_path / "slip.txt"
    path.write_text(text, encoding="utf-8")
    document = extract_document(path)
    flagged = {(f.row_code, f.field) for f in document.findings if f.severity == "error"}
    assert ("a", "total") in flagged  # the row no longer adds up
    assert ("2", "provincial_budget") in flagged  # nor does the district above it
    assert not any(row.inferred for row in document.items)


def test_nested_sources_are_found_as_two_identities() -> None:
    """Tổng số = NSTW + NS tỉnh, and NSTW = its đầu tư + sự nghiệp parts printed beside it."""
    from vnplan.normalize.identities import column_identities
    from vnplan.schemas import Column

    keys = ["total", "central", "central_invest", "central_recurrent", "provincial"]
    columns = [Column(key=key, label=key, kind="money") for key in keys]
    rows = [
        dict(zip(keys, (t, c1 + c2, c1, c2, p), strict=True))
        for t, c1, c2, p in ((0, 5, 3, 2), (0, 70, 20, 10), (0, 8, 1, 4))
    ]
    for row in rows:
        row["total"] = row["central"] + row["provincial"]
    kept = {(i.result, tuple(i.terms)) for i in column_identities(rows, columns) if i.kept}
    assert kept == {("total", ("central", "provincial")), ("central", ("central_invest", "central_recurrent"))}
