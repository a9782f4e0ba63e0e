"""pagefind's command, run on a scratch copy of the pages; its bundle read back as bytes.

Kept out of toolkit/builders/ (whose builders write nothing): the scratch folder is pagefind's,
made and removed here, never the output folder.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Iterable

from .errors import TeikitError


class SearchIndexError(TeikitError):
    """pagefind could not be started or refused the pages."""


def run_pagefind(pages: Iterable[tuple[str, bytes]], language: str = "en") -> dict[str, bytes]:
    """Run pagefind's command on the pages ((file name, HTML bytes), written to a scratch
    folder one at a time: memory does not grow with the corpus) and read its bundle back.
    One index in the edition's `language` (its words stemmed as that language's), whatever
    languages the documents quote.

    The command, not the Python service: the service's get_files() deadlocks on its pipe
    once the bundle is large, and its write_files() answers before the files are complete.
    """
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise SearchIndexError("the search index needs the pagefind binary: pip install 'pagefind[bin]'")
    with tempfile.TemporaryDirectory(prefix="teikit-pagefind-") as scratch:
        site, bundle = Path(scratch) / "site", Path(scratch) / "bundle"
        site.mkdir()
        written = 0
        for name, html in pages:
            (site / name).write_bytes(html)
            written += 1
        if not written:
            return {}
        done = subprocess.run([str(binary), "--site", str(site), "--output-path", str(bundle),
                               "--force-language", language], capture_output=True, text=True)
        if done.returncode != 0:
            raise SearchIndexError(f"pagefind failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")
        files = {}
        for folder, _, names in os.walk(bundle):
            for name in names:
                path = Path(folder) / name
                files[path.relative_to(bundle).as_posix()] = _without_timestamp(path.read_bytes())
        return files


def _without_timestamp(data: bytes) -> bytes:
    """pagefind gzips some files with the time and a file name in the header: not with us."""
    if data[:2] == b"\x1f\x8b" and data[3:4] != b"\x00":  # gzip with header fields (FLG set)
        return gzip.compress(gzip.decompress(data), compresslevel=9, mtime=0)
    if data[:2] == b"\x1f\x8b" and data[4:8] != b"\x00\x00\x00\x00":  # gzip with a time
        return gzip.compress(gzip.decompress(data), compresslevel=9, mtime=0)
    return data


