"""CI has ../shared beside the repository: there, a test that skips is a failure (tests/conftest.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONFTEST = Path(__file__).resolve().parent / "conftest.py"


@pytest.fixture
def suite(tmp_path) -> Path:
    """A suite of one passing and one skipping test, with the project's conftest.py."""
    shutil.copy(CONFTEST, tmp_path / "conftest.py")
    (tmp_path / "test_probe.py").write_text(
        "import pytest\n\ndef test_runs():\n    pass\n\n"
        "def test_needs_a_file():\n    pytest.skip('x.rng is not beside the repository (../shared/x.rng)')\n",
        encoding="utf-8")
    return tmp_path


def pytest_in(folder: Path, ci: bool) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": "true"} if ci else {})
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", str(folder)],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def test_in_ci_a_skipped_test_fails_the_run(suite):
    result = pytest_in(suite, ci=True)
    assert result.returncode == 1, result.stdout
    assert "CI: 1 test(s) skipped; in CI every test must run:" in result.stdout
    assert "test_probe.py::test_needs_a_file: Skipped: x.rng is not beside the repository (../shared/x.rng)" in result.stdout


def test_elsewhere_a_skipped_test_is_only_a_skip(suite):
    result = pytest_in(suite, ci=False)
    assert result.returncode == 0, result.stdout
    assert "1 passed, 1 skipped" in result.stdout
