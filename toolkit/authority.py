"""The edition's authority files (persons, places, organisations, edition.xml) as one index.

Names point to entries in one of four ways (docs/conventions.md): `@ref="#id"`; a prefixed
pointer such as `pmb:123`, expanded by a `prefixDef` of the authority files; a full URI
(GND, GeoNames, ...), which matches an entry holding it as an `idno` and is otherwise kept as
it is; and `@key`, matched against the entry attribute that teikit.toml's [references] key
names (`person/@n` in the Alfred Escher edition). The index is built once from the already
parsed trees and shared by validation, metadata, CMIF and the site.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable
from urllib.parse import quote

from lxml import etree

from . import NSMAP, XML_NS
from .xmlio import ParsedDocument, first, normalized_text

XML_ID = f"{{{XML_NS}}}id"
# personGrp (a family, a circle) is listed with the persons, as registers of letter editions do.
ENTRY_KINDS = {"person": "person", "personGrp": "person", "place": "place", "org": "org", "category": "category"}
# The site page that lists the entries of each kind (anchored by xml:id).
INDEX_PAGES = {"person": "persons.html", "place": "places.html", "org": "orgs.html"}
# The authority services a `idno @type` may name, and how to turn a bare value into a URI.
AUTHORITY_URI_PREFIX = {
    "wikidata": "http://www.wikidata.org/entity/",
    "geonames": "https://sws.geonames.org/",
    "viaf": "http://viaf.org/viaf/",
    "gnd": "https://d-nb.info/gnd/",
}
# Which authority a full URI belongs to, by its address (`idno type="uri"`, an entry's @ref or @sameAs).
URI_AUTHORITIES = (
    ("d-nb.info/gnd/", "gnd"), ("geonames.org/", "geonames"), ("viaf.org/viaf/", "viaf"),
    ("wikidata.org/entity/", "wikidata"), ("wikidata.org/wiki/", "wikidata"), ("id.loc.gov/", "lc"),
    ("data.bnf.fr/", "bnf"), ("catalogue.bnf.fr/", "bnf"), ("isni.org/isni/", "isni"), ("orcid.org/", "orcid"),
)
GENERIC_IDNO_TYPES = ("uri", "url", "")  # an idno that says only that it holds an address
# Parts of a personal name that come between the forenames and the surname, or after it.
NAME_LINKS = ("nameLink",)
NAME_ADDITIONS = ("addName", "genName", "roleName")
# Authority files whose identifiers name a person, place or organisation (not a Wikipedia
# article), best first: correspSearch resolves the first ones.
AUTHORITY_SCHEMES = ("viaf", "gnd", "wikidata", "geonames", "lc", "bnf", "ndl")
# Entries a document may keep for itself, in its own standOff or back.
LOCAL_ENTRIES = ("(.//tei:standOff | .//tei:back)//tei:*[self::tei:listPerson or self::tei:listPlace or "
                 "self::tei:listOrg or self::tei:listBibl]/tei:*[@xml:id]")
KEYED_ENTRIES = ("person", "place", "org", "bibl", "personGrp", "item", "category")
BARE_ID = re.compile(r"^[\w.-]+$")  # an NCName-like word: what an xml:id looks like without its "#"


@dataclass
class Entry:
    id: str
    kind: str  # person | place | org | category | other
    name: str
    type: str = ""
    variants: list[str] = field(default_factory=list)
    description: str = ""
    identifiers: dict[str, str] = field(default_factory=dict)
    file: str = ""
    line: int = field(default=0, metadata={"cache": False})  # for diagnostics only: not in build.authority_key
    surname: str = ""  # from persName/surname of the regular name, where the entry marks it
    forename: str = ""
    birth: str = ""  # birth/@when, death/@when (or the text where no date is given)
    death: str = ""

    @property
    def sort_name(self) -> str:
        """How a register lists the entry: "Chicherin, Georgy" where the surname is marked."""
        if self.surname and self.forename:
            return f"{self.surname}, {self.forename}"
        return self.surname or self.name

    @property
    def sort_key(self) -> str:
        """Alphabetical order that ignores case and diacritics (Kâzım files with Kazim)."""
        decomposed = unicodedata.normalize("NFKD", self.sort_name.casefold())
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    def uri(self, scheme: str) -> str | None:
        """The identifier of `scheme` as a full URI, or None when the entry has none."""
        value = self.identifiers.get(scheme)
        if not value:
            return None
        if value.startswith("http"):
            return value
        prefix = AUTHORITY_URI_PREFIX.get(scheme)
        return prefix + value if prefix else None

    def authority_uri(self, schemes: tuple[str, ...] = AUTHORITY_SCHEMES) -> str:
        """The entry's identifier in the first authority file of `schemes` it has one in, as a URI
        ("" if none): what a name links to where the site has no register (a page rendered alone)."""
        return next((self.uri(scheme) for scheme in schemes if self.uri(scheme)), "")

    def uris(self) -> list[str]:
        """Every authority URI of the entry (its idnos as full URIs), in a stable order."""
        found = (self.uri(scheme) for scheme in sorted(self.identifiers))
        return [uri for uri in dict.fromkeys(found) if uri]


def register_path(entry: "Entry") -> str | None:
    """The file of an entry's page, relative to the site's folder (html/): "persons/chicherin.html";
    None for a kind without a register."""
    page = INDEX_PAGES.get(entry.kind)
    return f"{page[:-len('.html')]}/{entry.id}.html" if page else None


def register_href(entry: "Entry") -> str | None:
    """The link to an entry's page from the site's folder (register_path, percent-encoded). Every
    link to a register entry is made here (document pages, the registers, the correspondents, the
    network, CMIF's local URIs)."""
    path = register_path(entry)
    return quote(path, safe="/") if path else None


def is_uri(token: str) -> bool:
    return token.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Prefix:
    """A TEI prefixDef: `pmb:123` matches `matchPattern` and becomes `replacementPattern` ($1 ...)."""

    ident: str
    match: str
    replacement: str

    def expand(self, value: str) -> str | None:
        found = re.fullmatch(self.match, value)
        if found is None:
            return None
        return re.sub(r"\$(\d)", lambda m: found.group(int(m.group(1))) or "", self.replacement)


def _entry(element: etree._Element, file: str) -> Entry:
    local = etree.QName(element).localname
    kind = ENTRY_KINDS.get(local, "other")
    name_el = first(element, "tei:*[contains(local-name(), 'Name')][@type='reg']")
    if name_el is None:
        name_el = first(element, "tei:*[contains(local-name(), 'Name')]")
    if kind == "category":
        name_el = first(element, "tei:catDesc")
    names = [normalized_text(n) for n in element.xpath("tei:persName|tei:placeName|tei:orgName", namespaces=NSMAP)]
    name = normalized_text(name_el) or element.get(XML_ID)
    description = normalized_text(first(element, "tei:desc | tei:occupation | tei:note[not(@type='authority')]"))
    if name_el is not None and kind == "person":
        name = natural_order(name_el) or name
    return Entry(
        id=element.get(XML_ID), kind=kind, name=name, type=element.get("type", element.get("role", "")),
        variants=[n for n in dict.fromkeys(names) if n and n not in (name, normalized_text(name_el))],
        description=description, identifiers=identifiers_of(element), file=file, line=element.sourceline or 0,
        surname=normalized_text(first(name_el, "tei:surname")) if name_el is not None else "",
        forename=" ".join(normalized_text(f) for f in name_el.xpath("tei:forename", namespaces=NSMAP))
        if name_el is not None else "",
        birth=_life_date(first(element, "tei:birth")), death=_life_date(first(element, "tei:death")),
    )


def authority_of(uri: str) -> str:
    """The authority a full URI belongs to ("gnd" for https://d-nb.info/gnd/118540238), or ""."""
    address = uri.split("://", 1)[-1].removeprefix("www.")
    return next((scheme for host, scheme in URI_AUTHORITIES if address.startswith(host) or f".{host}" in address[:60]),
                "")


def identifiers_of(element: etree._Element) -> dict[str, str]:
    """The entry's identifiers by authority: its idnos (`type="gnd"`, or `type="uri"` holding a GND,
    GeoNames, VIAF … address), then the URIs of its own @ref and @sameAs. The first of each authority wins."""
    found: dict[str, str] = {}
    for idno in element.xpath("tei:idno", namespaces=NSMAP):
        value = " ".join((idno.text or "").split())
        kind = idno.get("type", "").lower()
        if value and kind in GENERIC_IDNO_TYPES and is_uri(value):
            kind = authority_of(value) or kind or "uri"
        if value and kind:
            found.setdefault(kind, value)
    for attribute in ("ref", "sameAs"):
        for token in (element.get(attribute) or "").split():
            scheme = authority_of(token) if is_uri(token) else ""
            if scheme:
                found.setdefault(scheme, token)
    return found


def natural_order(name: etree._Element) -> str:
    """A personal name as it is said, forenames first, when its parts are marked: ediarum's
    `<surname>O'Etzel</surname><forename>August</forename>` is "August O'Etzel" (a register lists
    it as "O'Etzel, August": Entry.sort_name). "" when the name does not mark both."""
    parts = [child for child in name if isinstance(child.tag, str)]
    local = [etree.QName(child).localname for child in parts]
    if "surname" not in local or "forename" not in local or (name.text or "").strip() or \
            any((child.tail or "").strip() not in ("", ",") for child in parts):
        return ""  # written out as prose, or not both parts: the text as it stands
    if local.index("forename") < local.index("surname"):
        return ""  # already forenames first
    order = [("forename",), NAME_LINKS, ("surname",), NAME_ADDITIONS]
    words = [normalized_text(child) for group in order for child, tag in zip(parts, local) if tag in group]
    return " ".join(word for word in words if word)


def _life_date(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return element.get("when") or normalized_text(element)


class AuthorityIndex:
    """All xml:ids of the authority files and edition.xml, with their entries."""

    def __init__(self, entries: Iterable[Entry] = ()):
        self.entries: dict[str, Entry] = {}
        self.by_uri: dict[str, Entry] = {}
        self.by_key: dict[str, Entry] = {}
        self.prefixes: dict[str, Prefix] = {}
        self.key = ""  # the attribute names' @key matches ([references] key); "" when @key is not used
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry, key: str = "") -> None:
        # The first entry of an id wins; a repeated id is reported by validation (xmlid-unique).
        if self.entries.setdefault(entry.id, entry) is not entry:
            return
        for uri in entry.uris():
            self.by_uri.setdefault(uri, entry)
        if key:
            self.by_key.setdefault(key, entry)

    @classmethod
    def from_documents(cls, support: Iterable[ParsedDocument], documents: Iterable[ParsedDocument] = (),
                       key: str = "") -> "AuthorityIndex":
        """Every xml:id of the authority files; the entries of each document's own standOff/back."""
        index = cls()
        index.key = key
        for document in support:
            index._add_prefixes(document)
            for element in document.root.iter(etree.Element):
                if element.get(XML_ID):
                    index._add_element(element, document, key)
        for document in documents:
            for element in document.root.xpath(LOCAL_ENTRIES, namespaces=NSMAP):
                index._add_element(element, document, key)
        return index

    def with_local(self, document: ParsedDocument, key: str = "") -> "AuthorityIndex":
        """This index and the entries the document keeps in its own standOff/back (itself if none)."""
        local = document.root.xpath(LOCAL_ENTRIES, namespaces=NSMAP)
        if not local:
            return self
        index = copy.copy(self)
        index.entries, index.by_uri, index.by_key = dict(self.entries), dict(self.by_uri), dict(self.by_key)
        for element in local:
            index._add_element(element, document, key)
        return index

    def _add_element(self, element: etree._Element, document: ParsedDocument, key: str) -> None:
        keyed = key and etree.QName(element).localname in KEYED_ENTRIES
        value = element.get(key_attribute(key)) if keyed else None
        self.add(_entry(element, document.display), " ".join(value.split()) if value else "")

    def _add_prefixes(self, document: ParsedDocument) -> None:
        for definition in document.root.iterfind(".//{http://www.tei-c.org/ns/1.0}prefixDef"):
            ident, match = definition.get("ident"), definition.get("matchPattern")
            if ident and match:
                self.prefixes.setdefault(ident, Prefix(ident, match, definition.get("replacementPattern", "")))

    def __contains__(self, ref_id: str) -> bool:
        return ref_id in self.entries

    def get(self, ref_id: str) -> Entry | None:
        return self.entries.get(ref_id.lstrip("#"))

    def expand(self, token: str) -> str | None:
        """A prefixed pointer (`pmb:123`) as its prefixDef spells it out; None if no prefix of the edition."""
        ident, colon, value = token.partition(":")
        prefix = self.prefixes.get(ident) if colon else None
        return prefix.expand(value) if prefix else None

    def resolve(self, token: str) -> Entry | None:
        """The entry a pointer leads to: `#id`, a prefixed pointer, an authority URI, or the bare id
        of an entry (`resp="iv001"`, a convention of many editions: rule ref-bare)."""
        expanded = self.expand(token)
        if expanded is not None:
            token = expanded
        if token.startswith("#"):
            return self.get(token)
        if is_uri(token):
            return self.by_uri.get(token) or self.by_uri.get(_other_scheme(token))
        return self.bare(token) if expanded is None else None

    def bare(self, token: str) -> Entry | None:
        """The entry a pointer without its "#" names, if it is an entry's id and nothing else a URI could be."""
        if ":" in token or "/" in token or not BARE_ID.match(token):
            return None
        return self.entries.get(token)

    def by_name_key(self, value: str) -> Entry | None:
        return self.by_key.get(" ".join(value.split()))

    def of_kind(self, kind: str) -> list[Entry]:
        return sorted((e for e in self.entries.values() if e.kind == kind), key=lambda e: (e.sort_key, e.id))

    def name(self, ref: str, fallback: str = "") -> str:
        entry = self.get(ref)
        return entry.name if entry else fallback


def key_attribute(key: str) -> str:
    """The attribute [references] key names, as lxml spells it: "xml:id" is the Clark name of xml:id."""
    prefix, colon, local = key.partition(":")
    return f"{{{XML_NS}}}{local}" if colon and prefix == "xml" else key


def _other_scheme(uri: str) -> str:
    """The same URI with http and https swapped: authority files and letters do not agree on it."""
    if uri.startswith("https://"):
        return "http://" + uri[len("https://"):]
    return "https://" + uri[len("http://"):]
