"""Export the edition's correspondence metadata as one CMIF v1.1 file.

CMIF (Correspondence Metadata Interchange Format) is the TEI subset that correspSearch
harvests: a teiHeader describing the file and one correspDesc per letter, with sender,
addressee, places and dates identified by authority URIs. Mapping decisions are in
docs/exchange.md; the file is valid against the official cmif.rng and passes cmif.sch.
"""

from __future__ import annotations

import os
import re
import uuid
from urllib.parse import urlsplit
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from .. import TEI_NS, XML_NS
from ..authority import AuthorityIndex, is_uri
from ..corpus import Corpus
from ..diagnostics import WARNING, Diagnostic, display_path
from ..edition import Edition
from ..errors import ConfigError
from ..metadata import ACTION_TYPES, Action, DateSpec, Letter, Name, text_without_notes
from ..xmlio import ParsedDocument
from . import document_url, edition_letters, entry_of, local_uri

# Preferred authority files, best first: the ones correspSearch resolves come first.
PERSON_SCHEMES = ("viaf", "gnd", "wikidata", "lc", "bnf", "ndl")
PLACE_SCHEMES = ("geonames", "wikidata")
LICENCES = {
    "https://creativecommons.org/licenses/by/4.0/":
        "This file is licensed under the terms of the Creative Commons License CC-BY 4.0",
    "https://creativecommons.org/publicdomain/zero/1.0/":
        "This file is licensed under the terms of the Creative Commons License CC0 1.0",
}
# CMIF restricts correspAction dates to these three forms (unlike TEI).
CMIF_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
UNKNOWN = "Unknown"  # CMIF's convention for a correspondent the source does not name
PARTY_ELEMENT = {"person": "persName", "org": "orgName"}
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
# Hosts that only stand in for an address (RFC 2606, RFC 6761): never the address of an edition.
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net", "example", "invalid", "test", "localhost")
PLACEHOLDER_HOSTS = ("127.0.0.1", "::1")


@dataclass
class CmifResult:
    text: str
    warnings: list[Diagnostic] = field(default_factory=list)


def tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


UNTITLED = "Untitled edition"  # teikit.toml gives no title: a placeholder, not a claim


def sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tei(tag), {k: v for k, v in attributes.items() if v})
    element.text = text
    return element


def export_cmif(edition: Edition, corpus: Corpus | None = None) -> CmifResult:
    """One CMIF document for the edition (pass `corpus` to reuse an already parsed one)."""
    items, corpus = edition_letters(edition, corpus)
    sources = [d.path for d in corpus.all_documents]
    return export_letters(edition, [item.letter for item in items], corpus.authority, sources,
                          list(corpus.failures), corpus.edition_document())


def export_letters(edition: Edition, letters: list[Letter], authority: AuthorityIndex, sources: list[Path],
                   warnings: list[Diagnostic] | None = None,
                   edition_document: ParsedDocument | None = None) -> CmifResult:
    """One CMIF document from the letters' metadata records alone (chronological order);
    `sources` are the files they came from (their newest time may date the file); the edition's
    description (edition.xml) gives the work it is based on, which the file cites.

    Documents of a kind that teikit.toml's [cmif] leave_out_kinds names are not correspondence
    in the edition's judgement (a report, the record of a conversation): they are left out."""
    exporter = Exporter(edition, authority, [])
    pieces = [letter_piece(exporter, letter) for letter in letters if not left_out(edition, letter)]
    return join_pieces(edition, pieces, authority, sources, warnings, edition_document)


def left_out(edition: Edition, letter: Letter) -> bool:
    """A document of a kind [cmif] leave_out_kinds names: not correspondence, not in the file."""
    return letter.kind in set(edition.config.cmif.get("leave_out_kinds") or [])


def letter_piece(exporter: "Exporter", letter: Letter) -> CmifResult:
    """One letter's correspDesc elements, as they stand in the file (indented for profileDesc),
    and what could not be mapped: the file is these pieces joined (join_pieces), so a build
    makes again only the piece of a letter that changed."""
    exporter.warnings = []
    root = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
    profile = sub(sub(root, "teiHeader"), "profileDesc")
    exporter.add_letter(profile, letter)
    if len(profile) == 0:
        return CmifResult("", exporter.warnings)
    text = etree.tostring(root, encoding="unicode", pretty_print=True)
    start = text.index(_PROFILE_OPEN) + len(_PROFILE_OPEN)
    return CmifResult(text[start:text.rindex(_PROFILE_CLOSE)], exporter.warnings)


# Where the letters' pieces go: the header's profileDesc, two levels down, as pretty_print writes it
_PROFILE_OPEN, _PROFILE_CLOSE, _PROFILE_EMPTY = "    <profileDesc>\n", "    </profileDesc>\n", "    <profileDesc/>\n"


def join_pieces(edition: Edition, pieces: list[CmifResult], authority: AuthorityIndex, sources: list[Path],
                warnings: list[Diagnostic] | None = None,
                edition_document: ParsedDocument | None = None) -> CmifResult:
    """The CMIF file of the letters' pieces (letter_piece, chronological order): its header and
    their correspDesc elements."""
    exporter = Exporter(edition, authority, list(warnings or []))
    root = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
    header = sub(root, "teiHeader")
    header.append(exporter.file_desc(sources, based_on(edition_document)))
    sub(header, "profileDesc")
    sub(sub(sub(root, "text"), "body"), "p")
    text = XML_DECLARATION + etree.tostring(root, encoding="unicode", pretty_print=True)
    letters = "".join(piece.text for piece in pieces)
    if letters:  # the element's own markup is escaped anywhere else in the file: this is it
        text = text.replace(_PROFILE_EMPTY, f"{_PROFILE_OPEN}{letters}{_PROFILE_CLOSE}", 1)
    found = exporter.warnings + [w for piece in pieces for w in piece.warnings]
    return CmifResult(text, sorted(found))


class Exporter:
    """Builds the parts of the CMIF file and collects what could not be mapped."""

    def __init__(self, edition: Edition, authority: AuthorityIndex, warnings: list[Diagnostic]):
        self.edition = edition
        self.authority = authority
        self.warnings = warnings
        self.bibl_id = bibl_id(edition)
        self.action_types = {**ACTION_TYPES, **edition.config.actions}

    # --- the file description -------------------------------------------------------

    def file_desc(self, sources: list[Path], source: str = "") -> etree._Element:
        self.check_address()
        file_desc = etree.Element(tei("fileDesc"))
        self.title_stmt(sub(file_desc, "titleStmt"))
        self.publication_stmt(sub(file_desc, "publicationStmt"), sources)
        config = self.edition.config
        title = config.title or UNTITLED
        bibl = sub(sub(file_desc, "sourceDesc"), "bibl", f"{title}. Digital edition" + (", " if config.base_url else ""),
                   type="online")
        bibl.set(f"{{{XML_NS}}}id", self.bibl_id)
        cited = f". Based on: {source}" if source else ""  # the work edition.xml names as its source
        if config.base_url:
            sub(bibl, "ref", config.base_url, target=config.base_url).tail = cited or None
        else:
            bibl.text += cited
        return file_desc

    def check_address(self) -> None:
        """Every URI of the file is built on base_url: a placeholder there would be harvested as real."""
        base_url = self.edition.config.base_url
        if is_placeholder_address(base_url):
            config = self.edition.root / "teikit.toml"
            self.warn(display_path(config), _line_of(config, "base_url"), "placeholder-base-url",
                      f"base_url {base_url!r} is a placeholder: every letter, person and place URI of this CMIF "
                      "file points to it; do not submit the file to correspSearch until base_url in teikit.toml "
                      "is the edition's public address")

    def title_stmt(self, title_stmt: etree._Element) -> None:
        config = self.edition.config
        sub(title_stmt, "title", config.title or UNTITLED)
        for index, name in enumerate(config.editors or [config.publisher or config.title or UNTITLED]):
            editor = sub(title_stmt, "editor", name)
            if index == 0 and config.cmif.get("email"):  # the contact person of the file
                sub(editor, "email", config.cmif["email"])

    def publication_stmt(self, publication: etree._Element, sources: list[Path]) -> None:
        config = self.edition.config
        publisher = config.publisher or next(iter(config.editors), config.title or UNTITLED)
        sub(sub(publication, "publisher"), "ref", publisher, target=config.base_url)
        sub(publication, "idno", f"{config.base_url}cmif.xml", type="url")
        sub(publication, "date", when=publication_date(self.edition, sources))
        availability = sub(publication, "availability")
        if config.licence:
            sub(availability, "licence", self.licence_text(), target=config.licence)
        else:  # the edition states no licence: claim none on its behalf
            sub(availability, "p", "The edition states no licence for this file.")

    def licence_text(self) -> str:
        licence = self.edition.config.licence
        if licence not in LICENCES:
            self.warn(display_path(self.edition.root / "teikit.toml"), 1, "cmif-licence",
                      f"licence {licence} is neither CC BY 4.0 nor CC0; correspSearch accepts only those two")
        return LICENCES.get(licence, f"This file is licensed under the terms of {licence}")

    # --- one letter -----------------------------------------------------------------

    def add_letter(self, profile: etree._Element, letter: Letter) -> None:
        self.letter = letter
        if not letter.actions:
            self.warn_here(letter.lines.get("root", 1), "cmif-no-correspdesc",
                           f"document {letter.doc_id} has no correspDesc in its teiHeader: left out of the CMIF export")
            return
        # One CMIF correspDesc per TEI correspDesc: each turn of a conversation is a letter of its own.
        for actions in letter.turns:
            desc = sub(profile, "correspDesc", key=letter.number or letter.doc_id,
                       ref=document_url(self.edition, letter.doc_id), source=f"#{self.bibl_id}")
            for action in self.cmif_actions(actions):
                self.add_action(desc, self.dated(action, letter))

    def dated(self, action: Action, letter: Letter) -> Action:
        """The sending dated by the edition's reading of the source description, dateline or title
        when correspDesc gives no date (Letter.date_source)."""
        if action.type != "sent" or action.date.given or not letter.date_inferred or len(letter.turns) > 1:
            return action
        return replace(action, date=letter.date)

    def cmif_actions(self, actions: list[Action]) -> list[Action]:
        """Sent first, then received; CMIF knows no other kind and requires one of each. A type that
        [correspondence] actions reads as neither ("none": read, forwarded …) is left out quietly."""
        for other in [a for a in actions if a.type not in ("sent", "received")]:
            if self.action_types.get(other.tei_type or other.type) == "none":
                continue
            self.warn_here(self.corresp_line(), "cmif-action",
                           f'correspAction type="{other.type}" has no CMIF equivalent: left out (map it to sent or '
                           f'received with [correspondence] actions = {{ {other.type} = "received" }} in teikit.toml)')
        kept = [a for a in actions if a.type == "sent"] + [a for a in actions if a.type == "received"]
        for missing in ("sent", "received"):
            if not any(a.type == missing for a in kept):
                kept.append(Action(type=missing))  # becomes an "Unknown" correspondent
        return sorted(kept, key=lambda a: a.type != "sent")

    def add_action(self, desc: etree._Element, action: Action) -> None:
        element = sub(desc, "correspAction", type=action.type, subtype=action.subtype)
        for party in action.parties or [Name("person", "", UNKNOWN, UNKNOWN)]:
            sub(element, PARTY_ELEMENT.get(party.kind, "persName"), self.cmif_name(party),
                ref=self.uri(party, PERSON_SCHEMES))
        if action.place is not None:
            sub(element, "placeName", action.place.name, ref=self.uri(action.place, PLACE_SCHEMES))
        attributes = self.date_attributes(action.date)
        if attributes:
            sub(element, "date", **attributes)

    def cmif_name(self, party: Name) -> str:
        """A person as CMIF names one, "Surname, Forename" where the entry marks both; else as the edition does."""
        entry = entry_of(self.authority, party.ref) if party.ref and not is_uri(party.ref) else None
        if entry is not None and entry.kind == "person" and entry.surname and entry.forename:
            return entry.sort_name
        return party.name

    def uri(self, name: Name, schemes: tuple[str, ...]) -> str | None:
        """An authority URI if the authority file has one, else the entry on the edition's index page."""
        if not name.ref:
            return None
        entry = entry_of(self.authority, name.ref)
        if entry is None and is_uri(name.ref):
            return name.ref  # the letter's own authority URI: what lets correspSearch match it
        if entry is None:
            self.warn_here(self.ref_line(name.ref), "cmif-unknown-ref",
                           f"#{name.ref} is not in the authority files: exported without @ref")
            return None
        for scheme in schemes:
            if entry.uri(scheme):
                return entry.uri(scheme)
        return local_uri(self.edition, entry)

    def date_attributes(self, date: DateSpec) -> dict[str, str]:
        attributes = date.attributes()
        wrong = [f"{k}={v!r}" for k, v in attributes.items() if not CMIF_DATE.match(v)]
        if wrong:
            self.warn_here(self.corresp_line(), "cmif-date",
                           f"date {', '.join(wrong)} is not YYYY, YYYY-MM or YYYY-MM-DD: left out")
            return {}
        return attributes

    # --- where a warning points ----------------------------------------------------------

    def corresp_line(self) -> int:
        return self.letter.lines.get("correspDesc") or self.letter.lines.get("root", 1)

    def ref_line(self, ref: str) -> int:
        return self.letter.lines.get(f"#{ref}") or self.corresp_line()

    def warn_here(self, line: int, rule: str, message: str) -> None:
        self.warn(self.letter.source or self.letter.file, line, rule, message)

    def warn(self, file: str, line: int, rule: str, message: str) -> None:
        self.warnings.append(Diagnostic(file, line, 0, WARNING, rule, message))


def based_on(edition_document: ParsedDocument | None) -> str:
    """The work the edition is based on, as edition.xml's sourceDesc cites it (without its notes)."""
    if edition_document is None:
        return ""
    bibl = edition_document.root.find(f"{tei('teiHeader')}/{tei('fileDesc')}/{tei('sourceDesc')}/{tei('bibl')}")
    return text_without_notes(bibl) if bibl is not None else ""


def is_placeholder_address(url: str) -> bool:
    """True for an address on a reserved example or local host (example.org, *.test, localhost, …)."""
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:
        return False
    return host in PLACEHOLDER_HOSTS or any(host == d or host.endswith(f".{d}") for d in PLACEHOLDER_DOMAINS)


def _line_of(path: Path, key: str) -> int:
    """The line of teikit.toml that sets `key` (1 if it cannot be found)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((n for n, line in enumerate(lines, 1) if line.split("=")[0].strip() == key), 1)


def bibl_id(edition: Edition) -> str:
    """A UUID derived from the file's URL: stable across builds, unique across editions.

    xml:id must start with a letter; a UUID that starts with a digit gets the prefix "cmif-"
    (cmif.sch only asks that the id contain a UUID).
    """
    value = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{edition.config.base_url}cmif.xml"))
    return value if value[0].isalpha() else f"cmif-{value}"


def publication_date(edition: Edition, sources: list[Path]) -> str:
    """The file's timestamp (xs:dateTime), reproducible: SOURCE_DATE_EPOCH, else [cmif] date,
    else the newest modification time of the edition's inputs."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise ConfigError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970")
        return _utc(int(epoch))
    configured = str(edition.config.cmif.get("date", "")).strip()
    if configured:
        return _configured_date(configured)
    inputs = list(sources) + [edition.root / "teikit.toml"]
    return _utc(max((int(p.stat().st_mtime) for p in inputs if p.is_file()), default=0))


def _utc(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _configured_date(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        value += "T00:00:00Z"
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"teikit.toml: [cmif] date = {value!r} is not a date or date-time "
                          '(write e.g. "2026-11-24" or "2026-11-24T12:00:00Z")') from None
    if "T" not in value:
        raise ConfigError(f"teikit.toml: [cmif] date = {value!r} is not a date or date-time")
    return value
