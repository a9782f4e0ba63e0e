"""The sentence in which a document names a person, place or organisation (for the registers).

The block around the name (a paragraph, heading, dateline, note …) is quoted in its reading
text (toolkit/reading.py): no deletions, one reading where the source offers several ("Prof."
or "Professor", never "Prof.Professor"), words whole across line breaks; notes inside it are
left out (they are blocks of their own), a gap reads "[…]", supplied words are in brackets. The
sentence is the stretch between two sentence ends around the name; initials ("G. Chicherin")
and common abbreviations do not end a sentence. A very long sentence is cut around the name,
marked "…".
"""

from __future__ import annotations

import re

from lxml import etree

from .reading import _local, reading_text_at, reading_texts_at

BLOCKS = {"p", "head", "dateline", "salute", "signed", "closer", "opener", "note", "item", "ab", "l",
          "quote", "label", "cell", "docTitle", "byline"}
# A sentence ends at . ! ? followed by a space, unless the word before is an initial or abbreviation.
SENTENCE_END = re.compile(r"[.!?…](?:[\"”’)\]]*)\s+")
ABBREVIATIONS = {"no", "nos", "doc", "docs", "cf", "e.g", "i.e", "st", "mr", "mrs", "dr", "gen", "col", "lt",
                 "capt", "vol", "p", "pp", "ff", "f", "fol", "ibid", "op", "cit", "etc", "viz", "comp", "ed", "eds"}
MAX_WORDS = 40


def _block(element: etree._Element) -> etree._Element:
    for ancestor in element.iterancestors():
        if _local(ancestor) in BLOCKS:
            return ancestor
    return element.getparent() if element.getparent() is not None else element


def _is_sentence_end(text: str, match: re.Match) -> bool:
    before = text[:match.start()].rsplit(None, 1)
    word = before[-1] if before else ""
    word = word.lstrip("(“\"‘").rstrip(".").casefold()
    if text[match.start()] == "." and (len(word) <= 1 or word in ABBREVIATIONS):
        return False
    following = text[match.end():match.end() + 1]
    return not following or not following.islower()


def sentence_around(text: str, offset: int, ends: list[tuple[int, int]] | None = None) -> str:
    """The sentence of `text` that contains position `offset`, whitespace normalised (`ends`:
    _sentence_ends(text), when the caller asks about several places of one text)."""
    start, end = 0, len(text)
    for match_start, match_end in _sentence_ends(text) if ends is None else ends:
        if match_end <= offset:
            start = match_end
        elif match_start >= offset:
            end = match_start + 1
            break
    return _shorten(text[start:end], offset - start)


def _sentence_ends(text: str) -> list[tuple[int, int]]:
    """Where the sentences of `text` end: (start, end) of each SENTENCE_END match that ends one."""
    return [match.span() for match in SENTENCE_END.finditer(text) if _is_sentence_end(text, match)]


def _shorten(sentence: str, offset: int) -> str:
    words = sentence.split()
    if len(words) <= MAX_WORDS:
        return " ".join(words)
    at = len(sentence[:offset].split())
    first = max(0, min(at - MAX_WORDS // 2, len(words) - MAX_WORDS))
    cut = words[first:first + MAX_WORDS]
    return ("… " if first else "") + " ".join(cut) + (" …" if first + MAX_WORDS < len(words) else "")


def sentence_of(element: etree._Element) -> str:
    """The sentence in which the name `element` occurs."""
    block = element if _local(element) in BLOCKS else _block(element)
    text, offset = reading_text_at(block, element)
    return sentence_around(text, offset)


def sentences_of(elements: list) -> list[str]:
    """sentence_of(element) for each of `elements`, each block around them read once."""
    blocks: dict = {}  # block -> the positions of its elements in `elements`
    for at, element in enumerate(elements):
        block = element if _local(element) in BLOCKS else _block(element)
        blocks.setdefault(block, []).append(at)
    found = [""] * len(elements)
    for block, places in blocks.items():
        ends: dict[str, list] = {}  # text -> its sentence ends: the names of a block mostly share its text
        for at, (text, offset) in zip(places, reading_texts_at(block, [elements[at] for at in places])):
            if text not in ends:
                ends[text] = _sentence_ends(text)
            found[at] = sentence_around(text, offset, ends[text])
    return found


__all__ = ["sentence_of", "sentences_of", "sentence_around"]
