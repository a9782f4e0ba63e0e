"""Where a node is in its document, for messages: its readable path (/TEI/teiHeader/…).

Its line and column are xmlio.position (found in the bytes that were parsed).
"""

from __future__ import annotations

from lxml import etree


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
