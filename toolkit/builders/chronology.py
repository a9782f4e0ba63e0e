"""The chronology: every dated document on a time axis, drawn at build time as SVG.

One row per document, in chronological order: its label above, its date below on an axis of
days with the months marked. An exact date is a dot; notBefore/notAfter (or from/to) is a bar
over the days it may fall on; a bound on one side only is a bar open towards the axis' end.
Each row is a link to its document. The SVG is drawn narrow (a phone's width) and scales
up; it needs no script. Undated documents are listed under the drawing, not drawn.

The same data as a list by year and month is made by the HTML stylesheet from the corpus
summary (`chronology_summary`).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from lxml import etree

from ..metadata import DateSpec, Letter
from . import Context, CorpusBuilder, CorpusInput, href
from .indexes import MONTHS, document_label, human_date

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 360  # user units; the page scales the drawing to its column
LEFT, RIGHT = 8, 8
TOP = 36  # room for the month labels
ROW = 40
CHRONOLOGY_SVG = "html/chronology.svg"


@dataclass(frozen=True)
class Span:
    """The days a document's date may fall on; open_start/open_end: bounded on one side only."""

    start: date
    end: date
    open_start: bool = False
    open_end: bool = False

    @property
    def exact(self) -> bool:
        return self.start == self.end and not (self.open_start or self.open_end)


def _day(iso: str, last: bool = False) -> date | None:
    """1920-08-27; 1920-08 and 1920 as their first (or last) day."""
    parts = iso.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if last else 1)
        day = int(parts[2]) if len(parts) > 2 else (calendar.monthrange(year, month)[1] if last else 1)
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def span(spec: DateSpec) -> Span | None:
    """The span of a document's date, or None when it has no date the axis can show."""
    if spec.when:
        start, end = _day(spec.when), _day(spec.when, last=True)
        return Span(start, end) if start and end else None
    start = _day(spec.notBefore or spec.from_) if (spec.notBefore or spec.from_) else None
    end = _day(spec.notAfter or spec.to, last=True) if (spec.notAfter or spec.to) else None
    if start and end:
        return Span(start, end)
    if end:
        return Span(end, end, open_start=True)
    if start:
        return Span(start, start, open_end=True)
    return None


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
    attrs = {k.rstrip("_").replace("_", "-"): str(v) for k, v in attributes.items()}
    attrs.update(LOOK.get(attrs.get("class", ""), {}))
    element = etree.Element(f"{{{SVG_NS}}}{tag}", attrs, nsmap={None: SVG_NS}) if parent is None \
        else etree.SubElement(parent, f"{{{SVG_NS}}}{tag}", attrs)
    element.text = text
    return element


def _months(first: date, last: date):
    month = first
    while month <= last:
        yield month
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def chronology_svg(letters: list[Letter]) -> etree._Element | None:
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
    _svg("title", root, f"The documents on a time axis, {human_date(DateSpec(when=first.isoformat()))} "
                        f"to {human_date(DateSpec(when=last.isoformat()))}", id="chronology-svg-title")
    axis = _svg("g", root, class_="axis")
    for month in _months(first, last):
        _svg("line", axis, x1=x(month), y1=TOP - 14, x2=x(month), y2=height - 4, class_="month-rule")
        _svg("text", axis, f"{MONTHS[month.month - 1][:3]} {month.year}", x=x(month) + 3, y=TOP - 18,
             class_="month-label")
    for index, (letter, s) in enumerate(rows):
        _row(root, letter, s, TOP + ROW * index, x)
    return root


def _row(root: etree._Element, letter: Letter, s: Span, top: float, x) -> None:
    link = _svg("a", root, href=href("html", "html", letter), class_="chronology-mark")
    label = document_label(letter)
    _svg("title", link, label if human_date(letter.date) in label else f"{label} ({human_date(letter.date)})")
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


def svg_file(drawing: etree._Element) -> bytes:
    return etree.tostring(drawing, encoding="UTF-8", xml_declaration=True) + b"\n"


class ChronologyBuilder(CorpusBuilder):
    """html/chronology.svg: the drawing as a file of its own (chronology.html embeds the same)."""

    name = "chronology"
    depends_on = ("letters",)  # the records alone: their dates and labels

    def build(self, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        drawing = chronology_svg(corpus.letters)
        return {CHRONOLOGY_SVG: svg_file(drawing)} if drawing is not None else {}


def _month_of(letter: Letter) -> tuple[int, int] | None:
    s = span(letter.date)
    if s is None:
        return None
    day = s.end if s.open_start else s.start
    return day.year, day.month


def chronology_summary(letters: list[Letter], tk) -> etree._Element:
    """tk:chronology: the drawing and the documents by year and month, for the HTML stylesheet."""
    root = etree.Element(tk("chronology"))
    drawing = chronology_svg(letters)
    if drawing is not None:
        root.append(drawing)
    groups: dict[tuple[int, int] | None, list[Letter]] = {}
    for letter in letters:
        groups.setdefault(_month_of(letter), []).append(letter)
    for key in sorted((k for k in groups if k), key=lambda k: k):
        month = etree.SubElement(root, tk("month"), year=str(key[0]), month=f"{key[1]:02d}",
                                 name=MONTHS[key[1] - 1])
        for letter in groups[key]:
            _item(month, letter, tk)
    if None in groups:
        undated = etree.SubElement(root, tk("undated"))
        for letter in groups[None]:
            _item(undated, letter, tk)
    return root


def _item(parent: etree._Element, letter: Letter, tk) -> None:
    attributes = {"doc": letter.doc_id, "label": document_label(letter), "date": human_date(letter.date)}
    if letter.date.when:
        attributes["when"] = letter.date.when
    etree.SubElement(parent, tk("item"), attributes)
