"""Recognise the persons, places and organisations of the edition's authority files in a text.

Every name and variant of every entry is a form to look for; the longest form found wins
("Revolutionary Military Council of the 11th Red Army" before "11th Red Army"). A form shared
by several entries ("Reds": the Bolsheviks or the Red Army) is tagged with all of them and
marked uncertain. Capitalised words that no entry names are collected for the editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..authority import AuthorityIndex
from .archival import Repositories

KINDS = ("person", "place", "org")
# Words that start with a capital without naming anyone: sentence openers, titles, months.
NOT_NAMES = set("""
A An The This That These Those It Its In On At Of For From To By With And But Or Not No Yes If As
After Before Since Until When While Where What Which Who Whom Whose Why How All Any Some Each Every
Other Such Our Your Their His Her My We You They He She I Dear Comrade Comrades Mr Mrs Sir Note
Copy Telegram Letter Dispatch Appeal Report Record Regarding Also However Therefore Thus First
Second Third Secondly Thirdly Firstly Finally Otherwise Initially Simultaneously Regardless Having
Following Under Tell Postpone Greetings Farewell Agreed Awaiting Establishing Making Any Of Further
January February March April May June July August September October November December
Colonel Captain Staff General Commander Chief Head Member Chairman Deputy Acting Minister People’s
Commissar Plenipotentiary Representative Government Republic Council Army Front Mission Published
Foreign Affairs Internal Military Revolutionary Central Committee Bureau Soviet Red Operations Department
Division Regiment Command Headquarters Staff Office Ministry Commission Delegation
""".split())
ADJECTIVE_ENDINGS = ("ian", "ians", "ean", "ani", "ish", "ese", "ic", "ist", "ists", "ern", "ar", "ars", "ans")


@dataclass
class Match:
    start: int
    end: int
    kind: str  # person | place | org
    refs: list[str]

    @property
    def ambiguous(self) -> bool:
        return len(self.refs) > 1


@dataclass
class Recogniser:
    forms: dict[str, dict[str, list[str]]]  # form -> kind -> ids
    pattern: re.Pattern | None
    repositories: Repositories = field(default_factory=Repositories)
    names: dict[str, str] = field(default_factory=dict)  # authority id -> its regular name

    @classmethod
    def from_authority(cls, authority: AuthorityIndex) -> "Recogniser":
        forms: dict[str, dict[str, list[str]]] = {}
        repositories = Repositories()
        names = {}
        for entry in authority.entries.values():
            if entry.kind not in KINDS:
                continue
            names[entry.id] = entry.name
            for form in [entry.name, *entry.variants]:
                form = " ".join(form.split())
                if len(form) < 2:
                    continue
                ids = forms.setdefault(form, {}).setdefault(entry.kind, [])
                if entry.id not in ids:
                    ids.append(entry.id)
                if entry.kind == "org" and entry.type == "repository":
                    repositories.names[form.casefold()] = entry.id
        ordered = sorted(forms, key=lambda f: (-len(f), f))
        pattern = re.compile(r"(?<![\w’'-])(?:" + "|".join(re.escape(f) for f in ordered) + r")(?![\w-])(?!’[^s\W])(?!’s\w)") if ordered else None
        return cls(forms, pattern, repositories, names)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping names in `text`, leftmost-longest."""
        if self.pattern is None:
            return []
        found = []
        for match in self.pattern.finditer(text):
            by_kind = self.forms[match.group()]
            kind = "person" if "person" in by_kind else sorted(by_kind)[0]
            found.append(Match(match.start(), match.end(), kind, list(by_kind[kind])))
        return found

    def first_of_kind(self, text: str, kind: str) -> Match | None:
        return next((m for m in self.find(text) if m.kind == kind), None)

    def last_of_kind(self, text: str, kind: str) -> Match | None:
        matches = [m for m in self.find(text) if m.kind == kind]
        return matches[-1] if matches else None

    def longest_of_kind(self, text: str, kind: str) -> Match | None:
        matches = [m for m in self.find(text) if m.kind == kind]
        return max(matches, key=lambda m: m.end - m.start) if matches else None


CAPITALISED_RUN = re.compile(r"(?<![\w’-])[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’-]+(?:\s+(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’-]+))*")


def unknown_candidates(text: str, recognised: list[Match]) -> list[str]:
    """Capitalised words no authority entry names and that are not sentence openers or adjectives."""
    covered = sorted((m.start, m.end) for m in recognised)
    found = []
    next_covered = 0  # runs come in order: one pointer through the names walks both lists once
    for match in CAPITALISED_RUN.finditer(text):
        while next_covered < len(covered) and covered[next_covered][1] <= match.start():
            next_covered += 1
        if next_covered < len(covered) and covered[next_covered][0] < match.end():
            continue
        words = [w.removesuffix("’s").rstrip("’") for w in match.group().split()]
        words = [w for w in words if w not in NOT_NAMES]
        if not words:
            continue
        candidate = " ".join(words)
        before = text[:match.start()].rstrip()
        sentence_start = not before or before[-1] in ".!?:;—–(“\"…>"
        single = len(words) == 1
        if single and (sentence_start or candidate.endswith(ADJECTIVE_ENDINGS) or candidate.isupper() and len(candidate) < 3):
            continue
        if re.fullmatch(r"[IVXLC]+", candidate):
            continue
        found.append(candidate)
    return found
