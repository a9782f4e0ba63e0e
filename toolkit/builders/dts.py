"""html/api/dts/…: the edition as a static DTS 1.0 endpoint (toolkit/dts, docs/dts.md).

Two builders, because the answers depend on two things:

- DtsDocumentBuilder, per document: the document as a resource, its navigation at every
  ref and depth, its whole TEI and every citable part, and its text/html and text/plain
  (the html and text builders' outputs for the same page, so the bytes are the same).
- DtsCollectionBuilder, once per build: the entry, the root collection (every document as a
  member) and each document's nav=parents answer.

Both are the answers of toolkit.dts.requests.respond, the code `teikit serve` runs.
"""

from __future__ import annotations

import json
from urllib.parse import unquote

from ..dts.library import subtitle
from ..dts.model import HTML, TEXT, Library, Resource, language_of, make_resource
from ..dts.static import API_DIR, corpus_addresses, outputs, resource_addresses, static_api
from ..dts import DtsError
from ..errors import InputError, TeikitError
from ..xmlio import parse_file
from . import Context, CorpusBuilder, CorpusInput, DocumentBuilder, Page


def _library(context: Context, resources: dict[str, Resource], edition_document=None) -> Library:
    config = context.edition.config
    return Library(title=str(context.site_params.get("edition-title", config.title)), publisher=config.publisher,
                   editors=list(config.editors), licence=config.licence, resources=resources,
                   language=language_of(edition_document), description=subtitle(edition_document),
                   labels=context.labels)


def _published(files: dict[str, bytes]) -> dict[str, bytes]:
    return {f"html/{API_DIR}/{name}": body for name, body in sorted(files.items())}


class DtsDocumentBuilder(DocumentBuilder):
    name = "dts"
    target = None  # its text/html and text/plain come from the html and text builders

    def build(self, page: Page, context: Context) -> dict[str, bytes]:
        from .html import HtmlBuilder
        from .text import TextBuilder

        def output_of(builder):
            return lambda: next(iter(page.outputs_of(builder(), context).values()))

        resource = make_resource(page.letter, page.document, {HTML: output_of(HtmlBuilder), TEXT: output_of(TextBuilder)})
        for tree in resource.trees:  # a citeStructure that cannot be evaluated fails the document, saying why
            try:
                resource.units(tree.identifier)
            except DtsError as error:
                raise TeikitError(f"{error.message}; fix the document's refsDecl/citeStructure") from None
        api = static_api(context.edition.config.base_url)
        return _published(outputs(_library(context, {resource.id: resource}), api, resource_addresses(api, resource)))


class DtsCollectionBuilder(CorpusBuilder):
    name = "dts-collection"
    # Records, and each document's own answers (its citation trees: its bytes, so its page key).
    depends_on = ("letters", "pages", "description", "config")
    reads = ("dts",)
    target = None

    def build(self, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        api = static_api(context.edition.config.base_url)
        library = _library(context, self._resources(corpus, api), corpus.edition_document)
        return _published(outputs(library, api, corpus_addresses(library, api)))

    @staticmethod
    def _resources(corpus: CorpusInput, api) -> dict[str, Resource]:
        """Each document as a member of the collection.

        Corpus builders get no trees. A document's resource object is in its own answer, which
        the per-document builder wrote this build or kept from the last (collection/ID.json):
        it is read back from there. Only when that answer is missing is the file read again
        and its citation trees taken from its header (about 0.5 ms a file).
        """
        paths = {path.name: path for path in corpus.sources if path.name not in corpus.support}
        resources = {}
        for letter in corpus.letters:
            described = _described(corpus, api, letter.doc_id)
            if described is not None:
                resources[letter.doc_id] = Resource(letter.doc_id, letter, [], "", "", described={api.root: described})
                continue
            try:
                document = parse_file(paths[letter.file])
            except (InputError, KeyError):
                continue  # changed or gone since it was validated: it is not published this time
            resources[letter.doc_id] = make_resource(letter, document, {HTML: None, TEXT: None}, keep_tree=False)
        return resources


# What collection/ID.json adds to the resource object itself (collection.collection()).
_ANSWER_ONLY = ("@context", "dtsVersion", "member", "view")


def _described(corpus: CorpusInput, api, doc_id: str) -> dict | None:
    """The resource object of a document, from the answer its own builder published."""
    name = unquote(api.expand(api.collection, id=doc_id)[len(api.root):])
    data = corpus.read_output(f"html/{API_DIR}/{name}") if corpus.read_output else None
    if data is None:
        return None
    try:
        answer = json.loads(data)
    except ValueError:
        return None
    return {key: value for key, value in answer.items() if key not in _ANSWER_ONLY}
