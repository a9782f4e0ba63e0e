"""What a reader gets from the text in a real browser (Debian's chromium, driven by Playwright), at
desktop and phone width: whole words when copying, the view of the source behind its checkbox,
the apparatus one click away, no page wider than the screen, no accessibility violation.
The pages are `teikit render` of tests/roots/render/ (the CSS inlined); screenshots go to
tests/artifacts/ (git-ignored)."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.edition import Edition
from toolkit.render import render

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ROOTS = Path(__file__).resolve().parent / "roots" / "render"
REPOSITORY = Path(__file__).resolve().parents[1]
WIDTHS = {"desktop": (1100, 900), "phone": (390, 844)}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.is_file(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("pages")
    edition = Edition.open(REPOSITORY)
    found = {}
    for name in ("phenomena", "blocks-in-paragraphs"):
        path = folder / f"{name}.html"
        path.write_text(render(edition, ROOTS / f"{name}.xml", "html"), encoding="utf-8")
        found[name] = path.as_uri()
    return found


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(params=list(WIDTHS))
def tab(request, browser):
    width, height = WIDTHS[request.param]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.width_name = request.param
    try:
        yield page
    finally:
        page.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"reading-{name}-{page.width_name}.png"), full_page=True)


def copied(page, selector: str) -> str:
    """What selecting the element's contents and copying gives (the selection as text)."""
    return page.locator(selector).first.evaluate("""element => {
        const range = document.createRange();
        range.selectNodeContents(element);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        return selection.toString();
    }""")


def paragraph(text: str) -> str:
    return f"section.text p:has-text('{text}')"


def test_copying_gets_the_reading_text_with_words_whole(tab, pages):
    tab.goto(pages["phenomena"])
    assert " ".join(copied(tab, "section.text").split()).count("PartialRevisionen, Donnersstags") == 1
    lines = {key: " ".join(copied(tab, paragraph(key)).split()) for key in
             ("Revisionen", "stehen", "auch und", "Montmo", "Briefgeigen", "Gemischten")}
    assert lines["Revisionen"] == "erste zweite Zeile, PartialRevisionen, Donnersstags"
    assert lines["stehen"] == "stehen Gerichte, Vollziehung"  # no page numbers
    assert lines["auch und"] == "der auch und wünsche"  # no deletions
    assert lines["Montmo"] == "Montmorancy und Doktor Escher, Herr BezirksRichter Müller"
    assert lines["Briefgeigen"] == "auch Briefgeigen kann man"  # no apparatus marker
    assert lines["Gemischten"] == "die Gemischten Waaren und Belohnung"
    shot(tab, "phenomena")


def test_the_view_of_the_source_shows_breaks_and_the_source_s_forms(tab, pages):
    tab.goto(pages["phenomena"])
    abbreviation = tab.locator("span.choice span.abbr", has_text="d. J.")
    expansion = tab.locator("span.choice span.expan", has_text="dieses Jahr")
    assert expansion.is_visible() and not abbreviation.is_visible()
    broken = tab.locator(paragraph("Revisionen"))
    lines_before = broken.bounding_box()["height"]
    tab.locator("label.view-label").click()  # the checkbox's label, as a reader clicks it
    assert tab.locator("input.view-toggle").is_checked()
    assert abbreviation.is_visible() and not expansion.is_visible()
    hyphen = tab.evaluate("getComputedStyle(document.querySelector('.lb-no'), '::before').content")
    assert hyphen == '"-"'
    assert broken.bounding_box()["height"] > 2.5 * lines_before / 2  # two lines become five
    shot(tab, "source-view")
    tab.keyboard.press("Tab")  # the checkbox is reachable and toggles from the keyboard too
    tab.locator("input.view-toggle").focus()
    tab.keyboard.press("Space")
    assert expansion.is_visible()


def test_an_apparatus_marker_leads_to_its_entry_and_back(tab, pages):
    tab.goto(pages["phenomena"])
    tab.locator("a.appref[href='#app-b']").click()
    assert tab.url.endswith("#app-b")
    entry = tab.locator("li#app-b")
    assert entry.is_visible() and entry.inner_text().startswith("earth] mud B; clay C D")
    entry.locator("a.backref").click()
    assert tab.url.endswith("#appref-b")


def test_no_page_is_wider_than_the_screen(tab, pages):
    for name, url in pages.items():
        tab.goto(url)
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (name, tab.width_name)
        shot(tab, name)


def test_blocks_inside_paragraphs_look_like_blocks(tab, pages):
    tab.goto(pages["blocks-in-paragraphs"])
    cells = tab.locator("span[role='table'] span[role='cell']")
    assert cells.count() == 3
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"]  # side by side, as a row
    items = tab.locator("span[role='list'] span[role='listitem']")
    assert items.nth(1).bounding_box()["y"] > items.nth(0).bounding_box()["y"]  # one below the other


def test_the_pages_pass_axe(tab, pages):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python (test extras)")
    for name, url in pages.items():
        tab.goto(url)
        response = axe_module.Axe().run(tab).response
        assert response["violations"] == [], (name, [(v["id"], v["help"]) for v in response["violations"]])
