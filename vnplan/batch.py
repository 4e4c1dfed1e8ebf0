"""Batch runner: many inputs -> one output folder, one bad file never stops the rest.

Documents run in worker processes (``jobs``). Each finished document is written at once
(atomically), so an interrupted batch keeps what finished; a cache keyed by the file's hash, the
vnplan version with a hash of its code (``code_fingerprint``) and the options that change results
lets the next run skip it.
"""

from __future__ import annotations

import dataclasses
import errno
import functools
import hashlib
import json
import logging
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from vnplan.carry_over import CarryRefused, carry_over
from vnplan.code_fingerprint import code_fingerprint
from vnplan.executors import run_dask, run_local, run_serial
from vnplan.extract.errors import EnvironmentProblem, VnplanError
from vnplan.extract.formats import SUPPORTED_SUFFIXES
from vnplan.extract.model import file_sha256
from vnplan.extract.routing import OcrPolicy
from vnplan.extract.workers import start_workers
from vnplan.normalize import DEFAULT_MIN_CONFIDENCE
from vnplan.pipeline import extract_document
from vnplan.reviewing import is_reviewed, reviewer_corrections
from vnplan.schemas import PlanDocument
from vnplan.writers import (
    amounts_frame,
    atomic_write,
    documents_frame,
    safe_stem,
    write_batch_tables,
    write_document_json,
)

log = logging.getLogger(__name__)

CACHE_NAME = ".vnplan-cache.json"
# Names the batch itself writes; a document called "batch-report.pdf" must not be overwritten by them.
RESERVED_STEMS = frozenset({"batch-report", "items", "amounts", "datapackage"})
# Outcome.extra["problem"]: why a failure is the user's setup rather than the document (exit code 2)
USAGE, ENVIRONMENT = "usage", "environment"
# Outcome.extra["reviewed"]: what became of a document a person reviewed (vnplan serve)
KEPT, CARRIED, REFUSED = "kept", "corrections carried over", "re-read refused"


@dataclass(frozen=True)
class Options:
    """What changes the results, and so keys the cache (the password does not)."""

    dpi: int = 300
    password: str | None = None
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    ocr: OcrPolicy = "auto"

    def cache_key(self, version: str) -> str:
        # the code's own fingerprint besides its version: an upgrade that keeps the version number
        # must not serve the outputs of the code before it
        return f"{version}|code={code_fingerprint()}|dpi={self.dpi}|min_confidence={self.min_confidence}|ocr={self.ocr}"


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
    reviewer_edits: int = 0  # corrections a reviewer made (vnplan serve)
    verified_rows: int = 0
    signed_off_by: str = ""
    signed_off_at: str = ""
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


# document JSON or None, status, one-line error, problem kind, seconds the conversion took
Result = tuple[str | None, str, str, str, float]


@dataclass(frozen=True)
class RunPlan:
    """Where documents run: ``local`` worker processes, or a Dask ``scheduler`` (None: a LocalCluster)."""

    jobs: int = 1
    executor: str = "local"
    scheduler: str | None = None


def convert_one(path: Path, options: Options, verbose: bool = False, *, page_jobs: int = 1) -> Result:
    """Worker: (document JSON or None, status, one-line error, problem kind, seconds). Never raises."""
    started = time.perf_counter()
    text, status, message, problem = _convert(path, options, verbose, page_jobs)
    return text, status, message, problem, round(time.perf_counter() - started, 3)


def _convert(path: Path, options: Options, verbose: bool, page_jobs: int) -> tuple[str | None, str, str, str]:
    try:
        document = extract_document(
            path,
            dpi=options.dpi,
            password=options.password,
            page_jobs=page_jobs,
            min_confidence=options.min_confidence,
            ocr=options.ocr,
        )
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
    plan: RunPlan | None = None,
    force: bool = False,
    verbose: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Convert every input into ``out_dir``; ``on_start(count)`` and ``on_done(outcome)`` report progress."""
    plan = plan or RunPlan()
    files, outcomes = expand_inputs(inputs)
    out_dir.mkdir(parents=True, exist_ok=True)
    if on_start:
        on_start(len(files) + len(outcomes))
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
            cached = out_dir / f"{outcome.output}.json"
            _summarise(outcome, PlanDocument.model_validate_json(cached.read_text(encoding="utf-8")), cached.name)
            outcome.cached = True
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
            continue
        reviewed = None if force else reviewed_output(out_dir / f"{outcome.output}.json")
        if reviewed is not None:  # a person's work is not overwritten by a re-run
            _summarise(outcome, reviewed, f"{outcome.output}.json")
            outcome.cached = True
            outcome.extra["reviewed"] = KEPT
            outcome.message = (
                f"{outcome.path}: {outcome.output}.json was reviewed ({_review_said(reviewed)}) and is kept as it is "
                "— --force re-reads the file and carries the reviewer's corrections over, or refuses and says why"
            )
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
            continue
        todo.append((path, outcome))

    todo, copies = _same_content_once(todo)
    try:
        for (_path, outcome), result in _run(todo, options, plan, verbose):
            text, status, message, problem, seconds = result
            outcome.seconds = seconds
            outcome.status, outcome.message = status, message
            if problem:
                outcome.extra["problem"] = problem
            if text is not None:
                _write_one(outcome, text, out_dir, cache)
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
            for copy in copies.pop(outcome.sha256, []):
                _copy_result(outcome, copy, text, out_dir, cache)
                outcomes.append(copy)
                if on_done:
                    on_done(copy)
    except KeyboardInterrupt:
        # what finished is on disk already; the dataset and report cover it, the cache resumes
        write_dataset(outcomes, out_dir)
        raise
    write_dataset(outcomes, out_dir)
    return outcomes


def _same_content_once(
    todo: list[tuple[Path, Outcome]],
) -> tuple[list[tuple[Path, Outcome]], dict[str, list[Outcome]]]:
    """Files with the same bytes are converted once; the copies are waiting for that result."""
    first: list[tuple[Path, Outcome]] = []
    copies: dict[str, list[Outcome]] = {}
    seen: set[str] = set()
    for path, outcome in todo:
        if outcome.sha256 in seen:
            copies.setdefault(outcome.sha256, []).append(outcome)
        else:
            seen.add(outcome.sha256)
            first.append((path, outcome))
    return first, copies


def _copy_result(original: Outcome, copy: Outcome, text: str | None, out_dir: Path, cache: Cache) -> None:
    """A file identical to one already converted gets the same result under its own name."""
    copy.status, copy.seconds = original.status, 0.0
    copy.message = original.message.replace(original.path, copy.path, 1)
    copy.extra = {**original.extra, "same_content_as": original.path}
    if text is not None:
        document = PlanDocument.model_validate_json(text)
        document.source.path = copy.path
        _write_one(copy, document.model_dump_json(indent=2), out_dir, cache)


def _write_one(outcome: Outcome, text: str, out_dir: Path, cache: Cache) -> None:
    """Write a document; a full disk or a vanished folder fails this document, not the batch."""
    target = out_dir / f"{outcome.output}.json"
    try:
        document = PlanDocument.model_validate_json(text)
        reviewed = reviewed_output(target)
        if reviewed is not None:  # --force over a reviewed document: its corrections go onto the new reading
            try:
                document, said = carry_over(reviewed, document)
            except CarryRefused as refusal:
                _summarise(outcome, reviewed, target.name)
                outcome.extra["reviewed"] = REFUSED
                outcome.message = (
                    f"{outcome.path}: the reviewed {target.name} is kept, not replaced: {refusal} — check that "
                    "document in vnplan serve, or move it away to start over"
                )
                return
            outcome.extra["reviewed"] = CARRIED
            outcome.message = f"{outcome.path}: re-read; {said}"
        write_document_json(document, target)
        _summarise(outcome, document, target.name)
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


def _run(
    todo: list[tuple[Path, Outcome]], options: Options, plan: RunPlan, verbose: bool
) -> Iterator[tuple[tuple[Path, Outcome], Result]]:
    """Run the conversions where the plan says; results in the order documents finish.

    Fewer documents than workers: documents run one at a time here and their scanned pages are
    OCRed in parallel instead, so a single long scan still uses every core.
    """
    if plan.executor == "dask":
        work = functools.partial(_convert_task, options=options, verbose=verbose, page_jobs=1)
        yield from run_dask(largest_first(todo), work, plan.jobs, plan.scheduler)
    elif plan.jobs <= 1 or len(todo) < plan.jobs:
        if plan.jobs <= 1:
            start_workers()  # --jobs 1 is one core: OpenCV on one thread, as Tesseract already is
        page_jobs = plan.jobs if plan.jobs > 1 else 1
        work = functools.partial(_convert_task, options=options, verbose=verbose, page_jobs=page_jobs)
        yield from run_serial(todo, work)
    else:
        work = functools.partial(_convert_task, options=options, verbose=verbose, page_jobs=1)
        yield from run_local(largest_first(todo), work, plan.jobs)


def largest_first(todo: list[tuple[Path, Outcome]]) -> list[tuple[Path, Outcome]]:
    """Biggest files first: a long scan started last would keep one worker busy while the others
    sit idle at the end of the batch. File size is a rough but free measure of the work (a scanned
    page weighs ~20 times a born-digital one, and costs ~20 times as much)."""

    def size(entry: tuple[Path, Outcome]) -> int:
        try:
            return entry[0].stat().st_size
        except OSError:
            return 0

    return sorted(todo, key=size, reverse=True)


def _convert_task(entry: tuple[Path, Outcome], *, options: Options, verbose: bool, page_jobs: int) -> Result:
    return convert_one(entry[0], options, verbose, page_jobs=page_jobs)


def reviewed_output(target: Path) -> PlanDocument | None:
    """The document at ``target`` if a person reviewed it (edits, verified rows, decisions, sign-off)."""
    try:
        document = PlanDocument.model_validate_json(target.read_bytes())
    except (OSError, ValueError):  # absent, or not a document vnplan can read: nothing to protect
        return None
    return document if is_reviewed(document) else None


def _review_said(document: PlanDocument) -> str:
    signed = document.review.signed_off
    parts = [f"{reviewer_corrections(document)} reviewer corrections"]
    if signed is not None:
        parts.append(f"signed off by {signed.by}")
    return ", ".join(parts)


def _summarise(outcome: Outcome, document: PlanDocument, json_name: str) -> None:
    outcome.status = document.status
    outcome.pages = document.source.pages
    outcome.items = len(document.items)
    outcome.errors = sum(f.severity == "error" for f in document.findings)
    outcome.warnings = sum(f.severity == "warning" for f in document.findings)
    outcome.reviewer_edits = reviewer_corrections(document)
    outcome.verified_rows = sum(row.verified is not None for row in document.items)
    signed = document.review.signed_off
    outcome.signed_off_by = signed.by if signed else ""
    outcome.signed_off_at = signed.at.isoformat() if signed else ""
    if document.status != "ok" and not outcome.message:
        first = next((f for f in document.findings if f.severity == "error"), None)
        details = f"see the findings in {json_name}"
        outcome.message = f"{outcome.path}: {first.message} — {details}" if first else ""


def write_dataset(outcomes: list[Outcome], out_dir: Path) -> None:
    """items and amounts (.csv, .parquet, datapackage.json) over every document that produced rows,
    and the batch report."""
    documents = []
    for outcome in outcomes:
        target = out_dir / f"{outcome.output}.json"
        if outcome.output and outcome.status != "failed" and target.exists():
            documents.append((outcome.output, PlanDocument.model_validate_json(target.read_text(encoding="utf-8"))))
    write_batch_tables(documents_frame(documents), out_dir, amounts_frame(documents))
    write_report([asdict(o) for o in outcomes], out_dir)


def write_report(rows: list[dict[str, object]], out_dir: Path) -> None:
    """batch-report.json (everything) and batch-report.csv (all but the ``extra`` details)."""
    report = pd.DataFrame([{k: v for k, v in row.items() if k != "extra"} for row in rows])
    atomic_write(out_dir / "batch-report.csv", lambda tmp: report.to_csv(tmp, index=False, encoding="utf-8-sig"))
    text = json.dumps(rows, indent=1, ensure_ascii=False)
    atomic_write(out_dir / "batch-report.json", lambda tmp: tmp.write_text(text, encoding="utf-8"))


def update_report_entry(out_dir: Path, name: str, document: PlanDocument) -> None:
    """A document's line of the batch report brought up to date after a review (status, findings,
    edits, sign-off); the folder may have no report (then nothing to do)."""
    try:
        rows = json.loads((out_dir / "batch-report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    fields = {f.name for f in dataclasses.fields(Outcome)} - {"extra"}
    for row in rows:
        if isinstance(row, dict) and row.get("output") == name:
            outcome = Outcome(**{k: v for k, v in row.items() if k in fields})
            outcome.message = ""  # the first error, say, may be gone now
            _summarise(outcome, document, f"{name}.json")
            row.update({k: v for k, v in asdict(outcome).items() if k != "extra"})
    write_report(rows, out_dir)
