"""The site's own pages, shaped so that none grows with the edition.

Made part by part (toolkit/parts.py), so that an edited document remakes the pages it is on:

- a page per year (`years/1920.html`, `years/undated.html`): the year's documents by month;
- a page per register entry (`persons/chicherin.html`, `places/…`, `orgs/…`): its names,
  identifiers, the documents that name it with the role and the sentences, and for a person
  their own correspondence network; an entry named in more than ENTRY_PAGE documents, or
  quoted in more than ENTRY_PASSAGES sentences, goes on over further pages (`persons/escher/2.html`);
- the whole: the home page (the introduction, and the documents themselves up to HOME_TABLE of
  them, else the years with their counts), the register indexes (every name with its count, by
  initial; a page per initial from INITIAL_PAGES entries on), the correspondents (the network and
  every pair with its count and dates), the chronology (the drawing and the years), the search
  page. An entry no document names is on its register page too, from the whole.

Python gathers what each page needs into a small XML summary (root tk:site, its `page` saying
which); the HTML stylesheet turns it into the page (html_site.xsl). Every link in a summary is
made here, relative to the page it is on; `root` leads from the page back to html/. Every word
comes from the edition's labels (toolkit/labels.py); the drawings are the chronology and network
builders' files, read back (declared in `reads`), so each is drawn once per build.
"""

from __future__ import annotations

import json
import posixpath
import unicodedata
from urllib.parse import quote

from lxml import etree

from .. import NSMAP
from ..authority import INDEX_PAGES, AuthorityIndex, Entry, register_href, register_path
from ..labels import Labels
from ..metadata import Letter, Name, letter_pairs, pair_key, referenced_ids, roles, span
from ..record import names_record
from ..svg import svg_element
from ..xmlio import ParsedDocument
from ..xslt import CSS, resource
from . import Context, CorpusInput, PartedBuilder, href, year_page
from .network import ego_svg

TK_NS = "urn:teikit"
SITE_PAGES = ("index", "persons", "places", "orgs", "correspondents", "chronology", "search")
INDEXES = tuple((kind, INDEX_PAGES[kind]) for kind in ("person", "place", "org"))
HOME_TABLE = 200  # documents the home page lists itself; above, it lists the years
ENTRY_PAGE = 500  # documents an entry's page lists; more go on over further pages
ENTRY_PASSAGES = 1000  # sentences an entry's page quotes at most, unless one document quotes more alone
INITIAL_PAGES = 1000  # entries from which a register index gives each initial a page of its own
YEAR_PAGE = 500  # documents a year's page lists; a larger year gives each month a page, and a larger month pages
PAIR_DOCUMENTS = 12  # documents the correspondents table links for a pair; more are counted
UNDATED = "undated"


def tk(tag: str) -> str:
    return f"{{{TK_NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tk(tag), {k.replace("_", "-"): str(v) for k, v in attributes.items() if v})
    element.text = text
    return element


def _summary(page: str, title: str, root: str = "") -> etree._Element:
    """The root of one page's summary: which page, the edition's title, the way back to html/."""
    summary = etree.Element(tk("site"), nsmap={"tk": TK_NS, None: NSMAP["tei"]})
    for name, value in (("page", page), ("title", title), ("root", root)):
        summary.set(name, value)
    return summary


def _up(path: str) -> str:
    """From a page at `path` (relative to html/) back to html/: "", "../", "../../"."""
    return "../" * path.count("/")


def _relative(target: str, page: str) -> str:
    """A link from one page to another, both given as files relative to html/ (percent-encoded)."""
    return quote(posixpath.relpath(target, posixpath.dirname(page)), safe="/.")


def _from(root: str, target: str) -> str:
    """A link from a page `root` below html/ to `target`, given relative to html/ ("./537.html":
    the "./" keeps a name with a colon from reading as a scheme; after "../" it is not needed)."""
    if not target:
        return ""
    return root + (target[2:] if root and target.startswith("./") else target)


# ---- what each document gives the pages it is on ---------------------------------------------

def year_of(letter: Letter) -> str:
    days = span(letter.date)
    return str(days.month[0]) if days else ""


def _names(names: list[Name]) -> list[list[str]]:
    return [[name.ref, name.kind, name.name] for name in names]


def document_row(letter: Letter, labels: Labels, authority: AuthorityIndex) -> dict:
    """A document as a list of documents shows it (a year's page, the home page)."""
    days = span(letter.date)
    return {"id": letter.doc_id, "href": href("html", "html", letter), "number": letter.number,
            "inferred": letter.number_inferred, "when": letter.date.when, "date": labels.date(letter.date),
            "month": f"{days.month[1]:02d}" if days else "", "kind": labels.kind(letter.kind, authority),
            "title": letter.short_title or letter.title, "from": _names(letter.senders),
            "to": _names(letter.recipients),
            "place": _names([action.place for action in letter.sent if action.place])}


def mention(letter: Letter, entry_id: str, labels: Labels, unnamed: str) -> dict:
    """A document as an entry's page lists it: its role there, the sentences that name the entry;
    for a correspondent, whom the document went to or came from."""
    found = {"id": letter.doc_id, "href": href("html", "html", letter), "label": labels.document(letter),
             "date": labels.date(letter.date), "when": letter.date.when,
             "roles": labels.roles(roles(letter, entry_id)), "passages": letter.passages.get(entry_id, [])}
    partners = []
    for sender, recipient, cc in letter_pairs(letter, unnamed):
        if cc:
            continue
        if sender.ref == entry_id:
            partners.append(["to", *_name_value(recipient)])
        elif recipient.ref == entry_id:
            partners.append(["from", *_name_value(sender)])
    if partners:
        found["partners"] = partners
    return found


def _name_value(name: Name) -> list[str]:
    return [name.kind, name.ref, name.name, name.text]


# ---- the pages ------------------------------------------------------------------------------

def _add_document(parent: etree._Element, row: dict, root: str) -> None:
    document = _sub(parent, "document", id=row["id"], href=_from(root, row["href"]), number=row["number"],
                    inferred="true" if row["inferred"] else "false", when=row["when"], date=row["date"],
                    kind=row["kind"], title=row["title"], month=row["month"])
    for tag in ("from", "to", "place"):
        for ref, kind, name in row[tag]:
            _sub(document, tag, ref=ref, kind=kind, name=name)


def year_pages(year: str, rows: list[dict], title: str, labels: Labels) -> dict[str, etree._Element]:
    """A year's page: its documents, by month; past YEAR_PAGE documents, its months with their
    counts, each month's documents on pages of their own (years/1920/09.html, then
    years/1920/09/2.html … past YEAR_PAGE). {path: summary}"""
    path = year_page(year)
    label = year or labels["chronology.undated"]
    months = sorted({row["month"] for row in rows if row["month"]})
    split = len(rows) > YEAR_PAGE and months
    summary = _summary("year", title, _up(path))
    documents = _sub(summary, "documents", year=year, label=label, years=_up(path) + "chronology.html#years",
                     count=str(len(rows)))
    for row in rows:
        if not (split and row["month"]):  # a split year still lists those dated to the year alone
            _add_document(documents, row, _up(path))
    pages = {f"html/{path}": summary}
    for month in months:
        name = labels.month(int(month))
        if not split:
            _sub(documents, "month", number=month, name=name)
            continue
        inside = [row for row in rows if row["month"] == month]
        month_path = f"{path[:-len('.html')]}/{month}.html"
        _sub(documents, "month", number=month, name=name, count=str(len(inside)), href=_relative(month_path, path))
        pages.update(_month_pages(year, month, name, inside, month_path, (path, label), title))
    return pages


def _month_pages(year: str, month: str, name: str, rows: list[dict], first: str, up: tuple[str, str],
                 title: str) -> dict[str, etree._Element]:
    """A month's documents on its page; past YEAR_PAGE, on pages that go on (years/1920/09/2.html),
    each with the dates it spans, so no page grows with the edition. {path: summary}"""
    count = max(1, -(-len(rows) // YEAR_PAGE))
    paths = [first] + [f"{first[:-len('.html')]}/{n}.html" for n in range(2, count + 1)]
    shares = [rows[(n - 1) * YEAR_PAGE: n * YEAR_PAGE] for n in range(1, count + 1)]
    pages = {}
    for number, (path, shown) in enumerate(zip(paths, shares), start=1):
        page = _summary("year", title, _up(path))
        found = _sub(page, "documents", year=year, label=f"{name} {year}", years=_up(path) + "chronology.html#years",
                     up=_relative(up[0], path), up_label=up[1], count=str(len(rows)))
        if count > 1:
            pager = _sub(found, "pages", current=str(number), last=str(count))
            for n, (other, share) in enumerate(zip(paths, shares), start=1):
                _sub(pager, "page", number=str(n), href=_relative(other, path), first=share[0]["date"],
                     last=share[-1]["date"])
        for row in shown:
            _add_document(found, row, _up(path))
        _sub(found, "month", number=month, name=name)
        pages[f"html/{path}"] = page
    return pages


def _add_entry_head(parent: etree._Element, entry: Entry, labels: Labels) -> etree._Element:
    element = _sub(parent, "entry", id=entry.id, kind=entry.kind, name=entry.name, type=entry.type,
                   sort_name=entry.sort_name, life=labels.life(entry))
    for variant in entry.variants:
        _sub(element, "variant", variant)
    if entry.description:
        _sub(element, "description", entry.description)
    for scheme in sorted(entry.identifiers):
        uri = entry.uri(scheme)
        if uri:
            _sub(element, "identifier", scheme=scheme, label=labels.scheme(scheme),
                 uri=uri, value=entry.identifiers[scheme].rsplit("/", 1)[-1])
    return element


def entry_pages(entry: Entry, mentions: list[dict], title: str, context: Context) -> dict[str, etree._Element]:
    """An entry's page (and, past ENTRY_PAGE documents, the pages that go on): {path: summary}."""
    labels = context.labels
    first = register_path(entry)
    shares = page_shares(mentions)
    count = len(shares)
    paths = [first] + [f"{first[:-len('.html')]}/{n}.html" for n in range(2, count + 1)]
    pages = {}
    for number, (path, shown) in enumerate(zip(paths, shares), start=1):
        root = _up(path)
        summary = _summary("entry", title, root)
        element = _add_entry_head(summary, entry, labels)
        element.set("index", _from(root, INDEX_PAGES[entry.kind]))
        element.set("count", str(len(mentions)))
        if count > 1:
            pager = _sub(element, "pages", current=str(number), last=str(count))
            for n, (other, share) in enumerate(zip(paths, shares), start=1):
                first, last = _dates_of(share)
                _sub(pager, "page", number=str(n), href=_relative(other, path),
                     first=first, last=last)
        if number == 1 and entry.kind == "person":
            drawing = _own_network(entry, mentions, context, root)
            if drawing is not None:
                _sub(element, "network").append(drawing)
        for found in shown:
            item = _sub(element, "mention", doc=found["id"], href=_from(root, found["href"]), label=found["label"],
                        date=found["date"], when=found["when"], roles=found["roles"])
            for sentence in found["passages"]:
                _sub(item, "passage", sentence)
        pages[f"html/{path}"] = summary
    return pages


def page_shares(mentions: list[dict]) -> list[list[dict]]:
    """The mentions an entry's pages list, in order: at most ENTRY_PAGE documents and ENTRY_PASSAGES
    quoted sentences a page (a document that quotes the entry often fills a page sooner), at least
    one document a page, and one page for an entry no document names."""
    shares: list[list[dict]] = [[]]
    quoted = 0
    for found in mentions:
        passages = len(found["passages"])
        if shares[-1] and (len(shares[-1]) == ENTRY_PAGE or quoted + passages > ENTRY_PASSAGES):
            shares.append([])
            quoted = 0
        shares[-1].append(found)
        quoted += passages
    return shares


def _dates_of(mentions: list[dict]) -> tuple[str, str]:
    """The dates of the first and last document of a page of mentions."""
    return (mentions[0]["date"], mentions[-1]["date"]) if mentions else ("", "")


def _own_network(entry: Entry, mentions: list[dict], context: Context, root: str):
    counts: dict[tuple, list] = {}
    for found in mentions:
        for direction, kind, ref, name, text in found.get("partners", []):
            key = ref or f"name:{name}"
            slot = counts.setdefault(key, [Name(kind, ref, name, text), 0, 0])
            slot[1 if direction == "to" else 2] += 1
    person = Name(entry.kind, entry.id, entry.name, entry.name)
    return ego_svg(person, [tuple(slot) for slot in counts.values()], context.authority, context.labels, prefix=root)


def _initial(entry: Entry) -> str:
    """The letter a register files an entry under: the first letter of its sort name, without accents."""
    for char in unicodedata.normalize("NFKD", entry.sort_name):
        if char.isalpha():
            return char.upper()
    return "#"


def index_pages(kind: str, page: str, entries: list[Entry], counts: dict[str, int], title: str,
                labels: Labels) -> dict[str, etree._Element]:
    """A register's index: every name with its number of documents, by initial; from INITIAL_PAGES
    entries on, the initials on the index and a page for each (persons/initials/b.html)."""
    by_initial: dict[str, list[Entry]] = {}
    for entry in entries:
        by_initial.setdefault(_initial(entry), []).append(entry)
    split = len(entries) >= INITIAL_PAGES
    folder = page[:-len(".html")]
    initial_paths = {initial: f"{folder}/initials/{initial.lower()}.html" for initial in by_initial}
    pages = {}
    summary = _summary("register", title)
    register = _sub(summary, "register", kind=kind, title=labels[f"register.{kind}"], count=str(len(entries)),
                    split="true" if split else "false")
    for initial in sorted(by_initial):
        group = _sub(register, "initial", letter=initial, count=str(len(by_initial[initial])),
                     href=quote(initial_paths[initial]) if split else f"#initial-{quote(initial)}")
        if not split:
            _add_names(group, by_initial[initial], counts, "", labels)
    pages[f"html/{page}"] = summary
    if split:
        for initial, path in initial_paths.items():
            root = _up(path)
            summary = _summary("initial", title, root)
            register = _sub(summary, "register", kind=kind, title=labels[f"register.{kind}"], count=str(len(entries)),
                            index=_from(root, page), letter=initial)
            for other in sorted(by_initial):
                _sub(register, "initial", letter=other, count=str(len(by_initial[other])),
                     href=_relative(initial_paths[other], path))
            _add_names(_sub(register, "names"), by_initial[initial], counts, root, labels)
            pages[f"html/{path}"] = summary
    return pages


def _add_names(parent: etree._Element, entries: list[Entry], counts: dict[str, int], root: str,
               labels: Labels) -> None:
    for entry in entries:
        _sub(parent, "name", id=entry.id, href=_from(root, register_href(entry)), name=entry.sort_name,
             life=labels.life(entry), count=str(counts.get(entry.id, 0)))


# ---- the builder ------------------------------------------------------------------------------

class SitePagesBuilder(PartedBuilder):
    """Home, years, registers (an index and a page per entry), correspondents, chronology, search."""

    name = "site"
    target = "html"
    fixed_outputs = {f"html/{page}.html": "a page of the site" for page in SITE_PAGES}
    depends_on = ("letters", "authority", "description", "stylesheets", "site", "labels")
    settings = ()  # what it says of the edition comes with the site parameters
    reads = ("chronology", "network")  # the drawings the pages embed

    def split(self, letter: Letter, page_key: str, context: Context) -> dict[str, object]:
        labels, authority = context.labels, context.authority
        unnamed = labels["site.unnamed"]
        parts: dict[str, object] = {f"year:{year_of(letter) or UNDATED}": document_row(letter, labels, authority)}
        for ref in referenced_ids(letter):
            entry = authority.get(ref)
            if entry is not None and entry.kind in INDEX_PAGES:
                parts[f"entry:{ref}"] = mention(letter, ref, labels, unnamed)
        number = labels.number(letter) or letter.doc_id
        for sender, recipient, cc in letter_pairs(letter, unnamed):
            parts[f"pair:{json.dumps(pair_key(sender, recipient, cc), ensure_ascii=False)}"] = [
                _name_value(sender), _name_value(recipient), labels.date(letter.date), number,
                href("html", "html", letter)]
        return parts

    def summary(self, part: str, values: list) -> object:
        if part.startswith("pair:"):  # the names the last document gives them; the first and last dates
            return {"count": len(values), "from": values[-1][0], "to": values[-1][1], "first": values[0][2],
                    "last": values[-1][2], "docs": [v[3:5] for v in values] if len(values) <= PAIR_DOCUMENTS else []}
        return len(values)

    def build_part(self, part: str, values: list, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        kind, _, name = part.partition(":")
        title = self._title(context)
        if kind == "entry":
            entry = context.authority.get(name)
            if entry is None:
                return {}
            return self._render(entry_pages(entry, values, title, context), context)
        if kind == "year":
            year = "" if name == UNDATED else name
            return self._render(year_pages(year, values, title, context.labels), context)
        return {}  # a pair: the correspondents page counts it

    def build_whole(self, summaries: dict[str, object], corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        title, labels, authority = self._title(context), context.labels, context.authority
        years = {part[len("year:"):]: count for part, count in summaries.items() if part.startswith("year:")}
        entries = {part[len("entry:"):]: count for part, count in summaries.items() if part.startswith("entry:")}
        pairs = [(json.loads(part[len("pair:"):]), summary) for part, summary in summaries.items()
                 if part.startswith("pair:")]
        pages: dict[str, etree._Element] = {}
        pages["html/index.html"] = self._home(corpus, years, title, context)
        for kind, page in INDEXES:
            found = list(authority.of_kind(kind))
            pages.update(index_pages(kind, page, found, entries, title, labels))
            for entry in found:  # an entry no document names has its page too
                if entry.id not in entries:
                    pages.update(entry_pages(entry, [], title, context))
        drawings = {name: data for name in self.reads for data in corpus.outputs_of(name).values()}
        pages["html/correspondents.html"] = self._correspondents(pairs, drawings.get("network"), title, context)
        pages["html/chronology.html"] = self._chronology(years, drawings.get("chronology"), title, labels)
        pages["html/search.html"] = _summary("search", title)
        outputs = self._render(pages, context, corpus.edition_document)
        css = resource(context.xslt_dir, CSS)  # the edition's own CSS, else the packaged one
        if css.is_file():
            outputs[CSS.as_posix()] = css.read_bytes()
        return outputs

    def whole_key(self, corpus: CorpusInput, context: Context) -> str:
        """The home page lists the documents themselves when they are few: then their rows."""
        if len(corpus.letters) > HOME_TABLE:
            return ""
        rows = [document_row(letter, context.labels, context.authority) for letter in corpus.letters]
        return json.dumps(rows, ensure_ascii=False, sort_keys=True)

    # ---- the pages of the whole ------------------------------------------------------------

    def _home(self, corpus: CorpusInput, years: dict[str, int], title: str, context: Context) -> etree._Element:
        summary = _summary("index", title)
        _add_intro(summary, corpus.edition_document)
        if len(corpus.letters) <= HOME_TABLE:
            documents = _sub(summary, "documents")
            for letter in corpus.letters:
                _add_document(documents, document_row(letter, context.labels, context.authority), "")
        _add_years(summary, years, context.labels)
        return summary

    @staticmethod
    def _chronology(years: dict[str, int], drawing: bytes | None, title: str, labels: Labels) -> etree._Element:
        summary = _summary("chronology", title)
        chronology = _sub(summary, "chronology")
        if drawing is not None:
            chronology.append(svg_element(drawing))
        _add_years(summary, years, labels)
        return summary

    def _correspondents(self, pairs: list, drawing: bytes | None, title: str, context: Context) -> etree._Element:
        summary = _summary("correspondents", title)
        correspondence = _sub(summary, "correspondence")
        if drawing is not None:
            correspondence.append(svg_element(drawing))
        found = [(Name(*found["from"]), Name(*found["to"]), key[2], found) for key, found in pairs]
        found.sort(key=lambda p: (p[0].name.casefold(), p[1].name.casefold(), p[2], pair_key(p[0], p[1], p[2])))
        for sender, recipient, cc, counted in found:
            _sub(correspondence, "pair", from_ref=sender.ref, from_name=sender.name,
                 from_href=self._entry_href(context, sender), to_ref=recipient.ref, to_name=recipient.name,
                 to_href=self._entry_href(context, recipient), cc="true" if cc else "false",
                 count=str(counted["count"]), first=counted["first"], last=counted["last"])
            pair = correspondence[-1]
            for number, link in counted["docs"]:
                _sub(pair, "doc", number=number, href=link)
        return summary

    @staticmethod
    def _entry_href(context: Context, name: Name) -> str:
        entry = context.authority.get(name.ref) if name.ref else None
        return (register_href(entry) or "") if entry is not None else ""

    @staticmethod
    def _title(context: Context) -> str:
        return str(context.site_params.get("edition-title", ""))

    def _render(self, pages: dict[str, etree._Element], context: Context, edition_document=None) -> dict[str, bytes]:
        styles = context.styles
        # the names of the introduction (edition.xml) lead where those of a document page do
        names = styles.parse(names_record(edition_document, context.authority, context.authority)) \
            if edition_document is not None else None
        outputs = {}
        for path, summary in sorted(pages.items()):
            root = summary.get("root", "")
            params = {**context.site_params, "page": summary.get("page"), "root": root,
                      "css-href": root + "static/edition.css", "cmif-href": root + "../cmif.xml"}
            outputs[path] = context.transform_node("html", styles.parse(summary), params,
                                                   record=names if summary.get("page") == "index" else None
                                                   ).encode("utf-8")
        return outputs


def _add_intro(root: etree._Element, edition_document: ParsedDocument | None) -> None:
    """The editorial introduction: the body of edition.xml, TEI kept so names become links."""
    intro = _sub(root, "intro")
    if edition_document is None:
        return
    subtitle = edition_document.root.xpath("tei:teiHeader//tei:titleStmt/tei:title[@type='sub']", namespaces=NSMAP)
    if subtitle:
        _sub(root, "subtitle").append(_copy(subtitle[0]))
    for part in edition_document.root.xpath("tei:text/tei:body/*", namespaces=NSMAP):
        intro.append(_copy(part))


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def _add_years(root: etree._Element, years: dict[str, int], labels: Labels) -> None:
    """The years with their number of documents, each leading to its page."""
    found = _sub(root, "years")
    order = sorted((y for y in years if y != UNDATED), key=int) + ([UNDATED] if UNDATED in years else [])
    for year in order:
        _sub(found, "year", year=year, label=labels["chronology.undated"] if year == UNDATED else year,
             count=str(years[year]), href=year_page("" if year == UNDATED else year))


__all__ = ["SitePagesBuilder", "document_row", "mention", "year_pages", "entry_pages", "index_pages"]
