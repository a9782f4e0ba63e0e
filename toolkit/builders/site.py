"""The site's own pages: home, persons, places, organisations, correspondents, chronology, search.

Python gathers what the pages need once (the letters' metadata, the authority entries, the
introduction of edition.xml, the drawings) into one small XML "corpus summary" (root tk:site);
the HTML stylesheet turns it into each page (parameter `page`). Every word in it comes from the
edition's labels (toolkit/labels.py); the drawings are the chronology and network builders'
files, read back (declared in `reads`), so each is drawn once per build.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .. import NSMAP
from ..authority import INDEX_PAGES, AuthorityIndex, Entry, register_href
from ..labels import Labels
from ..metadata import Letter, Name, correspondence_pairs, referenced_ids, roles, span
from ..record import names_record
from ..svg import svg_element
from ..xmlio import ParsedDocument
from ..xslt import CSS, resource
from . import Context, CorpusBuilder, CorpusInput, href

TK_NS = "urn:teikit"
SITE_PAGES = ("index", "persons", "places", "orgs", "correspondents", "chronology", "search")
INDEXES = tuple((kind, INDEX_PAGES[kind]) for kind in ("person", "place", "org"))


def tk(tag: str) -> str:
    return f"{{{TK_NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tk(tag), {k.replace("_", "-"): v for k, v in attributes.items() if v})
    element.text = text
    return element


@dataclass
class SiteData:
    """Everything the site pages show, gathered once."""

    title: str
    letters: list[Letter]  # chronological
    authority: AuthorityIndex
    labels: Labels
    edition_document: ParsedDocument | None = None
    drawings: dict[str, bytes] = field(default_factory=dict)  # "chronology", "network" -> the SVG file
    mentions: dict[str, list[Letter]] = field(default_factory=dict)

    def __post_init__(self):
        for letter in self.letters:
            for ref in referenced_ids(letter):
                self.mentions.setdefault(ref, []).append(letter)


def site_summary(site: SiteData) -> etree._Element:
    root = etree.Element(tk("site"), nsmap={"tk": TK_NS, None: NSMAP["tei"]})
    root.set("title", site.title)
    _add_intro(root, site.edition_document)
    documents = _sub(root, "documents")
    for letter in site.letters:
        _add_document(documents, letter, site)
    for kind, page in INDEXES:
        entries = _sub(root, "entries", kind=kind, page=page, title=site.labels[f"register.{kind}"])
        for entry in site.authority.of_kind(kind):
            _add_entry(entries, entry, site.mentions.get(entry.id, []), site.labels)
    _add_correspondence(_sub(root, "correspondence"), site)
    root.append(_chronology(site))
    return root


def _add_intro(root: etree._Element, edition_document: ParsedDocument | None) -> None:
    """The editorial introduction: the body of edition.xml, TEI kept so names become links."""
    intro = _sub(root, "intro")
    if edition_document is None:
        return
    subtitle = edition_document.root.xpath("tei:teiHeader//tei:titleStmt/tei:title[@type='sub']", namespaces=NSMAP)
    if subtitle:
        _sub(root, "subtitle").append(_copy(subtitle[0]))
    for part in edition_document.root.xpath("tei:text/tei:body/*", namespaces=NSMAP):
        intro.append(_copy(part))


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def _add_document(parent: etree._Element, letter: Letter, site: SiteData) -> None:
    labels = site.labels
    document = _sub(parent, "document", id=letter.doc_id, href=href("html", "html", letter), number=letter.number,
                    inferred="true" if letter.number_inferred else "false", when=letter.date.when,
                    date=labels.date(letter.date), kind=labels.kind(letter.kind, site.authority),
                    title=letter.short_title or letter.title)
    for name in letter.senders:
        _add_name(document, "from", name)
    for name in letter.recipients:
        _add_name(document, "to", name)
    for action in letter.sent:
        if action.place:
            _add_name(document, "place", action.place)


def _add_name(parent: etree._Element, tag: str, name: Name) -> None:
    _sub(parent, tag, ref=name.ref, kind=name.kind, name=name.name)


def _add_entry(parent: etree._Element, entry: Entry, letters: list[Letter], labels: Labels) -> None:
    element = _sub(parent, "entry", id=entry.id, kind=entry.kind, name=entry.name, type=entry.type,
                   sort_name=entry.sort_name, life=labels.life(entry))
    for variant in entry.variants:
        _sub(element, "variant", variant)
    if entry.description:
        _sub(element, "description", entry.description)
    for scheme in sorted(entry.identifiers):
        uri = entry.uri(scheme)
        if uri:
            _sub(element, "identifier", scheme=scheme, label=labels.scheme(scheme),
                 uri=uri, value=entry.identifiers[scheme].rsplit("/", 1)[-1])
    for letter in letters:
        mention = _sub(element, "mention", doc=letter.doc_id, href=href("html", "html", letter), number=letter.number,
                       title=letter.short_title or letter.title, label=labels.document(letter), date=labels.date(letter.date),
                       when=letter.date.when, roles=labels.roles(roles(letter, entry.id)))
        for sentence in letter.passages.get(entry.id, []):
            _sub(mention, "passage", sentence)


def _add_correspondence(parent: etree._Element, site: SiteData) -> None:
    labels = site.labels
    if "network" in site.drawings:
        parent.append(svg_element(site.drawings["network"]))
    for sender, recipient, cc, chain in correspondence_pairs(site.letters, labels["site.unnamed"]):
        pair = _sub(parent, "pair", from_ref=sender.ref, from_name=sender.name, from_href=_entry_href(site, sender),
                    to_ref=recipient.ref, to_name=recipient.name, to_href=_entry_href(site, recipient),
                    cc="true" if cc else "false", count=str(len(chain)),
                    first=labels.date(chain[0].date), last=labels.date(chain[-1].date))
        for letter in chain:
            _sub(pair, "doc", id=letter.doc_id, href=href("html", "html", letter),
                 number=labels.number(letter) or letter.doc_id)


def _entry_href(site: SiteData, name: Name) -> str:
    """A correspondent's register entry, where the site lists it."""
    entry = site.authority.get(name.ref) if name.ref else None
    return (register_href(entry) or "") if entry is not None else ""


def _chronology(site: SiteData) -> etree._Element:
    """tk:chronology: the drawing and the documents by year and month."""
    labels = site.labels
    root = etree.Element(tk("chronology"))
    if "chronology" in site.drawings:
        root.append(svg_element(site.drawings["chronology"]))
    groups: dict[tuple[int, int] | None, list[Letter]] = {}
    for letter in site.letters:
        days = span(letter.date)
        groups.setdefault(days.month if days else None, []).append(letter)
    for key in sorted(k for k in groups if k):
        month = etree.SubElement(root, tk("month"), year=str(key[0]), month=f"{key[1]:02d}",
                                 name=labels.month(key[1]))
        for letter in groups[key]:
            _item(month, letter, labels)
    if None in groups:
        undated = etree.SubElement(root, tk("undated"))
        for letter in groups[None]:
            _item(undated, letter, labels)
    return root


def _item(parent: etree._Element, letter: Letter, labels: Labels) -> None:
    attributes = {"doc": letter.doc_id, "href": href("html", "html", letter), "label": labels.document(letter),
                  "date": labels.date(letter.date)}
    if letter.date.when:
        attributes["when"] = letter.date.when
    etree.SubElement(parent, tk("item"), attributes)


class SitePagesBuilder(CorpusBuilder):
    """Home, registers, correspondents, chronology, search: one summary, handed to Saxon once
    for every page."""

    name = "site"
    target = "html"
    fixed_outputs = {f"html/{page}.html": "a page of the site" for page in SITE_PAGES}
    depends_on = ("letters", "authority", "description", "stylesheets", "config", "labels")
    reads = ("chronology", "network")  # the drawings the pages embed

    def build(self, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        drawings = {name: data for name in self.reads for data in corpus.outputs_of(name).values()}
        site = SiteData(str(context.site_params.get("edition-title", "")), corpus.letters, context.authority,
                        context.labels, corpus.edition_document, drawings)
        styles = context.styles
        summary = styles.parse(site_summary(site))
        # the names of the introduction (edition.xml) lead where those of a document page do
        names = styles.parse(names_record(corpus.edition_document, context.authority, context.authority))
        outputs = {f"html/{page}.html": context.transform_node("html", summary, {**context.site_params, "page": page},
                                                                 record=names).encode("utf-8")
                   for page in SITE_PAGES}
        css = resource(context.xslt_dir, CSS)  # the edition's own CSS, else the packaged one
        if css.is_file():
            outputs[CSS.as_posix()] = css.read_bytes()
        return outputs
