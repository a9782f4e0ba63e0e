"""Counting documents over time for a drawing that stays readable at any size.

A chronology of five thousand letters cannot draw one mark per letter: it counts them per
month, per year or per decade (whichever gives at most MAX_BARS bars over the edition's span)
and labels its axis at a step a reader can take in (1, 2, 5, 10 … units apart, at most
MAX_LABELS labels). Pure arithmetic on (year, month) pairs; the drawing is the chronology
builder's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

MAX_BARS = 72  # bars across a phone-wide drawing (360 user units): five units each at least
MAX_LABELS = 7  # axis labels that fit side by side without touching
STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
UNITS = ("month", "year", "decade")


@dataclass(frozen=True)
class Bar:
    """One bar: the documents of a month (`month` 1–12), a year (`month` 0) or a decade (the
    year it starts, `month` 0)."""

    year: int
    month: int
    count: int

    @property
    def key(self) -> tuple[int, int]:
        return self.year, self.month


def unit_for(months: Iterable[tuple[int, int]]) -> str:
    """The finest unit that keeps the edition's span within MAX_BARS bars."""
    found = sorted(set(months))
    if not found:
        return "year"
    (first_year, first_month), (last_year, last_month) = found[0], found[-1]
    if (last_year - first_year) * 12 + last_month - first_month + 1 <= MAX_BARS:
        return "month"
    if last_year - first_year + 1 <= MAX_BARS:
        return "year"
    return "decade"


def bars(months: Iterable[tuple[int, int]], unit: str) -> list[Bar]:
    """Every bar from the first to the last document's, empty ones included (a gap in the
    correspondence is part of the picture), with its count."""
    counted = Counter(_bin(month, unit) for month in months)
    if not counted:
        return []
    first, last = min(counted), max(counted)
    found = []
    key = first
    while key <= last:
        found.append(Bar(key[0], key[1], counted.get(key, 0)))
        key = _next(key, unit)
    return found


def _bin(month: tuple[int, int], unit: str) -> tuple[int, int]:
    year, number = month
    if unit == "month":
        return year, number
    if unit == "year":
        return year, 0
    return year - year % 10, 0


def _next(key: tuple[int, int], unit: str) -> tuple[int, int]:
    year, month = key
    if unit == "month":
        return (year + 1, 1) if month == 12 else (year, month + 1)
    return year + (1 if unit == "year" else 10), 0


def step(span: int, most: int = MAX_LABELS) -> int:
    """The smallest step of STEPS that labels a span of `span` units with at most `most` labels."""
    for candidate in STEPS:
        if span // candidate + 1 <= most:
            return candidate
    return STEPS[-1] * (span // (STEPS[-1] * most) + 1)


def labelled(found: list[Bar], unit: str) -> list[Bar]:
    """The bars whose start is labelled on the axis: every `step` years (decades: their starts),
    or for months every January and, when there is room, the months between at a step of 1, 2,
    3 or 6."""
    if not found:
        return []
    if unit == "month":
        every = next((m for m in (1, 2, 3, 6, 12) if -(-len(found) // m) <= MAX_LABELS), 12)
        return [bar for bar in found if (bar.month - 1) % every == 0]
    size = 10 if unit == "decade" else 1
    every = step((found[-1].year - found[0].year) // size) * size
    return [bar for bar in found if bar.year % every == 0] or found[:1]


def gridlines(most: int, lines: int = 4) -> list[int]:
    """Counts to rule the drawing at: a round step (1, 2, 5 × 10^k) with at most `lines` lines
    up to the tallest bar's count."""
    if most <= 0:
        return []
    size = 1
    while True:
        for factor in (1, 2, 5):
            every = factor * size
            if most // every <= lines:
                return list(range(every, most + 1, every))
        size *= 10
