"""Export the edition's metadata as a table (CSV) or as JSON, one record per document.

Both formats come from one record per document (`record`), so they cannot disagree. The
columns and fields are listed in docs/exchange.md; the order is chronological.
"""

from __future__ import annotations

import json

from ..authority import AuthorityIndex
from ..corpus import Corpus
from ..edition import Edition
from ..errors import InputError
from ..metadata import Letter, Name, Source
from . import SEPARATOR, EditionLetter, csv_table, document_url, edition_letters

# (JSON key under "mentions", CSV column, authority kind)
MENTION_KINDS = (("persons", "persons_mentioned", "person"), ("places", "places_mentioned", "place"),
                 ("organisations", "organisations_mentioned", "org"))
ARCHIVAL_FIELDS = ("repository", "fond", "opis", "papka", "delo", "folios", "kind")
CSV_COLUMNS = (
    "id", "number", "number_inferred", "kind", "date", "date_when", "date_not_before", "date_not_after",
    "date_text", "senders", "sender_place", "recipients", "recipient_places", "cc",
    "persons_mentioned", "places_mentioned", "organisations_mentioned",
    *(f"archival_{name}" for name in ARCHIVAL_FIELDS), "published_in", "url",
)


def export_json(edition: Edition, corpus: Corpus | None = None) -> str:
    """A JSON array of one object per document, chronological."""
    return json.dumps(records(edition, corpus), ensure_ascii=False, indent=2) + "\n"


def export_csv(edition: Edition, corpus: Corpus | None = None) -> str:
    """A CSV table of one row per document, chronological; several values joined by " | "."""
    return csv_table(CSV_COLUMNS, (flatten(item) for item in records(edition, corpus)))


def records(edition: Edition, corpus: Corpus | None = None) -> list[dict]:
    items, corpus = edition_letters(edition, corpus)
    if corpus.failures:
        # A table with a silently missing document is worse than no table.
        raise InputError(corpus.failures[0])
    return [record(edition, item, corpus.authority) for item in items]


# --- one document as a nested record (the JSON shape) ------------------------------------


def record(edition: Edition, item: EditionLetter, authority: AuthorityIndex) -> dict:
    letter = item.letter
    return {
        "id": letter.doc_id,
        "number": letter.number,
        "number_inferred": letter.number_inferred,
        "kind": letter.kind,
        "title": letter.title,
        "compiler_title": letter.compiler_title,
        "date": {"iso": letter.date.iso, "when": letter.date.when, "notBefore": letter.date.notBefore,
                 "notAfter": letter.date.notAfter, "text": letter.date_written},
        "senders": [party(n) for n in letter.senders],
        "sender_place": place(next((a.place for a in letter.sent if a.place), None)),
        "recipients": [dict(party(n), place=place(a.place)) for a in letter.received for n in a.parties],
        "cc": [dict(party(n), place=place(a.place)) for a in letter.copied for n in a.parties],
        "turns": [turn(actions) for actions in letter.turns] if len(letter.turns) > 1 else [],
        "mentions": mentions(letter, authority),
        "archival_references": [archival(s) for s in letter.sources if s.type == "archival"],
        "published_in": [s.text for s in letter.sources if s.type == "publication"],
        "url": document_url(edition, letter.doc_id),
    }


def turn(actions: list) -> dict:
    """Who speaks to whom in one turn of a recorded conversation."""
    return {"senders": [party(n) for a in actions if a.type == "sent" for n in a.parties],
            "recipients": [party(n) for a in actions if a.type == "received" for n in a.parties]}


def party(name: Name) -> dict:
    return {"id": name.ref, "name": name.name, "type": name.kind}


def place(name: Name | None) -> dict | None:
    return {"id": name.ref, "name": name.name} if name is not None else None


def mentions(letter: Letter, authority: AuthorityIndex) -> dict:
    return {
        key: [{"id": ref, "name": authority.name(ref, ref)} for ref in letter.mentions.get(kind, [])]
        for key, _column, kind in MENTION_KINDS
    }


def archival(source: Source) -> dict:
    return {
        "repository": {"id": source.repository, "name": source.repository_name},
        "fond": source.fond, "opis": source.opis, "papka": source.papka, "delo": source.delo,
        "folios": {"from": source.folios_from, "to": source.folios_to, "text": source.folios_text},
        "kind": source.kind, "text": source.text,
    }


# --- the nested record as one flat CSV row -----------------------------------------------


def flatten(item: dict) -> dict:
    date = item["date"]
    row = {
        "id": item["id"], "number": item["number"], "number_inferred": str(item["number_inferred"]).lower(),
        "kind": item["kind"], "date": date["iso"], "date_when": date["when"],
        "date_not_before": date["notBefore"], "date_not_after": date["notAfter"], "date_text": date["text"],
        "senders": names(item["senders"]),
        "sender_place": item["sender_place"]["name"] if item["sender_place"] else "",
        "recipients": names(item["recipients"]),
        "recipient_places": SEPARATOR.join(r["place"]["name"] if r["place"] else "" for r in item["recipients"]),
        "cc": names(item["cc"]),
        "published_in": SEPARATOR.join(item["published_in"]), "url": item["url"],
    }
    for key, column, _kind in MENTION_KINDS:
        row[column] = names(item["mentions"][key])
    for name in ARCHIVAL_FIELDS:
        row[f"archival_{name}"] = SEPARATOR.join(archival_cell(ref, name) for ref in item["archival_references"])
    return row


def names(entries: list[dict]) -> str:
    return SEPARATOR.join(entry["name"] for entry in entries)


def archival_cell(reference: dict, name: str) -> str:
    if name == "repository":
        return reference["repository"]["name"]
    if name == "folios":
        return reference["folios"]["text"]
    return reference[name]
