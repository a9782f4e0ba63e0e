"""The one place that knows where tasks run: this process, a local process pool, or Dask.

    with open_executor(context, jobs=2) as executor:            # or kind="dask", scheduler=ADDR
        for result in executor.run(task, batches):           # streamed as they finish
            ...

A task is a plain function `task(context, batch) -> result` of the tasks module: it takes
paths and small records and returns bytes and records, never live trees. The shared context
(configuration, authority index, site parameters) reaches each worker once: as the pool's
initializer argument, or scattered to every Dask worker; each worker compiles the
stylesheets and schemas once, on first use, and keeps them. Results come back in the order
they finish; callers sort what they keep, so the output does not depend on the executor.
"""

from __future__ import annotations

import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator

from .errors import TeikitError

KINDS = ("local", "dask")
# Few tasks are done sooner in this process than by starting workers.
INLINE_BELOW = 24


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class InlineExecutor:
    """Runs the tasks here, one after the other (--jobs 1, or little to do)."""

    def __init__(self, context):
        self.context = context

    def run(self, task: Callable, batches: Iterable) -> Iterator:
        for batch in batches:
            yield task(self.context, batch)


_WORKER_CONTEXT = None  # a pool worker's copy of the shared context, set once by _init


def _init(context) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = context


def _call(task: Callable, batch):
    return task(_WORKER_CONTEXT, batch)


class PoolExecutor:
    """A local process pool: each worker gets the context once and compiles once."""

    def __init__(self, context, jobs: int):
        self.pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(context,))
        self.jobs = jobs

    def run(self, task: Callable, batches: Iterable) -> Iterator:
        # A bounded window of pending batches: memory stays flat whatever the corpus size.
        pending = set()
        for batch in batches:
            pending.add(self.pool.submit(_call, task, batch))
            if len(pending) >= self.jobs * 4:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (future.result() for future in done)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (future.result() for future in done)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class DaskExecutor:
    """The same tasks on a Dask cluster (a LocalCluster when no scheduler address is given)."""

    def __init__(self, context, jobs: int, scheduler: str | None):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise TeikitError("--executor dask needs dask.distributed: pip install 'dask[distributed]'") from None
        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="10s")
            else:
                self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                            dashboard_address=None)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as error:
            raise TeikitError(f"cannot reach the Dask scheduler {scheduler}: {error}") from None
        # hash=False: the context is sent once to every worker, not looked up by content.
        self.context = self.client.scatter(context, broadcast=True, hash=False)

    def run(self, task: Callable, batches: Iterable) -> Iterator:
        from dask.distributed import as_completed

        futures = [self.client.submit(task, self.context, batch, pure=False) for batch in batches]
        for future in as_completed(futures):
            yield future.result()
            future.release()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


@contextmanager
def open_executor(context, jobs: int | None = None, kind: str = "local", scheduler: str | None = None,
                  tasks: int | None = None):
    """An executor for `tasks` batches of work; --jobs 1 or little work runs here."""
    jobs = jobs or default_jobs()
    if kind == "dask":
        executor = DaskExecutor(context, jobs, scheduler)
    elif jobs == 1 or (tasks is not None and tasks < 2):
        executor = InlineExecutor(context)
    else:
        executor = PoolExecutor(context, jobs)
    try:
        yield executor
    finally:
        close = getattr(executor, "close", None)
        if close:
            close()


def batches(items: list, jobs: int, size: int = 64) -> list[list]:
    """Items in batches: few enough to keep the per-task cost small, enough to balance workers."""
    if not items:
        return []
    size = max(1, min(size, -(-len(items) // (jobs * 4))))
    return [items[i:i + size] for i in range(0, len(items), size)]
