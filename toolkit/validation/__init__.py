"""Validation: well-formedness, RelaxNG, Schematron and the cross-file rules, in one pass.

    report = validate(edition, paths, schema="edition")

Every file is parsed once, by xmlio's hardened parser; a file that cannot be parsed becomes one
diagnostic and the others go on. Schemas are compiled once per process. Each document is
checked by one task (tasks.check: read, parse, RelaxNG, Schematron, pointers) on the executor
seam (toolkit/executors.py): this process, a local pool (--jobs N) or Dask. Only diagnostics,
xml:ids and records come back; the cross-file uniqueness of xml:ids is checked here from those
ids. Below PARALLEL_FROM documents one process is faster than starting workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..authority import AuthorityIndex
from ..corpus import Corpus, authority_index, load, parse_tei, resolved
from ..diagnostics import ERROR, WARNING, Diagnostic, display_path
from ..edition import SCHEMA_CHOICES, Edition
from ..errors import SchemaNotFound
from ..xmlio import ParsedDocument
from . import buildable, correspondence, jing, references, relaxng, schematron

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

    relaxng: relaxng.Schema | None  # None: --schema none
    schematron: object | None = None
    cross_file: bool = False
    unique_ids: bool = True  # xml:id unique across the corpus, not only within each document

    def check_document(self, document: ParsedDocument) -> list[Diagnostic]:
        found = relaxng.check(document, self.relaxng) if self.relaxng is not None else []
        if self.schematron is not None:
            found += schematron.check(document, self.schematron)
        if self.cross_file:  # the edition's rules: also what its stylesheets cannot build
            found += buildable.check(document)
        return found

    def check_corpus(self, corpus: Corpus, jobs: int | None = None) -> list[Diagnostic]:
        """The diagnostics of corpus.targets: each document, then (edition rules) across files."""
        found = self.check_documents(corpus.targets, jobs)
        if self.cross_file:
            found += references.check(corpus, unique_ids=self.unique_ids) + correspondence.check(corpus)
        return found


    def check_documents(self, documents: list[ParsedDocument], jobs: int | None = None) -> list[Diagnostic]:
        return [d for document in documents for d in self.check_document(document)]


def rules_for(edition: Edition, schema: str | None = None) -> Rules:
    """Resolve --schema (edition | tei_all | none | PATH.rng; default: teikit.toml's) and compile it once per process.

    The edition's schema brings its Schematron rules and the cross-file rules along; `none`
    the cross-file rules and the edition's own schema/edition.sch, if it has one; tei_all and
    other schemas are TEI conformance checks of their own.
    """
    schema = schema or edition.config.schema
    if schema in ("edition", "none"):
        folder = edition.schema_dir
        # none: no grammar, and the Schematron rules only of an edition that has its own (the
        # packaged ones are this edition's customisation, not rules for every edition)
        sch = folder / "edition.sch" if schema == "edition" else edition.root / "schema" / "edition.sch"
        grammar = relaxng.compile_schema(folder / "edition.rng") if schema == "edition" else None
        return Rules(grammar, schematron.compile_rules(sch) if sch.is_file() else None, cross_file=True,
                     unique_ids=edition.config.unique_ids == "corpus")
    if schema == "tei_all":
        return Rules(relaxng.compile_schema(edition.tei_all_path()))
    path = Path(schema) if Path(schema).is_absolute() or Path(schema).is_file() else edition.root / schema
    if not path.is_file():
        raise SchemaNotFound(f"{schema}: no such schema file; --schema takes {SCHEMA_CHOICES}")
    return Rules(relaxng.compile_schema(path.resolve()))


def validate(edition: Edition, paths: Iterable[Path] | None = None, schema: str | None = None,
             jobs: int | None = None, executor: str = "local", scheduler: str | None = None) -> ValidationReport:
    """Check the edition's files (all of tei/, or `paths`) against `schema`; never stops at a broken file.

    The documents are checked by the per-document task (tasks.check) through the executor
    seam; the support files, parsed here for the authority index, are checked here.
    """
    if (schema or edition.config.schema) == "tei_all" and jing.available():
        return _validate_with_jing(edition, edition.tei_all_path(), paths)
    rules = rules_for(edition, schema)  # a missing schema is one line before any file is read
    support, failures = parse_tei(edition.authority_files(), edition.config.max_file_bytes, edition.roots)
    if not support:  # no edition around the files: their own ids are the authority
        return _validate_loose(edition, rules, paths, jobs)
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
    if rules.cross_file:
        authority = authority_index(edition, support)
        diagnostics += [d for document in support_targets
                        for d in references.check_pointers(document, authority, edition.authority_description())]
        if rules.unique_ids:
            diagnostics += duplicate_ids(support, checked, support_targets)
    files = {display_path(c.path) for c in checked} | {d.display for d in support_targets} | {f.file for f in failures}
    return ValidationReport(sorted(files), sorted(set(diagnostics)))


def check_paths(edition: Edition, paths: list[Path], support: list[ParsedDocument], schema: str | None = None,
                jobs: int | None = None, executor: str = "local", scheduler: str | None = None,
                letters: bool = True, authority: AuthorityIndex | None = None, progress=None) -> list:
    """Run tasks.check on every path, on the executor chosen; the results sorted by path."""
    from ..executors import batches, default_jobs, open_executor
    from ..tasks import TaskContext, check

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


def duplicate_ids(support: list[ParsedDocument], checked: list, targets: list[ParsedDocument]) -> list[Diagnostic]:
    """xmlid-unique across files, from the ids each task returned (no tree kept).

    A repeated xml:id belongs to the first file that has it: the authority files and
    edition.xml, then the documents by path. That order is the same for every run, whatever
    was built before, so a clean and an incremental build agree and the first file is built.
    Each later file gets an error naming the first; the first a warning naming the later one.
    The rare file with a repeated id is parsed again to point at the attribute itself.
    """
    places: dict[str, list[tuple[bool, str, int]]] = {}
    for document in support:
        for value in document.tree.xpath(references.XML_IDS):
            places.setdefault(str(value), []).append((False, str(document.path), value.getparent().sourceline or 1))
    for result in checked:
        for xml_id, line in result.ids.items():
            places.setdefault(xml_id, []).append((True, result.path, line))
    wanted = {str(d.path) for d in targets} | {c.path for c in checked}
    diagnostics = []
    for xml_id, occurrences in places.items():
        occurrences.sort()
        paths = {path for _, path, _ in occurrences}
        if len(paths) < 2 or not paths & wanted:
            continue  # repeated inside one file only: the parser reports that itself
        owner = occurrences[0][1]
        for later in dict.fromkeys(path for _, path, _ in occurrences if path != owner):
            diagnostics.append(_duplicate(xml_id, later, owner, ERROR, "is already used at"))
            diagnostics.append(_duplicate(xml_id, owner, later, WARNING, "is also used (and refused there) at"))
    return diagnostics


def _duplicate(xml_id: str, path: str, other_path: str, severity: str, relation: str) -> Diagnostic:
    from ..xmlio import parse_file
    from .locate import position

    def located(file: str):
        document = parse_file(Path(file))
        element = document.tree.xpath("//*[@xml:id=$id]", id=xml_id)[0]
        return document, position(document, element, "xml:id")

    document, (line, column) = located(path)
    other, (other_line, other_column) = located(other_path)
    return Diagnostic(document.display, line, column, severity, "xmlid-unique",
                      f'xml:id "{xml_id}" {relation} {other.display}:{other_line}:{other_column}; '
                      "an xml:id must be unique in the whole corpus")


def _validate_with_jing(edition: Edition, schema: Path, paths) -> ValidationReport:
    """tei_all through jing: the safe parser first, then jing on what it accepted."""
    corpus = load(edition, paths)
    diagnostics = list(corpus.failures) + jing.check(schema, [d.path for d in corpus.targets])
    files = {d.display for d in corpus.targets} | {f.file for f in corpus.failures}
    return ValidationReport(sorted(files), sorted(set(diagnostics)))


def _validate_loose(edition: Edition, rules: Rules, paths, jobs) -> ValidationReport:
    corpus = load(edition, paths)
    diagnostics = list(corpus.failures) + rules.check_corpus(corpus, jobs)
    files = {d.display for d in corpus.targets} | {f.file for f in corpus.failures}
    return ValidationReport(sorted(files), sorted(set(diagnostics)))
