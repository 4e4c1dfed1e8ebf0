"""End to end through the command line, as a user runs it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "text" / "000_8939c4b136b1e13b.txt"


def vnplan(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "vnplan.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env
    )


def test_extract_seed_writes_json_csv_parquet(tmp_path: Path) -> None:
    result = vnplan("extract", str(SEED), "-o", str(tmp_path), "--jobs", "1")
    assert result.returncode == 0, result.stderr  # partial (the grand total does not add up) is converted
    document = json.loads((tmp_path / "000_8939c4b136b1e13b.json").read_text(encoding="utf-8"))
    assert document["schema_version"] == 2 and len(document["items"]) == 33
    raw = (tmp_path / "items.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "items.csv needs a BOM for Excel"
    frame = pd.read_csv(tmp_path / "items.csv", encoding="utf-8-sig", dtype={"code": str})
    assert list(frame["code"][:3]) == ["I", "1", "1.1"]
    assert frame["document"].unique().tolist() == ["000_8939c4b136b1e13b"]
    parquet = pd.read_parquet(tmp_path / "items.parquet")
    assert parquet["total_vnd"].dropna().astype("int64").sum() == frame["total_vnd"].dropna().astype("int64").sum()
    report = pd.read_csv(tmp_path / "batch-report.csv", encoding="utf-8-sig")
    assert report["status"].tolist() == ["partial"]


def test_second_run_uses_the_cache(tmp_path: Path) -> None:
    vnplan("extract", str(SEED), "-o", str(tmp_path), "--jobs", "1")
    again = vnplan("extract", str(SEED), "-o", str(tmp_path), "--jobs", "1")
    assert "cached" in again.stdout


def test_a_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "plan.txt").write_bytes(SEED.read_bytes())
    (inputs / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    result = vnplan("extract", str(inputs), "-o", str(tmp_path / "out"), "--jobs", "2")
    assert result.returncode == 1
    assert "broken.pdf" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "out" / "plan.json").exists()
    report = pd.read_csv(tmp_path / "out" / "batch-report.csv", encoding="utf-8-sig")
    assert sorted(report["status"]) == ["failed", "partial"]


def test_schema_command_prints_the_contract() -> None:
    result = vnplan("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert "items" in schema["properties"] and "Row" in schema["$defs"]


def test_python_api_gives_a_dataframe() -> None:
    from vnplan import extract_document

    frame = extract_document(SEED).items_frame()
    assert str(frame["total_vnd"].dtype) == "Int64"
    assert frame.loc[frame["code"] == "4.2", "beneficiary_vnd"].item() == 2_200_000_000


def test_text_command_prints_repaired_pages_with_corrections() -> None:
    result = vnplan("text", str(SEED), "--show-corrections")
    assert result.returncode == 0, result.stderr
    assert "=== page 1" in result.stdout
    assert "Bản tin Khuyến công" in result.stdout and "Khuryn" not in result.stdout.split("[repair]")[0]
    assert "[repair] Bản tin Khuryn công -> Bản tin Khuyến công" in result.stdout


def test_strict_makes_a_partial_document_a_failure(tmp_path: Path) -> None:
    # The seed converts with findings (its printed grand total does not add up): partial.
    plain = vnplan("extract", str(SEED), "-o", str(tmp_path / "a"), "--jobs", "1")
    strict = vnplan("extract", str(SEED), "-o", str(tmp_path / "b"), "--jobs", "1", "--strict")
    assert (plain.returncode, strict.returncode) == (0, 1), plain.stderr + strict.stderr
    assert json.loads((tmp_path / "b" / "000_8939c4b136b1e13b.json").read_text(encoding="utf-8"))["status"] == "partial"


def test_help_answers_without_loading_the_pipeline() -> None:
    """`vnplan --help` imports neither pandas nor the pipeline (they take a second to load)."""
    probe = "import sys, vnplan.cli; print(sorted(m for m in ('pandas', 'vnplan.pipeline', 'cv2') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"
