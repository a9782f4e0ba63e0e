"""The only way teikit reads and writes XML.

Reading: every file is parsed once, by one hardened parser: no DTD loading, no external
entities, no entity expansion, no network. A DOCTYPE that declares entities is refused
outright (it is how entity bombs and external-entity attacks arrive), with its location.

Writing: atomically (temp file in the same folder, then rename), so a reader never sees a
half-written file and a failed build never leaves a corrupted one behind.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import NSMAP, TEI_NS
from .diagnostics import ERROR, Diagnostic, display_path
from .errors import InputError

TEI_ROOTS = {f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"}


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_comments=False,
    )


@dataclass
class ParsedDocument:
    """A file of the corpus, parsed once and shared by every later stage."""

    path: Path
    tree: etree._ElementTree
    digest: str = ""  # SHA-256 of the bytes parsed: what changed is known without reading again
    data: bytes = field(default=b"", repr=False)  # the bytes parsed: what a copy must publish

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def doc_id(self) -> str:
        return self.path.stem

    @property
    def display(self) -> str:
        return display_path(self.path)


def _diagnostic(path: Path, line: int, column: int, rule: str, message: str) -> Diagnostic:
    return Diagnostic(display_path(path), max(line, 1), max(column, 0), ERROR, rule, message)


def _locate(data: bytes, needle: bytes) -> tuple[int, int]:
    """Line and column (1-based) of the first occurrence of needle in data."""
    index = data.find(needle)
    if index < 0:
        return 1, 1
    line = data.count(b"\n", 0, index) + 1
    column = index - (data.rfind(b"\n", 0, index) + 1) + 1
    return line, column


_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
ENTITY_DECLARATIONS_REFUSED = (
    "entity declarations are refused: teikit never expands or fetches entities "
    "(remove the DOCTYPE's internal subset and write the characters directly)"
)


def parse_bytes(data: bytes, path: Path) -> ParsedDocument:
    """Parse bytes that came from `path`; raise InputError with a located diagnostic."""
    if _ENTITY_DECL.search(data) and b"<!DOCTYPE" in data:
        line, column = _locate(data, b"<!ENTITY")
        raise InputError(_diagnostic(path, line, column, "xml-entity", ENTITY_DECLARATIONS_REFUSED))
    try:
        tree = etree.ElementTree(etree.fromstring(data, _safe_parser(), base_url=str(path)))
    except etree.XMLSyntaxError as error:
        line, column = error.position if error.position else (1, 0)
        if error.code == etree.ErrorTypes.DTD_ID_REDEFINED:
            raise InputError(_duplicate_id(data, path, line, column, error))
        raise InputError(_diagnostic(path, line, column, "xml-wellformed", _syntax_message(error)))
    _refuse_external_dtd(tree, data, path)
    _refuse_declared_entities(tree, path)
    _refuse_unexpanded_entities(tree, path)
    return ParsedDocument(path, tree, hashlib.sha256(data).hexdigest(), data)


def _duplicate_id(data: bytes, path: Path, line: int, column: int, error) -> Diagnostic:
    """lxml reports a repeated xml:id as a syntax error; say what it is and where the first one is."""
    found = re.match(r"ID (\S+) already defined", error.msg or "")
    xml_id = found.group(1) if found else "?"
    spellings = [f'xml:id="{xml_id}"'.encode(), f"xml:id='{xml_id}'".encode()]
    first_line, _ = _locate(data, next((s for s in spellings if s in data), spellings[0]))
    return _diagnostic(path, line, column, "xmlid-unique",
                       f'xml:id "{xml_id}" is used twice in this file (first on line {first_line}); '
                       "an xml:id must be unique in the whole corpus")


def _refuse_external_dtd(tree: etree._ElementTree, data: bytes, path: Path) -> None:
    """A DOCTYPE naming an external DTD is how a file asks a parser to fetch something: refuse it."""
    docinfo = tree.docinfo
    external = docinfo.system_url or docinfo.public_id
    if external:
        line, column = _locate(data, b"<!DOCTYPE")
        raise InputError(_diagnostic(
            path, line, column, "xml-doctype",
            f'the DOCTYPE refers to an external DTD ("{external}"): teikit never loads DTDs; '
            "remove the DOCTYPE declaration",
        ))


def _syntax_message(error: etree.XMLSyntaxError) -> str:
    message = (error.msg or str(error)).strip()
    # lxml appends "(<file>, line N)"; the location is already in front of the message.
    message = re.sub(r",? \(.*line \d+\)$", "", message)
    message = re.sub(r", line \d+, column \d+$", "", message)
    if "character encoding" in message or "not proper UTF-8" in message:
        message += " (save the file as UTF-8, or declare its real encoding in the XML declaration)"
    # Some libxml2 messages carry a newline before the location: a diagnostic is one line.
    return f"not well-formed XML: {' '.join(message.split())}"


def _refuse_declared_entities(tree: etree._ElementTree, path: Path) -> None:
    """The byte scan above misses declarations in other encodings (UTF-16): ask the parsed DTD."""
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(_diagnostic(path, 1, 0, "xml-entity", ENTITY_DECLARATIONS_REFUSED))


def _refuse_unexpanded_entities(tree: etree._ElementTree, path: Path) -> None:
    for entity in tree.iter(etree.Entity):
        raise InputError(_diagnostic(
            path, entity.sourceline or 1, 0, "xml-entity",
            f"undefined entity reference {entity.text}: write the character itself or a numeric reference",
        ))


def parse_file(path: Path) -> ParsedDocument:
    """Read and parse one file. Unreadable files become InputError, like malformed ones."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(_diagnostic(Path(path), 1, 0, "io", f"cannot read file: {error.strerror}"))
    return parse_bytes(data, Path(path))


def require_tei(document: ParsedDocument) -> None:
    """Refuse a root element outside the TEI namespace, naming the namespace it should have."""
    root = document.root
    if root.tag in TEI_ROOTS:
        return
    qname = etree.QName(root)
    where = f"in namespace {qname.namespace}" if qname.namespace else "in no namespace"
    raise InputError(_diagnostic(
        document.path, root.sourceline or 1, 0, "tei-namespace",
        f"root element <{qname.localname}> is {where}; a TEI document starts with <TEI "
        f'xmlns="{TEI_NS}">',
    ))


def normalized_text(element: etree._Element | None) -> str:
    """The element's text with runs of white space folded to one space ("" for None)."""
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def first(element: etree._Element, xpath: str) -> etree._Element | None:
    """The first node a TEI XPath (prefix tei:) selects below `element`, or None."""
    found = element.xpath(xpath, namespaces=NSMAP)
    return found[0] if found else None


def serialize(tree_or_element, *, xml_declaration: bool = True) -> bytes:
    """Deterministic UTF-8 serialization."""
    return etree.tostring(tree_or_element, encoding="UTF-8", xml_declaration=xml_declaration)


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write `data` to `path` via a temp file in the same folder and an atomic rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
