"""Per-document tasks: what a worker does with one file, wherever it runs.

    check(context, [path, ...])  -> [Checked]   read, parse once (safely), validate, metadata
    render(context, [PageJob])   -> [Rendered]  read, verify, parse once, every builder's bytes

Tasks take paths and small records and return bytes, diagnostics and records: never a tree,
so nothing large crosses between processes and memory does not grow with the corpus. The
context is shared and read-only; what is compiled from it (schemas, stylesheets) is made
once per worker process, on first use.

A build checks the documents that changed (`check`), orders every record, then renders the
documents whose page changed (`render`), whose prev/next needs the records of all. A
document rendered is read again and must have the bytes that were checked: a file edited
during the build is reported, not published unchecked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lxml import etree

from . import XML_NS
from .authority import AuthorityIndex
from .builders import Context, Page, build_page, document_builders, name_taken, site_files
from .diagnostics import ERROR, Diagnostic, display_path
from .edition import Edition
from .errors import InputError, TeikitError
from .executors import Stop, bounded
from .metadata import Letter, letter
from .state import FileStamp, sha
from .xmlio import parse_bytes, read_regular, require_inside, require_safe_name, require_tei, unreadable

XML_ID = etree.XPath("//@xml:id", namespaces={"xml": XML_NS})


@dataclass
class TaskContext:
    """What every task shares: sent once to each worker, compiled there once."""

    edition: Edition
    authority: AuthorityIndex
    schema: str | None = None  # edition | tei_all | none | PATH.rng; None: teikit.toml's
    where: str = ""  # how a pointer check names the authority files
    letters: bool = True  # compute each document's metadata record (a build needs them)
    build: Context | None = None  # the builders' context (a build only)

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k not in ("rules", "builders")}

    @cached_property
    def rules(self):
        from .validation import rules_for

        return rules_for(self.edition, self.schema)

    @cached_property
    def builders(self):
        return document_builders()

    @cached_property
    def site_files(self) -> dict[str, str]:
        return site_files(self.edition)


@dataclass
class Checked:
    path: str
    stamp: FileStamp | None  # None when the file could not be read
    diagnostics: list[Diagnostic] = field(default_factory=list)
    letter: Letter | None = None  # None when the file is not usable
    ids: dict[str, int] = field(default_factory=dict)  # xml:id -> line

    @property
    def valid(self) -> bool:
        return self.stamp is not None and not any(d.is_error for d in self.diagnostics)


def _seconds(context: TaskContext) -> float:
    return context.edition.config.document_seconds


def stopped_line(path: Path, doing: str, stop: Stop) -> Diagnostic:
    """The one line of a document whose task was stopped (rule document-time or worker-died)."""
    if stop.timed_out:
        return _build_error(path, "document-time", f"{doing} took longer than the limit of {stop.seconds:g} s "
                                                   "(raise [limits] document_seconds in teikit.toml to allow more)")
    return _build_error(path, "worker-died", f"{doing} stopped: the process doing it {stop.death()} "
                                             "(out of memory?); the other documents went on")


def _check_stopped(context: TaskContext, path: str, stop: Stop) -> Checked:
    return Checked(path, None, [stopped_line(Path(path), "checking", stop)])


@bounded(_seconds, lambda context: context.rules, _check_stopped)
def check(context: TaskContext, paths: list[str]) -> list[Checked]:
    return [check_one(context, Path(path)) for path in paths]


def check_one(context: TaskContext, path: Path) -> Checked:
    from .validation import correspondence
    from .validation.references import check_pointers

    try:
        require_safe_name(path)
        require_inside(path, context.edition.roots)
        taken = name_taken(path, context.site_files) if os.path.abspath(path).startswith(f"{context.edition.root}/") else ""
        if taken:  # a document of the edition called like a page of the site (index.xml)
            return Checked(str(path), None, [_build_error(path, "name-taken", taken)])
        stat = os.stat(path)
        data = read_regular(path, context.edition.config.max_file_bytes)  # no FIFO, device or huge file
    except OSError as error:
        return Checked(str(path), None, [unreadable(path, error).diagnostic])
    except InputError as error:
        return Checked(str(path), None, [error.diagnostic])
    stamp = FileStamp(stat.st_size, stat.st_mtime_ns, sha(data))
    try:
        document = parse_bytes(data, path)
        require_tei(document)
    except InputError as error:
        return Checked(str(path), stamp, [error.diagnostic])
    authority = context.authority.with_local(document, context.edition.config.key)
    found = context.rules.check_document(document)
    if context.rules.cross_file:
        found += check_pointers(document, authority, context.where)
        found += correspondence.check_document(document)  # a document of the edition: it needs a correspDesc
    ids = {}
    for value in XML_ID(document.tree):
        ids.setdefault(str(value), value.getparent().sourceline or 1)
    # Only a valid document has a record: metadata may assume what the rules guarantee.
    valid = not any(d.is_error for d in found)
    record = letter(document, authority, context.edition.config.received_types) if context.letters and valid else None
    return Checked(str(path), stamp, found, record, ids)


@dataclass
class PageJob:
    path: str
    sha: str  # of the bytes that were checked
    letter: Letter
    params: dict[str, object]


@dataclass
class Rendered:
    doc_id: str
    outputs: dict[str, bytes] = field(default_factory=dict)
    error: Diagnostic | None = None


def _prepare_render(context: TaskContext) -> None:
    context.builders, context.build.styles  # compiled once, before the children are forked


def _render_stopped(context: TaskContext, job: PageJob, stop: Stop) -> Rendered:
    return Rendered(job.letter.doc_id, error=stopped_line(Path(job.path), "rendering", stop))


@bounded(_seconds, _prepare_render, _render_stopped)
def render(context: TaskContext, jobs: list[PageJob]) -> list[Rendered]:
    return [render_one(context, job) for job in jobs]


def render_one(context: TaskContext, job: PageJob) -> Rendered:
    path = Path(job.path)
    doc_id = job.letter.doc_id
    try:
        data = read_regular(path, context.edition.config.max_file_bytes)
    except InputError as error:
        return Rendered(doc_id, error=error.diagnostic)
    if sha(data) != job.sha:
        return Rendered(doc_id, error=_build_error(path, "build-changed",
                                                   "the file changed during the build: run the build again"))
    try:
        page = Page(path, data, job.letter, job.params)
        return Rendered(doc_id, build_page(page, context.build, context.builders))
    except TeikitError as error:
        return Rendered(doc_id, error=_build_error(path, "build-transform", str(error)))


def _build_error(path: Path, rule: str, message: str) -> Diagnostic:
    return Diagnostic(display_path(path), 1, 0, ERROR, rule, message)
