"""Another project's edition end to end: a sample of the Alfred Escher letters (TEI Publisher's
conventions, ../shared/corpora/escher-briefedition.tar.xz) built with
benchmarks/editions/escher/teikit.toml. The whole edition is timed in benchmarks/bench_escher.py."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from lxml import etree, html

from toolkit.cli import cli

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY / "benchmarks" / "editions" / "escher"))
sys.path.insert(0, str(REPOSITORY / "benchmarks" / "editions"))
import cmif_check  # noqa: E402
from unpack import ARCHIVE, unpack  # noqa: E402

LINE = re.compile(r"^\S+:\d+:\d+: (error|warning): .+ \[[a-z-]+\]$")
TEI = "{http://www.tei-c.org/ns/1.0}"
NS = {"t": TEI[1:-1]}
SAMPLE = 200  # every 25th of the 5,019 letters


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    if not ARCHIVE.is_file():
        pytest.skip("the Escher edition is not beside the repository (../shared/corpora/escher-briefedition.tar.xz)")
    root = tmp_path_factory.mktemp("escher")
    unpack(root, every=25, limit=SAMPLE)
    return root


@pytest.fixture(scope="module")
def result(edition):
    return CliRunner().invoke(cli, ["--edition", str(edition), "build", "--quiet", "--jobs", "2"])


def letters(edition: Path) -> list[Path]:
    return sorted((edition / "data" / "briefe").glob("*.xml"))


def test_every_letter_is_built_and_nothing_crashes(edition, result):
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert len(letters(edition)) == SAMPLE
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    reported = {line.split(":", 1)[0] for line in errors}
    for line in errors:  # a letter that is not built is reported where it goes wrong
        assert re.match(r"^data/\S+\.xml:\d+:\d+: error: .+ \[[\w-]+\]$", line), line
    built = {p.stem for p in (edition / "build" / "html").glob("K_*.html")}
    for letter in letters(edition):
        assert letter.stem in built or f"data/briefe/{letter.name}" in reported, letter.name
    assert result.exit_code == (1 if errors else 0)
    assert len(built) == SAMPLE  # in fact every letter of the sample is valid and built
    for line in result.stderr.splitlines():  # every warning too is one located line with its rule
        assert LINE.match(line), line


# ---- the reading words of every page, in order, as the TEI has them ----------------------

OTHER_READING = {"abbr": "expan", "sic": "corr", "orig": "reg"}
NOT_READ = ("del", "a[@class = 'noteref']", "*[contains(@class, 'alternative')]",
            "*[contains(@class, 'visually-hidden')]", "*[@class = 'pb']", "*[@aria-hidden = 'true']")


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.replace("[", "").replace("]", ""))


def tei_reading(element, out: list[str]) -> list[str]:
    """The reading text of TEI: no deletions, no notes, the preferred reading of a choice;
    lb/pb a space unless break="no", space a space."""
    name = etree.QName(element).localname
    if name in ("lb", "pb", "cb", "space") and element.get("break") != "no":
        out.append(" ")
    parent = element.getparent()
    other = OTHER_READING.get(name)
    skip = name in ("del", "note") or (
        other and parent is not None and parent.find(TEI + other) is not None and parent.tag == TEI + "choice")
    if not skip:
        out.append(element.text or "")
        for child in element:
            broken = isinstance(child.tag, str) and etree.QName(child).localname in ("lb", "pb") \
                and child.get("break") == "no"
            if broken:  # a word broken across lines: the line-end whitespace around it is not a space
                out[-1] = out[-1].rstrip()
            if isinstance(child.tag, str):
                tei_reading(child, out)
            out.append((child.tail or "").lstrip() if broken else (child.tail or ""))
    return out


def page_reading(path: Path) -> list[str]:
    section = html.parse(str(path)).getroot().xpath("//section[@class='text']")[0]
    for mark in section.xpath(" | ".join(f".//{m}" for m in NOT_READ)):
        mark.drop_tree()
    for block in section.xpath(".//td | .//th | .//li | .//p | .//div | .//section"):
        block.tail = " " + (block.tail or "")  # blocks and cells stand apart on the page
    return words(section.text_content())


def test_every_page_has_the_reading_words_of_its_letter_in_order(edition, result):
    for letter in letters(edition):
        text = etree.parse(str(letter)).getroot().find(TEI + "text")
        expected = words("".join(tei_reading(text, [])))
        assert page_reading(edition / "build" / "html" / f"{letter.stem}.html") == expected, letter.name


def test_every_plain_text_keeps_the_reading_words_of_its_letter_in_order(edition, result):
    """The text adds note numbers, the notes and the other reading of a choice: without those
    marks, the reading words are all there, in order."""
    for letter in letters(edition):
        text = etree.parse(str(letter)).getroot().find(TEI + "text")
        plain = (edition / "build" / "text" / f"{letter.stem}.txt").read_text(encoding="utf-8")
        plain = re.sub(r" \[(?:abbr|expan|sic|corr|orig|reg): [^\]]*\]", "", plain)  # the other reading
        remaining = iter(words(re.sub(r"\[\d+\]", " ", plain)))  # note numbers are not words
        missing = [word for word in words("".join(tei_reading(text, []))) if word not in remaining]
        assert missing == [], letter.name


# ---- registers, correspondents, CMIF ------------------------------------------------------

@pytest.mark.parametrize("register, page, entry", [("people/people.xml", "persons.html", "person"),
                                                   ("places/places.xml", "places.html", "place")])
def test_registers_list_every_entry_of_people_and_places(edition, result, register, page, entry):
    """The index lists the initials (a page each, with every name and its count); every entry has its page."""
    tree = etree.parse(str(edition / "data" / register))
    ids = tree.xpath(f"//t:{entry}/@xml:id", namespaces=NS)
    site = edition / "build" / "html"
    index = html.parse(str(site / page)).getroot()
    initials = index.xpath("//nav[@class='initials']//a/@href")
    assert len(initials) > 10
    listed: dict[str, int] = {}
    for link in initials:
        names = html.parse(str(site / unquote(link))).getroot()
        for item in names.xpath("//ul[@class='names']/li"):
            href = item.xpath("string(a/@href)")
            listed[unquote(href).rsplit("/", 1)[-1].removesuffix(".html")] = int(
                item.xpath("string(span[@class='count'])").strip("()"))
    assert len(ids) > 1000 and set(ids) <= set(listed)
    folder = site / page.removesuffix(".html")
    assert all((folder / f"{i}.html").is_file() for i in ids)
    named = [i for i in ids if listed[i]]
    assert named  # an entry's count is the number of documents its page lists
    for entry_id in named[:30]:
        entry = html.parse(str(folder / f"{entry_id}.html")).getroot()
        assert len(entry.xpath("//ul[@class='mentions']/li")) == listed[entry_id], entry_id


def test_names_in_the_text_reach_the_register_by_key(edition, result):
    people = etree.parse(str(edition / "data" / "people" / "people.xml"))
    by_n = {p.get("n"): p.get("{http://www.w3.org/XML/1998/namespace}id") for p in people.xpath("//t:person", namespaces=NS)}
    persons = edition / "build" / "html" / "persons"
    checked = 0
    for letter in letters(edition)[:20]:
        keys = etree.parse(str(letter)).xpath("//t:text//t:persName/@key", namespaces=NS)
        for entry_id in dict.fromkeys(by_n[k] for k in keys if k in by_n):
            entry = html.parse(str(persons / f"{entry_id}.html")).getroot()
            mentions = entry.xpath("//article[@class='entry']//ul[@class='mentions']//a/@href")
            assert f"../{letter.stem}.html" in mentions, (letter.name, entry_id)
            checked += 1
    assert checked > 20


def test_no_page_of_the_site_is_over_a_megabyte(edition, result):
    """The registers of 3,710 persons and their places stay light: an index by initial, a page an entry."""
    pages = list((edition / "build" / "html").rglob("*.html"))
    assert len(pages) > 5000
    heavy = sorted((p.stat().st_size, p.name) for p in pages if p.stat().st_size > 1_000_000)
    assert heavy == []
    assert max(p.stat().st_size for p in pages) < 300_000  # far below it at this sample's size


@pytest.mark.parametrize("pages", ["*.html", "years/*.html", "*/initials/*.html", "persons/*.html", "places/*.html"])
def test_the_site_pages_links_lead_somewhere(edition, result, pages):
    from test_linkcheck import broken_links

    assert broken_links(edition / "build", pages) == []


def test_correspondents_come_from_correspdesc(edition, result):
    cmif = etree.parse(str(edition / "build" / "cmif.xml"))
    descs = cmif.xpath("//t:correspDesc", namespaces=NS)
    assert len(descs) == SAMPLE
    checked = 0
    for desc in descs:
        key = desc.get("key")
        sent = desc.xpath("t:correspAction[@type='sent']/*[self::t:persName or self::t:orgName]/text()", namespaces=NS)
        received = desc.xpath("t:correspAction[@type='received']/*[self::t:persName or self::t:orgName]/text()",
                              namespaces=NS)
        escher = "Escher, Alfred"  # CMIF's form of a name whose parts people.xml marks
        if "_AE_an_" in key:  # the file names say who wrote to whom
            assert escher in sent and escher not in received, key
            checked += 1
        elif re.search(r"_an_Escher_", key):
            assert escher in received and sent and escher not in sent, key
            checked += 1
    assert checked > SAMPLE // 2
    # a correspondent's @ref is the GND number people.xml gives the entry its @key matches
    people = etree.parse(str(edition / "data" / "people" / "people.xml"))
    gnd = {p.get("n"): "https://d-nb.info/gnd/" + p.xpath("normalize-space(t:idno[@type='gnd'])", namespaces=NS)
           for p in people.xpath("//t:person[t:idno[@type='gnd']]", namespaces=NS)}
    refs = {d.get("key"): set(d.xpath("t:correspAction/t:persName/@ref", namespaces=NS)) for d in descs}
    found = 0
    for letter in letters(edition):
        for name in etree.parse(str(letter)).xpath("//t:correspDesc//t:persName[@key]", namespaces=NS):
            if name.get("key") in gnd:
                assert gnd[name.get("key")] in refs[letter.stem], letter.name
                found += 1
    assert found > SAMPLE


def test_the_cmif_export_is_valid_cmif(edition, result):
    if not cmif_check.available():
        pytest.skip("the CMIF schema is not beside the repository (../shared/reference/cmif.rng, cmif.sch)")
    assert cmif_check.cmif_problems(edition / "build" / "cmif.xml") == []


# ---- the print edition ----------------------------------------------------------------------

def test_the_pdf_prints_every_letter_with_its_reading_words_and_registers(edition, result):
    """Every letter of the sample has its bookmark, and its reading words stand in order on its
    pages (an apparatus or note marker may follow a word); names reach the person register."""
    from test_print import links, outline, page_texts

    pdf = edition / "build" / "edition.pdf"
    marks = outline(pdf)
    texts = page_texts(pdf)
    titles: dict[str, list[Path]] = {}  # two letters may share a title: they follow in file order
    for path in letters(edition):
        title = " ".join(etree.parse(str(path)).xpath("string(//t:titleStmt/t:title[1])", namespaces=NS).split())
        titles.setdefault(title, []).append(path)
    documents = [(titles[title].pop(0), page) for title, depth, page in marks if depth == 1 and titles.get(title)]
    assert len(documents) == SAMPLE
    registers = next(page for title, depth, page in marks if title == "Registers")
    for k, (path, start) in enumerate(documents):
        end = documents[k + 1][1] if k + 1 < len(documents) else registers
        found = words(" ".join(texts[start:max(end, start + 1)]))
        remaining = iter(found)
        text = etree.parse(str(path)).getroot().find(TEI + "text")
        missing = [w for w in words("".join(tei_reading(text, [])))
                   if not any(f == w or (f.startswith(w) and re.fullmatch(r"(\d{1,3}|[a-z]{1,2})+", f[len(w):]))
                              for f in remaining)]
        assert missing == [], (path.name, missing[:5])
    assert "Persons" in [title for title, _, _ in marks]
    to_register = [target for page, target, _ in links(pdf) if target is not None and target >= registers and page < registers]
    assert len(to_register) > SAMPLE * 5  # names link to their entries
