"""Set-up shared by every worker process vnplan starts (documents or pages in parallel):
``start_workers`` in the parent before it forks them, ``init_worker_process`` first in each."""

from __future__ import annotations

import os
import signal


def start_workers() -> None:
    """One OpenCV thread per process from here on, so also in the workers forked after it.

    The parallelism comes from the worker processes, one per core. OpenCV's own thread pool in each
    of them would only compete with the other workers for the same cores, and its threads cost CPU
    of their own: on a 300 dpi page, the ruling-line morphology took twice the CPU on two threads
    (~60 against ~27 ms). The pool is sized here, in the parent: re-sizing it in a forked child
    hangs on the threads the fork did not copy. ``--jobs 1`` calls it too: one job is one core,
    as Tesseract's single OpenMP thread already is (``tesseract.ensure_tesseract``).
    """
    import cv2  # here: a batch of text files need not load OpenCV

    cv2.setNumThreads(1)


def init_worker_process() -> None:
    """Ctrl-C is the parent's to handle; Tesseract computes on one thread.

    Ctrl-C reaches every process of the terminal's group; only the parent handles it, so workers
    print no traceback and the parent can record what finished. Tesseract's OpenMP threads would
    compete with the other workers for the same cores, as OpenCV's would (``start_workers``).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
