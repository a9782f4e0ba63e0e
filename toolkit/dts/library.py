"""Making the Library: from the documents a build has parsed, or from a built site's TEI copies.

The build passes what it has already parsed; `teikit serve` reads the copies in html/tei/
(the documents that were built, byte for byte) with the same safe parser. Both end in
make_library, so both answer alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .. import NSMAP, metadata
from ..corpus import authority_index, parse_tei
from ..edition import AUTHORITY_FILES, EDITION_FILE, Edition
from ..labels import Labels
from ..metadata import Letter
from ..xmlio import ParsedDocument, normalized_text
from .model import Library, built_outputs, language_of, make_resource


def make_library(config, labels: Labels, title: str, edition_document: ParsedDocument | None,
                 letters: list[Letter], documents: dict[str, ParsedDocument],
                 outputs: Callable[[str], dict[str, Callable[[], bytes]]]) -> Library:
    """The Library of `letters` (in the order given: the edition's, by date) and their parsed documents."""
    resources = {letter.doc_id: make_resource(letter, documents[letter.doc_id], outputs(letter.doc_id))
                 for letter in letters}
    return Library(title=title, publisher=config.publisher, editors=list(config.editors), licence=config.licence,
                   resources=resources, language=language_of(edition_document),
                   description=subtitle(edition_document), labels=labels)


def subtitle(edition_document: ParsedDocument | None) -> str:
    if edition_document is None:
        return ""
    found = edition_document.root.xpath("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type='sub']",
                                        namespaces=NSMAP)
    return normalized_text(found[0]) if found else ""


def from_build(edition: Edition, out_dir: Path) -> tuple[Library, list]:
    """The Library of a built site (DIR/html/tei/, DIR/html/*.html, DIR/text/*.txt); and the files it could not read."""
    out_dir = Path(out_dir)
    support_names = {p.name for p in edition.authority_files()} or {*AUTHORITY_FILES, EDITION_FILE}
    parsed, failures = parse_tei(sorted((out_dir / "html" / "tei").glob("*.xml")))
    support = [d for d in parsed if d.path.name in support_names]
    documents = [d for d in parsed if d.path.name not in support_names]
    authority = authority_index(edition, support, documents)
    description = next((d for d in support if d.path.name == Path(edition.config.description).name), None)
    letters = metadata.chronological([metadata.letter(d, authority) for d in documents])
    library = make_library(edition.config, edition.labels(), edition_title(edition.config, description), description, letters,
                           {d.doc_id: d for d in documents}, lambda doc_id: built_outputs(out_dir, doc_id))
    return library, failures


def edition_title(config, description: ParsedDocument | None) -> str:
    """As the build names the edition: teikit.toml's title, else edition.xml's first title."""
    if config.title:
        return config.title
    found = description.root.xpath("string(tei:teiHeader//tei:titleStmt/tei:title[1])",
                                   namespaces=NSMAP) if description else ""
    return " ".join(found.split()) or "Untitled edition"
