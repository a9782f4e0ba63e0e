"""The chronology: the documents on a time axis, drawn at build time as SVG.

Up to ROWS dated documents, one row per document, in chronological order: its label above, its
date below on an axis of days with the months marked. An exact date is a dot; notBefore/notAfter
(or from/to) is a bar over the days it may fall on; a bound on one side only is a bar open
towards the axis' end. Each row is a link to its document.

More documents would make a solid dark bar of that: the drawing then counts them, a bar per
month, year or decade (the finest that fits the edition's span, toolkit/timeline.py), on an axis
labelled a step apart a reader can take in, with the counts ruled; each bar links to its year's
page (and month). The documents without a date are counted under it.

The SVG is drawn narrow (a phone's width) and scales up; it needs no script. It is made once per
build, here, from the documents per month (a month a part: toolkit/parts.py); chronology.html
embeds this builder's file (the site builder declares that it reads it).
"""

from __future__ import annotations

import calendar
import json
from bisect import bisect_left
from datetime import date, timedelta

from lxml import etree

from ..labels import Labels
from ..metadata import Letter, Span, span
from ..svg import element, svg_file
from ..timeline import Bar, bars, gridlines, labelled, unit_for
from . import Context, CorpusInput, PartedBuilder, href, year_page

WIDTH = 360  # user units; the page scales the drawing to its column
LEFT, RIGHT = 8, 8
TOP = 36  # room for the month labels
ROW = 40
CHRONOLOGY_SVG = "html/chronology.svg"
ROWS = 60  # dated documents drawn a row each; above, counted
UNDATED = "undated"


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


# ---- many documents: how many a month, year or decade --------------------------------------

HEIGHT = 190
PLOT_LEFT, PLOT_TOP, PLOT_BOTTOM = 36, 12, 34
BAR_LOOK = {
    "grid": {"stroke": "#e4e2da", "stroke-width": "1"},
    "grid-label": {"fill": "#4a4a4a", "font-size": "10", "text-anchor": "end"},
    "axis": {"stroke": "#4a4a4a", "stroke-width": "1"},
    "tick-label": {"fill": "#1b1b1b", "font-size": "10", "text-anchor": "middle"},
    "bar": {"fill": "#0b4f9c"},
    "bar-target": {"fill": "#ffffff", "fill-opacity": "0"},
    "note": {"fill": "#4a4a4a", "font-size": "10"},
}


def _bar_svg(tag: str, parent: etree._Element | None = None, text: str | None = None, **attributes):
    return element(tag, parent, text, {**LOOK, **BAR_LOOK}, **attributes)


def counts_svg(months: dict[tuple[int, int], int], undated: int, labels: Labels) -> etree._Element | None:
    """The documents counted a bar per month, year or decade; None when none is dated."""
    found_months = [month for month, count in months.items() for _ in range(count)]
    if not found_months:
        return None
    unit = unit_for(months)
    found = bars(found_months, unit)
    years = sorted({year for year, _ in months})
    most = max(bar.count for bar in found)
    lines = gridlines(most)
    width, plot_height = WIDTH - PLOT_LEFT - RIGHT, HEIGHT - PLOT_TOP - PLOT_BOTTOM
    step, scale = width / len(found), plot_height / max([most, *lines])
    height = HEIGHT + (16 if undated else 0)
    root = _bar_svg("svg", viewBox=f"0 0 {WIDTH} {height}", width=WIDTH, height=height, class_="chronology counts",
                    aria_labelledby="chronology-svg-title")
    _svg("title", root, labels.text(f"chronology.counts-{unit}", start=_period(found[0], unit, labels),
                                    end=_period(found[-1], unit, labels)), id="chronology-svg-title")
    grid = _bar_svg("g", root, class_="grid-lines")
    baseline = PLOT_TOP + plot_height
    for value in lines:
        y = round(baseline - value * scale, 1)
        _bar_svg("line", grid, x1=PLOT_LEFT, y1=y, x2=WIDTH - RIGHT, y2=y, class_="grid")
        _bar_svg("text", grid, f"{value:,}", x=PLOT_LEFT - 4, y=round(y + 3, 1), class_="grid-label")
    marks = _bar_svg("g", root, class_="bars")
    for index, bar in enumerate(found):
        x = PLOT_LEFT + index * step
        # a bar leads to its year's page; an empty one has none to lead to
        link = _bar_svg("a", marks, href=_bar_href(bar, unit, years), class_="chronology-bar") if bar.count \
            else _bar_svg("g", marks, class_="chronology-bar")
        counted = labels.text(f"correspondents.documents-{'one' if bar.count == 1 else 'other'}", count=bar.count)
        _bar_svg("title", link, labels.text("chronology.bar", period=_period(bar, unit, labels), count=counted))
        # the whole column takes the click or tap, not only the bar
        _bar_svg("rect", link, x=round(x, 2), y=PLOT_TOP, width=round(step, 2), height=plot_height, class_="bar-target")
        if bar.count:
            tall, gap = max(bar.count * scale, 1), (1 if step >= 4 else 0)
            _bar_svg("rect", link, x=round(x + gap / 2, 2), y=round(baseline - tall, 2), width=round(step - gap, 2),
                     height=round(tall, 2), class_="bar")
    axis = _bar_svg("g", root, class_="axis")
    _bar_svg("line", axis, x1=PLOT_LEFT, y1=baseline, x2=WIDTH - RIGHT, y2=baseline, class_="axis")
    shown = labelled(found, unit)
    for bar in shown:
        x = round(PLOT_LEFT + (found.index(bar) + 0.5) * step, 1)
        _bar_svg("line", axis, x1=x, y1=baseline, x2=x, y2=baseline + 4, class_="axis")
        first = bar is shown[0]
        _bar_svg("text", axis, _tick(bar, unit, first, labels), x=x, y=baseline + 16, class_="tick-label")
    if undated:
        _bar_svg("text", root, labels.text("chronology.not-drawn", count=undated), x=PLOT_LEFT, y=HEIGHT + 8,
                 class_="note")
    return root


def _period(bar: Bar, unit: str, labels: Labels) -> str:
    if unit == "month":
        return labels.text("date.month", month=labels.month(bar.month), year=bar.year)
    if unit == "decade":
        return labels.text("date.range", start=bar.year, end=bar.year + 9)
    return str(bar.year)


def _tick(bar: Bar, unit: str, first: bool, labels: Labels) -> str:
    """An axis label: a year, a decade, or a month (with its year in January and at the start)."""
    if unit == "month":
        short = labels.month(bar.month, short=True)
        return f"{short} {bar.year}" if first or bar.month == 1 else short
    return labels.text("chronology.decade", year=bar.year) if unit == "decade" else str(bar.year)


def _bar_href(bar: Bar, unit: str, years: list[int]) -> str:
    """The page of the bar's year (at its month); for a decade, of its first year with documents."""
    if unit == "decade":
        return year_page(str(years[bisect_left(years, bar.year)]))
    return year_page(str(bar.year)) + (f"#month-{bar.month:02d}" if unit == "month" else "")


# ---- the builder: a month a part ---------------------------------------------------------

class ChronologyBuilder(PartedBuilder):
    """html/chronology.svg: the drawing as a file of its own (chronology.html embeds the same)."""

    name = "chronology"
    depends_on = ("letters", "labels")  # the records alone: their dates and labels, in words

    def split(self, letter: Letter, page_key: str, context: Context) -> dict[str, object]:
        days = span(letter.date)
        return {f"{days.month[0]:04d}-{days.month[1]:02d}" if days else UNDATED: letter.doc_id}

    def build_part(self, part: str, values: list, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        return {}

    def whole_key(self, corpus: CorpusInput, context: Context) -> str:
        few = self._rows(corpus)
        return json.dumps([[letter.doc_id, context.labels.document(letter), letter.date.__dict__] for letter in few]
                          if few is not None else None, ensure_ascii=False, default=str)

    def build_whole(self, summaries: dict[str, object], corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        few = self._rows(corpus)
        if few is not None:
            drawing = chronology_svg(few, context.labels)
        else:
            months = {(int(part[:4]), int(part[5:])): count for part, count in summaries.items() if part != UNDATED}
            drawing = counts_svg(months, summaries.get(UNDATED, 0), context.labels)
        return {CHRONOLOGY_SVG: svg_file(drawing)} if drawing is not None else {}

    @staticmethod
    def _rows(corpus: CorpusInput) -> list[Letter] | None:
        """The letters drawn a row each, when there are few enough; else None (they are counted)."""
        dated = [letter for letter in corpus.letters if span(letter.date)]
        return corpus.letters if len(dated) <= ROWS else None
