"""SVG drawn at build time (the chronology, the correspondence network): elements with
presentation attributes, so a drawing looks the same as a file of its own and inside a page."""

from __future__ import annotations

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"


def element(tag: str, parent: etree._Element | None = None, text: str | None = None, look: dict | None = None,
            **attributes) -> etree._Element:
    """An SVG element; attribute names in Python spelling (class_, font_size -> class, font-size);
    `look` maps a class to the presentation attributes it adds."""
    attrs = {k.rstrip("_").replace("_", "-"): str(v) for k, v in attributes.items()}
    attrs.update((look or {}).get(attrs.get("class", ""), {}))
    node = etree.Element(f"{{{SVG_NS}}}{tag}", attrs, nsmap={None: SVG_NS}) if parent is None \
        else etree.SubElement(parent, f"{{{SVG_NS}}}{tag}", attrs)
    node.text = text
    return node


def svg_file(drawing: etree._Element) -> bytes:
    """A drawing as a file of its own."""
    return etree.tostring(drawing, encoding="UTF-8", xml_declaration=True) + b"\n"


def svg_element(data: bytes) -> etree._Element:
    """A drawing written by svg_file, as an element to embed in a page (teikit's own bytes)."""
    return etree.fromstring(data)
