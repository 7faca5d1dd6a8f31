"""Real processes of the installed `targettrack` console script, in the
environments cron and scripts give it (no locale, no terminal, NO_COLOR)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FROZEN_TODAY, SHIPPED, read_terminal

SCRIPT = Path(sys.executable).parent / "targettrack"
TITLES = ["光年固态电池首批产品预计生产1000辆", "连贺高速（广东连山至贺州段）", "1000亿元机器人关联产业规模"]


def run(args, env=None, **kw):
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/root"),
        "TARGETTRACK_TODAY": FROZEN_TODAY,
    }
    return subprocess.run([str(SCRIPT), *args], env={**base, **(env or {})}, capture_output=True, timeout=60, **kw)


def test_the_console_script_is_installed():
    assert SCRIPT.exists(), "install the package (pip install -e '.[test]') before running the tests"
    r = run(["--version"])
    assert r.returncode == 0 and r.stdout.decode() == "targettrack 0.1.0\n"


@pytest.mark.parametrize(
    "env",
    [
        {},  # env -i PATH=... HOME=...: no LANG, no TERM, no COLUMNS
        {"LC_ALL": "C"},
        {"LC_ALL": "POSIX"},
        {"TERM": "dumb"},
        {"NO_COLOR": "1"},
        {"PYTHONIOENCODING": "ascii", "LANG": "C"},
        {"COLUMNS": "20"},
    ],
    ids=["bare", "C", "POSIX", "dumb", "no_color", "ascii-io", "narrow"],
)
@pytest.mark.parametrize("fmt", ["plain", "table", "json", "csv"])
def test_cron_environments_give_whole_utf8_output_without_escapes(env, fmt):
    # In Chinese, so that the Chinese titles are what the table and text show.
    r = run(["--lang", "zh", "--db", str(SHIPPED), "list", "--format", fmt], env=env)
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode("utf-8")  # raises if not UTF-8
    assert b"\x1b" not in r.stdout and "…" not in out and r.stderr == b""
    flat = "".join(out.replace("|", "").split())
    for title in TITLES:
        assert title in (out if fmt != "table" else flat)


def test_output_to_a_file(tmp_path):
    with open(tmp_path / "out.txt", "wb") as f:
        r = subprocess.run(
            [str(SCRIPT), "--lang", "zh", "--db", str(SHIPPED), "list"],
            stdout=f,
            stderr=subprocess.PIPE,
            env={"PATH": os.environ["PATH"], "TARGETTRACK_TODAY": FROZEN_TODAY},
            timeout=60,
        )
    assert r.returncode == 0
    text = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert text.startswith("编号 ") and all(t in text for t in TITLES)


def _on_a_terminal(args, env):
    base = {"PATH": os.environ["PATH"], "TARGETTRACK_TODAY": FROZEN_TODAY, "TERM": "xterm-256color", "COLUMNS": "160"}
    return read_terminal(args, {**base, **env})


def test_a_terminal_gets_a_coloured_table():
    code, out = _on_a_terminal(["--lang", "zh", "--db", str(SHIPPED), "list"], {})
    assert code == 0 and "\x1b[" in out and "│" in out
    assert all(t in out for t in TITLES)


@pytest.mark.parametrize("env, args", [({"NO_COLOR": "1"}, []), ({"TERM": "dumb"}, []), ({}, ["--no-color"])])
def test_no_colour_on_a_terminal_when_asked(env, args):
    code, out = _on_a_terminal([*args, "--db", str(SHIPPED), "list"], env)
    assert code == 0 and "\x1b" not in out and "│" not in out and out.startswith("ID ")


def test_errors_are_one_line_with_the_documented_codes(tmp_path):
    r = run(["--db", str(tmp_path / "missing.json"), "list"])
    assert r.returncode == 3 and r.stdout == b""
    assert r.stderr.decode().count("\n") == 1 and b"Traceback" not in r.stderr
    (tmp_path / "bad.json").write_bytes(b"\x00\x01garbage")
    r = run(["--db", str(tmp_path / "bad.json"), "update", "x", "1"])
    assert r.returncode == 3 and (tmp_path / "bad.json").read_bytes() == b"\x00\x01garbage"
    r = run(["--db", str(SHIPPED), "list", "--format", "xml"])
    assert r.returncode == 2 and r.stderr.decode().startswith("targettrack: error: --format")


def test_a_session_of_writes(tmp_path):
    db = ["--db", str(tmp_path / "t.json")]
    assert run([*db, "init", "--sample"]).returncode == 0
    assert (tmp_path / "t.json").read_bytes() == SHIPPED.read_bytes()
    r = run([*db, "update", "sh-robot-industry", "8500000万元", "--date", "2024-12"])
    assert r.returncode == 0 and r.stdout.decode().startswith("sh-robot-industry: 850亿元 on 2024-12")
    r = run([*db, "update", "sh-robot-industry", "--by", "-50", "--note", "回落"])  # a negative increment
    assert r.returncode == 0, r.stderr
    r = run([*db, "update", "sh-robot-industry", "--note", "再调整", "--by=-10"])
    assert r.returncode == 0, r.stderr
    r = run([*db, "update", "sh-robot-brands", "-5", "--quiet"])  # a negative level, not an option
    assert r.returncode == 0 and "-5家" in r.stdout.decode(), r.stderr
    # Two values for today: the later one is in effect, the earlier kept as superseded (issue 11).
    hist = json.loads(run([*db, "history", "sh-robot-industry", "-f", "json", "--all"]).stdout)
    assert [h["value"] for h in hist] == [850, 800, 790]
    assert [h["superseded"] for h in hist] == [False, True, False]
    hist = json.loads(run([*db, "history", "sh-robot-industry", "-f", "json"]).stdout)
    assert [h["value"] for h in hist] == [850, 790]
    assert json.loads(run([*db, "show", "sh-robot-industry", "-f", "json"]).stdout)["current"] == 790


def test_python_dash_m(tmp_path):
    r = subprocess.run([sys.executable, "-m", "targettrack", "--version"], capture_output=True, timeout=60)
    assert r.returncode == 0 and r.stdout == b"targettrack 0.1.0\n"
