"""Split a plain-text collection into its documents.

A document starts at a line "No. 537" (the number printed) or, where the number was lost, at a
heading line ("Telegram from …", "Letter from …", "Record of conversation between …", "From the
Report of …", "Appeal from …", "Dispatch from …"). A heading line that only repeats the start of
the next line is the page's title, and the lines after the last document's archival reference
are the page's chrome: both are left out and listed, so nothing disappears unseen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .archival import FOND_START

NUMBER_LINE = re.compile(r"^(?:No\.|№|Document)\s*(\d{1,6})\.?$")
KIND_WORDS = (r"Telegram|Letter|Dispatch|Appeal|Record of (?:a )?conversation|Report|Memorandum|Note|Directive|"
              r"Order|Decree|Resolution|Statement|Declaration|Protocol|Minutes|Radiogram|Cable|Message|"
              r"Instruction|Notification|Information|Excerpt|Extract|Draft|Communiqué|Protest|Ultimatum")
HEADING_LINE = re.compile(rf"^(?:From (?:the|a) )?(?:{KIND_WORDS})\b[^.!?]{{0,40}}?\b(?:from|of|by|between|to)\b")


@dataclass
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
    for index, (position, number_line) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
        first = position + 1 if number_line else position
        body = lines[first:end]
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
            following = lines[index + 1].text if index + 1 < len(lines) else ""
            if following.startswith(line.text) and len(following) > len(line.text):
                result.left_out.append((line, "the page's title: it repeats the start of the next line"))
                continue
            starts.append((index, None))
    first = starts[0][0] if starts else len(lines)
    for line in lines[:first]:
        if all(line is not l for l, _ in result.left_out):
            result.left_out.append((line, "before the first document"))
    result.left_out.sort(key=lambda item: item[0].number)
    return starts


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
