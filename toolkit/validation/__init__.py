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
from ..diagnostics import ERROR, WARNING, Diagnostic
from ..edition import SCHEMA_CHOICES, Edition
from ..errors import SchemaNotFound
from ..xmlio import ParsedDocument
from . import buildable, correspondence, references, relaxng, schematron

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
    from ..xmlio import position

    def located(file: str):
        document = parse_file(Path(file))
        element = document.tree.xpath("//*[@xml:id=$id]", id=xml_id)[0]
        return document, position(document, element, "xml:id")

    document, (line, column) = located(path)
    other, (other_line, other_column) = located(other_path)
    return Diagnostic(document.display, line, column, severity, "xmlid-unique",
                      f'xml:id "{xml_id}" {relation} {other.display}:{other_line}:{other_column}; '
                      "an xml:id must be unique in the whole corpus")
