"""W3C dates as TEI normalises them (@when, @notBefore, @notAfter, @from, @to): real or not, and their bounds.

One place for what a real date is, used by the check that reports it (validation/dates.py,
rules date-real and date-order) and by the metadata that leaves such a date out
(metadata.DateSpec), so no page or CMIF file ever shows 30 February or a range that runs
backwards.
"""

from __future__ import annotations

import calendar
import re

# The W3C forms TEI's att.datable.w3c takes: gYear, gYearMonth, date, dateTime (with a zone or not) ...
_DATE = re.compile(r"(?P<year>-?\d{4,})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
                   r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?)?)?(?:Z|[+-]\d{2}:\d{2})?")
# ... and time, gMonthDay, gMonth, gDay, which name no day of a year.
_OTHER_W3C = re.compile(r"\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?|--\d{2}(?:-\d{2})?|---\d{2}")


def problem(value: str) -> str:
    """Why `value` is no real W3C date ("" when it is one), to follow `when="…"` in a message."""
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
        # calendar knows years 1–9999; a year before that is leap as the same year of a 400-year cycle
        last = calendar.monthrange(year if 0 < year < 10000 else 2000 + year % 400, int(month))[1]
        if not 1 <= int(day) <= last:
            return f"is not a real date: {value[:value.rindex('-')]} has no day {day}"
    return ""


def is_real(value: str) -> bool:
    return not problem(value)


def bounds(value: str) -> tuple[str, str] | None:
    """The first and last day a real date can mean, as comparable YYYYMMDD text (None: not comparable)."""
    found = _DATE.fullmatch(value.strip())
    if found is None or len(found.group("year")) != 4 or problem(value):
        return None
    year, month, day = found.group("year"), found.group("month"), found.group("day")
    if day is not None:
        return year + month + day, year + month + day
    if month is not None:
        return year + month + "01", year + month + f"{calendar.monthrange(int(year), int(month))[1]:02d}"
    return year + "0101", year + "1231"


def runs_backwards(start: str, end: str) -> bool:
    """True when a range from `start` cannot reach `end` (notBefore/notAfter, from/to): partial dates
    compare by the days they can mean, so notBefore="1920" and notAfter="1920-01" are in order."""
    first, last = bounds(start), bounds(end)
    return first is not None and last is not None and first[0] > last[1]
