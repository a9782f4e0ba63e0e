"""DIR/html/api/dts/…: the edition as a static DTS 1.0 endpoint (see toolkit/dts and docs/dts.md).

A corpus-level output: it depends on every document (the collection lists them all) and on
the pages and texts already written (the text/html and text/plain media types are those
files). The files it wrote are listed in DIR/.teikit-dts.json, so that a later build removes
the ones it no longer writes, and nothing else.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..dts.library import make_library
from ..dts.model import built_outputs
from ..dts.static import API_DIR, outputs, static_api
from ..xmlio import atomic_write

MANIFEST = ".teikit-dts.json"


def dts_outputs(config, title: str, edition_document, letters, documents: dict, out_dir: Path) -> dict[str, bytes]:
    """{path relative to DIR (posix): bytes} of the static API."""
    library = make_library(config, title, edition_document, letters, documents,
                           lambda doc_id: built_outputs(out_dir, doc_id))
    files = outputs(library, static_api(config.base_url))
    return {f"html/{API_DIR}/{name}": body for name, body in sorted(files.items())}


def write_dts(out_dir: Path, files: dict[str, bytes]) -> None:
    previous = _manifest(out_dir)
    for name in sorted(set(previous) - set(files)):
        path = out_dir / name
        path.unlink(missing_ok=True)
        _remove_empty_folders(path.parent, out_dir / "html" / API_DIR)
    for name, body in files.items():
        path = out_dir / name
        if not path.is_file() or path.read_bytes() != body:
            atomic_write(path, body)
    atomic_write(out_dir / MANIFEST, json.dumps(sorted(files), indent=0) + "\n")


def _remove_empty_folders(folder: Path, top: Path) -> None:
    """Folders a removed answer leaves empty (document/533;mediaType=text/), up to the API folder."""
    while folder != top and top in folder.parents and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _manifest(out_dir: Path) -> list[str]:
    try:
        names = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    # Only paths inside the API folder: a damaged manifest must not remove anything else.
    return [n for n in names if isinstance(n, str) and n.startswith(f"html/{API_DIR}/") and ".." not in n.split("/")]
