"""Every word teikit shows a reader, in the edition's language, and dates and labels in words.

    labels = Labels.for_language("en")            # teikit.toml's [edition] language
    labels.date(letter.date)                      # "between 1 August 1920 and 31 August 1920"
    labels.document(letter)                       # "No. 537: Chicherin to Kirov"
    labels.text("doc.note-back", n="3")           # "Back to the place of note 3 in the text"

The words live in catalogues, one TOML file per language in toolkit/catalogues/ (en.toml is
complete; a key another catalogue lacks falls back to English, string by string). Adding a
language is adding a catalogue: no caller changes. The stylesheets get the same catalogue as
their `labels` parameter (a map of key to words, made once per process by xslt.Stylesheets)
and look strings up with tk:label('key'); no stylesheet carries words of its own.

This module sits below the builders, the exports and DTS: it knows records (metadata) and
authority entries, nothing that writes.
"""

from __future__ import annotations

import re
import tomllib
from functools import cached_property, lru_cache
from pathlib import Path

from lxml import etree

CATALOGUES = Path(__file__).resolve().parent / "catalogues"
DEFAULT_LANGUAGE = "en"
TK_NS = "urn:teikit"
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_-]+)\}")
# Licences teikit names in words (by a part of their URI); any other is shown as its URI.
LICENCES = (("licenses/by/4.0", "licence.cc-by-4-0"), ("publicdomain/zero/1.0", "licence.cc0-1-0"))
# The roles in which a document names an entry (metadata.roles), in the order registers list them.
ROLES = ("sender", "addressee", "cc", "place-sent", "place-received", "party", "mentioned", "archive", "described")


def _flat(table: dict, prefix: str = "") -> dict[str, str]:
    """{"month": {"1": "January"}} -> {"month.1": "January"}."""
    found = {}
    for key, value in table.items():
        if isinstance(value, dict):
            found.update(_flat(value, f"{prefix}{key}."))
        else:
            found[f"{prefix}{key}"] = str(value)
    return found


@lru_cache(maxsize=None)
def catalogue(language: str) -> dict[str, str]:
    """The strings of one language's catalogue as they are written there ({} if there is none)."""
    path = CATALOGUES / f"{language}.toml"
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", language) or not path.is_file():
        return {}
    return _flat(tomllib.loads(path.read_text(encoding="utf-8")))


def label_keys() -> list[str]:
    """Every key of the interface (en.toml's): what a project may give its own words for."""
    return sorted(key for key in catalogue(DEFAULT_LANGUAGE) if key != "language")


def has_catalogue(code: str) -> bool:
    """Whether teikit has words in a language ("de-CH" has them through de.toml)."""
    return bool(catalogue(code.split("-")[0]) or catalogue(code))


def languages() -> list[str]:
    """The languages teikit has a catalogue for."""
    return sorted(path.stem for path in CATALOGUES.glob("*.toml"))


def fill(template: str, values: dict[str, object]) -> str:
    """Put values into a template's {placeholders}; one without a value stays as it is."""
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


class Labels:
    """One language's strings (English where its catalogue has no word) and what is said with them."""

    def __init__(self, language: str, strings: dict[str, str]):
        self.language = language
        self.strings = strings

    @classmethod
    def for_language(cls, code: str | None) -> "Labels":
        """The labels of a language ("de", "en-GB" falls back to "en" …); unknown strings in English."""
        return _labels(code or DEFAULT_LANGUAGE)

    def overridden(self, overrides: dict[str, str]) -> "Labels":
        """These labels with some strings replaced (teikit.toml's [labels]: a project's own words)."""
        if not overrides:
            return self
        return Labels(self.language, {**self.strings, **overrides})

    def __getitem__(self, key: str) -> str:
        return self.strings[key]

    def __eq__(self, other) -> bool:
        return isinstance(other, Labels) and (self.language, self.strings) == (other.language, other.strings)

    def __getstate__(self):  # sent to workers without the cached XML
        return {"language": self.language, "strings": self.strings}

    def text(self, key: str, **values: object) -> str:
        """The string of `key` with its placeholders filled in."""
        return fill(self.strings[key], values)

    @property
    def key(self) -> str:
        """What every output in this language depends on (part of the build's cache keys)."""
        return self.xml()

    def xml(self) -> str:
        """The catalogue as XML, <tk:labels xml:lang="en"><tk:label key="…">…</tk:label>…: for
        tools that read XML, and the cache key of everything made in this language."""
        return self._xml

    @cached_property
    def _xml(self) -> str:
        root = etree.Element(f"{{{TK_NS}}}labels", nsmap={"tk": TK_NS})
        root.set("{http://www.w3.org/XML/1998/namespace}lang", self.language)
        for key in sorted(self.strings):
            etree.SubElement(root, f"{{{TK_NS}}}label", key=key).text = self.strings[key]
        return etree.tostring(root, encoding="unicode")

    # ---- dates -------------------------------------------------------------------------

    def month(self, number: int, short: bool = False) -> str:
        return self.strings[f"month{'-short' if short else ''}.{number}"]

    def iso_words(self, iso: str) -> str:
        """1920-08-27 -> 27 August 1920; 1920-08 -> August 1920; anything else as it is."""
        parts = iso.split("-")
        try:
            if len(parts) == 3:
                day = int(parts[2])  # the first of a month has its own form in some languages ("1er août")
                return self.text("date.day-first" if day == 1 else "date.day", day=day,
                                 month=self.month(int(parts[1])), year=parts[0])
            if len(parts) == 2:
                return self.text("date.month", month=self.month(int(parts[1])), year=parts[0])
        except (ValueError, KeyError):
            pass
        return iso

    def date(self, date) -> str:
        """A metadata.DateSpec in words: a day, between two days, not before/after, a range, undated;
        with its certainty when the source doubts it (TEI @cert low or medium)."""
        words = self._date_words(date)
        cert = getattr(date, "cert", "")
        if cert in ("low", "medium") and words != self.strings["date.undated"]:
            return self.text(f"date.cert-{cert}", date=words)
        return words

    def _date_words(self, date) -> str:
        if date.when:
            return self.iso_words(date.when)
        if date.notBefore and date.notAfter:
            return self.text("date.between", start=self.iso_words(date.notBefore), end=self.iso_words(date.notAfter))
        if date.notAfter:
            return self.text("date.not-after", date=self.iso_words(date.notAfter))
        if date.notBefore:
            return self.text("date.not-before", date=self.iso_words(date.notBefore))
        if date.from_ or date.to:
            return self.text("date.range", start=self.iso_words(date.from_), end=self.iso_words(date.to))
        return self.strings["date.undated"]

    # ---- documents and entries ---------------------------------------------------------------

    def document(self, letter) -> str:
        """How other pages name a document: "No. 537: Chicherin to Kirov"; an inferred number
        in brackets ("No. [533]: …"); a document without a number by its title alone."""
        title = letter.short_title or letter.title or letter.doc_id
        if not letter.number:
            return self.text("document.unnumbered", title=title)
        return self.text("document.inferred" if letter.number_inferred else "document.numbered",
                         number=letter.number, title=title)

    def number(self, letter) -> str:
        """A document's number as lists show it: "537", "[533]" when inferred, "" when it has none."""
        if not letter.number:
            return ""
        return self.text("document.number-inferred", number=letter.number) if letter.number_inferred else letter.number

    def kind(self, kind: str, authority=None) -> str:
        """A document's kind: the edition's name for the category (catDesc in edition.xml), else
        its id in words ("conversation-record" -> "Conversation record")."""
        entry = authority.get(kind) if authority is not None and kind else None
        if entry is not None and entry.name:
            return entry.name
        return words(kind)

    def life(self, entry) -> str:
        """1872–1936, born 1884, died 1924: only what the entry records."""
        if entry.birth and entry.death:
            return self.text("life.both", birth=entry.birth, death=entry.death)
        if entry.birth:
            return self.text("life.born", date=entry.birth)
        return self.text("life.died", date=entry.death) if entry.death else ""

    def roles(self, roles: list[str]) -> str:
        """The roles in which a document names an entry (keys of ROLES), as a register lists them."""
        return ", ".join(self.strings[f"role.{role}"] for role in roles)

    def copy_kind(self, subtype: str) -> str:
        """An archival witness's kind: "official-copy" -> "Official copy"."""
        return self.strings.get(f"copy-kind.{subtype}") or words(subtype)

    def folios(self, start: str, end: str, text: str = "") -> str:
        """"folio 7", "folios 7–9"."""
        if start and end and start != end:
            return self.text("archival.folios", **{"from": start, "to": end})
        return self.text("archival.folio", value=start or end or text)

    def archival(self, source) -> list[str]:
        """The parts of an archival reference after its repository: fond, opis, papka, delo, folios."""
        parts = [self.text(f"archival.{kind}", value=getattr(source, kind))
                 for kind in ("fond", "opis", "papka", "delo") if getattr(source, kind)]
        if source.folios_from or source.folios_to or source.folios_text:
            parts.append(self.folios(source.folios_from, source.folios_to, source.folios_text))
        return parts

    def scheme(self, scheme: str) -> str:
        """The name of an authority file: "gnd" -> "GND"."""
        return self.strings.get(f"scheme.{scheme}") or scheme

    def licence(self, uri: str) -> str:
        """A licence's name where teikit knows it, else its URI."""
        return next((self.strings[key] for part, key in LICENCES if part in uri), uri)


def words(identifier: str) -> str:
    """An identifier as words: "official-copy" -> "Official copy"."""
    return identifier.replace("-", " ").capitalize()


@lru_cache(maxsize=None)
def _labels(code: str) -> Labels:
    strings = dict(catalogue(DEFAULT_LANGUAGE))
    language = DEFAULT_LANGUAGE
    for candidate in (code.split("-")[0], code):  # "de-CH": de.toml, then de-CH.toml over it
        found = catalogue(candidate)
        if found:
            strings.update(found)
            language = code
    strings.pop("language", None)
    return Labels(language, strings)
