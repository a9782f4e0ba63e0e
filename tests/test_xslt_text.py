"""The plain-text stylesheet (xslt/text/): golden files for every document, and odd TEI.

Golden files: tests/golden/<doc-id>.txt hold the expected plain text of each document. After
an intended change of the text output (or of a document), regenerate them with

    TEIKIT_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_xslt_text.py

and review the diff before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from lxml import etree

from toolkit import NSMAP
from toolkit.edition import Edition
from toolkit.reading import reading_text
from toolkit.render import render

REPOSITORY = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
RENDER_ROOT = Path(__file__).resolve().parent / "roots" / "render"
CMIF_EXAMPLES = REPOSITORY.parent / "shared" / "reference" / "cmif-examples"
EDITION = Edition.open(REPOSITORY)
DOCUMENTS = [p.stem for p in EDITION.document_files()]


def text_of(path: Path) -> str:
    return render(EDITION, path, "text")


@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_plain_text_matches_its_golden_file(doc_id, built_site):
    actual = (built_site / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")
    golden = GOLDEN / f"{doc_id}.txt"
    if os.environ.get("TEIKIT_REGENERATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden.name}: regenerate (see this module's docstring)"
    assert actual == golden.read_text(encoding="utf-8")


def test_every_document_has_a_golden_file_and_no_stale_ones_remain():
    assert sorted(p.stem for p in GOLDEN.glob("*.txt")) == sorted(DOCUMENTS)


@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_render_gives_the_same_text_as_the_build(doc_id, built_site):
    assert text_of(EDITION.tei_dir / f"{doc_id}.xml") == (built_site / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_text_shape(doc_id, built_site):
    text = (built_site / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")
    root = etree.parse(str(EDITION.tei_dir / f"{doc_id}.xml")).getroot()
    notes = root.xpath("tei:text//tei:note", namespaces=NSMAP)
    gaps = root.xpath("tei:text//tei:gap", namespaces=NSMAP)
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text and "<" not in text.replace("<…>", "")
    # Each gap shows the mark of omission the source prints (gap/@rend), nothing else.
    marks = {"angle-brackets": "<…>", "ellipsis": "…"}
    shown = re.findall(r"<…>|…", text.split("\n\n[1] ")[0])
    assert shown == [marks[g.get("rend")] for g in gaps]
    for number in range(1, len(notes) + 1):
        assert f"[{number}]" in text.split("\n\n[1] ")[0], f"marker [{number}] missing from the text"
        assert f"\n[{number}] " in text, f"note [{number}] missing after the text"
    # Notes come last, after the printed references.
    blocks = text.rstrip("\n").split("\n\n")
    assert [b for b in blocks if re.match(r"\[\d+\] ", b)] == blocks[len(blocks) - len(notes):]


def test_blocks_headings_paragraphs_references_in_order():
    text = text_of(EDITION.tei_dir / "537.xml")
    blocks = text.rstrip("\n").split("\n\n")
    assert blocks[0] == "No. 537"
    assert blocks[1].startswith("Dispatch from People’s Commissar") and blocks[1].endswith("Armenia")
    assert blocks[2] == "September 4, 1920"
    assert blocks[3].startswith("<…> Postpone the resolution")
    # The emphasis statement stands where the source prints it: after the archival reference.
    assert blocks[-1] == "RGASPI, f. 5, op. 1, d. 2104, l. 7. Copy. (Emphasis added – Yu.B.)"


def test_supplied_words_are_bracketed():
    assert "\n\n[Ordzhonikidze]\n\nOf course" in text_of(EDITION.tei_dir / "535.xml")


def test_a_gap_without_rend_is_bracketed(tmp_path):
    source = (EDITION.tei_dir / "537.xml").read_text(encoding="utf-8").replace(' rend="angle-brackets"', "")
    (tmp_path / "537.xml").write_text(source, encoding="utf-8")
    assert text_of(tmp_path / "537.xml").count("[…]") == 2


def test_text_is_deterministic():
    path = EDITION.tei_dir / "542.xml"
    assert text_of(path) == text_of(path)


# ---- TEI from other projects ---------------------------------------------------------------

def words_of_text(path: Path) -> list[str]:
    """The reading words (toolkit/reading.py): no deletions, no figure descriptions, one reading of a choice."""
    root = etree.parse(str(path)).getroot()
    return [w for text in root.xpath("//tei:text", namespaces=NSMAP) for w in reading_text(text, marks=True).split()]


@pytest.mark.parametrize("name", ["corpus.xml", "verse.xml", "table-list.xml", "no-header.xml"])
def test_odd_tei_keeps_every_word(name):
    path = RENDER_ROOT / name
    text = text_of(path)
    missing = [w for w in words_of_text(path) if w not in text]
    assert not missing


def test_odd_tei_structures():
    verse = text_of(RENDER_ROOT / "verse.xml")
    assert "Über allen Gipfeln\nist Ruh, in allen Wipfeln" in verse
    tables = text_of(RENDER_ROOT / "table-list.xml")
    assert "Item | Price\nBread | 2 rubles" in tables
    assert "- First item\n- Second nested item" in tables
    assert "Spelling: the{a} and Doctor; kept words." in tables  # one reading in the text
    assert tables.endswith("\n\n{a} the] teh\n")  # the correction in the apparatus after it
    corpus = text_of(RENDER_ROOT / "corpus.xml")
    assert "note[1]." in corpus and "note[2]." in corpus and "[2] Note of the second text." in corpus
    assert text_of(RENDER_ROOT / "no-header.xml").startswith("Untitled TEI document\n\nA text without any header")


def test_header_only_cmif_lists_its_letters():
    path = CMIF_EXAMPLES / "correspsearch-storage_helmholtz-thomson.xml"
    if not path.is_file():
        pytest.skip("the CMIF examples are not beside the repository (../shared/reference/cmif-examples)")
    text = text_of(path)
    letters = etree.parse(str(path)).getroot().xpath("//tei:correspDesc", namespaces=NSMAP)
    lines = [line for line in text.splitlines() if " → " in line]
    assert len(lines) == len(letters) > 0
    assert lines[0] == "Hermann von Helmholz → William Thomson (24 July 1855) (Bad Kreuznach)"
