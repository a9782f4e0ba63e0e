"""`teikit render FILE --to html|text`: one TEI file, from this edition or any other project.

The file is read by the one safe parser and transformed by the edition's stylesheets. A page
rendered alone links to nothing outside itself: names stay plain text (there are no index
pages next to it) and the site's CSS is inlined.
"""

from __future__ import annotations

from pathlib import Path

from .builders.indexes import CSS
from .edition import Edition
from .xmlio import parse_file, require_tei
from .xslt import TARGETS, resource, stylesheets


def render(edition: Edition, path: Path, target: str) -> str:
    """The HTML page or plain text of the TEI file at `path`."""
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}; expected one of {', '.join(TARGETS)}")
    document = parse_file(Path(path))
    require_tei(document)
    styles = stylesheets(edition.xslt_dir)
    params = {"inline-css": _css(edition.xslt_dir)} if target == "html" else {}
    return styles.transform(target, document.root, params)


def _css(xslt_dir: Path) -> str:
    css = resource(xslt_dir, CSS)
    return css.read_text(encoding="utf-8") if css.is_file() else ""
