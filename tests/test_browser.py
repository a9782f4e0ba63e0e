"""The built site in a real browser (Debian's chromium, driven by Playwright).

Opens the home page, follows a document link, a footnote and its back link, and an index
link; screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.is_file(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]


@pytest.fixture
def server(built_site):
    from toolkit.serve import make_server

    httpd = make_server(built_site, "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def browser_page(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            user_data_dir=str(tmp_path / "chromium-profile"), executable_path=str(CHROMIUM), headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            viewport={"width": 1000, "height": 800})
        try:
            yield context.new_page()
        finally:
            context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_reader_walks_through_the_site(server, browser_page):
    page = browser_page
    page.goto(f"{server}/")  # the server sends / to the home page
    assert page.url.endswith("/html/index.html")
    assert page.locator("h1").inner_text().startswith("Karabakh, Zangezur and Nakhichevan")
    shot(page, "home")

    page.locator("table.document-list tbody tr").first.locator("td").nth(2).locator("a").click()
    page.wait_for_load_state()
    assert page.url.endswith("/html/533.html")
    assert page.locator("section.metadata dt", has_text="Archival references").count() == 1
    shot(page, "document")

    page.locator("a.noteref").first.click()
    assert page.url.endswith("#note-1")
    assert page.locator("li#note-1").is_visible()
    assert "Response to the telegram" in page.locator("li#note-1").inner_text()
    page.locator("li#note-1 a.backref").click()
    assert page.url.endswith("#noteref-1")
    shot(page, "footnote-back")

    page.locator("main a.name.persName").first.click()
    page.wait_for_load_state()
    assert "/html/persons/" in page.url
    entry_id = page.url.rsplit("/", 1)[1].removesuffix(".html")
    entry = page.locator(f"article.entry[id='{entry_id}']")
    assert entry.is_visible() and entry.locator("h1").inner_text()
    shot(page, "index-entry")


def test_readable_on_a_phone(server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{server}/html/538.html")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "the page scrolls sideways on a phone"
    shot(page, "phone-document")


@pytest.mark.parametrize("doc_id", ["535", "533", "542"])
def test_on_a_phone_the_text_starts_on_the_first_screen(server, browser_page, doc_id):
    """The longest compiler's headings (535 has eight lines of it) stand under the edition's short
    title in a smaller face, and the panel about the document follows the text: the first words of
    the document are on a phone's first screen."""
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{server}/html/{doc_id}.html")
    top = page.evaluate("document.querySelector('section.text').getBoundingClientRect().top + window.scrollY")
    first_line = page.evaluate("""() => { const t = document.querySelector('section.text');
        const r = document.createRange(); r.selectNodeContents(t.querySelector('p, .dateline'));
        return r.getClientRects()[0].bottom + window.scrollY; }""")
    assert first_line < 740, f"{doc_id}: the text starts at {top:.0f} px, its first line ends at {first_line:.0f} px"
    heading = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.source-heading')).fontSize)")
    title = page.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    assert heading < title
    shot(page, f"phone-first-screen-{doc_id}")


def test_every_page_passes_axe_accessibility_checks_including_contrast(server, browser_page, built_site):
    """axe-core (the engine behind most accessibility audits) finds no violation on any page."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python (test extras)")
    axe = axe_module.Axe()
    pages = sorted(p.name for p in (built_site / "html").glob("*.html"))
    assert len(pages) >= 15
    for name in pages:
        browser_page.goto(f"{server}/html/{name}")
        response = axe.run(browser_page).response
        assert response["violations"] == [], (name, [(v["id"], v["help"]) for v in response["violations"]])
        checked = {rule["id"] for rule in response["passes"]}
        assert {"color-contrast", "html-has-lang", "landmark-one-main", "link-name"} <= checked, name
