"""The edition as DTS sees it, and the addresses of its API.

The root collection is the edition; its members are groups of documents, one per year of
sending (and one for the undated), whose members are the documents: a Resource each, named
by its file stem (533 for tei/533.xml), the same name as its page. A client walks root ->
year -> document, and a large year is paged. Both `teikit serve` and the build make a
Library from the documents' records; only the Api (where the answers live) differs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from uritemplate import URITemplate

from .. import NSMAP, XML_NS
from ..labels import Labels
from ..metadata import Letter
from ..xmlio import ParsedDocument
from . import DtsError, TEI_XML
from .citations import CitationError, CitationTree, Unit, read_trees, units

ROOT_ID = "edition"
UNDATED = "undated"  # the group of the documents without a date
PAGE_SIZE = 100  # members per page of a collection or navigation answer
HTML = "text/html"
TEXT = "text/plain"


def segment(value: str) -> str:
    """A value as RFC 6570 simple expansion writes it into a path: every reserved character encoded."""
    return quote(value, safe="")


@dataclass(frozen=True)
class Api:
    """Where the API answers (`root`, ending in /) and where the site's pages and TEI are (`site`).

    Every endpoint is addressed by path, with parameters as RFC 6570 path-style parameters
    (`;name=value`), so that each answer has a file name a plain web server can serve.
    """

    root: str
    site: str

    @property
    def entry(self) -> str:
        return self.root + "index.json"

    @property
    def collection(self) -> str:
        return self.root + "collection{/id}{;nav,page}.json"

    @property
    def navigation(self) -> str:
        return self.root + "navigation/{resource}{;ref,start,end,down,tree,page}.json"

    @property
    def document(self) -> str:
        return self.root + "document/{resource}{;ref,start,end,tree,mediaType}"

    def collection_of(self, member_id: str, resource: bool) -> str:
        if member_id == ROOT_ID:
            return self.root + "collection{;nav,page}.json"
        return self.root + f"collection/{segment(member_id)}{{;nav{'' if resource else ',page'}}}.json"

    def navigation_of(self, resource_id: str) -> str:
        return self.root + f"navigation/{segment(resource_id)}{{;ref,start,end,down,tree,page}}.json"

    def document_of(self, resource_id: str) -> str:
        return self.root + f"document/{segment(resource_id)}{{;ref,start,end,tree,mediaType}}"

    @staticmethod
    def expand(template: str, **values: str | int | None) -> str:
        return _expanded(template, tuple((k, str(v)) for k, v in values.items() if v is not None))


@lru_cache(maxsize=4096)
def _expanded(template: str, values: tuple[tuple[str, str], ...]) -> str:
    # A static build asks for each address twice (its file name, then its answer's @id).
    return _template(template).expand(dict(values))


@lru_cache(maxsize=256)
def _template(template: str) -> URITemplate:
    return URITemplate(template)  # parsing a template costs more than expanding it


@dataclass
class Resource:
    """One document: its metadata, its citation trees and, where it is at hand, its tree.

    The collection answers need only the record and the citation trees; navigation and
    document need the parsed document too.
    """

    id: str
    letter: Letter
    trees: list[CitationTree]
    language: str
    licence: str  # the document's own licence (availability/licence/@target), or ""
    document: ParsedDocument | None = None
    outputs: dict[str, Callable[[], bytes]] = field(default_factory=dict)  # media type -> the built output
    _units: dict[str | None, list[Unit]] = field(default_factory=dict, repr=False)
    described: dict[str, dict] = field(default_factory=dict, repr=False)  # API root -> its resource JSON

    @property
    def media_types(self) -> list[str]:
        return [TEI_XML, *self.outputs]

    def tree(self, identifier: str | None) -> CitationTree:
        for tree in self.trees:
            if tree.identifier == identifier:
                return tree
        raise DtsError(404, f"resource {self.id!r} has no citation tree {identifier!r}")

    def units(self, tree: str | None = None) -> list[Unit]:
        if tree not in self._units:
            citation = self.tree(tree)
            try:
                self._units[tree] = units(citation, self.document.tree, self.language)
            except CitationError as error:
                raise DtsError(404, f"{self.document.path.name}: {error}") from None
            except (ArithmeticError, ValueError, TypeError, RecursionError) as error:  # elementpath's own limits
                raise DtsError(404, f"{self.document.path.name}: citeStructure XPath failed: "
                                    f"{type(error).__name__}: {error}") from None
        return self._units[tree]

    def unit(self, identifier: str, tree: str | None = None) -> Unit:
        for unit in self.units(tree):
            if unit.identifier == identifier:
                return unit
        raise DtsError(404, f"resource {self.id!r} has no citable unit {identifier!r}"
                       + (f" in tree {tree!r}" if tree else ""))


@dataclass(frozen=True)
class Member:
    """A document as its year lists it: made from its record alone (no tree)."""

    id: str
    title: str
    description: str  # how the site names it (labels.document)
    file: str  # its file name: the published TEI copy is its download


@dataclass(frozen=True)
class Group:
    """A collection between the edition and its documents: the documents sent in one year, or
    those without a date. `year` is "" for the undated. `size` is its number of documents (its
    members may be left out where only the edition's collection is asked for)."""

    id: str
    year: str
    members: tuple[Member, ...]
    size: int

    @property
    def title(self) -> str:
        return self.year or "Undated"

    @property
    def description(self) -> str:
        return f"The documents sent in {self.year}" if self.year else "The documents without a date"


_YEAR = re.compile(r"^-?\d{4}")


def year_of(letter: Letter) -> str:
    """The year a document was sent (of its date's first bound), or "" when it has no date."""
    found = _YEAR.match(letter.date.sort_key)
    return found.group(0) if found and letter.date.sort_key != "9999" else ""


def group_id(year: str, taken) -> str:
    """The id of a year's collection ("year-1920", "undated"): never a document's (`taken`)."""
    identifier = f"year-{year}" if year else UNDATED
    while identifier in taken or identifier == ROOT_ID:
        identifier = f"_{identifier}"
    return identifier


def year_order(years) -> list[str]:
    """The years in order, then "" (the undated)."""
    return sorted((y for y in years if y), key=int) + ([""] if "" in years else [])


@dataclass
class Library:
    """The edition: its metadata (title, editors, licence, …), its documents in date order and
    their groups by year. A library made for a part of the static API may be given its groups
    (and the span of the edition's dates) instead of every document."""

    title: str
    publisher: str
    editors: list[str]
    licence: str
    resources: dict[str, Resource]
    language: str = "en"
    description: str = ""
    page_size: int = PAGE_SIZE
    described: dict[str, dict] = field(default_factory=dict, repr=False)  # API root -> the root collection's JSON
    labels: Labels = field(default_factory=lambda: Labels.for_language("en"), repr=False)  # the edition's words
    given_groups: dict[str, Group] | None = field(default=None, repr=False)
    span: tuple[str, str] | None = field(default=None, repr=False)  # the first and last date, when given

    def resource(self, identifier: str | None) -> Resource:
        if not identifier:
            raise DtsError(400, "the parameter resource is required")
        if identifier not in self.resources:
            raise DtsError(404, f"no resource {identifier!r} in this edition")
        return self.resources[identifier]

    def member(self, resource: Resource) -> Member:
        letter = resource.letter
        return Member(resource.id, letter.title or resource.id, self.labels.document(letter), letter.file)

    @cached_property
    def groups(self) -> dict[str, Group]:
        """The years in order, then the undated; a group's id never takes a document's."""
        if self.given_groups is not None:
            return self.given_groups
        years: dict[str, list[Member]] = {}
        for resource in self.resources.values():
            years.setdefault(year_of(resource.letter), []).append(self.member(resource))
        groups = {}
        for year in year_order(years):
            identifier = group_id(year, self.resources)
            groups[identifier] = Group(identifier, year, tuple(years[year]), len(years[year]))
        return groups

    @cached_property
    def group_of(self) -> dict[str, Group]:
        """resource id -> the group it is a member of."""
        return {member.id: group for group in self.groups.values() for member in group.members}

    @property
    def dates(self) -> tuple[str, str] | None:
        """The first and last date of the edition's documents (sort keys), if any is dated."""
        if self.span is not None:
            return self.span
        found = sorted(r.letter.date.sort_key for r in self.resources.values() if r.letter.date.sort_key != "9999")
        return (found[0], found[-1]) if found else None


def language_of(document: ParsedDocument | None, default: str = "und") -> str:
    found = document.root.get(f"{{{XML_NS}}}lang") if document is not None else None
    return found or default


def make_resource(letter: Letter, document: ParsedDocument, outputs: dict[str, Callable[[], bytes]],
                  keep_tree: bool = True) -> Resource:
    """A Resource of a parsed document; without its tree (keep_tree=False) it answers collections only."""
    target = document.root.xpath("string(tei:teiHeader//tei:publicationStmt//tei:licence/@target)", namespaces=NSMAP)
    return Resource(letter.doc_id, letter, read_trees(document.root), language_of(document), str(target),
                    document if keep_tree else None, outputs)


def built_outputs(out_dir: Path, doc_id: str) -> dict[str, Callable[[], bytes]]:
    """The edition's own HTML page and plain text of a document, read from the build folder."""
    found = {HTML: out_dir / "html" / f"{doc_id}.html", TEXT: out_dir / "text" / f"{doc_id}.txt"}
    return {media: (lambda path=path: path.read_bytes()) for media, path in found.items() if path.is_file()}

