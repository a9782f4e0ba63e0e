"""The TEI sources, published byte for byte in html/tei/ so the site is self-contained.

A document's copy is the bytes that were parsed and validated, never the file read again
(it may have changed since). The authority files and edition.xml, which the documents'
@ref point into, are copied beside them.
"""

from __future__ import annotations

from . import Context, CorpusBuilder, CorpusInput, DocumentBuilder, Page, document_path

SUPPORT_DIR = "html/tei"


class TeiCopyBuilder(DocumentBuilder):
    name = "tei"
    settings = ()

    def build(self, page: Page, context: Context) -> dict[str, bytes]:
        return {document_path("tei", page.letter): page.data}


class SupportCopyBuilder(CorpusBuilder):
    name = "tei-support"
    depends_on = ("support",)
    settings = ()

    def build(self, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        return {f"{SUPPORT_DIR}/{name}": data for name, data in sorted(corpus.support.items())}
