"""The output folder is teikit's where it wrote, and nobody else's files are touched:

one build at a time (a lock), no symbolic link followed out of it, no file replaced that teikit
did not write, and no document whose outputs would take the place of the site's own pages.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from .hostile_kit import GOOD, teikit, tree_state

# A build that waits three seconds between checking and rendering, in a process of its own.
SLOW_BUILD = """
import sys, time
from toolkit import build
real = build._Run.order
def slow(self, records):
    time.sleep(3)
    return real(self, records)
build._Run.order = slow
from toolkit.cli import cli
cli(["build", "--out", "out", "--jobs", "1", "--quiet"])
"""


def test_a_second_build_into_the_same_folder_says_so_and_the_first_finishes(edition):
    first = subprocess.Popen([sys.executable, "-c", SLOW_BUILD], cwd=edition.root, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    lock = edition.out / ".teikit" / "lock"
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text().strip() == str(first.pid)):
        assert time.monotonic() < deadline and first.poll() is None, first.communicate()
        time.sleep(0.05)
    before = tree_state(edition.out)
    second = teikit("build", "--out", "out", "--jobs", "1")
    assert second.exit_code == 1
    assert second.stderr == (f"Error: {edition.out}: another teikit build is writing into this folder (process "
                             f"{first.pid}): wait for it to finish, or build into another folder\n")
    assert tree_state(edition.out) == before  # its staging folder, too, was left alone
    stdout, stderr = first.communicate(timeout=120)
    assert first.returncode == 0, stderr
    assert set(GOOD) <= edition.built()
    assert edition.build().exit_code == 0  # the lock went with the first build


def test_the_lock_of_a_killed_build_is_gone_with_it(edition):
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, os, time\n"
                               "os.makedirs('out/.teikit', exist_ok=True)\n"
                               "f = os.open('out/.teikit/lock', os.O_RDWR | os.O_CREAT)\n"
                               "fcntl.flock(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(600)"],
                              cwd=edition.root, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "locked\n"
    assert teikit("build", "--out", "out", "--jobs", "1").exit_code == 1
    holder.kill()
    holder.wait()
    assert edition.build().exit_code == 0


@pytest.mark.parametrize("link", [".teikit", "html", "html/tei", "text"], ids=[".teikit", "html", "html/tei", "text"])
def test_a_link_inside_the_output_folder_is_never_followed(edition, link):
    elsewhere = edition.root.parent / "elsewhere"
    (elsewhere / "staging").mkdir(parents=True)
    (elsewhere / "staging" / "precious").write_text("keep me")
    (elsewhere / "index.html").write_text("someone else's site")
    (edition.out / link).parent.mkdir(parents=True, exist_ok=True)
    (edition.out / link).symlink_to(elsewhere)
    before = tree_state(elsewhere)
    run = teikit("build", "--out", "out", "--jobs", "1")
    assert run.exit_code == 1
    assert run.stderr == (f"Error: {edition.out / link}: a symbolic link is where the build needs a folder of its "
                          "own: teikit never writes through a link in its output folder (remove the link, or pass "
                          "--out the folder it leads to)\n")
    assert tree_state(elsewhere) == before
    assert (edition.out / link).is_symlink()


def test_stale_files_are_not_deleted_through_a_link(edition):
    assert edition.build().exit_code == 0
    elsewhere = edition.root.parent / "elsewhere"
    os.rename(edition.out / "text", elsewhere)  # text/ moved away, a link in its place
    (edition.out / "text").symlink_to(elsewhere)
    (edition.tei / "534.xml").unlink()
    run = teikit("build", "--out", "out", "--jobs", "1")
    assert run.exit_code == 1 and "a symbolic link is where the build needs a folder" in run.stderr
    assert (elsewhere / "534.txt").is_file()


@pytest.mark.parametrize("name", ["html/index.html", "text/533.txt", "cmif.xml", "html/tei/534.xml"],
                         ids=["html/index.html", "text/533.txt", "cmif.xml", "html/tei/534.xml"])
def test_a_file_teikit_did_not_write_is_reported_and_never_replaced(edition, name):
    mine = edition.out / name
    mine.parent.mkdir(parents=True)
    mine.write_text("mine")
    line = (f"out/{name}:1:0: error: a file teikit did not write is where the build puts one of its outputs; it "
            "was left as it was and the output not written: move it away, or build into another folder "
            "[output-foreign]")
    for _ in range(2):  # and again: the state of a failed build is not trusted
        run = edition.build()
        assert run.exit_code == 1 and run.stderr.splitlines() == [line]
        assert mine.read_text() == "mine"
    assert (edition.out / "html" / "persons.html").is_file()  # the rest was built
    mine.unlink()
    assert edition.build().exit_code == 0 and mine.read_bytes() != b"mine"


def test_a_link_where_an_output_goes_is_reported_and_its_target_untouched(edition):
    target = edition.root.parent / "passwd"
    target.write_text("root:x:0:0")
    (edition.out / "html").mkdir(parents=True)
    (edition.out / "html" / "index.html").symlink_to(target)
    run = edition.build()
    assert run.exit_code == 1 and run.stderr.splitlines()[0].startswith("out/html/index.html:1:0: error: a file teikit")
    assert target.read_text() == "root:x:0:0" and (edition.out / "html" / "index.html").is_symlink()


@pytest.mark.parametrize("name, output, what", [
    ("index.xml", "html/index.html", "a page of the site"),
    ("search.xml", "html/search.html", "a page of the site"),
    ("correspondents.xml", "html/correspondents.html", "a page of the site"),
    ("chronology.xml", "html/chronology.html", "a page of the site"),
    ("Persons.xml", "html/Persons.html (on a disk that ignores case, html/persons.html)", "a page of the site"),
    ("sub/persons.xml", "html/persons.html", "a page of the site"),
], ids=["index", "search", "correspondents", "chronology", "case", "authority-file-name"])
def test_a_document_named_like_a_page_of_the_site_is_one_line_and_the_rest_is_built(edition, name, output, what):
    (edition.tei / name).parent.mkdir(exist_ok=True)
    edition.variant(name)
    built = edition.assert_refused([f"tei/{name}:1:0: error: the document's page would be {output}, which is "
                                    f"{what}: rename the file [name-taken]"])
    assert built.exit_code == 1
    edition.assert_good_built()
    assert b"Hostile" in (edition.out / "html" / "index.html").read_bytes()


def test_a_document_whose_tei_copy_would_replace_an_authority_file_s_is_one_line(edition):
    config = edition.root / "teikit.toml"
    config.write_text(config.read_text() + '[corpus]\nauthorities = ["tei/persons.xml", "tei/places.xml", '
                      '"tei/orgs.xml", "tei/registers/people.xml"]\n')
    (edition.tei / "registers").mkdir()
    (edition.tei / "registers" / "people.xml").write_bytes((edition.tei / "orgs.xml").read_bytes()
                                                             .replace(b'xml:id="', b'xml:id="p-'))
    (edition.tei / "letters").mkdir()
    edition.variant("letters/people.xml")
    edition.assert_refused(["tei/letters/people.xml:1:0: error: the document's TEI copy would be html/tei/people.xml, "
                            "which is the copy of people.xml: rename the file [name-taken]"])
    edition.assert_good_built()
