"""date-real and date-order, whatever the schema: a normalised date exists and a range runs forwards.

Checked in Python on every document (also with schema = "none", where no Schematron runs):
`when="1920-02-30"`, `notBefore` after `notAfter` or `from` after `to` would otherwise reach
the site and the CMIF. metadata.DateSpec uses the same functions and leaves such a date out.

@when, @notBefore and @notAfter are dates on every element that has them. @from and @to are
dates too, except on elements where TEI makes them something else: folio and page ranges
(citedRange, biblScope, locus) and pointers (span, app, …, whose values are "#ids"). What a
real date is: toolkit/dating.py.
"""

from __future__ import annotations

from lxml import etree

from ..dating import problem, runs_backwards
from ..diagnostics import WARNING, Diagnostic
from ..xmlio import ParsedDocument, position

TEI = "{http://www.tei-c.org/ns/1.0}"
POINT_ATTRIBUTES = ("when", "notBefore", "notAfter")
SPAN_ATTRIBUTES = ("from", "to")
# @from/@to that are not dates (att.citing, att.pointing ranges, apparatus anchors).
NOT_DATES = frozenset(f"{TEI}{name}" for name in ("citedRange", "biblScope", "locus", "locusGrp", "span", "app",
                                                  "link", "alt", "ptr", "ref", "measure", "interval", "timeline"))


_DATE_NAMES = frozenset(POINT_ATTRIBUTES + SPAN_ATTRIBUTES)


def check(document: ParsedDocument) -> list[Diagnostic]:
    diagnostics = []
    for element in document.root.iter(etree.Element):
        if not element.tag.startswith(TEI):
            continue  # another vocabulary's @when or @from is its own business
        if _DATE_NAMES.isdisjoint(element.keys()):
            continue  # most elements: one look at the names of its attributes, not five
        attributes = POINT_ATTRIBUTES if element.tag in NOT_DATES else POINT_ATTRIBUTES + SPAN_ATTRIBUTES
        values = {name: element.get(name) for name in attributes if element.get(name) is not None}
        if not values:
            continue
        real = {}
        for name, value in values.items():
            why = problem(value)
            if why:
                diagnostics.append(_diagnostic(document, element, name, "date-real", f'{name}="{value}" {why}'))
            else:
                real[name] = value
        for start, end in (("notBefore", "notAfter"), ("from", "to")):
            if start in real and end in real and runs_backwards(real[start], real[end]):
                diagnostics.append(_diagnostic(document, element, start, "date-order",
                                               f'{start}="{real[start]}" is after {end}="{real[end]}"'))
    return diagnostics


def _diagnostic(document: ParsedDocument, element, attribute: str, rule: str, message: str) -> Diagnostic:
    line, column = position(document, element, attribute)
    return Diagnostic(document.display, line, column, WARNING, rule, message)
