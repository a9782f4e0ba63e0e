"""The print edition (build/edition.pdf): read back with poppler's pdftotext and pdffonts and with
pypdf, as a reader's tools see it. Every reading word of the ten documents in order, no deleted or
alternative reading in the reading text, each note on the page of its marker, register pages that
name their entry, fonts embedded, a bookmark per document, the same bytes twice."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from toolkit import NSMAP
from toolkit.build import build
from toolkit.cli import cli
from toolkit.edition import Edition
from toolkit.render import render

REPOSITORY = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
ROOTS = Path(__file__).resolve().parent / "roots"
DOCUMENTS = sorted(p.stem for p in (REPOSITORY / "tei").glob("5*.xml"))
MARKERS = r"(,?(\d{1,3}|[a-z]{1,2}))+"  # note and apparatus markers after a word: "Munition1,2", "der2a"

pypdf = pytest.importorskip("pypdf", reason="pypdf is a test dependency: pip install '.[test]'")
if not (shutil.which("pdftotext") and shutil.which("pdffonts")):
    pytest.skip("pdftotext and pdffonts (Debian's poppler-utils) are not installed", allow_module_level=True)


@pytest.fixture
def edition_copy(tmp_path) -> Path:
    from conftest import copy_edition

    return copy_edition(tmp_path / "edition")


# ---- reading the PDF -------------------------------------------------------------------------

def page_texts(pdf: Path) -> list[str]:
    """The text of each page in the order it was set (pdftotext -raw, which also keeps a hyphen at
    the end of a line where the source has it; pages end with a form feed)."""
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


def sized_words(pdf: Path, page: int) -> list[tuple[str, float]]:
    """(word, height) on one page (1-based): the height tells the text's size from the notes'."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    words = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', out)
    return [(html_unescape(w), float(y2) - float(y1)) for y1, y2, w in words]


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


def reading_words(pdf: Path, page: int) -> list[str]:
    """The words set in the size of the text (not the notes, apparatus, metadata, folio)."""
    words = sized_words(pdf, page)
    body = max(set(round(h) for _, h in words), key=lambda h: sum(1 for _, x in words if round(x) == h))
    return [w for w, h in words if h >= body - 0.5]


def outline(pdf: Path) -> list[tuple[str, int, int]]:
    """(title, depth, page index) of every bookmark, in order."""
    reader = pypdf.PdfReader(str(pdf))
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((item.title, depth, reader.get_destination_page_number(item)))
    walk(reader.outline, 0)
    return found


def links(pdf: Path) -> list[tuple[int, int | None, str | None]]:
    """(page index, destination page index or None, URI or None) of every link annotation."""
    reader = pypdf.PdfReader(str(pdf))
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    named = {str(name): reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()}
    found = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            destination, action = annotation.get("/Dest"), annotation.get("/A")
            if isinstance(destination, str):
                found.append((number, named.get(str(destination)), None))
            elif destination is not None:
                found.append((number, pages.get(destination[0].idnum), None))
            elif action is not None and action.get("/S") == "/URI":
                found.append((number, None, str(action.get("/URI"))))
    return found


def letters(text: str) -> str:
    """Letters and digits only, case folded: compares words across line breaks and hyphenation."""
    return re.sub(r"[\W_]+", "", text).casefold()


def tokens(text: str) -> list[str]:
    return text.split()


def follows(expected: list[str], found: list[str]) -> str | None:
    """None if the expected words stand in `found` in order; else the first one missing, with the
    words before it. A word may carry a note's or the apparatus's marker ("Sklyansky1"), or be
    hyphenated over two lines ("Commis-" "sar")."""
    i = 0
    for n, word in enumerate(expected):
        while i < len(found):
            here = found[i]
            after = found[i + 1] if i + 1 < len(found) else ""
            if here == word or (here.startswith(word) and re.fullmatch(MARKERS, here[len(word):])):
                i += 1
                break
            if here + after == word and re.search(r"[—–-]$", here):  # a line broken after a dash
                i += 2
                break
            joined = here[:-1] + after if here.endswith(("-", "\u00ad")) else None
            if joined is not None and (joined == word or here + after == word or (joined.startswith(word)
                                       and re.fullmatch(MARKERS, joined[len(word):]))):
                i += 2
                break
            i += 1
        else:
            return f"{word!r} (after {' '.join(expected[max(0, n - 8):n])!r})"
    return None


# ---- the edition, built once --------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdf(built_site) -> Path:
    path = built_site / "edition.pdf"
    assert path.is_file()
    return path


@pytest.fixture(scope="module")
def texts(pdf) -> list[str]:
    return page_texts(pdf)


@pytest.fixture(scope="module")
def marks(pdf) -> list[tuple[str, int, int]]:
    return outline(pdf)


def document_pages(marks, texts) -> dict[str, range]:
    """The page indexes of each document, from its bookmark to the next one."""
    starts = [(title, page) for title, depth, page in marks]
    ranges = {}
    for k, (title, page) in enumerate(starts):
        found = re.match(r"No\. \[?(\d+)\]?:", title)
        if found:
            end = starts[k + 1][1] if k + 1 < len(starts) else len(texts)
            ranges[found.group(1)] = range(page, max(end, page + 1))
    return ranges


def test_the_pdf_is_a_book_with_the_edition_s_metadata(pdf, marks):
    info = pypdf.PdfReader(str(pdf)).metadata
    assert info.title == "Karabakh, Zangezur and Nakhichevan, August–October 1920: Ten Documents"
    assert info.author == "teikit editors"
    assert pypdf.PdfReader(str(pdf)).trailer["/Root"]["/Lang"] == "en"
    titles = [title for title, _, _ in marks]
    for part in ("Contents", "Introduction", "Editorial principles", "Documents", "Registers", "Persons", "Places",
                 "Organisations"):
        assert part in titles, part


def test_no_page_is_empty(texts):
    """Every page has words besides its number (an empty page before the contents was once set)."""
    assert len(texts) > 12
    empty = [n + 1 for n, text in enumerate(texts) if not re.sub(r"^\s*\d*\s*$", "", text).strip()]
    assert empty == []


def shows(line: str, title: str) -> bool:
    """Whether a line is the title, or the title cut short for a running head ("… no later …")."""
    return line == title or (line.endswith(" …") and title.startswith(line[:-2]) and len(line) > 20)


def test_running_heads_and_page_numbers(texts, marks):
    """Every page of a document but its first opens with the document's number and short title,
    every page of a register but its first with the register's name; every page after the imprint
    ends with its number, the PDF's own (so "p. 37" is page 37 in every reader)."""
    heads = [(title, page) for title, _, page in marks if re.match(r"No\. \[?\d+\]?:", title)
             or title in ("Persons", "Places", "Organisations")]
    ends = [page for _, page in heads[1:]] + [len(texts)]
    continued = 0
    for (title, start), end in zip(heads, ends):
        assert sum(1 for line in texts[start].splitlines() if shows(line, title)) <= 1, title  # its heading only
        for page in range(start + 1, end):
            if re.match(r"No\. ", title) and page >= next(p for t, _, p in marks if t == "Registers"):
                break
            assert shows(texts[page].splitlines()[0], title), (page + 1, title, texts[page][:80])
            continued += 1
    assert continued >= 2  # a document and a register run over a page here
    for number, text in enumerate(texts[2:], start=3):
        assert [line for line in text.splitlines() if line.strip()][-1] == str(number), number


def test_every_document_has_a_bookmark_under_documents(marks):
    documents = [(title, depth) for title, depth, _ in marks if re.match(r"No\. \[?\d+\]?:", title)]
    assert [re.search(r"\d+", t).group() for t, _ in documents] == DOCUMENTS
    assert {depth for _, depth in documents} == {1}  # inside "Documents"
    assert ("No. [533]: Ordzhonikidze to Sklyansky, 27 August 1920", 1) in documents  # an inferred number in brackets


def test_the_book_says_what_the_site_says_of_notes_dates_and_places(marks, texts):
    """The description and the notes of a document are its record's, in the words of the site:
    whose note it is, whose the date line is, that "Rostov" is the editors' Rostov-on-Don."""
    page = " ".join(" ".join(texts[p] for p in document_pages(marks, texts)["533"]).split())
    assert "Unsigned note. Attributed by the editors to: Yuri Barsegov, compiler (probable)" in page
    assert "27 August 1920 (the date line is by Yuri Barsegov, compiler)" in page
    assert "Rostov-on-Don (written “Rostov”: the editors’ identification)" in page


def test_the_imprint_states_the_rights_and_the_source_as_edition_xml_does(marks, texts):
    """The page after the title: the licence with what it does not cover, and the printed source."""
    imprint = " ".join(" ".join(texts[:next(p for t, _, p in marks if t == "Contents")]).split())
    assert "Creative Commons Attribution 4.0 International (CC BY 4.0)" in imprint
    assert "the licence above does not extend to the translated text" in imprint
    assert "Nagorno-Karabakh in International Law and Global Politics" in imprint


def test_each_document_starts_a_page_under_its_heading_with_its_archival_reference(marks, texts):
    pages = document_pages(marks, texts)
    starts = [pages[number].start for number in DOCUMENTS]
    assert starts == sorted(set(starts))  # no two documents begin on one page
    for number in DOCUMENTS:
        first = " ".join(texts[pages[number].start].split())
        assert re.match(rf"No\. \[?{number}\]?", first), (number, first[:80])  # its heading opens the page
        whole = " ".join(" ".join(texts[p] for p in pages[number]).split())
        assert re.search(r"\bfond \d+|\bf\. \d+", whole), number  # the archival reference is printed


@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_every_reading_word_is_in_the_pdf_in_order(doc_id, marks, texts):
    blocks = (GOLDEN / f"{doc_id}.txt").read_text(encoding="utf-8").strip().split("\n\n")
    pages = document_pages(marks, texts)[doc_id]
    found = tokens(" ".join(texts[p] for p in pages))
    text = [b for b in blocks if not re.match(r"\[\d+\] ", b)]
    expected = tokens(re.sub(r"\[\d+\]", "", " ".join(text)))
    assert len(expected) > 40
    assert follows(expected, found) is None, follows(expected, found)
    for note in (b for b in blocks if re.match(r"\[\d+\] ", b)):
        words = tokens(re.sub(r"^\[\d+\] ", "", note))
        assert follows(words, found) is None, (note, follows(words, found))


def test_each_note_is_at_the_foot_of_its_marker_s_page(pdf, marks, texts):
    """A footnote's marker links to its note and the note back to the marker: on documents' pages
    every link that does not lead to the registers stays on its page."""
    ranges = document_pages(marks, texts)
    registers = next(page for title, _, page in marks if title == "Registers")
    on_pages = {p for r in ranges.values() for p in r}
    notes = [(page, target) for page, target, uri in links(pdf)
             if page in on_pages and uri is None and target is not None and target < registers]
    expected = sum(len(re.findall(r"^\[\d+\] ", (GOLDEN / f"{d}.txt").read_text(encoding="utf-8"), re.M)) for d in DOCUMENTS)
    assert expected >= 2 and len(notes) >= expected  # the marker's link (and the note's link back)
    assert all(page == target for page, target in notes), [(p + 1, t + 1) for p, t in notes if p != t]


def register_entries(texts, marks) -> list[tuple[object, list[int]]]:
    """(authority entry, its page numbers) of the registers, read from their pages' text: each entry
    starts a line with its name, in the order of the register, its life dates, then its pages
    (before its description, which may be long)."""
    from toolkit.builders.pdf import REGISTERS
    from toolkit.corpus import authority_index, parse_tei

    edition = Edition.open(REPOSITORY)
    support, _ = parse_tei(edition.authority_files(), edition.config.max_file_bytes, edition.root)
    authority = authority_index(edition, support)
    start = next(page for title, _, page in marks if title == "Registers")
    headings = {"Registers", "Persons", "Places", "Organisations"}
    lines = []
    for text in texts[start:]:
        page = [line for line in text.splitlines() if line.strip() and line.strip() not in headings]
        lines += page[:-1] if page and page[-1].strip().isdigit() else page  # not the folio
    starts, cursor = [], 0
    for kind, _ in REGISTERS:
        for entry in authority.of_kind(kind):
            shown = entry.sort_name if kind == "person" else entry.name
            at = next((n for n in range(cursor, len(lines)) if re.match(re.escape(shown) + r"[ :(]", lines[n])), None)
            if at is not None:
                starts.append((at, entry))
                cursor = at + 1
    entries = []
    for k, (at, entry) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        chunk = " ".join(lines[at:end])
        numbers = re.match(re.escape(entry.sort_name if entry.kind == "person" else entry.name)
                           + r"(?: \([^)]*\))?: (\d+(?:, \d+)*)(?: – |$)", chunk)
        assert numbers, (entry.id, chunk)
        entries.append((entry, [int(n) for n in re.findall(r"\d+", numbers.group(1))]))
    return entries


def forms(entry) -> set[str]:
    """How the edition names an entry: its names and the words of every name that points to it."""
    found = {entry.name, *entry.variants}
    for path in (REPOSITORY / "tei").glob("*.xml"):
        tree = etree.parse(str(path))
        for element in tree.xpath(f"//*[contains(concat(' ', @ref, ' '), ' #{entry.id} ')]", namespaces=NSMAP):
            found.add(" ".join("".join(element.itertext()).split()))
    return {letters(f) for f in found if letters(f)}


def test_register_pages_name_their_entry(texts, marks):
    entries = register_entries(texts, marks)
    assert len(entries) >= 40
    assert any(e.id == "chicherin" and len(pages) >= 5 for e, pages in entries)
    for entry, pages in entries:
        wanted = forms(entry)
        for page in pages:
            assert any(form in letters(texts[page - 1]) for form in wanted), (entry.id, page)


def test_names_link_to_their_register_entry(pdf, marks, texts):
    registers = next(page for title, _, page in marks if title == "Registers")
    ranges = document_pages(marks, texts)
    to_register = [(page, target) for page, target, _ in links(pdf)
                   if target is not None and target >= registers and any(page in r for r in ranges.values())]
    assert len(to_register) > 100  # every name in the ten documents
    contents = next(page for title, _, page in marks if title == "Contents")
    from_contents = {target for page, target, _ in links(pdf) if page == contents and target is not None}
    assert {r.start for r in ranges.values()} <= from_contents


def test_every_font_is_embedded(pdf):
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert lines
    assert all(line.split()[-5] == "yes" for line in lines), lines  # the "emb" column


def test_two_builds_give_the_same_bytes(pdf, tmp_path):
    again = tmp_path / "again"
    report = build(Edition.open(REPOSITORY), again, jobs=2)
    assert not report.failed
    assert (again / "edition.pdf").read_bytes() == pdf.read_bytes()
    for source in (pdf.parent / "print").rglob("*.typ"):
        assert (again / source.relative_to(pdf.parent)).read_bytes() == source.read_bytes(), source


# ---- one file rendered on its own ------------------------------------------------------------------

@pytest.fixture(scope="module")
def phenomena(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "phenomena.pdf"
    path.write_bytes(render(Edition.open(REPOSITORY), ROOTS / "render" / "phenomena.xml", "pdf"))
    return path


def test_no_deleted_or_other_reading_stands_in_the_reading_text(phenomena):
    reading = " ".join(reading_words(phenomena, 1))
    everything = " ".join(page_texts(phenomena))
    for read in ("dieses Jahr", "Schar", "Teil", "wünsche", "neues", "lesbar", "PartialRevisionen", "Donnersstags",
                 "Briefgeigen"):
        assert read in reading, read
    for unread in ("gewiß", "hoffe", "d. J.", "Schaar", "Theil", "singen"):
        assert unread not in reading, unread
        assert unread in everything, unread  # in the apparatus, at the foot of the page


def test_the_apparatus_is_lettered_and_says_what_the_source_has(phenomena):
    text = " ".join(page_texts(phenomena)[0].split())
    for entry in ("a abbreviated: d. J.", "b in the source: Schaar", "c original spelling: Theil", "d deleted: gewiß",
                  "f corrected from: hoffe", "g added above", "1 sic!", "4 Eine verankerte Anmerkung.",
                  "o singen added sublinear"):  # an open variant (mod type="variant"): one reading read
        assert entry in text, entry


def test_the_apparatus_letters_run_without_a_gap(tmp_path):
    """An entry inside words the reading text leaves out (an addition inside a deletion, an
    uncertain reading inside the other form of a choice) has no letter of its own: the marker of
    such a letter would never be printed, and the reader would look for it in vain. A substitution
    inside a word has its marker after the word, whatever line breaks the XML has between its
    readings; a deleted gap is "[…]" in the apparatus."""
    pdf = tmp_path / "apparatus.pdf"
    pdf.write_bytes(render(Edition.open(REPOSITORY), ROOTS / "print" / "apparatus.xml", "pdf"))
    lines = page_texts(pdf)[0].splitlines()
    assert "a deleted: uber" in lines, lines
    entries = [line for line in lines[lines.index("a deleted: uber"):] if re.match(r"[a-z] ", line)]
    assert [line[0] for line in entries] == list("abcdefghij"), entries
    assert entries[0] == "a deleted: uber" and entries[1] == "b in the source: Schaar"
    assert entries[5] == "f corrected from: […]"
    reading = "\n".join(lines[:lines.index(entries[0])]).replace(",\n", ",").replace("\n", " ")
    for words in ("Philister1,a über", "Scharb", "Mausestillef anderer", "habeg nur", "danken wirst)h,i dank' ich",
                  "von Orvillenj, an der"):
        assert words in reading, (words, reading)  # (pdftotext breaks a line after a raised comma)


def test_the_fonts_cover_latin_cyrillic_greek_and_armenian(tmp_path):
    pdf = tmp_path / "scripts.pdf"
    pdf.write_bytes(render(Edition.open(REPOSITORY), ROOTS / "print" / "scripts.xml", "pdf"))
    text = " ".join(page_texts(pdf)[0].split())
    source = etree.parse(str(ROOTS / "print" / "scripts.xml"))
    for paragraph in source.xpath("//tei:body/tei:p", namespaces=NSMAP):
        assert " ".join("".join(paragraph.itertext()).split()) in text
    fonts = [line.split()[0].split("+")[-1] for line in
             subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]]
    # no fallback font: every glyph came from the edition's fonts, in roman, italic and bold
    assert set(fonts) == {"LibertinusSerif-Regular-Identity-H", "LibertinusSerif-Italic-Identity-H",
                          "LibertinusSerif-Bold-Identity-H", "NotoSerifArmenian-Regular", "NotoSerifArmenian-Bold"}


def test_render_to_pdf_on_the_command_line(tmp_path):
    out = tmp_path / "537.pdf"
    result = CliRunner().invoke(cli, ["--edition", str(REPOSITORY), "render", str(REPOSITORY / "tei" / "537.xml"),
                                      "--to", "pdf", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert "Postpone the resolution of the Transcaucasian question" in " ".join(" ".join(page_texts(out)).split())
    piped = CliRunner().invoke(cli, ["--edition", str(REPOSITORY), "render", str(REPOSITORY / "tei" / "537.xml"),
                                     "--to", "pdf"])
    assert piped.exit_code == 0 and piped.stdout_bytes == out.read_bytes()


def test_a_document_the_typesetter_refuses_is_one_line_at_the_file(tmp_path, monkeypatch):
    import toolkit.builders.pdf as printed
    from toolkit.typeset import TypesetError

    def refuse(*args, **kwargs):
        raise TypesetError("cell's colspan would cause it to exceed the available column(s)", ("documents/document.typ", 3, 1))

    monkeypatch.setattr(printed, "typeset", refuse)
    source = REPOSITORY / "tei" / "537.xml"
    result = CliRunner().invoke(cli, ["--edition", str(REPOSITORY), "render", str(source), "--to", "pdf",
                                      "-o", str(tmp_path / "537.pdf")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().splitlines()[-1].endswith(
        f"{source}:1:0: error: the PDF could not be set: cell's colspan would cause it to exceed the available "
        "column(s) [print-typeset]")
    assert not (tmp_path / "537.pdf").exists()


# ---- when the PDF is not made ----------------------------------------------------------------------

def test_without_the_engine_the_build_says_so_in_one_line_and_builds_the_rest(edition_copy, tmp_path, monkeypatch):
    import toolkit.builders.pdf as printed

    monkeypatch.setattr(printed, "available", lambda: False)
    out = tmp_path / "out"
    report = build(Edition.open(edition_copy), out, jobs=1)
    assert not report.failed
    off = [d.format() for d in report.diagnostics if d.rule == "build-off"]
    assert [line.split(": ", 1)[1] for line in off] == [
        "warning: the PDF is not made: its engine, Typst, is not installed (pip install typst); the rest is built "
        "[build-off]"]
    assert off[0].startswith(f"{edition_copy / 'teikit.toml'}:1:0: ")
    assert not (out / "edition.pdf").exists() and not (out / "print").exists()
    assert (out / "html" / "index.html").is_file()


def test_a_large_edition_is_printed_only_when_asked(edition_copy, tmp_path):
    config = edition_copy / "teikit.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[print]\nmax_documents = 5\n", encoding="utf-8")
    out = tmp_path / "out"
    report = build(Edition.open(edition_copy), out, jobs=1)
    assert [d.message for d in report.diagnostics if d.rule == "build-off"] == [
        'the PDF is not made: the edition has 10 documents, more than [print] max_documents = 5; set [print] pdf = '
        '"always" in teikit.toml to print it (docs/print.md says what it costs)']
    assert not (out / "edition.pdf").exists()
    config.write_text(config.read_text(encoding="utf-8").replace("max_documents = 5", 'max_documents = 5\npdf = "always"'),
                      encoding="utf-8")
    report = build(Edition.open(edition_copy), out, jobs=1)
    assert not report.failed and (out / "edition.pdf").is_file() and len(list((out / "print" / "documents").glob("*.typ"))) == 10


# ---- words that are Typst code -------------------------------------------------------------------

def squeezed(text: str) -> str:
    """Text without its spaces and line breaks: compares words however the page broke them."""
    return re.sub(r"\s+", "", text)


def hostile_values(path: Path) -> list[str]:
    """Every text and attribute value of a TEI file that holds something Typst would read as code."""
    tree = etree.parse(str(path))
    texts = [" ".join(t.split()) for t in tree.xpath("//text()[normalize-space()][not(parent::comment())]")]
    return [t for t in texts if re.search(r"[#\\\"\]\[$*_`<@]", t)]


def test_words_that_are_typst_code_are_printed_as_they_stand(tmp_path):
    """Text reaches Typst only inside string literals: quotes, backslashes, brackets, #code, $math$
    and markup signs in the text, the header and the attributes are printed, nothing runs."""
    source = ROOTS / "print" / "hostile.xml"
    pdf = tmp_path / "hostile.pdf"
    pdf.write_bytes(render(Edition.open(REPOSITORY), source, "pdf"))
    text = squeezed(" ".join(page_texts(pdf)))
    for value in hostile_values(source):
        if value.startswith(("D1 ", "R1 ", "A1 ")):  # not read: in the apparatus
            assert squeezed(value) in text, value
            continue
        if value.startswith(("T1 ", "M1 ", "M2 ")):  # the main title is the PDF's; the manuscript a row
            continue
        assert squeezed(value) in text, value
    assert squeezed('M1 #read("/etc/hostname"), M2 \\"]#panic("idno")') in text
    for attribute in ('|2")#panic("pb|', 'z")#panic("resp', '(w")#panic("wit)', 'above")#panic("place', 'No.7")#panic("number'):
        assert squeezed(attribute) in text, attribute
    assert pypdf.PdfReader(str(pdf)).metadata.title == 'T1 #panic("title") ") #panic("x") \\'
    assert "C1" in text and squeezed("C2 C3 C4") in text  # a row of one cell does not take the next row's


@pytest.fixture(scope="module")
def small_book(tmp_path_factory) -> Path:
    """The PDF of a book of two documents (533, 534) whose settings, register entry and front
    matter hold Typst code, and whose 534 refers in a note to 533 (by its xml:id, as Escher's
    letters refer to each other)."""
    root = tmp_path_factory.mktemp("book") / "edition"
    (root / "tei").mkdir(parents=True)
    for name in ("533.xml", "534.xml", "persons.xml", "places.xml", "orgs.xml", "edition.xml"):
        shutil.copy(REPOSITORY / "tei" / name, root / "tei" / name)
    (root / "teikit.toml").write_text(
        '[edition]\ntitle = "T0 \\")#panic(\\"title\\") ]#panic(\\"t\\")[ \\\\"\n'
        'editors = ["E0 \\")#panic(\\"editor\\")", "E1 ]#panic(\\"e\\")["]\n'
        'publisher = "P0 $x$ #read(\\"/etc/hostname\\")"\ndate = "2026-12-01"\n', encoding="utf-8")
    change(root / "tei" / "persons.xml", "<surname>Chicherin</surname>", '<surname>Chicherin ")#panic("surname")</surname>')
    change(root / "tei" / "edition.xml", '<title type="sub">', '<title type="sub">S0 *#panic("sub")* ')
    change(root / "tei" / "534.xml", "limited myself to defensive skirmishes.",
           'limited myself to defensive skirmishes.<note type="editorial">See <ref target="#d533"/>, '
           '<ref target="d533.xml">the telegram of 27 August</ref> and <ref target="K_0173"/>.</note>')
    out = root.parent / "out"
    report = build(Edition.open(root), out, jobs=1)
    assert not report.failed, [d.format() for d in report.diagnostics]
    return out / "edition.pdf"


def change(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path.name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_settings_names_and_front_matter_that_are_typst_code_are_printed(small_book):
    """The book's own words (teikit.toml, the authority files, edition.xml) reach Typst as strings too."""
    text = squeezed(" ".join(page_texts(small_book)))
    for value in ('T0 ")#panic("title") ]#panic("t")[ \\', 'E0 ")#panic("editor") and E1 ]#panic("e")[',
                  'P0 $x$ #read("/etc/hostname")', 'S0 *#panic("sub")*', 'Chicherin ")#panic("surname"), Georgy',
                  'Georgy Chicherin ")#panic("surname")'):
        assert squeezed(value) in text, value
    info = pypdf.PdfReader(str(small_book)).metadata
    assert info.title == 'T0 ")#panic("title") ]#panic("t")[ \\'
    assert info.author == 'E0 ")#panic("editor"), E1 ]#panic("e")['


def test_a_note_s_reference_to_another_document_gives_its_page(small_book):
    """Escher's notes refer to letters by their xml:id, without words (<ref type="letter"
    target="K_0173"/>): the book prints the id and the page where that document begins, a link;
    a document the book does not hold is named by its id."""
    marks = outline(small_book)
    start = next(page for title, _, page in marks if title.startswith("No. [533]"))
    own = next(page for title, _, page in marks if title.startswith("No. 534"))
    text = " ".join(" ".join(page_texts(small_book)).split())
    assert f"See d533 (p. {start + 1}), the telegram of 27 August (p. {start + 1}) and K_0173." in text
    assert sum(1 for page, target, _ in links(small_book) if page == own and target == start) >= 2
