"""The builder registry: one builder per output of `teikit build`.

Every output is a builder in this package. A builder declares its `name`, the stylesheet
`target` it needs (a key of xslt.TARGETS, or None) and returns `{relative posix path under
the output folder: bytes}`; the driver (build.py) writes the files, keeps the manifest and
decides what is stale. A builder never writes, deletes or globs anything itself.

Two kinds:

    class TextBuilder(DocumentBuilder):          # runs in a worker, once per document
        name, target = "text", "text"
        def build(self, page: Page, context: Context) -> dict[str, bytes]:
            return {document_path("text", page.letter): context.transform("text", page).encode()}

    class CmifBuilder(CorpusBuilder):            # runs once per build, in the main process
        name, target = "cmif", None
        def build(self, corpus: CorpusInput, context: Context) -> dict[str, bytes]: ...

    class SitePagesBuilder(CorpusBuilder):       # reads what other builders made this build
        name, reads = "site", ("chronology", "network")
        def build(self, corpus, context):
            drawing = corpus.outputs_of("chronology")   # {path: bytes}, made once, by its builder

- A per-document builder receives the `Page`: the document parsed once by the safe parser
  (`page.document`, an lxml tree), the bytes that were parsed and validated (`page.data`),
  its metadata record (`page.letter`, a metadata.Letter) and its stylesheet parameters
  (`page.params`: prev/next, links); plus the shared read-only `Context` (compiled
  stylesheets, authority index, configuration, site parameters). `context.transform(target,
  page)` runs a stylesheet on the page; the document is handed to Saxon once, whatever the
  number of outputs.
- A corpus-level builder receives the `CorpusInput`: the chronological list of Letter
  records of every document built, the edition.xml tree and the support files' bytes. It
  must not need the documents' trees (they are not kept: memory would grow with the
  corpus). Warnings go to `corpus.diagnostics`. A corpus builder that works on another
  builder's outputs declares it in `reads` (names of builders): it then runs after a corpus
  builder it reads, is made again when that one's outputs change, and gets them from
  `corpus.outputs_of(name)`; a document builder's outputs (the pages) it reads by path with
  `corpus.read_output`.

Adding an output is one new module here with one subclass: subclasses register themselves
and every module of the package is imported by `registry()`. Builders run in name order
(a corpus builder after those it reads), so outputs are deterministic. Where each format of a document lives, and how one links to
the other (page -> plain text -> TEI copy), is said once, in DOCUMENT_PATHS and `href`.
"""

from __future__ import annotations

import importlib
import pkgutil
import posixpath
from urllib.parse import quote
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable, ClassVar

from lxml import etree

from ..authority import AuthorityIndex
from ..diagnostics import Diagnostic
from ..edition import Edition
from ..labels import Labels
from ..metadata import Letter
from ..xmlio import ParsedDocument

# Where each format of one document is published, relative to the output folder.
DOCUMENT_PATHS = {
    "html": "html/{doc_id}.html",
    "text": "text/{doc_id}.txt",
    "tei": "html/tei/{file}",
    "csl": "html/csl/{doc_id}.json",  # the citation record (builders/citation.py)
    "print": "print/documents/{doc_id}.typ",  # the document as the PDF prints it (builders/pdf.py)
}


def document_path(kind: str, letter: Letter) -> str:
    """The published path of one format ("html", "text", "tei") of a document."""
    return DOCUMENT_PATHS[kind].format(doc_id=letter.doc_id, file=letter.file)


def href(from_kind: str, to_kind: str, letter: Letter) -> str:
    """The relative link from one format of a document to another (e.g. page -> its TEI)."""
    link = posixpath.join(_folder_link(from_kind, to_kind), posixpath.basename(document_path(to_kind, letter)))
    # Percent-encoded and starting with "./" or "../": no file name can make it a scheme.
    return quote(link if link.startswith("../") else f"./{link}", safe="/.")


@lru_cache(maxsize=None)
def _folder_link(from_kind: str, to_kind: str) -> str:
    """From the folder of one format to the folder of another (the folders name no document)."""
    here = posixpath.dirname(DOCUMENT_PATHS[from_kind]) or "."
    there = posixpath.dirname(DOCUMENT_PATHS[to_kind]) or "."
    link = posixpath.relpath(there, here)
    return "" if link == "." else link


@dataclass
class Context:
    """What every builder shares, read-only; cheap to send to a worker (no compiled state).

    The stylesheets are compiled on first use in each process and kept there; so is their
    `labels` parameter. A document's `record` parameter is its page's (Page.record).
    """

    edition: Edition
    authority: AuthorityIndex
    site_params: dict[str, object]
    labels: Labels = None  # the edition's language (teikit.toml [edition] language)
    xslt_dir: Path = None

    def __post_init__(self):
        if self.xslt_dir is None:
            self.xslt_dir = self.edition.xslt_dir
        if self.labels is None:
            self.labels = self.edition.labels()

    def __getstate__(self):
        # Compiled stylesheets stay in the process that compiled them.
        return {k: v for k, v in self.__dict__.items() if k != "styles"}

    @cached_property
    def styles(self):
        from ..xslt import Stylesheets

        return Stylesheets(self.xslt_dir)

    def transform(self, target: str, page: "Page", params: dict[str, object] | None = None) -> str:
        """Run stylesheet `target` on the page's document, with its parameters (and `params`) and
        its record."""
        return self.transform_node(target, page.saxon_node(self.styles), {**page.params, **(params or {})},
                                   record=page.record_node(self))

    def transform_node(self, target: str, node, params: dict[str, object] | None = None, record=None) -> str:
        """Run stylesheet `target` on a Saxon node (a document, the site summary) with `params`,
        the `labels` and, for a document, its `record` (a node from styles.parse)."""
        return self.styles.transform(target, node, params, {"labels": self.labels, "record": record})


@dataclass
class Page:
    """One valid document, as the per-document builders see it.

    Sent to a worker as its bytes and records; the tree is made there, once, by the safe
    parser (`page.document`), and handed to Saxon once (`saxon_node`).
    """

    path: Path
    data: bytes  # the bytes parsed and validated: the TEI copy publishes exactly these
    letter: Letter
    params: dict[str, object] = field(default_factory=dict)
    _document: ParsedDocument | None = None
    _node: object = None
    _record: object = None
    _outputs: dict[str, dict[str, bytes]] = field(default_factory=dict)  # builder name -> its outputs

    def __getstate__(self):
        return {**self.__dict__, "_document": None, "_node": None, "_record": None, "_outputs": {}}

    def outputs_of(self, builder: "DocumentBuilder", context: "Context") -> dict[str, bytes]:
        """One builder's outputs for this page, made once: a builder that publishes another's
        bytes (the DTS document in text/html) asks here instead of transforming again."""
        if builder.name not in self._outputs:
            self._outputs[builder.name] = builder.build(self, context)
        return self._outputs[builder.name]

    @property
    def document(self) -> ParsedDocument:
        if self._document is None:
            from ..xmlio import parse_bytes

            self._document = parse_bytes(self.data, self.path)
        return self._document

    def saxon_node(self, styles) -> object:
        """The document as Saxon's tree, made once for all the outputs of this page."""
        if self._node is None:
            self._node = styles.parse(self.document.root)
        return self._node

    def record(self, context: "Context") -> etree._Element:
        """The document's record (toolkit/record.py): what every stylesheet renders of it."""
        from ..record import document_record

        authority = context.authority.with_local(self.document, context.edition.config.key)
        return document_record(self.letter, self.document, authority, context.labels, registers=context.authority,
                               params=self.params, base_url=context.edition.config.base_url)

    def record_node(self, context: "Context") -> object:
        """The record as Saxon's tree, made once for all the outputs of this page."""
        if self._record is None:
            self._record = context.styles.parse(self.record(context), generated=True)
        return self._record


@dataclass
class CorpusInput:
    """What the corpus-level builders see: records, never the documents' trees."""

    letters: list[Letter]  # chronological
    edition_document: ParsedDocument | None  # edition.xml, parsed (introduction, taxonomy)
    support: dict[str, bytes]  # file name -> the bytes of each authority file and edition.xml
    sources: list[Path] = field(default_factory=list)  # the documents' files
    diagnostics: list[Diagnostic] = field(default_factory=list)  # warnings a builder reports
    # The bytes of an output of this build (a page made now or kept from before), by its path;
    # for the builders that work on what others made (the search index reads the pages).
    read_output: Callable[[str], bytes | None] | None = None
    # The paths a corpus builder published this build (made now or kept), by builder name.
    builder_outputs: dict[str, list[str]] = field(default_factory=dict)
    page_keys: dict[str, str] = field(default_factory=dict)  # doc id -> the key its page was made from

    def outputs_of(self, name: str) -> dict[str, bytes]:
        """{path: bytes} of a corpus builder this builder declared in `reads` (it ran before)."""
        if name not in self.builder_outputs:
            raise KeyError(f"{name}: not a corpus builder that ran before this one (declare it in `reads`)")
        found = {path: self.read_output(path) if self.read_output else None for path in self.builder_outputs[name]}
        return {path: data for path, data in found.items() if data is not None}


class Builder:
    name: ClassVar[str] = ""
    target: ClassVar[str | None] = None  # the stylesheet this builder runs, if any
    # Outputs whose paths do not depend on the documents, with what each is ("a page of the
    # site"): a document must not be published in their place (site_files, name_taken).
    fixed_outputs: ClassVar[dict[str, str]] = {}
    # The settings of teikit.toml (Setting.name: "key", "cmif.email" …) its bytes are made from,
    # besides what reaches it as the site's and page's parameters (site_params, page_params) and
    # the labels, which are keyed apart; None: every setting. A change of any other setting leaves
    # its outputs as they are, so say each one it reads (tests/test_setting_changes.py checks).
    settings: ClassVar[tuple[str, ...] | None] = None

    @staticmethod
    def off(config, documents: int) -> str | None:
        """Why this builder makes nothing for an edition with this configuration and number of
        documents (the build reports it as one warning line), or None: it runs. Its outputs
        of earlier builds are then stale and go."""
        return None


class DocumentBuilder(Builder):
    """Outputs of one document; runs in a worker, once per document that changed."""

    _registry: ClassVar[dict[str, type]] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.name:
            DocumentBuilder._registry[cls.name] = cls

    def build(self, page: Page, context: Context) -> dict[str, bytes]:
        raise NotImplementedError


# What a corpus-level builder may depend on; it runs again only when one of these changed.
CORPUS_INPUTS = ("letters", "pages", "authority", "support", "description", "stylesheets", "config", "site",
                 "dating", "labels")


def settings_of(builders: list[Builder]) -> tuple[str, ...] | None:
    """The settings some of `builders` read (Builder.settings); None when one reads them all."""
    if any(b.settings is None for b in builders):
        return None
    return tuple(sorted({name for b in builders for name in b.settings}))


class CorpusBuilder(Builder):
    """Outputs that depend on the whole corpus; runs once per build, when its inputs changed.

    `depends_on` names what its bytes depend on (default: everything in CORPUS_INPUTS):
    letters (the metadata records), pages (each document's page key: its bytes and everything
    its outputs are made from), authority (the entries), support (the support files'
    bytes), description (edition.xml), stylesheets, config (the settings it names in
    `settings`), site (the site parameters: the edition's title, editors, licence, address, build
    date as every page says them), dating (what dates cmif.xml), labels (the words of the
    edition's language). A builder that says less is
    skipped more often; one that says too little publishes stale bytes, so leave the default
    unless sure.

    `reads` names the builders whose outputs this one reads: a document builder (its key then
    covers every page's key) or a corpus builder (it runs first; its key is part of this one's).
    """

    _registry: ClassVar[dict[str, type]] = {}
    depends_on: ClassVar[tuple[str, ...]] = CORPUS_INPUTS
    reads: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.name:
            CorpusBuilder._registry[cls.name] = cls

    def build(self, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        raise NotImplementedError


class PartedBuilder(CorpusBuilder):
    """A corpus output made part by part, so that an edit remakes the parts it touches and no
    other (toolkit/parts.py drives it): a register page per entry, a page per year, a search
    shard.

    - `split(letter, page_key, context)`: the parts a document belongs to, each with what that
      part needs of it (a small JSON value: {part: value}). Called for the documents whose
      record or page changed, and for every document when what `prepare` returns or a
      `depends_on` input other than letters and pages changed.
    - `build_part(part, values, corpus, context)`: one part's outputs from its documents'
      values, in the edition's order.
    - `summary(part, values)`: what the whole needs of a part (default: its number of
      documents); `build_whole(summaries, corpus, context)`: what spans the parts (their index),
      made again when a part appears, goes or changes its summary, or `whole_key` changes.
    """

    # Its parts may be made side by side in threads (they spend their time in a program of their own).
    concurrent: ClassVar[bool] = False
    # The `depends_on` inputs only the whole reads (a header's date): a change of one makes the
    # whole again, from the parts as they are, instead of splitting every document.
    whole_depends_on: ClassVar[tuple[str, ...]] = ()

    def prepare(self, corpus: "CorpusInput", context: Context) -> str:
        """Called first: what every part depends on besides `depends_on` (say, how many shards
        there are), which `split` may use; never anything that changes with every edit."""
        return ""

    def split(self, letter: Letter, page_key: str, context: Context) -> dict[str, object]:
        raise NotImplementedError

    def build_part(self, part: str, values: list, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        raise NotImplementedError

    def summary(self, part: str, values: list) -> object:
        return len(values)

    def build_whole(self, summaries: dict[str, object], corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        return {}

    def whole_key(self, corpus: CorpusInput, context: Context) -> str:
        """What the whole depends on besides the parts' summaries (say, the first and last dates)."""
        return ""

    def build(self, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        """Every part and the whole at once, in memory (what parts.py makes piece by piece)."""
        import json

        parts: dict[str, list] = {}
        self.prepare(corpus, context)
        for letter in sorted(corpus.letters, key=lambda l: l.sort_key):
            for part, value in self.split(letter, corpus.page_keys.get(letter.doc_id, ""), context).items():
                parts.setdefault(part, []).append(json.loads(json.dumps(value)))
        outputs: dict[str, bytes] = {}
        for part in sorted(parts):
            outputs.update(self.build_part(part, parts[part], corpus, context))
        outputs.update(self.build_whole({part: self.summary(part, values) for part, values in sorted(parts.items())},
                                        corpus, context))
        return outputs


def _import_all() -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


def document_builders() -> list[DocumentBuilder]:
    """Every per-document builder, in name order."""
    _import_all()
    return [DocumentBuilder._registry[name]() for name in sorted(DocumentBuilder._registry)]


def corpus_builders() -> list[CorpusBuilder]:
    """Every corpus-level builder: a builder after those whose outputs it reads, else in name order."""
    import networkx

    _import_all()
    registry = CorpusBuilder._registry
    graph = networkx.DiGraph()
    graph.add_nodes_from(registry)
    for name, builder in registry.items():
        for read in builder.reads:
            if read not in registry and read not in DocumentBuilder._registry:
                raise ValueError(f"builder {name} reads {read!r}, which is no builder")
            if read in registry:
                graph.add_edge(read, name)
    try:
        order = list(networkx.lexicographical_topological_sort(graph))
    except networkx.NetworkXUnfeasible:
        raise ValueError(f"corpus builders read each other's outputs in a circle: {networkx.find_cycle(graph)}") from None
    return [registry[name]() for name in order]


def build_page(page: Page, context: Context, builders: list[DocumentBuilder] | None = None) -> dict[str, bytes]:
    """Every output of one document."""
    outputs: dict[str, bytes] = {}
    for builder in builders if builders is not None else document_builders():
        outputs.update(page.outputs_of(builder, context))
    return outputs


def site_files(edition: Edition) -> dict[str, tuple[str, str]]:
    """The site's own files that a document's outputs could take the place of, case-folded (on
    a disk that ignores case, Index.html is index.html): its pages, and the copies of the
    authority files in html/tei/. Case-folded path -> (path, what it is)."""
    files = {path: what for builder in corpus_builders() for path, what in builder.fixed_outputs.items()}
    for path in edition.authority_files():
        files[DOCUMENT_PATHS["tei"].format(file=path.name)] = f"the copy of {path.name}"
    return {path.casefold(): (path, what) for path, what in files.items()}


def name_taken(path: Path, site: dict[str, tuple[str, str]]) -> str:
    """Why a document at `path` cannot be published beside the site's own files (`site_files`), or ""."""
    for kind, called in (("html", "page"), ("tei", "TEI copy")):
        output = DOCUMENT_PATHS[kind].format(doc_id=path.stem, file=path.name)
        if output.casefold() in site:
            taken, what = site[output.casefold()]
            where = output if taken == output else f"{output} (on a disk that ignores case, {taken})"
            return f"the document's {called} would be {where}, which is {what}: rename the file"
    return ""


def year_page(year: str) -> str:
    """The page of a year's documents, relative to the site's folder (html/): years/1920.html."""
    return f"years/{quote(year or 'undated', safe='')}.html"


def page_links(letter: Letter) -> dict[str, str]:
    """The stylesheet parameters that link a document's page to its other formats."""
    return {"tei-href": href("html", "tei", letter), "text-href": href("html", "text", letter),
            "csl-href": href("html", "csl", letter)}


def page_params(letters: list[Letter], index: int, site_params: dict[str, object], labels: Labels) -> dict[str, object]:
    """The stylesheet parameters of the page of letters[index] (chronological): the site's,
    its neighbours and its links to its other formats."""
    letter = letters[index]
    before = letters[index - 1] if index > 0 else None
    after = letters[index + 1] if index + 1 < len(letters) else None
    neighbours = {}
    for rel, other in (("prev", before), ("next", after)):
        neighbours.update({f"{rel}-id": other.doc_id, f"{rel}-title": labels.document(other),
                           f"{rel}-href": href("html", "html", other)} if other else {f"{rel}-id": ""})
    return {**site_params, "doc-id": letter.doc_id, **neighbours, **page_links(letter)}
