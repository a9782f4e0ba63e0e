"""The edition's authority files (persons, places, organisations, edition.xml) as one index.

Every `@ref="#id"` in a document points to an entry here. The index is built once from the
already parsed authority trees and shared by validation, metadata, CMIF and the site.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from lxml import etree

from . import NSMAP, XML_NS
from .xmlio import ParsedDocument, first, normalized_text

XML_ID = f"{{{XML_NS}}}id"
ENTRY_KINDS = {"person": "person", "place": "place", "org": "org", "category": "category"}
# The site page that lists the entries of each kind (anchored by xml:id); the stylesheets'
# tk:index-pages map says the same for the pages they link.
INDEX_PAGES = {"person": "persons.html", "place": "places.html", "org": "orgs.html"}
# The authority services a `idno @type` may name, and how to turn a bare value into a URI.
AUTHORITY_URI_PREFIX = {
    "wikidata": "http://www.wikidata.org/entity/",
    "geonames": "https://sws.geonames.org/",
    "viaf": "http://viaf.org/viaf/",
    "gnd": "https://d-nb.info/gnd/",
}


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
    line: int = 0
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
    identifiers = {
        idno.get("type", "").lower(): (idno.text or "").strip()
        for idno in element.xpath("tei:idno[@type]", namespaces=NSMAP)
        if (idno.text or "").strip()
    }
    return Entry(
        id=element.get(XML_ID), kind=kind, name=name, type=element.get("type", element.get("role", "")),
        variants=[n for n in dict.fromkeys(names) if n and n != name],
        description=description, identifiers=identifiers, file=file, line=element.sourceline or 0,
        surname=normalized_text(first(name_el, "tei:surname")) if name_el is not None else "",
        forename=" ".join(normalized_text(f) for f in name_el.xpath("tei:forename", namespaces=NSMAP))
        if name_el is not None else "",
        birth=_life_date(first(element, "tei:birth")), death=_life_date(first(element, "tei:death")),
    )


def _life_date(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return element.get("when") or normalized_text(element)


class AuthorityIndex:
    """All xml:ids of the authority files and edition.xml, with their entries."""

    def __init__(self, entries: Iterable[Entry] = ()):
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        # The first entry of an id wins; a repeated id is reported by validation (xmlid-unique).
        self.entries.setdefault(entry.id, entry)

    @classmethod
    def from_documents(cls, documents: Iterable[ParsedDocument]) -> "AuthorityIndex":
        index = cls()
        for document in documents:
            for element in document.root.iter():
                if isinstance(element.tag, str) and element.get(XML_ID):
                    index.add(_entry(element, document.display))
        return index

    def __contains__(self, ref_id: str) -> bool:
        return ref_id in self.entries

    def get(self, ref_id: str) -> Entry | None:
        return self.entries.get(ref_id.lstrip("#"))

    def of_kind(self, kind: str) -> list[Entry]:
        return sorted((e for e in self.entries.values() if e.kind == kind), key=lambda e: (e.sort_key, e.id))

    def name(self, ref: str, fallback: str = "") -> str:
        entry = self.get(ref)
        return entry.name if entry else fallback
