"""The typesetter: a Typst project (the sources xslt/print/print.xsl writes) into PDF bytes.

    pdf = typeset({"edition.typ": b"...", "teikit.typ": b"...", "documents/533.typ": b"..."},
                  fonts=[...], date="2026-12-01")

Typst (the `typst` package: the Rust compiler in a wheel, no system libraries) runs in a
process forked for it, on the project written to a temporary folder: its memory (about 1 MB a
page while it lays out) goes back to the system when the PDF is made, and a typesetter killed
by the kernel is one line, not a dead build. The same project gives the same bytes: the PDF
date is the build date, system fonts are never looked at (only Typst's own fonts, those
packaged with teikit and an edition's own), and Typst writes no random ids. Typst reads no
file outside that project (its root), no Typst package (not even one in the user's cache) and
nothing from the network (docs/security.md).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import multiprocessing
import os
import re
import signal
import tempfile
from pathlib import Path

from .edition import PACKAGE_DIR
from .errors import TeikitError

FONTS = PACKAGE_DIR / "fonts"  # Noto Serif Armenian (OFL 1.1): what Typst's own fonts lack
ENGINE = "typst"
INSTALL = "pip install typst"


class TypesetError(TeikitError):
    """The typesetter refused the sources or died; `where` is the source line it names."""

    def __init__(self, message: str, where: tuple[str, int, int] | None = None):
        super().__init__(message)
        self.message = message
        self.where = where


def available() -> bool:
    """Whether the typesetter is installed (without loading it)."""
    return importlib.util.find_spec(ENGINE) is not None


def typeset(project: dict[str, bytes], fonts: list[Path] = (), date: str = "", main: str = "edition.typ") -> bytes:
    """The PDF of a Typst project ({relative path: bytes}); raises TypesetError."""
    if not available():
        raise TypesetError(f"the print engine Typst is not installed: {INSTALL}")
    with tempfile.TemporaryDirectory(prefix="teikit-print-") as folder:
        root, packages = Path(folder) / "project", Path(folder) / "packages"
        packages.mkdir()
        for path, data in project.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        output = root / ".edition.pdf"
        here, there = multiprocessing.get_context("fork").Pipe(duplex=False)
        process = multiprocessing.get_context("fork").Process(
            target=_compile, args=(root, packages, main, [str(f) for f in [FONTS, *fonts] if Path(f).is_dir()],
                                   _timestamp(date), output, there))
        process.start()
        there.close()
        try:
            failure = here.recv() if here.poll(None) else None
        except EOFError:
            failure = None
        process.join()
        if failure is not None:
            raise TypesetError(*failure)
        if process.exitcode != 0 or not output.is_file():
            raise TypesetError(f"the typesetter {_death(process.exitcode)} (out of memory?)")
        return output.read_bytes()


def _compile(root: Path, packages: Path, main: str, fonts: list[str], timestamp: int, output: Path, conn) -> None:
    """In the child: compile, write the PDF, report a failure as (message, where)."""
    try:
        _offline()
        import typst

        def compile(tags: bool) -> bytes:
            # Files are read only inside the project (Typst's root); packages only from an empty
            # folder, never from the user's cache of Typst packages or the network.
            return typst.compile(str(root / main), root=str(root), font_paths=fonts, ignore_system_fonts=True,
                                 package_path=str(packages), package_cache_path=str(packages),
                                 timestamp=timestamp, format="pdf", pdf_tags=tags)
        try:
            pdf = compile(True)
        except typst.TypstError as error:  # Typst's own fault in tagging (seen with links): untagged, then
            if not str(getattr(error, "message", error)).startswith("internal error"):
                raise
            pdf = compile(False)
        output.write_bytes(pdf)
        conn.send(None)
    except Exception as error:  # TypstError, or the machine's: one line either way
        conn.send(_failure(error, root))
    finally:
        conn.close()
        os._exit(0)


# Where the typesetter's process sends web requests: nowhere (a connection to port 0 is refused at
# once). Typst fetches a package a source imports from packages.typst.org, through the proxy the
# environment names; the sources teikit writes import none, and no document's words become code.
NOWHERE = "http://127.0.0.1:0"
PROXIES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


def _offline() -> None:
    """Make this (forked) process's web requests fail before they leave the machine."""
    for name in PROXIES:
        os.environ[name] = NOWHERE
    for name in ("NO_PROXY", "no_proxy"):
        os.environ.pop(name, None)


def _failure(error: Exception, root: Path) -> tuple[str, tuple[str, int, int] | None]:
    """The error's words and the project file, line and column it names (Typst's diagnostic)."""
    message = " ".join(str(getattr(error, "message", "") or error).split()) or type(error).__name__
    places = []
    for path, line, column in re.findall(r"┌─ (\S+?):(\d+):(\d+)", str(getattr(error, "diagnostic", "") or "")):
        path = os.path.relpath(os.path.normpath(os.path.join(os.getcwd(), path)), root)
        places.append((Path(path).as_posix(), int(line), int(column)))
    if not places:
        return message, None
    # The source of the document (or the book) that called the template, and where in the template.
    where = next((p for p in places if p[0] != "teikit.typ"), places[0])
    if where != places[0]:
        message += f" (in {places[0][0]}:{places[0][1]}:{places[0][2]})"
    return message, where


def _timestamp(date: str) -> int:
    """The PDF's creation date: the build date (YYYY-MM-DD, UTC midnight), else the epoch."""
    try:
        day = dt.date.fromisoformat(date[:10])
    except ValueError:
        return 0
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def _death(status: int | None) -> str:
    if status is not None and status < 0:
        try:
            name = signal.Signals(-status).name
        except ValueError:
            name = "unknown"
        return f"was killed by signal {-status} ({name})"
    return f"exited with status {status}"
