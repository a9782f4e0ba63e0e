"""The site shaped for size: the edition's ten documents built with the limits of a large edition
lowered (a page an entry, an initial, a year's month; the drawings that count and rank), so every
shape a 5,000-letter site takes is built and walked here in seconds; and the axis arithmetic of
the chronology (toolkit/timeline.py) on any set of months."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree, html

from toolkit import timeline

SVG = {"svg": "http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Path:
    from conftest import copy_edition
    from toolkit.build import build
    from toolkit.builders import chronology, network, site
    from toolkit.edition import Edition

    limits = pytest.MonkeyPatch()
    for module, name, value in ((site, "HOME_TABLE", 3), (site, "YEAR_PAGE", 4), (site, "ENTRY_PAGE", 3),
                                (site, "INITIAL_PAGES", 10), (site, "PAIR_DOCUMENTS", 1), (chronology, "ROWS", 3),
                                (network, "DETAILED", 3)):
        limits.setattr(module, name, value)
    try:
        root = copy_edition(tmp_path_factory.mktemp("large"))
        report = build(Edition.open(root), root / "build", jobs=1)
        assert not report.failed, [d.format() for d in report.diagnostics]
    finally:
        limits.undo()
    return root / "build" / "html"


def page(site: Path, name: str):
    return html.parse(str(site / name)).getroot()


def test_the_home_page_lists_the_years_with_their_counts(large):
    home = page(large, "index.html")
    assert not home.xpath("//table[@class='document-list']")
    assert home.xpath("//ul[@class='years']/li/a/@href") == ["years/1920.html"]
    assert home.xpath("string(//ul[@class='years']/li/span[@class='count'])") == "(10)"


def test_a_large_year_gives_each_month_a_page(large):
    year = page(large, "years/1920.html")
    months = year.xpath("//section[@class='months']//li")
    assert [li.get("id") for li in months] == ["month-08", "month-09", "month-10"]
    listed, paged = [], 0
    for item in months:
        link = item.xpath("string(a/@href)")
        assert link == f"1920/{item.get('id')[-2:]}.html"
        first = large / "years" / link
        month = page(large, f"years/{link}")
        assert month.xpath("//main//p/a/@href")[0] == "../1920.html"  # back to its year
        # a month of more documents than a page lists goes on over pages, each linked from each
        others = month.xpath("(//nav[@class='entry-pages'])[1]//a/@href")
        paths = [first] + [(first.parent / href).resolve() for href in others[1:]]
        rows = []
        for path in paths:
            shown = html.parse(str(path)).getroot().xpath("//table[@class='document-list']/tbody/tr/td[1]/a/@href")
            assert 0 < len(shown) <= 4, path.name
            rows += [(path.parent / href).resolve().name for href in shown]
        paged += len(paths) > 1
        assert f"({len(rows)})" == item.xpath("string(span[@class='count'])")
        listed += rows
    assert sorted(listed) == [f"{n}.html" for n in range(533, 543)]
    assert paged  # the edition has a month of more than four documents


def test_a_large_register_gives_each_initial_a_page_and_every_name_its_count(large):
    index = page(large, "persons.html")
    initials = index.xpath("//nav[@class='initials']//a/@href")
    assert initials[0] == "persons/initials/a.html" and not index.xpath("//ul[@class='names']")
    counted = {}
    for link in initials:
        for item in page(large, link).xpath("//ul[@class='names']/li"):
            counted[item.xpath("string(a/@href)")] = int(item.xpath("string(span[@class='count'])").strip("()"))
    assert counted["../../persons/chicherin.html"] >= 8
    # the count is what the entry's pages list, three documents a page here
    first = page(large, "persons/chicherin.html")
    pages = first.xpath("(//nav[@class='entry-pages'])[1]//a/@href")
    assert pages == ["chicherin.html"] + [f"chicherin/{n}.html" for n in range(2, len(pages) + 1)]
    mentions = len(first.xpath("//ul[@class='mentions']/li"))
    for n in range(2, len(pages) + 1):
        later = page(large, f"persons/chicherin/{n}.html")
        assert later.xpath("//article[@id='chicherin']") and not later.xpath("//figure")  # the network once
        mentions += len(later.xpath("//ul[@class='mentions']/li"))
    assert mentions == counted["../../persons/chicherin.html"]


def test_a_persons_page_shows_their_own_network(large):
    drawing = page(large, "persons/chicherin.html").xpath("//figure[@class='network-figure']/svg")
    assert drawing and "ring" in drawing[0].get("class")
    nodes = drawing[0].xpath(".//a/@href")
    assert "../persons/chicherin.html" in nodes and "../persons/legran.html" in nodes  # from persons/


def test_the_drawings_count_and_rank(large):
    chronology = etree.parse(str(large / "chronology.svg")).getroot()
    assert "counts" in chronology.get("class")
    bars = chronology.xpath("//svg:a[@class='chronology-bar']/@href", namespaces=SVG)
    assert bars == ["years/1920.html#month-08", "years/1920.html#month-09", "years/1920.html#month-10"]
    network = etree.parse(str(large / "network.svg")).getroot()
    assert "ring" in network.get("class")
    table = page(large, "correspondents.html").xpath("//table[@class='correspondents']/tbody/tr")
    assert table and all(row.xpath("string(td[3])").strip().isdigit() or row.xpath("td[3]/a") for row in table)


def test_no_link_of_the_large_site_is_broken(large):
    from test_linkcheck import broken_links

    assert broken_links(large.parent) == []


def test_every_page_of_the_large_site_is_valid_html5(large):
    from nu import JAVA, nu_check

    if JAVA is None:
        pytest.skip("the Nu HTML Checker needs Java (Debian: default-jre-headless)")
    result = nu_check("--skip-non-html", str(large))
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr


# ---- the chronology's axis ----------------------------------------------------------------

months = st.lists(st.tuples(st.integers(1500, 2020), st.integers(1, 12)), min_size=1, max_size=400)


@settings(deadline=None, max_examples=200)
@given(months)
def test_any_span_gives_a_readable_drawing(found):
    unit = timeline.unit_for(found)
    drawn = timeline.bars(found, unit)
    assert len(drawn) <= timeline.MAX_BARS
    assert sum(bar.count for bar in drawn) == len(found)  # every document counted once
    assert [bar.key for bar in drawn] == sorted(bar.key for bar in drawn)
    shown = timeline.labelled(drawn, unit)
    assert 1 <= len(shown) <= timeline.MAX_LABELS + 1 and set(shown) <= set(drawn)
    lines = timeline.gridlines(max(bar.count for bar in drawn))
    assert len(lines) <= 5 and all(0 < line <= max(bar.count for bar in drawn) for line in lines)


def test_the_unit_is_the_finest_that_fits():
    assert timeline.unit_for([(1920, 8), (1920, 10)]) == "month"
    assert timeline.unit_for([(1850, 1), (1880, 12)]) == "year"
    assert timeline.unit_for([(1500, 1), (1900, 1)]) == "decade"
    # a year far from the rest is left out of the drawing, not the rest squeezed
    assert timeline.apart([(1000, 1), *((year, 1) for year in range(1831, 1883))]) == {1000}
    assert timeline.apart([(1831, 1), (1850, 1), (1882, 1)]) == set()
    # a gap is a bar of its own, empty
    assert [b.count for b in timeline.bars([(1920, 8), (1920, 10)], "month")] == [1, 0, 1]


@given(st.lists(st.integers(0, 30), max_size=60), st.integers(1, 7), st.integers(1, 40))
def test_an_entrys_pages_keep_every_mention_in_order_and_stay_light(quotes, most, passages):
    """However often each document quotes an entry: every mention once, in order, on pages of at
    most `most` documents and `passages` sentences (a single document may quote more alone)."""
    from toolkit.builders import site

    mentions = [{"id": str(n), "passages": ["a sentence"] * count} for n, count in enumerate(quotes)]
    with pytest.MonkeyPatch.context() as limits:
        limits.setattr(site, "ENTRY_PAGE", most)
        limits.setattr(site, "ENTRY_PASSAGES", passages)
        shares = site.page_shares(mentions)
    assert [m for share in shares for m in share] == mentions
    assert shares == [[]] if not mentions else all(shares)
    for share in shares:
        assert len(share) <= most
        assert len(share) == 1 or sum(len(m["passages"]) for m in share) <= passages
