"""One document's parts, in the order the source prints them.

heading (main, cc, addressees, subject) -> dateline -> opener (telegram number, salutation)
-> paragraphs -> closer (signatures, a closing number) -> archival reference -> notes and
publication references. Nothing is dropped: every character of the document's lines lands in
exactly one part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .archival import Holding, Repositories, find_reference
from .heading import LOOK_BACK, Dateline, Heading, find_dateline, find_partial_dateline, parse_parties, split_heading
from .names import Recogniser
from .split import DocumentSource

TELEGRAM_NUMBER = re.compile(r"^No\.\s*\d+[\w/-]*\.")
SALUTE = re.compile(r"^Dear [^,.;]{1,60},")
CLOSING_NUMBER = re.compile(r"(?:^|\s)(No\.\s*\d+\.)$")
# A sentence ends at . ! ? … and closing marks, but not after an initial ("K. Atabaev", "Ya. Peters").
SENTENCE_END = re.compile(r"(?<!\b[A-ZА-Я])(?<!\b[A-ZА-Я][a-zа-я])[.!?…”\"»>)]\s+(?=[A-ZА-Я])")
PARENTHESIS = re.compile(r"\((?:[^()]|\([^()]*\))*\)")
PUBLICATION = re.compile(r"Published in:.*?(?:doc\.\s*no\.\s*\d+|pp?\.\s*[\d–-]+|\d{4})\.", re.DOTALL)
TRAILING_NUMBER = re.compile(r"\s+(\d{1,6})$")
EMPHASIS = re.compile(r"^\((?:Emphasis|Italics|Underlining) (?:added|mine|ours)\b", re.IGNORECASE)
SPEAKER_LABEL = re.compile(r"^\[([^\]]+)\]\s*")
# "Petrov: …", "Comrade Ivanova: …", "N. Petrov: …": a name of one to three words before a colon.
COLON_LABEL = re.compile(r"^((?:Comrade\s+)?(?:[A-ZА-Я][a-zа-я]?\.\s?)*[A-ZА-Я][\w’-]+(?:\s[A-ZА-Я][\w’-]+)?):\s+")
# "<…> [Kuzmina] The Bureau asks …", "… Petrov: Send …": a label after a mark of omission.
LABEL_AFTER_GAP = re.compile(r"^(?:<…>|…)\s*(?:\[(?P<name>[^\]]+)\]|(?P<colon>(?:Comrade\s+)?[A-ZА-Я][\w’-]+):\s)")
# "<…> Comrade Narimanov speaking.", "Ivanova here.", "Petrov at the apparatus.", "At the apparatus is
# Petrov." at the start of a paragraph (a record of a conversation by direct line).
SPEAKING_START = re.compile(r"^(?:(?:<…>|…)\s*)?(?:(?:Comrade\s+)?(?P<name>[A-ZА-Я][\w’-]+)\s+(?:speaking|here|at the apparatus)\b"
                            r"|At the apparatus(?:,|:|\s+is)?\s+(?:Comrade\s+)?(?P<after>[A-ZА-Я][\w’-]+))")


@dataclass
class Turn:
    """One turn of a recorded conversation: who speaks (authority ids), the printed label, the words."""

    refs: list[str]
    label: str  # "[Ordzhonikidze]" as printed, "" when the turn has none
    paragraphs: list[str]
    sure: bool = True


@dataclass
class Publication:
    text: str
    title: str = ""
    place: str = ""
    year: str = ""
    scope: str = ""
    scope_from: str = ""


@dataclass
class Parsed:
    source: DocumentSource
    heading: Heading
    dateline: Dateline | None
    dateline_text: str = ""
    telegram_number: str = ""
    salute: str = ""
    paragraphs: list[str] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)
    closing_number: str = ""
    holdings: list[Holding] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Statements printed right after a reference ("(Emphasis added – Yu.B.)"): (index of the bibl
    # in print order, holdings first, then publications; the text).
    bibl_notes: list[tuple[int, str]] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)  # a conversation's turns, when it marks them
    next_number: str = ""  # a bare number after the last document: the next one's, not reproduced
    unsure: list[str] = field(default_factory=list)


@dataclass
class DatelineAt:
    """A document's dateline and the line, of its first three, it is printed on."""

    index: int
    dateline: Dateline


FIND = DatelineAt(-1, Dateline(0, 0))  # parse_document's default: find the dateline itself


def parse_document(source: DocumentSource, recogniser: Recogniser, last: bool = False,
                   found: DatelineAt | None = FIND) -> Parsed:
    """The document's parts; `found` is its dateline as `dateline_of` gives it (the ingest reads every
    dateline first, to complete a year from the neighbours), else it is looked for here."""
    texts = [line.text for line in source.lines]
    heading_lines, dateline, dateline_text, rest = _cut_heading(
        texts, dateline_of(source, recogniser) if found is FIND else found)
    heading = split_heading(heading_lines)
    parse_parties(heading, recogniser)
    parsed = Parsed(source, heading, dateline, dateline_text)
    if dateline is None:
        parsed.unsure.append("no dateline found: date and place of writing are left to the editor")
    elif dateline.date and dateline.date.month_day and not dateline.date.year_from:
        parsed.unsure.append(f"“{dateline.date.text}” has no year, and no document around it gives one: "
                             "the year is left to the editor")
    rest = _opener(parsed, rest)
    _reference_and_notes(parsed, rest, recogniser, last)
    _closer(parsed, recogniser)
    if heading.conversation:
        _turns(parsed, recogniser)
    return parsed


def trailing_number(source: DocumentSource) -> str:
    """The bare number printed after the last document's reference (the seed's "543"), as
    parse_document(…, last=True) finds it, without resolving any repository."""
    for line in reversed(source.lines):
        reference = find_reference(line.text, Repositories())
        if reference is not None:
            trailing = TRAILING_NUMBER.search(line.text[reference.end:].strip())
            return trailing.group(1) if trailing else ""
    return ""


def dateline_of(source: DocumentSource, recogniser: Recogniser) -> DatelineAt | None:
    """The document's dateline: the first full date in its first three lines; failing one, a date
    without its year ("Kharkov, June 2"), whose year is completed from the neighbours."""
    def places(before: str) -> tuple[int, int] | None:
        ends = [m for m in recogniser.find(before[-LOOK_BACK:]) if m.kind == "place"
                and m.end == len(before[-LOOK_BACK:])]
        shift = max(0, len(before) - LOOK_BACK)
        return (ends[-1].start + shift, ends[-1].end + shift) if ends else None

    texts = [line.text for line in source.lines[:3]]
    for finder in (find_dateline, find_partial_dateline):
        for index, text in enumerate(texts):
            dateline = finder(text, places)
            if dateline is not None:
                return DatelineAt(index, dateline)
    return None


def _cut_heading(texts: list[str], found: DatelineAt | None) -> tuple[list[str], Dateline | None, str, list[str]]:
    """The heading's lines, the dateline and the lines after it (the dateline's line continued)."""
    if found is None:
        return texts[:1], None, "", texts[1:]
    text, dateline = texts[found.index], found.dateline
    before = text[:dateline.start].strip()
    after = text[dateline.end:].strip()
    heading = texts[:found.index] + ([before] if before else [])
    return heading, dateline, text[dateline.start:dateline.end], ([after] if after else []) + texts[found.index + 1:]


def _opener(parsed: Parsed, rest: list[str]) -> list[str]:
    if not rest:
        return rest
    first = rest[0]
    number = TELEGRAM_NUMBER.match(first)
    if number:
        parsed.telegram_number = number.group()
        first = first[number.end():].strip()
    salute = SALUTE.match(first)
    if salute:
        parsed.salute = salute.group()
        first = first[salute.end():].strip()
    return ([first] if first else []) + rest[1:]


def _reference_and_notes(parsed: Parsed, rest: list[str], recogniser: Recogniser, last: bool) -> None:
    for index in range(len(rest) - 1, -1, -1):
        reference = find_reference(rest[index], recogniser.repositories)
        if reference is None:
            continue
        parsed.holdings = reference.holdings
        before = rest[index][:reference.start].strip()
        after = rest[index][reference.end:].strip()
        parsed.paragraphs = rest[:index] + ([before] if before else [])
        if last:
            trailing = TRAILING_NUMBER.search(after)
            if trailing:
                parsed.next_number = trailing.group(1)
                after = after[:trailing.start()]
        _notes(parsed, after)
        for extra in rest[index + 1:]:
            parsed.unsure.append(f"text after the archival reference kept as a note: {extra[:40]!r}…")
            _notes(parsed, extra)
        return
    parsed.paragraphs = rest
    parsed.unsure.append("no archival reference found")


def _notes(parsed: Parsed, text: str) -> None:
    """'(Emphasis added – Yu.B.) Response to …' -> notes; 'Published in: …' -> a publication."""
    position = 0
    pieces: list[tuple[str, str]] = []
    for match in re.finditer(rf"{PARENTHESIS.pattern}|{PUBLICATION.pattern}", text, re.DOTALL):
        if text[position:match.start()].strip():
            pieces.append(("note", text[position:match.start()].strip()))
        pieces.append(("publication" if match.group().startswith("Published") else "note", match.group()))
        position = match.end()
    if text[position:].strip():
        pieces.append(("note", text[position:].strip()))
    for kind, piece in pieces:
        bibls = len(parsed.holdings) + len(parsed.publications)
        if kind == "publication":
            parsed.publications.append(publication(piece))
        elif EMPHASIS.match(piece) and bibls:
            parsed.bibl_notes.append((bibls - 1, piece))
        else:
            parsed.notes.append(piece)


def publication(text: str) -> Publication:
    """'Published in: Nagorno-Karabakh in 1918–1923, Yerevan, 1992, doc. no. 408.'"""
    found = Publication(text)
    match = re.match(r"Published in:\s*(?P<title>.+?),\s*(?P<place>[A-Z][\w’-]+),\s*(?P<year>\d{4})"
                     r"(?:,\s*(?P<scope>(?:doc\.\s*no\.|No\.|pp?\.)\s*(?P<from>\d+)))?\.$", text, re.DOTALL)
    if match:
        found.title, found.place, found.year = match.group("title"), match.group("place"), match.group("year")
        found.scope, found.scope_from = match.group("scope") or "", match.group("from") or ""
    return found


def _closer(parsed: Parsed, recogniser: Recogniser) -> None:
    """A closing number ('No. 741.') and signatures end the last paragraph."""
    if not parsed.paragraphs:
        return
    last = parsed.paragraphs[-1]
    number = CLOSING_NUMBER.search(last)
    if number:
        parsed.closing_number = number.group(1)
        last = last[:number.start()].strip()
    ends = list(SENTENCE_END.finditer(last))
    tail_start = ends[-1].end() if ends else 0
    tail = last[tail_start:]
    if _is_signature(tail, recogniser) and (ends or len(parsed.paragraphs) > 1):
        parsed.signatures = [s.strip() for s in re.split(r"\s(?=For the )", tail)]
        last = last[:tail_start].strip()
    parsed.paragraphs[-1:] = [last] if last else []


def _is_signature(text: str, recogniser: Recogniser) -> bool:
    text = text.strip()
    if not text or len(text) > 300 or text[-1] in ".!?…>”\"":
        return False
    person = recogniser.last_of_kind(text, "person")
    return person is not None and text[person.end:].strip() == ""


def _turns(parsed: Parsed, recogniser: Recogniser) -> None:
    """The turns of a recorded conversation. A paragraph starts a turn when it opens with the
    speaker's name in brackets ("[Ordzhonikidze] Of course …") or before a colon ("Petrov: Is the
    line …"), kept as the turn's speaker, or says who speaks ("Comrade Ivanova speaking."). A name
    counts when it is a side of the conversation or a person of the authority files."""
    sides = parsed.heading.senders + parsed.heading.addressees
    turns = [Turn([], "", [])]
    for paragraph in parsed.paragraphs:
        label = SPEAKER_LABEL.match(paragraph) or COLON_LABEL.match(paragraph)
        speaker = _speaker(label.group(1), sides, recogniser) if label else None
        if speaker is not None:
            turns.append(Turn(speaker, label.group().rstrip(), [paragraph[label.end():]]))
            continue
        # After a mark of omission the label stays in the paragraph, where the source prints it.
        speaking = SPEAKING_START.match(paragraph) or LABEL_AFTER_GAP.match(paragraph)
        named = speaking and next((name for name in speaking.groupdict().values() if name), None)
        speaker = _speaker(named, sides, recogniser) if named else None
        if speaker is not None and (turns[-1].paragraphs or turns[-1].refs):
            turns.append(Turn(speaker, "", [paragraph]))
        elif speaker is not None:
            turns[-1].refs = speaker
            turns[-1].paragraphs.append(paragraph)
        else:
            turns[-1].paragraphs.append(paragraph)
    turns = [t for t in turns if t.paragraphs]
    if len(turns) < 2:
        return
    first = turns[0]
    if not first.refs:  # the other side of the conversation than the one who answers
        others = [ref for party in sides for ref in party.refs if ref not in turns[1].refs]
        first.refs, first.sure = others[:1], False
    parsed.turns = turns


def _speaker(name: str, sides: list, recogniser: Recogniser) -> list[str] | None:
    """The authority ids of the person `name` names: a side of the conversation by its surname or
    by the office the heading gives it ("The Chairman" for "Chairman of the Don Executive
    Committee, G. Shapovalov", when no other side holds an office so named), else a person of the
    authority files named exactly so; None when it names no one."""
    name = re.sub(r"^Comrade\s+", "", name.strip())
    for side in sides:
        if side.kind == "person" and side.refs and side.name.split()[-1] == name.split()[-1]:
            return side.refs
    office = re.sub(r"^The\s+", "", name).casefold()
    holders = [side for side in sides if side.kind == "person" and side.refs and office != side.name.casefold()
               and re.match(rf"{re.escape(office)}\b", side.text.casefold())]
    if len(holders) == 1:
        return holders[0].refs
    person = recogniser.first_of_kind(name, "person")
    return person.refs if person is not None and person.end - person.start == len(name) else None
