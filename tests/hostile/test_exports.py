"""Exports that another program opens: CSV cells never run as spreadsheet formulas (OWASP)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from .hostile_kit import REPOSITORY, teikit

SAMPLE = "messy.xml"  # a CMIF 1.0-era file of tests/roots/cmif/files
FORMULAS = ["=HYPERLINK(\"http://127.0.0.1/\",\"x\")", "+1+1", "-2+3", "@SUM(A1)"]


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


@pytest.mark.parametrize("formula", FORMULAS, ids=["equals", "plus", "minus", "at"])
def test_export_csv_neutralises_formulas(edition, formula):
    escaped = formula.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace("\t", "&#9;").replace("\r", "&#13;")
    text = (edition.tei / "534.xml").read_text(encoding="utf-8").replace('xml:id="d534', 'xml:id="d999')
    # the date as the dateline prints it becomes the date_text cell
    date = text.index("<date ", text.index("<dateline"))
    close = text.index(">", date) + 1
    edition.add("999.xml", text[:close] + escaped + text[close:])
    run = teikit("export", "csv")
    assert run.exit_code == 0, run.stderr
    found = cells(run.stdout)
    assert not [c for c in found if c[:1] in ("=", "+", "-", "@", "\t", "\r")], "a cell would run as a formula"
    assert any(c.startswith("'" + formula) for c in found)


def test_every_csv_table_neutralises_formula_starts_tab_and_cr_included():
    from toolkit.exchange import csv_table, neutralised

    values = ["=1", "+1", "-1", "@A1", "\t=1", "plain", "1920-08-27", "", "'quoted"]
    table = csv_table(["v"], ({"v": v} for v in values))
    assert cells(table)[1:] == ["'=1", "'+1", "'-1", "'@A1", "'\t=1", "plain", "1920-08-27", "", "'quoted"]
    assert neutralised("\r=1") == "'\r=1" and neutralised(7) == 7


def test_export_json_keeps_the_text_as_written(edition):
    edition.variant("999.xml", source="534", **{"<title type=\"main\">": "<title type=\"main\">=1+1 "})
    run = teikit("export", "json")
    assert '"=1+1 ' in run.stdout and "'=1+1" not in run.stdout


def test_import_cmif_csv_neutralises_formulas(edition, tmp_path):
    sample = REPOSITORY / "tests" / "roots" / "cmif" / "files" / SAMPLE
    text = sample.read_text(encoding="utf-8")
    start = text.index("<tei:persName")
    close = text.index(">", start) + 1
    hostile = tmp_path / "hostile-cmif.xml"
    hostile.write_text(text[:close] + "=cmd|' /C calc'!A0 " + text[close:], encoding="utf-8")
    run = teikit("import", "cmif", str(hostile), "--format", "csv")
    assert run.exit_code == 0, run.stderr
    found = cells(run.stdout)
    assert not [c for c in found if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert any(c.startswith("'=cmd|") for c in found)


# ---- line breaks inside a cell: quoted, so no text can start a new row ---------------------

def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_every_csv_table_quotes_a_cell_with_a_line_break():
    from toolkit.exchange import csv_table

    values = ["a\rb", "a\nb", "a\r\nb", "=1\r2", "a\u2028b"]
    table = csv_table(["v"], ({"v": v} for v in values))
    assert table == 'v\r\n"a\rb"\r\n"a\nb"\r\n"a\r\nb"\r\n"\'=1\r2"\r\na\u2028b\r\n'
    assert rows(table) == [["v"], ["a\rb"], ["a\nb"], ["a\r\nb"], ["'=1\r2"], ["a\u2028b"]]


def test_export_csv_quotes_a_carriage_return_from_an_attribute(edition):
    # Attribute normalisation turns a written line break into a space, but not a character reference.
    # (Not in a date: a date that is no real date is never exported.)
    edition.variant("999.xml", source="534", **{'target="#appeal"': 'target="#appeal&#13;=x"'})
    run = teikit("export", "csv")
    assert run.exit_code == 0, run.stderr
    table = rows(run.stdout)
    assert [row[0] for row in table] == ["id", "533", "534", "999"]
    assert {len(row) for row in table} == {len(table[0])}
    kind = table[0].index("kind")
    assert table[3][kind] == "appeal\r=x"


def test_import_cmif_csv_quotes_line_breaks(edition, tmp_path):
    text = (REPOSITORY / "tests" / "roots" / "cmif" / "files" / SAMPLE).read_text(encoding="utf-8")
    first = 'key="1" ref=" https://messy.example.org/1 "'
    assert first in text
    hostile = tmp_path / "breaks.xml"
    hostile.write_text(text.replace(first, 'key="k&#13;1" ref="https://x.example/&#10;=1"'), encoding="utf-8")
    run = teikit("import", "cmif", str(hostile), "--format", "csv")
    assert run.exit_code == 0, run.stderr
    table = rows(run.stdout)
    assert {len(row) for row in table} == {len(table[0])}
    assert ["k\r1", "https://x.example/\n=1"] in [row[:2] for row in table]
