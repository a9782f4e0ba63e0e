"""An ediarum edition end to end: a sample of the letters of Jean Paul's circle
(../shared/corpora/jeanpaul-umfeldbriefe.tar.xz, registers split A–Z, names by key="JP-…", GND URIs
as idno type="uri") built with benchmarks/editions/jeanpaul/teikit.toml as it is. The whole
edition is built by benchmarks/bench_editions.py."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from toolkit.cli import cli

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY / "benchmarks" / "editions"))
import cmif_check  # noqa: E402
from corpora import EDITIONS, unpack_edition  # noqa: E402

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
EVERY = 12  # 80 of the 952 letters, and every register
LINE = re.compile(r"^\S+:\d+:\d+: (error|warning): .+ \[[a-z-]+\]$")


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    if not EDITIONS["jeanpaul"].archive.is_file():
        pytest.skip("the Jean Paul letters are not beside the repository "
                    "(../shared/corpora/jeanpaul-umfeldbriefe.tar.xz)")
    root = tmp_path_factory.mktemp("jeanpaul")
    unpack_edition("jeanpaul", root, every=EVERY)
    return root


@pytest.fixture(scope="module")
def result(edition):
    return CliRunner().invoke(cli, ["--edition", str(edition), "build", "--quiet", "--jobs", "2"])


def letters(edition: Path) -> list[Path]:
    return sorted((edition / "briefe").rglob("*.xml"))


@pytest.fixture(scope="module")
def gnd(edition) -> dict[str, str]:
    """Register entry -> its GND URI, read from the registers here, apart from teikit."""
    found = {}
    for register in (edition / "register" / "personen").glob("*.xml"):
        for person in etree.parse(str(register)).iterfind(".//t:person", NS):
            uris = [" ".join((i.text or "").split()) for i in person.iterfind("t:idno[@type='uri']", NS)]
            found.update({person.get(XML_ID): u for u in uris if "d-nb.info/gnd/" in u})
    return found


def test_every_letter_of_the_sample_is_built_and_every_warning_is_one_line(edition, result):
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.stderr[-3000:]
    sample = letters(edition)
    assert len(sample) == -(-952 // EVERY)
    pages = {p.stem for p in (edition / "build" / "html").glob("*.html")}
    assert {p.stem for p in sample} <= pages
    for line in result.stderr.splitlines():
        assert LINE.match(line), line
    assert ": error: " not in result.stderr
    # what the excerpt leaves dangling: taxonomies declared nowhere, works whose register is not in it
    rules = {line.rsplit("[", 1)[1] for line in result.stderr.splitlines()}
    assert rules <= {"ref-resolves]", "key-resolves]", "date-order]", "date-real]", "config-base-url]",
                     "cmif-licence]"}, rules


def test_every_gnd_uri_of_a_correspondent_is_in_the_cmif(edition, result, gnd):
    cmif = etree.parse(str(edition / "build" / "cmif.xml"))
    if not cmif_check.available():
        pytest.skip("the CMIF schema is not beside the repository (../shared/reference/cmif.rng, cmif.sch)")
    assert cmif_check.cmif_problems(cmif) == []  # valid against cmif.rng and cmif.sch
    exported = {desc.get("key"): desc for desc in cmif.iterfind(".//t:correspDesc", NS)}
    expected = 0
    for letter in letters(edition):
        tree = etree.parse(str(letter))
        desc = exported[letter.stem]
        for kind in ("sent", "received"):
            keys = tree.xpath(f"//t:correspDesc/t:correspAction[@type='{kind}']/t:persName/@key", namespaces=NS)
            refs = desc.xpath(f"t:correspAction[@type='{kind}']/t:persName/@ref", namespaces=NS)
            for key in keys:
                if key in gnd:
                    expected += 1
                    assert gnd[key] in refs, (letter.name, kind, key, gnd[key], refs)
        names = desc.xpath("t:correspAction/t:persName/text()", namespaces=NS)
        assert names and "Unknown" not in names, letter.name
    assert expected > 100  # the sample's correspondents nearly all have one


def test_the_registers_list_every_entry_the_letters_name(edition, result):
    html_dir = edition / "build" / "html"
    named = {"persons": set(), "places": set()}
    for letter in letters(edition):
        tree = etree.parse(str(letter))
        named["persons"] |= set(tree.xpath("//t:persName/@key", namespaces=NS))
        named["places"] |= set(tree.xpath("//t:placeName/@key", namespaces=NS))
    for register in ("persons", "places"):
        # the index, and past 1,000 entries its pages by initial, link every entry's own page
        indexes = [html_dir / f"{register}.html", *sorted((html_dir / register / "initials").glob("*.html"))]
        listed = {match for index in indexes
                  for match in re.findall(r'href="[^"]*?(JP-\d+)\.html"', index.read_text(encoding="utf-8"))}
        known = {k for k in named[register] if f'xml:id="{k}"' in _registers(edition)}
        assert known and known <= listed, sorted(known - listed)[:10]
        assert all((html_dir / register / f"{k}.html").is_file() for k in known)
    # an entry named in a letter lists that letter: Friedrich Benedikt von Oertel, a frequent writer
    from lxml import html

    entry = html.parse(str(html_dir / "persons" / "JP-003039.html")).getroot()
    written = {Path(a.get("href")).stem for a in entry.iter("a") if a.get("href")}
    assert written & {p.stem for p in letters(edition) if "_FOertel_" in p.name}


_REGISTERS: dict[Path, str] = {}


def _registers(edition: Path) -> str:
    if edition not in _REGISTERS:
        _REGISTERS[edition] = "".join(p.read_text(encoding="utf-8") for p in (edition / "register").rglob("*.xml"))
    return _REGISTERS[edition]


def test_names_are_said_forenames_first_and_cmif_names_surname_first(edition, result):
    cmif = (edition / "build" / "cmif.xml").read_text(encoding="utf-8")
    assert re.search(r">Oertel, Friedrich Benedikt von<|>Oerthel, [^<]+<", cmif)
    assert "Osmund Emanuel" not in cmif  # the register's order without a comma is no name


# ---- the print edition ----------------------------------------------------------------------

def test_the_pdf_prints_every_letter_with_its_reading_words(edition, result):
    """ediarum's pretty-printed letters in the book: every letter of the sample has its bookmark, and
    its reading words stand in order on its pages, whole (a note's or the apparatus's marker may
    follow a word, never stand inside it)."""
    from test_print import outline, page_texts

    from toolkit.labels import Labels
    from toolkit.reading import reading_text, words

    pdf = edition / "build" / "edition.pdf"
    marks = outline(pdf)
    texts = page_texts(pdf)
    titles: dict[str, list[Path]] = {}
    for path in letters(edition):
        title = " ".join(etree.parse(str(path)).xpath("string(//t:titleStmt/t:title[1])", namespaces=NS).split())
        titles.setdefault(title, []).append(path)
    documents = [(titles[title].pop(0), page) for title, depth, page in marks if depth == 1 and titles.get(title)]
    assert len(documents) == len(letters(edition))
    registers = next(page for title, depth, page in marks if title == Labels.for_language("de")["print.registers"])
    for k, (path, start) in enumerate(documents):
        end = documents[k + 1][1] if k + 1 < len(documents) else registers
        remaining = iter(words(" ".join(texts[start:max(end, start + 1)])))
        text = etree.parse(str(path)).getroot().find("{http://www.tei-c.org/ns/1.0}text")
        # with the marks the book prints in the text ("erzwung[ene]", the source's |10|), not the markers
        missing = [w for w in words(reading_text(text, marks=True, markers=False))
                   if not any(f == w or (f.startswith(w) and re.fullmatch(r"(\d{1,3}|[a-z]{1,2})+", f[len(w):]))
                              for f in remaining)]
        assert missing == [], (path.name, missing[:5])
