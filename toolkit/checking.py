"""The check task: what a worker does to check one file, wherever it runs.

    check(context, [path, ...]) -> [Checked]   read, parse once (safely), validate, metadata record

Only diagnostics, xml:ids and the record come back (no tree). A document's record is made
only when it is valid: the metadata may assume what the rules guarantee.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import XML_NS
from .diagnostics import Diagnostic
from .errors import InputError
from .executors import Stop, bounded
from .metadata import Letter, letter_of
from .rules import judged
from .state import FileStamp, sha
from .builders import name_taken
from .tasks import TaskContext, build_error, document_mb, document_seconds, stopped_line
from .validation import correspondence
from .validation.references import check_pointers
from .xmlio import parse_bytes, read_regular, require_inside, require_safe_name, require_tei, unreadable

XML_ID = etree.XPath("//@xml:id", namespaces={"xml": XML_NS})


@dataclass
class Checked:
    path: str
    stamp: FileStamp | None  # None when the file could not be read
    diagnostics: list[Diagnostic] = field(default_factory=list)
    letter: Letter | None = None  # None when the file is not usable
    ids: dict[str, int] = field(default_factory=dict)  # xml:id -> line
    parsed: bool = False  # the safe parser accepted it (what a grammar checked by jing may read)

    @property
    def valid(self) -> bool:
        return self.stamp is not None and not any(d.is_error for d in self.diagnostics)


def _check_stopped(context: TaskContext, path: str, stop: Stop) -> Checked:
    return Checked(path, None, [stopped_line(Path(path), "checking", stop)])


@bounded(document_seconds, lambda context: context.rules, _check_stopped, document_mb)
def check(context: TaskContext, paths: list[str]) -> list[Checked]:
    return [check_one(context, Path(path)) for path in paths]

def check_one(context: TaskContext, path: Path) -> Checked:
    try:
        require_safe_name(path)
        require_inside(path, context.edition.roots)
        taken = name_taken(path, context.site_files) if os.path.abspath(path).startswith(f"{context.edition.root}/") else ""
        if taken:  # a document of the edition called like a page of the site (index.xml)
            return Checked(str(path), None, [build_error(path, "name-taken", taken)])
        stat = os.stat(path)
        data = read_regular(path, context.edition.config.max_file_bytes)  # no FIFO, device or huge file
    except OSError as error:
        return Checked(str(path), None, [unreadable(path, error).diagnostic])
    except InputError as error:
        return Checked(str(path), None, [error.diagnostic])
    stamp = FileStamp(stat.st_size, stat.st_mtime_ns, sha(data))
    try:
        document = parse_bytes(data, path)
        require_tei(document)
    except InputError as error:
        return Checked(str(path), stamp, [error.diagnostic])
    authority = context.authority.with_local(document, context.edition.config.key)
    found = context.rules.check_document(document)
    if context.rules.cross_file:
        found += check_pointers(document, authority, context.where)
        found += correspondence.check_document(document)  # a document of the edition: it needs a correspDesc
    found = judged(found, context.edition.config.rules)  # the edition's severities decide what is valid
    ids = {}
    for value in XML_ID(document.tree):
        ids.setdefault(str(value), value.getparent().sourceline or 1)
    # Only a valid document has a record: metadata may assume what the rules guarantee.
    valid = not any(d.is_error for d in found)
    record = letter_of(document, authority, context.edition.config) if context.letters and valid else None
    return Checked(str(path), stamp, found, record, ids, parsed=True)
