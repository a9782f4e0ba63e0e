"""xmlio: the one parser. Messy and hostile bytes give InputError with a location, never
anything else; writes are atomic."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.errors import InputError
from toolkit.xmlio import atomic_write, parse_bytes, parse_file, require_tei

PATH = Path("x.xml")
TEI = b'<TEI xmlns="http://www.tei-c.org/ns/1.0">'

# Fragments that make XML messy: markup, entities, DOCTYPEs, encodings, control characters.
FRAGMENTS = [b"<", b">", b"</", b"/>", b"<a>", b"</a>", b"<p xml:id='x'>", b"&amp;", b"&lol;", b"&#0;",
             b"&#x1F600;", b"<!DOCTYPE TEI [", b"<!ENTITY e SYSTEM 'file:///etc/passwd'>", b"]>",
             b"<![CDATA[", b"]]>", b"<!--", b"-->", b"<?xml version='1.0'?>", b"\xff\xfe", b"\xef\xbb\xbf",
             b"\xc3\x28", b"\x00", b"\n", b" ", b"\"", b"'", b"=", TEI, b"</TEI>", b"text"]


def check_input_error(data: bytes) -> None:
    try:
        document = parse_bytes(data, PATH)
    except InputError as error:
        assert error.diagnostic.line >= 1
        assert error.diagnostic.column >= 0
        assert error.diagnostic.file == "x.xml"
        assert "\n" not in error.diagnostic.format()
    else:
        assert document.root is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_a_document_or_a_located_input_error(data):
    check_input_error(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25).map(b"".join))
def test_messy_xml_gives_a_document_or_a_located_input_error(data):
    check_input_error(data)


def test_well_formed_tei_parses():
    document = parse_bytes(TEI + b"<teiHeader/></TEI>", PATH)
    require_tei(document)
    assert document.doc_id == "x"


def error_of(data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        parse_bytes(data, PATH)
    return caught.value.diagnostic.format()


def test_entity_declarations_are_refused_where_they_are():
    data = b'<?xml version="1.0"?>\n<!DOCTYPE TEI [\n<!ENTITY a "b">\n]>\n' + TEI + b"&a;</TEI>"
    assert error_of(data).startswith("x.xml:3:1: error: entity declarations are refused")


def test_external_dtd_is_refused():
    data = b'<!DOCTYPE TEI SYSTEM "tei_all.dtd">\n' + TEI + b"</TEI>"
    assert error_of(data) == ('x.xml:1:1: error: the DOCTYPE refers to an external DTD ("tei_all.dtd"): teikit '
                              "never loads DTDs; remove the DOCTYPE declaration [xml-doctype]")


def test_a_doctype_without_external_dtd_is_harmless():
    assert parse_bytes(b"<!DOCTYPE TEI>\n" + TEI + b"</TEI>", PATH).root.tag.endswith("TEI")


def test_repeated_xml_id_names_the_first_line():
    data = TEI + b"\n<p xml:id='a'/>\n<p xml:id='a'/></TEI>"
    assert error_of(data) == ('x.xml:3:14: error: xml:id "a" is used twice in this file (first on line 2); '
                              "an xml:id must be unique in the whole corpus [xmlid-unique]")


def test_syntax_errors_are_one_line_without_lxml_location_suffix():
    assert error_of(b"<TEI>\n<p></TEI>") == ("x.xml:2:10: error: not well-formed XML: Opening and ending tag "
                                             "mismatch: p line 2 and TEI [xml-wellformed]")


def test_unreadable_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as caught:
        parse_file(tmp_path / "missing.xml")
    assert caught.value.diagnostic.rule == "io"
    assert "cannot read file: No such file or directory" in caught.value.diagnostic.message


def test_require_tei_refuses_other_namespaces():
    document = parse_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/2.0"/>', PATH)
    with pytest.raises(InputError, match=r"root element <TEI> is in namespace http://www.tei-c.org/ns/2.0"):
        require_tei(document)


def test_atomic_write_replaces_the_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out" / "a.xml"
    atomic_write(target, "one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["a.xml"]


def test_entity_declarations_in_utf16_are_refused_as_declarations(tmp_path):
    # the byte scan for "<!ENTITY" cannot see UTF-16; the parsed DTD still tells
    text = ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE TEI [<!ENTITY x "y">]>\n'
            '<TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>')
    path = tmp_path / "utf16.xml"
    path.write_bytes(text.encode("utf-16"))
    with pytest.raises(InputError) as caught:
        parse_file(path)
    assert caught.value.diagnostic.rule == "xml-entity"
    assert caught.value.diagnostic.message.startswith("entity declarations are refused")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(990, 1010), st.sampled_from(list(b" \t\n<>=\"'/!?&;"))), max_size=6))
def test_a_long_name_is_found_alike_in_a_small_and_a_large_file(runs):
    """The search a large file gets (constant memory) finds what the runs listed in a small one find."""
    from toolkit import xmlio

    data = b"".join(b"n" * length + bytes([end]) for length, end in runs)
    listed = max(map(len, data.translate(xmlio._NAME_ENDS).split()), default=0) > xmlio.SAXON_MAX_NAME
    assert (xmlio._LONG_NAME.search(data) is not None) == listed
