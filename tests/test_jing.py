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
