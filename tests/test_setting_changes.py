"""A change of any setting of teikit.toml rebuilds exactly what it affects: for every setting
(toolkit/edition.py SETTINGS), one change to a small edition, built before and after it without
--clean; the rebuild redoes what the table below says (documents checked again, pages made
again, corpus outputs made again), nothing more, and leaves the output folder byte for byte as a
clean build with the new settings makes it, so nothing it affects is left stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.build import build
from toolkit.builders import corpus_builders, document_builders
from toolkit.builders.pdf import available as print_available
from toolkit.edition import SETTING_NAMES, Edition
from toolkit.labels import Labels

ITALIAN = Path(__file__).resolve().parent / "roots" / "italian"
LETTERS = ("lettera001", "lettera002", "lettera003", "lettera004")
# Every setting written out, so that each change is one line replaced.
BASE = """\
[edition]
title = "Lettere di prova"
editors = ["A. Curatore"]
publisher = "Editore di prova"
licence = "https://creativecommons.org/licenses/by/4.0/"
base_url = "https://lettere.example.net/"
date = "2026-12-01"
language = "en"

[corpus]
documents = ["lettere/*.xml"]
authorities = ["indici/*.xml"]
description = "edition.xml"
allow_outside = []
schema = "none"
unique_ids = "document"

[references]
key = ""

[correspondence]
received_types = []
actions = {}

[schemas]
tei_all = "tei_all.rng"

[limits]
max_file_mb = 50
document_seconds = 60
document_mb = 2048

[rules]
ref-resolves = "warning"

[print]
pdf = "auto"
max_documents = 1000
paper = "a4"
font_size = 10.5

[cmif]
email = "curatore@example.net"
date = "2026-12-01T00:00:00Z"
leave_out_kinds = []

[labels]
"nav.index" = "Lettere"

[dts]
static = "auto"
"""
# A grammar that takes any XML: a schema of the edition's own that changes no verdict.
ANYTHING_RNG = """<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="any"/></start>
<define name="any"><element><anyName/><zeroOrMore><choice><attribute><anyName/></attribute><text/><ref name="any"/>
</choice></zeroOrMore></element></define></grammar>
"""

ALL = "all"
GERMAN = Labels.for_language("de").strings != Labels.for_language("en").strings
PDF = {"pdf"} if print_available() else set()  # the book, when Typst is installed
PAGES_READ = {"search", "dts-collection"}  # corpus builders that read the pages: made again with any page
SITE = {"cmif", "site"} | PAGES_READ | PDF  # what the edition's title, editors … reach
RECORDS = {"cmif", "site"} | PAGES_READ | PDF  # what the letters' records make
# The drawings are made part by part from a few values of each record (its dates; its correspondents):
# they are redone only where those values changed, as the byte-for-byte comparison below confirms
CORRESPONDENTS = {"network"}  # (the chronology: no setting here moves a date)
# setting -> (the line before, the line after, documents checked, pages made, corpus builders run)
CHANGES = {
    "title": ('title = "Lettere di prova"', 'title = "Altre lettere"', 0, ALL, SITE),
    "editors": ('editors = ["A. Curatore"]', 'editors = ["B. Curatrice"]', 0, ALL, SITE),
    "publisher": ('publisher = "Editore di prova"', 'publisher = "Altro editore"', 0, ALL, SITE),
    "licence": ('licence = "https://creativecommons.org/licenses/by/4.0/"',
                'licence = "https://creativecommons.org/publicdomain/zero/1.0/"', 0, ALL, SITE),
    "base_url": ('base_url = "https://lettere.example.net/"', 'base_url = "https://altrove.example.net/"', 0, ALL,
                 SITE),
    # the build date every page shows; cmif.xml is dated by [cmif] date
    "date": ('date = "2026-12-01"\nlanguage', 'date = "2026-12-02"\nlanguage', 0, ALL, {"site"} | PAGES_READ | PDF),
    # the words of the interface, in every page, the registers and the drawings; not cmif.xml (while
    # teikit has no German catalogue, the words stay English: only the book's language changes)
    "language": ('language = "en"', 'language = "de"', 0, ALL if GERMAN else (),
                 ({"site", "chronology", "network"} | PAGES_READ if GERMAN else set()) | PDF),  # the book's lang
    # a project's own word for a label (on every page and the site's pages; the drawings and the
    # book are made in the same words)
    "labels": ('"nav.index" = "Lettere"', '"nav.index" = "Carteggio"', 0, ALL,
               {"site", "chronology", "network"} | PAGES_READ | PDF),
    # the same files by other globs: nothing to do
    "documents": ('documents = ["lettere/*.xml"]', 'documents = ["lettere/lettera*.xml"]', 0, (), set()),
    "authorities": ('authorities = ["indici/*.xml"]', 'authorities = ["indici/[a-z]*.xml"]', 0, (), set()),
    # edition.xml elsewhere, and no file there either
    "description": ('description = "edition.xml"', 'description = "indici/none.xml"', 0, (), set()),
    # the checks' settings: every letter checked again, and what changed in the records follows
    "allow_outside": ("allow_outside = []", 'allow_outside = ["../registri"]', ALL, (), set()),
    "schema": ('schema = "none"', 'schema = "anything.rng"', ALL, (), set()),
    "unique_ids": ('unique_ids = "document"', 'unique_ids = "corpus"', ALL, (), set()),
    # how @key is read: every page's names, and lettera002's record (its @key now leads to an entry)
    # (cmif.xml is made letter by letter: lettera002's correspDesc, and so the file, stays as it was)
    "key": ('key = ""', 'key = "xml:id"', ALL, ALL, RECORDS - {"cmif"}),  # lettera002's @key names no correspondent
    # lettera003 names its addressee typed "addressee" inside the sent action
    "received_types": ("received_types = []", 'received_types = ["addressee"]', ALL, ("lettera003",),
                       RECORDS | CORRESPONDENTS),
    # lettera001's action of type handedTo, read as sent or received now
    "actions": ("actions = {}", 'actions = { handedTo = "received" }', ALL, ("lettera001",), RECORDS),
    # tei_all.rng is read only by --schema tei_all
    "schemas.tei_all": ('tei_all = "tei_all.rng"', 'tei_all = "other/tei_all.rng"', 0, (), set()),
    "max_file_mb": ("max_file_mb = 50", "max_file_mb = 40", ALL, (), set()),
    "document_seconds": ("document_seconds = 60", "document_seconds = 30", ALL, (), set()),
    "document_mb": ("document_mb = 2048", "document_mb = 1024", ALL, (), set()),
    # a verdict changes, no output: lettera004's dangling pointers are not reported
    "rules": ('ref-resolves = "warning"', 'ref-resolves = "off"', ALL, (), set()),
    "cmif.email": ('email = "curatore@example.net"', 'email = "altro@example.net"', 0, (), {"cmif"}),
    "cmif.date": ('date = "2026-12-01T00:00:00Z"', 'date = "2026-12-05T00:00:00Z"', 0, (), {"cmif"}),
    "cmif.leave_out_kinds": ("leave_out_kinds = []", 'leave_out_kinds = ["affari"]', 0, (), {"cmif"}),
    # how much of the DTS API is written as files: every page's answers, the collection's, the site's links
    # (and the book, which takes the title and date from the same site parameters)
    "dts_static": ('static = "auto"', 'static = "compact"', 0, ALL, {"site"} | PAGES_READ | PDF),
    # the book's paper and type: the book alone
    "print_paper": ('paper = "a4"', 'paper = "us-letter"', 0, (), PDF),
    "print_font_size": ("font_size = 10.5", "font_size = 11", 0, (), PDF),
    # the book made or not: every page's outputs (its print source goes or comes), nothing else
    "print_pdf": ('pdf = "auto"', 'pdf = "never"', 0, ALL if PDF else (), PAGES_READ if PDF else set()),
    "print_max_documents": ("max_documents = 1000", "max_documents = 2", 0, ALL if PDF else (),
                            PAGES_READ if PDF else set()),
}


def make_edition(folder: Path, toml: str) -> Path:
    (folder / "lettere").mkdir(parents=True)
    shutil.copytree(ITALIAN / "indici", folder / "indici")
    for name in LETTERS:
        shutil.copy(ITALIAN / "lettere" / f"{name}.xml", folder / "lettere")
    letter = folder / "lettere" / "lettera001.xml"  # an action of a type teikit does not know
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "</correspDesc>", '<correspAction type="handedTo"><persName ref="#cgaddi">Gaddi</persName>'
        "</correspAction></correspDesc>"), encoding="utf-8")
    letter = folder / "lettere" / "lettera002.xml"  # a name by @key: an entry's xml:id
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "</body>", '<p><persName key="lvettori">Lodovico</persName> vi saluta.</p></body>'), encoding="utf-8")
    letter = folder / "lettere" / "lettera003.xml"  # the addressee typed inside the sent action
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        '<correspAction type="sent">', '<correspAction type="sent"><persName type="addressee" ref="#cgaddi">'
        'Gaddi</persName>', 1), encoding="utf-8")
    (folder / "anything.rng").write_text(ANYTHING_RNG, encoding="utf-8")
    (folder / "teikit.toml").write_text(toml, encoding="utf-8")
    return folder


def site_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".teikit" not in p.relative_to(out).parts}


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> tuple[Path, Path]:
    """The edition built once with the settings of BASE, and a copy of that build: each case
    starts from it, in the same folder (the state names the files by their paths)."""
    root = make_edition(tmp_path_factory.mktemp("edition"), BASE)
    report = build(Edition.open(root), root / "build", jobs=1)
    assert not report.failed and sorted(report.built) == list(LETTERS)
    saved = tmp_path_factory.mktemp("built") / "build"
    shutil.copytree(root / "build", saved, symlinks=True)
    return root, saved


@pytest.fixture
def before(edition) -> Path:
    root, saved = edition
    shutil.rmtree(root / "build")
    shutil.copytree(saved, root / "build", symlinks=True)
    (root / "teikit.toml").write_text(BASE, encoding="utf-8")
    return root


def test_every_setting_has_a_case_and_every_builder_names_settings_that_exist():
    assert set(CHANGES) == SETTING_NAMES
    for builder in document_builders() + corpus_builders():
        assert builder.settings is None or set(builder.settings) <= SETTING_NAMES, builder.name


def test_the_base_edition_shows_what_the_changes_change(before):
    """Each change below has something to change: a name by @key, an addressee typed in the sent
    action, an action of a type teikit does not know, a dangling pointer."""
    page = (before / "build" / "html" / "lettera002.html").read_text(encoding="utf-8")
    assert "Lodovico" in page
    cmif = (before / "build" / "cmif.xml").read_text(encoding="utf-8")
    assert "curatore@example.net" in cmif and "lettera003" in cmif


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_changed_setting_rebuilds_exactly_what_it_affects(name, before, tmp_path):
    old, new, checked, pages, corpus = CHANGES[name]
    root = before
    toml = root / "teikit.toml"
    assert BASE.count(old) == 1, old
    toml.write_text(BASE.replace(old, new), encoding="utf-8")
    report = build(Edition.open(root), root / "build", jobs=1)
    assert not report.failed, [d.format() for d in report.diagnostics if d.is_error]
    assert report.checked == (len(LETTERS) if checked == ALL else checked), name
    assert sorted(report.built) == sorted(LETTERS if pages == ALL else pages), name
    assert set(report.corpus_built) == corpus, name
    # nothing stale: the folder is what a clean build with the new settings makes
    clean = make_edition(tmp_path / "clean", BASE.replace(old, new))
    build(Edition.open(clean), clean / "build", jobs=1)
    incremental, fresh = site_files(root / "build"), site_files(clean / "build")
    assert sorted(incremental) == sorted(fresh), name
    assert [p for p in fresh if incremental[p] != fresh[p]] == [], name
