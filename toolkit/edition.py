"""Discover the edition: its folders, its configuration, its files.

An edition is a folder with `tei/` and optionally `schema/`, `xslt/` and `teikit.toml`.
What the edition does not have falls back to the defaults packaged with teikit.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError, SchemaNotFound

PACKAGE_DIR = Path(__file__).resolve().parent
AUTHORITY_FILES = ("persons.xml", "places.xml", "orgs.xml")
EDITION_FILE = "edition.xml"
TEI_ALL_HELP = (
    "the official TEI schema tei_all.rng is not available here: download it from "
    "https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng and point to it with "
    "--schema PATH.rng, the TEIKIT_TEI_ALL environment variable, or `tei_all = \"PATH\"` under "
    "[schemas] in teikit.toml"
)


def packaged_dir(name: str) -> Path:
    """The packaged default for `schema` or `xslt`: inside the wheel, or the source checkout."""
    installed = PACKAGE_DIR / "_defaults" / name
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / name


@dataclass
class Config:
    title: str = "Untitled edition"
    editors: list[str] = field(default_factory=list)
    publisher: str = ""
    licence: str = "https://creativecommons.org/licenses/by/4.0/"
    base_url: str = "https://example.org/edition/"
    schemas: dict[str, str] = field(default_factory=dict)
    cmif: dict[str, str] = field(default_factory=dict)  # [cmif] email, date: see docs/exchange.md
    max_file_mb: float = 50  # [limits]: no file larger than this is read (docs/security.md)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @classmethod
    def load(cls, path: Path) -> "Config":
        if not path.is_file():
            return cls()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: not valid TOML: {error}") from None
        known = _edition_settings(_table(data, "edition", path), path)
        schemas = _table(data, "schemas", path)
        for key, value in schemas.items():
            _require(isinstance(value, str), path, f"[schemas] {key} must be a path in quotes")
        config = cls(**known, **_limits(_table(data, "limits", path), path), schemas=dict(schemas),
                     cmif=dict(_table(data, "cmif", path)))
        if not config.base_url.endswith("/"):
            config.base_url += "/"
        return config


def _require(condition: bool, path: Path, message: str) -> None:
    if not condition:
        raise ConfigError(f"{path}: {message}")


def _table(data: dict, name: str, path: Path) -> dict:
    table = data.get(name, {})
    _require(isinstance(table, dict), path, f"{name} must be a table: write [{name}] on a line of its own")
    return table


def _edition_settings(section: dict, path: Path) -> dict:
    """[edition]'s known keys; a value of the wrong type is refused here, not deep in a build."""
    known = {k: section[k] for k in ("title", "editors", "publisher", "licence", "base_url") if k in section}
    for key, value in known.items():
        if key == "editors":
            _require(isinstance(value, list) and all(isinstance(v, str) for v in value), path,
                     '[edition] editors must be a list of names in quotes, e.g. editors = ["A. Editor"]')
        else:
            _require(isinstance(value, str), path, f"[edition] {key} must be text in quotes")
    return known


def _limits(section: dict, path: Path) -> dict:
    """[limits] max_file_mb: a positive number."""
    known = {k: section[k] for k in ("max_file_mb",) if k in section}
    for key, value in known.items():
        _require(isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0, path,
                 f"[limits] {key} must be a positive number, e.g. {key} = 50")
    return known


@dataclass
class Edition:
    root: Path
    config: Config

    @classmethod
    def open(cls, root: Path | str = ".") -> "Edition":
        root = Path(root).resolve()
        if not root.is_dir():
            raise ConfigError(f"{root}: edition folder does not exist")
        return cls(root, Config.load(root / "teikit.toml"))

    @property
    def tei_dir(self) -> Path:
        return self.root / "tei"

    @property
    def schema_dir(self) -> Path:
        own = self.root / "schema"
        return own if (own / "edition.rng").is_file() else packaged_dir("schema")

    @property
    def xslt_dir(self) -> Path:
        own = self.root / "xslt"
        return own if own.is_dir() and any(own.rglob("*.xsl")) else packaged_dir("xslt")

    def tei_files(self) -> list[Path]:
        """Every XML file of the corpus, sorted, so every run sees them in the same order."""
        if not self.tei_dir.is_dir():
            raise ConfigError(f"{self.tei_dir}: no tei/ folder here; run teikit in an edition folder or pass --edition DIR")
        return sorted(p for p in self.tei_dir.rglob("*.xml") if not p.name.startswith("."))

    def document_files(self) -> list[Path]:
        """The documents of the edition: everything in tei/ but authority files and edition.xml."""
        return [p for p in self.tei_files() if not is_support_file(p)]

    def authority_files(self) -> list[Path]:
        return [p for p in self.tei_files() if p.name in AUTHORITY_FILES or p.name == EDITION_FILE]

    def tei_all_path(self) -> Path:
        """Where the official tei_all.rng is: config, environment, or a copy in schema/."""
        candidates = []
        if "tei_all" in self.config.schemas:
            candidates.append(self.root / self.config.schemas["tei_all"])
        if os.environ.get("TEIKIT_TEI_ALL"):
            candidates.append(Path(os.environ["TEIKIT_TEI_ALL"]))
        candidates.append(self.root / "schema" / "tei_all.rng")
        for candidate in candidates:
            if candidate.is_file():
                return candidate.resolve()
        raise SchemaNotFound(TEI_ALL_HELP)


def is_support_file(path: Path) -> bool:
    """Authority files and the corpus description support the documents; they are not letters."""
    return path.name in AUTHORITY_FILES or path.name == EDITION_FILE
