"""The whole Alfred Escher letters edition (5,019 letters, ../shared/corpora/escher-briefedition.tar.xz)
built with benchmarks/editions/escher/teikit.toml: unpack, full build, no-op rebuild.

    .venv/bin/python benchmarks/bench_escher.py [--jobs N] [--every N]

Not part of the test suite (tests/test_escher.py builds a sample of 200 letters).
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    parser.add_argument("--every", type=int, default=1, help="build every N-th letter only (default: all)")
    args = parser.parse_args()
    if not ARCHIVE.is_file():
        sys.exit(f"{ARCHIVE.name} is not beside the repository (../shared/corpora/)")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        start = time.perf_counter()
        letters = unpack(root, every=args.every)
        unpacked = time.perf_counter() - start
        start = time.perf_counter()
        report = build(Edition.open(root), root / "build", jobs=args.jobs)
        full = time.perf_counter() - start
        start = time.perf_counter()
        again = build(Edition.open(root), root / "build", jobs=args.jobs)
        noop = time.perf_counter() - start
        errors = [d for d in report.diagnostics if d.is_error]
        print(f"letters: {len(letters)}, built: {len(report.built)}, failed: {len(report.failed)}, "
              f"errors: {len(errors)}, warnings: {len(report.diagnostics) - len(errors)}")
        for diagnostic in errors[:20]:
            print(diagnostic.format())
        print(f"unpack {unpacked:.1f} s; full build {full:.1f} s ({1000 * full / len(letters):.1f} ms per letter; "
              f"{', '.join(f'{k} {v:.1f} s' for k, v in report.timings.items())}); "
              f"no-op rebuild {noop:.1f} s ({len(again.built)} rebuilt)")


if __name__ == "__main__":
    main()
