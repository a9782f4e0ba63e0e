"""DIR/cmif.xml: the edition's correspondence metadata, written by the exchange module."""

from __future__ import annotations

from pathlib import Path

from ..corpus import Corpus
from ..diagnostics import Diagnostic
from ..edition import Edition
from ..xmlio import atomic_write


def write_cmif(edition: Edition, corpus: Corpus, out_dir: Path) -> list[Diagnostic]:
    """Write cmif.xml for the documents in `corpus`; return the exporter's warnings."""
    # Imported here: the exchange module is optional for every other output.
    from ..exchange.cmif import export_cmif

    result = export_cmif(edition, corpus)
    atomic_write(out_dir / "cmif.xml", result.text)
    return list(result.warnings)
