"""What real editions write, read into the metadata record: keys that are xml:ids, bare-id pointers,
URIs of any authority in idno type="uri", names surname first, personGrp, rs of any type, names of
the manuscript description, every place of an action, other action types, the date where the
edition put it, and dates that do not exist left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from toolkit.authority import AuthorityIndex, authority_of, identifiers_of, natural_order
from toolkit.metadata import ACTION_TYPES, DateSpec, letter, referenced_ids
from toolkit.xmlio import parse_bytes

TEI = "http://www.tei-c.org/ns/1.0"

REGISTER = f"""<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>r</title></titleStmt>
<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body>
<listPerson>
  <person xml:id="JP-003039"><idno type="uri"> http://d-nb.info/gnd/100802834</idno>
    <persName type="reg"><surname>Oertel</surname><forename>Friedrich Benedikt von</forename></persName></person>
  <person xml:id="JP-002430" sameAs="https://viaf.org/viaf/12345 #other">
    <persName type="reg"><surname>Levin</surname><forename>Rahel</forename></persName></person>
  <person xml:id="iv001"><persName><forename>Inés</forename> <surname>Valdivia</surname></persName></person>
  <personGrp xml:id="fam"><persName>Familie Oertel</persName></personGrp>
</listPerson>
<listPlace>
  <place xml:id="weimar"><placeName>Weimar</placeName><idno type="URI">https://sws.geonames.org/2812482</idno></place>
  <place xml:id="jena"><placeName>Jena</placeName></place>
</listPlace></body></text></TEI>"""


def document(tmp_path: Path, text: str, name: str = "letter.xml"):
    return parse_bytes(text.encode(), tmp_path / name)


def index(tmp_path: Path, key: str = "xml:id") -> AuthorityIndex:
    return AuthorityIndex.from_documents([document(tmp_path, REGISTER, "register.xml")], key=key)


def letter_text(profile: str = "", body: str = "<p>x</p>", source: str = "<p/>", title: str = "t") -> str:
    return (f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>'
            f"<publicationStmt><p/></publicationStmt><sourceDesc>{source}</sourceDesc></fileDesc>{profile}"
            f"</teiHeader><text><body>{body}</body></text></TEI>")


def test_identifiers_are_classified_by_the_address_they_hold(tmp_path):
    entries = index(tmp_path).entries
    assert entries["JP-003039"].identifiers == {"gnd": "http://d-nb.info/gnd/100802834"}
    assert entries["JP-002430"].identifiers == {"viaf": "https://viaf.org/viaf/12345"}  # from @sameAs
    assert entries["weimar"].uri("geonames") == "https://sws.geonames.org/2812482"
    assert authority_of("https://www.wikidata.org/entity/Q1") == "wikidata"
    assert authority_of("http://www.hls-dhs-dss.ch/textes/d/D1.php") == ""
    other = etree.fromstring(f'<person xmlns="{TEI}"><idno type="uri">http://www.hls-dhs-dss.ch/x</idno></person>')
    assert identifiers_of(other) == {"uri": "http://www.hls-dhs-dss.ch/x"}  # kept, as before, under its type


def test_names_are_said_forenames_first_and_sorted_by_surname(tmp_path):
    entries = index(tmp_path).entries
    assert entries["JP-003039"].name == "Friedrich Benedikt von Oertel"
    assert entries["JP-003039"].sort_name == "Oertel, Friedrich Benedikt von"
    assert entries["iv001"].name == "Inés Valdivia"  # already in that order: the text as it stands
    assert entries["fam"].kind == "person"  # personGrp is listed with the persons
    prose = etree.fromstring(f'<persName xmlns="{TEI}">Herr <surname>Oertel</surname> <forename>F.</forename></persName>')
    assert natural_order(prose) == ""  # written out as prose: left as it is


def test_keys_that_are_xml_ids_and_bare_pointers_lead_to_their_entries(tmp_path):
    authority = index(tmp_path)
    profile = ('<profileDesc><correspDesc><correspAction type="sent"><persName key="JP-003039">Oertel</persName>'
               '<placeName key="weimar">Weimar</placeName><date when="1795-03-02"/></correspAction>'
               '<correspAction type="received"><persName ref="JP-002430">Rahel</persName></correspAction>'
               "</correspDesc></profileDesc>")
    record = letter(document(tmp_path, letter_text(profile)), authority)
    assert [(p.ref, p.name) for p in record.senders] == [("JP-003039", "Friedrich Benedikt von Oertel")]
    assert [p.ref for p in record.recipients] == ["JP-002430"]  # ref="JP-002430": its "#" left out
    assert AuthorityIndex.from_documents([document(tmp_path, REGISTER, "r.xml")], key="").by_key == {}


def test_other_action_types_read_as_sending_receiving_or_neither(tmp_path):
    authority = index(tmp_path)
    profile = ('<profileDesc><correspDesc><correspAction type="sentBy"><persName ref="#JP-003039">O</persName>'
               '<placeName ref="#weimar">W</placeName><placeName ref="#jena">J</placeName></correspAction>'
               '<correspAction type="deliveredTo"><persName ref="#JP-002430">R</persName></correspAction>'
               '<correspAction type="read"><rs type="person" ref="#iv001">I</rs></correspAction>'
               "</correspDesc></profileDesc>")
    record = letter(document(tmp_path, letter_text(profile)), authority, action_types=ACTION_TYPES)
    assert [(a.type, a.tei_type) for a in record.actions] == [("sent", "sentBy"), ("received", "deliveredTo"),
                                                              ("read", "read")]
    assert [p.ref for p in record.actions[0].places] == ["weimar", "jena"]  # every place, the first as `place`
    assert record.actions[0].place.ref == "weimar"
    assert record.senders[0].ref == "JP-003039" and record.recipients[0].ref == "JP-002430"
    assert record.actions[2].parties[0].ref == "iv001"
    assert {"jena", "iv001", "weimar"} <= set(referenced_ids(record))
    custom = letter(document(tmp_path, letter_text(profile)), authority, action_types={**ACTION_TYPES, "read": "received"})
    assert [p.ref for p in custom.recipients] == ["JP-002430", "iv001"]


def test_names_of_any_kind_in_the_text_and_the_manuscript_description_reach_the_record(tmp_path):
    authority = index(tmp_path)
    body = ('<p><rs type="place" ref="#jena">the town</rs>, <rs ref="#JP-002430">she</rs>, '
            '<name key="fam">the family</name>, <persName ref="#nobody">X</persName></p>')
    source = '<msDesc><msIdentifier><settlement><placeName ref="#weimar">Weimar</placeName></settlement></msIdentifier></msDesc>'
    record = letter(document(tmp_path, letter_text(body=body, source=source)), authority)
    assert record.mentions == {"person": ["JP-002430", "fam", "nobody"], "place": ["jena"], "org": []}
    assert record.described == {"person": [], "place": ["weimar"], "org": []}


@pytest.mark.parametrize("where, profile, source, body, title, expected", [
    ("correspDesc", '<profileDesc><correspDesc><correspAction type="sent"><date when="1795-03-02"/></correspAction>'
     "</correspDesc></profileDesc>", "<p/>", '<p><dateline><date when="1795-03-01"/></dateline></p>', "t", "1795-03-02"),
    ("sourceDesc", "", '<msDesc><msIdentifier/><history><origin><origDate notBefore="1786" notAfter="1787-06"/></origin>'
     '</history></msDesc>', "<p/>", "t", "1786/1787-06"),
    ("dateline", "", '<listBibl><bibl><date when="1900"/></bibl></listBibl>', '<opener><dateline>Weimar, <date when="1795-03-02">2. März</date>'
     "</dateline></opener>", "t", "1795-03-02"),
    ("title", "", "<p/>", "<p/>", 'Brief vom <date when="1795-03-02">2. März 1795</date>', "1795-03-02"),
    ("", '<profileDesc><correspDesc><correspAction type="sent"><date when="1795-02-30"/></correspAction>'
     "</correspDesc></profileDesc>", "<p/>", '<p><dateline><date when="1795-03-01"/></dateline></p>', "t", ""),
])
def test_the_date_is_taken_where_the_edition_put_it_and_says_where(tmp_path, where, profile, source, body, title,
                                                                  expected):
    record = letter(document(tmp_path, letter_text(profile, body, source, title)))
    assert (record.date_source, record.date.iso) == (where, expected)
    assert record.date_inferred == (where not in ("", "correspDesc"))


def test_dates_that_do_not_exist_or_run_backwards_are_left_out():
    def spec(**attributes):
        element = etree.Element("date", {k.rstrip("_"): v for k, v in attributes.items()})
        element.text = "as written"
        return DateSpec.from_element(element)

    assert spec(when="1920-02-30").iso == "" and spec(when="1920-02-30").text == "as written"
    assert spec(when="1920-02-29").iso == "1920-02-29"
    assert spec(notBefore="1859-06-15", notAfter="1859-06-01").iso == ""
    assert spec(notBefore="1920", notAfter="1920-01").iso == "1920/1920-01"  # partial dates by the days they mean
    assert spec(from_="1920-10", to="1920-09-30").iso == ""
    assert spec(when="1920-13").given is False
