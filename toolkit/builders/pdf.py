"""The print edition: edition.pdf, typeset by Typst from sources the print stylesheet writes.

    print/documents/<doc-id>.typ   one document (PrintSourceBuilder, in the workers)
    print/edition.typ              the book: front matter, contents, the documents, registers
    print/teikit.typ               the template: page, type, the functions the sources call
    edition.pdf                    the book typeset (PdfBuilder)

The documents' sources come from the same reading-text rules as the pages (xslt/common) and the
same document record (toolkit/record.py: correspondents, dates in words, number, kind, archival
references, and the register entry every name points to), so the registers list the pages where
each entry is named. `typst compile --root build/print build/print/edition.typ`
makes the same PDF from the published sources (with teikit's fonts: docs/print.md).

An edition larger than [print] max_documents (pdf = "auto") is not printed unless teikit.toml
says pdf = "always": typesetting costs about 4 MB of memory a page of letters while it runs and
redoes the whole book on every change (docs/print.md has the figures).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from lxml import etree

from .. import NSMAP, XML_NS, __version__
from ..diagnostics import ERROR, Diagnostic
from ..labels import TK_NS
from ..metadata import DateSpec, Letter
from ..record import names_record
from ..typeset import INSTALL, TypesetError, available, typeset
from ..xslt import resource
from . import Context, CorpusBuilder, CorpusInput, DocumentBuilder, Page, document_path

PDF = "edition.pdf"
FOLDER = "print"
TEMPLATE = Path("print/teikit.typ")  # the edition's own under xslt/, else the packaged one
FONTS = Path("print/fonts")  # an edition's own fonts, beside its template (xslt/print/fonts/)
REGISTERS = (("person", "persons"), ("place", "places"), ("org", "orgs"))
REGISTER_KINDS = tuple(kind for kind, _ in REGISTERS)


def tk(tag: str) -> str:
    return f"{{{TK_NS}}}{tag}"


def print_off(config, documents: int) -> str | None:
    """Why the edition is not printed (None: it is)."""
    if config.print_pdf == "never":
        return "the PDF is not made: teikit.toml says [print] pdf = \"never\""
    if config.print_pdf == "auto" and documents > config.print_max_documents:
        return (f"the PDF is not made: the edition has {documents:,} documents, more than [print] max_documents = "
                f"{config.print_max_documents:g}; set [print] pdf = \"always\" in teikit.toml to print it "
                "(docs/print.md says what it costs)")
    if not available():
        return f"the PDF is not made: its engine, Typst, is not installed ({INSTALL}); the rest is built"
    return None


# ---- one document ---------------------------------------------------------------------------

class PrintSourceBuilder(DocumentBuilder):
    """print/documents/<doc-id>.typ: the document as the book prints it."""

    name = "print"
    target = "print"
    off = staticmethod(print_off)
    settings = ("key", "base_url")  # the document's record (Page.record); [print] is the book's

    def build(self, page: Page, context: Context) -> dict[str, bytes]:
        return {document_path("print", page.letter): context.transform("print", page).encode("utf-8")}


# ---- the book ---------------------------------------------------------------------------------

def print_summary(context: Context, letters: list[Letter], edition_document) -> etree._Element:
    """The print stylesheet's view of the edition (root tk:print-edition, see print_edition.xsl)."""
    params, config, labels = context.site_params, context.edition.config, context.labels
    date = str(params.get("build-date", ""))
    root = etree.Element(tk("print-edition"), nsmap={"tk": TK_NS}, title=str(params.get("edition-title", "")),
                         lang=_language(config, edition_document), date=date,
                         publisher=config.publisher, licence=config.licence, version=__version__,
                         paper=config.print_paper, size=f"{config.print_font_size:g}")
    root.set("date-words", labels.date(DateSpec(when=date[:10])) if date else "")
    root.set("licence-name", labels.licence(config.licence) if config.licence else "")
    root.set("base-url", config.base_url)
    for editor in config.editors:
        etree.SubElement(root, tk("editor")).text = editor
    if edition_document is not None:
        etree.SubElement(root, tk("description")).append(copy.deepcopy(edition_document.root))
    for letter in letters:
        etree.SubElement(root, tk("document"), path=_relative(document_path("print", letter)))
    for kind, key in REGISTERS:
        register = etree.SubElement(root, tk("register"), kind=kind)
        for entry in context.authority.of_kind(kind):
            etree.SubElement(register, tk("entry"), id=entry.id, name=entry.sort_name if kind == "person" else entry.name,
                             life=labels.life(entry), note=entry.description)
    return root


def pdf_title(document) -> tuple[str, str]:
    """The title and language of a file's PDF rendered on its own (its main title, its xml:lang)."""
    root = document.root
    titles = root.xpath("tei:teiHeader//tei:titleStmt/tei:title", namespaces=NSMAP)
    main = next((t for t in titles if t.get("type") == "main"), titles[0] if titles else None)
    title = " ".join("".join(main.itertext()).split()) if main is not None else ""
    language = (root.get(f"{{{XML_NS}}}lang") or "en").split("-")[0].lower()
    return title or document.path.stem, language if re.fullmatch(r"[a-z]{2,3}", language) else "en"


def one_document(edition, source: str, title: str, lang: str) -> bytes:
    """The PDF of one file rendered on its own (teikit render --to pdf): its print source in a
    book of one document, without front matter or registers."""
    from ..labels import Labels
    from ..xslt import stylesheets

    config = edition.config
    summary = etree.Element(tk("print-edition"), nsmap={"tk": TK_NS}, title=title, single="true", lang=lang,
                            date=config.date or "", paper=config.print_paper, size=f"{config.print_font_size:g}")
    etree.SubElement(summary, tk("document"), path="documents/document.typ")
    styles = stylesheets(edition.xslt_dir)
    main = styles.transform("print", styles.parse(summary), {}, {"labels": Labels.for_language(config.language)}).encode("utf-8")
    template = resource(edition.xslt_dir, TEMPLATE).read_bytes()
    return typeset({"edition.typ": main, "teikit.typ": template, "documents/document.typ": source.encode("utf-8")},
                   fonts=[edition.xslt_dir / FONTS], date=config.date or "")


def _relative(path: str) -> str:
    return path[len(FOLDER) + 1:]


def _language(config, edition_document) -> str:
    language = getattr(config, "language", "") or ""
    if not language and edition_document is not None:
        language = edition_document.root.get(f"{{{XML_NS}}}lang", "")
    language = (language or "en").split("-")[0].lower()
    return language if re.fullmatch(r"[a-z]{2,3}", language) else "en"


class PdfBuilder(CorpusBuilder):
    """edition.pdf: the book, typeset from the documents' print sources and the edition's summary."""

    name = "pdf"
    target = "print"
    off = staticmethod(print_off)
    reads = ("print",)  # the documents' sources (their page keys cover stylesheets, entries, settings, date)
    # Their order, the registers' entries, edition.xml's front matter, the template, the words, what
    # the title page says (the site's parameters: title, build date) and the settings below.
    depends_on = ("letters", "authority", "description", "stylesheets", "config", "site", "labels")
    settings = ("publisher", "licence", "base_url", "editors", "language", "print_paper", "print_font_size")

    def build(self, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        documents = {}
        for letter in corpus.letters:
            path = document_path("print", letter)
            data = corpus.read_output(path) if corpus.read_output else None
            if data is not None:
                documents[_relative(path)] = data
        summary = print_summary(context, [l for l in corpus.letters if _relative(document_path("print", l)) in documents],
                                corpus.edition_document)
        names = names_record(corpus.edition_document, context.authority, registers=context.authority)
        main = context.transform_node("print", context.styles.parse(summary), {},
                                      record=context.styles.parse(names, generated=True)).encode("utf-8")
        template = resource(context.xslt_dir, TEMPLATE).read_bytes()
        outputs = {f"{FOLDER}/edition.typ": main, f"{FOLDER}/teikit.typ": template}
        try:
            outputs[PDF] = typeset({"edition.typ": main, "teikit.typ": template, **documents},
                                   fonts=[context.xslt_dir / FONTS], date=str(context.site_params.get("build-date", "")))
        except TypesetError as error:
            corpus.diagnostics.append(_located(error, context))
        return outputs


def _located(error: TypesetError, context: Context) -> Diagnostic:
    """The typesetter's error at the published source line it names."""
    if error.where is not None:
        path, line, column = error.where
        return Diagnostic(f"{FOLDER}/{path}", line, column, ERROR, "print-typeset", error.message)
    return Diagnostic(PDF, 1, 0, ERROR, "print-typeset", error.message)
