"""The static DTS: every answer a plain web server can give, written as files under html/api/dts/.

Each file is the live answer (requests.respond) to the address its URI template gives, with
the address's path as the file name (percent-decoding it, as a web server does before it
looks for the file). What the files answer: the entry; the collection with and
without nav and pages; navigation of every document in every citation tree: the whole tree
at every depth, every unit alone and, for a unit with parts, with its parts at every depth;
the document whole, in every media type, and every citable part. Not: start/end ranges (a
Level 0 server, as DTS 1.0 allows), a unit's siblings (down=0), down beyond the parts there
are, nor identifiers containing "/" (docs/dts.md). The live server answers all of them.
"""

from __future__ import annotations

import json
from typing import Iterable
from urllib.parse import unquote

from .model import Api, Library, Resource
from .navigation import subtree
from .requests import respond

API_DIR = "api/dts"


def static_api(site: str) -> Api:
    """The addresses of the static API: under base_url; without one, under the host's root."""
    site = site or "/"
    return Api(root=f"{site}{API_DIR}/", site=site)


def outputs(library: Library, api: Api, wanted: Iterable[tuple[str, dict]]) -> dict[str, bytes]:
    """{path relative to the API folder: bytes} of the answers to the `wanted` (template, parameters)."""
    files: dict[str, bytes] = {}
    for template, params in wanted:
        body = _answer(library, api, template, params, files)
        if body is not None and "page" not in params and template != api.document:
            view = json.loads(body).get("view")
            for number in range(1, int(_page_of(view["last"])) + 1 if view else 0):
                _answer(library, api, template, {**params, "page": number}, files)
    return files


def _answer(library: Library, api: Api, template: str, params: dict, files: dict[str, bytes]) -> bytes | None:
    path = api.expand(template, **params)[len(api.root):]
    name = unquote(path)
    if any(part in ("", ".", "..") for part in name.split("/")):
        return None  # an identifier with "/" or a dot segment has no file of its own (docs/dts.md)
    response = respond(library, api, path)
    if response.status != 200:
        return None
    files[name] = response.body
    return response.body


def _page_of(url: str) -> str:
    return url.rsplit(";page=", 1)[1].split(";")[0].removesuffix(".json")


def addresses(library: Library, api: Api):
    """(template, parameters) of every answer a static server can give."""
    yield from corpus_addresses(library, api)
    for resource in library.resources.values():
        yield from resource_addresses(api, resource)


def corpus_addresses(library: Library, api: Api):
    """The answers that depend on the whole edition: entry, root collection, each document's parents."""
    yield api.root + "index.json", {}
    for nav in (None, "children", "parents"):
        yield api.collection, {"nav": nav}
    for resource_id in library.resources:
        yield api.collection, {"id": resource_id, "nav": "parents"}


def resource_addresses(api: Api, resource: Resource):
    """The answers that depend on one document only: itself as a resource, its navigation and its parts."""
    for nav in (None, "children"):
        yield api.collection, {"id": resource.id, "nav": nav}
    yield from _navigation(api, resource)
    yield from _document(api, resource)


def _navigation(api: Api, resource: Resource):
    """The whole tree at every depth, and each unit: alone, and with what is below it at every
    depth. Leaves get no down= answers, and no unit its siblings (down=0): those answers repeat
    what their parent's answers say, and would be most of the files (docs/dts.md)."""
    for tree in resource.trees:
        units = resource.units(tree.identifier)
        for down in [*range(1, _depth(units) + 1), -1]:
            yield api.navigation, {"resource": resource.id, "down": down, "tree": tree.identifier}
        for unit in units:
            yield api.navigation, {"resource": resource.id, "ref": unit.identifier, "tree": tree.identifier}
            if not unit.children:
                continue
            below = _depth(subtree(units, unit)[1:]) - unit.level
            for down in [*range(1, below + 1), -1]:
                yield api.navigation, {"resource": resource.id, "ref": unit.identifier, "down": down,
                                       "tree": tree.identifier}


def _depth(units) -> int:
    return max((u.level for u in units), default=0)


def _document(api: Api, resource: Resource):
    for media in [None, *resource.media_types]:
        yield api.document, {"resource": resource.id, "mediaType": media}
    for tree in resource.trees:
        for unit in resource.units(tree.identifier):
            yield api.document, {"resource": resource.id, "ref": unit.identifier, "tree": tree.identifier}
