"""The static DTS: the answers a plain web server can give, written as files under html/api/dts/.

Each file is the live answer (requests.respond) to the address its URI template gives, with
the address's path as the file name (percent-decoding it, as a web server does before it
looks for the file). How many answers are written is the edition's choice ([dts] static in
teikit.toml, docs/dts.md):

- full: every answer of a Level 0 server: the entry; the edition and each year with and
  without nav, and their pages; navigation of every document in every citation tree: the
  whole tree at every depth, every unit alone and with everything below it (down=-1) and, for
  a unit with parts, with its parts at every depth; the document whole, in every media type,
  and every citable part. Not: start/end ranges (DTS 1.0 allows a Level 0 server that), a
  unit's siblings (down=0), down beyond the parts there are, nor identifiers containing "/".
  About 35 files a document.
- compact: what a client walks to find a document and its parts: the entry, the edition and
  its years (paged), each document as a resource and its whole citation tree (down=-1). Two
  files a document; the rest is answered by the live server (`teikit serve`), and the TEI of
  a document is its `download`, the published copy.
- none: no static API.
- auto (the default): full for an edition of at most FULL_UP_TO documents, compact above
  (toolkit/dts/__init__.py: static_mode).
"""

from __future__ import annotations

import json
from typing import Iterable
from urllib.parse import unquote

from . import COMPACT, FULL, NONE
from .model import Api, Group, Library, Resource
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


def addresses(library: Library, api: Api, mode: str = FULL):
    """(template, parameters) of every answer a static server gives in this mode."""
    yield from corpus_addresses(library, api, mode)
    for resource in library.resources.values():
        yield from resource_addresses(api, resource, mode)


def corpus_addresses(library: Library, api: Api, mode: str = FULL):
    """The answers that depend on more than one document: the entry, the edition, its years and
    (full) each document's parents."""
    yield from edition_addresses(api, mode)
    for group in library.groups.values():
        yield from group_addresses(api, group, mode)


def edition_addresses(api: Api, mode: str = FULL):
    """The entry and the edition's collection (its members: the years)."""
    if mode == NONE:
        return
    yield api.root + "index.json", {}
    for nav in (None, "children", "parents"):
        yield api.collection, {"nav": nav}


def group_addresses(api: Api, group: Group, mode: str = FULL):
    """A year's collection (its pages follow) and (full) each of its documents' parents."""
    if mode == NONE:
        return
    for nav in (None, "children", "parents") if mode == FULL else (None,):
        yield api.collection, {"id": group.id, "nav": nav}
    if mode == FULL:
        for member in group.members:
            yield api.collection, {"id": member.id, "nav": "parents"}


def resource_addresses(api: Api, resource: Resource, mode: str = FULL):
    """The answers that depend on one document only: itself as a resource, its navigation and
    (full) its parts."""
    if mode == NONE:
        return
    if mode == COMPACT:
        yield api.collection, {"id": resource.id}
        yield api.navigation, {"resource": resource.id, "down": -1}
        return
    for nav in (None, "children"):
        yield api.collection, {"id": resource.id, "nav": nav}
    yield from _navigation(api, resource)
    yield from _document(api, resource)


def _navigation(api: Api, resource: Resource):
    """The whole tree at every depth, and each unit: alone, with everything below it (down=-1:
    what a client asks to learn a unit's parts, a leaf's being none) and, for a unit with
    parts, at every depth. No unit gets its siblings (down=0), nor a leaf down=1 …: those
    answers repeat what other answers say, and would be most of the files (docs/dts.md)."""
    for tree in resource.trees:
        units = resource.units(tree.identifier)
        for down in [*range(1, _depth(units) + 1), -1]:
            yield api.navigation, {"resource": resource.id, "down": down, "tree": tree.identifier}
        for unit in units:
            yield api.navigation, {"resource": resource.id, "ref": unit.identifier, "tree": tree.identifier}
            below = _depth(subtree(units, unit)[1:]) - unit.level if unit.children else 0
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
