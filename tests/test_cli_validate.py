"""`teikit validate` through click's CliRunner: exit codes, exact lines, JSON, hostile XML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import cli

ROOTS = Path(__file__).resolve().parent / "roots"
VALID = ROOTS / "valid"
INVALID = ROOTS / "invalid"
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"


def run(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(cli, list(args))
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        return runner.invoke(cli, list(args))


def test_valid_edition_exits_0_with_a_summary():
    result = run("validate", cwd=VALID)
    assert result.exit_code == 0
    assert result.stdout == "6 files, 6 valid, 0 with errors (checked: edition.rng, edition.sch; pointers, dates, correspDesc; xml:id unique per document)\n"


def test_invalid_edition_exits_1_with_one_line_per_problem():
    result = run("validate", cwd=INVALID)
    assert result.exit_code == 1
    out = result.stderr.splitlines()
    assert len(out) == 22
    assert out[0] == ('tei/archival.xml:17:11: error: archival reference has no folios: '
                      'add citedRange unit="folio" from="…" to="…" [archival-complete]')
    assert all(line.startswith("tei/") and line.endswith("]") for line in out)
    assert result.stdout == ("12 files, 4 valid, 8 with errors (checked: edition.rng, edition.sch; pointers, "
                             "dates, correspDesc; xml:id unique in the corpus)\n")
    assert "Traceback" not in result.output


def test_edition_option_and_explicit_paths():
    result = run("--edition", str(INVALID), "validate", str(INVALID / "tei" / "dates.xml"), cwd=INVALID)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("tei/dates.xml:23:9: error: correspAction")
    assert result.stdout.startswith("1 file, 0 valid, 1 with errors (checked: ")


def test_a_folder_argument_means_its_xml_files(tmp_path):
    result = run("validate", "tei", cwd=VALID)
    assert result.exit_code == 0
    assert result.stdout.startswith("6 files, 6 valid, 0 with errors (checked: ")


def test_json_output_is_an_array_of_diagnostics():
    result = run("validate", "--format", "json", "tei/refs.xml", cwd=INVALID)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [sorted(item) for item in data] == [["column", "file", "line", "message", "rule", "severity"]] * 4
    assert data[0] == {"file": "tei/refs.xml", "line": 32, "column": 23, "severity": "error",
                       "rule": "ref-resolves",
                       "message": 'unknown reference "#nobody": no xml:id "nobody" in the authority files '
                                  "(persons.xml, places.xml, orgs.xml) or edition.xml"}


def test_json_output_of_a_valid_edition_is_empty():
    result = run("validate", "--format", "json", cwd=VALID)
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


@pytest.mark.parametrize("args, message", [
    (["validate", "--schema", "nonsense"],
     "Invalid value for '--schema': 'nonsense' is neither edition, tei_all, none nor an existing .rng file"),
    (["validate", "--format", "xml"], "Invalid value for '--format': 'xml' is not one of 'text', 'json'."),
    (["validate", "no-such-file.xml"], "Invalid value for '[PATHS]...': Path 'no-such-file.xml' does not exist."),
    (["validate", "--no-such-option"], "No such option '--no-such-option'."),
])
def test_usage_errors_exit_2(args, message):
    result = run(*args, cwd=VALID)
    assert result.exit_code == 2
    assert f"Error: {message}" in result.stderr


def test_help_mentions_every_option():
    result = run("validate", "--help")
    assert result.exit_code == 0
    for word in ("--schema", "edition|tei_all|none|PATH.rng", "--format", "[text|json]", "PATHS", "-h, --help",
                 "path:line:col: error|warning: message [rule-id]"):
        assert word in result.stdout


def test_missing_tei_all_is_one_line_saying_how_to_get_it(tmp_path):
    (tmp_path / "teikit.toml").write_text('[schemas]\ntei_all = "nowhere/tei_all.rng"\n', encoding="utf-8")
    (tmp_path / "tei").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("TEIKIT_TEI_ALL", raising=False)
        result = run("validate", "--schema", "tei_all", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the official TEI schema tei_all.rng is not available here: download it from "
                                    "https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng")
    assert len(result.stderr.splitlines()) == 1


def test_a_schema_file_can_be_named(tmp_path):
    schema = tmp_path / "only-tei.rng"
    schema.write_text('<element xmlns="http://relaxng.org/ns/structure/1.0" name="TEI" '
                      'ns="http://www.tei-c.org/ns/1.0"><empty/></element>', encoding="utf-8")
    result = run("validate", "--schema", str(schema), "tei/1.xml", cwd=VALID)
    assert result.exit_code == 1
    assert result.stderr == ("tei/1.xml:3:3: error: <teiHeader> is not allowed in <TEI>; <TEI> contains: "
                             "empty (at /TEI/teiHeader) [relaxng]\n")


def test_a_broken_schema_file_is_one_line(tmp_path):
    schema = tmp_path / "broken.rng"
    schema.write_text("<element", encoding="utf-8")
    result = run("validate", "--schema", str(schema), cwd=VALID)
    assert result.exit_code == 1
    assert "broken.rng:1:9: error: not well-formed XML" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_tei_all_accepts_the_valid_corpus(tei_all_rng, monkeypatch):
    monkeypatch.setenv("TEIKIT_TEI_ALL", str(REFERENCE / "tei_all.rng"))
    result = run("validate", "--schema", "tei_all", cwd=VALID)
    assert result.exit_code == 0, result.output
    assert result.stdout == ("6 files, 6 valid, 0 with errors (checked: tei_all.rng by jing; pointers, dates, "
                             "correspDesc; xml:id unique per document)\n")


@pytest.mark.slow
def test_tei_all_reports_what_it_refuses(tei_all_rng, tmp_path):
    (tmp_path / "bad.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title/></titleStmt>'
        "<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>"
        "<text><body><p><foo/></p></body></text></TEI>", encoding="utf-8")
    result = run("validate", "--schema", str(REFERENCE / "tei_all.rng"), "bad.xml", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("bad.xml:1:")
    assert "<foo> is not allowed in <p>" in result.stderr


HOSTILE = {
    "external entity": (
        b'<?xml version="1.0"?>\n<!DOCTYPE TEI [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0">&xxe;</TEI>',
        "x.xml:3:3: error: entity declarations are refused: teikit never expands or fetches entities (remove "
        "the DOCTYPE's internal subset and write the characters directly) [xml-entity]"),
    "billion laughs": (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        b' <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
        b' <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">\n]>\n'
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0">&lol2;</TEI>',
        "x.xml:3:2: error: entity declarations are refused: teikit never expands or fetches entities (remove "
        "the DOCTYPE's internal subset and write the characters directly) [xml-entity]"),
    "DOCTYPE SYSTEM to a URL": (
        b'<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "http://example.org/tei.dtd">\n'
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"/>',
        'x.xml:2:1: error: the DOCTYPE refers to an external DTD ("http://example.org/tei.dtd"): teikit never '
        "loads DTDs; remove the DOCTYPE declaration [xml-doctype]"),
    "DOCTYPE PUBLIC to a file": (
        b'<!DOCTYPE TEI PUBLIC "-//TEI//DTD" "file:///etc/passwd"><TEI xmlns="http://www.tei-c.org/ns/1.0"/>',
        'x.xml:1:1: error: the DOCTYPE refers to an external DTD ("file:///etc/passwd"): teikit never loads '
        "DTDs; remove the DOCTYPE declaration [xml-doctype]"),
    "wrong namespace": (
        b'<?xml version="1.0"?>\n<TEI xmlns="http://example.org/tei"/>',
        "x.xml:2:0: error: root element <TEI> is in namespace http://example.org/tei; a TEI document starts "
        'with <TEI xmlns="http://www.tei-c.org/ns/1.0"> [tei-namespace]'),
    "no namespace": (
        b"<TEI/>",
        'x.xml:1:0: error: root element <TEI> is in no namespace; a TEI document starts with <TEI '
        'xmlns="http://www.tei-c.org/ns/1.0"> [tei-namespace]'),
    "invalid UTF-8": (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">caf\xe9</TEI>',
        "x.xml:2:45: error: not well-formed XML: Invalid bytes in character encoding (save the file as UTF-8, "
        "or declare its real encoding in the XML declaration) [xml-wellformed]"),
    "undefined entity": (
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0">&nbsp;</TEI>',
        "x.xml:1:48: error: not well-formed XML: Entity 'nbsp' not defined [xml-wellformed]"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_xml_is_one_line_and_exit_1(tmp_path, name):
    data, expected = HOSTILE[name]
    (tmp_path / "x.xml").write_bytes(data)
    result = run("validate", "x.xml", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == expected + "\n"
    assert result.stdout.startswith("1 file, 0 valid, 1 with errors (checked: ")


def test_a_broken_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "a.xml").write_bytes(HOSTILE["external entity"][0])
    (tmp_path / "b.xml").write_bytes(b"<TEI")
    result = run("--edition", str(VALID), "validate", "a.xml", "b.xml", str(VALID / "tei" / "1.xml"), cwd=tmp_path)
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == ["a.xml", "b.xml"]
    assert result.stdout.startswith("3 files, 1 valid, 2 with errors (checked: ")
