"""Global options anywhere (issue 33): `list --lang zh --db x.json
--no-color` is `--lang zh --db x.json --no-color list`, in the fast lane
and in Typer alike."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import FROZEN_TODAY, SHIPPED
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from targettrack.cli import app
from targettrack.cli.hoist import hoisted

BIN = Path(sys.executable).parent / "targettrack"


def test_root_options_after_the_command_move_before_it():
    assert hoisted(["list", "--lang", "zh", "--db", "x.json", "--no-color"]) == [
        "--lang",
        "zh",
        "--db",
        "x.json",
        "--no-color",
        "list",
    ]
    assert hoisted(["--db", "a", "update", "x", "5", "--db=b"]) == ["--db", "a", "--db=b", "update", "x", "5"]


def test_what_is_not_a_root_option_stays():
    assert hoisted(["update", "x", "--note", "--db", "5"]) == ["update", "x", "--note", "--db", "5"]  # --note's
    assert hoisted(["list", "--", "--db", "x"]) == ["list", "--", "--db", "x"]
    assert hoisted(["--version"]) == ["--version"] and hoisted([]) == []
    assert hoisted(["nosuch", "--db", "x"]) == ["nosuch", "--db", "x"]  # not a command: Typer says so
    assert hoisted(["list", "--db"]) == ["list", "--db"]  # no value: Typer says what is wrong
    assert hoisted(["update", "x", "--db", "--date", ""]) == ["update", "x", "--db", "--date", ""]  # not a value
    assert hoisted(["list", "--db", ""]) == ["list", "--db", ""] and hoisted(["list", "--db="]) == ["list", "--db="]


_ROOT = st.sampled_from([["--lang", "zh"], ["--lang=en"], ["--no-color"], ["--no-cache"], ["--db", "s.json"]])
_LIST = st.sampled_from([["--sort", "status"], ["-f", "json"], ["--status", "missed"], ["--tag", "ev"]])


@given(st.lists(_ROOT, max_size=3), st.lists(_ROOT, max_size=3), st.lists(_LIST, max_size=3))
def test_hoisting_keeps_every_word_and_the_root_options_order(before, after, own):
    argv = [w for o in before for w in o] + ["list"] + [w for o in own + after for w in o]
    out = hoisted(argv)
    assert sorted(out) == sorted(argv)
    at = out.index("list")
    assert out[:at] == [w for o in before + after for w in o]  # after the earlier ones: the last one given wins
    assert out[at + 1 :] == [w for o in own for w in o]


def _run(*args: str, db: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "TARGETTRACK_TODAY": FROZEN_TODAY, "NO_COLOR": "1", "XDG_CACHE_HOME": str(db.parent)}
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, env=env, timeout=60)


def test_the_installed_command_takes_them_anywhere(tmp_path):
    db = tmp_path / "s.json"
    db.write_bytes(SHIPPED.read_bytes())
    first = _run("--lang", "zh", "--db", str(db), "list", db=db)
    for args in (["list", "--lang", "zh", "--db", str(db)], ["--lang", "zh", "list", f"--db={db}", "--no-color"]):
        again = _run(*args, db=db)
        assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)
    assert "目标值" in first.stdout and first.returncode == 0
    done = _run("update", "sh-robot-brands", "3", "--date", "2024-06", "--db", str(db), "-q", db=db)
    assert done.returncode == 0 and "sh-robot-brands: 3家" in done.stdout, done.stderr
    report = _run("report", "--db", str(db), "--lang", "zh", db=db)
    assert report.returncode == 0 and "需要关注" in report.stdout, report.stderr


def test_typer_takes_them_anywhere_too(tmp_path):
    db = tmp_path / "s.json"
    db.write_bytes(SHIPPED.read_bytes())
    runner = CliRunner()
    env = {"TARGETTRACK_TODAY": FROZEN_TODAY, "XDG_CACHE_HOME": str(tmp_path)}
    before = runner.invoke(app, ["--db", str(db), "--no-cache", "plans"], env=env)
    after = runner.invoke(app, ["plans", "--no-cache", "--db", str(db)], env=env)
    assert before.exit_code == after.exit_code == 0 and before.output == after.output
