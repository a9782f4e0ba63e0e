"""The HTML pages of the built site, checked with XPath (not byte for byte)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree, html

from toolkit import NSMAP
from toolkit.edition import Edition

REPOSITORY = Path(__file__).resolve().parents[1]
EDITION = Edition.open(REPOSITORY)
DOCUMENTS = [p.stem for p in EDITION.document_files()]
INDEX_PAGES = {"persName": "persons.html", "placeName": "places.html", "orgName": "orgs.html"}


def page(built_site: Path, name: str) -> html.HtmlElement:
    return html.parse(str(built_site / "html" / name)).getroot()


def tei(doc_id: str) -> etree._Element:
    return etree.parse(str(EDITION.tei_dir / f"{doc_id}.xml")).getroot()


def one(tree, xpath: str):
    found = tree.xpath(xpath)
    assert len(found) == 1, f"{xpath}: {len(found)} matches"
    return found[0]


ALL_PAGES = [f"{d}.html" for d in DOCUMENTS] + ["index.html", "persons.html", "places.html", "orgs.html", "correspondents.html"]


@pytest.mark.parametrize("name", ALL_PAGES)
def test_every_page_is_html5_with_landmarks(name, built_site):
    source = (built_site / "html" / name).read_text(encoding="utf-8")
    assert source.lower().startswith("<!doctype html>")
    root = page(built_site, name)
    assert root.get("lang") == "en"
    one(root, "head/meta[@charset='utf-8']")
    assert "width=device-width" in one(root, "head/meta[@name='viewport']").get("content")
    one(root, "head/link[@rel='stylesheet'][@href='static/edition.css']")
    skip = root.xpath("body/a[1]")[0]
    assert skip.get("href") == "#main" and "Skip" in skip.text_content()
    for landmark in ("header", "nav", "main[@id='main']", "footer"):
        assert root.xpath(f"//{landmark}"), f"{name}: no {landmark}"
    assert len(root.xpath("//h1")) == 1
    assert not root.xpath("//script"), "pages work without JavaScript"
    assert not root.xpath("//a[not(normalize-space())]"), "a link without text"


@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_metadata_panel(doc_id, built_site):
    root = page(built_site, f"{doc_id}.html")
    document = tei(doc_id)
    panel = one(root, "//section[@class='metadata']")
    labels = [dt.text_content() for dt in panel.xpath(".//dt")]
    for label in ("Number", "Kind", "From", "To", "Date", "Collection", "Archival references"):  # per turn for 535
        assert label in labels, f"{doc_id}: no {label}"
    number = document.xpath("string(//tei:publicationStmt/tei:idno[@type='document-number'])", namespaces=NSMAP)
    number_value = panel.xpath("string(.//dt[.='Number']/following-sibling::dd[1])")
    assert number_value.startswith(number)
    assert ("inferred" in number_value) == bool(document.xpath("//tei:idno[@cert]", namespaces=NSMAP))
    archival = document.xpath("//tei:listBibl[@type='sources']/tei:bibl[@type='archival']", namespaces=NSMAP)
    assert len(panel.xpath(".//dd[@class='archival']")) == len(archival)
    for bibl, dd in zip(archival, panel.xpath(".//dd[@class='archival']")):
        fond = bibl.xpath("string(tei:idno[@type='fond'])", namespaces=NSMAP)
        assert f"fond {fond}" in dd.text_content()
        assert "As printed: " + " ".join("".join(bibl.itertext()).split()) in " ".join(dd.text_content().split())
    sent = document.xpath("string(//tei:correspAction[@type='sent']/tei:date/@when)", namespaces=NSMAP)
    if sent:
        one(panel, f".//time[@datetime='{sent}']")
    one(root, f"//a[@href='./tei/{doc_id}.xml']")
    one(root, f"//a[@href='../text/{doc_id}.txt']")


@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_footnotes_are_linked_both_ways(doc_id, built_site):
    root = page(built_site, f"{doc_id}.html")
    notes = tei(doc_id).xpath("tei:text//tei:note", namespaces=NSMAP)
    markers = root.xpath("//a[@class='noteref']")
    assert len(markers) == len(notes) == len(root.xpath("//section[@class='notes']//li"))
    for number, marker in enumerate(markers, start=1):
        assert marker.get("href") == f"#note-{number}" and marker.get("id") == f"noteref-{number}"
        footnote = one(root, f"//li[@id='note-{number}']")
        one(footnote, f".//a[@href='#noteref-{number}']")
    for note, footnote in zip(notes, root.xpath("//section[@class='notes']//li")):
        expected = " ".join("".join(note.itertext()).split())
        assert " ".join(footnote.text_content().split()).startswith(expected)


@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_every_name_links_to_an_existing_index_entry(doc_id, built_site):
    root = page(built_site, f"{doc_id}.html")
    refs = {ref.lstrip("#") for element in tei(doc_id).xpath("tei:text//*[@ref]", namespaces=NSMAP)
            for ref in element.get("ref").split() if etree.QName(element).localname in INDEX_PAGES}
    links = {a.get("href") for a in root.xpath("//section[@class='text' or @class='notes']//a | //header[@class='document-header']//a")}
    for ref in refs:
        targets = [link for link in links if link and link.endswith(f"/{ref}.html")]
        assert targets, f"{doc_id}: no link to the register page of #{ref}"
        one(page(built_site, targets[0]), f"//article[@class='entry'][@id='{ref}']")
    assert not root.xpath("//a//a"), "nested links"


def test_gaps_and_supplied_words_are_marked(built_site):
    root = page(built_site, "537.html")
    gaps = root.xpath("//span[@class='gap']")
    assert len(gaps) == 2
    assert gaps[0].get("title") == "Text omitted by Yuri Barsegov"
    # The mark the source prints: "<…>" here, "…" where it opens 534 and 536.
    assert gaps[0].xpath("string(span[@aria-hidden='true'])") == "<…>"
    assert "Text omitted" in gaps[0].xpath("string(span[@class='visually-hidden'])")
    assert page(built_site, "534.html").xpath("string((//span[@class='gap'])[1]/span[@aria-hidden='true'])") == "…"
    supplied = one(page(built_site, "535.html"), "//span[@class='supplied']")
    assert supplied.text_content() == "[Ordzhonikidze]" and supplied.get("title") == "Supplied by Yuri Barsegov"


def test_a_conversation_shows_each_turn(built_site):
    panel = one(page(built_site, "535.html"), "//section[@class='metadata']")
    labels = [dt.text_content() for dt in panel.xpath(".//dt")]
    assert labels.count("Turn") == 2 and labels.count("From") == 2 and labels.count("To") == 2
    froms = [" ".join(dd.text_content().split()) for dd in panel.xpath(".//dt[.='From']/following-sibling::dd[1]")]
    tos = [" ".join(dd.text_content().split()) for dd in panel.xpath(".//dt[.='To']/following-sibling::dd[1]")]
    assert list(zip(froms, tos)) == [("Nariman Narimanov", "Grigory Ordzhonikidze"), ("Grigory Ordzhonikidze", "Nariman Narimanov")]
    assert "inference" in panel.text_content() and not panel.xpath(".//table")


def test_the_site_says_the_emphasis_is_lost(built_site):
    assert "The emphasis itself is lost" in page(built_site, "index.html").text_content()
    archival = page(built_site, "537.html").xpath("//dd[@class='archival']")[-1]
    assert "(Emphasis added – Yu.B.) [the emphasis is not reproduced" in " ".join(archival.text_content().split())


def test_home_page_lists_documents_chronologically(built_site):
    root = page(built_site, "index.html")
    assert one(root, "//h1").text_content() == EDITION.config.title
    assert root.xpath("//section[@class='introduction']/p")
    rows = root.xpath("//table[@class='document-list']/tbody/tr")
    assert len(rows) == len(DOCUMENTS)
    ids = [row.xpath("string(td[1]/a/@href)").removeprefix("./")[:-5] for row in rows]
    dates = [tei(d).xpath("string(//tei:correspAction[@type='sent']/tei:date/@*[1])",
                          namespaces=NSMAP) for d in ids]
    assert all(dates) and dates == sorted(dates)
    inferred = {d for d in DOCUMENTS if tei(d).xpath("//tei:idno[@cert]", namespaces=NSMAP)}
    marked = {row.xpath("string(td[1]/a/@href)").removeprefix("./")[:-5] for row in rows if row.xpath("td[1]//span[@class='inferred-mark']")}
    assert marked == inferred and inferred


def test_previous_and_next_follow_the_home_page_order(built_site):
    order = [row.xpath("string(td[1]/a/@href)") for row in page(built_site, "index.html").xpath("//table[@class='document-list']/tbody/tr")]
    for before, after in zip(order, order[1:]):
        for where in ("top", "bottom"):  # at the top of the page and at its end
            pager = f"//nav[contains(@class, 'pager-{where}')]"
            one(page(built_site, before), f"{pager}//a[@rel='next'][@href='{after}']")
            one(page(built_site, after), f"{pager}//a[@rel='prev'][@href='{before}']")
    assert not page(built_site, order[0]).xpath("//a[@rel='prev']")


@pytest.mark.parametrize("doc_id", DOCUMENTS[:1])
def test_how_to_cite_has_the_stable_url(doc_id, built_site):
    url = f"{EDITION.config.base_url}{doc_id}.html"
    cite = one(page(built_site, f"{doc_id}.html"), "//section[@class='cite']")
    one(cite, f".//a[@href='{url}']")


def test_index_entries_have_variants_identifiers_and_documents(built_site):
    chicherin = one(page(built_site, "persons/chicherin.html"), "//article[@id='chicherin']")
    assert "G. Chicherin" in chicherin.xpath("string(p[@class='variants'])")
    assert chicherin.xpath(".//ul[@class='identifiers']/li/a[starts-with(@href, 'https://en.wikipedia.org/')]")
    assert chicherin.xpath(".//ul[@class='identifiers']/li/a[@href='http://d-nb.info/gnd/118666185']")
    documents = {a.get("href") for a in chicherin.xpath(".//ul[@class='mentions']//a")}
    assert {"../537.html", "../539.html", "../540.html"} <= documents
    yerevan = one(page(built_site, "places/yerevan.html"), "//article[@id='yerevan']")
    assert yerevan.xpath(".//a[@href='http://www.wikidata.org/entity/Q1953']")
    # The Republic of Armenia of 1918-1920 has no identifier: Q399 is the modern state.
    armenia = one(page(built_site, "places/armenia.html"), "//article[@id='armenia']")
    assert not armenia.xpath(".//a[starts-with(@href, 'http://www.wikidata.org/')]")
    # the register's index lists every name with its number of documents, leading to its page
    index = page(built_site, "persons.html")
    link = one(index, "//ul[@class='names']/li[a[@href='persons/chicherin.html']]")
    assert int(link.xpath("string(span[@class='count'])").strip("()")) == len(documents)


def test_correspondents_page_counts_letters(built_site):
    root = page(built_site, "correspondents.html")
    rows = root.xpath("//table[@class='correspondents']/tbody/tr")
    pair = [r for r in rows if r.xpath("string(td[1])") == "Georgy Chicherin" and r.xpath("string(td[2])") == "Boris Legran"]
    assert len(pair) == 1
    assert pair[0].xpath("string(td[3])").startswith("2: ")


def test_render_of_foreign_tei_is_a_standalone_page():
    from toolkit.render import render

    source = render(EDITION, Path(__file__).parent / "roots" / "render" / "verse.xml", "html")
    root = html.fromstring(source)
    assert root.xpath("//style") and not root.xpath("//link[@rel='stylesheet']")
    assert one(root, "//h1").text_content() == "Ein Gedicht"
    assert one(root, "//article").get("lang") == "de"
    assert root.xpath("//div[@class='lg']/div[@class='l']")
    assert not root.xpath("//a[starts-with(@href, 'javascript:')]")
    one(root, "//a[@href='https://example.org/']")


def test_correspondents_of_a_conversation_are_paired_with_each_other_not_themselves(built_site):
    rows = page(built_site, "correspondents.html").xpath("//table[@class='correspondents']/tbody/tr")
    pairs = {(r.xpath("string(td[1])"), r.xpath("string(td[2])")) for r in rows}
    assert ("Nariman Narimanov", "Grigory Ordzhonikidze") in pairs
    assert ("Grigory Ordzhonikidze", "Nariman Narimanov") in pairs
    assert not [p for p in pairs if p[0] == p[1]]


# --- the site after the second review: rights, whose notes, whose heading ------------------------

def words_of(element) -> str:
    return " ".join(element.text_content().split())


@pytest.mark.parametrize("name", ALL_PAGES + ["chronology.html", "search.html"])
def test_every_footer_says_what_the_licence_covers_and_what_it_does_not(built_site, name):
    """edition.xml's availability, in its words: the licence covers the encoding and the edition's
    own matter, not the English translation of the documents, whose translator is unknown."""
    footer = one(page(built_site, name), "//footer[@class='site-footer']/p[@class='rights']")
    text = words_of(footer)
    assert text.startswith("Licence: The encoding, the metadata, the authority files")
    assert "the licence above does not extend to the translated text" in text
    assert "the translator is unknown to this edition" in text
    assert footer.xpath("a/@href") == [EDITION.config.licence]


def test_a_licence_the_description_does_not_state_is_named_without_its_words(tmp_path):
    """Where edition.xml names another licence than teikit.toml (or none), the footer says only
    teikit.toml's licence, in its name, and claims no coverage."""
    import shutil

    from toolkit.build import build

    for name in ("tei", "schema", "xslt"):
        shutil.copytree(REPOSITORY / name, tmp_path / name)
    toml = (REPOSITORY / "teikit.toml").read_text(encoding="utf-8")
    (tmp_path / "teikit.toml").write_text(toml.replace("licenses/by/4.0/", "publicdomain/zero/1.0/"), encoding="utf-8")
    assert not build(Edition.open(tmp_path), tmp_path / "build", jobs=1).failed
    footer = html.parse(str(tmp_path / "build" / "html" / "537.html")).getroot()
    assert words_of(one(footer, "//p[@class='rights']")) == "Licence: CC0 1.0 Universal"


def test_the_page_heading_is_the_editions_title_and_the_compilers_heading_follows_smaller(built_site):
    for doc_id in DOCUMENTS:
        root = page(built_site, f"{doc_id}.html")
        header = one(root, "//header[@class='document-header']")
        main_title = " ".join(tei(doc_id).xpath("string(//tei:titleStmt/tei:title[@type='main'])", namespaces=NSMAP).split())
        assert words_of(one(header, "h1")) == main_title, doc_id
        heading = one(header, "div[@class='source-heading']")
        assert words_of(one(heading, "p[@class='source-heading-label']")) == "The compiler’s heading"
        printed = [" ".join("".join(h.xpath(".//text()[not(ancestor::tei:note)]", namespaces=NSMAP)).split())
                   for h in tei(doc_id).xpath("//tei:body/tei:head", namespaces=NSMAP)]
        shown = [" ".join("".join(p.xpath(".//text()[not(ancestor::a[@class='noteref'])]")).split())
                 for p in heading.xpath("p[not(@class='source-heading-label')]")]
        assert shown == printed, doc_id
    assert words_of(one(page(built_site, "542.html"), "//h1")).startswith("Hamazasp Ohanjanyan to Georgy Chicherin")


def test_every_note_says_who_wrote_it(built_site):
    """The unsigned notes are attributed, and the page says so: 533's to the compiler, 534's to the translator."""
    author = {doc_id: [words_of(s) for s in page(built_site, f"{doc_id}.html").xpath("//section[@class='notes']//li/span[@class='note-author']")]
              for doc_id in DOCUMENTS}
    assert author["533"] == ["Unsigned note. Attributed by the editors to: Yuri Barsegov, compiler (probable)"]
    assert author["534"] == ["Unsigned note. Attributed by the editors to: Unknown translator (probable)"]
    for doc_id in DOCUMENTS:
        notes = page(built_site, f"{doc_id}.html").xpath("//section[@class='notes']//li")
        assert len(author[doc_id]) == len(notes), doc_id


def test_inferred_numbers_are_marked_in_page_titles_and_the_pager(built_site):
    inferred = {"533", "536", "538", "541", "542"}
    for doc_id in DOCUMENTS:
        title = page(built_site, f"{doc_id}.html").xpath("string(//title)")
        assert title.startswith(f"No. [{doc_id}]: " if doc_id in inferred else f"No. {doc_id}: "), title
    pager = words_of(one(page(built_site, "534.html"), "//nav[contains(@class, 'pager-bottom')]"))
    assert "Previous document: No. [533]: Ordzhonikidze to Sklyansky" in pager
    assert "Next document: No. 535:" in pager


def test_a_phrase_naming_two_regiments_links_each_and_adds_no_sign(built_site):
    """536's "the 281st and 299th Infantry Regiments": each number links to its regiment; no "+"."""
    root = page(built_site, "536.html")
    assert not root.xpath("//section[@class='text']//a[@class='also-ref']")
    links = {a.text: a.get("href") for a in root.xpath("//section[@class='text']//span[@class='name orgName']/a")}
    assert {k: links[k] for k in ("281st", "299th", "1st", "2nd")} == {
        "281st": "orgs/regiment-281.html", "299th": "orgs/regiment-299.html",
        "1st": "orgs/cavalry-regiment-1.html", "2nd": "orgs/cavalry-regiment-2.html"}
    text = words_of(one(root, "//section[@class='text']"))
    assert "the 281st and 299th Infantry Regiments, the 1st and 2nd Cavalry Regiments, and 12 artillery" in text


def test_how_to_cite_names_the_compiler_and_the_translations_provenance(built_site):
    cite = words_of(one(page(built_site, "533.html"), "//section[@class='cite']/p[@class='cite-source']"))
    assert cite == ("From: Yuri Barsegov (compiler), Nagorno-Karabakh in International Law and Global Politics, "
                    "no. [533]. The web page gives the documents in English translation; it does not say whether "
                    "the translation is the collection’s or who made it.")


def test_the_compilers_date_line_is_said_to_be_his_and_541s_abridgement_is_noted(built_site):
    fields = [words_of(e) for e in page(built_site, "535.html").xpath("//section[@class='metadata']/dl/*")]
    date = fields.index("Date")
    assert fields[date + 1:date + 3] == ["as written: No later than September 1, 1920",
                                         "the date line is by Yuri Barsegov, compiler"]
    fields = [words_of(e) for e in page(built_site, "541.html").xpath("//section[@class='metadata']/dl/*")]
    note = fields[fields.index("Note on the document") + 1]
    assert note.startswith("The source gives three short paragraphs") and "probably abridged" in note


def test_the_text_comes_before_the_panel_about_the_document(built_site):
    for doc_id in DOCUMENTS:
        sections = [s.get("class") for s in page(built_site, f"{doc_id}.html").xpath("//article/section")]
        assert sections.index("text") < sections.index("metadata") < sections.index("cite"), doc_id


def test_a_place_the_editors_identified_says_so_and_the_collection_brackets_an_inferred_number(built_site):
    """533's date line writes "Rostov", which the editors identify as Rostov-on-Don (cert="high"):
    the panel names the entry and says the identification is theirs; a place the source names
    plainly (538's Tiflis) has no such words. The collection line gives an inferred number in
    brackets, as the titles do; 536's printing is not called the first."""
    place = one(page(built_site, "533.html"), "//section[@class='metadata']//dd[@class='place']")
    assert place.xpath("string(a)") == "Rostov-on-Don"
    assert "“Rostov”" in place.xpath("string(span[@class='identified'])")
    assert "editors" in place.xpath("string(span[@class='identified'])")
    assert not page(built_site, "538.html").xpath("//dd[@class='place']/span[@class='identified']")
    for doc_id, shown in (("533", "[533]"), ("534", "534")):
        panel = one(page(built_site, f"{doc_id}.html"), "//section[@class='metadata']")
        collection = " ".join(panel.xpath("string(.//dt[.='Collection']/following-sibling::dd[1])").split())
        assert collection.endswith(f"Politics, {shown}"), collection
    labels = page(built_site, "536.html").xpath("//section[@class='metadata']//dt/text()")
    assert "Publication" in labels and not any("First" in label for label in labels)
