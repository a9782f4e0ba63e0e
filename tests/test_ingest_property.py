"""Property tests of the ingest over generated collections in the style of the seed.

Whatever the mix of numbered and unnumbered documents, headings with and without datelines,
references, notes, omissions and stray lines: the ingest never fails, every line is in one
document or listed as left out, and every word of a document's lines is in its draft.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from toolkit.authority import AuthorityIndex
from toolkit.corpus import parse_tei
from toolkit.edition import Edition
from toolkit.ingest.document import parse_document, trailing_number
from toolkit.ingest.names import Recogniser
from toolkit.ingest.split import NUMBER_LINE, split
from toolkit.ingest.tei import Context, write

TURKESTAN = Path(__file__).resolve().parent / "roots" / "ingest" / "turkestan"
SUPPORT, _ = parse_tei(Edition.open(TURKESTAN).authority_files())
CONTEXT = Context(Recogniser.from_authority(AuthorityIndex.from_documents(SUPPORT)), compiler="compiler",
                  categories={"letter", "telegram", "report", "dispatch"})

NAMES = st.sampled_from(["M. Frunze", "K. Atabaev", "Ya. Peters", "A. Unknown", "Frunze"])
OFFICES = st.sampled_from(["Commander of the Turkestan Front", "Head of the Military Department of the Turkestan Bureau",
                           "Chairman", "People’s Commissar"])
WORDS = st.lists(st.sampled_from(["the", "grain", "Samarkand", "wagons", "Tashkent,", "left.", "<…>", "…", "[local]",
                                  "No.", "12", "f.", "op.", "“quoted”", "Dzhizak;", "Comrade", "Frunze", "and", "to"]),
                 min_size=1, max_size=25).map(" ".join)
DATES = st.sampled_from(["", " March 16, 1921", " Tashkent, 14 March 1921", " No later than April 2, 1921",
                         " February 30, 1921", " April 1921", " Tashkent, 2.VI.1921", " 31.04.1921"])
REFERENCES = st.sampled_from(["", " GARF, f. R-1318, op. 1, d. 45, ll. 3–4. Original.",
                              " ГАРФ, ф. Р-130, оп. 4, д. 12, л. 145 об. Копия; RGVA, f. 110, op. 3, d. 7a, l. 2. Copy.",
                              " Unknown Archive, f. 1, op. 2, d. 3, l. 4. Copy; also in f. 5, op. 1, d. 2, l. 7."])
NOTES = st.sampled_from(["", " (Emphasis added – Yu.B.)", " Note: the year is doubtful.",
                         " Published in: Turkestan in the Civil War, Tashkent, 1964, doc. no. 77.",
                         " 543", " (Emphasis added – Yu.B.) 25"])  # the next document's number, after the last


@st.composite
def documents(draw) -> str:
    kind = draw(st.sampled_from(["Telegram from", "Letter from", "Report of the", "Dispatch from"]))
    heading = f"{kind} {draw(OFFICES)}, {draw(NAMES)}, to {draw(OFFICES)}, {draw(NAMES)}"
    number = draw(st.one_of(st.just(""), st.integers(1, 999).map(lambda n: f"No. {n}\n\n")))
    subject = draw(st.sampled_from(["", " On the Supply of Grain", " Regarding the Wagons"]))
    paragraphs = draw(st.lists(WORDS, min_size=1, max_size=3))
    last = paragraphs[-1] + draw(REFERENCES) + draw(NOTES)
    return number + heading + subject + draw(DATES) + "\n\n" + "\n\n".join(paragraphs[:-1] + [last])


COLLECTIONS = st.lists(st.one_of(documents(), WORDS), min_size=1, max_size=5).map("\n\n".join)


def tokens(text: str) -> Counter:
    """Words without the marks the TEI turns into markup (gaps, the brackets of supplied words)."""
    text = re.sub(r"<…>|…", " ", text).replace("[", " ").replace("]", " ")
    return Counter(text.split())


BLOCKS = {"head", "p", "note", "bibl", "sp", "speaker", "signed", "closer", "dateline", "salute", "gap"}


def draft_text(root) -> str:
    """The words of the draft's text and sources: markup adds no characters, blocks are apart."""
    for element in root.iter():
        if isinstance(element.tag, str) and etree.QName(element).localname in BLOCKS:
            element.text, element.tail = " " + (element.text or ""), " " + (element.tail or "")
    return "".join(root.xpath("//*[local-name()='text']//text() | //*[local-name()='listBibl']//text()"))


@settings(deadline=None, max_examples=120)
@given(COLLECTIONS)
def test_every_line_is_somewhere_and_every_word_in_its_draft(text):
    found = split(text)
    lines = {i for i, line in enumerate(text.splitlines(), start=1) if line.strip()}
    seen = [line.number for line, _ in found.left_out]
    for index, source in enumerate(found.documents):
        own = ([source.number_line] if source.number_line else []) + source.lines
        seen += [line.number for line in own]
        parsed = parse_document(source, CONTEXT.recogniser, last=index == len(found.documents) - 1)
        data, _ = write(parsed, str(index + 1), "", CONTEXT)
        drafted = tokens(draft_text(etree.fromstring(data)))
        expected = tokens("\n".join(line.text for line in own))
        if parsed.next_number:
            expected[parsed.next_number] -= 1
        assert drafted == +expected
        if index == len(found.documents) - 1:  # what the numbering reads before any document is parsed
            assert trailing_number(source) == parsed.next_number
    assert sorted(seen) == sorted(lines)


# ---------------------------------------------------------------- the splitter and the page's titles

KINDS = st.sampled_from(["Telegram from", "Letter from", "Order of", "Report of", "Dispatch from", "Memorandum of",
                         "Record of conversation between"])
TITLE_OFFICES = st.sampled_from(["Commander of the 7th Army", "Chairwoman of the Pskov Provincial Executive Committee",
                                 "the Revolutionary Military Council of the Republic", "Chief of Staff of the Front",
                                 "People’s Commissar for Foreign Affairs of the RSFSR"])
TITLE_NAMES = st.sampled_from(["N. Petrov", "A. Ivanova", "G. Chicherin", "Ya. Peters", "S. Loginov"])


@st.composite
def headed_document(draw) -> tuple[str, str, str]:
    """(number line or "", heading, the rest of the document)."""
    kind = draw(KINDS)
    joint = ", and " if kind.endswith("between") else ", to "
    heading = f"{kind} {draw(TITLE_OFFICES)}, {draw(TITLE_NAMES)}{joint}{draw(TITLE_OFFICES)}, {draw(TITLE_NAMES)}"
    number = draw(st.one_of(st.just(""), st.integers(1, 999).map(lambda n: f"No. {n}")))
    rest = draw(st.sampled_from([
        "On the Supply of Grain Pskov, May 20, 1919 The wagons left. RGVA, f. 1, op. 2, d. 3, l. 4. Copy.",
        "June 2, 1919\n\nDear Comrade, the line is open. GARF, f. R-1, op. 1, d. 5, ll. 6–7.",
        "Regarding the Horses\n\nNo later than May 1, 1919 Of the horses 740 arrived. Archive of X, f. 1, op. 1, d. 1, l. 1."]))
    return number, heading, rest


@st.composite
def page_title(draw, heading: str) -> str:
    """The heading as a web page's title repeats it: articles added or dropped, a name left out,
    other punctuation, cut short at a word or inside one (with or without "…")."""
    title = heading
    if draw(st.booleans()):
        title = title.replace(" of the ", " of ").replace(" to the ", " to ") if " the " in title else \
            title.replace(" from ", " from the ", 1).replace(" to ", " to the ", 1)
    if draw(st.booleans()):
        title = re.sub(r", (?:[A-Z][a-z]?\. )+[A-Z][a-z]+,", "", title, count=1)  # ", N. Petrov," left out
    if draw(st.booleans()):
        title = title.replace(",", "")
    words = title.split()
    if draw(st.booleans()):
        keep = draw(st.integers(min_value=4, max_value=len(words)))
        words = words[:keep]
        if draw(st.booleans()) and len(words[-1]) > 3:
            words[-1] = words[-1][:draw(st.integers(min_value=2, max_value=len(words[-1]) - 1))]
        if draw(st.booleans()):
            words[-1] += "…"
    return " ".join(words)


@st.composite
def titled_collections(draw) -> tuple[str, list[str], list[str]]:
    """A collection where some documents are preceded by their page's title, before their number
    or between it and the heading: (text, headings, titles)."""
    text, headings, titles = [], [], []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        number, heading, rest = draw(headed_document())
        title = draw(page_title(heading)) if draw(st.booleans()) else ""
        titles += [title] if title else []
        lines = [number, title] if number and draw(st.booleans()) else [title, number]
        text += [line for line in (*lines, heading, rest) if line]
        headings.append(heading)
    return "\n\n".join(text) + "\n", headings, titles


@settings(deadline=None, max_examples=200)
@given(titled_collections())
def test_a_title_line_before_a_heading_never_becomes_a_document(collection):
    text, headings, titles = collection
    found = split(text)
    assert [source.lines[0].text for source in found.documents] == headings
    left_out = [line.text for line, why in found.left_out if why.startswith(("the page's title", "a heading with no"))]
    assert left_out == titles


ANY_LINE = st.one_of(
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=120),
    st.builds(" ".join, st.lists(st.sampled_from(["Telegram", "Letter", "from", "of", "the", "to", "Order",
                                                  "Commander", "Petrov", "N.", "…", "No.", "17", ","]),
                                 min_size=1, max_size=14)),
).map(str.strip).filter(lambda line: line and not NUMBER_LINE.match(line))


@settings(deadline=None, max_examples=200)
@given(st.lists(st.tuples(headed_document(), st.one_of(st.none(), ANY_LINE)), min_size=1, max_size=4))
def test_any_line_before_a_heading_never_becomes_a_document(documents):
    """Whatever stands before a document (a title like its heading or not, words of a heading,
    anything): the documents are those of the headings, each with its number."""
    text = []
    for (number, heading, rest), line in documents:
        text += [part for part in (line, number, heading, rest) if part]
    found = split("\n\n".join(text) + "\n")
    assert [(source.number, source.lines[0].text) for source in found.documents] == \
        [(number.removeprefix("No. "), heading) for (number, heading, _), _ in documents]
