"""The reading page of one document: DIR/html/<doc-id>.html."""

from __future__ import annotations

from pathlib import Path

from ..xmlio import atomic_write
from ..xslt import Stylesheets


class HtmlBuilder:
    name = "html"

    def output(self, out_dir: Path, doc_id: str, source_name: str) -> Path:
        return out_dir / "html" / f"{doc_id}.html"

    def write(self, job, out_dir: Path, styles: Stylesheets, entries: str) -> None:
        page = styles.transform("html", job.xml, job.params, entries)
        atomic_write(self.output(out_dir, job.doc_id, job.source.name), page)
