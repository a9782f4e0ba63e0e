"""Fixtures shared by the whole test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree

# Third-party schemas and samples live beside the repository, never inside it.
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"


@pytest.fixture(scope="session")
def tei_all_rng() -> etree.RelaxNG:
    """The official tei_all.rng, compiled once per test session (libxml2 needs 10–20 s for it)."""
    path = REFERENCE / "tei_all.rng"
    if not path.is_file():
        pytest.skip("tei_all.rng is not beside the repository (../shared/reference/tei_all.rng)")
    # Through teikit's own cache, so `teikit validate --schema tei_all` in the same worker reuses it.
    from toolkit.validation.relaxng import compile_schema

    return compile_schema(path.resolve()).validator


REPOSITORY = Path(__file__).resolve().parents[1]


def copy_edition(root: Path) -> Path:
    """A private copy of the edition (tei/, schema/, xslt/, teikit.toml) at `root`, to change freely."""
    import shutil

    for name in ("tei", "schema", "xslt"):
        shutil.copytree(REPOSITORY / name, root / name)
    shutil.copy(REPOSITORY / "teikit.toml", root / "teikit.toml")
    return root


def published(out_dir: Path) -> dict[str, bytes]:
    """Every file a build published, by its path in the output folder (teikit's own records left out)."""
    return {p.relative_to(out_dir).as_posix(): p.read_bytes() for p in sorted(out_dir.rglob("*"))
            if p.is_file() and ".teikit" not in p.relative_to(out_dir).parts}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repository's edition built once per test session (per xdist worker): its output folder."""
    from toolkit.build import build
    from toolkit.edition import Edition

    out_dir = tmp_path_factory.mktemp("site")
    report = build(Edition.open(REPOSITORY), out_dir, jobs=1)
    assert not report.failed, [d.format() for d in report.diagnostics]
    return out_dir


def pytest_sessionfinish(session, exitstatus):
    """In CI (CI=true), where ../shared is present, a skipped test is a failure: every test must run."""
    if os.environ.get("CI") != "true" or hasattr(session.config, "workerinput"):
        return  # not CI, or an xdist worker (the controller sees every worker's reports)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; in CI every test must run:", red=True)
        for report in skipped:
            reporter.write_line(f"  {report.nodeid}: {report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr}")
        session.exitstatus = 1
