"""DTS 1.0 (Distributed Text Services): the edition as an API, live and as static files.

    citations  refsDecl/citeStructure: read from the TEI, or teikit's default; evaluated into units
    model      the edition as DTS sees it (Library, Resource) and the API's addresses (Api)
    entry, collection, navigation, document   one module per endpoint: parameters -> Response
    requests   a request path (path-style or query-style) -> the endpoint's answer
    static     every answer a plain web server can give, as {relative path: bytes}
    client     `teikit import dts`: list a remote endpoint, fetch a document's TEI

`teikit serve` and `teikit build` call the same endpoint functions, so the static files are
the live answers written down. See docs/dts.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

DTS_VERSION = "1.0"
CONTEXT = "https://dtsapi.org/context/v1.0.json"
DTS_NS = "https://w3id.org/api/dts#"
JSON_LD = "application/ld+json"
TEI_XML = "application/tei+xml"

# How much of the API a build writes as files ([dts] static in teikit.toml; static.py says what each holds).
FULL, COMPACT, NONE, AUTO = "full", "compact", "none", "auto"
FULL_UP_TO = 200  # documents: above, auto writes the compact API (27 files a document are too many)


def static_mode(setting: str, documents: int) -> str:
    """The static API a build writes: the setting, with auto resolved by the edition's size."""
    if setting == AUTO:
        return FULL if documents <= FULL_UP_TO else COMPACT
    return setting


class DtsError(Exception):
    """A request the API cannot answer: its HTTP status and a message a client can act on."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def json_bytes(data: dict) -> bytes:
    """Deterministic JSON: the same answer gives the same bytes, live and static (compact: C-fast)."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def json_response(data: dict, status: int = 200) -> Response:
    return Response(status, JSON_LD, json_bytes(data))


def error_response(error: DtsError) -> Response:
    body = {"@context": CONTEXT, "@type": "Error", "statusCode": error.status, "title": _TITLES.get(error.status, "Error"),
            "description": error.message}
    return Response(error.status, "application/json", json_bytes(body))


_TITLES = {400: "Bad Request", 404: "Not Found", 500: "Internal Server Error"}
