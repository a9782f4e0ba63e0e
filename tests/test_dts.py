"""DTS 1.0: the API over the built edition, live (`teikit serve`) and as static files.

Every answer is checked against the DTS 1.0 JSON schemas (../shared/reference/dts/); every
citable unit listed by navigation can be fetched from the document endpoint; ranges give the
parts they span; a plain web server serving the static files gives the live server's answers.
"""

from __future__ import annotations

import json
import sys
import threading
import urllib.error
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import etree

from conftest import REFERENCE, REPOSITORY

DTS_DIR = REFERENCE / "dts"
SCHEMAS = {"entry": "entry_response.schema.json", "collection": "collection_response.schema.json",
           "navigation": "navigation_response.schema.json", "unit": "citable_unit.schema.json",
           "resource": "resource.schema.json"}
SITE = "https://example.org/teikit/"
TEI = "{http://www.tei-c.org/ns/1.0}"
WRAPPER = "{https://w3id.org/api/dts#}wrapper"


@pytest.fixture(scope="module")
def schemas():
    """A validator per DTS 1.0 schema, the schemas' references between each other resolved locally."""
    jsonschema = pytest.importorskip("jsonschema")
    from referencing import Registry, Resource

    documents = {}
    for name in [*SCHEMAS.values(), "citable_unit.schema.json"]:
        path = DTS_DIR / name
        if not path.is_file():
            pytest.skip(f"the DTS 1.0 schema {name} is not beside the repository (../shared/reference/dts/{name})")
        documents[name] = json.loads(path.read_text(encoding="utf-8"))
    registry = Registry().with_resources((d["$id"], Resource.from_contents(d)) for d in documents.values())
    return {key: jsonschema.Draft202012Validator(documents[name], registry=registry) for key, name in SCHEMAS.items()}


def valid(schemas, kind: str, answer: dict) -> dict:
    errors = sorted(schemas[kind].iter_errors(answer), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    return answer


@pytest.fixture(scope="module")
def library(built_site):
    from toolkit.dts.library import from_build
    from toolkit.edition import Edition

    found, failures = from_build(Edition.open(REPOSITORY), built_site)
    assert not failures
    return found


@pytest.fixture(scope="module")
def api():
    from toolkit.dts.static import static_api

    return static_api(SITE)


def ask(library, api, path: str, query: str = ""):
    from toolkit.dts.requests import respond

    return respond(library, api, path, query)


def answer(library, api, path: str, query: str = "") -> dict:
    response = ask(library, api, path, query)
    assert response.status == 200, response.body.decode()
    assert response.content_type == "application/ld+json"
    return json.loads(response.body)


def _serve(server: ThreadingHTTPServer):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="module")
def live(built_site):
    """`teikit serve` on a free port of 127.0.0.1: its address."""
    from toolkit.edition import Edition
    from toolkit.serve import _SiteHandler, make_server

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_SiteHandler, "log_message", lambda *args: None)  # the CLI tests read stdout and stderr
        server = _serve(make_server(built_site, "127.0.0.1", 0, Edition.open(REPOSITORY)))
        yield f"http://127.0.0.1:{server.server_address[1]}"
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def plain(built_site):
    """The standard library's plain file server over DIR/html/, as a static host would serve it."""
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = _serve(ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(built_site / "html"))))
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


# ---- entry and collection ---------------------------------------------------------------

def test_entry_gives_the_three_templates(library, api, schemas):
    entry = valid(schemas, "entry", answer(library, api, ""))
    assert entry == {
        "@context": "https://dtsapi.org/context/v1.0.json", "dtsVersion": "1.0",
        "@id": SITE + "api/dts/index.json", "@type": "EntryPoint",
        "collection": SITE + "api/dts/collection{/id}{;nav,page}.json",
        "navigation": SITE + "api/dts/navigation/{resource}{;ref,start,end,down,tree,page}.json",
        "document": SITE + "api/dts/document/{resource}{;ref,start,end,tree,mediaType}"}
    assert answer(library, api, "index.json") == entry


def test_root_collection_is_the_edition_with_its_years(library, api, schemas):
    root = valid(schemas, "collection", answer(library, api, "collection.json"))
    assert (root["@id"], root["@type"], root["totalParents"], root["totalChildren"]) == ("edition", "Collection", 0, 1)
    assert root["title"] == "Karabakh, Zangezur and Nakhichevan, August–October 1920: Ten Documents"
    assert root["dublinCore"]["license"] == ["https://creativecommons.org/licenses/by/4.0/"]
    assert root["dublinCore"]["temporal"] == "1920-08-27/1920-10-10"
    assert root["member"] == [{
        "@id": "year-1920", "@type": "Collection", "title": "1920", "description": "The documents sent in 1920",
        "totalParents": 1, "totalChildren": 10,
        "dublinCore": {"title": [{"lang": "en", "value": "1920"}], "temporal": "1920",
                       "type": ["http://purl.org/dc/dcmitype/Collection"]},
        "collection": SITE + "api/dts/collection/year-1920{;nav,page}.json"}]
    assert "view" not in root


def test_a_year_lists_its_documents_in_date_order(library, api, schemas):
    year = valid(schemas, "collection", answer(library, api, "collection/year-1920.json"))
    assert (year["@id"], year["@type"], year["totalParents"], year["totalChildren"]) == ("year-1920", "Collection", 1, 10)
    ids = [m["@id"] for m in year["member"]]
    assert sorted(ids) == [str(n) for n in range(533, 543)]
    sort_keys = [library.resources[i].letter.sort_key for i in ids]
    assert sort_keys == sorted(sort_keys)
    first = year["member"][ids.index("537")]
    assert first == {
        "@id": "537", "@type": "Resource", "title": "Georgy Chicherin to Sergei Kirov, 4 September 1920",
        "description": "No. 537: Chicherin to Kirov, 4 September 1920", "totalParents": 1, "totalChildren": 0,
        "collection": SITE + "api/dts/collection/537{;nav}.json",
        "navigation": SITE + "api/dts/navigation/537{;ref,start,end,down,tree,page}.json",
        "document": SITE + "api/dts/document/537{;ref,start,end,tree,mediaType}",
        "download": [SITE + "tei/537.xml"], "mediaTypes": ["application/tei+xml", "text/html", "text/plain"]}
    parents = valid(schemas, "collection", answer(library, api, "collection/year-1920;nav=parents.json"))
    assert [m["@id"] for m in parents["member"]] == ["edition"]


def test_a_year_never_takes_a_documents_name(library):
    from toolkit.dts.model import Library, Resource

    letters = [library.resources["537"].letter]
    clash = Library("t", "", [], "", {"year-1920": Resource("year-1920", letters[0], [], "", "")})
    assert list(clash.groups) == ["_year-1920"]
    assert clash.group_of["year-1920"].id == "_year-1920"


def test_a_document_as_a_resource_carries_its_metadata(library, api, schemas):
    resource = valid(schemas, "collection", answer(library, api, "collection/533.json"))
    dublin = resource["dublinCore"]
    assert resource["description"] == "No. [533]: Ordzhonikidze to Sklyansky, 27 August 1920"
    assert dublin["creator"] == [{"lang": "en", "value": "Grigory Ordzhonikidze"}]
    assert [a["value"] for a in dublin["audience"]] == [
        "Efraim Sklyansky", "Georgy Chicherin", "Boris Legran", "Revolutionary Military Council of the 11th Red Army"]
    assert dublin["date"] == "1920-08-27"
    assert dublin["source"][0]["value"] == "RGVA, f. 109, op. 1, d. 40, l. 56."
    assert dublin["identifier"] == [SITE + "533.html"]
    assert resource["download"] == [SITE + "tei/533.xml"]
    assert resource["mediaTypes"] == ["application/tei+xml", "text/html", "text/plain"]
    assert resource["member"] == []
    assert resource["document"] == SITE + "api/dts/document/533{;ref,start,end,tree,mediaType}"
    valid(schemas, "resource", resource)


def test_nav_parents_of_a_document_is_its_year(library, api, schemas):
    parents = valid(schemas, "collection", answer(library, api, "collection/533;nav=parents.json"))
    assert [m["@id"] for m in parents["member"]] == ["year-1920"]
    assert answer(library, api, "collection;nav=parents.json")["member"] == []
    query = answer(library, api, "collection", "id=533&nav=parents")
    assert query == parents


def test_collection_pages(library, api, schemas, monkeypatch):
    monkeypatch.setattr(library, "page_size", 4)
    pages = [valid(schemas, "collection", answer(library, api, f"collection/year-1920;page={n}.json"))
             for n in (1, 2, 3)]
    assert [len(p["member"]) for p in pages] == [4, 4, 2]
    assert pages[1]["view"] == {
        "@id": SITE + "api/dts/collection/year-1920;page=2.json", "@type": "Pagination",
        "first": SITE + "api/dts/collection/year-1920;page=1.json",
        "previous": SITE + "api/dts/collection/year-1920;page=1.json",
        "next": SITE + "api/dts/collection/year-1920;page=3.json",
        "last": SITE + "api/dts/collection/year-1920;page=3.json"}
    everything = [m["@id"] for p in pages for m in p["member"]]
    monkeypatch.setattr(library, "page_size", 100)
    assert everything == [m["@id"] for m in answer(library, api, "collection/year-1920.json")["member"]]


# ---- navigation -------------------------------------------------------------------------

def test_navigation_down_1_lists_the_top_units_of_teikits_default_tree(library, api, schemas):
    navigation = valid(schemas, "navigation", answer(library, api, "navigation/533;down=1.json"))
    assert navigation["@id"] == SITE + "api/dts/navigation/533;down=1.json"
    assert [u["identifier"] for u in navigation["member"]] == [
        "source1", "head1", "head2", "head3", "opener1", "p1", "closer1"]
    assert {u["parent"] for u in navigation["member"]} == {None}
    assert navigation["member"][0]["dublinCore"]["title"][0]["value"] == \
        "RGVA, f. 109, op. 1, d. 40, l. 56. (Emphasis added – Yu.B.)"
    tree = navigation["resource"]["citationTrees"]
    assert len(tree) == 1 and "identifier" not in tree[0]
    assert [s["citeType"] for s in tree[0]["citeStructure"]] == [
        "source", "head", "opener", "paragraph", "turn", "closer", "postscript", "division", "part"]


def test_navigation_by_ref_and_down(library, api, schemas):
    def members(path):
        return [u["identifier"] for u in valid(schemas, "navigation", answer(library, api, path))["member"]]

    only = valid(schemas, "navigation", answer(library, api, "navigation/533;ref=head1.json"))
    assert only["ref"] == {"identifier": "head1", "@type": "CitableUnit", "level": 1, "parent": None, "citeType": "head"}
    assert "member" not in only
    assert members("navigation/533;ref=head1;down=1.json") == ["head1", "head1.note1"]
    assert members("navigation/533;ref=head1.note1;down=0.json") == ["head1.note1"]
    assert members("navigation/533;ref=head2;down=0.json") == [
        "source1", "head1", "head2", "head3", "opener1", "p1", "closer1"]
    assert members("navigation/533;ref=p1;down=-1.json") == ["p1"]
    assert members("navigation/533;down=-1.json") == [
        "source1", "head1", "head1.note1", "head2", "head3", "opener1", "p1", "closer1"]
    assert members("navigation/533;start=head2;end=p1;down=1.json") == ["head2", "head3", "opener1", "p1"]
    assert members("navigation/533;start=head1;end=head2;down=1.json") == ["head1", "head1.note1", "head2"]
    assert members("navigation/533;start=head1;end=head2;down=-1.json") == ["head1", "head1.note1", "head2"]
    assert members("navigation/534;start=opener1;end=p1;down=1.json") == [
        "opener1", "p1", "p1.note1"]
    ends = answer(library, api, "navigation/533;start=head2;end=p1.json")
    assert (ends["start"]["identifier"], ends["end"]["identifier"], "member" in ends) == ("head2", "p1", False)


def test_query_style_gives_the_same_answer(library, api):
    assert answer(library, api, "navigation", "resource=533&ref=head1&down=1") == \
        answer(library, api, "navigation/533;ref=head1;down=1.json")


@pytest.mark.parametrize("path, query, status, message", [
    ("navigation/533.json", "", 400, "say which units: give ref, start and end, or down"),
    ("navigation", "", 400, "the parameter resource is required"),
    ("navigation/533;down=0.json", "", 400, "down=0 (the siblings of a unit) needs ref"),
    ("navigation/533;ref=p1;start=p1;end=p1.json", "", 400, "ref cannot be combined with start or end"),
    ("navigation/533;start=p1.json", "", 400, "start and end go together: give both, or use ref"),
    ("navigation/533;start=p1;end=head1;down=1.json", "", 400, "start 'p1' comes after end 'head1' in the document"),
    ("navigation/533;down=-2.json", "", 400, "down must be a whole number of at least -1, not '-2'"),
    ("navigation/533;down=x.json", "", 400, "down must be a whole number of at least -1, not 'x'"),
    ("navigation/533;ref=p1.json", "page=1", 400, "page applies to a list of members: give down as well"),
    ("navigation/533;color=red;down=1.json", "", 400,
     "unknown parameter 'color' for the navigation endpoint (it takes resource, ref, start, end, down, tree, page)"),
    ("navigation/533;down=1.json", "down=2", 400, "parameter 'down' is given twice"),
    ("navigation/533;down.json", "", 400, "path parameter 'down' has no value: write ;down=VALUE"),
    ("navigation/999;down=1.json", "", 404, "no resource '999' in this edition"),
    ("navigation/533;ref=p9.json", "", 404, "resource '533' has no citable unit 'p9'"),
    ("navigation/533;down=1;tree=pages.json", "", 404, "resource '533' has no citation tree 'pages'"),
    ("navigation/533;down=1;page=2.json", "", 404, "page 2 does not exist (the last page is 1)"),
    ("collection.json", "nav=up", 400, "nav must be children or parents, not 'up'"),
    ("collection.json", "page=0", 400, "page must be a whole number of at least 1, not '0'"),
    ("collection/999.json", "", 404, "no collection or resource '999' in this edition"),
    ("document", "", 400, "the parameter resource is required"),
    ("document/533;ref=p1;end=p1", "", 400, "ref cannot be combined with start or end"),
    ("document/533;ref=p9", "", 404, "resource '533' has no citable unit 'p9'"),
    ("document/533;mediaType=application%2Fpdf", "", 404,
     "mediaType 'application/pdf' is not available for resource '533' (available: application/tei+xml, text/html, text/plain)"),
    ("document/533;ref=p1;mediaType=text%2Fhtml", "", 404,
     "mediaType 'text/html' is available for the whole document only; ask for application/tei+xml to get a part"),
    ("index.json", "x=1", 400, "the entry endpoint takes no parameters (got x)"),
    ("search.json", "", 404, "no endpoint 'search.json': the API has collection, navigation and document"),
    ("document/533;ref=%FF", "", 400, "'%FF' is not percent-encoded UTF-8"),
])
def test_bad_requests_get_a_json_error(library, api, path, query, status, message):
    response = ask(library, api, path, query)
    assert (response.status, response.content_type) == (status, "application/json")
    assert json.loads(response.body)["description"] == message


# ---- document ---------------------------------------------------------------------------

def _wrapped(body: bytes) -> list[etree._Element]:
    root = etree.fromstring(body)
    assert root.tag == f"{TEI}TEI"
    wrapper = root.find(WRAPPER)
    assert wrapper is not None
    return list(wrapper)


def _same(a: etree._Element, b: etree._Element) -> bool:
    return etree.tostring(a, method="c14n", exclusive=True) == etree.tostring(b, method="c14n", exclusive=True)


def test_every_listed_unit_can_be_fetched(library, api, schemas):
    for resource in library.resources.values():
        everything = valid(schemas, "navigation", answer(library, api, f"navigation/{resource.id};down=-1.json"))
        assert everything["member"], resource.id
        for unit in everything["member"]:
            valid(schemas, "unit", unit)
            found = answer(library, api, f"navigation/{resource.id};ref={unit['identifier']}.json")["ref"]
            assert found == unit
            response = ask(library, api, f"document/{resource.id};ref={unit['identifier']}")
            assert response.status == 200 and response.content_type == "application/tei+xml; charset=utf-8"
            parts = _wrapped(response.body)
            element = resource.unit(unit["identifier"]).element
            assert len(parts) == 1 and _same(parts[0], _without_tail(element))


def _without_tail(element):
    import copy

    found = copy.deepcopy(element)
    found.tail = None
    return found


def test_a_range_gives_the_parts_it_spans_in_order(library, api):
    for resource in library.resources.values():
        top = [u.identifier for u in resource.units() if u.level == 1]
        for start, end in [(top[0], top[-1]), (top[1], top[2]), (top[-2], top[-1])]:
            span = _wrapped(ask(library, api, f"document/{resource.id};start={start};end={end}").body)
            expected = [p for ref in top[top.index(start): top.index(end) + 1]
                        for p in _wrapped(ask(library, api, f"document/{resource.id};ref={ref}").body)]
            assert [etree.tostring(p) for p in span] == [etree.tostring(p) for p in expected]


def test_a_range_across_levels_gives_each_part_once(library, api):
    # from a note inside head1 to p1: the note, then the units that follow it
    across = _wrapped(ask(library, api, "document/533;start=head1.note1;end=p1").body)
    assert [etree.QName(p).localname for p in across] == ["note", "head", "head", "opener", "p"]
    # head1 holds its note: the range gives head1 once, with the note in it, then head2
    heads = _wrapped(ask(library, api, "document/533;start=head1;end=head2").body)
    assert [etree.QName(p).localname for p in heads] == ["head", "head"]
    assert heads[0].find(f"{TEI}note") is not None


def test_every_word_of_the_body_is_in_a_top_level_unit(library):
    from toolkit.xmlio import normalized_text

    for resource in library.resources.values():
        body = resource.document.root.find(f"{TEI}text/{TEI}body")
        parts = [u.element for u in resource.units() if u.level == 1 and body in u.element.iterancestors()]
        assert [p for p in body if isinstance(p.tag, str)] == parts, resource.id
        assert " ".join(normalized_text(p) for p in parts) == normalized_text(body), resource.id


def test_the_whole_document_is_the_source_with_the_supplied_citation_structure(library, api, built_site):
    response = ask(library, api, "document/537")
    assert response.status == 200
    assert response.headers["Link"] == f'<{SITE}api/dts/collection/537.json>; rel="collection"'
    served = etree.fromstring(response.body)
    refs = served.find(f"{TEI}teiHeader/{TEI}encodingDesc/{TEI}refsDecl")
    assert refs.get("n") == "teikit-default"
    encoding = refs.getparent()
    encoding.getparent().remove(encoding)  # 537 has no encodingDesc of its own
    source = etree.parse(str(REPOSITORY / "tei" / "537.xml")).getroot()
    assert _same(served, source)
    assert (built_site / "html" / "tei" / "537.xml").read_bytes() == (REPOSITORY / "tei" / "537.xml").read_bytes()


def test_html_and_text_are_the_editions_own_outputs(library, api, built_site):
    html = ask(library, api, "document/538;mediaType=text%2Fhtml")
    text = ask(library, api, "document/538", "mediaType=text/plain")
    assert (html.status, html.content_type) == (200, "text/html; charset=utf-8")
    assert html.body == (built_site / "html" / "538.html").read_bytes()
    assert (text.status, text.content_type) == (200, "text/plain; charset=utf-8")
    assert text.body == (built_site / "text" / "538.txt").read_bytes()


# ---- a document's own citeStructure -----------------------------------------------------

OWN = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
<publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc>
<encodingDesc><refsDecl>{first}</refsDecl><refsDecl n="pages"><citeStructure unit="page" match="//pb" use="@n"/></refsDecl></encodingDesc>
</teiHeader><text><body><pb n="1"/><div n="I"><p>a</p><p>b</p></div><pb n="2"/><div n="II"><p>c</p></div></body></text></TEI>"""
CHAPTERS = ('<citeStructure unit="chapter" match="/TEI/text/body/div" use="@n">'
            '<citeStructure unit="paragraph" match="p" use="position()" delim="."/></citeStructure>')


def _resource(tmp_path, first: str = CHAPTERS):
    from toolkit.dts.model import make_resource
    from toolkit.metadata import letter
    from toolkit.xmlio import parse_bytes

    document = parse_bytes(OWN.format(first=first).encode(), tmp_path / "own.xml")
    return make_resource(letter(document), document, {}, "en")


ODD_BODY = f"""<TEI xmlns="{TEI[1:-1]}" xmlns:x="urn:x"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>
<publicationStmt><p>p</p></publicationStmt><sourceDesc><listBibl><bibl>A  <note>n0</note> b</bibl>
<bibl>B</bibl><listBibl><bibl>inner</bibl></listBibl></listBibl><bibl>not listed</bibl></sourceDesc></fileDesc>
</teiHeader><text><front><note>front</note></front><body><head>h<note>n1</note></head><!-- c --><p>a<note>n2</note><note>n3</note></p>
<x:para>foreign</x:para><x:q/><ab>one</ab><?pi x?><ab>two<note>n4</note></ab><p>b</p><div><p>c<note>n5</note></p></div>
</body></text></TEI>"""


NESTED_SOURCE = ODD_BODY.replace("<bibl>B</bibl><listBibl><bibl>inner</bibl></listBibl>",
                                 "<bibl><listBibl><bibl>inner</bibl></listBibl></bibl>")
NESTED_NOTE = ODD_BODY.replace("<note>n2</note><note>n3</note>", "<note>n2<note>n3</note></note>")


@pytest.mark.parametrize("source", ["edition", "odd", "nested", "nested-note", "escher"])
def test_the_default_tree_walked_in_python_gives_what_its_xpath_gives(source, tmp_path):
    """default_units stands for DEFAULT_REFS_DECL's XPath: compared on the edition, on a body of
    nested, foreign and header notes, and on letters of another edition."""
    from toolkit.dts.citations import CitationError, default_tree, units
    from toolkit.xmlio import parse_bytes, parse_file

    if source == "edition":
        documents = [parse_file(p) for p in sorted((REPOSITORY / "tei").glob("5*.xml"))]
    elif source in ("odd", "nested", "nested-note"):
        text = {"odd": ODD_BODY, "nested": NESTED_SOURCE, "nested-note": NESTED_NOTE}[source]
        documents = [parse_bytes(text.encode(), tmp_path / "odd.xml")]
    else:
        archive = REPOSITORY.parent / "shared" / "corpora" / "escher-briefedition.tar.xz"
        if not archive.is_file():
            pytest.skip("the Escher edition is not beside the repository (../shared/corpora/escher-briefedition.tar.xz)")
        sys.path.insert(0, str(REPOSITORY / "benchmarks" / "editions" / "escher"))
        from unpack import unpack

        unpack(tmp_path, every=100, limit=50)
        documents = [parse_file(p) for p in sorted(tmp_path.rglob("*.xml"))]
    tree = default_tree()

    def seen(document, native):
        try:
            found = units(tree, document.tree, "en", native=native)
        except CitationError as error:  # a bibl or note inside another: its number is its container's
            return str(error)
        return [(u.identifier, u.level, u.parent, u.cite_type, u.element, u.dublin_core, u.children) for u in found]

    for document in documents:
        assert seen(document, True) == seen(document, False)
    # a bibl or a note inside another counts its container: each has a number of its own (the letters
    # of Jean Paul's circle have notes inside notes), and the default tree never refuses a letter
    if source == "nested":
        assert [u[0] for u in seen(documents[0], True)][:3] == ["source1", "source2", "source3"]
    if source == "nested-note":
        assert [u[0] for u in seen(documents[0], True)][5:8] == ["p1", "p1.note3", "p1.note4"]
    if source == "odd":
        found = [u.identifier for u in units(tree, documents[0].tree, "en")]
        assert found == ["source1", "source2", "source3", "head1", "head1.note2", "p1", "p1.note3", "p1.note4",
                         "para1", "q1", "ab1", "ab2", "ab2.note5", "p2", "div1", "div1.note6"], found

    resource = _resource(tmp_path)
    assert [(u.identifier, u.level, u.parent, u.cite_type) for u in resource.units()] == [
        ("I", 1, None, "chapter"), ("I.1", 2, "I", "paragraph"), ("I.2", 2, "I", "paragraph"),
        ("II", 1, None, "chapter"), ("II.1", 2, "II", "paragraph")]
    assert [u.identifier for u in resource.units("pages")] == ["1", "2"]
    assert [t.as_json().get("identifier") for t in resource.trees] == [None, "pages"]


@pytest.mark.parametrize("first, message", [
    ('<citeStructure unit="chapter" match="/TEI/text/body/div" use="\'x\'"/>',
     "own.xml: citeStructure 'chapter' gives the reference 'x' twice"),
    ('<citeStructure unit="chapter" match="/TEI/text/body/div[" use="@n"/>', "own.xml: citeStructure XPath"),
])
def test_a_broken_citation_structure_is_reported_not_raised(tmp_path, first, message):
    from toolkit.dts import DtsError

    with pytest.raises(DtsError) as raised:
        _resource(tmp_path, first).units()
    assert raised.value.status == 404 and raised.value.message.startswith(message)


# ---- static files and the live server ---------------------------------------------------

def test_the_static_files_leave_out_only_what_repeats_a_parents_answer(library, api):
    """Leaves get no down= answers but -1 (everything below: nothing) and no unit its siblings;
    the whole tree and every unit with parts are there at every depth (docs/dts.md)."""
    from toolkit.dts.static import resource_addresses

    resource = library.resource("533")
    wanted = {tuple(sorted((k, v) for k, v in params.items() if v is not None))
              for template, params in resource_addresses(api, resource) if template == api.navigation}
    head = resource.unit("head1")
    assert head.children, "533's heading has a note"
    assert (("down", 1), ("ref", "head1"), ("resource", "533")) in wanted
    assert (("down", -1), ("ref", "head1"), ("resource", "533")) in wanted
    assert (("ref", head.children[0]), ("resource", "533")) in wanted
    assert (("down", -1), ("ref", head.children[0]), ("resource", "533")) in wanted
    assert not any(("ref", head.children[0]) in params and ("down", 1) in params for params in wanted)
    assert not any(("down", 0) in params for params in wanted)
    assert {(("down", d), ("resource", "533")) for d in (1, 2, -1)} <= wanted
    assert all((("ref", u.identifier), ("resource", "533")) in wanted for u in resource.units())


def test_every_static_answer_validates(built_site, schemas):
    folder = built_site / "html" / "api" / "dts"
    files = sorted(p for p in folder.rglob("*.json"))
    assert len(files) > 100
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        kind = {"EntryPoint": "entry", "Navigation": "navigation"}.get(data["@type"], "collection")
        valid(schemas, kind, data)


def test_a_plain_web_server_gives_the_live_answers(library, api, live, plain):
    from toolkit.dts.static import addresses

    checked = 0
    for template, params in addresses(library, api):
        path = api.expand(template, **params)[len(api.root):]
        status, kind, static_body = get(plain + "api/dts/" + path)
        live_status, live_kind, live_body = get(f"{live}/api/dts/{path}")
        assert (status, live_status) == (200, 200), path
        expected = live_body.replace(f"{live}/api/dts/".encode(), api.root.encode()).replace(
            f"{live}/html/".encode(), SITE.encode())
        assert static_body == expected, path
        checked += 1
    assert checked > 250


def test_the_live_server_sends_dts_headers_and_errors(live):
    status, kind, body = get(f"{live}/api/dts")
    assert (status, kind) == (200, "application/ld+json")
    assert json.loads(body)["@id"] == f"{live}/api/dts/index.json"
    status, kind, body = get(f"{live}/api/dts/navigation?resource=533")
    assert (status, kind) == (400, "application/json")
    assert json.loads(body)["description"] == "say which units: give ref, start and end, or down"
    status, _, body = get(f"{live}/api/dts/document/533;ref=head1.note1")
    assert status == 200 and b"<dts:wrapper" in body
    with urllib.request.urlopen(urllib.request.Request(f"{live}/api/dts/collection.json", method="HEAD")) as head:
        assert (head.status, head.headers["Content-Type"], head.read()) == (200, "application/ld+json", b"")


def test_the_build_removes_the_static_answers_it_no_longer_writes(tmp_path):
    import shutil

    from toolkit.build import build
    from toolkit.edition import Edition

    edition = tmp_path / "edition"
    shutil.copytree(REPOSITORY / "tei", edition / "tei")
    shutil.copy(REPOSITORY / "teikit.toml", edition / "teikit.toml")
    out = tmp_path / "out"
    mine = out / "html" / "api" / "dts" / "notes.txt"  # a file the build did not write
    assert not build(Edition.open(edition), out, jobs=1).failed
    mine.write_text("not the build's")
    assert (out / "html" / "api" / "dts" / "navigation" / "542;down=1.json").is_file()
    (edition / "tei" / "542.xml").unlink()
    assert not build(Edition.open(edition), out, jobs=1).failed
    assert not list((out / "html" / "api" / "dts").rglob("542*"))
    assert mine.read_text() == "not the build's"
    year = json.loads((out / "html" / "api" / "dts" / "collection" / "year-1920.json").read_text())
    assert year["totalChildren"] == 9


# ---- a client's walk: root -> collection -> resource ---------------------------------------

class Walker:
    """What the official DTS validator (DTS-validator, a pytest suite) does with an entry point:
    read the entry, expand its collection template without parameters for the root, then ask
    the collection endpoint for the first member by its id (the entry's template again) and
    descend, collection by collection, until a member is a Resource; that member's own
    templates give its navigation (down=1, then the last top unit with down=-1) and its
    document. Every JSON answer is checked against the DTS 1.0 schemas. `host`: where the
    site's base_url is served in this test (the static files name https://example.org/teikit/)."""

    def __init__(self, entry_url: str, schemas, host: str | None = None):
        from uritemplate import URITemplate

        self.schemas, self.template, self.host = schemas, URITemplate, host
        self.asked: list[str] = []
        self.entry = self.json(entry_url, "entry")

    def get(self, url: str):
        return get(url.replace(SITE, self.host) if self.host else url)

    def json(self, url: str, kind: str) -> dict:
        status, content_type, body = self.get(url)
        assert status == 200, (url, status, body[:200])
        return valid(self.schemas, kind, json.loads(body))

    def collection(self, **values) -> dict:
        url = self.template(self.entry["collection"]).expand(values)
        self.asked.append(url)
        return self.json(url, "collection")

    def first_resource(self) -> dict:
        """The validator's get_one_resource: the first member of the root, followed down."""
        members = self.collection().get("member") or []
        assert members, "the root collection lists no member"
        return self._down(members[0], depth=0)

    def _down(self, member: dict, depth: int) -> dict:
        assert depth < 5, "no resource within five collections"
        children = self.collection(id=member["@id"]).get("member") or []
        if member["@type"] == "Resource":
            return member
        assert children, f"collection {member['@id']} has no members"
        resources = [c for c in children if c["@type"] == "Resource"]
        return resources[-1] if resources else self._down(children[0], depth + 1)

    def navigation(self, resource: dict, **values) -> dict:
        url = self.template(resource["navigation"]).expand({"resource": resource["@id"], **values})
        self.asked.append(url)
        return self.json(url, "navigation")

    def document(self, resource: dict, **values) -> bytes:
        url = self.template(resource["document"]).expand({"resource": resource["@id"], **values})
        self.asked.append(url)
        status, _, body = self.get(url)
        assert status == 200, (url, status)
        return body


def test_the_validators_walk_finds_a_document_in_the_static_files(plain, schemas):
    walker = Walker(plain + "api/dts/index.json", schemas, host=plain)
    resource = walker.first_resource()
    assert [url.rsplit("/api/dts/", 1)[1] for url in walker.asked] == [
        "collection.json", "collection/year-1920.json"]
    valid(schemas, "collection", resource)
    top = walker.navigation(resource, down=1)["member"]
    last = walker.navigation(resource, ref=top[-1]["identifier"], down=-1)
    assert last["ref"]["identifier"] == top[-1]["identifier"]
    etree.fromstring(walker.document(resource))
    assert b"<dts:wrapper" in walker.document(resource, ref=top[-1]["identifier"])


def test_the_validators_walk_on_the_live_server(live, schemas):
    walker = Walker(f"{live}/api/dts", schemas)
    resource = walker.first_resource()
    top = walker.navigation(resource, down=1)["member"]
    assert walker.navigation(resource, down=2)["member"]
    assert walker.navigation(resource, ref=top[-1]["identifier"], down=-1)["ref"]["identifier"] == top[-1]["identifier"]
    etree.fromstring(walker.document(resource))


def _built_with(tmp_path, static: str) -> Path:
    """The edition built with [dts] static = `static`: its output folder."""
    from conftest import copy_edition
    from toolkit.build import build
    from toolkit.edition import Edition

    edition = copy_edition(tmp_path / "edition")
    config = edition / "teikit.toml"
    config.write_text(config.read_text(encoding="utf-8") + f'\n[dts]\nstatic = "{static}"\n', encoding="utf-8")
    out = tmp_path / "out"
    assert not build(Edition.open(edition), out, jobs=1).failed
    return out


def _serving(folder: Path):
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    return _serve(ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(folder))))


def test_the_compact_api_is_two_files_a_document_and_the_walk_still_finds_one(tmp_path, schemas, built_site):
    out = _built_with(tmp_path, "compact")
    folder = out / "html" / "api" / "dts"
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    per_document = [f for f in files if "537" in f]
    assert per_document == ["collection/537.json", "navigation/537;down=-1.json"]
    assert sorted(set(files) - {f for f in files if any(str(n) in f for n in range(533, 543))}) == [
        "collection.json", "collection/year-1920.json", "collection;nav=children.json",
        "collection;nav=parents.json", "index.json"]
    # The same bytes as the full API's answers at those addresses.
    full = built_site / "html" / "api" / "dts"
    assert all((folder / f).read_bytes() == (full / f).read_bytes() for f in files)
    server = _serving(out / "html")
    try:
        host = f"http://127.0.0.1:{server.server_address[1]}/"
        walker = Walker(f"{host}api/dts/index.json", schemas, host=host)
        resource = walker.first_resource()
        whole = walker.navigation(resource, down=-1)
        assert whole["member"] and whole["resource"]["@id"] == resource["@id"]
        status, _, _ = walker.get(resource["download"][0])
        assert status == 200  # the TEI itself: the published copy
    finally:
        server.shutdown()
        server.server_close()


def test_the_static_api_can_be_left_out(tmp_path):
    out = _built_with(tmp_path, "none")
    assert not (out / "html" / "api").exists()
    assert (out / "html" / "537.html").is_file()


def test_auto_writes_the_full_api_for_a_small_edition_and_the_compact_one_above(built_site):
    from toolkit.dts import COMPACT, FULL, FULL_UP_TO, static_mode

    assert (built_site / "html" / "api" / "dts" / "document" / "537").is_file()
    assert static_mode("auto", FULL_UP_TO) == FULL and static_mode("auto", FULL_UP_TO + 1) == COMPACT
    assert static_mode("none", 5) == "none"


def _synthetic(library, count: int):
    """A Library of `count` documents over 20 years, made from one real record."""
    import dataclasses

    from toolkit.dts.model import HTML, TEXT, Library, Resource
    from toolkit.metadata import DateSpec

    letter = library.resources["537"].letter
    resources = {}
    for index in range(count):
        date = DateSpec(when=f"{1900 + index % 20}-{1 + index % 12:02d}-{1 + index % 28:02d}")
        copy = dataclasses.replace(letter, doc_id=f"d{index}", file=f"d{index}.xml", date=date)
        resources[copy.doc_id] = Resource(copy.doc_id, copy, [], "en", "", outputs={HTML: None, TEXT: None})
    return Library("t", "", [], "", dict(sorted(resources.items(), key=lambda r: r[1].letter.sort_key)))


def test_the_collection_answers_grow_with_the_edition_not_faster(library, api, monkeypatch):
    """Writing every static collection answer describes each document once, whatever the size:
    the work at 4,000 documents is four times that at 1,000, not sixteen."""
    from toolkit.dts import collection as collection_module
    from toolkit.dts.static import corpus_addresses, outputs

    made = []
    member_json = collection_module.member_json
    monkeypatch.setattr(collection_module, "member_json", lambda *a: made.append(1) or member_json(*a))
    counts = {}
    for size in (1000, 4000):
        made.clear()
        synthetic = _synthetic(library, size)
        files = outputs(synthetic, api, corpus_addresses(synthetic, api, "compact"))
        counts[size] = (len(made), len(files))
    # the entry, the edition three ways, and each of 20 years: whole (1,000: 50 documents a year)
    # or as its address (its first page again) and its two pages (4,000: 200 a year, pages of 100)
    assert counts == {1000: (1000, 4 + 20), 4000: (4000 + 20 * 100, 4 + 20 * 3)}


# ---- teikit import dts ------------------------------------------------------------------

def run(*args):
    from click.testing import CliRunner

    from toolkit.cli import cli

    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def edition(tmp_path, monkeypatch):
    (tmp_path / "mine" / "tei").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "mine"


def test_import_lists_the_collection_of_a_live_endpoint(live, edition, library):
    result = run("--edition", "mine", "import", "dts", f"{live}/api/dts")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1] == "11 members, 10 resources"
    assert lines[0] == "year-1920\tCollection\t1920"
    assert [line.split("\t")[0] for line in lines[1:-1]] == list(library.resources)
    assert lines[1] == f"533\tResource\t{library.resources['533'].letter.title}"
    listed = json.loads(run("--edition", "mine", "import", "dts", f"{live}/api/dts", "--format", "json").output)
    assert listed[1] == {"id": "533", "type": "Resource", "title": library.resources["533"].letter.title,
                         "parent": "year-1920"}


def test_import_reads_a_static_copy_through_a_file_url(built_site, edition):
    result = run("--edition", "mine", "import", "dts", (built_site / "html" / "api" / "dts" / "index.json").as_uri())
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "11 members, 10 resources"


def test_import_fetches_tei_and_never_overwrites_without_force(live, edition):
    result = run("--edition", "mine", "import", "dts", f"{live}/api/dts", "--fetch", "537")
    assert (result.exit_code, result.output) == (0, "wrote mine/tei/537.xml\n")
    fetched = (edition / "tei" / "537.xml").read_bytes()
    assert fetched == get(f"{live}/api/dts/document/537")[2]
    (edition / "tei" / "537.xml").write_text("mine")
    result = run("--edition", "mine", "import", "dts", f"{live}/api/dts", "--fetch", "537")
    assert (result.exit_code, result.output) == (1, "Error: mine/tei/537.xml: exists already; pass --force to replace it\n")
    assert (edition / "tei" / "537.xml").read_text() == "mine"
    result = run("--edition", "mine", "import", "dts", f"{live}/api/dts", "--fetch", "537", "--force")
    assert result.exit_code == 0 and (edition / "tei" / "537.xml").read_bytes() == fetched


def test_import_says_why_it_cannot(live, edition, tmp_path):
    result = run("--edition", "mine", "import", "dts", f"{live}/api/dts", "--fetch", "999")
    assert (result.exit_code, result.output) == (1, f"Error: {live}/api/dts/document/999: the server answered "
                                                    "404 Not Found: no resource '999' in this edition\n")
    result = run("--edition", "mine", "import", "dts", f"{live}/html/index.html")
    assert (result.exit_code, result.output) == (1, f"Error: {live}/html/index.html: the answer is not JSON; "
                                                    "is this a DTS endpoint?\n")
    result = run("--edition", "mine", "import", "dts", "ftp://example.org/api/dts")
    assert result.exit_code == 2
    assert "Invalid value for 'URL': 'ftp://example.org/api/dts': give an http, https or file URL of a DTS entry point" \
        in result.output
    assert not list((edition / "tei").iterdir())


def test_import_refuses_what_is_not_safe_tei(edition, tmp_path, monkeypatch):
    api = tmp_path / "other" / "api"
    api.mkdir(parents=True)
    (api / "index.json").write_text(json.dumps({
        "@id": (api / "index.json").as_uri(), "@type": "EntryPoint", "dtsVersion": "1.0",
        "collection": api.as_uri() + "/collection.json", "navigation": api.as_uri() + "/nav/{resource}.json",
        "document": api.as_uri() + "/doc/{resource}.xml"}))
    (api / "doc").mkdir()
    (api / "doc" / "html.xml").write_text("<html/>")
    (api / "doc" / "bomb.xml").write_text('<!DOCTYPE TEI [<!ENTITY a "aaaa">]><TEI xmlns="http://www.tei-c.org/ns/1.0">&a;</TEI>')
    (api / "doc" / "big.xml").write_text("<TEI>" + "x" * 2000 + "</TEI>")
    entry = (api / "index.json").as_uri()
    result = run("--edition", "mine", "import", "dts", entry, "--fetch", "html")
    assert result.exit_code == 1
    assert result.output.startswith("Error: html: the TEI fetched is not usable, nothing written: mine/tei/html.xml:1:0: "
                                    "error: root element <html> is in no namespace")
    result = run("--edition", "mine", "import", "dts", entry, "--fetch", "bomb")
    assert result.exit_code == 1 and "entity declarations are refused" in result.output
    monkeypatch.setattr("toolkit.dts.client.MAX_BYTES", 1000)
    result = run("--edition", "mine", "import", "dts", entry, "--fetch", "big")
    assert (result.exit_code, result.output) == (1, f"Error: {api.as_uri()}/doc/big.xml: the answer is larger than 0 MB; not read\n")
    assert not list((edition / "tei").iterdir())


@pytest.mark.slow
def test_the_whole_documents_served_are_valid_tei(library, api, tei_all_rng):
    """With teikit's refsDecl added to the header, each document is still valid against tei_all."""
    for resource in library.resources.values():
        served = etree.fromstring(ask(library, api, f"document/{resource.id}").body)
        assert tei_all_rng.validate(served), (resource.id, [e.message for e in tei_all_rng.error_log])
