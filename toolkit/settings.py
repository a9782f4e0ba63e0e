"""teikit.toml read against a declarative schema of settings.

Each setting (toolkit/edition.py, SETTINGS) names its table and key, the kind of value it takes
(text, a number in a range, one of some choices, an http(s) URL, globs inside the edition …),
its default and a line of help. Reading a file checks every value against its kind:

- a value that is not allowed is one error line naming the key, the value and what is allowed,
  at the key's line and column (`teikit.toml:7:1: error: [limits] max_file_mb = inf is not
  allowed: … [config-value]`); never a traceback, whatever TOML can hold (inf, 1e308, huge
  integers, lists where text belongs, a table where a value belongs);
- a key or table the schema does not know is a located warning naming the nearest known one
  (`config-unknown`): a typo must not silently turn a setting off, nor stop the build.

A new setting is one entry in SETTINGS; its value is `config.<attribute>` (see Setting).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

from .diagnostics import ERROR, WARNING, Diagnostic

ANY_KEY = "*"  # a table whose keys are free (e.g. a severity per rule id): every value has the setting's kind


class Invalid(ValueError):
    """A value a kind does not allow; its text says what would be allowed instead."""


# ---- kinds of value -----------------------------------------------------------------------------

def _is_text(value) -> bool:
    return isinstance(value, str)


def _no_controls(value: str, what: str) -> str:
    bad = next((c for c in value if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") and c not in "\t"), None)
    if bad is not None:
        raise Invalid(f"{what} without control or format characters (it holds U+{ord(bad):04X})")
    return value


@dataclass(frozen=True)
class Text:
    """Text in quotes; `choices` restricts it to some words."""

    choices: tuple[str, ...] = ()
    example: str = ""

    def check(self, value):
        if self.choices:
            if value not in self.choices:
                raise Invalid("one of " + ", ".join(json.dumps(c) for c in self.choices))
            return value
        if not _is_text(value):
            raise Invalid(f"text in quotes, e.g. {json.dumps(self.example or 'text')}")
        return value


@dataclass(frozen=True)
class Words:
    """A table of texts under dotted keys, as TOML writes them either way: `nav.index = "Briefe"`
    or `"nav.index" = "Briefe"` under the table, or `index = "Briefe"` under [table.nav]."""

    example: str = "text"
    dotted = True  # Reading flattens the table's nested tables into dotted keys

    def check(self, value):
        if not _is_text(value):
            raise Invalid(f"text in quotes, e.g. {json.dumps(self.example, ensure_ascii=False)}")
        return _no_controls(value, "text")


@dataclass(frozen=True)
class Texts:
    """A list of texts in quotes."""

    example: str = "text"

    def check(self, value):
        if not isinstance(value, list) or not all(_is_text(v) for v in value):
            raise Invalid(f"a list of texts in quotes, e.g. [{json.dumps(self.example)}]")
        return list(value)


@dataclass(frozen=True)
class Mapping:
    """A table of words to one of `choices`, written inline: `actions = { sentBy = "sent" }`."""

    choices: tuple[str, ...]
    example: str = 'key = "value"'

    def check(self, value):
        allowed = f"a table of words to one of {', '.join(json.dumps(c) for c in self.choices)}, e.g. {{ {self.example} }}"
        if not isinstance(value, dict) or not all(_is_text(k) and k.strip() and v in self.choices
                                                  for k, v in value.items()):
            raise Invalid(allowed)
        return dict(value)


@dataclass(frozen=True)
class Number:
    """A finite number above `low` (or from it, with `inclusive`) and at most `high`."""

    low: float
    high: float
    unit: str
    example: float

    def check(self, value):
        allowed = f"a number above {self.low:g} and at most {self.high:g} ({self.unit}), e.g. {self.example:g}"
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Invalid(allowed)
        if not (isinstance(value, int) or math.isfinite(value)) or not self.low < value <= self.high:
            raise Invalid(allowed)
        return value


@dataclass(frozen=True)
class Url:
    """An absolute URL with one of `schemes` and a host; "" means "not set"."""

    schemes: tuple[str, ...] = ("https", "http")
    example: str = "https://edition.example.net/"

    def check(self, value):
        allowed = f"an {' or '.join(self.schemes)} URL without spaces, e.g. {json.dumps(self.example)} (or \"\" for none)"
        if not _is_text(value):
            raise Invalid(allowed)
        if value == "":
            return value
        if any(c.isspace() for c in value) or any(unicodedata.category(c) in ("Cc", "Cf") for c in value):
            raise Invalid(allowed)
        try:
            parts = urlsplit(value)
        except ValueError:
            raise Invalid(allowed) from None
        if parts.scheme.lower() not in self.schemes or not parts.netloc:
            raise Invalid(allowed)
        return value


@dataclass(frozen=True)
class Email:
    def check(self, value):
        if not _is_text(value) or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            raise Invalid('an e-mail address in quotes, e.g. "editor@example.net"')
        return value


@dataclass(frozen=True)
class Date:
    """A date (YYYY-MM-DD), as text or as a TOML date; `time` allows a date-time too."""

    time: bool = False

    def check(self, value):
        example = '"2026-11-24" or "2026-11-24T12:00:00Z"' if self.time else '"2026-12-01"'
        if isinstance(value, (dt.date, dt.datetime)) and (self.time or not isinstance(value, dt.datetime)):
            value = value.isoformat().replace("+00:00", "Z")
        if not _is_text(value):
            raise Invalid(f"a date in quotes, e.g. {example}")
        try:
            if self.time and "T" in value:
                dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                dt.date.fromisoformat(value)
            else:
                raise ValueError(value)
        except ValueError:
            raise Invalid(f"a date in quotes, e.g. {example}") from None
        return value


@dataclass(frozen=True)
class FilePath:
    """The path of a file or folder, relative to teikit.toml or absolute (code such as a schema:
    trusted, and never published)."""

    example: str = "schema/tei_all.rng"

    def check(self, value):
        if not _is_text(value) or not value.strip() or "\0" in value:
            raise Invalid(f"a path in quotes, e.g. {json.dumps(self.example)}")
        return _no_controls(value, "a path")


@dataclass(frozen=True)
class Folders:
    """Folders, relative to teikit.toml or absolute: never the root of the file system."""

    def check(self, value):
        allowed = 'a list of folders in quotes, e.g. ["../shared-registers"]'
        if not isinstance(value, list) or not all(_is_text(v) and v.strip() and "\0" not in v for v in value):
            raise Invalid(allowed)
        for folder in value:
            _no_controls(folder, "folders")
            if posixpath.normpath(folder) in ("/", "//"):
                raise Invalid(allowed + ", each a folder of its own, not the root of the file system")
        return list(value)


@dataclass(frozen=True)
class Globs:
    """Globs relative to teikit.toml (`tei/**/*.xml`) of files that are read and published: they must
    stay inside the edition folder unless [corpus] allow_outside names the folder they lead to."""

    example: str = "tei/**/*.xml"
    single: bool = False  # one glob in quotes, not a list
    inside: bool = True  # edition._check_paths holds it to the edition folder (see `leaving`)

    def check(self, value):
        patterns = [value] if self.single and _is_text(value) else value
        shape = f"a path in quotes, e.g. {json.dumps(self.example)}" if self.single else \
            f"a list of globs in quotes, e.g. [{json.dumps(self.example)}]"
        if not isinstance(patterns, list) or not all(_is_text(p) for p in patterns):
            raise Invalid(shape)
        for pattern in patterns:
            problem = glob_problem(pattern)
            if problem:
                raise Invalid(f"{shape}: {json.dumps(pattern, ensure_ascii=False)} {problem}")
        return value if self.single else list(value)


def glob_problem(pattern: str) -> str:
    """Why `pattern` is no usable relative glob, or ""."""
    if not pattern.strip():
        return "is empty"
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in pattern):
        return "holds a control character"
    if pattern.startswith(("/", "~", "\\")) or re.match(r"[A-Za-z]:[\\/]", pattern):
        return "is absolute: write it relative to teikit.toml"
    if posixpath.normpath(pattern) == ".":
        return "names the edition folder itself, not files"
    if any("**" in part and part != "**" for part in pattern.split("/")):
        return "uses ** inside a name: ** stands alone between slashes (tei/**/*.xml)"
    try:  # the glob's own parser on a folder that does not exist: what it refuses, we refuse
        list(Path("/nonexistent-teikit-folder").glob(pattern))
    except (ValueError, NotImplementedError, IndexError) as error:
        return f"is not a glob ({error})"
    return ""


def leaving(pattern: str) -> str | None:
    """The folder (relative to teikit.toml) a glob reaches outside the edition folder, or None."""
    normal = posixpath.normpath(pattern)
    if normal != ".." and not normal.startswith("../"):
        return None
    literal = []
    for part in PurePosixPath(normal).parts:
        if re.search(r"[*?\[]", part):
            break
        literal.append(part)
    if len(literal) == len(PurePosixPath(normal).parts) and literal[-1] != "..":
        literal.pop()  # a file named outright: its folder
    return posixpath.join(*literal) if literal else ".."


# ---- the schema ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Setting:
    """One key of teikit.toml. `attribute` is the name on Config (default: the key); a dotted one
    ("cmif.email") keeps the value in a dict on Config (config.cmif["email"]). With key ANY_KEY the
    table's keys are free and the attribute (default: the table's name) is a dict of them; `known_keys` (optional) lists the keys
    that mean something, for the warning on the others."""

    table: str
    key: str
    kind: Any
    default: Any
    help: str
    attribute: str = ""
    known_keys: Callable[[], Iterable[str]] | None = None
    # The documents' verdicts and metadata records depend on it: a change checks every document
    # again at the next build (build._Run.check); the other settings change pages and corpus outputs.
    records: bool = False

    @property
    def name(self) -> str:
        return self.attribute or (self.table if self.key == ANY_KEY else self.key)

    def fresh_default(self):
        """The default, a copy when it is mutable (each Config owns its lists)."""
        return json.loads(json.dumps(self.default)) if isinstance(self.default, (list, dict)) else self.default

    @property
    def where(self) -> str:
        return f"[{self.table}] {self.key}"


@dataclass
class Located:
    """Where tables and keys stand in the TOML text (tomllib gives no positions)."""

    places: dict[tuple[str, str | None], tuple[int, int]] = field(default_factory=dict)

    _HEADER = re.compile(r"^\s*\[(?!\[)\s*([^\]]+?)\s*\]")
    _KEY = re.compile(r"""^(\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*[=.]""")
    _DOTTED = re.compile(r"""^\s*((?:(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*\.\s*)+(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))\s*=""")

    @classmethod
    def scan(cls, text: str) -> "Located":
        found = cls()
        table = ""
        for number, line in enumerate(text.splitlines(), start=1):
            header = cls._HEADER.match(line)
            if header:
                table = header.group(1).strip().strip("\"'")
                found.places.setdefault((table, None), (number, line.index("[") + 1))
                continue
            key = cls._KEY.match(line)
            if key:
                found.places.setdefault((table, key.group(2).strip("\"'")), (number, len(key.group(1)) + 1))
                dotted = cls._DOTTED.match(line)
                if dotted:  # nav.index = …: the place of "nav.index" too
                    parts = [p.strip().strip("\"'") for p in re.findall(r"\"[^\"]*\"|'[^']*'|[^.]+", dotted.group(1))]
                    found.places.setdefault((table, ".".join(parts)), (number, len(key.group(1)) + 1))
        return found

    def of(self, table: str, key: str | None = None) -> tuple[int, int]:
        if key and (table, key) not in self.places and "." in key:  # under [table.nav]: index = …
            head, _, tail = key.rpartition(".")
            found = self.places.get((f"{table}.{head}", tail))
            if found:
                return found
        return self.places.get((table, key)) or self.places.get((table, None)) or (1, 1)


def shown(value) -> str:
    """A value as teikit.toml would write it, cut short."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float):
        text = "nan" if math.isnan(value) else ("inf" if value == math.inf else "-inf" if value == -math.inf
                                                else repr(value))
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, dict):
        text = "a table"
    elif isinstance(value, (dt.date, dt.time)):
        text = value.isoformat()
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (ValueError, RecursionError):
            text = "a nested value"
    return text if len(text) <= 60 else text[:59] + "…"


class Reading:
    """One teikit.toml read against the schema: the values, the first error, the warnings."""

    def __init__(self, data: dict, text: str, file: str, settings: tuple[Setting, ...]):
        self.data, self.file, self.settings = data, file, settings
        self.located = Located.scan(text)
        self.values: dict[str, Any] = {}
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []

    def read(self) -> None:
        tables: dict[str, list[Setting]] = {}
        for setting in self.settings:
            tables.setdefault(setting.table, []).append(setting)
            head, _, tail = setting.name.partition(".")
            if tail:
                self.values.setdefault(head, {})
            elif setting.key == ANY_KEY:
                self.values[setting.name] = {}
            else:
                self.values[setting.name] = setting.fresh_default()
        for table, content in self.data.items():
            if table not in tables:
                self._unknown(table, None, content)
            elif not isinstance(content, dict):
                self._error(table, None, "config-value", f"{table} = {shown(content)}: [{table}] is a table: "
                            f"write [{table}] on a line of its own and its settings below it")
            else:
                self._read_table(table, content, tables[table])

    def _read_table(self, table: str, content: dict, settings: list[Setting]) -> None:
        by_key = {s.key: s for s in settings}
        free = by_key.get(ANY_KEY)
        if free is not None and getattr(free.kind, "dotted", False):
            content = _dotted(content)
        for key, value in content.items():
            setting = by_key.get(key, free)
            if setting is None:
                self._unknown(table, key, value)
                continue
            try:
                checked = setting.kind.check(value)
            except Invalid as allowed:
                self._error(table, key, "config-value",
                            f"[{table}] {key} = {shown(value)} is not allowed: it takes {allowed}")
                continue
            if setting is free:
                known = set(setting.known_keys()) if setting.known_keys else None
                if known is not None and key not in known:
                    self._unknown(table, key, value, choices=sorted(known))
                    continue
                self.values[setting.name][key] = checked
            else:
                self._store(setting, checked)

    def _store(self, setting: Setting, value) -> None:
        head, _, tail = setting.name.partition(".")
        if tail:
            self.values[head][tail] = value
        else:
            self.values[head] = value

    def _unknown(self, table: str, key: str | None, value, choices: list[str] | None = None) -> None:
        if key is None and not isinstance(value, dict):  # a key before any table
            line, column = self.located.of("", table)
            message, hint = f"unknown setting {table} outside any table", self._elsewhere(table)
        elif key is None:
            line, column = self.located.of(table)
            message = f"unknown table [{table}]"
            hint = _nearest(table, sorted({s.table for s in self.settings}), "[{}]")
        else:
            line, column = self.located.of(table, key)
            message = f"unknown key {key} in [{table}]"
            own = choices if choices is not None else [s.key for s in self.settings if s.table == table]
            hint = _nearest(key, own, "{}") or (self._elsewhere(key) if choices is None else "")
        self.warnings.append(Diagnostic(self.file, line, column, WARNING, "config-unknown",
                                        f"{message}{hint}: it is ignored (docs/conventions.md lists every setting)"))

    def _elsewhere(self, key: str) -> str:
        """The known setting of that name (or nearly) in another table."""
        every = {s.key: s for s in self.settings if s.key != ANY_KEY}
        close = difflib.get_close_matches(key, sorted(every), n=1, cutoff=0.75)
        return f" (did you mean {every[close[0]].where}?)" if close else ""

    def _error(self, table: str, key: str | None, rule: str, message: str) -> None:
        line, column = self.located.of(table, key)
        self.errors.append(Diagnostic(self.file, line, column, ERROR, rule, message))

    def error_at(self, setting: Setting, rule: str, message: str) -> None:
        self._error(setting.table, setting.key, rule, message)


def _dotted(table: dict, prefix: str = "") -> dict:
    """{"nav": {"index": "Briefe"}} -> {"nav.index": "Briefe"}."""
    flat = {}
    for key, value in table.items():
        if isinstance(value, dict) and value:
            flat.update(_dotted(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _nearest(word: str, choices: list[str], form: str) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {form.format(close[0])}?)" if close else ""
