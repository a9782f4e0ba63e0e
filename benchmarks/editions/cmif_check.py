"""Is a cmif.xml valid CMIF 1.1? Against the official schema and its Schematron, both read from
../shared/reference/ (cmif.rng, cmif.sch), apart from teikit's own export code: what the tests
and benchmarks of the real editions ask of the CMIF they build.

    from cmif_check import cmif_problems
    assert cmif_problems(tree) == []      # ["error: [E0002] Element … must be present. (at /TEI[1]/…)", …]

cmif.sch is written for XPath 2 (queryBinding="xslt2"), which lxml's Schematron cannot run and
jing ignores; its rules are evaluated here with Saxon's XPath 3.1, one query per assertion,
with Schematron's rule order (a node a rule of a pattern matched is not matched by the later
rules of that pattern). The file may only use what this reads (ns, pattern, rule, assert,
report): anything else is refused, never skipped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference"
CMIF_RNG = REFERENCE / "cmif.rng"
CMIF_SCH = REFERENCE / "cmif.sch"
SCH = "{http://purl.oclc.org/dsdl/schematron}"
READ = {f"{SCH}{name}" for name in ("schema", "title", "ns", "pattern", "rule", "assert", "report", "p")}


def available() -> bool:
    return CMIF_RNG.is_file() and CMIF_SCH.is_file()


@lru_cache(maxsize=1)
def _relaxng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(CMIF_RNG)))


@lru_cache(maxsize=1)
def _schematron() -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """cmif.sch as (namespaces, [(query of the failing nodes, role, kind, message)])."""
    schema = etree.parse(str(CMIF_SCH)).getroot()
    for element in schema.iter(etree.Element):
        if element.tag.startswith(SCH) and element.tag not in READ:
            raise ValueError(f"cmif.sch uses {element.tag[len(SCH):]}, which cmif_check.py does not read")
    namespaces = {ns.get("prefix"): ns.get("uri") for ns in schema.iterfind(f"{SCH}ns")}
    checks = []
    for pattern in schema.iterfind(f"{SCH}pattern"):
        earlier: list[str] = []
        for rule in pattern.iterfind(f"{SCH}rule"):
            context = rule.get("context")
            nodes = f"(//({context}))" if not context.startswith("/") else f"({context})"
            if earlier:
                nodes = f"({nodes} except ({' | '.join(earlier)}))"
            for test in rule:
                if test.tag not in (f"{SCH}assert", f"{SCH}report"):
                    continue
                condition = test.get("test")
                failing = f"not({condition})" if test.tag == f"{SCH}assert" else f"({condition})"
                checks.append((f"{nodes}[{failing}]!path(.)", test.get("role") or "error",
                               " ".join("".join(test.itertext()).split())))
            earlier.append(nodes)
    return namespaces, checks


def cmif_problems(cmif: etree._ElementTree | Path) -> list[str]:
    """What makes `cmif` invalid against cmif.rng, then what cmif.sch asserts of it, one line each
    ("error: …" or "warning: …", as the Schematron's role says); [] for a valid file."""
    from saxonche import PySaxonProcessor

    tree = cmif if isinstance(cmif, etree._ElementTree) else etree.parse(str(cmif))
    schema = _relaxng()
    problems = [] if schema.validate(tree) else [f"error: cmif.rng: line {e.line}: {e.message}"
                                                  for e in schema.error_log]
    namespaces, checks = _schematron()
    processor = PySaxonProcessor(license=False)
    xpath = processor.new_xpath_processor()
    for prefix, uri in namespaces.items():
        xpath.declare_namespace(prefix, uri)
    xpath.set_context(xdm_item=processor.parse_xml(xml_text=etree.tostring(tree, encoding="unicode")))
    for query, role, message in checks:
        found = xpath.evaluate(query)
        paths = [re.sub(r"Q\{[^}]*\}", "", str(item)) for item in found] if found is not None else []
        if paths:
            problems.append(f"{role}: cmif.sch: {message} ({len(paths)} times, the first at {paths[0]})")
    return problems
