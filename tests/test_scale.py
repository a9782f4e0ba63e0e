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
    context = Context(Edition.open(REPOSITORY), None, {}, "")
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


def test_an_edited_document_remakes_its_shard_alone_and_the_site_is_a_clean_builds(tmp_path, monkeypatch):
    """The engine's parts (toolkit/parts.py): the search index in four shards; one edited text
    runs pagefind over its shard only; the result is byte for byte a clean build's."""
    from conftest import copy_edition, published
    from toolkit import pagefind_run
    from toolkit.build import build
    from toolkit.builders import search
    from toolkit.edition import Edition

    monkeypatch.setattr(search, "SHARD_PAGES", 3)
    runs = []
    real = pagefind_run.run_pagefind

    def counted(pages):
        pages = list(pages)
        runs.append(sorted(name for name, _ in pages))
        return real(iter(pages))

    monkeypatch.setattr(search, "run_pagefind", counted)
    edition = copy_edition(tmp_path / "edition")
    out = tmp_path / "out"
    assert not build(Edition.open(edition), out, jobs=1).failed
    assert len(runs) == 4 and sorted(n for run in runs for n in run) == [f"{n}.html" for n in range(533, 543)]
    source = edition / "tei" / "537.xml"
    source.write_text(source.read_text(encoding="utf-8").replace("only way to escape", "only way out of"),
                      encoding="utf-8")
    runs.clear()
    report = build(Edition.open(edition), out, jobs=1)
    assert report.built == ["537"] and not report.failed
    shard = search.shard_of("537", 4)
    assert runs == [sorted(f"{n}.html" for n in range(533, 543) if search.shard_of(str(n), 4) == shard)]
    clean = tmp_path / "clean"
    assert not build(Edition.open(edition), clean, jobs=1).failed
    assert published(out) == published(clean)


def _calls_of_a_cold_build(root, count: int) -> int:
    """The calls of teikit's own functions in a cold build of `count` generated documents (one process)."""
    import cProfile
    import gc
    import pstats
    import sys

    from toolkit.build import build
    from toolkit.edition import Edition

    sys.path.insert(0, str(REPOSITORY / "benchmarks"))
    from run import make_corpus

    edition = make_corpus(count, root / f"edition-{count}")
    profile = cProfile.Profile()
    gc.disable()  # another library's hooks on the collector are not the build's calls
    try:
        report = profile.runcall(build, Edition.open(edition), edition / "build", jobs=1)
    finally:
        gc.enable()
    assert not report.failed, [d.format() for d in report.diagnostics]
    package = str(REPOSITORY / "toolkit")
    return sum(stats[1] for (path, _, _), stats in pstats.Stats(profile).stats.items() if path.startswith(package))


def test_no_step_of_a_cold_build_grows_faster_than_the_corpus(tmp_path):
    """Calls of teikit's functions at 15, 30 and 60 documents: the 30 documents of the second
    doubling add twice the calls the 15 of the first add if every step grows with the corpus,
    four times if one grows with its square; the fixed cost falls out of both."""
    small, middle, large = (_calls_of_a_cold_build(tmp_path, n) for n in (15, 30, 60))
    first, second = middle - small, large - middle
    assert first > 0
    assert second < 2.5 * first, (small, middle, large)
