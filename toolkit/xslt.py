"""XSLT: one Saxon processor and the edition's compiled stylesheets, once per process.

Compiling costs milliseconds and a transform far less, so the stylesheets are compiled the
first time a process needs them and kept (`stylesheets(xslt_dir)`); worker processes of a
build do the same once each. Saxon never reads a file on its own: documents reach it as the
string of an element that lxml's hardened parser already read (no DOCTYPE travels along), the
parser refuses any DOCTYPE, and after compiling no URI scheme may be opened at all.

An edition may customise one target and not the others (docs/site.md): a stylesheet the
edition's xslt/ folder lacks, and the site CSS, come from the stylesheets packaged with
teikit. An edition's stylesheet reaches the packaged ones through the static parameter
`teikit-xslt` (the packaged folder's URI, ending in "/"), set before compiling:

    <xsl:param name="teikit-xslt" static="yes" as="xs:string" select="''"/>
    <xsl:import _href="{$teikit-xslt}html/html.xsl"/>
"""

from __future__ import annotations

import os
import sys
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Mapping

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor

from .edition import packaged_dir
from .labels import Labels
from .errors import TeikitError
from .languages import language_tags

# The entry stylesheet of each output format, relative to the xslt folder.
TARGETS = {"html": Path("html/html.xsl"), "text": Path("text/text.xsl"), "print": Path("print/print.xsl")}
CSS = Path("html/static/edition.css")  # the site's one stylesheet, relative to the xslt folder
DISALLOW_DOCTYPE = (
    "http://saxon.sf.net/feature/parserFeature?uri=http://apache.org/xml/features/disallow-doctype-decl"
)
ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"
PACKAGED_PARAM = "teikit-xslt"  # the documented address of the packaged stylesheets


class TransformError(TeikitError):
    """A stylesheet failed on a document (or could not be compiled)."""


class Stylesheets:
    """The compiled stylesheets of one xslt folder, and the processor they belong to."""

    def __init__(self, xslt_dir: Path):
        self.xslt_dir = Path(xslt_dir).resolve()
        self.processor = PySaxonProcessor(license=False)
        self.processor.set_configuration_property(DISALLOW_DOCTYPE, "true")
        compiler = self.processor.new_xslt30_processor()
        compiler.set_parameter(PACKAGED_PARAM, self.processor.make_string_value(packaged_dir("xslt").as_uri() + "/"))
        self.executables = {name: self._compile(compiler, name) for name in TARGETS}
        # Set only now: the stylesheets' own xsl:import/include needed file: to compile.
        self.processor.set_configuration_property(ALLOWED_PROTOCOLS, "")
        self._nodes: dict[str, object] = {}
        self._xpath_processor = None
        self._maps: dict[str, object] = {}

    def _compile(self, compiler, name: str):
        path = resource(self.xslt_dir, TARGETS[name])
        if not path.is_file():
            raise TransformError(f"{path}: stylesheet not found")
        try:
            with saxon_stderr_silenced():
                return compiler.compile_stylesheet(stylesheet_file=str(path))
        except PySaxonApiError as error:
            raise TransformError(f"{path}: cannot compile the stylesheet: {_first_line(error)}") from None

    def node(self, xml: str):
        """Parse a (trusted, generated) XML string for Saxon once and keep it, e.g. the labels."""
        if xml not in self._nodes:
            self._nodes[xml] = self.processor.parse_xml(xml_text=xml)
        return self._nodes[xml]

    def parse(self, element: etree._Element | str, generated: bool = False):
        """Saxon's tree of an element the safe parser read (its root only: no DOCTYPE travels),
        in Unicode's composed form (NFC), as the web expects text: "ō" is one character.
        `generated`: teikit made it (a record, a summary), so Saxon cannot fail on it and its
        error output needs no silencing (two system calls saved)."""
        xml = element if isinstance(element, str) else etree.tostring(element, encoding="unicode")
        xml = unicodedata.normalize("NFC", xml)
        if generated:
            return self.processor.parse_xml(xml_text=xml)
        try:
            with saxon_stderr_silenced():
                return self.processor.parse_xml(xml_text=xml)
        except PySaxonApiError as error:
            raise TransformError(f"cannot hand the document to Saxon: {_first_line(error)}") from None

    def transform(self, target: str, element, params: Mapping[str, object] | None = None,
                  nodes: Mapping[str, object] | None = None) -> str:
        """Run the `target` stylesheet (html, text or print) on an element, its string or a node
        from `parse`; parameters are strings or booleans; `nodes` are the other parameters: an XML
        string (parsed once per process and kept), a node from `parse` (made for this call, like
        a document's record) or the Labels (the stylesheets' `labels` map, made once)."""
        executable = self.executables[target]
        executable.clear_parameters()
        for name, value in (params or {}).items():
            executable.set_parameter(name, self._value(value))
        for name, value in (nodes or {}).items():
            if isinstance(value, Labels):
                value = self.labels_map(value)
            elif isinstance(value, str):
                value = self.node(value) if value else None
            if value is not None:
                executable.set_parameter(name, value)
        document = element if not isinstance(element, (str, etree._Element)) else self.parse(element)
        executable.set_parameter("language-tags", self._language_tags(document))
        try:
            with saxon_stderr_silenced():
                return executable.transform_to_string(xdm_node=document)
        except PySaxonApiError as error:
            raise TransformError(f"{TARGETS[target]}: {_first_line(error)}") from None

    def _language_tags(self, document):
        """The `language-tags` parameter: the HTML lang of every xml:lang value of the document."""
        found = self._xpath(document).evaluate("distinct-values(//@xml:lang)")
        codes = [found.item_at(i).string_value for i in range(found.size)] if found is not None else []
        tags = language_tags(codes)
        return self.processor.make_map2({code: self.processor.make_string_value(tag) for code, tag in tags.items()})

    def _xpath(self, document):
        if self._xpath_processor is None:
            self._xpath_processor = self.processor.new_xpath_processor()
        self._xpath_processor.set_context(xdm_item=document)
        return self._xpath_processor

    def labels_map(self, labels: Labels):
        """The labels as the map(xs:string, xs:string) the stylesheets look words up in (with
        "language": the interface's language), made once per process and language."""
        key = labels.key
        if key not in self._maps:
            strings = {**labels.strings, "language": labels.language}
            self._maps[key] = self.processor.make_map2({k: self.processor.make_string_value(v) for k, v in strings.items()})
        return self._maps[key]

    def _value(self, value: object):
        if isinstance(value, bool):
            return self.processor.make_boolean_value(value)
        return self.processor.make_string_value(str(value))


@contextmanager
def saxon_stderr_silenced():
    """SaxonC prints its errors and stack traces straight to the process's stderr (file
    descriptor 2), past Python; the error itself comes back as PySaxonApiError and becomes
    one line. So descriptor 2 points to /dev/null while Saxon runs (two system calls)."""
    sys.stderr.flush()
    saved = os.dup(2)
    sink = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(sink, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(sink)


def _first_line(error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return " ".join(lines[:2]) if lines else type(error).__name__


_CACHE: dict[tuple, Stylesheets] = {}


def stylesheets(xslt_dir: Path) -> Stylesheets:
    """This process's compiled stylesheets for `xslt_dir` (compiled on first use).

    An edited stylesheet (other size or modification time) is compiled again.
    """
    root = Path(xslt_dir).resolve()
    key = (root, tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in stylesheet_files(root)))
    if key not in _CACHE:
        _CACHE[key] = Stylesheets(root)
    return _CACHE[key]


def stylesheet_files(xslt_dir: Path) -> list[Path]:
    """Every file a stylesheet may depend on (imports, includes, the site CSS), sorted: the
    folder's own and, for an edition's folder, the packaged ones it falls back to or imports."""
    folders = dict.fromkeys([Path(xslt_dir).resolve(), packaged_dir("xslt").resolve()])
    return sorted(p for root in folders for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))


def resource(xslt_dir: Path, relative: Path) -> Path:
    """The edition's own file (a target's stylesheet, the CSS) if it has one, else the packaged one."""
    own = Path(xslt_dir) / relative
    return own if own.is_file() else packaged_dir("xslt") / relative
