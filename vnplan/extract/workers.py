"""Set-up shared by every worker process vnplan starts (documents or pages in parallel)."""

from __future__ import annotations

import os
import signal


def init_worker_process() -> None:
    """Ctrl-C is the parent's to handle; Tesseract computes on one thread.

    Ctrl-C reaches every process of the terminal's group; only the parent handles it, so workers
    print no traceback and the parent can record what finished. The parallelism comes from the
    worker processes, one per core: Tesseract's OpenMP threads would otherwise compete with the
    other workers for the same cores. (OpenCV's pool is left alone: re-sizing it in a forked
    child hangs on the threads the fork did not copy.)
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
