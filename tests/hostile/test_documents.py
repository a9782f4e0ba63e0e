"""Bad documents beside good ones: one class of attack or breakage per case.

Each case is a file put in tei/ beside two good documents. validate and build both report it
with the same one line (exit 1), build still builds the good documents and writes nothing
outside its output folder, and no output contains what the attack tried to smuggle in.
"""

from __future__ import annotations

import pytest


from .hostile_kit import REPOSITORY

REAL = (REPOSITORY / "tei" / "533.xml").read_text(encoding="utf-8").replace('xml:id="d533', 'xml:id="dx')
BODY_START = REAL.rindex("\n", 0, REAL.index("<p>", REAL.index("<body>"))) + 1  # the line of the body's first p
L = REAL.count("\n", 0, BODY_START) + 1  # the line where `doc` puts the body it is given


def doc(body: str = "<p>text</p>", prolog: str = "") -> str:
    """tei/533.xml (ids renamed) with `body` on line L (before its first paragraph), `prolog` before the root."""
    text = REAL[:BODY_START] + body + "\n" + REAL[BODY_START:]
    declaration, rest = text.split("\n", 1)
    return f"{declaration}\n{prolog}{rest}"


def at(text: str, needle: str, nth: int = 0) -> str:
    """line:column (1-based) of the nth occurrence of needle in text."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    return f"{text.count(chr(10), 0, index) + 1}:{index - text.rfind(chr(10), 0, index)}"


def nested(depth: int) -> str:
    return "<p>" + "<hi>" * depth + "deep" + "</hi>" * depth + "</p>"


LAUGHS = ('<!DOCTYPE TEI [\n<!ENTITY a "lol">\n' + "".join(
    f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(8)) + "]>\n")

ENTITY_REFUSED = ("entity declarations are refused: teikit never expands or fetches entities "
                  "(remove the DOCTYPE's internal subset and write the characters directly) [xml-entity]")
P_CONTAINS = ("<p> contains: (text | persName | placeName | orgName | date | title | hi | q | foreign | ident | gi "
              "| att | choice | supplied | gap | note | lb)*")

SECOND_NUMBER, SENT = '<idno type="document-number">9', '<correspAction type="sent">'
NUMBERED = doc().replace('cert="high">533</idno>', 'cert="high">533</idno><idno type="document-number">9</idno>', 1)
FOLIOS = doc().replace("</citedRange>", '</citedRange><citedRange unit="folio" from="9">l. 9</citedRange>', 1)
SENT_TWICE = doc().replace('<correspAction type="received">', '<correspAction type="sent"><persName ref="#kirov">'
                           'Kirov</persName><date when="1920-09-05"/></correspAction><correspAction type="received">', 1)

# (case, file name, content, the one diagnostic line, a string no output may contain)
CASES = [
    ("external-entity", doc("<p>&xxe;</p>", '<!DOCTYPE TEI [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'),
     f"tei/x.xml:3:3: error: {ENTITY_REFUSED}", "root:"),
    ("parameter-entity", doc(prolog='<!DOCTYPE TEI [\n<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd">\n%remote;\n]>\n'),
     f"tei/x.xml:3:1: error: {ENTITY_REFUSED}", None),
    ("external-dtd", doc(prolog='<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd">\n'),
     'tei/x.xml:2:1: error: the DOCTYPE refers to an external DTD ("http://127.0.0.1:9/tei.dtd"): teikit never '
     "loads DTDs; remove the DOCTYPE declaration [xml-doctype]", None),
    ("entity-bomb", doc("<p>&i;</p>", LAUGHS), f"tei/x.xml:3:1: error: {ENTITY_REFUSED}", "lollol"),
    ("quadratic-blowup", doc("<p>" + "&a;" * 1000 + "</p>", '<!DOCTYPE TEI [\n<!ENTITY a "' + "ha" * 25_000 + '">\n]>\n'),
     f"tei/x.xml:3:1: error: {ENTITY_REFUSED}", "hahaha"),
    ("undefined-entity", doc("<p>a&nbsp;b</p>"),
     f"tei/x.xml:{L}:11: error: not well-formed XML: Entity 'nbsp' not defined [xml-wellformed]", None),
    ("xinclude", doc('<p><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/></p>'),
     f"tei/x.xml:{L}:4: error: <xi:include> (namespace http://www.w3.org/2001/XInclude) is not allowed in <p>: the "
     f"schema allows only TEI elements; {P_CONTAINS} (at /TEI/text/body/p[1]/include) [relaxng]", "root:"),
    ("utf16-entity", ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE TEI [\n<!ENTITY e "x">\n]>\n'
                      + doc("<p>&e;</p>").split("\n", 1)[1]).encode("utf-16"),
     f"tei/x.xml:3:1: error: {ENTITY_REFUSED}", None),
    ("utf32-entity", ('\n\n<!DOCTYPE TEI [\n  <!ENTITY e "x">\n]>\n' + doc("<p>&e;</p>").split("\n", 1)[1]).encode("utf-32"),
     f"tei/x.xml:4:3: error: {ENTITY_REFUSED}", None),
    ("not-well-formed", doc("<p>open</body>"),
     f"tei/x.xml:{L}:15: error: not well-formed XML: Opening and ending tag mismatch: p line {L} and body [xml-wellformed]",
     None),
    ("empty-file", b"", "tei/x.xml:1:1: error: not well-formed XML: Document is empty [xml-wellformed]", None),
    ("binary-garbage", bytes(range(1, 256)) * 4,
     "tei/x.xml:1:1: error: not well-formed XML: Start tag expected, '<' not found [xml-wellformed]", None),
    ("invalid-utf8", doc("<p>caf_</p>").encode().replace(b"caf_", b"caf\xe9"),
     f"tei/x.xml:{L}:7: error: not well-formed XML: Invalid bytes in character encoding (save the file as UTF-8, or "
     "declare its real encoding in the XML declaration) [xml-wellformed]", None),
    ("other-namespace", doc().replace("http://www.tei-c.org/ns/1.0", "http://www.tei-c.org/ns/2.0"),
     "tei/x.xml:2:0: error: root element <TEI> is in namespace http://www.tei-c.org/ns/2.0; a TEI document starts "
     'with <TEI xmlns="http://www.tei-c.org/ns/1.0"> [tei-namespace]', None),
    ("repeated-xml-id-in-one-file", doc('<p xml:id="a">1</p>\n<p xml:id="a">2</p>'),
     f'tei/x.xml:{L + 1}:14: error: xml:id "a" is used twice in this file (first on line {L}); an xml:id must be unique '
     "in the whole corpus [xmlid-unique]", None),
    ("nesting-beyond-lxml", doc(nested(300)),
     f"tei/x.xml:{L}:1015: error: not well-formed XML: Excessive depth in document: 256, use XML_PARSE_HUGE option "
     "[xml-wellformed]", None),
    ("nesting-beyond-saxon", doc(nested(97)),
     f"tei/x.xml:{L}:388: error: <hi> is nested 101 elements deep; the stylesheets take at most 100: flatten the markup "
     "[xml-depth]", None),
    ("too-many-attributes", doc("<p " + " ".join(f'rend{i}="x"' for i in range(201)) + ">x</p>"),
     f"tei/x.xml:{L}:1: error: <p> has 201 attributes and 0 namespace declarations; the stylesheets take at most 200 "
     "together [xml-attributes]", None),
    ("too-many-namespaces", doc("<p " + " ".join(f'xmlns:n{i}="urn:n{i}"' for i in range(201)) + ">x</p>"),
     f"tei/x.xml:{L}:1: error: <p> has 0 attributes and 201 namespace declarations; the stylesheets take at most 200 "
     "together [xml-attributes]", None),
    ("name-too-long", doc("<p><" + "x" * 1001 + ">y</" + "x" * 1001 + "></p>"),
     f"tei/x.xml:{L}:4: error: a name on <" + "x" * 40 + "…> is longer than 1000 characters [xml-name]", None),
    ("script-element", doc('<p><script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script></p>'),
     f"tei/x.xml:{L}:4: error: <script> (namespace http://www.w3.org/1999/xhtml) is not allowed in <p>: the schema "
     f"allows only TEI elements; {P_CONTAINS} (at /TEI/text/body/p[1]/script) [relaxng]", "alert(1)"),
    ("duplicate-document-number", NUMBERED, f"tei/x.xml:{at(NUMBERED, SECOND_NUMBER)}: error: "
     'repeated: a document has one number: keep one idno type="document-number" in publicationStmt [number-once]', None),
    ("duplicate-folio-range", FOLIOS, f"tei/x.xml:{at(FOLIOS, '<citedRange', 1)}: error: repeated: an archival "
     'reference names one folio range: keep one citedRange unit="folio" (a second holding is a second bibl) [folios-once]',
     None),
    ("two-senders-actions", SENT_TWICE, f"tei/x.xml:{at(SENT_TWICE, SENT, 1)}: error: "
     'repeated: a letter is sent once: keep one correspAction type="sent" (several senders go inside it) [sent-once]',
     None),
]


# Byte order marks that lie about the encoding, or stand where no mark may (joined files).
def declared(encoding: str) -> str:
    return f'<?xml version="1.0" encoding="{encoding}"?>\n' + doc().split("\n", 1)[1]


def contradicts(mark: str, encoding: str) -> str:
    return (f'tei/x.xml:1:21: error: the file starts with a {mark} byte order mark but declares '
            f'encoding="{encoding}": other programs would read it differently; declare encoding="{mark}", or save '
            f"the file as {encoding} without the mark [xml-bom]")


def stray(where: str, place: str = "inside the file") -> str:
    return (f"tei/x.xml:{where}: error: a byte order mark (U+FEFF) {place}, invisible and left behind when files are "
            "joined: remove it (write U+2060 WORD JOINER if a zero-width no-break space is meant) [xml-bom]")


IN_TEXT = doc("<p>joined\ufeffhere</p>")
BOM_CASES = [
    ("utf8-bom-before-utf16-declaration", b"\xef\xbb\xbf" + declared("UTF-16").encode("utf-8"),
     contradicts("UTF-8", "UTF-16"), None),
    ("utf16-bom-with-utf8-declaration", declared("UTF-8").encode("utf-16"), contradicts("UTF-16", "UTF-8"), None),
    ("utf16be-bom-with-utf8-declaration", b"\xfe\xff" + declared("UTF-8").encode("utf-16-be"),
     contradicts("UTF-16", "UTF-8"), None),
    ("utf32-bom-with-utf8-declaration", declared("UTF-8").encode("utf-32"), contradicts("UTF-32", "UTF-8"), None),
    ("bom-after-bom", b"\xef\xbb\xbf\xef\xbb\xbf" + doc().encode("utf-8"), stray("1:1", "right after the first one"),
     None),
    ("bom-before-the-root", doc().replace("\n", "\n\ufeff", 1).encode("utf-8"), stray("2:1"), None),
    ("bom-in-the-text", IN_TEXT.encode("utf-8"), stray(at(IN_TEXT, "\ufeff")), None),
    ("bom-as-character-reference", doc("<p>joined&#xFEFF;here</p>"), stray(f"{L}:10"), None),
    ("bom-in-utf16-text", IN_TEXT.replace("UTF-8", "UTF-16", 1).encode("utf-16"), stray(at(IN_TEXT, "\ufeff")), None),
]
CASES += BOM_CASES


@pytest.mark.parametrize("case, content, expected, smuggled", CASES, ids=[c[0] for c in CASES])
def test_bad_document_beside_good_ones(edition, case, content, expected, smuggled):
    edition.add("x.xml", content)
    validated = edition.validate()
    built = edition.build()
    assert validated.exit_code == 1 and built.exit_code == 1
    errors = [line for line in validated.diagnostics if line.startswith("tei/x.xml:")]
    assert errors and all(": error: " in line for line in errors)
    assert errors == [expected]
    # The build refuses the file with the very lines validate gave, and nothing else.
    assert [line for line in built.diagnostics if ": error: " in line] == errors
    assert built.stderr.splitlines() == built.diagnostics, "Saxon or Python printed more than diagnostics"
    edition.assert_good_built()
    assert "x" not in edition.built()
    if smuggled:
        for path in edition.out.rglob("*"):
            if path.is_file() and path.suffix in (".html", ".txt", ".xml") and path.parent.name != "tei":
                assert smuggled not in path.read_text(encoding="utf-8"), path
