"""Command line: ``vnplan extract``, ``vnplan schema``, ``vnplan text``.

Exit codes: 0 every document ok; 1 some document partial or failed (the others are written);
2 usage or environment errors (missing Tesseract, bad options).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from vnplan import __version__
from vnplan.batch import Options, Outcome, run_batch
from vnplan.schemas import PlanDocument

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
err = Console(stderr=True)
log = logging.getLogger("vnplan")


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or globs")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output folder")] = Path("out"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: CPU count)")] = 0,
    dpi: Annotated[int, typer.Option(help="Render resolution for scanned pages")] = 300,
    password: Annotated[str | None, typer.Option(help="Password of encrypted PDFs")] = None,
    force: Annotated[bool, typer.Option(help="Redo documents already converted")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug log and tracebacks")] = False,
) -> None:
    """Convert plan documents into OUT/<name>.json, OUT/items.csv, OUT/items.parquet."""
    _setup_logging(verbose)
    if dpi < 72 or dpi > 1200:
        err.print(f"--dpi {dpi}: use a resolution between 72 and 1200")
        raise typer.Exit(2)
    started = time.perf_counter()
    workers = jobs or os.cpu_count() or 1

    def report(outcome: Outcome) -> None:
        if outcome.status == "failed" or (outcome.status == "partial" and verbose):
            err.print(outcome.message or f"{outcome.path}: {outcome.status}", markup=False, highlight=False)

    try:
        outcomes = run_batch(
            inputs,
            out,
            options=Options(dpi=dpi, password=password),
            version=__version__,
            jobs=workers,
            force=force,
            verbose=verbose,
            on_done=report,
        )
    except OSError as error:
        err.print(f"{out}: cannot write the output ({error.strerror}) — choose a writable folder with -o")
        raise typer.Exit(2) from error
    _print_summary(outcomes, out, time.perf_counter() - started)
    if not outcomes:
        err.print("no input files found — give files, a folder, or a glob such as 'archive/*.pdf'")
        raise typer.Exit(2)
    raise typer.Exit(0 if all(o.status == "ok" for o in outcomes) else 1)


def _print_summary(outcomes: list[Outcome], out: Path, seconds: float) -> None:
    console = Console()
    table = Table(title=f"vnplan {__version__}: {len(outcomes)} documents -> {out}/")
    for column in ("document", "status", "pages", "items", "errors", "warnings", "seconds"):
        table.add_column(column, justify="left" if column in ("document", "status") else "right")
    for o in outcomes:
        status = f"{o.status} (cached)" if o.cached else o.status
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
def schema() -> None:
    """Print the JSON Schema of the output document."""
    sys.stdout.write(json.dumps(PlanDocument.model_json_schema(), indent=2, ensure_ascii=False) + "\n")


@app.command()
def version() -> None:
    """Print the version."""
    sys.stdout.write(f"vnplan {__version__}\n")


if __name__ == "__main__":
    app()
