"""The rule set: RelaxNG, Schematron and the cross-file rules, compiled once per process.

    rules = rules_for(edition, schema="edition")
    rules.check_document(document)          # the diagnostics of one parsed document

Every rule reports one located line (diagnostics.Diagnostic). The `teikit validate` command,
which runs these rules over an edition on the executor seam, is toolkit/validate.py; the
per-document task that a build and that command share is toolkit/checking.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..corpus import Corpus
from ..diagnostics import ERROR, WARNING, Diagnostic, display_path
from ..edition import SCHEMA_CHOICES, Edition
from ..errors import SchemaNotFound
from ..xmlio import ParsedDocument
from . import buildable, correspondence, dates, jing, references, relaxng, schematron


@dataclass
class Rules:
    """What to check: a grammar (RelaxNG in lxml, or jing on whole batches), Schematron, and the
    edition's rules (pointers, dates, correspondence, what the stylesheets cannot build)."""

    relaxng: relaxng.Schema | None  # None: no grammar, or one jing checks
    schematron: object | None = None
    cross_file: bool = False
    unique_ids: bool = True  # xml:id unique across the corpus, not only within each document
    jing: Path | None = None  # a grammar jing checks after the tasks, on the files the safe parser accepted

    def check_document(self, document: ParsedDocument) -> list[Diagnostic]:
        found = relaxng.check(document, self.relaxng) if self.relaxng is not None else []
        found += dates.check(document)  # whatever the schema: an impossible date never reaches the site
        if self.schematron is not None:
            found += schematron.check(document, self.schematron)
        if self.cross_file:  # the edition's rules: also what its stylesheets cannot build
            found += buildable.check(document, refused=any(d.is_error for d in found))
        return found

    def check_grammar(self, paths: list[Path]) -> list[Diagnostic]:
        """jing's diagnostics of files the safe parser accepted (nothing when the grammar runs per document)."""
        return jing.check(self.jing, paths) if self.jing is not None and paths else []

    def check_corpus(self, corpus: Corpus, jobs: int | None = None) -> list[Diagnostic]:
        """The diagnostics of corpus.targets: each document, then (edition rules) across files."""
        found = self.check_documents(corpus.targets, jobs) + self.check_grammar([d.path for d in corpus.targets])
        if self.cross_file:
            found += references.check(corpus, unique_ids=self.unique_ids) + correspondence.check(corpus)
        return found

    def check_documents(self, documents: list[ParsedDocument], jobs: int | None = None) -> list[Diagnostic]:
        return [d for document in documents for d in self.check_document(document)]


def rules_for(edition: Edition, schema: str | None = None) -> Rules:
    """Resolve --schema (edition | tei_all | none | PATH.rng; default: teikit.toml's) and compile it once per process.

    The schema chooses the grammar; the edition's rules (pointers, dates, correspondence, ids,
    the edition's own schema/edition.sch) run whatever it is. `edition` brings the packaged
    Schematron rules along (they are this edition's customisation, not rules for every edition);
    tei_all goes to jing when it is installed (seconds, where libxml2 needs a minute to compile it).
    """
    schema = schema or edition.config.schema
    own = edition.root / "schema" / "edition.sch"
    sch = edition.schema_dir / "edition.sch" if schema == "edition" else own
    rules = {"schematron": schematron.compile_rules(sch) if sch.is_file() else None, "cross_file": True,
             "unique_ids": edition.config.unique_ids == "corpus"}
    if schema == "edition":
        return Rules(relaxng.compile_schema(edition.schema_dir / "edition.rng"), **rules)
    if schema == "none":
        return Rules(None, **rules)
    path = edition.tei_all_path() if schema == "tei_all" else grammar_path(edition, schema)
    if schema == "tei_all" and jing.available():
        return Rules(None, jing=path, **rules)
    return Rules(relaxng.compile_schema(path), **rules)


def grammar_path(edition: Edition, schema: str) -> Path:
    path = Path(schema) if Path(schema).is_absolute() or Path(schema).is_file() else edition.root / schema
    if not path.is_file():
        raise SchemaNotFound(f"{schema}: no such schema file; --schema takes {SCHEMA_CHOICES}")
    return path.resolve()


def checks_of(edition: Edition, schema: str | None = None) -> str:
    """What `validate` and `build` check, in words, for their summaries (nothing is compiled here)."""
    schema = schema or edition.config.schema
    grammar = {"edition": "edition.rng", "none": "no schema"}.get(schema)
    if schema == "tei_all":
        grammar = "tei_all.rng" + (" by jing" if jing.available() else "")
    elif grammar is None:
        grammar = Path(schema).name
    own = (edition.schema_dir if schema == "edition" else edition.root / "schema") / "edition.sch"
    scope = "in the corpus" if edition.config.unique_ids == "corpus" else "per document"
    return (f"checked: {grammar}{', ' + own.name if own.is_file() else ''}; pointers, dates, correspDesc; "
            f"xml:id unique {scope}")


def duplicate_ids(support: list[ParsedDocument], checked: list, targets: list[ParsedDocument]) -> list[Diagnostic]:
    """xmlid-unique across files, from the ids each task returned (no tree kept).

    A repeated xml:id belongs to the first file that has it: the authority files and
    edition.xml, then the documents by path. That order is the same for every run, whatever
    was built before, so a clean and an incremental build agree and the first file is built.
    Each later file gets an error naming the first; the first a warning naming the later one.
    Each side is located from the line its task returned and the file's bytes: nothing is parsed again.
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
        lines = {path: line for _, path, line in reversed(occurrences)}  # the first line of each file
        for later in dict.fromkeys(path for _, path, _ in occurrences if path != owner):
            diagnostics.append(_duplicate(xml_id, later, owner, ERROR, "is already used at", lines))
            diagnostics.append(_duplicate(xml_id, owner, later, WARNING,
                                          "is also used (this file has it first and keeps it) at", lines,
                                          "xmlid-first"))
    return diagnostics


def _duplicate(xml_id: str, path: str, other_path: str, severity: str, relation: str, lines: dict,
               rule: str = "xmlid-unique") -> Diagnostic:
    """One side of a repeated xml:id, located from the line each task returned and the file's bytes
    (locate.id_position): no file is parsed again, however many ids repeat."""
    from ..xmlio import id_position

    line, column = id_position(path, lines[path], xml_id)
    other_line, other_column = id_position(other_path, lines[other_path], xml_id)
    return Diagnostic(display_path(path), line, column, severity, rule,
                      f'xml:id "{xml_id}" {relation} {display_path(other_path)}:{other_line}:{other_column}; '
                      "an xml:id must be unique in the whole corpus")
