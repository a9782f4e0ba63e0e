"""The wheel carries the default schema and stylesheets, and an installed teikit validates
files anywhere with them (an edition without its own schema/ uses the packaged one)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
               "-w", str(out), str(REPO)]
    subprocess.run(command, check=True, capture_output=True, text=True)
    return next(out.glob("teikit-*.whl"))


def test_wheel_contains_the_default_schema_and_stylesheets(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "toolkit/_defaults/schema/edition.rng" in names
    assert "toolkit/_defaults/schema/edition.sch" in names
    assert "toolkit/validation/__init__.py" in names
    assert "toolkit/cli.py" in names
    xslt = [n for n in names if n.startswith("toolkit/_defaults/xslt/") and n.endswith(".xsl")]
    assert xslt, "no stylesheet under toolkit/_defaults/xslt/"
    assert not any(n.startswith(("tei/", "tests/")) for n in names)


def test_installed_teikit_validates_files_elsewhere_with_the_packaged_schema(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, text=True)
    project = tmp_path / "other" / "project"
    project.mkdir(parents=True)
    for path in (REPO / "tests" / "roots" / "valid" / "tei").glob("*.xml"):
        shutil.copy(path, project / path.name)
    (project / "broken.xml").write_text("<TEI", encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(target)}
    script = "import sys, toolkit; from toolkit.cli import cli; print(toolkit.__file__, file=sys.stderr); cli()"
    files = sorted(str(p.relative_to(tmp_path)) for p in project.glob("*.xml"))
    result = subprocess.run([sys.executable, "-c", script, "validate", *files],
                            cwd=tmp_path, env=environment, capture_output=True, text=True)
    assert str(target) in result.stderr  # the installed copy ran, not the checkout
    assert result.stderr.endswith("other/project/broken.xml:1:5: error: not well-formed XML: "
                                  "Couldn't find end of Start Tag TEI line 1 [xml-wellformed]\n")
    assert result.stdout.startswith("7 files, 6 valid, 1 with errors (checked: ")
    assert result.returncode == 1
