"""Discover the edition: its folders, its configuration, its files.

An edition is a folder with `tei/` and optionally `schema/`, `xslt/` and `teikit.toml`.
What the edition does not have falls back to the defaults packaged with teikit.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
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


# Where this edition keeps its files; an edition with other conventions says so in teikit.toml.
DEFAULT_DOCUMENTS = ("tei/**/*.xml",)
DEFAULT_AUTHORITIES = tuple(f"tei/{name}" for name in AUTHORITY_FILES)
DEFAULT_DESCRIPTION = f"tei/{EDITION_FILE}"
SCHEMA_CHOICES = "edition, tei_all, none or the path of a .rng file"
UNIQUE_ID_SCOPES = ("corpus", "document")


@dataclass
class Config:
    # What the edition says about itself; nothing is assumed (no licence, no address) that it does not say.
    title: str = ""
    editors: list[str] = field(default_factory=list)
    publisher: str = ""
    licence: str = ""
    base_url: str = ""
    date: str = ""  # the date every page shows as its build date (YYYY-MM-DD); see docs/site.md
    language: str = "en"  # of the interface: the catalogue of toolkit/catalogues/ the pages speak (labels.py)
    schemas: dict[str, str] = field(default_factory=dict)
    cmif: dict[str, str] = field(default_factory=dict)  # [cmif] email, date: see docs/exchange.md
    # [corpus]: where the files are and which rules hold across them (docs/conventions.md)
    documents: list[str] = field(default_factory=lambda: list(DEFAULT_DOCUMENTS))
    authorities: list[str] = field(default_factory=lambda: list(DEFAULT_AUTHORITIES))
    description: str = DEFAULT_DESCRIPTION
    schema: str = "edition"
    unique_ids: str = "corpus"
    # [references]: the attribute of an entry that a name's @key matches ("" when @key is not used)
    key: str = ""
    # [correspondence]: @type values that mark a name inside correspAction type="sent" as the addressee
    received_types: tuple[str, ...] = ()
    max_file_mb: float = 50  # [limits]: no file larger than this is read (docs/security.md)
    document_seconds: float = 60  # [limits]: no document is checked or rendered for longer than this

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
        known |= _corpus_settings(_table(data, "corpus", path), path)
        known |= _reference_settings(_table(data, "references", path), path)
        known |= _correspondence_settings(_table(data, "correspondence", path), path)
        config = cls(**known, **_limits(_table(data, "limits", path), path), schemas=dict(schemas), cmif=dict(_table(data, "cmif", path)))
        if config.base_url and not config.base_url.endswith("/"):
            config.base_url += "/"
        return config

    def missing(self) -> list[tuple[str, str]]:
        """(rule, message) for what a published edition needs and teikit.toml does not say; never a guess."""
        notes = []
        if not self.licence:
            notes.append(("config-licence", 'no licence set ([edition] licence = "URL" in teikit.toml): '
                          "the site and cmif.xml claim none"))
        if not self.base_url:
            notes.append(("config-base-url", 'no base URL set ([edition] base_url = "URL" in teikit.toml): '
                          "cmif.xml and the pages link relative to the site"))
        return notes


def _require(condition: bool, path: Path, message: str) -> None:
    if not condition:
        raise ConfigError(f"{path}: {message}")


def _table(data: dict, name: str, path: Path) -> dict:
    table = data.get(name, {})
    _require(isinstance(table, dict), path, f"{name} must be a table: write [{name}] on a line of its own")
    return table


def _edition_settings(section: dict, path: Path) -> dict:
    """[edition]'s known keys; a value of the wrong type is refused here, not deep in a build."""
    known = {k: section[k] for k in ("title", "editors", "publisher", "licence", "base_url", "date", "language")
             if k in section}
    for key, value in known.items():
        if key == "editors":
            _require(isinstance(value, list) and all(isinstance(v, str) for v in value), path,
                     '[edition] editors must be a list of names in quotes, e.g. editors = ["A. Editor"]')
        else:
            _require(isinstance(value, str), path, f"[edition] {key} must be text in quotes")
    return known


def _limits(section: dict, path: Path) -> dict:
    """[limits] max_file_mb, document_seconds: positive numbers."""
    examples = {"max_file_mb": 50, "document_seconds": 60}
    known = {k: section[k] for k in examples if k in section}
    for key, value in known.items():
        _require(isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0, path,
                 f"[limits] {key} must be a positive number, e.g. {key} = {examples[key]}")
    return known


def _corpus_settings(section: dict, path: Path) -> dict:
    """[corpus]: globs of the documents and the authority files, the schema, the scope of xml:id."""
    known = {}
    for key in ("documents", "authorities"):
        if key in section:
            value = section[key]
            _require(isinstance(value, list) and all(isinstance(v, str) for v in value), path,
                     f'[corpus] {key} must be a list of globs in quotes, e.g. {key} = ["tei/**/*.xml"]')
            known[key] = value
    for key in ("description", "schema", "unique_ids"):
        if key in section:
            _require(isinstance(section[key], str), path, f"[corpus] {key} must be text in quotes")
            known[key] = section[key]
    _require(known.get("unique_ids", "corpus") in UNIQUE_ID_SCOPES, path,
             '[corpus] unique_ids must be "corpus" (an xml:id is used once in the whole corpus) or "document"')
    return known


def _reference_settings(section: dict, path: Path) -> dict:
    if "key" not in section:
        return {}
    _require(isinstance(section["key"], str), path,
             '[references] key must be the attribute of an entry that @key matches, e.g. key = "n"')
    return {"key": section["key"]}


def _correspondence_settings(section: dict, path: Path) -> dict:
    if "received_types" not in section:
        return {}
    value = section["received_types"]
    _require(isinstance(value, list) and all(isinstance(v, str) for v in value), path,
             '[correspondence] received_types must be a list of @type values in quotes, e.g. ["addressee"]')
    return {"received_types": tuple(value)}


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
        """The edition's xslt/ when it has one; what it lacks comes from the packaged folder (xslt.resource)."""
        own = self.root / "xslt"
        return own if own.is_dir() else packaged_dir("xslt")

    def _glob(self, patterns: list[str]) -> list[Path]:
        found = set()
        for pattern in patterns:
            # Not only regular files: a named pipe, a device or a loop of links that a glob matches
            # is reported by the reader (xmlio.read_regular) in one line, never silently skipped.
            found.update(p for p in self.root.glob(pattern)
                         if not p.name.startswith(".") and not (p.is_dir() and p.suffix != ".xml"))
        return sorted(found)

    def tei_files(self) -> list[Path]:
        """Every XML file of the corpus (documents, authority files, description), sorted."""
        files = self._glob(self.config.documents + self.config.authorities + [self.config.description])
        if not files and not self.tei_dir.is_dir():
            raise ConfigError(f"{self.tei_dir}: no tei/ folder here; run teikit in an edition folder or pass --edition DIR")
        return files

    def document_files(self) -> list[Path]:
        """The documents of the edition: what [corpus] documents matches, but authority files and the description."""
        support = set(self.authority_files())
        return [p for p in self._glob(self.config.documents) if p not in support]

    def authority_files(self) -> list[Path]:
        """The authority files and the corpus description (edition.xml)."""
        return self._glob(self.config.authorities + [self.config.description])

    def authority_description(self) -> str:
        """How a message names the authority files: "the authority files (persons.xml, ...) or edition.xml"."""
        names = [Path(p).name if not any(c in p for c in "*?[") else p for p in self.config.authorities]
        described = f"the authority files ({', '.join(names)})"
        description = self.description_file()
        return f"{described} or {description.name}" if description.is_file() else described

    def description_file(self) -> Path:
        return self.root / self.config.description

    def is_support_file(self, path: Path) -> bool:
        return resolved(Path(path)) in {resolved(p) for p in self.authority_files()}

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


def resolved(path: Path) -> Path:
    """The file a path names; a loop of symbolic links stays as it is (its read will say so)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def build_date(inputs: list[Path], configured: str = "") -> str:
    """The date every page shows as its build date, YYYY-MM-DD (docs/site.md).

    It must not break byte-identical rebuilds, so it is not the clock: SOURCE_DATE_EPOCH when
    set (the reproducible-builds convention), else teikit.toml's [edition] date (the date of
    this state of the edition), else the day (UTC) on which the newest input was last changed."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()
    if configured:
        try:
            return date.fromisoformat(configured[:10]).isoformat()
        except ValueError:
            raise ConfigError(f"teikit.toml: [edition] date = {configured!r} is not a date (write e.g. \"2026-12-01\")") from None
    times = [path.stat().st_mtime for path in inputs if path.is_file()]
    return datetime.fromtimestamp(int(max(times)) if times else 0, tz=timezone.utc).date().isoformat()
