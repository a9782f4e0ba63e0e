"""One request to the API, path-style or query-style, to the endpoint's answer or a JSON error.

Path-style is what the URI templates give (`navigation/533;ref=p1;down=1.json`); a plain web
server answers it from the static files. Query-style (`navigation?resource=533&ref=p1`) is
what many DTS clients send; the live server takes both and answers the same.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote

from . import DtsError, Response, error_response, json_response
from .collection import collection
from .document import document
from .entry import entry
from .model import Api, Library
from .navigation import navigation

ENDPOINTS = {"collection": collection, "navigation": navigation, "document": document}
_PATH = re.compile(r"^(collection|navigation|document)(?=$|[/;.])(.*)$")


def respond(library: Library, api: Api, path: str, query: str = "") -> Response:
    """`path`: below the API root, still percent-encoded; `query`: the raw query string."""
    try:
        endpoint, params = parse(path, query)
        if endpoint == "entry":
            return json_response(entry(library, api, params))
        answer = ENDPOINTS[endpoint](library, api, params)
        return answer if isinstance(answer, Response) else json_response(answer)
    except DtsError as error:
        return error_response(error)


def parse(path: str, query: str) -> tuple[str, dict[str, str]]:
    params: dict[str, str] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        _put(params, name, value)
    if path in ("", "index.json"):
        return "entry", params
    found = _PATH.match(path)
    if not found:
        raise DtsError(404, f"no endpoint {path.split('/')[0]!r}: the API has collection, navigation and document")
    endpoint, rest = found.groups()
    if endpoint != "document" and rest.endswith(".json"):
        rest = rest[: -len(".json")]
    if rest.startswith("/"):
        rest = rest[1:]
    elif rest and not rest.startswith(";"):
        raise DtsError(404, f"no such address: {path!r}")
    first, *named = rest.split(";")
    if first:
        _put(params, "id" if endpoint == "collection" else "resource", _decode(first))
    for item in named:
        name, equals, value = item.partition("=")
        if not equals:
            raise DtsError(400, f"path parameter {name!r} has no value: write ;{name}=VALUE")
        _put(params, _decode(name), _decode(value))
    return endpoint, params


def _decode(value: str) -> str:
    try:
        return unquote(value, errors="strict")
    except UnicodeDecodeError:
        raise DtsError(400, f"{value!r} is not percent-encoded UTF-8") from None


def _put(params: dict[str, str], name: str, value: str) -> None:
    if name in params:
        raise DtsError(400, f"parameter {name!r} is given twice")
    params[name] = value
