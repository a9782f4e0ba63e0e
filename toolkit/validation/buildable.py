"""Rules for what the edition's stylesheets cannot build: validate refuses it, so build never meets it.

number-once: a document has one idno type="document-number" (its number and page title).
folios-once: an archival reference has one citedRange unit="folio" (one folio range per holding).
sent-once: a correspDesc has one correspAction type="sent" (one sender's date and place).

Each is reported at the repeated element. (The limits of Saxon's own XML parser, depth,
attributes and name length, are checked by the parser itself: xmlio.check_saxon_limits.)
"""

from __future__ import annotations

from .. import NSMAP
from ..diagnostics import ERROR, Diagnostic
from ..xmlio import ParsedDocument
from ..xmlio import position

# (rule, the elements that may hold one, the one they may hold, what to write in the message)
ONCE = (
    ("number-once", "//tei:teiHeader", ".//tei:publicationStmt/tei:idno[@type = 'document-number']",
     'a document has one number: keep one idno type="document-number" in publicationStmt'),
    ("folios-once", "//tei:bibl[@type = 'archival']", "tei:citedRange[@unit = 'folio']",
     'an archival reference names one folio range: keep one citedRange unit="folio" (a second holding is a second bibl)'),
    ("sent-once", "//tei:correspDesc", "tei:correspAction[@type = 'sent']",
     'a letter is sent once: keep one correspAction type="sent" (several senders go inside it)'),
)


def check(document: ParsedDocument) -> list[Diagnostic]:
    diagnostics = []
    for rule, holders, held, advice in ONCE:
        for holder in document.root.xpath(holders, namespaces=NSMAP):
            for repeated in holder.xpath(held, namespaces=NSMAP)[1:]:
                line, column = position(document, repeated)
                diagnostics.append(Diagnostic(document.display, line, column, ERROR, rule, f"repeated: {advice}"))
    return diagnostics
