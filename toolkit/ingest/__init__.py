"""`teikit ingest`: from a plain-text document collection to TEI drafts an editor corrects.

read (UTF-8, not empty) -> split into documents (split.py) -> parse each: heading, dateline,
body, closer, archival reference, notes (document.py, heading.py, archival.py) -> number the
documents (printed numbers, else inferred from the neighbours) -> write one TEI draft each
(tei.py), recognising names from the edition's authority files (names.py) -> a summary.

Nothing is written unless every draft can be: an existing file is refused without --force.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import NSMAP
from ..authority import AuthorityIndex
from ..corpus import parse_tei
from ..diagnostics import ERROR, Diagnostic, display_path
from ..edition import Edition
from ..errors import TeikitError
from ..xmlio import atomic_write, first
from .document import Parsed, parse_document
from .names import Recogniser
from .split import split
from .tei import Context, Tally, write


# Characters XML 1.0 cannot hold (tab, newline and carriage return aside).
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\ufffe\uffff]")


class IngestError(TeikitError):
    """The source cannot be ingested (or the drafts not written); one line says why."""

    def __init__(self, file: Path | str, message: str, rule: str, line: int = 1, column: int = 1):
        super().__init__(Diagnostic(display_path(file), line, column, ERROR, rule, message).format())


@dataclass
class Draft:
    file: str  # the name the draft is written under
    number: str
    inferred_from: str  # "" when the number is printed
    parsed: Parsed
    data: bytes
    tally: Tally


@dataclass
class Report:
    source: str
    out_dir: str
    drafts: list[Draft] = field(default_factory=list)
    left_out: list[tuple[int, str, str]] = field(default_factory=list)  # (line, text, why)

    def counts(self) -> dict:
        def distinct(kind):
            return sorted({ref for d in self.drafts for ref in d.tally.names[kind]})
        holdings = sum(len(d.parsed.holdings) for d in self.drafts)
        publications = sum(len(d.parsed.publications) for d in self.drafts)
        return {
            "documents": len(self.drafts),
            "persons": len(distinct("person")), "places": len(distinct("place")), "orgs": len(distinct("org")),
            "archival_references": holdings, "publication_references": publications,
            "unknown_names": len({u for d in self.drafts for u in d.tally.unknown}),
            "numbers_inferred": sum(1 for d in self.drafts if d.inferred_from),
            "review_items": sum(len(set(d.tally.review)) for d in self.drafts),
        }

    def as_dict(self) -> dict:
        return {
            "source": self.source, "out": self.out_dir, "counts": self.counts(),
            "documents": [{
                "file": d.file, "number": d.number, "number_inferred": bool(d.inferred_from),
                "kind": d.parsed.heading.kind, "title": d.parsed.heading.main,
                "source_line": d.parsed.source.first_line, "review": list(dict.fromkeys(d.tally.review)),
                "unknown_names": d.tally.unknown,
            } for d in self.drafts],
            "left_out": [{"line": line, "text": text, "why": why} for line, text, why in self.left_out],
        }

    def render(self, output_format: str) -> str:
        if output_format == "json":
            return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"
        counts = self.counts()
        lines = [f"{d.file}: No. {d.number}{' (inferred)' if d.inferred_from else ''}, "
                 f"{d.parsed.heading.kind or 'kind unknown'}, {len(set(d.tally.review))} to review"
                 for d in self.drafts]
        lines += [f"{self.source}:{line}: left out ({why}): {text[:60]}" for line, text, why in self.left_out]
        lines.append(
            f"{counts['documents']} documents written to {self.out_dir}; "
            f"{counts['persons']} persons, {counts['places']} places, {counts['orgs']} organisations recognised; "
            f"{counts['archival_references']} archival and {counts['publication_references']} publication references; "
            f"{counts['numbers_inferred']} numbers inferred; {counts['unknown_names']} unknown names; "
            f"{counts['review_items']} items to review (notes type=\"review\" in the drafts)")
        return "\n".join(lines) + "\n"


def read_source(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise IngestError(path, "the file is empty: nothing to ingest", "ingest-empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise IngestError(path, f"not UTF-8 text (byte 0x{data[error.start]:02x}): save the file as UTF-8",
                          "ingest-encoding", line, column) from None
    text = text.removeprefix("\ufeff")
    # Page breaks of a text made from a PDF are layout, not words: they end a line like a newline.
    text = text.replace("\f", "\n").replace("\v", "\n")
    control = CONTROL.search(text)
    if control:
        before = text[:control.start()]
        line, column = before.count("\n") + 1, control.start() - (before.rfind("\n") + 1) + 1
        raise IngestError(path, f"control character U+{ord(control.group()):04X} cannot be kept in XML: "
                          "remove it from the source", "ingest-control-character", line, column)
    return text


def context_for(edition: Edition) -> Context:
    """The recogniser and the front matter drafts copy, from the edition's support files."""
    support, _ = parse_tei(edition.authority_files()) if edition.tei_dir.is_dir() else ([], [])
    context = Context(Recogniser.from_authority(AuthorityIndex.from_documents(support)))
    main = next((d for d in support if d.path.name == "edition.xml"), None)
    if main is None:
        return context
    root = main.root
    context.categories = set(root.xpath(".//tei:taxonomy/tei:category/@xml:id", namespaces=NSMAP))
    title_stmt = first(root, "tei:teiHeader/tei:fileDesc/tei:titleStmt")
    if title_stmt is not None:
        context.title_stmt_extras = title_stmt.xpath("tei:editor | tei:respStmt", namespaces=NSMAP)
    compiler = first(root, ".//tei:titleStmt/tei:editor[@role='compiler']/@ref")
    context.compiler = str(compiler).lstrip("#") if compiler is not None else ""
    context.publisher = first(root, "tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:publisher")
    context.availability = first(root, "tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability")
    collection = first(root, ".//tei:sourceDesc/tei:bibl[@type='collection']")
    if collection is not None:
        context.collection_title = " ".join("".join(first(collection, "tei:title").itertext()).split()) \
            if first(collection, "tei:title") is not None else ""
        author = first(collection, "tei:editor | tei:author")
        context.collection_author = " ".join("".join(author.itertext()).split()) if author is not None else ""
    return context


def numbers(parsed: list[Parsed], start_number: int | None) -> list[tuple[str, str]]:
    """(number, how it was inferred or "") for each document: printed, else from the neighbours."""
    printed = [p.source.number for p in parsed]
    if parsed and parsed[-1].next_number:
        printed = printed + [parsed[-1].next_number]
    result = []
    for index in range(len(parsed)):
        if printed[index]:
            result.append((printed[index], ""))
            continue
        before = next((i for i in range(index - 1, -1, -1) if printed[i]), None)
        after = next((i for i in range(index + 1, len(printed)) if printed[i]), None)
        if before is not None:
            value = int(printed[before]) + index - before
            how = f"the document {index - before} before it is printed as No. {printed[before]}"
        elif after is not None:
            value = int(printed[after]) - (after - index)
            how = f"the document {after - index} after it is printed as No. {printed[after]}"
        else:
            value = (start_number or 1) + index
            how = "no number is printed; counted from --start-number" if start_number else \
                "no number is printed; counted from 1 (give --start-number)"
        if after is not None and before is not None and int(printed[after]) - (after - index) != value:
            how += f" (but No. {printed[after]} follows {after - index} later: check)"
        if after == len(parsed):
            how += f"; the source prints {printed[after]} after the last document"
        result.append((str(value), how))
    return result


def ingest(edition: Edition, source: Path, out_dir: Path | None = None, start_number: int | None = None,
           force: bool = False) -> Report:
    """Draft one TEI file per document of `source` into `out_dir` (default: the edition's tei/)."""
    out_dir = out_dir or edition.tei_dir
    text = read_source(source)
    found = split(text)
    if not found.documents:
        raise IngestError(source, "no document found: expected lines such as \"No. 537\" or headings such as "
                          "\"Telegram from … to …\", \"Letter from …\"", "ingest-no-document")
    context = context_for(edition)
    parsed = [parse_document(d, context.recogniser, last=i == len(found.documents) - 1)
              for i, d in enumerate(found.documents)]
    report = Report(display_path(source), display_path(out_dir),
                    left_out=[(line.number, line.text, why) for line, why in found.left_out])
    for document, (number, how) in zip(parsed, numbers(parsed, start_number)):
        data, tally = write(document, number, how, context)
        report.drafts.append(Draft(f"{number}.xml", number, how, document, data, tally))
    _refuse_clashes(report, out_dir, force)
    for draft in report.drafts:
        atomic_write(out_dir / draft.file, draft.data)
    return report


def _refuse_clashes(report: Report, out_dir: Path, force: bool) -> None:
    names = [d.file for d in report.drafts]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise IngestError(out_dir / repeated[0], "two documents of the source get this number: "
                          "check the numbers printed in the source", "ingest-duplicate-number")
    if force:
        return
    existing = [out_dir / n for n in names if (out_dir / n).exists()]
    if existing:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise IngestError(existing[0], f"exists{more}: nothing was written; pass --force to overwrite "
                          "or --out DIR for another folder", "ingest-exists")
