"""Schematron: the edition's rules (schema/edition.sch), compiled once per process by lxml.

lxml's isoschematron runs XPath 1 rules through XSLT and reports each failed assert with an
XPath `location` but line 0; the location is evaluated on the tree to find the element, its
line and its column. The assert's @id "rule-id.detail" gives the rule id.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree, isoschematron

from ..diagnostics import ERROR, WARNING, Diagnostic
from ..errors import ConfigError
from ..xmlio import ParsedDocument, parse_file
from ..xmlio import position

SVRL = "http://purl.oclc.org/dsdl/svrl"
WARNING_ROLES = {"warning", "warn", "info", "information"}


@lru_cache(maxsize=None)
def compile_rules(path: Path) -> isoschematron.Schematron:
    rules = parse_file(Path(path)).tree
    try:
        return isoschematron.Schematron(rules, store_report=True)
    except (etree.SchematronParseError, etree.XSLTParseError) as error:
        raise ConfigError(f"{path}: not a usable ISO Schematron (XPath 1) file: {error}") from None


def check(document: ParsedDocument, rules: isoschematron.Schematron) -> list[Diagnostic]:
    """One diagnostic per failed assert or successful report; [] when every rule holds."""
    if rules.validate(document.tree):
        return []
    report = rules.validation_report
    found = report.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report")
    return [_diagnostic(document, item) for item in found]


def _diagnostic(document: ParsedDocument, item: etree._Element) -> Diagnostic:
    rule = (item.get("id") or "schematron").split(".")[0]
    severity = WARNING if (item.get("role") or "").lower() in WARNING_ROLES else ERROR
    message = " ".join((item.findtext(f"{{{SVRL}}}text") or "").split())
    line, column = _locate(document, item.get("location"))
    return Diagnostic(document.display, line, column, severity, rule, message)


def _locate(document: ParsedDocument, location: str | None) -> tuple[int, int]:
    try:
        found = document.tree.xpath(location) if location else []
    except etree.XPathError:
        found = []
    node = found[0] if found else None
    if node is not None and not isinstance(node, etree._Element):
        node = node.getparent()  # an attribute or text result: its element
    if node is None:
        return 1, 0
    return position(document, node)
