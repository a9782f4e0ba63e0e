"""html/api/dts/…: the edition as a static DTS 1.0 endpoint (toolkit/dts, docs/dts.md).

Two builders, because the answers depend on two things:

- DtsDocumentBuilder, per document: the document as a resource and its navigation (compact:
  the whole citation tree; full: at every ref and depth, with its whole TEI, every citable
  part, and its text/html and text/plain, the html and text builders' outputs for the same
  page, so the bytes are the same).
- DtsCollectionBuilder, a year a part (toolkit/parts.py): each year's collection (paged) and
  (full) its documents' nav=parents answers; the entry and the edition's collection as the
  whole. A document listed in its year is described from its record (dts.model.Member), never
  from its tree; a document's nav=parents answer (full) describes the document itself, which
  it takes from the document's own answer.

How much is written is the page parameter `dts-static` (teikit.toml's [dts] static, auto
resolved by the edition's size: toolkit.dts.static_mode). Both are the answers of
toolkit.dts.requests.respond, the code `teikit serve` runs.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

from ..dts import FULL, NONE, DtsError
from ..dts.library import subtitle
from ..dts.model import (HTML, TEXT, UNDATED, Group, Library, Member, Resource, group_id, language_of,
                         make_resource, year_of, year_order)
from ..dts.static import API_DIR, edition_addresses, group_addresses, outputs, resource_addresses, static_api
from ..errors import TeikitError
from ..metadata import Letter
from . import Context, CorpusInput, DocumentBuilder, Page, PartedBuilder


def _library(context: Context, resources: dict[str, Resource], edition_document=None, groups=None,
             span=None) -> Library:
    config = context.edition.config
    return Library(title=str(context.site_params.get("edition-title", config.title)), publisher=config.publisher,
                   editors=list(config.editors), licence=config.licence, resources=resources,
                   language=language_of(edition_document), description=subtitle(edition_document),
                   labels=context.labels, given_groups=groups, span=span)


def _mode(context: Context) -> str:
    return str(context.site_params.get("dts-static", FULL))


def _published(files: dict[str, bytes]) -> dict[str, bytes]:
    return {f"html/{API_DIR}/{name}": body for name, body in sorted(files.items())}


class DtsDocumentBuilder(DocumentBuilder):
    name = "dts"
    target = None  # its text/html and text/plain come from the html and text builders
    settings = ("key", "base_url", "publisher", "editors", "licence")

    def build(self, page: Page, context: Context) -> dict[str, bytes]:
        from .html import HtmlBuilder
        from .text import TextBuilder

        mode = _mode(context)
        if mode == NONE:
            return {}

        def output_of(builder):
            return lambda: next(iter(page.outputs_of(builder(), context).values()))

        resource = make_resource(page.letter, page.document, {HTML: output_of(HtmlBuilder), TEXT: output_of(TextBuilder)})
        for tree in resource.trees:  # a citeStructure that cannot be evaluated fails the document, saying why
            try:
                resource.units(tree.identifier)
            except DtsError as error:
                raise TeikitError(f"{error.message}; fix the document's refsDecl/citeStructure") from None
        api = static_api(context.edition.config.base_url)
        return _published(outputs(_library(context, {resource.id: resource}), api,
                                  resource_addresses(api, resource, mode)))


class DtsCollectionBuilder(PartedBuilder):
    """The collections, a year a part: an edited document remakes its year's answers; the
    edition's collection (the whole) is remade when a year appears, goes or changes its size."""

    name = "dts-collection"
    # The records (titles, dates, files), the edition's description, teikit.toml and (full: the
    # nav=parents answers) each document's own answer, made from its bytes: its page key.
    depends_on = ("letters", "pages", "description", "config", "site")
    settings = ("base_url", "publisher", "editors", "licence")
    reads = ("dts",)
    target = None

    def prepare(self, corpus: CorpusInput, context: Context) -> str:
        self.mode = _mode(context)
        # documents named like a year's collection: that year's id then steps aside (model.group_id)
        self.taken = sorted(l.doc_id for l in corpus.letters if _LIKE_A_YEAR.fullmatch(l.doc_id))
        self.letters = {letter.doc_id: letter for letter in corpus.letters}
        return json.dumps([self.mode, self.taken])

    def split(self, letter: Letter, page_key: str, context: Context) -> dict[str, object]:
        if self.mode == NONE:
            return {}
        value = [letter.doc_id, letter.title or letter.doc_id, context.labels.document(letter), letter.file]
        # full: the year writes each document's nav=parents answer, which repeats the document's own
        return {year_of(letter) or UNDATED: value + ([page_key] if self.mode == FULL else [])}

    def build_part(self, part: str, values: list, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        api = static_api(context.edition.config.base_url)
        year = "" if part == UNDATED else part
        members = tuple(Member(*value[:4]) for value in values)
        group = Group(group_id(year, self.taken), year, members, len(members))
        resources = {}
        if self.mode == FULL:
            for member in members:
                resource = Resource(member.id, self.letters[member.id], [], "", "", outputs={HTML: None, TEXT: None})
                resource.described[api.root] = _described(corpus, api, member.id)
                resources[member.id] = resource
        library = _library(context, resources, corpus.edition_document, groups={group.id: group})
        return _published(outputs(library, api, group_addresses(api, group, self.mode)))

    def build_whole(self, sizes: dict[str, int], corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        if self.mode == NONE:
            return {}
        api = static_api(context.edition.config.base_url)
        years = {("" if part == UNDATED else part): size for part, size in sizes.items()}
        groups = {}
        for year in year_order(years):
            identifier = group_id(year, self.taken)
            groups[identifier] = Group(identifier, year, (), years[year])
        library = _library(context, {}, corpus.edition_document, groups=groups, span=self._span())
        return _published(outputs(library, api, edition_addresses(api, self.mode)))

    def whole_key(self, corpus: CorpusInput, context: Context) -> str:
        return json.dumps(self._span())  # the edition's temporal coverage

    def _span(self) -> tuple[str, str] | None:
        dated = [letter.date.sort_key for letter in self.letters.values() if letter.date.sort_key != "9999"]
        return (min(dated), max(dated)) if dated else None


_LIKE_A_YEAR = re.compile(r"_*(year-.*|undated)")


# What collection/ID.json adds to the resource object itself (collection.collection()).
_ANSWER_ONLY = ("@context", "dtsVersion", "member", "view")


def _described(corpus: CorpusInput, api, doc_id: str) -> dict:
    """The resource object of a document, from the answer its own builder published this build
    or kept from the last (corpus builders get no trees)."""
    name = unquote(api.expand(api.collection, id=doc_id)[len(api.root):])
    data = corpus.read_output(f"html/{API_DIR}/{name}") if corpus.read_output else None
    if data is None:
        raise TeikitError(f"the DTS answer {name} of document {doc_id} is missing from this build")
    answer = json.loads(data)
    return {key: value for key, value in answer.items() if key not in _ANSWER_ONLY}
