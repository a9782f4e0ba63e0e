"""The plain reading text of one document: DIR/text/<doc-id>.txt (UTF-8)."""

from __future__ import annotations

from pathlib import Path

from ..xmlio import atomic_write
from ..xslt import Stylesheets


class TextBuilder:
    name = "text"

    def output(self, out_dir: Path, doc_id: str, source_name: str) -> Path:
        return out_dir / "text" / f"{doc_id}.txt"

    def write(self, job, out_dir: Path, styles: Stylesheets, entries: str) -> None:
        text = styles.transform("text", job.xml)
        atomic_write(self.output(out_dir, job.doc_id, job.source.name), text)
