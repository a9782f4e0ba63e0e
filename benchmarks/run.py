"""Time `teikit build` and `teikit validate` on large corpora, beside the field's reference tools.

    .venv/bin/python benchmarks/run.py --documents 1000 10000 100000 [--escher] [--jeanpaul]
                                       [--jobs 2] [--dask] [--builds-only]

For each size, a corpus is generated from the edition's real documents (new ids, numbers and
shifted dates, so the chronological order interleaves the copies) into benchmarks/out/
(git-ignored), with the real authority files, schema and stylesheets. `--escher` also
unpacks ../shared/corpora/escher-briefedition.tar.xz (5,019 letters of another edition) and
`--jeanpaul` ../shared/corpora/jeanpaul-umfeldbriefe.tar.xz (952 letters, ediarum) into a
temporary folder each and builds them with benchmarks/editions/NAME/teikit.toml.

Printed per corpus, in one table (wall time, ms per document, peak RSS of the largest process):
the lxml parse+serialize floor, jing and `xmllint --relaxng` on the same files and schema,
`teikit validate`, a cold build (with the time of each of its stages), a no-op rebuild, a
rebuild after one edited text, after one edited title (its neighbours name it) and after a
comment in persons.xml; then the site's shape: files a document, the static DTS's share of the
bytes, the largest page and how many pages pass 1 MB. Every teikit figure is a fresh `teikit`
process (start-up included). Figures are recorded in benchmarks/README.md, beside the targets
(`TARGETS`); they are never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
OUT = Path(__file__).resolve().parent / "out"
SHARED = REPOSITORY.parent / "shared"
ESCHER = SHARED / "corpora" / "escher-briefedition.tar.xz"
ESCHER_CONFIG = Path(__file__).resolve().parent / "editions" / "escher" / "teikit.toml"
JEANPAUL = SHARED / "corpora" / "jeanpaul-umfeldbriefe.tar.xz"
JEANPAUL_CONFIG = Path(__file__).resolve().parent / "editions" / "jeanpaul" / "teikit.toml"
MB = 1024 * 1024
MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, usage.ru_maxrss, code, usage.ru_utime + usage.ru_stime)
"""


def teikit_command() -> list[str]:
    local = Path(sys.executable).with_name("teikit")
    return [str(local)] if local.exists() else [sys.executable, "-c", "from toolkit.cli import cli; cli()"]


def make_corpus(count: int, root: Path | None = None) -> Path:
    """`count` documents made from the edition's ten, with the real support files (in
    benchmarks/out/edition-COUNT unless `root` names another folder)."""
    from toolkit.edition import Edition

    root = root or OUT / f"edition-{count}"
    if (root / "tei").is_dir() and len(list((root / "tei").glob("1*.xml"))) == count:
        shutil.rmtree(root / "build", ignore_errors=True)
        return root
    shutil.rmtree(root, ignore_errors=True)
    (root / "tei").mkdir(parents=True)
    shutil.copytree(REPOSITORY / "schema", root / "schema")
    shutil.copytree(REPOSITORY / "xslt", root / "xslt")
    shutil.copy(REPOSITORY / "teikit.toml", root / "teikit.toml")
    edition = Edition.open(REPOSITORY)
    for support in edition.authority_files():
        shutil.copy(support, root / "tei" / support.name)
    sources = [p.read_text(encoding="utf-8") for p in edition.document_files()]
    stems = [p.stem for p in edition.document_files()]
    for index in range(count):
        text, stem = sources[index % len(sources)], stems[index % len(sources)]
        new_id = str(100000 + index)
        text = text.replace(f'xml:id="d{stem}', f'xml:id="d{new_id}').replace(f'"#d{stem}', f'"#d{new_id}')
        text = re.sub(r"(<idno type=\"document-number\"[^>]*>)\d+", rf"\g<1>{new_id}", text)
        text = re.sub(r'(correspAction type="sent">(?:(?!</correspAction>).)*?when=")1920-\d\d-\d\d',
                      rf"\g<1>{1900 + index % 50}-{1 + index % 12:02d}-{1 + index % 28:02d}", text, count=1,
                      flags=re.S)
        (root / "tei" / f"{new_id}.xml").write_text(text, encoding="utf-8")
    return root


def unpack(archive_path: Path, config: Path, temp: Path) -> Path | None:
    """A real edition unpacked into `temp`, with its teikit.toml; None when either is missing."""
    if not archive_path.is_file() or not config.is_file():
        return None
    with tarfile.open(archive_path) as archive:
        archive.extractall(temp, filter="data")
    shutil.copy(config, temp / "teikit.toml")
    return temp


# CPU seconds (user + system) of the last measured command and its children: unlike the wall
# time, they hardly change when other work shares the machine, so a loaded run still compares.
LAST_CPU: list[float] = [0.0]


def measure(command: list[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (KB) of the largest process, exit code (CPU seconds in LAST_CPU)."""
    result = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, cwd=cwd)
    wall, rss, code, cpu = result.stdout.split()
    LAST_CPU[0] = float(cpu)
    return float(wall), int(rss), int(code)


def floor(paths: list[Path]) -> float:
    """lxml parse + serialize of every file, one core: the least any tool reading and writing them pays."""
    from lxml import etree

    start = time.perf_counter()
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    for path in paths:
        etree.tostring(etree.fromstring(path.read_bytes(), parser))
    return time.perf_counter() - start


def file_list(paths: list[Path], temp: Path) -> Path:
    listing = temp / "files.txt"
    listing.write_text("\n".join(str(p) for p in paths))
    return listing


def bench(label: str, root: Path, jobs: int, dask: bool, rows: list, builds_only: bool = False) -> None:
    from toolkit.edition import Edition

    edition = Edition.open(root)
    documents = edition.document_files()
    n = len(documents)
    schema = edition.schema_dir / "edition.rng"
    teikit = teikit_command() + ["--edition", str(root)]

    def row(stage: str, wall: float | None, rss: int | None = None, note: str = "") -> None:
        per = None if wall is None else wall / n * 1000
        cpu = LAST_CPU[0] if rss is not None else None  # rows without a measured process have no CPU time
        rows.append((label, n, stage, wall, per, rss, cpu, note))
        timing = "" if wall is None else f"{wall:8.2f} s {per:8.3f} ms/doc {(rss or 0) / 1024:7.0f} MB"
        timing += "" if cpu is None else f" cpu {cpu:8.2f} s"
        print(f"{label:>14} {stage:<48} {timing} {note}", flush=True)

    if not builds_only:
        validators(documents, schema, teikit, jobs, row)
    builds(root, documents, teikit, jobs, dask, row)


def validators(documents: list[Path], schema: Path, teikit: list[str], jobs: int, row) -> None:
    row("lxml parse + serialize floor (1 core)", floor(documents))
    # Reference tools on the same files and schema; xargs keeps command lines short.
    with tempfile.TemporaryDirectory() as temp:
        listing = file_list(documents, Path(temp))
        for tool, command in (("jing (RelaxNG only, one JVM)", f"xargs -a {listing} -d '\\n' jing {schema}"),
                              ("xmllint --relaxng (RelaxNG only, 1 core)",
                               f"xargs -a {listing} -d '\\n' xmllint --noout --relaxng {schema} 2>/dev/null")):
            if shutil.which("jing" if "jing" in tool else "xmllint"):
                wall, rss, _ = measure(["sh", "-c", command])
                row(tool, wall, rss)
    wall, rss, code = measure(teikit + ["validate", "--jobs", str(jobs)])
    row(f"teikit validate (RelaxNG + Schematron + refs, {jobs} jobs)", wall, rss, "" if code == 0 else f"exit {code}")


def builds(root: Path, documents: list[Path], teikit: list[str], jobs: int, dask: bool, row) -> None:
    n = len(documents)
    out = root / "build"
    shutil.rmtree(out, ignore_errors=True)
    report_file = Path(tempfile.mkstemp(suffix=".json")[1])
    for stage, extra in (("cold build", ["--clean"]), ("no-op rebuild", []),):
        wall, rss, code = measure(["sh", "-c", " ".join(f"'{a}'" for a in teikit + [
            "build", "--jobs", str(jobs), "--format", "json", *extra]) + f" > {report_file}"])
        report = json.loads(report_file.read_text())
        row(f"{stage} ({jobs} jobs)", wall, rss, _what_ran(report) + ("" if code == 0 else f"; exit {code}"))
    edited = documents[n // 2]
    text = edited.read_text(encoding="utf-8")
    for what, changed in (("text", _edit_text(text)), ("title", text.replace("</title>", " (edited)</title>", 1))):
        edited.write_text(changed, encoding="utf-8")
        wall, rss, code = measure(["sh", "-c", " ".join(f"'{a}'" for a in teikit + [
            "build", "--jobs", str(jobs), "--format", "json"]) + f" > {report_file}"])
        report = json.loads(report_file.read_text())
        row(f"one edited {what}" + (" (its neighbours name it)" if what == "title" else ""), wall, rss,
            _what_ran(report))
        edited.write_text(text, encoding="utf-8")
        measure(teikit + ["build", "--jobs", str(jobs), "--quiet"])  # back to the cold build's state
    site_shape(out, n, row)
    from toolkit.edition import Edition

    # persons.xml here; another edition's first authority file (Escher: data/persons/persons.xml)
    persons = next((p for p in Edition.open(root).authority_files() if p.name == "persons.xml"),
                   Edition.open(root).authority_files()[0])
    original = persons.read_bytes()
    persons.write_bytes(original + b"\n<!-- a comment -->\n")
    wall, rss, code = measure(["sh", "-c", " ".join(f"'{a}'" for a in teikit + [
        "build", "--jobs", str(jobs), "--format", "json"]) + f" > {report_file}"])
    report = json.loads(report_file.read_text())
    row(f"comment in {persons.name}", wall, rss, f"{report['rebuilt']} rebuilt, {report['written']} files written, "
        f"corpus builders run: {', '.join(report['corpus_built']) or 'none'}")
    persons.write_bytes(original)
    if dask:
        shutil.rmtree(out, ignore_errors=True)
        wall, rss, code = measure(teikit + ["build", "--executor", "dask", "--jobs", str(jobs), "--quiet"])
        row(f"cold build, Dask LocalCluster ({jobs} workers)", wall, rss)
    report_file.unlink()


def _edit_text(text: str) -> str:
    """The document with one word added to its first paragraph of text (not its title or date)."""
    paragraph = re.compile(r"<p[\s>]").search(text, text.index("<body"))
    end = text.index(">", paragraph.start()) + 1
    return text[:end] + "Edited " + text[end:]


def site_shape(out: Path, documents: int, row) -> None:
    """Files a document, the static DTS's share of the bytes, the largest page (target: none over 1 MB)."""
    sizes = {p.relative_to(out).as_posix(): p.stat().st_size for p in out.rglob("*")
             if p.is_file() and ".teikit" not in p.parts}
    total = sum(sizes.values())
    dts = sum(size for path, size in sizes.items() if path.startswith("html/api/"))
    pages = {path: size for path, size in sizes.items() if path.endswith(".html")}
    largest = max(pages, key=pages.get) if pages else ""
    heavy = sum(1 for size in pages.values() if size > MB)
    row("site: files, bytes, largest page", None, None,
        f"{len(sizes):,} files, {len(sizes) / documents:.1f} a document; {total / MB:,.0f} MB, "
        f"static DTS {dts / MB:,.0f} MB ({100 * dts / max(total, 1):.0f}%); largest page {largest} "
        f"{pages.get(largest, 0) / MB:.2f} MB; {heavy} pages over 1 MB")


def _what_ran(report: dict) -> str:
    """What a build did, from its --format json report: a rebuild that should do nothing shows why it did."""
    failed = report.get("failed", [])
    return (f"{report['rebuilt']} rebuilt, {report['checked']} checked, {len(failed)} failed"
            f"{' (' + ', '.join(map(str, failed[:3])) + ')' if failed else ''}, {report['written']} files written, "
            f"corpus builders run: {', '.join(report['corpus_built']) or 'none'}; {_stages(report['timings'])}")


def _stages(timings: dict) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in timings.items())


def tei_all(rows: list) -> None:
    """--schema tei_all on one file and on 100 files, against jing with the same schema."""
    schema = SHARED / "reference" / "tei_all.rng"
    if not schema.is_file():
        print("tei_all.rng not found beside the repository: skipped")
        return
    root = make_corpus(100)
    documents = sorted((root / "tei").glob("1*.xml"))
    os.environ["TEIKIT_TEI_ALL"] = str(schema)  # the generated edition's teikit.toml points elsewhere
    teikit = teikit_command() + ["--edition", str(root)]
    for count in (1, 100):
        chosen = documents[:count]
        wall, rss, _ = measure(["jing", str(schema), *map(str, chosen)])
        rows.append(("tei_all", count, "jing", wall, wall / count * 1000, rss, LAST_CPU[0], ""))
        print(f"tei_all {count:>4} files: jing {wall:.2f} s", flush=True)
        wall, rss, code = measure(teikit + ["validate", "--schema", "tei_all", *map(str, chosen)])
        rows.append(("tei_all", count, "teikit validate --schema tei_all", wall, wall / count * 1000, rss,
                     LAST_CPU[0], "" if code == 0 else f"exit {code}"))
        print(f"tei_all {count:>4} files: teikit {wall:.2f} s (exit {code})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--escher", action="store_true", help="also the Escher edition (5,019 real letters)")
    parser.add_argument("--jeanpaul", action="store_true", help="also the Jean Paul edition (952 real letters, ediarum)")
    parser.add_argument("--dask", action="store_true", help="also a cold build on a Dask LocalCluster")
    parser.add_argument("--tei-all", action="store_true", help="also --schema tei_all against jing")
    parser.add_argument("--builds-only", action="store_true", help="skip the validators: only the builds")
    args = parser.parse_args()
    rows: list = []
    for count in args.documents:
        bench(f"{count:,} generated", make_corpus(count), args.jobs, args.dask, rows, args.builds_only)
    for wanted, label, archive, config in ((args.escher, "Escher", ESCHER, ESCHER_CONFIG),
                                           (args.jeanpaul, "Jean Paul", JEANPAUL, JEANPAUL_CONFIG)):
        if not wanted:
            continue
        with tempfile.TemporaryDirectory() as temp:
            root = unpack(archive, config, Path(temp))
            if root is None:
                print(f"{label} edition skipped: needs {archive} and {config}")
            else:
                bench(label, root, args.jobs, False, rows, args.builds_only)
    if args.tei_all:
        tei_all(rows)
    print("\n| corpus | documents | stage | wall (s) | ms/doc | CPU (s) | peak RSS (MB) | notes |\n"
          "|---|---:|---|---:|---:|---:|---:|---|")
    for label, n, stage, wall, per, rss, cpu, note in rows:
        timing = "| |" if wall is None else f"| {wall:.2f} | {per:.3f} |"
        print(f"| {label} | {n:,} | {stage} {timing} {'' if cpu is None else f'{cpu:.1f}'} | "
              f"{'' if rss is None else round(rss / 1024)} | {note} |")


if __name__ == "__main__":
    main()
