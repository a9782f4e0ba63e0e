"""`teikit render FILE --to html|text`: one TEI file, from this edition or any other project.

The file is read by the one safe parser and transformed by the edition's stylesheets. A page
rendered alone links to nothing outside itself: names stay plain text (there are no index
pages next to it) and the site's CSS is inlined.
"""

from __future__ import annotations

from pathlib import Path

from .builders.indexes import CSS
from .diagnostics import ERROR, Diagnostic
from .edition import Edition
from .errors import InputError
from .executors import Stop, bounded, run_once
from .xmlio import parse_file, require_tei
from .xslt import TARGETS, TransformError, resource, stylesheets


def render(edition: Edition, path: Path, target: str) -> str:
    """The HTML page or plain text of the TEI file at `path`, within [limits] document_seconds and document_mb."""
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}; expected one of {', '.join(TARGETS)}")
    result = run_once(_render, (edition, target), [Path(path)])[0]  # errors are raised as they are
    if isinstance(result, Diagnostic):  # stopped: too slow, or its process died
        raise InputError(result)
    return result


def _stopped(context, path: Path, stop: Stop) -> Diagnostic:
    from .tasks import stopped_line

    return stopped_line(path, "rendering", stop)


@bounded(lambda context: context[0].config.document_seconds,
         lambda context: stylesheets(context[0].xslt_dir), _stopped, lambda context: context[0].config.document_mb)
def _render(context: tuple[Edition, str], paths: list[Path]) -> list[str]:
    edition, target = context
    results = []
    for path in paths:
        document = parse_file(path)
        require_tei(document)
        params = {"inline-css": _css(edition.xslt_dir)} if target == "html" else {}
        try:
            results.append(stylesheets(edition.xslt_dir).transform(target, document.root, params))
        except TransformError as error:
            raise InputError(_why_not(document, str(error))) from None
    return results


def _why_not(document, message: str) -> Diagnostic:
    """Where a document is that the stylesheets cannot render: the first of the rules that say so
    (those `validate` applies, at the element), else the stylesheet's words at the document."""
    from .validation import buildable

    found = [d for d in buildable.check(document) if d.is_error]
    if found:
        return found[0]
    words = message.split(": ", 1)[-1]  # "html/html.xsl: A sequence …": the stylesheet is not the reader's
    return Diagnostic(document.display, 1, 0, ERROR, "build-transform",
                      f"the stylesheets cannot render this document: {words}")


def _css(xslt_dir: Path) -> str:
    css = resource(xslt_dir, CSS)
    return css.read_text(encoding="utf-8") if css.is_file() else ""
