"""`teikit init`: a new edition folder that builds into a working site in two commands."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from toolkit.cli import cli

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"


def init_and_build(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    created = runner.invoke(cli, ["init", "myedition"])
    built = runner.invoke(cli, ["--edition", "myedition", "build"])
    return created, built


def test_init_writes_the_commented_settings_an_example_letter_and_the_authority_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    created = CliRunner().invoke(cli, ["init", "myedition"])
    assert created.exit_code == 0, created.output
    root = tmp_path / "myedition"
    assert sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) == [
        "tei/example.xml", "tei/orgs.xml", "tei/persons.xml", "tei/places.xml", "teikit.toml"]
    toml = (root / "teikit.toml").read_text(encoding="utf-8")
    for setting in ('title = ""', "editors = []", 'publisher = ""', 'licence = ""', 'base_url = ""'):
        assert setting in toml
    assert toml.count("# FILL IN:") == 5
    assert created.output.endswith("Next: fill in myedition/teikit.toml, then run `teikit --edition myedition build`.\n")


def test_init_then_build_makes_a_working_site(tmp_path, monkeypatch):
    _, built = init_and_build(tmp_path, monkeypatch)
    assert built.exit_code == 0, built.output
    site = tmp_path / "myedition" / "build" / "html"
    page = etree.parse(str(site / "example.html"), etree.HTMLParser())
    assert page.xpath("normalize-space(//title)") == "Writer to Reader, 4 September 1920 – Untitled edition"
    assert "The talks went" in page.xpath("string(//main)")
    for name in ("index.html", "persons.html", "places.html", "static/edition.css"):
        assert (site / name).is_file(), name
    assert "Anna Writer" in (site / "persons.html").read_text(encoding="utf-8")
    assert (tmp_path / "myedition" / "build" / "text" / "example.txt").is_file()


def test_a_build_without_licence_or_base_url_says_so_and_claims_no_licence(tmp_path, monkeypatch):
    _, built = init_and_build(tmp_path, monkeypatch)
    toml = "myedition/teikit.toml"
    assert built.stderr.splitlines() == [
        f'{toml}:1:0: warning: no licence set ([edition] licence = "URL" in teikit.toml): '
        "the site and cmif.xml claim none [config-licence]",
        f'{toml}:1:0: warning: no base URL set ([edition] base_url = "URL" in teikit.toml): '
        "cmif.xml and the pages link relative to the site [config-base-url]",
    ]
    cmif = etree.parse(str(tmp_path / "myedition" / "build" / "cmif.xml"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert cmif.xpath("//t:licence", namespaces=ns) == []
    assert cmif.xpath("normalize-space(//t:availability)", namespaces=ns) == "The edition states no licence for this file."
    for page in (tmp_path / "myedition" / "build" / "html").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "creativecommons" not in text and "Licence:" not in text and "example.org" not in text, page.name


def test_the_cmif_of_a_new_edition_is_valid_cmif(tmp_path, monkeypatch):
    schema = REFERENCE / "cmif.rng"
    if not schema.is_file():
        import pytest
        pytest.skip("the CMIF schema is not beside the repository (../shared/reference/cmif.rng)")
    init_and_build(tmp_path, monkeypatch)
    rng = etree.RelaxNG(etree.parse(str(schema)))
    assert rng.validate(etree.parse(str(tmp_path / "myedition" / "build" / "cmif.xml"))), rng.error_log


def test_filled_in_settings_silence_the_warnings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    CliRunner().invoke(cli, ["init", "ed"])
    toml = tmp_path / "ed" / "teikit.toml"
    text = toml.read_text(encoding="utf-8")
    text = text.replace('licence = ""', 'licence = "https://creativecommons.org/licenses/by/4.0/"')
    toml.write_text(text.replace('base_url = ""', 'base_url = "https://ed.uni-musterstadt.de/"'), encoding="utf-8")  # not a placeholder host (rule placeholder-address)
    built = CliRunner().invoke(cli, ["--edition", "ed", "build"])
    assert built.exit_code == 0 and built.stderr == ""
    assert "https://ed.uni-musterstadt.de/example.html" in (tmp_path / "ed" / "build" / "cmif.xml").read_text(encoding="utf-8")


def test_init_overwrites_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "teikit.toml").write_text("# mine\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 1
    assert result.stderr == ("Error: teikit.toml: already there; teikit init writes a new edition and overwrites "
                             "nothing (choose an empty folder: teikit init DIR)\n")
    assert (tmp_path / "teikit.toml").read_text(encoding="utf-8") == "# mine\n"
    assert not (tmp_path / "tei").exists()


def test_a_new_edition_is_valid_whatever_schema_it_is_checked_against(tmp_path, monkeypatch):
    """The template passes the packaged schema too (and every rule of its own choice, schema = "none")."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["init", "myedition"]).exit_code == 0
    for schema in ("none", "edition"):
        checked = runner.invoke(cli, ["--edition", "myedition", "validate", "--schema", schema])
        assert checked.exit_code == 0 and ": error: " not in checked.output, (schema, checked.output)
        assert checked.stdout.startswith("4 files, 4 valid, 0 with errors (checked: "), checked.output


def test_init_lets_ids_repeat_across_letters_as_real_editions_number_their_lines(tmp_path, monkeypatch):
    """unique_ids = "document": two letters that both number a line p1-l1 are both valid."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    runner.invoke(cli, ["init", "myedition"])
    tei = tmp_path / "myedition" / "tei"
    letter = (tei / "example.xml").read_text(encoding="utf-8").replace('<lb break="no"/>', '<lb break="no" xml:id="p1-l1"/>')
    (tei / "example.xml").write_text(letter, encoding="utf-8")
    (tei / "second.xml").write_text(letter.replace('xml:id="example"', 'xml:id="second"'), encoding="utf-8")
    checked = runner.invoke(cli, ["--edition", "myedition", "validate"])
    assert checked.exit_code == 0, checked.output
    assert "xmlid" not in checked.output
