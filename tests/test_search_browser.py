"""The finding aids in a real browser (Debian's chromium through Playwright): the search with
its facets, the drawings' links, the site without JavaScript, accessibility of the new pages."""

from __future__ import annotations

import json
import re

import pytest

from tests.test_browser import CHROMIUM, browser_page, server, shot  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.is_file(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]


RESULT_LINKS = (".pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title "
                "> a.pagefind-ui__result-link")


def result_pages(page) -> list[str]:
    """The documents the search lists (main results, not their sub-results).

    The results are drawn after the message that counts them: wait until as many result links
    as the message says are on the page, so a list still being redrawn is never read.
    """
    page.wait_for_function("""selector => {
        const message = document.querySelector('.pagefind-ui__message');
        const count = message ? parseInt(message.innerText, 10) : NaN;
        const links = document.querySelectorAll(selector);
        return count > 0 && links.length === count && [...links].every(a => a.getAttribute('href'));
    }""", arg=RESULT_LINKS)
    links = page.locator(RESULT_LINKS)
    return sorted(href.rsplit("/", 1)[-1] for href in (a.get_attribute("href") for a in links.all()))


def search(page, server: str, words: str) -> None:
    page.goto(f"{server}/html/search.html")
    page.locator(".pagefind-ui__search-input").fill(words)
    page.wait_for_selector(".pagefind-ui__message", state="visible")
    page.wait_for_function("document.querySelector('.pagefind-ui__message').innerText.includes('result')")


def search_with_facet(page, server: str, words: str, facet: str, option: str):
    """Search, then the checkbox label of one value of a facet, its block opened as a reader would.

    pagefind's interface loads the facets beside the first search; on a loaded machine it now
    and then draws the results without them (a race inside pagefind-ui.js). A reader would load
    the page again; so does this, up to three times, before it fails."""
    for attempt in range(3):
        search(page, server, words)
        block = page.locator(".pagefind-ui__filter-block", has=page.locator("summary", has_text=facet))
        try:
            block.locator("summary").wait_for(timeout=10_000)
        except Exception:
            if attempt == 2:
                raise
            continue
        if not block.evaluate("element => element.open"):
            block.locator("summary").click()
        label = block.locator("label", has_text=re.compile(rf"^\s*{re.escape(option)}\b"))
        label.wait_for(state="visible")
        return label


def test_a_query_and_a_sender_facet_list_exactly_the_right_documents(server, browser_page):
    page = browser_page
    chicherin = search_with_facet(page, server, "Zangezur", "Sender", "Georgy Chicherin")
    # every document whose text names Zangezur, and no other (the edition's title, which is on
    # every page, is not searched)
    assert result_pages(page) == ["536.html", "538.html", "540.html", "542.html"]
    chicherin.click()
    page.wait_for_function("document.querySelector('.pagefind-ui__message').innerText.startsWith('1 result')")
    assert result_pages(page) == ["540.html"]
    shot(page, "search-facet")
    # the result leads to the document, the passage shown
    assert "Zangezur" in page.locator(".pagefind-ui__result-excerpt mark").first.inner_text()
    page.locator(".pagefind-ui__result-title a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/html/540.html")


def test_a_place_facet_alone_finds_the_documents_that_name_it(server, browser_page, built_site):
    """"Every document that mentions a place in two clicks": the facet is the register's list."""
    from lxml import html

    page = browser_page
    kars = search_with_facet(page, server, "Armenia", "Place", "Kars")
    before = page.locator(".pagefind-ui__message").inner_text()
    kars.click()
    page.wait_for_function(f"document.querySelector('.pagefind-ui__message').innerText != {before!r}")
    register = html.parse(str(built_site / "html" / "places" / "kars.html")).getroot()
    named = register.xpath("//article[@id='kars']//ul[@class='mentions']/li[contains(span, 'mentioned')]/a/@href")
    assert named and result_pages(page) == sorted(href.rsplit("/", 1)[-1] for href in named)


def test_search_page_and_drawings_pass_axe(server, browser_page):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python (test extras)")
    axe = axe_module.Axe()
    page = browser_page
    search(page, server, "Chicherin")
    for state in ("results shown",):
        violations = axe.run(page).response["violations"]
        assert violations == [], (state, [(v["id"], v["help"], v["nodes"][0]["html"]) for v in violations])


def test_the_drawings_links_lead_to_documents_and_register_entries(server, browser_page):
    page = browser_page
    page.goto(f"{server}/html/chronology.html")
    page.locator("figure svg a[href='./537.html']").click()
    page.wait_for_load_state()
    assert page.url.endswith("/html/537.html")
    page.goto(f"{server}/html/correspondents.html")
    page.locator("figure svg a[href='persons/legran.html'] circle").click()
    page.wait_for_load_state()
    assert page.url.endswith("/html/persons/legran.html")
    assert page.locator("article#legran h1").inner_text().startswith("Legran, Boris")


def test_the_chronology_is_readable_on_a_phone(server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    for name in ("chronology.html", "correspondents.html", "search.html", "persons.html"):
        page.goto(f"{server}/html/{name}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways on a phone"
    page.goto(f"{server}/html/chronology.html")
    box = page.locator("figure svg").bounding_box()
    assert box["width"] <= 375 and box["width"] >= 300
    shot(page, "phone-chronology")


def test_the_heading_is_the_edition_s_and_the_compiler_s_heading_is_quoted_with_its_names(server, browser_page):
    page = browser_page
    page.goto(f"{server}/html/537.html")
    heading = page.locator("header.document-header h1")
    assert heading.inner_text() == "Georgy Chicherin to Sergei Kirov, 4 September 1920"
    assert heading.locator("a").count() == 0
    quoted = page.locator("header.document-header .source-heading")
    assert quoted.locator(".source-heading-label").inner_text() == "The compiler’s heading"
    names = quoted.locator("a.name")
    assert names.count() >= 4 and names.first.is_visible()
    assert names.first.evaluate("a => getComputedStyle(a).textDecorationLine") == "underline"


def test_without_javascript_the_search_page_says_where_else_to_look(server, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            user_data_dir=str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True,
            java_script_enabled=False, args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = context.new_page()
            page.goto(f"{server}/html/search.html")
            assert "needs JavaScript" in page.locator("main").inner_text()
            page.locator("main a[href='places.html']").click()
            page.wait_for_load_state()
            page.locator("main a[href='places/zangezur.html']").click()
            page.wait_for_load_state()
            assert page.locator("article#zangezur").is_visible()
            page.goto(f"{server}/html/chronology.html")
            assert page.locator("figure svg a").count() == 10  # the drawing needs no script
        finally:
            context.close()


@pytest.fixture
def sharded_server(tmp_path, monkeypatch):
    """The edition built with its search index in four shards (two or three pages each), served."""
    import threading

    from conftest import copy_edition
    from toolkit.build import build
    from toolkit.builders import search as search_module
    from toolkit.edition import Edition
    from toolkit.serve import make_server

    monkeypatch.setattr(search_module, "SHARD_PAGES", 3)
    edition = Edition.open(copy_edition(tmp_path / "edition"))
    assert not build(edition, tmp_path / "out", jobs=1).failed
    httpd = make_server(tmp_path / "out", "127.0.0.1", 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", tmp_path / "out"
    httpd.shutdown()
    httpd.server_close()


def test_a_search_over_shards_finds_what_one_index_finds(sharded_server, browser_page):
    server, out = sharded_server
    shards = json.loads((out / "html" / "pagefind" / "teikit-shards.json").read_text())["merge"]
    assert shards == ["s1/", "s2/", "s3/"]
    assert not list((out / "html" / "pagefind" / "s1").glob("*.js"))  # pagefind's scripts once
    page = browser_page
    chicherin = search_with_facet(page, server, "Zangezur", "Sender", "Georgy Chicherin")
    assert result_pages(page) == ["536.html", "538.html", "540.html", "542.html"]
    chicherin.click()
    page.wait_for_function("document.querySelector('.pagefind-ui__message').innerText.startsWith('1 result')")
    assert result_pages(page) == ["540.html"]
    shot(page, "search-shards")
