"""`teikit serve`: preview the built site on this machine, with the DTS API live at /api/dts.

The site is served from the build folder as files (the standard library's HTTP server); the
API answers every DTS 1.0 request over the documents that were built (DIR/html/tei/), from
the same code that wrote the static copy under DIR/html/api/dts/ (toolkit/dts).

What it never does: serve teikit's own folder (.teikit/: the state names the sources' paths)
or any other hidden file, follow a link out of the build folder, print a traceback (a request
it cannot read, %00 in a path, a client that hangs up, a bug in the API: one line each), or
print a request's control characters raw (a path with an escape code is logged escaped).
Every answer says `X-Content-Type-Options: nosniff`; an answer that is not one of the site's
pages, stylesheets, scripts or pictures (the TEI copies, JSON, plain text) also says
`Content-Security-Policy: sandbox`, so a browser opening it runs nothing on this origin.
"""

from __future__ import annotations

import os
import sys
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .diagnostics import printable
from .errors import TeikitError

API_PREFIX = "/api/dts"
# What a page of the site is made of; anything else is answered with a sandbox policy.
ACTIVE_TYPES = ("text/html", "text/css", "text/javascript", "application/javascript", "image/", "font/",
                "application/wasm")


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the build folder; `/` goes to the home page in html/; /api/dts is the DTS API."""

    library = None  # set by make_server: the toolkit.dts Library of the built documents

    def do_GET(self):
        if self.path in ("/", "/index.html"):
            self.send_response(302)
            self.send_header("Location", "/html/index.html")
            self.end_headers()
            return
        if not self._api() and self._servable():
            super().do_GET()

    def do_HEAD(self):
        if not self._api(body=False) and self._servable():
            super().do_HEAD()

    def _servable(self) -> bool:
        """A file of the site: no NUL, no hidden file or folder (.teikit/), no link out of the folder."""
        path = unquote(urlsplit(self.path).path)
        if "\0" in path:
            self.send_error(HTTPStatus.BAD_REQUEST, "a NUL character in the path")
            return False
        if any(part.startswith(".") for part in path.split("/") if part):
            self.send_error(HTTPStatus.NOT_FOUND)
            return False
        root = os.path.realpath(self.directory)
        if os.path.commonpath([root, os.path.realpath(self.translate_path(self.path))]) != root:
            self.send_error(HTTPStatus.NOT_FOUND)
            return False
        return True

    def end_headers(self):
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def send_header(self, keyword, value):
        super().send_header(keyword, value)
        if keyword.lower() == "content-type" and not str(value).startswith(ACTIVE_TYPES):
            super().send_header("Content-Security-Policy", "sandbox")

    def _api(self, body: bool = True) -> bool:
        """Answer a request to the API; False if the path is not the API's."""
        address = urlsplit(self.path)
        if address.path == API_PREFIX or address.path.startswith(API_PREFIX + "/"):
            self._dts(address.path[len(API_PREFIX):].lstrip("/"), address.query, body)
            return True
        return False

    def _dts(self, path: str, query: str, body: bool = True) -> None:
        from .dts import DtsError, error_response
        from .dts.model import Api
        from .dts.requests import respond

        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        api = Api(root=f"http://{host}{API_PREFIX}/", site=f"http://{host}/html/")
        try:
            response = respond(self.library, api, path, query)
        except Exception as error:  # a bug: the client gets a JSON 500, the log one line
            self.log_message("internal error answering %s: %s: %s", path, type(error).__name__, error)
            response = error_response(DtsError(500, "internal error: see the server's log"))
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Access-Control-Allow-Origin", "*")  # DTS clients run in other sites' pages
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(response.body)

    def log_message(self, format, *args):  # one short line per request, on stderr like any server log
        print(printable(f"{self.address_string()} {format % args}"), file=sys.stderr)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """One line, not the traceback socketserver prints (a client that hangs up, a request it cannot read)."""
        error = sys.exc_info()[1]
        print(printable(f"{client_address[0]} request failed: {type(error).__name__}: {error}"), file=sys.stderr)


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000, edition=None) -> ThreadingHTTPServer:
    from .dts.library import from_build
    from .edition import Config, Edition

    directory = Path(directory).resolve()
    if not (directory / "html" / "index.html").is_file():
        raise TeikitError(f"{directory}: no built site here (html/index.html is missing); run `teikit build` first")
    library, _ = from_build(edition or Edition(directory, Config()), directory)
    handler = type("SiteHandler", (_SiteHandler,), {"library": library})
    try:
        return _Server((host, port), partial(handler, directory=str(directory)))
    except OSError as error:
        raise TeikitError(f"cannot listen on {host}:{port}: {error.strerror}; try another --port") from None


def serve(directory: Path, host: str = "127.0.0.1", port: int = 8000, edition=None) -> None:
    """Serve `directory` (a build folder) until interrupted."""
    server = make_server(directory, host, port, edition)
    address, bound_port = server.server_address[:2]
    print(f"Serving {directory} at http://{address}:{bound_port}/ (Ctrl-C stops); "
          f"DTS API at http://{address}:{bound_port}{API_PREFIX}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
