"""The print edition: edition.pdf, typeset by Typst from sources the print stylesheet writes.

    print/documents/<doc-id>.typ   one document (PrintSourceBuilder, in the workers)
    print/edition.typ              the book: front matter, contents, the documents, registers
    print/teikit.typ               the template: page, type, the functions the sources call
    edition.pdf                    the book typeset (PdfBuilder)

The documents' sources come from the same reading-text rules as the pages (xslt/common), with
the document record made here from metadata.Letter, and every name marked with the register
entry it points to as Python resolved it (@ref, @key, URI, prefix), so the registers list the
pages where each entry is named. `typst compile --root build/print build/print/edition.typ`
makes the same PDF from the published sources (with teikit's fonts: docs/print.md).

An edition larger than [print] max_documents (pdf = "auto") is not printed unless teikit.toml
says pdf = "always": typesetting costs about 1 MB of memory a page while it runs and redoes the
whole book on every change (docs/print.md has the figures).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from lxml import etree

from .. import NSMAP, TEI_NS, XML_NS, __version__
from ..authority import AuthorityIndex
from ..diagnostics import ERROR, Diagnostic
from ..metadata import Letter, Name, entry_ids
from ..typeset import INSTALL, TypesetError, available, typeset
from ..xslt import resource
from . import Context, CorpusBuilder, CorpusInput, DocumentBuilder, Page, document_path
from .indexes import TK_NS, document_label, human_date, life_dates

PDF = "edition.pdf"
FOLDER = "print"
TEMPLATE = Path("print/teikit.typ")  # the edition's own under xslt/, else the packaged one
FONTS = Path("print/fonts")  # an edition's own fonts, beside its template (xslt/print/fonts/)
REGISTERS = (("person", "persons"), ("place", "places"), ("org", "orgs"))
REGISTER_KINDS = tuple(kind for kind, _ in REGISTERS)
NAMES = ("persName", "placeName", "orgName", "name", "rs")


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

def mark_names(root: etree._Element, authority: AuthorityIndex) -> etree._Element:
    """A copy of the document with each name carrying tk:entry: the register entries (persons,
    places, organisations) it points to, as teikit resolves them."""
    marked = copy.deepcopy(root)
    for element in marked.iter(*(f"{{{TEI_NS}}}{name}" for name in NAMES)):
        ids = [i for i in entry_ids(element, authority) if authority.entries[i].kind in REGISTER_KINDS]
        if ids:
            element.set(tk("entry"), " ".join(dict.fromkeys(ids)))
    return marked


def print_record(letter: Letter, authority: AuthorityIndex, root: etree._Element) -> etree._Element:
    """What the edition says of the document, as the print stylesheet's `record` parameter."""
    label = document_label(letter)
    if letter.number and letter.number_inferred:
        label = label.replace(f"No. {letter.number}", f"No. [{letter.number}]", 1)
    kind = authority.get(letter.kind) if letter.kind else None
    why = root.xpath("string(tei:teiHeader//tei:sourceDesc//tei:note[@type='inferred'])", namespaces=NSMAP)
    record = etree.Element(tk("record"), nsmap={"tk": TK_NS}, id=letter.doc_id, number=letter.number,
                           inferred="true" if letter.number_inferred else "false", label=label,
                           kind=kind.name if kind else letter.kind.replace("-", " ").capitalize(),
                           lang=root.get(f"{{{XML_NS}}}lang", ""))
    record.set("inferred-why", " ".join(why.split()))
    turns = letter.turns
    for number, actions in enumerate(turns, start=1):
        turn = etree.SubElement(record, tk("turn"), n=str(number), of=str(len(turns)))
        sent = [a for a in actions if a.type == "sent"]
        for tag, parties in (("from", [p for a in sent for p in a.parties]),
                             ("to", [p for a in actions if a.type == "received" and a.subtype != "cc" for p in a.parties]),
                             ("cc", [p for a in actions if a.type == "received" and a.subtype == "cc" for p in a.parties])):
            for party in parties:
                _name(turn, tag, party, authority)
        date = next((a.date for a in sent if a.date.sort_key != "9999"), None)
        if date is not None:
            etree.SubElement(turn, tk("date")).text = human_date(date)
        for action in sent:
            if action.place is not None:
                _name(turn, "place", action.place, authority)
    for source in letter.sources:
        etree.SubElement(record, tk("source"), type=source.type,
                         repository=source.repository_name if source.repository else "",
                         **({"repository-ref": source.repository} if _in_register(source.repository, authority) else {})
                         ).text = _archival_words(source)
    return record


def _in_register(ref: str, authority: AuthorityIndex) -> bool:
    entry = authority.get(ref) if ref else None
    return entry is not None and entry.kind in REGISTER_KINDS


def _name(parent: etree._Element, tag: str, name: Name, authority: AuthorityIndex) -> None:
    element = etree.SubElement(parent, tk(tag), name=name.name)
    if _in_register(name.ref, authority):
        element.set("ref", name.ref)


def _archival_words(source) -> str:
    """fond 5, opis 1, delo 2104, folio 7; copy: an archival reference in words; a publication as printed."""
    if source.type != "archival":
        return source.text
    parts = [f"{kind} {value}" for kind, value in (("fond", source.fond), ("opis", source.opis),
                                                   ("papka", source.papka), ("delo", source.delo)) if value]
    if source.folios_from and source.folios_to and source.folios_from != source.folios_to:
        parts.append(f"folios {source.folios_from}–{source.folios_to}")
    elif source.folios_from or source.folios_to or source.folios_text:
        parts.append(f"folio {source.folios_from or source.folios_to or source.folios_text}")
    words = ", ".join(parts) or ("" if source.repository else source.text)
    kind = source.kind.replace("-", " ")
    return f"{words}; {kind}" if kind and words else words or kind


class PrintSourceBuilder(DocumentBuilder):
    """print/documents/<doc-id>.typ: the document as the book prints it."""

    name = "print"
    target = "print"
    off = staticmethod(print_off)

    def build(self, page: Page, context: Context) -> dict[str, bytes]:
        root = page.document.root
        record = print_record(page.letter, context.authority, root)
        node = context.styles.parse(mark_names(root, context.authority))
        source = context.styles.transform("print", node, {"record": record}, context.entries)
        return {document_path("print", page.letter): source.encode("utf-8")}


# ---- the book ---------------------------------------------------------------------------------

def print_summary(context: Context, letters: list[Letter], edition_document) -> etree._Element:
    """The print stylesheet's view of the edition (root tk:print-edition, see print_edition.xsl)."""
    params, config = context.site_params, context.edition.config
    date = str(params.get("build-date", ""))
    root = etree.Element(tk("print-edition"), nsmap={"tk": TK_NS}, title=str(params.get("edition-title", "")),
                         lang=_language(config, edition_document), date=date,
                         publisher=config.publisher, licence=config.licence, version=__version__,
                         paper=config.print_paper, size=f"{config.print_font_size:g}")
    root.set("date-words", human_date(_day(date)) if date else "")
    root.set("licence-name", _licence_name(config.licence))
    root.set("base-url", config.base_url)
    for editor in config.editors:
        etree.SubElement(root, tk("editor")).text = editor
    if edition_document is not None:
        etree.SubElement(root, tk("description")).append(mark_names(edition_document.root, context.authority))
    for letter in letters:
        etree.SubElement(root, tk("document"), path=_relative(document_path("print", letter)))
    for kind, key in REGISTERS:
        register = etree.SubElement(root, tk("register"), kind=kind)
        for entry in context.authority.of_kind(kind):
            etree.SubElement(register, tk("entry"), id=entry.id, name=entry.sort_name if kind == "person" else entry.name,
                             life=life_dates(entry), note=entry.description)
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
    from ..xslt import stylesheets

    config = edition.config
    summary = etree.Element(tk("print-edition"), nsmap={"tk": TK_NS}, title=title, single="true", lang=lang,
                            date=config.date or "", paper=config.print_paper, size=f"{config.print_font_size:g}")
    etree.SubElement(summary, tk("document"), path="documents/document.typ")
    styles = stylesheets(edition.xslt_dir)
    main = styles.transform("print", styles.parse(summary)).encode("utf-8")
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


def _day(iso: str):
    from ..metadata import DateSpec

    return DateSpec(when=iso[:10])


def _licence_name(uri: str) -> str:
    if "licenses/by/4.0" in uri:
        return "Creative Commons Attribution 4.0 International (CC BY 4.0)"
    if "licenses/by-sa/4.0" in uri:
        return "Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)"
    if "publicdomain/zero/1.0" in uri:
        return "CC0 1.0 Universal"
    return ""


class PdfBuilder(CorpusBuilder):
    """edition.pdf: the book, typeset from the documents' print sources and the edition's summary."""

    name = "pdf"
    target = "print"
    off = staticmethod(print_off)
    # The documents' sources (their page keys cover the stylesheets, entries, settings and build
    # date), their order, the registers' entries, edition.xml's front matter, the template.
    depends_on = ("pages", "letters", "authority", "description", "stylesheets", "config")

    def build(self, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        documents = {}
        for letter in corpus.letters:
            path = document_path("print", letter)
            data = corpus.read_output(path) if corpus.read_output else None
            if data is not None:
                documents[_relative(path)] = data
        summary = print_summary(context, [l for l in corpus.letters if _relative(document_path("print", l)) in documents],
                                corpus.edition_document)
        main = context.styles.transform("print", context.styles.parse(summary), {}, context.entries).encode("utf-8")
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
