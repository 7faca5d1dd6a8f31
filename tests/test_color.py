"""Colour as the ecosystem asks for it (issue 33): --color auto|always|never,
--no-color, FORCE_COLOR and NO_COLOR, in the fast lane and the full
command line alike; colour and fitting stay separate."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHIPPED, assert_one_line_error

SCRIPT = Path(sys.executable).parent / "targettrack"
ESC = "\x1b["


@pytest.fixture
def run(tmp_path):
    db = tmp_path / "t.json"
    shutil.copy(SHIPPED, db)
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    base.update(TARGETTRACK_TODAY="2026-11-26", XDG_CACHE_HOME=str(tmp_path / "cache"), TERM="xterm")

    def go(*args, **env):
        r = subprocess.run([str(SCRIPT), "--db", str(db), *args], env={**base, **env}, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        return r.stdout

    return go


@pytest.mark.parametrize("command", [["list"], ["list", "--no-cache"], ["show", "sh-robot-brands"], ["report"]])
def test_always_colours_a_pipe_and_never_does_not(run, command):
    assert ESC in run("--color", "always", *command)
    assert ESC in run(*command, "--color=always")  # a global option anywhere
    assert ESC not in run(*command)  # auto: a pipe gets none
    assert ESC not in run("--color", "never", *command, FORCE_COLOR="1")


def test_the_environment_below_the_options(run):
    assert ESC in run("list", FORCE_COLOR="1")
    assert ESC not in run("list", FORCE_COLOR="1", NO_COLOR="1")  # NO_COLOR wins, as in CPython
    assert ESC in run("--color", "always", "list", NO_COLOR="1")  # the option wins over both
    assert ESC not in run("--no-color", "list", FORCE_COLOR="1")


def test_the_fast_lane_and_the_full_command_line_colour_alike(run):
    fast = run("--color", "always", "list")
    assert fast == run("--color", "always", "list", "--no-cache")  # --no-cache: not the fast lane's


def test_a_value_it_does_not_take_is_one_line(sample):
    assert_one_line_error(sample("--color", "sometimes", "list"), 2, "--color", "auto, always, never")
    assert_one_line_error(sample("list", "--color", "sometimes"), 2, "--color")
