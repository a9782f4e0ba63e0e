"""The documentation tells the truth: every command is documented, the README opens with the
two commands a newcomer needs, and CI runs the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from toolkit.cli import cli

REPOSITORY = Path(__file__).resolve().parents[1]
README = (REPOSITORY / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: tuple[str, ...] = ()):
    """Every command path of the CLI: ("validate",), ("export", "cmif"), …"""
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,)
        if isinstance(command, click.Group):
            yield from commands(command, prefix + (name,))


ALL_COMMANDS = list(commands(cli))


def test_the_readme_opens_with_the_two_commands():
    block = re.search(r"```sh\n(.*?)```", README, re.S).group(1).strip().splitlines()
    assert README.index("```sh") < README.index("\n## ")
    assert len(block) == 2
    install_and_build, install_and_test = block
    assert install_and_build.startswith("python3 -m venv .venv") and install_and_build.endswith("teikit build")
    assert install_and_test.startswith("python3 -m venv .venv") and "pytest" in install_and_test


def test_ci_runs_the_readme_test_command():
    ci = (REPOSITORY / ".ci" / "run").read_text(encoding="utf-8")
    assert "grep -m1 -E '^python3 -m venv .* pytest' README.md" in ci
    first = next(line for line in README.splitlines() if re.match(r"^python3 -m venv .* pytest", line))
    assert "'.[test]'" in first


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=" ".join)
def test_every_command_has_help_and_explains_every_option(path):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    command = cli
    for name in path:
        command = command.commands[name]
    assert (command.help or "").strip(), f"teikit {' '.join(path)} has no help text"
    for parameter in command.params:
        if isinstance(parameter, click.Option):
            assert parameter.help, f"{parameter.opts} of teikit {' '.join(path)} has no help"
            assert parameter.opts[-1] in result.output


@pytest.mark.parametrize("path", [p for p in ALL_COMMANDS if not isinstance(
    cli.commands[p[0]] if len(p) == 1 else None, click.Group)], ids=" ".join)
def test_every_command_is_in_the_readme(path):
    assert f"teikit {' '.join(path)}" in README


def test_the_documents_the_readme_links_to_exist():
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if not target.startswith("http"):
            assert (REPOSITORY / target).is_file(), target
