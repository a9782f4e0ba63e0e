"""Conformance: every TEI file of the edition and every TEI file teikit generates (the CMIF
export is a TEI document) is valid against the official tei_all schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from toolkit.cli import cli
from toolkit.edition import Edition
from toolkit.exchange.cmif import export_cmif

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
SMALL = REPO / "tests" / "roots" / "cmif" / "edition"
TEI_FILES = sorted((REPO / "tei").glob("*.xml"))


def errors(schema: etree.RelaxNG) -> str:
    return "\n".join(f"line {e.line}: {e.message}" for e in schema.error_log)


def test_the_edition_has_its_ten_documents_and_support_files():
    names = {p.name for p in TEI_FILES}
    assert {f"{n}.xml" for n in range(533, 543)} <= names
    assert {"persons.xml", "places.xml", "orgs.xml", "edition.xml"} <= names


@pytest.mark.parametrize("path", TEI_FILES, ids=[p.name for p in TEI_FILES])
def test_edition_file_is_valid_tei_all(tei_all_rng, path):
    assert tei_all_rng.validate(etree.parse(str(path))), errors(tei_all_rng)


@pytest.mark.parametrize("root", [REPO, SMALL], ids=["edition", "small"])
def test_cmif_export_is_valid_tei_all(tei_all_rng, root):
    document = etree.fromstring(export_cmif(Edition.open(root)).text.encode("utf-8"))
    assert tei_all_rng.validate(document), errors(tei_all_rng)


def test_built_tei_and_cmif_are_valid_tei_all(tei_all_rng, tmp_path):
    """What `teikit build` writes as TEI: the copies in tei/ (if the build writes them) and cmif.xml."""
    build = pytest.importorskip("toolkit.build", reason="the build is not implemented in this checkout")
    out = tmp_path / "build"
    report = build.build(Edition.open(REPO), out, jobs=1, clean=True)
    assert not report.failed, report.summary()
    generated = sorted(out.glob("tei/**/*.xml")) + [out / "cmif.xml"]
    assert (out / "cmif.xml").is_file()
    for path in generated:
        assert tei_all_rng.validate(etree.parse(str(path))), f"{path.relative_to(out)}:\n{errors(tei_all_rng)}"


def test_cli_validate_with_tei_all_accepts_the_edition_and_its_cmif(tei_all_rng, tmp_path):
    runner = CliRunner()
    cmif = tmp_path / "cmif.xml"
    assert runner.invoke(cli, ["--edition", str(REPO), "export", "cmif", "-o", str(cmif)]).exit_code == 0
    result = runner.invoke(cli, ["--edition", str(REPO), "validate", "--schema", "tei_all", str(REPO / "tei")])
    assert result.exit_code == 0, result.output
    # the CMIF file on its own, outside the edition (whose own rules are for its documents)
    result = runner.invoke(cli, ["--edition", str(tmp_path), "validate", "--schema", str(REPO.parent / "shared" /
                                                                                        "reference" / "tei_all.rng"),
                                 str(cmif)])
    assert result.exit_code == 0, result.output
