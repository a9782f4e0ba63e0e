"""cmif.xml: the edition's correspondence metadata, written by the exchange module.

The same bytes go to cmif.xml and html/cmif.xml: the file names its own address as
base_url + "cmif.xml", and base_url is where html/ is published, so that is where
correspSearch will look for it.
"""

from __future__ import annotations

from . import Context, CorpusBuilder, CorpusInput

OUTPUTS = ("cmif.xml", "html/cmif.xml")


class CmifBuilder(CorpusBuilder):
    name = "cmif"
    depends_on = ("letters", "authority", "description", "config", "dating")
    settings = ("title", "editors", "publisher", "licence", "base_url", "actions", "cmif.email", "cmif.date",
                "cmif.leave_out_kinds")

    def build(self, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        # Imported here: the exchange module is needed by no other output.
        from ..exchange.cmif import export_letters

        result = export_letters(context.edition, corpus.letters, context.authority, corpus.sources,
                                edition_document=corpus.edition_document)
        # A letter without correspDesc was reported by the check (corresp-present), once is enough.
        corpus.diagnostics.extend(w for w in result.warnings if w.rule != "cmif-no-correspdesc")
        data = result.text.encode("utf-8")
        return {path: data for path in OUTPUTS}
