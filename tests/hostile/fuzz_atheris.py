"""Coverage-guided fuzzing with atheris: optional, never run by pytest or CI.

The test suite's fuzz test (test_fuzz.py) uses hypothesis: it runs everywhere pytest runs,
2,000 mutations of the real documents in under a minute, the same ones on every run. This
script goes further when someone has time to spend: atheris (libFuzzer) mutates bytes and
keeps the inputs that reach new code in the parser and the tasks.

    pip install 'atheris==3.0.0'     # 3.1.0 ships no wheel for Python 3.11; 3.0.0 does
    python -m tests.hostile.fuzz_atheris -atheris_runs=100000 [CORPUS_DIR]

Run from the repository's folder. The seeds are the real documents of tei/ (written to
CORPUS_DIR when it is empty). Each input goes through the build's own tasks, as in
test_fuzz.py: tasks.check_one, then tasks.render_one when it checks valid. A finding is an
exception escaping (every problem must be a located one-line diagnostic), a valid document
that does not render, or a page with a script, an event handler or a javascript: link.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["toolkit"]):
    from toolkit import checking, rendering, tasks
    from toolkit.builders import page_links

from .test_fuzz import SOURCES, assert_no_script, context


def check_and_render(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    checked = checking.check_one(context(), path)
    for diagnostic in checked.diagnostics:
        assert "\n" not in diagnostic.format() and diagnostic.line >= 1, diagnostic
    if not checked.valid:
        return
    letter = checked.letter
    params = {**context().build.site_params, "doc-id": letter.doc_id, **page_links(letter)}
    rendered = rendering.render_one(context(), rendering.PageJob(str(path), checked.stamp.sha, letter, params))
    assert rendered.error is None, f"valid, but the build fails: {rendered.error.format()}"
    assert_no_script(rendered.outputs[f"html/{letter.doc_id}.html"])


def main() -> None:
    corpora = [a for a in sys.argv[1:] if not a.startswith("-")]
    for corpus in corpora:
        folder = Path(corpus)
        folder.mkdir(parents=True, exist_ok=True)
        if not any(folder.iterdir()):
            for name, data in SOURCES.items():
                (folder / name).write_bytes(data)
    work = Path(tempfile.mkdtemp(prefix="teikit-atheris-"))
    path = work / "fuzz.xml"
    atheris.Setup(sys.argv, lambda data: check_and_render(path, data))
    atheris.Fuzz()


if __name__ == "__main__":
    main()
