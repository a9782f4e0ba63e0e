"""DIR/cmif.xml: the edition's correspondence metadata, written by the exchange module.

The same bytes also go to DIR/html/cmif.xml: the file names its own address as
base_url + "cmif.xml", and base_url is where DIR/html/ is published, so that is where
correspSearch will look for it.
"""

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
    for path in cmif_outputs(out_dir):
        atomic_write(path, result.text)
    return list(result.warnings)


def cmif_outputs(out_dir: Path) -> list[Path]:
    return [out_dir / "cmif.xml", out_dir / "html" / "cmif.xml"]
