"""The edition as DTS sees it, and the addresses of its API.

The root collection is the edition; each document is a Resource of it, named by its file
stem (533 for tei/533.xml), the same name as its page. Both `teikit serve` and the build
make a Library from the parsed documents; only the Api (where the answers live) differs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from uritemplate import URITemplate

from .. import XML_NS
from ..metadata import Letter
from ..xmlio import ParsedDocument
from . import DtsError, TEI_XML
from .citations import CitationError, CitationTree, Unit, read_trees, units

ROOT_ID = "edition"
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
        return URITemplate(template).expand({k: str(v) for k, v in values.items() if v is not None})


@dataclass
class Resource:
    """One document: its metadata, its tree and its citation trees."""

    id: str
    letter: Letter
    document: ParsedDocument
    trees: list[CitationTree]
    language: str
    outputs: dict[str, Callable[[], bytes]] = field(default_factory=dict)  # media type -> the built output
    _units: dict[str | None, list[Unit]] = field(default_factory=dict, repr=False)

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
        return self._units[tree]

    def unit(self, identifier: str, tree: str | None = None) -> Unit:
        for unit in self.units(tree):
            if unit.identifier == identifier:
                return unit
        raise DtsError(404, f"resource {self.id!r} has no citable unit {identifier!r}"
                       + (f" in tree {tree!r}" if tree else ""))


@dataclass
class Library:
    """The edition: its metadata (title, editors, licence, …) and its documents in date order."""

    title: str
    publisher: str
    editors: list[str]
    licence: str
    resources: dict[str, Resource]
    language: str = "en"
    description: str = ""
    page_size: int = PAGE_SIZE

    def resource(self, identifier: str | None) -> Resource:
        if not identifier:
            raise DtsError(400, "the parameter resource is required")
        if identifier not in self.resources:
            raise DtsError(404, f"no resource {identifier!r} in this edition")
        return self.resources[identifier]


def language_of(document: ParsedDocument, default: str) -> str:
    return document.root.get(f"{{{XML_NS}}}lang") or default or "und"


def make_resource(letter: Letter, document: ParsedDocument, outputs: dict[str, Callable[[], bytes]],
                  default_language: str) -> Resource:
    return Resource(letter.doc_id, letter, document, read_trees(document.root),
                    language_of(document, default_language), outputs)


def built_outputs(out_dir: Path, doc_id: str) -> dict[str, Callable[[], bytes]]:
    """The edition's own HTML page and plain text of a document, read from the build folder."""
    found = {HTML: out_dir / "html" / f"{doc_id}.html", TEXT: out_dir / "text" / f"{doc_id}.txt"}
    return {media: (lambda path=path: path.read_bytes()) for media, path in found.items() if path.is_file()}

