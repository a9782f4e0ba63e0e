"""corresp-present: every document of the edition has a correspDesc (see schema/edition.sch).
date-inferred: a document whose correspDesc dates no sending is dated from its source
description, dateline or title (metadata.DATE_FALLBACKS), and says so at that date.

In Python rather than Schematron because only the edition knows which files are documents and
which are its support files (authority files, edition.xml). Files checked outside an edition
(no support files) may be any TEI, so the rule does not apply to them.
"""

from __future__ import annotations

from ..corpus import Corpus
from ..diagnostics import ERROR, WARNING, Diagnostic
from ..metadata import date_fallback
from ..xmlio import ParsedDocument, first
from ..xmlio import position

MESSAGE = ("document has no correspDesc: add profileDesc/correspDesc saying who sent it to whom and when "
           '(correspAction type="sent" and type="received"); without it the CMIF export leaves the document out')


def check(corpus: Corpus) -> list[Diagnostic]:
    """The documents (not support files) among the targets, if the files belong to an edition."""
    if not corpus.support:
        return []
    documents = {id(d) for d in corpus.documents}
    return [d for document in corpus.targets if id(document) in documents for d in check_document(document)]


def check_document(document: ParsedDocument) -> list[Diagnostic]:
    """One document of an edition (the build's and validate's per-document task)."""
    found = _dated_elsewhere(document)
    if first(document.root, "tei:teiHeader/tei:profileDesc/tei:correspDesc") is not None:
        return found
    header = first(document.root, "tei:teiHeader")
    line, column = position(document, header if header is not None else document.root)
    return [Diagnostic(document.display, line, column, ERROR, "corresp-present", MESSAGE), *found]


def _dated_elsewhere(document: ParsedDocument) -> list[Diagnostic]:
    found = date_fallback(document.root)
    if found is None:
        return []
    where, date, element = found
    line, column = position(document, element)
    return [Diagnostic(document.display, line, column, WARNING, "date-inferred",
                       f"dated {date.iso} from its {DATE_PLACES[where]}, as correspDesc dates no sending: teikit uses "
                       f"that date, recorded as taken from the {DATE_PLACES[where]}; put it in correspAction "
                       'type="sent" to state it')]


DATE_PLACES = {"sourceDesc": "source description", "dateline": "dateline", "title": "title"}
