"""corresp-present: every document of the edition has a correspDesc (see schema/edition.sch).

In Python rather than Schematron because only the edition knows which files are documents and
which are its support files (authority files, edition.xml). Files checked outside an edition
(no support files) may be any TEI, so the rule does not apply to them.
"""

from __future__ import annotations

from ..corpus import Corpus
from ..diagnostics import ERROR, Diagnostic
from ..xmlio import first
from .locate import position

MESSAGE = ("document has no correspDesc: add profileDesc/correspDesc saying who sent it to whom and when "
           '(correspAction type="sent" and type="received"); without it the CMIF export leaves the document out')


def check(corpus: Corpus) -> list[Diagnostic]:
    if not corpus.support:
        return []
    documents = {id(d) for d in corpus.documents}
    return [_missing(d) for d in corpus.targets
            if id(d) in documents and first(d.root, "tei:teiHeader/tei:profileDesc/tei:correspDesc") is None]


def _missing(document) -> Diagnostic:
    header = first(document.root, "tei:teiHeader")
    where = header if header is not None else document.root
    line, column = position(document, where)
    return Diagnostic(document.display, line, column, ERROR, "corresp-present", MESSAGE)
