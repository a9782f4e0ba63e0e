"""Finding aids of the built site: registers, citation, build date (and, in their own files,
chronology, network and search)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from lxml import html

from toolkit import __version__
from toolkit.edition import build_date
from toolkit.passages import sentence_around

DOCUMENTS = [f"{n}" for n in range(533, 543)]


def page(site: Path, name: str):
    return html.parse(str(site / "html" / name)).getroot()


def entry(site: Path, register: str, entry_id: str):
    """An entry's page: persons.html's entries are in persons/."""
    found = page(site, f"{register.removesuffix('.html')}/{entry_id}.html").xpath(f"//article[@id='{entry_id}']")
    assert len(found) == 1, entry_id
    return found[0]


def mention(section, doc_id: str):
    found = section.xpath(f".//ul[@class='mentions']/li[a/@href='../{doc_id}.html']")
    assert len(found) == 1, doc_id
    return found[0]


# ---- registers ----------------------------------------------------------------------------

def test_persons_are_listed_by_surname(built_site):
    index = page(built_site, "persons.html")
    names = index.xpath("//ul[@class='names']/li/a/text()")
    assert names[:4] == ["Agarov", "Atatürk, Mustafa Kemal", "Barsegov, Yuri", "Bekzadyan, T."]
    assert names.index("Chicherin, Georgy") < names.index("Karabekir, Kâzım") < names.index("Kirov, Sergei")
    # by initial: the initials lead to their sections, each name to its page
    initials = index.xpath("//nav[@class='initials']//a/@href")
    assert initials[:2] == ["#initial-A", "#initial-B"]
    assert [h.removeprefix("initial-") for h in index.xpath("//section[@class='initial']/h2/@id")] == \
        [link.removeprefix("#initial-") for link in initials]
    assert index.xpath("//section[h2='C']//a[.='Chicherin, Georgy']/@href") == ["persons/chicherin.html"]


def test_register_entries_show_life_dates_as_recorded(built_site):
    assert " ".join(entry(built_site, "persons.html", "chicherin").xpath("string(h1)").split()) == \
        "Chicherin, Georgy (1872–1936)"
    # No source at hand gives Legran's birth or Halil's death: the entries record none, and nothing is made up
    assert " ".join(entry(built_site, "persons.html", "legran").xpath("string(h1)").split()) == "Legran, Boris"
    assert " ".join(entry(built_site, "persons.html", "halil-pasha").xpath("string(h1)").split()) == "Kut, Halil"


def test_life_dates_say_only_what_the_entry_records():
    from toolkit.authority import Entry
    from toolkit.labels import Labels

    life_dates = Labels.for_language("en").life
    assert [life_dates(Entry("x", "person", "X", birth=b, death=d)) for b, d in
            (("1872", "1936"), ("1884", ""), ("", "1957"), ("", ""))] == ["1872–1936", "born 1884", "died 1957", ""]


def test_each_document_names_the_role_in_date_order(built_site):
    chicherin = entry(built_site, "persons.html", "chicherin")
    docs = chicherin.xpath(".//ul[@class='mentions']/li/a/@href")
    order = ["../" + doc.removeprefix("./") for doc in
             page(built_site, "index.html").xpath("//table[@class='document-list']/tbody/tr/td[1]/a/@href")]
    assert len(docs) >= 8 and docs == [doc for doc in order if doc in docs]
    roles = {doc: mention(chicherin, doc[3:6]).xpath("string(span[@class='roles'])") for doc in docs}
    assert roles["../533.html"] == " — copy to, mentioned"
    assert roles["../537.html"].startswith(" — sender")
    assert roles["../538.html"].startswith(" — addressee")
    assert roles["../534.html"] == " — mentioned"


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
        [f"./csl/{doc_id}.json"]


def test_citation_tags_say_what_the_document_says(built_site):
    root = page(built_site, "537.html")
    assert meta(root, "citation_author") == ["Chicherin, Georgy"]
    assert meta(root, "citation_date") == ["1920/09/04"]
    # a conversation has two speakers: both are authors
    assert sorted(meta(page(built_site, "535.html"), "citation_author")) == ["Narimanov, Nariman", "Ordzhonikidze, Grigory"]


def test_csl_json_record_per_document(built_site):
    for doc_id in DOCUMENTS:
        [record] = json.loads((built_site / "html" / "csl" / f"{doc_id}.json").read_text(encoding="utf-8"))
        inferred = doc_id in {"533", "536", "538", "541", "542"}  # as the pages give it: "[533]"
        assert record["number"] == (f"[{doc_id}]" if inferred else doc_id) and record["URL"].endswith(f"/{doc_id}.html")
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
    assert build_date([old, new], "2026-12-01") == "2026-12-01"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date([old, new], "2026-12-01") == "2023-11-14"


def test_a_configured_date_that_is_no_date_is_refused_with_one_line(tmp_path, monkeypatch):
    from toolkit.errors import ConfigError

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with pytest.raises(ConfigError, match=r"^teikit.toml: \[edition\] date = 'soon' is not a date \(write e.g. \"2026-12-01\"\)$"):
        build_date([], "soon")


# ---- chronology and network drawings ------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def drawing(site: Path, name: str):
    from lxml import etree

    root = etree.parse(str(site / "html" / name)).getroot()  # well-formed XML, or this fails
    assert root.tag == f"{SVG}svg" and root.get("viewBox")
    return root


@pytest.mark.parametrize("name", ["chronology.svg", "network.svg"])
def test_the_drawings_are_svg_and_every_link_resolves(name, built_site):
    from tests.test_linkcheck import anchors

    links = drawing(built_site, name).xpath("//svg:a/@href", namespaces={"svg": SVG[1:-1]})
    assert links
    cache: dict = {}
    for href in links:
        target, _, fragment = href.partition("#")
        assert (built_site / "html" / target).is_file(), href
        assert not fragment or fragment in anchors(built_site / "html" / target, cache), href


@pytest.mark.parametrize("name, page_name", [("chronology.svg", "chronology.html"), ("network.svg", "correspondents.html")])
def test_the_pages_show_the_same_drawing_inline(name, page_name, built_site):
    from lxml import etree

    standalone = drawing(built_site, name)
    inline = page(built_site, page_name).xpath("//figure/svg")
    assert len(inline) == 1
    assert inline[0].xpath("count(.//a)") == len(standalone.xpath("//svg:a", namespaces={"svg": SVG[1:-1]}))
    assert etree.tostring(standalone).count(b"<") > 20


def test_the_chronology_draws_every_document_with_ranges(built_site):
    root = drawing(built_site, "chronology.svg")
    ns = {"svg": SVG[1:-1]}
    assert sorted(root.xpath("//svg:a/@href", namespaces=ns)) == [f"./{d}.html" for d in DOCUMENTS]
    # 535 is dated "not after 1 September 1920": a bar open towards the start, not a dot
    assert root.xpath("//svg:a[@href='./535.html']/svg:rect[@class='mark-open']", namespaces=ns)
    assert root.xpath("count(//svg:a/svg:circle)", namespaces=ns) == 9


def test_chronology_spans():
    from toolkit.builders.chronology import span
    from toolkit.metadata import DateSpec
    from datetime import date

    assert span(DateSpec(when="1920-09-04")).exact
    assert span(DateSpec(when="1920-09")) == span(DateSpec(notBefore="1920-09-01", notAfter="1920-09-30"))
    bounded = span(DateSpec(notAfter="1920-09-01"))
    assert bounded.open_start and bounded.end == date(1920, 9, 1)
    assert span(DateSpec(notBefore="1920-08")).open_end
    assert span(DateSpec()) is None and span(DateSpec(when="about 1920")) is None


def test_the_calendar_lists_documents_by_year_and_month(built_site):
    root = page(built_site, "chronology.html")
    assert root.xpath("//section[@class='calendar']//ul[@class='years']/li/a/@href") == ["years/1920.html"]
    assert root.xpath("string(//section[@class='calendar']//ul[@class='years']/li/span[@class='count'])") == "(10)"
    year = page(built_site, "years/1920.html")
    assert year.xpath("//section[@class='month']/h2/text()") == ["August 1920", "September 1920", "October 1920"]
    august = year.xpath("//section[h2[@id='month-08']]//tbody/tr/td[1]/a/@href")
    assert august == ["../533.html", "../534.html"]
    listed = year.xpath("//table[@class='document-list']/tbody/tr/td[1]/a/@href")
    assert sorted(listed) == [f"../{d}.html" for d in DOCUMENTS]


def test_the_network_has_the_table_counts_and_links_to_the_registers(built_site):
    ns = {"svg": SVG[1:-1]}
    root = drawing(built_site, "network.svg")
    edges = [" ".join(t.split()) for t in root.xpath("//svg:g[@class='edge']/svg:title/text()", namespaces=ns)]
    assert "Georgy Chicherin to Boris Legran: 2 documents (no. 539, 540)" in edges
    assert "Grigory Ordzhonikidze to Boris Legran: 1 copy (no. 533)" in edges
    rows = page(built_site, "correspondents.html").xpath("//table[@class='correspondents']/tbody/tr")
    assert len(edges) == len(rows)  # one edge per row of the table beside it
    nodes = root.xpath("//svg:a[@class='network-node']/@href", namespaces=ns)
    assert "persons/chicherin.html" in nodes and "orgs/red-army-11.html" in nodes
    # a directed edge carries an arrowhead
    assert all(p.get("marker-end") == "url(#arrow)" for p in root.xpath("//svg:g[@class='edge']/svg:path", namespaces=ns))


def test_the_network_layout_is_the_same_every_time(built_site):
    from toolkit.builders.network import network_svg, pairs_of
    from toolkit.labels import Labels
    from toolkit.svg import svg_file
    from toolkit.corpus import load
    from toolkit.edition import Edition
    from toolkit import metadata

    corpus = load(Edition.open(Path(__file__).resolve().parents[1]))
    letters = metadata.chronological([metadata.letter(d, corpus.authority) for d in corpus.documents])
    labels = Labels.for_language("en")
    pairs = pairs_of(letters, labels["site.unnamed"])
    once = svg_file(network_svg(pairs, corpus.authority, labels))
    assert once == svg_file(network_svg(pairs, corpus.authority, labels))
    assert once == (built_site / "html" / "network.svg").read_bytes()


# ---- the passage parser on messy text, the search bundle's order ---------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(deadline=None, max_examples=200)
@given(st.text(alphabet=st.sampled_from(list("ab. !?\n\t“”…;:Zz")), max_size=300), st.integers(0, 300))
def test_the_sentence_around_any_position_is_a_piece_of_the_text(text, offset):
    sentence = sentence_around(text, min(offset, len(text)))
    inner = sentence.removeprefix("… ").removesuffix(" …")
    assert inner in " ".join(text.split())
    assert len(sentence.split()) <= 42


def test_the_search_bundle_is_the_same_whatever_order_pagefind_wrote_its_filters_in():
    from toolkit.builders.search import _encode, canonical

    def bundle(values):
        filter_file = _encode(["sender", values])
        meta = _encode(["1.5.2", [["en_page", 10]], [], [["sender", "en_abc1234"]], [], []])
        return {"pagefind-entry.json": b'{"version":"1.5.2","languages":{"en":{"hash":"en_0123456789","page_count":2}}}',
                "pagefind.en_0123456789.pf_meta": meta, "filter/en_abc1234.pf_filter": filter_file,
                "fragment/en_x.pf_fragment": b"unchanged"}

    one = canonical(bundle([["Legran", [1]], ["Chicherin", [0]]]))
    other = canonical(bundle([["Chicherin", [0]], ["Legran", [1]]]))
    assert one == other and one["fragment/en_x.pf_fragment"] == b"unchanged"
    import json
    meta_hash = json.loads(one["pagefind-entry.json"])["languages"]["en"]["hash"]
    assert f"pagefind.{meta_hash}.pf_meta" in one  # the entry points to the renamed metadata


def test_the_network_of_a_large_edition_is_laid_out(monkeypatch):
    """From 500 correspondents on, networkx's spring layout works on a sparse matrix (scipy): an
    edition of thousands of letters (the Escher edition has over 600 correspondents) is drawn."""
    import networkx

    from toolkit.builders.network import layout

    graph = networkx.MultiDiGraph()
    for index in range(600):
        graph.add_edge("hub", f"p{index:03d}")
        if index % 3:
            graph.add_edge(f"p{index:03d}", f"p{(index + 1) % 600:03d}")
    positions, height = layout(graph)
    assert len(positions) == 601 and height > 0
    assert positions == layout(graph)[0]  # the same drawing every time
