"""The render task: every output of one valid document, wherever it runs.

    render(context, [PageJob]) -> [Rendered]   read, verify, parse once, every builder's bytes

A document rendered is read again and must have the bytes that were checked: a file edited
during the build is reported, not published unchecked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .builders import Page, build_page
from .diagnostics import Diagnostic
from .errors import InputError, TeikitError
from .executors import Stop, bounded
from .metadata import Letter
from .state import sha
from .tasks import TaskContext, build_error, document_mb, document_seconds, stopped_line
from .xmlio import read_regular


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


@bounded(document_seconds, _prepare_render, _render_stopped, document_mb)
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
        return Rendered(doc_id, error=build_error(path, "build-changed",
                                                   "the file changed during the build: run the build again"))
    try:
        page = Page(path, data, job.letter, job.params)
        return Rendered(doc_id, build_page(page, context.build, context.builders))
    except TeikitError as error:
        return Rendered(doc_id, error=build_error(path, "build-transform", str(error)))
