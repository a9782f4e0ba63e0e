"""Every reading word of real letters survives into the page and the plain text, whole, in order,
and every reading apart: one test per TEI phenomenon (tests/roots/render/phenomena.xml,
blocks-in-paragraphs.xml). HTML is checked by XPath, text exactly; what a reader reads on the
page is the text without what the page marks as not read (data-pagefind-ignore)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree, html

from toolkit.edition import Edition
from toolkit.reading import (apparatus, document_words, find_run, leading_heads, page_words, plain_words,
                             reading_text, words)
from toolkit.render import render

REPOSITORY = Path(__file__).resolve().parents[1]
ROOTS = Path(__file__).resolve().parent / "roots" / "render"
PHENOMENA = ROOTS / "phenomena.xml"
BLOCKS = ROOTS / "blocks-in-paragraphs.xml"
EDITION = Edition.open(REPOSITORY)
TEI_NS = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def page() -> etree._Element:
    return html.fromstring(render(EDITION, PHENOMENA, "html").encode("utf-8"))


@pytest.fixture(scope="module")
def text() -> list[str]:
    return render(EDITION, PHENOMENA, "text").split("\n\n")


@pytest.fixture(scope="module")
def blocks_page() -> etree._Element:
    return html.fromstring(render(EDITION, BLOCKS, "html").encode("utf-8"))


def block(page, words: str) -> etree._Element:
    """The one block of the text whose words contain `words`."""
    found = page.xpath(f"//section[@class='text']//*[self::p or self::li or self::td or self::figcaption]"
                       f"[contains(normalize-space(), '{words}')]")
    assert len(found) == 1, (words, [etree.tostring(f) for f in found])
    return found[0]


def reading(element) -> str:
    """The words a reader reads: the block's text without what the page marks as not read."""
    copy = html.fromstring(etree.tostring(element))
    for mark in copy.xpath(".//*[@data-pagefind-ignore or contains(@class, 'visually-hidden')]"):
        mark.drop_tree()
    return " ".join(copy.text_content().split())


def shown(element) -> str:
    """Everything the page shows in the reading view (not what is hidden), marks included."""
    copy = html.fromstring(etree.tostring(element))
    for hidden in copy.xpath(".//*[@hidden or contains(@class, 'visually-hidden')]"):
        hidden.drop_tree()
    return " ".join(copy.text_content().split())


def test_space_is_a_space(page, text):
    assert reading(block(page, "hat")) == "hat sich"
    assert page.xpath("//span[@class='space']/text()") == [" "]
    assert "hat sich" in text


def test_a_break_inside_a_word_leaves_no_space_and_no_br_in_it(page, text):
    line = block(page, "zweite Zeile")
    assert reading(line) == "erste zweite Zeile, PartialRevisionen, Donnersstags"  # line-end whitespace ignored
    assert len(line.xpath("br")) == 1  # the one line break between words
    assert line.xpath("span[@class='lb-no']/@data-pagefind-ignore") == [""] * 3  # a mark for the view of the source
    assert "PartialRevisionen" in line.text_content()
    assert "erste zweite Zeile, PartialRevisionen, Donnersstags" in text


def test_a_break_at_the_end_of_an_element_joins_across_it(page, text):
    line = block(page, "Waaren")
    assert reading(line) == "die Gemischten Waaren und Belohnung"
    assert "die Gemischten Waaren und Belohn{e}ung" in text


def test_page_breaks_show_the_page_and_keep_words_apart_unless_break_no(page, text):
    line = block(page, "stehen")
    assert reading(line) == "stehen Gerichte, Vollziehung"
    assert line.xpath("span[@class='pb']/text()") == ["|2|", "|3|"]
    assert "stehen Gerichte, Vollziehung" in text


def test_choice_shows_one_reading_and_the_other_in_the_view_of_the_source(page, text):
    line = block(page, "dieses Jahr")
    assert reading(line) == "dieses Jahr, Schar, Teil"
    assert shown(line) == "dieses Jahr, Schara, Teil"  # the correction has its apparatus entry
    others = line.xpath("span[@class='choice']/span[contains(@class, 'alternative')]")
    assert [o.text for o in others] == ["d. J.", "Schaar", "Theil"]
    assert all(o.get("hidden") is not None and o.get("data-pagefind-ignore") is not None for o in others)
    assert line.xpath("span[@class='choice']/@title") == ["d. J.", "Schaar", "Theil"]
    assert "dieses Jahr, Schar{a}, Teil" in text
    assert "{a} Schar] Schaar" in text


def test_a_choice_inside_a_word_keeps_the_word_whole_and_speaks_no_english(page, text):
    line = block(page, "rancy")
    assert reading(line) == "Montmorancy und Doktor Escher, Herr BezirksRichter Müller"
    assert "abbr" not in shown(line) and "[" not in shown(line)
    # a break inside the abbreviation (which the text does not read) joins nothing in the text
    assert "Montmorancy und Doktor Escher, Herr BezirksRichter Müller" in text


def test_app_shows_the_lemma_and_the_readings_in_the_apparatus(page, text):
    line = block(page, "earth")
    assert reading(line) == "the earth children will"
    assert "mud" not in shown(line) and "clay" not in shown(line)
    assert line.xpath("a[@class='appref']/@href") == ["#app-b", "#app-c"]
    entries = page.xpath("//section[@class='apparatus']/ol/li")
    assert [e.get("id") for e in entries] == ["app-a", "app-b", "app-c", "app-d", "app-e", "app-f"]
    assert " ".join(entries[1].text_content().split()) == "earth] mud B; clay C D ↩Back to the place of apparatus entry b in the text"
    assert "the earth{b} children{c} will" in text  # no reading glued to the next word
    assert "{b} earth] mud B; clay C D" in text and "{c} ren] om. B" in text


def test_an_open_variant_reads_its_first_reading(page, text):
    line = block(page, "auch Brief")
    assert reading(line) == "auch Briefgeigen kann man"
    assert "auch Briefgeigen{d} kann man" in text
    assert "{d} geigen] singen (added below the line)" in text


def test_indentation_inside_a_substitution_is_no_space(page, text):
    assert reading(block(page, "Gerichts")) == "Gerichtsunterthanen, auch"
    assert "Gerichtsunterthanen, auch" in text


def test_deletions_are_shown_apart_and_left_out_of_the_reading_text(page, text):
    line = block(page, "auch und")
    assert reading(line) == "der auch und wünsche"
    assert line.xpath("del/text()") == ["gewiß", "hoffe "]
    assert shown(line) == "der gewiß auch und hoffe wünsche"  # never "hoffewünsche"
    assert "der auch und wünsche" in text


def test_substitution_reads_the_addition(page, text):
    line = block(page, "Glück")
    assert reading(line) == "Ich wünsche Glück"
    assert shown(line) == "Ich hoffe wünsche Glück"
    assert line.xpath(".//del/text()") == ["hoffe "] and line.xpath(".//ins/text()") == ["wünsche"]
    assert "Ich wünsche Glück" in text


def test_additions_are_read_and_say_where_they_stand(page, text):
    assert block(page, "neues").xpath("ins[@class='add']/@title") == ["added above the line"]
    assert "ein neues Wort" in text


def test_highlighting_of_each_kind_looks_different_and_not_like_an_addition(page, text):
    line = block(page, "ganz")
    assert line.xpath("u[@class='hi underline']/text()") == ["unterstrichen"]
    assert line.xpath("i[@class='hi italic']/text()") == ["kursiv"]
    kinds = block(page, "gesperrt")
    assert kinds.xpath("span/@class") == ["hi spaced", "hi antiqua", "hi underline-double"]
    assert kinds.xpath("sup[@class='hi superscript']/text()") == ["rn"]
    assert kinds.xpath("ins/@class") == ["add"]  # not u: an addition is marked otherwise (edition.css)
    assert "ganz unterstrichen und kursiv" in text and "H" + "rn" in text[text.index("gesperrt, Antiqua, doppelt, Hrn und eingefügt")]


def test_unclear_and_supplied(page, text):
    assert block(page, "kaum").xpath("span[@class='unclear']/text()") == ["lesbar"]
    supplied = block(page, "wird")
    assert reading(supplied) == "ergänzt wird"  # the brackets are the editor's marks
    assert shown(supplied) == "er [ gänzt ] wird".replace(" [ ", "[").replace(" ] ", "] ")
    assert "kaum lesbar hier" in text and "er[gänzt] wird" in text


def test_a_gap_stands_between_words(page, text):
    line = block(page, "Following")
    assert shown(line) == "vorher […] Following text"
    assert reading(line) == "vorher Following text"
    assert "vorher […] Following text" in text


def test_a_printed_mark_of_omission_and_a_gap_in_a_word_keep_the_source_spacing(page, text):
    assert shown(block(page, "seinem Brief")) == "…In seinem Brief, Ver[…]ung"
    assert "…In seinem Brief, Ver[…]ung" in text


def test_notes_with_and_without_anchors(page, text):
    line = block(page, "Ein Satz")
    assert line.xpath("a[@class='noteref']/@href") == ["#note-1", "#note-4"]  # the second at its anchor
    assert reading(line) == "Ein Satz weiter Ende."
    assert page.xpath("//section[@class='notes']//li/@id") == ["note-1", "note-2", "note-3", "note-4"]
    assert "Ein Satz[1] weiter[4] Ende." in text
    assert text[text.index("[1] sic!"):text.index("[1] sic!") + 4] == [
        "[1] sic!", "[2] Oswald Heer.", "[3] im Link", "[4] Eine verankerte Anmerkung."]
    assert "[4]" not in text[text.index("verbleibe ich Dein")]


def test_links_never_nest(page, text):
    """A name holding a note links its words, not the note's marker; inside a reference's link a
    marker is no link."""
    line = block(page, "Ein Name")
    assert not line.xpath(".//a//a")
    assert line.xpath(".//span[contains(@class, 'persName')]/a/text()") == ["mit Anmerkung"]
    assert line.xpath(".//span[contains(@class, 'persName')]/a[@class='noteref']/@href") == ["#note-2"]
    assert line.xpath(".//a[@class='ref']/span[@class='noteref']/@id") == ["noteref-3"]
    assert line.xpath(".//a[@class='ref']/span[@class='appref']/@id") == ["appref-f"]
    assert reading(line) == "Ein Name mit Anmerkung und ein Link mit Fehler."
    assert "Ein Name mit Anmerkung[2] und ein Link mit Fehler{f}[3]." in text


def test_tables_lists_and_figures(page, text):
    assert page.xpath("//table//td/text()") == ["Zelle eins", "Zelle zwei", "drei", "vier"]
    assert page.xpath("//ul/li/text()") == ["erstens", "zweitens"]
    assert page.xpath("//figure/figcaption/text()") == ["Eine Skizze"]
    assert page.xpath("//figure/p[@class='figdesc']/text()") == ["Zeichnung eines Hauses"]
    assert "Zelle eins | Zelle zwei\ndrei | vier" in text
    assert "- erstens\n- zweitens" in text
    assert "Eine Skizze" in text and not any("Zeichnung" in block for block in text)  # the editor's description


def test_hand_shifts_segments_names_and_foreign_words(page, text):
    assert reading(block(page, "erste Hand")) == "erste Hand zweite Hand"
    line = block(page, "Segment")
    assert reading(line) == "ein Segment und der Freund und appel comme d'abus"
    assert line.xpath("i[@class='foreign']/@lang") == ["fr"]  # xml:lang="fra": HTML wants the shortest tag
    assert "erste Hand zweite Hand" in text
    assert "ein Segment und der Freund und appel comme d'abus" in text


def test_front_and_back_are_part_of_the_text(page, text):
    divisions = page.xpath("//section[@class='text']/div[starts-with(@class, 'div ')]/@class")
    assert divisions == ["div div-opener", "div div-closer"]  # a division without a heading is no section
    assert text[0] == "Mein lieber Freund." and "verbleibe ich Dein" in text


def test_the_view_of_the_source_is_a_checkbox_and_its_label(page):
    toggle = page.xpath("//section[@class='text']/input[@type='checkbox'][@class='view-toggle']")
    assert len(toggle) == 1
    assert page.xpath("//label[@for=$id]/@data-pagefind-ignore", id=toggle[0].get("id")) == [""]


# ---- blocks inside paragraphs -------------------------------------------------------------

def test_blocks_inside_a_paragraph_keep_it_a_paragraph_and_their_words_apart(blocks_page):
    text = blocks_page.xpath("//section[@class='text']")[0]
    for p in text.xpath(".//p"):  # no block inside a p: the HTML parser would have split it
        assert not p.xpath(".//p | .//div | .//table | .//ul | .//ol | .//blockquote | .//section | .//figure"), \
            etree.tostring(p)
    paragraph = block(blocks_page, "Vor der Liste")
    assert reading(paragraph) == "Vor der Liste eins zwei nach der Liste."
    assert paragraph.xpath(".//span[@role='list']/span[@role='listitem']/text()") == ["eins", "zwei"]
    table = block(blocks_page, "Eine Tabelle").xpath(".//span[@role='table']")[0]
    assert [c.text for c in table.xpath(".//span[@role='cell']")] == ["Brot", "2", "Salz"]
    assert reading(block(blocks_page, "Er schrieb")) == "Er schrieb: Abschrift Erster Absatz. Zweiter Absatz. Soweit."


def test_a_paragraph_of_blocks_only_is_a_div_that_holds_them(blocks_page):
    only = blocks_page.xpath("//section[@class='text']/div[@class='p'][.//table]")
    assert len(only) == 1 and only[0].xpath(".//td/text()") == ["nur", "Tabelle"]
    postscript = blocks_page.xpath("//div[@class='postscript']/p/text()")
    assert postscript == ["Erstes P. S.", "Zweites P. S."]


def test_notes_with_paragraphs_and_notes_inside_notes(blocks_page):
    notes = blocks_page.xpath("//section[@class='notes']/ol/li")
    assert [n.get("id") for n in notes] == ["note-1", "note-2"]
    assert notes[0].xpath("p/text()")[0] == "Erster Absatz der Anmerkung."
    assert notes[0].xpath(".//a[@class='noteref']/@href") == ["#note-2"]


# ---- the one definition of the reading text, against both outputs -------------------------

READING_SOURCES = sorted(ROOTS.glob("*.xml")) + EDITION.document_files()


@pytest.mark.parametrize("source", READING_SOURCES, ids=lambda p: p.name)
def test_every_reading_word_is_on_the_page_and_in_the_text_in_order(source):
    root = etree.parse(str(source)).getroot()
    for tei in root.xpath("descendant-or-self::t:TEI[t:text]", namespaces=TEI_NS):
        body = tei.find("{http://www.tei-c.org/ns/1.0}text")
        page_html = html.fromstring(render(EDITION, source, "html").encode("utf-8"))
        if root is tei:
            article = page_html.xpath("//article")[0]
            assert page_words(article, bool(leading_heads(tei))) == document_words(tei)
        plain = render(EDITION, source, "text")
        assert find_run(words(reading_text(body, marks=True)), plain_words(plain)) >= 0


def test_the_apparatus_of_python_is_the_apparatus_of_the_pages(page):
    tei = etree.parse(str(PHENOMENA)).getroot()
    entries = apparatus(tei.find("{http://www.tei-c.org/ns/1.0}text"))
    assert [(e.marker, e.lemma, [(r.text, r.witnesses) for r in e.readings]) for e in entries] == [
        ("a", "Schar", [("Schaar", ())]),
        ("b", "earth", [("mud", ("B",)), ("clay", ("C", "D"))]),
        ("c", "ren", [("", ("B",))]),
        ("d", "geigen", [("singen", ())]),
        ("e", "", [("l", ())]),
        ("f", "Fehler", [("Feler", ())]),
    ]
    lemmas = page.xpath("//section[@class='apparatus']//span[@class='lemma']")
    assert [" ".join(span.text_content().split()) for span in lemmas] == [e.lemma for e in entries]


def test_the_search_index_gets_whole_words_of_the_reading_text(tmp_path):
    """pagefind reads the page as the build writes it: words whole, no deletion, no other reading."""
    import gzip
    import json

    from toolkit.pagefind_run import run_pagefind

    files = run_pagefind([("phenomena.html", render(EDITION, PHENOMENA, "html").encode("utf-8"))])
    fragments = [json.loads(gzip.decompress(data)[len(b"pagefind_dcd"):])
                 for name, data in files.items() if name.startswith("fragment/")]
    content = fragments[0]["content"]
    for whole in ("PartialRevisionen", "Donnersstags", "Vollziehung", "Montmorancy", "Gerichtsunterthanen",
                  "Gemischten", "Belohnung", "ergänzt", "Briefgeigen", "the earth children will"):
        assert whole in content, whole
    for not_read in ("gewiß", "hoffe", "Schaar wünsche", "Theil", "d. J.", "Zeichnung"):
        assert not_read not in content.split("Notes.")[0], not_read
