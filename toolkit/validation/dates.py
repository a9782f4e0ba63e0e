"""date-real and date-order, whatever the schema: a normalised date exists and a range runs forwards.

Checked in Python on every document (also with schema = "none", where no Schematron runs):
`when="1920-02-30"`, `notBefore` after `notAfter` or `from` after `to` would otherwise reach
the site and the CMIF. metadata.DateSpec uses the same functions and leaves such a date out.

@when, @notBefore and @notAfter are dates on every element that has them. @from and @to are
dates too, except on elements where TEI makes them something else: folio and page ranges
(citedRange, biblScope, locus) and pointers (span, app, …, whose values are "#ids").
"""

from __future__ import annotations

import calendar
import re

from lxml import etree

from ..diagnostics import WARNING, Diagnostic
from ..xmlio import ParsedDocument
from ..xmlio import position

TEI = "{http://www.tei-c.org/ns/1.0}"
POINT_ATTRIBUTES = ("when", "notBefore", "notAfter")
SPAN_ATTRIBUTES = ("from", "to")
# @from/@to that are not dates (att.citing, att.pointing ranges, apparatus anchors).
NOT_DATES = frozenset(f"{TEI}{name}" for name in ("citedRange", "biblScope", "locus", "locusGrp", "span", "app",
                                                  "link", "alt", "ptr", "ref", "measure", "interval", "timeline"))
# The W3C forms TEI's att.datable.w3c takes: gYear, gYearMonth, date, dateTime, time, gMonthDay, gMonth, gDay.
_DATE = re.compile(r"(?P<year>-?\d{4,})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
                   r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?)?)?(?:Z|[+-]\d{2}:\d{2})?")
_OTHER_W3C = re.compile(r"\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?|--\d{2}(?:-\d{2})?|---\d{2}")


def problem(value: str) -> str:
    """Why `value` is no real W3C date ("" when it is one)."""
    value = value.strip()
    found = _DATE.fullmatch(value)
    if found is None:
        if _OTHER_W3C.fullmatch(value):
            return ""
        return "is not a date in ISO 8601 form (YYYY, YYYY-MM or YYYY-MM-DD)"
    month, day = found.group("month"), found.group("day")
    if month is not None and not 1 <= int(month) <= 12:
        return f"is not a real date: there is no month {month}"
    if day is not None:
        year = int(found.group("year"))
        last = calendar.monthrange(year if year > 0 else 2000 + year % 400, int(month))[1]
        if not 1 <= int(day) <= last:
            return f"is not a real date: {value[:value.rindex('-')]} has no day {day}"
    return ""


def bounds(value: str) -> tuple[str, str] | None:
    """The first and last day a real date can mean, as comparable YYYYMMDD text (None: not comparable)."""
    found = _DATE.fullmatch(value.strip())
    if found is None or found.group("year").startswith("-") or len(found.group("year")) != 4:
        return None
    year, month, day = found.group("year"), found.group("month"), found.group("day")
    if day is not None:
        return year + month + day, year + month + day
    if month is not None:
        return year + month + "01", year + month + f"{calendar.monthrange(int(year), int(month))[1]:02d}"
    return year + "0101", year + "1231"


def reversed_pair(start: str, end: str) -> bool:
    """True when a range starting at `start` cannot end at `end` (notBefore/notAfter, from/to)."""
    first, last = bounds(start), bounds(end)
    return first is not None and last is not None and first[0] > last[1]


def check(document: ParsedDocument) -> list[Diagnostic]:
    diagnostics = []
    for element in document.root.iter(etree.Element):
        if not element.tag.startswith(TEI):
            continue  # another vocabulary's @when or @from is its own business
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
            if start in real and end in real and reversed_pair(real[start], real[end]):
                diagnostics.append(_diagnostic(document, element, start, "date-order",
                                               f'{start}="{real[start]}" is after {end}="{real[end]}"'))
    return diagnostics


def _diagnostic(document: ParsedDocument, element, attribute: str, rule: str, message: str) -> Diagnostic:
    line, column = position(document, element, attribute)
    return Diagnostic(document.display, line, column, WARNING, rule, message)
