"""--schema tei_all through jing: the same verdict as lxml, jing's lines as diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.edition import Edition
from toolkit.validate import validate
from toolkit.validation import jing

REPOSITORY = Path(__file__).resolve().parents[1]
TEI_ALL = REPOSITORY.parent / "shared" / "reference" / "tei_all.rng"

pytestmark = pytest.mark.skipif(not jing.available(), reason="jing is not installed (Debian package jing)")


@pytest.fixture
def tei_all():
    if not TEI_ALL.is_file():
        pytest.skip("tei_all.rng is not beside the repository (../shared/reference/tei_all.rng)")
    return TEI_ALL


def test_jing_reports_each_error_with_its_place(tei_all, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.xml"
    bad.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<teiHeader><bogus/></teiHeader></TEI>\n')
    found = jing.check(tei_all, [bad, REPOSITORY / "tei" / "537.xml"])
    assert [d.format() for d in found][0] == (
        'bad.xml:2:20: error: element "bogus" not allowed anywhere; expected element "fileDesc" [relaxng]')
    assert {d.file for d in found} == {"bad.xml"}


def test_validate_tei_all_uses_jing_and_the_safe_parser_first(tei_all, tmp_path, monkeypatch):
    monkeypatch.setenv("TEIKIT_TEI_ALL", str(tei_all))
    monkeypatch.chdir(tmp_path)
    entity = tmp_path / "entity.xml"
    entity.write_text('<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                      '<TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>\n')
    seen = []
    real = jing.check
    monkeypatch.setattr(jing, "check", lambda schema, paths: seen.extend(paths) or real(schema, paths))
    report = validate(Edition.open(REPOSITORY), [REPOSITORY / "tei" / "538.xml", entity], "tei_all")
    assert [d.rule for d in report.diagnostics] == ["xml-entity"]  # refused before jing saw it
    assert seen == [REPOSITORY / "tei" / "538.xml"]
    assert report.invalid == ["entity.xml"]


def test_build_tei_all_uses_jing_honours_unique_ids_and_says_what_it_checks(tei_all, tmp_path, monkeypatch):
    """build --schema tei_all: jing once for the documents the safe parser accepted (no minute of
    libxml2 compiling tei_all), the edition's own rules too, and the summary names them."""
    import shutil

    from toolkit.build import build
    from toolkit.validation import relaxng

    root = tmp_path / "edition"
    shutil.copytree(REPOSITORY / "tests" / "roots" / "valid", root)
    (root / "teikit.toml").write_text('[corpus]\nunique_ids = "corpus"\n', encoding="utf-8")
    monkeypatch.setenv("TEIKIT_TEI_ALL", str(tei_all))
    second = root / "tei" / "2.xml"
    text = second.read_text(encoding="utf-8")
    second.write_text(text.replace("<body>", "<body><bogus/>", 1), encoding="utf-8")  # not TEI
    first = (root / "tei" / "1.xml").read_text(encoding="utf-8")
    (root / "tei" / "3.xml").write_text(first, encoding="utf-8")  # 1.xml's xml:ids again

    def no_libxml2(path):
        raise AssertionError(f"libxml2 compiled {path}")

    monkeypatch.setattr(relaxng, "compile_schema", no_libxml2)
    monkeypatch.chdir(root)
    report = build(Edition.open(root), root / "out", jobs=1, schema="tei_all")
    errors = {(d.file, d.rule) for d in report.diagnostics if d.is_error}
    assert ("tei/2.xml", "relaxng") in errors and ("tei/3.xml", "xmlid-unique") in errors
    assert sorted(report.failed_documents) == ["tei/2.xml", "tei/3.xml"] and report.built == ["1"]
    assert report.summary().endswith("(checked: tei_all.rng by jing; pointers, dates, correspDesc; xml:id unique "
                                     "in the corpus).")
