"""The edition under attack: a fresh copy per test, the working folder while it runs."""

from __future__ import annotations

import shutil

import pytest

from .hostile_kit import CONFIG, GOOD, REPOSITORY, SUPPORT, Edition


@pytest.fixture
def edition(tmp_path, monkeypatch) -> Edition:
    root = tmp_path / "edition"
    (root / "tei").mkdir(parents=True)
    for name in (*(f"{g}.xml" for g in GOOD), *SUPPORT):
        shutil.copy(REPOSITORY / "tei" / name, root / "tei" / name)
    (root / "teikit.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(root)
    return Edition(root)
