"""The collection endpoint: the edition (root collection), its years and its documents (resources).

The edition's members are its years (model.Group), each year's members its documents, paged
by 100: a client walks root -> year -> document however large the edition. A document
listed as a member is described from its record alone (member_json); its own answer
(collection/ID.json) carries all its metadata. The metadata is what the TEI and teikit.toml say, as Dublin Core terms: title, description,
creator (the senders), audience (the addressees and those sent copies), date (of sending, as
the header gives it), source (the archival and printed references), license, publisher,
language and identifier (the reading page). docs/dts.md has the whole mapping.
"""

from __future__ import annotations

from ..metadata import Name
from . import CONTEXT, DTS_VERSION, DtsError
from . import TEI_XML
from .model import HTML, ROOT_ID, TEXT, Api, Group, Library, Member, Resource
from .params import check, integer, page_of, pagination

DCMI_TEXT = "http://purl.org/dc/dcmitype/Text"


def collection(library: Library, api: Api, params: dict[str, str]) -> dict:
    """The edition (its members: the years), a year (its documents) or a document (no members);
    with nav=parents, what each belongs to. Only the page asked for is described."""
    check(params, ("id", "page", "nav"), "collection")
    nav = params.get("nav", "children")
    if nav not in ("children", "parents"):
        raise DtsError(400, f"nav must be children or parents, not {nav!r}")
    page = integer(params, "page", 1)
    identifier = params.get("id") or ROOT_ID
    body, members = _subject(library, api, identifier, nav == "children")
    body = {"@context": CONTEXT, "dtsVersion": DTS_VERSION, **body}
    if body["@type"] == "Collection":
        body["collection"] = api.collection
    shown, number, last = page_of(members, page, library.page_size)
    body["member"] = [_member(library, api, member) for member in shown]
    if page is not None or last > 1:
        body["view"] = pagination(api.expand, api.collection, params, number, last)
    return body


def _subject(library: Library, api: Api, identifier: str, children: bool) -> tuple[dict, list]:
    """What is asked about, described, and its members (children or parents), not yet described."""
    if identifier == ROOT_ID:
        return root_json(library, api), list(library.groups.values()) if children else []
    if identifier in library.groups:
        group = library.groups[identifier]
        return group_json(library, api, group), list(group.members) if children else [ROOT_ID]
    if identifier in library.resources:
        return resource_json(library, api, library.resources[identifier]), [] if children else [
            library.group_of[identifier]]
    raise DtsError(404, f"no collection or resource {identifier!r} in this edition")


def _member(library: Library, api: Api, member: Group | Member | str) -> dict:
    if isinstance(member, Group):
        return group_json(library, api, member)
    if isinstance(member, Member):
        return member_json(api, member)
    return root_json(library, api)


def root_json(library: Library, api: Api) -> dict:
    """The edition as a collection, made once per API address (every year's parents repeat it)."""
    if api.root not in library.described:
        library.described[api.root] = _describe_root(library, api)
    return library.described[api.root]


def group_json(library: Library, api: Api, group: Group) -> dict:
    """A year of the edition as a collection: its title, span and number of documents."""
    dublin = {"title": [_text(group.title, library.language)]}
    if group.year:
        dublin["temporal"] = group.year
    dublin["type"] = ["http://purl.org/dc/dcmitype/Collection"]
    return {"@id": group.id, "@type": "Collection", "title": group.title, "description": group.description,
            "totalParents": 1, "totalChildren": group.size, "dublinCore": dublin,
            "collection": api.collection_of(group.id, resource=False)}


def _describe_root(library: Library, api: Api) -> dict:
    dates = library.dates
    dublin = {"title": [_text(library.title, library.language)]}
    if library.description:
        dublin["description"] = [_text(library.description, library.language)]
    if library.publisher:
        dublin["publisher"] = [_text(library.publisher, library.language)]
    if library.editors:
        dublin["contributor"] = [_text(e, library.language) for e in library.editors]
    if library.licence:
        dublin["license"] = [library.licence]
    if dates:
        dublin["temporal"] = f"{dates[0]}/{dates[-1]}"
    dublin["type"] = ["http://purl.org/dc/dcmitype/Collection"]
    if api.site:
        dublin["identifier"] = [api.site]
    found = {"@id": ROOT_ID, "@type": "Collection", "title": library.title}
    if library.description:
        found["description"] = library.description
    return {**found, "totalParents": 0, "totalChildren": len(library.groups), "dublinCore": dublin,
            "collection": api.collection_of(ROOT_ID, resource=False)}


def resource_json(library: Library, api: Api, resource: Resource) -> dict:
    """The resource object, made once per API address (navigation repeats it in every answer)."""
    if api.root not in resource.described:
        resource.described[api.root] = _describe(library, api, resource)
    return resource.described[api.root]


MEDIA_TYPES = [TEI_XML, HTML, TEXT]  # every document has its page and its plain text


def member_json(api: Api, member: Member) -> dict:
    """A document as a member of its year: what a client needs to choose it and to ask for it,
    made from its record alone (no tree, no file read). Its Dublin Core and citation trees are
    in its own answer (collection/ID.json); a year of a thousand documents stays small."""
    return {"@id": member.id, "@type": "Resource", "title": member.title, "description": member.description,
            "totalParents": 1, "totalChildren": 0, "collection": api.collection_of(member.id, resource=True),
            "navigation": api.navigation_of(member.id), "document": api.document_of(member.id),
            "download": [api.site + f"tei/{member.file}"], "mediaTypes": MEDIA_TYPES}


def _describe(library: Library, api: Api, resource: Resource) -> dict:
    letter = resource.letter
    return {
        "@id": resource.id, "@type": "Resource", "title": letter.title or resource.id,
        "description": library.labels.document(letter), "totalParents": 1, "totalChildren": 0,
        "dublinCore": _resource_dublin_core(library, api, resource),
        "collection": api.collection_of(resource.id, resource=True),
        "navigation": api.navigation_of(resource.id), "document": api.document_of(resource.id),
        "download": [api.site + f"tei/{letter.file}"],
        "citationTrees": [tree.as_json() for tree in resource.trees],
        "mediaTypes": resource.media_types,
    }


def _resource_dublin_core(library: Library, api: Api, resource: Resource) -> dict:
    letter, lang = resource.letter, resource.language
    dublin: dict = {"title": [_text(letter.title or resource.id, lang)]}
    if letter.short_title:
        dublin["alternative"] = [_text(letter.short_title, lang)]
    _names(dublin, "creator", letter.senders, lang)
    _names(dublin, "audience", letter.recipients + letter.cc, lang)
    if date := letter.date.iso8601:
        dublin["date"] = date
    sources = [s.text for s in letter.sources] + ([letter.collection] if letter.collection else [])
    if sources:
        dublin["source"] = [_text(s, lang) for s in sources]
    if resource.licence or library.licence:
        dublin["license"] = [resource.licence or library.licence]
    if library.publisher:
        dublin["publisher"] = [_text(library.publisher, lang)]
    if lang != "und":
        dublin["language"] = [lang]
    dublin["type"] = [DCMI_TEXT]
    dublin["identifier"] = [api.site + f"{resource.id}.html"]
    return dublin


def _names(dublin: dict, term: str, names: list[Name], lang: str) -> None:
    values = list(dict.fromkeys(n.name for n in names if n.name))
    if values:
        dublin[term] = [_text(v, lang) for v in values]


def _text(value: str, lang: str) -> dict:
    return {"lang": lang, "value": value}


