"""The TEI sources, copied byte for byte into DIR/html/tei/ so the site is self-contained."""

from __future__ import annotations

from pathlib import Path

from ..xmlio import atomic_write
from ..xslt import Stylesheets


class TeiCopyBuilder:
    name = "tei"

    def output(self, out_dir: Path, doc_id: str, source_name: str) -> Path:
        return out_dir / "html" / "tei" / source_name

    def write(self, job, out_dir: Path, styles: Stylesheets, entries: str) -> None:
        atomic_write(self.output(out_dir, job.doc_id, job.source.name), job.source.read_bytes())


def copy_support_files(out_dir: Path, paths: list[Path]) -> None:
    """The authority files and edition.xml, which the documents' @ref point into."""
    for path in paths:
        atomic_write(out_dir / "html" / "tei" / path.name, path.read_bytes())
