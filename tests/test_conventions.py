"""Other editions' conventions (teikit.toml [corpus], [references]): documents in sub-folders,
registers elsewhere, names pointing by prefix, URI and @key, xml:ids reused across letters."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from toolkit.build import build
from toolkit.cli import cli
from toolkit.edition import Edition

ROOT = Path(__file__).resolve().parent / "roots" / "conventions"
TEI = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture
def edition(tmp_path) -> Path:
    copy = tmp_path / "edition"
    shutil.copytree(ROOT, copy)
    return copy


def run(edition: Path, *args: str):
    """teikit in the edition folder, as its users run it (paths in messages are relative to it)."""
    cwd = Path.cwd()
    os.chdir(edition)
    try:
        return CliRunner().invoke(cli, list(args))
    finally:
        os.chdir(cwd)


def test_documents_and_authority_files_come_from_the_globs(edition):
    found = Edition.open(edition)
    assert [p.relative_to(edition).as_posix() for p in found.document_files()] == ["letters/1870/a.xml", "letters/1871/b.xml"]
    assert [p.relative_to(edition).as_posix() for p in found.authority_files()] == ["registers/people.xml"]


def test_prefixes_uris_keys_local_entries_and_reused_ids_are_valid(edition):
    result = run(edition, "validate")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("3 files, 3 valid, 0 with errors (checked: no schema; pointers, dates, correspDesc; "
                             "xml:id unique per document)\n")


def test_cmif_refs_are_authority_uris_kept_or_found(edition, tmp_path):
    report = build(Edition.open(edition), tmp_path / "out", jobs=1)
    assert not report.failed, [d.format() for d in report.diagnostics]
    cmif = etree.parse(str(tmp_path / "out" / "cmif.xml"))
    refs = {e.text: e.get("ref") for e in cmif.xpath("//t:correspAction/*[@ref]", namespaces=TEI)}
    assert refs == {
        "Johann Wolfgang von Goethe": "https://d-nb.info/gnd/118540238",  # pmb:12 -> #pmb12 -> its GND idno
        "Zürich": "https://sws.geonames.org/2657896",  # by @key, its GeoNames idno
        "Heer, Oswald": "https://conventions.teikit-tests.net/persons/Heer-Oswald.html",  # by @key, no idno; CMIF's form
        "Erich Schmidt": "http://d-nb.info/gnd/118607626",  # the letter's own URI, kept as it is
    }
    persons = (tmp_path / "out" / "html" / "persons.html").read_text(encoding="utf-8")  # the register's index
    assert "Heer, Oswald" in persons and "Johann Wolfgang von Goethe" in persons


def test_an_unknown_prefixed_pointer_and_an_unknown_key_are_warnings_unless_the_edition_says_otherwise(edition):
    letter = edition / "letters" / "1870" / "a.xml"
    text = letter.read_text(encoding="utf-8").replace('ref="pmb:12"', 'ref="pmb:99"')
    letter.write_text(text.replace('<persName key="Heer Oswald">Heer</persName>',
                                   '<persName key="Heer Oskar">Heer</persName>'), encoding="utf-8")
    result = run(edition, "validate")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[:2] == [
        'letters/1870/a.xml:12:21: warning: unknown reference "#pmb99" (pmb:99 by its prefixDef): '
        'no xml:id "pmb99" in the authority files (registers/*.xml) [ref-resolves]',
        'letters/1870/a.xml:24:57: warning: key="Heer Oskar" matches no entry of the authority files '
        '(registers/*.xml) [key-resolves]',
    ]
    toml = edition / "teikit.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[rules]\nref-resolves = "error"\n', encoding="utf-8")
    strict = run(edition, "validate")
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[0].startswith('letters/1870/a.xml:12:21: error: unknown reference "#pmb99"')


def test_ids_unique_across_the_corpus_is_a_setting(edition):
    toml = edition / "teikit.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('unique_ids = "document"', 'unique_ids = "corpus"'),
                    encoding="utf-8")
    result = run(edition, "validate")
    assert result.exit_code == 1
    assert 'letters/1871/b.xml:23:10: error: xml:id "p1" is already used at letters/1870/a.xml:24:10' in result.stderr


def test_a_wrong_unique_ids_value_is_one_line(edition):
    toml = edition / "teikit.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('unique_ids = "document"', 'unique_ids = "yes"'),
                    encoding="utf-8")
    result = run(edition, "validate")
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(toml.read_text().splitlines(), 1) if text.startswith("unique_ids"))
    assert result.stderr == (f'Error: teikit.toml:{line}:1: error: [corpus] unique_ids = "yes" is not allowed: it takes '
                             'one of "corpus", "document" [config-value]\n')


def test_schema_edition_on_the_command_line_overrides_teikit_toml(edition):
    result = run(edition, "validate", "--schema", "edition")
    assert result.exit_code == 1
    assert "[relaxng]" in result.stderr or "error:" in result.stderr


def test_build_schema_option_validates_against_that_schema(edition, tmp_path):
    result = run(edition, "build", "--out", str(tmp_path / "out"), "--schema", "edition", "--quiet")
    assert result.exit_code == 1
    assert "letters/1870/a.xml:" in result.stderr
    result = run(edition, "build", "--out", str(tmp_path / "out"), "--schema", "none", "--quiet")
    assert result.exit_code == 0, result.output


def test_a_changed_setting_rebuilds_what_depends_on_it(edition, tmp_path):
    """[references] key changes which names lead where: the next build (no --clean) checks every
    letter again, and cmif.xml, the registers and the index follow; [rules] changes the verdicts."""
    out = tmp_path / "out"
    assert not build(Edition.open(edition), out, jobs=1).failed
    assert "persons/Heer-Oswald.html" in (out / "cmif.xml").read_text(encoding="utf-8")
    toml = edition / "teikit.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('key = "n"', 'key = ""'), encoding="utf-8")
    report = build(Edition.open(edition), out, jobs=1)
    assert report.checked == 2 and "cmif" in report.corpus_built and "site" in report.corpus_built
    assert "persons/Heer-Oswald.html" not in (out / "cmif.xml").read_text(encoding="utf-8")
    assert any(d.rule == "key-unset" for d in report.diagnostics)
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[rules]\nkey-unset = "error"\n', encoding="utf-8")
    strict = build(Edition.open(edition), out, jobs=1)
    assert strict.checked == 2 and len(strict.failed_documents) == 2
