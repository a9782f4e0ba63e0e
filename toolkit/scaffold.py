"""`teikit init`: a new edition folder to fill in, from the template packaged with teikit.

The template (toolkit/templates/edition/) holds a commented teikit.toml, one example letter
and the authority files. Nothing that is already there is overwritten.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ConfigError, OutputRefused
from .xmlio import atomic_write

TEMPLATE = Path(__file__).resolve().parent / "templates" / "edition"


def template_files() -> list[Path]:
    return sorted(p for p in TEMPLATE.rglob("*") if p.is_file() and not p.name.startswith("."))


def init_edition(folder: Path) -> list[Path]:
    """Write the template into `folder` (created if needed); return the files written.

    Refuses, before writing anything, when a file of the template already exists there.
    """
    folder = Path(folder)
    if folder.resolve() == Path(folder.resolve().anchor):
        raise OutputRefused(f"refusing to start an edition in {folder.resolve()}: it is the root of the file system; "
                            "name a folder of its own (teikit init DIR)")
    targets = {source: folder / source.relative_to(TEMPLATE) for source in template_files()}
    existing = [target for target in targets.values() if target.exists()]
    if existing:
        names = ", ".join(str(p) for p in existing)
        raise ConfigError(f"{names}: already there; teikit init writes a new edition and overwrites nothing "
                          "(choose an empty folder: teikit init DIR)")
    for source, target in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, source.read_bytes())
    return list(targets.values())
