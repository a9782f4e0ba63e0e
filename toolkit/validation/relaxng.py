"""RelaxNG: compile a schema once per process, validate parsed trees, explain the errors.

libxml2's messages are terse and have column 0 ("Did not expect element idno there"). Each
one is turned into a diagnostic that names the element by its path, says what the schema
expects there (read from the schema by rngmodel) and points at the start tag's column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..diagnostics import ERROR, Diagnostic
from ..errors import ConfigError
from ..xmlio import ParsedDocument, parse_file
from ..xmlio import position
from .locate import readable_path
from .rngmodel import SchemaModel

RULE = "relaxng"
# libxml2 follows a precise error with a vague one about the parent; the precise one suffices.
FOLLOW_UPS = {"RELAXNG_ERR_EXTRACONTENT", "RELAXNG_ERR_CONTENTVALID", "RELAXNG_ERR_INTEREXTRA",
              "RELAXNG_ERR_INTERSEQ"}


@dataclass
class Schema:
    """A compiled RelaxNG schema and, built on first need, its model for explanations."""

    path: Path
    validator: etree.RelaxNG
    grammar: etree._Element
    _model: SchemaModel | None = field(default=None, repr=False)

    @property
    def model(self) -> SchemaModel:
        if self._model is None:
            self._model = SchemaModel(self.grammar)
        return self._model


@lru_cache(maxsize=None)
def compile_schema(path: Path) -> Schema:
    """Compile once per process (tei_all.rng takes 10-20 s in libxml2); InputError if not XML."""
    grammar = parse_file(Path(path)).root
    try:
        validator = etree.RelaxNG(grammar)
    except etree.RelaxNGParseError as error:
        first = next(iter(error.error_log), None)
        reason = first.message if first is not None else str(error)
        raise ConfigError(f"{path}: not a usable RelaxNG schema: {reason}") from None
    return Schema(Path(path), validator, grammar)


def check(document: ParsedDocument, schema: Schema) -> list[Diagnostic]:
    """The document's RelaxNG errors, explained; [] when it is valid."""
    if schema.validator.validate(document.tree):
        return []
    errors = list(schema.validator.error_log)
    precise = [e for e in errors if e.type_name not in FOLLOW_UPS]
    return list(dict.fromkeys(_diagnostic(document, schema, e) for e in (precise or errors)))


def _diagnostic(document: ParsedDocument, schema: Schema, error) -> Diagnostic:
    node = _node(document, error.path)
    if node is None:
        return Diagnostic(document.display, max(error.line, 1), 0, ERROR, RULE, error.message)
    attribute = _attribute_named(error.message)
    line, column = position(document, node, attribute)
    message = explain(error.type_name, error.message, node, schema.model)
    return Diagnostic(document.display, line, column, ERROR, RULE, message)


def _node(document: ParsedDocument, path: str | None):
    """The element libxml2's path points to (paths like /*/*[1]/*[3] or /*/x:foo)."""
    if not path:
        return None
    try:
        found = document.tree.xpath(path)
    except etree.XPathError:
        found = _by_positions(document, path)
    return found[0] if found and isinstance(found[0], etree._Element) else None


def _by_positions(document: ParsedDocument, path: str) -> list:
    """Fallback for steps with prefixes XPath does not know: follow the positions only."""
    node = document.root
    for step in path.strip("/").split("/")[1:]:
        match = re.search(r"\[(\d+)\]$", step)
        children = [c for c in node if isinstance(c.tag, str)]
        index = int(match.group(1)) - 1 if match else 0
        if index >= len(children):
            return [node]
        node = children[index]
    return [node]


def _attribute_named(message: str) -> str | None:
    match = re.match(r"Invalid attribute (\S+) for element", message)
    return match.group(1) if match else None


def _name(node) -> str:
    qname = etree.QName(node)
    return f"{node.prefix}:{qname.localname}" if node.prefix else qname.localname


def explain(kind: str, message: str, node, model: SchemaModel) -> str:
    """A message that says what is wrong, where, and what the schema expects instead."""
    at = f"at {readable_path(node)}"
    parent = node.getparent()
    name = etree.QName(node).localname
    if kind == "RELAXNG_ERR_ELEMWRONG" and parent is not None:
        return _unexpected_element(node, parent, model, at)
    if kind == "RELAXNG_ERR_NOELEM":
        wanted = re.match(r"Expecting an element ?(\S*), got nothing", message)
        missing = f"<{wanted.group(1)}>" if wanted and wanted.group(1) else "a required element"
        return f"<{name}> is incomplete: {missing} is missing; <{name}> contains: {model.content_model(name)} ({at})"
    if kind == "RELAXNG_ERR_ELEMNAME":
        wanted = re.match(r"Expecting element (\S+), got (\S+)", message)
        if wanted:
            return (f"<{wanted.group(2)}> found where <{wanted.group(1)}> is expected; "
                    f"<{etree.QName(parent).localname if parent is not None else name}> contains: "
                    f"{model.content_model(etree.QName(parent).localname) if parent is not None else '?'} ({at})")
    if kind == "RELAXNG_ERR_INVALIDATTR":
        return _invalid_attribute(node, _attribute_named(message) or "?", model, at)
    if kind == "RELAXNG_ERR_ATTRVALID":
        return _attributes_problem(node, model, at)
    if kind == "RELAXNG_ERR_TEXTWRONG":
        return f"<{name}> may not contain text here; <{name}> contains: {model.content_model(name)} ({at})"
    if kind in ("RELAXNG_ERR_EXTRACONTENT", "RELAXNG_ERR_CONTENTVALID"):
        return f"the content of <{name}> does not match the schema; <{name}> contains: {model.content_model(name)} ({at})"
    return f"{message} ({at})"


def _unexpected_element(node, parent, model: SchemaModel, at: str) -> str:
    parent_name = etree.QName(parent).localname
    qname = etree.QName(node)
    expected = model.content_model(parent_name)
    if qname.namespace != _namespace_of(parent):
        where = f"namespace {qname.namespace}" if qname.namespace else "no namespace"
        return (f"<{_name(node)}> ({where}) is not allowed in <{parent_name}>: the schema allows only TEI "
                f"elements; <{parent_name}> contains: {expected} ({at})")
    if qname.localname not in model.children(parent_name):
        return f"<{qname.localname}> is not allowed in <{parent_name}>; <{parent_name}> contains: {expected} ({at})"
    return (f"<{qname.localname}> is not allowed at this place in <{parent_name}> (out of order, repeated, "
            f"or something before it is missing); <{parent_name}> contains: {expected} ({at})")


def _namespace_of(element) -> str | None:
    return etree.QName(element).namespace


def _invalid_attribute(node, attribute: str, model: SchemaModel, at: str) -> str:
    name = etree.QName(node).localname
    allowed = model.attributes(name)
    local = attribute.split(":")[-1]
    if local not in allowed:
        names = ", ".join(sorted(_attribute_label(a) for a in allowed.values())) or "none"
        return f"attribute {attribute} is not allowed on <{name}>; allowed: {names} ({at})"
    value = _attribute_value(node, local)
    return f'{attribute}="{value}" is not allowed on <{name}>: expected {allowed[local].expected} ({at})'


def _attributes_problem(node, model: SchemaModel, at: str) -> str:
    """libxml2 only says the attributes failed: find the missing, unknown or listed-but-wrong one."""
    name = etree.QName(node).localname
    allowed = model.attributes(name)
    present = {etree.QName(key).localname: (key, value) for key, value in node.attrib.items()}
    missing = [a for a in allowed.values() if a.required and a.name not in present]
    if missing:
        return f"<{name}> lacks the required attribute {missing[0].name} ({missing[0].expected}) ({at})"
    for local, (key, value) in present.items():
        if local not in allowed or (allowed[local].values and value not in allowed[local].values):
            return _invalid_attribute(node, _attribute_label(allowed[local]) if local in allowed else key, model, at)
    return f"the attributes of <{name}> do not match the schema ({at})"


def _attribute_label(attribute) -> str:
    return f"xml:{attribute.name}" if attribute.name in ("id", "lang", "space", "base") else attribute.name


def _attribute_value(node, local: str) -> str:
    for key, value in node.attrib.items():
        if etree.QName(key).localname == local:
            return value
    return ""
