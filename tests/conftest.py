"""Fixtures shared by the whole test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree

# Every page shows the build date, which is the day of the newest input unless SOURCE_DATE_EPOCH
# is set: fixed here, so an edit made by a test on another day than the checkout does not
# rebuild every page (tests/test_finding_aids.py tests the date itself).
os.environ.setdefault("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01

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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repository's edition built once per test session (per xdist worker): its output folder."""
    from toolkit.build import build
    from toolkit.edition import Edition

    out_dir = tmp_path_factory.mktemp("site")
    report = build(Edition.open(REPOSITORY), out_dir, jobs=1)
    assert not report.failed, [d.format() for d in report.diagnostics]
    return out_dir
