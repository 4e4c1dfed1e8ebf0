"""Batch runner: many inputs -> one output folder, one bad file never stops the rest.

Documents run in worker processes (``jobs``). Each finished document is written at once
(atomically), so an interrupted batch keeps what finished; a cache keyed by the file's hash, the
vnplan version and the options that change results lets the next run skip it.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import signal
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from vnplan.extract.errors import EnvironmentProblem, VnplanError
from vnplan.pipeline import TEXT_SUFFIXES, extract_document
from vnplan.schemas import PlanDocument
from vnplan.writers import atomic_write, documents_frame, safe_stem, write_batch_tables, write_document_json

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
CACHE_NAME = ".vnplan-cache.json"
# Names the batch itself writes; a document called "batch-report.pdf" must not be overwritten by them.
RESERVED_STEMS = frozenset({"batch-report", "items"})
# Outcome.extra["problem"]: why a failure is the user's setup rather than the document (exit code 2)
USAGE, ENVIRONMENT = "usage", "environment"


@dataclass(frozen=True)
class Options:
    dpi: int = 300
    password: str | None = None

    def cache_key(self, version: str) -> str:
        return f"{version}|dpi={self.dpi}"


@dataclass
class Outcome:
    path: str
    output: str  # output name (stem) inside the folder
    sha256: str = ""
    status: str = "failed"  # ok | partial | failed | skipped
    pages: int = 0
    items: int = 0
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0
    message: str = ""
    cached: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def expand_inputs(inputs: Iterable[str]) -> tuple[list[Path], list[Outcome]]:
    """Files from files, folders (recursively) and globs; names that match nothing are failures."""
    files: list[Path] = []
    missing: list[Outcome] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            if not found:
                message = f"{raw}: folder holds no {'/'.join(sorted(SUPPORTED_SUFFIXES))} files — check the folder"
                missing.append(Outcome(path=raw, output="", message=message, extra={"problem": USAGE}))
            files += found
        elif path.exists():
            files.append(path)
        elif any(ch in raw for ch in "*?["):
            files += sorted(p for p in Path().glob(raw) if p.is_file())
        else:
            message = f"{raw}: no such file or folder — check the path"
            missing.append(Outcome(path=raw, output="", message=message, extra={"problem": USAGE}))
    unique = list(dict.fromkeys(p.resolve() for p in files))
    return unique, missing


def output_names(files: list[Path]) -> dict[Path, str]:
    """A distinct, safe output name per file; files sharing a stem get a short hash of their path."""
    stems = [safe_stem(p) for p in files]
    names = {}
    for path, stem in zip(files, stems, strict=True):
        if stems.count(stem) > 1 or stem.lower() in RESERVED_STEMS:
            stem = f"{stem}-{hashlib.sha1(str(path).encode()).hexdigest()[:8]}"
        names[path] = stem
    return names


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


Result = tuple[str | None, str, str, str]  # document JSON or None, status, one-line error, problem


def convert_one(path: Path, options: Options, verbose: bool = False) -> Result:
    """Worker: (document JSON or None, status, one-line error, problem kind). Never raises."""
    try:
        document = extract_document(path, dpi=options.dpi, password=options.password)
        return document.model_dump_json(indent=2), document.status, "", ""
    except VnplanError as error:
        if verbose:
            log.debug("%s", traceback.format_exc())
        problem = ENVIRONMENT if isinstance(error, EnvironmentProblem) else ""
        return None, "failed", error_line(path, error), problem
    except Exception as error:  # a bug or an unforeseen file: reported, the batch goes on
        detail = traceback.format_exc() if verbose else f"{type(error).__name__}: {error}"
        return None, "failed", f"{path}: unexpected error {detail.strip()} — please report it with the file", ""


def error_line(path: Path, error: VnplanError) -> str:
    """``path: what went wrong — what to do``, the one line a user sees per failed document."""
    what = str(error.args[0]) if error.args else type(error).__name__
    prefix = f"{path}: "
    what = what.removeprefix(prefix)  # some readers already name the file
    return f"{prefix}{what} — {error.hint}" if error.hint else f"{prefix}{what}"


class Cache:
    def __init__(self, out_dir: Path, key: str) -> None:
        self.path = out_dir / CACHE_NAME
        self.key = key
        try:
            self.entries: dict[str, dict[str, str]] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def hit(self, name: str, sha256: str, out_dir: Path) -> bool:
        entry = self.entries.get(name)
        return bool(
            entry
            and entry.get("sha256") == sha256
            and entry.get("key") == self.key
            and (out_dir / f"{name}.json").exists()
        )

    def record(self, name: str, sha256: str) -> None:
        self.entries[name] = {"sha256": sha256, "key": self.key}
        text = json.dumps(self.entries, indent=1, ensure_ascii=False)
        atomic_write(self.path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def run_batch(
    inputs: Iterable[str],
    out_dir: Path,
    *,
    options: Options,
    version: str,
    jobs: int = 1,
    force: bool = False,
    verbose: bool = False,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    files, outcomes = expand_inputs(inputs)
    out_dir.mkdir(parents=True, exist_ok=True)
    if on_done:
        for outcome in outcomes:
            on_done(outcome)
    names = output_names(files)
    cache = Cache(out_dir, options.cache_key(version))
    todo: list[tuple[Path, Outcome]] = []
    for path in files:
        outcome = Outcome(path=str(path), output=names[path])
        try:
            outcome.sha256 = file_sha256(path)
        except OSError as error:
            outcome.message = f"{path}: cannot be read ({error.strerror}) — check its permissions"
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
            continue
        if not force and cache.hit(outcome.output, outcome.sha256, out_dir):
            _summarise(outcome, out_dir / f"{outcome.output}.json")
            outcome.cached = True
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
            continue
        todo.append((path, outcome))

    try:
        for (_path, outcome), result, seconds in _run(todo, options, jobs, verbose):
            text, status, message, problem = result
            outcome.seconds = round(seconds, 3)
            outcome.status, outcome.message = status, message
            if problem:
                outcome.extra["problem"] = problem
            if text is not None:
                _write_one(outcome, text, out_dir, cache)
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
    except KeyboardInterrupt:
        # what finished is on disk already; the dataset and report cover it, the cache resumes
        write_dataset(outcomes, out_dir)
        raise
    write_dataset(outcomes, out_dir)
    return outcomes


def _write_one(outcome: Outcome, text: str, out_dir: Path, cache: Cache) -> None:
    """Write a document; a full disk or a vanished folder fails this document, not the batch."""
    target = out_dir / f"{outcome.output}.json"
    try:
        write_document_json(PlanDocument.model_validate_json(text), target)
        _summarise(outcome, target)
        cache.record(outcome.output, outcome.sha256)
    except OSError as error:
        outcome.status = "failed"
        outcome.message = f"{outcome.path}: cannot write {target} ({error.strerror}) — {write_hint(error)}"


def write_hint(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some disk space and run again; finished documents are kept"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "choose a writable folder with -o"
    return "check the output folder"


def _ignore_sigint() -> None:
    # Ctrl-C reaches every process of the terminal's group; only the parent handles it, so
    # workers print no traceback and the parent can record what finished.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(
    todo: list[tuple[Path, Outcome]], options: Options, jobs: int, verbose: bool
) -> Iterator[tuple[tuple[Path, Outcome], Result, float]]:
    if jobs <= 1 or len(todo) <= 1:
        for entry in todo:
            started = time.perf_counter()
            yield entry, convert_one(entry[0], options, verbose), time.perf_counter() - started
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_sigint)
    try:
        started = time.perf_counter()
        futures: list[tuple[tuple[Path, Outcome], Future[Result]]] = [
            (entry, pool.submit(convert_one, entry[0], options, verbose)) for entry in todo
        ]
        for entry, future in futures:
            yield entry, future.result(), time.perf_counter() - started
    except BaseException:
        # interrupted: drop queued documents and stop the running ones instead of waiting for them
        pool.shutdown(wait=False, cancel_futures=True)
        # _processes is private, but the executor has no public way to stop a running task
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        raise
    pool.shutdown()


def _summarise(outcome: Outcome, json_path: Path) -> None:
    document = PlanDocument.model_validate_json(json_path.read_text(encoding="utf-8"))
    outcome.status = document.status
    outcome.pages = document.source.pages
    outcome.items = len(document.items)
    outcome.errors = sum(f.severity == "error" for f in document.findings)
    outcome.warnings = sum(f.severity == "warning" for f in document.findings)
    if document.status != "ok" and not outcome.message:
        first = next((f for f in document.findings if f.severity == "error"), None)
        details = f"see the findings in {json_path.name}"
        outcome.message = f"{outcome.path}: {first.message} — {details}" if first else ""


def write_dataset(outcomes: list[Outcome], out_dir: Path) -> None:
    """items.csv / items.parquet over every document that produced rows, and the batch report."""
    documents = []
    for outcome in outcomes:
        target = out_dir / f"{outcome.output}.json"
        if outcome.output and outcome.status != "failed" and target.exists():
            documents.append((outcome.output, PlanDocument.model_validate_json(target.read_text(encoding="utf-8"))))
    write_batch_tables(documents_frame(documents), out_dir)
    report = pd.DataFrame([{k: v for k, v in asdict(o).items() if k != "extra"} for o in outcomes])
    atomic_write(out_dir / "batch-report.csv", lambda tmp: report.to_csv(tmp, index=False, encoding="utf-8-sig"))
    rows = [asdict(o) for o in outcomes]
    text = json.dumps(rows, indent=1, ensure_ascii=False)
    atomic_write(out_dir / "batch-report.json", lambda tmp: tmp.write_text(text, encoding="utf-8"))
