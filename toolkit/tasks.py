"""What the per-document tasks share, wherever they run: their context, and how a stopped task is said.

    checking.check(context, [path, ...])    -> [Checked]   read, parse once (safely), validate, metadata
    rendering.render(context, [PageJob])    -> [Rendered]  read, verify, parse once, every builder's bytes

Tasks take paths and small records and return bytes, diagnostics and records: never a tree,
so nothing large crosses between processes and memory does not grow with the corpus. The
context is shared and read-only; what is compiled from it (schemas, stylesheets) is made
once per worker process, on first use.

A build checks the documents that changed (checking), orders every record, then renders the
documents whose page changed (rendering), whose prev/next needs the records of all.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .authority import AuthorityIndex
from .builders import Context
from .diagnostics import ERROR, Diagnostic, display_path
from .edition import Edition
from .executors import Stop


@dataclass
class TaskContext:
    """What every task shares: sent once to each worker, compiled there once."""

    edition: Edition
    authority: AuthorityIndex
    schema: str | None = None  # edition | tei_all | none | PATH.rng; None: teikit.toml's
    where: str = ""  # how a pointer check names the authority files
    letters: bool = True  # compute each document's metadata record (a build needs them)
    build: Context | None = None  # the builders' context (a build only)
    off: frozenset[str] = frozenset()  # builders this edition does without (Builder.off)

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k not in ("rules", "builders")}

    @cached_property
    def rules(self):
        from .validation import rules_for

        return rules_for(self.edition, self.schema)

    @cached_property
    def builders(self):
        from .builders import document_builders

        return [builder for builder in document_builders() if builder.name not in self.off]

    @cached_property
    def site_files(self) -> dict[str, str]:
        from .builders import site_files

        return site_files(self.edition)


def document_seconds(context: TaskContext) -> float:
    return context.edition.config.document_seconds


def document_mb(context: TaskContext) -> float:
    return context.edition.config.document_mb


def stopped_line(path: Path, doing: str, stop: Stop) -> Diagnostic:
    """The one line of a document whose task was stopped (rule document-time, document-memory or worker-died)."""
    if stop.timed_out:
        return build_error(path, "document-time", f"{doing} took longer than the limit of {stop.seconds:g} s "
                                                  "(raise [limits] document_seconds in teikit.toml to allow more)")
    if stop.megabytes:
        return build_error(path, "document-memory", f"{doing} took more memory than the limit of {stop.megabytes:g} MB "
                                                    "(raise [limits] document_mb in teikit.toml to allow more)")
    return build_error(path, "worker-died", f"{doing} stopped: the process doing it {stop.death()} "
                                            "(out of memory?); the other documents went on")


def build_error(path: Path, rule: str, message: str) -> Diagnostic:
    return Diagnostic(display_path(path), 1, 0, ERROR, rule, message)
