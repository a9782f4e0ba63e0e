"""Other projects' whole editions, built with their teikit.toml as it is: how many letters reach
the site, what is reported (by rule), whether cmif.xml is valid CMIF with every correspondent
named and every GND URI of a correspondent in it, and what a rebuild costs.

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

from corpora import EDITIONS, unpack_edition  # noqa: E402
from toolkit.build import build  # noqa: E402
from toolkit.edition import Edition  # noqa: E402
from toolkit.metadata import ACTION_TYPES  # noqa: E402

ROOTS = REPOSITORY / "tests" / "roots"
CMIF_RNG = REPOSITORY.parent / "shared" / "reference" / "cmif.rng"
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


def gnd_of_registers(edition: Edition) -> dict[str, str]:
    """Entry id -> GND URI, read from the authority files apart from teikit."""
    found = {}
    for path in edition.authority_files():
        for element in etree.parse(str(path)).iter():
            if not isinstance(element.tag, str) or element.get(XML_ID) is None:
                continue
            for idno in element.iterfind("t:idno", NS):
                value = " ".join((idno.text or "").split())
                kind = (idno.get("type") or "").lower()
                if "d-nb.info/gnd/" in value:
                    found.setdefault(element.get(XML_ID), value)
                elif kind == "gnd" and value:
                    found.setdefault(element.get(XML_ID), f"https://d-nb.info/gnd/{value}")
    return found


def cmif_figures(root: Path, letters: list[Path], edition: Edition) -> str:
    cmif = etree.parse(str(root / "build" / "cmif.xml"))
    valid = etree.RelaxNG(etree.parse(str(CMIF_RNG))).validate(cmif) if CMIF_RNG.is_file() else None
    descs = cmif.findall(".//t:correspDesc", NS)
    unknown = sum(1 for d in descs if "Unknown" in d.xpath("t:correspAction/t:persName/text()", namespaces=NS))
    refs = {r.removeprefix("https://").removeprefix("http://") for r in cmif.xpath("//t:persName/@ref", namespaces=NS)}
    gnd = gnd_of_registers(edition)
    key = edition.config.key
    types = {**ACTION_TYPES, **edition.config.actions}
    wanted = set()
    for letter in letters:
        tree = etree.parse(str(letter))
        for name in tree.xpath("//t:correspDesc/t:correspAction/t:persName", namespaces=NS):
            if types.get(name.getparent().get("type"), "") not in ("sent", "received"):
                continue  # a reader (type="read") is no correspondent
            entry = (name.get("key") if key else None) or (name.get("ref") or "").lstrip("#")
            if entry in gnd:
                wanted.add(gnd[entry].removeprefix("https://").removeprefix("http://"))
    missing = len(wanted - refs)
    return (f"cmif.xml: {len(descs)} letters, valid CMIF 1.1: {valid}, with an 'Unknown' correspondent (the letter "
            f"names none): {unknown}; "
            f"GND URIs of correspondents: {len(wanted)}, in the CMIF: {len(wanted) - missing}")


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
