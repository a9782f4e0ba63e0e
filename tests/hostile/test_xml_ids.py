"""An xml:id repeated across files: both places reported, the first file built, and a clean
build and an incremental build of the same input give the same site."""

from __future__ import annotations

import pytest

from .hostile_kit import tree_state


@pytest.fixture(autouse=True)
def ids_unique_in_the_corpus(edition):
    """teikit's own rule ([corpus] unique_ids = "corpus"); the default is TEI's, once per document."""
    toml = edition.root / "teikit.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '[corpus]\nunique_ids = "corpus"\n', encoding="utf-8")


def duplicate_lines(later: str, first: str) -> list[str]:
    return [
        f'tei/{first}.xml:2:42: warning: xml:id "d533" is also used (this file has it first and keeps it) at tei/{later}.xml:2:42; '
        "an xml:id must be unique in the whole corpus [xmlid-first]",
        f'tei/{later}.xml:2:42: error: xml:id "d533" is already used at tei/{first}.xml:2:42; '
        "an xml:id must be unique in the whole corpus [xmlid-unique]",
    ]


def copy_keeping_ids(edition, name: str) -> None:
    edition.add(name, (edition.tei / "533.xml").read_bytes().replace(b"d533-", b"dcopy-"))


def test_the_first_file_keeps_the_id_and_is_built(edition):
    copy_keeping_ids(edition, "999.xml")
    validated = edition.validate()
    assert validated.exit_code == 1
    assert sorted(validated.diagnostics) == sorted(duplicate_lines("999", "533"))
    built = edition.build()
    assert built.exit_code == 1 and sorted(built.stderr.splitlines()) == sorted(duplicate_lines("999", "533"))
    assert edition.built() == {"533", "534"}


def test_clean_and_incremental_builds_agree(edition):
    assert edition.build().exit_code == 0
    copy_keeping_ids(edition, "100.xml")  # sorts before 533.xml: it has the id first now
    incremental = edition.build()
    incremental_site = tree_state(edition.out)
    clean = edition.build("--clean")
    assert incremental.exit_code == clean.exit_code == 1
    assert sorted(incremental.stderr.splitlines()) == sorted(clean.stderr.splitlines()) == sorted(
        duplicate_lines("533", "100"))
    assert edition.built() == {"100", "534"}
    assert tree_state(edition.out) == incremental_site
    again = edition.build()  # nothing changed: the same verdict, the same site
    assert sorted(again.stderr.splitlines()) == sorted(clean.stderr.splitlines())
    assert tree_state(edition.out) == incremental_site


def test_an_id_taken_from_an_authority_file_is_refused_in_the_document(edition):
    text = (edition.tei / "534.xml").read_text(encoding="utf-8")
    edition.add("534.xml", text.replace('xml:id="d534"', 'xml:id="chicherin"', 1))
    built = edition.build()
    assert built.exit_code == 1
    errors = [line for line in built.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith('tei/534.xml:2:42: error: xml:id "chicherin" is already used at tei/persons.xml:')
    assert edition.built() == {"533"}
