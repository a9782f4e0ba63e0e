"""One document that takes too long never blocks the others: [limits] document_seconds.

Saxon cannot be interrupted from Python, so a bounded task runs in a forked child that is
killed when one document overruns; the document gets one line, the others are built, and the
result is the same on every executor.
"""

from __future__ import annotations

import os
import resource
import signal
import time

import pytest

from toolkit.executors import Stop, bounded, open_executor


def with_endless_document(edition, seconds: int) -> None:
    """tei/slow.xml, whose page never ends, and a limit of `seconds`."""
    edition.customise_paragraph("ENDLESS", "sum(for $i in 1 to 2000000000, $j in 1 to 2000000000 return ($i + $j) mod 7)")
    edition.variant("slow.xml", **{"<p>I once again": "<p>ENDLESS I once again"})
    config = edition.root / "teikit.toml"
    config.write_text(config.read_text() + f"[limits]\ndocument_seconds = {seconds}\n")


def test_a_document_that_renders_for_too_long_is_one_line_and_the_others_are_built(edition):
    with_endless_document(edition, 5)  # far above a good document's time, even on a loaded machine
    started = time.monotonic()
    built = edition.build()
    assert time.monotonic() - started < 30
    assert built.exit_code == 1
    assert built.stderr.splitlines() == [
        "tei/slow.xml:1:0: error: rendering took longer than the limit of 5 s "
        "(raise [limits] document_seconds in teikit.toml to allow more) [document-time]"]
    edition.assert_good_built()
    assert "slow" not in edition.built()


def test_render_of_one_file_stops_at_the_limit_too(edition):
    from .hostile_kit import teikit

    with_endless_document(edition, 5)
    run = teikit("render", "tei/slow.xml", "--to", "html")
    assert run.exit_code == 1 and run.stdout == ""
    assert run.stderr == ("Error: tei/slow.xml:1:0: error: rendering took longer than the limit of 5 s "
                          "(raise [limits] document_seconds in teikit.toml to allow more) [document-time]\n")
    assert teikit("render", "tei/533.xml", "--to", "text").exit_code == 0


def test_a_time_limit_that_is_not_a_number_is_one_line(edition):
    from .hostile_kit import teikit

    (edition.root / "teikit.toml").write_text("[limits]\ndocument_seconds = 0\n")
    run = teikit("build", "--out", "out")
    assert run.exit_code == 1
    assert run.stderr == ("Error: teikit.toml:2:1: error: [limits] document_seconds = 0 is not allowed: it takes a "
                          "number above 0 and at most 86400 (seconds), e.g. 60 [config-value]\n")


# ---- the executor seam itself: the same results inline, in a pool and on Dask ----------------

def _stopped(context, item, stop: Stop) -> str:
    return f"{item}: {'out of time' if stop.timed_out else stop.death()}"


@bounded(lambda context: context["seconds"], lambda context: None, _stopped)
def _task(context, items):
    results = []
    for item in items:
        if item.startswith("slow"):
            time.sleep(3600)
        if item.startswith("crash"):
            os.kill(os.getpid(), signal.SIGKILL)
        results.append(f"{item}: done")
    return results


ITEMS = [["a", "slow-1", "b"], ["crash", "c"], ["d", "slow-2"], ["e"]]
EXPECTED = sorted(["a: done", "b: done", "c: done", "d: done", "e: done", "slow-1: out of time",
                   "slow-2: out of time", "crash: was killed by signal 9 (SIGKILL)"])


@pytest.mark.parametrize("jobs, kind", [(1, "local"), (2, "local"), (2, "dask")], ids=["inline", "pool", "dask"])
def test_every_executor_stops_the_same_items_and_finishes_the_rest(jobs, kind):
    if kind == "dask":
        pytest.importorskip("dask.distributed")
    context = {"seconds": 0.5}
    with open_executor(context, jobs, kind, tasks=len(ITEMS)) as executor:
        results = [r for share in executor.run(_task, ITEMS) for r in share]
    assert sorted(results) == EXPECTED


def test_a_bug_in_a_bounded_task_is_raised_as_without_a_limit():
    @bounded(lambda context: 5, lambda context: None, _stopped)
    def broken(context, items):
        raise ValueError("a bug")

    with open_executor({}, 1) as executor, pytest.raises(ValueError, match="a bug"):
        list(executor.run(broken, [["a"]]))


@bounded(lambda context: 30, lambda context: None, _stopped)
def _busy(context, items):
    for _ in items:
        end = time.process_time() + 0.3
        while time.process_time() < end:  # CPU spent in the bounded child, not asleep
            pass
    return [f"{item}: done" for item in items]


def test_a_pool_reaps_its_workers_children():
    """Each pool worker's forked child ends with the worker and is waited for: no orphan outlives
    the run, and the CPU spent in the children counts in the run's own (what benchmarks read)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open_executor({}, 2, tasks=2) as executor:
        results = [r for share in executor.run(_busy, [["a", "b"], ["c", "d"]]) for r in share]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert sorted(results) == ["a: done", "b: done", "c: done", "d: done"]
    spent = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert spent >= 4 * 0.3 * 0.9, f"only {spent:.2f} s of the children's 1.2 s CPU reached the parent"
