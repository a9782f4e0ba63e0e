"""The encoded corpus in tei/ keeps the promises of docs/encoding.md.

These tests read the edition's own files; they check the scholarly encoding (numbers,
names, archival references, correspondence), not the toolkit.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TEI_DIR = Path(__file__).resolve().parents[1] / "tei"
NUMBERS = [str(n) for n in range(533, 543)]
INFERRED = {"533", "536", "538", "541", "542"}
NAME_TAGS = {f"{{{TEI}}}{name}" for name in ("persName", "placeName", "orgName")}


def parse(name: str) -> etree._ElementTree:
    return etree.parse(str(TEI_DIR / name), etree.XMLParser(resolve_entities=False, no_network=True))


def words(element) -> str:
    return " ".join("".join(element.itertext()).split())


@pytest.fixture(scope="module")
def documents() -> dict[str, etree._ElementTree]:
    return {number: parse(f"{number}.xml") for number in NUMBERS}


@pytest.fixture(scope="module")
def authority() -> dict[str, etree._Element]:
    entries = {}
    for name in ("persons.xml", "places.xml", "orgs.xml", "edition.xml"):
        for element in parse(name).iter():
            if isinstance(element.tag, str) and element.get(XML_ID):
                entries[element.get(XML_ID)] = element
    return entries


def test_one_file_per_document_named_by_its_number():
    found = sorted(p.stem for p in TEI_DIR.glob("5*.xml"))
    assert found == NUMBERS


@pytest.mark.parametrize("number", NUMBERS)
def test_number_is_recorded_and_inferred_numbers_are_marked(documents, number):
    root = documents[number].getroot()
    assert root.get(XML_ID) == f"d{number}"
    idno = root.find(".//t:publicationStmt/t:idno[@type='document-number']", NS)
    scope = root.find(".//t:sourceDesc/t:bibl[@type='collection']/t:biblScope[@unit='document']", NS)
    printed = root.find(".//t:body/t:head[@type='number']", NS)
    assert idno.text == scope.text == number
    if number in INFERRED:
        assert idno.get("cert") and scope.get("cert"), "an inferred number carries @cert"
        assert root.find(".//t:sourceDesc/t:bibl[@type='collection']/t:note[@type='inferred']", NS) is not None
        assert printed is None, "an inferred number is not part of the text"
    else:
        assert idno.get("cert") is None
        assert printed is not None and printed.text == f"No. {number}"


def _untagged_text(body) -> list[str]:
    """Text of the body that is not inside a persName/placeName/orgName."""
    pieces = []

    def walk(element, inside_name):
        inside = inside_name or element.tag in NAME_TAGS
        if element.text and not inside:
            pieces.append(element.text)
        for child in element:
            if isinstance(child.tag, str):
                walk(child, inside)
            if child.tail and not inside:
                pieces.append(child.tail)

    walk(body, False)
    return pieces


@pytest.mark.parametrize("number", NUMBERS)
def test_every_name_form_of_the_authority_files_is_tagged_where_it_occurs(documents, authority, number):
    forms = {
        " ".join("".join(name.itertext()).split())
        for entry in authority.values()
        if etree.QName(entry).localname in ("person", "place", "org")
        for name in entry.xpath("t:persName | t:placeName | t:orgName", namespaces=NS)
    }
    untagged = " | ".join(_untagged_text(documents[number].find(".//t:text", NS)))
    missed = [
        form for form in sorted(forms)
        if len(form) > 2 and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", untagged)
    ]
    assert missed == [], f"{number}.xml names these without tagging them"


@pytest.mark.parametrize("number", NUMBERS)
def test_every_reference_resolves_to_an_entry_of_the_right_kind(documents, authority, number):
    expected = {"persName": "person", "placeName": "place", "orgName": "org"}
    for element in documents[number].iter(*NAME_TAGS):
        assert element.get("ref"), f"{number}.xml:{element.sourceline}: name without @ref"
        for ref in element.get("ref").split():
            entry = authority.get(ref.removeprefix("#"))
            assert entry is not None, f"{number}.xml:{element.sourceline}: unknown {ref}"
            assert etree.QName(entry).localname == expected[etree.QName(element).localname]


FOLIO = re.compile(r"^ll?\. (\d+)( verso)?(?:–(\d+)( verso)?)?$")


def _printed_folios(text: str) -> tuple[str, str]:
    """'ll. 79–81 verso' -> ('79', '81v'); 'l. 182 verso' -> ('182v', '182v')."""
    match = FOLIO.match(text)
    assert match, f"unexpected folio statement {text!r}"
    first, first_verso, last, last_verso = match.groups()
    start = first + ("v" if first_verso else "")
    end = (last + ("v" if last_verso else "")) if last else start
    return start, end


@pytest.mark.parametrize("number", NUMBERS)
def test_archival_references_are_structured_and_agree_with_the_printed_text(documents, authority, number):
    bibls = documents[number].findall(".//t:sourceDesc/t:listBibl[@type='sources']/t:bibl[@type='archival']", NS)
    assert bibls, "every document has an archival reference"
    for bibl in bibls:
        repository = bibl.find("t:orgName[@type='repository']", NS)
        entry = authority[repository.get("ref").removeprefix("#")]
        assert entry.getparent().get("type") == "repositories"
        for part in ("fond", "opis", "delo"):
            idno = bibl.find(f"t:idno[@type='{part}']", NS)
            assert idno is not None and idno.text.strip(), f"{number}.xml: {part} missing"
            assert f"{ {'fond': 'f.', 'opis': 'op.', 'delo': 'd.'}[part]} {idno.text}" in words(bibl)
        folios = bibl.find("t:citedRange[@unit='folio']", NS)
        assert (folios.get("from"), folios.get("to")) == _printed_folios(words(folios))
        kind = bibl.get("subtype")
        printed_kind = {None: None, "copy": "Copy", "official-copy": "Official copy", "certified-copy": "Certified copy",
                        "typescript": "Typescript", "telegraph-form": "Telegraph form", "printed-copy": "Printed copy"}[kind]
        if printed_kind:
            assert re.search(rf"\b{printed_kind}[.;]", words(bibl)), f"{number}.xml: kind {kind} not printed"


def test_papka_is_recorded_where_printed(documents):
    papkas = {n: [i.text for i in d.iterfind(".//t:idno[@type='papka']", NS)] for n, d in documents.items()}
    assert papkas["539"] == papkas["540"] == ["321a"]
    assert papkas["542"] == ["1"]


def test_publication_is_a_bibl_of_its_own(documents):
    bibl = documents["536"].find(".//t:listBibl[@type='sources']/t:bibl[@type='publication']", NS)
    printed = " ".join("".join(bibl.xpath(".//text()[not(ancestor::t:note)]", namespaces=NS)).split())
    assert printed == "Published in: Nagorno-Karabakh in 1918–1923, Yerevan, 1992, doc. no. 408."


@pytest.mark.parametrize("number", NUMBERS)
def test_correspondence_has_a_dated_sender_and_an_addressee(documents, number):
    desc = documents[number].find(".//t:correspDesc", NS)
    sent = desc.findall("t:correspAction[@type='sent']", NS)
    received = desc.findall("t:correspAction[@type='received']", NS)
    assert len(sent) == 1 and received
    date = sent[0].find("t:date", NS)
    assert date is not None and (date.get("when") or date.get("notAfter"))


def test_no_later_than_becomes_not_after(documents):
    date = documents["535"].find(".//t:correspAction[@type='sent']/t:date", NS)
    assert date.attrib == {"notAfter": "1920-09-01", "resp": "#barsegov"}


@pytest.mark.parametrize("number", NUMBERS)
def test_the_compilers_datings_carry_his_resp(documents, number):
    """The date and place line stands in Barsegov's heading block: it is his dating, in the text and
    in the correspondence metadata taken from it (dates of every turn, places of sending)."""
    root = documents[number].getroot()
    datelines = root.findall(".//t:body//t:dateline", NS)
    assert [d.get("resp") for d in datelines] == ["#barsegov"]
    printed = {a: v for d in datelines[0].iterfind(".//t:date", NS) for a, v in d.attrib.items()}
    for desc in root.iterfind(".//t:profileDesc/t:correspDesc", NS):
        sent = desc.find("t:correspAction[@type='sent']", NS)
        date = sent.find("t:date", NS)
        assert date.get("resp") == "#barsegov", f"{number}.xml:{date.sourceline}"
        assert {a: v for a, v in date.attrib.items() if a != "resp"} == printed
        for place in sent.iterfind("t:placeName", NS):
            assert place.get("resp") == "#barsegov", f"{number}.xml:{place.sourceline}"


def test_rostov_as_rostov_on_don_is_marked_as_an_inference(documents, authority):
    for place in documents["533"].iterfind(".//t:placeName[@ref='#rostov']", NS):
        assert place.get("cert") == "high", place.sourceline
    notes = " ".join(words(n) for n in authority["rostov"].findall("t:note", NS) if n.get("type") != "authority")
    assert "gives only “Rostov”" in notes and "inference" in notes
    # the description the register shows says so too, not "place of dispatch of doc. 533"
    assert "an inference" in words(authority["rostov"].find("t:desc", NS))


def test_copies_are_received_with_subtype_cc(documents):
    cc = documents["533"].findall(".//t:correspAction[@type='received'][@subtype='cc']", NS)
    assert [words(a.find("t:*", NS)) for a in cc] == [
        "Georgy Chicherin", "Boris Legran", "Revolutionary Military Council of the 11th Red Army"]


def _parties(desc, kind):
    return [p.get("ref") for p in desc.xpath(f"t:correspAction[@type='{kind}']/t:persName", namespaces=NS)]


def test_a_conversation_is_two_turns_and_nobody_speaks_to_himself(documents):
    root = documents["535"].getroot()
    turns = root.findall(".//t:profileDesc/t:correspDesc", NS)
    assert [(_parties(d, "sent"), _parties(d, "received")) for d in turns] == [
        (["#narimanov"], ["#ordzhonikidze"]), (["#ordzhonikidze"], ["#narimanov"])]
    # Each turn points to its part of the text, and the text marks who speaks there.
    for desc in turns:
        sp = root.xpath("//t:sp[@xml:id=$id]", namespaces=NS, id=desc.get("corresp").removeprefix("#"))
        assert len(sp) == 1 and sp[0].get("who") == _parties(desc, "sent")[0]
    assert words(root.find(".//t:sp[2]/t:speaker", NS)) == "Ordzhonikidze"
    assert words(root.find(".//t:sp[1]/t:p", NS)).startswith("Comrade Narimanov speaking.")


def test_the_direct_line_is_said_to_be_an_inference(documents):
    notes = " ".join(words(n) for n in documents["535"].iterfind(".//t:correspDesc/t:note", NS))
    assert "direct line" in notes and "inference" in notes and "Telegraph form" in notes


@pytest.mark.parametrize("number", NUMBERS)
def test_no_self_addressed_action_pair(documents, number):
    for desc in documents[number].iterfind(".//t:correspDesc", NS):
        assert not set(_parties(desc, "sent")) & set(_parties(desc, "received"))


@pytest.mark.parametrize("number", NUMBERS)
def test_places_only_where_the_source_states_them(documents, number):
    """A place of sending is the dateline's; a place of receipt is never inferred from an office."""
    root = documents[number].getroot()
    dateline = {p.get("ref") for p in root.iterfind(".//t:body//t:dateline//t:placeName", NS)}
    for place in root.iterfind(".//t:correspAction/t:placeName", NS):
        marked = place.get("cert") or place.get("evidence")
        stated = place.getparent().get("type") == "sent" and place.get("ref") in dateline
        assert stated or marked, f"{number}.xml:{place.sourceline}: place without a source statement or mark"
    assert not root.findall(".//t:correspAction[@type='received']/t:placeName", NS)


def test_places_of_sending_are_those_of_the_datelines(documents):
    sent = {n: [p.get("ref") for p in d.iterfind(".//t:correspAction[@type='sent']/t:placeName", NS)]
            for n, d in documents.items()}
    assert {n: refs for n, refs in sent.items() if refs} == {"533": ["#rostov"], "538": ["#tiflis"]}


@pytest.mark.parametrize("number", NUMBERS)
def test_headings_are_the_compilers_and_the_main_title_is_neutral(documents, number):
    root = documents[number].getroot()
    for head in root.iterfind(".//t:body/t:head", NS):
        if head.get("type") != "number":
            assert head.get("resp") == "#barsegov", f"{number}.xml:{head.sourceline}"
    main = words(root.find(".//t:titleStmt/t:title[@type='main']", NS))
    compiler = root.find(".//t:titleStmt/t:title[@type='compiler']", NS)
    assert compiler.get("resp") == "#barsegov"
    assert re.fullmatch(r"[^,]+(?: to .+|, (?:record of a conversation|report)), (?:no later than )?\d{1,2} \w+ 1920", main), main
    assert not re.search(r"conspiracy|destroy|Violation|Complicity|Unacceptability", main)
    # The compiler's title is his whole heading: every head that is not the number, notes left out.
    heads = [h for h in root.iterfind(".//t:body/t:head", NS) if h.get("type") != "number"]
    printed = " ".join(" ".join("".join(h.xpath(".//text()[not(ancestor::t:note)]", namespaces=NS)).split()) for h in heads)
    assert words(compiler) == printed


@pytest.mark.parametrize("number", NUMBERS)
def test_the_edition_names_each_person_correspondent_in_one_form(documents, authority, number):
    """The edition's own metadata (correspDesc, main title) use the entry's regular form: "Kâzım
    Karabekir", "Hamazasp Ohanjanyan", whatever form the compiler prints."""
    root = documents[number].getroot()
    main = words(root.find(".//t:titleStmt/t:title[@type='main']", NS))
    for name in root.iterfind(".//t:correspAction/t:persName", NS):
        entry = authority[name.get("ref").lstrip("#")]
        regular = _forms(entry)[0]
        assert words(name) == regular, f"{number}.xml:{name.sourceline}"
        surname = entry.find("t:persName[@type='reg']/t:surname", NS)
        if surname is not None and words(surname) in main:
            assert regular in main, (number, main)


def test_every_life_date_says_where_it_was_read(authority):
    """A year of birth or death stands in a note that names its source: the note on an identifier
    read with it, else a note type="life-dates" with the address of the stored page."""
    for entry_id, entry in _entries(authority).items():
        years = [e.get("when", "")[:4] for e in entry.xpath("t:birth | t:death", namespaces=NS)]
        if not years:
            continue
        sourced = [words(n) for n in entry.xpath("t:note[@type='authority' or @type='life-dates'][t:ref/@target]",
                                                 namespaces=NS)]
        assert any(all(year in note for year in years) for note in sourced), entry_id


def test_coordinates_are_those_of_the_cited_geonames_record(authority):
    """A city's coordinates are its GeoNames record's, as the identifier note quotes them, rounded."""
    found = 0
    for entry_id, entry in _entries(authority).items():
        for geo in entry.iterfind("t:location/t:geo", NS):
            note = next(words(n) for n in _authority_notes(entry) if "sws.geonames.org" in words(n))
            latitude, longitude = re.search(r" at (-?[\d.]+), (-?[\d.]+)", note).groups()
            assert words(geo) == f"{float(latitude):.2f} {float(longitude):.2f}", entry_id
            found += 1
    assert found == 5


def test_the_edition_title_keeps_the_copies_and_the_subject_of_533_and_536(documents):
    assert "(Copy to:" in words(documents["533"].find(".//t:title[@type='compiler']", NS))
    assert words(documents["536"].find(".//t:title[@type='compiler']", NS)).endswith("by Russian-Azerbaijani Troops")


@pytest.mark.parametrize("number", NUMBERS)
def test_emphasis_statement_stands_after_the_archival_reference(documents, number):
    root = documents[number].getroot()
    statements = [n for n in root.iter(f"{{{TEI}}}note") if words(n).startswith("(Emphasis added")]
    assert len(statements) == (0 if number in ("535", "540") else 1)
    last_reference = root.findall(".//t:listBibl[@type='sources']/t:bibl", NS)[-1]
    for note in statements:
        assert note.getparent() is last_reference and note.get("subtype") == "emphasis-not-reproduced"
    for note in root.find("t:text", NS).iter(f"{{{TEI}}}note"):
        assert note.get("place") == "end", "a note anchored in the text records that it was printed after the reference"


def test_the_edition_says_the_emphasis_is_lost(edition_header):
    decl = words(edition_header.find(".//t:editorialDecl", NS))
    assert "does not reproduce the emphasis" in decl
    assert "The emphasis itself is lost" in words(edition_header.find(".//t:text", NS))


@pytest.mark.parametrize("number", NUMBERS)
def test_the_two_marks_of_omission_stay_distinct(documents, number):
    gaps = documents[number].find(".//t:text", NS).iter(f"{{{TEI}}}gap")
    expected = {"534": "ellipsis", "536": "ellipsis"}
    for index, gap in enumerate(gaps):
        assert gap.get("rend") == (expected.get(number, "angle-brackets") if index == 0 else "angle-brackets")


@pytest.fixture(scope="module")
def edition_header() -> etree._Element:
    return parse("edition.xml").getroot()


def test_front_matter_claims_only_what_is_true(edition_header, documents):
    decl = words(edition_header.find(".//t:encodingDesc", NS))
    numbers = [d.find(".//t:idno[@type='document-number']", NS) for d in documents.values()]
    if "evidence" in decl.split("Document numbers.")[1].split(".")[0]:
        assert all(n.get("evidence") for n in numbers if n.get("cert"))
    assert "some of them encrypted" not in decl and "encrypted: docs." not in decl
    encrypted = [n for n, d in documents.items() if "encrypted" in words(d.find(".//t:text", NS))]
    assert encrypted == ["533"]
    assert not edition_header.xpath("//t:idno[@type='url'][contains(., 'example.')]", namespaces=NS)


@pytest.mark.parametrize("name", [*(f"{n}.xml" for n in NUMBERS), "edition.xml", "persons.xml", "places.xml", "orgs.xml"])
def test_the_licence_covers_what_the_edition_owns_and_not_the_translation(name):
    availability = parse(name).find(".//t:availability", NS)
    licence = words(availability.find("t:licence", NS))
    assert not licence.startswith("Creative Commons"), "the licence names what it covers"
    if name[0].isdigit() or name == "edition.xml":
        assert availability.get("status") == "unknown"
        assert "translator is unknown" in words(availability.find("t:p", NS))


@pytest.mark.parametrize("number", NUMBERS)
def test_the_compiler_is_named_as_compiler(documents, number):
    editors = documents[number].findall(".//t:titleStmt/t:editor", NS)
    assert [(e.get("ref"), e.get("role")) for e in editors] == [("#barsegov", "compiler")]


@pytest.mark.parametrize("number", NUMBERS)
def test_dates_in_the_text_are_normalised(documents, number):
    for date in documents[number].find(".//t:text", NS).iter(f"{{{TEI}}}date"):
        values = [date.get(a) for a in ("when", "notBefore", "notAfter") if date.get(a)]
        assert values, f"{number}.xml:{date.sourceline}: date without a normalised value"
        assert all(re.fullmatch(r"1920-\d\d-\d\d", v) for v in values), f"{number}.xml:{date.sourceline}"


@pytest.mark.parametrize("number", NUMBERS)
def test_editorial_notes_belong_to_the_compiler_and_gaps_are_marked(documents, number):
    text = documents[number].find(".//t:text", NS)
    for note in text.iter(f"{{{TEI}}}note"):
        expected = "#translator" if "“desire,”" in words(note) else "#barsegov"
        assert note.get("resp") == expected and note.get("type") == "editorial"
    for gap in text.iter(f"{{{TEI}}}gap"):
        assert gap.get("reason") == "omitted"
    assert "<…>" not in words(text) and "…" not in words(text), "omission marks are gaps, not characters"


def test_metadata_takes_the_main_title_even_when_another_comes_first(tmp_path):
    from toolkit.metadata import letter
    from toolkit.xmlio import parse_file

    source = (TEI_DIR / "537.xml").read_text(encoding="utf-8").replace(
        '<title type="main">', '<title type="short">Before</title><title type="main">', 1)
    path = tmp_path / "537.xml"
    path.write_text(source, encoding="utf-8")
    assert letter(parse_file(path)).title == "Georgy Chicherin to Sergei Kirov, 4 September 1920"


# --- authority files after review -----------------------------------------------------------

def _forms(entry) -> list[str]:
    return [words(n) for n in entry.xpath("t:persName | t:placeName | t:orgName", namespaces=NS)]


def test_a_name_form_names_one_entry_and_one_body(authority):
    """A variant is a name of that entry: not a phrase naming two regiments, not a form two entries share
    (the town and the district of Nakhichevan are two entries and may share their one name)."""
    owners: dict[str, set[str]] = {}
    for entry_id, entry in authority.items():
        if etree.QName(entry).localname in ("person", "place", "org"):
            for form in _forms(entry):
                owners.setdefault(form, set()).add(entry_id)
                assert not re.search(r" and .*(Regiments|Divisions)$", form), f"{entry_id}: {form!r} names two units"
    assert owners["Reds"] == {"red-army"}
    assert owners["Soviet Russia"] == {"rsfsr"}
    assert {k for k, v in owners.items() if len(v) > 1} <= {"Nakhichevan"}
    assert owners["Nakhichevan"] == {"nakhichevan", "nakhichevan-town"}


def test_every_authority_entry_is_used(documents, authority):
    used = {ref.removeprefix("#") for d in [*documents.values(), parse("edition.xml")]
            for e in d.iter() if isinstance(e.tag, str) for a in ("ref", "resp", "who") for ref in (e.get(a) or "").split()}
    unused = [i for i, e in authority.items() if etree.QName(e).localname in ("person", "place", "org")
              and i not in used and i != "teikit-editors"]
    assert unused == []


def test_the_town_and_the_district_of_nakhichevan_are_told_apart(documents):
    route = documents["538"].xpath("//t:placeName[following-sibling::*[1][@ref='#shakhtakhty']]", namespaces=NS)
    assert [p.get("ref") for p in route] == ["#nakhichevan-town"]
    assert documents["540"].xpath("//t:placeName[.='Nakhichevan']/@ref", namespaces=NS) == ["#nakhichevan"]


def test_uncertain_identifications_are_marked(documents):
    assert documents["533"].xpath("//t:orgName[.='Army Command']/@cert", namespaces=NS) == ["medium"]
    assert documents["535"].xpath("//t:p//t:orgName[.='Central Committee']/@cert", namespaces=NS) == ["medium"]


@pytest.mark.parametrize("entry_id", ["ohandjanyan", "halil-pasha", "shakhtakhtinsky"])
def test_an_identification_the_documents_do_not_make_is_said_to_be_the_editions(authority, entry_id):
    """"A. Ohandjanyan", "Halil Pasha", "Shakhtakhtinsky": the person the edition identifies is its reading."""
    notes = " ".join(words(n) for n in authority[entry_id].findall("t:note", NS) if n.get("type") is None)
    assert re.search(r"identification .* is the (edition’s|editors’)", notes), entry_id


def test_ter_gabrielyan_is_only_what_the_documents_say(authority):
    entry = authority["ter-gabrielyan"]
    assert "1921" not in words(entry) and entry.get("role") is None
    assert _forms(entry)[0] == "Ter-Gabrielyan"


AUTHORITY_SCHEMES = ("wikidata", "geonames", "viaf", "gnd")
SOURCE_ADDRESS = re.compile(r"https://github\.com/[^/\s]+/[^/\s]+/blob/[0-9a-f]{40}/\S+")
# The identifiers the review verified from a stored public source (docs/encoding.md, "Authority identifiers").
WIKIDATA, GND = "http://www.wikidata.org/entity/", "http://d-nb.info/gnd/"
VERIFIED = {
    "chicherin": {WIKIDATA + "Q313623", GND + "118666185"},
    "ordzhonikidze": {WIKIDATA + "Q259843", GND + "118736531"},
    "kirov": {WIKIDATA + "Q207682", GND + "119257343"},
    "lenin": {WIKIDATA + "Q1394", GND + "118640402"},
    "stalin": {WIKIDATA + "Q855", GND + "118642499"},
    "mustafa-kemal": {WIKIDATA + "Q5152", GND + "118650793"},
    **{place: {f"https://sws.geonames.org/{number}"} for place, number in {
        "kars": 743952, "ardahan": 751952, "nakhichevan-town": 147429, "shushi": 147105, "khankendi": 146970,
        "gerusy": 174895, "sarykamysh": 740088, "bayazet": 316411, "tabriz": 113646}.items()},
    **{place: {WIKIDATA + q, f"https://sws.geonames.org/{number}"} for place, (q, number) in {
        "moscow": ("Q649", 524901), "rostov": ("Q908", 501175), "tiflis": ("Q994", 611717), "baku": ("Q9248", 587084),
        "yerevan": ("Q1953", 616052), "batumi": ("Q25475", 615532), "alexandropol": ("Q199500", 616635)}.items()},
}
# Identifiers of the modern states (the reference records them as such; Turkey's Q43 is the
# republic of 1923): none belongs on a polity of 1918-1920.
MODERN_STATES = {WIKIDATA + q for q in ("Q399", "Q227", "Q230", "Q159", "Q43")} | {
    "https://sws.geonames.org/174982", "https://sws.geonames.org/587116"}


def _identifiers(entry) -> list[str]:
    return [words(i) for i in entry.xpath("t:idno", namespaces=NS) if i.get("type") in AUTHORITY_SCHEMES]


def _authority_notes(entry) -> list[etree._Element]:
    return entry.findall("t:note[@type='authority']", NS)


def _entries(authority):
    return {i: e for i, e in authority.items() if etree.QName(e).localname in ("person", "place", "org")}


@pytest.mark.parametrize("kind", ["person", "place", "org"])
def test_every_authority_identifier_has_a_note_saying_where_it_comes_from(authority, kind):
    """One note per identifier: verified (read in a stored source, named by its address) or not re-verified."""
    for entry_id, entry in _entries(authority).items():
        if etree.QName(entry).localname != kind:
            continue
        notes = _authority_notes(entry)
        identifiers = _identifiers(entry)
        if not identifiers:
            if entry.getparent().get("type") not in ("repositories", "editors"):
                assert [words(n) for n in notes] == ["No authority identifier verified."], entry_id
            continue
        assert len(notes) == len(identifiers), f"{entry_id}: one authority note per identifier"
        for uri in identifiers:
            about = [n for n in notes if words(n).split(": ")[0].endswith(f" {uri}")]
            assert len(about) == 1, f"{entry_id}: no note names {uri}"
            note = about[0]
            assert note.get("subtype") == "verified", f"{entry_id}: {uri} is not verified"
            sources = [r.get("target") for r in note.findall("t:ref", NS)]
            assert sources and all(SOURCE_ADDRESS.fullmatch(s) for s in sources), f"{entry_id}: {uri} names no source"


def test_the_verified_identifiers_are_exactly_those_the_review_read(authority):
    verified = {
        entry_id: {words(n).split(": ")[0].rsplit(" ", 1)[1] for n in _authority_notes(entry) if n.get("subtype") == "verified"}
        for entry_id, entry in _entries(authority).items()
    }
    assert {i: uris for i, uris in verified.items() if uris} == VERIFIED


def test_no_identifier_of_a_modern_state_on_a_polity_of_1920(authority):
    """The reference shows Q399 (inception 1991), Q227, Q230 and Q159 to be the modern states: a
    wrong identifier is worse than none, so the states of 1918-1920 have none."""
    reference = TEI_DIR.parent.parent / "shared" / "reference" / "authority" / "identifiers.json"
    if reference.is_file():
        import json
        recorded = {r["uri"] for r in json.loads(reference.read_text(encoding="utf-8")) if "MODERN" in r["entity"]}
        assert recorded <= MODERN_STATES and len(recorded) >= 4
    used = {words(i) for e in _entries(authority).values() for i in e.findall("t:idno", NS)}
    assert not used & MODERN_STATES
    for state in ("rsfsr", "russia", "armenia", "azerbaijan", "georgia", "turkey"):
        entry = authority[state]
        assert _identifiers(entry) == [], state
        assert [words(n) for n in _authority_notes(entry)] == ["No authority identifier verified."], state


def test_the_identifiers_agree_with_the_authority_reference(authority):
    """Every identifier the reference verified for an entry of the edition (and does not flag as a modern
    state) is in the entry, and its note cites the reference's source."""
    reference = TEI_DIR.parent.parent / "shared" / "reference" / "authority" / "identifiers.json"
    if not reference.is_file():
        pytest.skip("the authority reference is not beside the repository (../shared/reference/authority/identifiers.json)")
    import json
    for record in json.loads(reference.read_text(encoding="utf-8")):
        if "MODERN" in record["entity"] or "modern" in record["entity"]:
            continue
        entry = authority[record["entity"].split()[0]]
        assert record["uri"] in _identifiers(entry), record["entity"]
        note = next(n for n in _authority_notes(entry) if words(n).split(": ")[0].endswith(f" {record['uri']}"))
        cited = {r.get("target").split("#")[0] for r in note.findall("t:ref", NS)}
        assert {s.strip().split("#")[0] for s in record["source"].split(" ; ")} & cited, record["entity"]


def test_a_geonames_identifier_is_read_next_to_the_entrys_own_name(authority):
    """The GeoNames record names the place by one of the entry's forms (its name, or the form of 1920)."""
    for entry_id, uris in VERIFIED.items():
        entry = authority[entry_id]
        for uri in (u for u in uris if "geonames" in u):
            note = next(n for n in _authority_notes(entry) if uri in words(n))
            read = words(note).split("read in ", 1)[1].split(", in GeoNames", 1)[0]
            assert any(form.split(" (")[0] in read for form in _forms(entry)), f"{entry_id}: {read}"


def test_the_docs_list_every_entry_with_what_was_found(authority):
    """docs/encoding.md has the table of the review's search: every correspondent and every verified identifier."""
    table = (TEI_DIR.parent / "docs" / "encoding.md").read_text(encoding="utf-8").split("### Authority identifiers", 1)[1]
    for uris in VERIFIED.values():
        for uri in uris:
            assert re.search(rf"\b{uri.rsplit('/', 1)[1]}\b", table), uri
    for entry_id in CORRESPONDENTS:
        assert f"`{entry_id}`" in table, entry_id


CORRESPONDENTS = {
    "ordzhonikidze", "sklyansky", "chicherin", "legran", "karabekir", "narimanov", "vekilov", "agarov", "kirov",
    "lenin", "ohandjanyan", "bekzadyan", "rvs-11th-army", "red-army-11", "armenian-forces-hq",
}


def test_the_correspondents_are_those_of_the_correspdescs(documents):
    refs = {ref.removeprefix("#") for d in documents.values()
            for name in d.iterfind(".//t:correspAction/*[@ref]", NS) if etree.QName(name).localname != "placeName"
            for ref in name.get("ref").split()}
    assert refs == CORRESPONDENTS


@pytest.fixture(scope="module")
def cmif() -> etree._Element:
    from toolkit.edition import Edition
    from toolkit.exchange.cmif import export_cmif

    return etree.fromstring(export_cmif(Edition.open(TEI_DIR.parent)).text.encode("utf-8"))


def test_cmif_carries_the_verified_identifier_of_every_correspondent_and_place_that_has_one(documents, cmif):
    """Each correspondent (and place of sending) with a verified identifier is linked by it in CMIF, letter by letter."""
    letters = cmif.findall(".//t:correspDesc", NS)
    from toolkit.edition import Edition

    left_out = {f"#{kind}" for kind in Edition.open(TEI_DIR.parent).config.cmif.get("leave_out_kinds") or []}
    exported = [n for n in NUMBERS if documents[n].find(".//t:catRef", NS).get("target") not in left_out]
    ours = [desc for number in exported for desc in documents[number].iterfind(".//t:profileDesc/t:correspDesc", NS)]
    by_url = {}
    for exported in letters:
        by_url.setdefault(exported.get("ref"), []).append(exported)
    checked = 0
    for desc in ours:
        for action in desc.iterfind("t:correspAction", NS):
            for name in action.iterfind("t:*[@ref]", NS):
                entry_id = name.get("ref").removeprefix("#")
                if entry_id not in VERIFIED:
                    continue
                refs = cmif.xpath(f"//t:correspAction[@type='{action.get('type')}']/t:{etree.QName(name).localname}/@ref",
                                  namespaces=NS)
                assert VERIFIED[entry_id] & set(refs), f"{entry_id} is not linked by its verified identifier in CMIF"
                checked += 1
    assert checked >= 10  # Chicherin, Kirov, Ordzhonikidze, Lenin, Rostov, Tiflis ...


# --- front matter that says only what the source says (second reading) ------------------------

HEADER_FILES = [*(f"{n}.xml" for n in NUMBERS), "edition.xml"]


@pytest.mark.parametrize("name", HEADER_FILES)
def test_the_translation_is_not_said_to_be_the_collections(name):
    """The web page gives the documents in English and names Barsegov's collection; it does not say
    whose translation it is, nor from which languages: the header says no more."""
    root = parse(name).getroot()
    header = words(root.find("t:teiHeader", NS))
    statement = words(root.find(".//t:availability/t:p", NS))
    assert "whether it is the collection’s" in statement and "translator is unknown" in statement
    assert not re.search(r"translation reproduced from|translation is the collection’s;|its English translation|"
                         r"from the Russian", header + words(root.find("t:text", NS)))


def test_no_title_states_the_direct_line_inference_as_fact(documents):
    """"Over the direct line" is the edition's inference from "Telegraph form" (535): no title says it."""
    for number, document in documents.items():
        for title in document.iterfind(".//t:titleStmt/t:title", NS):
            assert "direct" not in words(title).lower(), f"{number}.xml: {words(title)}"


@pytest.mark.parametrize("number", NUMBERS)
def test_an_unsigned_note_is_attributed_to_the_compiler_as_an_inference(documents, number, edition_header):
    """Only the emphasis statements are signed "Yu.B."; the other notes are his by inference (@cert)."""
    for note in documents[number].find(".//t:text", NS).iter(f"{{{TEI}}}note"):
        signed = "Yu.B." in words(note)
        assert (note.get("cert") is None) == signed, f"{number}.xml:{note.sourceline}"
    decl = words(edition_header.find(".//t:editorialDecl", NS))
    assert "attributed to the unknown translator" in decl and "marked cert=\"medium\"" in decl


def test_an_identification_of_medium_certainty_is_discussed_in_a_note(documents, authority):
    """538's bare "Revolutionary Military Council" is the 11th Army's with cert="medium"; the entry
    says why, and names the Caucasian Front's council as the alternative (docs/encoding.md)."""
    assert [n.get("ref") for n in documents["538"].iterfind(".//t:orgName[@cert='medium']", NS)] == ["#rvs-11th-army"]
    notes = " ".join(words(n) for n in authority["rvs-11th-army"].findall("t:note", NS) if n.get("type") != "authority")
    assert "cert=\"medium\"" in notes and "rvs-caucasian-front" in notes


def test_the_villages_of_542_say_only_what_the_telegram_says(authority):
    """The telegram of 10 October says "in the past few days" and does not call the villages Armenian."""
    villages = [e for e in authority.values() if e.get("type") == "village" and "doc. 542" in words(e.find("t:desc", NS))]
    assert len(villages) >= 12
    for village in villages:
        desc = words(village.find("t:desc", NS))
        assert "in the past few days" in desc, village.get(XML_ID)
        assert "first days of October" not in desc and "Armenian village" not in desc, village.get(XML_ID)
