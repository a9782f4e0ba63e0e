"""The ediarum edition's letters on the page and in the text: a sample of the letters from Jean
Paul's circle (../shared/corpora/jeanpaul-umfeldbriefe.tar.xz, unpacked with
benchmarks/editions/jeanpaul/teikit.toml), rendered by the edition's stylesheets as
`teikit render` renders them. Every reading word whole and in order on the page and in the
text; every page valid HTML. benchmarks/bench_reading.py does the same for all 952 letters."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lxml import etree, html

from nu import nu_messages
from toolkit.edition import Edition
from toolkit.reading import output_problems
from toolkit.xmlio import parse_file
from toolkit.xslt import stylesheets

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY / "benchmarks" / "editions"))
from corpora import EDITIONS, unpack_edition  # noqa: E402

ARCHIVE = EDITIONS["jeanpaul"].archive

EVERY = 10  # 96 of the 952 letters, from every year
TEI = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[Path, tuple[bytes, str]]:
    """{letter: (its page, its plain text)}, the pages written to a folder for the checker."""
    if not ARCHIVE.is_file():
        pytest.skip("the Jean Paul letters are not beside the repository (../shared/corpora/jeanpaul-umfeldbriefe.tar.xz)")
    root = tmp_path_factory.mktemp("jeanpaul")
    letters = unpack_edition("jeanpaul", root, every=EVERY)
    edition = Edition.open(root)
    styles, labels = stylesheets(edition.xslt_dir), edition.labels()  # teikit.toml: language = "de"
    pages = root / "pages"
    pages.mkdir()
    outputs = {}
    for letter in letters:
        document = parse_file(letter).root
        page = styles.transform("html", document, nodes={"labels": labels}).encode("utf-8")
        (pages / f"{letter.stem}.html").write_bytes(page)
        outputs[letter] = (page, styles.transform("text", document, nodes={"labels": labels}))
    return outputs


def test_the_sample_is_the_letters_of_every_year(rendered):
    assert len(rendered) == 96
    assert len({letter.parent.name for letter in rendered}) >= 10


def test_every_reading_word_is_on_the_page_and_in_the_text_whole_and_in_order(rendered):
    problems = {letter.name: found for letter, (page, plain) in rendered.items()
                if (found := output_problems(etree.parse(str(letter)).getroot(), page, plain))}
    assert problems == {}


HARD_CASES = {  # what splits and glues words, and blocks inside paragraphs
    "correction": "//t:text//t:choice[t:sic][t:corr]", "open variant": "//t:text//t:mod[@type='variant']",
    "substitution": "//t:text//t:subst", "deletion": "//t:text//t:del", "table in a paragraph": "//t:p//t:table",
    "list in a paragraph": "//t:p//t:list", "note in a note": "//t:note//t:note", "space": "//t:text//t:space",
}


def test_the_sample_has_the_hard_cases(rendered):
    found = dict.fromkeys(HARD_CASES, 0)
    for letter in rendered:
        tree = etree.parse(str(letter))
        for case, path in HARD_CASES.items():
            found[case] += len(tree.xpath(path, namespaces={"t": TEI[1:-1]}))
    assert all(found.values()), found


def test_every_page_is_valid_html(rendered):
    folder = next(iter(rendered)).parents[3] / "pages"
    assert nu_messages(folder) == []


def test_the_pages_speak_german_as_the_letters_do(rendered):
    for letter, (page, _) in rendered.items():
        tree = html.fromstring(page)
        assert tree.get("lang") == "de", letter.name
        assert "Zu diesem Dokument" in tree.text_content() and "About this document" not in tree.text_content()


def test_the_plain_text_has_the_apparatus_after_the_text(rendered):
    """An open variant of the writer (mod type="variant") reads its first reading; the other
    is an apparatus entry after the notes, never glued to the next word."""
    with_variants = [(letter, plain) for letter, (_, plain) in rendered.items()
                     if etree.parse(str(letter)).xpath("//t:mod[@type='variant']", namespaces={"t": TEI[1:-1]})]
    assert with_variants
    for letter, plain in with_variants:
        blocks = plain.rstrip("\n").split("\n\n")
        assert blocks[-1].startswith("{"), letter.name
