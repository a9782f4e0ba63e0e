"""The navigation endpoint: a document's citable units, by ref, range and depth (DTS 1.0)."""

from __future__ import annotations

from . import CONTEXT, DTS_VERSION, DtsError
from .citations import Unit
from .collection import resource_json
from .model import Api, Library
from .params import check, integer, page_of, pagination, ref_or_range

PARAMETERS = ("resource", "ref", "start", "end", "down", "tree", "page")


def navigation(library: Library, api: Api, params: dict[str, str]) -> dict:
    check(params, PARAMETERS, "navigation")
    resource = library.resource(params.get("resource"))
    ref, start, end = ref_or_range(params)
    down = integer(params, "down", -1)
    page = integer(params, "page", 1)
    if down is None and ref is None and start is None:
        raise DtsError(400, "say which units: give ref, start and end, or down")
    if down == 0 and ref is None:
        raise DtsError(400, "down=0 (the siblings of a unit) needs ref")
    tree = params.get("tree")
    units = resource.units(tree)
    body = {"@context": CONTEXT, "dtsVersion": DTS_VERSION, "@type": "Navigation",
            "@id": api.expand(api.navigation, **params), "resource": resource_json(library, api, resource)}
    if ref is not None:
        body["ref"] = resource.unit(ref, tree).as_json()
    if start is not None:
        first, last = resource.unit(start, tree), resource.unit(end, tree)
        if units.index(first) > units.index(last):
            raise DtsError(400, f"start {start!r} comes after end {end!r} in the document")
        body["start"], body["end"] = first.as_json(), last.as_json()
    if down is None:
        if page is not None:
            raise DtsError(400, "page applies to a list of members: give down as well")
        return body
    members = _members(units, resource.unit(ref, tree) if ref else None,
                       (resource.unit(start, tree), resource.unit(end, tree)) if start else None, down)
    shown, number, last = page_of([u.as_json() for u in members], page, library.page_size)
    body["member"] = shown
    if page is not None or last > 1:
        body["view"] = pagination(api.expand, api.navigation, params, number, last)
    return body


def _members(units: list[Unit], ref: Unit | None, span: tuple[Unit, Unit] | None, down: int) -> list[Unit]:
    if ref is not None and down == 0:
        return [u for u in units if u.parent == ref.parent]
    if ref is not None:
        return _deep_enough(subtree(units, ref), ref.level, down)
    if span is not None:
        return _deep_enough(span_of(units, *span), max(span[0].level, span[1].level), down)
    return _deep_enough(units, 0, down)


def _deep_enough(units: list[Unit], level: int, down: int) -> list[Unit]:
    return units if down == -1 else [u for u in units if u.level <= level + down]


def subtree(units: list[Unit], top: Unit) -> list[Unit]:
    """`top` and its descendants: in pre-order they follow it, deeper than it, without a break."""
    index = units.index(top)
    end = index + 1
    while end < len(units) and units[end].level > top.level:
        end += 1
    return units[index:end]


def span_of(units: list[Unit], start: Unit, end: Unit) -> list[Unit]:
    """From `start` to `end` inclusive, in document order, with the descendants of `end`."""
    return units[units.index(start): units.index(end) + len(subtree(units, end))]

