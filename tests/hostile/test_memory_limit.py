"""One document that takes too much memory never takes the machine: [limits] document_mb.

A bounded task's watchdog (the process that forked the child doing the work) looks at the
child's resident memory while it works and kills it when it grows by more than the limit;
the document gets one line, the others are built, on every executor. validate evaluates what
the build would (a document's own citeStructure), so both refuse the same document.
"""

from __future__ import annotations

import os
import time

import pytest

from toolkit.executors import Stop, bounded, open_executor

from .hostile_kit import teikit

MB = 1024 * 1024


def _stopped(context, item, stop: Stop) -> str:
    if stop.megabytes:
        return f"{item}: over {stop.megabytes:g} MB"
    return f"{item}: {'out of time' if stop.timed_out else stop.death()}"


@bounded(lambda context: 30, lambda context: None, _stopped, lambda context: context["megabytes"])
def _task(context, items):
    results = []
    for item in items:
        if item.startswith("hog"):  # memory that is really used, a page at a time, as a runaway document's
            hoard = []
            while True:
                hoard.append(bytearray(os.urandom(1)) * (8 * MB))
        if item.startswith("python-memory-error"):
            raise MemoryError
        results.append(f"{item}: done")
    return results


ITEMS = [["a", "hog-1", "b"], ["c", "python-memory-error"], ["d", "hog-2"], ["e"]]
EXPECTED = sorted(["a: done", "b: done", "c: done", "d: done", "e: done", "hog-1: over 200 MB",
                   "hog-2: over 200 MB", "python-memory-error: over 200 MB"])


@pytest.mark.parametrize("jobs, kind", [(1, "local"), (2, "local"), (2, "dask")], ids=["inline", "pool", "dask"])
def test_every_executor_stops_the_item_that_takes_too_much_memory(jobs, kind):
    if kind == "dask":
        pytest.importorskip("dask.distributed")
    started = time.monotonic()
    with open_executor({"megabytes": 200}, jobs, kind, tasks=len(ITEMS)) as executor:
        results = [r for share in executor.run(_task, ITEMS) for r in share]
    assert sorted(results) == EXPECTED
    assert time.monotonic() - started < 60


# A citeStructure whose @use builds a string of a billion characters (valid against tei_all).
BOMB = ('<refsDecl><citeStructure unit="p" match="/TEI/text/body/p" '
        "use=\"string-join((1 to 1000000000) ! 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')\"/></refsDecl>")


def with_cite_structure(edition, refs_decl: str, limits: str = "") -> None:
    edition.variant("cited.xml", **{"</teiHeader>": f"<encodingDesc>{refs_decl}</encodingDesc></teiHeader>"})
    config = edition.root / "teikit.toml"
    config.write_text(config.read_text() + '[corpus]\nschema = "none"\n' + limits)


def test_a_document_that_takes_too_much_memory_is_one_line_and_the_others_are_built(edition):
    with_cite_structure(edition, BOMB, "[limits]\ndocument_mb = 300\n")
    line = ("tei/cited.xml:1:0: error: checking took more memory than the limit of 300 MB "
            "(raise [limits] document_mb in teikit.toml to allow more) [document-memory]")
    started = time.monotonic()
    edition.assert_refused([line])
    assert time.monotonic() - started < 120
    edition.assert_good_built()


def test_validate_with_schema_none_refuses_the_cite_structure_that_build_cannot_build(edition):
    with_cite_structure(edition, '<refsDecl><citeStructure unit="p" match="/TEI/text/body/p" use="1 div (count(.) - 1)"/></refsDecl>')
    text = (edition.tei / "cited.xml").read_text()
    line_number = next(n for n, line in enumerate(text.splitlines(), 1) if "<refsDecl" in line)
    column = text.splitlines()[line_number - 1].index("<refsDecl") + 1
    lines = edition.assert_refused([
        f"tei/cited.xml:{line_number}:{column}: error: citeStructure use '1 div (count(.) - 1)' failed: "
        "'div' operator at line 1, column 3: [err:FOAR0001] Division by zero: the DTS API cannot give the document's citable parts; fix the refsDecl/citeStructure "
        "[cite-structure]"]).stderr
    assert "Traceback" not in lines
    edition.assert_good_built()


def test_rendering_that_takes_too_much_memory_in_saxon_is_one_line(edition):
    # A page for one document that is a string of a billion characters: Saxon's memory, not Python's.
    edition.customise_paragraph("HUNGRY", "string-length(string-join(for $i in 1 to 100000000 return string($i), ''))")
    edition.variant("hungry.xml", **{"<p>I once again": "<p>HUNGRY I once again"})
    config = edition.root / "teikit.toml"
    config.write_text(config.read_text() + "[limits]\ndocument_mb = 300\n")
    built = edition.build()
    assert built.exit_code == 1
    assert built.stderr.splitlines() == [
        "tei/hungry.xml:1:0: error: rendering took more memory than the limit of 300 MB "
        "(raise [limits] document_mb in teikit.toml to allow more) [document-memory]"]
    edition.assert_good_built()
    run = teikit("render", "tei/hungry.xml", "--to", "html")
    assert run.exit_code == 1 and run.stderr.endswith("[document-memory]\n")
