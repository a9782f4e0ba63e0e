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


# ---- the shipped languages -----------------------------------------------------------------

SHIPPED = ("de", "fr", "it", "es")


@pytest.mark.parametrize("language", SHIPPED)
def test_each_shipped_catalogue_has_every_key_of_the_english_one_and_no_other(language):
    english, other = labels_module.catalogue("en"), labels_module.catalogue(language)
    assert other.get("language") == language
    assert sorted(set(english) - set(other)) == [], f"{language}.toml lacks these keys"
    assert sorted(set(other) - set(english)) == [], f"{language}.toml has keys en.toml does not"
    for key, words in other.items():
        assert words.strip(), key
        # the same placeholders as the English words: a translation fills in what teikit gives it
        assert set(labels_module.PLACEHOLDER.findall(words)) == set(labels_module.PLACEHOLDER.findall(english[key])), key


@pytest.mark.parametrize("language, day, first, between, undated", [
    ("en", "27 August 1920", "1 August 1920", "between 1 August 1920 and 31 August 1920", "undated"),
    ("de", "27. August 1920", "1. August 1920", "zwischen 1. August 1920 und 31. August 1920", "undatiert"),
    ("fr", "27 août 1920", "1er août 1920", "entre 1er août 1920 et 31 août 1920", "sans date"),
    ("it", "27 agosto 1920", "1º agosto 1920", "tra 1º agosto 1920 e 31 agosto 1920", "senza data"),
    ("es", "27 de agosto de 1920", "1 de agosto de 1920", "entre 1 de agosto de 1920 y 31 de agosto de 1920", "sin fecha"),
])
def test_dates_in_words_in_each_language(language, day, first, between, undated):
    words = Labels.for_language(language)
    assert words.language == language
    assert words.date(DateSpec(when="1920-08-27")) == day
    assert words.date(DateSpec(when="1920-08-01")) == first
    assert words.date(DateSpec(notBefore="1920-08-01", notAfter="1920-08-31")) == between
    assert words.date(DateSpec()) == undated


def test_german_labels_say_things_in_german():
    german = Labels.for_language("de")
    assert german["about.heading"] == "Zu diesem Dokument" and german["about.from"] == "Von"
    assert german.document(letter()) == "Nr. 537: Chicherin to Kirov"
    assert german.text("correspondents.documents-other", count=3) == "3 Dokumente"
    assert german.month(3) == "März" and Labels.for_language("de-AT").month(3) == "März"


def test_a_project_overrides_any_label_and_the_rest_stays():
    german = Labels.for_language("de")
    own = german.overridden({"nav.index": "Briefe", "date.day": "{day}.{month}.{year}"})
    assert own["nav.index"] == "Briefe" and own["nav.persons"] == "Personen"
    assert own.date(DateSpec(when="1920-08-27")) == "27.August.1920"
    assert own.key != german.key  # the pages made with them are made again
    assert german["nav.index"] == "Dokumente"  # the catalogue itself is untouched
    assert german.overridden({}) is german
