"""toolkit/labels.py: the words of the interface, dates in words, how documents and entries are named."""

from __future__ import annotations

import pytest

from toolkit import labels as labels_module
from toolkit.authority import AuthorityIndex, Entry
from toolkit.labels import Labels, fill
from toolkit.metadata import DateSpec, Letter, Source

EN = Labels.for_language("en")


def letter(number: str = "537", inferred: bool = False, short: str = "Chicherin to Kirov", title: str = "") -> Letter:
    return Letter("537", "d537", "537.xml", number, inferred, "telegram", title, short, DateSpec(), [], [])


@pytest.mark.parametrize("date, words", [
    (DateSpec(when="1920-08-27"), "27 August 1920"),
    (DateSpec(when="1920-08"), "August 1920"),
    (DateSpec(when="1920"), "1920"),
    (DateSpec(notBefore="1920-08-01", notAfter="1920-08-31"), "between 1 August 1920 and 31 August 1920"),
    (DateSpec(notAfter="1920-09-01"), "not after 1 September 1920"),
    (DateSpec(notBefore="1920-09"), "not before September 1920"),
    (DateSpec(from_="1920-08-01", to="1920-08-03"), "1 August 1920 – 3 August 1920"),
    (DateSpec(), "undated"),
    (DateSpec(when="1920-13-01"), "1920-13-01"),  # not a date: as it is
])
def test_dates_in_words(date, words):
    assert EN.date(date) == words


def test_an_uncertain_date_says_so():
    uncertain = DateSpec(when="1871-02-03")
    uncertain.cert = "low"
    assert EN.date(uncertain) == "3 February 1871 (uncertain)"
    uncertain.cert = "high"
    assert EN.date(uncertain) == "3 February 1871"


def test_a_document_without_a_number_is_named_by_its_title_alone():
    assert EN.document(letter()) == "No. 537: Chicherin to Kirov"
    assert EN.document(letter(number="")) == "Chicherin to Kirov"
    assert EN.document(letter(number="", short="", title="Letter from Jean Paul")) == "Letter from Jean Paul"
    assert "No. ," not in EN.document(letter(number="", short=""))


def test_an_inferred_number_is_marked():
    assert EN.document(letter(inferred=True)) == "No. [537]: Chicherin to Kirov"
    assert EN.number(letter(inferred=True)) == "[537]" and EN.number(letter()) == "537"
    assert EN.number(letter(number="")) == ""


def test_kinds_entries_roles_and_archival_parts():
    authority = AuthorityIndex([Entry("conversation-record", "category", "Record of a conversation")])
    assert EN.kind("conversation-record", authority) == "Record of a conversation"
    assert EN.kind("official-copy") == "Official copy"
    assert EN.life(Entry("a", "person", "A", birth="1872", death="1936")) == "1872–1936"
    assert EN.life(Entry("a", "person", "A", birth="1884")) == "born 1884"
    assert EN.life(Entry("a", "person", "A", death="1924")) == "died 1924"
    assert EN.life(Entry("a", "person", "A")) == ""
    assert EN.roles(["sender", "cc", "place-received"]) == "sender, copy to, place of receipt"
    assert EN.copy_kind("official-copy") == "Official copy" and EN.copy_kind("carbon") == "Carbon"
    source = Source("archival", "copy", "", fond="5", opis="1", delo="2104", folios_from="7", folios_to="9")
    assert EN.archival(source) == ["fond 5", "opis 1", "delo 2104", "folios 7–9"]
    assert EN.folios("7", "7") == "folio 7"
    assert EN.scheme("gnd") == "GND" and EN.scheme("pmb") == "pmb"
    assert EN.licence("https://creativecommons.org/licenses/by/4.0/").startswith("Creative Commons Attribution")
    assert EN.licence("https://example.org/licence") == "https://example.org/licence"


def test_placeholders_are_filled_and_unknown_ones_kept():
    assert fill("{n} of {total}", {"n": 1, "total": 2}) == "1 of 2"
    assert fill("{n} of {total}", {"n": 1}) == "1 of {total}"
    assert EN.text("doc.note-back", n="3") == "Back to the place of note 3 in the text"


def test_a_language_falls_back_to_english_string_by_string(tmp_path, monkeypatch):
    (tmp_path / "en.toml").write_text((labels_module.CATALOGUES / "en.toml").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    (tmp_path / "de.toml").write_text('language = "de"\n[about]\nheading = "Über dieses Dokument"\n'
                                      '[month]\n8 = "August"\n9 = "September"\n[date]\nday = "{day}. {month} {year}"\n',
                                      encoding="utf-8")
    monkeypatch.setattr(labels_module, "CATALOGUES", tmp_path)
    labels_module.catalogue.cache_clear()
    labels_module._labels.cache_clear()
    try:
        german = Labels.for_language("de-CH")
        assert german.language == "de-CH"
        assert german["about.heading"] == "Über dieses Dokument"
        assert german["about.from"] == "From"  # not translated: English
        assert german.date(DateSpec(when="1920-08-27")) == "27. August 1920"
        assert 'xml:lang="de-CH"' in german.xml() and "Über dieses Dokument" in german.xml()
        assert Labels.for_language("xx").language == "en"  # no catalogue: English throughout
        assert Labels.for_language("../en").language == "en"  # not a language code: never a path
    finally:
        labels_module.catalogue.cache_clear()
        labels_module._labels.cache_clear()


def test_the_english_catalogue_is_complete_and_lists_its_languages():
    assert "en" in labels_module.languages()
    assert all(value.strip() for value in EN.strings.values())
    for month in range(1, 13):
        assert EN.month(month) and EN.month(month, short=True)
