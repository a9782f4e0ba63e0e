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

def test_a_document_without_correspdesc_is_an_error(tmp_path, monkeypatch):
    found = check(tmp_path, monkeypatch, f"      <correspDesc>\n{SENT}\n{RECEIVED}\n      </correspDesc>\n", "")
    assert found == [
        "tei/1.xml:3:3: error: document has no correspDesc: add profileDesc/correspDesc saying who sent it to "
        'whom and when (correspAction type="sent" and type="received"); without it the CMIF export leaves the '
        "document out [corresp-present]"]


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
