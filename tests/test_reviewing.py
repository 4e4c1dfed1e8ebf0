"""A reviewer's acts on a document (vnplan/reviewing.py) and what a re-run of extract does with them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vnplan import extract_document
from vnplan.cli import app
from vnplan.reviewing import EditRefused, decide, edit_row, is_reviewed, proposal_of, recheck, sign_off, verify_row
from vnplan.schemas import Finding, PlanDocument

ROOT = Path(__file__).resolve().parent.parent
# the khuyến công family (v1 fields) and tables read by position (schema v2: amounts by column)
TEXTS = [
    *sorted((ROOT / "samples" / "text").glob("*.txt")),
    *sorted((ROOT / "samples" / "genres").glob("*.txt")),
    *(path for path in sorted((ROOT / "samples" / "pdf").glob("*.pdf")) if ".scan" not in path.name),
]
ALLOCATION = (
    ROOT / "samples" / "genres" / "ntp_allocation_2023.txt"
)  # total = central + provincial + district + integrated
SEED = ROOT / "samples" / "text" / "000_8939c4b136b1e13b.txt"
SLIP = ROOT / "samples" / "text" / "102_can_tho_2021_khuyen_cong.txt"


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_recheck_of_an_untouched_document_gives_the_pipelines_findings(path: Path) -> None:
    """The re-run after an edit uses the pipeline's checks: on the document as extracted, it must
    find exactly what extraction found (same findings, same order, same status)."""
    document = extract_document(path)
    again = recheck(document)
    assert again.findings == document.findings and again.status == document.status


def test_a_money_column_of_a_v2_table_is_edited_and_checked_under_its_identities() -> None:
    document = extract_document(ALLOCATION)
    assert document.columns  # schema v2: read by position, amounts by column
    assert not [f for f in document.findings if f.severity == "error"]
    index = next(i for i, row in enumerate(document.items) if row.code == "a")
    parent = document.items[index].parent_code
    edited = edit_row(document, index, "central_budget", "2.800.000.000", by="Lan")
    row = edited.items[index]
    assert next(a.value_vnd for a in row.amounts if a.column == "central_budget") == 2_800_000_000
    assert row.corrections[-1].field == "central_budget" and row.corrections[-1].before == "2.700.000.000"
    errors = {(f.code, f.row_code, f.field) for f in edited.findings if f.severity == "error"}
    # the kept identities: the row's column sum, and its section's sum of central_budget
    assert ("row-sum-mismatch", "a", "total") in errors and ("section-sum-mismatch", parent, "central_budget") in errors
    slip = next(f for f in edited.findings if f.code == "row-sum-mismatch" and f.row_code == "a")
    assert slip.suggestion is not None  # a one-digit slip: the reviewer may take it or turn it down
    turned_down = decide(edited, edited.findings.index(slip), False, by="Lan")
    assert turned_down.review.decisions[0].field == slip.suggestion.field
    restored = edit_row(turned_down, index, "central_budget", 2_700_000_000, by="Lan")
    assert not [f for f in restored.findings if f.severity == "error"] and restored.status == document.status
    # a money column that fills a v1 field is one cell under two names
    both = edit_row(document, index, "total", 4_660_000_000, by="Lan")
    assert both.items[index].total_vnd == 4_660_000_000
    via_v1 = edit_row(document, index, "total_vnd", 4_660_000_000, by="Lan")
    assert [a.value_vnd for a in via_v1.items[index].amounts if a.column == "total"] == [4_660_000_000]


def test_edits_never_touch_the_printed_value_silently() -> None:
    document = extract_document(SLIP)
    index = next(i for i, row in enumerate(document.items) if row.code == "2")
    with pytest.raises(EditRefused, match="not a month"):
        edit_row(document, index, "start_month", "13", by="Lan")
    edited = edit_row(document, index, "total_vnd", 1_350_000_000, by="Lan")
    assert document.items[index].total_vnd == 1_850_000_000  # the original is not mutated
    assert edited.status == "ok" and is_reviewed(edited) and not is_reviewed(document)
    inferred = next(i for i, row in enumerate(document.items) if row.inferred)
    field = document.items[inferred].inferred[0]
    overridden = edit_row(document, inferred, field, 1, by="Lan")
    assert field not in overridden.items[inferred].inferred  # a person's value now, not arithmetic
    assert not any(f.code == "amount-inferred" and f.field == field and f.row_code == document.items[inferred].code
                   for f in overridden.findings)  # fmt: skip


def test_typing_a_filled_total_answers_the_parts_its_fill_left_unchecked() -> None:
    """An amount filled from the row's sum (here a part: the total minus the others) left the
    row's OCRed amounts unchecked (amount-unchecked); a reviewer who types the amount as printed
    gives the row's sum back: their warnings go, and the re-check names the row where the typed
    amount and the others disagree. Another row's stay."""
    document = extract_document(SLIP)
    index = next(i for i, row in enumerate(document.items) if row.inferred)
    row = document.items[index]
    field = row.inferred[0]
    other = next(i for i, r in enumerate(document.items) if i != index and r.code and r.provincial_budget_vnd)
    unchecked = [
        Finding(severity="warning", code="amount-unchecked", message="…", row_code=row.code, field=part,
                row_index=index)
        for part in ("total_vnd", "provincial_budget_vnd", "beneficiary_vnd") if part != field
    ] + [Finding(severity="warning", code="amount-unchecked", message="…", row_code=document.items[other].code,
                 field="provincial_budget_vnd", row_index=other)]  # fmt: skip
    doubted = document.model_copy(update={"findings": [*document.findings, *unchecked]})
    printed = (getattr(row, field) or 0) + 1_000
    typed = edit_row(doubted, index, field, printed, by="Lan")
    left = [(f.row_index, f.field) for f in typed.findings if f.code == "amount-unchecked"]
    assert left == [(other, "provincial_budget_vnd")]
    assert any(f.code == "row-sum-mismatch" and f.row_index == index for f in typed.findings)


def test_an_automatic_repair_is_kept_or_undone() -> None:
    """An amount-repaired finding (a lost comma put back on an OCRed row): accepting keeps the
    repair on record; rejecting restores the amount as read."""
    document = extract_document(SLIP)
    index = next(i for i, row in enumerate(document.items) if row.code == "3.1")
    row = document.items[index]
    repaired = row.model_copy(update={"provincial_budget_vnd": 220_000_000})
    document.items[index] = repaired
    document.findings.append(
        Finding(severity="warning", code="amount-repaired", message="decimal comma lost in OCR", row_code="3.1",
                field="provincial_budget_vnd", pages=row.pages, expected=220_000_000, actual=2_200_000_000)
    )  # fmt: skip
    at = len(document.findings) - 1
    assert proposal_of(document, document.findings[at]) is not None
    kept = decide(document, at, True, by="Lan")
    assert kept.items[index].provincial_budget_vnd == 220_000_000 and kept.review.decisions[0].accepted
    undone = decide(document, at, False, by="Lan")
    assert undone.items[index].provincial_budget_vnd == 2_200_000_000
    assert undone.items[index].corrections[-1].before == "220.000.000"
    assert any(f.code == "row-sum-mismatch" and f.row_code == "3.1" for f in undone.findings)


# --- vnplan extract over a reviewed output ----------------------------------------------------------


def _extract(out: Path, *extra: str) -> str:
    result = CliRunner().invoke(app, ["extract", str(SLIP), "-o", str(out), "--jobs", "1", *extra])
    assert result.exit_code == 0, result.output
    return result.stderr


def _review(out: Path) -> PlanDocument:
    path = out / f"{SLIP.stem}.json"
    document = PlanDocument.model_validate_json(path.read_text(encoding="utf-8"))
    index = next(i for i, row in enumerate(document.items) if row.code == "2")
    document = edit_row(document, index, "total_vnd", 1_350_000_000, by="Lan")
    document = verify_row(document, index, True, by="Lan")
    document = sign_off(document, True, by="Lan")
    path.write_text(document.model_dump_json(indent=2), encoding="utf-8")
    return document


def test_extract_keeps_a_reviewed_document(tmp_path: Path) -> None:
    _extract(tmp_path)
    reviewed = _review(tmp_path)
    (tmp_path / ".vnplan-cache.json").unlink()  # as after an upgrade of vnplan: the cache no longer answers
    said = _extract(tmp_path)
    assert "was reviewed" in said and "--force" in said
    kept = PlanDocument.model_validate_json((tmp_path / f"{SLIP.stem}.json").read_text(encoding="utf-8"))
    assert kept == reviewed
    report = json.loads((tmp_path / "batch-report.json").read_text(encoding="utf-8"))
    assert report[0]["signed_off_by"] == "Lan" and report[0]["reviewer_edits"] == 1


def test_force_carries_the_reviewers_corrections_over(tmp_path: Path) -> None:
    _extract(tmp_path)
    reviewed = _review(tmp_path)
    said = _extract(tmp_path, "--force")
    assert "1 corrections carried over" in said and "sign-off by Lan kept" in said
    fresh = PlanDocument.model_validate_json((tmp_path / f"{SLIP.stem}.json").read_text(encoding="utf-8"))
    assert fresh.items == reviewed.items and fresh.status == "ok"
    assert fresh.review.signed_off == reviewed.review.signed_off


def test_force_refuses_when_the_new_reading_differs_and_says_so(tmp_path: Path) -> None:
    _extract(tmp_path)
    _review(tmp_path)
    path = tmp_path / f"{SLIP.stem}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    index = next(i for i, row in enumerate(data["items"]) if row["code"] == "2")
    data["items"][index]["corrections"][-1]["before"] = "1.650.000.000"  # as if the reviewer had seen another reading
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = path.read_bytes()
    said = _extract(tmp_path, "--force")
    assert "is kept, not replaced" in said and "row 2 total_vnd" in said and "1.650.000.000" in said
    assert path.read_bytes() == before


def test_doubts_a_person_answered_go_with_the_edit() -> None:
    """A reviewer who types a cell's value has read it: the doubts about how OCR read that cell go.
    An item a failing group sum put in doubt (amount-unvouched) is doubted no longer once no
    group's sum fails in its column; while one does, the doubt stays."""
    document = extract_document(SLIP)  # row 2 prints 1.850.000.000 where its parts make 1.350.000.000
    doubts = [
        Finding(severity="warning", code="amount-unvouched", message="…", row_code="2.1", field="total_vnd"),
        Finding(severity="warning", code="amount-readings-differ", message="…", row_code="2", field="total_vnd"),
        Finding(severity="warning", code="amount-readings-differ", message="…", row_code="2.2", field="total_vnd"),
        Finding(severity="warning", code="amount-unchecked", message="…", row_code="2", field="total_vnd"),
        Finding(severity="warning", code="amount-column-guessed", message="…", row_code="2", field="total_vnd"),
    ]
    # another row printing the same code (items restart at 1 under each heading): named by position
    other = next(i for i, row in enumerate(document.items) if row.code == "1")
    doubts.append(
        Finding(severity="warning", code="amount-readings-differ", message="…", row_code="2", field="total_vnd",
                row_index=other)
    )  # fmt: skip
    doubted = document.model_copy(update={"findings": [*document.findings, *doubts]})
    assert recheck(doubted).findings == doubted.findings  # the group's sum still fails: all stay

    index = next(i for i, row in enumerate(document.items) if row.code == "2")
    edited = edit_row(doubted, index, "total_vnd", 1_350_000_000, by="Lan")
    left = {
        (f.code, f.row_code)
        for f in edited.findings
        if f.row_index is None and (f in doubts or f.code == "amount-unvouched")
    }
    assert ("amount-readings-differ", "2") not in left  # the cell the person typed
    assert ("amount-unchecked", "2") not in left and ("amount-column-guessed", "2") not in left
    assert ("amount-unvouched", "2.1") not in left  # its group's sum holds now
    assert ("amount-readings-differ", "2.2") in left  # another cell nobody looked at
    assert any(f.row_index == other for f in edited.findings if f.code == "amount-readings-differ")
    assert not [f for f in edited.findings if f.code == "section-sum-mismatch"]
