"""Load the corpus: discover the files, parse each once, index the authority files.

A file that cannot be parsed becomes a diagnostic; the others go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .authority import AuthorityIndex
from .diagnostics import Diagnostic, display_path
from .edition import Edition, resolved
from .errors import InputError
from .xmlio import DEFAULT_MAX_BYTES, ParsedDocument, parse_file, require_inside, require_safe_name, require_tei


@dataclass
class Corpus:
    documents: list[ParsedDocument] = field(default_factory=list)  # the letters, reports, ...
    support: list[ParsedDocument] = field(default_factory=list)  # authority files, edition.xml
    failures: list[Diagnostic] = field(default_factory=list)  # files that could not be parsed
    authority: AuthorityIndex = field(default_factory=AuthorityIndex)
    targets: list[ParsedDocument] = field(default_factory=list)  # what the user asked to check
    description: Path | None = None  # the corpus description (edition.xml), as [corpus] description says

    @property
    def all_documents(self) -> list[ParsedDocument]:
        return self.support + self.documents

    def edition_document(self) -> ParsedDocument | None:
        wanted = self.description.resolve() if self.description else None
        return next((d for d in self.support if d.path.resolve() == wanted
                     or (wanted is None and d.path.name == "edition.xml")), None)


def parse_tei(paths: Iterable[Path], max_bytes: int = DEFAULT_MAX_BYTES,
              root: Path | tuple[Path, ...] | None = None) -> tuple[list[ParsedDocument], list[Diagnostic]]:
    """Parse every path as TEI; return the parsed ones and one diagnostic per failure. Files
    inside the edition folder `root` must not be links out of it (xmlio.require_inside)."""
    parsed, failures = [], []
    for path in paths:
        try:
            require_safe_name(path)
            require_inside(path, root)
            document = parse_file(path, max_bytes)
            require_tei(document)
        except InputError as error:
            failures.append(error.diagnostic)
            continue
        parsed.append(document)
    return parsed, failures


def load(edition: Edition, paths: Iterable[Path] | None = None) -> Corpus:
    """Parse the edition's support files and the documents (all of tei/, or just `paths`).

    The authority files are always read from the edition, whatever `paths` says, because the
    documents' references are resolved against them.
    """
    cap = edition.config.max_file_bytes
    support, support_failures = parse_tei(edition.authority_files(), cap, edition.roots)
    description = edition.description_file()
    if paths is None:
        documents, document_failures = parse_tei(edition.document_files(), cap, edition.roots)
        return Corpus(documents, support, support_failures + document_failures,
                      authority_index(edition, support, documents), targets=support + documents,
                      description=description)

    # Explicit paths: parse each once, reusing the support files already parsed above.
    by_path = {resolved(d.path): d for d in support}
    wanted = [Path(p) for p in paths]
    fresh, failures = parse_tei([p for p in wanted if resolved(p) not in by_path], cap, edition.roots)
    by_path.update({resolved(d.path): d for d in fresh})
    targets = [by_path[resolved(p)] for p in wanted if resolved(p) in by_path]
    documents = [d for d in fresh if not edition.is_support_file(d.path)]
    extra_support = [d for d in fresh if edition.is_support_file(d.path)]
    wanted_shown = {display_path(p) for p in wanted}
    edition_failures = [f for f in support_failures if f.file in wanted_shown]
    return Corpus(documents, support + extra_support, failures + edition_failures,
                  authority_index(edition, support + extra_support, documents), targets=targets,
                  description=description)


def authority_index(edition: Edition, support: list[ParsedDocument],
                    documents: list[ParsedDocument] = ()) -> AuthorityIndex:
    """The entries of the authority files, and those a document keeps in its own standOff or back."""
    return AuthorityIndex.from_documents(support, documents, key=edition.config.key)
