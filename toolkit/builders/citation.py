"""How a reader cites a document: a CSL-JSON record per document.

html/csl/<doc-id>.json is the document as a reference manager imports it (CSL-JSON, the
format of citeproc, Zotero and Pandoc). The document pages carry the same facts as Highwire
`citation_*` meta tags (made by the HTML stylesheet) and link to the record.
"""

from __future__ import annotations

import json

from ..authority import AuthorityIndex
from ..labels import Labels
from ..metadata import DateSpec, Letter, Name
from . import Context, DocumentBuilder, Page, document_path

# CSL item types: the correspondence is "letter"; records and reports are "document".
CSL_TYPES = {"letter": "letter", "telegram": "letter", "dispatch": "letter", "appeal": "letter"}


def _csl_name(name: Name, authority: AuthorityIndex) -> dict[str, str]:
    entry = authority.get(name.ref) if name.ref else None
    if entry is not None and entry.kind == "person" and entry.surname:
        return {"family": entry.surname, **({"given": entry.forename} if entry.forename else {})}
    return {"literal": name.name}


def _csl_date(date: DateSpec, labels: Labels) -> dict:
    """An exact date as date-parts; a range or bound as the words the page shows."""
    if date.when:
        parts = [int(p) for p in date.when.split("-") if p.isdigit()]
        if parts:
            return {"date-parts": [parts]}
    return {"literal": labels.date(date)}


def csl_record(letter: Letter, authority: AuthorityIndex, edition_title: str, editors: list[str],
               publisher: str, base_url: str, labels: Labels | None = None) -> dict:
    labels = labels or Labels.for_language("en")
    record: dict[str, object] = {
        "id": letter.xml_id or letter.doc_id,
        "type": CSL_TYPES.get(letter.kind, "document"),
        "title": letter.title or letter.short_title or letter.doc_id,
        "author": [_csl_name(n, authority) for n in letter.senders],
        "recipient": [_csl_name(n, authority) for n in letter.recipients],
        "container-title": edition_title,
        "editor": [{"literal": editor} for editor in editors],
        "publisher": publisher,
        "number": labels.number(letter),  # "[533]" when inferred, as every page gives it
        "genre": letter.kind.replace("-", " "),
        "URL": f"{base_url}{letter.doc_id}.html" if base_url else "",  # only where the edition says where it is
    }
    if letter.date.sort_key != "9999":
        record["issued"] = _csl_date(letter.date, labels)
    return {key: value for key, value in record.items() if value}


def csl_json(letter: Letter, authority: AuthorityIndex, edition_title: str, editors: list[str], publisher: str,
             base_url: str, labels: Labels | None = None) -> bytes:
    """A CSL-JSON file: a list of one item, as reference managers import it."""
    record = csl_record(letter, authority, edition_title, editors, publisher, base_url, labels)
    return (json.dumps([record], ensure_ascii=False, indent=1) + "\n").encode("utf-8")


class CslBuilder(DocumentBuilder):
    name = "csl"
    settings = ("editors", "publisher", "base_url")  # the edition's title comes with the site parameters

    def build(self, page: Page, context: Context) -> dict[str, bytes]:
        config = context.edition.config
        title = str(context.site_params.get("edition-title", config.title))
        return {document_path("csl", page.letter): csl_json(page.letter, context.authority, title, config.editors,
                                                       config.publisher, config.base_url, context.labels)}
