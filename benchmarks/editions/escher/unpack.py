"""Unpack the Alfred Escher letters edition (../shared/corpora/escher-briefedition.tar.xz) into a
folder in its own layout, with teikit.toml beside data/: what tests/test_escher.py and
benchmarks/bench_escher.py build (benchmarks/editions/corpora.py does the work)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from corpora import EDITIONS, unpack_edition  # noqa: E402

ARCHIVE = EDITIONS["escher"].archive


def unpack(dest: Path, every: int = 1, limit: int | None = None) -> list[Path]:
    """Every `every`-th letter of the archive (at most `limit`) and the registers; the letters' paths."""
    return unpack_edition("escher", dest, every, limit)
