"""One executor seam: the same bytes from this process, a local pool, Dask and incremental builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit import build as build_module
from toolkit.build import build
from toolkit.cli import cli
from toolkit.edition import Edition
from toolkit.executors import batches
from toolkit.validate import validate

from tests.conftest import REPOSITORY, copy_edition, published


@pytest.fixture(scope="module")
def edition_copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("executors") / "edition"
    return copy_edition(root)


@pytest.fixture(scope="module")
def serial(edition_copy, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("serial")
    assert not build(Edition.open(edition_copy), out, jobs=1).failed
    return published(out)


def test_a_process_pool_gives_the_same_bytes(edition_copy, serial, tmp_path, monkeypatch):
    monkeypatch.setattr(build_module, "PARALLEL_MIN", 1)  # a pool even for ten documents
    report = build(Edition.open(edition_copy), tmp_path / "out", jobs=2)
    assert len(report.built) == 10 and report.checked == 10
    assert published(tmp_path / "out") == serial


def test_a_dask_local_cluster_gives_the_same_bytes(edition_copy, serial, tmp_path):
    pytest.importorskip("dask.distributed")
    report = build(Edition.open(edition_copy), tmp_path / "out", jobs=2, executor="dask")
    assert not report.failed and len(report.built) == 10
    assert published(tmp_path / "out") == serial


def test_dask_validates_like_one_process(monkeypatch):
    pytest.importorskip("dask.distributed")
    monkeypatch.chdir(REPOSITORY / "tests" / "roots" / "invalid")
    one = validate(Edition.open("."), jobs=1)
    dask = validate(Edition.open("."), jobs=2, executor="dask")
    assert dask.diagnostics == one.diagnostics and dask.files == one.files


def test_incremental_builds_give_the_bytes_of_a_clean_one(edition_copy, serial, tmp_path):
    out = tmp_path / "out"
    source = edition_copy / "tei" / "537.xml"
    original = source.read_bytes()
    build(Edition.open(edition_copy), out, jobs=1)
    try:
        source.write_bytes(original.replace(b"Chicherin to Kirov, 4 September 1920", b"Chicherin to Kirov, 4 Sept."))
        changed = build(Edition.open(edition_copy), out, jobs=1)
        assert len(changed.built) == 3
        clean = tmp_path / "clean"
        build(Edition.open(edition_copy), clean, jobs=1)
        assert published(out) == published(clean)
    finally:
        source.write_bytes(original)
    build(Edition.open(edition_copy), out, jobs=1)
    assert published(out) == serial


def test_a_no_op_rebuild_parses_nothing(edition_copy, tmp_path, monkeypatch):
    from toolkit import xmlio

    out = tmp_path / "out"
    build(Edition.open(edition_copy), out, jobs=1)
    calls = []
    monkeypatch.setattr(xmlio, "parse_bytes", lambda *a: calls.append(a) or pytest.fail("parsed"))
    monkeypatch.setattr("toolkit.checking.parse_bytes", xmlio.parse_bytes)
    monkeypatch.setattr("toolkit.corpus.parse_file", lambda *a: pytest.fail("parsed"))
    report = build(Edition.open(edition_copy), out, jobs=1)
    assert report.checked == 0 and report.built == [] and not report.site_written and calls == []


def test_a_scheduler_needs_the_dask_executor(edition_copy):
    result = CliRunner().invoke(cli, ["--edition", str(edition_copy), "build", "--scheduler", "tcp://x:1"])
    assert result.exit_code == 2 and "Error: Invalid value for --scheduler: --scheduler needs --executor dask\n" in result.output


def test_batches_cover_every_item_in_order():
    items = list(range(1000))
    for jobs in (1, 2, 8):
        parts = batches(items, jobs)
        assert [i for part in parts for i in part] == items and max(map(len, parts)) <= 64
    assert batches([], 2) == []
