"""The reading text (toolkit/reading.py): its rules one by one, the registers' quotations that
use it, and, on messy generated TEI (hypothesis), that the stylesheets' page and plain text
always hold exactly the words it says, and never a word of a deletion or another reading."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from toolkit.edition import Edition
from toolkit.passages import sentence_of, sentences_of
from toolkit.reading import (APART, JOIN, _text_at, _texts_at, apparatus, element_kinds, name_lists, output_problems, reading_text, reading_words,
                             words)
from toolkit.xslt import stylesheets

REPOSITORY = Path(__file__).resolve().parents[1]
TEI_NS = "http://www.tei-c.org/ns/1.0"
HEADER = ("<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p>"
          "</publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>")


def tei(body: str) -> etree._Element:
    return etree.fromstring(f'<TEI xmlns="{TEI_NS}" xml:lang="de">{HEADER}<text><body>{body}</body></text></TEI>')


def read(body: str, **options) -> str:
    return reading_text(tei(body).find(f"{{{TEI_NS}}}text"), **options)


# ---- the rules -------------------------------------------------------------------------------

@pytest.mark.parametrize("body, expected", [
    ("<p>Partial<lb break='no'/>Revisionen</p>", "PartialRevisionen"),
    ("<p>Partial\n   <lb break='no'/>\n   Revisionen</p>", "PartialRevisionen"),
    ("<p>die <hi>Ge<lb break='no'/></hi>\n   mischten</p>", "die Gemischten"),
    ("<p>Voll<pb n='3' break='no'/>ziehung und <lb/>mehr</p>", "Vollziehung und mehr"),
    ("<p>hat<space/>sich</p>", "hat sich"),
    ("<p>er<supplied>gänzt</supplied> wird</p>", "ergänzt wird"),
    ("<p>der <del>gewiß</del> auch</p>", "der auch"),
    ("<p>Ich <subst>\n  <del>hoffe</del>\n  <add>wünsche</add>\n</subst> Glück</p>", "Ich wünsche Glück"),
    ("<p>Gerichts<subst>\n <del>leute</del>\n <add>unterthanen</add>\n</subst>, auch</p>", "Gerichtsunterthanen, auch"),
    ("<p><choice><abbr>Prof.</abbr><expan>Professor</expan></choice> X</p>", "Professor X"),
    ("<p>Belohn<choice>\n <sic>l</sic>\n <corr type='deleted'/>\n</choice>ung</p>", "Belohnung"),
    ("<p><choice><orig>Theil</orig><reg>Teil</reg></choice></p>", "Teil"),
    ("<p><choice><seg>a</seg><seg>b</seg></choice></p>", "a"),
    ("<p>the <app><lem>earth</lem><rdg wit='#B'>mud</rdg></app> child</p>", "the earth child"),
    ("<p><app><rdg wit='#A'>first</rdg><rdg wit='#B'>second</rdg></app></p>", "first"),
    ("<p><app><rdgGrp><lem>grouped</lem><rdg>other</rdg></rdgGrp></app></p>", "grouped"),
    ("<p>Brief<mod type='variant'>\n <sic>geigen</sic>\n <add>singen</add>\n</mod> kann</p>", "Briefgeigen kann"),
    ("<p>Wort<note>eine Anmerkung</note> weiter</p>", "Wort weiter"),
    ("<p>vorher<gap reason='illegible'/>nachher, Ver<gap unit='chars'/>ung</p>", "vorher nachher, Verung"),
    ("<p>insert <metamark>#</metamark>here<anchor xml:id='a'/></p>", "insert here"),
    ("<p>eins</p><p>zwei</p>", "eins zwei"),
    ("<p>Vor<list><item>eins</item><item>zwei</item></list>nach</p>", "Vor eins zwei nach"),
    ("<p>a<table><row><cell>b</cell><cell>c</cell></row></table>d</p>", "a b c d"),
    ("<div><p>x</p><quote>y</quote></div>", "x y"),
    ("<p><hi>Ge<lb break='no'/></hi><lb break='no'/>mischt</p>", "Gemischt"),
    ("<p><choice><abbr>Bez.Rich<lb break='no'/>\n ter</abbr><expan>BezirksRichter</expan></choice> und\n"
     "  <lb/>weiter</p>", "BezirksRichter und weiter"),
    ("<p>Mo\u0304tmo</p>", "M\u014dtmo"),  # composed (NFC), as the page has it
])
def test_the_reading_text(body, expected):
    assert read(body) == expected


def test_with_marks_the_reading_text_is_the_plain_text_s_words():
    body = ("<p>Ein Satz<note>Anmerkung</note> mit <choice><sic>Schaar</sic><corr>Schar</corr></choice>,"
            " er<supplied>gänzt</supplied><gap/>ende.</p>")
    assert read(body, marks=True) == "Ein Satz[1] mit Schar{a}, er[gänzt] […] ende."


def test_a_note_read_for_itself_leaves_out_its_own_notes():
    note = tei("<p>x<note>außen <note>innen</note> weiter</note></p>").find(f".//{{{TEI_NS}}}note")
    assert reading_text(note) == "außen weiter"


def test_the_apparatus():
    entries = apparatus(tei(
        "<p><app><lem>earth</lem><rdg wit='#B #C'>mud</rdg><rdg wit='#D'/></app>"
        " <choice><abbr>Dr.</abbr><expan>Doktor</expan></choice>"  # not an entry: the editor's norm
        " <choice><sic>teh</sic><corr>the</corr></choice>"
        " <mod type='variant'><sic>geigen</sic><add place='below'>singen</add></mod>"
        " <del><app><lem>gone</lem><rdg>away</rdg></app></del></p>").find(f"{{{TEI_NS}}}text"))
    assert [(e.marker, e.lemma, [(r.text, r.witnesses, r.kind) for r in e.readings]) for e in entries] == [
        ("a", "earth", [("mud", ("B", "C"), "rdg"), ("", ("D",), "rdg")]),
        ("b", "the", [("teh", (), "sic")]),
        ("c", "geigen", [("singen", (), "add")]),
    ]


def test_nested_apps_have_entries_of_their_own():
    entries = apparatus(tei("<p><app><lem>a <app><lem>b</lem><rdg>c</rdg></app></lem><rdg>d</rdg></app></p>")
                        .find(f"{{{TEI_NS}}}text"))
    assert [(e.lemma, [r.text for r in e.readings]) for e in entries] == [("a b", ["d"]), ("b", ["c"])]


def test_the_element_lists_are_the_stylesheets():
    lists = name_lists()
    assert {"p", "head", "note"} <= lists["block"] and {"hi", "choice", "app", "lb"} <= lists["inline"]
    assert {"table", "list", "floatingText"} <= lists["structure"] and {"del", "note", "figDesc"} <= lists["not-read"]
    assert element_kinds()["p"] == "block" and element_kinds()["hi"] == "inline"


# ---- the registers quote the reading text ---------------------------------------------------

@pytest.mark.parametrize("body, quoted", [
    ("<p>Der <choice><abbr>Prof.</abbr><expan>Professor</expan></choice> <persName>Heer</persName> kam.</p>",
     "Der Professor Heer kam."),
    ("<p>Es wurde <subst><del>verhandelt</del><add>durchficht</add></subst> mit <persName>Heer</persName>.</p>",
     "Es wurde durchficht mit Heer."),
    ("<p>Herr <persName>Ge<lb break='no'/>\n  mischt</persName> kam<note>Zu Gemischt.</note> an.</p>",
     "Herr Gemischt kam an."),
])
def test_a_register_quotes_the_reading_text(body, quoted):
    name = tei(body).find(f".//{{{TEI_NS}}}persName")
    assert sentence_of(name) == quoted


def test_a_block_read_once_quotes_each_name_as_read_alone():
    """A record reads each block once for all its names (sentences_of): every sentence is the one
    sentence_of gives the name alone, on the edition's own letters."""
    edition = Edition.open(REPOSITORY)
    names = [name for path in edition.document_files()
             for name in etree.parse(str(path)).getroot().iter(*(f"{{{TEI_NS}}}{n}" for n in
                                                                  ("persName", "placeName", "orgName", "rs")))]
    assert len(names) > 50
    assert sentences_of(names) == [sentence_of(name) for name in names]


PIECES = st.lists(st.sampled_from(["a", "Z", ".", " ", "\t", "\n", JOIN, APART, "e\u0301", "\u0301", "é", "\u1100",
                                   "\u1161", "…", "x y", "Ä", "\u00a0"]), min_size=1, max_size=3).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=10).flatmap(
    lambda out: st.tuples(st.just(out), st.lists(st.none() | st.integers(0, len(out)), min_size=1, max_size=5))))
def test_one_normalisation_for_every_name_of_a_block_gives_what_one_each_gives(case):
    out, places = case
    assert _texts_at(out, places) == [_text_at(out, at) for at in places]


# ---- messy TEI: the stylesheets agree with the definition ------------------------------------

WORD = st.text(alphabet="abcdefghiklmnoprstuvwzäöüß", min_size=1, max_size=6)
SPACE = st.sampled_from(["", " ", "\n      ", "  "])
EMPTY = ["<lb/>", "<lb break='no'/>", "\n  <lb break='no'/>\n  ", "<pb n='2'/>", "<space/>", "<gap/>",
         "<gap unit='chars'/>"]
# What holds words: {} is where its content goes (or its two contents, {0} and {1}).
WRAPPERS = ["<hi rend='underline'>{}</hi>", "<hi rendition='#aq'>{}</hi>", "<add place='above'>{}</add>",
            "<note>{}</note>", "<supplied>{}</supplied>", "<persName>{}</persName>", "<quote><p>{}</p></quote>",
            "<del>{}</del>"]
PAIRS = ["<subst>{s}<del>{0}</del>{s}<add>{1}</add>{s}</subst>",
         "<choice>{s}<abbr>{0}</abbr>{s}<expan>{1}</expan>{s}</choice>",
         "<choice><sic>{0}</sic><corr>{1}</corr></choice>", "<choice><sic>{0}</sic><corr/></choice>",
         "<app>{s}<lem>{0}</lem>{s}<rdg wit='#B'>{1}</rdg>{s}</app>",
         "<mod type='variant'>{s}<sic>{0}</sic>{s}<add>{1}</add>{s}</mod>",
         "<list><item>{0}</item><item>{1}</item></list>",
         "<table><row><cell>{0}</cell><cell>{1}</cell></row></table>"]


@st.composite
def content(draw, depth: int = 0) -> str:
    """Mixed content as editions write it: words, whitespace and indentation, breaks, and the
    elements that split, glue or hide words, nested a few levels deep."""
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["word", "space", "empty", "wrap", "pair"] if depth < 3 else ["word", "space"]))
        if kind == "word":
            parts.append(draw(WORD))
        elif kind == "space":
            parts.append(draw(SPACE))
        elif kind == "empty":
            parts.append(draw(st.sampled_from(EMPTY)))
        elif kind == "wrap":
            parts.append(draw(st.sampled_from(WRAPPERS)).format(draw(content(depth + 1))))
        else:
            parts.append(draw(st.sampled_from(PAIRS)).format(draw(content(depth + 1)), draw(content(depth + 1)),
                                                            s=draw(SPACE)))
    return "".join(parts)


BODY = st.lists(content().map(lambda c: f"<p>{c}</p>"), min_size=1, max_size=3).map("\n".join)


@pytest.fixture(scope="module")
def styles():
    return stylesheets(Edition.open(REPOSITORY).xslt_dir)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(body=BODY)
def test_on_messy_tei_the_page_and_the_text_hold_the_reading_words(styles, body):
    document = tei(body)
    page, plain = styles.transform("html", document), styles.transform("text", document)
    assert output_problems(document, page, plain) == []


@settings(max_examples=200, deadline=None)
@given(kept=WORD, deleted=WORD, other=WORD, space=SPACE)
def test_deletions_and_other_readings_are_never_read(kept, deleted, other, space):
    deleted, other = "q" + deleted, "j" + other  # letters the kept word never has
    text = read(f"<p>{kept}{space}<del>{deleted}</del>{space}<app><lem>{kept}</lem><rdg>{other}</rdg></app>"
                f"<choice><sic>{other}</sic><corr>{kept}</corr></choice></p>")
    assert deleted not in text and other not in text
    assert re.fullmatch(r"[\w ]+", text) and set(words(text)) <= {kept, kept + kept, kept * 3}


@settings(max_examples=200, deadline=None)
@given(left=WORD, right=WORD, before=SPACE, after=SPACE)
def test_a_break_inside_a_word_joins_it_whatever_the_whitespace(left, right, before, after):
    assert reading_words(tei(f"<p>{left}{before}<lb break='no'/>{after}{right}</p>")) == [left + right]
