"""Helpers of the hostile tests. A small edition to attack: two good documents and the authority files, built in-process.

Every test puts one bad thing beside the good documents and checks, through the command line
(click's CliRunner, tracebacks not caught), the exact diagnostic, the exit code, that the good
documents were still built and that nothing was written outside the output folder.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli import cli

REPOSITORY = Path(__file__).resolve().parents[2]
GOOD = ("533", "534")
SUPPORT = ("persons.xml", "places.xml", "orgs.xml", "edition.xml")
CONFIG = ('[edition]\ntitle = "Hostile"\nbase_url = "https://hostile.teikit-editions.net/"\n'
          'licence = "https://creativecommons.org/licenses/by/4.0/"\n[cmif]\ndate = "2026-11-28T00:00:00Z"\n')
PAGE_STYLESHEET = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="xs tei">
  <xsl:param name="teikit-xslt" static="yes" as="xs:string" select="''"/>
  <xsl:import _href="{{$teikit-xslt}}html/html.xsl"/>
  <xsl:template match="tei:p[contains(., '{word}')]">
    <p><xsl:value-of select="{select}"/></p>
  </xsl:template>
</xsl:stylesheet>
"""
DIAGNOSTIC = re.compile(r"^\S.*:\d+:\d+: (error|warning): .* \[[\w.-]+\]$")


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def diagnostics(self) -> list[str]:
        """The diagnostic lines, wherever the command printed them."""
        return [line for line in (self.stdout + self.stderr).splitlines() if DIAGNOSTIC.match(line)]


def teikit(*args: str) -> Run:
    """Run the command line in this process; an exception escaping it fails the test."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.stdout + result.stderr
    return Run(result.exit_code, result.stdout, result.stderr)


@contextmanager
def running(httpd):
    """An HTTP server answering in a thread of this process while the block runs; yields its address."""
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def tree_state(root: Path, skip: Path | None = None) -> dict[str, str]:
    """Every file and link under `root` (but `skip`), with a hash of its content (of teikit's
    records, a hash of their rows: an SQLite file may lay the same rows out otherwise)."""
    state = {}
    for path in sorted(root.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        if path.is_symlink():
            state[str(path)] = "link:" + str(path.readlink())
        elif path.is_file() and path.name == "state.sqlite" and path.parent.name == ".teikit":
            state[str(path)] = _rows_digest(path)
        elif path.is_file():
            state[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            state[str(path)] = "folder" if path.is_dir() else "special"
    return state


class Edition:
    """The edition under attack, in tmp_path/edition; the working folder during the test."""

    def __init__(self, root: Path):
        self.root = root
        self.tei = root / "tei"
        self.out = root / "out"

    def add(self, name: str, data: bytes | str) -> Path:
        path = self.tei / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def variant(self, name: str, source: str = "533", **replacements: str) -> Path:
        """A copy of a good document under another name, its ids renamed, with text replaced."""
        text = (self.tei / f"{source}.xml").read_text(encoding="utf-8")
        stem = re.sub(r"[^\w.-]", "_", Path(name).stem)  # the file's name, as far as an xml:id can carry it
        text = text.replace(f'xml:id="d{source}', f'xml:id="d{stem}')
        for old, new in replacements.items():
            assert old in text, old
            text = text.replace(old, new, 1)
        return self.add(name, text)

    def customise_paragraph(self, word: str, select: str) -> None:
        """The edition's own page stylesheet (docs/site.md): a paragraph holding `word` becomes the
        value of the XPath `select` (one that fails, never ends or takes all memory)."""
        (self.root / "xslt" / "html").mkdir(parents=True, exist_ok=True)
        (self.root / "xslt" / "html" / "html.xsl").write_text(PAGE_STYLESHEET.format(word=word, select=select),
                                                             encoding="utf-8")

    def build(self, *options: str) -> Run:
        """`teikit build --out out`, asserting nothing outside out/ changed."""
        before = tree_state(self.root.parent, skip=self.out)
        run = teikit("build", "--out", "out", "--jobs", "1", *options)
        assert tree_state(self.root.parent, skip=self.out) == before, "the build wrote outside its output folder"
        return run

    def validate(self, *args: str) -> Run:
        before = tree_state(self.root.parent)
        run = teikit("validate", *args)
        assert tree_state(self.root.parent) == before, "validate changed a file"
        return run

    def built(self) -> set[str]:
        """The documents whose page, text and TEI copy are in out/."""
        pages = {p.stem for p in (self.out / "html").glob("*.html")} - {
            "index", "persons", "places", "orgs", "correspondents"}
        texts = {p.stem for p in (self.out / "text").glob("*.txt")}
        return pages & texts

    def assert_refused(self, lines: list[str]) -> Run:
        """validate and build each say exactly `lines` and exit 1; the build's run, for more checks."""
        validated = self.validate()
        assert validated.exit_code == 1 and validated.diagnostics == lines
        built = self.build()
        assert built.exit_code == 1 and built.stderr.splitlines() == lines
        return built

    def assert_good_built(self) -> None:
        assert set(GOOD) <= self.built(), self.built()


def _rows_digest(path: Path) -> str:
    """A hash of every row of every table of an SQLite file, opened read-only (nothing is written)."""
    import sqlite3

    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        rows = {table: sorted(db.execute(f"SELECT * FROM {table}")) for table in tables}
    finally:
        db.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()
