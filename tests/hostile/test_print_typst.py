"""The print edition under attack. The print stylesheet writes Typst source, a language with code:
a document's, an authority file's or the settings' words must print as written and never become
Typst markup or code, and the typesetter must read nothing outside the project teikit gives it
(no file of the machine, no Typst package from the user's cache) nor reach the network.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from .hostile_kit import CONFIG, teikit

pytest.importorskip("typst", reason="the print engine: pip install typst")
pypdf = pytest.importorskip("pypdf", reason="pypdf is a test dependency: pip install '.[test]'")
if not shutil.which("pdftotext"):
    pytest.skip("pdftotext (Debian's poppler-utils) is not installed", allow_module_level=True)

# Typst's markup and code, each of which would do something if it reached the source unescaped.
TYPST = ['#read("/etc/passwd")', "$x^2$", "back\\slash", "close]", "[open", "@label", "<label>", "// comment",
         "/* block", "*/", "```raw```", "`raw`", '#import "@preview/cetz:0.3.0": *', 'a"quote', '#"string"',
         "*strong*", "_emph_", "= heading", "- item", "+ item", "\\u{41}", "#{1 + 1}", "#let x = 1", "~", "#", "{",
         "}", '\\"', "\\", '#link("file:///etc/passwd")', '#image("/etc/hostname")', "#set text(size: 80pt)",
         "#pagebreak()", "'smart'", "--", "...", "https://example.org/x_y*z*"]
WORDS = " ".join(TYPST)


def squeezed(text: str) -> str:
    return "".join(text.split())


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def link_targets(pdf: Path) -> list[str]:
    """The address of every link annotation to outside the PDF."""
    targets = []
    for page in pypdf.PdfReader(str(pdf)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and action.get_object().get("/URI") is not None:
                targets.append(str(action.get_object()["/URI"]))
    return targets


def hostile(place: str) -> str:
    return f"{place}: {WORDS}"


def test_words_from_documents_authority_files_and_settings_print_as_written(edition):
    edition.variant("hostile.xml", **{
        "G. Chicherin</persName>": f"G. Chicherin {escape(hostile('text'))}</persName>",
        '<idno type="fond">109': f'<idno type="fond">109 {escape(hostile("archive"))}',
        "dated <date": f'{escape(hostile("note"))} <ref target="javascript:alert(1)">script link</ref> '
                       f'<ref target="file:///etc/passwd">file link</ref> dated <date'})
    persons = edition.tei / "persons.xml"
    persons.write_text(persons.read_text(encoding="utf-8").replace(
        "<surname>Chicherin</surname>", f"<surname>Chicherin {escape(hostile('register'))}</surname>", 1),
        encoding="utf-8")
    quoted = {place: json.dumps(hostile(place)) for place in ("title", "editor", "publisher")}  # a TOML string too
    (edition.root / "teikit.toml").write_text(CONFIG.replace('title = "Hostile"', f'title = {quoted["title"]}\n'
                                                             f'editors = [{quoted["editor"]}]\npublisher = {quoted["publisher"]}'),
                                              encoding="utf-8")
    run = edition.build()
    assert run.exit_code == 0, run.stderr
    pdf = edition.out / "edition.pdf"
    text = squeezed(pdf_text(pdf))
    for place in ("text", "note", "archive", "register", "title", "editor", "publisher"):
        assert squeezed(hostile(place)) in text, place
    assert text.count(squeezed(hostile("archive"))) == 2  # in the description and as the source prints it
    assert all(target.startswith(("https://", "http://")) for target in link_targets(pdf)), link_targets(pdf)
    single = teikit("render", str(edition.tei / "hostile.xml"), "--to", "pdf", "-o", "hostile.pdf")
    assert single.exit_code == 0, single.stderr
    text = squeezed(pdf_text(edition.root / "hostile.pdf"))
    assert all(squeezed(hostile(place)) in text for place in ("text", "note", "archive"))


@pytest.fixture
def proxy(monkeypatch):
    """A web proxy the environment names (as on a machine whose way out is a proxy): every
    connection made to it is recorded."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    connections: list[bytes] = []

    def accept():
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connections.append(connection.recv(1024))

    threading.Thread(target=accept, daemon=True).start()
    address = f"http://127.0.0.1:{listener.getsockname()[1]}"
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.setenv(name, address)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    yield connections
    listener.close()


@pytest.fixture
def cached_package(tmp_path, monkeypatch) -> Path:
    """A Typst package in the user's own cache and data folders, as `typst` would have left it."""
    home = tmp_path / "home"
    for folder in ("cache", "data"):
        package = home / folder / "typst" / "packages" / "preview" / "local" / "0.1.0"
        package.mkdir(parents=True)
        (package / "typst.toml").write_text('[package]\nname = "local"\nversion = "0.1.0"\nentrypoint = "lib.typ"\n'
                                            'authors = ["x"]\nlicense = "MIT"\ndescription = "x"\n', encoding="utf-8")
        (package / "lib.typ").write_text('#let secret = "read from the user\'s folders"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    return home


@pytest.mark.parametrize("source, error", [
    ('#import "@preview/cetz:0.3.0": *\nx', "failed to download package"),
    ('#import "@preview/local:0.1.0": secret\n#secret', "failed to download package"),
    ('#read("../secret.txt")', "would escape the project root"),
    ('#read("{secret}")', "file not found"),
    ('#image("{secret}")', "file not found"),
    ('#include "/etc/hostname"', "file not found"),
], ids=["network", "user-package", "up-and-out", "absolute-path", "image", "include"])
def test_the_typesetter_reads_nothing_outside_its_project_and_reaches_no_network(tmp_path, proxy, cached_package,
                                                                               source, error):
    from toolkit.typeset import TypesetError, typeset

    secret = tmp_path / "secret.txt"
    secret.write_text("a secret of this machine", encoding="utf-8")
    with pytest.raises(TypesetError) as refused:
        typeset({"edition.typ": source.replace("{secret}", str(secret)).encode("utf-8")})
    assert error in refused.value.message and "\n" not in refused.value.message
    assert refused.value.where[0] == "edition.typ"
    assert proxy == [], "the typesetter reached for the network"
    assert os.environ["HTTPS_PROXY"].startswith("http://127.0.0.1:")  # the build's own process is left as it was
