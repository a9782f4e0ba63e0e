"""The output folder: teikit owns what it wrote there, and nothing else.

    folder = OutputFolder.open(out_dir, edition)   # refuses dangerous places, sweeps debris
    folder.put("html/537.html", data)              # staged; identical bytes are not rewritten
    folder.keep(outputs)                           # produced earlier and still wanted
    folder.publish()                               # rename into place, forget stale files

- A manifest (path -> SHA-256, rows of `.teikit/state.sqlite`: store.py) records every file
  teikit wrote. Only files in it that the build no longer produces are deleted; a file teikit
  did not write is never touched, whatever happened before.
- New bytes are staged in `.teikit/staging/` and renamed into place only when every output
  of the build is staged: a full disk or a read-only folder stops the build with one line
  and the previous site intact. A killed build leaves its staging folder behind, which the
  next build sweeps; staged files are never visible in the published folders.
- Each rename is journalled first (the store's journal, committed before the first rename), so
  a build killed while publishing still knows, next time, which files it wrote. The manifest
  is then brought up to date row by row (only the paths whose bytes changed, appeared or went).
- One build at a time: `.teikit/lock` is locked (flock) from `open` to `close`; a second build
  into the same folder says so in one line and touches nothing. The kernel drops the lock of
  a build that is killed.
- A file teikit did not write is never replaced: an output whose place holds someone else's
  file is not published and is listed in `foreign` (the build reports each in one line).
- No link is followed: a symbolic link where teikit needs a folder of its own (`.teikit`,
  `html`, `html/tei` …) stops the build in one line, before anything is written.
"""

from __future__ import annotations

import errno
import fcntl
import os
import posixpath
import shutil
from functools import cached_property
from pathlib import Path, PurePosixPath

from .edition import Edition
from .errors import OutputError, OutputRefused
from .state import sha
from .store import Store, StoreError

META_DIR = ".teikit"
STAGING = f"{META_DIR}/staging"
LOCK = f"{META_DIR}/lock"


def refuse_dangerous(out_dir: Path, edition: Edition) -> None:
    """An output folder must not be /, the edition, inside its sources, or around it."""
    out = out_dir.resolve()
    root = edition.root.resolve()
    reason = None
    if out == Path(out.anchor):
        reason = "the root of the file system"
    elif out == root:
        reason = "the edition folder itself"
    elif root.is_relative_to(out):
        reason = "a folder that contains the edition"
    else:
        for name in ("tei", "schema", "xslt"):
            if out.is_relative_to(root / name):
                reason = f"inside the edition's {name}/ folder"
    if reason:
        raise OutputRefused(f"refusing to build into {out}: it is {reason}; pass --out with a folder of its own "
                            "(default: build/ in the edition folder)")


def _explain(error: OSError, path: Path) -> str:
    if error.errno == errno.ENOSPC:
        return f"{path}: no space left on the device; the previous site is left as it was"
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"{path}: cannot write here ({os.strerror(error.errno)}); the previous site is left as it was"
    if error.errno in (errno.ENOTDIR, errno.EEXIST):
        return f"{path}: a file is where the build needs a folder: move or remove it"
    if error.errno == errno.ELOOP:
        return (f"{path}: a symbolic link is where the build needs a folder of its own: teikit never writes "
                "through a link in its output folder (remove the link, or pass --out the folder it leads to)")
    return f"{path}: {error.strerror or error}; the previous site is left as it was"


class OutputFolder:
    def __init__(self, out_dir: Path):
        self.root = out_dir
        self.wanted: dict[str, str] = {}  # what this build produces (path -> sha)
        self.staged: dict[str, Path] = {}  # new bytes waiting to be published
        self.written: list[str] = []  # published by this build
        self.foreign: list[str] = []  # outputs not published: a file teikit did not write is in their place
        self.unchanged: int = 0  # produced again with the same bytes: not rewritten
        self.intact = False  # the folders are as the last build left them (build.py sets it)
        self._lock: int | None = None

    @classmethod
    def open(cls, out_dir: Path, edition: Edition) -> "OutputFolder":
        """The folder, locked for this build (close() unlocks it), its debris swept."""
        refuse_dangerous(out_dir, edition)
        folder = cls(out_dir.resolve())
        folder._lock_folder()
        try:
            folder._prepare()
            folder._sign()
        except BaseException:
            folder.close()
            raise
        return folder

    def _lock_folder(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            _own_folder(self.root, META_DIR)
            descriptor = os.open(self.root / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as error:
            raise OutputError(_explain(error, Path(error.filename or self.root))) from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
            os.close(descriptor)
            raise OutputError(f"{self.root}: another teikit build is writing into this folder"
                              f"{f' (process {holder})' if holder.isdigit() else ''}: wait for it to finish, "
                              "or build into another folder") from None
        self._lock = descriptor

    def _sign(self) -> None:
        """The lock names this process once the folder is ready (a second build names it in its line)."""
        os.ftruncate(self._lock, 0)
        os.pwrite(self._lock, str(os.getpid()).encode(), 0)

    @cached_property
    def store(self) -> Store:
        """teikit's records of this folder (manifest and state); a no-op build reads none of them."""
        return Store(self.root)

    def close(self) -> None:
        """Unlock the folder: the build is over (explicitly, for processes forked with the lock open)."""
        if "store" in self.__dict__:
            self.store.close()
            del self.__dict__["store"]
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            os.close(self._lock)
            self._lock = None

    def _prepare(self) -> None:
        staging = self.root / STAGING
        try:
            _own_folder(self.root, STAGING)
            shutil.rmtree(staging)  # what a killed build left behind
            staging.mkdir()
        except OSError as error:
            raise OutputError(_explain(error, Path(error.filename or self.root))) from None
        self.store  # opened (made, in a new folder) now: nothing is written later until publishing

    @cached_property
    def manifest(self) -> dict[str, str]:
        """What teikit wrote before this build (read when first needed: a no-op build never does)."""
        return self._read_manifest()

    def _read_manifest(self) -> dict[str, str]:
        return {p: d for p, d in self.store.manifest().items() if _safe(p)}

    def put(self, path: str, data: bytes) -> None:
        """Stage one output (a relative posix path) unless the same bytes are already there."""
        if not _safe(path):
            raise ValueError(f"not a relative path inside the output folder: {path!r}")
        if path in self.staged:  # two builders, or a document and a site page, would write one file
            self.abandon()
            raise OutputError(f"{self.root / path}: two outputs of this build would be written here; "
                              "the build stopped before publishing anything")
        digest = sha(data)
        self.wanted[path] = digest
        if self.manifest.get(path) == digest and os.path.isfile(os.path.join(self.root, path)):
            self.unchanged += 1
            return
        # Strings, not Path objects: a build stages tens of thousands of files.
        temp = os.path.join(self._staging, str(len(self.staged)))
        try:
            descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                os.fchmod(descriptor, 0o644)  # readable by the web server, whatever the umask
                view = memoryview(data)
                while view:
                    view = view[os.write(descriptor, view):]
            finally:
                os.close(descriptor)
        except OSError as error:
            self.abandon()
            raise OutputError(_explain(error, self.root)) from None
        self.staged[path] = temp

    @property
    def _staging(self) -> str:
        return os.path.join(self.root, STAGING)

    def read(self, path: str) -> bytes | None:
        """An output this build produced: staged now, or kept from before; None if it is not one."""
        if path not in self.wanted:
            return None
        source = self.staged.get(path, os.path.join(self.root, path))
        try:
            with open(source, "rb") as handle:
                return handle.read()
        except OSError:
            return None

    def keep(self, outputs: dict[str, str]) -> bool:
        """Outputs of an earlier build that are still wanted; False if one is missing. When the
        site's folders are as the last build left them (`intact`, from its snapshot), no file
        can be missing and none is looked at."""
        manifest = self.manifest
        if not all(manifest.get(p) == d for p, d in outputs.items()):
            return False
        if not self.intact and not all(os.path.isfile(os.path.join(self.root, p)) for p in outputs):
            return False
        self.wanted.update(outputs)
        return True

    def digests(self, paths) -> dict[str, str]:
        return {p: self.wanted[p] for p in paths}

    def publish(self) -> list[str]:
        """Move the staged files into place, then delete the stale files teikit wrote."""
        self._check_folders()
        self._set_foreign_aside()
        if not self.staged and self.wanted == self.manifest and not self.store.journalled():
            self.abandon()
            return []  # nothing new, nothing stale: the manifest stays as it is
        try:
            # The journal names every file before the first rename: a build killed while
            # renaming still knows, next time, which files it may have written.
            self.store.journal({path: self.wanted[path] for path in self.staged})
            made: set[str] = set()
            for path in sorted(self.staged):
                parent = posixpath.dirname(path)
                if parent not in made:
                    _make_dirs(self.root, PurePosixPath(parent))
                    made.add(parent)
                os.replace(self.staged[path], os.path.join(self.root, path))
                self.written.append(path)
            stale = self.remove_stale()
            self.store.settle(self.manifest, self.wanted)
        except OSError as error:
            raise OutputError(_explain(error, Path(error.filename or self.root))) from None
        except StoreError as error:
            raise OutputError(f"{error}; run the build again") from None
        finally:
            self.abandon()
        return stale

    def _check_folders(self) -> None:
        """A file, or a link, where a folder must be is found before anything is published: in the
        folders of every output, kept, new or stale (nothing is read, written or deleted through a link)."""
        checked: set[PurePosixPath] = set()
        paths = set(self.staged) | set(self.wanted) | set(self.manifest)
        for parent in sorted({PurePosixPath(posixpath.dirname(p)) for p in paths}):
            current = PurePosixPath()
            for part in parent.parts:
                current = current / part
                if current in checked:
                    continue
                checked.add(current)
                where = self.root / current
                if where.is_symlink():
                    self.abandon()
                    raise OutputError(_explain(OSError(errno.ELOOP, "a link"), where))
                if where.exists() and not where.is_dir():
                    self.abandon()
                    raise OutputError(_explain(OSError(errno.ENOTDIR, "not a folder"), where))

    def _set_foreign_aside(self) -> None:
        """Outputs whose place holds a file teikit did not write (the user's own index.html, a link)
        are not published: the file stays, and the output is listed in `foreign`."""
        manifest = self.manifest
        listings: dict[str, set[str]] = {}  # a folder's names, listed once (a build writes thousands)
        for path in sorted(p for p in self.staged if p not in manifest):
            folder, name = posixpath.split(path)
            if folder not in listings:
                try:
                    listings[folder] = set(os.listdir(os.path.join(self.root, folder)))
                except OSError:  # not there yet: nothing can be in the way
                    listings[folder] = set()
            if name in listings[folder]:
                self.foreign.append(path)
                os.unlink(self.staged.pop(path))
                del self.wanted[path]

    def remove_stale(self) -> list[str]:
        stale = sorted(set(self.manifest) - set(self.wanted))
        removed = []
        for path in stale:
            target = self.root / path
            # Changed since teikit wrote it (or reached through a link): someone else's, left alone.
            if (_through_folders(self.root, path) and target.is_file() and not target.is_symlink()
                    and sha(target.read_bytes()) == self.manifest[path]):
                target.unlink()
                removed.append(path)
                _remove_emptied_folders(target.parent, self.root)
        return removed

    def abandon(self) -> None:
        """Forget what was staged (a failed build publishes nothing)."""
        shutil.rmtree(self.root / STAGING, ignore_errors=True)
        self.staged = {}

    def write_meta(self, name: str, text: str) -> None:
        """A file of teikit's own (the snapshot) in the .teikit folder, atomically."""
        path = self.root / META_DIR / name
        temp = path.with_name(f".{path.name}.tmp")
        try:
            temp.write_text(text, encoding="utf-8")
            os.replace(temp, path)
        except OSError as error:
            raise OutputError(_explain(error, path)) from None


def _safe(path: str) -> bool:
    """A relative posix path that stays inside the folder and out of teikit's own .teikit/
    (string operations: a manifest holds a path per file of the site)."""
    parts = [part for part in path.split("/") if part not in ("", ".")]
    return bool(parts) and not path.startswith("/") and ".." not in parts and parts[0] != META_DIR


def _own_folder(root: Path, relative: str) -> None:
    """Make the folders of `relative` under root, refusing a link or a file in their place."""
    current = root
    for part in PurePosixPath(relative).parts:
        current = current / part
        try:
            current.mkdir()
        except FileExistsError:
            if current.is_symlink():
                raise OSError(errno.ELOOP, "a link", str(current)) from None
            if not current.is_dir():
                raise OSError(errno.ENOTDIR, "not a folder", str(current)) from None


def _through_folders(root: Path, path: str) -> bool:
    """Every folder on the way from root to `path` is a real folder, no link."""
    current = root
    for part in PurePosixPath(path).parent.parts:
        current = current / part
        if current.is_symlink() or not current.is_dir():
            return False
    return True


def _remove_emptied_folders(folder: Path, root: Path) -> None:
    """Folders left empty by removing a stale file (a document's DTS answers, say) go too, up to the root."""
    while folder != root and root in folder.parents and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _make_dirs(root: Path, relative: PurePosixPath) -> None:
    (root / relative).mkdir(parents=True, exist_ok=True)
