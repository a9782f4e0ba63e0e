"""The builder registry: every output is a builder that returns {relative path: bytes}."""

from __future__ import annotations

from pathlib import Path

from toolkit import builders
from toolkit.builders import (DOCUMENT_PATHS, CorpusBuilder, DocumentBuilder, corpus_builders, document_builders,
                              document_path, href, page_links)
from toolkit.metadata import DateSpec, Letter


def letter(doc_id: str = "537", file: str = "537.xml") -> Letter:
    return Letter(doc_id, doc_id, file, "", False, "", "", "", DateSpec(), [], [])


def test_every_module_of_the_package_registers_its_builders():
    assert [b.name for b in document_builders()] == ["csl", "dts", "html", "print", "tei", "text"]
    assert [b.name for b in corpus_builders()] == ["chronology", "cmif", "dts-collection", "network", "pdf", "search",
                                                   "site", "tei-support"]
    assert {b.target for b in document_builders()} == {"html", "text", "print", None}


def test_a_subclass_is_registered_by_being_defined(monkeypatch):
    # Every builder module is imported first: one imported while the copy stands in for the
    # registry would register into the copy and be missing from every later build of this process.
    real = [b.name for b in document_builders()]
    monkeypatch.setattr(DocumentBuilder, "_registry", dict(DocumentBuilder._registry))

    class WordCount(DocumentBuilder):
        name = "words"

        def build(self, page, context):
            return {f"words/{page.letter.doc_id}.txt": b"1"}

    assert [b.name for b in document_builders()] == sorted(real + ["words"])
    monkeypatch.undo()
    assert [b.name for b in document_builders()] == real


def test_the_links_between_formats_are_said_once():
    assert set(DOCUMENT_PATHS) == {"html", "text", "tei", "csl", "print"}
    assert document_path("html", letter()) == "html/537.html"
    assert document_path("tei", letter("a", "a.xml")) == "html/tei/a.xml"
    assert href("html", "text", letter()) == "../text/537.txt"
    assert page_links(letter()) == {"tei-href": "./tei/537.xml", "text-href": "../text/537.txt",
                                    "csl-href": "./csl/537.json"}
    assert href("html", "tei", letter("x", "javascript:x(1).xml")) == "./tei/javascript%3Ax%281%29.xml"


def test_builders_name_no_output_folder_and_write_nothing():
    source = "".join(p.read_text(encoding="utf-8") for p in Path(builders.__file__).parent.glob("*.py"))
    for forbidden in ("atomic_write", "write_bytes", "write_text", ".unlink(", "glob("):
        assert forbidden not in source, forbidden
