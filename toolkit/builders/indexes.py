"""The site's own pages: home, persons, places, organisations, correspondents.

Python gathers what the pages need once (the letters' metadata, the authority entries, the
introduction of edition.xml) into one small XML "corpus summary" (root tk:site); the HTML
stylesheet turns it into each page (parameter `page`). The summary is also what the
document pages use to link names (tk:entries, see `entries_xml`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import NSMAP
from ..authority import INDEX_PAGES, AuthorityIndex, Entry
from ..metadata import DateSpec, Letter, Name
from ..xmlio import ParsedDocument
from ..xslt import resource
from . import Context, CorpusBuilder, CorpusInput

TK_NS = "urn:teikit"
SITE_PAGES = ("index", "persons", "places", "orgs", "correspondents", "chronology", "search")
INDEXES = tuple((kind, INDEX_PAGES[kind], title)
                for kind, title in (("person", "Persons"), ("place", "Places"), ("org", "Organisations")))
SCHEME_LABELS = {"wikidata": "Wikidata", "geonames": "GeoNames", "viaf": "VIAF", "gnd": "GND",
                 "wikipedia": "Wikipedia", "lc": "Library of Congress", "bnf": "BnF"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
CSS = Path("html/static/edition.css")


def tk(tag: str) -> str:
    return f"{{{TK_NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tk(tag), {k.replace("_", "-"): v for k, v in attributes.items() if v})
    element.text = text
    return element


def entries_xml(authority: AuthorityIndex) -> str:
    """Id, kind and name of every authority entry: the stylesheets' `entries` parameter."""
    root = etree.Element(tk("entries"), nsmap={"tk": TK_NS})
    for entry_id in sorted(authority.entries):
        entry = authority.entries[entry_id]
        _sub(root, "entry", id=entry.id, kind=entry.kind, name=entry.name, surname=entry.surname,
             forename=entry.forename)
    return etree.tostring(root, encoding="unicode")


def human_date(date: DateSpec) -> str:
    """1920-08-27 -> 27 August 1920; notAfter 1920-09-01 -> not after 1 September 1920."""
    if date.when:
        return _words(date.when)
    if date.notBefore and date.notAfter:
        return f"between {_words(date.notBefore)} and {_words(date.notAfter)}"
    if date.notAfter:
        return f"not after {_words(date.notAfter)}"
    if date.notBefore:
        return f"not before {_words(date.notBefore)}"
    if date.from_ or date.to:
        return f"{_words(date.from_)} – {_words(date.to)}"
    return "undated"


def _words(iso: str) -> str:
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return iso


def document_label(letter: Letter) -> str:
    """How other pages name a document: "No. 537: Chicherin to Kirov, 4 September 1920"."""
    title = letter.short_title or letter.title or letter.doc_id
    return f"No. {letter.number}: {title}" if letter.number else title


@dataclass
class SiteData:
    """Everything the site pages show, gathered once."""

    title: str
    letters: list[Letter]  # chronological
    authority: AuthorityIndex
    edition_document: ParsedDocument | None = None
    mentions: dict[str, list[Letter]] = field(default_factory=dict)

    def __post_init__(self):
        for letter in self.letters:
            for ref in _referenced_ids(letter):
                self.mentions.setdefault(ref, []).append(letter)


def _referenced_ids(letter: Letter) -> list[str]:
    """Entries a document names (Letter.named_ids)."""
    return letter.named_ids()


def site_summary(site: SiteData) -> etree._Element:
    root = etree.Element(tk("site"), nsmap={"tk": TK_NS, None: NSMAP["tei"]})
    root.set("title", site.title)
    _add_intro(root, site.edition_document)
    documents = _sub(root, "documents")
    for letter in site.letters:
        _add_document(documents, letter)
    for kind, page, title in INDEXES:
        entries = _sub(root, "entries", kind=kind, page=page, title=title)
        for entry in site.authority.of_kind(kind):
            _add_entry(entries, entry, site.mentions.get(entry.id, []))
    _add_correspondence(_sub(root, "correspondence"), site.letters, site.authority)
    from .chronology import chronology_summary  # it uses this module's labels

    root.append(chronology_summary(site.letters, tk))
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


def _add_document(parent: etree._Element, letter: Letter) -> None:
    document = _sub(parent, "document", id=letter.doc_id, number=letter.number,
                    inferred="true" if letter.number_inferred else "false", when=letter.date.when,
                    date=human_date(letter.date), kind=_kind_label(letter), title=letter.short_title or letter.title)
    for name in letter.senders:
        _add_name(document, "from", name)
    for name in letter.recipients:
        _add_name(document, "to", name)
    for action in letter.sent:
        if action.place:
            _add_name(document, "place", action.place)


def _kind_label(letter: Letter) -> str:
    return letter.kind.replace("-", " ").capitalize()


def _add_name(parent: etree._Element, tag: str, name: Name) -> None:
    _sub(parent, tag, ref=name.ref, kind=name.kind, name=name.name)


def roles(letter: Letter, ref: str) -> list[str]:
    """In what roles a document names an entry: sender, addressee, copy, mentioned, place, archive."""
    found = []
    for label, names in (("sender", letter.senders), ("addressee", letter.recipients), ("copy to", letter.cc)):
        if any(name.ref == ref for name in names):
            found.append(label)
    for label, actions in (("place of sending", letter.sent), ("place of receipt", letter.received)):
        if any(ref in [p.ref for p in action.places or [action.place] if p] for action in actions):
            found.append(label)
    for action in letter.actions:  # read, forwarded …: the action as the document types it
        if action.type not in ("sent", "received") and ref in [p.ref for p in action.parties + action.places]:
            found.append(action.tei_type or action.type)
    if any(ref in refs for refs in letter.mentions.values()):
        found.append("mentioned")
    if any(ref in refs for refs in letter.described.values()) and not any(s.repository == ref for s in letter.sources):
        found.append("manuscript description")
    if any(source.repository == ref for source in letter.sources):
        found.append("archive")
    return list(dict.fromkeys(found))


def life_dates(entry: Entry) -> str:
    """(1872–1936), (born 1884), (died 1924): only what the entry records."""
    if entry.birth and entry.death:
        return f"{entry.birth}–{entry.death}"
    if entry.birth:
        return f"born {entry.birth}"
    return f"died {entry.death}" if entry.death else ""


def _add_entry(parent: etree._Element, entry: Entry, letters: list[Letter]) -> None:
    element = _sub(parent, "entry", id=entry.id, kind=entry.kind, name=entry.name, type=entry.type,
                   sort_name=entry.sort_name, life=life_dates(entry))
    for variant in entry.variants:
        _sub(element, "variant", variant)
    if entry.description:
        _sub(element, "description", entry.description)
    for scheme in sorted(entry.identifiers):
        uri = entry.uri(scheme)
        if uri:
            _sub(element, "identifier", scheme=scheme, label=SCHEME_LABELS.get(scheme, scheme),
                 uri=uri, value=entry.identifiers[scheme].rsplit("/", 1)[-1])
    for letter in letters:
        mention = _sub(element, "mention", doc=letter.doc_id, number=letter.number,
                       title=letter.short_title or letter.title, date=human_date(letter.date),
                       when=letter.date.when, roles=", ".join(roles(letter, entry.id)))
        for sentence in letter.passages.get(entry.id, []):
            _sub(mention, "passage", sentence)


def correspondence_pairs(letters: list[Letter]) -> list[tuple[Name, Name, bool, list[Letter]]]:
    """(sender, recipient, is a copy, the letters in date order): the correspondents table and network."""
    pairs: dict[tuple, list[Letter]] = {}
    names: dict[tuple, tuple[Name, Name]] = {}
    for letter in letters:
        for sender, recipient, cc in _pairs(letter):
            key = (sender.ref or sender.name, recipient.ref or recipient.name, cc)
            pairs.setdefault(key, []).append(letter)
            names[key] = (sender, recipient)
    order = sorted(pairs, key=lambda k: (names[k][0].name.casefold(), names[k][1].name.casefold(), k[2]))
    return [(*names[key], key[2], pairs[key]) for key in order]


def _add_correspondence(parent: etree._Element, letters: list[Letter], authority: AuthorityIndex) -> None:
    from .network import network_svg  # it draws this module's pairs

    pairs = correspondence_pairs(letters)
    drawing = network_svg(pairs, authority)
    if drawing is not None:
        parent.append(drawing)
    for sender, recipient, cc, chain in pairs:
        pair = _sub(parent, "pair", from_ref=sender.ref, from_name=sender.name, to_ref=recipient.ref,
                    to_name=recipient.name, cc="true" if cc else "false", count=str(len(chain)),
                    first=human_date(chain[0].date), last=human_date(chain[-1].date))
        for letter in chain:
            _sub(pair, "doc", id=letter.doc_id, number=letter.number or letter.doc_id)


UNNAMED = Name("other", "", "addressee not named", "")


def _pairs(letter: Letter):
    """(sender, recipient, is_copy) for every sender and every addressee of each turn of a letter
    (a letter has one turn; a recorded conversation one per correspDesc)."""
    seen = set()
    for actions in letter.turns:
        received = [a for a in actions if a.type == "received"]
        recipients = [(p, a.subtype == "cc") for a in received for p in a.parties]
        if not any(not cc for _, cc in recipients):
            recipients.insert(0, (UNNAMED, False))
        for sender in (p for a in actions if a.type == "sent" for p in a.parties):
            for recipient, cc in recipients:
                key = (sender.ref or sender.name, recipient.ref or recipient.name, cc)
                if key not in seen and not (sender.ref and sender.ref == recipient.ref):
                    seen.add(key)
                    yield sender, recipient, cc


class SitePagesBuilder(CorpusBuilder):
    """Home, registers and correspondents: one summary, handed to Saxon once for every page."""

    name = "site"
    target = "html"
    depends_on = ("letters", "authority", "description", "stylesheets", "config")

    def build(self, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        site = SiteData(str(context.site_params.get("edition-title", "")), corpus.letters, context.authority,
                        corpus.edition_document)
        styles = context.styles
        summary = styles.parse(site_summary(site))
        outputs = {f"html/{page}.html": styles.transform("html", summary, {**context.site_params, "page": page},
                                                           context.entries).encode("utf-8")
                   for page in SITE_PAGES}
        css = resource(context.xslt_dir, CSS)  # the edition's own CSS, else the packaged one
        if css.is_file():
            outputs[CSS.as_posix()] = css.read_bytes()
        return outputs


__all__ = ["SiteData", "SitePagesBuilder", "entries_xml", "document_label", "human_date"]
