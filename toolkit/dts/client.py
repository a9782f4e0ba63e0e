"""`teikit import dts URL`: list a DTS endpoint's collections and documents, fetch a document's TEI.

The server is not trusted. One import has a budget, and stops with one line when it is spent:
TOTAL_SECONDS in all and REQUEST_SECONDS for each request, however slowly the server sends
(a byte every two seconds is not a living answer); MAX_REQUESTS requests; MAX_BYTES an answer
and MAX_TOTAL_BYTES in all; collections nested MAX_DEPTH deep and MAX_PAGES pages of one.
A JSON answer nested deeper than Python can read is refused, not a traceback. Titles and ids
are printed with control characters and bidirectional overrides escaped.

Only http and https URLs are read, redirects followed only to http(s) — and a file: URL that
the user gives as the entry point (a static DTS built on this machine), whose answers may then
lead only to files in the entry's own folder: no address a server sends makes the client read
a local file. Fetched TEI is parsed by teikit's safe parser before it is written, and an
existing file is only replaced when asked (--force).

A static DTS copied elsewhere (another host, or a folder opened with a file: URL) still names
its original address in its URI templates; the client then reads them relative to the entry
it was given, so a mirror works like the original.
"""

from __future__ import annotations

import json
import re
import signal
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from uritemplate import URITemplate

from ..diagnostics import display_path, json_text, printable
from ..errors import InputError, TeikitError
from ..xmlio import atomic_write, parse_bytes, require_tei

SCHEMES = ("http", "https", "file")  # file: only as the entry point the user gives
MAX_BYTES = 20 * 1024 * 1024  # one answer: a larger one is refused rather than read into memory
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # every answer of one import together
REQUEST_SECONDS = 30  # one request, from connecting to the answer's last byte
TOTAL_SECONDS = 600  # one import
MAX_REQUESTS = 2000  # one import
MAX_PAGES = 1000  # of one collection
MAX_DEPTH = 8  # nested collections followed
TIMEOUT = REQUEST_SECONDS  # the name older code used


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


class Budget:
    """What one import may still spend: time, requests, bytes."""

    def __init__(self, seconds: float | None = None, requests: int | None = None, size: int | None = None):
        self.seconds = seconds or TOTAL_SECONDS
        self.requests, self.size = requests or MAX_REQUESTS, size or MAX_TOTAL_BYTES
        self.deadline = time.monotonic() + self.seconds
        self.used_requests = self.used_bytes = 0

    def request(self, url: str) -> float:
        """Count one request; the seconds it may take."""
        self.used_requests += 1
        if self.used_requests > self.requests:
            raise TeikitError(f"{url}: not read: this import has made {self.requests} requests, its limit "
                              "(an endpoint that never ends its collections?)")
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TeikitError(f"{url}: not read: this import has taken {self.seconds:g} s, its limit")
        return min(REQUEST_SECONDS, left)

    def spend(self, url: str, count: int) -> None:
        self.used_bytes += count
        if self.used_bytes > self.size:
            raise TeikitError(f"{url}: not read: this import has read {self.size // (1024 * 1024)} MB, its limit")


class _TimeUp(Exception):
    pass


@contextmanager
def _at_most(seconds: float):
    """Raise _TimeUp when `seconds` have passed, whatever blocks meanwhile (a server that sends its
    headers a byte at a time). A timer signal, in the main thread; elsewhere each read's timeout."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def up(signum, frame):
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def fetch(url: str, accept: str = "application/ld+json, application/json", budget: Budget | None = None) -> bytes:
    """The body of `url`, at most MAX_BYTES, within the budget; a failed request is one line saying why."""
    check_url(url)
    budget = budget or Budget()
    seconds = budget.request(url)
    started = time.monotonic()
    request = urllib.request.Request(url, headers={"Accept": accept, "User-Agent": "teikit"})
    try:
        with _at_most(seconds), _OPENER.open(request, timeout=seconds) as answer:
            body = _read(answer, url, started + seconds)
    except _TimeUp:
        if seconds < REQUEST_SECONDS:
            raise TeikitError(f"{url}: not read to the end: this import has taken {budget.seconds:g} s, its limit") from None
        raise TeikitError(f"{url}: no whole answer within {seconds:g} s; given up") from None
    except urllib.error.HTTPError as error:
        raise TeikitError(f"{url}: the server answered {error.code} {error.reason}{_explanation(error)}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise TeikitError(f"{url}: cannot read it: {reason}") from None
    budget.spend(url, len(body))
    return body


def _read(answer, url: str, deadline: float) -> bytes:
    """The answer's body as it comes, a piece at a time, never past MAX_BYTES or the deadline."""
    parts, size = [], 0
    read = getattr(answer, "read1", answer.read)
    while True:
        if time.monotonic() > deadline:
            raise _TimeUp
        part = read(65536)
        if not part:
            return b"".join(parts)
        parts.append(part)
        size += len(part)
        if size > MAX_BYTES:
            raise TeikitError(f"{url}: the answer is larger than {MAX_BYTES // (1024 * 1024)} MB; not read")


def _explanation(error: urllib.error.HTTPError) -> str:
    try:
        return f": {printable(str(json.loads(error.read(65536))['description']))}"
    except (ValueError, KeyError, TypeError, OSError, RecursionError):
        return ""


def fetch_json(url: str, budget: Budget | None = None) -> dict:
    try:
        found = json.loads(fetch(url, budget=budget))
    except RecursionError:
        raise TeikitError(f"{url}: the answer is JSON nested too deep to read; is this a DTS endpoint?") from None
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
    """A DTS endpoint found from its entry URL; every request of one import shares its budget."""

    def __init__(self, url: str, budget: Budget | None = None):
        self.url = check_url(url)
        self.budget = budget or Budget()
        entry = fetch_json(url, self.budget)
        missing = [k for k in ("collection", "navigation", "document") if not isinstance(entry.get(k), str)]
        if entry.get("@type") != "EntryPoint" or missing:
            raise TeikitError(f"{url}: not a DTS entry point (it needs @type EntryPoint and the collection, "
                              "navigation and document URI templates)")
        self._rebase = _rebasing(str(entry.get("@id", "")), url)
        self.templates = {k: self._rebase(entry[k]) for k in ("collection", "navigation", "document")}

    def _allowed(self, address: str) -> str:
        """An address a server's answer gives: http(s) from an http(s) entry; from a file: entry, a
        file in the entry's folder. Never a local file because a server said so."""
        scheme = urlsplit(address).scheme.lower()
        if urlsplit(self.url).scheme.lower() == "file":
            if scheme == "file" and address.startswith(_folder(self.url)) and "/../" not in address + "/":
                return address
        elif scheme in ("http", "https"):
            return address
        raise TeikitError(f"{printable(address)}: not read: the endpoint {self.url} leads to an address outside "
                          "it (only http(s), or files beside a file: entry point)")

    def get(self, address: str, accept: str = "application/ld+json, application/json") -> bytes:
        return fetch(self._allowed(address), accept=accept, budget=self.budget)

    def get_json(self, address: str) -> dict:
        return fetch_json(self._allowed(address), self.budget)

    def expand(self, endpoint: str, **values: str) -> str:
        return URITemplate(self.templates[endpoint]).expand(values)

    def members(self) -> list[Member]:
        """Every collection and resource below the root collection, depth first."""
        found: list[Member] = []
        self._walk(self.get_json(self.expand("collection")), None, 0, found, set())
        return found

    def _walk(self, collection: dict, parent: str | None, depth: int, found: list[Member], seen: set) -> None:
        for member in self._all_members(collection):
            identifier = str(member.get("@id", ""))
            kind = str(member.get("@type", ""))
            found.append(Member(identifier, kind, str(member.get("title", "")), parent))
            if kind == "Collection" and identifier not in seen and depth < MAX_DEPTH:
                seen.add(identifier)
                self._walk(self.get_json(self.expand("collection", id=identifier)), identifier, depth + 1, found, seen)

    def _all_members(self, collection: dict) -> list[dict]:
        members = _list(collection.get("member"))
        view, pages = collection.get("view"), 1
        while isinstance(view, dict) and view.get("next") and view.get("next") != view.get("@id") and pages < MAX_PAGES:
            collection = self.get_json(self._rebase(str(view["next"])))
            members += _list(collection.get("member"))
            view, pages = collection.get("view"), pages + 1
        return [m for m in members if isinstance(m, dict)]

    def document(self, resource: str) -> bytes:
        return self.get(self.expand("document", resource=resource), accept="application/tei+xml")


def _list(value) -> list:
    return list(value) if isinstance(value, list) else []


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
    """One line per member, tab-separated; what the server wrote is shown with control and format
    characters escaped (a title must not clear the terminal, set its title or reorder the line)."""
    lines = ["\t".join(printable(part) for part in (m.id, m.type, m.title)) for m in members]
    resources = sum(1 for m in members if m.type == "Resource")
    lines.append(f"{len(members)} members, {resources} resources")
    return "\n".join(lines) + "\n"


def members_as_json(members: list[Member]) -> str:
    return json_text([asdict(m) for m in members]) + "\n"
