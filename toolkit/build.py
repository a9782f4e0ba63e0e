"""`teikit build`: validate the edition, then write the site, the plain texts and cmif.xml.

    parse every file once (corpus.load) -> validate what changed -> order the valid documents
    -> per-document pages and texts (a process pool) -> home, index pages, cmif.xml -> state

Only what changed is rebuilt. The state file in the output folder records a hash of every
input that can change a page: each document (with the parameters of its page, which name its
neighbours), and, for everything at once, the stylesheets, the schema, the authority files and
teikit.toml. A build that fails drops the state, so the next one starts clean.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from . import NSMAP, __version__, metadata
from .builders import (DOCUMENT_PATHS, Context, CorpusInput, Page, build_page, corpus_builders, document_builders,
                       document_path, page_links)
from .builders.indexes import document_label, entries_xml
from .corpus import Corpus, load
from .diagnostics import ERROR, Diagnostic, display_path
from .edition import Edition
from .errors import TeikitError
from .xmlio import ParsedDocument, atomic_write
from .xslt import stylesheet_files

STATE_FILE = ".teikit-state.json"
# Below this many pages to write, starting worker processes costs more than it saves.
PARALLEL_MIN = 24


@dataclass
class BuildReport:
    out_dir: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # files that were not built
    built: list[str] = field(default_factory=list)  # documents whose outputs were written
    up_to_date: list[str] = field(default_factory=list)  # documents left as they were
    site_written: bool = False

    def fail(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)
        if diagnostic.file not in self.failed:
            self.failed.append(diagnostic.file)

    def summary(self) -> str:
        total = len(self.built) + len(self.up_to_date)
        parts = [f"{total} document{'' if total == 1 else 's'} in {display_path(self.out_dir)}",
                 f"{len(self.built)} rebuilt", f"{len(self.up_to_date)} up to date"]
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        site = "site pages and cmif.xml written" if self.site_written else "site pages up to date"
        return f"Built {', '.join(parts)}; {site}."


@dataclass
class State:
    """What the last successful build was made from."""

    inputs: str = ""
    pages: dict[str, dict[str, str]] = field(default_factory=dict)  # doc id -> {file, key, source}
    site: str = ""
    site_files: list[str] = field(default_factory=list)  # what the corpus-level builders wrote

    @classmethod
    def load(cls, out_dir: Path) -> "State":
        try:
            data = json.loads((out_dir / STATE_FILE).read_text(encoding="utf-8"))
            return cls(data["inputs"], data["pages"], data["site"], data["site_files"])
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def save(self, out_dir: Path) -> None:
        data = {"inputs": self.inputs, "pages": self.pages, "site": self.site, "site_files": self.site_files}
        atomic_write(out_dir / STATE_FILE, json.dumps(data, indent=1, sort_keys=True) + "\n")

    @staticmethod
    def drop(out_dir: Path) -> None:
        (out_dir / STATE_FILE).unlink(missing_ok=True)


def build(edition: Edition, out_dir: Path, jobs: int | None = None, clean: bool = False) -> BuildReport:
    """Build the edition into `out_dir`; invalid documents are reported and skipped."""
    out_dir = Path(out_dir).resolve()
    corpus = load(edition)
    report = BuildReport(out_dir)
    for failure in corpus.failures:
        report.fail(failure)
    previous = State() if clean else State.load(out_dir)
    state = State(inputs=inputs_fingerprint(edition))
    documents = _valid_documents(edition, corpus, previous, state, report, jobs)
    letters = metadata.chronological([metadata.letter(d, corpus.authority) for d in documents])
    by_id = {d.doc_id: d for d in documents}
    site_params = _site_params(edition, corpus)
    context = Context(edition, corpus.authority, site_params, entries_xml(corpus.authority))
    todo = _plan(out_dir, letters, by_id, site_params, previous, state, report)
    _run(edition, out_dir, todo, context, jobs, report)
    _write_site(corpus, documents, letters, context, previous, state, report)
    _remove_stale(out_dir, previous, state, corpus.support)
    if report.failed:
        State.drop(out_dir)
    else:
        state.save(out_dir)
    return report


# ---- what changed -------------------------------------------------------------------------

def _sha(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def inputs_fingerprint(edition: Edition) -> str:
    """One hash of everything every page depends on: a change here rebuilds them all."""
    files = stylesheet_files(edition.xslt_dir) + stylesheet_files(edition.schema_dir)
    files += edition.authority_files() + [edition.root / "teikit.toml"]
    parts: list[bytes | str] = [__version__]
    for path in files:
        parts += [str(path), path.read_bytes() if path.is_file() else b""]
    return _sha(*parts)


def _file_hash(document: ParsedDocument) -> str:
    return document.digest  # of the bytes the parser read: the file is not read again


# ---- validation ---------------------------------------------------------------------------

def _valid_documents(edition, corpus: Corpus, previous: State, state: State, report: BuildReport,
                     jobs: int | None = None) -> list[ParsedDocument]:
    """Validate what changed since the last successful build; return every document fit to build."""
    unchanged_inputs = previous.inputs == state.inputs
    changed = [d for d in corpus.documents
               if not unchanged_inputs or previous.pages.get(d.doc_id, {}).get("file") != _file_hash(d)]
    targets = changed if unchanged_inputs else corpus.support + changed
    invalid = set()
    for diagnostic in _validate(edition, corpus, targets, jobs):
        if diagnostic.is_error:
            report.fail(diagnostic)
            invalid.add(diagnostic.file)
        else:
            report.diagnostics.append(diagnostic)
    return _unique_ids([d for d in corpus.documents if d.display not in invalid], report)


def _validate(edition: Edition, corpus: Corpus, targets: list[ParsedDocument], jobs: int | None = None) -> list[Diagnostic]:
    """The edition's rules on the already parsed `targets` (validation.validate would parse again)."""
    if not targets:
        return []
    from .validation import rules_for

    checked = Corpus(corpus.documents, corpus.support, [], corpus.authority, targets=targets)
    return sorted(set(rules_for(edition, "edition").check_corpus(checked, jobs)))


def _unique_ids(documents: list[ParsedDocument], report: BuildReport) -> list[ParsedDocument]:
    """Pages are named after file stems: two files with one stem would overwrite each other."""
    seen: dict[str, ParsedDocument] = {}
    for document in documents:
        if document.doc_id in seen:
            report.fail(Diagnostic(document.display, 1, 0, ERROR, "build-duplicate-id",
                                   f"another file is also called {document.doc_id}: {seen[document.doc_id].display}; "
                                   "rename one, since both would be written to the same page"))
        else:
            seen[document.doc_id] = document
    return list(seen.values())


# ---- per-document pages -------------------------------------------------------------------

def _site_params(edition: Edition, corpus: Corpus) -> dict[str, object]:
    config = edition.config
    return {"site": True, "edition-title": edition_title(edition, corpus),
            "edition-editors": ", ".join(config.editors), "licence": config.licence,
            "base-url": config.base_url}


def edition_title(edition: Edition, corpus: Corpus) -> str:
    """teikit.toml's title, else edition.xml's, else a placeholder."""
    if edition.config.title != "Untitled edition":
        return edition.config.title
    document = corpus.edition_document()
    found = document.root.xpath("string(tei:teiHeader//tei:titleStmt/tei:title[1])",
                                namespaces=NSMAP) if document else ""
    return " ".join(found.split()) or edition.config.title


def _page_params(letters: list, index: int, site_params: dict) -> dict[str, object]:
    letter = letters[index]
    previous = letters[index - 1] if index > 0 else None
    following = letters[index + 1] if index + 1 < len(letters) else None
    return {**site_params, "doc-id": letter.doc_id,
            "prev-id": previous.doc_id if previous else "", "prev-title": document_label(previous) if previous else "",
            "next-id": following.doc_id if following else "", "next-title": document_label(following) if following else "",
            **page_links(letter)}


def _plan(out_dir: Path, letters: list, by_id: dict, site_params: dict, previous: State, state: State,
          report: BuildReport) -> list[DocumentJob]:
    """A job for every document whose page would differ from the one on disk (or is missing)."""
    todo = []
    for index, letter in enumerate(letters):
        document = by_id[letter.doc_id]
        params = _page_params(letters, index, site_params)
        file_hash = _file_hash(document)
        key = _sha(state.inputs, file_hash, json.dumps(params, sort_keys=True))
        state.pages[letter.doc_id] = {"file": file_hash, "key": key, "source": document.path.name}
        outputs = _document_outputs(out_dir, letter)
        if previous.pages.get(letter.doc_id, {}).get("key") == key and all(p.is_file() for p in outputs):
            report.up_to_date.append(letter.doc_id)
            continue
        todo.append(Page(document.path, document.data, letter, params, document))
    return todo


def _document_outputs(out_dir: Path, letter) -> list[Path]:
    return [out_dir / document_path(kind, letter) for kind in DOCUMENT_PATHS]


# The worker's shared context, set once per process by _init_worker.
_WORKER: dict[str, object] = {}


def _init_worker(context: Context, out_dir: Path) -> None:
    _WORKER.update(context=context, out_dir=out_dir, builders=document_builders())


def _run_job(page: Page) -> tuple[str, str]:
    """Write one document's outputs; return (doc id, error message or "")."""
    try:
        outputs = build_page(page, _WORKER["context"], _WORKER["builders"])
    except TeikitError as error:
        return page.letter.doc_id, str(error)
    for path, data in outputs.items():
        atomic_write(_WORKER["out_dir"] / path, data)
    return page.letter.doc_id, ""


def _run(edition: Edition, out_dir: Path, todo: list[Page], context: Context, jobs: int | None,
         report: BuildReport) -> None:
    workers = max(1, jobs or os.cpu_count() or 1)
    sources = {page.letter.doc_id: page.path for page in todo}
    with _progress(len(todo)) as advance:
        for doc_id, error in _results(out_dir, todo, context, workers):
            advance()
            if error:
                report.fail(Diagnostic(display_path(sources[doc_id]), 1, 0, ERROR, "build-transform", error))
            else:
                report.built.append(doc_id)


def _results(out_dir: Path, todo: list[Page], context: Context, workers: int):
    setup = (context, out_dir)
    if workers == 1 or len(todo) < PARALLEL_MIN:
        _init_worker(*setup)
        yield from map(_run_job, todo)
        return
    chunk = max(1, len(todo) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=setup) as pool:
        yield from pool.map(_run_job, todo, chunksize=chunk)


def _progress(total: int):
    """A progress bar on a terminal; nothing when the output goes to a file or a pipe."""
    console = Console(stderr=True)
    if not console.is_terminal or total == 0:
        return nullcontext(lambda: None)
    return _ProgressBar(console, total)


class _ProgressBar:
    def __init__(self, console: Console, total: int):
        self.progress = Progress(TextColumn("Building pages"), BarColumn(), MofNCompleteColumn(),
                                 console=console, transient=True)
        self.task = self.progress.add_task("pages", total=total)

    def __enter__(self):
        self.progress.start()
        return lambda: self.progress.advance(self.task)

    def __exit__(self, *exc):
        self.progress.stop()


# ---- site pages, cmif.xml, stale files ----------------------------------------------------

def _write_site(corpus, documents, letters, context: Context, previous, state, report) -> None:
    out_dir = report.out_dir
    state.site = _sha(state.inputs, *sorted(f"{k}={v['key']}" for k, v in state.pages.items()))
    if previous.site == state.site and previous.site_files and all((out_dir / p).is_file() for p in previous.site_files):
        state.site_files = previous.site_files
        return
    data = CorpusInput(letters, corpus.edition_document(), {d.path.name: d.data for d in corpus.support},
                       [d.path for d in corpus.support + documents])
    written = []
    for builder in corpus_builders():
        for path, content in builder.build(data, context).items():
            atomic_write(out_dir / path, content)
            written.append(path)
    state.site_files = sorted(written)
    for warning in data.diagnostics:
        (report.fail if warning.is_error else report.diagnostics.append)(warning)
    report.site_written = True


def _remove_stale(out_dir: Path, previous: State, state: State, support: list[ParsedDocument]) -> None:
    """Outputs of documents that were removed, renamed or are now invalid go too.

    Without a saved state (the first build, or the one after a failure, which drops it) the
    folder itself is the only record: every per-document output that no current document
    writes is stale.
    """
    def outputs(doc_id: str, source: str) -> set[Path]:
        return {out_dir / DOCUMENT_PATHS[kind].format(doc_id=doc_id, file=source) for kind in DOCUMENT_PATHS}

    stale = {path for doc_id, entry in previous.pages.items() if doc_id not in state.pages
             for path in outputs(doc_id, entry.get("source", f"{doc_id}.xml"))}
    if not previous.pages:
        written = {path for doc_id, entry in state.pages.items() for path in outputs(doc_id, entry["source"])}
        keep = written | {out_dir / p for p in state.site_files}
        found = [*out_dir.glob("html/*.html"), *out_dir.glob("text/*.txt"), *out_dir.glob("html/tei/*.xml")]
        stale |= set(found) - keep
    for path in sorted(stale):
        path.unlink(missing_ok=True)
