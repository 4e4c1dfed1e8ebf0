"""A source column whose header names nothing known, named by the narrative's totals, in the
khuyến công reader too.

A held-out plan (seed 6061, text export) printed "Sự nghiệp kinh tế" (a budget line, no source
the vocabulary knows) beside "Vốn góp của người dân", its header in another order on the next
page; its narrative states the provincial budget's total, which is that column's grand total.
The column model found that; the khuyến công reader, which names columns by their words only,
dropped the column and left every row's provincial amount out. The column's sums name it first
now (it is a part of the total, and its words name a source without a money word)."""

from __future__ import annotations

from pathlib import Path

from vnplan import extract_document

PLAN = Path(__file__).parent / "fixtures" / "heldout" / "seed6061_h04_text_export.txt"


def test_the_column_the_narrative_names_keeps_its_amounts() -> None:
    document = extract_document(PLAN)
    provincial = {item.code: item.provincial_budget_vnd for item in document.items}
    assert provincial["1.1"] == 211_255_000 and provincial["3.4"] == 278_986_000  # a row on each page
    assert all(provincial.values())
    assert not [f for f in document.findings if f.code == "extra-numbers-dropped"]
    (finding,) = [f for f in document.findings if f.code == "column-role-from-cells"]
    assert "Sự nghiệp kinh tế" in finding.message and "a part of 'Tổng vốn (đồng)'" in finding.message
    assert finding.field == "provincial_budget_vnd"
