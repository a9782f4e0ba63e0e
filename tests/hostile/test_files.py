"""Files that are not files, and file names that are attacks.

Only regular files are read, each up to [limits] max_file_mb; a file name becomes a page's
name and links, so it is either carried safely (percent-encoded, "./" relative) or refused.
"""

from __future__ import annotations

import os

import pytest
from lxml import html

from .hostile_kit import teikit

NOT_FILES = [
    ("named-pipe", lambda p: os.mkfifo(p), "not a regular file (a named pipe): teikit reads only regular files [file-type]"),
    ("link-to-dev-zero", lambda p: p.symlink_to("/dev/zero"),  # a link out of the edition, besides
     "a symbolic link that leads out of the edition folder: teikit reads and publishes only the edition's "
     "own files (copy the file in instead) [file-link]"),
    ("folder", lambda p: p.mkdir(), "not a regular file (a folder): teikit reads only regular files [file-type]"),
    ("dangling-link", lambda p: p.symlink_to(p.parent / "nowhere.xml"),
     "cannot read file: a symbolic link to a file that does not exist [io]"),
]


@pytest.mark.parametrize("case, make, message", NOT_FILES, ids=[c[0] for c in NOT_FILES])
def test_what_is_not_a_regular_file_is_one_line(edition, case, make, message):
    make(edition.tei / "x.xml")
    line = f"tei/x.xml:1:0: error: {message}"
    edition.assert_refused([line])
    edition.assert_good_built()


def test_a_loop_of_links_is_one_line_each(edition):
    (edition.tei / "a.xml").symlink_to("b.xml")
    (edition.tei / "b.xml").symlink_to("a.xml")
    lines = [f"tei/{n}.xml:1:0: error: cannot read file: a loop of symbolic links [io]" for n in "ab"]
    assert edition.validate().diagnostics == lines
    built = edition.build()
    assert built.exit_code == 1 and built.stderr.splitlines() == lines
    edition.assert_good_built()


LINK_OUT = ("a symbolic link that leads out of the edition folder: teikit reads and publishes only "
            "the edition's own files (copy the file in instead) [file-link]")


@pytest.mark.parametrize("target", ["secret.txt", "other-edition.xml"], ids=["secret", "valid-tei"])
def test_a_link_to_a_file_outside_the_edition_is_refused_and_leaks_nothing(edition, tmp_path, target):
    outside = tmp_path / target
    if target.endswith(".xml"):  # a good document of someone else: still not published
        outside.write_bytes((edition.tei / "533.xml").read_bytes().replace(b'xml:id="d533', b'xml:id="dother'))
    else:
        outside.write_text("password=hunter2\n")
    (edition.tei / "x.xml").symlink_to(outside)
    line = f"tei/x.xml:1:0: error: {LINK_OUT}"
    edition.assert_refused([line])
    edition.assert_good_built()
    assert "x" not in edition.built() and not (edition.out / "html" / "tei" / "x.xml").exists()
    published = [p.read_bytes() for p in edition.out.rglob("*") if p.is_file()]
    assert not any(b"hunter2" in data or b"dother" in data for data in published)


def test_a_folder_linked_from_outside_is_refused_file_by_file(edition, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "y.xml").write_bytes((edition.tei / "533.xml").read_bytes().replace(b'xml:id="d533', b'xml:id="dy'))
    (edition.tei / "linked").symlink_to(elsewhere, target_is_directory=True)
    (edition.root / "teikit.toml").write_text(
        (edition.root / "teikit.toml").read_text() + '[corpus]\ndocuments = ["tei/*.xml", "tei/*/*.xml"]\n')
    built = edition.build()
    assert built.exit_code == 1 and built.stderr.splitlines() == [f"tei/linked/y.xml:1:0: error: {LINK_OUT}"]
    edition.assert_good_built()


def test_a_link_within_the_edition_is_followed(edition):
    drafts = edition.root / "drafts"
    drafts.mkdir()
    source = (edition.tei / "533.xml").read_bytes().replace(b'xml:id="d533', b'xml:id="dx')
    (drafts / "x.xml").write_bytes(source)
    (edition.tei / "x.xml").symlink_to("../drafts/x.xml")
    assert edition.validate().exit_code == 0
    built = edition.build()
    assert built.exit_code == 0, built.stderr
    assert {"533", "534", "x"} <= edition.built()
    assert (edition.out / "html" / "tei" / "x.xml").read_bytes() == source


def test_a_file_over_the_size_cap_is_refused_and_the_cap_is_configurable(edition):
    edition.variant("big.xml", **{"</p>": " many words" * 60_000 + "</p>"})
    (edition.root / "teikit.toml").write_text(
        (edition.root / "teikit.toml").read_text() + "[limits]\nmax_file_mb = 0.5\n")
    line = ("tei/big.xml:1:0: error: file is larger than the limit of 0.5 MB "
            "(raise [limits] max_file_mb in teikit.toml to read it) [file-size]")
    built = edition.build()
    assert built.exit_code == 1 and built.stderr.splitlines() == [line]
    edition.assert_good_built()
    (edition.root / "teikit.toml").write_text((edition.root / "teikit.toml").read_text().replace("0.5", "2"))
    assert edition.build().exit_code == 0 and "big" in edition.built()


def test_a_size_cap_that_is_not_a_number_is_one_line(edition):
    (edition.root / "teikit.toml").write_text('[limits]\nmax_file_mb = "big"\n')
    run = teikit("validate")
    assert run.exit_code == 1
    assert run.stderr == ('Error: teikit.toml:2:1: error: [limits] max_file_mb = "big" is not allowed: it takes a number '
                          "above 0 and at most 2048 (megabytes), e.g. 50 [config-value]\n")


def links(page) -> list[str]:
    return [a.get("href") for a in html.parse(str(page)).getroot().iter("a") if a.get("href")]


@pytest.mark.parametrize("stem, encoded", [
    ("javascript:alert(document.domain)", "./javascript%3Aalert%28document.domain%29.html"),
    ('a"onmouseover="alert(1)', "./a%22onmouseover%3D%22alert%281%29.html"),
    ("<img src=x onerror=alert(1)>", "./%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.html"),
    ("data:text html,x", "./data%3Atext%20html%2Cx.html"),
], ids=["javascript", "attribute-break", "markup", "data-url"])
def test_a_file_name_never_becomes_a_script_or_markup(edition, stem, encoded):
    edition.variant(f"{stem}.xml", source="534")
    built = edition.build()
    assert built.exit_code == 0, built.stderr
    assert stem in edition.built()
    pages = ["index.html", "persons.html", "correspondents.html", "533.html", "534.html"]
    every_link = [href for page in pages for href in links(edition.out / "html" / page)]
    assert encoded in every_link
    assert not [h for h in every_link if h.split(":")[0].lower() in ("javascript", "data", "vbscript")]
    own = links(edition.out / "html" / f"{stem}.html")
    assert "./tei/" + encoded[2:-5] + ".xml" in own
    for page in (edition.out / "html").glob("*.html"):
        assert "<img" not in page.read_text(encoding="utf-8"), page


def test_a_neighbours_link_is_encoded_too(edition):
    edition.variant("javascript:alert(1).xml", source="534", **{'when="1920-': 'when="1920-'})
    edition.build()
    neighbours = [h for page in ("533.html", "534.html") for h in links(edition.out / "html" / page)]
    assert "./javascript%3Aalert%281%29.html" in neighbours


@pytest.mark.parametrize("name, shown, char", [
    ("esc\x1b[31mred.xml", "esc\\x1b[31mred.xml", "\\x1b"),
    ("bell\x07.xml", "bell\\x07.xml", "\\x07"),
    ("new\nline.xml", "new\\x0aline.xml", "\\x0a"),
    ("rtl\u202egnp.xml", "rtl\\u202egnp.xml", "\\u202e"),
], ids=["escape-code", "bell", "newline", "bidi-override"])
def test_control_characters_in_file_names_are_refused_and_shown_escaped(edition, name, shown, char):
    edition.variant(name, source="534")
    line = (f"tei/{shown}:1:0: error: the file name holds {char}, which no web address can carry safely: "
            "rename the file [file-name]")
    built = edition.assert_refused([line])
    assert "\x1b" not in built.stdout + built.stderr and "\x07" not in built.stderr
    edition.assert_good_built()


def test_bytes_that_are_not_utf8_in_a_file_name_are_refused_and_shown_escaped(edition):
    path = os.path.join(os.fsencode(edition.tei), b"caf\xe9.xml")
    with open(path, "wb") as handle:
        handle.write((edition.tei / "534.xml").read_bytes().replace(b'xml:id="d534', b'xml:id="dcafe'))
    line = ("tei/caf\\xe9.xml:1:0: error: the file name holds \\xe9, which no web address can carry safely: "
            "rename the file [file-name]")
    built = edition.build()
    assert built.exit_code == 1 and built.stderr.splitlines() == [line]
    edition.assert_good_built()


@pytest.mark.parametrize("command", [("render", "--to", "text"), ("render", "--to", "html"), ("import", "cmif")],
                         ids=["render-text", "render-html", "import-cmif"])
@pytest.mark.parametrize("make, kind", [(lambda p: os.mkfifo(p), "a named pipe"),
                                        (lambda p: p.symlink_to("/dev/zero"), "a character device")],
                         ids=["named-pipe", "dev-zero"])
def test_single_file_commands_read_only_regular_files(edition, command, make, kind):
    make(edition.root / "x.xml")
    args = ["render", "x.xml", *command[1:]] if command[0] == "render" else [*command, "x.xml"]
    run = teikit(*args)
    assert run.exit_code == 1
    assert run.stderr == f"Error: x.xml:1:0: error: not a regular file ({kind}): teikit reads only regular files [file-type]\n"
