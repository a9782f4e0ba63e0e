"""`teikit build`: validation first, incremental rebuilds, parallel workers, determinism."""

from __future__ import annotations

import re
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit import build as build_module
from toolkit.build import build
from toolkit.cli import cli
from toolkit.edition import Edition

from tests.conftest import copy_edition


@pytest.fixture
def edition_copy(tmp_path) -> Path:
    """A private copy of the edition (tei/, teikit.toml, schema/, xslt/) to change freely."""
    root = tmp_path / "edition"
    return copy_edition(root)


def snapshot(out_dir: Path) -> dict[str, bytes]:
    """Every file of a build, teikit's records as their rows (an SQLite file's pages may be laid
    out otherwise for the same rows); but the no-op snapshot, which records the folders' times
    on this disk."""
    from toolkit.store import STORE_FILE, Store

    found = {str(p.relative_to(out_dir)): p.read_bytes() for p in sorted(out_dir.rglob("*"))
             if p.is_file() and p.name != "snapshot.json" and p != out_dir / STORE_FILE}
    store = Store(out_dir)
    try:
        for table in ("manifest", "journal", "meta", "files", "records", "pages", "corpus"):
            found[f"{STORE_FILE}:{table}"] = repr(sorted(store.rows(table))).encode()
    finally:
        store.close()
    return found


def run(edition: Path, out_dir: Path, **options):
    return build(Edition.open(edition), out_dir, **options)


def test_build_writes_every_output(edition_copy, tmp_path):
    out = tmp_path / "out"
    report = run(edition_copy, out, jobs=1)
    documents = sorted(p.stem for p in Edition.open(edition_copy).document_files())
    assert not report.failed and sorted(report.built) == documents
    for doc_id in documents:
        for path in (f"html/{doc_id}.html", f"text/{doc_id}.txt", f"html/tei/{doc_id}.xml"):
            assert (out / path).is_file(), path
    for path in ("index.html", "persons.html", "places.html", "orgs.html", "correspondents.html", "static/edition.css"):
        assert (out / "html" / path).is_file(), path
    assert (out / "cmif.xml").read_text(encoding="utf-8").startswith("<?xml")
    # published with the pages, at the address the file gives for itself (base_url + cmif.xml)
    assert (out / "html" / "cmif.xml").read_bytes() == (out / "cmif.xml").read_bytes()
    assert (out / "html" / "tei" / "533.xml").read_bytes() == (edition_copy / "tei" / "533.xml").read_bytes()


def test_rebuild_is_a_no_op_and_byte_identical(edition_copy, tmp_path):
    out = tmp_path / "out"
    run(edition_copy, out, jobs=1)
    first = snapshot(out)
    again = run(edition_copy, out, jobs=1)
    assert again.built == [] and len(again.up_to_date) == 10 and not again.site_written
    assert snapshot(out) == first
    clean = run(edition_copy, out, jobs=1, clean=True)
    assert len(clean.built) == 10 and snapshot(out) == first


def test_parallel_build_gives_the_same_bytes(edition_copy, tmp_path, monkeypatch):
    run(edition_copy, tmp_path / "serial", jobs=1)
    monkeypatch.setattr(build_module, "PARALLEL_MIN", 1)
    report = run(edition_copy, tmp_path / "parallel", jobs=2)
    assert len(report.built) == 10
    assert snapshot(tmp_path / "parallel") == snapshot(tmp_path / "serial")


def test_a_changed_document_rebuilds_itself_and_its_neighbours_only(edition_copy, tmp_path):
    out = tmp_path / "out"
    run(edition_copy, out, jobs=1)
    path = edition_copy / "tei" / "537.xml"
    path.write_text(path.read_text(encoding="utf-8").replace("only way to escape", "only way out of"), encoding="utf-8")
    report = run(edition_copy, out, jobs=1)
    # the text changed, not its metadata: only what reads the pages is made again (the search index, the PDF)
    assert report.built == ["537"] and set(report.corpus_built) <= {"search", "dts-collection", "pdf"}
    assert "only way out of" in (out / "text" / "537.txt").read_text(encoding="utf-8")
    short = edition_copy / "tei" / "537.xml"
    short.write_text(short.read_text(encoding="utf-8").replace("Chicherin to Kirov, 4 September 1920",
                                                               "Chicherin to Kirov, 4 Sept. 1920"), encoding="utf-8")
    report = run(edition_copy, out, jobs=1)
    assert len(report.built) == 3 and "537" in report.built  # its neighbours name it in prev/next
    # the records changed, the support files did not; cmif.xml, made letter by letter, names no title
    assert "site" in report.corpus_built and "tei-support" not in report.corpus_built
    assert "cmif" not in report.corpus_built


def test_a_comment_in_an_authority_file_changes_only_its_copy(edition_copy, tmp_path):
    out = tmp_path / "out"
    run(edition_copy, out, jobs=1)
    before = snapshot(out)
    with open(edition_copy / "tei" / "persons.xml", "a", encoding="utf-8") as handle:
        handle.write("\n<!-- changed -->\n")
    report = run(edition_copy, out, jobs=1)
    assert report.built == [] and report.corpus_built == ["tei-support"]
    changed = {path for path, data in snapshot(out).items() if before.get(path) != data and not path.startswith(".teikit")}
    assert changed == {"html/tei/persons.xml"}


def test_a_word_changed_in_a_text_remakes_the_search_index_but_not_the_registers(edition_copy, tmp_path):
    """The record of 537 stays as it was; its page, and so the index of the pages, does not."""
    out = tmp_path / "out"
    run(edition_copy, out, jobs=1)
    index = {p: d for p, d in snapshot(out).items() if p.startswith("html/pagefind/")}
    path = edition_copy / "tei" / "537.xml"
    path.write_text(path.read_text(encoding="utf-8").replace("only way to escape", "only way out of"), encoding="utf-8")
    report = run(edition_copy, out, jobs=1)
    assert report.built == ["537"]
    assert "search" in report.corpus_built and "site" not in report.corpus_built and "cmif" not in report.corpus_built
    assert {p: d for p, d in snapshot(out).items() if p.startswith("html/pagefind/")} != index


def test_a_renamed_person_rebuilds_the_pages(edition_copy, tmp_path):
    out = tmp_path / "out"
    run(edition_copy, out, jobs=1)
    persons = edition_copy / "tei" / "persons.xml"
    text = persons.read_text(encoding="utf-8")
    assert "Chicherin" in text
    persons.write_text(text.replace("Chicherin", "Tchitcherine"), encoding="utf-8")
    report = run(edition_copy, out, jobs=1)
    assert len(report.built) == 10 and report.site_written
    assert "Tchitcherine" in (out / "html" / "persons.html").read_text(encoding="utf-8")


def test_a_changed_stylesheet_rebuilds_all_and_a_comment_in_the_configuration_nothing(edition_copy, tmp_path):
    """A setting's change rebuilds what it affects (tests/test_setting_changes.py); a comment none."""
    out = tmp_path / "out"
    run(edition_copy, out, jobs=1)
    with open(edition_copy / "xslt/text/text.xsl", "a", encoding="utf-8") as handle:
        handle.write("\n<!-- changed -->\n")
    assert len(run(edition_copy, out, jobs=1).built) == 10
    with open(edition_copy / "teikit.toml", "a", encoding="utf-8") as handle:
        handle.write("\n# changed\n")
    report = run(edition_copy, out, jobs=1)
    assert (report.checked, report.built, report.corpus_built) == (0, [], [])


def test_a_no_op_build_reads_neither_state_nor_manifest(edition_copy, tmp_path, monkeypatch):
    """The snapshot of the last build (inputs' sizes and times, output folders' times) settles it."""
    from toolkit.output import OutputFolder
    from toolkit.state import State

    out = tmp_path / "out"
    run(edition_copy, out, jobs=1)

    def refuse(*args, **kwargs):
        raise AssertionError("a no-op build read the state or the manifest")

    monkeypatch.setattr(State, "load", classmethod(refuse))
    monkeypatch.setattr(OutputFolder, "_read_manifest", refuse)
    again = run(edition_copy, out, jobs=1)
    assert again.built == [] and len(again.up_to_date) == 10 and again.written == 0 and not again.failed
    assert list(again.timings) == ["discover", "check", "render", "corpus", "write"]
    monkeypatch.undo()
    # A touched file is no longer a no-op: it is hashed, found unchanged, and nothing is rebuilt.
    source = edition_copy / "tei" / "537.xml"
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    touched = run(edition_copy, out, jobs=1)
    assert touched.built == [] and touched.written == 0 and touched.checked == 0


def test_a_changed_option_or_output_folder_is_not_a_no_op(edition_copy, tmp_path):
    out = tmp_path / "out"
    run(edition_copy, out, jobs=1)
    stray = out / "html" / "api" / "dts" / "collection" / "537.json"
    stray.unlink()
    assert run(edition_copy, out, jobs=1).built == ["537"] and stray.is_file()
    assert run(edition_copy, out, jobs=1, schema="none").built == []  # the pages do not depend on it
    assert run(edition_copy, out, jobs=1).built == []


def test_a_missing_output_is_rebuilt(edition_copy, tmp_path):
    out = tmp_path / "out"
    run(edition_copy, out, jobs=1)
    (out / "text" / "540.txt").unlink()
    assert run(edition_copy, out, jobs=1).built == ["540"]


def test_a_removed_document_loses_its_outputs(edition_copy, tmp_path):
    out = tmp_path / "out"
    run(edition_copy, out, jobs=1)
    (edition_copy / "tei" / "542.xml").unlink()
    run(edition_copy, out, jobs=1)
    assert not (out / "html" / "542.html").exists() and not (out / "text" / "542.txt").exists()
    assert "542.html" not in (out / "html" / "index.html").read_text(encoding="utf-8")


def _records(out: Path) -> int:
    """How many document records the state in the output folder holds."""
    from toolkit.store import Store

    store = Store(out)
    try:
        return len(list(store.rows("records")))
    finally:
        store.close()


def test_invalid_documents_are_reported_skipped_and_fail_the_build(edition_copy, tmp_path):
    out = tmp_path / "out"
    run(edition_copy, out, jobs=1)
    assert _records(out) == 10
    (edition_copy / "tei" / "539.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><oops></TEI>", encoding="utf-8")
    path = edition_copy / "tei" / "540.xml"
    path.write_text(path.read_text(encoding="utf-8").replace('ref="#legran"', 'ref="#nobody"', 1), encoding="utf-8")
    report = run(edition_copy, out, jobs=1)
    failed = {Path(f).name for f in report.failed}
    assert failed == {"539.xml", "540.xml"}
    assert any(d.rule == "xml-wellformed" for d in report.diagnostics)
    assert not (out / "html" / "539.html").exists() and not (out / "html" / "540.html").exists()
    assert (out / "html" / "541.html").is_file()
    assert _records(out) == 8, "the state keeps the records of the letters that were built"
    assert "540.html" not in (out / "html" / "index.html").read_text(encoding="utf-8")
    # the state of the rest is kept: the next build checks the two refused letters again, and only them
    again = run(edition_copy, out, jobs=1)
    assert again.checked == 2 and {Path(f).name for f in again.failed} == {"539.xml", "540.xml"}
    assert again.built == [] and len(again.up_to_date) == 8 and again.written == 0
    assert "2 failed" in again.summary() and "other file" not in again.summary()


def test_a_broken_authority_file_is_counted_apart_from_the_letters(edition_copy, tmp_path):
    out = tmp_path / "out"
    toml = edition_copy / "teikit.toml"  # pointers into the broken file: warnings, as in a new edition
    toml.write_text(toml.read_text(encoding="utf-8").replace('ref-resolves = "error"', 'ref-resolves = "warning"'),
                    encoding="utf-8")
    (edition_copy / "tei" / "places.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><oops></TEI>",
                                                     encoding="utf-8")
    report = run(edition_copy, out, jobs=1)
    assert report.failed_documents == [] and len(report.failed) == 1
    assert report.summary().startswith("Built 10 documents in ")
    assert ", 10 rebuilt, 0 up to date, 1 other file (authority files, outputs) with errors;" in report.summary()
    assert report.summary().endswith("(checked: edition.rng, edition.sch; pointers, dates, correspDesc; xml:id unique "
                                     "in the corpus).")
    assert _records(out) == 0, "a refused authority file drops the state: its verdict is kept nowhere"


def test_cli_build_success_and_failure(edition_copy, tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(cli, ["--edition", str(edition_copy), "build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Built 10 documents in ")
    found = re.search(r", 10 rebuilt, 0 up to date; site pages and cmif.xml written \(checked: edition.rng, edition.sch; "
                      r"pointers, dates, correspDesc; xml:id unique in the corpus\); 10 checked, (\d+) files written, "
                      r"0 removed; discover \d+\.\d\d s, check \d+\.\d\d s, render \d+\.\d\d s, corpus \d+\.\d\d s, "
                      r"write \d+\.\d\d s\.\n$", result.stdout)
    assert found, result.output
    published = [p for p in out.rglob("*") if p.is_file() and ".teikit" not in p.relative_to(out).parts]
    assert int(found.group(1)) == len(published)
    assert "is a placeholder" in result.stderr  # the shipped base_url: the CMIF step says so every build
    assert "━" not in result.output, "no progress bar when the output is not a terminal"
    bad = edition_copy / "tei" / "534.xml"
    bad.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<text>\n</TEI>\n", encoding="utf-8")
    result = runner.invoke(cli, ["--edition", str(edition_copy), "build", "--out", str(out)])
    assert result.exit_code == 1
    assert "534.xml:3:7: error: not well-formed XML: Opening and ending tag mismatch: text line 2 and TEI [xml-wellformed]" in result.output
    assert ", 1 failed;" in result.output


def test_no_timestamps_in_pages(built_site):
    import re

    for page in (built_site / "html").glob("*.html"):
        assert not re.search(r"20[0-9]{2}-[0-9]{2}-[0-9]{2}T", page.read_text(encoding="utf-8")), page.name


def test_outputs_of_a_document_removed_after_a_failed_build_go_too(edition_copy, tmp_path):
    """After a failed build the next one still knows what is stale."""
    out = tmp_path / "out"
    run(edition_copy, out, jobs=1)
    broken = edition_copy / "tei" / "539.xml"
    original = broken.read_bytes()
    broken.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><oops></TEI>", encoding="utf-8")
    assert run(edition_copy, out, jobs=1).failed
    broken.write_bytes(original)
    (edition_copy / "tei" / "542.xml").unlink()
    report = run(edition_copy, out, jobs=1)
    assert not report.failed
    assert not (out / "html" / "542.html").exists() and not (out / "text" / "542.txt").exists()
    assert not (out / "html" / "tei" / "542.xml").exists()
    assert (out / "html" / "539.html").is_file() and (out / "html" / "tei" / "persons.xml").is_file()
    assert (out / "html" / "index.html").is_file() and (out / "html" / "correspondents.html").is_file()


def test_quiet_build_prints_only_problems_and_json_has_counts_and_timings(edition_copy, tmp_path):
    import json

    runner = CliRunner()
    out = tmp_path / "out"
    quiet = runner.invoke(cli, ["--edition", str(edition_copy), "build", "--out", str(out), "--quiet"])
    assert quiet.exit_code == 0 and "Built" not in quiet.output
    assert all(": warning: " in line for line in quiet.output.splitlines())  # problems only
    result = runner.invoke(cli, ["--edition", str(edition_copy), "build", "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == 10 and report["rebuilt"] == 0 and report["up_to_date"] == 10
    assert report["checked"] == 0 and report["written"] == 0 and report["failed"] == []
    assert list(report["timings"]) == ["discover", "check", "render", "corpus", "write"]


def test_the_progress_bar_shows_on_a_terminal_only(monkeypatch):
    from rich.console import Console  # imported by the bar itself only when one is wanted

    from toolkit import progress

    monkeypatch.setattr(Console, "is_terminal", property(lambda self: True))
    with progress.progress_bar(enabled=True) as bar:
        advance = bar("Building pages", 3)
        advance(3)
    with progress.progress_bar(enabled=False) as bar:
        assert bar is None
    monkeypatch.setattr(Console, "is_terminal", property(lambda self: False))
    with progress.progress_bar(enabled=True) as bar:
        assert bar is None
