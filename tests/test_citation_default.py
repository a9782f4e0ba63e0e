"""teikit's default citation tree never refuses a letter: whatever nesting of notes, bibls and
parts a document has, every unit gets a reference of its own, and the Python walk gives what the
tree's XPath gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from toolkit.dts.citations import default_tree, units
from toolkit.xmlio import parse_bytes

TEI = "http://www.tei-c.org/ns/1.0"

# Elements of a body, with what they may hold: notes in notes, bibls in bibls, divisions in divisions.
_leaf = st.sampled_from(["text", "<lb/>"])


def _element(children):
    return st.tuples(st.sampled_from(["note", "p", "div", "ab", "hi", "quote"]), st.lists(children, max_size=3)).map(
        lambda pair: f"<{pair[0]}>x{''.join(pair[1])}</{pair[0]}>")


_content = st.recursive(_leaf, _element, max_leaves=12)
_bibls = st.recursive(st.just("<bibl>b</bibl>"),
                      lambda inner: st.lists(inner, min_size=1, max_size=3).map(
                          lambda items: f"<bibl>b<listBibl>{''.join(items)}</listBibl></bibl>"), max_leaves=6)


def _document(body: list[str], bibls: list[str]) -> bytes:
    return (f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
            f"<publicationStmt><p>p</p></publicationStmt><sourceDesc><listBibl>{''.join(bibls)}</listBibl>"
            f"</sourceDesc></fileDesc></teiHeader><text><body>{''.join(body) or '<p/>'}</body></text></TEI>").encode()


@settings(max_examples=60, deadline=None)
@given(st.lists(_content.filter(lambda c: c.startswith("<")), max_size=5), st.lists(_bibls, min_size=1, max_size=3))
def test_every_unit_has_a_reference_of_its_own(tmp_path_factory, body, bibls):
    document = parse_bytes(_document(body, bibls), tmp_path_factory.mktemp("cite") / "d.xml")
    native = units(default_tree(), document.tree, "en")  # raises CitationError on a reference given twice
    walked = units(default_tree(), document.tree, "en", native=False)
    assert [u.identifier for u in native] == [u.identifier for u in walked]
    inner = [e for e in document.root.iter(f"{{{TEI}}}note") if e.getparent().tag != f"{{{TEI}}}body"]
    assert sum(1 for u in native if u.cite_type == "note") == len(inner)  # a note in the body is a part of its own
    assert len({u.identifier for u in native}) == len(native)
    assert all(isinstance(u.element, etree._Element) for u in native)
