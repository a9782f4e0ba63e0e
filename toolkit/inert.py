"""What a browser would run or fetch in a published XML file, and a copy in which it does not.

The site publishes every TEI file (html/tei/X.xml, linked as "TEI XML source" from its page).
A browser that opens an XML file renders elements of the XHTML, SVG and MathML namespaces as
its own, wherever they stand, and runs their scripts and event handlers on the site's origin;
an `xml-stylesheet` instruction before the root makes it fetch a stylesheet (and with XSLT,
produce a page of the stylesheet's making). TEI allows both: an `egXML` may hold an XHTML
`script`, valid against tei_all.

A file with neither (every edition teikit has met) is published byte for byte. A file with
either is published as a copy where each such element is moved to the namespace
`urn:x-teikit-inert:` + its own (its name, attributes and content kept; no browser knows the
namespace) and the instructions before the root are left out, with a comment saying so; the
validation warns (`copy-inert`). Static hosts serve the copy as XML; nothing in it runs.
"""

from __future__ import annotations

import copy

from lxml import etree

BROWSER_NAMESPACES = {
    "http://www.w3.org/1999/xhtml": "XHTML",
    "http://www.w3.org/2000/svg": "SVG",
    "http://www.w3.org/1998/Math/MathML": "MathML",
}
INERT_PREFIX = "urn:x-teikit-inert:"
STYLESHEET_PI = "xml-stylesheet"
# A UTF-8 file without any of these bytes has neither (a namespace written with character
# references, &#104;ttp://…, has "&#"): most files are cleared without a walk of their tree.
_TRACES = (b"xml-stylesheet", b"&#", *(uri.encode() for uri in BROWSER_NAMESPACES))
NOTE = (" teikit: in this copy, elements of the XHTML, SVG and MathML namespaces are moved to the namespace "
        f"{INERT_PREFIX} + their own, and xml-stylesheet instructions are left out, so that no browser runs "
        "or fetches them on the edition's site; everything else is as in the source. ")


def may_hold_active(data: bytes) -> bool:
    """False when the bytes alone show that a file holds nothing a browser runs: an ASCII-compatible
    encoding (UTF-8, Latin-1 …) and none of the traces. True otherwise (its tree must tell)."""
    ascii_compatible = data.lstrip(b"\xef\xbb\xbf\t\r\n ")[:1] == b"<" and b"\0" not in data[:4]
    return not ascii_compatible or any(trace in data for trace in _TRACES)


def browser_active(tree: etree._ElementTree, data: bytes | None = None) -> list:
    """The elements and instructions a browser would run or fetch, in document order ([] for most files)."""
    if data is not None and not may_hold_active(data):
        return []
    root = tree.getroot()
    found = [pi for pi in root.itersiblings(etree.ProcessingInstruction, preceding=True)
             if pi.target == STYLESHEET_PI][::-1]
    found += [e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).namespace in BROWSER_NAMESPACES]
    return found


def describe(node) -> str:
    """How a warning names what was made inert."""
    if isinstance(node, etree._ProcessingInstruction):
        return f"<?{STYLESHEET_PI}?> makes a browser fetch a stylesheet"
    name = etree.QName(node)
    return f"<{name.localname}> is in the {BROWSER_NAMESPACES[name.namespace]} namespace, which browsers run"


def published_copy(tree: etree._ElementTree, data: bytes) -> bytes:
    """The bytes the site publishes for a TEI file: `data` itself, unless a browser would run or
    fetch something in it; then the copy described above (UTF-8)."""
    if not browser_active(tree, data):
        return data
    root = _copy(tree.getroot())
    for element in root.iter():
        if isinstance(element.tag, str):
            name = etree.QName(element)
            if name.namespace in BROWSER_NAMESPACES:
                element.tag = f"{{{INERT_PREFIX}{name.namespace}}}{name.localname}"
    before = [node for node in tree.getroot().itersiblings(preceding=True)
              if not (isinstance(node, etree._ProcessingInstruction) and node.target == STYLESHEET_PI)][::-1]
    parts = [b'<?xml version="1.0" encoding="UTF-8"?>\n', etree.tostring(etree.Comment(NOTE)), b"\n"]
    parts += [etree.tostring(node, encoding="UTF-8").rstrip() + b"\n" for node in before]
    parts.append(etree.tostring(root, encoding="UTF-8"))
    return b"".join(parts) + b"\n"


def _copy(root: etree._Element) -> etree._Element:
    """A copy of the root element alone (its siblings, the prolog's instructions, stay behind)."""
    copied = copy.deepcopy(root)
    copied.tail = None
    return copied
