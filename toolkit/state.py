"""What the last successful build was made from, so the next one redoes only what changed.

Kept in the output folder as `.teikit/state.json`:

- `files`: each input's size, modification time and SHA-256. A file whose size and time are
  unchanged is taken as unchanged without reading it; one whose size or time changed is
  hashed (never parsed) to learn whether its bytes did.
- `records`: per document, what its task found: diagnostics (warnings), its xml:ids, its
  metadata record (metadata.Letter) and the key of the inputs it was checked against. The
  corpus-level pages and the prev/next of every page are made from these records, so a
  no-op rebuild parses nothing.
- `pages`: per document, the key its outputs were built from (its bytes, its page parameters,
  the stylesheets, the authority entries, the configuration) and the paths they went to.
- `corpus`: the key the corpus-level outputs were built from.

A failed build drops the state; the next build then starts clean (Sphinx does the same).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat as stat_module
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic
from .metadata import Action, DateSpec, Letter, Name, Source

STATE_FILE = ".teikit/state.json"
SNAPSHOT_FILE = ".teikit/snapshot.json"
FORMAT = 3  # a state of another format is ignored (the build starts clean)


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

    data: dict | None = field(default=None, repr=False, compare=False)  # the letter as plain data

    def __post_init__(self):
        if self.data is None:
            self.data = plain(self.letter)
        if not self.digest:
            self.digest = sha(json.dumps(self.data, sort_keys=True, ensure_ascii=False))


def plain(value):
    """A dataclass tree as dicts and lists (dataclasses.asdict deep-copies everything: 50× slower)."""
    if hasattr(value, "__dataclass_fields__"):
        return {k: plain(v) for k, v in value.__dict__.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


@dataclass
class State:
    files: dict[str, FileStamp] = field(default_factory=dict)  # input path -> stamp
    records: dict[str, Record] = field(default_factory=dict)  # document path -> record
    pages: dict[str, dict] = field(default_factory=dict)  # doc id -> {key, outputs}
    corpus: dict = field(default_factory=dict)  # {key, outputs}

    @classmethod
    def load(cls, out_dir: Path) -> "State":
        try:
            data = json.loads((out_dir / STATE_FILE).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return cls()
            return cls({p: FileStamp(*s) for p, s in data["files"].items()},
                       {p: _record(r) for p, r in data["records"].items()}, data["pages"], data["corpus"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def dumps(self) -> str:
        data = {"format": FORMAT,
                "files": {p: [s.size, s.mtime_ns, s.sha] for p, s in sorted(self.files.items())},
                "records": {p: _record_dict(r) for p, r in sorted(self.records.items())},
                "pages": dict(sorted(self.pages.items())), "corpus": self.corpus}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @staticmethod
    def drop(out_dir: Path) -> None:
        (out_dir / STATE_FILE).unlink(missing_ok=True)


def _record_dict(record: Record) -> dict:
    return {"key": record.key, "letter": record.data, "ids": record.ids,
            "warnings": [list(plain(w).values()) for w in record.warnings], "digest": record.digest}


def _record(data: dict) -> Record:
    return Record(data["key"], letter_from_dict(data["letter"]), data["ids"],
                  [Diagnostic(*w) for w in data["warnings"]], data["digest"], data["letter"])


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
    values["date"] = DateSpec(**data["date"])
    return Action(**values)


# ---- the no-op build: two comparisons instead of loading the state ---------------------------

def inputs_fingerprint(paths: list[Path], options: list[str]) -> str | None:
    """SHA-256 over the build's options and every input's path, size and modification time;
    None when one is missing or not a regular file (then the full build says why)."""
    parts: list[bytes | str] = list(options)
    for path in paths:
        try:
            found = os.stat(path)
        except OSError:
            return None
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
    state, which at 10,000 documents is a hundred megabytes of records.
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
