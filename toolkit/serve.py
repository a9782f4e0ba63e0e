"""`teikit serve`: preview the built site on this machine (the standard library's HTTP server)."""

from __future__ import annotations

from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .errors import TeikitError


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the build folder; `/` goes to the home page in html/."""

    def do_GET(self):
        if self.path in ("/", "/index.html"):
            self.send_response(302)
            self.send_header("Location", "/html/index.html")
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, format, *args):  # one short line per request
        print(f"{self.address_string()} {format % args}")


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    directory = Path(directory).resolve()
    if not (directory / "html" / "index.html").is_file():
        raise TeikitError(f"{directory}: no built site here (html/index.html is missing); run `teikit build` first")
    handler = partial(_SiteHandler, directory=str(directory))
    try:
        return ThreadingHTTPServer((host, port), handler)
    except OSError as error:
        raise TeikitError(f"cannot listen on {host}:{port}: {error.strerror}; try another --port") from None


def serve(directory: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve `directory` (a build folder) until interrupted."""
    server = make_server(directory, host, port)
    address, bound_port = server.server_address[:2]
    print(f"Serving {directory} at http://{address}:{bound_port}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
