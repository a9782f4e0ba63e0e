"""`teikit validate`: well-formedness, RelaxNG, Schematron and the cross-file rules, in one pass.

    report = validate(edition, paths, schema="edition")

Every file is parsed once, by xmlio's hardened parser; a file that cannot be parsed becomes one
diagnostic and the others go on. Schemas are compiled once per process. Each document is
checked by one task (checking.check: read, parse, RelaxNG, Schematron, pointers) on the executor
seam (toolkit/executors.py): this process, a local pool (--jobs N) or Dask. Only diagnostics,
xml:ids and records come back; the cross-file uniqueness of xml:ids is checked here from those
ids. Below PARALLEL_FROM documents one process is faster than starting workers. The rules
themselves are toolkit/validation/.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .authority import AuthorityIndex
from .checking import check
from .corpus import authority_index, load, parse_tei, resolved
from .diagnostics import Diagnostic, display_path
from .edition import Edition
from .executors import batches, default_jobs, open_executor
from .rules import judged
from .tasks import TaskContext
from .validation import Rules, checks_of, duplicate_ids, references, rules_for
from .xmlio import ParsedDocument

PARALLEL_FROM = 200  # documents; fewer are checked faster in one process


@dataclass
class ValidationReport:
    files: list[str]  # every file checked, as displayed
    diagnostics: list[Diagnostic]  # sorted by file, line, column
    checks: str = ""  # what was checked, in words (validation.checks_of)

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
        found = f"{count} file{'' if count == 1 else 's'}, {len(self.valid)} valid, {len(self.invalid)} with errors"
        return f"{found} ({self.checks})" if self.checks else found


def validate(edition: Edition, paths: Iterable[Path] | None = None, schema: str | None = None,
             jobs: int | None = None, executor: str = "local", scheduler: str | None = None) -> ValidationReport:
    """Check the edition's files (all of tei/, or `paths`) against `schema`; never stops at a broken file.

    The documents are checked by the per-document task (checking.check) through the executor
    seam; the support files, parsed here for the authority index, are checked here.
    """
    rules = rules_for(edition, schema)  # a missing schema is one line before any file is read
    support, failures = parse_tei(edition.authority_files(), edition.config.max_file_bytes, edition.roots)
    if not support:  # no edition around the files: their own ids are the authority
        return _validate_loose(edition, rules, paths, jobs, schema)
    wanted = [resolved(Path(p)) for p in paths] if paths is not None else None
    support_targets = [d for d in support if wanted is None or resolved(d.path) in wanted]
    shown = {display_path(p) for p in wanted} if wanted is not None else None
    failures = [f for f in failures if shown is None or f.file in shown]
    support_files = {resolved(p) for p in edition.authority_files()}  # once: not a glob per file
    documents = [p for p in (wanted if wanted is not None else edition.document_files())
                 if resolved(Path(p)) not in support_files]
    checked = check_paths(edition, documents, support, schema, jobs, executor, scheduler, letters=False)
    diagnostics = failures + [d for c in checked for d in c.diagnostics]
    diagnostics += [d for document in support_targets for d in rules.check_document(document)]
    diagnostics += rules.check_grammar([Path(c.path) for c in checked if c.parsed] + [d.path for d in support_targets])
    if rules.cross_file:
        authority = authority_index(edition, support)
        diagnostics += [d for document in support_targets
                        for d in references.check_pointers(document, authority, edition.authority_description())]
        if rules.unique_ids:
            diagnostics += duplicate_ids(support, checked, support_targets)
    files = {display_path(c.path) for c in checked} | {d.display for d in support_targets} | {f.file for f in failures}
    return _report(edition, files, diagnostics, schema)


def _report(edition: Edition, files, diagnostics: list[Diagnostic], schema: str | None) -> ValidationReport:
    """The files and their diagnostics, with the edition's severities ([rules] in teikit.toml)."""
    return ValidationReport(sorted(files), sorted(set(judged(diagnostics, edition.config.rules))),
                            checks_of(edition, schema))


def check_paths(edition: Edition, paths: list[Path], support: list[ParsedDocument], schema: str | None = None,
                jobs: int | None = None, executor: str = "local", scheduler: str | None = None,
                letters: bool = True, authority: AuthorityIndex | None = None, progress=None) -> list:
    """Run checking.check on every path, on the executor chosen; the results sorted by path."""
    if not paths:
        return []
    jobs = jobs or default_jobs()
    if len(paths) < PARALLEL_FROM and executor == "local":
        jobs = 1
    authority = authority if authority is not None else authority_index(edition, support)
    context = TaskContext(edition, authority, schema, edition.authority_description(), letters)
    work = batches([str(p) for p in paths], jobs)
    results = []
    with open_executor(context, jobs, executor, scheduler, tasks=len(work)) as pool:
        for share in pool.run(check, work):
            results.extend(share)
            if progress:
                progress(len(share))
    return sorted(results, key=lambda c: c.path)


def _validate_loose(edition: Edition, rules: Rules, paths, jobs, schema: str | None) -> ValidationReport:
    corpus = load(edition, paths)
    diagnostics = list(corpus.failures) + rules.check_corpus(corpus, jobs)
    files = {d.display for d in corpus.targets} | {f.file for f in corpus.failures}
    return _report(edition, files, diagnostics, schema)
