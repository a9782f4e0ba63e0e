"""The output folder owns what it wrote: refusals, manifest, staging, killed builds, full disks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.build import build
from toolkit.cli import cli
from toolkit.edition import Edition
from toolkit.errors import OutputError
from toolkit.output import STAGING

from tests.conftest import REPOSITORY, copy_edition, published


@pytest.fixture
def edition_copy(tmp_path) -> Path:
    root = tmp_path / "edition"
    return copy_edition(root)


@pytest.mark.parametrize("where, reason", [
    ("/", "the root of the file system"),
    (".", "the edition folder itself"),
    ("..", "a folder that contains the edition"),
    ("tei", "inside the edition's tei/ folder"),
    ("tei/out", "inside the edition's tei/ folder"),
    ("schema", "inside the edition's schema/ folder"),
    ("xslt/html", "inside the edition's xslt/ folder"),
])
def test_dangerous_output_folders_are_refused_with_one_line(where, reason, edition_copy):
    out = Path(where) if where == "/" else (edition_copy / where).resolve()
    before = sorted(p for p in edition_copy.rglob("*"))
    result = CliRunner().invoke(cli, ["--edition", str(edition_copy), "build", "--out", str(out)])
    assert result.exit_code == 2
    assert result.output == (f"Error: refusing to build into {out}: it is {reason}; pass --out with a folder of "
                             "its own (default: build/ in the edition folder)\n")
    assert sorted(p for p in edition_copy.rglob("*")) == before


def test_the_default_output_folder_is_build_in_the_edition(edition_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["--edition", str(edition_copy), "build", "--quiet"])
    assert result.exit_code == 0, result.output
    assert (edition_copy / "build" / "html" / "index.html").is_file()
    assert not (tmp_path / "build").exists()


def test_files_teikit_did_not_write_are_left_alone(edition_copy, tmp_path):
    out = tmp_path / "site"
    mine = {"html/notes.html": b"mine", "text/extra.txt": b"mine", "html/tei/old.xml": b"<x/>", "README": b"r"}
    for path, data in mine.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    build(Edition.open(edition_copy), out, jobs=1)
    (edition_copy / "tei" / "542.xml").unlink()
    (edition_copy / "tei" / "539.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><oops></TEI>")
    assert build(Edition.open(edition_copy), out, jobs=1).failed  # a failed build, then another
    build(Edition.open(edition_copy), out, jobs=1)
    for path, data in mine.items():
        assert (out / path).read_bytes() == data, path
    assert not (out / "html" / "542.html").exists() and not (out / "html" / "539.html").exists()


def test_a_stale_file_someone_changed_is_not_deleted(edition_copy, tmp_path):
    out = tmp_path / "site"
    build(Edition.open(edition_copy), out, jobs=1)
    (out / "text" / "542.txt").write_text("my notes")
    (edition_copy / "tei" / "542.xml").unlink()
    build(Edition.open(edition_copy), out, jobs=1)
    assert (out / "text" / "542.txt").read_text() == "my notes"
    assert not (out / "html" / "542.html").exists()


def test_a_file_where_a_folder_must_be_is_one_line(edition_copy, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "text").write_text("not a folder")
    result = CliRunner().invoke(cli, ["--edition", str(edition_copy), "build", "--out", str(out)])
    assert result.exit_code == 1
    assert result.output == f"Error: {out / 'text'}: a file is where the build needs a folder: move or remove it\n"
    assert sorted(p.name for p in out.iterdir()) == [".teikit", "text"]  # nothing published


@pytest.mark.parametrize("code, message", [
    (28, "no space left on the device; the previous site is left as it was"),
    (30, r"cannot write here \(Read-only file system\); the previous site is left as it was"),
])
def test_a_full_disk_or_read_only_folder_leaves_the_previous_site_intact(code, message, edition_copy, tmp_path,
                                                                         monkeypatch):
    out = tmp_path / "site"
    build(Edition.open(edition_copy), out, jobs=1)
    before = published(out)
    (edition_copy / "xslt" / "text" / "text.xsl").write_text(
        (edition_copy / "xslt" / "text" / "text.xsl").read_text().replace("</xsl:stylesheet>",
                                                                         "<!-- x --></xsl:stylesheet>"))
    path = edition_copy / "tei" / "537.xml"
    path.write_text(path.read_text(encoding="utf-8").replace("only way to escape", "only way out of"), encoding="utf-8")
    real_open = os.open
    staged = []

    def full(file, flags, *args, **kwargs):
        if STAGING in str(file) and flags & os.O_CREAT:
            staged.append(file)
            if len(staged) > 1:
                raise OSError(code, os.strerror(code), str(file))
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", full)
    with pytest.raises(OutputError, match=message):
        build(Edition.open(edition_copy), out, jobs=1)
    monkeypatch.undo()
    assert published(out) == before
    assert not (out / STAGING).exists() or not any((out / STAGING).iterdir())


KILLED_BUILD = """
import sys, time
from toolkit import output
from toolkit.build import build
from toolkit.edition import Edition

real = output.OutputFolder.publish
def slow_publish(self):
    print("staged", flush=True)
    time.sleep(60)
output.OutputFolder.publish = slow_publish
build(Edition.open(sys.argv[1]), sys.argv[2], jobs=1)
"""


def test_a_killed_build_publishes_nothing_and_the_next_one_sweeps_its_debris(edition_copy, tmp_path):
    out = tmp_path / "site"
    build(Edition.open(edition_copy), out, jobs=1)
    before = published(out)
    path = edition_copy / "tei" / "537.xml"
    path.write_text(path.read_text(encoding="utf-8").replace("only way to escape", "only way out of"), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(edition_copy), str(out)],
                               stdout=subprocess.PIPE, text=True, cwd=REPOSITORY)
    assert process.stdout.readline() == "staged\n"
    assert any((out / STAGING).iterdir())  # the new bytes are staged...
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert published(out) == before  # ...and none of them is published
    report = build(Edition.open(edition_copy), out, jobs=1)
    assert report.built == ["537"]
    assert not (out / STAGING).exists()
    assert "only way out of" in (out / "text" / "537.txt").read_text(encoding="utf-8")
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".") and p.name != ".teikit"]
    assert leftovers == []


def test_a_build_killed_while_publishing_still_knows_what_it_wrote(edition_copy, tmp_path):
    """The journal: files renamed into place before the kill are teikit's, and removable."""
    from toolkit.store import Store

    out = tmp_path / "site"
    build(Edition.open(edition_copy), out, jobs=1)
    store = Store(out)
    digest = store.manifest()["text/542.txt"]
    with store.transaction() as db:  # as if the build died after the journal, before the manifest
        db.execute("DELETE FROM manifest WHERE path = 'text/542.txt'")
    store.journal({"text/542.txt": digest})
    store.close()
    (edition_copy / "tei" / "542.xml").unlink()
    build(Edition.open(edition_copy), out, jobs=1)
    assert not (out / "text" / "542.txt").exists()


def test_the_tei_copy_is_the_bytes_that_were_checked(edition_copy, tmp_path, monkeypatch):
    """A file edited between checking and rendering is reported, not published unchecked."""
    from toolkit import rendering

    path = edition_copy / "tei" / "538.xml"
    real = rendering.render_one

    def edit_then_render(context, job):
        if job.path.endswith("538.xml"):
            path.write_text(path.read_text(encoding="utf-8").replace("</TEI>", "<oops></TEI>"), encoding="utf-8")
        return real(context, job)

    monkeypatch.setattr(rendering, "render_one", edit_then_render)
    report = build(Edition.open(edition_copy), tmp_path / "site", jobs=1)
    assert [d.format().split(": ", 1)[1] for d in report.diagnostics if d.rule == "build-changed"] == [
        "error: the file changed during the build: run the build again [build-changed]"]
    assert not (tmp_path / "site" / "html" / "tei" / "538.xml").exists()


# ---- teikit's records: one SQLite file, rows written where they changed ----------------------

KILLED_WRITE = """
import os, sys
from toolkit.store import Store
store = Store(sys.argv[1])
db = store.db
db.execute("BEGIN IMMEDIATE")
db.executemany("INSERT OR REPLACE INTO manifest VALUES (?, ?)", ((f"p{n}", "x" * 64) for n in range(5000)))
print("written", flush=True)
os.kill(os.getpid(), 9)  # killed inside the transaction
"""


def test_a_build_killed_while_writing_its_records_leaves_them_as_they_were(edition_copy, tmp_path):
    from toolkit.store import STORE_FILE, Store

    out = tmp_path / "site"
    build(Edition.open(edition_copy), out, jobs=1)
    store = Store(out)
    before = store.manifest()
    store.close()
    process = subprocess.Popen([sys.executable, "-c", KILLED_WRITE, str(out)], stdout=subprocess.PIPE, text=True,
                               cwd=REPOSITORY)
    assert process.stdout.readline() == "written\n"
    process.wait()
    store = Store(out)  # SQLite rolls the killed transaction back
    assert store.manifest() == before
    store.close()
    assert not build(Edition.open(edition_copy), out, jobs=1).failed
    assert sorted(p.name for p in (out / ".teikit").iterdir()) == ["lock", "snapshot.json", Path(STORE_FILE).name]


def test_a_folder_built_with_the_json_manifest_keeps_its_files_known(edition_copy, tmp_path):
    """Files listed in an older build's .teikit/manifest.json (and journal) stay teikit's."""
    import json

    from toolkit.store import STORE_FILE, Store

    out = tmp_path / "site"
    build(Edition.open(edition_copy), out, jobs=1)
    store = Store(out)
    manifest = store.manifest()
    store.close()
    (out / STORE_FILE).unlink()
    (out / ".teikit" / "snapshot.json").unlink()
    digest = manifest.pop("text/542.txt")
    (out / ".teikit" / "manifest.json").write_text(json.dumps(manifest))
    (out / ".teikit" / "journal").write_text(f"text/542.txt\t{digest}\n")
    (edition_copy / "tei" / "542.xml").unlink()
    report = build(Edition.open(edition_copy), out, jobs=1)
    assert not (out / "text" / "542.txt").exists()  # teikit's, by the journal: removed as stale
    assert not (out / ".teikit" / "manifest.json").exists() and not (out / ".teikit" / "journal").exists()
    assert not report.failed


def test_records_that_cannot_be_written_are_one_line(tmp_path):
    import sqlite3

    from toolkit.store import Store, StoreError, explain

    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13
    assert explain(full, tmp_path / "x") == f"{tmp_path / 'x'}: no space left on the device; the previous site is left as it was"
    (tmp_path / ".teikit").mkdir()
    (tmp_path / ".teikit" / "state.sqlite").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(StoreError, match="a symbolic link is where teikit keeps its records"):
        Store(tmp_path)
    (tmp_path / ".teikit" / "state.sqlite").unlink()
    (tmp_path / ".teikit" / "state.sqlite").write_text("not a database")  # a stray file: made anew
    store = Store(tmp_path)
    assert store.manifest() == {}
    store.close()


def test_records_of_another_shape_are_made_anew_and_the_written_files_stay_known(edition_copy, tmp_path, monkeypatch):
    """The store's format is derived from the fields of the stored records (Letter and what it is
    made of): a field added to any of them gives another format, whose state is dropped (a record
    read back without the new field would leave pages stale), while the manifest is kept."""
    import dataclasses

    from toolkit import store as stores
    from toolkit.diagnostics import Diagnostic
    from toolkit.metadata import DateSpec, Letter

    assert {"Letter", "Action", "Name", "DateSpec", "Source", "Diagnostic"} <= set(stores.record_shape(Letter, Diagnostic))
    wider = dataclasses.make_dataclass("DateSpec", [("calendar", str, dataclasses.field(default=""))], bases=(DateSpec,))
    assert stores.record_shape(wider)["DateSpec"][-1] == "calendar: <class 'str'>"
    assert stores.format_of(Letter, Diagnostic) == stores.FORMAT != stores.format_of(Letter, wider)

    out = tmp_path / "site"
    build(Edition.open(edition_copy), out, jobs=1)
    monkeypatch.setattr(stores, "FORMAT", stores.format_of(Letter, wider))
    store = stores.Store(out)
    assert list(store.rows("records")) == [] and store.manifest()  # the records go, the written files stay known
    store.close()
    (out / ".teikit" / "snapshot.json").unlink()
    report = build(Edition.open(edition_copy), out, jobs=1)
    assert not report.failed and len(report.built) == 10
