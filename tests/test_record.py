"""The parts of a document's record that say whose apparatus is whose and how a phrase naming
several entries is linked (toolkit/record.py), on small documents made here."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from toolkit.authority import AuthorityIndex
from toolkit.labels import Labels
from toolkit.metadata import letter
from toolkit.record import document_record
from toolkit.xmlio import parse_bytes

TK = "{urn:teikit}"
LABELS = Labels.for_language("en")
ENTRIES = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>E</title></titleStmt>
<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><standOff>
<listPerson><person xml:id="comp"><persName type="reg">Clara Compiler</persName></person>
<person xml:id="tr"><persName type="reg">Unknown translator</persName></person></listPerson>
<listOrg><org xml:id="r1"><orgName type="reg">1st Rifle Regiment</orgName></org>
<org xml:id="r2"><orgName type="reg">2nd Rifle Regiment</orgName></org>
<org xml:id="a"><orgName type="reg">Northern Army</orgName></org>
<org xml:id="b"><orgName type="reg">Northern Army Staff</orgName></org></listOrg></standOff></TEI>"""


def record(body: str, header: str = "") -> etree._Element:
    entries = parse_bytes(ENTRIES, Path("entries.xml"))
    data = f"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title type="main">T</title>
      <editor role="compiler" ref="#comp">Clara Compiler</editor></titleStmt><publicationStmt><p/></publicationStmt>
      <sourceDesc><bibl type="collection"><title level="m">Documents</title></bibl></sourceDesc></fileDesc>
      {header}</teiHeader><text><body>{body}</body></text></TEI>""".encode()
    document = parse_bytes(data, Path("1.xml"))
    authority = AuthorityIndex.from_documents([entries])
    return document_record(letter(document, authority), document, authority, LABELS, registers=authority,
                           params={"doc-id": "1"})


def test_a_phrase_naming_two_entries_is_split_at_the_words_that_tell_them_apart():
    found = record('<p>the <orgName ref="#r1 #r2">1st and 2nd Rifle Regiments</orgName> marched</p>')
    split = found.find(f"{TK}names/{TK}split")
    assert split.get("ref") == "#r1 #r2" and split.get("text") == "1st and 2nd Rifle Regiments"
    assert [(p.get("text"), p.get("entry")) for p in split] == [
        ("1st", "r1"), (" and ", None), ("2nd", "r2"), (" Rifle Regiments", None)]


def test_a_phrase_whose_entries_no_word_tells_apart_is_not_split():
    """"Staff" is Northern Army Staff's own word, but Northern Army has none: no split, no guess."""
    found = record('<p>the <orgName ref="#a #b">Northern Army and its Staff</orgName></p>'
                   '<p><orgName ref="#r1 #r2">the <hi>1st</hi> and 2nd Rifle Regiments</orgName></p>')
    assert found.findall(f"{TK}names/{TK}split") == []


def test_each_note_says_who_wrote_it_and_whether_the_editors_inferred_it():
    found = record('<p>a<note resp="#comp">signed</note> b<note resp="#tr" cert="medium">unsigned</note>'
                   ' c<note>the edition\'s</note></p>')
    assert [(n.get("n"), n.get("label")) for n in found.iter(f"{TK}note") if n.getparent().tag == f"{TK}notes"] == [
        ("1", "Note by Clara Compiler, compiler"),
        ("2", "Unsigned note. Attributed by the editors to: Unknown translator (probable)"),
        ("3", None)]


def test_the_citation_names_the_collection_and_its_compiler_and_a_date_line_says_whose_it_is():
    found = record('<opener><dateline resp="#comp"><date when="1920-01-02">2 January</date></dateline></opener><p>x</p>',
                   '<profileDesc><correspDesc><correspAction type="sent"><persName>X</persName>'
                   '<date when="1920-01-02" resp="#comp"/></correspAction></correspDesc></profileDesc>')
    assert found.find(f"{TK}cite").get("source") == "Clara Compiler (compiler), Documents"
    assert {d.get("line-by") for d in found.iter(f"{TK}date")} == {"the date line is by Clara Compiler, compiler"}
