"""Split a plain-text collection into its documents.

A document starts at a line "No. 537" (the number printed) or, where the number was lost, at a
heading line ("Telegram from …", "Letter from …", "Record of conversation between …", "From the
Report of …", "Appeal from …", "Dispatch from …"). A heading line that only repeats the start of
the next heading (articles, punctuation, a cut or a number line apart) is the page's title, and the
lines after the last document's archival reference are the page's chrome: both are left out and
listed, so nothing disappears unseen.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .archival import FOND_START

# "No. 537", "№ 537.", "Document 537", "Document No. 537", "Doc. No. 537"
NUMBER_LINE = re.compile(r"^(?:(?:Document|Doc\.)\s+(?:No\.|№)?|No\.|№)\s*(\d{1,6})\.?$")
KIND_WORDS = (r"Telegram|Letter|Dispatch|Appeal|Record of (?:a )?conversation|Report|Memorandum|Note|Directive|"
              r"Order|Decree|Resolution|Statement|Declaration|Protocol|Minutes|Radiogram|Cable|Message|"
              r"Instruction|Notification|Information|Excerpt|Extract|Draft|Communiqué|Protest|Ultimatum")
HEADING_LINE = re.compile(rf"^(?:From (?:the|a) )?(?:{KIND_WORDS})\b[^.!?]{{0,40}}?\b(?:from|of|by|between|to)\b")


@dataclass(slots=True)
class Line:
    number: int  # 1-based line number in the source
    text: str


@dataclass
class DocumentSource:
    lines: list[Line]  # the document's lines, its number line excluded
    number: str = ""  # as printed, "" when the source lost it
    number_line: Line | None = None

    @property
    def first_line(self) -> int:
        return (self.number_line or self.lines[0]).number


@dataclass
class Split:
    documents: list[DocumentSource] = field(default_factory=list)
    left_out: list[tuple[Line, str]] = field(default_factory=list)  # (line, why)


def nonempty_lines(text: str) -> list[Line]:
    return [Line(i, line.strip()) for i, line in enumerate(text.splitlines(), start=1) if line.strip()]


def split(text: str) -> Split:
    lines = nonempty_lines(text)
    result = Split()
    starts = _starts(lines, result)
    left_out = {id(line) for line, _ in result.left_out}
    for index, (position, number_line) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
        first = position + 1 if number_line else position
        body = [line for line in lines[first:end] if id(line) not in left_out]
        if not body:
            result.left_out.append((lines[position], "a document number with no document after it"))
            continue
        number = NUMBER_LINE.match(number_line.text).group(1) if number_line else ""
        result.documents.append(DocumentSource(body, number, number_line))
    if result.documents:
        _cut_chrome(result)
    return result


def _starts(lines: list[Line], result: Split) -> list[tuple[int, Line | None]]:
    """(index of the first line, the number line or None) of every document."""
    starts: list[tuple[int, Line | None]] = []
    for index, line in enumerate(lines):
        if NUMBER_LINE.match(line.text):
            starts.append((index, line))
        elif HEADING_LINE.match(line.text) and not (index and NUMBER_LINE.match(lines[index - 1].text)):
            starts.append((index, None))
    starts = _without_titles(lines, starts, result)
    first = starts[0][0] if starts else len(lines)
    listed = {id(line) for line, _ in result.left_out}
    result.left_out.extend((line, "before the first document") for line in lines[:first] if id(line) not in listed)
    result.left_out.sort(key=lambda item: item[0].number)
    return starts


def _without_titles(lines: list[Line], starts: list[tuple[int, Line | None]],
                    result: Split) -> list[tuple[int, Line | None]]:
    """Leave out the web page's titles: lines that repeat the next document's heading.

    An unnumbered heading line with nothing after it before the next document is no document
    of its own: the page's title when it repeats the next heading (see `repeats_heading`),
    else a heading whose text is lost; both are listed. A line just before a document start
    that repeats its heading is the title of the page that document was printed on; so is a
    line between a number and the heading it repeats ("No. 17", the title, the heading), and
    the number is the heading's.
    """
    kept: list[tuple[int, Line | None]] = []
    titles: set[int] = set()  # the index of every line left out as a page's title
    merged = False  # the start before took this one's number
    for position, (index, number_line) in enumerate(starts):
        following = starts[position + 1] if position + 1 < len(starts) else None
        if merged:
            merged = False
            continue
        if number_line is None and following and following[0] == index + 1:
            heading = _heading_of(lines, following, titles)
            if heading is not None and repeats_heading(lines[index].text, heading.text):
                titles.add(index)
                result.left_out.append((lines[index], "the page's title: it repeats the next heading"))
            else:
                result.left_out.append((lines[index], "a heading with no text before the next document"))
            continue
        if number_line is not None and following and following[1] is None and following[0] == index + 2 \
                and repeats_heading(lines[index + 1].text, lines[following[0]].text):
            titles.add(index + 1)
            result.left_out.append((lines[index + 1], "the page's title: it repeats the next heading"))
            merged = True
        kept.append((index, number_line))
    # A document's own number and heading lines are never the next one's title.
    own_lines = {index for index, _ in starts} | {index + 1 for index, number_line in kept if number_line}
    for index, number_line in kept:
        before, heading = index - 1, _heading_of(lines, (index, number_line), titles)
        if before >= 0 and before not in own_lines and heading is not None \
                and repeats_heading(lines[before].text, heading.text):
            titles.add(before)
            result.left_out.append((lines[before], "the page's title: it repeats the next heading"))
    return kept


def _heading_of(lines: list[Line], start: tuple[int, Line | None], titles: set[int]) -> Line | None:
    """The heading line of the document starting at `start` (after its number line and a title)."""
    index = start[0] + (1 if start[1] is not None else 0)
    index += 1 if index in titles else 0
    return lines[index] if index < len(lines) else None


ARTICLES = {"the", "a", "an"}


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w’'-]+", text.casefold()) if w not in ARTICLES]


def repeats_heading(title: str, heading: str) -> bool:
    """Whether `title` repeats the start of `heading` as a web page's title does: with or without
    articles and punctuation, cut short (at a word or inside one, with or without "…"), a name or
    two left out. Three words at least, the first the same, nine in ten of them found in order."""
    words, heading_words = _words(title.rstrip(" .…")), _words(heading)
    if len(words) < 3 or len(words) > len(heading_words) or words[0] != heading_words[0]:
        return False
    window = heading_words[:len(words) + 6]
    matcher = difflib.SequenceMatcher(None, words, window, autojunk=False)
    found = sum(block.size for block in matcher.get_matching_blocks())
    last = words[-1]
    cut_short = last not in window and any(w.startswith(last) and w != last for w in window[len(words) - 3:])
    return found + cut_short >= 0.9 * len(words)


def _cut_chrome(result: Split) -> None:
    """After the last document's archival reference comes the web page, not the document."""
    last = result.documents[-1]
    references = [i for i, line in enumerate(last.lines) if FOND_START.search(line.text)]
    if not references:
        return
    cut = references[-1] + 1
    for line in last.lines[cut:]:
        result.left_out.append((line, "after the last document's archival reference (page chrome)"))
    last.lines = last.lines[:cut]
