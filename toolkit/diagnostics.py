"""Diagnostics: one problem, one place, one line a person (or an editor) can jump to."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from functools import lru_cache
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    column: int
    severity: str
    rule: str
    message: str

    def format(self) -> str:
        """`path:line:col: severity: message [rule]`, the shape compilers and linters use."""
        return printable(f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.rule}]")

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def display_path(path: Path | str) -> str:
    """Paths relative to the working directory when possible: shorter and clickable.

    The path is not resolved: a link is shown under its own name (and a loop of links,
    which cannot be resolved, too); the working folder may be reached through a link.

    Control characters (terminal escape codes) and bytes that are not UTF-8 are shown
    escaped: a file name must not be able to rewrite the user's terminal.
    """
    return _display(str(path), os.getcwd())


@lru_cache(maxsize=65536)
def _display(path: str, cwd: str) -> str:
    # Cached: every record and diagnostic asks.
    shown = os.path.abspath(path)
    for base in _working_folders(cwd):
        if shown.startswith(base.rstrip(os.sep) + os.sep):
            shown = os.path.relpath(shown, base)
            break
    return printable(shown)


def _working_folders(cwd: str):
    """The working folder as given, then resolved (only when the first does not hold the path)."""
    yield os.path.abspath(cwd)
    yield _resolved(cwd)


def _resolved(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return os.path.abspath(path)


def printable(text: str) -> str:
    """`text` with control and format characters escaped (\\x1b, \\u202e) and undecodable bytes as \\xNN."""
    return "".join(_escape(c) if _unsafe(c) else c for c in text)


# What a terminal obeys rather than shows: control characters other than tab, line feed and the
# carriage return of a CR LF (escape sequences, C1 controls such as CSI), bidirectional embeddings, overrides and
# isolates (they reorder the rest of the line), and lone surrogates (bytes that were not UTF-8).
_TERMINAL_UNSAFE = re.compile("\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def terminal_text(text: str) -> str:
    """Text from the sources as a terminal should show it: what it would obey escaped (\\x9b,
    \\u202e), every other character as written (joiners, marks and soft hyphens are parts of words)."""
    return _TERMINAL_UNSAFE.sub(lambda match: _escape(match.group()), text)


def _unsafe(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def to_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json_text([asdict(d) for d in diagnostics])


def json_text(data) -> str:
    """JSON as people read it (UTF-8 words kept), with control and format characters written as
    \\uXXXX escapes: printed, a value can neither move the terminal nor reorder a line."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(f"\\u{ord(c):04x}" if c != "\n" and _unsafe(c) else c for c in text)  # its own line breaks stay
