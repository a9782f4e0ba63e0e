"""Strings from the sources reach the reader's browser as text, never as markup that runs.

In a real browser (Debian's chromium through Playwright): a correspondent's name holding markup
(in persons.xml, in a document, in the taxonomy) on the search page, whose interface draws
filter values as HTML, on the registers and in the drawings; and the published TEI copies,
which may hold XHTML or SVG (an egXML example) and an xml-stylesheet instruction.
"""

from __future__ import annotations

import pytest

from .hostile_kit import running, teikit

CHROMIUM = "/usr/bin/chromium"
pytestmark = [pytest.mark.browser]

# Each tries to set window.__xss to where it came from; the name is shown as what it says.
SENDER = '<img src=x onerror="window.__xss=\'sender\'"> Sergo & Co'
PLACE = "<svg onload=\"window.__xss='place'\"></svg> Tiflis"
KIND = "<script>window.__xss='kind'</script> Telegram"
TITLE = "<img src=x onerror=\"window.__xss='title'\"> A title"


def xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.fixture
def site(edition):
    """The edition with hostile names, built and served; yields (base URL, requests the browser made)."""
    persons = edition.tei / "persons.xml"
    persons.write_text(persons.read_text().replace(
        '<persName type="reg"><forename>Grigory</forename> <surname>Ordzhonikidze</surname></persName>',
        f'<persName type="reg">{xml_text(SENDER)}</persName>', 1))
    places = edition.tei / "places.xml"
    text = places.read_text()
    start = text.index("<placeName", text.index("<place "))
    places.write_text(text[:start] + f"<placeName type=\"reg\">{xml_text(PLACE)}</placeName>"
                      + text[text.index("</placeName>", start) + len("</placeName>"):])
    description = edition.tei / "edition.xml"
    text = description.read_text()
    start = text.index("<catDesc>")
    description.write_text(text[:start] + f"<catDesc>{xml_text(KIND)}</catDesc>"
                           + text[text.index("</catDesc>", start) + len("</catDesc>"):])
    edition.variant("egx.xml", **{
        '<?xml version="1.0" encoding="UTF-8"?>':
            '<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" href="/evil.xsl"?>',
        '<title type="short">': f'<title type="short">{xml_text(TITLE)} ',
        "<p>": '<p><egXML xmlns="http://www.tei-c.org/ns/Examples"><script xmlns="http://www.w3.org/1999/xhtml">'
               "window.__xss='tei-copy'</script><svg xmlns=\"http://www.w3.org/2000/svg\" "
               "onload=\"window.__xss='tei-svg'\"/></egXML>"})
    config = edition.root / "teikit.toml"
    config.write_text(config.read_text() + '[corpus]\nschema = "none"\n')
    built = edition.build()
    assert built.exit_code == 0, built.stderr
    assert "[copy-inert]" in built.stderr
    from toolkit.serve import make_server

    with running(make_server(edition.out, "127.0.0.1", 0)) as address:
        yield address


@pytest.fixture
def browser():
    from pathlib import Path

    if not Path(CHROMIUM).is_file():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = launched.new_page()
            page.requests = []
            page.on("request", lambda request: page.requests.append(request.url))
            yield page
        finally:
            launched.close()


def assert_nothing_ran(page) -> None:
    page.wait_for_timeout(500)  # an onerror or onload runs as soon as the element is made
    assert page.evaluate("window.__xss") is None
    # an element a browser runs (an HTML, SVG or MathML one) with an event handler: none
    assert page.evaluate("""[...document.querySelectorAll('img, [onload], [onerror], script')].filter(e =>
        ['http://www.w3.org/1999/xhtml', 'http://www.w3.org/2000/svg', 'http://www.w3.org/1998/Math/MathML']
        .includes(e.namespaceURI) && (e.matches('img[src="x"], [onload], [onerror]')
        || (e.localName === 'script' && e.textContent.includes('__xss')))).length""") == 0


def test_markup_in_names_never_runs_on_the_search_page(site, browser):
    page = browser
    # pagefind's interface now and then draws no facets, or not all of them, beside its first
    # results: as a reader would, the page is loaded again (up to three times) until every hostile
    # value is drawn. Each filter's values come once its part of the index has arrived, and a
    # filter block may be redrawn closed, so every poll opens them all and reads labels as text.
    for attempt in range(3):
        page.goto(f"{site}/html/search.html")
        page.locator(".pagefind-ui__search-input").fill("Sklyansky")
        page.wait_for_function("(document.querySelector('.pagefind-ui__message') || {}).innerText?.includes('result')")
        try:
            page.wait_for_function("""names => {
                document.querySelectorAll('details.pagefind-ui__filter-block').forEach(block => { block.open = true; });
                const labels = [...document.querySelectorAll('.pagefind-ui__filter-label')].map(label => label.textContent);
                return names.every(name => labels.some(label => label.includes(name))); }""",
                                   arg=[SENDER, PLACE, KIND], timeout=20_000)
            break
        except Exception:
            if attempt == 2:
                break  # the assertions below say which is missing
    labels = page.locator(".pagefind-ui__filter-label").all_text_contents()
    assert any(SENDER in label for label in labels), labels
    assert any(PLACE in label for label in labels), labels
    assert any(KIND in label for label in labels), labels
    assert_nothing_ran(page)
    sender = page.locator(".pagefind-ui__filter-label", has_text="Sergo & Co").first
    sender.click()  # the escaped value in the index is the one the reader's choice looks up
    page.wait_for_function("document.querySelector('.pagefind-ui__message').innerText.match(/^[1-9]\\d* result/)")
    assert_nothing_ran(page)


@pytest.mark.parametrize("address", ["html/persons.html", "html/places.html", "html/533.html", "html/index.html",
                                     "html/correspondents.html", "html/network.svg", "html/chronology.html"],
                         ids=["persons", "places", "page", "home", "correspondents", "network-svg", "chronology"])
def test_markup_in_names_is_text_on_the_pages_and_in_the_drawings(site, browser, address):
    page = browser
    page.goto(f"{site}/{address}")
    assert_nothing_ran(page)
    shown = page.evaluate("document.documentElement.textContent")
    assert SENDER in shown or PLACE in shown or KIND in shown or TITLE in shown


def test_the_published_tei_copy_runs_and_fetches_nothing(site, browser, edition):
    page = browser
    page.goto(f"{site}/html/tei/egx.xml")
    assert_nothing_ran(page)
    assert not [url for url in page.requests if "evil" in url]
    assert "window.__xss='tei-copy'" in page.evaluate("document.documentElement.textContent")
    # the documents without such markup are published byte for byte
    assert (edition.out / "html" / "tei" / "533.xml").read_bytes() == (edition.tei / "533.xml").read_bytes()


def test_the_static_dts_answers_hold_nothing_that_runs(site, edition):
    """The DTS document answers (the whole TEI and each part) are files on the site's origin too:
    inert like the TEI copy, whichever media type a static host gives a file without an extension."""
    from lxml import etree

    from toolkit.inert import BROWSER_NAMESPACES

    answers = [path for path in (edition.out / "html" / "api").rglob("*")
               if path.is_file() and b"tei-copy" in path.read_bytes() and not path.read_bytes().startswith(b"{")]
    assert len(answers) >= 2  # the whole document and at least its paragraph
    for path in answers:
        tree = etree.parse(str(path))
        live = [e.tag for e in tree.iter() if isinstance(e.tag, str) and etree.QName(e).namespace in BROWSER_NAMESPACES]
        assert live == [], f"{path.name}: {live}"
        assert not [node for node in tree.getroot().itersiblings(preceding=True)
                    if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-stylesheet"]


def test_validate_says_which_copy_is_not_the_source(site, edition):
    run = teikit("validate", "tei/egx.xml")
    assert run.diagnostics == [
        "tei/egx.xml:2:0: warning: <?xml-stylesheet?> makes a browser fetch a stylesheet (and 2 more): the site "
        "publishes a copy of this file in which it is inert, not the source byte for byte (docs/security.md) "
        "[copy-inert]"]
