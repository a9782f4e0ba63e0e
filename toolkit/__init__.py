"""teikit: a TEI-XML digital edition toolkit.

The data flows one way, and the modules are named after the stages:
edition (discover) -> xmlio (parse safely, once) -> validation -> transform -> builders (write).
"""

__version__ = "0.1.0"

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"tei": TEI_NS}
