"""Unpack the Alfred Escher letters edition (../shared/corpora/escher-briefedition.tar.xz) into a
folder in its own layout, with teikit.toml beside data/: what tests/test_escher.py and
benchmarks/bench_escher.py build."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from corpora import CORPORA, unpack as unpack_archive  # noqa: E402

ARCHIVE = CORPORA / "escher-briefedition.tar.xz"
REGISTERS = ("data/people/people.xml", "data/places/places.xml")


def is_letter(name: str) -> bool:
    return name.startswith("data/briefe/") and name.endswith(".xml")


def unpack(dest: Path, every: int = 1, limit: int | None = None) -> list[Path]:
    """Every `every`-th letter of the archive (at most `limit`) and the registers; the letters' paths."""
    return unpack_archive(ARCHIVE, dest, is_letter, REGISTERS.__contains__, HERE / "teikit.toml", every, limit)
