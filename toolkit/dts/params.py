"""Checking a request's parameters, the same way for every endpoint."""

from __future__ import annotations

from . import DtsError


def check(params: dict[str, str], allowed: tuple[str, ...], endpoint: str) -> None:
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        raise DtsError(400, f"unknown parameter {unknown[0]!r} for the {endpoint} endpoint "
                       f"(it takes {', '.join(allowed)})")


def integer(params: dict[str, str], name: str, minimum: int) -> int | None:
    if name not in params:
        return None
    try:
        value = int(params[name])
    except ValueError:
        value = None
    if value is None or value < minimum:
        raise DtsError(400, f"{name} must be a whole number of at least {minimum}, not {params[name]!r}")
    return value


def ref_or_range(params: dict[str, str]) -> tuple[str | None, str | None, str | None]:
    """ref, or start and end together, never both (DTS 1.0, navigation and document)."""
    ref, start, end = params.get("ref"), params.get("start"), params.get("end")
    if ref is not None and (start is not None or end is not None):
        raise DtsError(400, "ref cannot be combined with start or end")
    if (start is None) != (end is None):
        raise DtsError(400, "start and end go together: give both, or use ref")
    return ref, start, end


def page_of(members: list, page: int | None, size: int) -> tuple[list, int, int]:
    """(members of the page, page, last page); a page past the last is not found."""
    last = max(1, -(-len(members) // size))
    number = page or 1
    if number > last:
        raise DtsError(404, f"page {number} does not exist (the last page is {last})")
    return members[(number - 1) * size: number * size], number, last


def pagination(expand, template: str, params: dict[str, str], number: int, last: int) -> dict:
    """The Pagination object of page `number` of `last`, its links made from the endpoint's template."""
    def url(page: int) -> str:
        return expand(template, **{**params, "page": page})

    return {"@id": url(number), "@type": "Pagination", "first": url(1), "previous": url(max(1, number - 1)),
            "next": url(min(last, number + 1)), "last": url(last)}
