"""The README and docs/ tell the truth: the quick start is what CI runs,
every command and option is documented and has help text, and the command
reference is the help as it prints today."""

import os
import re
import shutil
import subprocess

import pytest
from conftest import REPO
from typer.main import get_command

from targettrack.cli import app

README = (REPO / "README.md").read_text(encoding="utf-8")
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "docs").glob("*.md")))
REFERENCE = (REPO / "docs" / "reference.md").read_text(encoding="utf-8")
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
def test_every_command_has_help_and_is_in_the_reference(name):
    cmd = COMMAND.commands[name]
    assert cmd.help and cmd.help.strip()
    assert f"| `{name}" in REFERENCE, f"docs/reference.md's command table lacks {name}"
    for param in cmd.params:
        if param.param_type_name == "option" and param.name not in ("help",):
            assert param.help, f"{name} {param.opts} has no help text"
            assert any(opt in DOCS for opt in param.opts), f"docs/ does not mention {name} {param.opts}"


def test_exit_codes_and_statuses_are_documented():
    from targettrack.judge.statuses import STATUSES

    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert code in DOCS
    for status in STATUSES:
        assert f"`{status}`" in DOCS


def test_the_reference_is_the_help_as_it_prints():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_reference", REPO / "docs" / "make_reference.py")
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    assert make.commands() and "update" in make.commands()
    assert REFERENCE == make.page(), "docs/reference.md is stale: run .venv/bin/python docs/make_reference.py"


def test_the_man_page_is_the_help_as_it_prints():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_man", REPO / "docs" / "make_man.py")
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    text = (REPO / "man" / "targettrack.1").read_text(encoding="utf-8")
    assert text == make.page(), "man/targettrack.1 is stale: run .venv/bin/python docs/make_man.py"
    assert text.startswith(".TH TARGETTRACK 1") and ".SS site" in text and ".SH EXIT STATUS" in text
    groff = shutil.which("groff")
    if groff:  # it reads as a manual page, with no troff warnings (groff itself: `man` may be a minimal image's stub)
        r = subprocess.run(
            [groff, "-K", "utf8", "-man", "-Tutf8", "-ww", str(REPO / "man" / "targettrack.1")],
            capture_output=True,
            text=True,
            env={**os.environ, "MANWIDTH": "80"},
        )
        plain = re.sub(r".\x08", "", r.stdout)  # groff's overstrike for bold
        assert r.returncode == 0 and "targettrack - track quantified" in " ".join(plain.split()), r.stderr
        assert "warning" not in r.stderr, r.stderr


def test_the_readme_is_a_front_door():
    """At most ~250 lines: what it is, the two commands, a short tour, links (issue 35)."""
    assert len(README.splitlines()) <= 250
    for page in re.findall(r"\]\((docs/[^)#]+)", README):
        assert (REPO / page).is_file(), page


def test_links_between_pages_lead_somewhere():
    for path in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", path.read_text(encoding="utf-8")):
            assert (path.parent / target).exists(), f"{path.name}: a link to {target}, which is not there"


def test_every_python_example_in_the_pages_runs():
    import subprocess
    import sys

    blocks = [
        b
        for path in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
        for b in re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
    ]
    assert blocks
    for block in blocks:
        r = subprocess.run([sys.executable, "-c", block], cwd=REPO, capture_output=True, text=True, timeout=60)
        assert r.returncode == 0 and r.stdout.strip(), block + r.stderr
