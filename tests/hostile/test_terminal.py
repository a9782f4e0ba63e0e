"""Strings from documents, settings and sources reach the terminal as text, never as control codes.

XML 1.0 keeps C1 controls (U+009B is CSI, the escape sequence's introducer in one character) and
bidirectional overrides; TOML keeps any character written as \\u001b. A terminal obeys them: it
would clear the screen, retitle the window or reorder the line. Diagnostics and reports show them
escaped always; data (render, export) is exact when piped or redirected and escaped on a terminal.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

from .hostile_kit import teikit

HOSTILE = "\u009b2J\u009b]0;owned\u0007\u202eevil\u202c"  # the BEL is no XML: only in settings
IN_XML = "\u009b2J\u202eevil\u202c"
SHOWN = "\\x9b2J\\u202eevil\\u202c"
OBEYED = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c")


def on_a_terminal(*args: str) -> str:
    """The command's standard output when it is a terminal (a pseudo-terminal of this test)."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen([sys.executable, "-c", "from toolkit.cli import cli; cli()", *args],
                                   stdout=follower, stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "200"})
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other side closed: the command ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=120) == 0, process.stderr.read().decode()
        process.stderr.close()
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")  # the terminal's own line ends


def test_render_escapes_on_a_terminal_what_the_terminal_would_obey_and_keeps_it_when_piped(edition):
    source = edition.variant("hostile.xml", **{"G. Chicherin</persName>": f"G. {IN_XML}Chicherin</persName>"})
    shown = on_a_terminal("render", str(source), "--to", "text")
    assert f"G. {SHOWN}Chicherin" in shown and not any(c in shown for c in OBEYED)
    piped = teikit("render", str(source), "--to", "text")
    assert piped.exit_code == 0 and f"G. {IN_XML}Chicherin" in piped.stdout  # the data itself, whole
    assert "\u200d" not in SHOWN and "a\u200db" in on_a_terminal(  # a joiner is part of a word, not a control
        "render", str(edition.variant("joiner.xml", **{"G. Chicherin</persName>": "G. a\u200db</persName>"})), "--to", "text")


def test_export_escapes_on_a_terminal_and_keeps_the_data_when_piped(edition):
    edition.variant("hostile.xml", **{'<idno type="fond">109': f'<idno type="fond">109{IN_XML}'})
    for kind in ("csv", "json"):
        shown = on_a_terminal("export", kind)
        assert SHOWN in shown and not any(c in shown for c in OBEYED), kind
    piped = teikit("export", "csv")
    assert piped.exit_code == 0 and IN_XML in piped.stdout


def test_diagnostics_show_a_document_s_and_a_setting_s_control_codes_escaped(edition):
    edition.variant("hostile.xml", **{'ref="#chicherin"': f'ref="#x{IN_XML}"'})
    run = edition.validate()
    # a dangling pointer is a warning by default: reported (escaped), the document still valid
    assert run.exit_code == 0 and any(SHOWN in line for line in run.diagnostics), run.stdout
    assert not any(c in run.stdout + run.stderr for c in OBEYED)
    toml = (edition.root / "teikit.toml").read_text(encoding="utf-8")
    escaped = "".join(c if c.isascii() and c.isprintable() else f"\\u{ord(c):04X}" for c in HOSTILE)  # TOML's escapes
    (edition.root / "teikit.toml").write_text(toml.replace('title = "Hostile"', f'title = "Hostile"\nlicence = "{escaped}"'
                                                          ).replace('licence = "https://creativecommons.org/licenses/by/4.0/"\n', ""),
                                              encoding="utf-8")
    for run in (edition.validate(), edition.build()):
        assert run.exit_code == 1 and r'licence = "\x9b2J\x9b]0;owned\u0007\u202eevil\u202c" is not allowed' in run.stderr, run.stderr
        assert not any(c in run.stdout + run.stderr for c in OBEYED)


def test_the_ingest_report_shows_the_source_s_control_codes_escaped(tmp_path, monkeypatch):
    from .test_ingest_input import BLOCK, edition_copy

    edition_copy(tmp_path / "edition")
    source = tmp_path / "collection.txt"
    source.write_text(f"Documents on the {IN_XML} Turkestan Front\n\n" + BLOCK.format(n=100), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "edition")
    run = teikit("ingest", str(source), "--out", "drafts")
    assert run.exit_code == 0 and f"left out (before the first document): Documents on the {SHOWN} Turkestan" in run.stdout
    listed = teikit("ingest", str(source), "--out", "drafts2", "--format", "json")
    assert not any(c in run.stdout + listed.stdout for c in OBEYED)
    assert json.loads(listed.stdout)["left_out"][0]["text"] == f"Documents on the {IN_XML} Turkestan Front"

