"""Cross-file rules, run in Python over the already parsed trees (see schema/edition.sch).

ref-resolves: every "#id" pointer names an entry of the authority files or edition.xml, an
  entry of the document's own standOff/back or an element of the document itself; a prefixed
  pointer (`pmb:123`) expands by the edition's prefixDef; a full URI is kept as it is.
ref-bare: a pointer without its "#" that names an entry (`resp="iv001"`) is read as `#iv001`
  and said once per pointer (editions whose convention it is set the rule to off).
key-resolves: a name's @key matches an entry ([references] key in teikit.toml).
key-unset: names carry @key while [references] key is unset: said once per document, with the
  setting the keys fit.
ref-kind: persName points to a person, placeName to a place, orgName to an organisation, ...
xmlid-unique: an xml:id is used once in the whole corpus ([corpus] unique_ids = "corpus").

A set lookup per pointer: about 30 µs per document, far less than XSLT's document().
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from lxml import etree

from ..authority import AuthorityIndex
from ..corpus import Corpus
from ..diagnostics import ERROR, WARNING, Diagnostic
from ..xmlio import ParsedDocument
from ..xmlio import position

POINTER_ATTRIBUTES = ("ref", "target", "scheme", "resp", "corresp")
_POINTING = frozenset(POINTER_ATTRIBUTES + ("key",))
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
    key_unset = not known.key and bool(known.entries)  # said once per document, at the first @key
    for element in document.root.iter(etree.Element):  # one walk is cheaper than five //@ searches
        if _POINTING.isdisjoint(element.keys()):
            continue  # most elements: one look at the names of its attributes, not six
        for attribute in POINTER_ATTRIBUTES:
            value = element.get(attribute)
            for token in value.split() if value else ():
                unknown = token[1:] not in known.entries if token.startswith("#") else known.bare(token) is not None
                if own_ids is None and unknown:  # "#x" of no entry, or a bare entry id: is it the document's own?
                    own_ids = {str(v) for v in document.tree.xpath(XML_IDS)}
                problem = _pointer_problem(element, attribute, token, known, where, own_ids or set())
                if problem:
                    line, column = position(document, element, attribute)
                    diagnostics.append(Diagnostic(document.display, line, column, ERROR, *problem))
        key = element.get("key")
        if key is None or element.tag not in NAMES:
            continue
        if key_unset:
            key_unset = False
            line, column = position(document, element, "key")
            diagnostics.append(Diagnostic(document.display, line, column, WARNING, "key-unset", _unset(key, known)))
        elif known.by_key and known.by_name_key(key) is None:
            line, column = position(document, element, "key")
            diagnostics.append(Diagnostic(document.display, line, column, WARNING, "key-resolves",
                                          f'key="{key}" matches no entry of {where}'))
    return diagnostics


# Elements whose @key points into the registers (att.canonical on names); other @key (a correspDesc's,
# a list item's) is not a pointer.
NAMES = frozenset(f"{{http://www.tei-c.org/ns/1.0}}{name}" for name in (
    "persName", "placeName", "orgName", "rs", "name", "persona", "geogName", "bibl", "title", "term", "objectName"))


def _unset(key: str, known: AuthorityIndex) -> str:
    """The key-unset message: what @key is, and the setting that makes it lead somewhere."""
    if key in known.entries:
        fit = f'it is the xml:id of an entry ({known.entries[key].name}): set [references] key = "xml:id" in teikit.toml'
    else:
        fit = ('set [references] key in teikit.toml to the attribute of the entries it matches '
               '(key = "n" for person/@n …)')
    return f'names carry @key (key="{key}") but [references] key is not set, so no @key leads to an entry: {fit}'


def _bare(token: str, known: AuthorityIndex, own_ids: set[str]):
    """The entry a pointer without its "#" names, unless the document has an element of that id."""
    return known.bare(token) if token not in own_ids else None


def _pointer_problem(element, attribute: str, token: str, known: AuthorityIndex, where: str,
                     own_ids: set[str]) -> tuple[str, str] | None:
    """(rule, message) when the pointer does not lead where it should, else None."""
    expanded = known.expand(token)
    pointer = expanded if expanded is not None else token
    if not pointer.startswith("#"):
        # A bare word naming an entry is a pointer that lost its "#"; any other is a relative URI.
        entry = _bare(token, known, own_ids) if expanded is None else None
        if entry is None:
            return None  # an absolute or relative URI: kept as it is
        kind = _kind_problem(element, attribute, token, entry)
        return kind or ("ref-bare", f'{attribute}="{token}" has no "#": read as "#{token}" ({entry.name}); write '
                                    f'"#{token}", or set [rules] ref-bare = "off" if this is the edition\'s convention')
    if pointer == "#":
        return "ref-resolves", f'{attribute}="#" points to no id: give the entry\'s id, or leave @{attribute} out'
    entry = known.get(pointer)
    if entry is None:
        if pointer[1:] in own_ids:
            return None  # an element of the document itself (a note, a line, a page)
        spelled = f" ({token} by its prefixDef)" if expanded is not None else ""
        return "ref-resolves", f'unknown reference "{pointer}"{spelled}: no xml:id "{pointer[1:]}" in {where}'
    return _kind_problem(element, attribute, token, entry)


def _kind_problem(element, attribute: str, token: str, entry) -> tuple[str, str] | None:
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
                                              "is also used (this file has it first and keeps it) at", "xmlid-first"))
    return diagnostics


def _duplicate(xml_id: str, document: ParsedDocument, element, other, severity: str, relation: str,
               rule: str = "xmlid-unique") -> Diagnostic:
    other_document, other_element = other
    line, column = position(document, element, "xml:id")
    other_line, other_column = position(other_document, other_element, "xml:id")
    return Diagnostic(document.display, line, column, severity, rule,
                      f'xml:id "{xml_id}" {relation} {other_document.display}:{other_line}:{other_column}; '
                      "an xml:id must be unique in the whole corpus")
