"""The chronology: every dated document on a time axis, drawn at build time as SVG.

One row per document, in chronological order: its label above, its date below on an axis of
days with the months marked. An exact date is a dot; notBefore/notAfter (or from/to) is a bar
over the days it may fall on; a bound on one side only is a bar open towards the axis' end.
Each row is a link to its document. The SVG is drawn narrow (a phone's width) and scales
up; it needs no script. Undated documents are listed under the drawing, not drawn.

The drawing is made once per build, here; chronology.html embeds this builder's file (the
site builder declares that it reads it). The list by year and month is the site builder's.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from lxml import etree

from ..labels import Labels
from ..metadata import Letter, Span, span
from ..svg import element, svg_file
from . import Context, CorpusBuilder, CorpusInput, href

WIDTH = 360  # user units; the page scales the drawing to its column
LEFT, RIGHT = 8, 8
TOP = 36  # room for the month labels
ROW = 40
CHRONOLOGY_SVG = "html/chronology.svg"


def _axis(spans: list[Span]) -> tuple[date, date]:
    """From the first day of the first month to the last day of the last month drawn."""
    first = min(s.start for s in spans)
    last = max(s.end for s in spans)
    return first.replace(day=1), last.replace(day=calendar.monthrange(last.year, last.month)[1])


# Presentation attributes, not CSS: the drawing looks the same as a file of its own and in
# the page. Colours are those of edition.css (contrast at least 4.5:1 on the background).
LOOK = {
    "chronology": {"font-family": "Georgia, 'Times New Roman', serif", "font-size": "11"},
    "month-rule": {"stroke": "#c9c6ba", "stroke-width": "1"},
    "month-label": {"fill": "#4a4a4a", "font-size": "10"},
    "row-rule": {"stroke": "#e4e2da", "stroke-width": "1"},
    "mark-label": {"fill": "#0b4f9c"},
    "mark-day": {"fill": "#0b4f9c"},
    "mark-range": {"fill": "#0b4f9c", "fill-opacity": "0.55"},
    "mark-open": {"fill": "#0b4f9c", "fill-opacity": "0.25", "stroke": "#0b4f9c", "stroke-dasharray": "3 2"},
}


def _svg(tag: str, parent: etree._Element | None = None, text: str | None = None, **attributes) -> etree._Element:
    return element(tag, parent, text, LOOK, **attributes)


def _months(first: date, last: date):
    month = first
    while month <= last:
        yield month
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def chronology_svg(letters: list[Letter], labels: Labels) -> etree._Element | None:
    """The drawing, or None when no document is dated."""
    rows = [(letter, span(letter.date)) for letter in letters]
    rows = [(letter, s) for letter, s in rows if s]
    if not rows:
        return None
    first, last = _axis([s for _, s in rows])
    days = (last - first).days + 1
    scale = (WIDTH - LEFT - RIGHT) / days

    def x(day: date, end: bool = False) -> float:
        return round(LEFT + ((day - first).days + (1 if end else 0)) * scale, 1)

    height = TOP + ROW * len(rows) + 8
    root = _svg("svg", viewBox=f"0 0 {WIDTH} {height}", width=WIDTH, height=height, class_="chronology",
                aria_labelledby="chronology-svg-title")
    _svg("title", root, labels.text("chronology.drawing", start=labels.iso_words(first.isoformat()),
                                    end=labels.iso_words(last.isoformat())), id="chronology-svg-title")
    axis = _svg("g", root, class_="axis")
    for month in _months(first, last):
        _svg("line", axis, x1=x(month), y1=TOP - 14, x2=x(month), y2=height - 4, class_="month-rule")
        _svg("text", axis, f"{labels.month(month.month, short=True)} {month.year}", x=x(month) + 3, y=TOP - 18,
             class_="month-label")
    for index, (letter, s) in enumerate(rows):
        _row(root, letter, s, TOP + ROW * index, x, labels)
    return root


def _row(root: etree._Element, letter: Letter, s: Span, top: float, x, labels: Labels) -> None:
    link = _svg("a", root, href=href("html", "html", letter), class_="chronology-mark")
    label, when = labels.document(letter), labels.date(letter.date)
    _svg("title", link, label if when in label else labels.text("chronology.item", label=label, date=when))
    # the whole row takes the click or tap, not only the thin marks and letters
    _svg("rect", link, x=0, y=top, width=WIDTH, height=ROW, fill="#ffffff", fill_opacity="0", class_="row-target")
    _svg("text", link, label if len(label) <= 58 else label[:56] + "…", x=LEFT, y=top + 13, class_="mark-label")
    middle = top + 26
    _svg("line", link, x1=LEFT, y1=middle, x2=WIDTH - RIGHT, y2=middle, class_="row-rule")
    if s.exact:
        _svg("circle", link, cx=round((x(s.start) + x(s.start, end=True)) / 2, 1), cy=middle, r=5, class_="mark-day")
        return
    start = LEFT if s.open_start else x(s.start)
    end = WIDTH - RIGHT if s.open_end else x(s.end, end=True)
    kind = "mark-open" if (s.open_start or s.open_end) else "mark-range"
    _svg("rect", link, x=start, y=middle - 5, width=round(max(end - start, 2), 1), height=10, rx=3, class_=kind)


class ChronologyBuilder(CorpusBuilder):
    """html/chronology.svg: the drawing as a file of its own (chronology.html embeds the same)."""

    name = "chronology"
    depends_on = ("letters", "labels")  # the records alone: their dates and labels, in words

    def build(self, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        drawing = chronology_svg(corpus.letters, context.labels)
        return {CHRONOLOGY_SVG: svg_file(drawing)} if drawing is not None else {}
