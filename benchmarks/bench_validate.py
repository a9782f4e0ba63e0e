"""How long `teikit validate` takes, per stage and per document.

    .venv/bin/python benchmarks/bench_validate.py [COPIES]

Copies the edition's documents COPIES times (default 100, i.e. 1,000 documents; xml:ids made
unique) into a temporary edition, then times parsing, RelaxNG, Schematron and the cross-file
rules separately, and the whole `validate()`. Targets: each per-document stage well under 1 ms.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from toolkit.corpus import load
from toolkit.edition import Edition
from toolkit.validation import references, relaxng, rules_for, schematron, validate

REPO = Path(__file__).resolve().parents[1]


def make_edition(folder: Path, copies: int) -> Edition:
    tei = folder / "tei"
    tei.mkdir()
    edition = Edition.open(REPO)
    for path in edition.authority_files():
        shutil.copy(path, tei / path.name)
    for path in edition.document_files():
        text = path.read_text(encoding="utf-8")
        for copy in range(copies):
            renamed = text.replace(f'xml:id="d{path.stem}', f'xml:id="c{copy}-d{path.stem}')
            (tei / f"{copy}-{path.name}").write_text(renamed, encoding="utf-8")
    return Edition.open(folder)


def timed(label: str, count: int, action) -> None:
    start = time.perf_counter()
    action()
    elapsed = time.perf_counter() - start
    print(f"{label:<28} {elapsed * 1000:9.1f} ms  {elapsed / count * 1e6:8.0f} µs/document")


def main(copies: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        edition = make_edition(Path(folder), copies)
        rules = rules_for(edition)  # compile once, outside the timings
        corpus = load(edition)
        count = len(corpus.targets)
        print(f"{count} files")
        timed("parse (corpus.load)", count, lambda: load(edition))
        timed("RelaxNG", count, lambda: [relaxng.check(d, rules.relaxng) for d in corpus.targets])
        timed("Schematron", count, lambda: [schematron.check(d, rules.schematron) for d in corpus.targets])
        timed("cross-file rules", count, lambda: references.check(corpus))
        timed("validate() in all", count, lambda: validate(edition))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
