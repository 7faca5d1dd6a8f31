"""Shared fixtures: a frozen today, a fresh store per test, and a CLI runner.

"Today" is frozen at 2026-11-26 through TARGETTRACK_TODAY for every test, so
statuses and relative dates never depend on the day the suite runs; the
locale is C.UTF-8, so the language is English whatever the developer's.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from targettrack.cli import app

FROZEN_TODAY = "2026-11-26"
REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "data" / "targets.json"


@pytest.fixture(autouse=True)
def frozen_env(monkeypatch, tmp_path):
    monkeypatch.setenv("TARGETTRACK_TODAY", FROZEN_TODAY)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the list's kept rows: each test its own
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no developer's config.toml in a test
    from targettrack.util import userconfig

    userconfig.forget()
    for var in (
        "TARGETTRACK_DB",
        "NO_COLOR",
        "FORCE_COLOR",
        "COLUMNS",
        "TARGETTRACK_LOCK_TIMEOUT",
        "TARGETTRACK_DEBUG",
        "XDG_DATA_HOME",
        "TARGETTRACK_LANG",
        "TARGETTRACK_CJK_WIDTH",
        "LC_ALL",
        "LC_MESSAGES",
        "LANGUAGE",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # English, whatever the developer's locale (test_i18n sets others)
    monkeypatch.setenv("TARGETTRACK_USER", "analyst")  # who records, whoever runs the tests (who.py; test_team)
    from targettrack.util import i18n

    i18n.use("en", "the default")  # and in-process, whatever the test before chose (tests run in any order)


@dataclass
class Result:
    code: int
    out: str
    err: str


class TT:
    """Runs `targettrack --db <store> ARGS` in-process through Typer's CliRunner."""

    def __init__(self, db: Path):
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, db: bool = True, input: str | None = None, env: dict | None = None) -> Result:
        argv = (["--db", str(self.db)] if db else []) + list(args)
        r = self.runner.invoke(app, argv, input=input, env=env, catch_exceptions=False)
        return Result(r.exit_code, r.stdout, r.stderr)

    def ok(self, *args: str, **kw) -> str:
        r = self(*args, **kw)
        assert r.code == 0, f"exit {r.code}: {r.err}"
        return r.out

    def digest(self) -> str:
        return hashlib.sha256(self.db.read_bytes()).hexdigest()


@pytest.fixture
def tt(tmp_path) -> TT:
    """A CLI bound to an empty new store."""
    t = TT(tmp_path / "targets.json")
    t.ok("init")
    return t


@pytest.fixture
def sample(tmp_path) -> TT:
    """A CLI bound to a copy of the shipped store."""
    path = tmp_path / "shipped" / "targets.json"
    path.parent.mkdir()
    shutil.copy(SHIPPED, path)
    return TT(path)


def assert_one_line_error(r: Result, code: int, *words: str) -> None:
    assert r.code == code, (r.code, r.out, r.err)
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert lines[0].startswith("targettrack: error: "), r.err
    assert "Traceback" not in r.err + r.out
    for w in words:
        assert w in lines[0], (w, lines[0])


def read_terminal(args: list[str], env: dict, cols: int | None = None) -> tuple[int, str]:
    """Run the installed console script on a pseudo-terminal (`cols` wide,
    set as a real terminal sets it); its exit code and what it printed."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    master, slave = pty.openpty()
    if cols:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, cols, 0, 0))
    script = Path(sys.executable).parent / "targettrack"
    p = subprocess.Popen([str(script), *args], stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    p.wait(timeout=60)
    os.close(master)
    return p.returncode, b"".join(chunks).decode("utf-8")


def store_data(*docs: dict) -> dict:
    """A store's data (TinyDB's dict) holding these target documents, numbered 1..n."""
    from targettrack.store.storefile import empty_data

    d = empty_data()
    d["targets"] = {str(i): doc for i, doc in enumerate(docs, 1)}
    return d
