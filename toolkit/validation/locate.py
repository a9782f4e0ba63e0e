"""Where a node is in its source file: line and column, for diagnostics people can jump to.

lxml knows an element's line (the line where its start tag ends) but not its column, and
validators report column 0. The column is found in the file's bytes, read again only when a
diagnostic needs it: the k-th element of a name in document order is the k-th start tag of that
name in the source.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..xmlio import ParsedDocument, read_regular


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


def position(document: ParsedDocument, element: etree._Element, attribute: str | None = None) -> tuple[int, int]:
    """(line, column) of the element's start tag, or of one of its attributes; column 0 if unknown."""
    line = element.sourceline or 1
    data = _source(str(document.path))
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


def readable_path(element: etree._Element) -> str:
    """/TEI/teiHeader/fileDesc/sourceDesc/listBibl/bibl[2]: local names, positions where needed."""
    steps = []
    while element is not None:
        name = etree.QName(element).localname
        parent = element.getparent()
        if parent is not None:
            siblings = [s for s in parent if s.tag == element.tag]
            if len(siblings) > 1:
                name += f"[{siblings.index(element) + 1}]"
        steps.append(name)
        element = parent
    return "/" + "/".join(reversed(steps))
