"""The README tells the truth: its quick start is what CI runs, and every
command and option is documented and has help text."""

import re

import pytest
from typer.main import get_command

from conftest import REPO
from targettrack.cli import app

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMAND = get_command(app)


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("##", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_is_two_commands_and_ci_runs_them():
    lines = quick_start()
    assert len(lines) == 2
    assert "targettrack --db data/targets.json list" in lines[0]
    assert "'.[test]'" in lines[1] and "pytest" in lines[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for line in lines:
        assert line in ci


@pytest.mark.parametrize("name", sorted(COMMAND.commands))
def test_every_command_has_help_and_is_in_the_readme(name):
    cmd = COMMAND.commands[name]
    assert cmd.help and cmd.help.strip()
    assert f"| `{name}" in README, f"README's command table lacks {name}"
    for param in cmd.params:
        if param.param_type_name == "option" and param.name not in ("help",):
            assert param.help, f"{name} {param.opts} has no help text"
            assert any(opt in README for opt in param.opts), f"README does not mention {name} {param.opts}"


def test_exit_codes_and_statuses_are_documented():
    from targettrack.judge.assess import STATUSES

    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert code in README
    for status in STATUSES:
        assert f"`{status}`" in README


