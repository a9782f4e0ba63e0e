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

A task may be bounded in time and memory per item (`@bounded`, e.g. rendering: [limits]
document_seconds and document_mb in teikit.toml). Saxon runs in native code and cannot be
interrupted from Python, so wherever a bounded batch runs (this process, a pool worker, a Dask
worker) it runs in a child process forked for it, item by item, and the process that forked it
is its watchdog: it waits for each item's result, looking every WATCH_SECONDS at the child's
resident anonymous memory (/proc: what it allocated, not the libraries it maps). A child that
takes longer than the time limit on one item, or whose memory grows by more than the memory
limit beyond what it was forked with, is killed; that item
becomes the task's own one-line error, and a new child goes on with the rest. The same happens
to an item whose child dies (a crash, the kernel's out-of-memory killer) or runs out of memory
in Python. The process that forks compiles first (`prepare`), so every child inherits the
compiled stylesheets and the limits measure the document alone; a child whose memory stays
high after an item (allocators keep what they took) is replaced before the next, so no
document pays for its predecessors. One child per task serves every batch of a run in its
process (a fork costs a few ms; a new one is forked only after a kill or to shed memory), and
every child is reaped: no process per document, no zombie.
(pebble's pool kills on a timeout too, but times from the start of a task, compile included,
and cannot run inside a Dask worker; a forked child per process does both.)
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.util
import os
import signal
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Iterable, Iterator

from .errors import TeikitError

KINDS = ("local", "dask")
# Few tasks are done sooner in this process than by starting workers.
INLINE_BELOW = 24
WATCH_SECONDS = 0.05  # how often a watchdog looks at its child's memory while it works on an item
MB = 1024 * 1024


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Stop:
    """Why an item of a bounded task was not finished: its time or memory ran out, or its process died."""

    seconds: float  # the limit
    timed_out: bool
    status: int = 0  # os.waitpid's status of a child that died
    megabytes: float = 0  # the memory limit, when the item went over it (else 0)

    def death(self) -> str:
        """How the process died, in words ("was killed by signal 9 (SIGKILL)")."""
        if os.WIFSIGNALED(self.status):
            number = os.WTERMSIG(self.status)
            try:
                name = signal.Signals(number).name
            except ValueError:
                name = "unknown"
            return f"was killed by signal {number} ({name})"
        return f"exited with status {os.WEXITSTATUS(self.status)}"


@dataclass(frozen=True)
class Bound:
    seconds: Callable[[Any], float]  # context -> the time limit per item
    prepare: Callable[[Any], None]  # context -> None: compile what the children will need
    stopped: Callable[[Any, Any, Stop], Any]  # (context, item, why) -> the item's result
    megabytes: Callable[[Any], float | None] = lambda context: None  # context -> the memory limit per item


def bounded(seconds: Callable, prepare: Callable, stopped: Callable, megabytes: Callable | None = None) -> Callable:
    """Mark a task `task(context, items) -> [result per item]` as bounded in time (and memory) per item."""
    def mark(task: Callable) -> Callable:
        task.bound = Bound(seconds, prepare, stopped, megabytes or (lambda context: None))
        return task
    return mark


def run_task(task: Callable, context, batch: list) -> list:
    """One batch of a task, here: under its limits if it has them."""
    bound = getattr(task, "bound", None)
    if bound is None:
        return task(context, batch)
    seconds, megabytes = bound.seconds(context), bound.megabytes(context)
    results = []
    for item in batch:
        child = _Child.serving(task, context, megabytes)
        outcome = child.run(item, seconds, megabytes)
        results.append(bound.stopped(context, item, outcome) if isinstance(outcome, Stop) else outcome)
    return results


def resident_bytes(pid: int) -> int | None:
    """A process's resident anonymous memory (resident less file-backed and shared: what it allocated,
    not the pages of its libraries or of SaxonC's image it maps), from /proc; None where there is no
    /proc: memory is then not bounded. A forked child starts with its parent's: it grows only by
    what the child allocates."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            fields = statm.read().split()
        return (int(fields[1]) - int(fields[2])) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def run_once(task: Callable, context, batch: list) -> list:
    """run_task for a command that runs one batch (teikit render): its child ends with it."""
    try:
        return run_task(task, context, batch)
    finally:
        _Child.close_all(context)


_FORK = multiprocessing.get_context("fork")


class _Child:
    """A process forked to run one bounded task's items, one at a time, until it is closed.

    One per task and process, kept while the context is the same: forking costs more than
    rendering a document (the address space of Saxon's runtime is large), so a child serves
    every batch of a run, and only an item that overruns or kills it costs a new one.
    """

    _live: ClassVar[dict[Callable, "_Child"]] = {}  # task -> the child serving it here

    @classmethod
    def serving(cls, task: Callable, context, megabytes: float | None = None) -> "_Child":
        child = cls._live.get(task)
        if child is not None and (child.context is not context or child.swollen(megabytes)):
            child.close()
            child = None
        if child is None:
            task.bound.prepare(context)  # before forking: the child inherits what is compiled
            child = cls._live[task] = cls(task, context)
        return child

    @classmethod
    def close_all(cls, context) -> None:
        for child in [c for c in cls._live.values() if c.context is context]:
            child.close()

    @classmethod
    def close_every(cls) -> None:
        """End this process's children and wait for them (killed: one may still be inside Saxon on
        a document when an interrupted worker exits; an idle one loses nothing)."""
        for child in list(cls._live.values()):
            child.close()

    @classmethod
    def forget(cls) -> None:
        for child in cls._live.values():
            child.conn.close()
        cls._live.clear()

    def __init__(self, task: Callable, context):
        self.task, self.context = task, context
        here, there = _FORK.Pipe()
        self.forked_with = resident_bytes(os.getpid()) or 0  # the child starts as a copy of this process
        self.pid = os.fork()
        if self.pid == 0:
            here.close()
            for other in self._live.values():  # their parent's ends: only the parent may hold them
                other.conn.close()
            _serve(task, context, there)  # never returns
        there.close()
        self.conn = here

    def run(self, item, seconds: float, megabytes: float | None = None):
        """The item's result, or the Stop that ended the child."""
        try:
            self.conn.send(item)
            stop = self._watch(seconds, megabytes)
            if stop is not None:
                self.close()
                return stop
            kind, value = self.conn.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError):  # the child died without a word
            return Stop(seconds, timed_out=False, status=self.close(kill=False))
        if kind == "memory":  # Python's MemoryError in the child: the document took too much
            self.close()
            return Stop(seconds, timed_out=False, megabytes=megabytes or 0)
        if kind == "raised":  # a bug in a task is the caller's exception, as without a limit
            self.close()
            raise value
        return value

    def _watch(self, seconds: float, megabytes: float | None) -> Stop | None:
        """Wait for the item's answer; a Stop when its time runs out or its memory goes over the limit."""
        deadline = time.monotonic() + seconds
        ceiling = self.forked_with + megabytes * MB if megabytes else None
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return Stop(seconds, timed_out=True)
            if self.conn.poll(min(left, WATCH_SECONDS) if ceiling else left):
                return None
            if ceiling and (resident_bytes(self.pid) or 0) > ceiling:
                return Stop(seconds, timed_out=False, megabytes=megabytes)

    def swollen(self, megabytes: float | None) -> bool:
        """Still holding more than half the limit after its last item: replaced before the next."""
        if not megabytes:
            return False
        return (resident_bytes(self.pid) or 0) > self.forked_with + megabytes * MB / 2

    def close(self, kill: bool = True) -> int:
        """End the child and return its wait status. Killed, not asked: a child may be inside
        Saxon, deaf to signals Python handles, when the run ends (Ctrl-C, an error elsewhere)."""
        if self._live.get(self.task) is self:
            del self._live[self.task]
        self.conn.close()
        if kill:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return os.waitpid(self.pid, 0)[1]


def _serve(task: Callable, context, conn) -> None:
    """The child's life: an item in, its result out, until the parent closes the pipe."""
    try:
        while True:
            try:
                item = conn.recv()
            except EOFError:
                break
            try:
                reply = ("done", task(context, [item])[0])
            except MemoryError:
                reply = ("memory", None)
            except BaseException as error:
                # Sent alone: a library that pickles exceptions with their chain (tblib, which Dask
                # installs) would take the native error it was raised from along, and fail.
                error.__context__ = error.__cause__ = error.__traceback__ = None
                reply = ("raised", error)
            try:
                conn.send(reply)
            except Exception as unpicklable:  # an exception that cannot be pickled: its words, then
                conn.send(("raised", RuntimeError(f"{type(reply[1]).__name__}: {reply[1]} "
                                                  f"(not picklable: {type(unpicklable).__name__}: {unpicklable})")))
    finally:
        os._exit(0)


class InlineExecutor:
    """Runs the tasks here, one after the other (--jobs 1, or little to do)."""

    def __init__(self, context):
        self.context = context

    def run(self, task: Callable, batches: Iterable) -> Iterator:
        for batch in batches:
            yield run_task(task, self.context, batch)

    def close(self) -> None:
        _Child.close_all(self.context)  # a bounded task's child ends with the run


_WORKER_CONTEXT = None  # a pool worker's copy of the shared context, set once by _init


def _init(context) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = context
    _Child.forget()  # children of the process this worker was forked from are not its own
    # A worker's own children end with it and are reaped by it, not left to the system: their
    # CPU time is then counted in the build's (rusage), and no orphan outlives the run.
    multiprocessing.util.Finalize(None, _Child.close_every, exitpriority=10)


def _call(task: Callable, batch):
    return run_task(task, _WORKER_CONTEXT, batch)


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

        futures = [self.client.submit(run_task, task, self.context, batch, pure=False) for batch in batches]
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
