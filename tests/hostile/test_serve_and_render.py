"""`teikit serve` under hostile requests, `teikit render` of what the stylesheets cannot render,
and `teikit init` of the root folder: one line each, never a traceback, nothing outside the site."""

from __future__ import annotations

import http.client
import re
import socket

import pytest

from .hostile_kit import running, teikit


@pytest.fixture
def served(edition, capsys):
    """The edition built and served; yields a function (method, raw path) -> (status, headers, body)
    and the server's log so far."""
    from toolkit.serve import make_server

    assert edition.build().exit_code == 0
    httpd = make_server(edition.out, "127.0.0.1", 0)
    port = httpd.server_address[1]

    def get(path: str, method: str = "GET"):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.putrequest(method, path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, dict(response.getheaders()), body

    get.port = port
    with running(httpd):
        yield get


def log(capsys) -> str:
    return capsys.readouterr().err


@pytest.mark.parametrize("path, status", [
    ("/html/%00", 400), ("/html/533.html%00.txt", 400), ("/%00/../.teikit/state.json", 400),
    ("/.teikit/state.json", 404), ("/.teikit/state.sqlite", 404), ("/.teikit/", 404),
    ("/%2Eteikit/state.sqlite", 404), ("/html/../.teikit/state.sqlite", 404), ("/html/%2e%2e/.teikit/lock", 404),
    ("/../../etc/passwd", 404),
], ids=["nul", "nul-in-name", "nul-then-state", "state-of-old", "state", "state-folder", "encoded-dot", "dot-dot",
        "encoded-dot-dot", "above-the-site"])
def test_serve_answers_hostile_paths_without_a_traceback_or_the_state(served, edition, capsys, path, status):
    assert (edition.out / ".teikit" / "state.sqlite").is_file()  # there to be refused
    code, _, body = served(path)
    assert code == status
    assert b"/edition/tei" not in body and b"SQLite" not in body
    assert "Traceback" not in log(capsys)
    assert served("/html/index.html")[0] == 200  # and it goes on serving


def test_serve_never_follows_a_link_out_of_the_site(served, edition, capsys):
    secret = edition.root.parent / "secret.txt"
    secret.write_text("not for the web")
    (edition.out / "html" / "leak.txt").symlink_to(secret)
    code, _, body = served("/html/leak.txt")
    assert code == 404 and b"not for the web" not in body


def test_serve_logs_control_characters_escaped(served, capsys):
    with socket.create_connection(("127.0.0.1", served.port), timeout=30) as raw:
        raw.sendall(b"GET /html/\x1b]0;owned\x07\x1b[2J\xe2\x80\xae.html HTTP/1.0\r\n\r\n")
        raw.recv(65536)
    with socket.create_connection(("127.0.0.1", served.port), timeout=30) as raw:
        raw.sendall(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n")  # a TLS hello, say
        raw.recv(65536)
    written = log(capsys)
    assert "\x1b" not in written and "\x07" not in written and "\u202e" not in written
    assert "\\x1b]0;owned\\x07\\x1b[2J" in written
    assert "Traceback" not in written


def test_serve_sandboxes_what_is_not_a_page_of_the_site(served):
    _, tei_headers, _ = served("/html/tei/533.xml")
    assert tei_headers["Content-Security-Policy"] == "sandbox"
    assert tei_headers["X-Content-Type-Options"] == "nosniff"
    _, api_headers, _ = served("/api/dts/document?resource=533")
    assert api_headers["Content-Security-Policy"] == "sandbox"
    _, page_headers, _ = served("/html/533.html")
    assert "Content-Security-Policy" not in page_headers and page_headers["X-Content-Type-Options"] == "nosniff"


def test_a_bug_in_the_api_is_one_log_line_and_a_500(served, capsys, monkeypatch):
    from toolkit.dts import requests

    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(requests, "respond", broken)
    code, _, body = served("/api/dts")
    assert code == 500 and b"internal error" in body
    written = log(capsys)
    assert "Traceback" not in written
    assert re.search(r"internal error answering : KeyError: 'a bug'", written)


def test_render_names_the_document_it_cannot_render_not_the_stylesheet(edition):
    pytest.importorskip("tblib.pickling_support").install()  # as Dask does in a process: chains are pickled
    # A stylesheet meeting what it does not expect: `xs:integer` of a word.
    edition.customise_paragraph("BOOM", "xs:integer(tokenize(.)[1]) + 1")
    text = (edition.tei / "533.xml").read_text()
    (edition.root / "other.xml").write_text(text.replace("<p>I once again", "<p>BOOM I once again", 1))
    run = teikit("render", "other.xml", "--to", "html")
    assert run.exit_code == 1 and run.stdout == ""
    assert re.fullmatch(r"Error: other\.xml:1:0: error: the stylesheets cannot render this document: "
                        r"[^\n]*BOOM[^\n]* \[build-transform\]\n", run.stderr), run.stderr
    assert ".xsl" not in run.stderr
    assert teikit("render", "tei/533.xml", "--to", "html").exit_code == 0


def test_init_refuses_the_root_of_the_file_system(tmp_path):
    import os

    before = sorted(os.listdir("/"))
    run = teikit("init", "/")
    assert run.exit_code == 2
    assert run.stderr == ("Error: refusing to start an edition in /: it is the root of the file system; name a "
                          "folder of its own (teikit init DIR)\n")
    assert sorted(os.listdir("/")) == before
