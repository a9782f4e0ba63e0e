"""What the last successful build was made from, so the next one redoes only what changed.

Kept in the output folder's store (`.teikit/state.sqlite`, store.py), one row per input,
document, page and corpus output, written only where a build changed it:

- `files`: each input's size, modification time and SHA-256. A file whose size and time are
  unchanged is taken as unchanged without reading it; one whose size or time changed is
  hashed (never parsed) to learn whether its bytes did.
- `records`: per document, what its task found: diagnostics (warnings), its xml:ids, its
  metadata record (metadata.Letter) and the key of the inputs it was checked against. The
  corpus-level pages and the prev/next of every page are made from these records, so a
  no-op rebuild parses nothing.
- `pages`: per document, the key its outputs were built from (its bytes, its page parameters,
  the stylesheets, the authority entries, the configuration) and the paths they went to.
- `corpus`: the key each corpus-level builder's outputs were built from, and what it remembers
  of the support files (their key, the authority entries' key, the edition's title); for a
  builder made part by part (parts.py), each part's key, outputs and summary, and the key of what
  all its parts share (`globals`).

A failed build drops the state; the next build then starts clean (Sphinx does the same).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat as stat_module
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic
from .metadata import Action, DateSpec, Letter, Name, Source

if TYPE_CHECKING:
    from .store import Store

SNAPSHOT_FILE = ".teikit/snapshot.json"
CORPUS_META = ("support", "authority", "checked", "title")  # what `corpus` keeps besides the builders' keys


def sha(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass
class FileStamp:
    size: int
    mtime_ns: int
    sha: str

    def matches(self, stat: os.stat_result) -> bool:
        return self.size == stat.st_size and self.mtime_ns == stat.st_mtime_ns


@dataclass
class Record:
    """What the task of one document found (valid documents only are kept)."""

    key: str  # sha of the document's bytes and of the rules it was checked against
    letter: Letter
    ids: dict[str, int]  # xml:id -> line, for the cross-file uniqueness check
    warnings: list[Diagnostic] = field(default_factory=list)
    digest: str = ""  # of the metadata record: the corpus-level outputs change only with it

    # The letter as plain data: made for a new record (its digest, its row), never kept for one
    # read from the store, so that a record is held once.
    data: dict | None = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        if not self.digest:
            self.data = plain(self.letter)
            self.digest = sha(json.dumps(self.data, sort_keys=True, ensure_ascii=False))

    def row(self, path: str) -> tuple:
        data = self.data if self.data is not None else plain(self.letter)
        return (path, self.key, self.digest, _json(data), _json(self.ids),
                _json([list(plain(w).values()) for w in self.warnings]))


def plain(value):
    """A dataclass tree as dicts and lists (dataclasses.asdict deep-copies everything: 50× slower)."""
    if hasattr(value, "__dataclass_fields__"):
        return {k: plain(v) for k, v in value.__dict__.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass
class State:
    files: dict[str, FileStamp] = field(default_factory=dict)  # input path -> stamp
    records: dict[str, Record] = field(default_factory=dict)  # document path -> record
    pages: dict[str, dict] = field(default_factory=dict)  # doc id -> {key, outputs}
    # CORPUS_META; "builders": {name: {key, outputs}}; "parts": {name: {part: {key, outputs, summary}}};
    # "globals": {name: key}
    corpus: dict = field(default_factory=dict)
    # What the parted builders' documents give their parts, to be written with the state:
    # (builder, {doc id: (sort key, {part: value}) or None for a document gone}), or
    # (builder, None): every row from this build's scratch (parts.py).
    splits: list[tuple[str, dict | None]] = field(default_factory=list)

    @classmethod
    def load(cls, store: "Store") -> "State":
        """The state the last successful build left (empty after a failed one, or in a new folder)."""
        files = {path: FileStamp(size, mtime, digest) for path, size, mtime, digest in store.rows("files")}
        records = {path: Record(key, letter_from_dict(json.loads(letter)), json.loads(ids),
                                [Diagnostic(*w) for w in json.loads(warnings)], digest)
                   for path, key, digest, letter, ids, warnings in store.rows("records")}
        pages = {doc_id: {"key": key, "outputs": json.loads(outputs)} for doc_id, key, outputs in store.rows("pages")}
        corpus: dict = {"builders": {}, "parts": {}, "globals": {}}
        for key, value in store.rows("meta"):
            if key.startswith("corpus."):
                corpus[key[len("corpus."):]] = value
            elif key.startswith("global."):
                corpus["globals"][key[len("global."):]] = value
        for builder, part, key, outputs, summary in store.rows("corpus"):
            entry = {"key": key, "outputs": json.loads(outputs)}
            if part:
                corpus["parts"].setdefault(builder, {})[part] = {**entry, "summary": json.loads(summary)}
            else:
                corpus["builders"][builder] = entry
        return cls(files, records, pages, corpus)

    def save(self, store: "Store", previous: "State") -> None:
        """Write the rows that differ from `previous` (what the store held), in one transaction."""
        with store.transaction() as db:
            _sync(db, "files", "path", previous.files, self.files, lambda p, s: (p, s.size, s.mtime_ns, s.sha))
            _sync(db, "records", "path", previous.records, self.records, lambda p, r: r.row(p),
                  same=lambda a, b: a is b or (a.key, a.digest, a.ids, a.warnings) == (b.key, b.digest, b.ids, b.warnings))
            _sync(db, "pages", "doc_id", previous.pages, self.pages, lambda d, p: (d, p["key"], _json(p["outputs"])))
            _sync(db, "corpus", "builder", previous.corpus.get("builders", {}), self.corpus.get("builders", {}),
                  lambda b, c: (b, "", c["key"], _json(c["outputs"]), "null"), where="part = ''")
            before, after = previous.corpus.get("parts", {}), self.corpus.get("parts", {})
            for builder in sorted(set(before) | set(after)):
                _sync(db, "corpus", "part", before.get(builder, {}), after.get(builder, {}),
                      lambda part, c, b=builder: (b, part, c["key"], _json(c["outputs"]), _json(c["summary"])),
                      where="builder = ? AND part != ''", where_values=(builder,))
            globals_before, globals_after = previous.corpus.get("globals", {}), self.corpus.get("globals", {})
            _sync(db, "meta", "key", {f"global.{k}": v for k, v in globals_before.items()},
                  {f"global.{k}": v for k, v in globals_after.items()}, lambda k, v: (k, v))
            for key in CORPUS_META:
                if key in self.corpus and self.corpus[key] != previous.corpus.get(key):
                    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"corpus.{key}", self.corpus[key]))
            for builder, documents in self.splits:
                _write_splits(db, builder, documents)

    @staticmethod
    def drop(store: "Store") -> None:
        store.drop_state()


def _write_splits(db, builder: str, documents: dict | None) -> None:
    if documents is None:  # every row anew, from the scratch this build filled
        db.execute("DELETE FROM splits WHERE builder = ?", (builder,))
        db.execute("INSERT INTO splits SELECT * FROM splits_next WHERE builder = ?", (builder,))
        db.execute("DELETE FROM splits_next WHERE builder = ?", (builder,))
        return
    db.executemany("DELETE FROM splits WHERE builder = ? AND doc_id = ?", ((builder, d) for d in documents))
    db.executemany("INSERT INTO splits VALUES (?, ?, ?, ?, ?)",
                   ((builder, part, doc_id, found[0], value) for doc_id, found in sorted(documents.items()) if found
                    for part, value in sorted(found[1].items())))


def _sync(db, table: str, column: str, before: dict, after: dict, row, same=lambda a, b: a == b,
          where: str = "", where_values: tuple = ()) -> None:
    """Delete the rows gone since `before`, write those new or changed (`where` narrows the deletion
    to the rows `before` stands for)."""
    condition = f"{column} = ?" + (f" AND {where}" if where else "")
    db.executemany(f"DELETE FROM {table} WHERE {condition}", ((k, *where_values) for k in before if k not in after))
    changed = [row(k, v) for k, v in after.items() if k not in before or not same(before[k], v)]
    if changed:
        marks = ", ".join("?" * len(changed[0]))
        db.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", changed)


def letter_from_dict(data: dict) -> Letter:
    """The inverse of dataclasses.asdict for a Letter."""
    values = dict(data)
    values["date"] = DateSpec(**data["date"])
    values["actions"] = [_action(a) for a in data["actions"]]
    values["sources"] = [Source(**s) for s in data["sources"]]
    return Letter(**values)


def _action(data: dict) -> Action:
    values = dict(data)
    values["parties"] = [Name(**p) for p in data["parties"]]
    values["place"] = Name(**data["place"]) if data["place"] else None
    values["places"] = [Name(**p) for p in data.get("places", [])]
    values["date"] = DateSpec(**data["date"])
    return Action(**values)


# ---- the no-op build: two comparisons instead of loading the state ---------------------------

def inputs_fingerprint(paths: list[Path], options: list[str], stats: dict | None = None) -> str | None:
    """SHA-256 over the build's options and every input's path, size and modification time;
    None when one is missing or not a regular file (then the full build says why). `stats`, if
    given, receives each path's stat (str(path) -> os.stat_result) for the build to use again."""
    parts: list[bytes | str] = list(options)
    for path in paths:
        try:
            found = os.stat(path)
        except OSError:
            return None
        if stats is not None:
            stats[str(path)] = found
        if not stat_module.S_ISREG(found.st_mode):
            return None
        parts += [os.fsencode(path), str(found.st_size), str(found.st_mtime_ns)]  # any file name, even not UTF-8
    return sha(*parts)


def folder_times(root: Path, outputs) -> dict[str, int] | None:
    """The modification time of every folder that holds an output: a file deleted, added or
    renamed in one changes its time. None when a folder is gone."""
    folders = {""}
    for path in outputs:
        parent = os.path.dirname(path)
        while parent not in folders:
            folders.add(parent)
            parent = os.path.dirname(parent)
    try:
        return {folder: os.stat(os.path.join(root, folder)).st_mtime_ns for folder in sorted(folders)}
    except OSError:
        return None


@dataclass
class Snapshot:
    """What a successful build left: its inputs' fingerprint, its folders' times, its documents.

    When both still hold, nothing can have changed that the full comparison would find (it
    too trusts unchanged sizes and times), so a no-op build stops here without reading the
    state, which at 10,000 documents is tens of megabytes of records.
    """

    inputs: str
    folders: dict[str, int]
    documents: list[str]  # the doc ids that were built

    @classmethod
    def load(cls, out_dir: Path) -> "Snapshot | None":
        try:
            data = json.loads((out_dir / SNAPSHOT_FILE).read_text(encoding="utf-8"))
            return cls(data["inputs"], data["folders"], data["documents"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def folders_hold(self, out_dir: Path) -> bool:
        """No file was added to, removed from or renamed in a folder of the site since."""
        return all(_mtime(out_dir / folder) == time for folder, time in self.folders.items())

    def dumps(self) -> str:
        return json.dumps({"inputs": self.inputs, "folders": self.folders, "documents": self.documents},
                          separators=(",", ":"))

    @staticmethod
    def drop(out_dir: Path) -> None:
        (out_dir / SNAPSHOT_FILE).unlink(missing_ok=True)


def _mtime(path: Path) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None
