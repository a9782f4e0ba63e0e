"""teikit's own records of an output folder: one SQLite file, `.teikit/state.sqlite`.

What the builds wrote (the manifest) and what they were made from (the state: each input's
stamp, each document's record, each output's key) are rows, read when a build needs them and
written only where they changed: one edited document changes a handful of rows however large
the edition (a JSON file has to be read and written whole: 115 MB at 10,000 documents).

- `manifest(path, sha)`: every file teikit wrote and has not removed (output.py).
- `journal(path, sha)`: the files a build is about to rename into place, committed before the
  first rename, so that a build killed while publishing still knows, next time, which files
  it may have written; emptied when the manifest is brought up to date.
- `meta`, `files`, `records`, `pages`, `corpus`, `splits`: the state (state.py), dropped by a
  failed build. `splits` holds what each document gives each part of a corpus output made
  part by part (parts.py); `splits_next` is a build's scratch for them, swept when opened.

Every change is one SQLite transaction, all or nothing: a build killed while writing leaves the
rows as they were, and SQLite rolls its own journal back when the file is next opened. A file
of another format is replaced (the state is a cache; a manifest of the older JSON files is
carried over, so the files teikit wrote stay known).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import typing
from pathlib import Path
from typing import Iterable, Iterator

from .diagnostics import Diagnostic
from .errors import OutputError
from .metadata import Letter

STORE_FILE = ".teikit/state.sqlite"


def record_shape(*roots: type) -> dict[str, list[str]]:
    """The fields (name: type) of every dataclass a stored record is made of, found from the
    record's own classes: a field added, removed or retyped anywhere in them changes it."""
    shape: dict[str, list[str]] = {}
    todo = list(roots)
    while todo:
        cls = todo.pop()
        if cls.__qualname__ in shape:
            continue
        hints = typing.get_type_hints(cls)
        shape[cls.__qualname__] = [f"{f.name}: {hints[f.name]}" for f in dataclasses.fields(cls)]
        types = list(hints.values())
        while types:  # list[Name], Name | None, dict[str, list[Name]] …: every type inside
            hint = types.pop()
            types += typing.get_args(hint)
            if dataclasses.is_dataclass(hint):
                todo.append(hint)
    return dict(sorted(shape.items()))


# A file of another format is made anew (its manifest kept). The format is the layout of the
# tables (7, raised when a table changes) and the shape of the records its rows hold (a Letter and
# its warnings), so that a record of another shape is never read back as if it were complete.
def format_of(*roots: type) -> str:
    return "7." + hashlib.sha256(json.dumps(record_shape(*roots)).encode()).hexdigest()[:16]


FORMAT = format_of(Letter, Diagnostic)
OLD_MANIFEST, OLD_JOURNAL, OLD_STATE = ".teikit/manifest.json", ".teikit/journal", ".teikit/state.json"

_TABLES = {
    "manifest": "path TEXT PRIMARY KEY, sha TEXT NOT NULL",
    "journal": "path TEXT PRIMARY KEY, sha TEXT NOT NULL",
    "meta": "key TEXT PRIMARY KEY, value TEXT NOT NULL",
    "files": "path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha TEXT NOT NULL",
    "records": "path TEXT PRIMARY KEY, key TEXT NOT NULL, digest TEXT NOT NULL, letter TEXT NOT NULL, "
               "ids TEXT NOT NULL, warnings TEXT NOT NULL",
    "pages": "doc_id TEXT PRIMARY KEY, key TEXT NOT NULL, outputs TEXT NOT NULL",
    "corpus": "builder TEXT NOT NULL, part TEXT NOT NULL, key TEXT NOT NULL, outputs TEXT NOT NULL, "
              "summary TEXT NOT NULL, PRIMARY KEY (builder, part)",
    "splits": "builder TEXT NOT NULL, part TEXT NOT NULL, doc_id TEXT NOT NULL, sort TEXT NOT NULL, "
              "value TEXT NOT NULL, PRIMARY KEY (builder, part, doc_id)",
    "splits_next": "builder TEXT NOT NULL, part TEXT NOT NULL, doc_id TEXT NOT NULL, sort TEXT NOT NULL, "
                   "value TEXT NOT NULL, PRIMARY KEY (builder, part, doc_id)",
}
_INDEXES = ("CREATE INDEX IF NOT EXISTS splits_by_document ON splits (builder, doc_id)",)
STATE_TABLES = ("meta", "files", "records", "pages", "corpus", "splits", "splits_next")


class StoreError(OutputError):
    """The file cannot be opened or written (a full disk, a read-only folder, a link in its place)."""


class Store:
    """One open connection to an output folder's records; `close()` when the build is over."""

    def __init__(self, root: Path):
        self.path = Path(root) / STORE_FILE
        if self.path.is_symlink():  # never written through a link (docs/security.md)
            raise StoreError(f"{self.path}: a symbolic link is where teikit keeps its records: remove it")
        try:
            self.db = self._connect()
        except sqlite3.DatabaseError:  # not a database (a stray or broken file): made anew
            try:
                self.path.unlink(missing_ok=True)
                self.db = self._connect()
            except OSError as error:
                raise StoreError(f"{self.path}: {error.strerror}; the previous site is left as it was") from None
            except sqlite3.Error as error:
                raise StoreError(explain(error, self.path)) from None
        except sqlite3.Error as error:
            raise StoreError(explain(error, self.path)) from None
        self._prepare(Path(root))

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)  # transactions are explicit
        try:
            db.execute("PRAGMA journal_mode=DELETE")  # no -wal/-shm files left beside it
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a file that is not SQLite fails here
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _prepare(self, root: Path) -> None:
        with self.transaction():
            found = self.db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() \
                if self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone() else None
            if found is None or found[0] != FORMAT:  # another format: its tables go, but the manifest
                for table in STATE_TABLES:
                    self.db.execute(f"DROP TABLE IF EXISTS {table}")
            for table, columns in _TABLES.items():
                self.db.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")
            for index in _INDEXES:
                self.db.execute(index)
            self.db.execute("DELETE FROM splits_next")  # a killed build's scratch
            # A killed writer may leave a journal SQLite no longer needs: one write clears it away.
            if found is None or found[0] != FORMAT or Path(f"{self.path}-journal").exists():
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (FORMAT,))
        self._adopt_json(root)

    def _adopt_json(self, root: Path) -> None:
        """A folder built before the store: its manifest.json and journal become rows, once."""
        manifest, journal = root / OLD_MANIFEST, root / OLD_JOURNAL
        if not manifest.exists() and not journal.exists():
            return
        rows: dict[str, str] = {}
        try:
            found = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else {}
            rows.update({p: d for p, d in found.items() if isinstance(p, str) and isinstance(d, str)})
        except (OSError, ValueError, AttributeError):
            pass
        try:
            for line in journal.read_text(encoding="utf-8").splitlines() if journal.is_file() else []:
                path, _, digest = line.partition("\t")
                if path and digest:
                    rows[path] = digest
        except (OSError, UnicodeDecodeError):
            pass
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO manifest VALUES (?, ?)", sorted(rows.items()))
        for old in (manifest, journal, root / OLD_STATE):
            old.unlink(missing_ok=True)

    def transaction(self):
        return _Transaction(self.db, self.path)

    def _clear(self, tables: Iterable[str]) -> None:
        for table in tables:
            self.db.execute(f"DELETE FROM {table}")

    def close(self) -> None:
        self.db.close()

    # ---- the manifest -----------------------------------------------------------------------

    def manifest(self) -> dict[str, str]:
        """path -> sha of every file teikit may have written: the manifest, and a killed build's journal."""
        found = dict(self.db.execute("SELECT path, sha FROM manifest"))
        found.update(self.db.execute("SELECT path, sha FROM journal"))
        return found

    def journal(self, rows: dict[str, str]) -> None:
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO journal VALUES (?, ?)", sorted(rows.items()))

    def journalled(self) -> bool:
        return self.db.execute("SELECT 1 FROM journal LIMIT 1").fetchone() is not None

    def settle(self, before: dict[str, str], after: dict[str, str]) -> None:
        """The manifest becomes `after` (only the rows that differ from `before` are written); the
        journal is emptied, in the same transaction."""
        with self.transaction():
            self.db.executemany("DELETE FROM manifest WHERE path = ?", ((p,) for p in before if p not in after))
            self.db.executemany("INSERT OR REPLACE INTO manifest VALUES (?, ?)",
                                ((p, d) for p, d in after.items() if before.get(p) != d))
            self.db.execute("DELETE FROM journal")

    # ---- the state (state.py reads and writes these rows) -----------------------------------

    def rows(self, table: str) -> Iterator[tuple]:
        return self.db.execute(f"SELECT * FROM {table}")

    # ---- what documents give the parts of a corpus output (parts.py) -------------------------

    def splits_of(self, builder: str, documents: Iterable[str]) -> dict[str, tuple[str, dict[str, str]]]:
        """doc id -> (its sort key, {part: value as stored}) of the documents asked for."""
        found: dict[str, tuple[str, dict[str, str]]] = {}
        for doc_id in documents:
            for part, sort, value in self.db.execute(
                    "SELECT part, sort, value FROM splits WHERE builder = ? AND doc_id = ?", (builder, doc_id)):
                found.setdefault(doc_id, (sort, {}))[1][part] = value
        return found

    def part_rows(self, builder: str, part: str, scratch: bool = False) -> list[tuple[str, str, str]]:
        """(doc id, sort key, value) of every document of one part, in the edition's order."""
        table = "splits_next" if scratch else "splits"
        return self.db.execute(f"SELECT doc_id, sort, value FROM {table} WHERE builder = ? AND part = ? "
                               "ORDER BY sort, doc_id", (builder, part)).fetchall()

    def add_scratch(self, builder: str, rows: Iterable[tuple[str, str, str, str]]) -> None:
        """(part, doc id, sort key, value) into the scratch: a build that remakes every part."""
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO splits_next VALUES (?, ?, ?, ?, ?)",
                                ((builder, *row) for row in rows))

    def scratch_parts(self, builder: str) -> list[str]:
        return [part for (part,) in self.db.execute(
            "SELECT DISTINCT part FROM splits_next WHERE builder = ? ORDER BY part", (builder,))]

    def drop_state(self) -> None:
        with self.transaction():
            self._clear(STATE_TABLES)
            self.db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))


class _Transaction:
    """BEGIN … COMMIT, or ROLLBACK when the block raises; an SQLite error becomes a StoreError."""

    def __init__(self, db: sqlite3.Connection, path: Path):
        self.db, self.path = db, path

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind, error, trace):
        if kind is None:
            try:
                self.db.execute("COMMIT")
                return False
            except sqlite3.Error as failure:
                error = failure
        try:
            self.db.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        if isinstance(error, sqlite3.Error):
            raise StoreError(explain(error, self.path)) from None
        return False


_FULL, _READONLY, _PERM, _CANTOPEN = 13, 8, 3, 14  # SQLite's result codes (sqlite3.h)


def explain(error: sqlite3.Error, path: Path) -> str:
    """One line for an SQLite error, in the words the output folder uses for the same causes."""
    code = getattr(error, "sqlite_errorcode", None)
    code = code & 0xFF if isinstance(code, int) else None  # the primary code of an extended one
    if code == _FULL:
        return f"{path}: no space left on the device; the previous site is left as it was"
    if code in (_READONLY, _PERM, _CANTOPEN):
        return f"{path}: cannot write here ({error}); the previous site is left as it was"
    return f"{path}: {error}; the previous site is left as it was"
