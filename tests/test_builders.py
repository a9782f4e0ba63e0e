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


# ---- corpus builders that read other builders' outputs ------------------------------------

def test_a_corpus_builder_runs_after_the_builders_it_reads(monkeypatch):
    corpus_builders()  # every module imported first, or it would register into the copy below
    monkeypatch.setattr(CorpusBuilder, "_registry", dict(CorpusBuilder._registry))

    class Atlas(CorpusBuilder):  # "a" sorts first, but it reads what "site" and "zines" make
        name, reads = "atlas", ("zines", "site")

    class Zines(CorpusBuilder):
        name, reads = "zines", ("html",)  # a document builder: its outputs exist before any corpus builder runs

    order = [b.name for b in corpus_builders()]
    assert order.index("atlas") > order.index("site") and order.index("atlas") > order.index("zines")
    assert order.index("site") > order.index("chronology") and order.index("site") > order.index("network")


def test_builders_that_read_each_other_in_a_circle_are_refused(monkeypatch):
    import pytest

    corpus_builders()  # every module imported first, or it would register into the copy below
    monkeypatch.setattr(CorpusBuilder, "_registry", dict(CorpusBuilder._registry))

    class One(CorpusBuilder):
        name, reads = "one", ("two",)

    class Two(CorpusBuilder):
        name, reads = "two", ("one",)

    with pytest.raises(ValueError, match="circle"):
        corpus_builders()
    Two.reads = ("nothing",)
    with pytest.raises(ValueError, match="which is no builder"):
        corpus_builders()


def test_each_drawing_is_made_once_per_build_and_the_pages_embed_that_one(tmp_path, monkeypatch):
    from lxml import html

    from conftest import copy_edition
    from toolkit.build import build
    from toolkit.builders import chronology, network
    from toolkit.edition import Edition

    calls = []
    for module, name in ((chronology, "chronology_svg"), (network, "network_svg")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, real=real, name=name: calls.append(name) or real(*a))
    root = copy_edition(tmp_path / "edition")
    report = build(Edition.open(root), tmp_path / "out", jobs=1)
    assert not report.failed
    assert sorted(calls) == ["chronology_svg", "network_svg"]
    for page, drawing in (("chronology", "chronology.svg"), ("correspondents", "network.svg")):
        embedded = html.parse(str(tmp_path / "out" / "html" / f"{page}.html")).getroot().xpath("//figure/*[local-name()='svg']")
        assert len(embedded) == 1
        title = (tmp_path / "out" / "html" / drawing).read_text(encoding="utf-8").split("<title", 1)[1].split("</title>")[0]
        assert title.split(">", 1)[1] == embedded[0].xpath("string(*[local-name()='title'][1])")


# ---- cache keys come from the data they cover ----------------------------------------------

def test_the_authority_key_covers_every_field_of_an_entry():
    import dataclasses

    from toolkit.authority import Entry
    from toolkit.build import authority_key

    entry = Entry("chicherin", "person", "Georgy Chicherin", "diplomat", ["Chicherin"], "People's Commissar",
                  {"gnd": "118520121"}, "persons.xml", 12, "Chicherin", "Georgy", "1872", "1936")
    base = authority_key([entry])
    for field in dataclasses.fields(Entry):
        value = getattr(entry, field.name)
        other = {str: lambda v: v + "x", int: lambda v: v + 1, list: lambda v: v + ["y"],
                 dict: lambda v: {**v, "viaf": "1"}}[type(value)](value)
        changed = authority_key([dataclasses.replace(entry, **{field.name: other})])
        if field.metadata.get("cache", True):
            assert changed != base, field.name
        else:  # where the entry stands in its file: only diagnostics name it
            assert field.name == "line" and changed == base
    assert authority_key([entry, Entry("kirov", "person", "Sergei Kirov")]) != base
