"""The rules that keep the correspondence metadata to what the sources say (schema/README.md):
corresp-present, corresp-not-self, corresp-place-grounded, placeholder-address. Each is shown
failing, with its exact message and place, and passing, on a copy of tests/roots/valid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.edition import Edition
from toolkit.validate import validate

VALID = Path(__file__).resolve().parent / "roots" / "valid"

SENT = '''        <correspAction type="sent">
          <persName ref="#writer">Anna Writer</persName>
          <placeName ref="#tiflis">Tiflis</placeName>
          <date when="1920-09-04"/>
        </correspAction>'''
RECEIVED = '''        <correspAction type="received">
          <persName ref="#reader">Boris Reader</persName>
        </correspAction>'''


def check(tmp_path, monkeypatch, old: str, new: str, name: str = "1.xml") -> list[str]:
    """Validate tests/roots/valid with `old` replaced by `new` in one file; the diagnostics as lines."""
    edition = tmp_path / "valid"
    shutil.copytree(VALID, edition)
    path = edition / "tei" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    monkeypatch.chdir(edition)
    return [d.format() for d in validate(Edition.open(".")).diagnostics]


# --- corresp-present ---------------------------------------------------------------------------

def test_a_document_without_correspdesc_is_a_warning_by_default(tmp_path, monkeypatch):
    """Built, and left out of the CMIF (teikit's own edition sets [rules] corresp-present = "error")."""
    found = check(tmp_path, monkeypatch, f"      <correspDesc>\n{SENT}\n{RECEIVED}\n      </correspDesc>\n", "")
    assert found == [
        "tei/1.xml:3:3: warning: document has no correspDesc: add profileDesc/correspDesc saying who sent it to "
        'whom and when (correspAction type="sent" and type="received"); without it the CMIF export leaves the '
        "document out [corresp-present]",
        'tei/1.xml:34:64: warning: dated 1920-09-04 from its dateline, as correspDesc dates no sending: teikit '
        'uses that date, recorded as taken from the dateline; put it in correspAction type="sent" to state it '
        "[date-inferred]"]


def test_support_files_and_files_outside_an_edition_need_no_correspdesc(tmp_path, monkeypatch):
    assert check(tmp_path, monkeypatch, "</TEI>", "</TEI>", "edition.xml") == []  # edition.xml has none
    loose = tmp_path / "loose"
    loose.mkdir()
    text = (VALID / "tei" / "2.xml").read_text(encoding="utf-8")
    start, end = text.index("      <correspDesc>"), text.index("</correspDesc>") + len("</correspDesc>")
    (loose / "2.xml").write_text(text[:start] + text[end:], encoding="utf-8")
    monkeypatch.chdir(loose)
    assert "corresp-present" not in {d.rule for d in validate(Edition.open("."), [Path("2.xml")]).diagnostics}


# --- corresp-not-self -------------------------------------------------------------------------

def test_a_sender_who_is_also_the_addressee_is_an_error(tmp_path, monkeypatch):
    found = check(tmp_path, monkeypatch, RECEIVED, RECEIVED.replace('<persName ref="#reader">Boris Reader</persName>',
                  '<persName ref="#reader">Boris Reader</persName>\n          <persName ref="#writer">Anna Writer</persName>'))
    assert found == [
        'tei/1.xml:25:7: error: #writer is both sender and addressee of one correspDesc: record a conversation '
        'as one correspDesc per turn, the speaker in type="sent", the one spoken to in type="received" '
        "[corresp-not-self]"]


def test_a_conversation_in_turns_is_valid(tmp_path, monkeypatch):
    turns = (f"      <correspDesc n=\"1\">\n{SENT}\n{RECEIVED}\n      </correspDesc>\n"
             '      <correspDesc n="2">\n        <correspAction type="sent">\n'
             '          <persName ref="#reader">Boris Reader</persName>\n          <date when="1920-09-04"/>\n'
             '        </correspAction>\n        <correspAction type="received">\n'
             '          <persName ref="#writer">Anna Writer</persName>\n        </correspAction>\n      </correspDesc>\n')
    assert check(tmp_path, monkeypatch, f"      <correspDesc>\n{SENT}\n{RECEIVED}\n      </correspDesc>\n", turns) == []


# --- corresp-place-grounded -------------------------------------------------------------------

RECEIVED_IN_YEREVAN = RECEIVED.replace("</persName>", '</persName>\n          <placeName ref="#yerevan"{}>Yerevan</placeName>{}')


def test_a_place_of_receipt_the_source_does_not_state_is_an_error(tmp_path, monkeypatch):
    found = check(tmp_path, monkeypatch, RECEIVED, RECEIVED_IN_YEREVAN.format("", ""))
    assert found == [
        'tei/1.xml:33:11: error: placeName "Yerevan" in correspAction type="received" is not stated by the source '
        "(only a dateline states a place, of sending) and not marked as inferred: leave it out, or add @cert or "
        "@evidence and a note giving the grounds [corresp-place-grounded]"]


def test_a_place_of_sending_that_is_not_in_the_dateline_is_an_error(tmp_path, monkeypatch):
    found = check(tmp_path, monkeypatch, '<placeName ref="#tiflis">Tiflis</placeName>\n          <date',
                  '<placeName ref="#yerevan">Yerevan</placeName>\n          <date')
    assert [line.split(": error: ")[1] for line in found] == [
        'placeName "Yerevan" in correspAction type="sent" is not stated by the source (only a dateline states a '
        "place, of sending) and not marked as inferred: leave it out, or add @cert or @evidence and a note giving "
        "the grounds [corresp-place-grounded]"]


def test_an_inferred_place_needs_a_note_with_its_grounds(tmp_path, monkeypatch):
    found = check(tmp_path, monkeypatch, RECEIVED, RECEIVED_IN_YEREVAN.format(' cert="medium"', ""))
    assert [line.split(": error: ")[1] for line in found] == [
        'placeName "Yerevan" is marked as inferred but no note says on what grounds: add a note to the '
        "correspAction [corresp-place-grounded]"]


@pytest.mark.parametrize("marks", [' cert="medium"', ' evidence="internal"'])
def test_an_inferred_place_with_its_grounds_is_valid(tmp_path, monkeypatch, marks):
    note = "\n          <note>The letter asks him to reply from Yerevan.</note>"
    assert check(tmp_path, monkeypatch, RECEIVED, RECEIVED_IN_YEREVAN.format(marks, note)) == []


def test_a_place_of_sending_from_the_dateline_is_valid(tmp_path, monkeypatch):
    assert check(tmp_path, monkeypatch, "</TEI>", "</TEI>") == []  # 1.xml: Tiflis, as its dateline says


# --- placeholder-address ----------------------------------------------------------------------

@pytest.mark.parametrize("url", ["https://example.org/teikit/", "http://letters.EXAMPLE.com:8080/", "http://localhost/ed/"])
def test_a_placeholder_address_in_a_header_is_an_error(tmp_path, monkeypatch, url):
    found = check(tmp_path, monkeypatch, '<idno type="document-number">1</idno>',
                  f'<idno type="document-number">1</idno>\n        <idno type="url">{url}</idno>')
    host = url.split("//")[1].split("/")[0].split(":")[0].lower()
    assert found == [
        f'tei/1.xml:13:9: error: "{url}" is a placeholder address ({host}): give the edition\'s real address, '
        "or leave it out and say that the edition has none yet [placeholder-address]"]


def test_a_real_address_is_valid(tmp_path, monkeypatch):
    assert check(tmp_path, monkeypatch, '<idno type="document-number">1</idno>',
                 '<idno type="document-number">1</idno>\n        <idno type="url">https://letters.uni-musterstadt.de/1</idno>') == []


# --- corresp-dating-resp ----------------------------------------------------------------------

COMPILERS_DATELINE = ('<dateline><placeName ref="#tiflis">', '<dateline resp="#compiler"><placeName ref="#tiflis">')


def test_a_date_and_place_from_an_attributed_date_line_need_its_resp(tmp_path, monkeypatch):
    """The date line is the compiler's: the metadata taken from it must say so too."""
    found = check(tmp_path, monkeypatch, *COMPILERS_DATELINE)
    assert found == [
        'tei/1.xml:28:11: error: placeName "Tiflis" repeats the date line, which is attributed to #compiler: add '
        'resp="#compiler" so that the metadata say whose it is [corresp-dating-resp]',
        "tei/1.xml:29:11: error: the date of this correspAction repeats the date line, which is attributed to "
        '#compiler: add resp="#compiler" so that the metadata say whose dating it is [corresp-dating-resp]']


SENT_FROM_TIFLIS = '<placeName ref="#tiflis">Tiflis</placeName>\n          <date when="1920-09-04"/>'


def validate_with_compilers_dateline(tmp_path, monkeypatch, sent: str) -> list[str]:
    """Validate tests/roots/valid with 1.xml's date line attributed to the compiler and the sending's
    place and date replaced by `sent`."""
    edition = tmp_path / "valid"
    shutil.copytree(VALID, edition)
    path = edition / "tei" / "1.xml"
    path.write_text(path.read_text(encoding="utf-8").replace(*COMPILERS_DATELINE).replace(SENT_FROM_TIFLIS, sent),
                    encoding="utf-8")
    monkeypatch.chdir(edition)
    return [d.format() for d in validate(Edition.open(".")).diagnostics]


def test_a_date_and_place_that_say_whose_dating_they_are_are_valid(tmp_path, monkeypatch):
    assert validate_with_compilers_dateline(tmp_path, monkeypatch, SENT_FROM_TIFLIS.replace(
        '">Tiflis', '" resp="#compiler">Tiflis').replace('"/>', '" resp="#compiler"/>')) == []


def test_a_date_the_date_line_does_not_give_is_not_the_compilers(tmp_path, monkeypatch):
    """Only a date that repeats the attributed date line must carry its @resp."""
    assert validate_with_compilers_dateline(tmp_path, monkeypatch, SENT_FROM_TIFLIS.replace(
        '">Tiflis', '" resp="#compiler">Tiflis').replace("09-04", "09-05")) == []


# --- authority-sourced --------------------------------------------------------------------------

Q994 = '        <idno type="wikidata">http://www.wikidata.org/entity/Q994</idno>\n'
Q994_NOTE = ('        <note type="authority" subtype="verified">Wikidata identifier http://www.wikidata.org/entity/Q994: read '
             'in a Wikidata query result of cities, which lists it with the label “Tbilisi”; source: <ref target="{0}">{0}</ref>.</note>\n')
TINY = "https://github.com/gparlakov/tinySearch/blob/dda12c7e84b0094e4a96479a54c35fd0fb84f466/apps/tiny-server/src/cities.ts#L2973"


def test_an_identifier_without_a_note_is_an_error(tmp_path, monkeypatch):
    found = check(tmp_path, monkeypatch, Q994_NOTE.format(TINY), "", "places.xml")
    assert found == [
        'tei/places.xml:29:9: error: wikidata identifier "http://www.wikidata.org/entity/Q994" has no note saying '
        'where it comes from: add a note type="authority" that names it and the source it was read in (a ref '
        'target="…"), or leave the identifier out [authority-sourced]']


def test_an_identifier_whose_note_names_no_source_is_an_error(tmp_path, monkeypatch):
    unsourced = ('        <note type="authority">Wikidata identifier http://www.wikidata.org/entity/Q994: from an '
                 'earlier encoding, which recorded no source.</note>\n')
    found = check(tmp_path, monkeypatch, Q994_NOTE.format(TINY), unsourced, "places.xml")
    assert found == [
        'tei/places.xml:29:9: error: the note on wikidata identifier "http://www.wikidata.org/entity/Q994" names '
        'no source: add a ref target="…" with the address of the record or stored source it was read in '
        "[authority-sourced]"]


def test_a_note_on_another_identifier_does_not_source_this_one(tmp_path, monkeypatch):
    found = check(tmp_path, monkeypatch, Q994, Q994 + '        <idno type="geonames">https://sws.geonames.org/611717</idno>\n',
                  "places.xml")
    assert [line.split(": error: ")[1].split(" has no note")[0] for line in found] == [
        'geonames identifier "https://sws.geonames.org/611717"']


def test_every_fixture_of_the_tests_names_the_source_of_its_identifiers():
    """The test editions follow the rule as well: each authority identifier has a note with a ref."""
    from lxml import etree

    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    roots = Path(__file__).resolve().parent / "roots"
    checked = 0
    for path in sorted(roots.rglob("*.xml")):
        try:
            tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:  # the fixtures of broken files
            continue
        for idno in tree.iterfind(".//t:idno", ns):
            if idno.get("type") not in ("wikidata", "geonames", "viaf", "gnd") or idno.getparent().tag.endswith("Stmt"):
                continue
            value = " ".join(idno.text.split())
            notes = [n for n in idno.getparent().iterfind("t:note[@type='authority']", ns) if value in "".join(n.itertext())]
            assert notes and any(n.find("t:ref[@target]", ns) is not None for n in notes), f"{path}:{idno.sourceline}"
            checked += 1
    assert checked >= 7
