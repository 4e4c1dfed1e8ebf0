"""Batch progress: a live bar on a terminal, plain lines otherwise (logs, CI, cron)."""

from __future__ import annotations

import sys
import time
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from vnplan.batch import Outcome


class BatchProgress:
    """``start(total)`` and ``done(outcome)`` as the batch runner's callbacks; a context manager."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.live = console.is_terminal
        self.total = 0
        self.finished = 0
        self.pages = 0
        self.started = time.perf_counter()
        self.bar = Progress(
            TextColumn("[bold]documents"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[pages]} pages · {task.fields[rate]} pages/s"),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self.task = self.bar.add_task("documents", total=None, pages=0, rate="–")

    def __enter__(self) -> BatchProgress:
        if self.live:
            self.bar.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.live:
            self.bar.stop()

    def start(self, total: int) -> None:
        self.total = total
        self.bar.update(self.task, total=total)

    def done(self, outcome: Outcome) -> None:
        self.finished += 1
        self.pages += outcome.pages
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        rate = f"{self.pages / elapsed:.1f}"
        if self.live:
            self.bar.update(self.task, advance=1, pages=self.pages, rate=rate)
            return
        if outcome.status != "ok":
            return  # a partial or failed document has its own one-line message
        state = f"{outcome.status} (cached)" if outcome.cached else outcome.status
        sys.stderr.write(
            f"[{self.finished}/{self.total}] {outcome.output or outcome.path}: {state}, "
            f"{outcome.pages} pages, {outcome.items} items, {outcome.seconds:.1f} s\n"
        )
