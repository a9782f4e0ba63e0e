"""The fuzz test at its full size: 2,000 mutations of the real documents (CI runs the first 600).

    .venv/bin/python benchmarks/bench_fuzz.py [--examples 2000] [--random]

Runs tests/hostile/test_fuzz.py with TEIKIT_FUZZ_EXAMPLES set (derandomised: the same mutations
every run, the first 600 of them those of CI; --random explores new ones), fails as the test
fails, and prints the wall-clock and CPU time it took. Not a test: figures go to
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--random", action="store_true", help="new mutations, not the derandomised ones")
    args = parser.parse_args()
    environment = {**os.environ, "TEIKIT_FUZZ_EXAMPLES": str(args.examples)}
    if args.random:
        environment["TEIKIT_FUZZ_RANDOM"] = "1"
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "tests/hostile/test_fuzz.py"], cwd=REPOSITORY, env=environment)
    wall = time.perf_counter() - started
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    print("| mutations | wall (s) | CPU (s) | per mutation (ms, CPU) | result |")
    print("| ---: | ---: | ---: | ---: | --- |")
    seconds = cpu.ru_utime + cpu.ru_stime
    print(f"| {args.examples} | {wall:.1f} | {seconds:.1f} | {1000 * seconds / args.examples:.1f} | "
          f"{'passed' if run.returncode == 0 else 'FAILED'} |")
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
