"""Full-text search: a pagefind index of the document pages, in DIR/html/pagefind/.

pagefind (the static search library; its binary comes with the pagefind-bin package) reads
the pages as the build wrote them: the text inside `data-pagefind-body` (the document), the
filters and the sort key that the HTML stylesheet puts in the page head as
`<meta name="teikit-…" data-pagefind-filter="…[content]">` (kind, sender, addressee, year,
place, person). Its bundle (index fragments, the search script and the UI) is written beside
the pages, so search works from any static web server, and from `teikit serve`; no CDN.

A large edition is indexed in shards: each document belongs to one shard, chosen by its name
alone (a hash of its id), so an edit never moves a document and one edited document changes
one shard; no pagefind run sees more than about SHARD_PAGES pages (pagefind holds a whole run
in memory and fails above some 30,000). Shard 0 is the bundle in html/pagefind/ (pagefind's
scripts and its own index), shard k the index alone in html/pagefind/sK/; the search page's
script reads the list of shards (html/pagefind/teikit-shards.json) and merges them with
pagefind's mergeIndex, which searches every index and merges filters and results.

Results carry the page's file name; pagefind's script prefixes the folder its bundle is
served from, so the same files work at any address. pagefind's own output varies from run to
run in the order of filter values; `canonical` sorts it, so the same pages give the same bytes.

pagefind's interface draws the values of a filter as HTML (its excerpts it escapes itself, its
titles it writes as text): a correspondent called `<img src=x onerror=…>` in a document or an
authority file would run on the search page. `canonical` therefore stores every filter value
HTML-escaped: the interface shows the name as written, and a reader's choice of it finds the
same, escaped, value in the index.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
from pathlib import Path
from typing import Iterable

from ..metadata import Letter
from ..pagefind_run import SearchIndexError, run_pagefind
from ..xslt import resource
from . import DOCUMENT_PATHS, Context, CorpusInput, PartedBuilder

SEARCH_FOLDER = "html/pagefind"
SEARCH_SCRIPT = "html/static/search.js"  # as published, and under xslt/
SHARDS_FILE = f"{SEARCH_FOLDER}/teikit-shards.json"  # the shards the search page merges
SHARD_PAGES = 2000  # pages a shard holds on average at most: one pagefind run in a second or two
# What an index is made of (pagefind's entry, metadata, word index, fragments, filters); the
# rest of a bundle is pagefind's scripts and WebAssembly, the same for every shard.
INDEX_PARTS = ("pagefind-entry.json", "index/", "fragment/", "filter/")


def _in_index(path: str) -> bool:
    return path.startswith(INDEX_PARTS) or path.endswith(".pf_meta")


def shard_count(pages: int) -> int:
    """1 up to SHARD_PAGES pages, else the power of two that keeps shards at most that large:
    the count changes only when the edition doubles, and then every shard is made again."""
    count = 1
    while count * SHARD_PAGES < pages:
        count *= 2
    return count


def shard_of(doc_id: str, count: int) -> int:
    """The shard of a document: from its id alone, so nothing but a rename moves it."""
    return int.from_bytes(hashlib.sha256(doc_id.encode("utf-8")).digest()[:4], "big") % count


def shard_folder(index: int) -> str:
    return SEARCH_FOLDER if index == 0 else f"{SEARCH_FOLDER}/s{index}"


def search_files(pages: Iterable[tuple[str, bytes]], shard: int = 0) -> dict[str, bytes]:
    """{output path: bytes} of the pagefind bundle of one shard for `pages` ((file name in html/,
    HTML), read one at a time): shard 0 whole, another its index alone; empty when there are none."""
    files = run_pagefind(pages)
    if not files:
        return {}
    folder = shard_folder(shard)
    return {f"{folder}/{path}": content for path, content in sorted(canonical(files).items())
            if shard == 0 or _in_index(path)}


# ---- the same bytes for the same pages -----------------------------------------------------
# pagefind writes the values of each filter in hash-map order, which changes from run to run
# (and with it the names of the filter files, of the metadata file that lists them and the
# entry file's pointer to it). Everything else it writes is deterministic. So the filter files
# and the metadata are decoded (gzip + CBOR, behind pagefind's signature), sorted, encoded
# again and renamed after their new content; pagefind's script finds files by these names only.

SIGNATURE = b"pagefind_dcd"


def _decode(data: bytes):
    import cbor2

    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise SearchIndexError("pagefind wrote a file teikit cannot read: is the pagefind package newer than 1.x?")
    return cbor2.loads(raw[len(SIGNATURE):])


def _encode(value) -> bytes:
    import cbor2

    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)


def _renamed(prefix: str, data: bytes, length: int) -> str:
    return f"{prefix}_{hashlib.sha256(data).hexdigest()[:length]}"


def canonical(files: dict[str, bytes]) -> dict[str, bytes]:
    """pagefind's bundle with its filter files and metadata in sorted order, renamed to match, and
    every filter value HTML-escaped (pagefind's interface draws them as HTML)."""
    entry_name = "pagefind-entry.json"
    if entry_name not in files:
        return files
    result = dict(files)
    entry = json.loads(files[entry_name])
    for language, info in entry.get("languages", {}).items():
        meta_path = f"pagefind.{info['hash']}.pf_meta"
        meta = _decode(result.pop(meta_path))
        filters = []
        for name, old in meta[3]:
            values = _decode(result.pop(f"filter/{old}.pf_filter"))
            data = _encode([values[0], sorted([html.escape(value), pages] for value, pages in values[1])])
            new = _renamed(language, data, 7)
            result[f"filter/{new}.pf_filter"] = data
            filters.append([name, new])
        meta[3] = sorted(filters)
        data = _encode(meta)
        info["hash"] = _renamed(language, data, 10)
        result[f"pagefind.{info['hash']}.pf_meta"] = data
    result[entry_name] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return result


class SearchBuilder(PartedBuilder):
    """html/pagefind/: the index of the document pages as this build made them, a shard a part
    (a page changed remakes its shard alone); the search page's script and the list of shards
    it merges (the whole)."""

    name = "search"
    # The pages as built (their keys cover the text, which a record does not) and its script.
    depends_on = ("pages", "stylesheets")
    reads = ("html",)
    concurrent = True  # pagefind runs in a process of its own: shards side by side keep the cores busy

    def prepare(self, corpus: CorpusInput, context: Context) -> str:
        self.shards = shard_count(len(corpus.letters))
        return f"{self.shards} shards"

    def split(self, letter: Letter, page_key: str, context: Context) -> dict[str, object]:
        # the page's key: a page made again is indexed again
        return {str(shard_of(letter.doc_id, self.shards)): [letter.doc_id, page_key]}

    def build_part(self, part: str, values: list, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        """One shard's files: pagefind over its pages, read one at a time."""
        def pages():
            for doc_id, _ in values:
                data = corpus.read_output(DOCUMENT_PATHS["html"].format(doc_id=doc_id)) if corpus.read_output else None
                if data is not None:
                    yield f"{doc_id}.html", data

        return search_files(pages(), int(part))

    def build_whole(self, sizes: dict[str, int], corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        merged = [f"s{index}/" for index in sorted(int(part) for part in sizes) if index]
        outputs = {SHARDS_FILE: json.dumps({"merge": merged}, separators=(",", ":")).encode("utf-8") + b"\n"}
        script = resource(context.xslt_dir, Path(SEARCH_SCRIPT))  # the edition's own, else the packaged one
        if script.is_file():
            outputs[SEARCH_SCRIPT] = script.read_bytes()
        return outputs
