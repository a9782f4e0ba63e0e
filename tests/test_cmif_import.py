"""CMIF import: real files of other projects load, odd ones are read with warnings, hostile
or non-CMIF ones are refused with one located line, and the edition's export comes back as
the same letters."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from toolkit import TEI_NS
from toolkit.cli import cli
from toolkit.corpus import load
from toolkit.diagnostics import display_path
from toolkit.edition import Config, Edition
from toolkit.errors import InputError
from toolkit.exchange.cmif import export_cmif
from toolkit.exchange.cmif_import import (
    CSV_COLUMNS, import_cmif, normalise_date, normalise_name, normalise_uri,
)
from toolkit.metadata import letter

REPO = Path(__file__).resolve().parents[1]
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
FILES = REPO / "tests" / "roots" / "cmif" / "files"
SMALL = REPO / "tests" / "roots" / "cmif" / "edition"
HELMHOLTZ = REFERENCE / "cmif-examples" / "correspsearch-storage_helmholtz-thomson.xml"
SANDERS = REFERENCE / "cmif-examples" / "dta_sanders-briefe_cs.xml"


def example(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path.name} is not beside the repository (../shared/reference/cmif-examples/)")
    return path


def rel(path: Path) -> str:
    return display_path(path)  # how diagnostics name a file: relative to the working folder if inside it


def names(parties) -> list[str]:
    return [p.name for p in parties]


# --- real files ------------------------------------------------------------------------------


def test_printed_edition_file_helmholtz_thomson():
    report = import_cmif(example(HELMHOLTZ))
    assert report.total == len(report.letters) == 34
    assert report.title == "H. Helmholtz und W. Thomson : Begegnungen und Briefe von 1855 - 1871"
    assert report.warnings == []
    last = next(l for l in report.letters if l.key == "34")
    assert names(last.senders) == ["William Thomson"]
    assert last.senders[0].ref == "https://d-nb.info/gnd/118777033"
    assert names(last.recipients) == ["Hermann von Helmholz"]
    assert names(last.sender_places) == ["London"]
    assert (last.date.notBefore, last.date.notAfter, last.date.when) == ("1871-10-21", "1871-10-29", "")
    assert report.letters[-1] is last  # the only range sorts by its start, after all of 1871-10-0x


def test_digital_edition_file_dta_sanders():
    report = import_cmif(example(SANDERS))
    assert report.total == len(report.letters) == 184
    one = next(l for l in report.letters if l.url == "http://www.deutschestextarchiv.de/sanders_schliemann_1881")
    assert names(one.senders) == ["Sanders, Daniel"]
    assert names(one.recipients) == ["Schliemann, Heinrich"]
    assert one.recipients[0].ref == "http://d-nb.info/gnd/118608215"
    assert names(one.sender_places) == ["Altstrelitz"]
    assert one.date.when == "1881-06-26"
    assert one.source == "#ea0dd4e9-9a85-41d6-8fd4-a3c276d03ae6"
    # organisations as addressees are read as such
    org = next(l for l in report.letters if l.url.endswith("sanders_reichskanzleramt_1877"))
    assert [(p.name, p.type) for p in org.recipients] == [("Reichskanzleramt", "org")]
    # a trailing blank in correspDesc/@ref is a slip, not part of the URL
    assert all(l.url == l.url.strip() for l in report.letters)
    # "n/a" is not a URI: the name stays, the ref goes, a warning says where
    madel = next(l for l in report.letters if l.url.endswith("sanders_madel_1895"))
    assert [(p.name, p.ref) for p in madel.recipients] == [("Madel, Adele", "")]
    assert any(w.rule == "cmif-ref" and "'n/a'" in w.message for w in report.warnings)


def test_letters_are_listed_chronologically():
    dates = [l.date.sort_key for l in import_cmif(example(SANDERS)).letters]
    assert dates == sorted(dates)


# --- odd files ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def messy():
    return import_cmif(FILES / "messy.xml")


def test_messy_file_reads_every_letter(messy):
    assert messy.total == 5
    assert (messy.title, messy.publisher, messy.url) == ("Messy letters", "A project", "https://messy.example.org/cmif.xml")
    by_key = {l.key: l for l in messy.letters}
    first = by_key["1"]
    assert first.url == "https://messy.example.org/1"
    assert [(p.name, p.ref) for p in first.senders] == [("Müller, Anna", "http://viaf.org/viaf/12345/"), ("Clara Schmidt", "")]
    assert first.date.when == "1899-12-31"
    assert [(p.name, p.ref) for p in first.sender_places] == [("Berlin", "http://www.geonames.org/2950159/")]
    assert [(p.name, p.type) for p in first.recipients] == [("Some Society", "org")]
    assert (by_key["2"].date.notBefore, by_key["2"].date.notAfter) == ("1901", "1902-06")
    assert by_key["3"].date.attributes() == {}
    assert names(by_key["3"].recipients) == ["No Namespace"]
    assert by_key["4"].date.when == "1850"  # a date given as content only
    assert by_key["5"].date.attributes() == {}  # only the received action is dated


def test_messy_file_warnings_are_located(messy):
    path = rel(FILES / "messy.xml")
    assert [w.format() for w in messy.warnings] == [
        f"{path}:29:0: warning: ref='n/a' is not a URI: the name is read without it [cmif-ref]",
        f"{path}:37:0: warning: when='1900-02-30' is not a date (YYYY, YYYY-MM or YYYY-MM-DD) [cmif-date]",
        f'{path}:45:0: warning: correspDesc has no correspAction type="received" [cmif-action]',
    ]


# --- refused files -------------------------------------------------------------------------------

REFUSED = [
    ("not-tei.xml", "2:0: error: root element <TEI> is in no namespace; a TEI document starts with "
                    '<TEI xmlns="http://www.tei-c.org/ns/1.0"> [tei-namespace]'),
    ("no-correspdesc.xml", "2:0: error: not a CMIF file: no correspDesc in teiHeader/profileDesc "
                           "(CMIF lists one correspDesc per letter there) [cmif-no-correspdesc]"),
    ("malformed.xml", "7:21: error: not well-formed XML: Opening and ending tag mismatch: correspAction "
                      "line 6 and correspDesc [xml-wellformed]"),
    ("entities.xml", "3:3: error: entity declarations are refused: teikit never expands or fetches entities "
                     "(remove the DOCTYPE's internal subset and write the characters directly) [xml-entity]"),
]


@pytest.mark.parametrize("name, message", REFUSED)
def test_refused_file_raises_one_located_error(name, message):
    with pytest.raises(InputError) as error:
        import_cmif(FILES / name)
    assert str(error.value) == f"{rel(FILES / name)}:{message}"


@pytest.mark.parametrize("name, message", REFUSED)
def test_cli_refuses_with_one_line_and_exit_1(name, message):
    result = CliRunner().invoke(cli, ["import", "cmif", str(FILES / name)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: {rel(FILES / name)}:{message}\n"


def test_cli_missing_file_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["import", "cmif", str(tmp_path / "nothing.xml")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


# --- round trip ----------------------------------------------------------------------------------


@pytest.mark.parametrize("root", [REPO, SMALL], ids=["edition", "small"])
def test_export_then_import_gives_the_same_letters(root, tmp_path):
    edition = Edition.open(root)
    # Every document, the report and the conversation too (the edition leaves them out of its cmif.xml).
    config = Config(dict(edition.config.values))
    config.cmif = {**edition.config.cmif, "leave_out_kinds": []}
    edition = Edition(edition.root, config)
    path = tmp_path / "cmif.xml"
    path.write_text(export_cmif(edition).text, encoding="utf-8")
    imported: dict[str, list] = {}
    for back in import_cmif(path).letters:
        imported.setdefault(back.key, []).append(back)
    corpus = load(edition)
    letters = [letter(d, corpus.authority) for d in corpus.documents]
    letters = [l for l in letters if l.actions]
    assert len(imported) == len(letters) > 0
    def cmif_name(party):  # "Surname, Forename" where the register marks both (docs/exchange.md)
        entry = corpus.authority.get(party.ref) if party.ref else None
        return entry.sort_name if entry and entry.kind == "person" and entry.surname and entry.forename else party.name

    for original in letters:
        # One CMIF letter per turn of a conversation, in order; one for any other document.
        assert len(imported[original.number]) == len(original.turns)
        for back, actions in zip(imported[original.number], original.turns):
            senders = [cmif_name(p) for a in actions if a.type == "sent" for p in a.parties]
            recipients = [cmif_name(p) for a in actions if a.type == "received" and a.subtype != "cc" for p in a.parties]
            cc = [cmif_name(p) for a in actions if a.type == "received" and a.subtype == "cc" for p in a.parties]
            assert names(back.senders) == senders
            assert [n for n in names(back.recipients) if n != "Unknown"] == recipients + cc
            assert [p.cc for p in back.recipients if p.name != "Unknown"] == [False] * len(recipients) + [True] * len(cc)
            sent_date = next(a.date for a in actions if a.type == "sent")
            assert back.date.attributes() == sent_date.attributes()
            assert back.url == f"{edition.config.base_url}{original.doc_id}.html"


# --- matching against this edition ------------------------------------------------------------


def test_match_keeps_letters_with_known_correspondents(messy):
    report = import_cmif(FILES / "messy.xml", edition=Edition.open(SMALL))
    assert report.total == 5 and report.matched
    assert [(l.key, l.matches) for l in report.letters] == [
        ("1", ["anna (uri)", "clara (name)"]),  # VIAF URI with a trailing slash; a name without @ref
        ("2", ["boris (name)"]),  # blanks inside a name do not count; "Unbekannt" matches nobody
    ]


def test_match_of_the_editions_own_export_keeps_everything(tmp_path):
    edition = Edition.open(REPO)
    path = tmp_path / "cmif.xml"
    path.write_text(export_cmif(edition).text, encoding="utf-8")
    report = import_cmif(path, edition=edition)
    # The eight documents the edition counts as correspondence (not the report 536 nor the conversation 535).
    assert len(report.letters) == report.total == len(edition.document_files()) - 2 == 8
    assert all(m.endswith("(uri)") for l in report.letters for m in l.matches)


def test_match_against_a_foreign_file_finds_nothing():
    report = import_cmif(example(HELMHOLTZ), edition=Edition.open(SMALL))
    assert report.letters == [] and report.total == 34
    assert report.render("text").splitlines()[0].endswith("0 of 34 letters have correspondents in this edition")


@pytest.mark.parametrize("a, b", [
    ("http://d-nb.info/gnd/119242044", "https://d-nb.info/gnd/119242044/"),
    ("http://www.geonames.org/2825922/", "https://sws.geonames.org/2825922"),
    ("http://www.geonames.org/2825922/altstrelitz.html", "https://sws.geonames.org/2825922/"),
    ("https://www.wikidata.org/wiki/Q1394", "http://www.wikidata.org/entity/Q1394"),
])
def test_uri_spellings_of_one_authority_record_agree(a, b):
    assert normalise_uri(a) == normalise_uri(b)


@pytest.mark.parametrize("a, b", [
    ("Müller, Anna", "Anna Muller"),
    ("Kâzım  Karabekir", "kazim karabekir"),
    ("Ter-Gabrielyan, Saak", "Saak Ter Gabrielyan"),
])
def test_name_spellings_agree(a, b):
    assert normalise_name(a) == normalise_name(b)


# --- output shapes ------------------------------------------------------------------------------


def test_cli_text_table(tmp_path):
    result = CliRunner().invoke(cli, ["import", "cmif", str(example(HELMHOLTZ))])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].endswith("“H. Helmholtz und W. Thomson : Begegnungen und Briefe von 1855 - 1871”: 34 letters")
    assert lines[1].split() == ["DATE", "FROM", "PLACE", "TO", "PLACE"]
    assert len(lines) == 2 + 34
    assert lines[2].split("  ")[0] == "1855-07-24"


def test_cli_json_and_csv_agree(tmp_path):
    runner = CliRunner()
    as_json = json.loads(runner.invoke(cli, ["import", "cmif", str(example(SANDERS)), "--format", "json"]).stdout)
    as_csv = list(csv.DictReader(io.StringIO(runner.invoke(cli, ["import", "cmif", str(SANDERS), "--format", "csv"]).stdout)))
    assert as_json["total"] == len(as_json["letters"]) == len(as_csv) == 184
    assert tuple(as_csv[0]) == CSV_COLUMNS
    assert [row["url"] for row in as_csv] == [letter["url"] for letter in as_json["letters"]]
    first = as_json["letters"][0]
    assert set(first) >= {"key", "url", "date", "senders", "recipients", "sender_places", "recipient_places"}
    assert as_csv[0]["senders"] == " | ".join(p["name"] for p in first["senders"])
    assert as_json["warnings"][0]["rule"] == "cmif-ref"


def test_cli_match_with_edition(tmp_path):
    result = CliRunner().invoke(cli, ["--edition", str(SMALL), "import", "cmif", str(FILES / "messy.xml"),
                                      "--match", "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["key"], r["matches"]) for r in rows] == [("1", "anna (uri) | clara (name)"), ("2", "boris (name)")]
    assert len(result.stderr.splitlines()) == 3  # the file's warnings, on stderr


# --- property tests: messy dates and messy files never break the import ----------------------------


@given(st.text(max_size=30))
def test_normalise_date_accepts_only_real_cmif_dates(value):
    result = normalise_date(value)
    if result is not None:
        assert result in value
        assert re.fullmatch(r"[0-9]{4}(-(0[1-9]|1[0-2])(-[0-3][0-9])?)?", result)


@given(st.dates(), st.sampled_from(["", " ", "\n\t"]), st.sampled_from(["", "T10:00:00", "T00:00:00Z"]),
       st.integers(1, 3))
def test_normalise_date_reads_every_real_date(day, blank, time, precision):
    iso = day.isoformat()[: {1: 4, 2: 7, 3: 10}[precision]]
    suffix = time if precision == 3 else ""
    assert normalise_date(f"{blank}{iso}{suffix}{blank}") == iso


XML_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)
DATE_VALUE = st.one_of(XML_TEXT, st.dates().map(lambda d: d.isoformat()), st.just("1900-02-30"))


@st.composite
def cmif_action(draw, kind):
    action = etree.Element(f"{{{TEI_NS}}}correspAction", type=kind)
    for _ in range(draw(st.integers(0, 3))):
        tag = draw(st.sampled_from(["persName", "orgName", "name", "placeName"]))
        party = etree.SubElement(action, f"{{{TEI_NS}}}{tag}")
        party.text = draw(XML_TEXT)
        if draw(st.booleans()):
            party.set("ref", draw(st.one_of(XML_TEXT, st.just("http://viaf.org/viaf/1"))))
    if draw(st.booleans()):
        date = etree.SubElement(action, f"{{{TEI_NS}}}date")
        for attribute in draw(st.sets(st.sampled_from(["when", "notBefore", "notAfter", "from", "to"]))):
            date.set(attribute, draw(DATE_VALUE))
    return action


@st.composite
def cmif_file(draw):
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    profile = etree.SubElement(etree.SubElement(root, f"{{{TEI_NS}}}teiHeader"), f"{{{TEI_NS}}}profileDesc")
    for _ in range(draw(st.integers(1, 4))):
        desc = etree.SubElement(profile, f"{{{TEI_NS}}}correspDesc")
        for kind in draw(st.lists(st.sampled_from(["sent", "received", "other"]), max_size=3)):
            desc.append(draw(cmif_action(kind)))
    return root


@settings(max_examples=60, deadline=None)
@given(cmif_file())
def test_any_well_formed_cmif_file_imports_without_crashing(tmp_path_factory, root):
    path = tmp_path_factory.mktemp("cmif") / "random.xml"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    report = import_cmif(path)
    assert report.total == len(root.findall(f".//{{{TEI_NS}}}correspDesc"))
    for fmt in ("text", "json", "csv"):
        assert report.render(fmt).endswith("\n")
    for imported in report.letters:
        for value in imported.date.attributes().values():
            assert normalise_date(value) == value


FRAGMENTS = st.sampled_from([
    b"<TEI xmlns='http://www.tei-c.org/ns/1.0'>", b"</TEI>", b"<teiHeader>", b"</teiHeader>", b"<profileDesc>",
    b"</profileDesc>", b"<correspDesc>", b"</correspDesc>", b"<correspAction type='sent'>", b"</correspAction>",
    b"<persName ref='x'>A</persName>", b"<date when='1900'/>", b"<!DOCTYPE TEI [<!ENTITY a 'b'>]>", b"&a;",
    b"<?xml version='1.0'?>", b"<", b"&", b"\x00", b"\xff", b"]]>", b"<!-- c -->",
])


@settings(max_examples=100, deadline=None)
@given(st.lists(FRAGMENTS, max_size=12))
def test_arbitrary_bytes_give_a_report_or_one_located_error(tmp_path_factory, fragments):
    path = tmp_path_factory.mktemp("cmif") / "odd.xml"
    path.write_bytes(b"".join(fragments))
    try:
        report = import_cmif(path)
    except InputError as error:
        assert str(error).startswith(f"{display_path(path)}:")
        assert "\n" not in str(error)
    else:
        assert report.total >= 1


def test_match_outside_an_edition_says_so(tmp_path):
    result = CliRunner().invoke(cli, ["--edition", str(tmp_path), "import", "cmif", str(FILES / "messy.xml"), "--match"])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {tmp_path.resolve() / 'tei'}: no tei/ folder here; run teikit in an edition "
                             "folder or pass --edition DIR\n")


def test_piped_text_table_keeps_every_name_whole(tmp_path):
    result = CliRunner().invoke(cli, ["import", "cmif", str(example(SANDERS))])  # CliRunner's stdout is no terminal
    assert "Literaturarchiv-Gesellschaft (Berlin)  Berlin" in result.stdout
    assert "…" not in result.stdout


def test_on_a_terminal_long_cells_are_cut():
    report = import_cmif(example(SANDERS))
    assert "Literaturarchiv-Gesellschaft (Berli…" in report.render("text", cut=True)
    assert "Literaturarchiv-Gesellschaft (Berlin)" in report.render("text")


def test_one_letter_is_one_letter(tmp_path):
    source = (FILES / "messy.xml").read_text(encoding="utf-8")
    close = "</tei:correspDesc>"
    first_end = source.index(close) + len(close)
    one = tmp_path / "one.xml"
    one.write_text(source[:first_end] + source[source.rindex(close) + len(close):], encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", "cmif", str(one)])
    assert result.stdout.splitlines()[0] == f"{one} “Messy letters”: 1 letter"
