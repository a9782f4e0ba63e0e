"""A document's heading: kind, sender(s), addressee(s), copies, subject, dateline.

The heading runs from the document's first line to its dateline ("Rostov, August 27, 1920",
"No later than September 1, 1920"): the first full date not introduced by a preposition
("dated August 10, 1920" and "Agreement of August 10, 1920" belong to the subject).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .names import Match, Recogniser
from .split import KIND_WORDS

MONTHS = {m: i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], start=1)}
MONTH = "|".join(MONTHS)
ROMAN_MONTHS = {m: i for i, m in enumerate(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"],
                                            start=1)}
ROMAN_MONTH = "|".join(sorted(ROMAN_MONTHS, key=len, reverse=True))
# "August 27, 1920", "27 August 1920", "August 1920"; in figures, day first: "2.VI.1918", "02.06.1918"
DATE = re.compile(rf"(?:(?P<month>{MONTH})\s+(?P<day>\d{{1,2}}),\s*(?P<year>\d{{4}})"
                  rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{MONTH})\s+(?P<year2>\d{{4}})"
                  rf"|(?P<month3>{MONTH})\s+(?P<year3>\d{{4}})"
                  rf"|(?<![\w.])(?P<day4>\d{{1,2}})\.(?P<month4>{ROMAN_MONTH}|0?[1-9]|1[0-2])\.(?P<year4>\d{{4}})(?!\w|\.\d))")
QUALIFIERS = {"no later than": "notAfter", "not later than": "notAfter", "not earlier than": "notBefore",
              "no earlier than": "notBefore", "before": "notAfter", "after": "notBefore"}
QUALIFIER = re.compile(r"(?P<qualifier>No later than|Not later than|Not earlier than|No earlier than)\s+$", re.IGNORECASE)
# A date introduced by one of these words is a date the heading speaks of, not the dateline.
PREPOSITIONS = {"dated", "of", "on", "from", "since", "until", "till", "to", "by", "in", "and", "before", "after"}
PLACE_BEFORE = re.compile(r"(?<![\w’-])(?P<place>[A-ZА-Я][\w’-]+),\s*$")
LOOK_BACK = 120  # characters before a date that can hold its qualifier, preposition or place
KIND_OF = [  # heading opening -> document kind (the edition's taxonomy ids)
    (r"Record of (?:a )?conversation", "conversation-record"), (r"(?:From (?:the|a) )?Report", "report"),
    (r"Telegram", "telegram"), (r"Radiogram|Cable", "telegram"), (r"Letter", "letter"),
    (r"Dispatch", "dispatch"), (r"Appeal", "appeal"), (r"Memorandum", "memorandum"), (r"Note", "note"),
    (r"Directive", "directive"), (r"Order", "order"), (r"Decree", "decree"), (r"Resolution", "resolution"),
    (r"Statement", "statement"), (r"Declaration", "declaration"), (r"Protocol|Minutes", "minutes"),
]
SUBJECT_START = re.compile(r"\s(?=(?:Regarding|Concerning|On|About)\s)")
PURPOSE_CLAUSE = re.compile(r"\s(?=[a-z]+ing\s)")  # "… 11th Red Army requesting permission …"
PERSONAL_NAME = re.compile(r"(?:(?:[A-ZА-Я][a-zа-я]?\.\s?)+|[A-ZÀ-Ž][a-zà-ž]+\s)[A-ZÀ-ŽА-Я][\w’-]+$")


# "June 2", "2 June": a day of a month, the year not printed (not followed by one).
DAY_MONTH = re.compile(rf"(?<![\w-])(?:(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<month2>{MONTH}))"
                       rf"(?![\d\w])(?!,?\s*\d{{4}})(?!\s+(?:{MONTH})\b)")
# A place name of two words the authority files do not know: an adjective and a noun ("Staraya Russa").
ADJECTIVE_BEFORE = re.compile(r"(?<![\w’-])[A-ZА-Я][\w’-]*(?:aya|iye|ye|oye|iy|yi|ny|oy|ie|aia)\s+$")


@dataclass
class Date:
    text: str  # as printed, qualifier included
    attributes: dict[str, str]  # when | notAfter | notBefore
    sure: bool = True
    month_day: tuple[int, int] | None = None  # a date printed without its year: (month, day)
    attribute: str = "when"  # which attribute its value fills: when, notAfter, notBefore
    year_from: str = ""  # where its year was taken from, once completed (the attributes then hold it)


@dataclass
class Dateline:
    start: int  # in the text it was found in
    end: int
    place: str = ""
    place_start: int = -1
    date: Date | None = None


@dataclass
class Party:
    """A sender or addressee as the heading names it: 'People’s Commissar …, G. Chicherin'."""

    text: str
    kind: str  # person | org
    name: str  # the name as printed: "G. Chicherin"
    refs: list[str] = field(default_factory=list)
    sure: bool = True


@dataclass
class Heading:
    kind: str = ""
    main: str = ""  # the heading proper
    cc: str = ""  # "(Copy to: …)"
    addressees_line: str = ""  # "To …" printed on a line of its own
    subject: str = ""  # "On the …", "Regarding …"
    senders: list[Party] = field(default_factory=list)
    addressees: list[Party] = field(default_factory=list)
    copies: list[Party] = field(default_factory=list)
    conversation: bool = False
    unsure: list[str] = field(default_factory=list)


def iso_date(year: str, month: int, day: str | None) -> str | None:
    """1920-08-27, or None when the day does not exist."""
    if day is None:
        return f"{int(year):04d}-{month:02d}"
    try:
        return datetime.date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def date_value(match: re.Match) -> str | None:
    """The ISO value of a DATE match."""
    if match.group("month"):
        return iso_date(match.group("year"), MONTHS[match.group("month")], match.group("day"))
    if match.group("month2"):
        return iso_date(match.group("year2"), MONTHS[match.group("month2")], match.group("day2"))
    if match.group("month4"):
        month = ROMAN_MONTHS.get(match.group("month4")) or int(match.group("month4"))
        return iso_date(match.group("year4"), month, match.group("day4"))
    return iso_date(match.group("year3"), MONTHS[match.group("month3")], None)


def find_dateline(text: str, places: PlaceFinder | None = None) -> Dateline | None:
    """The dateline in `text`: the first full date not introduced by a preposition."""
    return _dateline(text, DATE.finditer(text), places)


def find_partial_dateline(text: str, places: PlaceFinder | None = None) -> Dateline | None:
    """A dateline without a year ("Kharkov, June 2"): its year is completed from the neighbours."""
    return _dateline(text, DAY_MONTH.finditer(text), places)


# Given the text before a date, where a known place ends it: (start, end), or None.
PlaceFinder = Callable[[str], "tuple[int, int] | None"]


def _dateline(text: str, matches: Iterable[re.Match], places: PlaceFinder | None) -> Dateline | None:
    for match in matches:
        before = text[max(0, match.start() - LOOK_BACK):match.start()]  # what decides is just before the date
        word = re.search(r"(\w+)\W*$", before)
        qualifier = QUALIFIER.search(before)
        if word and word.group(1).casefold() in PREPOSITIONS and not qualifier:
            continue
        start = match.start() - len(before) + qualifier.start() if qualifier else match.start()
        printed = text[start:match.end()]
        attribute = QUALIFIERS[qualifier.group("qualifier").casefold()] if qualifier else "when"
        if "year" in match.groupdict():
            value = date_value(match)
            date = Date(printed, {attribute: value} if value else {}, sure=value is not None)
        else:
            month = MONTHS[match.group("month") or match.group("month2")]
            day = int(match.group("day") or match.group("day2"))
            if iso_date("2000", month, str(day)) is None:  # no such day in any year
                continue
            date = Date(printed, {}, month_day=(month, day), attribute=attribute)
        dateline = Dateline(start, match.end(), date=date)
        _place_before(text, start, dateline, places)  # "Verkhneudinsk, not earlier than March 15, 1922"
        return dateline
    return None


def _place_before(text: str, date_start: int, dateline: Dateline, places: PlaceFinder | None) -> None:
    """The place printed before the date ("Staraya Russa, May 24, 1919"): the longest place of the
    authority files that ends there, else one word (or an adjective and a noun) before the comma."""
    window = max(0, date_start - LOOK_BACK)
    before = text[window:date_start]
    comma = re.search(r",\s*$", before)
    if comma is None:
        return
    known = places(before[:comma.start()]) if places else None
    if known is not None:
        start, end = known
        dateline.place, dateline.place_start = before[start:end], window + start
        dateline.start = window + start
        return
    place = PLACE_BEFORE.search(text, window, date_start)
    if place:
        start = place.start()
        adjective = ADJECTIVE_BEFORE.search(text, window, start)
        if adjective:
            start = adjective.start()
        dateline.place, dateline.place_start = text[start:place.end("place")], start
        dateline.start = start


def document_kind(main: str) -> str:
    for pattern, kind in KIND_OF:
        if re.match(pattern, main):
            return kind
    return ""


def split_heading(lines: list[str]) -> Heading:
    """Assign the heading's lines (the dateline already cut off) to main, cc, addressees, subject."""
    heading = Heading()
    parts: list[str] = []
    for line in lines:
        cc = re.match(r"^\((?:Copy|Copies) to:[^)]*\)", line)
        if cc:
            heading.cc = cc.group()
            line = line[cc.end():].strip()
        if line:
            parts.append(line)
    for index, part in enumerate(parts):
        subject = SUBJECT_START.search(part, 1) if index == 0 or not part.startswith(("On ", "Regarding ")) else None
        if index > 0 and part.startswith(("On ", "Regarding ", "Concerning ", "About ")):
            heading.subject = " ".join(filter(None, [heading.subject, part]))
            continue
        head, rest = (part[:subject.start()], part[subject.start():].strip()) if subject else (part, "")
        if index > 0 and re.match(r"^To\s", head):
            heading.addressees_line = head.strip()
        elif not heading.main:
            heading.main = head.strip()
        else:
            heading.main = f"{heading.main} {head.strip()}"
        if rest:
            heading.subject = " ".join(filter(None, [heading.subject, rest]))
    heading.kind = document_kind(heading.main)
    return heading


def parse_parties(heading: Heading, recogniser: Recogniser) -> None:
    """Senders, addressees and copies from the heading's wording."""
    main = PURPOSE_CLAUSE.split(heading.main, maxsplit=1)[0].rstrip(" ,")
    # "Record of conversation by direct line between A, and B": "between" decides, wherever it stands.
    opening = re.match(rf"^(?:{KIND_WORDS})(?:\s+[\w’-]+){{0,4}}?\s+between\s", main) or \
        re.match(rf"^(?:From (?:the|a) )?(?:{KIND_WORDS})(?:\s+[\w’-]+){{0,3}}?\s+(?:from|of|by|between)\s", main)
    if not opening:
        heading.unsure.append("the heading names no sender in a form the ingest knows (… from X to Y)")
        return
    rest = main[opening.end():]
    heading.conversation = opening.group().rstrip().endswith("between")
    separators = [r",\s+and\s+", r"\s+and\s+"] if heading.conversation else [r",\s+to\s+", r"\s+to\s+(?=[A-Z]|the\s)"]
    pieces = next((re.split(s, rest, maxsplit=1) for s in separators if re.search(s, rest)), [rest])
    heading.senders = [party(p, recogniser) for p in _several(pieces[0], recogniser)]
    to_text = pieces[1] if len(pieces) > 1 else ""
    if heading.addressees_line:
        to_text = re.sub(r"^To\s+", "", heading.addressees_line)
    heading.addressees = [party(p, recogniser) for p in _several(to_text, recogniser)] if to_text else []
    if heading.cc:
        copies = re.sub(r"^\((?:Copy|Copies) to:\s*|\)$", "", heading.cc)
        heading.copies = [party(p, recogniser) for p in _several(copies, recogniser)]
    if heading.conversation and len(heading.senders) + len(heading.addressees) < 2:
        heading.unsure.append("a conversation whose two sides the heading does not separate")


def _several(text: str, recogniser: Recogniser) -> list[str]:
    """'A; B; and C' or 'X G. Chicherin and V. Lenin': one piece per party."""
    pieces = []
    for piece in re.split(r";\s*|(?<=\w),\s+and\s+(?=[A-Z])", text.strip().rstrip(",")):
        piece = re.sub(r"^and\s+", "", piece.strip()).strip(" ,")
        if not piece:
            continue
        halves = re.split(r"\s+and\s+", piece)
        joined = [halves[0]]
        for half in halves[1:]:
            # "… G. Chicherin and V. Lenin": split only where a name ends or begins the half.
            if PERSONAL_NAME.search(joined[-1]) and _begins_with_person(half, recogniser):
                joined.append(half)
            else:
                joined[-1] = f"{joined[-1]} and {half}"
        pieces.extend(joined)
    return pieces


def _begins_with_person(text: str, recogniser: Recogniser) -> bool:
    match = recogniser.first_of_kind(text, "person")
    return bool(match and match.start == 0) or bool(re.match(r"(?:[A-Z]\.\s?)+[A-Z]", text))


def party(text: str, recogniser: Recogniser) -> Party:
    """A person when the piece ends with a personal name, else an organisation."""
    text = text.strip().rstrip(",")
    person = recogniser.last_of_kind(text, "person")
    if person is not None and text[person.end:].strip(" ,") == "":
        return Party(text, "person", text[person.start:person.end], person.refs, sure=not person.ambiguous)
    name = PERSONAL_NAME.search(text)
    if name and ("," in text or re.match(r"(?:[A-Z]\.\s?)+", name.group())):
        return Party(text, "person", name.group(), [], sure=False)
    org = recogniser.longest_of_kind(text, "org")
    body = re.sub(r"^the\s+", "", text)
    if org is not None:
        return Party(text, "org", body, org.refs, sure=not org.ambiguous)
    return Party(text, "org", body, [], sure=False)


def plain_match(match: Match) -> tuple[int, int]:
    return match.start, match.end
