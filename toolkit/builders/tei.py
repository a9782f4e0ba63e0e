"""The TEI sources, published byte for byte in html/tei/ so the site is self-contained.

A document's copy is the bytes that were parsed and validated, never the file read again
(it may have changed since). The authority files and edition.xml, which the documents'
@ref point into, are copied beside them. A file holding what a browser would run or fetch
(XHTML, SVG or MathML elements, an xml-stylesheet instruction) is published as a copy in
which it is inert (toolkit/inert.py): the site's origin never runs a source's script.
"""

from __future__ import annotations

from pathlib import Path

from ..inert import may_hold_active, published_copy
from ..xmlio import parse_bytes
from . import Context, CorpusBuilder, CorpusInput, DocumentBuilder, Page, document_path

SUPPORT_DIR = "html/tei"


class TeiCopyBuilder(DocumentBuilder):
    name = "tei"
    settings = ()

    def build(self, page: Page, context: Context) -> dict[str, bytes]:
        return {document_path("tei", page.letter): published_copy(page.document.tree, page.data)}


class SupportCopyBuilder(CorpusBuilder):
    name = "tei-support"
    depends_on = ("support",)
    settings = ()

    def build(self, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        return {f"{SUPPORT_DIR}/{name}": _copy_of(name, data) for name, data in sorted(corpus.support.items())}


def _copy_of(name: str, data: bytes) -> bytes:
    """An authority file's bytes, or its inert copy (parsed only when its bytes may hold what a browser runs)."""
    if not may_hold_active(data):
        return data
    return published_copy(parse_bytes(data, Path(name)).tree, data)
