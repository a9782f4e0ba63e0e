"""Unpack the Alfred Escher letters edition (../shared/corpora/escher-briefedition.tar.xz) into a
folder in its own layout, with teikit.toml beside data/: what tests/test_escher.py and
benchmarks/bench_escher.py build."""

from __future__ import annotations

import shutil
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARCHIVE = HERE.parents[2].parent / "shared" / "corpora" / "escher-briefedition.tar.xz"
REGISTERS = ("data/people/people.xml", "data/places/places.xml")


def unpack(dest: Path, every: int = 1, limit: int | None = None) -> list[Path]:
    """Every `every`-th letter of the archive (at most `limit`) and the registers; the letters' paths.

    One pass over the archive: xz cannot seek, so reading it once is the whole cost.
    """
    dest = Path(dest)
    letters: list[Path] = []
    seen = 0
    with tarfile.open(ARCHIVE, "r:xz") as archive:
        for member in archive:
            if not member.isfile():
                continue
            is_letter = member.name.startswith("data/briefe/") and member.name.endswith(".xml")
            if is_letter:
                seen += 1
                if (seen - 1) % every or (limit is not None and len(letters) >= limit):
                    continue
            elif member.name not in REGISTERS:
                continue
            archive.extract(member, dest, filter="data")
            if is_letter:
                letters.append(dest / member.name)
    shutil.copy(HERE / "teikit.toml", dest / "teikit.toml")
    return sorted(letters)
