"""How `teikit ingest` grows with the number of documents: time and peak memory (should be linear and flat).

    .venv/bin/python benchmarks/bench_ingest.py [--documents 1000 10000 100000]

The collection is tests/roots/ingest/northwest/collection.txt (ten documents: page titles, lost
numbers, a conversation, notes, archives the edition lacks) repeated until it holds N documents,
the numbers printed shifted by 1000 a copy so the inferred ones follow; the page's chrome once at
the end. Each size is ingested by a fresh `teikit ingest` process into benchmarks/out/ (git-ignored)
with the northwest edition's authority files. Printed: wall time, ms per document, peak RSS, and
the peak beyond the smallest size's, per thousand documents. Not a test: figures go to
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import OUT, REPOSITORY, measure, teikit_command  # noqa: E402

NORTHWEST = REPOSITORY / "tests" / "roots" / "ingest" / "northwest"
NUMBER_LINE = re.compile(r"^No\. (\d+)$", re.MULTILINE)


def generated_collection(documents: int) -> str:
    """The northwest collection repeated to `documents` documents (a multiple of ten)."""
    lines = NORTHWEST.joinpath("collection.txt").read_text(encoding="utf-8").rstrip().splitlines()
    block, chrome = "\n".join(lines[:-1]).rstrip(), lines[-1]
    copies = [NUMBER_LINE.sub(lambda m, c=copy: f"No. {int(m.group(1)) + 1000 * c}", block)
              for copy in range(documents // 10)]
    return "\n\n".join(copies) + "\n\n" + chrome + "\n"


def edition(root: Path) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    (root / "tei").mkdir(parents=True)
    for path in (NORTHWEST / "tei").glob("*.xml"):
        shutil.copy(path, root / "tei" / path.name)
    shutil.copy(NORTHWEST / "teikit.toml", root / "teikit.toml")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    print("| documents | source MB | wall s | ms/doc | peak RSS MB | RSS over the smallest, MB per 1,000 docs |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    smallest = None
    for count in sorted(args.documents):
        root = edition(OUT / f"ingest-{count}")
        source = root / "collection.txt"
        source.write_text(generated_collection(count - count % 10), encoding="utf-8")
        wall, rss, code = measure([*teikit_command(), "--edition", str(root), "ingest", str(source),
                                   "--out", str(root / "drafts")])
        if code != 0:
            sys.exit(f"teikit ingest failed on {count} documents (exit {code})")
        smallest = smallest or (count, rss)
        growth = (rss - smallest[1]) / 1024 / ((count - smallest[0]) / 1000) if count > smallest[0] else 0.0
        print(f"| {count:,} | {source.stat().st_size / 2**20:.1f} | {wall:.1f} | {1000 * wall / count:.2f} "
              f"| {rss / 1024:.0f} | {growth:.2f} |")
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
