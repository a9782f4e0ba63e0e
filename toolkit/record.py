"""The record of one document: everything its pages say about it, computed once, in Python.

    record = document_record(letter, document, authority, labels, registers=site_authority, params=params)
    etree.tostring(record)   # <tk:record>: the stylesheets' `record` parameter

The stylesheets render the record and never work out what a document says: who sent it to
whom (metadata.Letter, with @key, prefixes, URIs and [correspondence] received_types
resolved), its date in ISO form and in words, its number (and whether it was inferred, and
why), its kind, titles, neighbours, its other formats, its search filters, and where each
name of its text leads (a register entry, else an authority URI). The registers, the
correspondents, the search index, CSV, CMIF and DTS are made from the same Letter and the same
labels, so a page cannot disagree with them. docs/site.md shows the XML and every field.

`teikit render FILE` makes the same record (registers=None: no site around the page, so names
lead to authority URIs only).
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import quote

from lxml import etree

from . import NSMAP
from .authority import AuthorityIndex, Entry, is_uri, register_href
from .labels import TK_NS, Labels
from .metadata import DateSpec, Letter, Name, named_in_text
from .metadata import letter_of
from .xmlio import ParsedDocument, first, normalized_text

# Names whose @key points to an entry (docs/conventions.md); any element's @ref and @resp count.
KEYED = {"persName", "placeName", "orgName", "name", "rs"}
REF_ATTRIBUTES = etree.XPath("//@ref | //@key | //@resp")


def tk(tag: str) -> str:
    return f"{{{TK_NS}}}{tag}"


_TAGS: dict[str, str] = {}
_ATTRIBUTES: dict[str, str] = {}


def _sub(parent: etree._Element, tag: str, content: str | None = None, /, **attributes: object) -> etree._Element:
    """A tk: element with the attributes that have a value (from_ -> from, not_before -> not-before)."""
    values = {}
    for key, value in attributes.items():
        if value:
            name = _ATTRIBUTES.get(key)
            if name is None:
                name = _ATTRIBUTES[key] = key.rstrip("_").replace("_", "-")
            values[name] = value if isinstance(value, str) else str(value)
    element = etree.SubElement(parent, _TAGS.get(tag) or _TAGS.setdefault(tag, tk(tag)), values)
    if content:
        element.text = content
    return element


def is_safe_href(value: str) -> bool:
    """A link the pages may carry: to the web or into the page, never javascript: or file:."""
    return value.startswith(("http://", "https://", "#"))


class Links:
    """Where a name leads: its entry's register page on the site (`registers`: the entries the
    site lists; None for a page rendered alone), else the entry's authority URI, else the URI the
    name gives itself."""

    def __init__(self, authority: AuthorityIndex, registers: AuthorityIndex | None):
        self.authority, self.registers = authority, registers

    def entry_href(self, entry: Entry) -> str:
        if self.registers is not None and self.registers.get(entry.id) is entry:
            found = register_href(entry)
            if found:
                return found
        return entry.authority_uri()

    def name(self, name: Name) -> dict[str, str]:
        """The attributes of a correspondent or place in the record: its entry's id (`ref`, else
        the URI the name gives), name, the text as written, where it leads, its authority URI and
        how a citation names it."""
        entry = self.authority.get(name.ref) if name.ref and not is_uri(name.ref) else None
        href = self.entry_href(entry) if entry is not None else (name.ref if is_safe_href(name.ref) else "")
        uri = entry.authority_uri() if entry is not None else (name.ref if is_uri(name.ref) else "")
        return {"ref": name.ref, "kind": name.kind, "name": name.name, "text": name.text, "href": href,
                "uri": uri, "citation": citation_name(name, entry)}


def citation_name(name: Name, entry: Entry | None) -> str:
    """As a citation names a person: "Surname, Forename" where the entry marks them, else the name."""
    if entry is not None and entry.surname and entry.forename:
        return f"{entry.surname}, {entry.forename}"
    return name.name


def document_record(letter: Letter, document: ParsedDocument | None, authority: AuthorityIndex, labels: Labels,
                    registers: AuthorityIndex | None = None, params: dict[str, object] | None = None,
                    base_url: str = "") -> etree._Element:
    """The record of one document (root tk:record). `authority` resolves its names (with the
    document's own entries); `registers` are the entries the site lists (None when the page is
    rendered alone); `params` are the page's parameters (builders.page_params: neighbours and
    links to the other formats); `base_url` where the site is published."""
    params = params or {}
    links = Links(authority, registers)
    root = etree.Element(tk("record"), nsmap={"tk": TK_NS})
    root.set("id", letter.doc_id)
    untitled = labels["document.untitled"]
    titled = replace(letter, title=letter.title or untitled)
    _sub(root, "title", main=titled.title, short=letter.short_title, compiler=letter.compiler_title,
         page=labels.document(titled))
    if letter.number:
        _sub(root, "number", value=letter.number, label=labels.number(letter),
             inferred="true" if letter.number_inferred else "", why=letter.number_note)
    if letter.kind:
        _sub(root, "kind", id=letter.kind, label=labels.kind(letter.kind, authority))
    _date(root, letter.date, labels, letter.date_written, letter.date_source if letter.date_inferred else "")
    _correspondence(root, letter, document, links, labels)
    _sources(root, letter, links, labels)
    for rel in ("prev", "next"):
        if params.get(f"{rel}-id"):
            _sub(root, rel, id=params[f"{rel}-id"], href=params.get(f"{rel}-href", ""), label=params.get(f"{rel}-title", ""))
    for rel in ("tei", "text", "csl"):
        if params.get(f"{rel}-href"):
            _sub(root, "link", rel=rel, href=params[f"{rel}-href"])
    if params.get("doc-id"):
        url = f"{base_url if is_safe_href(base_url) else ''}{quote(letter.doc_id, safe='')}.html"
        _sub(root, "cite", url=url, canonical="true" if is_safe_href(base_url) and base_url else "",
             source=_cited_source(document, letter, labels))
    _search(root, letter, document, authority, labels)
    if document is not None:
        _date_line_by(root, document, authority, labels)
        _notes(root, document, authority, labels)
        _names(root, document, links)
    return root


def names_record(document: ParsedDocument | None, authority: AuthorityIndex,
                 registers: AuthorityIndex | None = None) -> etree._Element:
    """A record of names only (tk:names), for TEI shown outside a document page: the site's
    introduction, from edition.xml."""
    root = etree.Element(tk("record"), nsmap={"tk": TK_NS})
    if document is not None:
        _names(root, document, Links(authority, registers))
    return root


def corpus_records(document: ParsedDocument, authority: AuthorityIndex, labels: Labels, config,
                   registers: AuthorityIndex | None = None) -> etree._Element:
    """The record of a file rendered alone: of its root, and when it is a teiCorpus, a tk:record
    (n = its position among the file's TEI elements) inside it for each TEI it holds. Read with the
    edition's settings (`config`: its received types and action types), as the build reads it."""
    record = document_record(letter_of(document, authority, config), document, authority, labels, registers)
    tei = f"{{{NSMAP['tei']}}}TEI"
    if etree.QName(document.root).localname == "teiCorpus":
        for number, element in enumerate(document.root.iter(tei), start=1):
            part = ParsedDocument(document.path, etree.ElementTree(etree.fromstring(etree.tostring(element))))
            nested = document_record(letter_of(part, authority, config), part, authority, labels, registers)
            nested.set("n", str(number))
            record.append(nested)
    return record


def _date(parent: etree._Element, date: DateSpec, labels: Labels, written: str = "", source: str = "") -> None:
    """tk:date; `source`: where the edition read a date correspDesc does not give (Letter.date_source)."""
    if not (date.when or date.notBefore or date.notAfter or date.from_ or date.to or date.text or written):
        return
    start = date.when or date.notBefore or date.notAfter or date.from_ or date.to
    _sub(parent, "date", when=date.when, not_before=date.notBefore, not_after=date.notAfter, from_=date.from_,
         to=date.to, cert=date.cert, iso=date.iso8601, sort=start, year=start[:4] if len(start) >= 4 else "",
         words=labels.date(date) if start else "", text=date.text, written=written or date.text,
         citation=_citation_date(date), source=source,
         source_label=labels[f"about.date-from.{source}"] if source else "")


def _citation_date(date: DateSpec) -> str:
    """Highwire's citation_date: the day as 1920/08/27; a range within one year: the year."""
    if date.when:
        return date.when.replace("-", "/")
    if date.notBefore and date.notAfter and date.notBefore[:4] == date.notAfter[:4]:
        return date.notBefore[:4]
    return ""


def _correspondence(root: etree._Element, letter: Letter, document: ParsedDocument | None, links: Links,
                    labels: Labels) -> None:
    """One tk:turn per correspDesc: its senders, addressees (with where they received it),
    copies, date, place of sending and note. `shape` says how the page shows several: the turns
    of a recorded conversation (correspDesc/@corresp) or a table of the letters a file describes."""
    header = document.root.find(f"{{{NSMAP['tei']}}}teiHeader") if document is not None else None
    descs = header.xpath(".//tei:correspDesc", namespaces=NSMAP) if header is not None else []
    shape = ("conversation" if any(d.get("corresp") for d in descs) else "letters") if len(descs) > 1 else ""
    shown = []
    for actions in letter.turns:
        desc = descs[actions[0].turn - 1] if 0 < actions[0].turn <= len(descs) else None
        if shape != "conversation" or (desc is not None and desc.get("corresp")):  # a turn points to its part
            shown.append((actions, desc))
    if shape:
        root.set("shape", shape)
        root.set("turns", str(len(shown)))
    for position, (actions, desc) in enumerate(shown, start=1):
        turn = _sub(root, "turn", n=(desc.get("n") if desc is not None else "") or str(position))
        sent = [a for a in actions if a.type == "sent"]
        for action in sent:
            for party in action.parties:
                _sub(turn, "from", **links.name(party))
        for action in actions:
            if action.type == "received":
                for party in action.parties:
                    person = _sub(turn, "cc" if action.subtype == "cc" else "to", **links.name(party))
                    if action.place is not None:
                        _sub(person, "place", **links.name(action.place))
                if action.note and action.subtype != "cc":
                    _sub(turn, "to-note", action.note)
        date = next((a.date for a in sent if a.date.sort_key != "9999" or a.date.text), DateSpec())
        inferred = letter.date_inferred and len(shown) == 1 and not date.given
        _date(turn, letter.date if inferred else date, labels, letter.date_written,
              letter.date_source if inferred else "")
        for action in sent:
            if action.place is not None:
                _sub(turn, "place", **links.name(action.place), cert=_place_cert(desc, action.place))
        for note in desc.findall(f"{{{NSMAP['tei']}}}note") if desc is not None else []:
            if normalized_text(note):
                _sub(turn, "note", normalized_text(note))


def _place_cert(desc: etree._Element | None, place: Name) -> str:
    """The @cert of a place of sending that the editors identified ("Rostov" as Rostov-on-Don,
    cert="high"): the page says the identification is theirs."""
    if desc is None:
        return ""
    for element in desc.xpath("tei:correspAction[@type='sent']/tei:placeName[@cert]", namespaces=NSMAP):
        if normalized_text(element) == place.text:
            return element.get("cert", "")
    return ""


def _sources(root: etree._Element, letter: Letter, links: Links, labels: Labels) -> None:
    """Each printed reference, in order: an archival one with its repository, its parts in
    words (fond, opis, …, folios) and the kind of copy."""
    for number, source in enumerate(letter.sources, start=1):
        element = _sub(root, "source", n=str(number), type=source.type, xml_id=source.xml_id,
                       parts=", ".join(labels.archival(source)) if source.type == "archival" else "",
                       copy_kind=labels.copy_kind(source.kind) if source.kind else "")
        if source.repository or source.repository_name:
            _sub(element, "repository", **links.name(Name("org", source.repository, source.repository_name,
                                                          source.repository_name)))


def _cited_source(document: ParsedDocument | None, letter: Letter, labels: Labels) -> str:
    """Where a citation says the document comes from: its collection (bibl type="collection"),
    with the compiler (the collection's editor, else the header's editor role="compiler") and
    the document's number, inferred ones marked: "Yuri Barsegov (compiler), Nagorno-Karabakh …,
    no. [533]"; "" when the header names no collection."""
    header = document.root.find(f"{{{NSMAP['tei']}}}teiHeader") if document is not None else None
    bibl = first(header, "tei:fileDesc/tei:sourceDesc/tei:bibl[@type='collection']") if header is not None else None
    if bibl is None:
        return ""
    compilers = [normalized_text(e) for e in bibl.xpath(
        "tei:editor[@role='compiler'] | self::*[not(tei:editor[@role='compiler'])]"
        "/ancestor::tei:fileDesc/tei:titleStmt/tei:editor[@role='compiler']", namespaces=NSMAP)]
    parts = [labels.text("doc.cite-compiler", name=name) for name in compilers if name]
    parts += [normalized_text(t) for t in bibl.xpath("tei:title", namespaces=NSMAP)][:1]
    if letter.number:
        parts.append(labels.text("doc.cite-number", number=labels.number(letter)))
    return ", ".join(p for p in parts if p)


def _responsible(resp: str | None, document: ParsedDocument, authority: AuthorityIndex, labels: Labels) -> str:
    """Who @resp names, as the page says it: each entry's name, with the role the header gives
    that person (editor role="compiler"): "Yuri Barsegov, compiler"; "" when @resp is empty."""
    header = document.root.find(f"{{{NSMAP['tei']}}}teiHeader")
    roles = {(e.get("ref") or "").strip(): e.get("role", "").split()[0]
             for e in (header.iter(f"{{{NSMAP['tei']}}}editor") if header is not None else []) if e.get("role")}
    who = []
    for token in (resp or "").split():
        entry = authority.resolve(token)
        name = entry.name if entry is not None else token.lstrip("#")
        role = roles.get(token, "")
        who.append(labels.text("note.with-role", name=name, role=labels.strings.get(f"note.role-{role}", role))
                   if role else name)
    return ", ".join(who)


def _notes(root: etree._Element, document: ParsedDocument, authority: AuthorityIndex, labels: Labels) -> None:
    """tk:note for each note of the text, numbered as the pages number them (tei:text//tei:note in
    document order), with who wrote it (its @resp); an unsigned note the editors attribute (@cert)
    says so, and how sure they are."""
    table = etree.SubElement(root, tk("notes"))
    for number, note in enumerate(document.root.xpath("tei:text//tei:note", namespaces=NSMAP), start=1):
        who, cert = _responsible(note.get("resp"), document, authority, labels), note.get("cert", "")
        label = ""
        if who and cert:
            label = labels.text("note.attributed", name=who, cert=labels.strings.get(f"note.cert-{cert}", cert))
        elif who:
            label = labels.text("note.by", name=who)
        _sub(table, "note", n=str(number), resp=note.get("resp", ""), cert=cert, label=label)


def _date_line_by(root: etree._Element, document: ParsedDocument, authority: AuthorityIndex, labels: Labels) -> None:
    """A date line that is not the document's own (dateline @resp: a compiler's dating) says whose
    it is on every date of the record."""
    line = first(document.root, "tei:text//tei:dateline[@resp]")
    who = _responsible(line.get("resp"), document, authority, labels) if line is not None else ""
    if who:
        for date in root.iter(tk("date")):
            date.set("line-by", labels.text("about.date-line-by", name=who))


def _search(root: etree._Element, letter: Letter, document: ParsedDocument | None, authority: AuthorityIndex,
            labels: Labels) -> None:
    """What the search filters by: the same names the registers show (entries' names, else the
    text as written), the kind's label, the year; each value once, sorted."""
    named = named_in_text(document.root.find(f"{{{NSMAP['tei']}}}text"), authority) if document is not None else []

    def name_of(ref: str, element) -> str:
        entry = authority.get(ref) if ref and not is_uri(ref) else (authority.resolve(ref) if ref else None)
        return entry.name if entry is not None else normalized_text(element)

    places = [name_of(ref, e) for kind, ref, e in named if kind == "place"]
    places += [a.place.name for a in letter.actions if a.place is not None]
    facets = {"kind": [labels.kind(letter.kind, authority)] if letter.kind else [],
              "sender": [n.name for n in letter.senders], "addressee": [n.name for n in letter.recipients],
              "place": places, "person": [name_of(ref, e) for kind, ref, e in named if kind == "person"]}
    for name, values in facets.items():
        for value in sorted({v for v in values if v}):
            _sub(root, "facet", name=name, value=value)


def _names(root: etree._Element, document: ParsedDocument, links: Links) -> None:
    """tk:name for every distinct pointer of the document (@ref and @resp tokens, @key of a
    name): the entry's name and where it leads. The stylesheets look a name up here by its
    own @ref tokens (or @key) and link it: they resolve nothing themselves."""
    authority = links.authority
    table = etree.SubElement(root, tk("names"))
    seen: set[tuple[str, str]] = set()
    for value in REF_ATTRIBUTES(document.tree):
        attribute = value.attrname
        owner = value.getparent()
        if attribute == "key":
            if owner.get("ref") or etree.QName(owner).localname not in KEYED:
                continue
            tokens = [" ".join(value.split())]
        else:
            tokens = value.split()
        for token in tokens:
            by = "key" if attribute == "key" else "ref"
            if (by, token) in seen or not token:
                continue
            seen.add((by, token))
            entry = authority.by_name_key(token) if by == "key" else authority.resolve(token)
            if entry is not None:
                _sub(table, "name", **{by: token}, entry=entry.id, kind=entry.kind, title=entry.name,
                     href=links.entry_href(entry))
            elif by == "ref" and is_uri(token):
                _sub(table, "name", ref=token, href=token if is_safe_href(token) else "")
    _splits(table, document, links)


WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")


def _splits(table: etree._Element, document: ParsedDocument, links: Links) -> None:
    """One phrase naming several entries ("the 281st and 299th Infantry Regiments", ref="#a #b"):
    where each entry's name has a word of its own that the phrase has ("281st", "299th"), a
    tk:split gives the phrase in parts, those words linked to their entries, so the page links
    each word to its entry and adds no sign of its own. Phrases with markup inside, or whose
    entries cannot be told apart by a word, get none (the page then links the phrase to the
    first entry and marks the others)."""
    done: set[tuple[str, str]] = set()
    for element in document.root.xpath("tei:text//*[contains(normalize-space(@ref), ' ')][not(*)]", namespaces=NSMAP):
        phrase, ref = element.text or "", " ".join(element.get("ref").split())
        if (ref, phrase) in done:
            continue
        done.add((ref, phrase))
        entries = [links.authority.resolve(token) for token in ref.split()]
        if any(e is None for e in entries):
            continue
        words = [set(WORD.findall(e.name)) for e in entries]
        found = []  # (start, end, entry) of each entry's own word in the phrase
        for index, entry in enumerate(entries):
            own = words[index] - set().union(*(w for i, w in enumerate(words) if i != index))
            spans = [m.span() for m in WORD.finditer(phrase) if m.group() in own]
            if not spans:
                break
            found.append((*spans[0], entry))
        starts = [s for s, _, _ in found]
        if len(found) != len(entries) or len(set(starts)) != len(starts):
            continue
        split = _sub(table, "split", ref=ref, text=phrase)
        position = 0
        for start, end, entry in sorted(found, key=lambda f: f[0]):
            if start > position:
                _sub(split, "part", text=phrase[position:start])
            _sub(split, "part", text=phrase[start:end], entry=entry.id, title=entry.name, href=links.entry_href(entry))
            position = end
        if position < len(phrase):
            _sub(split, "part", text=phrase[position:])
