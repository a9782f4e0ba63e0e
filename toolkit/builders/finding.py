"""The finding aids beside the site pages: citation records, the chronology and network
drawings, the search index.

Each generator is a pure function of the corpus records returning {path under DIR/html/:
bytes}; this module writes them and removes the files of its own folders that the current
corpus no longer produces (a document that was deleted leaves no record behind).
"""

from __future__ import annotations

from pathlib import Path

from ..edition import Config
from ..metadata import Letter
from ..xmlio import atomic_write
from .chronology import CHRONOLOGY_SVG, chronology_outputs
from .citation import CSL_FOLDER, csl_outputs, csl_path
from .indexes import correspondence_pairs
from .network import NETWORK_SVG, network_outputs
from .search import SEARCH_FOLDER, document_pages, search_files

SEARCH_SCRIPT = "static/search.js"


def finding_files(site, config: Config, params: dict) -> dict[str, bytes]:
    """Every finding aid's files, relative to DIR/html/."""
    files = csl_outputs(site.letters, site.authority, str(params["edition-title"]), config.editors,
                        config.publisher, config.base_url)
    files.update(chronology_outputs(site.letters))
    files.update(network_outputs(correspondence_pairs(site.letters), site.authority))
    return files


def write_finding_aids(out_dir: Path, site, config: Config, params: dict, xslt_dir: Path) -> list[Path]:
    """Write the finding aids; the search index last, from the document pages as written."""
    html = out_dir / "html"
    files = finding_files(site, config, params)
    files.update(search_files(document_pages(html, [letter.doc_id for letter in site.letters])))
    script = xslt_dir / "html" / SEARCH_SCRIPT
    if script.is_file():
        files[SEARCH_SCRIPT] = script.read_bytes()
    written = []
    for relative, data in sorted(files.items()):
        atomic_write(html / relative, data)
        written.append(html / relative)
    _sweep(html / CSL_FOLDER, "*.json", set(written))
    _sweep(html / SEARCH_FOLDER, "**/*", set(written))  # pagefind names its files by content hash
    return written


def _sweep(folder: Path, pattern: str, keep: set[Path]) -> None:
    """This builder's own folder holds only what the current build wrote there."""
    for path in folder.glob(pattern):
        if path not in keep and path.is_file():
            path.unlink()


def finding_outputs(out_dir: Path, letters: list[Letter]) -> list[Path]:
    """The files the site must have for the finding aids to be up to date."""
    drawings = [CHRONOLOGY_SVG, NETWORK_SVG, f"{SEARCH_FOLDER}/pagefind-entry.json"] if letters else []
    return [out_dir / "html" / path for path in [csl_path(letter.doc_id) for letter in letters] + drawings]
