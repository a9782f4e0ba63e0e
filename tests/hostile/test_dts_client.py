"""`teikit import dts` against a hostile server, and `import cmif` of a hostile file.

The server is a real one on this machine (a thread), answering as an attacker would: slowly, a
byte at a time; with collections that never end; with JSON nested beyond any parser; with URI
templates that point at local files; with titles that carry terminal escape codes. Each import
ends in one line within its budget, reads no local file, and prints what the server wrote as
text, escaped.
"""

from __future__ import annotations

import json
import socket
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from toolkit.dts import client

from .hostile_kit import running, teikit

ESCAPES = "\x1b]0;owned\x07\x1b[2J\u202eevil\u202c\x9b31m"
SHOWN = "\\x1b]0;owned\\x07\\x1b[2J\\u202eevil\\u202c\\x9b31m"


def entry(base: str, **templates) -> dict:
    return {"@id": f"{base}/api", "@type": "EntryPoint", "dtsVersion": "1.0",
            "collection": templates.get("collection", f"{base}/collection{{?id}}"),
            "navigation": f"{base}/navigation{{?resource}}",
            "document": templates.get("document", f"{base}/document{{?resource}}")}


class Hostile(BaseHTTPRequestHandler):
    """Answers by the first part of the path: /<behaviour>/…"""

    requests = 0

    def do_GET(self):
        type(self).requests += 1
        behaviour = self.path.strip("/").split("/", 1)[0]
        base = f"http://{self.headers['Host']}/{behaviour}"
        getattr(self, behaviour.replace("-", "_"))(base)

    def json(self, data, status: int = 200) -> None:
        body = data if isinstance(data, bytes) else json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def trickle(self, base):  # a byte every half second, for ever
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.end_headers()
        self._drip(b" ")

    def trickle_headers(self, base):  # the headers never end
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        self._drip(b"X")

    def _drip(self, byte: bytes) -> None:
        try:
            while True:
                self.wfile.write(byte)
                self.wfile.flush()
                time.sleep(0.5)
        except OSError:  # the client gave up
            pass

    def endless(self, base):  # every collection holds ten new ones, for ever
        if "collection" not in self.path:
            return self.json(entry(base))
        here = self.path.rsplit("=", 1)[-1] if "=" in self.path else "root"
        self.json({"@id": here, "@type": "Collection", "title": here,
                   "member": [{"@id": f"{here}-{n}", "@type": "Collection", "title": "x" * 1000} for n in range(10)]})

    def nested(self, base):  # 200,000 [ as the entry point
        self.json(b"[" * 200_000)

    def local_files(self, base):  # templates that point at this machine's files
        if "collection" in self.path:
            return self.json({"@id": "root", "@type": "Collection", "member": [],
                              "view": {"@id": "1", "next": "file:///etc/passwd"}})
        self.json(entry(base, document="file:///etc/{resource}"))

    def escapes(self, base):
        if "collection" not in self.path:
            return self.json(entry(base))
        self.json({"@id": "root", "@type": "Collection", "member": [
            {"@id": f"id{ESCAPES}", "@type": "Resource", "title": f"A title{ESCAPES}\tand\nmore"}]})

    def log_message(self, format, *args):
        pass


@pytest.fixture
def server():
    Hostile.requests = 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    httpd.daemon_threads = True
    with running(httpd) as address:
        yield address


@pytest.fixture
def edition_dir(tmp_path, monkeypatch):
    (tmp_path / "tei").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("behaviour", ["trickle", "trickle-headers"], ids=["trickle", "trickle-headers"])
def test_a_server_that_sends_a_byte_at_a_time_is_given_up_on(server, edition_dir, monkeypatch, behaviour):
    monkeypatch.setattr(client, "REQUEST_SECONDS", 2)
    started = time.monotonic()
    run = teikit("import", "dts", f"{server}/{behaviour}/api")
    assert time.monotonic() - started < 10
    assert run.exit_code == 1
    assert run.stderr == f"Error: {server}/{behaviour}/api: no whole answer within 2 s; given up\n"


def test_the_whole_import_has_a_time_limit_too(server, edition_dir, monkeypatch):
    monkeypatch.setattr(client, "TOTAL_SECONDS", 1)
    monkeypatch.setattr(client, "REQUEST_SECONDS", 30)
    run = teikit("import", "dts", f"{server}/trickle/api")
    assert run.exit_code == 1
    assert run.stderr == f"Error: {server}/trickle/api: not read to the end: this import has taken 1 s, its limit\n"


def test_endless_collections_stop_at_the_budget_of_requests(server, edition_dir, monkeypatch):
    monkeypatch.setattr(client, "MAX_REQUESTS", 50)
    started = time.monotonic()
    run = teikit("import", "dts", f"{server}/endless/api")
    assert time.monotonic() - started < 60
    assert run.exit_code == 1 and Hostile.requests == 50
    assert run.stderr.endswith(": not read: this import has made 50 requests, its limit (an endpoint that never "
                               "ends its collections?)\n")


def test_endless_collections_stop_at_the_budget_of_bytes(server, edition_dir, monkeypatch):
    monkeypatch.setattr(client, "MAX_TOTAL_BYTES", 200_000)
    run = teikit("import", "dts", f"{server}/endless/api")
    assert run.exit_code == 1 and run.stderr.endswith(": not read: this import has read 0 MB, its limit\n")
    assert Hostile.requests < 30


def test_json_nested_beyond_any_parser_is_one_line(server, edition_dir):
    run = teikit("import", "dts", f"{server}/nested/api")
    assert run.exit_code == 1
    assert run.stderr == (f"Error: {server}/nested/api: the answer is JSON nested too deep to read; is this a DTS "
                          "endpoint?\n")


def test_a_server_never_makes_the_client_read_a_local_file(server, edition_dir):
    listed = teikit("import", "dts", f"{server}/local-files/api")
    assert listed.exit_code == 1
    assert listed.stderr == (f"Error: file:///etc/passwd: not read: the endpoint {server}/local-files/api leads to an "
                             "address outside it (only http(s), or files beside a file: entry point)\n")
    fetched = teikit("import", "dts", f"{server}/local-files/api", "--fetch", "passwd")
    assert fetched.exit_code == 1 and fetched.stderr.startswith("Error: file:///etc/passwd: not read")
    assert not list((edition_dir / "tei").iterdir())


def test_titles_with_escape_codes_are_printed_escaped(server, edition_dir):
    run = teikit("import", "dts", f"{server}/escapes/api")
    assert run.exit_code == 0
    assert run.stdout.splitlines()[0] == f"id{SHOWN}\tResource\tA title{SHOWN}\\x09and\\x0amore"
    assert not any(c in run.stdout for c in "\x1b\x07\u202e\x9b")
    listed = teikit("import", "dts", f"{server}/escapes/api", "--format", "json")
    assert not any(c in listed.stdout for c in "\x1b\x07\u202e\x9b")
    assert json.loads(listed.stdout)[0]["title"] == f"A title{ESCAPES}\tand\nmore"  # the data itself, whole


def test_the_import_cmif_listing_prints_names_escaped(edition_dir):
    from pathlib import Path

    source = Path(__file__).resolve().parents[1] / "roots" / "cmif"
    cmif = source / "files" / "messy.xml"
    text = cmif.read_text(encoding="utf-8")
    marker = "\u202eevil\u202c\u009b31m"
    hostile = edition_dir / "hostile-cmif.xml"
    hostile.write_text(text.replace("</persName>", f"{marker}</persName>", 1), encoding="utf-8")
    run = teikit("import", "cmif", str(hostile))
    assert run.exit_code == 0, run.stderr
    assert "\\u202eevil\\u202c\\x9b31m" in run.stdout and not any(c in run.stdout for c in "\u202e\u202c\x9b")
    listed = teikit("import", "cmif", str(hostile), "--format", "json")
    assert not any(c in listed.stdout for c in "\u202e\u202c\x9b") and json.loads(listed.stdout)


def test_a_connection_that_is_refused_is_one_line(edition_dir):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    run = teikit("import", "dts", f"http://127.0.0.1:{port}/api")
    assert run.exit_code == 1 and run.stderr.startswith(f"Error: http://127.0.0.1:{port}/api: cannot read it: ")
