"""Read a CMIF file from another project and list its letters.

Real CMIF files vary: CMIF 1.0 or 1.1, dates missing or given as ranges, organisations as
correspondents, several persons in one action, names without @ref, refs that are not URIs,
elements in no namespace inside a TEI document. All of that is read; what cannot be used is
reported as a warning with its line. A file that is not CMIF at all is refused with one
located error (toolkit.errors.InputError), like malformed or hostile XML.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date as calendar_date
from pathlib import Path

from lxml import etree

from .. import TEI_NS
from ..corpus import load
from ..diagnostics import ERROR, WARNING, Diagnostic, json_text, printable
from ..edition import Edition
from ..errors import InputError
from ..metadata import DATE_ATTRIBUTES, DateSpec
from ..xmlio import ParsedDocument, normalized_text, parse_file, require_tei
from . import SEPARATOR, csv_table, local_uri

PARTY_TYPES = {"persName": "person", "orgName": "org", "name": "other"}
UNNAMED = {"unknown", "unbekannt", "nn", "n n", "anonymous", "anonym", "inconnu"}
CSV_COLUMNS = ("key", "url", "date", "senders", "sender_places", "recipients", "recipient_places", "matches")


# --- the letters of a CMIF file --------------------------------------------------------


@dataclass
class Party:
    name: str
    ref: str = ""  # the first URI of @ref, or ""
    type: str = "person"  # person | org | other
    cc: bool = False  # a copy recipient (correspAction subtype="cc")


@dataclass
class ImportedLetter:
    line: int
    key: str = ""
    url: str = ""
    source: str = ""
    date: DateSpec = field(default_factory=DateSpec)  # when it was sent
    senders: list[Party] = field(default_factory=list)
    sender_places: list[Party] = field(default_factory=list)
    recipients: list[Party] = field(default_factory=list)
    recipient_places: list[Party] = field(default_factory=list)
    matches: list[str] = field(default_factory=list)  # edition entries that matched (with --match)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["date"] = {"iso": self.date.iso, **self.date.attributes()}
        return data


def in_tei(element: etree._Element, localname: str) -> bool:
    """The element is `localname` in the TEI namespace or, a common quirk, in none."""
    if not isinstance(element.tag, str):
        return False
    qname = etree.QName(element)
    return qname.localname == localname and qname.namespace in (TEI_NS, None)


def children(element: etree._Element, *localnames: str) -> list[etree._Element]:
    return [child for child in element if any(in_tei(child, name) for name in localnames)]


def descendants(element: etree._Element, localname: str) -> list[etree._Element]:
    return [e for e in element.iter() if in_tei(e, localname)]


# --- dates -----------------------------------------------------------------------------

_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits only, unlike \d
_DATE_TIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})T.*", re.DOTALL)


def normalise_date(value: str) -> str | None:
    """A CMIF date value as YYYY, YYYY-MM or YYYY-MM-DD, or None if it is not a real date.

    Accepts what real files hold besides the three CMIF forms: surrounding blanks and a
    time after a full date (xs:dateTime).
    """
    value = value.strip()
    with_time = _DATE_TIME.fullmatch(value)
    match = _DATE.fullmatch(with_time.group(1) if with_time else value)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if day:
            calendar_date(int(year), int(month), int(day))
        elif month and not 1 <= int(month) <= 12:
            return None
    except ValueError:
        return None
    return match.group(0)


def parse_date(element: etree._Element | None) -> tuple[DateSpec, list[str]]:
    """The attributes of a `date` as a DateSpec, and what could not be read."""
    if element is None:
        return DateSpec(), []
    values, problems = {}, []
    for name in DATE_ATTRIBUTES:
        raw = element.get(name)
        if raw is None:
            continue
        normal = normalise_date(raw)
        if normal is None:
            problems.append(f"{name}={raw!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        else:
            values["from_" if name == "from" else name] = normal
    if not values and normalized_text(element):
        normal = normalise_date(normalized_text(element))
        if normal:
            values["when"] = normal  # a date given only as content, a CMIF 1.0-era habit
    return DateSpec(**values, text=normalized_text(element)), problems


# --- reading the file ------------------------------------------------------------------


@dataclass
class ImportReport:
    file: str
    title: str = ""
    publisher: str = ""
    url: str = ""
    total: int = 0  # letters in the file
    letters: list[ImportedLetter] = field(default_factory=list)  # after --match, if given
    matched: bool = False
    warnings: list[Diagnostic] = field(default_factory=list)

    def render(self, fmt: str = "text", cut: bool = False) -> str:
        """The letters as text (cells cut to fit a terminal when `cut`), JSON or CSV."""
        if fmt == "text":
            return render_text(self, cut)
        renderers = {"json": render_json, "csv": render_csv}
        if fmt not in renderers:
            raise ValueError(f"unknown format {fmt!r}; use text, json or csv")
        return renderers[fmt](self)


def import_cmif(path: Path | str, edition: Edition | None = None) -> ImportReport:
    """Read a CMIF file; with `edition`, keep the letters whose correspondents the edition knows."""
    document = parse_file(Path(path))
    require_tei(document)
    descs = [d for d in descendants(document.root, "correspDesc") if _in_profile_desc(d)]
    if not descs:
        raise InputError(_located(document, document.root, ERROR, "cmif-no-correspdesc",
                                  "not a CMIF file: no correspDesc in teiHeader/profileDesc "
                                  "(CMIF lists one correspDesc per letter there)"))
    report = _report_header(document)
    for desc in descs:
        report.letters.append(_letter(document, desc, report.warnings))
    report.total = len(report.letters)
    report.letters.sort(key=lambda letter: (letter.date.sort_key, letter.line))
    if edition is not None:
        _keep_matching(report, EditionNames.of(edition))
    return report


def _in_profile_desc(desc: etree._Element) -> bool:
    parent = desc.getparent()
    return parent is not None and in_tei(parent, "profileDesc")


def _located(document: ParsedDocument, element, severity: str, rule: str, message: str) -> Diagnostic:
    return Diagnostic(document.display, element.sourceline or 1, 0, severity, rule, message)


def _report_header(document: ParsedDocument) -> ImportReport:
    root = document.root
    title_stmt = next(iter(descendants(root, "titleStmt")), None)
    publication = next(iter(descendants(root, "publicationStmt")), None)
    url = next((normalized_text(i) for i in descendants(publication, "idno")), "") if publication is not None else ""
    return ImportReport(
        file=document.display,
        title=normalized_text(next(iter(children(title_stmt, "title")), None)) if title_stmt is not None else "",
        publisher=SEPARATOR.join(normalized_text(p) for p in children(publication, "publisher")) if publication is not None else "",
        url=url,
    )


def _letter(document: ParsedDocument, desc: etree._Element, warnings: list[Diagnostic]) -> ImportedLetter:
    letter = ImportedLetter(line=desc.sourceline or 0, key=(desc.get("key") or "").strip(),
                            url=(desc.get("ref") or "").strip(), source=(desc.get("source") or "").strip())
    actions = children(desc, "correspAction")
    for kind in ("sent", "received"):
        if not any(a.get("type") == kind for a in actions):
            warnings.append(_located(document, desc, WARNING, "cmif-action",
                                     f'correspDesc has no correspAction type="{kind}"'))
    for action in actions:
        _read_action(document, action, letter, warnings)
    return letter


def _read_action(document, action, letter: ImportedLetter, warnings: list[Diagnostic]) -> None:
    kind = action.get("type", "")
    cc = kind == "received" and action.get("subtype") == "cc"
    parties = [_party(document, e, cc, warnings) for e in children(action, "persName", "orgName", "name")]
    places = [_party(document, e, False, warnings) for e in children(action, "placeName")]
    if kind == "sent":
        letter.senders += parties
        letter.sender_places += places
        date, problems = parse_date(next(iter(children(action, "date")), None))
        if date.attributes() and not letter.date.attributes():
            letter.date = date
        for problem in problems:
            warnings.append(_located(document, action, WARNING, "cmif-date", problem))
    elif kind == "received":
        letter.recipients += parties
        letter.recipient_places += places
    else:
        warnings.append(_located(document, action, WARNING, "cmif-action",
                                 f"correspAction type={kind!r} is neither sent nor received: ignored"))


def _party(document, element, cc: bool, warnings: list[Diagnostic]) -> Party:
    tokens = (element.get("ref") or "").split()
    # "www.geonames.org/…" without a scheme is a frequent slip; the URI is still clear.
    uris = [t if re.match(r"https?://", t) else f"http://{t}" for t in tokens if re.match(r"(https?://|www\.)", t)]
    if tokens and not uris:
        warnings.append(_located(document, element, WARNING, "cmif-ref",
                                 f"ref={element.get('ref')!r} is not a URI: the name is read without it"))
    kind = PARTY_TYPES.get(etree.QName(element).localname, "place")
    return Party(normalized_text(element), uris[0] if uris else "", kind, cc)


# --- matching against this edition ------------------------------------------------------


def normalise_uri(uri: str) -> str:
    """One spelling per authority URI: no scheme, no www., no trailing slash, GeoNames and
    Wikidata page URLs folded onto their entity URIs."""
    uri = re.sub(r"^https?://(www\.)?", "", uri.strip()).rstrip("/")
    uri = re.sub(r"^sws\.geonames\.org/", "geonames.org/", uri)
    uri = re.sub(r"^(geonames\.org/\d+)/.*$", r"\1", uri)
    return re.sub(r"^wikidata\.org/wiki/", "wikidata.org/entity/", uri)


def normalise_name(name: str) -> str:
    """Case, accents, punctuation and "Surname, Forename" order do not count."""
    if name.count(",") == 1:
        surname, forename = name.split(",")
        name = f"{forename} {surname}"
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().translate(_UNDECOMPOSABLE)
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


# Latin letters that carry their mark inside (no combining character to drop).
_UNDECOMPOSABLE = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "æ": "ae", "œ": "oe", "þ": "th"})


@dataclass
class EditionNames:
    """The persons and organisations of an edition, by authority URI and by normalised name."""

    uris: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, edition: Edition) -> "EditionNames":
        index = cls()
        edition.tei_files()  # no tei/ folder: say so rather than match nothing
        authority = load(edition, paths=[]).authority  # the authority files only
        for entry in authority.entries.values():
            if entry.kind not in ("person", "org"):
                continue
            for uri in [entry.uri(s) for s in entry.identifiers] + [local_uri(edition, entry)]:
                if uri:
                    index.uris.setdefault(normalise_uri(uri), entry.id)
            for name in [entry.name, *entry.variants]:
                if normalise_name(name) not in UNNAMED:
                    index.names.setdefault(normalise_name(name), entry.id)
        return index

    def match(self, party: Party) -> str | None:
        """The edition's entry for a correspondent: by URI, else by name."""
        if party.ref and normalise_uri(party.ref) in self.uris:
            return f"{self.uris[normalise_uri(party.ref)]} (uri)"
        name = normalise_name(party.name)
        if name and name not in UNNAMED and name in self.names:
            return f"{self.names[name]} (name)"
        return None


def _keep_matching(report: ImportReport, names: EditionNames) -> None:
    for letter in report.letters:
        found = (names.match(p) for p in letter.senders + letter.recipients)
        letter.matches = list(dict.fromkeys(m for m in found if m))
    report.letters = [letter for letter in report.letters if letter.matches]
    report.matched = True


# --- output ------------------------------------------------------------------------------


def _names(parties: list[Party]) -> str:
    return SEPARATOR.join(p.name + (" (cc)" if p.cc else "") for p in parties)


def _row(letter: ImportedLetter) -> dict[str, str]:
    return {
        "key": letter.key, "url": letter.url, "date": letter.date.iso,
        "senders": _names(letter.senders), "sender_places": _names(letter.sender_places),
        "recipients": _names(letter.recipients), "recipient_places": _names(letter.recipient_places),
        "matches": SEPARATOR.join(letter.matches),
    }


def render_csv(report: ImportReport) -> str:
    return csv_table(CSV_COLUMNS, (_row(letter) for letter in report.letters))


def render_json(report: ImportReport) -> str:
    data = {
        "file": report.file, "title": report.title, "publisher": report.publisher, "url": report.url,
        "total": report.total, "matched": report.matched,
        "letters": [letter.as_dict() for letter in report.letters],
        "warnings": [asdict(w) for w in report.warnings],
    }
    return json_text(data) + "\n"


TEXT_COLUMNS = (("DATE", "date"), ("FROM", "senders"), ("PLACE", "sender_places"), ("TO", "recipients"),
                ("PLACE", "recipient_places"))
WIDEST = 36  # on a terminal, longer cells are cut with "…" (piped output, JSON and CSV keep them whole)


def render_text(report: ImportReport, cut: bool = False) -> str:
    columns = TEXT_COLUMNS + ((("MATCHES", "matches"),) if report.matched else ())
    # What the file says is shown with control and format characters escaped: a name must not
    # move the terminal's cursor, set its title or reorder the line (a bidirectional override).
    cell = (lambda value: _cut(printable(value))) if cut else printable
    rows = [[cell(_row(letter)[key]) for _, key in columns] for letter in report.letters]
    header = [title for title, _ in columns]
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    lines = [printable(_summary(report)), "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines) + "\n"


def _summary(report: ImportReport) -> str:
    title = f" “{report.title}”" if report.title else ""
    if report.matched:
        have = "has" if len(report.letters) == 1 else "have"
        return (f"{report.file}{title}: {len(report.letters)} of {_letters(report.total)} {have} "
                "correspondents in this edition")
    return f"{report.file}{title}: {_letters(report.total)}"


def _letters(count: int) -> str:
    return f"{count} letter{'' if count == 1 else 's'}"


def _cut(cell: str) -> str:
    return cell if len(cell) <= WIDEST else cell[: WIDEST - 1] + "…"
