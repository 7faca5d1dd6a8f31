"""The code as the ecosystem reads it: ruff's lint rules and its formatter,
configured in pyproject.toml (where imports inside functions are allowed is
written there, file by file, with the reason)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

TREES = ["src", "tests", "bench", "docs"]


def _ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", *args, *TREES], cwd=REPO, capture_output=True, text=True)


def test_ruff_check_is_clean():
    r = _ruff("check", "--no-cache")
    assert r.returncode == 0, r.stdout + r.stderr


def test_ruff_format_leaves_every_file_as_it_is():
    r = _ruff("format", "--check", "--no-cache")
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_check_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\ndef f():\n    import json\n    return json\n")
    r = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--config", str(REPO / "pyproject.toml"), str(bad)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1 and "F401" in r.stdout and "PLC0415" in r.stdout
