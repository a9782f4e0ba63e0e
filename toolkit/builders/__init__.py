"""One builder per output of `teikit build`.

Per-document builders (html, text, tei copy) write the files of one document; they run in
the worker processes, each of which compiled the stylesheets once. Site builders (index
pages, CMIF) write the files that depend on the whole corpus and run once, in the main process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .html import HtmlBuilder
from .tei import TeiCopyBuilder
from .text import TextBuilder


@dataclass
class DocumentJob:
    """What a worker needs to write one document's outputs (cheap to send to another process)."""

    doc_id: str
    source: Path  # the TEI file, copied verbatim to the site
    xml: str  # its root element as serialized by the safe parser: what Saxon reads
    params: dict[str, object] = field(default_factory=dict)  # stylesheet parameters of its page


DOCUMENT_BUILDERS = (HtmlBuilder(), TextBuilder(), TeiCopyBuilder())


def document_outputs(out_dir: Path, doc_id: str, source_name: str) -> list[Path]:
    """Every file the per-document builders write for one document."""
    return [builder.output(out_dir, doc_id, source_name) for builder in DOCUMENT_BUILDERS]
