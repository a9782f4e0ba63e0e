"""html/api/dts/…: the edition as a static DTS 1.0 endpoint (toolkit/dts, docs/dts.md).

Two builders, because the answers depend on two things:

- DtsDocumentBuilder, per document: the document as a resource and its navigation (compact:
  the whole citation tree; full: at every ref and depth, with its whole TEI, every citable
  part, and its text/html and text/plain, the html and text builders' outputs for the same
  page, so the bytes are the same).
- DtsCollectionBuilder, once per build: the entry, the edition, its years (paged) and (full)
  each document's nav=parents answer. A document listed in its year is described from its
  record (dts.collection.member_json), never from its tree; a document's nav=parents answer
  (full) describes the document itself, which it takes from the document's own answer.

How much is written is the page parameter `dts-static` (teikit.toml's [dts] static, auto
resolved by the edition's size: toolkit.dts.static_mode). Both are the answers of
toolkit.dts.requests.respond, the code `teikit serve` runs.
"""

from __future__ import annotations

import json
from urllib.parse import unquote

from ..dts import FULL, NONE, DtsError
from ..dts.library import subtitle
from ..dts.model import HTML, TEXT, Library, Resource, language_of, make_resource
from ..dts.static import API_DIR, corpus_addresses, outputs, resource_addresses, static_api
from ..errors import TeikitError
from . import Context, CorpusBuilder, CorpusInput, DocumentBuilder, Page


def _library(context: Context, resources: dict[str, Resource], edition_document=None) -> Library:
    config = context.edition.config
    return Library(title=str(context.site_params.get("edition-title", config.title)), publisher=config.publisher,
                   editors=list(config.editors), licence=config.licence, resources=resources,
                   language=language_of(edition_document), description=subtitle(edition_document),
                   labels=context.labels)


def _mode(context: Context) -> str:
    return str(context.site_params.get("dts-static", FULL))


def _published(files: dict[str, bytes]) -> dict[str, bytes]:
    return {f"html/{API_DIR}/{name}": body for name, body in sorted(files.items())}


class DtsDocumentBuilder(DocumentBuilder):
    name = "dts"
    target = None  # its text/html and text/plain come from the html and text builders

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


class DtsCollectionBuilder(CorpusBuilder):
    name = "dts-collection"
    # The records (titles, dates, files), the edition's description, teikit.toml and (full: the
    # nav=parents answers) each document's own answer, made from its bytes: its page key.
    depends_on = ("letters", "pages", "description", "config")
    reads = ("dts",)
    target = None

    def build(self, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        mode = _mode(context)
        if mode == NONE:
            return {}
        api = static_api(context.edition.config.base_url)
        resources = {}
        for letter in corpus.letters:
            # Every document has an HTML page and a plain text (the html and text builders).
            resource = Resource(letter.doc_id, letter, [], "", "", outputs={HTML: None, TEXT: None})
            if mode == FULL:
                resource.described[api.root] = _described(corpus, api, letter.doc_id)
            resources[letter.doc_id] = resource
        library = _library(context, resources, corpus.edition_document)
        return _published(outputs(library, api, corpus_addresses(library, api, mode)))


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
