"""Write the generated half of docs/reference.md: every command's `--help`,
as the installed `targettrack` prints it (as sqlite-utils does with cog).
tests/test_docs.py fails when the page and the help differ:

    .venv/bin/python docs/make_reference.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PAGE = Path(__file__).resolve().parent / "reference.md"
MARK = "<!-- Below: made by docs/make_reference.py from --help; a test checks it. Do not edit by hand. -->"


def _help(*words: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TARGETTRACK_", "LC_", "LANG"))}
    env.update(COLUMNS="80", NO_COLOR="1", TERM="dumb", LANG="C.UTF-8")
    out = subprocess.run(
        [sys.executable, "-m", "targettrack", *words, "--help"], capture_output=True, text=True, env=env, check=True
    ).stdout
    return "\n".join(line.rstrip() for line in out.rstrip("\n").split("\n"))


def commands() -> list[str]:
    """The commands `targettrack --help` lists, in its order (its sections after Options: the groups)."""
    listed, on = [], False
    for line in _help().split("\n"):
        if line.endswith(":") and not line.startswith(" "):
            on = line not in ("Usage:", "Start with:", "Options:")
        elif on and line.startswith("  ") and not line.startswith("   "):
            listed.append(line.split()[0])
    return listed


def generated() -> str:
    parts = [MARK, "", "## targettrack", "", "```text", _help(), "```"]
    for name in commands():
        parts += ["", f"## targettrack {name}", "", "```text", _help(name), "```"]
    return "\n".join(parts) + "\n"


def page() -> str:
    """The page as it should be: the hand-written half, then the help."""
    written = PAGE.read_text(encoding="utf-8").split(MARK)[0].rstrip("\n")
    return written + "\n\n" + generated()


if __name__ == "__main__":
    PAGE.write_text(page(), encoding="utf-8")
