"""`vnplan validate`: hand-edited outputs re-checked against the schema and the sums."""

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from vnplan import extract_document
from vnplan.cli import app
from vnplan.validate import validate_path
from vnplan.writers import documents_frame, write_batch_tables

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "text"
CONSISTENT = SAMPLES / "103_binh_dinh_2023_xuc_tien_thuong_mai.txt"  # status ok: every sum holds


@pytest.fixture(scope="module")
def document_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(extract_document(CONSISTENT).model_dump_json())
    return data


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _run(path: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, ["validate", str(path)])
    return result.exit_code, result.stdout.splitlines()


def _item_with_children(data: dict[str, Any]) -> int:
    codes = {item["parent_code"] for item in data["items"]}
    return next(i for i, item in enumerate(data["items"]) if item["kind"] == "item" and item["parent_code"] in codes)


def test_valid_document_exits_0(tmp_path: Path, document_data: dict[str, Any]) -> None:
    code, lines = _run(_write(tmp_path, document_data))
    assert code == 0, lines
    assert not any(line.startswith("error") for line in lines)
    assert lines[-1] == "1 documents checked, 0 with errors"


def test_edited_amount_that_breaks_a_sum_is_a_finding(tmp_path: Path, document_data: dict[str, Any]) -> None:
    data = json.loads(json.dumps(document_data))
    index = _item_with_children(data)
    row = data["items"][index]
    row["total_vnd"] += 1_000_000  # the person "fixed" one figure and broke the row and its section
    code, lines = _run(_write(tmp_path, data))
    assert code == 1
    assert any(line.startswith(f"error row-sum-mismatch row {row['code']}:") for line in lines), lines
    # ... and the sum above it: its section's, or the grand total where the section prints nothing
    assert any(line.startswith(("error section-sum-mismatch", "error grand-total-mismatch")) for line in lines), lines


def test_validate_does_not_infer(tmp_path: Path, document_data: dict[str, Any]) -> None:
    data = json.loads(json.dumps(document_data))
    index = _item_with_children(data)
    data["items"][index]["other_vnd"] = None  # inference would fill it back; validate must only check
    report = validate_path(_write(tmp_path, data))[0]
    assert not any(f.code == "amount-inferred" for f in report.findings)


def test_malformed_fields_give_one_line_each(tmp_path: Path, document_data: dict[str, Any]) -> None:
    data = json.loads(json.dumps(document_data))
    index = _item_with_children(data)
    row = data["items"][index]
    row["total_vnd"] = "12a"
    row["start_month"] = 13
    code, lines = _run(_write(tmp_path, data))
    assert code == 1
    problems = [line for line in lines if line.startswith(f"row {row['code']}:")]
    assert len(problems) == 2, lines
    assert any(p.startswith(f"row {row['code']}: total_vnd: Input should be a valid integer") for p in problems)
    assert any(p.startswith(f"row {row['code']}: start_month:") for p in problems)


def test_items_csv_grouped_by_document(tmp_path: Path) -> None:
    documents = [(p.stem, extract_document(p)) for p in (CONSISTENT, SAMPLES / "102_can_tho_2021_khuyen_cong.txt")]
    write_batch_tables(documents_frame(documents), tmp_path)
    reports = validate_path(tmp_path / "items.csv")
    assert [r.name for r in reports] == [name for name, _ in documents]
    assert reports[0].ok  # the consistent one
    assert not reports[1].ok  # Cần Thơ keeps its one-digit slip (1.850 for 1.350)
    assert any(f.code == "row-sum-mismatch" for f in reports[1].findings)


def test_items_csv_malformed_cell_names_document_and_row(tmp_path: Path) -> None:
    write_batch_tables(documents_frame([("plan", extract_document(CONSISTENT))]), tmp_path)
    frame = pd.read_csv(tmp_path / "items.csv", dtype=str, keep_default_na=False)
    frame.loc[1, "total_vnd"] = "1.000.000"  # a person typed the Vietnamese way
    frame.to_csv(tmp_path / "items.csv", index=False, encoding="utf-8-sig")
    code, lines = _run(tmp_path / "items.csv")
    assert code == 1
    assert f"plan: row {frame.loc[1, 'code']}: total_vnd: Input should be a valid integer" in lines[0]


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text("{not json", encoding="utf-8")
    assert _run(path)[0] == 2
    assert _run(tmp_path / "missing.json")[0] == 2


def test_a_v2_document_is_checked_by_its_own_identities(tmp_path: Path) -> None:
    """A public investment plan has no total = parts identity: validating it raises no row sum
    finding (the v1 assumption would), while a broken commune in an allocation is named."""
    genres = SAMPLES.parent / "genres"
    investment = json.loads(extract_document(genres / "public_investment_2021.txt").model_dump_json())
    assert _run(_write(tmp_path, investment))[0] == 0
    allocation = json.loads(extract_document(genres / "ntp_allocation_2023.txt").model_dump_json())
    commune = next(row for row in allocation["items"] if row["path"] == "1/a")
    commune["total_vnd"] += 1_000_000  # edited in the v1 field only
    code, lines = _run(_write(tmp_path, allocation))
    assert code == 1
    assert any(line.startswith("error row-sum-mismatch row a:") for line in lines), lines
    assert any(line.startswith("warning v1-field-mismatch row a:") for line in lines), lines
