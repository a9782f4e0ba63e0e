"""Hostile teikit.toml: every value is checked against the schema of settings (toolkit/edition.py).

A value that is not allowed is one located line naming the key and what it takes, exit 1, no
traceback and nothing built; globs of files that are read and published stay inside the edition
unless [corpus] allow_outside names the folder; URLs that become links take only http(s).
"""

from __future__ import annotations

import pytest
from lxml import html

from toolkit.edition import Config, Edition
from toolkit.render import render

from .hostile_kit import CONFIG, teikit

NUMBER = "is not allowed: it takes a number above 0 and at most {} ({}), e.g. {} [config-value]"
SIZE = NUMBER.format(2048, "megabytes", 50)
TIME = NUMBER.format(86400, "seconds", 60)
GLOBS = 'is not allowed: it takes a list of globs in quotes, e.g. ["tei/**/*.xml"]: '
URL = 'is not allowed: it takes an https or http URL without spaces, e.g. "{}" (or "" for none) [config-value]'


@pytest.mark.parametrize("table, setting, message", [
    ("limits", "max_file_mb = inf", f"max_file_mb = inf {SIZE}"),
    ("limits", "max_file_mb = -inf", f"max_file_mb = -inf {SIZE}"),
    ("limits", "max_file_mb = nan", f"max_file_mb = nan {SIZE}"),
    ("limits", "max_file_mb = 1e308", f"max_file_mb = 1e+308 {SIZE}"),
    ("limits", "max_file_mb = 9223372036854775807", f"max_file_mb = 9223372036854775807 {SIZE}"),
    ("limits", "max_file_mb = 99999999999999999999999999", f"max_file_mb = 99999999999999999999999999 {SIZE}"),
    ("limits", "max_file_mb = true", f"max_file_mb = true {SIZE}"),
    ("limits", "document_seconds = inf", f"document_seconds = inf {TIME}"),
    ("limits", "document_seconds = 1e20", f"document_seconds = 1e+20 {TIME}"),
    ("limits", "document_seconds = -1", f"document_seconds = -1 {TIME}"),
    ("cmif", 'email = ["a", "b"]', 'email = ["a", "b"] is not allowed: it takes an e-mail address in quotes, '
     'e.g. "editor@example.net" [config-value]'),
    ("edition", "title = [1, 2]", 'title = [1, 2] is not allowed: it takes text in quotes, e.g. "My edition" [config-value]'),
    ("edition", "editors = [[\"a\"]]", 'editors = [["a"]] is not allowed: it takes a list of texts in quotes, '
     'e.g. ["A. Editor"] [config-value]'),
    ("edition", "title = { a = 1 }", 'title = a table is not allowed: it takes text in quotes, e.g. "My edition" [config-value]'),
    ("corpus", 'documents = ["/etc/*.xml"]', f'documents = ["/etc/*.xml"] {GLOBS}"/etc/*.xml" is absolute: '
     "write it relative to teikit.toml [config-value]"),
    ("corpus", 'documents = [""]', f'documents = [""] {GLOBS}"" is empty [config-value]'),
    ("corpus", 'documents = ["tei/[**"]', f'documents = ["tei/[**"] {GLOBS}"tei/[**" uses ** inside a name: '
     "** stands alone between slashes (tei/**/*.xml) [config-value]"),
    ("corpus", 'documents = ["."]', f'documents = ["."] {GLOBS}"." names the edition folder itself, not files '
     "[config-value]"),
    ("corpus", 'authorities = ["/home/*/persons.xml"]', f'authorities = ["/home/*/persons.xml"] {GLOBS}'
     .replace("tei/**/*.xml", "tei/persons.xml") + '"/home/*/persons.xml" is absolute: write it relative to '
     "teikit.toml [config-value]"),
    ("corpus", 'description = ""', 'description = "" is not allowed: it takes a path in quotes, e.g. '
     '"tei/edition.xml": "" is empty [config-value]'),
    ("corpus", 'description = "tei/**x"', 'description = "tei/**x" is not allowed: it takes a path in quotes, '
     'e.g. "tei/edition.xml": "tei/**x" uses ** inside a name: ** stands alone between slashes (tei/**/*.xml) '
     "[config-value]"),
    ("corpus", 'allow_outside = ["/"]', 'allow_outside = ["/"] is not allowed: it takes a list of folders in quotes, '
     'e.g. ["../shared-registers"], each a folder of its own, not the root of the file system [config-value]'),
    ("edition", 'date = "tomorrow"', 'date = "tomorrow" is not allowed: it takes a date in quotes, e.g. '
     '"2026-12-01" [config-value]'),
], ids=["inf", "minus-inf", "nan", "1e308", "int64-max", "huge-int", "bool", "seconds-inf", "seconds-1e20",
        "seconds-negative", "email-list", "title-list", "editors-nested", "title-table", "absolute-glob",
        "empty-glob", "broken-glob", "dot-glob", "absolute-authorities", "empty-description",
        "broken-description", "allow-outside-root", "date"])
def test_a_value_out_of_range_is_one_located_line(edition, table, setting, message):
    (edition.root / "teikit.toml").write_text(f"[{table}]\n{setting}\n", encoding="utf-8")
    expected = f"Error: teikit.toml:2:1: error: [{table}] {message}\n"
    for command in (("validate",), ("build", "--out", "out"), ("render", "tei/533.xml", "--to", "text"),
                    ("export", "csv")):
        run = teikit(*command)
        assert (run.exit_code, run.stderr) == (1, expected), command
    assert not edition.out.exists()


@pytest.mark.parametrize("toml", [
    "x = " + "[" * 100_000,
    "[edition\ntitle = 1\n",
    '[edition]\ntitle = "a"\ntitle = "b"\n',
    "\xff\xfe",
], ids=["nested-arrays", "broken-table", "repeated-key", "not-utf8"])
def test_a_file_that_is_no_toml_is_one_located_line(edition, toml):
    (edition.root / "teikit.toml").write_bytes(toml.encode("latin-1") if toml == "\xff\xfe" else toml.encode())
    run = teikit("validate")
    assert run.exit_code == 1
    assert run.stderr.startswith("Error: teikit.toml:") and run.stderr.endswith("[config-toml]\n")
    assert run.stderr.count("\n") == 1


def test_a_teikit_toml_that_is_no_regular_file_is_one_line(edition):
    import os

    os.remove(edition.root / "teikit.toml")
    os.mkfifo(edition.root / "teikit.toml")
    run = teikit("validate")
    assert run.exit_code == 1 and run.stderr.endswith("[file-type]\n") and run.stderr.count("\n") == 1


@pytest.mark.parametrize("setting, folder", [
    ('documents = ["../../../x/*.xml"]', "../../../x"),
    ('documents = ["tei/../../outside/*.xml"]', "../outside"),
    ('documents = ["tei/*/../../../outside/*.xml"]', "../outside"),
    ('authorities = ["../outside/*.xml"]', "../outside"),
    ('description = "../outside/edition.xml"', "../outside"),
], ids=["documents", "dot-dot-inside", "dot-dot-after-a-glob", "authorities", "description"])
def test_a_glob_out_of_the_edition_is_refused_unless_allowed(edition, setting, folder):
    outside = edition.root.parent / "outside"
    outside.mkdir()
    (outside / "secret.xml").write_bytes((edition.tei / "533.xml").read_bytes().replace(b"d533", b"dsecret"))
    (outside / "edition.xml").write_bytes((edition.tei / "edition.xml").read_bytes())
    key = setting.split(" ", 1)[0]
    (edition.root / "teikit.toml").write_text(f"{CONFIG}\n[corpus]\n{setting}\n", encoding="utf-8")
    line = len(CONFIG.splitlines()) + 3
    shown = setting.split("= ", 1)[1].strip("[]")
    for command in (("validate",), ("build", "--out", "out")):
        run = teikit(*command)
        assert run.exit_code == 1
        assert run.stderr == (
            f"Error: teikit.toml:{line}:1: error: [corpus] {key}: {shown} leads out of the edition folder; teikit "
            "reads and publishes only the edition's own files unless teikit.toml names the folder: "
            f'[corpus] allow_outside = ["{folder}"] [config-path]\n')
    assert not edition.out.exists()


def test_allow_outside_is_the_explicit_word_that_reads_a_folder_outside(edition):
    outside = edition.root.parent / "registers"
    outside.mkdir()
    (edition.tei / "persons.xml").rename(outside / "persons.xml")
    (edition.root / "teikit.toml").write_text(
        CONFIG + '\n[corpus]\nauthorities = ["../registers/*.xml", "tei/places.xml", "tei/orgs.xml"]\n'
        'allow_outside = ["../registers"]\n', encoding="utf-8")
    run = teikit("build", "--out", "out", "--jobs", "1")
    assert run.exit_code == 0, run.stderr
    assert {"533", "534"} <= edition.built()
    assert (edition.out / "html" / "tei" / "persons.xml").is_file()
    # a link in the allowed folder that leads elsewhere is still not followed
    elsewhere = edition.root.parent / "elsewhere.xml"
    elsewhere.write_bytes((outside / "persons.xml").read_bytes())
    (outside / "persons.xml").unlink()
    (outside / "persons.xml").symlink_to(elsewhere)
    run = teikit("validate")
    assert run.exit_code == 1 and "[file-link]" in run.stderr


UNSAFE_URLS = {"javascript": "javascript:alert(1)//", "mixed-case": "JaVaScRiPt:alert(1)",
               "data": "data:text/html,<script>x</script>", "file": "file:///etc/passwd", "vbscript": "vbscript:msgbox",
               "leading-space": " https://x.org/", "escape": "https://x.org/\x1b[2J", "scheme-relative": "//evil.example/",
               "no-host": "https:alert(1)"}
LINKED_SETTINGS = [(setting, url) for url in UNSAFE_URLS.values() for setting in ("licence", "base_url")]


@pytest.mark.parametrize("setting, url", LINKED_SETTINGS,
                         ids=[f"{name}-{setting}" for name in UNSAFE_URLS for setting in ("licence", "base_url")])
def test_a_setting_that_becomes_a_link_takes_only_http_urls(edition, setting, url):
    import json

    toml = CONFIG.replace(f'{setting} = "', f'{setting} = {json.dumps(url)}\n# "')
    (edition.root / "teikit.toml").write_text(toml, encoding="utf-8")
    line = next(n for n, text in enumerate(toml.splitlines(), 1) if text.startswith(setting))
    example = "https://creativecommons.org/licenses/by/4.0/" if setting == "licence" else "https://edition.example.net/"
    run = teikit("build", "--out", "out")
    assert run.exit_code == 1
    assert run.stderr.startswith(f"Error: teikit.toml:{line}:1: error: [edition] {setting} = ")
    assert run.stderr.endswith(URL.format(example) + "\n") and "\x1b" not in run.stderr
    assert not edition.out.exists()


def test_the_pages_link_no_unsafe_url_even_when_a_program_sets_one(edition):
    """Defence in depth: the stylesheets link the licence and the base URL only when they are http(s)."""
    config = Config(licence="javascript:alert(1)//", base_url="javascript:alert(2)//", title="T")
    page = render(Edition(edition.root, config), edition.tei / "533.xml", "html")
    root = html.fromstring(page.encode("utf-8"))
    hrefs = [e.get("href") or "" for e in root.iter() if isinstance(e.tag, str)]
    assert hrefs and not [h for h in hrefs if "javascript" in h.lower()]
    assert "alert" not in " ".join(m.get("content", "") for m in root.iter("meta"))


def test_an_unknown_key_is_a_located_warning_naming_the_nearest_and_the_build_goes_on(edition):
    toml = CONFIG + '[limits]\nmax_fle_mb = 1\n[edtion]\ntitle = "x"\n[corpus]\nlicence = "x"\n'
    (edition.root / "teikit.toml").write_text(toml, encoding="utf-8")
    lines = len(CONFIG.splitlines())
    warnings = [
        f"teikit.toml:{lines + 2}:1: warning: unknown key max_fle_mb in [limits] (did you mean max_file_mb?): "
        "it is ignored (docs/conventions.md lists every setting) [config-unknown]",
        f"teikit.toml:{lines + 3}:1: warning: unknown table [edtion] (did you mean [edition]?): it is ignored "
        "(docs/conventions.md lists every setting) [config-unknown]",
        f"teikit.toml:{lines + 6}:1: warning: unknown key licence in [corpus] (did you mean [edition] licence?): "
        "it is ignored (docs/conventions.md lists every setting) [config-unknown]",
    ]
    validated = teikit("validate")
    assert validated.exit_code == 0 and validated.diagnostics == warnings
    built = teikit("build", "--out", "out", "--jobs", "1")
    assert built.exit_code == 0 and built.stderr.splitlines() == warnings
