"""A decimal comma lost in OCR ("221" for 22,1 triệu), repaired only where the row's sum proves it."""

from __future__ import annotations

from vnplan.normalize.amount_repair import repair_lost_commas
from vnplan.schemas import CellBox, Row

COLUMNS = ("total_vnd", "provincial_budget_vnd", "beneficiary_vnd", "other_vnd")


def row(total: int, provincial: int, beneficiary: int, other: int, *, ocr: bool = True) -> Row:
    boxes = [
        CellBox(page=1, field=field, x0=0, top=0, x1=10, bottom=10, confidence=0.9 if ocr else None)
        for field in COLUMNS
    ]
    return Row(
        code="1.5", kind="item", title="Hỗ trợ", total_vnd=total, provincial_budget_vnd=provincial,
        beneficiary_vnd=beneficiary, other_vnd=other, pages=[2], cells=boxes,
    )  # fmt: skip


def test_an_ocred_amount_that_lost_its_comma_is_repaired_and_recorded() -> None:
    rows = [row(220_700_000, 172_200_000, 26_400_000, 221_000_000)]
    findings = repair_lost_commas(rows, COLUMNS)
    assert rows[0].other_vnd == 22_100_000
    (correction,) = rows[0].corrections
    assert (correction.field, correction.before, correction.after) == ("other_vnd", "221.000.000", "22.100.000")
    (finding,) = findings
    assert finding.code == "amount-repaired" and finding.severity == "warning"
    assert (finding.expected, finding.actual, finding.row_code) == (22_100_000, 221_000_000, "1.5")


def test_a_total_read_without_its_comma_is_repaired_too() -> None:
    rows = [row(2_207_000_000, 172_200_000, 26_400_000, 22_100_000)]
    repair_lost_commas(rows, COLUMNS)
    assert rows[0].total_vnd == 220_700_000


def test_printed_sources_and_doubtful_rows_are_left_as_read() -> None:
    printed = [row(220_700_000, 172_200_000, 26_400_000, 221_000_000, ocr=False)]  # the document's own figure
    assert repair_lost_commas(printed, COLUMNS) == [] and printed[0].other_vnd == 221_000_000
    ambiguous = [row(242_000_000, 220_000_000, 220_000_000, 0)]  # either part could be 22 triệu
    assert repair_lost_commas(ambiguous, COLUMNS) == [] and ambiguous[0].corrections == []
    unexplained = [row(220_700_000, 172_200_000, 26_400_000, 30_000_000)]  # off, but no comma explains it
    assert repair_lost_commas(unexplained, COLUMNS) == []
    consistent = [row(220_700_000, 172_200_000, 26_400_000, 22_100_000)]
    assert repair_lost_commas(consistent, COLUMNS) == []
