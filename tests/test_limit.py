"""--limit (issue 33): at most N targets of a list, in its order, or the N
latest values of a history; by the fast lane and Typer alike; a count that
is not one is a one-line error."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FROZEN_TODAY, SHIPPED, assert_one_line_error

from targettrack.util import terminal

BIN = Path(sys.executable).parent / "targettrack"


def _ids(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines()[1:]]  # the columns fit the rows shown: ids compared


def test_list_shows_the_first_n_in_its_order(sample):
    whole = sample.ok("list", "--sort", "id").splitlines()
    assert _ids(sample.ok("list", "--sort", "id", "--limit", "3")) == _ids("\n".join(whole))[:3]
    assert sample.ok("list", "-n", "100").splitlines() == sample.ok("list").splitlines()
    records = json.loads(sample.ok("list", "--format", "json", "--limit", "2", "--sort", "id"))
    assert [r["id"] for r in records] == [line.split()[0] for line in whole[1:3]]


def test_the_fast_lane_limits_alike(tmp_path):
    db = tmp_path / "s.json"
    db.write_bytes(SHIPPED.read_bytes())
    env = {**os.environ, "TARGETTRACK_TODAY": FROZEN_TODAY, "XDG_CACHE_HOME": str(tmp_path), "NO_COLOR": "1"}

    def run(*args):
        return subprocess.run([str(BIN), "--db", str(db), *args], capture_output=True, text=True, env=env)

    run("list")  # the rows kept: the next lists are the fast lane's
    whole = run("list", "--sort", "status").stdout
    limited = run("list", "--sort", "status", "--limit", "4")
    assert limited.returncode == 0 and _ids(limited.stdout) == _ids(whole)[:4] and limited.stderr == ""


def test_history_shows_the_latest(sample):
    for i, month in enumerate(("2024-04", "2024-05", "2024-06")):
        sample.ok("update", "sh-robot-brands", str(3 + i), "--date", month, "-q")
    lines = sample.ok("history", "sh-robot-brands", "--limit", "2").splitlines()
    assert len(lines) == 3 and lines[1].startswith("2024-05") and lines[2].startswith("2024-06")


@pytest.mark.parametrize("bad", ["0", "-1", "x", "1.5", "２"])
def test_a_limit_that_is_not_a_count_is_refused(sample, bad):
    r = sample("list", f"--limit={bad}")
    assert_one_line_error(r, 2, "--limit", "at least 1")


def test_what_was_left_out_is_said_on_a_terminal_only(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    err.isatty = lambda: False
    terminal.left_out(3, 10)
    assert err.getvalue() == ""
    err.isatty = lambda: True
    terminal.left_out(3, 10)
    terminal.left_out(10, 10)
    assert err.getvalue() == "targettrack: 3 of 10 shown (--limit); 7 more\n"


def test_report_limit_cuts_each_section_and_counts_the_rest(tmp_path):
    from conftest import TT

    t = TT(tmp_path / "cn.json")
    t.ok("init", "--sample", "cn-14fyp")
    whole = t.ok("report")
    cut = t.ok("report", "--limit", "2")
    section = cut.split("Needs attention (")[1].split("\n\n")[0]
    assert section.count("\n  cn-") == 2 and "… and 14 more (--limit)" in section
    assert cut.split("Needs attention (")[1].split(")")[0] == whole.split("Needs attention (")[1].split(")")[0]
    md = t.ok("report", "-n", "1", "-f", "markdown")
    assert "… and 15 more (--limit)" in md
    r = t("report", "--limit", "2", "-f", "json")
    assert r.code == 2 and "--limit" in r.err and "json" in r.err


def test_extract_limit_keeps_the_first_in_the_text(tmp_path):
    from conftest import TT

    plan = tmp_path / "p.txt"
    plan.write_text(
        "上海计划到2025年，打造10家行业一流的机器人头部品牌、100个标杆示范的机器人应用场景、1000亿元机器人关联产业规模。",
        encoding="utf-8",
    )
    t = TT(tmp_path / "t.json")
    t.ok("init")
    import json

    every = [c["id"] for c in json.loads(t.ok("extract", str(plan), "-f", "json"))["targets"]]
    two = [c["id"] for c in json.loads(t.ok("extract", str(plan), "-n", "2", "-f", "json"))["targets"]]
    assert len(every) == 3 and two == every[:2]
    t.ok("extract", str(plan), "--limit", "1", "--add")
    assert [r["id"] for r in json.loads(t.ok("list", "-f", "json"))] == every[:1]
