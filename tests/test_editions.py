"""Two more kinds of real letter edition, as their editors encode them (tests/roots/italian,
tests/roots/bilingual; each README says what they are): built with their teikit.toml as it is,
every letter reaches the site, what is odd about them is one warning line each, and cmif.xml is
valid CMIF whose correspondents are named and whose letters are dated."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from toolkit.cli import cli

ROOTS = Path(__file__).resolve().parent / "roots"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks" / "editions"))
import cmif_check  # noqa: E402

TEI = {"t": "http://www.tei-c.org/ns/1.0"}
LINE = re.compile(r"^\S+:\d+:\d+: (error|warning): .+ \[[a-z-]+\]$")


def build(name: str, tmp_path: Path):
    edition = tmp_path / name
    shutil.copytree(ROOTS / name, edition)
    result = CliRunner().invoke(cli, ["--edition", str(edition), "build", "--jobs", "1"])
    return edition, result


def warnings_by_rule(result) -> dict[str, int]:
    found: dict[str, int] = {}
    for line in result.stderr.splitlines():
        assert LINE.match(line), line  # one line each, located, with its rule
        rule = line.rsplit("[", 1)[1].rstrip("]")
        found[rule] = found.get(rule, 0) + 1
    return found


@pytest.fixture(scope="module")
def cmif_problems():
    """Against cmif.rng and cmif.sch (benchmarks/editions/cmif_check.py)."""
    if not cmif_check.available():
        pytest.skip("the CMIF schema is not beside the repository (../shared/reference/cmif.rng, cmif.sch)")
    return cmif_check.cmif_problems


def letters_on_the_site(edition: Path, folder: str) -> tuple[set[str], set[str]]:
    letters = {p.stem for p in (edition / folder).glob("*.xml")}
    pages = {p.stem for p in (edition / "build" / "html").glob("*.html")}
    return letters, letters & pages


def correspondents(cmif: etree._ElementTree) -> list[tuple[str, str, str, str]]:
    """(letter, sender, addressee, date) of every letter of a CMIF file."""
    found = []
    for desc in cmif.iterfind(".//t:correspDesc", namespaces=TEI):
        sent = desc.find("t:correspAction[@type='sent']", TEI)
        received = desc.find("t:correspAction[@type='received']", TEI)
        date = sent.find("t:date", TEI)
        found.append((desc.get("key"), " | ".join(n.text for n in sent.iterfind("t:persName", TEI)),
                      " | ".join(n.text for n in received.iterfind("t:persName", TEI)),
                      date.get("when", "") if date is not None else ""))
    return found


def test_the_italian_edition_builds_every_letter_and_warns_of_its_dangling_pointers(tmp_path, cmif_problems):
    edition, result = build("italian", tmp_path)
    assert result.exit_code == 0, result.output
    letters, built = letters_on_the_site(edition, "lettere")
    assert len(letters) == 12 and built == letters
    assert warnings_by_rule(result) == {"ref-resolves": 3}  # ref="#" twice, resp="#editor" once
    assert 'lettere/lettera004.xml:32:72: warning: ref="#" points to no id' in result.stderr
    assert 'unknown reference "#editor": no xml:id "editor" in the authority files' in result.stderr
    cmif = etree.parse(str(edition / "build" / "cmif.xml"))
    assert cmif_problems(cmif) == []
    found = correspondents(cmif)
    assert len(found) == 12
    assert ("lettera004", "Strozzi, Filippo", "Vettori, Lodovico", "1512-04-20") in found
    assert all(sender and addressee and "Unknown" not in sender + addressee and when for _, sender, addressee, when in found)
    # the registers name what the letters name, the works' and the topics' entries resolve
    persons = (edition / "build" / "html" / "persons.html").read_text(encoding="utf-8")
    assert "Gaddi" in persons and "Salviati" in persons


def test_the_bilingual_edition_reads_its_actions_dates_and_bare_ids(tmp_path, cmif_problems):
    edition, result = build("bilingual", tmp_path)
    assert result.exit_code == 0, result.output
    letters, built = letters_on_the_site(edition, "cartas")
    assert len(letters) == 12 and built == letters  # also the two without correspDesc
    # resp="iv001" and ref="iv001" (3 a letter), the dates taken from the source description, the two
    # letters without correspDesc: each a warning the edition may silence ([rules] in teikit.toml)
    assert warnings_by_rule(result) == {"ref-bare": 36, "date-inferred": 12, "corresp-present": 2}
    assert re.search(r"cartas/carta-01\.xml:\d+:\d+: warning: dated 1786-03-02 from its source description",
                     result.stderr)
    cmif = etree.parse(str(edition / "build" / "cmif.xml"))
    assert cmif_problems(cmif) == []
    found = correspondents(cmif)
    assert len(found) == 10  # the two letters without correspDesc are on the site, not in the CMIF
    assert ("carta-01", "Mendoza, Pedro de", "Harlow, Thomas", "1786-03-02") in found
    assert all(sender and addressee and "Unknown" not in sender + addressee and when for _, sender, addressee, when in found)
    assert not cmif.xpath("//t:correspAction[not(@type='sent' or @type='received')]", namespaces=TEI)
    # a letter without correspDesc is still dated by its source description, in the chronology
    chronology = (edition / "build" / "html" / "chronology.html").read_text(encoding="utf-8")
    assert "carta-06.html" in chronology and "1787" in chronology


def test_the_bilingual_edition_silences_what_it_means(tmp_path):
    """The same edition once its editors say what they mean: no line left."""
    edition = tmp_path / "bilingual"
    shutil.copytree(ROOTS / "bilingual", edition)
    toml = edition / "teikit.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[rules]\nref-bare = "off"\ndate-inferred = "off"\n'
                    'corresp-present = "off"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--edition", str(edition), "validate"])
    assert result.exit_code == 0 and result.stderr == "", result.output


def test_the_cmif_check_reads_every_assertion_of_cmif_sch(tmp_path, cmif_problems):
    """The check the editions' CMIF passes can fail: each of cmif.sch's rules, and cmif.rng."""
    edition, result = build("italian", tmp_path)
    cmif = etree.parse(str(edition / "build" / "cmif.xml"))
    first, second = cmif.findall(".//t:correspDesc", TEI)[:2]
    first.remove(first.find("t:correspAction[@type='received']", TEI))
    second.remove(second.find("t:correspAction[@type='sent']", TEI))
    second.set("source", "#nowhere")
    first.find("t:correspAction/t:date", TEI).attrib.clear()
    cmif.find(".//t:sourceDesc/t:bibl", TEI).set("{http://www.w3.org/XML/1998/namespace}id", "b1")
    codes = sorted(re.search(r"\[([EW]\d{4})\]", p).group(1) for p in cmif_problems(cmif) if "cmif.sch" in p)
    assert codes == ["E0001", "E0002", "E0003", "E0004", "W0001"]
    etree.SubElement(first, "{http://www.tei-c.org/ns/1.0}stray")
    assert any(p.startswith("error: cmif.rng:") for p in cmif_problems(cmif))
