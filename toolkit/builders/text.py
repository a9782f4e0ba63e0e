"""The plain reading text of one document: text/<doc-id>.txt (UTF-8)."""

from __future__ import annotations

from . import Context, DocumentBuilder, Page, document_path


class TextBuilder(DocumentBuilder):
    name = "text"
    target = "text"

    def build(self, page: Page, context: Context) -> dict[str, bytes]:
        # The text stylesheet takes no page parameters: links and neighbours are the page's.
        text = context.transform_node("text", page.saxon_node(context.styles))
        return {document_path("text", page.letter): text.encode("utf-8")}
