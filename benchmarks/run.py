"""Time each stage of `teikit build` on a large generated corpus.

    .venv/bin/python benchmarks/run.py [--documents 2000]

The corpus is the edition's ten documents copied with new ids and numbers (and a date shifted
per copy, so the chronological order interleaves them), plus the edition's authority files,
schema and stylesheets. It is written to benchmarks/out/ (git-ignored). Figures go to
benchmarks/README.md; they are not tests.
"""

from __future__ import annotations

import argparse
import re
import shutil
import time
from pathlib import Path

from toolkit import build as build_module
from toolkit.corpus import load
from toolkit.edition import Edition
from toolkit.xmlio import parse_file

REPOSITORY = Path(__file__).resolve().parents[1]
OUT = Path(__file__).resolve().parent / "out"


def make_corpus(count: int) -> Path:
    root = OUT / "edition"
    shutil.rmtree(root, ignore_errors=True)
    (root / "tei").mkdir(parents=True)
    shutil.copytree(REPOSITORY / "schema", root / "schema")
    shutil.copytree(REPOSITORY / "xslt", root / "xslt")
    shutil.copy(REPOSITORY / "teikit.toml", root / "teikit.toml")
    sources = Edition.open(REPOSITORY).document_files()
    for support in Edition.open(REPOSITORY).authority_files():
        shutil.copy(support, root / "tei" / support.name)
    for index in range(count):
        source = sources[index % len(sources)]
        new_id = str(10000 + index)
        text = source.read_text(encoding="utf-8")
        text = text.replace(f'xml:id="d{source.stem}', f'xml:id="d{new_id}')
        text = re.sub(r"(<idno type=\"document-number\"[^>]*>)\d+", rf"\g<1>{new_id}", text)
        day = 1 + index % 28
        text = re.sub(r'(correspAction type="sent">(?:(?!</correspAction>).)*?when=")1920-\d\d-\d\d',
                      rf"\g<1>1921-{1 + index % 12:02d}-{day:02d}", text, count=1, flags=re.S)
        (root / "tei" / f"{new_id}.xml").write_text(text, encoding="utf-8")
    return root


def timed(label: str, function, documents: int, rows: list) -> object:
    start = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - start
    rows.append((label, seconds, seconds / documents * 1000))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    args = parser.parse_args()
    root = make_corpus(args.documents)
    edition = Edition.open(root)
    n = args.documents
    rows: list = []
    paths = edition.document_files()
    timed("parse (lxml, safe parser)", lambda: [parse_file(p) for p in paths], n, rows)
    corpus = load(edition)

    from toolkit.validation import references, rules_for

    rules = rules_for(edition, "edition")
    timed("validate (RelaxNG + Schematron + references)",
          lambda: ([rules.check_document(d) for d in corpus.documents], references.check(corpus)), n, rows)

    from toolkit.builders.indexes import entries_xml
    from toolkit.xslt import stylesheets

    styles = stylesheets(edition.xslt_dir)
    entries = entries_xml(corpus.authority)
    xmls = [build_module._serialize_root(d) for d in corpus.documents]
    timed("HTML transform (one core)", lambda: [styles.transform("html", x, {"site": True}, entries) for x in xmls], n, rows)
    timed("text transform (one core)", lambda: [styles.transform("text", x) for x in xmls], n, rows)
    for jobs in (1, 2):
        out = OUT / f"site-{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        timed(f"full build, {jobs} core{'s' if jobs > 1 else ''}",
              lambda: build_module.build(edition, out, jobs=jobs), n, rows)
    timed("incremental no-op rebuild", lambda: build_module.build(edition, OUT / "site-2", jobs=2), n, rows)
    print(f"{n} documents\n")
    print("| stage | total (s) | per document (ms) |\n|---|---:|---:|")
    for label, seconds, per in rows:
        print(f"| {label} | {seconds:.2f} | {per:.3f} |")


if __name__ == "__main__":
    main()
