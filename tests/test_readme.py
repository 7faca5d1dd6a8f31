"""README and docs/ stay true: every `$ command` of their console blocks
runs, as a new user would run it, and prints what the page shows (issue 12,
item 4; docs/ since issue 35).

Each `## ` section of a page is one session: a fresh folder, the installed
`targettrack` on PATH, TARGETTRACK_TODAY=2026-11-26, 80 columns. Commands of
a session run in order in one shell environment (`export` carries over).
Output is compared line by line, after two substitutions that make a run
comparable anywhere: the session's folder reads /home/analyst, and clock
times of the version log (not fixed by TARGETTRACK_TODAY) read as written.
A line `...` in a page stands for any number of lines.

`python tests/test_readme.py` rewrites the pages' outputs from a real run
(as cog does), for a change that alters them on purpose.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
PAGES = [README, *sorted((REPO / "docs").glob("*.md"))]
BIN = Path(sys.executable).parent
HOME = "/home/analyst"
CLOCK = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z|\d{8}T\d{6}Z")


def sessions(text: str) -> dict[str, list[tuple[int, list[str], list[str]]]]:
    """{section: [(line, command lines, expected output lines)]}, in order."""
    out: dict = {}
    section, lines, i = None, text.split("\n"), 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            section = line[3:]
        if line.startswith("```console"):
            i += 1
            while not lines[i].startswith("```"):
                if lines[i].startswith("$ "):
                    start, cmd = i, [lines[i]]
                    while cmd[-1].endswith("\\"):
                        i += 1
                        cmd.append(lines[i])
                    expected = []
                    while not lines[i + 1].startswith(("$ ", "```")):
                        i += 1
                        expected.append(lines[i])
                    out.setdefault(section, []).append((start + 1, cmd, expected))
                i += 1
        i += 1
    return out


def _run_session(steps, folder: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TARGETTRACK_")}
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        TARGETTRACK_TODAY="2026-11-26",
        COLUMNS="80",
        HOME=str(folder),
        TARGETTRACK_USER="王芳",
    )
    env.pop("NO_COLOR", None)
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):  # the same locale on every machine (info names it)
        env.pop(var, None)
    env["LANG"] = "C.UTF-8"
    exports: list[str] = []
    for line, cmd, expected in steps:
        script = " ".join(c.rstrip("\\").strip() for c in cmd)[2:]
        r = subprocess.run(
            ["bash", "-c", "\n".join(exports + [script])],
            cwd=folder,
            env=env,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=120,
        )
        if script.startswith("export "):
            exports.append(script)
        actual = (r.stdout + r.stderr).replace(str(folder), HOME).rstrip("\n")
        yield line, cmd, expected, actual.split("\n") if actual else []


def _matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line; a line `...` matches any run of lines (the first run that lets the rest match)."""

    def norm(s):
        return CLOCK.sub("T", s.rstrip())

    exp, act = [norm(x) for x in expected], [norm(x) for x in actual]
    memo: dict = {}

    def match(i: int, j: int) -> bool:
        if (i, j) not in memo:
            if i == len(exp):
                memo[i, j] = j == len(act)
            elif exp[i] == "...":
                memo[i, j] = any(match(i + 1, k) for k in range(j, len(act) + 1))
            else:
                memo[i, j] = j < len(act) and exp[i] == act[j] and match(i + 1, j + 1)
        return memo[i, j]

    return match(0, 0)


def _name(page: Path) -> str:
    return str(page.relative_to(REPO))


SESSIONS = {
    (_name(page), section): steps
    for page in PAGES
    for section, steps in sessions(page.read_text(encoding="utf-8")).items()
}


def test_every_page_has_commands_to_run():
    assert {page for page, _ in SESSIONS} >= {
        "README.md",
        "docs/guide.md",
        "docs/extract.md",
        "docs/store.md",
        "docs/zh.md",
    }


@pytest.mark.parametrize("page,section", list(SESSIONS))
def test_commands_print_what_the_page_shows(page, section, tmp_path):
    folder = tmp_path / "analyst"
    folder.mkdir()
    (folder / "tests").symlink_to(REPO / "tests")  # for the extract example's sample document
    for line, cmd, expected, actual in _run_session(SESSIONS[page, section], folder):
        assert _matches(expected, actual), (
            f"{page} line {line}: {cmd[0]}\n--- the page shows:\n"
            + "\n".join(expected)
            + "\n--- it prints:\n"
            + "\n".join(actual)
        )


def test_the_matcher_can_fail():
    assert _matches(["a", "...", "z"], ["a", "b", "c", "z"])
    assert not _matches(["a", "...", "z"], ["a", "b", "y"])
    assert not _matches(["done (2026-11-26T05:39:05Z)"], ["undone (2026-11-26T12:00:00Z)"])
    assert _matches(["done (2026-11-26T05:39:05Z)"], ["done (2026-11-26T12:00:00Z)"])


def rewrite() -> None:
    """Put each command's real output into its page (outputs elided with `...` are left alone)."""
    import tempfile

    for page in PAGES:
        lines = page.read_text(encoding="utf-8").split("\n")
        changes = []
        for (name, _), steps in SESSIONS.items():
            if name != _name(page):
                continue
            with tempfile.TemporaryDirectory() as d:
                folder = Path(d) / "analyst"
                folder.mkdir()
                (folder / "tests").symlink_to(REPO / "tests")
                for line, cmd, expected, actual in _run_session(steps, folder):
                    if "..." not in expected and not _matches(expected, actual):
                        at = line - 1 + len(cmd)  # the first output line, 0-based
                        changes.append((at, at + len(expected), actual))
        for a, b, new in sorted(changes, reverse=True):  # from the end, so earlier positions hold
            lines[a:b] = new
        page.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    rewrite()
