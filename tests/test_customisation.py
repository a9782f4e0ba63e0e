"""An edition customises one template of one target: everything else stays the packaged output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.build import build
from toolkit.edition import Edition

VALID = Path(__file__).resolve().parent / "roots" / "valid"
CUSTOM_HTML = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="xs tei">
  <xsl:param name="teikit-xslt" static="yes" as="xs:string" select="''"/>
  <xsl:import _href="{$teikit-xslt}html/html.xsl"/>
  <xsl:template match="tei:supplied">
    <span class="supplied">⟨<xsl:apply-templates/>⟩</span>
  </xsl:template>
</xsl:stylesheet>
"""
DEFAULT_SUPPLIED = ('<span class="supplied" title="Supplied by Clara Compiler"><span class="mark" aria-hidden="true"'
                    ' data-pagefind-ignore="">[</span>well<span class="mark" aria-hidden="true" data-pagefind-ignore="">]'
                    '</span></span>')
CUSTOM_SUPPLIED = '<span class="supplied">⟨well⟩</span>'


def built(tmp_path: Path, name: str, files: dict[str, str]) -> dict[str, bytes]:
    root = tmp_path / name
    shutil.copytree(VALID, root)
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    report = build(Edition.open(root), root / "build", jobs=1)
    assert not report.failed, [d.format() for d in report.diagnostics]
    out = root / "build"
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".teikit" not in p.parts and not p.name.startswith(".")}


@pytest.fixture(scope="module")
def packaged(tmp_path_factory) -> dict[str, bytes]:
    return built(tmp_path_factory.mktemp("packaged"), "edition", {})


def test_one_overridden_template_changes_that_template_only(packaged, tmp_path):
    custom = built(tmp_path, "edition", {"xslt/html/html.xsl": CUSTOM_HTML})
    # the search index is made from the pages: it changes with the page, and only then
    index = [path for path in custom if path.startswith("html/pagefind/")]
    assert index and custom.get("html/pagefind/pagefind-entry.json") != packaged.get("html/pagefind/pagefind-entry.json")
    custom = {path: data for path, data in custom.items() if not path.startswith("html/pagefind/")}
    packaged = {path: data for path, data in packaged.items() if not path.startswith("html/pagefind/")}
    assert custom.keys() == packaged.keys()
    changed = sorted(path for path in custom if custom[path] != packaged[path])
    # the one page with supplied text, and its copy in the DTS API (the document as text/html)
    assert changed == ["html/1.html", "html/api/dts/document/1;mediaType=text/html"]
    assert custom["html/api/dts/document/1;mediaType=text/html"] == custom["html/1.html"]
    page = custom["html/1.html"].decode("utf-8")
    assert CUSTOM_SUPPLIED in page
    assert page.replace(CUSTOM_SUPPLIED, DEFAULT_SUPPLIED).encode("utf-8") == packaged["html/1.html"]
    # the text target, not customised, is the packaged one; the CSS is shipped
    assert custom["text/1.txt"] == packaged["text/1.txt"]
    assert custom["html/static/edition.css"] == packaged["html/static/edition.css"]


def test_the_css_can_be_overridden_alone(packaged, tmp_path):
    css = "body { font-family: serif; }\n"
    custom = built(tmp_path, "edition", {"xslt/html/static/edition.css": css})
    assert custom["html/static/edition.css"] == css.encode("utf-8")
    assert {p: b for p, b in custom.items() if p != "html/static/edition.css"} == \
        {p: b for p, b in packaged.items() if p != "html/static/edition.css"}


def test_a_customised_edition_rebuilds_nothing_when_nothing_changed(tmp_path):
    root = tmp_path / "edition"
    shutil.copytree(VALID, root)
    (root / "xslt" / "html").mkdir(parents=True)
    (root / "xslt" / "html" / "html.xsl").write_text(CUSTOM_HTML, encoding="utf-8")
    build(Edition.open(root), root / "build", jobs=1)
    again = build(Edition.open(root), root / "build", jobs=1)
    assert again.built == [] and not again.site_written and again.written == 0


RECORD_HTML = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit" exclude-result-prefixes="xs tei tk">
  <xsl:param name="teikit-xslt" static="yes" as="xs:string" select="''"/>
  <xsl:import _href="{$teikit-xslt}html/html.xsl"/>
  <xsl:template match="tei:teiHeader" mode="tk:metadata">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:next-match><xsl:with-param name="level" select="$level"/></xsl:next-match>
    <p class="senders"><xsl:value-of select="tk:record(.)/tk:turn/tk:from/@name" separator="; "/></p>
  </xsl:template>
</xsl:stylesheet>
"""


def test_a_projects_stylesheet_gets_the_record(packaged, tmp_path):
    from lxml import html

    custom = built(tmp_path, "edition", {"xslt/html/html.xsl": RECORD_HTML})
    page = html.fromstring(custom["html/1.html"])
    senders = page.xpath("//section[@class='metadata']/dl/dt[. = 'From']/following-sibling::dd[1]")[0].text_content()
    assert page.xpath("string(//p[@class='senders'])") == senders.strip() != ""
