"""The site agrees with itself: every document page names the same senders, addressees, date and
places as the registers, the correspondents page, the search filters (pagefind's meta tags), the
CSV export and cmif.xml; every name of its text that leads to an entry or an authority URI is a
link; no document is called "No. ,". Over the edition in tei/, the roots of other conventions
(tests/roots: conventions, italian, bilingual) and samples of the Alfred Escher letters and of
the letters of Jean Paul's circle (../shared/corpora/escher-briefedition.tar.xz,
jeanpaul-umfeldbriefe.tar.xz)."""

from __future__ import annotations

import csv
import io
import posixpath
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import etree, html

from toolkit.authority import is_uri, register_href
from toolkit.build import build
from toolkit.corpus import authority_index, parse_tei
from toolkit.edition import Edition
from toolkit.exchange.tabular import export_csv
from toolkit.metadata import ACTION_TYPES
from toolkit.xmlio import parse_file

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY / "benchmarks" / "editions" / "escher"))
sys.path.insert(0, str(REPOSITORY / "benchmarks" / "editions"))
from corpora import EDITIONS, unpack_edition  # noqa: E402
from unpack import ARCHIVE, unpack  # noqa: E402

TEI = {"t": "http://www.tei-c.org/ns/1.0"}
ESCHER_SAMPLE = 40  # every 125th of the 5,019 letters
JEANPAUL_EVERY = 40  # 24 of the 952 letters of Jean Paul's circle, and every register


# The roots of other conventions: names by prefix, URI and @key (conventions), dangling pointers
# and bare ids (italian), sentBy/deliveredTo and letters without correspDesc (bilingual).
ROOTS = ["conventions", "italian", "bilingual"]


@pytest.fixture(scope="module", params=["tei", *ROOTS, "escher", "jeanpaul"])
def site(request, tmp_path_factory) -> "Site":
    root = tmp_path_factory.mktemp(request.param)
    if request.param == "tei":
        for name in ("tei", "schema", "xslt"):
            shutil.copytree(REPOSITORY / name, root / name)
        shutil.copy(REPOSITORY / "teikit.toml", root / "teikit.toml")
    elif request.param in ROOTS:
        shutil.copytree(REPOSITORY / "tests" / "roots" / request.param, root, dirs_exist_ok=True)
    elif request.param == "jeanpaul":
        if not EDITIONS["jeanpaul"].archive.is_file():
            pytest.skip("the Jean Paul letters are not beside the repository (../shared/corpora/jeanpaul-umfeldbriefe.tar.xz)")
        unpack_edition("jeanpaul", root, every=JEANPAUL_EVERY)
        english(root)
    else:
        if not ARCHIVE.is_file():
            pytest.skip("the Escher edition is not beside the repository (../shared/corpora/escher-briefedition.tar.xz)")
        unpack(root, every=125, limit=ESCHER_SAMPLE)
        english(root)
    edition = Edition.open(root)
    report = build(edition, root / "build", jobs=2)
    assert not report.failed, [d.format() for d in report.diagnostics if d.is_error][:5]
    return Site(edition, root / "build")


def english(root: Path) -> None:
    """A real edition's site is German (language = "de"); these checks read the English field names."""
    toml = root / "teikit.toml"
    text = toml.read_text(encoding="utf-8")
    assert 'language = "de"' in text
    toml.write_text(text.replace('language = "de"', 'language = "en"'), encoding="utf-8")


class Site:
    """A built edition, read as a reader (and a machine) reads it."""

    def __init__(self, edition: Edition, out: Path):
        self.edition, self.out = edition, out
        self.html = out / "html"
        self.documents = sorted(p.stem for p in edition.document_files())
        assert self.documents and all((self.html / f"{d}.html").is_file() for d in self.documents)
        self.csv = {row["id"]: row for row in csv.DictReader(io.StringIO(export_csv(edition), newline=""))}
        self.cmif = defaultdict(list)  # a recorded conversation is one correspDesc per turn
        for desc in etree.parse(str(out / "cmif.xml")).xpath("//t:correspDesc", namespaces=TEI):
            self.cmif[desc.get("key")].append(desc)
        # Kinds the edition does not count as correspondence ([cmif] leave_out_kinds) are not in cmif.xml.
        kinds = set(edition.config.cmif.get("leave_out_kinds") or [])
        self.left_out = {doc for doc, row in self.csv.items() if row["kind"] in kinds}
        # A letter without correspDesc (two of the bilingual root's) says nothing CMIF could carry.
        self.left_out |= {path.stem for path in edition.document_files()
                          if not parse_file(path).root.xpath("t:teiHeader//t:correspDesc", namespaces=TEI)}

    def cmif_of(self, doc: str) -> list:
        """The document's correspDescs in cmif.xml: none for a kind left out or a document without
        correspDesc, else at least one."""
        descs = self.cmif[doc]
        assert bool(descs) == (doc not in self.left_out), doc
        return descs

    def page(self, doc: str):
        return html.parse(str(self.html / f"{doc}.html")).getroot()

    def site_page(self, name: str):
        return html.parse(str(self.html / f"{name}.html")).getroot()

    def register_entries(self, register: str) -> list[str]:
        """The links to a register's entries (relative to html/), from its index or its initials' pages."""
        index = self.site_page(register)
        pages = [("", index)] + [(posixpath.dirname(unquote(link)), html.parse(str(self.html / unquote(link))).getroot())
                                 for link in index.xpath("//nav[@class='initials']//a/@href")
                                 if not link.startswith("#")]
        return [posixpath.normpath(posixpath.join(folder, unquote(link)))
                for folder, page in pages for link in page.xpath("//ul[@class='names']/li/a/@href")]


def panel(page) -> dict[str, list]:
    """The metadata panel as {field: [dd elements]} (fields of every turn together)."""
    fields: dict[str, list] = defaultdict(list)
    current = None
    for child in page.xpath("//section[@class='metadata']/dl/*"):
        if child.tag == "dt":
            current = child.text_content().strip()
        else:
            fields[current].append(child)
    return fields


def shown_name(dd) -> str:
    """A correspondent or place as the panel shows it, without the place where an addressee
    received the letter ("Name (<span class="place">Place</span>)") nor the words saying that the
    editors identified it (<span class="identified">)."""
    text = "".join(dd.xpath("text() | *[not(@class = 'identified')]//text()")).strip()
    for place in dd.xpath("span[@class='place']"):
        text = text.removesuffix(f" ({place.text_content()})")
    return text.strip()


def names(page, field: str, kind: str = "correspondent") -> set[str]:
    return {shown_name(dd) for dd in panel(page)[field] if dd.get("class") == kind}


def hrefs(page, field: str, kind: str = "correspondent") -> set[str]:
    return {dd[0].get("href") for dd in panel(page)[field]
            if dd.get("class") == kind and len(dd) and dd[0].tag == "a" and not (dd.text or "").strip()}


def facets(page, name: str) -> set[str]:
    return set(page.xpath(f"//head/meta[@name='teikit-{name}']/@content"))


def cells(row: dict, column: str) -> set[str]:
    return {value for value in row[column].split(" | ") if value}


def cmif_names(descs, action: str, element: str = "*[self::t:persName or self::t:orgName]") -> set[str]:
    found = {_as_said(e) for desc in descs
             for e in desc.xpath(f"t:correspAction[@type='{action}']/{element}", namespaces=TEI)}
    return found - {"Unknown"}  # CMIF's word for a correspondent the source does not name


def _as_said(element) -> str:
    """The name as the pages say it: CMIF names a person whose register entry marks surname and
    forename in the form CMIF asks, "Heer, Oswald" (docs/exchange.md); the pages "Oswald Heer"."""
    text = " ".join(element.text.split())
    surname, comma, forenames = text.partition(", ")
    return f"{forenames} {surname}" if comma and element.tag.endswith("persName") else text


def test_each_page_names_the_senders_addressees_and_places_the_exports_name(site):
    for doc in site.documents:
        page, row, desc = site.page(doc), site.csv[doc], site.cmif_of(doc)
        senders, addressees = names(page, "From"), names(page, "To")
        places = names(page, "Place", "place")
        assert senders == cells(row, "senders") == facets(page, "sender"), doc
        assert addressees == cells(row, "recipients") == facets(page, "addressee"), doc
        assert names(page, "Copy to") == cells(row, "cc"), doc
        assert places == ({row["sender_place"]} - {""}), doc
        assert places <= facets(page, "place"), doc
        if desc:
            assert senders == cmif_names(desc, "sent"), doc
            assert addressees <= cmif_names(desc, "received") <= addressees | names(page, "Copy to"), doc
            assert places == cmif_names(desc, "sent", "t:placeName"), doc


def test_each_page_gives_the_date_the_exports_and_the_home_page_give(site):
    home = {unquote(a.get("href")).removeprefix("./").removesuffix(".html"): a.getparent().getparent()
            for a in site.site_page("index").xpath("//table[@class='document-list']//td[1]/a")}
    for doc in site.documents:
        page, row, desc = site.page(doc), site.csv[doc], site.cmif_of(doc)
        shown = [dd for dd in panel(page)["Date"] if dd.xpath("time") or dd.text_content().startswith("normalised")]
        listed = home[doc].xpath("td[2]")[0]
        if not shown:  # undated: neither says a date
            assert not row["date_when"] and listed.text_content().strip() in ("", "undated"), doc
            continue
        words = shown[0].text_content().split(": ", 1)[1]
        assert words == listed.text_content().strip(), doc
        when = shown[0].xpath("string(time/@datetime)")
        assert when == row["date_when"] == listed.xpath("string(time/@datetime)"), doc
        if desc:
            assert when == desc[0].xpath("string(t:correspAction[@type='sent']/t:date/@when)", namespaces=TEI), doc
        year = (row["date"].lstrip("≤≥") or "")[:4]
        assert facets(page, "year") == ({year} if year else set()), doc


def test_the_registers_and_correspondents_list_each_page_as_it_names_its_correspondents(site):
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)  # (document, role) -> register links
    for register in ("persons", "places", "orgs"):
        for link in site.register_entries(register):  # an entry's page
            entry = html.parse(str(site.html / link)).getroot()
            for mention in entry.xpath("//article[@class='entry']//ul[@class='mentions']/li"):
                doc = unquote(mention.xpath("string(a/@href)")).removeprefix("../").removesuffix(".html")
                for role in mention.xpath("string(span[@class='roles'])").lstrip(" —").split(", "):
                    roles[(doc, role)].add(link)
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in site.site_page("correspondents").xpath("//table[@class='correspondents']/tbody/tr"):
        sender, recipient = (row[0].text_content().strip(), row[1].text_content().strip())
        for link in row[2].xpath("a"):
            pairs[unquote(link.get("href")).removeprefix("./").removesuffix(".html")].add((sender, recipient))
    for doc in site.documents:
        page = site.page(doc)
        registered = lambda links: {unquote(h) for h in links if not is_uri(h)}  # noqa: E731
        assert registered(hrefs(page, "From")) == roles[(doc, "sender")], doc
        assert registered(hrefs(page, "To")) == roles[(doc, "addressee")], doc
        assert registered(hrefs(page, "Copy to")) == roles[(doc, "copy to")], doc
        assert registered(hrefs(page, "Place", "place")) <= roles[(doc, "place of sending")], doc
        senders, addressees = names(page, "From"), names(page, "To")
        if not senders and not addressees:  # no correspondence described: not on the correspondents page
            assert not pairs[doc], doc
            continue
        addressees = addressees or {"addressee not named"}
        assert {s for s, _ in pairs[doc]} == senders, doc
        assert {r for _, r in pairs[doc] if not r.endswith(" (copy)")} == addressees, doc


def test_every_name_that_leads_somewhere_is_a_link(site):
    support, failures = parse_tei(site.edition.authority_files())
    registers = authority_index(site.edition, support)
    key = site.edition.config.key
    shown_actions = {**ACTION_TYPES, **site.edition.config.actions}
    checked = 0
    for path in site.edition.document_files():
        document = parse_file(path)
        authority = registers.with_local(document, key)
        page = site.page(path.stem)
        in_text = {unquote(a.get("href")) for a in page.xpath("//article//a[contains(@class, 'name') or @class = 'also-ref']")}
        in_panel = {unquote(a.get("href")) for a in page.xpath("//section[@class='metadata']//dd//a")}
        # the names of the text; the correspondents and places of the header and the names of its
        # source description (archives, the compiler signing a note), which the panel shows
        for name in document.root.xpath("t:text//*[@ref or @key][self::t:persName or self::t:placeName or "
                                        "self::t:orgName or self::t:name or self::t:rs] | t:teiHeader//*[self::t:correspAction "
                                        "or self::t:sourceDesc]//*[@ref or @key][self::t:persName or self::t:placeName or "
                                        "self::t:orgName]", namespaces=TEI):
            links = in_panel if name.xpath("ancestor::t:teiHeader", namespaces=TEI) else in_text
            action = name.xpath("ancestor::t:correspAction[1]/@type", namespaces=TEI)
            if action and shown_actions.get(action[0]) not in ("sent", "received"):
                continue  # "read", "forwarded" …: the panel shows sending and receiving only
            if not "".join(name.itertext()).strip():
                continue  # an empty name has nothing to click on
            tokens = name.get("ref", "").split() or ([name.get("key")] if key else [])
            for token in tokens:
                entry = authority.resolve(token) if name.get("ref") else authority.by_name_key(token)
                if entry is not None:
                    target = register_href(entry) if registers.get(entry.id) is entry else entry.authority_uri()
                elif is_uri(token):
                    target = token
                else:
                    continue
                if target:
                    assert unquote(target) in links, (path.name, etree.tostring(name)[:120], target)
                    checked += 1
    assert checked > 0


def test_no_document_is_called_no_comma(site):
    for page in sorted(site.html.rglob("*.html")):  # the register entries' pages in their folders too
        text = page.read_text(encoding="utf-8")
        assert "No. ," not in text and "No. :" not in text, page.relative_to(site.html).as_posix()
