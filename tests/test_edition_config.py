"""teikit.toml with values of the wrong type: one line naming the setting, exit 1, no traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from toolkit.cli import cli


@pytest.mark.parametrize("toml, message", [
    ("[edition]\ntitle = 5\n",
     '2:1: error: [edition] title = 5 is not allowed: it takes text in quotes, e.g. "My edition" [config-value]'),
    ('[edition]\neditors = "A. Editor"\n',
     '2:1: error: [edition] editors = "A. Editor" is not allowed: it takes a list of texts in quotes, '
     'e.g. ["A. Editor"] [config-value]'),
    ("edition = 3\n", "1:1: error: edition = 3: [edition] is a table: write [edition] on a line of its own and "
     "its settings below it [config-value]"),
    ("[schemas]\ntei_all = 1\n", '2:1: error: [schemas] tei_all = 1 is not allowed: it takes a path in quotes, '
     'e.g. "schema/tei_all.rng" [config-value]'),
    ('[dts]\nstatic = "some"\n', '2:1: error: [dts] static = "some" is not allowed: it takes one of "auto", "full", '
     '"compact", "none" [config-value]'),
])
def test_a_setting_of_the_wrong_type_is_one_line(tmp_path, monkeypatch, toml, message):
    (tmp_path / "tei").mkdir()
    (tmp_path / "teikit.toml").write_text(toml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["export", "cmif"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr == f"Error: teikit.toml:{message}\n"
