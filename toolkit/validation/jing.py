"""The official TEI schema through jing, when it is installed.

libxml2 needs 10-20 s to compile tei_all.rng, in every process that validates against it;
jing loads it in about a second (ENGINE-NOTES). With jing on the PATH, `validate --schema
tei_all` hands it the files the safe parser accepted (jing reads them itself: none of them
has a DOCTYPE that could make it fetch anything, the parser refused those) and turns its
lines (`file:line:col: error: message`, the column at the end of the start tag) into
diagnostics. Without jing, lxml compiles the schema once per process, as for any other
RelaxNG schema.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from ..diagnostics import ERROR, WARNING, Diagnostic, display_path
from ..errors import TeikitError

RULE = "relaxng"
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|fatal)(?: error)?: "
                  r"(?P<message>.*)$")
CHUNK = 500  # files per jing process: one JVM start-up for many files, short command lines


def available() -> str | None:
    return shutil.which("jing")


def check(schema: Path, paths: list[Path]) -> list[Diagnostic]:
    """jing's diagnostics for `paths` (already accepted by the safe parser)."""
    jing = available()
    found: list[Diagnostic] = []
    for start in range(0, len(paths), CHUNK):
        chunk = [str(p) for p in paths[start:start + CHUNK]]
        result = subprocess.run([jing, str(schema), *chunk], capture_output=True, text=True, stdin=subprocess.DEVNULL)
        lines = [LINE.match(line) for line in result.stdout.splitlines()]
        found += [_diagnostic(m) for m in lines if m]
        if result.returncode not in (0, 1) or (result.returncode == 1 and not any(lines)):
            reason = next((l for l in (result.stdout + result.stderr).splitlines() if "warning" not in l), "no output")
            raise TeikitError(f"{schema}: jing failed ({reason.strip()})")
    return found


def _diagnostic(match: re.Match) -> Diagnostic:
    severity = WARNING if match["severity"] == "warning" else ERROR
    return Diagnostic(display_path(match["file"]), int(match["line"]), int(match["column"]), severity, RULE,
                      match["message"])
