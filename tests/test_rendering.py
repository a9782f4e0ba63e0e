"""Every reading word of real letters survives into the page and the plain text: one test per
TEI phenomenon (tests/roots/render/phenomena.xml). HTML is checked by XPath, text exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree, html

from toolkit.edition import Edition
from toolkit.render import render

REPOSITORY = Path(__file__).resolve().parents[1]
PHENOMENA = Path(__file__).resolve().parent / "roots" / "render" / "phenomena.xml"
EDITION = Edition.open(REPOSITORY)
# Marks the page adds around the words (note numbers, page numbers, screen-reader wording,
# the other reading of a choice) and deletions, which are not part of the reading text.
NOT_READ = ("del", "a[@class = 'noteref']", "*[contains(@class, 'alternative')]", "*[contains(@class, 'visually-hidden')]",
            "*[@class = 'pb']", "*[@aria-hidden = 'true']")


@pytest.fixture(scope="module")
def page() -> etree._Element:
    return html.fromstring(render(EDITION, PHENOMENA, "html").encode("utf-8"))


@pytest.fixture(scope="module")
def text() -> list[str]:
    return render(EDITION, PHENOMENA, "text").split("\n\n")


def block(page, words: str) -> etree._Element:
    """The one block of the text whose words contain `words`."""
    found = page.xpath(f"//section[@class='text']//*[self::p or self::li or self::td or self::figcaption]"
                       f"[contains(normalize-space(), '{words}')]")
    assert len(found) == 1, (words, [etree.tostring(f) for f in found])
    return found[0]


def reading(element) -> str:
    """The words a reader reads: the block's text without the marks and deletions."""
    copy = html.fromstring(etree.tostring(element))
    for mark in copy.xpath(" | ".join(f".//{m}" for m in NOT_READ)):
        mark.drop_tree()
    return " ".join(copy.text_content().split())


def shown(element) -> str:
    """Everything the page shows, deletions and marks included."""
    return " ".join(element.text_content().split())


def test_space_is_a_space(page, text):
    assert reading(block(page, "hat")) == "hat sich"
    assert page.xpath("//span[@class='space']/text()") == [" "]
    assert "hat sich" in text


def test_line_breaks_keep_words_apart_unless_break_no(page, text):
    line = block(page, "zweite Zeile")
    assert reading(line) == "erste zweite Zeile, PartialRevisionen, Donnersstags"  # line-end whitespace ignored
    assert len(line.xpath("br")) == 4 and line.xpath("br[position() > 1]/@class") == ["break-no"] * 3
    assert "erste zweite Zeile, PartialRevisionen, Donnersstags" in text


def test_page_breaks_show_the_page_and_keep_words_apart_unless_break_no(page, text):
    line = block(page, "stehen")
    assert reading(line) == "stehen Gerichte, Vollziehung"
    assert line.xpath("span[@class='pb']/text()") == ["|2|", "|3|"]
    assert "stehen Gerichte, Vollziehung" in text


def test_choice_shows_one_reading_and_keeps_the_other(page, text):
    line = block(page, "dieses Jahr")
    assert reading(line) == "dieses Jahr, Schar, Teil"
    assert line.xpath("span[@class='choice']/span[contains(@class, 'alternative')]/text()") == [
        " [abbr: d. J.]", " [sic: Schaar]", " [orig: Theil]"]
    assert "dieses Jahr [abbr: d. J.], Schar [sic: Schaar], Teil [orig: Theil]" in text


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


def test_additions_are_read(page, text):
    assert block(page, "neues").xpath("ins/text()") == ["neues"]
    assert "ein neues Wort" in text


def test_highlighting(page, text):
    line = block(page, "ganz")
    assert line.xpath("u/text()") == ["unterstrichen"] and line.xpath("em/text()") == ["kursiv"]
    assert "ganz unterstrichen und kursiv" in text


def test_unclear_and_supplied(page, text):
    assert block(page, "kaum").xpath("span[@class='unclear']/text()") == ["lesbar"]
    assert block(page, "wird").xpath("span[@class='supplied']/text()") == ["[gänzt]"]
    assert "kaum lesbar hier" in text and "er[gänzt] wird" in text


def test_a_gap_stands_between_words(page, text):
    line = block(page, "Following")
    assert shown(line) == "vorher […][Illegible text] Following text"
    assert reading(line) == "vorher Following text"
    assert "vorher […] Following text" in text


def test_a_printed_mark_of_omission_and_a_gap_in_a_word_keep_the_source_spacing(page, text):
    assert shown(block(page, "seinem Brief")) == "…[Text omitted]In seinem Brief, Ver[…][Text lost to damage]ung"
    assert "…In seinem Brief, Ver[…]ung" in text


def test_notes_with_and_without_anchors(page, text):
    line = block(page, "Ein Satz")
    assert line.xpath("a[@class='noteref']/@href") == ["#note-1", "#note-2"]  # the second at its anchor
    assert reading(line) == "Ein Satz weiter Ende."
    assert page.xpath("//section[@class='notes']//li/@id") == ["note-1", "note-2"]
    assert "Ein Satz[1] weiter[2] Ende." in text
    assert text[-2:] == ["[1] sic!", "[2] Eine verankerte Anmerkung.\n"]
    assert "[2]" not in text[text.index("verbleibe ich Dein")]


def test_tables_lists_and_figures(page, text):
    assert page.xpath("//table//td/text()") == ["Zelle eins", "Zelle zwei", "drei", "vier"]
    assert page.xpath("//ul/li/text()") == ["erstens", "zweitens"]
    assert page.xpath("//figure/figcaption/text()") == ["Eine Skizze"]
    assert page.xpath("//figure/p[@class='figdesc']/text()") == ["Zeichnung eines Hauses"]
    assert "Zelle eins | Zelle zwei\ndrei | vier" in text
    assert "- erstens\n- zweitens" in text
    assert "Eine Skizze" in text and "Zeichnung eines Hauses" in text


def test_hand_shifts_segments_names_and_foreign_words(page, text):
    assert reading(block(page, "erste Hand")) == "erste Hand zweite Hand"
    line = block(page, "Segment")
    assert reading(line) == "ein Segment und der Freund und appel comme d'abus"
    assert line.xpath("i[@class='foreign']/@lang") == ["fr"]
    assert "erste Hand zweite Hand" in text
    assert "ein Segment und der Freund und appel comme d'abus" in text


def test_front_and_back_are_part_of_the_text(page, text):
    sections = page.xpath("//section[@class='text']/section/@class")
    assert sections == ["div div-opener", "div div-closer"]
    assert text[0] == "Mein lieber Freund." and "verbleibe ich Dein" in text
