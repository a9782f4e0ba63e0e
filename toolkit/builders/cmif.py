"""cmif.xml: the edition's correspondence metadata, written by the exchange module.

The same bytes go to cmif.xml and html/cmif.xml: the file names its own address as
base_url + "cmif.xml", and base_url is where html/ is published, so that is where
correspSearch will look for it.

Made part by part (parts.py): each letter's correspDesc elements are its part, kept with the
state, and the file is its header joined with them in the edition's order. An edited letter
makes its own piece again; the header (its date, edition.xml's citation) and the order are
the whole's.
"""

from __future__ import annotations

import dataclasses

from ..diagnostics import Diagnostic
from ..metadata import Letter
from ..state import sha
from . import Context, CorpusInput, PartedBuilder

OUTPUTS = ("cmif.xml", "html/cmif.xml")
# A letter without correspDesc was reported by the check (corresp-present), once is enough.
REPORTED = "cmif-no-correspdesc"


class CmifBuilder(PartedBuilder):
    name = "cmif"
    depends_on = ("letters", "authority", "description", "config", "dating")
    whole_depends_on = ("description", "dating")  # the header: edition.xml's citation, the file's date
    settings = ("title", "editors", "publisher", "licence", "base_url", "actions", "cmif.email", "cmif.date",
                "cmif.leave_out_kinds")

    def prepare(self, corpus: CorpusInput, context: Context) -> str:
        self._exporter = None
        return ""

    def exporter(self, context: Context):
        # Imported here: the exchange module is needed by no other output.
        from ..exchange.cmif import Exporter

        if getattr(self, "_exporter", None) is None:
            self._exporter = Exporter(context.edition, context.authority, [])
        return self._exporter

    def split(self, letter: Letter, page_key: str, context: Context) -> dict[str, object]:
        from ..exchange.cmif import left_out, letter_piece

        if left_out(context.edition, letter):
            return {}
        piece = letter_piece(self.exporter(context), letter)
        warnings = [dataclasses.astuple(w) for w in piece.warnings if w.rule != REPORTED]
        if not piece.text and not warnings:
            return {}
        return {f"letter:{letter.doc_id}": {"xml": piece.text, "warnings": warnings}}

    def build_part(self, part: str, values: list, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        return {}  # a letter's piece is its summary, which the whole joins

    def summary(self, part: str, values: list) -> object:
        return values[0]

    def whole_key(self, corpus: CorpusInput, context: Context) -> str:
        """The order of the letters (a title or number may move one without changing its piece)."""
        return sha(*[letter.doc_id for letter in corpus.letters])

    def build_whole(self, summaries: dict[str, object], corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        from ..exchange.cmif import CmifResult, join_pieces

        found = [summaries.get(f"letter:{letter.doc_id}") for letter in corpus.letters]
        pieces = [CmifResult(value["xml"], [Diagnostic(*w) for w in value["warnings"]]) for value in found if value]
        result = join_pieces(context.edition, pieces, context.authority, corpus.sources,
                             edition_document=corpus.edition_document)
        corpus.diagnostics.extend(w for w in result.warnings if w.rule != REPORTED)
        data = result.text.encode("utf-8")
        return {path: data for path in OUTPUTS}
