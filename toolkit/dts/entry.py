"""The entry endpoint: where the other three are (their URI templates)."""

from __future__ import annotations

from . import CONTEXT, DTS_VERSION, DtsError
from .model import Api, Library


def entry(library: Library, api: Api, params: dict[str, str]) -> dict:
    if params:
        raise DtsError(400, f"the entry endpoint takes no parameters (got {', '.join(sorted(params))})")
    return {"@context": CONTEXT, "dtsVersion": DTS_VERSION, "@id": api.entry, "@type": "EntryPoint",
            "collection": api.collection, "navigation": api.navigation, "document": api.document}
