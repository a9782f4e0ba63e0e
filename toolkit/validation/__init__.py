"""Validation: well-formedness, RelaxNG, Schematron and the cross-file rules, in one pass.

    report = validate(edition, paths, schema="edition")

Every file is parsed once (corpus.load, with xmlio's hardened parser); a file that cannot be
parsed becomes one diagnostic and the others go on. Schemas are compiled once per process.
The per-document checks (RelaxNG, Schematron) of a large corpus run on every core: forked
workers inherit the parsed trees and the compiled schemas, so nothing is parsed, compiled or
shipped twice; only the diagnostics come back. Below PARALLEL_FROM documents one process is
faster than starting workers (benchmarks/bench_validate.py).
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..corpus import Corpus, load
from ..diagnostics import Diagnostic
from ..edition import Edition
from ..errors import SchemaNotFound
from ..xmlio import ParsedDocument
from . import buildable, references, relaxng, schematron

SCHEMA_CHOICES = "edition, tei_all or the path of a .rng file"
PARALLEL_FROM = 200  # documents; fewer are checked faster in one process


@dataclass
class ValidationReport:
    files: list[str]  # every file checked, as displayed
    diagnostics: list[Diagnostic]  # sorted by file, line, column

    @property
    def invalid(self) -> list[str]:
        """The files with at least one error (warnings do not count)."""
        return sorted({d.file for d in self.diagnostics if d.is_error})

    @property
    def valid(self) -> list[str]:
        invalid = set(self.invalid)
        return [f for f in self.files if f not in invalid]

    def summary(self) -> str:
        count = len(self.files)
        return f"{count} file{'' if count == 1 else 's'}, {len(self.valid)} valid, {len(self.invalid)} with errors"


@dataclass
class Rules:
    """What to check: a RelaxNG schema, and for the edition's schema its Schematron and cross-file rules."""

    relaxng: relaxng.Schema
    schematron: object | None = None
    cross_file: bool = False

    def check_document(self, document: ParsedDocument) -> list[Diagnostic]:
        found = relaxng.check(document, self.relaxng)
        if self.schematron is not None:
            found += schematron.check(document, self.schematron)
        if self.cross_file:  # the edition's rules: also what its stylesheets cannot build
            found += buildable.check(document)
        return found

    def check_corpus(self, corpus: Corpus, jobs: int | None = None) -> list[Diagnostic]:
        """The diagnostics of corpus.targets: each document, then (edition rules) across files."""
        found = self.check_documents(corpus.targets, jobs)
        if self.cross_file:
            found += references.check(corpus)
        return found


    def check_documents(self, documents: list[ParsedDocument], jobs: int | None = None) -> list[Diagnostic]:
        workers = min(jobs or os.cpu_count() or 1, len(documents))
        if workers < 2 or len(documents) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
            return [d for document in documents for d in self.check_document(document)]
        global _FORKED
        _FORKED = (self, documents)  # inherited by the forked workers, never pickled
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                shares = pool.map(_check_share, [(start, workers) for start in range(workers)])
        finally:
            _FORKED = None
        return [d for share in shares for d in share]


_FORKED: tuple[Rules, list[ParsedDocument]] | None = None


def _check_share(share: tuple[int, int]) -> list[Diagnostic]:
    """In a forked worker: check every `step`-th document from `start` (interleaved for balance)."""
    rules, documents = _FORKED
    start, step = share
    return [d for document in documents[start::step] for d in rules.check_document(document)]


def rules_for(edition: Edition, schema: str = "edition") -> Rules:
    """Resolve --schema (edition | tei_all | PATH.rng) and compile what it names, once per process."""
    if schema == "edition":
        folder = edition.schema_dir
        sch = folder / "edition.sch"
        return Rules(relaxng.compile_schema(folder / "edition.rng"),
                     schematron.compile_rules(sch) if sch.is_file() else None, cross_file=True)
    if schema == "tei_all":
        return Rules(relaxng.compile_schema(edition.tei_all_path()))
    path = Path(schema)
    if not path.is_file():
        raise SchemaNotFound(f"{schema}: no such schema file; --schema takes {SCHEMA_CHOICES}")
    return Rules(relaxng.compile_schema(path.resolve()))


def validate(edition: Edition, paths: Iterable[Path] | None = None, schema: str = "edition",
             jobs: int | None = None) -> ValidationReport:
    """Check the edition's files (all of tei/, or `paths`) against `schema`; never stops at a broken file."""
    rules = rules_for(edition, schema)  # a missing schema is one line before any file is read
    corpus = load(edition, paths)
    diagnostics = list(corpus.failures) + rules.check_corpus(corpus, jobs)
    files = {d.display for d in corpus.targets} | {f.file for f in corpus.failures}
    return ValidationReport(sorted(files), sorted(set(diagnostics)))
