"""Unpack a real edition of another project (../shared/corpora/*.tar.xz) into a folder in its
own layout, with its teikit.toml beside it: what the tests and benchmarks of the real
editions build. Third-party data stays outside the repository: it is unpacked for a run.
"""

from __future__ import annotations

import shutil
import tarfile
from pathlib import Path
from typing import Callable

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"


def unpack(archive: Path, dest: Path, is_letter: Callable[[str], bool], is_support: Callable[[str], bool],
           config: Path, every: int = 1, limit: int | None = None) -> list[Path]:
    """Every `every`-th letter of `archive` (at most `limit`) and its support files (registers);
    `config` copied to dest/teikit.toml; the letters' paths, sorted.

    One pass over the archive: xz cannot seek, so reading it once is the whole cost.
    """
    dest = Path(dest)
    letters: list[Path] = []
    seen = 0
    with tarfile.open(archive, "r:xz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            name = member.name.removeprefix("./")  # some archives name their members ./path
            letter = is_letter(name)
            if letter:
                seen += 1
                if (seen - 1) % every or (limit is not None and len(letters) >= limit):
                    continue
            elif not is_support(name):
                continue
            tar.extract(member, dest, filter="data")
            if letter:
                letters.append(dest / name)
    shutil.copy(config, dest / "teikit.toml")
    return sorted(letters)
