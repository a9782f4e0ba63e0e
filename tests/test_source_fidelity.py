"""The key test of the edition: the plain text of each document says what the source says.

The source, 000_5e97fb2156f6523f.txt, is split into the ten documents (docs/encoding.md): 533
starts after the page's title line; a line "No. 5xx" starts the document it numbers; the
documents whose number the page lost start at their heading line; the trailing "543" and the
page chrome after it are left out. Each span is compared word for word (whitespace-split
tokens) with the document's plain text, where the marks of omission "<…>" and "…" are tokens of
their own (the text must show the mark the source prints) and note markers "[n]" are dropped.
Nothing else is normalised.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from toolkit import NSMAP
from toolkit.edition import Edition

REPOSITORY = Path(__file__).resolve().parents[1]
SOURCE = REPOSITORY.parent / "shared" / "seed" / "000_5e97fb2156f6523f.txt"
EDITION = Edition.open(REPOSITORY)
DOCUMENTS = [p.stem for p in EDITION.document_files()]
OMISSION = re.compile(r"(<…>|…)")
NUMBER_LINE = re.compile(r"^No\. (\d+)$")
NOTE_MARKER = re.compile(r"\[\d+\]")

pytestmark = pytest.mark.skipif(not SOURCE.is_file(), reason=f"the source {SOURCE.name} is not beside the repository")


def source_tokens(text: str) -> list[str]:
    return OMISSION.sub(r" \1 ", text).split()


def output_tokens(text: str) -> list[str]:
    return OMISSION.sub(r" \1 ", NOTE_MARKER.sub(" ", text)).split()


def heading(doc_id: str) -> str:
    """The document's first heading that is not its number, as the source would print it."""
    root = etree.parse(str(EDITION.tei_dir / f"{doc_id}.xml")).getroot()
    head = root.xpath("tei:text/tei:body/tei:head[not(@type)][1]", namespaces=NSMAP)[0]
    words = [t for node in head.xpath("node()[not(self::tei:note)]", namespaces=NSMAP)
             for t in ([node] if isinstance(node, str) else node.itertext())]
    return " ".join("".join(words).split())


def document_starts(lines: list[str]) -> dict[str, int]:
    """Line index where each document's span begins."""
    starts = {DOCUMENTS[0]: 1}  # the first line is the page's title
    for doc_id in DOCUMENTS[1:]:
        numbered = [i for i, line in enumerate(lines) if NUMBER_LINE.match(line.strip())
                    and NUMBER_LINE.match(line.strip()).group(1) == doc_id]
        if numbered:
            starts[doc_id] = numbered[0]
            continue
        prefix = heading(doc_id)[:60]
        found = [i for i, line in enumerate(lines) if i > max(starts.values()) and line.startswith(prefix)]
        assert found, f"no line of the source starts with the heading of {doc_id}: {prefix!r}"
        starts[doc_id] = found[0]
    return starts


def spans() -> dict[str, list[str]]:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    starts = document_starts(lines)
    order = sorted(starts, key=starts.get)
    result = {}
    for doc_id, following in zip(order, order[1:] + [None]):
        end = starts[following] if following else len(lines)
        result[doc_id] = source_tokens("\n".join(lines[starts[doc_id]:end]))
    last = order[-1]
    # The page ends with the number of the next document ("543") and its chrome.
    cut = max(i for i, token in enumerate(result[last]) if token == str(int(last) + 1))
    result[last] = result[last][:cut]
    return result


def first_difference(expected: list[str], actual: list[str]) -> str:
    for index, (want, got) in enumerate(zip(expected, actual)):
        if want != got:
            return (f"token {index}: source has {want!r}, text has {got!r}\n"
                    f"  source: …{' '.join(expected[max(0, index - 8):index + 8])}…\n"
                    f"  text:   …{' '.join(actual[max(0, index - 8):index + 8])}…")
    return (f"lengths differ: source has {len(expected)} tokens, text has {len(actual)}; "
            f"first extra: {(expected[len(actual):] or actual[len(expected):])[:10]}")


@pytest.fixture(scope="module")
def source_spans() -> dict[str, list[str]]:
    return spans()


def test_the_source_splits_into_every_document(source_spans):
    assert sorted(source_spans) == sorted(DOCUMENTS)
    assert all(len(tokens) > 20 for tokens in source_spans.values())


@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_plain_text_matches_the_source_word_for_word(doc_id, source_spans, built_site):
    text = (built_site / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")
    expected, actual = source_spans[doc_id], output_tokens(text)
    assert expected == actual, first_difference(expected, actual)


@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_every_word_of_the_encoding_reaches_the_plain_text(doc_id, built_site):
    text = (built_site / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")
    root = etree.parse(str(EDITION.tei_dir / f"{doc_id}.xml")).getroot()
    body = root.find("tei:text", NSMAP)
    missing = [word for chunk in body.itertext() for word in chunk.split() if word not in text]
    assert not missing, f"words of tei/{doc_id}.xml missing from the plain text: {missing[:10]}"


def test_the_comparison_can_fail():
    """A dropped word, a moved note, an unmarked gap or the wrong mark of omission is a difference."""
    source = source_tokens("Tell Legran: <…> the only serious disagreement")
    assert output_tokens("Tell Legran: <…> the only serious disagreement[1]") == source
    assert output_tokens("Tell Legran: […] the only serious disagreement") != source
    assert output_tokens("Tell Legran: … the only serious disagreement") != source
    assert source_tokens("…In his letter") == output_tokens("…In his letter") == ["…", "In", "his", "letter"]
    assert output_tokens("Tell Legran: the only serious disagreement") != source
    assert output_tokens("Tell Legran: […] the only disagreement") != source
    assert "lengths differ" in first_difference(["a", "b"], ["a"])
