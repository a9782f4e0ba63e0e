"""Archival references as printed in Russian and post-Soviet document collections.

`RGASPI, f. 64, op. 1, d. 21, ll. 143–144. Copy; also in f. 5, op. 1, d. 2127, l. 7. Copy.`
becomes two holdings, each with its repository, fond, opis, papka, delo, folios and kind of copy.
The printed text is kept whole: every holding knows which characters are which part, so the TEI
writer can tag the parts without changing a word. Latin (`f. op. d. l.`) and Cyrillic
(`ф. оп. д. л.`) labels are read alike; values are kept as printed (`R-478`, `Р-627`, `1a`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A part's label as printed -> the part it names.
LABELS = {
    "f": "fond", "ф": "fond",
    "op": "opis", "оп": "opis",
    "p": "papka", "п": "papka",
    "d": "delo", "д": "delo",
    "l": "folios", "ll": "folios", "л": "folios", "лл": "folios",
}
VALUE = r"[0-9A-Za-zА-Яа-яЁё]+(?:-[0-9A-Za-zА-Яа-яЁё]+)*"
VERSO = r"(?:verso|ob\.|об\.)"
FOLIO = rf"\d+(?:\s?{VERSO})?"
FOLIO_RANGE = rf"{FOLIO}(?:\s*[–—-]\s*{FOLIO})?(?:,\s*{FOLIO}(?:\s*[–—-]\s*{FOLIO})?)*"
LABEL_PART = re.compile(rf"(?P<label>оп|op|ф|f|п|p|д|d)\.\s*(?P<value>{VALUE})")
FOLIO_PART = re.compile(rf"(?P<label>лл|ll|л|l)\.\s*(?P<value>{FOLIO_RANGE})")
# The first part of a holding: a fond, its label preceded by a space or the start.
FOND_START = re.compile(r"(?<![\w.])(?:f|ф)\.\s*" + VALUE + r"\s*,\s*(?:op|оп|d|д)\.")
REPOSITORY_LOOK_BACK = 200  # characters before a fond that can hold its repository
ALSO = re.compile(r"(also in|see also|а также|также)\s+", re.IGNORECASE)
# The kinds of witness printed after the folios, and the edition's @subtype for each.
KINDS = {
    "certified copy": "certified-copy", "official copy": "official-copy", "printed copy": "printed-copy",
    "telegraph form": "telegraph-form", "typescript": "typescript", "copy": "copy",
    "original": "", "manuscript": "", "autograph": "",
    "заверенная копия": "", "копия": "", "подлинник": "", "машинопись": "", "автограф": "",
}
KIND = re.compile(r"(?:\.\s*|(?<=\.)\s+)(?P<kind>" + "|".join(sorted(KINDS, key=len, reverse=True)) + r")(?=[.;]|$)", re.IGNORECASE)


@dataclass
class Repositories:
    """The archives of the authority list: every name and abbreviation -> authority id."""

    names: dict[str, str] = field(default_factory=dict)

    def find(self, text: str) -> str:
        return self.names.get(" ".join(text.split()).casefold(), "")

    def known_suffix(self, text: str) -> str:
        """The longest known repository name that `text` ends with ("… Kazım Karabekir RGASPI")."""
        folded = text.casefold()
        ends = [name for name in self.names if folded.endswith(name)
                and (len(name) == len(folded) or not folded[-len(name) - 1].isalnum())]
        return text[len(text) - len(max(ends, key=len)):] if ends else ""


@dataclass
class Segment:
    """A stretch of a holding's printed text; `part` names what it is ("" for plain text)."""

    text: str
    part: str = ""  # repository | fond | opis | papka | delo | folios | ""


@dataclass
class Holding:
    segments: list[Segment]
    repository: str = ""  # as printed; "" when the holding repeats the previous one unprinted
    repository_ref: str = ""  # authority id, "" when not in the authority list
    inherited: bool = False  # repository taken from the previous holding ("also in f. 5 …")
    fond: str = ""
    opis: str = ""
    papka: str = ""
    delo: str = ""
    folios: str = ""  # as printed: "ll. 79–81 verso"
    folios_from: str = ""  # 79
    folios_to: str = ""  # 81v
    kind: str = ""  # the edition's @subtype, "" when none is printed or it has none
    kind_text: str = ""  # as printed: "Telegraph form"
    unsure: list[str] = field(default_factory=list)  # what an editor should check

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass
class Reference:
    """The archival reference of a document: where it starts in the text and its holdings."""

    start: int
    end: int
    holdings: list[Holding]


def folio_bounds(printed: str) -> tuple[str, str, bool]:
    """('79', '81v', sure) for 'll. 79–81 verso'; verso as a trailing v (the edition's data.folio)."""
    folios = [(int(number), bool(verso)) for number, verso in
              re.findall(rf"(\d+)(\s?{VERSO})?", printed)]
    if not folios:
        return "", "", False
    first, last = folios[0], folios[-1]
    sure = len(folios) <= 2 and "," not in printed and first[0] <= last[0]
    return (f"{first[0]}{'v' if first[1] else ''}", f"{last[0]}{'v' if last[1] else ''}", sure)


def find_reference(text: str, repositories: Repositories) -> Reference | None:
    """The archival reference in `text` (the first holding onwards), or None."""
    match = FOND_START.search(text)
    if not match:
        return None
    holdings, position = [], _holding_start(text, match.start(), repositories)
    start = position
    while True:
        parsed = parse_holding(text, position, repositories, previous=holdings[-1] if holdings else None)
        if parsed is None:
            break
        holding, position = parsed
        holdings.append(holding)
        following = re.match(r"\s*", text[position:])
        after = position + following.end()
        if not holdings[-1].text.endswith(";") or not _starts_holding(text[after:]):
            break
        position = after
    return Reference(start, position, holdings) if holdings else None


def parse_references(text: str, repositories: Repositories | None = None) -> list[Holding]:
    """Every holding of a printed reference such as 'RGASPI, f. 17, op. 84, d. 104, l. 22.'"""
    reference = find_reference(text, repositories or Repositories())
    return reference.holdings if reference else []


def _starts_holding(text: str) -> bool:
    """Whether the text after a ';' begins another holding: a fond soon, before any sentence ends."""
    match = FOND_START.search(text[:120])
    return bool(match) and not re.search(r"[.!?]\s", text[:match.start()].replace("also in", ""))


def _holding_start(text: str, fond_at: int, repositories: Repositories) -> int:
    """Where the holding's repository begins, looking back from its fond."""
    offset = max(0, fond_at - REPOSITORY_LOOK_BACK)  # a repository's name is never longer
    before = text[offset:fond_at].rstrip()
    before = before[:-1].rstrip() if before.endswith(",") else before
    known = repositories.known_suffix(before)
    if known:
        return offset + len(before) - len(known)
    # Unknown: an abbreviation ("GARF", "TsGA RA") or a run of capitalised words ("Archive of X").
    tokens = [(m.start(), m.group()) for m in re.finditer(r"[^\s]+", before)]
    start = len(before)
    for index in range(len(tokens) - 1, -1, -1):
        position, word = tokens[index]
        if word.endswith((".", "!", "?", "”", ")")) or not (word[0].isupper() or word in ("of", "the", "and", "for")):
            break
        start = position
    return offset + start


def parse_holding(text: str, position: int, repositories: Repositories,
                  previous: Holding | None = None) -> tuple[Holding, int] | None:
    """One holding starting at `position`; returns it and the position after its last character."""
    fond = FOND_START.search(text, position)
    if fond is None:
        return None
    segments: list[Segment] = []
    holding = Holding(segments)
    lead = text[position:fond.start()]
    _repository(holding, lead, repositories, previous)
    cursor = fond.start()
    while True:
        part = LABEL_PART.match(text, cursor)
        if part is None:
            break
        name = LABELS[part.group("label")]
        if getattr(holding, name):
            holding.unsure.append(f"{name} printed twice")
        setattr(holding, name, part.group("value"))
        segments.append(Segment(text[cursor:part.start("value")]))
        segments.append(Segment(part.group("value"), name))
        cursor = part.end()
        comma = re.match(r"\s*,\s*", text[cursor:])
        if not comma:
            break
        segments.append(Segment(comma.group()))
        cursor += comma.end()
    folios = FOLIO_PART.match(text, cursor)
    if folios:
        holding.folios = folios.group()
        holding.folios_from, holding.folios_to, sure = folio_bounds(folios.group("value"))
        if not sure:
            holding.unsure.append(f"folios {folios.group()!r}: only the first and the last are recorded")
        segments.append(Segment(folios.group(), "folios"))
        cursor = folios.end()
    else:
        holding.unsure.append("no folios found")
    kind = KIND.match(text, cursor)
    end = kind.end() if kind else cursor
    if kind:
        holding.kind_text = kind.group("kind")
        holding.kind = KINDS[kind.group("kind").casefold()]
    closing = re.match(r"[.;]", text[end:])
    if closing:
        end += 1
    segments.append(Segment(text[cursor:end]))
    for name in ("fond", "delo"):
        if not getattr(holding, name):
            holding.unsure.append(f"no {name} found")
    holding.segments = [s for s in segments if s.text or s.part == "repository"]
    return holding, end


def _repository(holding: Holding, lead: str, repositories: Repositories, previous: Holding | None) -> None:
    """The text before the fond: 'RGASPI, ', 'also in ', 'also in GARF, ' or nothing."""
    also = ALSO.match(lead)
    if also:
        holding.segments.append(Segment(also.group()))
        lead = lead[also.end():]
    name = lead.rstrip().rstrip(",").strip()
    if name:
        holding.repository = name
        holding.repository_ref = repositories.find(name)
        if not holding.repository_ref:
            holding.unsure.append(f"repository {name!r} is not in the authority list of repositories")
        holding.segments.append(Segment(name, "repository"))
        holding.segments.append(Segment(lead[lead.index(name) + len(name):]))
    elif previous is not None:
        holding.inherited = True
        holding.repository_ref = previous.repository_ref
        holding.repository = previous.repository
        holding.segments.append(Segment("", "repository"))
        holding.segments.append(Segment(lead))
    else:
        holding.unsure.append("no repository printed")
        holding.segments.append(Segment(lead))
