"""The reading text of a TEI document: the words a reader reads, in order, and its apparatus.

One definition for every output and every check: the page and the plain text (the stylesheets
apply the same rules, xslt/common/common_core.xsl), the registers' quotations
(passages.py), the print edition, and the tests that compare them.

    from toolkit.reading import reading_text, reading_words, apparatus
    body = document.root.find("{http://www.tei-c.org/ns/1.0}text")
    reading_text(body)        # "Ich wünsche Glück …": one string, whitespace normalised
    reading_words(body)       # ["Ich", "wünsche", "Glück", …]: the words (\\w+) in order
    apparatus(body)           # [Entry("a", "earth", [Reading("mud", ("B",))]), …]

The rules:
- Read: the text of every element, in document order, except what is *not read*: deletions
  (del), notes (a note is a text of its own: `reading_text(note)` reads it), the header,
  metamarks, forme work, figure descriptions and the non-textual elements (anchor, index,
  interp, link, certainty …).
- One reading where the source offers several: a `choice` reads its corr, else its reg,
  else its expan, else its first child; an `app` reads its lem, else its first rdg; a
  `mod type="variant"` (a reading the writer left open, ediarum) reads its first child. The
  other readings are the apparatus, never the text.
- Word boundaries: `lb`, `pb` and `cb` are a space unless break="no", where the whitespace
  around them is no space (the word is whole); `space` is a space; a `gap` the editor marks
  is a space (one of a few letters inside a word is not, see tk:gap-apart); an element that
  stands apart (a block: p, head, item, cell …, an element among blocks) begins and ends a
  word. Inside choice, subst, app, rdgGrp and mod, whitespace between the children is the
  indentation of the file, not a space.
- Everything else is inline and keeps the source's spacing: "er<supplied>gänzt</supplied>"
  is one word.

Which elements are blocks and which inline is said once, in the stylesheets
(tk:block-names and tk:inline-names in common_core.xsl); this module reads those lists.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from lxml import etree

from . import TEI_NS

TEI = f"{{{TEI_NS}}}"
BREAKS = frozenset({"lb", "pb", "cb"})
# Elements whose children are alternatives or parts of one change: whitespace between them is
# the file's indentation.
ALTERNATION = frozenset({"choice", "subst", "app", "rdgGrp", "mod"})
PREFERRED = ("corr", "reg", "expan")  # the reading a choice shows, in this order; else its first child
# A gap this small sits inside its word (tk:gap-apart).
GAP_UNITS_IN_WORD = frozenset({"char", "chars", "character", "characters", "letter", "letters"})
JOIN = "\x00"  # a break inside a word: the whitespace of the text around it is no space
APART = "\x01"  # a space that stays (a block's edge, a line or page break, a space, a gap)
TARGET = "\x02"  # where an element asked about begins (passages.py quotes the sentence around it)
XML_SPACE = "[ \t\r\n]"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
WORD = re.compile(r"\w+")
_JOINED = re.compile(f"{XML_SPACE}*{JOIN}{XML_SPACE}*")
_SPACES = re.compile(f"{XML_SPACE}+")


_LOCAL_NAMES: dict[str, str] = {}  # tag -> its local name: a dict look-up, not a QName made per call


def _local(node) -> str:
    tag = node.tag
    if not isinstance(tag, str):
        return ""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        if len(_LOCAL_NAMES) >= 4096:  # a corpus of endless names cannot grow a long-lived process (serve)
            _LOCAL_NAMES.clear()
        name = _LOCAL_NAMES[tag] = etree.QName(tag).localname
    return name


def _is_tei(node) -> bool:
    return isinstance(node.tag, str) and node.tag.startswith(TEI)


@lru_cache(maxsize=1)
def name_lists() -> dict[str, frozenset[str]]:
    """The stylesheets' lists of element names (common_core.xsl): "block", "inline",
    "structure" (stand apart wherever they are), "not-read" (never reading text)."""
    from .edition import packaged_dir

    source = (packaged_dir("xslt") / "common" / "common_core.xsl").read_text(encoding="utf-8")
    lists = {}
    for kind in ("block", "inline", "structure", "not-read"):
        match = re.search(rf'name="tk:{kind}-names"[^>]*select="(.*?)"\s*/>', source, re.S)
        if match is None:
            raise RuntimeError(f"common_core.xsl has no tk:{kind}-names")
        lists[kind] = frozenset(re.findall(r"'([A-Za-z][\w.-]*)'", match.group(1)))
    return lists


@lru_cache(maxsize=1)
def element_kinds() -> dict[str, str]:
    """{"p": "block", "hi": "inline", …}; a name in both lists is a block (as tk:element-kinds)."""
    lists = name_lists()
    return {**{name: "inline" for name in lists["inline"]}, **{name: "block" for name in lists["block"]}}


def is_inline(element) -> bool:
    return element_kinds().get(_local(element)) == "inline"


def is_container(element) -> bool:
    """An element teikit does not know that holds only elements (tk:is-container)."""
    return (_local(element) not in element_kinds() and any(isinstance(c.tag, str) for c in element)
            and not _has_text(element))


def _has_text(element) -> bool:
    if element.text and element.text.strip(" \t\r\n"):
        return True
    return any(child.tail and child.tail.strip(" \t\r\n") for child in element)


def is_apart(element) -> bool:
    """Whether the element's words stand apart from its neighbours (tk:apart)."""
    if not _is_tei(element):
        return False
    parent = element.getparent()
    return _apart(element, _local(element), parent is not None and is_container(parent))


def _apart(element, name: str, in_container: bool) -> bool:
    """is_apart for a TEI element called `name`, told whether its parent is a container."""
    if in_container:
        return True
    kind = element_kinds().get(name)
    return kind != "inline" and (kind == "block" or name in name_lists()["structure"] or is_container(element))


def gap_apart(gap) -> bool:
    return gap.get("rend") is None and gap.get("unit") not in GAP_UNITS_IN_WORD


# ---- one reading where there are several -----------------------------------------------------

def _children(element) -> list:
    return [child for child in element if _is_tei(child)]


def preferred(choice):
    """The child of a choice that the text reads."""
    children = _children(choice)
    for name in PREFERRED:
        for child in children:
            if _local(child) == name:
                return child
    return children[0] if children else None


def lemma(app):
    """The reading of an app that the text reads: its lem (perhaps in a rdgGrp), else its first rdg."""
    for child in _children(app):
        if _local(child) == "lem":
            return child
        if _local(child) == "rdgGrp":
            found = [c for c in _children(child) if _local(c) == "lem"]
            if found:
                return found[0]
    found = readings(app)
    return found[0] if found else None


def readings(app) -> list:
    """The readings of an app (in rdgGrp too), not those of an app inside them."""
    return [r for r in app.iter(f"{TEI}rdg") if next(r.iterancestors(f"{TEI}app")) is app]


_OFFERING = frozenset({"choice", "app", "mod"})  # the names of elements that may offer several readings (alternation)


def is_open_variant(element) -> bool:
    return _local(element) == "mod" and element.get("type") == "variant"


def alternation(element) -> tuple[object, list] | None:
    """(the reading the text reads, the other readings) where `element` offers several, else None.

    A choice, app or open variant with text of its own is not one: it is read as written.
    """
    name = _local(element)
    if name not in ("choice", "app") and not is_open_variant(element):
        return None
    if _has_text(element) or not _children(element):
        return None
    read = {"choice": preferred, "app": lemma}.get(name, lambda e: _children(e)[0])(element)
    if name == "app":
        others = [r for r in readings(element) if r is not read]
    else:
        others = [c for c in _children(element) if c is not read]
    return read, others


# ---- the reading text ------------------------------------------------------------------------

class _Reader:
    """One reading of a TEI element into pieces of text. With `marks`, as the plain text
    prints it (text_core.xsl): supplied words in [ ], gaps as their mark, note markers [1] and
    apparatus markers {a} after the words they belong to."""

    def __init__(self, root, marks: bool = False, skip: frozenset = frozenset(), markers: bool | None = None):
        self.marks = marks
        self.markers = marks if markers is None else markers  # note and apparatus markers
        self.skip = skip
        self.wanted: set | None = None  # elements whose place among the pieces is noted in `places`
        self.places: dict = {}  # element -> the index in `out` where its text begins
        self.not_read = name_lists()["not-read"]
        self.containers: dict = {}  # element -> is_container(element), for the parents of what is read
        self.out: list[str] = []
        if self.markers:  # numbered through the whole file, as the stylesheets number them
            tree = root.getroottree()
            in_text = [e for e in tree.iter(f"{TEI}text") if not any(a.tag == f"{TEI}text" for a in e.iterancestors())]
            notes = [note for text in in_text for note in text.iter(f"{TEI}note")]
            self.note_numbers = {note: str(n) for n, note in enumerate(notes, 1)}
            ids = {e.get(XML_ID): e for e in tree.iter() if isinstance(e.tag, str) and e.get(XML_ID)}
            self.anchored: dict = {}  # element -> the notes kept elsewhere that point to it
            for note in notes:
                target = _anchor_of(note, ids)
                if target is not None:
                    self.anchored.setdefault(target, []).append(note)
            entries = [entry for text in in_text for entry in _apparatus_elements(text)]
            self.apparatus_markers = {entry: marker(n) for n, entry in enumerate(entries, 1)}

    def read(self, element) -> None:
        name = _local(element)
        if element in self.skip:
            return
        if self.wanted is not None and element in self.wanted:
            self.places.setdefault(element, len(self.out))
        tag = element.tag
        if not isinstance(tag, str) or not tag.startswith(TEI):
            if isinstance(tag, str):  # an element of another namespace: its text is read
                self.content(element, element)
            return
        if name in BREAKS:
            self.out.append(JOIN if element.get("break") == "no" else APART)
        elif name == "space":
            self.out.append(APART)
        elif name == "gap":
            apart = gap_apart(element)
            self.out.append((APART if apart else "") + (gap_mark(element) if self.marks else "") + (APART if apart else ""))
        elif name == "note":
            if self.markers and _anchor_of(element) is None:
                self.out.append(f"[{self.note_numbers[element]}]")
        elif name not in self.not_read:
            self.read_words(element, name)
        if self.markers and element in self.anchored:
            self.out.extend(f"[{self.note_numbers[note]}]" for note in self.anchored[element])

    def read_words(self, element, name: str) -> None:
        apart = self._is_apart(element, name)
        if apart:
            self.out.append(APART)
        supplied = self.marks and name == "supplied"
        if supplied:
            self.out.append("[")
        chosen = alternation(element) if name in _OFFERING else None
        if chosen is not None:
            if chosen[0] is not None:
                self.read(chosen[0])
            if self.markers and element in self.apparatus_markers:
                self.out.append("{" + self.apparatus_markers[element] + "}")
        else:
            self.content(element, element, name)
        if supplied:
            self.out.append("]")
        if apart:
            self.out.append(APART)

    def _is_apart(self, element, name: str) -> bool:
        """is_apart(element) for a TEI element called `name`, its parent's kind asked once a reading."""
        parent = element.getparent()
        container = False
        if parent is not None:
            container = self.containers.get(parent)
            if container is None:
                container = self.containers[parent] = is_container(parent)
        return _apart(element, name, container)

    def content(self, element, owner, owner_name: str | None = None) -> None:
        """The text and children of `element`; whitespace-only text inside an alternation is dropped."""
        drop_blank = (_local(owner) if owner_name is None else owner_name) in ALTERNATION
        if element.text and not (drop_blank and not element.text.strip(" \t\r\n")):
            self.out.append(element.text)
        for child in element:
            if isinstance(child.tag, str):
                self.read(child)
            if child.tail and not (drop_blank and not child.tail.strip(" \t\r\n")):
                self.out.append(child.tail)

    def text(self) -> str:
        return _normalized("".join(self.out))


def _normalized(text: str) -> str:
    """The pieces of a reading joined: breaks inside words closed, whitespace normalised, NFC."""
    text = _JOINED.sub("", text).replace(JOIN, "").replace(APART, " ")
    return unicodedata.normalize("NFC", _SPACES.sub(" ", text).strip(" "))


def _anchor_of(note, ids: dict | None = None):
    """The element a note kept elsewhere points to (@target="#id", tk:anchored), or None."""
    for token in (note.get("target") or "").split():
        if token.startswith("#"):
            if ids is None:
                found = note.getroottree().getroot().xpath("//*[@xml:id = $id]", id=token[1:])
                found = found[0] if found else None
            else:
                found = ids.get(token[1:])
            if found is not None and found is not note:
                return found
    return None


def reading_text_at(block, element) -> tuple[str, int]:
    """The reading text of `block` with gaps and supplied words marked (no note markers), and
    the offset in it where `element` begins (0 if it is not read there)."""
    out, places = _read_noting(block, [element])
    return _text_at(out, places[0])


def reading_texts_at(block, elements: list) -> list[tuple[str, int]]:
    """reading_text_at(block, element) for each of `elements`, the block read once: each text is
    the one reading_text_at gives (the pieces joined with the one target's mark, then normalised)."""
    out, places = _read_noting(block, elements)
    return _texts_at(out, places)


def _read_noting(block, elements: list) -> tuple[list[str], list[int | None]]:
    """The pieces of `block`'s reading (marks, no note markers), and where among them each of
    `elements` begins (None: not read there)."""
    reader = _Reader(block, marks=True, markers=False)
    reader.wanted = set(elements)
    if _local(block) == "note":
        reader.content(block, block)
    else:
        reader.read(block)
    return reader.out, [reader.places.get(element) for element in elements]


def _texts_at(out: list[str], places: list[int | None]) -> list[tuple[str, int]]:
    """For each place (an index in the pieces `out`, or None), the normalised text of the pieces
    with TARGET there, without it, and where it was (0 for None): what reading_text_at says.

    Where the text after a place begins with a printable ASCII character (a name's first letter,
    mostly), the mark changes nothing around it: no white space run or word join reaches across
    it, strip never meets it, and NFC composes nothing across it. The text is then the block's
    own, and one normalisation with a mark at each such place gives every offset. Other places
    are normalised one by one, as reading_text_at does."""
    joined = "".join(out)
    starts = [0]
    for piece in out:
        starts.append(starts[-1] + len(piece))
    clean = sorted({starts[at] for at in places if at is not None and "!" <= joined[starts[at]:starts[at] + 1] <= "~"})
    whole, offsets = None, {}
    if clean:
        marked = TARGET.join(joined[i:j] for i, j in zip([0] + clean, clean + [len(joined)]))
        text = _normalized(marked)
        at = -1
        for count, cut in enumerate(clean):
            at = text.index(TARGET, at + 1)
            offsets[cut] = at - count
        whole = text.replace(TARGET, "")
    found = []
    for at in places:
        if at is None:
            whole = _normalized(joined) if whole is None else whole
            found.append((whole, 0))
        elif starts[at] in offsets:
            found.append((whole, offsets[starts[at]]))
        else:
            found.append(_marked(joined, starts[at]))
    return found


def _text_at(out: list[str], at: int | None) -> tuple[str, int]:
    """One place, the plain way: what reading_text_at gives, and _texts_at must agree with (the tests compare them)."""
    return _marked("".join(out), None if at is None else len("".join(out[:at])))


def _marked(joined: str, cut: int | None) -> tuple[str, int]:
    """The normalised text of `joined`, and where position `cut` of it lands there (0 for None)."""
    if cut is None:
        return _normalized(joined), 0
    text = _normalized(joined[:cut] + TARGET + joined[cut:])
    return text.replace(TARGET, ""), max(text.find(TARGET), 0)


def gap_mark(gap) -> str:
    """The mark a gap shows (tk:gap-mark)."""
    rend = (gap.get("rend") or "").split()
    return "<…>" if "angle-brackets" in rend else "…" if "ellipsis" in rend else "[…]"


def reading_text(element, marks: bool = False, markers: bool | None = None) -> str:
    """The reading text of a TEI element (a document's `text`, a paragraph, a note …), whitespace
    normalised to single spaces as XML counts whitespace; with `marks`, as the plain text
    prints it (supplied words in [ ], gaps, note and apparatus markers; `markers=False` leaves
    the note and apparatus markers out, as the PDF sets them apart from the words)."""
    reader = _Reader(element, marks, markers=markers)
    if _local(element) == "note":
        reader.content(element, element)  # asked for itself, a note is read (its notes are not)
    else:
        reader.read(element)
    return reader.text()


def words(text: str) -> list[str]:
    """The words of a text: its runs of letters and digits (punctuation and marks apart)."""
    return WORD.findall(text)


def reading_words(element) -> list[str]:
    return words(reading_text(element))


# ---- the apparatus ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Reading:
    """One other reading: its text, the witnesses that have it (sigla without "#"), its kind
    (the element's name: rdg, sic, orig, abbr, add …)."""

    text: str
    witnesses: tuple[str, ...] = ()
    kind: str = "rdg"


@dataclass(frozen=True)
class Entry:
    """One apparatus entry: its marker (a, b, … z, aa …), the text's reading, the others."""

    marker: str
    lemma: str
    readings: tuple[Reading, ...]


def marker(n: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa" (as xsl:number format="a")."""
    letters = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def in_apparatus(element) -> bool:
    """Whether the element is an apparatus entry: an app, a correction (choice of sic and corr),
    an open variant. Abbreviations and regularisations are the editor's norm, shown in the
    page's other view, not entries."""
    chosen = alternation(element)
    if chosen is None or not _is_read(element):
        return False
    if _local(element) == "choice":
        return any(_local(c) == "sic" for c in chosen[1]) and _local(chosen[0]) == "corr"
    return bool(chosen[1])


def _is_read(element) -> bool:
    """Whether the element is read where it stands: not inside a deletion or another unread
    element, nor inside a reading the text does not read. Inside a note it is read with the note."""
    path = [element]
    for ancestor in element.iterancestors():
        name = _local(ancestor)
        if name in name_lists()["not-read"] and name != "note":
            return False
        chosen = alternation(ancestor)
        if chosen is not None and not any(step is chosen[0] for step in path):
            return False
        path.append(ancestor)
    return True


def _witnesses(reading) -> tuple[str, ...]:
    return tuple(token.removeprefix("#") for token in (reading.get("wit") or "").split())


def _apparatus_elements(element) -> list:
    return [c for c in element.iter(f"{TEI}choice", f"{TEI}app", f"{TEI}mod") if in_apparatus(c)]


def apparatus(element) -> list[Entry]:
    """The apparatus entries of a TEI element (a document's `text`), in document order."""
    entries: list[Entry] = []
    for candidate in _apparatus_elements(element):
        read, others = alternation(candidate)
        entries.append(Entry(
            marker(len(entries) + 1),
            _entry_text(read),
            tuple(Reading(_entry_text(other), _witnesses(other), _local(other)) for other in others)))
    return entries


def _entry_text(element) -> str:
    if element is None:
        return ""
    reader = _Reader(element)
    reader.content(element, element)
    return reader.text()


def iter_read_elements(element) -> Iterator:
    """The elements of `element` whose text is read (for callers that look for names in it)."""
    for descendant in element.iter():
        if isinstance(descendant.tag, str) and _is_read(descendant):
            yield descendant


__all__ = ["reading_text", "reading_words", "words", "apparatus", "Entry", "Reading", "marker",
           "element_kinds", "is_apart", "alternation", "preferred", "lemma"]


# ---- reading the outputs back (for the tests and benchmarks that compare them) ---------------

# HTML elements that begin and end a word on the page (and in a reader's copy).
HTML_BLOCKS = frozenset({"p", "div", "section", "article", "header", "li", "ul", "ol", "td", "th", "tr", "table",
                         "blockquote", "figure", "figcaption", "caption", "h1", "h2", "h3", "h4", "h5", "h6",
                         "br", "dl", "dt", "dd"})


def leading_heads(tei_root) -> list:
    """The headings the page shows in its header, in the order it shows them (html_page.xsl):
    the body's leading heads, those of type "number" first."""
    body = tei_root.find(f"{TEI}text/{TEI}body")
    heads = []
    for child in (body if body is not None else []):
        if not isinstance(child.tag, str):
            continue
        if child.tag != f"{TEI}head":
            break
        heads.append(child)
    return [h for h in heads if h.get("type") == "number"] + [h for h in heads if h.get("type") != "number"]


def document_words(tei_root) -> list[str]:
    """The reading words of a TEI document in the order its page shows them: the leading
    headings (in the page header), then the text without them."""
    text = tei_root.find(f"{TEI}text")
    if text is None:
        return []
    heads = leading_heads(tei_root)
    reader = _Reader(text, skip=frozenset(heads))
    reader.read(text)
    return [word for head in heads for word in reading_words(head)] + words(reader.text())


def page_words(article, with_heads: bool = True) -> list[str]:
    """The reading words of a document's page (its lxml.html `article`): the headings the source
    prints if `with_heads` (when the document has leading heads; not the edition's own title
    above them, nor the label that says whose they are), then its text section; without what
    the page marks as not read (data-pagefind-ignore) and what is there for screen readers
    only, with a word break at every block."""
    parts = article.xpath("./header[@class='document-header']/div[@class='source-heading']"
                          "/*[not(@class='source-heading-label')]") if with_heads else []
    parts += article.xpath("./section[@class='text']")
    return [word for part in parts for word in _html_words(part)]


def _html_words(element) -> list[str]:
    from lxml import html

    copy = html.fromstring(etree.tostring(element, encoding="unicode"))
    for ignored in copy.xpath(".//*[@data-pagefind-ignore or contains(concat(' ', @class, ' '), ' visually-hidden ')]"):
        ignored.drop_tree()
    for block in copy.iter():
        if isinstance(block.tag, str) and (block.tag in HTML_BLOCKS or "block" in (block.get("class") or "").split()):
            block.text = " " + (block.text or "")
            block.tail = " " + (block.tail or "")
    return words(copy.text_content())


def plain_words(text: str) -> list[str]:
    """The words of a plain text (text.xsl) without the notes ("[1] …" … "[n] …") and the
    apparatus ("{a} …" … ) after it: to compare with the words of `reading_text(text, marks=True)`."""
    blocks = text.rstrip("\n").split("\n\n")
    for pattern, label in ((r"\{([a-z]+)\} .*\] ", _marker_number), (r"\[(\d+)\] ", int)):
        last = re.match(pattern, blocks[-1]) if blocks else None
        if last:  # the entries or notes: from the last one down to the first, the last blocks
            number = label(last.group(1))
            while number >= 1 and blocks and re.match(pattern, blocks[-1]) \
                    and label(re.match(pattern, blocks[-1]).group(1)) == number:
                blocks.pop()
                number -= 1
    return words("\n\n".join(blocks))


def _marker_number(letters: str) -> int:
    """"a" -> 1, "z" -> 26, "aa" -> 27 (the inverse of `marker`)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("a") + 1
    return number


def find_run(needle: list[str], haystack: list[str]) -> int:
    """Where `needle` occurs in `haystack` as one unbroken run, or -1."""
    if not needle:
        return 0
    first = needle[0]
    for start, word in enumerate(haystack):
        if word == first and haystack[start:start + len(needle)] == needle:
            return start
    return -1


def output_problems(tei_root, page: str | bytes | None, plain: str | None) -> list[str]:
    """What the page (HTML) and the plain text of a TEI document lose, split, glue or reorder of
    its reading words: one line per output that differs, naming the first place; [] when both
    have every reading word, whole and in order."""
    from lxml import html

    text = tei_root.find(f"{TEI}text")
    if text is None:
        return []
    problems = []
    if page is not None:
        article = html.fromstring(page if isinstance(page, bytes) else page.encode("utf-8")).xpath("//article")
        found = page_words(article[0], bool(leading_heads(tei_root))) if article else []
        expected = document_words(tei_root)
        if found != expected:
            problems.append("page: " + _first_difference(expected, found))
    if plain is not None and reading_text(text):  # a text of no words is printed as its header
        expected = words(reading_text(text, marks=True))
        found = plain_words(plain)
        if find_run(expected, found) < 0:
            start = find_run(expected[:1], found)
            problems.append("text: " + _first_difference(expected, found[max(start, 0):]))
    return problems


def _first_difference(expected: list[str], found: list[str]) -> str:
    at = next((i for i, (a, b) in enumerate(zip(expected, found)) if a != b), min(len(expected), len(found)))
    return (f"word {at + 1} of {len(expected)}: expected {' '.join(expected[max(0, at - 3):at + 4])!r}, "
            f"found {' '.join(found[max(0, at - 3):at + 4])!r}")
