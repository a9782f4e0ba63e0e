"""Full-text search: a pagefind index of the document pages, in DIR/html/pagefind/.

pagefind (the static search library; its binary comes with the pagefind-bin package) reads
the pages as the build wrote them: the text inside `data-pagefind-body` (the document), the
filters and the sort key that the HTML stylesheet puts in the page head as
`<meta name="teikit-…" data-pagefind-filter="…[content]">` (kind, sender, addressee, year,
place, person). Its bundle (index fragments, the search script and the UI) is written beside
the pages, so search works from any static web server, and from `teikit serve`; no CDN.

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

from ..pagefind_run import SearchIndexError, run_pagefind
from ..xslt import resource
from . import Context, CorpusBuilder, CorpusInput, document_path

SEARCH_FOLDER = "html/pagefind"
SEARCH_SCRIPT = "html/static/search.js"  # as published, and under xslt/


def search_files(pages: Iterable[tuple[str, bytes]]) -> dict[str, bytes]:
    """{output path: bytes} of the pagefind bundle for `pages` ((file name in html/, HTML), read
    one at a time); empty when there are none."""
    files = run_pagefind(pages)
    if not files:
        return {}
    return {f"{SEARCH_FOLDER}/{path}": content for path, content in sorted(canonical(files).items())}


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


class SearchBuilder(CorpusBuilder):
    """html/pagefind/: the index of the document pages as this build made them; the search page's script."""

    name = "search"
    # The pages as built (their keys cover the text, which a record does not) and its script.
    depends_on = ("pages", "stylesheets")

    def build(self, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        def pages():
            for letter in corpus.letters:
                data = corpus.read_output(document_path("html", letter)) if corpus.read_output else None
                if data is not None:
                    yield f"{letter.doc_id}.html", data

        outputs = search_files(pages())
        script = resource(context.xslt_dir, Path(SEARCH_SCRIPT))  # the edition's own, else the packaged one
        if script.is_file():
            outputs[SEARCH_SCRIPT] = script.read_bytes()
        return outputs
