"""teikit.toml with values of the wrong type: one line naming the setting, exit 1, no traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from toolkit.cli import cli


@pytest.mark.parametrize("toml, message", [
    ("[edition]\ntitle = 5\n", "[edition] title must be text in quotes"),
    ('[edition]\neditors = "A. Editor"\n',
     '[edition] editors must be a list of names in quotes, e.g. editors = ["A. Editor"]'),
    ("edition = 3\n", "edition must be a table: write [edition] on a line of its own"),
    ("[schemas]\ntei_all = 1\n", "[schemas] tei_all must be a path in quotes"),
    ('[dts]\nstatic = "some"\n',
     "[dts] static must be one of auto, full, compact, none (e.g. static = \"compact\"), not 'some'"),
])
def test_a_setting_of_the_wrong_type_is_one_line(tmp_path, monkeypatch, toml, message):
    (tmp_path / "tei").mkdir()
    (tmp_path / "teikit.toml").write_text(toml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["export", "cmif"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr == f"Error: {tmp_path / 'teikit.toml'}: {message}\n"
