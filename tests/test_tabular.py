"""CSV and JSON exports: one record per document, chronological, the documented columns,
values read from the TEI header and body, the two formats in agreement."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from toolkit import NSMAP
from toolkit.cli import cli
from toolkit.edition import Edition
from toolkit.errors import InputError
from toolkit.exchange.tabular import CSV_COLUMNS, export_csv, export_json

REPO = Path(__file__).resolve().parents[1]
SMALL = REPO / "tests" / "roots" / "cmif" / "edition"
DOCS = REPO / "docs" / "exchange.md"


def rows(edition: Edition) -> list[dict]:
    return list(csv.DictReader(io.StringIO(export_csv(edition))))


@pytest.fixture(scope="module")
def edition_rows() -> list[dict]:
    return rows(Edition.open(REPO))


@pytest.fixture(scope="module")
def edition_json() -> list[dict]:
    return json.loads(export_json(Edition.open(REPO)))


@pytest.fixture(scope="module")
def small_rows() -> dict[str, dict]:
    return {row["id"]: row for row in rows(Edition.open(SMALL))}


def documented_columns() -> list[str]:
    """The first cell of each row of the CSV column table in docs/exchange.md."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## CSV columns", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)


def test_csv_columns_are_the_documented_ones():
    assert documented_columns() == list(CSV_COLUMNS)


def test_json_fields_are_documented(edition_json):
    text = DOCS.read_text(encoding="utf-8").split("## JSON", 1)[1]
    for key in edition_json[0]:
        assert f"`{key}`" in text, key


# --- the edition ------------------------------------------------------------------------------


def test_one_row_per_document_in_chronological_order(edition_rows):
    edition = Edition.open(REPO)
    assert sorted(r["id"] for r in edition_rows) == sorted(p.stem for p in edition.document_files())
    keys = [(r["date_when"] or r["date_not_before"] or r["date_not_after"], r["number"].zfill(6)) for r in edition_rows]
    assert keys == sorted(keys)


def test_values_come_from_each_documents_header(edition_rows):
    for row in edition_rows:
        tree = etree.parse(str(REPO / "tei" / f"{row['id']}.xml"))
        number = tree.xpath("//tei:publicationStmt/tei:idno[@type='document-number']", namespaces=NSMAP)[0]
        assert row["number"] == number.text
        assert row["number_inferred"] == ("true" if number.get("cert") else "false")
        assert row["kind"] == tree.xpath("string(//tei:catRef/@target)", namespaces=NSMAP).lstrip("#")
        sent_date = tree.xpath("//tei:correspAction[@type='sent']/tei:date", namespaces=NSMAP)[0]
        assert (row["date_when"], row["date_not_before"], row["date_not_after"]) == (
            sent_date.get("when", ""), sent_date.get("notBefore", ""), sent_date.get("notAfter", ""))
        printed = tree.xpath("//tei:dateline//tei:date", namespaces=NSMAP)[0]
        assert row["date_text"] == " ".join("".join(printed.itertext()).split())
        senders = tree.xpath("//tei:correspAction[@type='sent']/*[self::tei:persName or self::tei:orgName]", namespaces=NSMAP)
        assert len(row["senders"].split(" | ")) == len(senders)


def test_archival_columns_hold_one_slot_per_reference(edition_rows):
    for row in edition_rows:
        tree = etree.parse(str(REPO / "tei" / f"{row['id']}.xml"))
        references = tree.xpath("//tei:listBibl[@type='sources']/tei:bibl[@type='archival']", namespaces=NSMAP)
        for column in ("archival_repository", "archival_fond", "archival_opis", "archival_papka",
                       "archival_delo", "archival_folios", "archival_kind"):
            assert len(row[column].split(" | ")) == len(references), (row["id"], column)
        assert row["archival_delo"].split(" | ") == [
            r.xpath("string(tei:idno[@type='delo'])", namespaces=NSMAP) for r in references]


def test_json_has_one_object_per_document_with_nested_references(edition_json, edition_rows):
    assert [item["id"] for item in edition_json] == [row["id"] for row in edition_rows]
    for item in edition_json:
        for reference in item["archival_references"]:
            assert set(reference) == {"repository", "fond", "opis", "papka", "delo", "folios", "kind", "text"}
            assert set(reference["repository"]) == {"id", "name"} and reference["repository"]["id"]
            assert set(reference["folios"]) == {"from", "to", "text"}
        assert set(item["mentions"]) == {"persons", "places", "organisations"}


def test_csv_and_json_agree(edition_json, edition_rows):
    for item, row in zip(edition_json, edition_rows):
        assert row["senders"] == " | ".join(p["name"] for p in item["senders"])
        assert row["cc"] == " | ".join(p["name"] for p in item["cc"])
        assert row["persons_mentioned"] == " | ".join(p["name"] for p in item["mentions"]["persons"])
        assert row["date"] == item["date"]["iso"]


def test_exports_are_byte_identical_across_runs():
    edition = Edition.open(REPO)
    assert export_csv(edition) == export_csv(edition)
    assert export_json(edition) == export_json(edition)


# --- a small edition whose every value is known ---------------------------------------------


def test_small_edition_row(small_rows):
    row = small_rows["1"]
    assert {k: row[k] for k in ("senders", "sender_place", "recipients", "recipient_places", "cc")} == {
        "senders": "Anna Müller", "sender_place": "Berlin", "recipients": "Boris Ivanov",
        "recipient_places": "Tbilisi", "cc": "War Council"}
    assert (row["date"], row["date_text"], row["number_inferred"]) == ("1900-03-02", "2 March 1900", "false")
    assert (row["persons_mentioned"], row["places_mentioned"], row["organisations_mentioned"]) == (
        "Clara Schmidt", "Berlin | Smallville", "War Council")
    assert [row[f"archival_{k}"] for k in ("repository", "fond", "opis", "papka", "delo", "folios", "kind")] == [
        "State Archive", "1", "2", "", "1", "ll. 3–4 verso", "copy"]
    assert row["url"] == "https://letters.example.org/ed/1.html"


def test_small_edition_range_and_unnamed_addressee(small_rows):
    row = small_rows["2"]
    assert (row["date"], row["date_not_before"], row["date_not_after"]) == ("1900-01-01/1900-02-28", "1900-01-01", "1900-02-28")
    assert (row["senders"], row["recipients"], row["number_inferred"]) == ("War Council | Clara Schmidt", "", "true")


def test_document_without_correspondence_is_still_a_row(small_rows):
    assert list(small_rows) == ["2", "1", "3"]  # undated last
    assert (small_rows["3"]["senders"], small_rows["3"]["date"]) == ("", "")


# --- failures and the command line ---------------------------------------------------------


@pytest.fixture
def broken_edition(tmp_path) -> Path:
    target = tmp_path / "edition"
    shutil.copytree(SMALL, target)
    (target / "tei" / "4.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<teiHeader>\n</TEI>\n")
    return target


def test_a_document_that_cannot_be_read_stops_the_table(broken_edition, monkeypatch):
    monkeypatch.chdir(broken_edition)
    with pytest.raises(InputError) as error:
        export_csv(Edition.open("."))
    assert str(error.value) == ("tei/4.xml:3:7: error: not well-formed XML: "
                                "Opening and ending tag mismatch: teiHeader line 2 and TEI [xml-wellformed]")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_cli_failure_is_one_line_and_writes_nothing(broken_edition, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(cli, ["--edition", str(broken_edition), "export", fmt, "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert result.stderr.rstrip().endswith("Opening and ending tag mismatch: teiHeader line 2 and TEI [xml-wellformed]")
    assert not out.exists()


def test_cli_csv_and_json(tmp_path):
    runner = CliRunner()
    out = tmp_path / "table.csv"
    result = runner.invoke(cli, ["--edition", str(SMALL), "export", "csv", "-o", str(out)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(CSV_COLUMNS)
    result = runner.invoke(cli, ["--edition", str(SMALL), "export", "json"])
    assert result.exit_code == 0
    assert [item["id"] for item in json.loads(result.stdout)] == ["2", "1", "3"]


def test_a_conversation_lists_its_turns(edition_json, edition_rows):
    conversation = next(item for item in edition_json if item["id"] == "535")
    assert [([p["id"] for p in t["senders"]], [p["id"] for p in t["recipients"]]) for t in conversation["turns"]] == [
        (["narimanov"], ["ordzhonikidze"]), (["ordzhonikidze"], ["narimanov"])]
    assert all(item["turns"] == [] for item in edition_json if item["id"] != "535")
    assert conversation["compiler_title"].startswith("Record of conversation between")
    assert conversation["title"] == "Nariman Narimanov and Grigory Ordzhonikidze, record of a conversation, no later than 1 September 1920"
