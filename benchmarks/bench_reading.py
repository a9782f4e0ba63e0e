"""Every reading word of every letter of the real editions on its page and in its text, and every
page valid HTML: the Alfred Escher letters (5,019, TEI Publisher's conventions) and the
letters from Jean Paul's circle (952, ediarum), from ../shared/corpora.

    .venv/bin/python benchmarks/bench_reading.py [--edition escher|jeanpaul] [--every N] [--build] [--jobs N]

Each edition is unpacked into a temporary folder with its benchmarks/editions/*/teikit.toml.
Without --build each letter is rendered as `teikit render` renders it (the edition's
stylesheets, no site); with --build the edition is built and the site's pages and texts are
checked (a letter the build refused is rendered instead, and counted). Then:
- toolkit.reading.output_problems on every letter: the page (without what it marks as not
  read) and the plain text (without notes and apparatus) must hold the letter's reading words
  whole and in order;
- the Nu HTML Checker on every page: errors and warnings, by message.

tests/test_escher.py and tests/test_jeanpaul_rendering.py check a sample; this is the whole.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE / "editions"))

from corpora import EDITIONS, unpack_edition  # noqa: E402
from lxml import etree  # noqa: E402

from nu import nu_check  # noqa: E402
from toolkit.build import build  # noqa: E402
from toolkit.edition import Edition  # noqa: E402
from toolkit.reading import output_problems, reading_words  # noqa: E402
from toolkit.xmlio import parse_file  # noqa: E402
from toolkit.xslt import stylesheets  # noqa: E402

# The page's interface is English until the edition's language sets <html lang>: counted apart.
PAGE_LANGUAGE = re.compile(r"This document appears to be written in \w+ but the .html. start tag has .lang=.en.")


def check(name: str, every: int, use_build: bool, jobs: int | None) -> None:
    archive = EDITIONS[name].archive
    if not archive.is_file():
        print(f"{name}: {archive.name} is not beside the repository (../shared/corpora/)")
        return
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        letters = unpack_edition(name, root, every=every)
        edition = Edition.open(root)
        start = time.perf_counter()
        built = set()
        if use_build:
            report = build(edition, root / "build", jobs=jobs)
            built = {Path(p).stem for p in (root / "build" / "html").glob("*.html")}
            print(f"{name}: build {time.perf_counter() - start:.1f} s, {len(report.failed)} letters refused")
        pages = root / "pages"
        pages.mkdir()
        styles = stylesheets(edition.xslt_dir)
        start = time.perf_counter()
        problems, words, rendered = {}, 0, 0
        for letter in letters:
            tree = etree.parse(str(letter)).getroot()
            if letter.stem in built:
                page = (root / "build" / "html" / f"{letter.stem}.html").read_bytes()
                plain = (root / "build" / "text" / f"{letter.stem}.txt").read_text(encoding="utf-8")
            else:
                document = parse_file(letter).root
                page, plain = styles.transform("html", document).encode("utf-8"), styles.transform("text", document)
                rendered += 1
            (pages / f"{letter.stem}.html").write_bytes(page)
            text = tree.find("{http://www.tei-c.org/ns/1.0}text")
            words += len(reading_words(text)) if text is not None else 0
            found = output_problems(tree, page, plain)
            if found:
                problems[letter.name] = found
        checked = time.perf_counter() - start
        start = time.perf_counter()
        messages = [line for line in nu_check("--skip-non-html", str(pages)).stderr.splitlines() if line.strip()]
        nu_seconds = time.perf_counter() - start
        language = [m for m in messages if PAGE_LANGUAGE.search(m)]
        other = [m for m in messages if not PAGE_LANGUAGE.search(m)]
        print(f"{name}: {len(letters)} letters ({len(letters) - rendered} pages of the build, {rendered} rendered), "
              f"{words:,} reading words; checked in {checked:.1f} s")
        print(f"  letters whose page or text loses, splits, glues or reorders a reading word: {len(problems)}")
        for letter, found in list(problems.items())[:10]:
            print(f"    {letter}: {'; '.join(found)}")
        print(f"  Nu HTML Checker ({nu_seconds:.1f} s): {len(other)} errors and warnings on "
              f"{len({m.split(':', 1)[0] for m in other})} pages; {len(language)} pages in German with "
              f"<html lang=\"en\"> (the interface's language)")
        kinds = collections.Counter(re.sub(r"^.*?: (error|info warning|warning): ", r"\1: ", m) for m in other)
        for kind, count in kinds.most_common(10):
            print(f"    {count} × {kind}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", choices=sorted(EDITIONS), action="append", help="one edition (default: both)")
    parser.add_argument("--every", type=int, default=1, help="every N-th letter only (default: all)")
    parser.add_argument("--build", action="store_true", help="check the pages of a full build")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes of the build")
    args = parser.parse_args()
    for name in args.edition or EDITIONS:
        check(name, args.every, args.build, args.jobs)


if __name__ == "__main__":
    main()
