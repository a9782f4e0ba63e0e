"""Large editions: what one edit touches, and no step that grows faster than the corpus.

Timings are benchmarks (benchmarks/README.md), never asserted here; these tests count work
and compare outputs."""

from __future__ import annotations

import json

import pytest

from conftest import REPOSITORY


@pytest.fixture(scope="module")
def letters(built_site):
    from toolkit.dts.library import from_build
    from toolkit.edition import Edition

    library, _ = from_build(Edition.open(REPOSITORY), built_site)
    return [resource.letter for resource in library.resources.values()]


def _corpus(built_site, letters, pages: dict[str, bytes] | None = None):
    from toolkit.builders import CorpusInput

    def read(path: str) -> bytes | None:
        name = path.rsplit("/", 1)[-1]
        if pages and name in pages:
            return pages[name]
        found = built_site / path
        return found.read_bytes() if found.is_file() else None

    return CorpusInput(letters, None, {}, read_output=read)


def test_a_document_stays_in_its_shard_and_shards_double_with_the_edition():
    from toolkit.builders.search import SHARD_PAGES, shard_count, shard_of

    assert [shard_count(n) for n in (1, SHARD_PAGES, SHARD_PAGES + 1, 4 * SHARD_PAGES, 4 * SHARD_PAGES + 1)] == \
        [1, 1, 2, 4, 8]
    assert shard_count(100_000) * SHARD_PAGES >= 100_000 and shard_count(100_000) == 64
    assert all(shard_of(f"K_{n}", 8) == shard_of(f"K_{n}", 8) < 8 for n in range(100))
    sizes = [0] * 64
    for n in range(100_000):
        sizes[shard_of(str(100000 + n), 64)] += 1
    assert max(sizes) < 1.15 * 100_000 / 64  # even enough: no pagefind run much above the average


def test_one_edited_page_changes_one_shard_of_the_search_index(built_site, letters, monkeypatch):
    from toolkit.builders import Context
    from toolkit.builders import search
    from toolkit.edition import Edition

    monkeypatch.setattr(search, "SHARD_PAGES", 3)
    context = Context(Edition.open(REPOSITORY), None, {})  # the edition's labels
    before = search.SearchBuilder().build(_corpus(built_site, letters), context)
    page = (built_site / "html" / "537.html").read_bytes()
    edited = page.replace(b"</h1>", b" Lachin</h1>", 1)
    assert edited != page
    after = search.SearchBuilder().build(_corpus(built_site, letters, {"537.html": edited}), context)
    changed = {path for path in set(before) | set(after) if before.get(path) != after.get(path)}
    shard = search.shard_of("537", 4)
    folders = {index: search.shard_folder(index) + "/" for index in range(4)}

    def shard_of_path(path: str) -> int:
        return max((i for i, f in folders.items() if path.startswith(f)), key=lambda i: len(folders[i]))

    assert changed and {shard_of_path(path) for path in changed} == {shard}
    assert json.loads(after[search.SHARDS_FILE]) == {"merge": ["s1/", "s2/", "s3/"]}
    if shard:  # pagefind's scripts are shard 0's only
        assert not [p for p in changed if p.endswith(".js")]
