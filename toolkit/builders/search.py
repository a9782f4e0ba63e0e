"""Full-text search: a pagefind index of the document pages, in DIR/html/pagefind/.

pagefind (the static search library; its binary comes with the pagefind-bin package) reads
the pages as the build wrote them: the text inside `data-pagefind-body` (the document), the
filters and the sort key that the HTML stylesheet puts in the page head as
`<meta name="teikit-…" data-pagefind-filter="…[content]">` (kind, sender, addressee, year,
place, person). Its bundle (index fragments, the search script and the UI) is written beside
the pages, so search works from any static web server, and from `teikit serve`; no CDN.

Results carry the page's file name; the search page's script prefixes the folder the page is
served from, so the same files work at any address.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from ..errors import TeikitError

SEARCH_FOLDER = "pagefind"


class SearchIndexError(TeikitError):
    """pagefind could not be started or refused the pages."""


def search_files(pages: dict[str, str]) -> dict[str, bytes]:
    """{html-relative path: bytes} of the pagefind bundle for `pages` ({file name: HTML})."""
    if not pages:
        return {}
    try:
        files = asyncio.run(_index(pages))
    except FileNotFoundError as error:
        raise SearchIndexError(f"the search index needs the pagefind binary (pip install 'pagefind[bin]'): {error}") from None
    return {f"{SEARCH_FOLDER}/{path}": content for path, content in sorted(files.items())}


async def _index(pages: dict[str, str]) -> dict[str, bytes]:
    from pagefind.service import PagefindService

    service = await PagefindService().launch()
    try:
        index = await service.create_index({"force_language": "en"})
        for name in sorted(pages):  # a fixed order, for a deterministic index
            await index.add_html_file(content=pages[name], url=f"/{name}")
        return {file["path"]: file["content"] for file in await index.get_files()}
    finally:
        await service.close()


def document_pages(html_dir: Path, doc_ids: list[str]) -> dict[str, str]:
    """The document pages as the build wrote them, to index."""
    return {f"{doc_id}.html": (html_dir / f"{doc_id}.html").read_text(encoding="utf-8") for doc_id in doc_ids
            if (html_dir / f"{doc_id}.html").is_file()}
