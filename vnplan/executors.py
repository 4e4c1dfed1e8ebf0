"""Where the per-document tasks run: in this process, in local worker processes, or on Dask.

Every executor takes the same picklable task (``convert``, a path and its arguments) and yields
results as documents finish, so progress is live and a slow document never holds back the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, TypeVar

from vnplan.extract.errors import EnvironmentProblem
from vnplan.extract.workers import init_worker_process, start_workers

T = TypeVar("T")
R = TypeVar("R")

EXECUTORS = ("local", "dask")
# How long to keep trying a Dask scheduler before telling the user it cannot be reached.
CONNECT_TIMEOUT_S = 30


def run_serial(tasks: Sequence[T], work: Callable[[T], R]) -> Iterator[tuple[T, R]]:
    for task in tasks:
        yield task, work(task)


def run_local(tasks: Sequence[T], work: Callable[[T], R], jobs: int) -> Iterator[tuple[T, R]]:
    """Worker processes on this machine; results in the order documents finish."""
    start_workers()
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=init_worker_process)
    try:
        pending: dict[Future[R], T] = {pool.submit(work, task): task for task in tasks}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield pending.pop(future), future.result()
    except BaseException:
        # interrupted: drop queued documents and stop the running ones instead of waiting for them
        pool.shutdown(wait=False, cancel_futures=True)
        # _processes is private, but the executor has no public way to stop a running task
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        raise
    pool.shutdown()


def run_dask(tasks: Sequence[T], work: Callable[[T], R], jobs: int, scheduler: str | None) -> Iterator[tuple[T, R]]:
    """The same tasks on a Dask distributed cluster; a LocalCluster when no scheduler is given.

    Workers need vnplan and Tesseract installed, and must see the input paths (a shared folder).
    Results come back to this process, which writes every output, so the output folder need
    not be shared.
    """
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as error:
        raise EnvironmentProblem(
            "--executor dask needs the 'distributed' package", hint="pip install 'vnplan[dask]'"
        ) from error
    cluster: Any = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=f"{CONNECT_TIMEOUT_S}s")
        else:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
    except (OSError, TimeoutError) as error:
        raise EnvironmentProblem(
            f"cannot reach the Dask scheduler {scheduler or '(local)'}: {error}",
            hint="check --scheduler tcp://HOST:8786 and that the scheduler is running",
        ) from error
    try:
        client.run(init_worker_process)
        futures = {client.submit(work, task, pure=False): task for task in tasks}
        for future in as_completed(futures):
            yield futures[future], future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
