"""Classes of hostile input that teikit accepts as TEI and renders harmlessly.

A processing instruction, a CDATA section, a comment and a huge attribute value are all
well-formed XML a TEI file may carry. None of them is executed, fetched or copied into a page
as markup: the document validates and builds beside the good ones, its text survives (CDATA
as escaped text), and nothing of the attack reaches the page.
"""

from __future__ import annotations

import pytest

from .test_documents import doc

PI = doc("<p><?php system('id'); ?>keptword</p>",
         '<?xml-stylesheet type="text/xsl" href="http://127.0.0.1:9/evil.xsl"?>\n')
CDATA = doc("<p><![CDATA[<script>alert(1)</script>]]></p>")
COMMENT = doc("<p><!-- <script>alert(1)</script> -->keptword</p>")
HUGE_ATTRIBUTE = doc('<p rend="' + "x" * 2_000_000 + '">keptword</p>')

PI_CASE = "processing-instruction"
# (case, content, what the page must contain, what it must not)
HELD = [
    ("processing-instruction", PI, "keptword", ["evil.xsl", "<?php", "system("]),
    ("cdata-section", CDATA, "&lt;script&gt;alert(1)&lt;/script&gt;", ["<script>alert(1)", "CDATA"]),
    ("comment", COMMENT, "keptword", ["alert(1)", "<!-- <script"]),
    ("huge-attribute", HUGE_ATTRIBUTE, "keptword", ["x" * 1000]),
]


# The published TEI copy of a file with an xml-stylesheet instruction leaves it out, and says so.
INERT = ("tei/x.xml:{}:0: warning: <?xml-stylesheet?> makes a browser fetch a stylesheet: the site publishes a copy "
         "of this file in which it is inert, not the source byte for byte (docs/security.md) [copy-inert]")


@pytest.mark.parametrize("case, content, kept, absent", HELD, ids=[c[0] for c in HELD])
def test_harmless_markup_is_built_and_carried_no_further(edition, case, content, kept, absent):
    edition.add("x.xml", content)
    warned = [INERT.format(content.splitlines().index(
        '<?xml-stylesheet type="text/xsl" href="http://127.0.0.1:9/evil.xsl"?>') + 1)] if case == PI_CASE else []
    validated = edition.validate()
    assert validated.exit_code == 0 and validated.diagnostics == warned
    built = edition.build()
    assert built.exit_code == 0 and built.stderr.splitlines() == warned
    copy = (edition.out / "html" / "tei" / "x.xml").read_text(encoding="utf-8")
    assert "evil.xsl" not in copy if case == PI_CASE else copy == content
    edition.assert_good_built()
    assert "x" in edition.built()
    page = (edition.out / "html" / "x.html").read_text(encoding="utf-8")
    assert kept in page
    for text in absent:
        assert text not in page
    assert len(page.encode("utf-8")) < 100_000  # the huge value is not copied into the page
