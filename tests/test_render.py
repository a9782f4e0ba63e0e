"""`teikit render FILE --to html|text`: this edition's TEI and anybody else's."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from toolkit import TEI_NS
from toolkit.cli import cli
from toolkit.edition import Edition
from toolkit.render import render

REPOSITORY = Path(__file__).resolve().parents[1]
RENDER_ROOT = Path(__file__).resolve().parent / "roots" / "render"
CMIF_EXAMPLES = REPOSITORY.parent / "shared" / "reference" / "cmif-examples"
EDITION = Edition.open(REPOSITORY)


def invoke(*args: str):
    return CliRunner().invoke(cli, ["--edition", str(REPOSITORY), "render", *args])


@pytest.mark.parametrize("target", ["html", "text"])
@pytest.mark.parametrize("name", sorted(p.name for p in RENDER_ROOT.glob("*.xml")))
def test_odd_tei_renders_without_error(name, target):
    result = invoke(str(RENDER_ROOT / name), "--to", target)
    assert result.exit_code == 0, result.output
    assert result.output.strip()


@pytest.mark.parametrize("target", ["html", "text"])
def test_cmif_example_read_in_place(target):
    files = sorted(CMIF_EXAMPLES.glob("*.xml"))
    if not files:
        pytest.skip("the CMIF examples are not beside the repository (../shared/reference/cmif-examples)")
    result = invoke(str(files[0]), "--to", target)
    assert result.exit_code == 0
    assert "Hermann von Helmholz" in result.output or "Sanders" in result.output


def test_output_file(tmp_path):
    out = tmp_path / "page.html"
    result = invoke(str(REPOSITORY / "tei" / "537.xml"), "--to", "html", "-o", str(out))
    assert result.exit_code == 0 and result.output == ""
    assert out.read_text(encoding="utf-8").lower().startswith("<!doctype html>")


def test_external_entities_are_refused_with_one_line(tmp_path):
    hostile = tmp_path / "hostile.xml"
    hostile.write_text('<?xml version="1.0"?>\n<!DOCTYPE TEI [\n<!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n'
                       f'<TEI xmlns="{TEI_NS}"><text><body><p>&secret;</p></body></text></TEI>\n', encoding="utf-8")
    result = invoke(str(hostile), "--to", "text")
    assert result.exit_code == 1
    assert "root:" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "hostile.xml:3:1: error: entity declarations are refused" in lines[0]


def test_not_tei_is_refused(tmp_path):
    other = tmp_path / "other.xml"
    other.write_text("<html><body>hi</body></html>", encoding="utf-8")
    result = invoke(str(other), "--to", "html")
    assert result.exit_code == 1
    assert "root element <html> is in no namespace" in result.output


def test_unknown_target_is_a_usage_error():
    result = invoke(str(REPOSITORY / "tei" / "537.xml"), "--to", "docx")
    assert result.exit_code == 2


# ---- property: whatever the nesting of known and unknown elements, no word is lost ----------

NAMES = ["p", "div", "head", "hi", "persName", "note", "lg", "l", "list", "item", "table", "row", "cell",
         "choice", "sic", "corr", "q", "quote", "opener", "closer", "signed", "unknownBlock", "weird", "ref", "seg"]
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöü", min_size=1, max_size=8)


def trees(depth: int = 3):
    leaf = st.lists(WORDS, min_size=1, max_size=3).map(lambda words: " ".join(words))
    if depth == 0:
        return leaf
    return st.one_of(leaf, st.tuples(st.sampled_from(NAMES), st.lists(trees(depth - 1), min_size=1, max_size=3)))


def to_xml(node) -> str:
    if isinstance(node, str):
        return f" {node} "
    name, children = node
    return f"<{name}>{''.join(to_xml(c) for c in children)}</{name}>"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.lists(trees(), min_size=1, max_size=4))
def test_no_word_is_lost_in_any_structure(tmp_path, body):
    path = tmp_path / "random.xml"
    path.write_text(f'<TEI xmlns="{TEI_NS}"><text><body>{"".join(to_xml(n) for n in body)}</body></text></TEI>',
                    encoding="utf-8")
    root = etree.parse(str(path)).getroot()
    words = [w for chunk in root.itertext() for w in chunk.split()]
    text = render(EDITION, path, "text")
    page = render(EDITION, path, "html")
    assert all(word in page for word in words)  # a choice's other reading too, reachable
    # the plain text has the reading text: a choice reads its corr, else its first child
    # (toolkit/reading.py); a sic beside a corr is in the apparatus after the text
    for choice in list(root.iter(f"{{{TEI_NS}}}choice")):
        read = choice.find(f"{{{TEI_NS}}}corr")
        read = read if read is not None else next(iter(choice), None)
        in_apparatus = read is not None and read.tag.endswith("corr") and choice.find(f"{{{TEI_NS}}}sic") is not None
        for child in [] if read is None or in_apparatus else [c for c in choice if c is not read]:
            choice.remove(child)
    assert all(w in text for chunk in root.itertext() for w in chunk.split())


# ---- the same record as a build gives the page ------------------------------------------------

def test_a_file_of_the_edition_is_rendered_with_the_record_a_build_gives_it(built_site):
    from lxml import html

    alone = html.fromstring(render(EDITION, REPOSITORY / "tei" / "538.xml", "html"))
    built = html.parse(str(built_site / "html" / "538.html")).getroot()
    panel = "//section[@class='metadata']/dl"
    # the same panel, the same date in words, the same title; only the links differ
    assert [e.text_content() for e in alone.xpath(f"{panel}/*")] == [e.text_content() for e in built.xpath(f"{panel}/*")]
    assert alone.findtext(".//title").startswith("No. [538]: Legran to Chicherin and Lenin")
    # alone, a name leads to its authority URI, never to a register page that is not beside it
    from toolkit.corpus import authority_index, parse_tei

    lenin = authority_index(EDITION, parse_tei(EDITION.authority_files())[0]).get("lenin")
    links = alone.xpath("//a[contains(@class, 'name')]/@href")
    assert lenin.authority_uri() and lenin.authority_uri() in links
    assert not [link for link in links if not link.startswith(("http://", "https://"))]
    assert "persons/lenin.html" in built.xpath("//a[contains(@class, 'name')]/@href")


def test_a_file_of_another_project_gets_a_record_of_its_own(tmp_path):
    from lxml import html

    other = tmp_path / "letter.xml"
    other.write_text(f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>A to B</title></titleStmt>
      <publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>
      <profileDesc><correspDesc><correspAction type="sent"><persName ref="https://d-nb.info/gnd/118540238">Goethe</persName>
      <date when="1800-02-01"/></correspAction><correspAction type="received"><persName ref="#b">B</persName>
      </correspAction></correspDesc></profileDesc></teiHeader>
      <text><body><p>To <persName ref="#b">B</persName> in <placeName ref="http://sws.geonames.org/2950159">Berlin</placeName>.</p></body></text>
      <standOff><listPerson><person xml:id="b"><persName>Bettina Brentano</persName></person></listPerson></standOff></TEI>""",
                     encoding="utf-8")
    page = html.fromstring(render(EDITION, other, "html"))
    fields = [e.text_content().strip() for e in page.xpath("//section[@class='metadata']/dl/*")]
    assert fields[:4] == ["From", "Goethe", "To", "Bettina Brentano"]  # its own standOff names B
    assert "normalised: 1 February 1800" in fields
    assert page.xpath("//dd/a/@href") == ["https://d-nb.info/gnd/118540238"]
    assert page.xpath("//section[@class='text']//a/@href") == ["http://sws.geonames.org/2950159"]


def test_a_file_rendered_alone_reads_the_editions_action_types(tmp_path):
    """`render` reads a document with the edition's settings, as the build does: with
    `[correspondence] actions`, a letter's own correspAction types still give From and To."""
    root = tmp_path / "edition"
    (root / "tei").mkdir(parents=True)
    (root / "teikit.toml").write_text('[correspondence]\nactions = { absender = "sent", empfaenger = "received" }\n',
                                      encoding="utf-8")
    letter = root / "tei" / "1.xml"
    letter.write_text(f'''<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>A letter</title></titleStmt>
<publicationStmt><p>test</p></publicationStmt><sourceDesc><p>test</p></sourceDesc></fileDesc>
<profileDesc><correspDesc>
<correspAction type="absender"><persName>Ana Mendoza</persName><date when="1901-05-02"/></correspAction>
<correspAction type="empfaenger"><persName>Tom Harlow</persName></correspAction>
</correspDesc></profileDesc></teiHeader><text><body><p>Dear Tom.</p></body></text></TEI>''', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--edition", str(root), "render", str(letter), "--to", "html"])
    assert result.exit_code == 0, result.output
    page = etree.fromstring(result.output.encode("utf-8"), etree.HTMLParser())
    terms = {dt.text: "".join(dt.getnext().itertext()).strip() for dt in page.iter("dt")}
    assert terms.get("From") == "Ana Mendoza" and terms.get("To") == "Tom Harlow", terms
