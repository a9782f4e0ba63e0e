"""How HTML and text rendering of one document grow with its paragraphs (should be linear).

    .venv/bin/python benchmarks/bench_render_scale.py [--sizes 2000 4000 8000]

The document is tei/537.xml with its two paragraphs repeated until the body holds N of them
(names, gaps and a note every tenth paragraph, as real documents have). Not a test: figures
go to benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from toolkit.edition import Edition
from toolkit.labels import Labels
from toolkit.xmlio import parse_bytes
from toolkit.xslt import stylesheets

REPOSITORY = Path(__file__).resolve().parents[1]


def generated_document(paragraphs: int) -> bytes:
    """tei/537.xml with `paragraphs` paragraphs in its body."""
    source = (REPOSITORY / "tei" / "537.xml").read_text(encoding="utf-8")
    found = re.findall(r"<p>.*?</p>", source, flags=re.S)
    note = '<note type="editorial" place="foot">A note.</note>'
    body = "\n".join(found[i % len(found)].replace("</p>", note + "</p>" if i % 10 == 0 else "</p>")
                     for i in range(paragraphs))
    start, end = source.index(found[0]), source.rindex(found[-1]) + len(found[-1])
    return (source[:start] + body + source[end:]).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000, 8000])
    args = parser.parse_args()
    styles = stylesheets(Edition.open(REPOSITORY).xslt_dir)
    print("| paragraphs | HTML (s) | text (s) | HTML per paragraph (ms) |")
    print("|---:|---:|---:|---:|")
    for size in args.sizes:
        document = parse_bytes(generated_document(size), Path(f"generated-{size}.xml"))
        times = {}
        for target in ("html", "text"):
            start = time.perf_counter()
            styles.transform(target, document.root, {"site": True, "doc-id": "x"} if target == "html" else {},
                             {"labels": Labels.for_language("en")})
            times[target] = time.perf_counter() - start
        print(f"| {size} | {times['html']:.2f} | {times['text']:.2f} | {times['html'] / size * 1000:.3f} |")


if __name__ == "__main__":
    main()
