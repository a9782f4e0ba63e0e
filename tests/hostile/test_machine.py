"""Errors of the machine and of the output folder: one line, exit 1 (2 for a refused folder),
no traceback, and the previous output left as it was.

A full disk and a read-only folder are simulated in the process (the tests may run as root,
who may write anywhere): the system call that would fail raises the error the kernel gives.
"""

from __future__ import annotations

import builtins
import errno
import os

import pytest

from .hostile_kit import teikit, tree_state


def fail_writes_under(monkeypatch, folder, code: int) -> None:
    """Making a file for new bytes under `folder` fails with `code`, as the kernel would say it
    (Python's open for writing; os.open creating a file, as staging does; the lock, which the
    build holds before it writes anything, is left to work)."""
    real_open, real_os_open = builtins.open, os.open
    folder = str(folder)

    def refused(path) -> bool:
        path = os.path.abspath(str(path))
        return path.startswith(folder) and not path.endswith(os.path.join(".teikit", "lock"))

    def guarded(file, mode="r", *args, **kwargs):
        if any(m in mode for m in "wax") and refused(file):
            raise OSError(code, os.strerror(code), str(file))
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and refused(path):
            raise OSError(code, os.strerror(code), str(path))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    monkeypatch.setattr(os, "open", guarded_os_open)


@pytest.mark.parametrize("code, message", [
    (errno.ENOSPC, "no space left on the device; the previous site is left as it was"),
    (errno.EROFS, "cannot write here (Read-only file system); the previous site is left as it was"),
    (errno.EACCES, "cannot write here (Permission denied); the previous site is left as it was"),
], ids=["disk-full", "read-only", "no-permission"])
def test_a_build_that_cannot_write_leaves_the_previous_site(edition, monkeypatch, code, message):
    assert edition.build().exit_code == 0
    before = tree_state(edition.out)
    edition.variant("533.xml", source="533", **{"</p>": " Changed.</p>"})
    fail_writes_under(monkeypatch, edition.out, code)
    run = teikit("build", "--out", "out", "--jobs", "1")
    assert run.exit_code == 1
    assert run.stderr.splitlines()[-1].endswith(message)
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    monkeypatch.undo()
    assert tree_state(edition.out) == before


def test_out_html_being_a_file_is_one_line(edition):
    (edition.out).mkdir()
    (edition.out / "html").write_text("mine")
    run = edition.build()
    assert run.exit_code == 1
    assert run.stderr.splitlines()[-1].endswith("out/html: a file is where the build needs a folder: move or remove it")
    assert (edition.out / "html").read_text() == "mine"


def test_out_into_a_folder_that_does_not_exist_is_made(edition):
    run = teikit("build", "--out", "deep/er/out", "--jobs", "1")
    assert run.exit_code == 0 and (edition.root / "deep/er/out/html/533.html").is_file()


@pytest.mark.parametrize("command", [("render", "tei/533.xml", "--to", "html"), ("export", "csv"),
                                     ("export", "cmif"), ("export", "json")], ids=lambda c: "-".join(c[:2]))
def test_minus_o_into_a_missing_folder_writes_the_file(edition, command):
    run = teikit(*command, "-o", "new/folder/out.txt")
    assert run.exit_code == 0, run.stderr
    assert (edition.root / "new/folder/out.txt").stat().st_size > 0


@pytest.mark.parametrize("code, advice", [
    (errno.ENOSPC, "no space left on the device: free some space and run again (files already there were not changed)"),
    (errno.EROFS, "the file system is read-only: choose another folder"),
    (errno.EACCES, "permission denied: choose a folder you may write to"),
], ids=["disk-full", "read-only", "no-permission"])
def test_minus_o_that_cannot_be_written_is_one_line_and_keeps_the_old_file(edition, monkeypatch, code, advice):
    target = edition.root / "export" / "letters.csv"
    target.parent.mkdir()
    target.write_text("previous")
    monkeypatch.setattr(os, "open", _failing_os_open(target.parent, code))
    run = teikit("export", "csv", "-o", "export/letters.csv")
    monkeypatch.undo()
    assert run.exit_code == 1
    assert run.stderr == f"Error: export/letters.csv: {advice}\n"
    assert target.read_text() == "previous"
    assert os.listdir(target.parent) == ["letters.csv"]


def _failing_os_open(folder, code):
    real = os.open

    def guarded(path, flags, *args, **kwargs):
        if str(path).startswith(str(folder)) and flags & os.O_CREAT:
            raise OSError(code, os.strerror(code), str(path))
        return real(path, flags, *args, **kwargs)

    return guarded


def test_minus_o_onto_a_folder_is_one_line(edition):
    (edition.root / "here").mkdir()
    run = teikit("render", "tei/533.xml", "--to", "text", "-o", "here")
    assert run.exit_code == 2 and "Traceback" not in run.stderr
    assert "'here' is a directory" in run.stderr


@pytest.mark.parametrize("target", ["text", "html"])
def test_render_never_overwrites_its_source(edition, target):
    source = (edition.tei / "533.xml").read_bytes()
    run = teikit("render", "tei/533.xml", "--to", target, "-o", "tei/533.xml")
    assert run.exit_code == 1
    assert run.stderr == f"Error: tei/533.xml: is the TEI source being rendered; write the {target} elsewhere\n"
    assert (edition.tei / "533.xml").read_bytes() == source
    linked = edition.root / "link.xml"
    linked.symlink_to(edition.tei / "533.xml")
    assert teikit("render", "tei/533.xml", "--to", target, "-o", "link.xml").exit_code == 1
    assert (edition.tei / "533.xml").read_bytes() == source


@pytest.mark.parametrize("out, reason", [
    ("tei", "inside the edition's tei/ folder"),
    ("tei/sub", "inside the edition's tei/ folder"),
    ("/", "the root of the file system"),
    (".", "the edition folder itself"),
    ("..", "a folder that contains the edition"),
], ids=["tei", "inside-tei", "root", "edition", "parent"])
def test_dangerous_output_folders_are_refused(edition, out, reason):
    before = tree_state(edition.root.parent)
    run = teikit("build", "--out", out, "--jobs", "1")
    assert run.exit_code == 2
    assert run.stderr.splitlines()[-1].startswith("Error: refusing to build into ")
    assert f"it is {reason}; pass --out with a folder of its own" in run.stderr
    assert tree_state(edition.root.parent) == before


def test_files_teikit_did_not_write_are_never_deleted(edition):
    edition.out.mkdir()
    mine = {"notes.txt": "mine", "html/old.html": "<p>mine</p>", "text/999.txt": "mine", "html/tei/x.xml": "<x/>"}
    for name, text in mine.items():
        (edition.out / name).parent.mkdir(parents=True, exist_ok=True)
        (edition.out / name).write_text(text)
    assert edition.build().exit_code == 0
    assert edition.build("--clean").exit_code == 0
    (edition.tei / "534.xml").unlink()
    assert edition.build().exit_code == 0
    for name, text in mine.items():
        assert (edition.out / name).read_text() == text
    assert not (edition.out / "html" / "534.html").exists()  # its own stale output does go


def test_debris_of_a_killed_build_is_swept_and_never_published(edition):
    assert edition.build().exit_code == 0
    staging = edition.out / ".teikit" / "staging"
    staging.mkdir(parents=True, exist_ok=True)
    (staging / "0").write_bytes(b"half a page")
    assert edition.build().exit_code == 0
    assert not staging.exists() or not any(staging.iterdir())
    assert b"half a page" not in b"".join(p.read_bytes() for p in edition.out.rglob("*.html"))
    assert not [p for p in edition.out.rglob("*.tmp")]


def test_a_source_edited_during_the_build_is_not_published_unchecked(edition, monkeypatch):
    from toolkit import build as build_module

    real = build_module._Run.order

    def edited_meanwhile(self, records):
        """Between the check and the render, 534.xml is edited on disk."""
        path = edition.tei / "534.xml"
        path.write_bytes(path.read_bytes() + b"<!-- edited -->")
        return real(self, records)

    monkeypatch.setattr(build_module._Run, "order", edited_meanwhile)
    run = teikit("build", "--out", "out", "--jobs", "1")  # the test itself edits tei/
    assert run.exit_code == 1
    assert run.stderr.splitlines() == [
        "tei/534.xml:1:0: error: the file changed during the build: run the build again [build-changed]"]
    assert "533" in edition.built() and "534" not in edition.built()
