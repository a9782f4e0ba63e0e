"""The only way teikit reads and writes XML.

Reading: every file is parsed once, by one hardened parser: no DTD loading, no external
entities, no entity expansion, no network. A DOCTYPE that declares entities is refused
outright (it is how entity bombs and external-entity attacks arrive), with its location.

Only regular files are read (never a named pipe, a device or a folder), each up to a size
cap, and only trees Saxon can take in reach the stylesheets: the limits of its XML parser
(depth, attributes, name length) are checked here, at the element that breaks them.

Writing: atomically (temp file in the same folder, then rename), so a reader never sees a
half-written file and a failed build never leaves a corrupted one behind.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import tempfile
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from . import NSMAP, TEI_NS
from .diagnostics import ERROR, Diagnostic, display_path, printable
from .errors import InputError

TEI_ROOTS = {f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"}
MB = 1024 * 1024
DEFAULT_MAX_BYTES = 50 * MB  # [limits] max_file_mb in teikit.toml

# What the XML parser inside Saxon (the JDK's) accepts; a tree beyond them fails in every
# stylesheet, so it is refused while parsing, where the element's line is known.
SAXON_MAX_DEPTH = 100  # jdk.xml.maxElementDepth
SAXON_MAX_ATTRIBUTES = 200  # jdk.xml.elementAttributeLimit (namespace declarations count too)
SAXON_MAX_NAME = 1000  # jdk.xml.maxXMLNameLimit: element, attribute and prefix names
FILE_KINDS = {stat.S_ISDIR: "a folder", stat.S_ISFIFO: "a named pipe", stat.S_ISCHR: "a character device",
              stat.S_ISBLK: "a block device", stat.S_ISSOCK: "a socket"}


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
    _refuse_byte_order_mark_tricks(data, path)
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
    _refuse_declared_entities(tree, data, path)
    _refuse_unexpanded_entities(tree, path)
    document = ParsedDocument(path, tree, hashlib.sha256(data).hexdigest(), data)
    check_saxon_limits(document)
    return document


# Byte order marks, longest first (the UTF-32LE mark begins with the UTF-16LE one), and the
# encoding names a declaration may give beside each.
BYTE_ORDER_MARKS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32", {"utf-32", "utf-32le", "ucs-4", "iso-10646-ucs-4"}),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32", {"utf-32", "utf-32be", "ucs-4", "iso-10646-ucs-4"}),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8", {"utf-8", "utf8"}),
    (b"\xff\xfe", "utf-16-le", "UTF-16", {"utf-16", "utf-16le", "ucs-2", "iso-10646-ucs-2"}),
    (b"\xfe\xff", "utf-16-be", "UTF-16", {"utf-16", "utf-16be", "ucs-2", "iso-10646-ucs-2"}),
)
_DECLARED_ENCODING = re.compile(r"""<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")
_INNER_BOM = re.compile(rb"\xef\xbb\xbf|&#(?:x0*feff|0*65279);", re.IGNORECASE)
_INNER_BOM_TEXT = re.compile("\ufeff|&#(?:x0*feff|0*65279);", re.IGNORECASE)


def _refuse_byte_order_mark_tricks(data: bytes, path: Path) -> None:
    """A byte order mark that contradicts the declared encoding, or U+FEFF after the start.

    libxml2 believes the mark and reads on, but other parsers (Saxon's, a browser's) may
    believe the declaration or stop: the published copy would be read differently. A mark
    after the first character (two in a row, one before the root or in the text) is what
    joining files leaves behind; it is invisible, so it is refused where it stands.
    """
    mark = next((m for m in BYTE_ORDER_MARKS if data.startswith(m[0])), None)
    rest = data[len(mark[0]):] if mark else data
    if mark is None or mark[1] == "utf-8":
        if b"\x00" in data[:4]:
            return  # UTF-16 or UTF-32 without a mark: the parser reads (or refuses) it itself
        # Most files hold neither a mark's bytes nor a character reference: two plain scans spare the regex.
        found = _INNER_BOM.search(rest) if b"\xef\xbb\xbf" in rest or b"&#" in rest else None
        where = (_locate(rest, found.group()), found.start()) if found else None
        head = rest[:4096].decode("utf-8", errors="replace")
    else:
        text = rest.decode(mark[1], errors="replace")
        found = _INNER_BOM_TEXT.search(text)
        where = (_locate(text.encode("utf-8"), found.group().encode("utf-8")), found.start()) if found else None
        head = text[:4096]
    declared = _DECLARED_ENCODING.match(head)
    if mark and declared and declared.group(1).strip().lower() not in mark[3]:
        line, column = _locate(head.encode("utf-8"), b"encoding")
        raise InputError(_diagnostic(path, line, column, "xml-bom", (
            f'the file starts with a {mark[2]} byte order mark but declares encoding="{declared.group(1)}": '
            f"other programs would read it differently; declare encoding=\"{mark[2]}\", or save the file as "
            f"{declared.group(1)} without the mark")))
    if where is not None:
        (line, column), offset = where
        place = "right after the first one" if mark and offset == 0 else "inside the file"
        raise InputError(_diagnostic(path, line, column, "xml-bom", (
            f"a byte order mark (U+FEFF) {place}, invisible and left behind when files are joined: remove it "
            "(write U+2060 WORD JOINER if a zero-width no-break space is meant)")))


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


def _refuse_declared_entities(tree: etree._ElementTree, data: bytes, path: Path) -> None:
    """The byte scan above misses declarations in other encodings (UTF-16): ask the parsed DTD."""
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        line, column = _locate_decoded(data, tree.docinfo.encoding, "<!ENTITY")
        raise InputError(_diagnostic(path, line, column, "xml-entity", ENTITY_DECLARATIONS_REFUSED))


def _locate_decoded(data: bytes, encoding: str | None, needle: str) -> tuple[int, int]:
    """Line and column of `needle` in a file whose bytes are not ASCII-compatible (UTF-16, UTF-32)."""
    try:
        text = data.decode(encoding or "utf-8")
    except (LookupError, UnicodeDecodeError):
        return 1, 0
    return _locate(text.lstrip("\ufeff").encode("utf-8"), needle.encode("utf-8"))


def _refuse_unexpanded_entities(tree: etree._ElementTree, path: Path) -> None:
    for entity in tree.iter(etree.Entity):
        raise InputError(_diagnostic(
            path, entity.sourceline or 1, 0, "xml-entity",
            f"undefined entity reference {entity.text}: write the character itself or a numeric reference",
        ))


def parse_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedDocument:
    """Read and parse one file. Unreadable files become InputError, like malformed ones."""
    return parse_bytes(read_regular(Path(path), max_bytes), Path(path))


def read_regular(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; anything else is one InputError.

    Opened without blocking and checked on the open descriptor, so a named pipe cannot hang
    the run, a link to /dev/zero cannot fill the memory, and nothing changes between the
    check and the read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise unreadable(path, error) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        kind = next((name for test, name in FILE_KINDS.items() if test(info.st_mode)), "a special file")
        raise InputError(_diagnostic(path, 1, 0, "file-type",
                                     f"not a regular file ({kind}): teikit reads only regular files"))
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(_diagnostic(path, 1, 0, "file-size",
                                     f"file is larger than the limit of {_megabytes(max_bytes)} "
                                     "(raise [limits] max_file_mb in teikit.toml to read it)"))
    return data


def unreadable(path: Path, error: OSError) -> InputError:
    """The one line for a file that cannot be opened."""
    return InputError(_diagnostic(Path(path), 1, 0, "io", f"cannot read file: {_reason(error)}"))


def _reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "a loop of symbolic links"
    if error.errno == errno.ENOENT and os.path.islink(error.filename or ""):
        return "a symbolic link to a file that does not exist"
    return error.strerror or str(error)


def _megabytes(count: int) -> str:
    return f"{count / MB:g} MB"


# Only a start tag this long can hold more than 200 attributes (each is at least ` a=""`), and
# only a run of name characters this long can be a name beyond the limit: cheap scans of the
# bytes that spare the per-element checks almost every document (they cost more than parsing).
_CROWDED_TAG = re.compile(rb"<[^>]{%d,}" % (4 * SAXON_MAX_ATTRIBUTES))
# A name is a run of bytes without white space or markup: the runs between them, each measured
# once (a regex for a long run tries again from every byte of every run, and cost more).
_NAME_ENDS = bytes.maketrans(b"<>=\"'/!?&;", b" " * 10)


# Whether an element lies deeper than the limit (the root is at depth 1): one search in C.
_TOO_DEEP = etree.XPath("boolean(" + "/*" * (SAXON_MAX_DEPTH + 1) + ")")


# In a large file the runs are not listed (a list of every run holds about 15 times the file's
# size): a run that long is searched for where a run starts, each run read once, in constant memory.
_LONG_NAME = re.compile(rb"(?<![^\s<>=\"'/!?&;])[^\s<>=\"'/!?&;]{%d}" % (SAXON_MAX_NAME + 1))
_LISTED_UP_TO = 1 << 20  # bytes


def _has_long_name(data: bytes) -> bool:
    if len(data) > _LISTED_UP_TO:
        return _LONG_NAME.search(data) is not None
    return max(map(len, data.translate(_NAME_ENDS).split()), default=0) > SAXON_MAX_NAME


def check_saxon_limits(document: "ParsedDocument") -> None:
    """Refuse, at the element, what the XML parser inside Saxon would refuse in every stylesheet."""
    depth = 0
    walk = etree.iterwalk(document.tree, events=("start", "end")) if _TOO_DEEP(document.tree) else ()
    for event, element in walk:  # elements only; walked in Python only to find where a tree too deep is
        depth += 1 if event == "start" else -1
        if depth > SAXON_MAX_DEPTH:
            _refuse(document, element, "xml-depth", (
                f"<{etree.QName(element).localname}> is nested {depth} elements deep; the stylesheets take "
                f"at most {SAXON_MAX_DEPTH}: flatten the markup"))
    data = document.data
    ascii_compatible = not data[:4].count(b"\x00") and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if ascii_compatible and not _CROWDED_TAG.search(data) and not _has_long_name(data):
        return
    for element in document.root.iter(etree.Element):
        problem = _crowded_or_long(element)
        if problem:
            _refuse(document, element, *problem)


def _refuse(document: "ParsedDocument", element: etree._Element, rule: str, message: str) -> None:
    raise InputError(_diagnostic(document.path, *position(document, element), rule, message))


def _crowded_or_long(element: etree._Element) -> tuple[str, str] | None:
    name = etree.QName(element).localname
    parent = element.getparent()
    inherited = parent.nsmap if parent is not None else {}
    declared = sum(1 for prefix, uri in element.nsmap.items() if inherited.get(prefix) != uri)
    if len(element.attrib) + declared > SAXON_MAX_ATTRIBUTES:
        return "xml-attributes", (f"<{name}> has {len(element.attrib)} attributes and {declared} namespace "
                                  f"declarations; the stylesheets take at most {SAXON_MAX_ATTRIBUTES} together")
    names = [name, *(etree.QName(a).localname for a in element.attrib.keys()), *(p for p in element.nsmap if p)]
    if any(len(n) > SAXON_MAX_NAME for n in names):
        return "xml-name", f"a name on <{name[:40]}…> is longer than {SAXON_MAX_NAME} characters"
    return None


def require_safe_name(path: Path) -> None:
    """A document's file name becomes its page's name and links: refuse what no URL can carry.

    Everything else is percent-encoded where the site links to it; control and format
    characters (terminal escapes, bidirectional overrides) and bytes that are not UTF-8 would
    name a page that browsers and servers disagree about.
    """
    name = Path(path).name
    bad = next((c for c in name if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")), None)
    if bad is not None:
        raise InputError(_diagnostic(Path(path), 1, 0, "file-name",
                                     f"the file name holds {printable(bad)}, which no web address can carry "
                                     "safely: rename the file"))


def require_inside(path: Path, root: Path | tuple[Path, ...] | None) -> None:
    """A file of the edition must be the edition's: refuse a link that leads out of its folder.

    The build publishes a copy of every document and authority file: followed, a link to
    another user's file (or a system file) on a shared machine would put it on the site. A
    link within the edition is followed; a path outside the edition (a file named on the
    command line) is not the edition's and is read as given. `root` may be several folders
    (Edition.roots: the edition's and those teikit.toml allows outside it).
    """
    if root is None:
        return
    roots = [root] if isinstance(root, (str, os.PathLike)) else list(root)
    where = os.path.abspath(path)
    if not any(os.path.commonpath([os.path.abspath(r), where]) == os.path.abspath(r) for r in roots):
        return
    try:
        target = Path(path).resolve()
        inside = any(target.is_relative_to(Path(r).resolve()) for r in roots)
    except (OSError, RuntimeError):  # a loop of links: the reader says so
        return
    if not inside:
        raise InputError(_diagnostic(Path(path), 1, 0, "file-link",
                                     "a symbolic link that leads out of the edition folder: teikit reads and "
                                     "publishes only the edition's own files (copy the file in instead)"))


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


@lru_cache(maxsize=None)
def compiled_xpath(path: str) -> etree.XPath:
    """A TEI XPath (prefix tei:), compiled once per process: compiling on every call cost most
    of the time of reading a document's metadata."""
    return etree.XPath(path, namespaces=NSMAP)


def first(element: etree._Element, xpath: str) -> etree._Element | None:
    """The first node a TEI XPath (prefix tei:) selects below `element`, or None."""
    found = compiled_xpath(xpath)(element)
    return found[0] if found else None


def serialize(tree_or_element, *, xml_declaration: bool = True) -> bytes:
    """Deterministic UTF-8 serialization."""
    return etree.tostring(tree_or_element, encoding="UTF-8", xml_declaration=xml_declaration)


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write `data` to `path` via a temp file in the same folder and an atomic rename.

    If anything fails (a full disk, no permission) the temp file goes and `path` keeps its
    previous content; the OSError names `path`, so the one line the user sees says where.
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        in_the_way = error.errno in (errno.EEXIST, errno.ENOTDIR) and error.filename
        raise _naming(error, Path(error.filename) if in_the_way else path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException as error:
        Path(tmp_name).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _naming(error, path) from None
        raise


def _naming(error: OSError, path: Path) -> OSError:
    """The same error, about `path` (a write error from a descriptor names no file)."""
    return type(error)(error.errno, error.strerror or str(error), str(path))


# ---- where a node is in its source: line and column, for diagnostics people can jump to ----

def _source(path: str) -> bytes | None:
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    return _read(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _read(path: str, mtime_ns: int, size: int) -> bytes | None:
    """Cached by path, time and size: several diagnostics in one file read it once."""
    try:
        return read_regular(Path(path))
    except InputError:
        return None


def _line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _qualified_name(element: etree._Element) -> bytes:
    local = etree.QName(element).localname
    return (f"{element.prefix}:{local}" if element.prefix else local).encode()


def _start_tag_offset(data: bytes, element: etree._Element) -> int | None:
    same_name = element.getroottree().getroot().iter(element.tag)
    index = next((i for i, candidate in enumerate(same_name) if candidate is element), None)
    if index is None:
        return None
    pattern = re.compile(rb"<" + re.escape(_qualified_name(element)) + rb"(?=[\s/>])")
    for i, match in enumerate(pattern.finditer(data)):
        if i == index:
            return match.start()
    return None


def position(document: "ParsedDocument", element: etree._Element, attribute: str | None = None) -> tuple[int, int]:
    """(line, column) of the element's start tag, or of one of its attributes; column 0 if unknown.

    lxml knows an element's line (where its start tag ends) but not its column, and validators
    report column 0. The column is found in the bytes that were parsed (the file is read again
    only when a document does not keep them): the k-th element of a name in document order is
    the k-th start tag of that name in the source."""
    line = element.sourceline or 1
    data = document.data or _source(str(document.path))
    offset = _start_tag_offset(data, element) if data is not None else None
    if offset is None:
        return line, 0
    found_line, column = _line_and_column(data, offset)
    if found_line > line:  # a comment or CDATA section fooled the count: keep lxml's line
        return line, 0
    if attribute:
        end = data.find(b">", offset)
        name = re.escape(attribute.encode())
        match = re.compile(rb"\s(" + name + rb")\s*=").search(data, offset, end if end > 0 else len(data))
        if match:
            return _line_and_column(data, match.start(1))
    return found_line, column


def id_position(path: str, line: int, xml_id: str) -> tuple[int, int]:
    """(line, column) of `xml:id="xml_id"` in a file, whose element lxml placed at `line` (where its
    start tag ends): read from the bytes, never parsed again. (line, 0) if it cannot be found."""
    data = _source(path)
    if data is None:
        return line, 0
    end = 0
    for _ in range(line):  # the end of `line`
        end = data.find(b"\n", end) + 1
        if end == 0:
            end = len(data)
            break
    pattern = re.compile(rb"\sxml:id\s*=\s*([\"'])" + re.escape(xml_id.encode()) + rb"\1")
    found = [m for m in pattern.finditer(data, 0, end)]
    if not found:
        return line, 0
    return _line_and_column(data, found[-1].start() + 1)
