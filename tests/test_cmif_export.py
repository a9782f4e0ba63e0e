"""CMIF export: valid against the official CMIF schema, passes the CMIF 1.1 Schematron rules,
maps the edition as docs/exchange.md says, and is reproducible."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from lxml import etree

from toolkit import NSMAP, TEI_NS, XML_NS
from toolkit.cli import cli
from toolkit.corpus import load
from toolkit.diagnostics import display_path
from toolkit.edition import Config, Edition
from toolkit.errors import ConfigError
from toolkit.exchange.cmif import bibl_id, export_cmif, is_placeholder_address
from toolkit.metadata import chronological, letter

REPO = Path(__file__).resolve().parents[1]
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
SMALL = REPO / "tests" / "roots" / "cmif" / "edition"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
XML_ID = f"{{{XML_NS}}}id"


def reference_schema(name: str) -> etree.RelaxNG:
    path = REFERENCE / name
    if not path.is_file():
        pytest.skip(f"{name} is not beside the repository (../shared/reference/{name})")
    return etree.RelaxNG(etree.parse(str(path)))


@pytest.fixture(scope="module")
def cmif_rng() -> etree.RelaxNG:
    return reference_schema("cmif.rng")


@pytest.fixture(scope="module")
def edition() -> Edition:
    return Edition.open(REPO)


@pytest.fixture(scope="module")
def exported(edition):
    return export_cmif(edition)


@pytest.fixture(scope="module")
def tree(exported) -> etree._Element:
    return etree.fromstring(exported.text.encode("utf-8"))


@pytest.fixture(scope="module")
def everything(edition) -> etree._Element:
    """The edition's export with no kind of document left out: the report and the conversation too."""
    config = Config(dict(edition.config.values))
    config.cmif = {**edition.config.cmif, "leave_out_kinds": []}
    whole = Edition(edition.root, config)
    return etree.fromstring(export_cmif(whole).text.encode("utf-8"))


@pytest.fixture(scope="module")
def small() -> Edition:
    return Edition.open(SMALL)


@pytest.fixture(scope="module")
def small_tree(small) -> etree._Element:
    return etree.fromstring(export_cmif(small).text.encode("utf-8"))


@pytest.fixture
def small_copy(tmp_path) -> Path:
    target = tmp_path / "edition"
    shutil.copytree(SMALL, target)
    return target


def xp(element, path):
    return element.xpath(path, namespaces=NSMAP)


# --- the CMIF 1.1 Schematron rules (cmif.sch needs XSLT 2, so they are restated here) ------


def schematron_problems(root: etree._Element) -> list[str]:
    """The asserts of cmif.sch, rule by rule, as [code] messages."""
    problems = []
    bibl_ids = set(xp(root, "//tei:bibl/@xml:id"))
    for bibl in xp(root, "//tei:bibl"):
        if not UUID.search(bibl.get(XML_ID, "")):
            problems.append(f"[W0001] bibl/@xml:id {bibl.get(XML_ID)!r} is not a UUID")
    for desc in xp(root, "//tei:correspDesc"):
        if not xp(desc, "tei:correspAction[@type='sent']"):
            problems.append(f"[E0001] line {desc.sourceline}: no sent correspAction")
        if not xp(desc, "tei:correspAction[@type='received']"):
            problems.append(f"[E0002] line {desc.sourceline}: no received correspAction")
        source = desc.get("source")
        if source is not None and source.partition("#")[2] not in bibl_ids:
            problems.append(f"[E0003] line {desc.sourceline}: source {source!r} names no bibl/@xml:id")
    for date in xp(root, "//tei:date"):
        if not any(date.get(a) for a in ("when", "from", "to", "notBefore", "notAfter")):
            problems.append(f"[E0004] line {date.sourceline}: date without a dating attribute")
    return problems


def test_schematron_restatement_catches_each_rule(small_tree):
    broken = etree.fromstring(etree.tostring(small_tree))
    first, second = xp(broken, "//tei:correspDesc")
    first.remove(xp(first, "tei:correspAction[@type='received']")[0])
    second.remove(xp(second, "tei:correspAction[@type='sent']")[0])
    second.set("source", "#nowhere")
    etree.SubElement(xp(first, "tei:correspAction")[0], f"{{{TEI_NS}}}date")
    xp(broken, "//tei:bibl")[0].set(XML_ID, "b1")
    first.set("source", "#b1")
    codes = [p.split("]")[0] + "]" for p in schematron_problems(broken)]
    assert sorted(codes) == ["[E0001]", "[E0002]", "[E0003]", "[E0004]", "[W0001]"]


# --- validity ----------------------------------------------------------------------------


def test_edition_export_is_valid_cmif_1_1(exported, cmif_rng):
    document = etree.fromstring(exported.text.encode("utf-8"))
    assert cmif_rng.validate(document), cmif_rng.error_log


def test_edition_export_is_valid_cmif_1_0_too(tree):
    schema = reference_schema("cmif-v1.0.0.rng")
    assert schema.validate(tree), schema.error_log


def test_edition_export_passes_cmif_schematron(tree):
    assert schematron_problems(tree) == []


def test_small_export_is_valid_and_passes_schematron(small_tree, cmif_rng):
    assert cmif_rng.validate(small_tree), cmif_rng.error_log
    assert schematron_problems(small_tree) == []


# --- the header ----------------------------------------------------------------------------


def test_header_follows_cmif_conventions(small_tree):
    base = "https://letters.example.org/ed/"
    assert xp(small_tree, "string(//tei:titleStmt/tei:title)") == "Test Letters"
    assert xp(small_tree, "//tei:titleStmt/tei:editor/text()") == ["Ada Editor"]
    assert xp(small_tree, "string(//tei:editor/tei:email)") == "ada@example.org"
    assert xp(small_tree, "string(//tei:publisher/tei:ref)") == "Test Publisher"
    assert xp(small_tree, "string(//tei:publicationStmt/tei:idno[@type='url'])") == base + "cmif.xml"
    assert xp(small_tree, "string(//tei:publicationStmt/tei:date/@when)") == "2024-05-06T07:08:09Z"
    assert xp(small_tree, "string(//tei:licence/@target)") == "https://creativecommons.org/licenses/by/4.0/"
    bibl = xp(small_tree, "//tei:sourceDesc/tei:bibl")[0]
    assert bibl.get("type") == "online"
    assert xp(bibl, "string(tei:ref/@target)") == base


def test_editor_has_no_email_when_none_is_configured(edition, tree):
    assert edition.config.cmif.get("email") is None
    assert xp(tree, "//tei:editor/tei:email") == []
    assert xp(tree, "//tei:titleStmt/tei:editor/text()") == edition.config.editors


def test_bibl_id_is_a_uuid_of_the_file_url_starting_with_a_letter(small, small_tree):
    value = xp(small_tree, "string(//tei:bibl/@xml:id)")
    assert value == bibl_id(small) and value[0].isalpha() and UUID.fullmatch(value)
    assert {d.get("source") for d in xp(small_tree, "//tei:correspDesc")} == {f"#{value}"}


def test_bibl_id_gets_a_letter_prefix_when_the_uuid_starts_with_a_digit(small):
    ids = []
    for n in range(40):
        small_variant = Edition(small.root, small.config.__class__(base_url=f"https://e{n}.example.org/"))
        ids.append(bibl_id(small_variant))
    assert len(set(ids)) == 40
    prefixed = [i for i in ids if i.startswith("cmif-")]
    assert prefixed, "no base URL in the sample gave a UUID starting with a digit"
    assert all(UUID.fullmatch(i.removeprefix("cmif-")) and i[5].isdigit() for i in prefixed)
    assert all(UUID.fullmatch(i) for i in ids if not i.startswith("cmif-"))


# --- the letters ----------------------------------------------------------------------------


def test_one_correspdesc_per_edition_document_in_chronological_order(edition, tree, everything):
    corpus = load(edition)
    letters = chronological([letter(d, corpus.authority) for d in corpus.documents])
    for root, kept in ((everything, letters), (tree, [l for l in letters if l.kind not in ("report", "conversation-record")])):
        descs = xp(root, "//tei:profileDesc/tei:correspDesc")
        # One per letter; a recorded conversation (535) gives one per turn.
        assert [d.get("key") for d in descs] == [l.number for l in kept for _ in l.turns]
        assert [d.get("ref") for d in descs] == [f"{edition.config.base_url}{l.doc_id}.html" for l in kept for _ in l.turns]
    assert len(xp(everything, "//tei:correspDesc")) == len(edition.document_files()) + 1


def test_what_the_edition_does_not_count_as_correspondence_stays_out(edition, tree):
    """edition.xml says which documents are correspondence; teikit.toml leaves the others out of cmif.xml."""
    assert edition.config.cmif["leave_out_kinds"] == ["report", "conversation-record"]
    assert sorted({d.get("key") for d in xp(tree, "//tei:correspDesc")}) == ["533", "534", "537", "538", "539", "540", "541", "542"]
    statement = " ".join(etree.parse(str(edition.tei_dir / "edition.xml")).xpath(
        "string(//tei:editorialDecl/tei:p[starts-with(normalize-space(), 'Correspondence and the CMIF export')])",
        namespaces=NSMAP).split())
    assert "Two documents are not: the report (doc. 536)" in statement and "the record of a conversation (doc. 535)" in statement
    assert "leave_out_kinds" in statement


def test_leave_out_kinds_must_be_a_list_of_kinds(small_copy):
    toml = small_copy / "teikit.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'leave_out_kinds = "report"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        Edition.open(small_copy)
    assert str(error.value).endswith('teikit.toml:12:1: error: [cmif] leave_out_kinds = "report" is not allowed: '
                                     'it takes a list of texts in quotes, e.g. ["report"] [config-value]')


def test_the_source_cites_the_printed_collection(tree, small_tree):
    """The CMIF metadata are the compiler's datings: the file names the collection they come from."""
    assert " ".join(xp(tree, "string(//tei:sourceDesc/tei:bibl)").split()) == (
        "Karabakh, Zangezur and Nakhichevan, August–October 1920: Ten Documents. Digital edition, "
        "https://example.org/teikit/. Based on: Yuri Barsegov (compiler), Nagorno-Karabakh in International Law "
        "and Global Politics, documents 533–542.")
    assert "Based on" not in xp(small_tree, "string(//tei:sourceDesc/tei:bibl)")  # it has no edition.xml


PM20_GND = {"chicherin": "http://d-nb.info/gnd/118666185", "ordzhonikidze": "http://d-nb.info/gnd/118736531",
            "kirov": "http://d-nb.info/gnd/119257343"}


def test_the_correspondents_carry_the_gnd_identifiers_read_in_pm20(tree, edition):
    """Chicherin, Ordzhonikidze and Kirov are linked by the GND numbers of the ZBW's Press Archives
    wherever they write or receive, as the authority reference records them."""
    reference = REFERENCE / "authority" / "identifiers.json"
    if not reference.is_file():
        pytest.skip("the authority reference is not beside the repository (../shared/reference/authority/identifiers.json)")
    import json
    recorded = {r["entity"].split()[0]: r["uri"] for r in json.loads(reference.read_text(encoding="utf-8"))
                if "/gnd/" in r["uri"]}
    assert {k: recorded[k] for k in PM20_GND} == PM20_GND
    for entry_id, uri in PM20_GND.items():
        refs = xp(tree, f"//tei:correspAction/tei:persName[@ref='{uri}']")
        assert refs, f"{entry_id}: {uri} is not in the CMIF file"
    # every action naming one of them carries the identifier, never the local page
    assert not xp(tree, "//tei:persName[contains(@ref, 'persons/chicherin.html') or contains(@ref, 'persons/kirov.html')"
                        " or contains(@ref, 'persons/ordzhonikidze.html')]")


def test_the_conversation_is_two_letters_and_nobody_writes_to_himself(everything):
    tree = everything
    turns = xp(tree, "//tei:correspDesc[@key='535']")
    names = [(xp(d, "string(tei:correspAction[@type='sent']/tei:persName)"),
              xp(d, "string(tei:correspAction[@type='received']/tei:persName)")) for d in turns]
    # CMIF's form of a name, surname first, where the register marks surname and forename
    assert names == [("Narimanov, Nariman", "Ordzhonikidze, Grigory"), ("Ordzhonikidze, Grigory", "Narimanov, Nariman")]
    for desc in xp(tree, "//tei:correspDesc"):
        sent = set(xp(desc, "tei:correspAction[@type='sent']/*/@ref"))
        assert not sent & set(xp(desc, "tei:correspAction[@type='received']/*/@ref"))


def test_only_sent_and_received_actions_with_names_places_dates(tree):
    assert set(xp(tree, "//tei:correspAction/@type")) == {"sent", "received"}
    children = {etree.QName(c).localname for c in xp(tree, "//tei:correspAction/*")}
    assert children <= {"persName", "orgName", "placeName", "date"}
    for date in xp(tree, "//tei:correspAction/tei:date"):
        for value in date.attrib.values():
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value)


def test_refs_are_authority_uris_or_the_editions_own_pages(edition, tree):
    """Never an invented authority ID: a @ref is an identifier of the entry or its register page."""
    authority = load(edition, paths=[]).authority
    base = edition.config.base_url
    for element in xp(tree, "//tei:correspAction/*[@ref]"):
        ref = element.get("ref")
        if ref.startswith(base):
            folder, _, page = ref[len(base):].partition("/")
            entry = authority.get(unquote(page.removesuffix(".html")))
            assert entry is not None and folder == {"person": "persons", "org": "orgs", "place": "places"}[entry.kind]
            assert not any(entry.uri(s) for s in ("viaf", "gnd", "wikidata", "geonames")), ref
        else:
            assert any(ref in {e.uri(s) for s in e.identifiers} for e in authority.entries.values()), ref


def test_authority_uri_preference_and_local_fallback(small_tree):
    base = "https://letters.example.org/ed/"
    sent = xp(small_tree, "//tei:correspDesc[@key='1']/tei:correspAction[@type='sent']")[0]
    assert xp(sent, "string(tei:persName/@ref)") == "http://viaf.org/viaf/12345"  # VIAF before Wikidata
    assert xp(sent, "string(tei:placeName/@ref)") == "https://sws.geonames.org/2950159"  # GeoNames first
    received = xp(small_tree, "//tei:correspDesc[@key='1']/tei:correspAction[@type='received']")
    # Boris has only a Wikipedia article: that is no authority file, so his index entry is used.
    assert xp(received[0], "string(tei:persName/@ref)") == base + "persons/boris.html"
    assert xp(received[0], "string(tei:placeName/@ref)") == "http://www.wikidata.org/entity/Q994"
    assert received[1].get("subtype") == "cc"
    assert xp(received[1], "string(tei:orgName/@ref)") == base + "orgs/council.html"


def test_names_are_the_normalised_authority_names(small_tree):
    assert xp(small_tree, "//tei:correspDesc[@key='1']//tei:persName/text()") == ["Anna Müller", "Boris Ivanov"]


def test_copy_recipients_are_received_actions(edition, tree):
    desc = xp(tree, "//tei:correspDesc[@key='533']")[0]
    source = etree.parse(str(edition.tei_dir / "533.xml"))
    cc = xp(source, "//tei:correspAction[@subtype='cc']")
    assert len(xp(desc, "tei:correspAction[@type='received'][@subtype='cc']")) == len(cc) > 0


def test_a_body_as_addressee_is_an_orgname(tree):
    received = xp(tree, "//tei:correspDesc[@key='534']/tei:correspAction[@type='received']")[0]
    assert [etree.QName(c).localname for c in received] == ["orgName"]


def test_an_unnamed_addressee_is_unknown_as_cmif_asks(everything, small_tree):
    for root, key in ((everything, "536"), (small_tree, "2")):
        received = xp(root, f"//tei:correspDesc[@key='{key}']/tei:correspAction[@type='received']")[0]
        assert [(etree.QName(c).localname, c.text, c.get("ref")) for c in received] == [("persName", "Unknown", None)]


def test_date_ranges_keep_their_attributes(small_tree, everything):
    date = xp(small_tree, "//tei:correspDesc[@key='2']//tei:date")[0]
    assert dict(date.attrib) == {"notBefore": "1900-01-01", "notAfter": "1900-02-28"}
    assert dict(xp(everything, "//tei:correspDesc[@key='535']//tei:date")[0].attrib) == {"notAfter": "1920-09-01"}


def test_the_whole_edition_is_valid_cmif_too(everything, cmif_rng):
    assert cmif_rng.validate(everything), cmif_rng.error_log
    assert schematron_problems(everything) == []


PLACEHOLDER_WARNING = (
    "{}:7:0: warning: base_url 'https://letters.example.org/ed/' is a placeholder: every letter, person and "
    "place URI of this CMIF file points to it; do not submit the file to correspSearch until base_url in "
    "teikit.toml is the edition's public address [placeholder-base-url]")


@pytest.mark.parametrize("url, placeholder", [
    ("https://example.org/teikit/", True), ("https://letters.example.org/ed/", True), ("http://EXAMPLE.COM", True),
    ("https://example.net:8080/x/", True), ("http://localhost:8000/", True), ("http://127.0.0.1/", True),
    ("https://edition.test/", True), ("https://a.invalid/", True), ("https://my.example/", True),
    ("https://correspsearch.net/", False), ("https://example.organisation.de/", False),
    ("https://notexample.org/", False), ("", False),
])
def test_placeholder_addresses_are_recognised(url, placeholder):
    assert is_placeholder_address(url) is placeholder


def test_a_real_address_gives_no_placeholder_warning(small_copy):
    toml = small_copy / "teikit.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("https://letters.example.org/ed/", "https://letters.uni-musterstadt.de/ed/"),
                    encoding="utf-8")
    assert "placeholder-base-url" not in {w.rule for w in export_cmif(Edition.open(small_copy)).warnings}


def test_the_shipped_placeholder_address_is_warned_about_loudly():
    warnings = [w for w in export_cmif(Edition.open(REPO)).warnings if w.rule == "placeholder-base-url"]
    assert len(warnings) == 1 and warnings[0].severity == "warning" and warnings[0].line == 8
    assert "do not submit the file to correspSearch" in warnings[0].message


def test_a_document_without_correspdesc_is_left_out_with_a_warning(small, small_tree):
    assert [d.get("key") for d in xp(small_tree, "//tei:correspDesc")] == ["2", "1"]
    assert [w.format() for w in export_cmif(small).warnings] == [
        f"{display_path(SMALL / 'tei' / '3.xml')}:2:0: warning: document 3 has no correspDesc in its "
        "teiHeader: left out of the CMIF export [cmif-no-correspdesc]",
        PLACEHOLDER_WARNING.format(display_path(SMALL / "teikit.toml")),
    ]


def test_unknown_reference_is_exported_without_ref_and_warned(small_copy):
    path = small_copy / "tei" / "1.xml"
    path.write_text(path.read_text(encoding="utf-8").replace('ref="#boris"', 'ref="#nobody"'), encoding="utf-8")
    result = export_cmif(Edition.open(small_copy))
    tree = etree.fromstring(result.text.encode("utf-8"))
    assert xp(tree, "//tei:correspDesc[@key='1']/tei:correspAction[@type='received'][1]/tei:persName/@ref") == []
    assert [(w.rule, w.line, w.message) for w in result.warnings if w.rule == "cmif-unknown-ref"] == [
        ("cmif-unknown-ref", 16, "#nobody is not in the authority files: exported without @ref")]


def test_a_licence_correspsearch_does_not_accept_is_warned(small_copy):
    toml = small_copy / "teikit.toml"
    toml.write_text(toml.read_text().replace("licenses/by/4.0/", "licenses/by-nc/4.0/"))
    messages = [w.message for w in export_cmif(Edition.open(small_copy)).warnings if w.rule == "cmif-licence"]
    assert messages == ["licence https://creativecommons.org/licenses/by-nc/4.0/ is neither CC BY 4.0 nor CC0; "
                        "correspSearch accepts only those two"]


# --- reproducibility -------------------------------------------------------------------------


def test_export_is_byte_identical_across_runs(edition, exported):
    assert export_cmif(edition).text == exported.text


def test_timestamp_source_date_epoch_wins(small, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    tree = etree.fromstring(export_cmif(small).text.encode("utf-8"))
    assert xp(tree, "string(//tei:publicationStmt/tei:date/@when)") == "1970-01-02T00:00:00Z"


def test_timestamp_falls_back_to_newest_input(small_copy, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    toml = small_copy / "teikit.toml"
    toml.write_text(re.sub(r'date = ".*"\n', "", toml.read_text()))
    for path in [toml, *small_copy.joinpath("tei").iterdir()]:
        os.utime(path, (1_000_000_000, 1_000_000_000))
    os.utime(small_copy / "tei" / "places.xml", (1_500_000_000, 1_500_000_000))
    tree = etree.fromstring(export_cmif(Edition.open(small_copy)).text.encode("utf-8"))
    assert xp(tree, "string(//tei:publicationStmt/tei:date/@when)") == "2017-07-14T02:40:00Z"


@pytest.mark.parametrize("value, message", [
    ("86400x", "SOURCE_DATE_EPOCH='86400x' is not a number of seconds since 1970"),
])
def test_bad_source_date_epoch_is_a_config_error(small, monkeypatch, value, message):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(ConfigError) as error:
        export_cmif(small)
    assert str(error.value) == message


def test_configured_date_alone_becomes_midnight_and_bad_dates_are_refused(small_copy, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    toml = small_copy / "teikit.toml"
    toml.write_text(toml.read_text().replace("2024-05-06T07:08:09Z", "2024-05-06"))
    tree = etree.fromstring(export_cmif(Edition.open(small_copy)).text.encode("utf-8"))
    assert xp(tree, "string(//tei:publicationStmt/tei:date/@when)") == "2024-05-06T00:00:00Z"
    toml.write_text(toml.read_text().replace('"2024-05-06"', '"6 May 2024"'))
    with pytest.raises(ConfigError) as error:
        export_cmif(Edition.open(small_copy))
    assert str(error.value).endswith(
        'teikit.toml:11:1: error: [cmif] date = "6 May 2024" is not allowed: it takes a date in quotes, '
        'e.g. "2026-11-24" or "2026-11-24T12:00:00Z" [config-value]')


# --- the command line --------------------------------------------------------------------------


def test_cli_writes_the_export_to_a_file(tmp_path, small):
    out = tmp_path / "out" / "cmif.xml"
    result = CliRunner().invoke(cli, ["--edition", str(SMALL), "export", "cmif", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == export_cmif(small).text
    assert result.stdout == ""
    assert "document 3 has no correspDesc" in result.stderr


def test_cli_prints_to_stdout(small):
    result = CliRunner().invoke(cli, ["--edition", str(SMALL), "export", "cmif"])
    assert result.exit_code == 0
    assert result.stdout == export_cmif(small).text
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">')


def test_cli_refuses_to_write_when_a_document_cannot_be_read(small_copy, tmp_path, monkeypatch):
    (small_copy / "tei" / "4.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<teiHeader>\n</TEI>\n")
    out = tmp_path / "cmif.xml"
    monkeypatch.chdir(small_copy)
    result = CliRunner().invoke(cli, ["export", "cmif", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "tei/3.xml:2:0: warning: document 3 has no correspDesc in its teiHeader: left out of the CMIF export "
        "[cmif-no-correspdesc]",
        "tei/4.xml:3:7: error: not well-formed XML: Opening and ending tag mismatch: teiHeader line 2 and TEI "
        "[xml-wellformed]",
        PLACEHOLDER_WARNING.format("teikit.toml"),
        "Error: CMIF not written: fix the files above (documents that cannot be read would be missing)",
    ]
    assert not out.exists()


def test_actions_and_dates_cmif_cannot_express_are_left_out_with_warnings(small_copy, cmif_rng):
    path = small_copy / "tei" / "1.xml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('type="received" subtype="cc"', 'type="copiedTo"').replace('when="1900-03-02"/>', 'when="1900-03-02T10:00:00"/>')
    path.write_text(text, encoding="utf-8")
    result = export_cmif(Edition.open(small_copy))
    tree = etree.fromstring(result.text.encode("utf-8"))
    desc = xp(tree, "//tei:correspDesc[@key='1']")[0]
    assert [a.get("type") for a in xp(desc, "tei:correspAction")] == ["sent", "received"]
    assert xp(desc, ".//tei:date") == []
    assert cmif_rng.validate(tree), cmif_rng.error_log
    assert [(w.rule, w.line, w.message) for w in result.warnings if w.file.endswith("1.xml")] == [
        ("cmif-action", 14, 'correspAction type="copiedTo" has no CMIF equivalent: left out (map it to sent or '
         'received with [correspondence] actions = { copiedTo = "received" } in teikit.toml)'),
        ("cmif-date", 14, "date when='1900-03-02T10:00:00' is not YYYY, YYYY-MM or YYYY-MM-DD: left out"),
    ]
