"""Unpack a real edition of another project (../shared/corpora/*.tar.xz) into a folder in its
own layout, with its teikit.toml (benchmarks/editions/<name>/teikit.toml) beside it: what the
tests and benchmarks of the real editions build. Third-party data stays outside the
repository: it is unpacked for a run.

    from corpora import EDITIONS, unpack_edition
    letters = unpack_edition("jeanpaul", folder, every=10)   # every 10th letter and the registers
"""

from __future__ import annotations

import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parents[1].parent / "shared" / "corpora"


@dataclass(frozen=True)
class RealEdition:
    archive: Path
    letters: str  # the folder of the letters inside the archive
    support: tuple[str, ...]  # the registers: files, or folders ending in "/"

    def is_letter(self, name: str) -> bool:
        return name.startswith(self.letters) and name.endswith(".xml")

    def is_support(self, name: str) -> bool:
        return name.endswith(".xml") and any(name == s or (s.endswith("/") and name.startswith(s)) for s in self.support)


EDITIONS = {
    # the Alfred Escher letters: data/briefe/K_*.xml, data/people/people.xml, data/places/places.xml
    "escher": RealEdition(CORPORA / "escher-briefedition.tar.xz", "data/briefe/",
                          ("data/people/people.xml", "data/places/places.xml")),
    # the letters from Jean Paul's circle: briefe/umfeldbriefe/YEAR/*.xml, register/personen/A.xml …
    "jeanpaul": RealEdition(CORPORA / "jeanpaul-umfeldbriefe.tar.xz", "briefe/umfeldbriefe/", ("register/",)),
}


def unpack_edition(name: str, dest: Path, every: int = 1, limit: int | None = None) -> list[Path]:
    """Every `every`-th letter of edition `name` (at most `limit`), its registers and its
    teikit.toml, into `dest`; the letters' paths."""
    edition = EDITIONS[name]
    return unpack(edition.archive, dest, edition.is_letter, edition.is_support, HERE / name / "teikit.toml",
                  every, limit)


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
