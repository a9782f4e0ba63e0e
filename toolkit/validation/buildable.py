"""Rules for what the edition's stylesheets cannot build: validate refuses it, so build never meets it.

number-once: a document has one idno type="document-number" (its number and page title).
folios-once: an archival reference has one citedRange unit="folio" (one folio range per holding).
sent-once: a correspDesc has one correspAction type="sent" (one sender's date and place).

Each is reported at the repeated element. (The limits of Saxon's own XML parser, depth,
attributes and name length, are checked by the parser itself: xmlio.check_saxon_limits.)

copy-inert (a warning): what a browser would run or fetch in the file (XHTML, SVG, MathML elements, an
xml-stylesheet instruction) is made inert in the copy the site publishes, which is then not byte
for byte the source (toolkit/inert.py).
cite-structure: a document's own refsDecl/citeStructure must give its citable parts (the DTS
API publishes them): every XPath evaluates, every reference is given once. It is evaluated
here as the build evaluates it, under the same limits of time and memory ([limits]).
"""

from __future__ import annotations

from .. import NSMAP
from ..diagnostics import ERROR, WARNING, Diagnostic
from ..inert import browser_active, describe
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


TEI = "{http://www.tei-c.org/ns/1.0}"
OWN_CITE_STRUCTURE = f"{TEI}teiHeader/{TEI}encodingDesc/{TEI}refsDecl/{TEI}citeStructure"


def check(document: ParsedDocument, refused: bool = False) -> list[Diagnostic]:
    """The rules above; the warning on the published copy only for a document not `refused` already."""
    diagnostics = _citation_trees(document) + ([] if refused else _browser_active(document))
    for rule, holders, held, advice in ONCE:
        for holder in document.root.xpath(holders, namespaces=NSMAP):
            for repeated in holder.xpath(held, namespaces=NSMAP)[1:]:
                line, column = position(document, repeated)
                diagnostics.append(Diagnostic(document.display, line, column, ERROR, rule, f"repeated: {advice}"))
    return diagnostics


def _citation_trees(document: ParsedDocument) -> list[Diagnostic]:
    """One line at the refsDecl whose citeStructure the DTS API could not evaluate."""
    if document.root.find(OWN_CITE_STRUCTURE) is None:  # most documents: no XPath engine to load (a second of CPU)
        return []
    from ..dts.citations import citation_problem, own_trees

    found = []
    for tree in own_trees(document.root):  # teikit's default tree, supplied when there is none, is sound
        problem = citation_problem(tree, document.tree)
        if problem:
            line, column = position(document, tree.element)
            found.append(Diagnostic(document.display, line, column, ERROR, "cite-structure",
                                    f"{problem}: the DTS API cannot give the document's citable parts; "
                                    "fix the refsDecl/citeStructure"))
    return found


def _browser_active(document: ParsedDocument) -> list[Diagnostic]:
    """One warning at the first thing a browser would run or fetch in the file: its published copy is made inert."""
    found = browser_active(document.tree, document.data)
    if not found:
        return []
    line, column = (position(document, found[0]) if isinstance(found[0].tag, str)
                    else (found[0].sourceline or 1, 0))
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return [Diagnostic(document.display, line, column, WARNING, "copy-inert",
                       f"{describe(found[0])}{more}: the site publishes a copy of this file in which it is inert, "
                       "not the source byte for byte (docs/security.md)")]
