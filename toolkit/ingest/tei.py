"""Write one parsed document as a TEI draft in the edition's encoding (docs/encoding.md).

The header carries the metadata (number, correspondence, sources, kind); the body carries every
word of the source in its order, with names, dates, gaps and supplied words marked inline.
What the ingest is unsure of carries `cert="low"` and is listed in a `note type="review"`.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lxml import etree

from .. import TEI_NS, XML_NS
from .archival import Holding
from .document import Parsed, Publication
from .heading import DATE, DAY_MONTH, MONTHS, Party, date_value, iso_date
from .names import Recogniser
from ..xmlio import serialize

T = f"{{{TEI_NS}}}"
GAP = re.compile(r"<…>|…")
SUPPLIED = re.compile(r"\[([^\[\]]+)\]")
# Where unknown names are looked for: running text, not the title-case headings.
RUNNING_TEXT = {"p", "signed", "salute", "note"}
# Elements whose content is other elements only, and may be indented.
CONTAINERS = {"TEI", "teiHeader", "fileDesc", "titleStmt", "publicationStmt", "notesStmt", "sourceDesc",
              "listBibl", "profileDesc", "correspDesc", "correspAction", "textClass", "text", "body",
              "opener", "closer", "respStmt", "availability", "publisher", "sp"}
NAME_ELEMENT = {"person": "persName", "place": "placeName", "org": "orgName"}


@dataclass
class Context:
    """What every draft shares: the recogniser, the edition's front matter, its categories."""

    recogniser: Recogniser
    compiler: str = ""  # authority id of the collection's compiler (edition.xml editor role=compiler)
    categories: set[str] = field(default_factory=set)
    title_stmt_extras: list[etree._Element] = field(default_factory=list)  # editor, respStmt
    publisher: etree._Element | None = None
    availability: etree._Element | None = None
    collection_title: str = ""
    collection_author: str = ""
    authority_output: Path | None = None  # the authority file new repositories are added to


@dataclass
class Tally:
    """What one draft holds, for the summary."""

    names: dict[str, list[str]] = field(default_factory=lambda: {"person": [], "place": [], "org": []})
    unknown: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    year: str = ""  # the document's year: dates printed without one in its text take it


def element(parent, name: str, text: str | None = None, **attributes) -> etree._Element:
    child = etree.SubElement(parent, T + name, {k.rstrip("_"): v for k, v in attributes.items() if v})
    if text is not None:
        child.text = text
    return child


def _append_text(parent, text: str) -> None:
    if not text:
        return
    try:
        last = parent[-1]  # lxml finds the last child at once; len() would walk all of them
    except IndexError:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


Anchor = tuple[int, Callable[[etree._Element], None]]  # (offset in the text, makes the element there)


def inline(parent, text: str, context: Context, tally: Tally, anchors: list[Anchor] = ()) -> None:
    """`text` into `parent`, with names, dates, gaps and supplied words marked; each anchor's
    element (a note) after the character it points after, or after the name that holds it."""
    pending = sorted(anchors, key=lambda anchor: anchor[0])
    position = 0

    def text_until(limit: int) -> None:
        nonlocal position
        while pending and pending[0][0] <= limit:
            offset, make = pending.pop(0)
            _append_text(parent, text[position:max(offset, position)])
            position = max(offset, position)
            make(parent)
        _append_text(parent, text[position:limit])
        position = limit

    spans = []
    for match in GAP.finditer(text):
        spans.append((match.start(), match.end(), "gap", match))
    for match in SUPPLIED.finditer(text):
        spans.append((match.start(), match.end(), "supplied", match))
    for match in DATE.finditer(text):
        spans.append((match.start(), match.end(), "date", match))
    if tally.year:
        for match in DAY_MONTH.finditer(text):
            spans.append((match.start(), match.end(), "day", match))
    for match in context.recogniser.find(text):
        spans.append((match.start, match.end, "name", match))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    for start, end, kind, match in spans:
        if start < position:
            continue
        text_until(start)
        if kind == "gap":
            mark = "angle-brackets" if match.group() == "<…>" else "ellipsis"
            element(parent, "gap", reason="omitted", rend=mark, resp=_pointer(context.compiler))
        elif kind == "supplied":
            supplied = element(parent, "supplied", resp=_pointer(context.compiler))
            inline(supplied, match.group(1), context, tally)
        elif kind == "date":
            value = date_value(match)
            if value:
                element(parent, "date", match.group(), when=value)
            else:
                _append_text(parent, match.group())
                tally.review.append(f"“{match.group()}” is not a real date: left untagged")
        elif kind == "day":
            value = iso_date(tally.year, MONTHS[match.group("month") or match.group("month2")],
                             match.group("day") or match.group("day2"))
            if value:
                element(parent, "date", match.group(), when=value, cert="medium")
                tally.review.append(f"dates printed without a year in the text are given the document’s year, "
                                    f"{tally.year} (cert=\"medium\"): check them")
            else:
                _append_text(parent, match.group())
        else:
            _name(parent, text[start:end], match.kind, match.refs, context, tally)
        position = end
        while pending and pending[0][0] < position:  # the anchor is inside what was just marked
            pending.pop(0)[1](parent)
    text_until(len(text))
    for _, make in pending:
        make(parent)
    if etree.QName(parent).localname in RUNNING_TEXT:
        tally.unknown.extend(_unknown(text, context))


def _unknown(text: str, context: Context) -> list[str]:
    from .names import unknown_candidates

    return unknown_candidates(GAP.sub(" ", text), context.recogniser.find(GAP.sub(" ", text)))


def _name(parent, text: str, kind: str, refs: list[str], context: Context, tally: Tally) -> None:
    cert = "low" if len(refs) > 1 else ""
    element(parent, NAME_ELEMENT[kind], text, ref=" ".join(f"#{r}" for r in refs), cert=cert)
    for ref in refs:
        if ref not in tally.names[kind]:
            tally.names[kind].append(ref)
    if cert:
        tally.review.append(f"“{text}” may be any of {', '.join(refs)}: keep the one meant")


def _pointer(ref: str) -> str:
    return f"#{ref}" if ref else ""


def write(parsed: Parsed, number: str, inferred_from: str, context: Context) -> tuple[bytes, Tally]:
    """The TEI draft of one document and what it holds."""
    tally = Tally(review=list(parsed.unsure) + list(parsed.heading.unsure))
    date = parsed.dateline.date if parsed.dateline else None
    tally.year = next(iter(date.attributes.values()), "")[:4] if date and date.sure else ""
    root = etree.Element(T + "TEI", {f"{{{XML_NS}}}id": f"d{number}", f"{{{XML_NS}}}lang": "en"}, nsmap={None: TEI_NS})
    header = element(root, "teiHeader")
    file_desc = element(header, "fileDesc")
    _title_stmt(file_desc, parsed, context)
    _publication_stmt(file_desc, number, inferred_from, context)
    notes_stmt = element(file_desc, "notesStmt")
    _source_desc(file_desc, parsed, number, inferred_from, context, tally)
    _profile_desc(header, parsed, number, context, tally)
    _body(element(root, "text"), parsed, number, context, tally)
    tally.unknown = list(dict.fromkeys(tally.unknown))
    if tally.unknown:
        tally.review.append("names not in the authority files: " + "; ".join(tally.unknown))
    for item in dict.fromkeys(tally.review):
        element(notes_stmt, "note", item, type="review")
    if not len(notes_stmt):
        file_desc.remove(notes_stmt)
    indent(root)
    return serialize(root) + b"\n", tally


def indent(node, level: int = 0) -> None:
    """Indent element-only content; mixed content (text with markup) keeps its spaces exactly."""
    children = list(node)
    mixed = (node.text or "").strip() or any((c.tail or "").strip() for c in children)
    if not children or mixed or etree.QName(node).localname not in CONTAINERS:
        return
    node.text = "\n" + "  " * (level + 1)
    for child in children:
        child.tail = "\n" + "  " * (level + 1)
        indent(child, level + 1)
    children[-1].tail = "\n" + "  " * level


def _title_stmt(file_desc, parsed: Parsed, context: Context) -> None:
    title_stmt = element(file_desc, "titleStmt")
    element(title_stmt, "title", main_title(parsed, context), type="main")
    heading = parsed.heading
    printed = " ".join(filter(None, [heading.main, heading.cc, heading.addressees_line, heading.subject]))
    element(title_stmt, "title", printed, type="compiler", resp=_pointer(context.compiler))
    element(title_stmt, "title", short_title(parsed), type="short")
    for extra in context.title_stmt_extras:
        title_stmt.append(copy.deepcopy(extra))
    if not context.title_stmt_extras:
        resp = element(title_stmt, "respStmt")
        element(resp, "resp", "TEI draft")
        element(resp, "name", "teikit ingest")


def main_title(parsed: Parsed, context: Context) -> str:
    """The edition's own title: 'Georgy Chicherin to Sergei Kirov, 4 September 1920'."""
    heading = parsed.heading
    def names(parties: list[Party]) -> str:
        words = [context.recogniser.names.get(p.refs[0], p.name) if p.kind == "person" and len(p.refs) == 1
                 else p.text for p in parties]
        return " and ".join(filter(None, [", ".join(words[:-1]), words[-1]])) if words else ""
    who = names(heading.senders) or heading.main
    if heading.conversation:
        who = f"{names(heading.senders + heading.addressees)}, record of a conversation"
    elif heading.addressees:
        who += f" to {names(heading.addressees)}"
    elif heading.kind:
        who += f", {heading.kind.replace('-', ' ')}"
    date = parsed.dateline.date if parsed.dateline and parsed.dateline.date else None
    return f"{who}, {_readable(date)}" if date else who


def short_title(parsed: Parsed) -> str:
    """'Chicherin to Kirov, 4 September 1920': surnames as printed, the date as written."""
    heading = parsed.heading
    def names(parties: list[Party]) -> str:
        words = [p.name.split()[-1] if p.kind == "person" else p.name for p in parties]
        return " and ".join(filter(None, [", ".join(words[:-1]), words[-1]])) if words else ""
    who = names(heading.senders) or heading.main
    if heading.addressees:
        who += f" {'and' if heading.conversation else 'to'} {names(heading.addressees)}"
    date = parsed.dateline.date if parsed.dateline and parsed.dateline.date else None
    return f"{who}, {_readable(date)}" if date else who


def _readable(date) -> str:
    """'4 September 1920', 'no later than 1 September 1920', as the edition's short titles read."""
    for attribute, words in (("when", ""), ("notAfter", "no later than "), ("notBefore", "not earlier than ")):
        value = date.attributes.get(attribute, "")
        if value:
            parts = value.split("-")
            month = list(MONTHS)[int(parts[1]) - 1] if len(parts) > 1 else ""
            day = str(int(parts[2])) if len(parts) > 2 else ""
            return words + " ".join(p for p in (day, month, parts[0]) if p)
    return date.text


def _publication_stmt(file_desc, number: str, inferred_from: str, context: Context) -> None:
    statement = element(file_desc, "publicationStmt")
    if context.publisher is not None:
        statement.append(copy.deepcopy(context.publisher))
    else:
        element(statement, "publisher", "teikit ingest (draft)")
    element(statement, "idno", number, type="document-number", cert="high" if inferred_from else "")
    if context.availability is not None:
        statement.append(copy.deepcopy(context.availability))
    else:
        availability = element(statement, "availability")
        element(availability, "p", "Draft: the rights of the text are not yet recorded.")


def _source_desc(file_desc, parsed: Parsed, number: str, inferred_from: str, context: Context, tally: Tally) -> None:
    source_desc = element(file_desc, "sourceDesc")
    collection = element(source_desc, "bibl", type="collection")
    if context.collection_title:
        collection.text = f"{context.collection_author}, " if context.collection_author else None
        element(collection, "title", context.collection_title, level="m").tail = ", "
    element(collection, "biblScope", number, unit="document", cert="high" if inferred_from else "")
    if inferred_from:
        element(collection, "note", f"The document number is not printed in the source; it is inferred from its neighbours: {inferred_from}.", type="inferred")
    if not (parsed.holdings or parsed.publications):
        return
    sources = element(source_desc, "listBibl", type="sources")
    for index, holding in enumerate(parsed.holdings, start=1):
        _holding(sources, holding, f"d{number}-arch{index}", context, tally)
    for index, found in enumerate(parsed.publications, start=1):
        _publication(sources, found, f"d{number}-pub{index}", context, tally)
    for index, text in parsed.bibl_notes:
        # Printed right after the reference, where the edition keeps it; the emphasis is not in the text.
        bibl = sources[index]
        _append_text(bibl, " ")
        note = element(bibl, "note", type="editorial", subtype="emphasis-not-reproduced", place="inline",
                       resp=_pointer(context.compiler))
        inline(note, text, context, tally)


ARCHIVAL_PARTS = ("repository_ref", "fond", "opis", "delo", "folios_from")  # what archival-complete asks for


def _holding(parent, holding: Holding, xml_id: str, context: Context, tally: Tally) -> None:
    missing = [part.split("_")[0] for part in ARCHIVAL_PARTS if not getattr(holding, part)]
    # A holding the source leaves incomplete is kept as a reference, not claimed as a complete holding.
    kind = "" if missing else "archival"
    bibl = element(parent, "bibl", type=kind, subtype=holding.kind if kind else "",
                   cert="low" if holding.unsure or missing else "")
    bibl.set(f"{{{XML_NS}}}id", xml_id)
    if missing:
        tally.review.append(f"{xml_id}: no {', '.join(missing)} found: kept as a reference without "
                            'type="archival" until the holding is complete')
    added = context.recogniser.repositories.added.get(holding.repository_ref)
    if added is not None and not holding.inherited:
        origin = "from teikit's list of archives" if added.listed else "as a new entry, as printed"
        tally.review.append(f"{xml_id}: repository “{holding.repository}” is not in the authority files: added to "
                            f"{context.authority_output.name} {origin} (#{added.id}), marked for review")
    for segment in holding.segments:
        if segment.part == "repository":
            attributes = {"type": "repository", "ref": _pointer(holding.repository_ref),
                          "evidence": "internal" if holding.inherited else ""}
            element(bibl, "orgName", segment.text or None, **attributes)
        elif segment.part == "folios":
            element(bibl, "citedRange", segment.text, unit="folio", from_=holding.folios_from, to=holding.folios_to)
        elif segment.part:
            element(bibl, "idno", segment.text, type=segment.part)
        else:
            _append_text(bibl, segment.text)
    for problem in holding.unsure:
        tally.review.append(f"{xml_id}: {problem}")


def _publication(parent, found: Publication, xml_id: str, context: Context, tally: Tally) -> None:
    bibl = element(parent, "bibl", type="publication")
    bibl.set(f"{{{XML_NS}}}id", xml_id)
    if not found.title:
        bibl.text = found.text
        bibl.set("cert", "low")
        tally.review.append(f"{xml_id}: publication reference not parsed into its parts")
        return
    head, _, _ = found.text.partition(found.title)
    bibl.text = head
    element(bibl, "title", found.title, level="m").tail = ", "
    place = context.recogniser.first_of_kind(found.place, "place")
    element(bibl, "pubPlace", found.place, ref=" ".join(f"#{r}" for r in place.refs) if place else "").tail = ", "
    element(bibl, "date", found.year, when=found.year)
    if found.scope:
        _append_text(bibl, ", ")
        element(bibl, "biblScope", found.scope, unit="document", from_=found.scope_from, to=found.scope_from)
    _append_text(bibl, ".")


def _profile_desc(header, parsed: Parsed, number: str, context: Context, tally: Tally) -> None:
    profile = element(header, "profileDesc")
    heading = parsed.heading
    if parsed.turns:
        _turn_actions(profile, parsed, number, context, tally)
        _text_class(profile, heading, context, tally)
        return
    corresp = element(profile, "correspDesc")
    sent = element(corresp, "correspAction", type="sent")
    senders = list(heading.senders) + [p for p in _signatories(parsed, context) if not _same(p, heading.senders)]
    for party in senders:
        _party(sent, party, tally)
    dateline = parsed.dateline
    if dateline and dateline.place:
        place = context.recogniser.first_of_kind(dateline.place, "place")
        element(sent, "placeName", dateline.place, ref=" ".join(f"#{r}" for r in place.refs) if place else "",
                cert="" if place else "low")
        if not place:
            # Not in the authority files: corresp-place-grounded wants the grounds of an unsure place.
            element(sent, "note", f"The place of writing as the dateline prints it (“{dateline.place}”); "
                    "the authority files do not name it.")
            tally.review.append(f"place of writing “{dateline.place}” is not in the authority files")
    _sent_date(sent, parsed, tally)
    if not senders:
        element(sent, "note", "Sender not recognised by the ingest.", type="review")
    if heading.conversation:
        tally.review.append("a record of conversation: the ingest gives the first side named as sender and the "
                            "second as addressee; mark who speaks where")
    if heading.addressees:
        for party in heading.addressees:
            _party(element(corresp, "correspAction", type="received"), party, tally)
    else:
        element(element(corresp, "correspAction", type="received"), "note", "Addressee not named in the source.")
    for party in heading.copies:
        _party(element(corresp, "correspAction", type="received", subtype="cc"), party, tally)
    _text_class(profile, heading, context, tally)


def _sent_date(action, parsed: Parsed, tally: Tally) -> None:
    """The date of sending; one completed from the neighbours says so (cert="medium" and a note)."""
    date = parsed.dateline.date if parsed.dateline else None
    if date and date.attributes:
        element(action, "date", **date.attributes, cert="medium" if date.year_from else "")
        if date.year_from:
            element(action, "note", f"“{date.text}”: {date.year_from}.")
            tally.review.append(f"the date “{date.text}”: {date.year_from}")
    elif date and date.month_day:
        element(action, "note", f"The source prints “{date.text}” without a year, and no document around it "
                "gives one.", type="undated")
    else:
        element(action, "note", "Undated in the source.", type="undated")
        tally.review.append("no date of writing recognised")


def _text_class(profile, heading, context: Context, tally: Tally) -> None:
    kind = heading.kind if heading.kind in context.categories else ""
    if kind:
        text_class = element(profile, "textClass")
        element(text_class, "catRef", scheme="#document-kinds", target=f"#{kind}")
    else:
        tally.review.append(f"kind of document not recognised from the heading{' (' + heading.kind + ' is not in the taxonomy)' if heading.kind else ''}")


def _signatories(parsed: Parsed, context: Context) -> list[Party]:
    found = []
    for signature in parsed.signatures:
        person = context.recogniser.last_of_kind(signature, "person")
        if person is not None:
            found.append(Party(signature, "person", signature[person.start:person.end], person.refs, not person.ambiguous))
    return found


def _same(party: Party, others: list[Party]) -> bool:
    return any(party.refs and party.refs == other.refs for other in others)


def _party(action, party: Party, tally: Tally) -> None:
    name = element(action, NAME_ELEMENT[party.kind], party.name, ref=" ".join(f"#{r}" for r in party.refs),
                   cert="" if party.sure and party.refs else "low")
    if not party.refs:
        tally.review.append(f"correspondent “{party.name}” is not in the authority files")
        tally.unknown.append(party.name)
    elif not party.sure:
        tally.review.append(f"correspondent “{party.name}” may be any of {', '.join(party.refs)}")
    return name


def _body(text_element, parsed: Parsed, number: str, context: Context, tally: Tally) -> None:
    body = element(text_element, "body")
    if parsed.source.number_line is not None:
        element(body, "head", parsed.source.number_line.text, type="number")
    heading = parsed.heading
    main = element(body, "head", resp=_pointer(context.compiler))
    inline(main, heading.main, context, tally)
    paragraphs = parsed.paragraphs or []
    signatures = parsed.signatures
    if not paragraphs and signatures:  # the schema wants a paragraph: the signatures become one
        paragraphs, signatures = [" ".join(signatures)], []
        tally.review.append("no paragraph besides the signatures: they are kept as a paragraph")
    if not paragraphs:
        paragraphs = [""]
        tally.review.append("no text found between the heading and the archival reference")
    blocks = [p for turn in parsed.turns for p in turn.paragraphs] if parsed.turns else paragraphs
    anchors, unplaced = _note_anchors(parsed.notes, blocks, context, tally)
    for note in unplaced:
        # Notes printed after the reference concern the document; the editor anchors them finer.
        _editorial_note(main, note, context, tally)
    if unplaced:
        tally.review.append("the notes printed after the archival reference that quote no word of the text are "
                            "anchored at the heading: move each to the words it explains")
    for kind, text in (("cc", heading.cc), ("addressees", heading.addressees_line), ("subject", heading.subject)):
        if text:
            inline(element(body, "head", type=kind, resp=_pointer(context.compiler)), text, context, tally)
    if parsed.dateline_text or parsed.telegram_number or parsed.salute:
        opener = element(body, "opener")
        if parsed.dateline_text:
            _dateline(element(opener, "dateline"), parsed, context, tally)
        if parsed.telegram_number:
            element(opener, "idno", parsed.telegram_number, type="telegram-number")
        if parsed.salute:
            inline(element(opener, "salute"), parsed.salute, context, tally)
    if parsed.turns:
        _turns(body, parsed, number, context, tally, anchors)
    else:
        for index, paragraph in enumerate(paragraphs):
            inline(element(body, "p"), paragraph, context, tally, anchors.get(index, []))
    if signatures or parsed.closing_number:
        closer = element(body, "closer")
        for signature in signatures:
            inline(element(closer, "signed"), signature, context, tally)
        if parsed.closing_number:
            _append_text(closer, parsed.closing_number)


def _dateline(dateline_element, parsed: Parsed, context: Context, tally: Tally) -> None:
    dateline = parsed.dateline
    text = parsed.dateline_text
    date = dateline.date
    date_start = text.index(date.text) if date and date.text in text else len(text)
    if dateline.place:
        _name_or_text(dateline_element, text[:date_start], dateline.place, context, tally)
    if date:
        cert = "low" if not date.sure else "medium" if date.year_from else ""
        element(dateline_element, "date", date.text, **date.attributes, cert=cert)
        if not date.sure:
            tally.review.append(f"“{date.text}” is not a real date")


def _name_or_text(parent, text: str, place: str, context: Context, tally: Tally) -> None:
    match = context.recogniser.first_of_kind(place, "place")
    before, _, after = text.partition(place)
    _append_text(parent, before)
    element(parent, "placeName", place, ref=" ".join(f"#{r}" for r in match.refs) if match else "",
            cert="" if match else "low")
    _append_text(parent, after)


def _turns(body, parsed: Parsed, number: str, context: Context, tally: Tally, anchors: dict[int, list[Anchor]]) -> None:
    block = 0
    for index, turn in enumerate(parsed.turns, start=1):
        sp = element(body, "sp", who=" ".join(f"#{r}" for r in turn.refs), cert="" if turn.sure else "low")
        sp.set(f"{{{XML_NS}}}id", f"d{number}-turn{index}")
        if turn.label:
            inline(element(sp, "speaker"), turn.label, context, tally)
        for paragraph in turn.paragraphs:
            inline(element(sp, "p"), paragraph, context, tally, anchors.get(block, []))
            block += 1


QUOTED = re.compile(r"[“\"«]([^”\"«»“]{2,60})[”\"»]")


def _note_anchors(notes: list[str], blocks: list[str], context: Context,
                  tally: Tally) -> tuple[dict[int, list[Anchor]], list[str]]:
    """Where each note goes: right after the word it quotes ("Note: The original text uses
    “desire,” …" goes after "desire"), at its first place in the text, its punctuation
    included; the others, unplaced."""
    anchors: dict[int, list[Anchor]] = {}
    unplaced = []
    for note in notes:
        place = None
        for quoted in QUOTED.finditer(note):
            term = quoted.group(1).strip(" ,.;:!?")
            if not term or len(term.split()) > 4:
                continue
            word = re.compile(rf"(?<![\w’-]){re.escape(term)}(?![\w’-])")
            found = [(index, match) for index, block in enumerate(blocks) for match in word.finditer(block)]
            if found:
                place = (term, found)
                break
        if place is None:
            unplaced.append(note)
            continue
        term, found = place
        index, match = found[0]
        end = match.end()
        while end < len(blocks[index]) and not blocks[index][end].isspace():
            end += 1  # after the word's punctuation and closing quotes, as a note mark stands in print
        anchors.setdefault(index, []).append(
            (end, lambda parent, note=note: _editorial_note(parent, note, context, tally, cert="medium")))
        where = f" (the first of its {len(found)} places)" if len(found) > 1 else ""
        tally.review.append(f"a note is anchored after “{term}”, the word it quotes{where}: check it")
    return anchors, unplaced


def _editorial_note(parent, note: str, context: Context, tally: Tally, cert: str = "") -> None:
    note_element = element(parent, "note", type="editorial", place="end", resp=_pointer(context.compiler), cert=cert)
    inline(note_element, note, context, tally)


def _turn_actions(profile, parsed: Parsed, number: str, context: Context, tally: Tally) -> None:
    """One correspDesc per turn: the speaker to the other side(s) the heading names."""
    heading = parsed.heading
    parties = {ref: party for party in heading.senders + heading.addressees for ref in party.refs}
    for index, turn in enumerate(parsed.turns, start=1):
        corresp = element(profile, "correspDesc", n=str(index), corresp=f"#d{number}-turn{index}")
        sent = element(corresp, "correspAction", type="sent")
        for ref in turn.refs:
            speaker = parties.get(ref) or Party(ref, "person", context.recogniser.names.get(ref, ref), [ref])
            _party(sent, Party(speaker.text, "person", speaker.name, [ref], turn.sure), tally)
        _sent_date(sent, parsed, tally)
        received = element(corresp, "correspAction", type="received")
        others = [party for ref, party in parties.items() if ref not in turn.refs]
        for party in others:
            _party(received, party, tally)
        if not others:
            element(received, "note", "Addressee not named in the source.")
    tally.review.append("a record of conversation: one correspDesc per turn, each speaker to the other side; "
                        "the first speaker is read from the text" + ("" if parsed.turns[0].sure else
                        " (not named there: the other side than the one who answers, to check)"))
