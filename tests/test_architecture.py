"""The shape of the package: no import cycle, build.py names no builder, the stylesheets carry no words."""

from __future__ import annotations

import ast
import re
from itertools import islice
from pathlib import Path

import networkx
from lxml import etree

from toolkit.labels import Labels

REPOSITORY = Path(__file__).resolve().parents[1]
PACKAGE = REPOSITORY / "toolkit"
XSLT = REPOSITORY / "xslt"
XSL = "http://www.w3.org/1999/XSL/Transform"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPOSITORY).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, modules: set[str]) -> set[str]:
    """The modules of the package that a module imports anywhere (at the top or inside a function)."""
    name = module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:  # `from . import x` imports the module x when there is one
                found.add(f"{module}.{alias.name}" if f"{module}.{alias.name}" in modules else module)
    missing = sorted(m for m in found if m.split(".")[0] == "toolkit" and m not in modules)
    assert not missing, f"{name} imports what is no module of the package: {missing}"
    return {m for m in found if m in modules and m != name}


def import_graph() -> networkx.DiGraph:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    graph = networkx.DiGraph()
    for path in paths:
        graph.add_node(module_name(path))
        graph.add_edges_from((module_name(path), target) for target in imports(path, modules))
    return graph


def cycles(graph: networkx.DiGraph) -> list[str]:
    """A few import cycles, each as a -> b -> a (their number grows fast once there is one)."""
    found = islice(networkx.simple_cycles(graph), 5) if not networkx.is_directed_acyclic_graph(graph) else []
    return [" -> ".join(cycle + cycle[:1]) for cycle in found]


def test_no_module_of_the_package_imports_itself_round_about():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = import_graph()
    graph.add_edge("toolkit.labels", "toolkit.build")  # as if labels imported the build
    assert cycles(graph)


def test_build_names_no_builder_and_labels_sit_below_the_builders():
    graph = import_graph()
    builders = {m for m in graph if m.startswith("toolkit.builders.")}
    assert not set(graph.successors("toolkit.build")) & builders
    below = networkx.descendants(graph, "toolkit.labels") | {"toolkit.labels"}
    assert not below & (builders | {"toolkit.builders", "toolkit.build", "toolkit.exchange", "toolkit.dts"})
    # checking is not rendering, and the rule set is not the validate command
    assert "toolkit.rendering" not in networkx.descendants(graph, "toolkit.checking")
    assert "toolkit.validate" not in networkx.descendants(graph, "toolkit.validation")


# ---- the stylesheets render the record and work nothing out themselves ----------------------

# What a stylesheet would be doing if it worked out what a document says instead of reading the
# record (toolkit/record.py): choosing senders and addressees, numbering, putting dates in words.
COMPUTING = {
    "selects correspondents": r"correspAction|correspDesc",
    "puts a date in words": r"format-date(?:Time)?\s*\(",
    "reads the document number": r"document-number",
    "labels a number": r"""['"]No\.\s""",
}


def computations(source: str) -> list[str]:
    """What a stylesheet's code (comments left out) works out for itself, as "line: what"."""
    code = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group().count("\n"), source, flags=re.S)
    return [f"{number}: {what}" for number, line in enumerate(code.splitlines(), start=1)
            for what, pattern in COMPUTING.items() if re.search(pattern, line)]


def test_no_stylesheet_works_out_correspondents_numbers_or_dates():
    found = {str(p.relative_to(XSLT)): computations(p.read_text(encoding="utf-8")) for p in sorted(XSLT.rglob("*.xsl"))}
    assert {path: hits for path, hits in found.items() if hits} == {}
    sample = """<!-- correspAction in a comment is no code -->
      <xsl:variable name="sent" select="tei:correspDesc/tei:correspAction[@type = 'sent']"/>
      <xsl:value-of select="format-date(xs:date(@when), '[D] [MNn] [Y]')"/>
      <xsl:value-of select="concat('No. ', tei:idno[@type = 'document-number'])"/>"""
    assert computations(sample) == ["2: selects correspondents", "3: puts a date in words",
                                    "4: reads the document number", "4: labels a number"]


# ---- every word a reader sees comes from the labels ------------------------------------------

SEEN_ATTRIBUTES = ("title", "aria-label", "alt", "label", "placeholder")
TYPST_CALL = re.compile(r"#[a-z][\w.-]*")  # the print stylesheets write Typst markup (#super[,]), not words


def has_words(text: str) -> bool:
    return bool(re.search(r"[^\W\d_]", TYPST_CALL.sub("", text)))


def words_in_stylesheets() -> list[str]:
    """Letters a stylesheet would print on its own: text of literal result elements and xsl:text,
    and the literal parts of attributes a reader sees."""
    found = []
    for path in sorted(XSLT.rglob("*.xsl")):
        tree = etree.parse(str(path))
        for element in tree.iter(etree.Element):
            literal = etree.QName(element).namespace != XSL
            if element.text and (literal or element.tag == f"{{{XSL}}}text") and has_words(element.text):
                found.append(f"{path.name}:{element.sourceline}: {element.text.strip()!r}")
            for child in element:
                if child.tail and has_words(child.tail) and isinstance(child.tag, str):
                    found.append(f"{path.name}:{child.sourceline}: {child.tail.strip()!r}")
            if literal:
                for name in SEEN_ATTRIBUTES:
                    outside = element.get(name, "")
                    while re.search(r"\{[^{}]*\}", outside):  # the expressions of an attribute value template
                        outside = re.sub(r"\{[^{}]*\}", "", outside)
                    if re.search(r"[^\W\d_]", outside):
                        found.append(f"{path.name}:{element.sourceline}: @{name}={element.get(name)!r}")
    return found


def test_the_stylesheets_print_no_words_of_their_own():
    assert words_in_stylesheets() == []


def label_keys_used() -> set[str]:
    """Every key a stylesheet or a module looks up by its literal name."""
    keys = set()
    for path in sorted(XSLT.rglob("*.xsl")):
        source = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
        keys |= set(re.findall(r"tk:label(?:-string)?\('([a-z][\w.-]*[a-z0-9])'", source))
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r"labels\.text\(\"([a-z][\w.-]*)\"", source))
        keys |= set(re.findall(r"labels\[\"([a-z][\w.-]*)\"\]", source))
    return keys


def test_every_label_looked_up_is_in_the_english_catalogue():
    english = Labels.for_language("en").strings
    used = label_keys_used()
    assert len(used) > 80
    assert sorted(used - set(english)) == []
    # keys made from a name: the navigation, the registers, the columns, the dates, roles
    for page in ("index", "persons", "places", "orgs", "correspondents", "chronology", "search"):
        assert f"nav.{page}" in english
    for key in ("register.person", "register.place", "register.org", "month.12", "month-short.1", "role.archive",
                "archival.fond", "archival.delo", "about.from", "about.place", "site.col-kind",
                "correspondents.col-when", "search.orgs", "date.cert-low"):
        assert key in english
