"""What a document says about itself: number, kind, date, correspondents, sources.

Read from the parsed TEI header once; used by the exports (CMIF, CSV, JSON), the site's
indexes and the checks. Names are resolved through the authority index so every consumer
shows the same normalised name.
"""

from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass, field
from datetime import date as Day

from lxml import etree

from . import NSMAP, TEI_NS, XML_NS
from .authority import AuthorityIndex, is_uri
from .dating import is_real, runs_backwards
from .passages import sentences_of
from .xmlio import ParsedDocument, compiled_xpath, first, normalized_text

DATE_ATTRIBUTES = ("when", "notBefore", "notAfter", "from", "to")
# The kind of authority entry each TEI name element stands for; rs and name by their @type, else
# by the kind of the entry they lead to.
NAME_KINDS = {"persName": "person", "orgName": "org", "placeName": "place"}
RS_KINDS = {"person": "person", "persName": "person", "personGrp": "person", "place": "place", "placeName": "place",
            "org": "org", "orgName": "org", "organisation": "org", "organization": "org"}
KINDS = ("person", "place", "org")
# The names of a text that can point to an entry (by @ref or @key).
NAMES_IN_TEXT = tuple(f"{{{TEI_NS}}}{name}" for name in ("persName", "placeName", "orgName", "name", "rs", "persona"))
# Who sends and receives, and where, in a correspAction: the names that are places are its places.
PARTIES = "tei:persName | tei:orgName | tei:placeName | tei:name | tei:rs"
# correspAction/@type values that mean sending or receiving (or neither: "none") in editions' own
# vocabularies; teikit.toml's [correspondence] actions adds to them or changes them (docs/conventions.md).
ACTION_TYPES = {
    "sent": "sent", "received": "received",
    "sentBy": "sent", "sender": "sent", "writtenBy": "sent", "written": "sent",
    "deliveredTo": "received", "receivedBy": "received", "addressee": "received", "addressedTo": "received",
    "read": "none", "transmitted": "none", "forwarded": "none", "redirected": "none",
}
# Where a document's date is taken from, in this order (Letter.date_source).
DATE_SOURCES = ("correspDesc", "sourceDesc", "dateline", "title")
_DATED = "[@when or @notBefore or @notAfter or @from or @to]"
DATE_FALLBACKS = (
    # the source description: the date of origin, else a date that is not a printed source's imprint
    ("sourceDesc", f"tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:origDate{_DATED} | "
                   f"tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:date{_DATED}[not(ancestor::tei:imprint)]"
                   "[not(ancestor::tei:listBibl)][not(ancestor::tei:biblStruct)][not(@type = 'publication')]"),
    ("dateline", f"tei:text//tei:dateline//tei:date{_DATED}"),
    ("title", f"tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title//tei:date{_DATED}"),
)


def _xpath(element, path):
    return compiled_xpath(path)(element)


@dataclass
class Name:
    """A person, organisation or place as a document names it, resolved where it can be."""

    kind: str  # person | org | place
    ref: str  # authority id without '#'; else the URI the name gives (kept as it is); else ""
    name: str  # normalised name from the authority file, else the text
    text: str  # as written in the document


@dataclass
class DateSpec:
    when: str = ""
    notBefore: str = ""
    notAfter: str = ""
    from_: str = ""
    to: str = ""
    text: str = ""
    cert: str = ""  # how sure the source is (TEI @cert: high, medium, low)

    @classmethod
    def from_element(cls, element) -> "DateSpec":
        """The date as the element normalises it; a value that is no real date (rule date-real) and a
        range that runs backwards (date-order) are left out: only the text of such a date is kept."""
        if element is None:
            return cls()
        values = {name: element.get(name, "").strip() for name in DATE_ATTRIBUTES}
        values = {name: value if value and is_real(value) else "" for name, value in values.items()}
        for start, end in (("notBefore", "notAfter"), ("from", "to")):
            if values[start] and values[end] and runs_backwards(values[start], values[end]):
                values[start] = values[end] = ""
        return cls(when=values["when"], notBefore=values["notBefore"], notAfter=values["notAfter"],
                   from_=values["from"], to=values["to"], text=normalized_text(element),
                   cert=element.get("cert", ""))

    @property
    def given(self) -> bool:
        return any((self.when, self.notBefore, self.notAfter, self.from_, self.to))

    @property
    def sort_key(self) -> str:
        return self.when or self.from_ or self.notBefore or self.notAfter or self.to or "9999"

    @property
    def iso8601(self) -> str:
        """The date as ISO 8601: a day, or an interval (.. for an open end) for ranges and bounds."""
        if self.when:
            return self.when
        if self.from_ or self.to:
            return f"{self.from_ or '..'}/{self.to or '..'}"
        if self.notBefore or self.notAfter:
            return f"{self.notBefore or '..'}/{self.notAfter or '..'}"
        return ""

    @property
    def iso(self) -> str:
        """A compact normalised form: 1920-08-27, ≤1920-09-01, 1920-08-01/1920-08-31."""
        if self.when:
            return self.when
        if self.from_ or self.to:
            return f"{self.from_}/{self.to}"
        if self.notBefore and self.notAfter:
            return f"{self.notBefore}/{self.notAfter}"
        if self.notAfter:
            return f"≤{self.notAfter}"
        if self.notBefore:
            return f"≥{self.notBefore}"
        return ""

    def attributes(self) -> dict[str, str]:
        """The TEI attributes, as they would be written on a `date`."""
        values = {"when": self.when, "notBefore": self.notBefore, "notAfter": self.notAfter,
                  "from": self.from_, "to": self.to}
        return {k: v for k, v in values.items() if v}


@dataclass
class Action:
    type: str  # sent | received, as [correspondence] actions reads the TEI's @type; else the @type itself
    subtype: str = ""  # cc
    parties: list[Name] = field(default_factory=list)
    place: Name | None = None  # the first place
    date: DateSpec = field(default_factory=DateSpec)
    note: str = ""
    turn: int = 1  # which correspDesc: a recorded conversation has one per turn
    tei_type: str = ""  # correspAction/@type as the document writes it (sentBy, deliveredTo, read …)
    places: list[Name] = field(default_factory=list)  # every place of the action


@dataclass
class Source:
    """One printed reference: an archival holding or a publication."""

    type: str  # archival | publication
    kind: str  # copy, official-copy, ... (archival) or ""
    text: str  # as printed
    xml_id: str = ""
    repository: str = ""  # authority id
    repository_name: str = ""
    fond: str = ""
    opis: str = ""
    papka: str = ""
    delo: str = ""
    folios_from: str = ""
    folios_to: str = ""
    folios_text: str = ""


@dataclass
class Letter:
    doc_id: str
    xml_id: str
    file: str
    number: str
    number_inferred: bool  # the number is the editors' (idno/@cert), not printed in the source
    kind: str
    title: str
    short_title: str
    date: DateSpec
    actions: list[Action]
    sources: list[Source]
    collection: str = ""
    compiler_title: str = ""  # the compiler's heading (title type="compiler")
    number_note: str = ""  # why the number is inferred (sourceDesc//note type="inferred")
    date_written: str = ""  # the date as the text writes it (its dateline's date)
    mentions: dict[str, list[str]] = field(default_factory=dict)  # kind -> authority ids
    passages: dict[str, list[str]] = field(default_factory=dict)  # authority id -> sentences naming it
    source: str = ""  # the file as diagnostics name it
    # Lines for diagnostics about the record without its tree: "root", "correspDesc", "#ref".
    lines: dict[str, int] = field(default_factory=dict)
    # Where `date` was taken from (DATE_SOURCES): correspDesc, else the edition's inference from the
    # source description, the dateline or the title; "" when the document gives no date.
    date_source: str = ""
    # Entries the header's source description names (owners, places, repositories): kind -> ids
    described: dict[str, list[str]] = field(default_factory=dict)

    @property
    def date_inferred(self) -> bool:
        """The date is the edition's reading of the source description, dateline or title, not correspDesc's."""
        return self.date_source not in ("", "correspDesc")

    @property
    def sent(self) -> list[Action]:
        return [a for a in self.actions if a.type == "sent"]

    @property
    def received(self) -> list[Action]:
        return [a for a in self.actions if a.type == "received" and a.subtype != "cc"]

    @property
    def copied(self) -> list[Action]:
        return [a for a in self.actions if a.type == "received" and a.subtype == "cc"]

    @property
    def senders(self) -> list[Name]:
        return [p for a in self.sent for p in a.parties]

    @property
    def recipients(self) -> list[Name]:
        return [p for a in self.received for p in a.parties]

    @property
    def cc(self) -> list[Name]:
        return [p for a in self.copied for p in a.parties]

    @property
    def turns(self) -> list[list[Action]]:
        """The actions of each correspDesc, in order: one for a letter, one per turn of a conversation."""
        numbers = sorted({a.turn for a in self.actions})
        return [[a for a in self.actions if a.turn == n] for n in numbers]

    @property
    def sort_key(self) -> tuple:
        return (self.date.sort_key, self.number.zfill(6), self.doc_id)

    def as_dict(self) -> dict:
        return asdict(self)


def name_ref(element, authority: AuthorityIndex | None) -> str:
    """The id of the entry a name points to (by @ref or @key); else its URI or bare pointer as written."""
    ref = (element.get("ref") or "").split()
    token = ref[0] if ref else ""
    entry = None
    if authority is not None:
        entry = authority.resolve(token) if token else authority.by_name_key(element.get("key") or "")
    if entry is not None:
        return entry.id
    return token if is_uri(token) else token.lstrip("#")


def _name(element, authority: AuthorityIndex | None) -> Name:
    ref = name_ref(element, authority)
    text = normalized_text(element)
    entry = authority.get(ref) if authority and ref and not is_uri(ref) else None
    return Name(kind_of(element, entry), ref, (entry.name if entry else text) or text, text)


def kind_of(element, entry=None) -> str:
    """person, place or org: by the element (persName …), by rs/name's @type, else by the entry it points to."""
    local = element.tag.rpartition("}")[2]  # the local name, without making a QName for each
    if local in NAME_KINDS:
        return NAME_KINDS[local]
    typed = RS_KINDS.get(element.get("type", ""))
    if typed:
        return typed
    return entry.kind if entry is not None and entry.kind in KINDS else "other"


def _action(element, authority, turn: int = 1, types: dict[str, str] | None = None) -> tuple[Action, list]:
    """One correspAction, and the elements of its parties; its @type read through `types`
    (ACTION_TYPES and teikit.toml's). Names of places (placeName, rs type="place" …) are its places."""
    # an empty name (<placeName/>, a slot an editing tool leaves) names no one and nowhere
    found = [(e, name) for e in _xpath(element, PARTIES) if (name := _name(e, authority)).ref or name.name]
    places = [n for _, n in found if n.kind == "place"]
    parties = [(e, n) for e, n in found if n.kind != "place"]
    dated = first(element, f"tei:date{_DATED}")
    written = element.get("type", "")
    read = (types if types is not None else ACTION_TYPES).get(written, written)
    action = Action(
        type=written if read == "none" else read, subtype=element.get("subtype", ""),
        parties=[n for _, n in parties], place=places[0] if places else None,
        date=DateSpec.from_element(dated if dated is not None else first(element, "tei:date")),
        note=normalized_text(first(element, "tei:note")),
        turn=turn, tei_type=written, places=places,
    )
    return action, [e for e, _ in parties]


def _source(bibl, authority) -> Source:
    def idno(kind):
        return normalized_text(first(bibl, f"tei:idno[@type='{kind}']"))

    repository = first(bibl, "tei:orgName[@type='repository']")
    repository_id = (repository.get("ref") or "").lstrip("#") if repository is not None else ""
    repository_name = normalized_text(repository)
    if authority and repository_id:
        repository_name = authority.name(repository_id, repository_name)
    folios = first(bibl, "tei:citedRange[@unit='folio']")
    return Source(
        type=bibl.get("type", ""), kind=bibl.get("subtype", ""), text=text_without_notes(bibl),
        xml_id=bibl.get(f"{{{XML_NS}}}id", ""), repository=repository_id,
        repository_name=repository_name,
        fond=idno("fond"), opis=idno("opis"), papka=idno("papka"), delo=idno("delo"),
        folios_from=folios.get("from", "") if folios is not None else "",
        folios_to=folios.get("to", "") if folios is not None else "",
        folios_text=normalized_text(folios),
    )


def text_without_notes(element) -> str:
    """An element's words without those of its notes: a reference as printed, without the note the
    compiler printed after it (the emphasis statement); a citation without the edition's notes."""
    words = element.xpath(".//text()[not(ancestor::tei:note)]", namespaces=NSMAP)
    return " ".join("".join(words).split())


@dataclass
class Rights:
    """What a TEI header says of the rights in what it describes: the licence's address and its
    words (what it covers), and what the header says beside the licence (availability/p: here,
    that the licence does not extend to the translated text)."""

    licence: str = ""
    covers: str = ""
    note: str = ""


def rights(root) -> Rights:
    availability = first(root, "tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability")
    if availability is None:
        return Rights()
    licence = first(availability, "tei:licence")
    return Rights(licence=(licence.get("target") or "").strip() if licence is not None else "",
                  covers=normalized_text(licence),
                  note=" ".join(normalized_text(p) for p in _xpath(availability, "tei:p")))


def source_language_note(root) -> str:
    """What the corpus description says of the language of its source text (the translation a web
    page gives, say): sourceDesc/bibl/note type="language"."""
    return normalized_text(first(root, "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl/tei:note[@type='language']"))


def _signs_its_own_note(element) -> bool:
    """'Yu.B.' signing the compiler's note is a signature, not a mention of the compiler."""
    ref = element.get("ref")
    return bool(ref) and any(note.get("resp") == ref for note in element.iterancestors(f"{{{TEI_NS}}}note"))


def named_in_text(body, authority: AuthorityIndex | None = None) -> list[tuple[str, str, etree._Element]]:
    """(kind, authority id, element) for every name in the text that points to an entry, in
    document order; not the compiler's initials signing his own note. A name or rs counts as
    the kind its @type says, else as the kind of the entry it leads to. Registers (mentions,
    passages) and search filters (record.py) both read the text through this function."""
    if body is None:
        return []
    named = []
    for element in body.iter(*NAMES_IN_TEXT):  # document order, like the XPath union, and faster
        if (element.get("ref") is not None or element.get("key") is not None) and not _signs_its_own_note(element):
            for ref in _refs(element, authority):
                entry = authority.get(ref) if authority is not None and ref and not is_uri(ref) else None
                found = kind_of(element, entry)
                if ref and found in KINDS:
                    named.append((found, ref, element))
    return named


def _mentions(named) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for kind, ref, _ in named:
        if ref not in found[kind]:
            found[kind].append(ref)
    return found


def _passages(named) -> dict[str, list[str]]:
    """Each entry's sentences in the text, each once, in the order they come."""
    found: dict[str, list[str]] = {}
    elements = list(dict.fromkeys(element for _, _, element in named))  # an element may name several entries
    sentences = dict(zip(elements, sentences_of(elements)))  # each block read once, not once a name
    for _, ref, element in named:
        sentence = sentences[element]
        if sentence and sentence not in found.setdefault(ref, []):
            found[ref].append(sentence)
    return found


def _refs(element, authority: AuthorityIndex | None) -> list[str]:
    tokens = (element.get("ref") or "").split()
    if not tokens:
        return [name_ref(element, authority)]
    if authority is None:
        return [t.lstrip("#") for t in tokens]
    resolved = (authority.resolve(t) for t in tokens)
    return [e.id if e else (t if is_uri(t) else t.lstrip("#")) for e, t in zip(resolved, tokens)]


def _main_title(header):
    """The title typed main, else the first; a union would give whichever comes first."""
    main = first(header, ".//tei:titleStmt/tei:title[@type='main']")
    return main if main is not None else first(header, ".//tei:titleStmt/tei:title")


def _addressees_apart(actions: list[Action], received_types: tuple[str, ...], parties) -> list[Action]:
    """Names of a sent action that teikit.toml's [correspondence] received_types mark as the
    other party (by their @type) become the received action of their turn. `parties`: the
    elements of each action's parties."""
    kept = []
    for action, names in zip(actions, parties):
        kept.append(action)
        if action.type != "sent" or not received_types:
            continue
        moved = [party for party, name in zip(action.parties, names) if name.get("type") in received_types]
        if moved:
            action.parties = [party for party in action.parties if party not in moved]
            received = next((a for a in actions if a.type == "received" and a.subtype != "cc" and a.turn == action.turn),
                            None)
            if received is None:
                kept.append(Action(type="received", parties=moved, turn=action.turn))
            else:
                received.parties = moved + received.parties
    return kept


def letter_of(document: ParsedDocument, authority: AuthorityIndex | None, config) -> Letter:
    """The metadata of one document, read with the edition's settings (teikit.toml)."""
    return letter(document, authority, tuple(config.received_types), {**ACTION_TYPES, **config.actions})


def letter(document: ParsedDocument, authority: AuthorityIndex | None = None,
           received_types: tuple[str, ...] = (), action_types: dict[str, str] | None = None) -> Letter:
    """The metadata of one document of the edition (received_types: see _addressees_apart;
    action_types: how correspAction/@type values read, default ACTION_TYPES)."""
    root = document.root
    header = first(root, "tei:teiHeader")
    if header is None:  # a file of another project without a header: a record of what there is
        header = etree.Element(f"{{{TEI_NS}}}teiHeader")
    number = first(header, ".//tei:publicationStmt/tei:idno[@type='document-number']")
    kind = first(header, ".//tei:textClass/tei:catRef/@target")
    elements = [(turn, a) for turn, desc in enumerate(_xpath(header, ".//tei:correspDesc"), start=1)
                for a in _xpath(desc, "tei:correspAction")]
    read = [_action(a, authority, turn, action_types) for turn, a in elements]
    actions = _addressees_apart([a for a, _ in read], received_types, [p for _, p in read])
    date, date_source = _dated(root, actions)
    named = named_in_text(first(root, "tei:text"), authority)
    why = first(header, ".//tei:sourceDesc//tei:note[@type='inferred']")
    return Letter(
        doc_id=document.doc_id,
        xml_id=root.get(f"{{{XML_NS}}}id", document.doc_id),
        file=document.path.name,
        number=normalized_text(number),
        number_inferred=number is not None and number.get("cert") is not None,
        kind=str(kind).lstrip("#") if kind is not None else "",
        title=normalized_text(_main_title(header)),
        short_title=normalized_text(first(header, ".//tei:titleStmt/tei:title[@type='short']")),
        date=date,
        actions=actions,
        sources=[_source(b, authority) for b in _xpath(header, ".//tei:sourceDesc//tei:listBibl[@type='sources']/tei:bibl")],
        collection=normalized_text(first(header, ".//tei:sourceDesc/tei:bibl[@type='collection']")),
        compiler_title=normalized_text(first(header, ".//tei:titleStmt/tei:title[@type='compiler']")),
        number_note=normalized_text(why) if number is not None and number.get("cert") is not None else "",
        date_written=normalized_text(first(root, "tei:text//tei:dateline//tei:date")),
        mentions=_mentions(named),
        passages=_passages(named),
        source=document.display,
        lines=_lines(root, header),
        date_source=date_source,
        described=_mentions(named_in_text(first(root, "tei:teiHeader/tei:fileDesc/tei:sourceDesc"), authority)),
    )


def _dated(root, actions: list[Action]) -> tuple[DateSpec, str]:
    """The document's date and where it comes from: the sending in correspDesc, else the first
    normalised date of the source description, the dateline, the title (DATE_FALLBACKS)."""
    sent = next((a.date for a in actions if a.type == "sent" and a.date.given), None)
    if sent is not None:
        return sent, "correspDesc"
    found = date_fallback(root)
    return (found[1], found[0]) if found else (DateSpec(), "")


def date_fallback(root) -> tuple[str, DateSpec, etree._Element] | None:
    """(where, the date, its element) of the first real date outside correspDesc, in DATE_FALLBACKS order;
    None when correspDesc dates an action (if that date is not real, rule date-real says so) or says the
    sending is undated (note type="undated"): the edition's word stands."""
    if _xpath(root, "tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction"
                    f"[tei:note[@type = 'undated'] or tei:date{_DATED}]"):
        return None
    for where, path in DATE_FALLBACKS:
        for element in _xpath(root, path):
            date = DateSpec.from_element(element)
            if date.given:
                return where, date, element
    return None


def _lines(root, header) -> dict[str, int]:
    lines = {"root": root.sourceline or 1}
    corresp = first(header, ".//tei:correspDesc") if header is not None else None
    if corresp is not None:
        lines["correspDesc"] = corresp.sourceline or lines["root"]
        for element in corresp.iterdescendants():
            ref = element.get("ref") if isinstance(element.tag, str) else None
            if ref:
                lines.setdefault(ref, element.sourceline or lines["correspDesc"])
    return lines


def chronological(letters: list[Letter]) -> list[Letter]:
    return sorted(letters, key=lambda l: l.sort_key)


# ---- what a document says about an entry, and who wrote to whom -------------------------

def roles(letter: Letter, ref: str) -> list[str]:
    """In what roles a document names an entry, as keys of labels.ROLES: sender, addressee, cc,
    place-sent, place-received, party (of another action: read, forwarded …), mentioned, archive,
    described (in the manuscript description)."""
    found = []
    for role, names in (("sender", letter.senders), ("addressee", letter.recipients), ("cc", letter.cc)):
        if any(name.ref == ref for name in names):
            found.append(role)
    for role, actions in (("place-sent", letter.sent), ("place-received", letter.received)):
        if any(ref in [p.ref for p in _places(action)] for action in actions):
            found.append(role)
    others = [a for a in letter.actions if a.type not in ("sent", "received")]
    if any(ref in [p.ref for p in a.parties + _places(a)] for a in others):
        found.append("party")
    if any(ref in refs for refs in letter.mentions.values()):
        found.append("mentioned")
    archive = any(source.repository == ref for source in letter.sources)
    if archive:
        found.append("archive")
    if not archive and any(ref in refs for refs in letter.described.values()):
        found.append("described")
    return found


def _places(action: Action) -> list[Name]:
    """Every place of an action (a record of an older state names only the first)."""
    return action.places or ([action.place] if action.place else [])


def referenced_ids(letter: Letter) -> list[str]:
    """Every entry a document names, once, in order: in its text, as a party or a place of any
    action (every place, every type), in its manuscript description, as the archive of a source."""
    ids = [ref for refs in letter.mentions.values() for ref in refs]
    for action in letter.actions:
        ids += [p.ref for p in action.parties] + [p.ref for p in _places(action)]
    ids += [ref for refs in letter.described.values() for ref in refs]
    ids += [s.repository for s in letter.sources]
    return [ref for ref in dict.fromkeys(ids) if ref]


def correspondence_pairs(letters: list[Letter], unnamed: str) -> list[tuple[Name, Name, bool, list[Letter]]]:
    """(sender, recipient, is a copy, the letters in date order): the correspondents table and
    network. A letter whose addressee is not named pairs its senders with a Name called `unnamed`."""
    pairs: dict[tuple, list[Letter]] = {}
    names: dict[tuple, tuple[Name, Name]] = {}
    nobody = Name("other", "", unnamed, "")
    for letter in letters:
        for sender, recipient, cc in _pairs(letter, nobody):
            key = pair_key(sender, recipient, cc)
            pairs.setdefault(key, []).append(letter)
            names[key] = (sender, recipient)
    order = sorted(pairs, key=lambda k: (names[k][0].name.casefold(), names[k][1].name.casefold(), k[2]))
    return [(*names[key], key[2], pairs[key]) for key in order]


def letter_pairs(letter: Letter, unnamed: str) -> list[tuple[Name, Name, bool]]:
    """(sender, recipient, is a copy) of one letter, as correspondence_pairs counts them."""
    return list(_pairs(letter, Name("other", "", unnamed, "")))


def pair_key(sender: Name, recipient: Name, cc: bool) -> tuple[str, str, bool]:
    """What tells one pair of correspondents from another: their entries (else their names), copy or not."""
    return sender.ref or sender.name, recipient.ref or recipient.name, cc


def _pairs(letter: Letter, nobody: Name):
    """(sender, recipient, is_copy) for every sender and every addressee of each turn of a letter
    (a letter has one turn; a recorded conversation one per correspDesc)."""
    seen = set()
    for actions in letter.turns:
        received = [a for a in actions if a.type == "received"]
        recipients = [(p, a.subtype == "cc") for a in received for p in a.parties]
        if not any(not cc for _, cc in recipients):
            recipients.insert(0, (nobody, False))
        for sender in (p for a in actions if a.type == "sent" for p in a.parties):
            for recipient, cc in recipients:
                key = (sender.ref or sender.name, recipient.ref or recipient.name, cc)
                if key not in seen and not (sender.ref and sender.ref == recipient.ref):
                    seen.add(key)
                    yield sender, recipient, cc


# ---- the days a date may fall on ---------------------------------------------------------

@dataclass(frozen=True)
class Span:
    """The days a document's date may fall on; open_start/open_end: bounded on one side only."""

    start: Day
    end: Day
    open_start: bool = False
    open_end: bool = False

    @property
    def exact(self) -> bool:
        return self.start == self.end and not (self.open_start or self.open_end)

    @property
    def month(self) -> tuple[int, int]:
        """(year, month) under which a calendar lists the date: its first day, or its last when
        only that is known."""
        day = self.end if self.open_start else self.start
        return day.year, day.month


def _day(iso: str, last: bool = False) -> Day | None:
    """1920-08-27; 1920-08 and 1920 as their first (or last) day."""
    parts = iso.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if last else 1)
        day = int(parts[2]) if len(parts) > 2 else (calendar.monthrange(year, month)[1] if last else 1)
        return Day(year, month, day)
    except (ValueError, IndexError):
        return None


def span(spec: DateSpec) -> Span | None:
    """The span of a document's date, or None when it has no date an axis or calendar can show."""
    if spec.when:
        start, end = _day(spec.when), _day(spec.when, last=True)
        return Span(start, end) if start and end else None
    start = _day(spec.notBefore or spec.from_) if (spec.notBefore or spec.from_) else None
    end = _day(spec.notAfter or spec.to, last=True) if (spec.notAfter or spec.to) else None
    if start and end:
        return Span(start, end)
    if end:
        return Span(end, end, open_start=True)
    if start:
        return Span(start, start, open_end=True)
    return None
