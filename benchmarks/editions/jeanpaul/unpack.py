"""Unpack the Jean Paul letters from his circle (../shared/corpora/jeanpaul-umfeldbriefe.tar.xz,
ediarum conventions) into a folder in their own layout, with teikit.toml beside briefe/ and
register/: what tests/test_jeanpaul_rendering.py and benchmarks/bench_reading.py render and build."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from corpora import CORPORA, unpack as unpack_archive  # noqa: E402

ARCHIVE = CORPORA / "jeanpaul-umfeldbriefe.tar.xz"


def is_letter(name: str) -> bool:
    return name.startswith("briefe/umfeldbriefe/") and name.endswith(".xml")


def is_register(name: str) -> bool:
    return name.startswith("register/") and name.endswith(".xml")


def unpack(dest: Path, every: int = 1, limit: int | None = None) -> list[Path]:
    """Every `every`-th letter of the archive (at most `limit`) and the registers; the letters' paths."""
    return unpack_archive(ARCHIVE, dest, is_letter, is_register, HERE / "teikit.toml", every, limit)
