"""Other projects' whole editions, built with their teikit.toml as it is: how many letters reach
the site, what is reported (by rule), whether cmif.xml is valid CMIF 1.1 (cmif.rng and cmif.sch,
editions/cmif_check.py) with every correspondent named and every GND URI of a correspondent in
it, how many of the entries the letters name the register pages list, and what a rebuild costs.

    .venv/bin/python benchmarks/bench_editions.py [escher] [jeanpaul] [italian] [bilingual] [--jobs N] [--every N]

escher and jeanpaul unpack ../shared/corpora/*.tar.xz (benchmarks/editions/corpora.py)
into a temporary folder; italian and bilingual are the small test editions of tests/roots/.
Per edition: a full build, a no-op rebuild, and a rebuild after one letter is broken (only that
letter is checked again; the rest stays). Not part of the test suite (tests/test_jeanpaul.py,
tests/test_escher.py and tests/test_editions.py build samples); timings taken on a loaded
machine say so.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent
sys.path.insert(0, str(REPOSITORY))
sys.path.insert(0, str(HERE / "editions"))

import cmif_check  # noqa: E402
from corpora import EDITIONS, unpack_edition  # noqa: E402
from toolkit.build import build  # noqa: E402
from toolkit.edition import Edition  # noqa: E402
from toolkit.metadata import ACTION_TYPES  # noqa: E402

ROOTS = REPOSITORY / "tests" / "roots"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def prepare(name: str, dest: Path, every: int) -> list[Path]:
    """The edition's letters, unpacked or copied into dest."""
    if name in EDITIONS:
        return unpack_edition(name, dest, every=every)
    shutil.copytree(ROOTS / name, dest, dirs_exist_ok=True)
    edition = Edition.open(dest)
    return edition.document_files()


def timed(root: Path, jobs: int | None):
    start = time.perf_counter()
    report = build(Edition.open(root), root / "build", jobs=jobs)
    return report, time.perf_counter() - start


def register_entries(edition: Edition) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Read from the authority files apart from teikit: (what a name's @key or @ref may say ->
    the entry's xml:id, the entry's xml:id -> its GND URI, the entry's xml:id -> its element's name)."""
    key = edition.config.key
    attribute = XML_ID if key == "xml:id" else key
    ids, gnd, kinds = {}, {}, {}
    for path in edition.authority_files():
        for element in etree.parse(str(path)).iter(etree.Element):
            entry = element.get(XML_ID)
            if entry is None:
                continue
            ids[f"#{entry}"] = entry
            kinds[entry] = etree.QName(element).localname
            if attribute and element.get(attribute):
                ids.setdefault(f"key:{element.get(attribute)}", entry)
            for idno in element.iterfind("t:idno", NS):
                value = " ".join((idno.text or "").split())
                kind = (idno.get("type") or "").lower()
                if "d-nb.info/gnd/" in value:
                    gnd.setdefault(entry, value)
                elif kind == "gnd" and value:
                    gnd.setdefault(entry, f"https://d-nb.info/gnd/{value}")
    return ids, gnd, kinds


def entry_of(name, ids: dict[str, str]) -> str | None:
    key, ref = name.get("key"), (name.get("ref") or "").split()
    return ids.get(f"key:{key}") or next((ids[r] for r in ref if r in ids), None)


def strip_scheme(uri: str) -> str:
    return uri.removeprefix("https://").removeprefix("http://")


def cmif_figures(root: Path, letters: list[Path], edition: Edition) -> str:
    cmif = etree.parse(str(root / "build" / "cmif.xml"))
    problems = cmif_check.cmif_problems(cmif) if cmif_check.available() else ["cmif.rng/cmif.sch not found"]
    valid = "yes" if not problems else f"no ({'; '.join(problems[:3])})"
    descs = cmif.findall(".//t:correspDesc", NS)
    unnamed = sum(1 for d in descs for a in d.iterfind("t:correspAction", NS)
                  if not a.xpath("*[self::t:persName or self::t:orgName][normalize-space() != 'Unknown']",
                                 namespaces=NS))
    refs = {strip_scheme(r) for r in cmif.xpath("//t:persName/@ref | //t:orgName/@ref", namespaces=NS)}
    ids, gnd, _ = register_entries(edition)
    types = {**ACTION_TYPES, **edition.config.actions}
    wanted = set()
    for letter in letters:
        tree = etree.parse(str(letter))
        for name in tree.xpath("//t:correspDesc/t:correspAction/*[self::t:persName or self::t:orgName]",
                               namespaces=NS):
            if types.get(name.getparent().get("type"), "") not in ("sent", "received"):
                continue  # a reader (type="read") is no correspondent
            entry = entry_of(name, ids)
            if entry in gnd:
                wanted.add(strip_scheme(gnd[entry]))
    missing = len(wanted - refs)
    return (f"cmif.xml: {len(descs)} letters, valid CMIF 1.1 (cmif.rng and cmif.sch): {valid}; actions without a "
            f"named correspondent: {unnamed}; GND URIs of correspondents: {len(wanted)}, in the CMIF: "
            f"{len(wanted) - missing}")


def register_figures(root: Path, letters: list[Path], edition: Edition) -> str:
    """Of the entries the letters name (by @key or @ref, anywhere in the letter), by the kind of
    entry: how many the site's pages list (an element with the entry's id, on a page that is no
    letter's)."""
    ids, _, kinds = register_entries(edition)
    named = set()
    for letter in letters:
        for name in etree.parse(str(letter)).xpath("//*[@key or @ref]"):
            entry = entry_of(name, ids)
            if entry:
                named.add(entry)
    pages = {p.stem for p in letters}
    listed = set()
    for page in (root / "build" / "html").rglob("*.html"):
        if page.stem not in pages:
            listed.update(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))
    figures = []
    for kind in sorted({kinds[e] for e in named}, key=lambda k: (-sum(kinds[e] == k for e in named), k)):
        of_kind = {e for e in named if kinds[e] == kind}
        missing = sorted(of_kind - listed)
        figures.append(f"{kind} {len(of_kind) - len(missing)} of {len(of_kind)}"
                       + (f" (not: {', '.join(missing[:3])}{' …' if len(missing) > 3 else ''})" if missing else ""))
    return "registers, entries named in the letters and listed on the site's pages: " + "; ".join(figures)


def bench(name: str, jobs: int | None, every: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        letters = prepare(name, root, every)
        report, full = timed(root, jobs)
        built = len(report.built)
        rules = Counter(d.rule for d in report.diagnostics if not d.is_error)
        errors = [d for d in report.diagnostics if d.is_error]
        share = 100 * built / len(letters) if letters else 0
        print(f"== {name}: {len(letters)} letters, {built} on the site ({share:.2f} %), "
              f"{len(report.failed_documents)} refused, {len(errors)} errors; full build {full:.1f} s")
        print("   warnings by rule: " + (", ".join(f"{r} {n}" for r, n in rules.most_common()) or "none"))
        for diagnostic in errors[:10]:
            print("   " + diagnostic.format())
        print("   " + cmif_figures(root, letters, Edition.open(root)))
        print("   " + register_figures(root, letters, Edition.open(root)))
        _, noop = timed(root, jobs)
        broken = letters[len(letters) // 2]
        broken.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><oops></TEI>", encoding="utf-8")
        after, failing = timed(root, jobs)
        _, again = timed(root, jobs)
        print(f"   no-op rebuild {noop:.2f} s; one broken letter: {failing:.2f} s ({after.checked} checked, "
              f"{len(after.failed_documents)} refused); the next build {again:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("editions", nargs="*", default=["jeanpaul", "escher", "italian", "bilingual"])
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    parser.add_argument("--every", type=int, default=1, help="every N-th letter of an archive only (default: all)")
    args = parser.parse_args()
    for name in args.editions:
        if name in EDITIONS and not EDITIONS[name].archive.is_file():
            print(f"== {name}: {EDITIONS[name].archive.name} is not beside the repository (../shared/corpora/)")
            continue
        bench(name, args.jobs, args.every)


if __name__ == "__main__":
    main()
