"""The plain reading text of one document: text/<doc-id>.txt (UTF-8)."""

from __future__ import annotations

from . import Context, DocumentBuilder, Page, document_path


class TextBuilder(DocumentBuilder):
    name = "text"
    target = "text"
    settings = ("key", "base_url")  # the document's record (Page.record)

    def build(self, page: Page, context: Context) -> dict[str, bytes]:
        text = context.transform("text", page)
        return {document_path("text", page.letter): text.encode("utf-8")}
