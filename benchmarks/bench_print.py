"""The print edition of the Alfred Escher letters (../shared/corpora/escher-briefedition.tar.xz):
build it with [print] pdf = "always", then typeset the published sources once more alone, and
record the time, the pages and the typesetter's peak memory.

    .venv/bin/python benchmarks/bench_print.py [--every N] [--jobs N]

Not part of the test suite (tests/test_escher.py prints a sample; tests/test_print.py the edition).
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE / "editions" / "escher"))

from toolkit.build import build  # noqa: E402
from toolkit.edition import Edition  # noqa: E402
from unpack import ARCHIVE, unpack  # noqa: E402

TYPESET_ALONE = """
import resource, sys, time
from pathlib import Path
from toolkit.typeset import typeset
root = Path(sys.argv[1])
project = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.typ")}
start = time.perf_counter()
pdf = typeset(project, date="2026-12-01")
child = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{time.perf_counter() - start:.1f} {child.ru_utime + child.ru_stime:.1f} {child.ru_maxrss / 1024:.0f} {len(pdf)}")
"""


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    found = re.search(r"Pages:\s+(\d+)", info)
    return int(found.group(1)) if found else -1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1, help="print every N-th letter only (default: all)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    args = parser.parse_args()
    if not ARCHIVE.is_file():
        sys.exit(f"{ARCHIVE.name} is not beside the repository (../shared/corpora/)")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        letters = unpack(root, every=args.every)
        config = root / "teikit.toml"
        config.write_text(config.read_text(encoding="utf-8") + '\n[print]\npdf = "always"\n', encoding="utf-8")
        start = time.perf_counter()
        report = build(Edition.open(root), root / "build", jobs=args.jobs)
        full = time.perf_counter() - start
        errors = [d for d in report.diagnostics if d.is_error]
        for diagnostic in errors[:10]:
            print(diagnostic.format())
        pdf = root / "build" / "edition.pdf"
        print(f"letters: {len(letters)}, built: {len(report.built)}, errors: {len(errors)}; "
              f"build {full:.1f} s ({', '.join(f'{k} {v:.1f} s' for k, v in report.timings.items())})")
        if not pdf.is_file():
            sys.exit("no edition.pdf was written")
        alone = subprocess.run([sys.executable, "-c", TYPESET_ALONE, str(root / "build" / "print")],
                               capture_output=True, text=True, cwd=HERE.parent)
        if alone.returncode:
            sys.exit(alone.stderr)
        wall, cpu, peak, size = alone.stdout.split()
        print(f"edition.pdf: {pages(pdf)} pages, {int(size) / 1e6:.1f} MB; typesetting alone {wall} s "
              f"({cpu} s of CPU), typesetter peak memory {peak} MB; "
              f"this process's peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
