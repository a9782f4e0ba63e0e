"""schema/edition.rng is a customisation of TEI P5: only TEI elements and attributes, and every
file it accepts is also accepted by the official tei_all.rng."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from toolkit.validation.rngmodel import SchemaModel

REPO = Path(__file__).resolve().parents[1]
SCHEMA = REPO / "schema" / "edition.rng"
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
ACCEPTED = sorted((REPO / "tei").glob("*.xml")) + sorted((REPO / "tests" / "roots" / "valid" / "tei").glob("*.xml"))
LETTER = REPO / "tests" / "roots" / "valid" / "tei" / "1.xml"
TEI_NS = "http://www.tei-c.org/ns/1.0"


@pytest.fixture(scope="module")
def edition_rng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMA)))


@pytest.fixture(scope="module")
def tei_all_model() -> SchemaModel:
    path = REFERENCE / "tei_all.rng"
    if not path.is_file():
        pytest.skip("tei_all.rng is not beside the repository (../shared/reference/tei_all.rng)")
    return SchemaModel(etree.parse(str(path)).getroot())


def test_every_define_is_documented():
    grammar = etree.parse(str(SCHEMA)).getroot()
    ns = {"rng": "http://relaxng.org/ns/structure/1.0", "a": "http://relaxng.org/ns/compatibility/annotations/1.0"}
    undocumented = grammar.xpath("//rng:define[not(a:documentation)]/@name", namespaces=ns)
    assert undocumented == []
    assert grammar.get("ns") == TEI_NS


@pytest.mark.parametrize("path", ACCEPTED, ids=[f"{p.parent.parent.name}/{p.name}" for p in ACCEPTED])
def test_corpus_is_valid_against_the_edition_schema(edition_rng, path):
    assert edition_rng.validate(etree.parse(str(path))), [e.message for e in edition_rng.error_log]


def test_only_tei_elements_and_their_attributes(tei_all_model):
    edition = SchemaModel(etree.parse(str(SCHEMA)).getroot())
    assert set(edition.elements) <= set(tei_all_model.elements)
    for name in edition.elements:
        extra = set(edition.attributes(name)) - set(tei_all_model.attributes(name))
        assert not extra, f"<{name}> has attributes tei_all does not give it: {sorted(extra)}"


def test_what_the_edition_requires_it_requires_of_tei_too(tei_all_model):
    """Required attributes of TEI (none in practice) are required here as well."""
    edition = SchemaModel(etree.parse(str(SCHEMA)).getroot())
    for name in edition.elements:
        tei_required = {a.name for a in tei_all_model.attributes(name).values() if a.required}
        ours = {a.name for a in edition.attributes(name).values() if a.required}
        assert tei_required <= ours, name


# Each inline element the edition allows, in each kind of container the edition has.
INLINE = ['<persName ref="#writer">A</persName>', '<placeName ref="#tiflis">T</placeName>',
          '<orgName ref="#editors">E</orgName>', '<date when="1920-09-01">1 Sept.</date>',
          '<title level="m">T</title>', '<hi rend="bold">h</hi>', "<q>q</q>", '<foreign xml:lang="ru">f</foreign>',
          "<ident>i</ident>", "<gi>p</gi>", "<att>when</att>", "<choice><sic>a</sic><corr>b</corr></choice>",
          '<supplied resp="#compiler">s</supplied>', '<gap reason="omitted"/>', '<note type="editorial">n</note>',
          "<lb/>"]
CONTAINERS = {
    "p": "//tei:body/tei:p",
    "head": "//tei:body/tei:head",
    "persName": "//tei:body/tei:p/tei:placeName",
    "date": "//tei:opener//tei:date",
    "bibl": "//tei:listBibl/tei:bibl",
    "salute": "//tei:opener/tei:salute",
    "signed": "//tei:closer/tei:signed",
    "title": "//tei:titleStmt/tei:title[@type='main']",
}


# What the edition refuses on purpose, because tei_all refuses it too.
REFUSED = {("bibl", "gi"), ("bibl", "att")}


def variants():
    for container, xpath in CONTAINERS.items():
        for snippet in INLINE:
            element = snippet[1:].split()[0].split(">")[0].rstrip("/")
            yield pytest.param(container, xpath, snippet, id=f"{container}+{element}")


@pytest.mark.slow
@pytest.mark.parametrize("container, xpath, snippet", list(variants()))
def test_inline_content_accepted_here_is_valid_tei(edition_rng, tei_all_rng, container, xpath, snippet):
    tree = etree.parse(str(LETTER))
    target = tree.xpath(xpath, namespaces={"tei": TEI_NS})[0]
    added = etree.fromstring(f'<x xmlns="{TEI_NS}">{snippet}</x>')[0]
    target.append(added)
    if (container, etree.QName(added).localname) in REFUSED:
        assert not edition_rng.validate(tree)
    else:
        assert edition_rng.validate(tree), [e.message for e in edition_rng.error_log]
    if edition_rng.validate(tree):
        assert tei_all_rng.validate(tree), [e.message for e in tei_all_rng.error_log]
