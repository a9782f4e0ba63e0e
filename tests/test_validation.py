"""toolkit.validation on the mini-corpora in tests/roots/: every error class with its exact
message and place, and the valid corpus without a single diagnostic."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.diagnostics import ERROR
from toolkit.edition import Edition
from toolkit.errors import SchemaNotFound
from toolkit.validate import ValidationReport, validate

ROOTS = Path(__file__).resolve().parent / "roots"
VALID = ROOTS / "valid"
INVALID = ROOTS / "invalid"


@pytest.fixture(scope="module")
def invalid_report() -> ValidationReport:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(INVALID)  # diagnostics show paths relative to the working folder
        return validate(Edition.open("."))


def lines(report: ValidationReport, file: str) -> list[str]:
    return [d.format() for d in report.diagnostics if d.file == file]


def test_valid_corpus_has_no_diagnostics(monkeypatch):
    monkeypatch.chdir(VALID)
    report = validate(Edition.open("."))
    assert report.diagnostics == []
    assert report.files == [f"tei/{n}" for n in
                            ("1.xml", "2.xml", "edition.xml", "orgs.xml", "persons.xml", "places.xml")]
    assert report.summary() == "6 files, 6 valid, 0 with errors (checked: edition.rng, edition.sch; pointers, dates, correspDesc; xml:id unique per document)"


def test_the_shipped_corpus_is_valid():
    report = validate(Edition.open(Path(__file__).resolve().parents[1]))
    assert [d.format() for d in report.diagnostics] == []
    assert len(report.files) >= 14


def test_summary_counts_files_valid_and_invalid(invalid_report):
    assert invalid_report.summary().startswith("12 files, 4 valid, 8 with errors (checked: edition.rng, ")
    assert invalid_report.valid == ["tei/edition.xml", "tei/orgs.xml", "tei/persons.xml", "tei/places.xml"]
    # persons.xml shares an xml:id with duplicate.xml, but had it first: only duplicate.xml is refused
    assert "tei/duplicate.xml" in invalid_report.invalid


def test_diagnostics_are_sorted_and_unique(invalid_report):
    assert invalid_report.diagnostics == sorted(set(invalid_report.diagnostics))
    assert all(d.severity == ERROR for d in invalid_report.diagnostics if d.file != "tei/persons.xml")


def test_unknown_reference_names_the_id(invalid_report):
    assert lines(invalid_report, "tei/refs.xml") == [
        'tei/refs.xml:32:23: error: unknown reference "#nobody": no xml:id "nobody" in the authority files '
        "(persons.xml, places.xml, orgs.xml) or edition.xml [ref-resolves]",
        'tei/refs.xml:32:69: error: ref="writer" has no "#": read as "#writer" (Anna Writer); write "#writer", '
        'or set [rules] ref-bare = "off" if this is the edition\'s convention [ref-bare]',
        'tei/refs.xml:33:23: error: <placeName> ref="#reader" points to a person (Boris Reader, '
        "tei/persons.xml); <placeName> needs a place [ref-kind]",
        'tei/refs.xml:33:70: error: unknown reference "#ghost": no xml:id "ghost" in the authority files '
        "(persons.xml, places.xml, orgs.xml) or edition.xml [ref-resolves]",
    ]


def test_dates_must_exist_run_forwards_and_date_a_sending(invalid_report):
    assert lines(invalid_report, "tei/dates.xml") == [
        'tei/dates.xml:23:9: error: correspAction type="sent" has no date: add a date with @when (or '
        '@notBefore/@notAfter), or a note type="undated" saying why there is none [corresp-dated]',
        'tei/dates.xml:31:19: error: when="1920-02-30" is not a real date: 1920-02 has no day 30 [date-real]',
        'tei/dates.xml:31:66: error: when="1921-02-29" is not a real date: 1921-02 has no day 29 [date-real]',
        'tei/dates.xml:32:18: error: when="1920-13" is not a real date: there is no month 13 [date-real]',
        'tei/dates.xml:33:23: error: notBefore="1920-09-05" is after notAfter="1920-09-01" [date-order]',
        'tei/dates.xml:34:20: error: from="1920-10" is after to="1920-09-30" [date-order]',
    ]


def test_archival_references_must_be_complete(invalid_report):
    assert [d.message for d in invalid_report.diagnostics if d.file == "tei/archival.xml"] == [
        'archival reference has no folios: add citedRange unit="folio" from="…" to="…"',
        'archival reference has no opis: add idno type="opis"',
        'archival reference prints a kind of copy but has no @subtype: add subtype="copy", "official-copy", '
        '"certified-copy", "typescript", "telegraph-form" or "printed-copy"',
        'archival reference has no repository: add orgName type="repository" ref="#…"',
        'archival reference has subtype="official-copy" but its printed text does not state that kind',
    ]
    places = {(d.line, d.column, d.rule) for d in invalid_report.diagnostics if d.file == "tei/archival.xml"}
    assert places == {(17, 11, "archival-complete"), (18, 11, "archival-complete")}


def test_relaxng_errors_say_where_and_what_is_expected(invalid_report):
    assert lines(invalid_report, "tei/structure.xml") == [
        'tei/structure.xml:23:9: error: type="written" is not allowed on <correspAction>: expected one of: '
        "sent, received (at /TEI/teiHeader/profileDesc/correspDesc/correspAction) [relaxng]",
        "tei/structure.xml:33:7: error: <head> is not allowed at this place in <body> (out of order, "
        "repeated, or something before it is missing); <body> contains: (div+ | (head*, opener?, (p+ | sp+), "
        "closer*)) (at /TEI/text/body/head) [relaxng]",
    ]


def test_xml_id_unique_across_files_points_to_the_other(invalid_report):
    assert lines(invalid_report, "tei/duplicate.xml") == [
        'tei/duplicate.xml:32:10: error: xml:id "writer" is already used at tei/persons.xml:25:15; '
        "an xml:id must be unique in the whole corpus [xmlid-unique]"]
    assert lines(invalid_report, "tei/persons.xml") == [
        'tei/persons.xml:25:15: warning: xml:id "writer" is also used (this file has it first and keeps it) at '
        'tei/duplicate.xml:32:10; an xml:id must be unique in the whole corpus [xmlid-first]']


def test_xml_id_twice_in_one_file_names_the_first_line(invalid_report):
    assert lines(invalid_report, "tei/twice.xml") == [
        'tei/twice.xml:4:19: error: xml:id "h" is used twice in this file (first on line 3); '
        "an xml:id must be unique in the whole corpus [xmlid-unique]"]


def test_broken_and_foreign_files_are_one_line_each(invalid_report):
    assert lines(invalid_report, "tei/malformed.xml") == [
        "tei/malformed.xml:5:15: error: not well-formed XML: Opening and ending tag mismatch: "
        "fileDesc line 4 and teiHeader [xml-wellformed]"]
    assert lines(invalid_report, "tei/not-tei.xml") == [
        "tei/not-tei.xml:2:0: error: root element <TEI> is in namespace http://www.tei-c.org/ns/2.0; "
        'a TEI document starts with <TEI xmlns="http://www.tei-c.org/ns/1.0"> [tei-namespace]']


def test_explicit_paths_check_only_those_files(monkeypatch):
    monkeypatch.chdir(INVALID)
    report = validate(Edition.open("."), [Path("tei/refs.xml"), Path("tei/malformed.xml")])
    assert report.files == ["tei/malformed.xml", "tei/refs.xml"]
    assert {d.file for d in report.diagnostics} == {"tei/malformed.xml", "tei/refs.xml"}


def test_undated_sending_is_accepted_when_it_says_so(tmp_path, monkeypatch):
    edition = copy_root(VALID, tmp_path)
    letter = edition / "tei" / "1.xml"
    text = letter.read_text(encoding="utf-8").replace(
        '<date when="1920-09-04"/>', '<note type="undated">The source gives no date.</note>', 1)
    letter.write_text(text, encoding="utf-8")
    monkeypatch.chdir(edition)
    assert validate(Edition.open("."), [Path("tei/1.xml")]).diagnostics == []


@pytest.mark.parametrize("value, message", [
    ("1920-02-29", None),
    ("2000-02-29", None),
    ("1900-02-29", 'when="1900-02-29" is not a real date: 1900-02 has no day 29'),
    ("1920-04-31", 'when="1920-04-31" is not a real date: 1920-04 has no day 31'),
    ("1920-12-31", None),
    ("1920-06-00", 'when="1920-06-00" is not a real date: 1920-06 has no day 00'),
    ("1920-00", 'when="1920-00" is not a real date: there is no month 00'),
    ("1920", None),
])
def test_date_real_knows_the_calendar(tmp_path, monkeypatch, value, message):
    edition = copy_root(VALID, tmp_path)
    letter = edition / "tei" / "1.xml"
    text = letter.read_text(encoding="utf-8").replace('<date when="1920-09-04"/>', f'<date when="{value}"/>', 1)
    letter.write_text(text, encoding="utf-8")
    monkeypatch.chdir(edition)
    found = [d.message for d in validate(Edition.open("."), [Path("tei/1.xml")]).diagnostics]
    assert found == ([message] if message else [])


def test_missing_reference_outside_an_edition_says_where_it_looked(tmp_path, monkeypatch):
    shutil.copy(VALID / "tei" / "1.xml", tmp_path / "1.xml")
    monkeypatch.chdir(tmp_path)
    report = validate(Edition.open("."), [Path("1.xml")])
    assert report.diagnostics[0].message == (
        'unknown reference "#compiler": no xml:id "compiler" in the files being validated (no authority '
        "files here: run teikit in the edition folder or pass --edition DIR)")


def test_unknown_schema_file_is_refused(monkeypatch):
    monkeypatch.chdir(VALID)
    with pytest.raises(SchemaNotFound, match="no-such.rng: no such schema file"):
        validate(Edition.open("."), schema="no-such.rng")


def copy_root(root: Path, destination: Path) -> Path:
    target = destination / root.name
    shutil.copytree(root, target)
    return target


def test_workers_find_exactly_what_one_process_finds(monkeypatch):
    """Forked workers check the per-document rules of a large corpus; the result must not change."""
    import toolkit.validate as validation

    monkeypatch.chdir(INVALID)
    serial = validate(Edition.open("."), jobs=1)
    monkeypatch.setattr(validation, "PARALLEL_FROM", 2)  # fork even for this small corpus
    parallel = validate(Edition.open("."), jobs=2)
    assert parallel.diagnostics == serial.diagnostics
    assert parallel.files == serial.files
    assert any(d.rule == "archival-complete" for d in parallel.diagnostics)  # per-document rules ran
