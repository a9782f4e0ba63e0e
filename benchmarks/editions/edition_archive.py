"""Unpack another project's edition from its archive in ../shared/corpora/ into a folder in its own
layout, with its teikit.toml (benchmarks/editions/NAME/teikit.toml) beside it: what the tests and
the benchmarks build. One pass over the archive (xz cannot seek, so reading it once is the whole cost).

    unpack_edition("jeanpaul", dest, every=10)   # every 10th letter and all the registers
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
class Archived:
    """An edition as its archive holds it: which members are letters, which support them."""

    archive: str
    letters: Callable[[str], bool]
    support: Callable[[str], bool]

    @property
    def path(self) -> Path:
        return CORPORA / self.archive


EDITIONS = {
    # The Digitale Briefedition Alfred Escher: data/briefe/K_*.xml, data/people/people.xml, data/places/places.xml
    "escher": Archived("escher-briefedition.tar.xz",
                       lambda name: name.startswith("data/briefe/") and name.endswith(".xml"),
                       lambda name: name in ("data/people/people.xml", "data/places/places.xml")),
    # Jean Paul – Sämtliche Briefe digital, the letters of his circle 1781–1807: briefe/umfeldbriefe/YEAR/*.xml,
    # register/personen/A.xml …, register/orte/*.xml, register/Themen.xml, register/Korrespondenzkreise.xml
    "jeanpaul": Archived("jeanpaul-umfeldbriefe.tar.xz",
                         lambda name: name.startswith("briefe/") and name.endswith(".xml"),
                         lambda name: name.startswith("register/") and name.endswith(".xml")),
}


def unpack_edition(name: str, dest: Path, every: int = 1, limit: int | None = None) -> list[Path]:
    """EDITIONS[name] unpacked into dest with its teikit.toml; the letters' paths."""
    edition = EDITIONS[name]
    return unpack(edition.path, HERE / name / "teikit.toml", dest, edition.letters, edition.support, every, limit)


def unpack(archive: Path, config: Path, dest: Path, is_letter: Callable[[str], bool],
           is_support: Callable[[str], bool], every: int = 1, limit: int | None = None) -> list[Path]:
    """Every `every`-th letter of the archive (at most `limit`), every support file (registers, ...);
    `config` copied to dest/teikit.toml. Returns the letters' paths, sorted."""
    dest = Path(dest)
    letters: list[Path] = []
    seen = 0
    with tarfile.open(archive, "r:xz") as opened:
        for member in opened:
            if not member.isfile():
                continue
            name = member.name.removeprefix("./")  # some archives name their members ./briefe/…
            letter = is_letter(name)
            if letter:
                seen += 1
                if (seen - 1) % every or (limit is not None and len(letters) >= limit):
                    continue
            elif not is_support(name):
                continue
            opened.extract(member, dest, filter="data")
            if letter:
                letters.append(dest / name)
    shutil.copy(config, dest / "teikit.toml")
    return sorted(letters)
