"""Long output pages like git's (issue 33): on a terminal, output longer
than the screen goes through $TARGETTRACK_PAGER, else $PAGER, else
`less -FRX`; --no-pager and an empty TARGETTRACK_PAGER turn it off; never
when piped. Run through a real pty with a stand-in pager that keeps what it
was given."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from conftest import SHIPPED

SCRIPT = Path(sys.executable).parent / "targettrack"


@pytest.fixture
def setup(tmp_path):
    db = tmp_path / "t.json"
    shutil.copy(SHIPPED, db)
    pager = tmp_path / "pager"
    pager.write_text('#!/bin/sh\n{ echo "LESS=$LESS"; cat; } > "$(dirname "$0")/paged.txt"\n')
    pager.chmod(0o755)
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "TERM": "xterm",
        "TARGETTRACK_TODAY": "2026-11-26",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PAGER": str(pager),
    }
    return db, env, tmp_path / "paged.txt"


def on_terminal(args, env, rows=24, cols=80) -> tuple[int, str]:
    """The installed targettrack with stdin, stdout and stderr on a pty of `rows` x `cols`."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    p = subprocess.Popen([str(SCRIPT), *args], stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    p.wait(timeout=60)
    os.close(master)
    return p.returncode, out.decode("utf-8")


def test_long_output_goes_through_the_pager(setup):
    db, env, paged = setup
    code, shown = on_terminal(["--db", str(db), "list"], env, rows=10, cols=60)
    assert code == 0 and "sh-robot-brands" not in shown
    text = paged.read_text(encoding="utf-8")
    assert text.startswith("LESS=FRX\n")  # less keeps colours, quits on one screen, leaves the text
    assert "sh-robot-brands" in text and "\x1b[" in text  # drawn for the terminal, in colour


def test_output_that_fits_is_not_paged(setup):
    db, env, paged = setup
    code, shown = on_terminal(["--db", str(db), "list", "--status", "achieved"], env, rows=40, cols=160)
    assert code == 0 and "sanofi-innovative-drugs" in shown and not paged.exists()


@pytest.mark.parametrize(
    "args, extra",
    [
        (["--no-pager"], {}),
        (["list", "--no-pager"], {}),  # a global option anywhere
        ([], {"TARGETTRACK_PAGER": ""}),
        ([], {"PAGER": "cat"}),
    ],
)
def test_the_pager_can_be_turned_off(setup, args, extra):
    db, env, paged = setup
    argv = ["--db", str(db), *(args if args[:1] == ["--no-pager"] else []), "list"]
    argv += args[1:] if args[:1] == ["list"] else []
    code, shown = on_terminal(argv, {**env, **extra}, rows=10, cols=60)
    assert code == 0 and "sh-robot-brands" in shown and not paged.exists()


def test_targettrack_pager_comes_before_pager(setup, tmp_path):
    db, env, paged = setup
    mine = tmp_path / "mine"
    mine.write_text('#!/bin/sh\ncat > "$(dirname "$0")/mine.txt"\n')
    mine.chmod(0o755)
    code, _shown = on_terminal(["--db", str(db), "report"], {**env, "TARGETTRACK_PAGER": str(mine)}, rows=10)
    assert code == 0 and not paged.exists()
    assert "Needs attention" in (tmp_path / "mine.txt").read_text(encoding="utf-8")


def test_never_when_piped_or_without_a_reader(setup):
    db, env, paged = setup
    r = subprocess.run([str(SCRIPT), "--db", str(db), "list"], env=env, capture_output=True, text=True)
    assert r.returncode == 0 and "sh-robot-brands" in r.stdout and not paged.exists()
    master, slave = pty.openpty()  # stdout a terminal, stdin not: nobody to read a pager's keys
    p = subprocess.run(
        [str(SCRIPT), "--db", str(db), "list"], stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env
    )
    os.close(slave)
    os.close(master)
    assert p.returncode == 0 and not paged.exists()


def test_a_command_that_asks_is_not_paged(setup):
    db, env, paged = setup
    code, shown = on_terminal(["--db", str(db), "list", "--help"], env, rows=10)
    assert code == 0 and "--limit" in shown and not paged.exists()


def test_a_pager_that_is_not_there_loses_nothing(setup):
    db, env, paged = setup
    code, shown = on_terminal(["--db", str(db), "list"], {**env, "PAGER": "no-such-pager-here"}, rows=10, cols=60)
    assert code == 0 and "sh-robot-brands" in shown


def test_which_pager(monkeypatch):
    from targettrack.util import pager

    monkeypatch.delenv("TARGETTRACK_PAGER", raising=False)
    monkeypatch.delenv("PAGER", raising=False)
    assert pager.command() == ("less -FRX" if shutil.which("less") else None)
    monkeypatch.setenv("PAGER", "more")
    assert pager.command() == "more"
    monkeypatch.setenv("TARGETTRACK_PAGER", "most")
    assert pager.command() == "most"
    monkeypatch.setenv("TARGETTRACK_PAGER", "")
    assert pager.command() is None
