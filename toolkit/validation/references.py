"""Cross-file rules, run in Python over the already parsed trees (see schema/edition.sch).

ref-resolves: every "#id" pointer names an entry of the authority files or edition.xml, an
  entry of the document's own standOff/back or an element of the document itself; a prefixed
  pointer (`pmb:123`) expands by the edition's prefixDef; a full URI is kept as it is.
key-resolves (warning): a name's @key matches an entry ([references] key in teikit.toml).
ref-kind: persName points to a person, placeName to a place, orgName to an organisation, ...
xmlid-unique: an xml:id is used once in the whole corpus ([corpus] unique_ids = "corpus").

A set lookup per pointer: about 30 µs per document, far less than XSLT's document().
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from lxml import etree

from ..authority import AuthorityIndex
from ..corpus import Corpus
from ..diagnostics import ERROR, WARNING, Diagnostic
from ..xmlio import ParsedDocument
from ..xmlio import position

POINTER_ATTRIBUTES = ("ref", "target", "scheme", "resp")
XML_IDS = "//@xml:id"
# Which kind of entry a pointer must lead to, by element and attribute.
EXPECTED_KIND = {
    ("persName", "ref"): "person",
    ("placeName", "ref"): "place",
    ("pubPlace", "ref"): "place",
    ("orgName", "ref"): "org",
    ("catRef", "target"): "category",
}
KIND_WORDS = {"person": "a person", "place": "a place", "org": "an organisation", "category": "a category"}
BARE_WORD = re.compile(r"^[\w.-]+$")  # "chicherin": a pointer without its "#", if an entry has that id


AUTHORITY_FILES = "the authority files (persons.xml, places.xml, orgs.xml) or edition.xml"
NO_AUTHORITY_FILES = ("the files being validated (no authority files here: run teikit in the edition "
                      "folder or pass --edition DIR)")


def check(corpus: Corpus, unique_ids: bool = True) -> list[Diagnostic]:
    """The cross-file diagnostics of the files the user asked to check."""
    known = _known_ids(corpus)
    where = AUTHORITY_FILES if corpus.support else NO_AUTHORITY_FILES
    diagnostics = []
    for document in corpus.targets:
        diagnostics.extend(check_pointers(document, known, where))
    if unique_ids:
        diagnostics.extend(check_unique_ids(corpus.all_documents, corpus.targets, corpus.support))
    return diagnostics


def _known_ids(corpus: Corpus) -> AuthorityIndex:
    """The authority files; outside an edition (none loaded), the files being validated."""
    if corpus.support:
        return corpus.authority
    return AuthorityIndex.from_documents(corpus.all_documents)


def check_pointers(document: ParsedDocument, known: AuthorityIndex, where: str = AUTHORITY_FILES) -> list[Diagnostic]:
    diagnostics = []
    own_ids: set[str] | None = None  # the document's own xml:ids, collected when a pointer needs them
    for element in document.root.iter(etree.Element):  # one walk is cheaper than four //@ searches
        for attribute in POINTER_ATTRIBUTES:
            value = element.get(attribute)
            for token in value.split() if value else ():
                if own_ids is None and token.startswith("#") and token not in known.entries:
                    own_ids = {str(v) for v in document.tree.xpath(XML_IDS)}
                problem = _pointer_problem(element, attribute, token, known, where, own_ids or set())
                if problem:
                    line, column = position(document, element, attribute)
                    diagnostics.append(Diagnostic(document.display, line, column, ERROR, *problem))
        if known.by_key and element.get("key") is not None and known.by_name_key(element.get("key")) is None:
            line, column = position(document, element, "key")
            diagnostics.append(Diagnostic(document.display, line, column, WARNING, "key-resolves",
                                          f'key="{element.get("key")}" matches no entry of {where}'))
    return diagnostics


def _pointer_problem(element, attribute: str, token: str, known: AuthorityIndex, where: str,
                     own_ids: set[str]) -> tuple[str, str] | None:
    """(rule, message) when the pointer does not lead where it should, else None."""
    expanded = known.expand(token)
    pointer = expanded if expanded is not None else token
    if not pointer.startswith("#"):
        # A bare word naming an entry is a pointer that lost its "#"; any other is a relative URI.
        if expanded is None and BARE_WORD.match(token) and ":" not in token and token in known.entries:
            return "ref-resolves", f'{attribute}="{token}" is not a pointer: write "#{token}"'
        return None  # an absolute or relative URI: kept as it is
    entry = known.get(pointer)
    if entry is None:
        if pointer[1:] in own_ids:
            return None  # an element of the document itself (a note, a line, a page)
        spelled = f" ({token} by its prefixDef)" if expanded is not None else ""
        return "ref-resolves", f'unknown reference "{pointer}"{spelled}: no xml:id "{pointer[1:]}" in {where}'
    name = element.tag[element.tag.rfind("}") + 1:]
    expected = EXPECTED_KIND.get((name, attribute))
    if expected and entry.kind != expected:
        found = KIND_WORDS.get(entry.kind, "an entry of another kind")
        return "ref-kind", (f'<{name}> {attribute}="{token}" points to {found} ({entry.name}, {entry.file}); '
                            f"<{name}> needs {KIND_WORDS[expected]}")
    return None


def check_unique_ids(documents: Iterable[ParsedDocument], targets: Iterable[ParsedDocument],
                     support: Iterable[ParsedDocument] = ()) -> list[Diagnostic]:
    """A repeated xml:id belongs to the first file that has it; every later file is refused.

    First means the authority files and edition.xml, then the documents by path: the same
    for every run, whatever was built before, so a clean and an incremental build agree. A
    collision is reported whenever one of its files is being checked, on both sides: an
    error on each later file (naming the first), a warning on the first (naming the later).
    """
    first = {id(d) for d in support}
    documents = sorted(documents, key=lambda d: (id(d) not in first, str(d.path)))
    places: dict[str, list[tuple[ParsedDocument, etree._Element]]] = defaultdict(list)
    for document in documents:
        for value in document.tree.xpath(XML_IDS):
            places[str(value)].append((document, value.getparent()))
    wanted = {id(d) for d in targets}
    diagnostics = []
    for xml_id, occurrences in places.items():
        files = {id(d) for d, _ in occurrences}
        if len(files) < 2 or not files & wanted:
            continue  # repeated inside one file only: the parser reports that itself
        owner = occurrences[0]
        for document, element in occurrences[1:]:
            if document is not owner[0]:
                diagnostics.append(_duplicate(xml_id, document, element, owner, ERROR, "is already used at"))
                diagnostics.append(_duplicate(xml_id, owner[0], owner[1], (document, element), WARNING,
                                              "is also used (and refused there) at"))
    return diagnostics


def _duplicate(xml_id: str, document: ParsedDocument, element, other, severity: str, relation: str) -> Diagnostic:
    other_document, other_element = other
    line, column = position(document, element, "xml:id")
    other_line, other_column = position(other_document, other_element, "xml:id")
    return Diagnostic(document.display, line, column, severity, "xmlid-unique",
                      f'xml:id "{xml_id}" {relation} {other_document.display}:{other_line}:{other_column}; '
                      "an xml:id must be unique in the whole corpus")
