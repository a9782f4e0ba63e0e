"""`teikit render FILE --to html|text|pdf`: one TEI file, from this edition or any other project.

The file is read by the one safe parser and transformed by the edition's stylesheets with the
same record a build gives its page (toolkit/record.py): a file inside the edition has its names
resolved by the edition's authority files, any other file by its own entries (standOff, back)
alone. A page rendered alone has no site around it: names lead to their authority URIs, never to
register pages, and the site's CSS is inlined. A PDF is the document as the print edition sets it
(builders/pdf.py), without the book around it.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from .authority import AuthorityIndex
from .corpus import authority_index, parse_tei
from .diagnostics import ERROR, Diagnostic
from .edition import Edition, resolved
from .errors import InputError
from .executors import Stop, bounded, run_once
from .labels import Labels
from .record import corpus_records
from .xmlio import ParsedDocument, parse_file, require_tei
from .xslt import CSS, TARGETS, TransformError, resource, stylesheets


FORMATS = ("html", "text", "pdf")


def render(edition: Edition, path: Path, target: str) -> str | bytes:
    """The HTML page or plain text (a string) or the PDF (bytes) of the TEI file at `path`; the
    stylesheet and the typesetter each run within [limits] document_seconds and document_mb."""
    if target not in FORMATS:
        raise ValueError(f"unknown format {target!r}; expected one of {', '.join(FORMATS)}")
    stylesheet = "print" if target == "pdf" else target
    result = run_once(_render, (edition, stylesheet), [Path(path)])[0]  # errors are raised as they are
    if isinstance(result, Diagnostic):  # stopped: too slow, or its process died
        raise InputError(result)
    if target == "pdf":
        from .builders.pdf import one_document
        from .tasks import stopped_line
        from .typeset import TypesetError, TypesetStopped

        try:
            return one_document(edition, *result)
        except TypesetStopped as stopped:
            raise InputError(stopped_line(Path(path), "typesetting", stopped.stop)) from None
        except TypesetError as error:  # the typesetter's words, at the file (its source is not the TEI)
            raise InputError(Diagnostic(str(path), 1, 0, ERROR, "print-typeset",
                                        f"the PDF could not be set: {error.message}")) from None
    return result


def _stopped(context, path: Path, stop: Stop) -> Diagnostic:
    from .tasks import stopped_line

    return stopped_line(path, "rendering", stop)


@bounded(lambda context: context[0].config.document_seconds,
         lambda context: stylesheets(context[0].xslt_dir), _stopped, lambda context: context[0].config.document_mb)
def _render(context: tuple[Edition, str], paths: list[Path]) -> list:
    """Each file's page or text; for print, its Typst source with the title and language of the PDF."""
    edition, target = context
    results = []
    labels = edition.labels()
    for path in paths:
        document = parse_file(path)
        require_tei(document)
        params = {"inline-css": _css(edition.xslt_dir)} if target == "html" else {}
        sheets = stylesheets(edition.xslt_dir)
        record = sheets.parse(record_of(edition, document, labels))  # made for this file, not kept
        try:
            result = sheets.transform(target, document.root, params, {"labels": labels, "record": record})
        except TransformError as error:
            raise InputError(_why_not(document, str(error))) from None
        if target == "print":
            from .builders.pdf import pdf_title

            result = (result, *pdf_title(document))
        results.append(result)
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


def record_of(edition: Edition, document: ParsedDocument, labels: Labels) -> etree._Element:
    """The record of a file rendered alone: with the edition's entries when it is one of its files."""
    authority = _edition_authority(edition, document.path) or AuthorityIndex()
    authority = authority.with_local(document, edition.config.key)
    return corpus_records(document, authority, labels, edition.config, registers=None)


def _edition_authority(edition: Edition, path: Path) -> AuthorityIndex | None:
    """The edition's authority index when `path` is inside the edition folder and it has authority files."""
    if not resolved(Path(path)).is_relative_to(resolved(edition.root)):
        return None
    files = edition.authority_files()
    if not files:
        return None
    support, _failures = parse_tei(files, edition.config.max_file_bytes, edition.roots)
    return authority_index(edition, support) if support else None


def _css(xslt_dir: Path) -> str:
    css = resource(xslt_dir, CSS)
    return css.read_text(encoding="utf-8") if css.is_file() else ""
