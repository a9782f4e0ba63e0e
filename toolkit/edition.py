"""Discover the edition: its folders, its configuration, its files.

An edition is a folder with `tei/` and optionally `schema/`, `xslt/` and `teikit.toml`.
What the edition does not have falls back to the defaults packaged with teikit.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from datetime import date, datetime, timezone
from pathlib import Path

from .diagnostics import ERROR, WARNING, Diagnostic, display_path
from .errors import ConfigError, InputError, SchemaNotFound
from . import TEI_NS
from .labels import DEFAULT_LANGUAGE, Labels, has_catalogue, label_keys, languages
from .languages import html_language
from .rules import BY_ID, SEVERITIES, rule_ids
from .settings import (ANY_KEY, Date, Email, FilePath, Folders, Globs, Mapping, Number, Reading, Setting, Text, Texts,
                       Url, Words, leaving)
from .xmlio import parse_file, read_regular

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
DTS_STATIC = ("auto", "full", "compact", "none")  # how much of the DTS API is written as files (toolkit/dts)
PRINT_CHOICES = ("auto", "always", "never")  # whether build/edition.pdf is made (docs/print.md)
PAPERS = ("a4", "a5", "b5", "us-letter", "us-legal", "iso-b5", "jis-b5", "us-trade")


# Every setting of teikit.toml: its table and key, the kind of value it takes, its default and a line of
# help (toolkit/settings.py reads a file against them). A new setting is a new entry; its value is
# config.<attribute>. docs/conventions.md describes each (tests/test_settings.py checks it names them all).
SETTINGS = (
    # What the edition says about itself; nothing is assumed (no licence, no address) that it does not say.
    Setting("edition", "title", Text(example="My edition"), "", "the edition's title on the site and in cmif.xml"),
    Setting("edition", "editors", Texts(example="A. Editor"), [], "the editors' names"),
    Setting("edition", "publisher", Text(example="A. Publisher"), "", "who publishes the edition"),
    Setting("edition", "licence", Url(example="https://creativecommons.org/licenses/by/4.0/"), "",
            "the licence, as an http(s) URL: every page links to it"),
    Setting("edition", "base_url", Url(), "", "where build/html/ is published, an http(s) URL"),
    Setting("edition", "date", Date(), "", "the build date every page shows (YYYY-MM-DD); see docs/site.md"),
    Setting("edition", "language", Text(example="de"), "",
            "the language of the interface (<html lang>, labels, dates in words): en, de, fr, it, es (a catalogue "
            "of toolkit/catalogues/; a word it lacks is English); unset: the xml:lang of the corpus description"),
    # [corpus]: where the files are and which rules hold across them (docs/conventions.md)
    Setting("corpus", "documents", Globs(), list(DEFAULT_DOCUMENTS), "globs of the documents"),
    Setting("corpus", "authorities", Globs(example="tei/persons.xml"), list(DEFAULT_AUTHORITIES),
            "globs of the authority files"),
    Setting("corpus", "description", Globs(example=DEFAULT_DESCRIPTION, single=True), DEFAULT_DESCRIPTION,
            "the corpus description (edition.xml)"),
    Setting("corpus", "allow_outside", Folders(), [],
            "folders outside the edition folder whose files documents and authorities may name (and the site publishes)",
            records=True),
    Setting("corpus", "schema", FilePath(example="edition"), "edition", f"the schema: {SCHEMA_CHOICES}"),
    Setting("corpus", "unique_ids", Text(choices=UNIQUE_ID_SCOPES), "document",
            "document: an xml:id is used once in each document (TEI's rule); corpus: once in the whole corpus",
            records=True),
    # [references]: the attribute of an entry that a name's @key matches ("" when @key is not used)
    Setting("references", "key", Text(example="n"), "", "the attribute of an entry that a name's @key matches",
            records=True),
    # [correspondence]: @type values that mark a name inside correspAction type="sent" as the addressee
    Setting("correspondence", "received_types", Texts(example="addressee"), [],
            "@type values marking a name in correspAction type=\"sent\" as the addressee", records=True),
    # correspAction/@type values other than sent and received, read as one of them (or as neither: "none");
    # added to the defaults in metadata.ACTION_TYPES
    Setting("correspondence", "actions", Mapping(("sent", "received", "none"), 'sentBy = "sent"'), {},
            "correspAction/@type values read as sent, received or none", records=True),
    Setting("schemas", "tei_all", FilePath(example="schema/tei_all.rng"), None,
            "the official tei_all.rng, for --schema tei_all", attribute="schemas.tei_all"),
    # [limits]: untrusted input is bounded (docs/security.md)
    Setting("limits", "max_file_mb", Number(0, 2048, "megabytes", 50), 50, "no file larger than this is read",
            records=True),
    Setting("limits", "document_seconds", Number(0, 86400, "seconds", 60), 60,
            "no document is checked or rendered for longer than this", records=True),
    Setting("limits", "document_mb", Number(0, 1048576, "megabytes", 2048), 2048,
            "no document takes more memory than this to check or render", records=True),
    # [rules]: a severity per rule id (toolkit/rules.py, schema/README.md); the others keep their default
    Setting("rules", ANY_KEY, Text(choices=SEVERITIES), {}, "error, warning or off for a rule id",
            known_keys=rule_ids, records=True),
    # [print]: the edition as one PDF, build/edition.pdf (docs/print.md)
    Setting("print", "pdf", Text(choices=PRINT_CHOICES), "auto", "auto: made for editions of up to [print] "
            "max_documents documents; always; never", attribute="print_pdf"),
    Setting("print", "max_documents", Number(0, 10**7, "documents", 500), 500,
            "with pdf = \"auto\", the largest edition printed", attribute="print_max_documents"),
    Setting("print", "paper", Text(choices=PAPERS), "a4", "the paper size", attribute="print_paper"),
    Setting("print", "font_size", Number(5, 20, "points", 10.5), 10.5, "the size of the text type",
            attribute="print_font_size"),
    Setting("cmif", "email", Email(), None, "the contact address of cmif.xml", attribute="cmif.email"),
    Setting("cmif", "date", Date(time=True), None, "cmif.xml's publication date", attribute="cmif.date"),
    Setting("cmif", "leave_out_kinds", Texts(example="report"), None,
            "document kinds (catRef targets) that are not correspondence: cmif.xml leaves them out",
            attribute="cmif.leave_out_kinds"),
    # [labels]: a project's own words for any label of the interface, by its key in toolkit/catalogues/en.toml
    Setting("labels", ANY_KEY, Words(example="Briefe"), {}, "a project's own words for a label: \"nav.index\" = \"Briefe\"",
            known_keys=label_keys),
    Setting("dts", "static", Text(choices=DTS_STATIC), "auto",
            "how much of the DTS API is written as files: full, compact, none, or auto (full up to 200 documents)",
            attribute="dts_static"),
)
SETTING_NAMES = frozenset(s.name for s in SETTINGS)
CONFIG_MAX_BYTES = 1024 * 1024  # teikit.toml is a few lines: a larger one is not read
TEI = {"tei": TEI_NS}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class Config:
    """The settings of teikit.toml, checked against SETTINGS: `config.title`, `config.cmif["email"]` …

    `warnings` are the located lines of what the file says that teikit does not know (config-unknown).
    """

    def __init__(self, values: dict | None = None, warnings: list[Diagnostic] | None = None, **settings):
        """Config() is the defaults; Config(title="…") sets some (unchecked: for programs and tests)."""
        defaults = Reading({}, "", "teikit.toml", SETTINGS)
        defaults.read()
        unknown = set(settings) - set(defaults.values)
        if unknown:
            raise TypeError(f"no setting called {', '.join(sorted(unknown))}")
        self.__dict__["values"] = {**defaults.values, **(values or {}), **settings}
        self.__dict__["warnings"] = warnings or []

    def __getattr__(self, name: str):
        try:
            return self.__dict__["values"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value) -> None:
        if name not in self.__dict__["values"]:
            raise AttributeError(f"no setting called {name}")
        self.__dict__["values"][name] = value

    def __eq__(self, other) -> bool:
        return isinstance(other, Config) and self.values == other.values

    def __getstate__(self):
        return self.__dict__

    def __setstate__(self, state) -> None:
        self.__dict__.update(state)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @classmethod
    def load(cls, path: Path) -> "Config":
        """teikit.toml at `path` (the defaults if there is none); a value that is not allowed is a
        ConfigError of one located line."""
        if not os.path.lexists(path):
            return cls()
        where = display_path(path)
        try:
            text = read_regular(path, CONFIG_MAX_BYTES).decode("utf-8")
            data = tomllib.loads(text)
        except InputError as error:
            raise ConfigError(error.diagnostic.format()) from None
        except UnicodeDecodeError as error:
            raise ConfigError(Diagnostic(where, 1, 1, ERROR, "config-toml",
                                         f"not UTF-8 (byte {error.start}): save teikit.toml as UTF-8").format()) from None
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(_toml_error(where, error).format()) from None
        except RecursionError:
            raise ConfigError(Diagnostic(where, 1, 1, ERROR, "config-toml",
                                         "not valid TOML: values nested too deep").format()) from None
        reading = Reading(data, text, where, SETTINGS)
        reading.read()
        _check_paths(reading, path.parent)
        _keep_fixed_rules(reading)
        _check_language(reading)
        if reading.errors:
            raise ConfigError(reading.errors[0].format())
        config = cls(reading.values, reading.warnings)
        if config.base_url and not config.base_url.endswith("/"):
            config.base_url += "/"
        return config

    def records_key(self) -> str:
        """The settings the documents' verdicts and records depend on (Setting.records), as JSON."""
        return self.key_of([s.name for s in SETTINGS if s.records])

    def key_of(self, names: list[str] | tuple[str, ...] | None) -> str:
        """The values of the settings `names` (Setting.name: "key", "cmif.email" …; None: all), as
        JSON: what an output made from them is keyed by (build._Run), so that a change of any other
        setting leaves it as it is."""
        if names is None:
            names = [s.name for s in SETTINGS]
        values = {}
        for name in names:
            head, _, tail = name.partition(".")
            if name not in SETTING_NAMES:
                raise KeyError(f"no setting called {name} (toolkit/edition.py SETTINGS)")
            values[name] = self.values[head].get(tail) if tail else self.values[head]
        return json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)

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


def _toml_error(where: str, error: "tomllib.TOMLDecodeError") -> Diagnostic:
    """tomllib's message ends "(at line 3, column 7)": that is the place."""
    found = re.search(r"\(at line (\d+), column (\d+)\)$", str(error))
    message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", str(error))
    line, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
    return Diagnostic(where, line, column, ERROR, "config-toml", f"not valid TOML: {message}")


def _check_paths(reading: Reading, root: Path) -> None:
    """Globs of files that are read and published stay inside the edition folder, unless [corpus]
    allow_outside names the folder they lead to (the user's explicit word)."""
    allowed = [_resolved_folder(root, folder) for folder in reading.values.get("allow_outside", [])]
    for setting in SETTINGS:
        if not getattr(setting.kind, "inside", False):
            continue
        value = reading.values.get(setting.name)
        for pattern in [value] if isinstance(value, str) else value or []:
            folder = leaving(pattern)
            if folder is None or any(_resolved_folder(root, folder).is_relative_to(a) for a in allowed):
                continue
            reading.error_at(setting, "config-path",
                             f"{setting.where}: {json.dumps(pattern, ensure_ascii=False)} leads out of the edition "
                             "folder; teikit reads and publishes only the edition's own files unless teikit.toml "
                             f"names the folder: [corpus] allow_outside = [{json.dumps(folder, ensure_ascii=False)}]")
            break


def _keep_fixed_rules(reading: Reading) -> None:
    """[rules] cannot lower what makes a document unbuildable or unsafe: a warning, and the rule stays an error."""
    configured = reading.values.get("rules", {})
    for rule_id in [r for r in configured if BY_ID[r].fixed]:
        if configured.pop(rule_id) == ERROR:
            continue
        line, column = reading.located.of("rules", rule_id)
        reading.warnings.append(Diagnostic(
            reading.file, line, column, WARNING, "config-fixed",
            f"[rules] {rule_id} cannot be changed: {BY_ID[rule_id].meaning.split(':')[0]} cannot be built or is "
            "unsafe, so it is always an error (schema/README.md lists the rules an edition may change)"))


def _check_language(reading: Reading) -> None:
    """A language teikit has no words in: one line, not silence (the interface stays English)."""
    code = reading.values.get("language", "")
    if code and not has_catalogue(html_language(code) or code):
        line, column = reading.located.of("edition", "language")
        reading.warnings.append(Diagnostic(
            reading.file, line, column, WARNING, "config-language",
            f"[edition] language = {json.dumps(code, ensure_ascii=False)}: teikit has no catalogue for it "
            f"({', '.join(languages())}): the interface is English; [labels] can give every label your words"))


def _resolved_folder(root: Path, folder: str) -> Path:
    return resolved(root / folder)


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
    def roots(self) -> tuple[Path, ...]:
        """The folders whose files the edition may read and publish: its own, and those [corpus]
        allow_outside names (xmlio.require_inside refuses a link that leads out of all of them)."""
        return (self.root, *(_resolved_folder(self.root, f) for f in self.config.allow_outside))

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
            # (a folder is left out unless named like a document: only such a name costs a stat)
            found.update(p for p in self.root.glob(pattern)
                         if not p.name.startswith(".") and not (p.suffix != ".xml" and p.is_dir()))
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

    @cached_property
    def language(self) -> str:
        """The interface's language: [edition] language, else the language the corpus description
        (edition.xml) declares (its xml:lang, else its first langUsage language), else English.
        As a web language tag: "ger" is "de"."""
        code = self.config.language or self._described_language()
        return html_language(code) or DEFAULT_LANGUAGE

    def _described_language(self) -> str:
        path = self.description_file()
        if not path.is_file():
            return ""
        try:
            root = parse_file(path, self.config.max_file_bytes).root
        except (InputError, OSError):
            return ""  # the build says what is wrong with the file; the interface stays English
        declared = [root.get(XML_LANG), root.xpath("string(tei:text/@xml:lang)", namespaces=TEI),
                    root.xpath("string(tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language[1]/@ident)", namespaces=TEI)]
        return next((code.strip() for code in declared if code and code.strip()), "")

    def labels(self) -> Labels:
        """The words of the interface: the catalogue of the edition's language with its [labels]."""
        return Labels.for_language(self.language).overridden(self.config.labels)

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
