"""Finding aids of the built site: registers, citation, build date (and, in their own files,
chronology, network and search)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from lxml import html

from toolkit import __version__
from toolkit.builders.citation import build_date
from toolkit.passages import sentence_around

DOCUMENTS = [f"{n}" for n in range(533, 543)]


def page(site: Path, name: str):
    return html.parse(str(site / "html" / name)).getroot()


def entry(site: Path, register: str, entry_id: str):
    found = page(site, register).xpath(f"//section[@id='{entry_id}']")
    assert len(found) == 1, entry_id
    return found[0]


def mention(section, doc_id: str):
    found = section.xpath(f".//ul[@class='mentions']/li[a/@href='{doc_id}.html']")
    assert len(found) == 1, doc_id
    return found[0]


# ---- registers ----------------------------------------------------------------------------

def test_persons_are_listed_by_surname(built_site):
    names = page(built_site, "persons.html").xpath("//nav[@class='entry-list']//a/text()")
    assert names[:4] == ["Agarov", "Atatürk, Mustafa Kemal", "Barsegov, Yuri", "Bekzadyan, T."]
    assert names.index("Chicherin, Georgy") < names.index("Karabekir, Kâzım") < names.index("Kirov, Sergei")
    headings = page(built_site, "persons.html").xpath("//section[@class='entry']/h2/@id")
    links = page(built_site, "persons.html").xpath("//nav[@class='entry-list']//a/@href")
    assert [h.removesuffix("-name") for h in headings] == [link.lstrip("#") for link in links]


def test_register_entries_show_life_dates_as_recorded(built_site):
    assert " ".join(entry(built_site, "persons.html", "chicherin").xpath("string(h2)").split()) == \
        "Chicherin, Georgy (1872–1936)"
    # Legran's entry records a birth and no death: nothing is made up
    assert " ".join(entry(built_site, "persons.html", "legran").xpath("string(h2)").split()) == "Legran, Boris (born 1884)"


def test_each_document_names_the_role_in_date_order(built_site):
    chicherin = entry(built_site, "persons.html", "chicherin")
    docs = chicherin.xpath(".//ul[@class='mentions']/li/a/@href")
    order = page(built_site, "index.html").xpath("//table[@class='document-list']/tbody/tr/td[1]/a/@href")
    assert len(docs) >= 8 and docs == [doc for doc in order if doc in docs]
    roles = {doc: mention(chicherin, doc[:3]).xpath("string(span[@class='roles'])") for doc in docs}
    assert roles["533.html"] == " — copy to, mentioned"
    assert roles["537.html"].startswith(" — sender")
    assert roles["538.html"].startswith(" — addressee")
    assert roles["534.html"] == " — mentioned"


def test_each_document_shows_the_sentence_that_names_the_entry(built_site):
    legran = entry(built_site, "persons.html", "legran")
    passages = mention(legran, "537").xpath("p[@class='passage']/q/text()")
    assert passages == ["Tell Legran: the only serious disagreement with the Armenian government was the issue "
                        "of border delimitation with Azerbaijan."]
    zangezur = entry(built_site, "places.html", "zangezur")
    assert zangezur.xpath(".//p[@class='passage']") and all(
        "Zangezur" in p.text_content() for p in zangezur.xpath(".//p[@class='passage']"))


def test_authority_links_are_labelled_by_the_authority(built_site):
    ataturk = entry(built_site, "persons.html", "mustafa-kemal")
    labels = ataturk.xpath(".//ul[@class='identifiers']/li/a/text()")
    assert any(label.startswith("Wikidata: Q") for label in labels)
    assert "Wikipedia" in [" ".join(label.split()) for label in labels]
    assert not any("/" in label or "_" in label for label in labels)


def test_a_sentence_is_not_ended_by_an_initial_or_an_abbreviation():
    text = "He wrote. Tell G. Chicherin (cf. doc. 537) at once. Then stop."
    assert sentence_around(text, text.index("Chicherin")) == "Tell G. Chicherin (cf. doc. 537) at once."
    assert sentence_around(text, 0) == "He wrote."


def test_a_long_sentence_is_cut_around_the_name_and_marked():
    words = [f"w{i}" for i in range(100)]
    words[70] = "Zangezur"
    cut = sentence_around(" ".join(words) + ".", len(" ".join(words[:70])) + 1)
    assert cut.startswith("… ") and cut.endswith(" …") and "Zangezur" in cut and len(cut.split()) == 42


# ---- citation -----------------------------------------------------------------------------

def meta(root, name: str) -> list[str]:
    return root.xpath(f"//head/meta[@name='{name}']/@content")


@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_every_document_page_has_highwire_citation_tags(doc_id, built_site):
    from toolkit.edition import Edition

    base = Edition.open(Path(__file__).resolve().parents[1]).config.base_url
    root = page(built_site, f"{doc_id}.html")
    assert len(meta(root, "citation_title")) == 1 and meta(root, "citation_title")[0]
    assert meta(root, "citation_author")
    assert meta(root, "citation_public_url") == [f"{base}{doc_id}.html"]
    assert root.xpath("//head/link[@rel='canonical']/@href") == [f"{base}{doc_id}.html"]
    assert root.xpath("//head/link[@rel='alternate'][@type='application/vnd.citationstyles.csl+json']/@href") == \
        [f"csl/{doc_id}.json"]


def test_citation_tags_say_what_the_document_says(built_site):
    root = page(built_site, "537.html")
    assert meta(root, "citation_author") == ["Chicherin, Georgy"]
    assert meta(root, "citation_date") == ["1920/09/04"]
    # a conversation has two speakers: both are authors
    assert sorted(meta(page(built_site, "535.html"), "citation_author")) == ["Narimanov, Nariman", "Ordzhonikidze, Grigory"]


def test_csl_json_record_per_document(built_site):
    for doc_id in DOCUMENTS:
        [record] = json.loads((built_site / "html" / "csl" / f"{doc_id}.json").read_text(encoding="utf-8"))
        assert record["number"] == doc_id and record["URL"].endswith(f"/{doc_id}.html")
        assert record["container-title"].startswith("Karabakh, Zangezur and Nakhichevan")
    [record] = json.loads((built_site / "html" / "csl" / "538.json").read_text(encoding="utf-8"))
    assert record["type"] == "letter" or record["type"] == "document"
    assert record["author"] == [{"family": "Legran", "given": "Boris"}]
    assert {"family": "Chicherin", "given": "Georgy"} in record["recipient"]
    [report] = json.loads((built_site / "html" / "csl" / "536.json").read_text(encoding="utf-8"))
    assert report["type"] == "document"


def test_every_page_says_when_and_with_what_it_was_built(built_site):
    pages = sorted((built_site / "html").glob("*.html"))
    assert len(pages) >= 15
    for path in pages:
        footer = " ".join(page(built_site, path.name).xpath("string(//footer)").split())
        assert f"Made with teikit {__version__} from TEI P5 sources; built on " in footer, path.name
        assert page(built_site, path.name).xpath("//footer//time/@datetime"), path.name


def test_build_date_is_source_date_epoch_else_the_newest_input(tmp_path, monkeypatch):
    old, new = tmp_path / "a.xml", tmp_path / "b.xml"
    old.write_text("a"), new.write_text("b")
    os.utime(old, (0, 86400 * 3))
    os.utime(new, (0, 86400 * 400 + 5))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_date([old, new]) == "1971-02-05"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date([old, new]) == "2023-11-14"
