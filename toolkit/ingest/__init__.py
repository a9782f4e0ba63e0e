"""`teikit ingest`: from a plain-text document collection to TEI drafts an editor corrects.

read (UTF-8, not empty) -> split into documents (split.py) -> parse each: heading, dateline,
body, closer, archival reference, notes (document.py, heading.py, archival.py) -> number the
documents (printed numbers, else inferred from the neighbours) -> write one TEI draft each
(tei.py), recognising names from the edition's authority files (names.py) -> a summary.

Nothing is written unless every draft can be: an existing file is refused without --force.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .. import NSMAP
from ..authority import AuthorityIndex
from ..corpus import parse_tei
from ..diagnostics import ERROR, Diagnostic, display_path, json_text, printable
from ..edition import Config, Edition
from ..errors import InputError, TeikitError
from ..xmlio import MB, first, parse_bytes
from .document import DatelineAt, Parsed, dateline_of, parse_document, trailing_number
from .heading import iso_date
from .names import Recogniser
from .repositories import adopt_list, authority_target, with_entries
from .split import DocumentSource, split
from .tei import Context, Tally, write


# Characters XML 1.0 cannot hold (tab, newline and carriage return aside).
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\ufffe\uffff]")


class IngestError(TeikitError):
    """The source cannot be ingested (or the drafts not written); one line says why."""

    def __init__(self, file: Path | str, message: str, rule: str, line: int = 1, column: int = 1):
        super().__init__(Diagnostic(display_path(file), line, column, ERROR, rule, message).format())


@dataclass
class Draft:
    """What the summary says of a draft once written (the parsed document itself is not kept)."""

    file: str  # the name the draft is written under
    number: str
    inferred_from: str  # "" when the number is printed
    source: DocumentSource  # its lines in the source
    kind: str
    title: str  # the compiler's heading
    holdings: int
    publications: int
    next_number: str  # a bare number printed after the last document: the next one's
    review: list[str]  # each item once
    unknown: list[str]  # names not in the authority files

    @classmethod
    def of(cls, document: Parsed, number: str, inferred_from: str, tally: Tally) -> "Draft":
        return cls(f"{number}.xml", number, inferred_from, document.source, document.heading.kind,
                   document.heading.main, len(document.holdings), len(document.publications),
                   document.next_number, list(dict.fromkeys(tally.review)), tally.unknown)


@dataclass
class Report:
    source: str
    out_dir: str
    drafts: list[Draft] = field(default_factory=list)
    left_out: list[tuple[int, str, str]] = field(default_factory=list)  # (line, text, why)
    repositories_added: list[tuple[str, str, bool]] = field(default_factory=list)  # (id, name, from teikit's list)
    authority_output: str = ""  # the authority file they were added to
    # kind -> the authority ids recognised in any draft
    recognised: dict[str, set[str]] = field(default_factory=lambda: {"person": set(), "place": set(), "org": set()})

    def add(self, document: Parsed, number: str, inferred_from: str, tally: Tally) -> None:
        """What the summary says of a draft just written."""
        self.drafts.append(Draft.of(document, number, inferred_from, tally))
        for kind, refs in tally.names.items():
            self.recognised[kind].update(refs)

    def counts(self) -> dict:
        holdings = sum(d.holdings for d in self.drafts)
        publications = sum(d.publications for d in self.drafts)
        return {
            "documents": len(self.drafts),
            "persons": len(self.recognised["person"]), "places": len(self.recognised["place"]),
            "orgs": len(self.recognised["org"]),
            "archival_references": holdings, "publication_references": publications,
            "unknown_names": len({u for d in self.drafts for u in d.unknown}),
            "numbers_inferred": sum(1 for d in self.drafts if d.inferred_from),
            "review_items": sum(len(d.review) for d in self.drafts),
        }

    def as_dict(self) -> dict:
        return {
            "source": self.source, "out": self.out_dir, "counts": self.counts(),
            "documents": [{
                "file": d.file, "number": d.number, "number_inferred": bool(d.inferred_from),
                "kind": d.kind, "title": d.title,
                "source_line": d.source.first_line, "review": d.review, "unknown_names": d.unknown,
            } for d in self.drafts],
            "left_out": [{"line": line, "text": text, "why": why} for line, text, why in self.left_out],
            "repositories_added": [{"id": ref, "name": name, "from_list": listed, "file": self.authority_output}
                                   for ref, name, listed in self.repositories_added],
        }

    def render(self, output_format: str) -> str:
        if output_format == "json":
            return json_text(self.as_dict()) + "\n"  # the source's control characters as \u escapes
        counts = self.counts()
        lines = [f"{d.file}: No. {d.number}{' (inferred)' if d.inferred_from else ''}, "
                 f"{d.kind or 'kind unknown'}, {len(d.review)} to review"
                 for d in self.drafts]
        lines += [f"{self.source}:{line}: left out ({why}): {text[:60]}" for line, text, why in self.left_out]
        origin = {True: "from teikit's list of archives", False: "new, as printed"}
        lines += [f"{self.authority_output}: repository added for review as #{ref}: {name} ({origin[listed]})"
                  for ref, name, listed in self.repositories_added]
        lines.append(
            f"{counts['documents']} documents written to {self.out_dir}; "
            f"{counts['persons']} persons, {counts['places']} places, {counts['orgs']} organisations recognised; "
            f"{counts['archival_references']} archival and {counts['publication_references']} publication references; "
            f"{counts['numbers_inferred']} numbers inferred; {counts['unknown_names']} unknown names; "
            f"{counts['review_items']} items to review (notes type=\"review\" in the drafts)")
        return "".join(printable(line) + "\n" for line in lines)  # the source's words never move the terminal


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
    authority = AuthorityIndex.from_documents(support)
    context = Context(Recogniser.from_authority(authority))
    context.authority_output = authority_target(edition, support)
    if context.authority_output is not None:
        adopt_list(context.recogniser.repositories, set(authority.entries))
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


def nearest(values: list[str], count: int) -> tuple[list[int | None], list[int | None]]:
    """For each of the first `count` places, the index of the nearest non-empty value before it and
    after it (None if there is none): one pass each way."""
    before: list[int | None] = []
    last = None
    for index in range(count):
        before.append(last)
        last = index if values[index] else last
    after: list[int | None] = [None] * count
    following = next((i for i in range(count, len(values)) if values[i]), None)
    for index in range(count - 1, -1, -1):
        after[index] = following
        following = index if values[index] else following
    return before, after


def numbers(printed: list[str], trailing: str, start_number: int | None) -> list[tuple[str, str]]:
    """(number, how it was inferred or "") for each document: printed ("" where the source lost
    it), else from the neighbours; `trailing` is a bare number printed after the last one.

    One pass each way finds every document's nearest printed neighbours, so a source with no
    number printed at all costs as little as one with every number printed.
    """
    count = len(printed)
    printed = printed + [trailing] if trailing else printed
    nearest_before, nearest_after = nearest(printed, count)
    result = []
    for index in range(count):
        if printed[index]:
            result.append((printed[index], ""))
            continue
        before, after = nearest_before[index], nearest_after[index]
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
        if after == count:
            how += f"; the source prints {printed[after]} after the last document"
        result.append((str(value), how))
    return result


def complete_years(datelines: list[DatelineAt | None], numbered: list[tuple[str, str]]) -> None:
    """A dateline without a year takes the year of its neighbours, the nearest documents before
    and after it whose date is printed in full: the year that puts it between them, else the
    year of the one before (or after). One pass each way, as for the numbers."""
    dates = [found.dateline.date if found else None for found in datelines]
    full = [next(iter(date.attributes.values()), "") if date and date.sure and not date.month_day else ""
            for date in dates]
    before, after = nearest(full, len(dates))
    for index, date in enumerate(dates):
        if date is None or date.month_day is None:
            continue
        earlier, later = before[index], after[index]
        value = _year_between(date.month_day, full[earlier] if earlier is not None else "",
                              full[later] if later is not None else "")
        if value is not None:
            date.attributes = {date.attribute: value}
            date.year_from = ("the year is not printed; it is that of the documents around it, " + " and ".join(
                f"No. {numbered[i][0]} ({full[i]})" for i in (earlier, later) if i is not None))


def _year_between(month_day: tuple[int, int], before: str, after: str) -> str | None:
    """The day in the year that keeps the documents in order (not before the one before it, not after
    the one after it), the nearest such year; else the year of the one before, or after."""
    month, day = month_day
    references = [value for value in (before, after) if value]
    if not references:
        return None
    nearest = int(references[0][:4])
    candidates = (iso_date(str(year), month, str(day)) for year in
                  sorted({int(value[:4]) + shift for value in references for shift in (-1, 0, 1)}))
    fitting = [value for value in candidates if value and (not before or value >= before)
               and (not after or value <= after + "~")]  # "~" sorts after every digit: the end of a month or year
    if fitting:
        return min(fitting, key=lambda value: (abs(int(value[:4]) - nearest), value))
    return next((found for value in references if (found := iso_date(value[:4], month, str(day)))), None)


def ingest(edition: Edition, source: Path, out_dir: Path | None = None, start_number: int | None = None,
           force: bool = False) -> Report:
    """Draft one TEI file per document of `source` into `out_dir` (default: the edition's tei/).

    Every step is linear in the number of documents. The drafts are written one by one to
    hidden files beside their final names and renamed into place only when all of them could
    be made: nothing is written unless every draft can be, and no draft is held in memory.
    """
    out_dir = out_dir or edition.tei_dir
    found = split(read_source(source))  # the source's lines; its text is not kept beside them
    if not found.documents:
        raise IngestError(source, "no document found: expected lines such as \"No. 537\" or headings such as "
                          "\"Telegram from … to …\", \"Letter from …\"", "ingest-no-document")
    sources = found.documents
    for document in sources:
        _refuse_too_large(source, document, edition.config)
    context = context_for(edition)
    # What a document's number and date depend on is read first: the numbers printed, the one
    # printed after the last document, every dateline (found once, completed from its neighbours).
    # Then each document is parsed, written and let go in turn.
    numbered = numbers([d.number for d in sources], trailing_number(sources[-1]), start_number)
    datelines = [dateline_of(d, context.recogniser) for d in sources]
    complete_years(datelines, numbered)
    _refuse_clashes([f"{number}.xml" for number, _ in numbered], out_dir, force)
    report = Report(display_path(source), display_path(out_dir),
                    left_out=[(line.number, line.text, why) for line, why in found.left_out])
    repositories = context.recogniser.repositories
    cited: dict[str, list[str]] = {}  # a repository the edition lacks -> the documents citing it
    with Staging() as staging:
        for index, (number, how) in enumerate(numbered):
            document = parse_document(sources[index], context.recogniser, last=index == len(sources) - 1,
                                      found=datelines[index])
            data, tally = write(document, number, how, context)
            _require_readable(data, source, document, number, edition.config)
            staging.add(out_dir / f"{number}.xml", data)
            report.add(document, number, how, tally)
            for ref in dict.fromkeys(h.repository_ref for h in document.holdings):
                if ref in repositories.added:
                    cited.setdefault(ref, []).append(number)
        added = list(repositories.added.values())
        if added:
            staging.add(context.authority_output, with_entries(context.authority_output, added, source.name, cited))
            report.repositories_added = [(a.id, a.name, bool(a.listed)) for a in added]
            report.authority_output = display_path(context.authority_output)
        staging.publish()
    return report


# libxml2 reads no run of text longer than this without XML_PARSE_HUGE, which teikit never asks for.
PARSER_TEXT_LIMIT = 10_000_000


def _refuse_too_large(source: Path, document: DocumentSource, config: Config, draft_bytes: int = 0,
                      number: str = "") -> None:
    """A document whose draft would be larger than teikit reads: one line, before any work on it.

    A draft holds every character of its document's lines, so their length alone can tell;
    the draft's own size, once made, decides for the rest.
    """
    size = draft_bytes or sum(len(line.text) for line in document.lines)
    if size <= config.max_file_bytes:
        return
    what = (f"document No. {number} makes a draft of {size / MB:.1f} MB," if draft_bytes else
            f"the document starting here holds {size / MB:.1f} MB of text: its draft would be")
    raise IngestError(source, f"{what} larger than teikit reads ([limits] max_file_mb = {config.max_file_mb:g}): "
                      "divide the document in the source, or raise the limit in teikit.toml",
                      "ingest-too-large", document.first_line)


def _require_readable(data: bytes, source: Path, document: Parsed, number: str, config: Config) -> None:
    """A draft teikit itself would refuse to read is refused here, in one line at its document."""
    _refuse_too_large(source, document.source, config, len(data), number)
    if len(data) <= PARSER_TEXT_LIMIT:
        return  # no run of text in it can be longer than the parser reads
    try:
        parse_bytes(data, Path(f"{number}.xml"))
    except InputError:
        longest = max(document.source.lines, key=lambda l: len(l.text))
        raise IngestError(source, f"line {longest.number} (document No. {number}) runs {len(longest.text):,} "
                          f"characters; teikit's XML parser reads at most {PARSER_TEXT_LIMIT:,} characters of "
                          "text without markup: break the line into paragraphs", "ingest-too-large",
                          longest.number) from None


class Staging:
    """Files written to hidden files beside their final names (never read as documents), renamed
    into place together."""

    def __init__(self):
        self.staged: list[tuple[Path, Path]] = []  # (hidden file, final name)

    def __enter__(self) -> "Staging":
        return self

    def add(self, final: Path, data: bytes) -> None:
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            descriptor, hidden = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".tmp")
            self.staged.append((Path(hidden), final))
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            os.chmod(hidden, 0o644)
        except OSError as error:
            raise IngestError(final, f"cannot write: {error.strerror or error}", "ingest-write") from None

    def publish(self) -> None:
        for hidden, final in self.staged:
            os.replace(hidden, final)
        self.staged = []

    def __exit__(self, *exception) -> None:
        for hidden, _ in self.staged:  # not published: an error stopped the ingest
            hidden.unlink(missing_ok=True)


def _refuse_clashes(names: list[str], out_dir: Path, force: bool) -> None:
    repeated = sorted(name for name, count in Counter(names).items() if count > 1)
    if repeated:
        raise IngestError(out_dir / repeated[0], "two documents of the source get this number: "
                          "check the numbers printed in the source", "ingest-duplicate-number")
    if force:
        return
    present = {entry.name for entry in os.scandir(out_dir)} if out_dir.is_dir() else set()
    existing = [out_dir / n for n in names if n in present]
    if existing:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise IngestError(existing[0], f"exists{more}: nothing was written; pass --force to overwrite "
                          "or --out DIR for another folder", "ingest-exists")
