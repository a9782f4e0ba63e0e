"""The reading page of one document: html/<doc-id>.html."""

from __future__ import annotations

from . import Context, DocumentBuilder, Page, document_path


class HtmlBuilder(DocumentBuilder):
    name = "html"
    target = "html"
    settings = ("key", "base_url")  # the document's record (Page.record)

    def build(self, page: Page, context: Context) -> dict[str, bytes]:
        return {document_path("html", page.letter): context.transform("html", page).encode("utf-8")}
