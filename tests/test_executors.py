"""Batch execution (issue: batch conversion at scale): local workers, Dask, duplicates, progress."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vnplan import __version__
from vnplan.batch import Options, RunPlan, run_batch
from vnplan.cli import app
from vnplan.executors import run_local

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "samples" / "text").glob("*.txt"))


def _square(value: int) -> int:
    return value * value


def test_local_workers_return_every_result() -> None:
    results = dict(run_local([1, 2, 3, 4, 5], _square, jobs=2))
    assert results == {1: 1, 2: 4, 3: 9, 4: 16, 5: 25}


def _comparable(out: Path) -> dict[str, dict[str, object]]:
    documents = {}
    for path in sorted(out.glob("*.json")):
        if path.name.startswith(("batch-report", "datapackage", ".")):
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        documents[path.stem] = {key: document[key] for key in ("items", "totals", "findings", "status", "document")}
    return documents


def test_parallel_run_equals_serial_run(tmp_path: Path) -> None:
    inputs = [str(p) for p in TEXTS]
    serial = run_batch(inputs, tmp_path / "serial", options=Options(), version=__version__, plan=RunPlan(jobs=1))
    parallel = run_batch(inputs, tmp_path / "parallel", options=Options(), version=__version__, plan=RunPlan(jobs=2))
    assert sorted(o.status for o in serial) == sorted(o.status for o in parallel)
    assert _comparable(tmp_path / "serial") == _comparable(tmp_path / "parallel")


def test_one_job_is_one_core_for_opencv_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # --jobs 1 runs in this process; OpenCV's thread pool would otherwise use every core
    pinned = []
    monkeypatch.setattr("vnplan.batch.start_workers", lambda: pinned.append(True))
    run_batch([str(TEXTS[0])], tmp_path / "out", options=Options(), version=__version__, plan=RunPlan(jobs=1))
    assert pinned == [True]


def test_dask_local_cluster_gives_the_same_results(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    inputs = [str(p) for p in TEXTS]
    run_batch(inputs, tmp_path / "local", options=Options(), version=__version__, plan=RunPlan(jobs=2))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        plan = RunPlan(jobs=2, executor="dask", scheduler=cluster.scheduler_address)
        outcomes = run_batch(inputs, tmp_path / "dask", options=Options(), version=__version__, plan=plan)
    assert len(outcomes) == len(TEXTS) and all(o.status in ("ok", "partial") for o in outcomes)
    assert _comparable(tmp_path / "local") == _comparable(tmp_path / "dask")


def test_unreachable_scheduler_is_an_environment_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr("vnplan.executors.CONNECT_TIMEOUT_S", 2)
    result = CliRunner().invoke(
        app,
        ["extract", str(TEXTS[0]), "-o", str(tmp_path), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"],
        catch_exceptions=False,
    )
    assert result.exit_code == 2
    assert "Dask scheduler" in result.stderr and "Traceback" not in result.stderr


def test_the_same_file_twice_is_converted_once(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        shutil.copy(TEXTS[0], tmp_path / folder / "plan.txt")
    outcomes = run_batch([str(tmp_path / "a"), str(tmp_path / "b")], tmp_path / "out", options=Options(),
                         version=__version__)  # fmt: skip
    converted = [o for o in outcomes if "same_content_as" not in o.extra]
    copies = [o for o in outcomes if "same_content_as" in o.extra]
    assert len(converted) == 1 and len(copies) == 1
    assert copies[0].seconds == 0.0 and copies[0].status == converted[0].status
    written = {p.name for p in (tmp_path / "out").glob("plan-*.json")}
    assert len(written) == 2


def test_plain_progress_lines_when_not_on_a_terminal(tmp_path: Path) -> None:
    ok_sample = next(p for p in TEXTS if p.name.startswith("103"))
    result = CliRunner().invoke(app, ["extract", str(ok_sample), "-o", str(tmp_path), "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    assert "[1/1] 103_binh_dinh_2023_xuc_tien_thuong_mai: ok" in result.stderr


@pytest.mark.tesseract
def test_pages_of_one_scan_ocr_in_parallel_read_the_same(tmp_path: Path) -> None:
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed (make install)")
    import pypdfium2 as pdfium

    from vnplan.extract.readers import read_source

    scan = pdfium.PdfDocument(str(ROOT / "samples" / "pdf" / "103_binh_dinh_2023_xuc_tien_thuong_mai.scan300.pdf"))
    two_pages = pdfium.PdfDocument.new()
    two_pages.import_pages(scan)
    two_pages.import_pages(scan)
    path = tmp_path / "two-pages.pdf"
    two_pages.save(str(path))
    serial = read_source(path, page_jobs=1)
    parallel = read_source(path, page_jobs=2)
    assert [p.number for p in parallel.pages] == [1, 2]
    assert [[line.text for line in p.lines] for p in serial.pages] == [
        [line.text for line in p.lines] for p in parallel.pages
    ]


def test_workers_start_with_the_biggest_files(tmp_path: Path) -> None:
    """A big scan queued last would leave the other workers idle at the end of a batch."""
    from vnplan.batch import Outcome, largest_first

    sizes = {"small.txt": 10, "big.pdf": 5000, "middle.txt": 300}
    todo = []
    for name, size in sizes.items():
        path = tmp_path / name
        path.write_bytes(b"x" * size)
        todo.append((path, Outcome(path=str(path), output=path.stem)))
    gone = tmp_path / "gone.txt"  # vanished meanwhile: sorted last, its error reported by the worker
    todo.append((gone, Outcome(path=str(gone), output="gone")))
    assert [p.name for p, _ in largest_first(todo)] == ["big.pdf", "middle.txt", "small.txt", "gone.txt"]
