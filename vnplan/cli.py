"""Command line: ``vnplan extract``, ``vnplan serve``, ``vnplan schema``, ``vnplan text`` …

Exit codes: 0 every document converted (``partial``, with findings, counts as converted); 1 some
document failed (the others are written), or was partial under ``--strict``; 2 usage or
environment errors (missing Tesseract, bad options).

Heavy modules (pandas, the pipeline, the pydantic models) are imported inside the commands that
use them, so that ``vnplan --help`` answers at once.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from vnplan import __version__
from vnplan.executors import EXECUTORS
from vnplan.extract.errors import VnplanError
from vnplan.extract.routing import OCR_POLICIES, OcrPolicy
from vnplan.normalize import DEFAULT_MIN_CONFIDENCE

if TYPE_CHECKING:
    from vnplan.batch import Outcome

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
err = Console(stderr=True)
log = logging.getLogger("vnplan")


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not verbose:
        # pdfminer warns about PDF internals a user cannot act on ("Could not get FontBBox from
        # font descriptor"); what matters reaches the user as vnplan's own one-line messages.
        logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _ocr_policy(ocr: str) -> OcrPolicy:
    for policy in OCR_POLICIES:
        if ocr == policy:
            return policy
    err.print(f"--ocr {ocr}: use one of {', '.join(OCR_POLICIES)}")
    raise typer.Exit(2)


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or globs")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output folder")] = Path("out"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: CPU count)")] = 0,
    dpi: Annotated[int, typer.Option(help="Render resolution for scanned pages")] = 300,
    password: Annotated[str | None, typer.Option(help="Password of encrypted PDFs")] = None,
    ocr: Annotated[
        str,
        typer.Option(
            help="auto: per PDF page, keep a sound text layer and OCR the rest (a scanner's OCR layer is replaced); "
            "always: OCR every page; never: read only text layers"
        ),
    ] = "auto",
    force: Annotated[
        bool,
        typer.Option(
            help="Redo documents already converted; a reviewed one gets its reviewer's corrections carried over "
            "(or is kept as it is, and the reason said)"
        ),
    ] = False,
    strict: Annotated[
        bool, typer.Option(help="Exit 1 when a document is partial (converted with error findings), not only failed")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug log and tracebacks")] = False,
    review: Annotated[bool, typer.Option("--review", help="Also write OUT/<name>.review.html per document")] = False,
    min_confidence: Annotated[
        float, typer.Option(help="Flag rows whose confidence (0–1) is below this with a low-confidence finding")
    ] = DEFAULT_MIN_CONFIDENCE,
    executor: Annotated[str, typer.Option(help="local (worker processes) or dask (a Dask cluster)")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address, e.g. tcp://host:8786 (default: a local cluster)")
    ] = None,
) -> None:
    """Convert plan documents into OUT/<name>.json, OUT/items.csv, OUT/items.parquet."""
    from vnplan.batch import Options, RunPlan, run_batch, write_hint
    from vnplan.progress import BatchProgress

    _setup_logging(verbose)
    if dpi < 72 or dpi > 1200:
        err.print(f"--dpi {dpi}: use a resolution between 72 and 1200")
        raise typer.Exit(2)
    policy = _ocr_policy(ocr)
    if not 0.0 <= min_confidence <= 1.0:
        err.print(f"--min-confidence {min_confidence}: use a value between 0 and 1")
        raise typer.Exit(2)
    if executor not in EXECUTORS:
        err.print(f"--executor {executor}: use one of {', '.join(EXECUTORS)}")
        raise typer.Exit(2)
    if scheduler and executor != "dask":
        err.print("--scheduler needs --executor dask")
        raise typer.Exit(2)
    started = time.perf_counter()
    workers = jobs or os.cpu_count() or 1

    if out.exists() and not out.is_dir():
        err.print(
            f"{out}: is a file, not a folder — choose a folder for the output with -o", markup=False, soft_wrap=True
        )
        raise typer.Exit(2)

    progress = BatchProgress(err)

    def report(outcome: Outcome) -> None:
        progress.done(outcome)
        if outcome.status in ("failed", "partial") or "reviewed" in outcome.extra:
            err.print(
                outcome.message or f"{outcome.path}: {outcome.status}", markup=False, highlight=False, soft_wrap=True
            )

    try:
        with progress:
            outcomes = run_batch(
                inputs,
                out,
                options=Options(dpi=dpi, password=password, min_confidence=min_confidence, ocr=policy),
                version=__version__,
                plan=RunPlan(jobs=workers, executor=executor, scheduler=scheduler),
                force=force,
                verbose=verbose,
                on_start=progress.start,
                on_done=report,
            )
    except VnplanError as error:  # the run itself cannot start (an unreachable Dask scheduler)
        err.print(str(error), markup=False, soft_wrap=True)
        raise typer.Exit(error.exit_code) from error
    except OSError as error:
        where = error.filename or out
        err.print(
            f"{where}: cannot write the output ({error.strerror}) — {write_hint(error)}", markup=False, soft_wrap=True
        )
        raise typer.Exit(2) from error
    except KeyboardInterrupt:
        err.print(
            f"{out}: interrupted — finished documents are kept; run the same command again to resume",
            markup=False,
            soft_wrap=True,
        )
        raise typer.Exit(130) from None
    _print_summary(outcomes, out, time.perf_counter() - started)
    if review:
        from vnplan.review import review_outputs

        pages = review_outputs(out, [o.output for o in outcomes if o.status != "failed"])
        Console().print(f"review pages: {len(pages)} written ({out}/*.review.html)")
    if not outcomes:
        err.print("no input files found — give files, a folder, or a glob such as 'archive/*.pdf'")
        raise typer.Exit(2)
    raise typer.Exit(exit_code(outcomes, strict=strict))


def exit_code(outcomes: list[Outcome], *, strict: bool = False) -> int:
    """2 a broken environment, or nothing processed because of usage; 1 a document failed (or,
    ``strict``, was only partially converted); else 0: partial documents are converted documents,
    with their doubts on record."""
    from vnplan.batch import ENVIRONMENT, USAGE

    problems = [o.extra.get("problem") for o in outcomes]
    if ENVIRONMENT in problems or all(p == USAGE for p in problems):
        return 2
    failing = ("failed", "partial") if strict else ("failed",)
    return 1 if any(o.status in failing for o in outcomes) else 0


def _print_summary(outcomes: list[Outcome], out: Path, seconds: float) -> None:
    from rich.table import Table

    console = Console()
    table = Table(title=f"vnplan {__version__}: {len(outcomes)} documents -> {out}/")
    for column in ("document", "status", "pages", "items", "errors", "warnings", "seconds"):
        table.add_column(column, justify="left" if column in ("document", "status") else "right")
    for o in outcomes:
        status = f"{o.status} (cached)" if o.cached and "reviewed" not in o.extra else o.status
        if "reviewed" in o.extra:
            status += f" (reviewed: {o.extra['reviewed']})"
        table.add_row(
            o.output or o.path, status, str(o.pages), str(o.items), str(o.errors), str(o.warnings), f"{o.seconds:.2f}"
        )
    console.print(table)
    counts = {s: sum(o.status == s for o in outcomes) for s in ("ok", "partial", "failed")}
    console.print(
        f"ok {counts['ok']} · partial {counts['partial']} · failed {counts['failed']} · "
        f"{sum(o.items for o in outcomes)} items · {seconds:.1f} s · report: {out}/batch-report.csv"
    )


@app.command()
def serve(
    out: Annotated[Path, typer.Argument(help="Output folder of vnplan extract")],
    port: Annotated[int, typer.Option(help="Port to listen on (0: any free port)")] = 8765,
    reviewer: Annotated[
        str | None, typer.Option(help="Name recorded with every edit and sign-off (default: your login name)")
    ] = None,
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; anything but 127.0.0.1 lets other machines read and edit OUT"),
    ] = "127.0.0.1",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug log and every request")] = False,
) -> None:
    """Review and correct the documents of OUT in the browser: http://127.0.0.1:8765/"""
    import getpass

    _setup_logging(verbose)
    if not out.is_dir():
        err.print(f"{out}: no such folder — give the output folder of vnplan extract", markup=False, soft_wrap=True)
        raise typer.Exit(2)
    if not 0 <= port < 65536:
        err.print(f"--port {port}: use a port between 1 and 65535 (0: any free port)")
        raise typer.Exit(2)
    name = (reviewer or "").strip() or getpass.getuser()
    from vnplan.serve.run import serve_folder

    try:
        serve_folder(out, host=host, port=port, reviewer=name, verbose=verbose, console=err)
    except OSError as error:
        err.print(f"{host}:{port}: cannot listen ({error.strerror}) — choose another --port", markup=False)
        raise typer.Exit(2) from error


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output document."""
    from vnplan.schemas import PlanDocument

    sys.stdout.write(json.dumps(PlanDocument.model_json_schema(), indent=2, ensure_ascii=False) + "\n")


@app.command()
def version() -> None:
    """Print the version."""
    sys.stdout.write(f"vnplan {__version__}\n")


@app.command("review")
def review_command(
    document: Annotated[Path, typer.Argument(help="A document JSON written by vnplan extract")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="HTML file (default: beside the JSON)")] = None,
    threshold: Annotated[float, typer.Option(help="Mark rows whose confidence is below this (0–1)")] = 0.8,
    dpi: Annotated[int, typer.Option(help="Resolution of the page images")] = 100,
) -> None:
    """(Re)build the review page of a finished output: pages with cells, items, findings, totals, chart."""
    from pydantic import ValidationError

    from vnplan.review import review_path, write_review
    from vnplan.schemas import PlanDocument

    try:
        parsed = PlanDocument.model_validate_json(document.read_text(encoding="utf-8"))
    except OSError as error:
        err.print(f"{document}: cannot be read ({error.strerror})", markup=False, soft_wrap=True)
        raise typer.Exit(2) from error
    except ValidationError as error:
        err.print(
            f"{document}: not a valid vnplan document ({error.error_count()} errors) — run `vnplan validate {document}`",
            markup=False,
            soft_wrap=True,
        )
        raise typer.Exit(2) from error
    target = out or review_path(document)
    write_review(parsed, target, threshold=threshold, dpi=dpi, name=document.stem)
    sys.stdout.write(f"{target}\n")


@app.command("validate")
def validate_command(
    path: Annotated[Path, typer.Argument(help="A document JSON or a batch items.csv, after hand edits")],
) -> None:
    """Re-check a hand-edited output: schema errors and failed sums, one per line; exit 1 on any error."""
    from vnplan.validate import UnreadableInput, validate_path

    try:
        reports = validate_path(path)
    except UnreadableInput as error:
        err.print(str(error), markup=False, soft_wrap=True)
        raise typer.Exit(2) from error
    for report in reports:
        for line in report.lines():
            sys.stdout.write(line + "\n")
    bad = [r for r in reports if not r.ok]
    sys.stdout.write(f"{len(reports)} documents checked, {len(bad)} with errors\n")
    raise typer.Exit(1 if bad else 0)


@app.command("text")
def text_command(
    path: Annotated[Path, typer.Argument(help="A PDF, image or text export")],
    show_corrections: Annotated[bool, typer.Option(help="List every OCR repair after each page")] = False,
    dpi: Annotated[int, typer.Option(help="Render resolution for scanned pages")] = 300,
    password: Annotated[str | None, typer.Option(help="Password of an encrypted PDF")] = None,
    ocr: Annotated[
        str,
        typer.Option(
            help="auto: per PDF page, keep a sound text layer and OCR the rest (a scanner's OCR layer is replaced); "
            "always: OCR every page; never: read only text layers"
        ),
    ] = "auto",
) -> None:
    """Print the recognised text of each page: NFC, OCR-repaired, table cells tab-separated."""
    from vnplan.plaintext import page_texts

    policy = _ocr_policy(ocr)
    try:
        for number, text, fixes in page_texts(path, dpi=dpi, password=password, ocr=policy):
            sys.stdout.write(f"=== page {number}\n{text}\n")
            if show_corrections:
                for fix in fixes:
                    sys.stdout.write(f"  [repair] {fix.before} -> {fix.after} ({fix.reason})\n")
    except VnplanError as error:
        err.print(f"{error}", markup=False, soft_wrap=True)
        raise typer.Exit(error.exit_code) from error


if __name__ == "__main__":
    app()
