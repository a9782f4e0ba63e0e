"""`teikit ingest` on hostile sources: a collection of many documents, a line of 50 MB.

The work of every step grows with the input, never faster: counted exactly (the calls of every
function, Python's and the built-ins') and timed per step with generous bounds, at two sizes.
A draft the ingest writes is always one teikit reads: a document too large for it is refused
in one line and nothing is written.
"""

from __future__ import annotations

import cProfile
import gc
import pstats
import re
import shutil
import time
from pathlib import Path

import pytest

from toolkit.edition import Edition
from toolkit.ingest import ingest

from .hostile_kit import REPOSITORY, teikit

TURKESTAN = REPOSITORY / "tests" / "roots" / "ingest" / "turkestan"

# One block of documents in the style the ingest reads: numbered and unnumbered, a page title,
# a conversation, notes, two holdings; `{n}` numbers the block.
BLOCK = """\
No. {n}1

Telegram from Commander of the Turkestan Front, M. Frunze, to Chairman of the Council of People’s Commissars of the Turkestan Republic, K. Atabaev

(Copy to: Revolutionary Military Council of the Republic) On the Wagons Tashkent, 14 March 1921 No. 11/secret. The grain has not reached Samarkand <…> Frunze GARF, f. R-1318, op. 1, d. 45, ll. 3–4. Copy. Note: the word “grain” is written over an erasure.

Letter from K. Atabaev to M. Frunze

Letter from K. Atabaev to M. Frunze March 16, 1921

Dear Comrade Frunze, the wagons left Tashkent under guard. K. Atabaev TsGA RUz, f. 17, op. 1, d. 1037, l. 88 ob. Typescript; also in f. 25, op. 1, d. 3, l. 12. Copy.

Record of conversation between M. Frunze, and Ya. Peters No later than April 2, 1921

Comrade Peters speaking. The line is cut near Dzhizak.

[Frunze] Send the repair brigade. RGVA, f. 110, op. 3, d. 7a, ll. 20–21 verso. Telegraph form.
"""


def collection(blocks: int) -> str:
    return "Documents on the Turkestan Front\n\n" + "\n".join(BLOCK.format(n=100 + b) for b in range(blocks))


def edition_copy(root: Path) -> Edition:
    (root / "tei").mkdir(parents=True)
    for path in Edition.open(TURKESTAN).authority_files():
        shutil.copy(path, root / "tei" / path.name)
    return Edition.open(root)


def profiled_ingest(root: Path, text: str) -> pstats.Stats:
    """Ingest `text` in a fresh edition under the profiler, which counts calls and CPU time."""
    edition = edition_copy(root)
    source = root / "collection.txt"
    source.write_text(text, encoding="utf-8")
    profile = cProfile.Profile(time.process_time)  # CPU time: waiting for a busy machine does not count
    # No collections while profiling: the hooks other libraries hang on the garbage collector
    # (hypothesis has one, once its tests ran in this process) run when the heap says so, not
    # when the ingest calls them, and would be counted as the ingest's work.
    gc.collect()
    gc.disable()
    try:
        profile.enable()
        ingest(edition, source, root / "drafts")
        profile.disable()
    finally:
        gc.enable()
    return pstats.Stats(profile)


def name(function: tuple) -> str:
    return f"{Path(function[0]).name}:{function[1]}:{function[2]}"


TOOLKIT = str(REPOSITORY / "toolkit")


def ours(function: tuple) -> bool:
    return function[0].startswith(TOOLKIT)


def calls(stats: pstats.Stats) -> dict[tuple, int]:
    """How often teikit's code called each function (its own, Python's, the built-ins): the work,
    counted. What runs outside it (a library's garbage-collector hooks) does not count."""
    counted = {}
    for function, (*_, callers) in stats.stats.items():
        count = sum(entry[1] for caller, entry in callers.items() if ours(caller))
        if count:
            counted[function] = count
    return counted


def steps(stats: pstats.Stats) -> dict[str, float]:
    """The CPU time of each step, that is of each function `ingest` calls itself, its callees included."""
    ingest_function = next(f for f in stats.stats if f[2] == "ingest" and f[0].endswith("ingest/__init__.py"))
    return {name(function): callers[ingest_function][3]
            for function, (*_, callers) in stats.stats.items() if ingest_function in callers}


# The machine's calls (open, rename, write …): one per draft by count, and as slow as the disk is busy.
SYSTEM_CALLS = re.compile(r"<built-in method (?:posix|_io|io)\.|<method '\w+' of '_io\.")


def own_times(stats: pstats.Stats) -> dict[str, float]:
    """The CPU time spent in each function teikit's code calls, its callees apart (calls to the
    system apart)."""
    return {name(function): sum(entry[2] for caller, entry in callers.items() if ours(caller))
            for function, (*_, callers) in stats.stats.items()
            if not SYSTEM_CALLS.search(function[2]) and any(ours(caller) for caller in callers)}


def faster_than_the_input(tmp_path: Path, small: str, large: str, factor: int) -> list[str]:
    """What grows more than `factor` times from `small` to `large` (`factor` times the input).

    Calls are counted exactly: a constant part plus `factor` times a linear part is never more
    than `factor` times the whole (give or take a call per document less, as between
    neighbours), and a quadratic loop is called `factor` squared times as often. Times are generous (four times `factor`, the best of two runs, CPU time, under 0.2 ms
    taken as 0.2 ms), for each step and for each function's own time: they catch the work one
    call hides (a built-in walking a list) once it weighs in a function.
    """
    runs = {size: [profiled_ingest(tmp_path / f"{size}-{run}", text) for run in range(2)]
            for size, text in (("small", small), ("large", large))}
    before, after = calls(runs["small"][0]), calls(runs["large"][0])
    grown = [f"{name(f)} called {before.get(f, 0)} times, then {count}" for f, count in after.items()
             if count > factor * (before.get(f, 0) + 2)]
    for measure in (steps, own_times):
        small_times = [measure(run) for run in runs["small"]]
        large_times = [measure(run) for run in runs["large"]]
        for function in large_times[0]:
            took = max(min(run.get(function, 0.0) for run in small_times), 0.0002)
            takes = min(run.get(function, 0.0) for run in large_times)
            if takes > 4 * factor * took:
                grown.append(f"{function} took {took:.4f} s, then {takes:.4f} s ({measure.__name__})")
    return grown


def test_the_work_of_every_step_grows_with_the_number_of_documents_not_faster(tmp_path):
    """Eight times the documents of every kind, at most eight times the work in every step."""
    assert faster_than_the_input(tmp_path, collection(12), collection(96), 8) == []


def test_many_small_documents_without_numbers_cost_each_the_same(tmp_path):
    """Sixteen times as many short documents, none numbered (the number of each is inferred):
    what costs little per document shows whether it grows with the others."""
    def letters(count: int) -> str:
        return "".join(f"Letter from K. Atabaev to M. Frunze March {1 + index % 28}, 1921\n\n"
                       f"Received {index}. GARF, f. 1, op. 2, d. {index}, l. 5. Copy.\n\n" for index in range(count))

    assert faster_than_the_input(tmp_path, letters(100), letters(1600), 16) == []


def test_the_work_grows_with_the_length_of_a_line_not_faster(tmp_path):
    """One paragraph eight times as long (names, dates, capitalised words throughout): the same bounds."""
    sentence = "The wagons of Frunze left Tashkent on March 3, 1921 for Samarkand with Grain Inspectors. "

    def source(sentences: int) -> str:
        return (f"No. 7\n\nLetter from K. Atabaev to M. Frunze March 3, 1921\n\n{sentence * sentences}"
                "GARF, f. 1, op. 2, d. 3, l. 5. Copy.\n")

    assert faster_than_the_input(tmp_path, source(200), source(1600), 8) == []


@pytest.fixture
def ingest_edition(tmp_path) -> Path:
    edition_copy(tmp_path / "edition")
    return tmp_path / "edition"


def test_a_document_too_large_for_teikit_to_read_is_refused_in_one_line(ingest_edition, tmp_path):
    """A line of 50 MB (a text without line breaks) would make a draft that teikit refuses to read:
    the ingest refuses it at once, in one line, and writes nothing."""
    source = tmp_path / "one-line.txt"
    with source.open("w", encoding="utf-8") as handle:
        handle.write("No. 7\n\nLetter from K. Atabaev to M. Frunze March 3, 1921\n\n")
        handle.write("the wagons left the station under guard " * (50 * 1024 * 1024 // 40))
        handle.write("GARF, f. 1, op. 2, d. 3, l. 5. Copy.\n")
    assert refused(ingest_edition, source) == (
        f"Error: {source}:1:1: error: the document starting here holds 50.0 MB of text: its draft would be larger than "
        "teikit reads ([limits] max_file_mb = 50): divide the document in the source, or raise the limit in "
        "teikit.toml [ingest-too-large]")


def refused(edition: Path, source: Path) -> str:
    """The one line `teikit ingest` refuses `source` with (exit 1), having written nothing."""
    before = sorted(p.name for p in (edition / "tei").iterdir())
    run = teikit("--edition", str(edition), "ingest", str(source))
    assert run.exit_code == 1
    assert sorted(p.name for p in (edition / "tei").iterdir()) == before  # no draft, no hidden file left
    [line] = run.diagnostics
    return line


def test_the_size_limit_of_the_drafts_is_the_editions(ingest_edition, tmp_path):
    """[limits] max_file_mb bounds the drafts as it bounds every file teikit reads: a draft over it
    (its markup included) is refused, and a larger limit lets it through."""
    (ingest_edition / "teikit.toml").write_text("[limits]\nmax_file_mb = 0.05\n", encoding="utf-8")
    source = tmp_path / "long.txt"
    source.write_text("No. 7\n\nLetter from K. Atabaev to M. Frunze March 3, 1921\n\n"
                      + "Frunze and Atabaev left Tashkent. " * 1400 + "GARF, f. 1, op. 2, d. 3, l. 5. Copy.\n",
                      encoding="utf-8")
    line = refused(ingest_edition, source)
    assert line.startswith(f"Error: {source}:1:1: error: document No. 7 makes a draft of ")
    assert line.endswith(" MB, larger than teikit reads ([limits] max_file_mb = 0.05): divide the document in "
                         "the source, or raise the limit in teikit.toml [ingest-too-large]")
    (ingest_edition / "teikit.toml").write_text("[limits]\nmax_file_mb = 1\n", encoding="utf-8")
    assert teikit("--edition", str(ingest_edition), "ingest", str(source)).exit_code == 0
    assert teikit("--edition", str(ingest_edition), "validate", "--schema", "none",
                  str(ingest_edition / "tei" / "7.xml")).exit_code == 0


def test_a_line_longer_than_the_xml_parser_reads_is_refused_in_one_line(ingest_edition, tmp_path):
    """Within the size limit, a run of text of more than ten million characters without markup
    (no name, no date in it) is more than teikit's XML parser reads: refused at the line."""
    source = tmp_path / "long-line.txt"
    words = "the wagons left the station under guard " * 262_200
    source.write_text(f"No. 7\n\nLetter from K. Atabaev to M. Frunze March 3, 1921\n\n{words}"
                      "GARF, f. 1, op. 2, d. 3, l. 5. Copy.\n", encoding="utf-8")
    assert refused(ingest_edition, source) == (
        f"Error: {source}:5:1: error: line 5 (document No. 7) runs {len(words) + 36:,} characters; teikit's XML "
        "parser reads at most 10,000,000 characters of text without markup: break the line into paragraphs "
        "[ingest-too-large]")
