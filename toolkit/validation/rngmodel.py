"""What a RelaxNG schema allows, read from the schema itself, to explain lxml's terse errors.

lxml says "Did not expect element idno there" or "Invalid attribute subtype for element bibl";
a person needs to know what *is* allowed. This module walks the schema's XML (defines, refs,
groups, choices) and answers three questions per element name: which content it expects (as a
compact content model such as `head*, opener?, p+, closer*`), which attributes it takes, and
which values an attribute accepts. It is built only when a file is invalid.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
ANNOTATION_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"
MAX_MODEL = 300  # characters: longer content models are cut, the message stays one readable line
EXPAND_LIMIT = 200  # a define longer than this is shown by its name (TEI's model.* classes)
QUANTIFIERS = {"optional": "?", "zeroOrMore": "*", "oneOrMore": "+"}
JOINERS = {"group": ", ", "choice": " | ", "interleave": " & "}


def _local(node) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _patterns(node) -> list:
    """The RelaxNG children of a node, without annotations and comments."""
    return [child for child in node if isinstance(child.tag, str) and etree.QName(child).namespace == RNG_NS]


def _named(node) -> str | None:
    """The local name of an element or attribute pattern, None for name classes like anyName."""
    name = node.get("name")
    if name is None:
        first = _patterns(node)[0] if _patterns(node) else None
        name = (first.text or "").strip() if first is not None and _local(first) == "name" else None
    return name.split(":")[-1] if name else None


def _body(node) -> list:
    """An element's or attribute's content patterns, after its name class."""
    children = _patterns(node)
    return children if node.get("name") is not None else children[1:]


def _atomic(rendered: str) -> bool:
    """True for `p` or `(a | b)`: a quantifier can follow without more parentheses."""
    if " " not in rendered:
        return True
    if not rendered.startswith("("):
        return False
    depth = 0
    for index, char in enumerate(rendered):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return index == len(rendered) - 1
    return False


def _unwrap_choice(rendered: str) -> str:
    """`(b | c)` -> `b | c` when the parentheses hold a plain choice."""
    if not (rendered.startswith("(") and _atomic(rendered)):
        return rendered
    inner, depth = rendered[1:-1], 0
    for index, char in enumerate(inner):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and inner.startswith((", ", " & "), index):
            return rendered
    return inner


@dataclass
class Attribute:
    name: str
    required: bool
    expected: str  # "one of: a, b" or the documentation of its datatype
    values: tuple[str, ...] = ()  # the allowed values when the schema lists them and nothing else


class SchemaModel:
    def __init__(self, grammar: etree._Element):
        self.defines: dict[str, list] = defaultdict(list)
        self.elements: dict[str, list] = defaultdict(list)
        for node in grammar.iter(f"{{{RNG_NS}}}define"):
            self.defines[node.get("name")].append(node)
        for node in grammar.iter(f"{{{RNG_NS}}}element"):
            name = _named(node)
            if name:
                self.elements[name].append(node)

    # ---------------------------------------------------------------- content

    def content_model(self, element_name: str) -> str:
        """A compact rendering of what the element contains, e.g. `head*, opener?, p+, closer*`."""
        rendered = [self._render_group(_body(node), set()) for node in self.elements.get(element_name, [])]
        model = " | ".join(dict.fromkeys(r or "empty" for r in rendered)) or "?"
        return model if len(model) <= MAX_MODEL else model[: MAX_MODEL - 1] + "…"

    def children(self, element_name: str) -> set[str]:
        """Every element name that may appear directly inside the element."""
        names: set[str] = set()
        for node in self.elements.get(element_name, []):
            for pattern in _body(node):
                self._collect_children(pattern, names, set())
        return names

    def _collect_children(self, node, names: set[str], seen: set[str]) -> None:
        kind = _local(node)
        if kind == "element":
            names.add(_named(node) or "*")
        elif kind == "ref":
            for body in self._expand(node.get("name"), seen):
                self._collect_children(body, names, seen | {node.get("name")})
        elif kind != "attribute":
            for child in _patterns(node):
                self._collect_children(child, names, seen)

    def _expand(self, name: str, seen: set[str]) -> list:
        if name in seen:
            return []
        return [child for define in self.defines.get(name, []) for child in _patterns(define)]

    def _render_group(self, nodes, seen: set[str], joiner: str = ", ") -> str | None:
        parts = [p for p in (self._render(n, seen) for n in nodes) if p]
        if joiner == " | ":  # (a | (b | c)) reads better as (a | b | c)
            parts = [_unwrap_choice(p) for p in parts]
        parts = list(dict.fromkeys(parts)) if joiner != ", " else parts
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else joiner.join(parts)

    def _render(self, node, seen: set[str]) -> str | None:
        kind = _local(node)
        if kind == "element":
            return _named(node) or "any element"
        if kind in ("text", "data", "value", "list"):
            return "text"
        if kind in JOINERS:
            inner = self._render_group(_patterns(node), seen, JOINERS[kind])
            return f"({inner})" if inner and JOINERS[kind].strip() in inner else inner
        if kind in QUANTIFIERS:
            inner = self._render_group(_patterns(node), seen)
            if not inner:
                return None
            return (inner if _atomic(inner) else f"({inner})") + QUANTIFIERS[kind]
        if kind == "mixed":
            inner = self._render_group(_patterns(node), seen)
            return f"(text | {inner})*" if inner else "text"
        if kind == "ref":
            return self._render_ref(node.get("name"), seen)
        return None  # attribute, empty, notAllowed

    def _render_ref(self, name: str, seen: set[str]) -> str | None:
        if name in seen:
            return name
        defines = self.defines.get(name, [])
        combine = next((d.get("combine") for d in defines if d.get("combine")), "group")
        bodies = [self._render_group(_patterns(d), seen | {name}) for d in defines]
        rendered = self._render_group_strings(bodies, " | " if combine == "choice" else ", ")
        if rendered and len(rendered) > EXPAND_LIMIT:
            return name
        return rendered

    @staticmethod
    def _render_group_strings(parts, joiner: str) -> str | None:
        parts = [p for p in parts if p]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else "(" + joiner.join(parts) + ")"

    # ---------------------------------------------------------------- attributes

    def attributes(self, element_name: str) -> dict[str, Attribute]:
        """The attributes the element takes, by local name (xml:id as "id")."""
        found: dict[str, Attribute] = {}
        for node in self.elements.get(element_name, []):
            for pattern in _body(node):
                self._collect_attributes(pattern, found, required=True, seen=set())
        return found

    def _collect_attributes(self, node, found: dict, required: bool, seen: set[str]) -> None:
        kind = _local(node)
        if kind == "attribute":
            name = _named(node)
            if name and name not in found:
                found[name] = Attribute(name, required, *self._expected_value(node))
        elif kind == "ref":
            for body in self._expand(node.get("name"), seen):
                self._collect_attributes(body, found, required, seen | {node.get("name")})
        elif kind != "element":
            still_required = required and kind not in ("optional", "zeroOrMore", "choice")
            for child in _patterns(node):
                self._collect_attributes(child, found, still_required, seen)

    def _expected_value(self, attribute) -> tuple[str, tuple[str, ...]]:
        """How to describe the allowed values, and the values themselves when only those are allowed."""
        values: list[str] = []
        described: list[str] = []
        for pattern in _body(attribute):
            self._collect_values(pattern, values, described, set())
        values = list(dict.fromkeys(values))
        listed = "one of: " + ", ".join(values) if values else ""
        if listed and described:
            return f"{listed}, or {described[0]}", ()
        return listed or (described[0] if described else "text"), tuple(values)

    def _collect_values(self, node, values: list, described: list, seen: set[str]) -> None:
        kind = _local(node)
        if kind == "value":
            values.append((node.text or "").strip())
        elif kind == "data":
            described.append(f"a value of type {node.get('type')}")
        elif kind == "ref":
            name = node.get("name")
            documentation = self._documentation(name)
            if documentation and not any(_local(p) == "choice" for p in self._expand(name, seen)):
                described.append(documentation)
                return
            for body in self._expand(name, seen):
                self._collect_values(body, values, described, seen | {name})
        else:
            for child in _patterns(node):
                self._collect_values(child, values, described, seen)

    def _documentation(self, define_name: str) -> str | None:
        """The first sentence of a define's a:documentation, lower-cased at the start."""
        for define in self.defines.get(define_name, []):
            text = define.findtext(f"{{{ANNOTATION_NS}}}documentation")
            if text:
                sentence = " ".join(text.split()).split(". ")[0].rstrip(".")
                return sentence[:1].lower() + sentence[1:]
        return None
