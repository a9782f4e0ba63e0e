"""teikit's own records of an output folder: one SQLite file, `.teikit/state.sqlite`.

What the builds wrote (the manifest) and what they were made from (the state: each input's
stamp, each document's record, each output's key) are rows, read when a build needs them and
written only where they changed: one edited document changes a handful of rows however large
the edition (a JSON file has to be read and written whole: 115 MB at 10,000 documents).

- `manifest(path, sha)`: every file teikit wrote and has not removed (output.py).
- `journal(path, sha)`: the files a build is about to rename into place, committed before the
  first rename, so that a build killed while publishing still knows, next time, which files
  it may have written; emptied when the manifest is brought up to date.
- `meta`, `files`, `records`, `pages`, `corpus`: the state (state.py), dropped by a failed build.

Every change is one SQLite transaction, all or nothing: a build killed while writing leaves the
rows as they were, and SQLite rolls its own journal back when the file is next opened. A file
of another format is replaced (the state is a cache; a manifest of the older JSON files is
carried over, so the files teikit wrote stay known).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterable, Iterator

from .errors import OutputError

STORE_FILE = ".teikit/state.sqlite"
FORMAT = "5"  # a file of another format is made anew (its manifest kept); raised when a record changes shape
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
              "PRIMARY KEY (builder, part)",
}
STATE_TABLES = ("meta", "files", "records", "pages", "corpus")


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
            for table, columns in _TABLES.items():
                self.db.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")
            found = self.db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            # A killed writer may leave a journal SQLite no longer needs: one write clears it away.
            if found is None or found[0] != FORMAT or Path(f"{self.path}-journal").exists():
                if found is None or found[0] != FORMAT:
                    self._clear(STATE_TABLES)
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
