"""docs/security.md names, for every class of hostile input, the test that proves its guarantee:
every class names one, and each test the page names exists (each case it names is one of
that test's cases)."""

from __future__ import annotations

import ast
import importlib
import re

from .hostile_kit import REPOSITORY

DOC = REPOSITORY / "docs" / "security.md"
# a test of tests/hostile, or one elsewhere in tests/ named with its folder (`tests/test_ingest.py::…`)
CITED = re.compile(r"`((?:tests/)?test_\w+\.py)::(test_\w+)(?:\[([^\]]+)\])?`")


def class_rows() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("\n## Every class", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| ") and not line.startswith(("| class", "| ---"))]


def case_ids(function) -> set[str]:
    ids = set()
    for mark in getattr(function, "pytestmark", []):
        if mark.name == "parametrize" and isinstance(mark.kwargs.get("ids"), (list, tuple)):
            ids.update(mark.kwargs["ids"])
    return ids


def test_every_class_names_a_test():
    rows = class_rows()
    assert len(rows) >= 40
    for row in rows:
        assert CITED.search(row) or "`benchmarks/" in row, f"no test named for: {row[:80]}"


def test_every_test_the_page_names_exists():
    missing = []
    for row in DOC.read_text(encoding="utf-8").splitlines():
        for module_file, name, case in CITED.findall(row):
            if module_file.startswith("tests/"):  # not a module of this package: its functions by name
                tree = ast.parse((REPOSITORY / module_file).read_text(encoding="utf-8"))
                if name not in {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}:
                    missing.append(f"{module_file}::{name}")
                continue
            module = importlib.import_module(f"{__package__}.{module_file[:-3]}")
            function = getattr(module, name, None)
            if function is None:
                missing.append(f"{module_file}::{name}")
            elif case and case not in case_ids(function):
                missing.append(f"{module_file}::{name}[{case}]")
        for benchmark in re.findall(r"`(benchmarks/[\w/.]+\.py)`", row):
            if not (REPOSITORY / benchmark).is_file():
                missing.append(benchmark)
    assert missing == [], missing
