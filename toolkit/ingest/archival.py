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
    "original": "", "manuscript": "", "autograph": "", "draft": "", "telegraph tape": "",
    "заверенная копия": "", "копия": "", "подлинник": "", "машинопись": "", "автограф": "", "черновик": "",
    "телеграфная лента": "", "телеграфный бланк": "",
}
KIND = re.compile(r"(?:\.\s*|(?<=\.)\s+)(?P<kind>" + "|".join(sorted(KINDS, key=len, reverse=True)) + r")(?=[.;]|$)", re.IGNORECASE)


@dataclass
class Added:
    """A repository the edition's authority files lack, met in the source: from teikit's list, or new."""

    id: str
    name: str  # the list's name, or the name as printed
    listed: str = ""  # the id in teikit's list of repositories ("" for an archive met for the first time)
    printed: list[str] = field(default_factory=list)  # the forms the source prints


@dataclass
class Repositories:
    """The archives of the authority list: every name and abbreviation -> authority id.

    `listed` holds the forms of teikit's own list of repositories (repositories.py), used where
    the edition's names fail; with `adding` on, a repository found in neither becomes a new
    entry. Both kinds are collected in `added`, for the authority output.
    """

    names: dict[str, str] = field(default_factory=dict)
    listed: dict[str, str] = field(default_factory=dict)  # folded form -> id in teikit's list
    listed_names: dict[str, str] = field(default_factory=dict)  # id in teikit's list -> its regular name
    taken: set[str] = field(default_factory=set)  # xml:ids in use: new entries take others
    adding: bool = False
    added: dict[str, Added] = field(default_factory=dict)

    def find(self, text: str) -> str:
        return self.names.get(fold(text), "")

    def resolve(self, text: str) -> str:
        """The authority id of a printed repository: the edition's, else teikit's list's, else
        (with `adding`) a new entry's; "" when none."""
        key = fold(text)
        found = self.names.get(key, "")
        if found:
            if found in self.added and text not in self.added[found].printed:
                self.added[found].printed.append(text)
            return found
        listed = self.listed.get(key, "")
        if not listed and not self.adding:
            return ""
        new_id = self._free_id(listed or slug(text))
        self.added[new_id] = Added(new_id, self.listed_names.get(listed, text), listed, [text])
        for form, owner in self.listed.items():
            if listed and owner == listed:
                self.names.setdefault(form, new_id)
        self.names[key] = new_id
        return new_id

    def _free_id(self, wanted: str) -> str:
        found, count = wanted, 1
        while found in self.taken:
            count += 1
            found = f"{wanted}-{count}"
        self.taken.add(found)
        return found

    def known_suffix(self, text: str) -> str:
        """The longest known repository name that `text` ends with ("… Kazım Karabekir RGASPI")."""
        folded = text.casefold()
        ends = [name for names in (self.names, self.listed) for name in names if folded.endswith(name)
                and (len(name) == len(folded) or not folded[-len(name) - 1].isalnum())]
        return text[len(text) - len(max(ends, key=len)):] if ends else ""


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
                     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia"]))


def slug(name: str) -> str:
    """An xml:id from a printed name, its small words left out and at most 60 characters, cut
    between words: 'ЦГА СПб' -> 'tsga-spb', 'State Archive of the Rostov Region' -> 'state-archive-rostov-region'."""
    latin = "".join(CYRILLIC.get(c, c) for c in name.casefold())
    words = [w for w in re.findall(r"[a-z0-9]+", latin) if w not in ("of", "the", "and", "for", "in")]
    value = ""
    for word in words:
        if value and len(value) + 1 + len(word) > 60:
            break
        value = f"{value}-{word}" if value else word[:60]
    value = value or "repository"
    return value if value[0].isalpha() else f"repository-{value}"


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


# The words that name an archive, and those that qualify it, for names the authority files lack:
# "State Archive of the Rostov Region", "Central State Historical Archive of Georgia".
ARCHIVE_HEADS = {"archive", "archives", "centre", "center", "library", "museum", "collection", "fund"}
ARCHIVE_QUALIFIERS = {
    "state", "central", "russian", "national", "historical", "regional", "municipal", "city", "district",
    "provincial", "republican", "party", "military", "naval", "presidential", "special", "federal", "main",
    "local", "public", "scientific", "technical", "economic", "literary", "documentary", "film", "photo",
    "contemporary", "modern", "political", "social", "socio-political", "manuscript", "university", "academy",
    "soviet", "armenian", "georgian", "azerbaijani", "ukrainian", "belarusian", "kazakh", "uzbek", "kyrgyz",
    "tajik", "turkmen", "moldovan", "lithuanian", "latvian", "estonian", "tatar", "bashkir", "crimean",
}
CONNECTORS = ("of", "the", "and", "for", "in", "on", "de", "des", "du")
# Abbreviations inside a name that end with a full stop without ending a sentence ("St. Petersburg").
NAME_ABBREVIATIONS = ("St.",)


def _holding_start(text: str, fond_at: int, repositories: Repositories) -> int:
    """Where the holding's repository begins, looking back from its fond."""
    offset = max(0, fond_at - REPOSITORY_LOOK_BACK)  # a repository's name is never longer
    before = text[offset:fond_at].rstrip()
    before = before[:-1].rstrip() if before.endswith(",") else before
    known = repositories.known_suffix(before)
    if known:
        return offset + len(before) - len(known)
    # The run of capitalised words (and "of", "the" …) that ends at the fond.
    tokens = [(m.start(), m.group()) for m in re.finditer(r"[^\s]+", before)]
    run: list[tuple[int, str]] = []
    for position, word in reversed(tokens):
        if (word.endswith((".", "!", "?", "”", ")", ";", ":")) and word not in NAME_ABBREVIATIONS) \
                or not (word[0].isupper() or word in CONNECTORS):
            break
        run.insert(0, (position, word))
    words = [word.strip(",").casefold() for _, word in run]
    heads = [i for i, word in enumerate(words) if word in ARCHIVE_HEADS]
    if heads:  # an archive written out: its qualifiers before the first head noun, all after it
        start = heads[0]
        while start > 0 and words[start - 1] in ARCHIVE_QUALIFIERS:
            start -= 1
        return offset + run[start][0]
    abbreviations = 0  # "TsGA RUz", "ГАРО", "ЦГА СПб": words of two capitals or more
    while abbreviations < len(run) and sum(c.isupper() for c in run[-1 - abbreviations][1]) >= 2:
        abbreviations += 1
    if abbreviations:
        return offset + run[-abbreviations][0]
    return offset + run[0][0] if run else offset + len(before)


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
        holding.repository_ref = repositories.resolve(name)
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
