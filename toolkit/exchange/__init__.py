"""Exchange with other projects: CMIF out and in, CSV and JSON out.

Every export reads the edition the same way: the corpus is parsed once (corpus.load), each
document becomes a metadata.Letter, and the letters are sorted chronologically so that
the same corpus always gives the same bytes. Column lists and mappings: docs/exchange.md.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Iterable

from ..authority import AuthorityIndex, Entry, register_href
from ..corpus import Corpus, load
from ..edition import Edition
from ..metadata import Letter, letter_of
from ..xmlio import ParsedDocument

SEPARATOR = " | "  # joins several values in one CSV cell or text column


@dataclass
class EditionLetter:
    """A document of the edition with its metadata, as every export needs both."""

    document: ParsedDocument
    letter: Letter


def edition_letters(edition: Edition, corpus: Corpus | None = None) -> tuple[list[EditionLetter], Corpus]:
    """The edition's documents as letters, in chronological order (date, number, id)."""
    corpus = corpus if corpus is not None else load(edition)
    items = [EditionLetter(d, letter_of(d, corpus.authority, edition.config)) for d in corpus.documents]
    items.sort(key=lambda item: item.letter.sort_key)
    return items, corpus


def document_url(edition: Edition, doc_id: str) -> str:
    """Where a document is read in the published edition."""
    return f"{edition.config.base_url}{doc_id}.html"


def local_uri(edition: Edition, entry: Entry) -> str | None:
    """The entry's anchor on the edition's own index page (no authority ID is ever invented)."""
    page = register_href(entry)
    return f"{edition.config.base_url}{page}" if page else None


def entry_of(authority: AuthorityIndex, ref: str) -> Entry | None:
    return authority.get(ref) if ref else None


# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_table(columns: Iterable[str], rows: Iterable[dict]) -> str:
    """A CSV table with a header row, as RFC 4180 writes it: rows end in "\r\n".

    The csv module quotes a cell holding any character of the row ending: with "\r\n" every
    cell with a carriage return or a line feed is quoted (with "\n" alone a lone "\r" went
    out bare and split the row in a spreadsheet). Cells that a spreadsheet would run as a
    formula get a leading apostrophe (OWASP's rule): the text shows as written, and nothing
    from another project's file is ever executed.
    """
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: neutralised(value) for key, value in row.items()} for row in rows)
    return out.getvalue()


def neutralised(value: object) -> object:
    """The cell as text a spreadsheet shows and never evaluates."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
