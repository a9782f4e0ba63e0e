"""No broken link or anchor anywhere in the built site."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html


def internal_links(site: Path, pages: str = "**/*.html"):
    """(page, href) for every link and stylesheet that stays inside the site (its pages in every folder)."""
    for page in sorted((site / "html").glob(pages)):
        root = html.parse(str(page)).getroot()
        for href in root.xpath("//a/@href | //link/@href"):
            if not urlsplit(href).scheme:
                yield page, href


def anchors(page: Path, cache: dict) -> set[str]:
    if page not in cache:
        cache[page] = set(html.parse(str(page)).getroot().xpath("//@id"))
    return cache[page]


def broken_links(site: Path, pages: str = "**/*.html") -> list[str]:
    problems, cache = [], {}
    for page, href in internal_links(site, pages):
        parts = urlsplit(href)
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        name = page.relative_to(site / "html").as_posix()
        if not target.is_file():
            problems.append(f"{name}: {href}: no such file")
        elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors(target, cache):
            problems.append(f"{name}: {href}: no such anchor")
    return problems


def test_no_broken_internal_links(built_site):
    links = list(internal_links(built_site))
    assert len(links) > 500  # the checker really saw the site
    assert broken_links(built_site) == []


def test_the_checker_finds_a_broken_link_and_anchor(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "a.html").write_text('<p id="x"><a href="a.html#x">ok</a> <a href="a.html#y">anchor</a> '
                                              '<a href="b.html">file</a></p>', encoding="utf-8")
    assert broken_links(tmp_path) == ["a.html: a.html#y: no such anchor", "a.html: b.html: no such file"]
