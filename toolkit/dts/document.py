"""The document endpoint: the TEI of a whole document or of its citable parts (DTS 1.0).

A part (ref) or a range (start/end) comes inside <dts:wrapper>, after the document's
teiHeader (left out when the part is itself in the header, e.g. a source reference), as the
specification asks. The TEI returned carries the citation tree the
navigation endpoint uses: where teikit supplied the default, its refsDecl is added to the
header (encodingDesc) of the copy; the document itself is not changed. text/html and
text/plain are the edition's own page and plain text of the whole document. Like the site's TEI
copies, an answer holding what a browser would run (an egXML's XHTML script) is given inert
(toolkit/inert.py): static hosts serve these files from the site's origin.
"""

from __future__ import annotations

import copy

from lxml import etree

from . import DTS_NS, TEI_XML, DtsError, Response
from .citations import TEI, CitationTree
from .model import Api, Library, Resource
from .navigation import span_of, subtree
from .params import check, ref_or_range
from ..inert import may_hold_active, published_copy
from ..xmlio import serialize

PARAMETERS = ("resource", "ref", "start", "end", "tree", "mediaType")


def document(library: Library, api: Api, params: dict[str, str]) -> Response:
    check(params, PARAMETERS, "document")
    resource = library.resource(params.get("resource"))
    ref, start, end = ref_or_range(params)
    media = params.get("mediaType", TEI_XML)
    if media not in resource.media_types:
        raise DtsError(404, f"mediaType {media!r} is not available for resource {resource.id!r} "
                       f"(available: {', '.join(resource.media_types)})")
    headers = {"Link": f'<{api.expand(api.collection, id=resource.id)}>; rel="collection"'}
    if media != TEI_XML:
        if ref is not None or start is not None:
            raise DtsError(404, f"mediaType {media!r} is available for the whole document only; "
                           f"ask for {TEI_XML} to get a part")
        return Response(200, f"{media}; charset=utf-8", resource.outputs[media](), headers)
    if ref is None and start is None:
        answer = whole(resource)
    else:
        tree = params.get("tree")
        units = resource.units(tree)
        if ref is not None:
            parts = [resource.unit(ref, tree)]
        else:
            first, last = resource.unit(start, tree), resource.unit(end, tree)
            if units.index(first) > units.index(last):
                raise DtsError(400, f"start {start!r} comes after end {end!r} in the document")
            parts = _outermost(span_of(units, first, last))
        answer = wrapped(resource, resource.tree(tree), [u.element for u in parts])
    return Response(200, f"{TEI_XML}; charset=utf-8", _published(answer), headers)


def _published(answer: etree._Element) -> bytes:
    """The answer's bytes, or their inert copy when they may hold what a browser runs."""
    body = serialize(answer)
    return published_copy(etree.ElementTree(answer), body) if may_hold_active(body) else body


def _outermost(units):
    """The units of a range that are not inside another unit of it: each part once."""
    inside = set()
    for unit in units:
        if unit.identifier not in inside:
            inside.update(u.identifier for u in subtree(units, unit)[1:])
    return [u for u in units if u.identifier not in inside]


def whole(resource: Resource) -> etree._Element:
    root = copy.deepcopy(resource.document.root)
    _declare_citations(root, resource.trees[0])
    return root


def wrapped(resource: Resource, tree: CitationTree, elements: list[etree._Element]) -> etree._Element:
    source = resource.document.root
    root = etree.Element(source.tag, dict(source.attrib), nsmap=source.nsmap)
    header = source.find(f"{TEI}teiHeader")
    # The header as context, unless a part is in it: one xml:id must not appear twice.
    if header is not None and not any(header in e.iterancestors() for e in elements):
        root.append(_copy(header))
    _declare_citations(root, tree)
    wrapper = etree.SubElement(root, f"{{{DTS_NS}}}wrapper", nsmap={"dts": DTS_NS})
    for element in elements:
        wrapper.append(_copy(element))
    return root


def _copy(element: etree._Element) -> etree._Element:
    found = copy.deepcopy(element)
    found.tail = None  # the text after a part belongs to its parent, not to the part
    return found


def _declare_citations(root: etree._Element, tree: CitationTree) -> None:
    """Write teikit's default citeStructure into this copy's header; a document's own is there already."""
    header = root.find(f"{TEI}teiHeader")
    if not tree.supplied or header is None:
        return
    encoding = header.find(f"{TEI}encodingDesc")
    if encoding is None:
        encoding = etree.Element(f"{TEI}encodingDesc")
        file_desc = header.find(f"{TEI}fileDesc")
        header.insert(header.index(file_desc) + 1 if file_desc is not None else 0, encoding)
    encoding.append(copy.deepcopy(tree.element))
