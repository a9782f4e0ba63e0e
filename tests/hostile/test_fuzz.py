"""Fuzzing: the real documents, mutated as a careless editor or an attacker would, through the
very tasks a build runs (tasks.check_one, then tasks.render_one for what it found valid).

For every mutation: no exception escapes (each problem is a located one-line diagnostic), no
mutation takes longer than a bound, validate's verdict agrees with the build's (what checks
valid renders, in HTML and plain text), and no page carries a script, an event handler or a
javascript: link. 600 mutations by default (well under a minute on a loaded 2-core machine),
derandomised so CI sees the same ones each run; benchmarks/bench_fuzz.py runs the first 2,000
and says how long they took; TEIKIT_FUZZ_EXAMPLES=20000 explores further (and
TEIKIT_FUZZ_RANDOM=1 explores new ones).
"""

from __future__ import annotations

import copy
import os
import tempfile
import time
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree, html

from .hostile_kit import REPOSITORY
from toolkit import checking, rendering, tasks
from toolkit.authority import AuthorityIndex
from toolkit.builders import Context, page_links
from toolkit.corpus import parse_tei
from toolkit.edition import Edition
from toolkit.state import sha
from toolkit.validation.references import AUTHORITY_FILES

EXAMPLES = int(os.environ.get("TEIKIT_FUZZ_EXAMPLES", "600"))
SECONDS_PER_MUTATION = 10  # a bound on hangs, far above the few milliseconds a document takes
DOCUMENTS = sorted(p for p in (REPOSITORY / "tei").glob("*.xml")
                   if p.name not in ("persons.xml", "places.xml", "orgs.xml", "edition.xml"))
SOURCES = {p.name: p.read_bytes() for p in DOCUMENTS}

HOSTILE_TEXT = ["<script>alert(1)</script>", "javascript:alert(1)", '"><img src=x onerror=alert(1)>', "=1+1",
                "\u202e", "\x85", "&amp;lt;script&amp;gt;", "]]>", "\U0001F600", " " * 3, ""]
HOSTILE_VALUES = ["javascript:alert(1)", "#nobody", "#chicherin", "data:text/html,<script>x</script>", "",
                  "1920-02-30", "9999-99-99", "#document-kinds", " #a #b ", "x" * 300, "urn:x"]
ATTRIBUTES = ["ref", "target", "when", "notBefore", "type", "rend", "n", "{http://www.w3.org/XML/1998/namespace}id",
              "unit", "from", "subtype", "onclick", "href", "{http://www.w3.org/1999/xlink}href"]
FRAGMENTS = [b"<", b">", b"&", b"&e;", b"&#0;", b"&#x202E;", b"<!DOCTYPE TEI [<!ENTITY e 'x'>]>", b"<![CDATA[x]]>",
             b"<!--", b"-->", b"<?pi x?>", b"<hi>", b"</hi>", b"<p>", b"</p>", b'xml:id="d533"', b"\xff", b"\x00",
             b"<script>alert(1)</script>", b'<ref target="javascript:alert(1)">x</ref>', b"\xef\xbb\xbf"]

element_op = st.tuples(st.sampled_from(["duplicate", "drop", "nest", "attribute", "text", "rename"]),
                       st.integers(0, 10_000), st.integers(0, 200), st.sampled_from(ATTRIBUTES),
                       st.sampled_from(HOSTILE_VALUES), st.sampled_from(HOSTILE_TEXT))
byte_op = st.tuples(st.sampled_from(["insert", "delete"]), st.integers(0, 10_000_000), st.integers(1, 64),
                    st.sampled_from(FRAGMENTS))
mutation = st.tuples(st.sampled_from(sorted(SOURCES)), st.lists(element_op, max_size=3), st.lists(byte_op, max_size=1))


def mutate(name: str, element_ops: list, byte_ops: list) -> bytes:
    """The document `name` with the element operations applied to its tree, then the byte operations."""
    root = etree.fromstring(SOURCES[name])
    for kind, index, number, attribute, value, text in element_ops:
        elements = [e for e in root.iter() if isinstance(e.tag, str)]
        element = elements[index % len(elements)]
        parent = element.getparent()
        if kind == "duplicate" and parent is not None:
            element.addnext(copy.deepcopy(element))
        elif kind == "drop" and parent is not None:
            parent.remove(element)
        elif kind == "nest":
            inner = element
            for _ in range(number % 120):
                inner = etree.SubElement(inner, "{http://www.tei-c.org/ns/1.0}hi")
            inner.text = "deep"
        elif kind == "attribute":
            element.set(attribute, value)
        elif kind == "text":
            element.text = text + (element.text or "")
        elif kind == "rename":
            element.tag = "{http://www.tei-c.org/ns/1.0}" + ("script" if number % 2 else "p")
    data = etree.tostring(root, encoding="UTF-8", xml_declaration=True)
    for kind, position, length, fragment in byte_ops:
        at = position % (len(data) + 1)
        data = data[:at] + fragment + data[at:] if kind == "insert" else data[:at] + data[at + length:]
    return data


@lru_cache(maxsize=1)
def context() -> tasks.TaskContext:
    """The build's own task context for the real edition (stylesheets compiled once)."""
    edition = Edition.open(REPOSITORY)
    support, failures = parse_tei(edition.authority_files())
    assert not failures
    authority = AuthorityIndex.from_documents(support)
    site = {"site": True, "edition-title": "Fuzz", "edition-editors": "", "licence": edition.config.licence,
            "base-url": edition.config.base_url}
    build = Context(edition, authority, site)
    return tasks.TaskContext(edition, authority, "edition", AUTHORITY_FILES, True, build)


def assert_no_script(page: bytes) -> None:
    root = html.fromstring(page)
    assert not root.xpath("//script | //*[local-name() = 'script']"), "a script element in the page"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        assert not [a for a in element.attrib if a.lower().startswith("on")], "an event handler in the page"
        for attribute in ("href", "src", "action"):
            value = (element.get(attribute) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), value


@pytest.fixture(scope="module")
def fuzz_dir():
    """Where the mutated files go: memory (/dev/shm) when there is one, since creating files on disk is slow."""
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(prefix="teikit-fuzz-", dir=shm if shm.is_dir() else None) as folder:
        yield Path(folder)


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          derandomize=not os.environ.get("TEIKIT_FUZZ_RANDOM"),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(mutation)
def test_mutated_documents_are_refused_in_one_line_or_built_safely(fuzz_dir, case):
    name, element_ops, byte_ops = case
    path = fuzz_dir / name
    data = mutate(name, element_ops, byte_ops)
    path.write_bytes(data)
    start = time.perf_counter()
    checked = checking.check_one(context(), path)
    for diagnostic in checked.diagnostics:
        assert "\n" not in diagnostic.format() and diagnostic.line >= 1, diagnostic
    if checked.valid:
        letter = checked.letter
        params = {**context().build.site_params, "doc-id": letter.doc_id, **page_links(letter)}
        rendered = rendering.render_one(context(), rendering.PageJob(str(path), checked.stamp.sha, letter, params))
        assert rendered.error is None, f"valid, but the build fails: {rendered.error.format()}"
        assert_no_script(rendered.outputs[f"html/{letter.doc_id}.html"])
        assert rendered.outputs[f"text/{letter.doc_id}.txt"]
        assert rendered.outputs[f"html/tei/{path.name}"] == data
    assert time.perf_counter() - start < SECONDS_PER_MUTATION
