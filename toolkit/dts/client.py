"""`teikit import dts URL`: list a DTS endpoint's collections and documents, fetch a document's TEI.

Only http, https and file URLs are opened, redirects only to http(s), with a timeout and a
size limit on every answer. Fetched TEI is parsed by teikit's safe parser before it is
written, and an existing file is only replaced when asked (--force).

A static DTS copied elsewhere (another host, or a folder opened with a file: URL) still names
its original address in its URI templates; the client then reads them relative to the entry
it was given, so a mirror works like the original.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from uritemplate import URITemplate

from ..diagnostics import display_path
from ..errors import InputError, TeikitError
from ..xmlio import atomic_write, parse_bytes, require_tei

SCHEMES = ("http", "https", "file")
MAX_BYTES = 20 * 1024 * 1024  # a larger answer is refused rather than read into memory
TIMEOUT = 30  # seconds, per request
MAX_PAGES = 1000  # of one collection
MAX_DEPTH = 8  # nested collections followed


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise TeikitError(f"{req.full_url}: redirected to {newurl}, which is not an http(s) URL; not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects)


def check_url(url: str) -> str:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise TeikitError(f"{url}: only http, https and file URLs can be read (not {scheme or 'a bare path'})")
    return url


def fetch(url: str, accept: str = "application/ld+json, application/json") -> bytes:
    """The body of `url`, at most MAX_BYTES; a failed request becomes one line saying why."""
    check_url(url)
    request = urllib.request.Request(url, headers={"Accept": accept, "User-Agent": "teikit"})
    try:
        with _OPENER.open(request, timeout=TIMEOUT) as answer:
            body = answer.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise TeikitError(f"{url}: the server answered {error.code} {error.reason}{_explanation(error)}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise TeikitError(f"{url}: cannot read it: {reason}") from None
    if len(body) > MAX_BYTES:
        raise TeikitError(f"{url}: the answer is larger than {MAX_BYTES // (1024 * 1024)} MB; not read")
    return body


def _explanation(error: urllib.error.HTTPError) -> str:
    try:
        return f": {json.loads(error.read(65536))['description']}"
    except (ValueError, KeyError, TypeError, OSError):
        return ""


def fetch_json(url: str) -> dict:
    try:
        found = json.loads(fetch(url))
    except ValueError:
        raise TeikitError(f"{url}: the answer is not JSON; is this a DTS endpoint?") from None
    if not isinstance(found, dict):
        raise TeikitError(f"{url}: the answer is not a JSON object; is this a DTS endpoint?")
    return found


@dataclass
class Member:
    id: str
    type: str  # Collection | Resource
    title: str
    parent: str | None


class Endpoint:
    """A DTS endpoint found from its entry URL."""

    def __init__(self, url: str):
        self.url = check_url(url)
        entry = fetch_json(url)
        missing = [k for k in ("collection", "navigation", "document") if not isinstance(entry.get(k), str)]
        if entry.get("@type") != "EntryPoint" or missing:
            raise TeikitError(f"{url}: not a DTS entry point (it needs @type EntryPoint and the collection, "
                              "navigation and document URI templates)")
        self._rebase = _rebasing(str(entry.get("@id", "")), url)
        self.templates = {k: self._rebase(entry[k]) for k in ("collection", "navigation", "document")}

    def expand(self, endpoint: str, **values: str) -> str:
        return URITemplate(self.templates[endpoint]).expand(values)

    def members(self) -> list[Member]:
        """Every collection and resource below the root collection, depth first."""
        found: list[Member] = []
        self._walk(fetch_json(self.expand("collection")), None, 0, found, set())
        return found

    def _walk(self, collection: dict, parent: str | None, depth: int, found: list[Member], seen: set) -> None:
        for member in self._all_members(collection):
            identifier = str(member.get("@id", ""))
            kind = str(member.get("@type", ""))
            found.append(Member(identifier, kind, str(member.get("title", "")), parent))
            if kind == "Collection" and identifier not in seen and depth < MAX_DEPTH:
                seen.add(identifier)
                self._walk(fetch_json(self.expand("collection", id=identifier)), identifier, depth + 1, found, seen)

    def _all_members(self, collection: dict) -> list[dict]:
        members = list(collection.get("member") or [])
        view, pages = collection.get("view"), 1
        while isinstance(view, dict) and view.get("next") and view.get("next") != view.get("@id") and pages < MAX_PAGES:
            collection = fetch_json(self._rebase(str(view["next"])))
            members += collection.get("member") or []
            view, pages = collection.get("view"), pages + 1
        return [m for m in members if isinstance(m, dict)]

    def document(self, resource: str) -> bytes:
        return fetch(self.expand("document", resource=resource), accept="application/tei+xml")


def _rebasing(entry_id: str, url: str):
    """Templates under the entry's own address are read relative to the URL it was fetched from."""
    own_root, root = _folder(entry_id), _folder(url)
    if not entry_id.startswith(("http://", "https://", "file:")) or own_root == root:
        return lambda address: address
    return lambda address: root + address[len(own_root):] if address.startswith(own_root) else address


def _folder(url: str) -> str:
    """The API's root: the entry URL without its file name (index.json), ending in /."""
    return url.rsplit("/", 1)[0] + "/" if urlsplit(url).path.endswith(".json") else url.rstrip("/") + "/"


def file_name(resource: str) -> str:
    """A file name for a resource id: letters, digits, dot, dash and underscore kept."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", resource.rsplit("/", 1)[-1]).strip("._")
    if not name:
        raise TeikitError(f"resource {resource!r} gives no usable file name")
    return name if name.endswith(".xml") else f"{name}.xml"


def import_documents(endpoint: Endpoint, resources: list[str], tei_dir: Path, force: bool) -> list[Path]:
    """Fetch each resource's TEI into `tei_dir`; refuse to overwrite unless `force`."""
    written = []
    for resource in resources:
        target = tei_dir / file_name(resource)
        if target.exists() and not force:
            raise TeikitError(f"{display_path(target)}: exists already; pass --force to replace it")
        data = endpoint.document(resource)
        try:
            require_tei(parse_bytes(data, target))
        except InputError as error:
            raise TeikitError(f"{resource}: the TEI fetched is not usable, nothing written: {error}") from None
        atomic_write(target, data)
        written.append(target)
    return written


def members_as_text(members: list[Member]) -> str:
    lines = [f"{m.id}\t{m.type}\t{m.title}" for m in members]
    resources = sum(1 for m in members if m.type == "Resource")
    lines.append(f"{len(members)} members, {resources} resources")
    return "\n".join(lines) + "\n"


def members_as_json(members: list[Member]) -> str:
    return json.dumps([asdict(m) for m in members], ensure_ascii=False, indent=2) + "\n"
