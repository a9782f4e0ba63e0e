"""Citable parts of a TEI document: refsDecl/citeStructure, read from the header or supplied.

A citeStructure names a kind of unit (`@unit`), the elements that are such units (`@match`,
an XPath relative to the parent unit, or absolute at the top) and how each is named (`@use`,
an XPath evaluated on the matched element; `@delim` joins it to its parent's name). XPath
here is XPath 3.1 with TEI as the default element namespace, as in the TEI Guidelines, so
`match="/TEI/text/body/p"` needs no prefix (elementpath evaluates it on the lxml tree).

A document without a citeStructure gets teikit's default (DEFAULT_REFS_DECL, see
docs/dts.md): the archival and printed references of the source description, then the body's
headings, opener, paragraphs, speech turns, closer, postscript and divisions, and any other
child of the body, in document order, each with the notes it contains. It is applied virtually: the files in tei/ and their copies in the site
stay as they are; the TEI that the DTS document endpoint returns carries it in its header.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass, field
from functools import lru_cache

from elementpath import XPathContext, get_node_tree
from elementpath.exceptions import ElementPathError
from elementpath.xpath3 import XPath3Parser
from lxml import etree

from .. import TEI_NS, XML_NS
from ..xmlio import normalized_text

TEI = f"{{{TEI_NS}}}"
DCT = "http://purl.org/dc/terms/"
# Numbered in document order, counting the notes a note sits in (ancestor::): a note inside a
# note (an editor's note on a word of a note) gets a number of its own, never its parent's.
_NOTE = ('<citeStructure unit="note" match=".//note" delim="." '
         "use=\"concat('note', count((preceding::note | ancestor::note)[ancestor::text]) + 1)\"/>")
_BODY_PARTS = (("head", "head"), ("opener", "opener"), ("p", "paragraph"), ("sp", "turn"), ("closer", "closer"),
               ("postscript", "postscript"), ("div", "division"))


def _body_part(element: str, unit: str) -> str:
    use = f"concat('{element}', count(preceding-sibling::{element}) + 1)"
    return (f'<citeStructure unit="{unit}" match="/TEI/text/body/{element}" use="{use}">'
            f"{_NOTE}</citeStructure>")


# Any other child of the body is a unit too, named after its element: every word is in one.
_OTHERS = " | ".join(f"self::{element}" for element, _ in _BODY_PARTS)
_ANY_OTHER_PART = (
    f'<citeStructure unit="part" match="/TEI/text/body/*[not({_OTHERS})]" '
    "use=\"let $name := local-name() return concat($name, count(preceding-sibling::*[local-name() eq $name]) + 1)\">"
    f"{_NOTE}</citeStructure>")

DEFAULT_REFS_DECL = (
    f'<refsDecl xmlns="{TEI_NS}" n="teikit-default">'
    '<citeStructure unit="source" match="/TEI/teiHeader/fileDesc/sourceDesc//listBibl/bibl" '
    "use=\"concat('source', count((preceding::bibl | ancestor::bibl)[parent::listBibl]) + 1)\">"
    f'<citeData property="{DCT}title" use="normalize-space(.)"/></citeStructure>'
    + "".join(_body_part(element, unit) for element, unit in _BODY_PARTS)
    + _ANY_OTHER_PART
    + "</refsDecl>"
)


@dataclass
class CiteData:
    property: str
    use: str


@dataclass
class CiteStructure:
    unit: str
    match: str
    use: str
    delim: str = ""
    data: list[CiteData] = field(default_factory=list)
    children: list["CiteStructure"] = field(default_factory=list)

    def as_json(self) -> dict:
        found = {"@type": "CiteStructure", "citeType": self.unit}
        if self.children:
            found["citeStructure"] = [child.as_json() for child in self.children]
        return found


@dataclass
class CitationTree:
    """One way of citing a document (a refsDecl); the first of a document is its default."""

    identifier: str | None
    structures: list[CiteStructure]
    element: etree._Element  # the refsDecl, copied into the TEI the document endpoint returns
    supplied: bool = False  # teikit's default, not the document's own

    def as_json(self) -> dict:
        found: dict = {"@type": "CitationTree"}
        if self.identifier is not None:
            found["identifier"] = self.identifier
        found["citeStructure"] = [s.as_json() for s in self.structures]
        if self.supplied:
            found["description"] = ("Supplied by teikit (the document declares no citeStructure): the source's "
                                    "references, then the body's parts in document order, each with its notes.")
        return found


@dataclass
class Unit:
    """A citable unit: its reference, place in the tree and the element it stands for."""

    identifier: str
    level: int
    parent: str | None
    cite_type: str
    element: etree._Element
    dublin_core: dict = field(default_factory=dict)
    children: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        found = {"identifier": self.identifier, "@type": "CitableUnit", "level": self.level,
                 "parent": self.parent, "citeType": self.cite_type}
        if self.dublin_core:
            found["dublinCore"] = self.dublin_core
        return found


class CitationError(Exception):
    """A citeStructure whose XPath cannot be evaluated or that names two units alike."""


def _structure(element: etree._Element) -> CiteStructure:
    return CiteStructure(
        unit=element.get("unit", ""), match=element.get("match", ""), use=element.get("use", ""),
        delim=element.get("delim", ""),
        data=[CiteData(d.get("property", ""), d.get("use", "")) for d in element.findall(f"{TEI}citeData")],
        children=[_structure(child) for child in element.findall(f"{TEI}citeStructure")],
    )


def read_trees(root: etree._Element) -> list[CitationTree]:
    """The document's own citation trees (refsDecl with citeStructure), else teikit's default."""
    return own_trees(root) or [default_tree()]


def own_trees(root: etree._Element) -> list[CitationTree]:
    """The document's own citation trees (refsDecl with citeStructure): none for most documents."""
    trees = []
    for refs in root.iterfind(f"{TEI}teiHeader/{TEI}encodingDesc/{TEI}refsDecl"):
        structures = [_structure(s) for s in refs.findall(f"{TEI}citeStructure")]
        if structures:
            name = refs.get("n") or refs.get(f"{{{XML_NS}}}id") or f"tree{len(trees) + 1}"
            trees.append(CitationTree(None if not trees else name, structures, refs))
    return trees


def default_tree() -> CitationTree:
    refs = etree.fromstring(DEFAULT_REFS_DECL)
    return CitationTree(None, [_structure(s) for s in refs.findall(f"{TEI}citeStructure")], refs, supplied=True)


@lru_cache(maxsize=512)
def _compiled(expression: str):
    """Each XPath is compiled once per process, whatever the number of documents."""
    try:
        with _PARSING:  # the live server answers from several threads; the parser is not shared safely
            return _PARSER.parse(expression)
    except ElementPathError as error:
        raise CitationError(f"citeStructure XPath {expression!r} is not valid XPath: {error}") from None


_PARSING = threading.Lock()
_PARSER = XPath3Parser(namespaces={"": TEI_NS, "tei": TEI_NS, "xml": XML_NS})


class _Evaluator:
    """Evaluates citeStructure XPath on one document's node tree."""

    def __init__(self, tree: etree._ElementTree, language: str):
        self.root = get_node_tree(tree)
        self.language = language
        self.order = {element: index for index, element in enumerate(tree.getroot().iter())}

    @staticmethod
    def _token(expression: str):
        return _compiled(expression)

    def select(self, expression: str, item=None) -> list[etree._Element]:
        context = XPathContext(self.root, item=item) if item is not None else XPathContext(self.root)
        try:
            found = self._token(expression).get_results(context)
        except ElementPathError as error:
            raise CitationError(f"citeStructure match {expression!r} failed: {error}") from None
        found = found if isinstance(found, list) else [found]
        return [e for e in found if isinstance(e, etree._Element) and isinstance(e.tag, str)]

    def value(self, expression: str, element, position: int, size: int) -> list[str]:
        context = XPathContext(self.root, item=element, position=position, size=size)
        try:
            found = self._token(expression).get_results(context)
        except ElementPathError as error:
            raise CitationError(f"citeStructure use {expression!r} failed: {error}") from None
        found = found if isinstance(found, list) else [found]
        return [normalized_text(v) if isinstance(v, etree._Element) else str(v) for v in found]


def units(tree: CitationTree, document: etree._ElementTree, language: str = "und",
          native: bool = True) -> list[Unit]:
    """Every citable unit of `document` under `tree`, in document order (pre-order, depth first).

    teikit's default tree, which most documents get, is walked in Python (`default_units`):
    the same units as its XPath gives (a test compares them), at a tenth of the cost, since
    elementpath evaluates `count(preceding::note)` by walking the document for each note."""
    if native and tree.supplied:
        return default_units(document, language)
    evaluator = _Evaluator(document, language)
    found: list[Unit] = []
    seen: dict[str, Unit] = {}
    _walk(evaluator, tree.structures, None, None, 1, found, seen)
    return found


def citation_problem(tree: CitationTree, document: etree._ElementTree) -> str:
    """Why `tree` gives no citable units for `document`, or "" (validation asks, as the DTS API will)."""
    try:
        units(tree, document)
    except CitationError as error:
        return str(error)
    except (ArithmeticError, ValueError, TypeError, RecursionError) as error:  # elementpath's own limits
        return f"citeStructure XPath failed: {type(error).__name__}: {error}"
    return ""


def _walk(evaluator: _Evaluator, structures, parent: Unit | None, context, level: int, found, seen) -> None:
    matches = []
    for structure in structures:
        elements = evaluator.select(structure.match, context)
        for position, element in enumerate(elements, 1):
            matches.append((evaluator.order.get(element, 0), position, len(elements), structure, element))
    for _, position, size, structure, element in sorted(matches, key=lambda m: m[0]):
        name = "".join(evaluator.value(structure.use, element, position, size))
        identifier = f"{parent.identifier}{structure.delim}{name}" if parent else name
        if not name:
            raise CitationError(f"citeStructure {structure.unit!r} gives an empty reference")
        unit = _add_unit(found, seen, Unit(identifier, level, parent.identifier if parent else None, structure.unit,
                                           element, _dublin_core(evaluator, structure, element, position, size)), parent)
        _walk(evaluator, structure.children, unit, element, level + 1, found, seen)


def _add_unit(found: list[Unit], seen: dict[str, Unit], unit: Unit, parent: Unit | None) -> Unit:
    """A unit in document order, under its parent; a reference given twice fails the tree."""
    if unit.identifier in seen:
        raise CitationError(f"citeStructure {unit.cite_type!r} gives the reference {unit.identifier!r} twice")
    seen[unit.identifier] = unit
    found.append(unit)
    if parent:
        parent.children.append(unit.identifier)
    return unit


def _dublin_core(evaluator: _Evaluator, structure: CiteStructure, element, position: int, size: int) -> dict:
    """citeData whose property is a Dublin Core term becomes the unit's dublinCore."""
    found: dict[str, list] = {}
    for data in structure.data:
        if data.property.startswith(DCT):
            values = [v for v in evaluator.value(data.use, element, position, size) if v]
            found.setdefault(data.property[len(DCT):], []).extend(
                {"lang": evaluator.language, "value": v} for v in values)
    return found


# ---- teikit's default tree, walked in Python ------------------------------------------------

def default_units(document: etree._ElementTree, language: str = "und") -> list[Unit]:
    """DEFAULT_REFS_DECL's units without XPath: each rule below is the XPath it stands for."""
    root = document.getroot()
    order = {element: index for index, element in enumerate(root.iter())}
    found: list[Unit] = []
    seen: dict[str, Unit] = {}

    def add(identifier: str, level: int, parent: Unit | None, cite_type: str, element, dublin_core=None) -> Unit:
        unit = Unit(identifier, level, parent.identifier if parent else None, cite_type, element, dublin_core or {})
        return _add_unit(found, seen, unit, parent)

    if root.tag != f"{TEI}TEI":
        return found  # every match starts at /TEI
    bibls = _Preceding((e for e in root.iter(f"{TEI}bibl") if _parent_is(e, "listBibl")), order)
    notes = _Preceding((e for e in root.iter(f"{TEI}note") if any(True for _ in e.iterancestors(f"{TEI}text"))),
                       order)
    tops = []
    # /TEI/teiHeader/fileDesc/sourceDesc//listBibl/bibl
    for source_desc in _path(root, "teiHeader", "fileDesc", "sourceDesc"):
        for listing in source_desc.iter(f"{TEI}listBibl"):
            tops += [("source", e) for e in listing.iterchildren(f"{TEI}bibl")]
    # /TEI/text/body/head, …/opener, …/p, …, and /TEI/text/body/*[not(self::head | …)]
    named = {f"{TEI}{element}": unit for element, unit in _BODY_PARTS}
    for body in _path(root, "text", "body"):
        tops += [(named.get(child.tag, "part"), child) for child in body if isinstance(child.tag, str)]
    for cite_type, element in sorted(tops, key=lambda item: order[item[1]]):
        if cite_type == "source":
            # concat('source', count((preceding::bibl | ancestor::bibl)[parent::listBibl]) + 1); citeData normalize-space(.)
            title = element.xpath("normalize-space(.)")
            add(f"source{bibls.count(element) + 1}", 1, None, "source", element,
                {"title": [{"lang": language, "value": title}]} if title else None)
            continue
        # concat(name, count(preceding-sibling::name) + 1); for other parts, by local-name() in any namespace
        name = etree.QName(element).localname
        same = (lambda e: e.tag == element.tag) if cite_type != "part" else (
            lambda e: isinstance(e.tag, str) and etree.QName(e).localname == name)
        unit = add(f"{name}{sum(1 for e in element.itersiblings(preceding=True) if same(e)) + 1}", 1, None,
                   cite_type, element)
        # .//note, named concat('note', count((preceding::note | ancestor::note)[ancestor::text]) + 1), joined with "."
        for note in element.iterdescendants(f"{TEI}note"):
            add(f"{unit.identifier}.note{notes.count(note) + 1}", 2, unit, "note", note)
    return found


def _path(root, *names: str):
    """The elements at /TEI/name1/name2/…: every match at each step, in document order."""
    level = [root]
    for name in names:
        level = [child for element in level for child in element.iterchildren(f"{TEI}{name}")]
    return level


def _parent_is(element, name: str) -> bool:
    parent = element.getparent()
    return parent is not None and parent.tag == f"{TEI}{name}"


class _Preceding:
    """count((preceding::X | ancestor::X)) for the X given: those that start before an element in
    document order (its ancestors among them), so no two of them ever get the same number."""

    def __init__(self, elements, order: dict):
        self.order = order
        self.positions = [order[e] for e in elements]

    def count(self, element) -> int:
        return bisect.bisect_left(self.positions, self.order[element])
