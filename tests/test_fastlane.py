"""The fast lane (fastlane.py) against the full command line: on any
arguments it takes, Typer reads the same values; `list` prints the same
bytes; anything else goes to Typer; and Typer is not imported when it
serves the list."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FROZEN_TODAY, SHIPPED
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from typer.main import get_command

from targettrack.cli import app, fastlane
from targettrack.util.errors import InputError

GROUP = get_command(app)
LIST_DEFAULTS = {
    "tag": [],
    "kind": None,
    "plan": None,
    "binding": None,
    "method": None,
    "due_before": None,
    "as_of": None,
    "known_at": None,
    "fields": [],
}


def typer_reads(argv: list[str]) -> tuple[str, dict, dict]:
    """(command, root options, command options) as Typer parses them."""
    ctx = GROUP.make_context("targettrack", list(argv))
    rest = list(getattr(ctx, "_protected_args", None) or getattr(ctx, "protected_args", [])) + list(ctx.args)
    name, cmd, args = GROUP.resolve_command(ctx, rest)
    sub = cmd.make_context(name, args, parent=ctx)
    return name, dict(ctx.params), {k: list(v) if isinstance(v, tuple) else v for k, v in sub.params.items()}


def argument_lists(words: list[str], valued: list[str], values: list[str], size: int):
    """Argument lists of these words, options written `--option=VALUE`, and values."""
    some = st.sampled_from(values)
    token = st.one_of(st.sampled_from(words), st.builds(lambda o, v: f"{o}={v}", st.sampled_from(valued), some), some)
    return st.lists(token, max_size=size)


def typer_reads_what_the_lane_took(argv: list[str], got: dict | None, command: str) -> dict | None:
    """The command's options as Typer reads `argv`, having checked that it
    runs `command` with the global options the lane took; None where the lane
    took nothing or leaves a language it cannot speak to Typer (which refuses it)."""
    if got is None:
        return None
    if got["lang"] not in (None, "zh", "en"):
        with pytest.raises(InputError):
            typer_reads(argv)
        return None
    name, root, params = typer_reads(argv)
    assert name == command
    assert root == {
        "db": got["db"],
        "lang": got["lang"],
        "no_color": got["no_color"],
        "color": got["color"],
        "no_pager": got["no_pager"],
        "no_cache": got["no_cache"],
        "version": None,
    }
    return params


@hsettings(max_examples=400, deadline=None)
@given(
    argument_lists(
        [
            "list",
            "--db",
            "--lang",
            "--no-color",
            "--color",
            "--no-pager",
            "--no-cache",
            "--sort",
            "--format",
            "-f",
            "--status",
            "-s",
            "--tag",
            "--help",
            "-h",
            "--version",
            "--",
            "show",
            "report",
            "--as-of",
            "--binding",
            "--limit",
            "-n",
        ],
        ["--db", "--lang", "--sort", "--format", "--status", "-f", "--limit", "--color"],
        [
            "x.json",
            "always",
            "never",
            "store.json",
            "zh",
            "en",
            "status",
            "deadline",
            "urgency",
            "bogus",
            "text",
            "table",
            "plain",
            "json",
            "on-track",
            "missed,at-risk",
            "list",
            "-x",
            "",
            "a=b",
            "3",
            "0",
        ],
        8,
    )
)
def test_what_the_fast_lane_takes_typer_reads_alike(argv):
    got = fastlane.parse(argv)
    params = typer_reads_what_the_lane_took(argv, got, "list")
    if params is not None:
        assert not got["no_cache"]  # --no-cache: the kept rows are not to be used
        lane = {"sort": got["sort"], "fmt": got["fmt"], "status": got["status"], "limit": got["limit"]}
        assert params == {**lane, **LIST_DEFAULTS}


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["--db", "a.json", "list", "--sort", "status"],
        ["--lang=zh", "list", "-s", "missed", "--status", "on-track"],
        ["--no-color", "list", "-f", "plain"],
    ],
)
def test_the_fast_lane_takes_these(argv):
    got = fastlane.parse(argv)
    assert got is not None
    name, root, params = typer_reads(argv)
    assert (root["db"], root["lang"], root["no_color"]) == (got["db"], got["lang"], got["no_color"])
    assert (params["sort"], params["fmt"], params["status"]) == (got["sort"], got["fmt"], got["status"])


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["show", "x"],
        ["list", "--tag", "a"],
        ["list", "--help"],
        ["--help", "list"],
        ["--no-cache", "list"],
        ["list", "-fjson"],
        ["list", "--sort"],
        ["list", "--sort", "a", "--sort", "b"],
        ["list", "extra"],
        ["list", "--", "--sort"],
        ["--version"],
        ["list", "--as-of", "2024"],
        ["report"],
    ],
)
def test_the_fast_lane_leaves_these_to_typer(argv):
    assert fastlane.parse(argv) is None


# --- whole processes -------------------------------------------------------------


REPO = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict, importtime: bool = False) -> subprocess.CompletedProcess:
    cmd = [sys.executable] + (["-X", "importtime"] if importtime else []) + ["-m", "targettrack", *args]
    return subprocess.run(cmd, capture_output=True, env=env, timeout=60)


@pytest.fixture
def env(tmp_path) -> dict:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "TARGETTRACK_TODAY": FROZEN_TODAY,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }


@pytest.fixture
def plan(tmp_path, env) -> Path:
    db = tmp_path / "plan.json"
    subprocess.run(
        [sys.executable, "-m", "targettrack", "--db", str(db), "init", "--sample", "cn-14fyp"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    return db


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--sort", "status"],
        ["--sort=urgency"],
        ["-s", "at-risk,on-track"],
        ["--status", "missed", "-s", "no-data"],
        ["-f", "plain"],
        ["--format", "table"],
    ],
)
@pytest.mark.parametrize("lang", [[], ["--lang", "zh"]])
def test_the_fast_lane_prints_what_the_full_one_does(plan, env, args, lang):
    full = run(*lang, "--no-cache", "--db", str(plan), "list", *args, env=env)
    first = run(*lang, "--db", str(plan), "list", *args, env=env)  # keeps the rows
    fast = run(*lang, "--db", str(plan), "list", *args, env=env, importtime=True)
    assert full.returncode == first.returncode == fast.returncode == 0
    assert fast.stdout == first.stdout == full.stdout
    assert b"typer" not in fast.stderr, "served without importing Typer"


def test_a_miss_is_judged_in_the_fast_lane_too(plan, env):
    full = run("--no-cache", "--db", str(plan), "list", env=env)
    r = run("--db", str(plan), "list", env=env, importtime=True)
    assert r.returncode == 0 and r.stdout == full.stdout and b"typer" not in r.stderr


@pytest.mark.parametrize("day", ["2027-01-01", "2030-06-30"])
def test_rows_run_out_and_are_judged_again_in_the_fast_lane(tmp_path, env, day):
    """The first list of a new day (a new year, a period's end) judges the
    targets whose rows ran out where the list is served, without Typer
    (issue 36: Typer's import was a sixth of a new year's first list)."""
    db = tmp_path / "generated.json"
    subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "300", str(db)], check=True, timeout=60)
    before = dict(env, TARGETTRACK_TODAY="2026-12-31")
    run("--db", str(db), "list", env=before)  # rows kept the day before
    later = dict(env, TARGETTRACK_TODAY=day)
    full = run("--no-cache", "--db", str(db), "list", env=later)
    r = run("--db", str(db), "list", env=later, importtime=True)
    assert r.returncode == 0 and r.stdout == full.stdout and b"typer" not in r.stderr
    assert full.stdout != run("--no-cache", "--db", str(db), "list", env=before).stdout  # the day changed the list


def test_the_shipped_store_in_chinese_by_its_config(tmp_path, env):
    db = tmp_path / "s.json"
    db.write_bytes(SHIPPED.read_bytes())
    run("--db", str(db), "config", "lang", "zh", env=env)
    first = run("--db", str(db), "list", env=env)
    fast = run("--db", str(db), "list", env=env, importtime=True)
    assert fast.stdout == first.stdout and "状态".encode() in fast.stdout and b"typer" not in fast.stderr


def test_errors_read_as_the_full_lane_says_them(tmp_path, env, plan):
    missing = tmp_path / "none.json"
    fast = run("--db", str(missing), "list", env=env)
    full = run("--no-cache", "--db", str(missing), "list", env=env)
    assert fast.returncode == full.returncode == 3 and fast.stderr == full.stderr and b"no store here" in fast.stderr
    run("--db", str(plan), "list", env=env)  # keep the rows, then lock the store
    import fcntl

    fd = os.open(str(plan) + ".lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        r = run("--db", str(plan), "list", env={**env, "TARGETTRACK_LOCK_TIMEOUT": "0.2"})
        assert r.returncode == 3 and b"locked" in r.stderr and r.stdout == b""
    finally:
        os.close(fd)


# --- update ------------------------------------------------------------------------

UPDATE_DEFAULTS = {
    "ref": None,
    "value": None,
    "by": None,
    "yoy": None,
    "on": None,
    "note": None,
    "source": None,
    "delete": False,
    "quiet": False,
    "by_user": None,
}


@hsettings(max_examples=500, deadline=None)
@given(
    argument_lists(
        [
            "update",
            "--db",
            "--lang",
            "--no-color",
            "--no-cache",
            "--by",
            "--yoy",
            "--date",
            "--note",
            "--source",
            "--delete",
            "--quiet",
            "-q",
            "--help",
            "-h",
            "--",
            "--unit",
            "list",
            "show",
        ],
        ["--db", "--lang", "--by", "--date", "--note", "--quiet"],
        [
            "sh-robot-brands",
            "sh",
            "5",
            "+1",
            "-2",
            "1,000",
            "12万元",
            "2025",
            "2025-Q3",
            "done",
            "x y",
            "",
            "-q",
            "--",
            "=3",
            "update",
        ],
        9,
    )
)
def test_what_the_update_lane_takes_typer_reads_alike(argv):
    got = fastlane.parse_update(argv)
    params = typer_reads_what_the_lane_took(argv, got, "update")
    if params is not None:
        params["value"] = params["value"] or []  # no VALUE: Typer gives [] (or None); the command reads both as none
        assert params == {
            **UPDATE_DEFAULTS,
            "ref": got["ref"],
            "value": list(got["value"]),
            "by": got["by"],
            "yoy": got["yoy"],
            "on": got["on"],
            "note": got["note"],
            "source": got["source"],
            "delete": got["delete"],
            "quiet": got["quiet"],
            "by_user": got["by_user"],
        }


@pytest.mark.parametrize(
    "argv",
    [
        ["update", "a", "5"],
        ["--db", "x.json", "--no-cache", "update", "--date", "2025", "a", "+1", "-q"],
        ["update", "a", "--by=2", "--note", "n", "--source", "s"],
        ["update", "a", "--delete", "--date", "2025"],
        ["--lang", "zh", "update", "a", "done"],
        ["update", "a"],
    ],
)
def test_the_update_lane_takes_these(argv):
    assert fastlane.parse_update(argv) is not None


@pytest.mark.parametrize(
    "argv",
    [
        ["update"],
        ["update", "a", "-2"],
        ["update", "a", "5", "6"],
        ["update", "a", "5", "--help"],
        ["update", "a", "--by", "-2"],
        ["update", "a", "5", "-q", "-q"],
        ["update", "a", "5", "--date", "1", "--date", "2"],
        ["update", "a", "5", "--unit", "x"],
        ["update", "a", "--", "5"],
        ["update", "a", "5", "--quiet=yes"],
        ["--version", "update", "a", "5"],
        ["list"],
        ["show", "a"],
    ],
)
def test_the_update_lane_leaves_these_to_typer(argv):
    assert fastlane.parse_update(argv) is None


def run_full(*args: str, env: dict) -> subprocess.CompletedProcess:
    """The full command line (Typer), whatever the fast lane would take."""
    cmd = [sys.executable, "-c", "from targettrack.cli.program import main; main()", *args]
    return subprocess.run(cmd, capture_output=True, env=env, timeout=60)


UPDATES = [
    ["sh-robot-brands", "5", "--date", "2025-03"],
    ["sh-robot-b", "+7", "--note", "公报", "--source", "统计局", "--date", "2025"],
    ["sh-robot-brands", "300", "--date=2024-06"],  # implausible after 3: warnings on stderr
    ["sh-robot-brands", "300", "--date=2024-06", "-q"],
    ["sh-robot-brands", "--by", "2"],
    ["sh-robot-brands", "--yoy", "5%", "--date", "2025"],
    ["im-l6-range", "done"],
    ["nope", "5"],  # no such target
    ["sh", "5"],  # an ambiguous prefix
    ["sh-robot-brands", "lots"],  # not a value
    ["sh-robot-brands", "5", "--date", "2025-13"],  # not a date
    ["sh-robot-brands"],  # no value
    ["sh-robot-brands", "--delete"],  # --delete without --date
    ["sh-robot-brands", "--delete", "--date", "2019"],  # nothing recorded then
    ["sh-robot-brands", "5", "--by", "2"],  # two ways at once
]


@pytest.mark.parametrize("args", UPDATES)
@pytest.mark.parametrize("lang", [[], ["--lang", "zh"]])
def test_the_update_lane_does_what_the_full_one_does(tmp_path, env, args, lang):
    fast_db, full_db = tmp_path / "fast.json", tmp_path / "full.json"
    for db in (fast_db, full_db):
        db.write_bytes(SHIPPED.read_bytes())
        assert run("--db", str(db), "update", "sh-robot-brands", "3", "--date", "2024-01", env=env).returncode == 0
    fast = run(*lang, "--db", str(fast_db), "update", *args, env=env, importtime=True)
    full = run_full(*lang, "--db", str(full_db), "update", *args, env=env)
    assert b"typer" not in fast.stderr, "served without importing Typer"
    said = b"\n".join(line for line in fast.stderr.splitlines() if not line.startswith(b"import time:"))
    assert (fast.returncode, fast.stdout, said) == (full.returncode, full.stdout, full.stderr.rstrip(b"\n"))
    assert fast_db.read_bytes() == full_db.read_bytes()
    assert fast.returncode in (0, 2) and (fast.returncode == 0) == (fast.stdout != b"")
    assert (b"--quiet" in said) == (args == ["sh-robot-brands", "300", "--date=2024-06"])  # the warning says it


def test_update_lane_errors_about_the_store(tmp_path, env):
    missing = tmp_path / "none.json"
    fast = run("--db", str(missing), "update", "a", "5", env=env)
    full = run_full("--db", str(missing), "update", "a", "5", env=env)
    assert fast.returncode == full.returncode == 3 and fast.stderr == full.stderr and b"no store here" in fast.stderr
    assert not missing.exists()


# --- report ------------------------------------------------------------------------

REPORT_DEFAULTS = {
    "as_of": None,
    "known_at": None,
    "since": None,
    "within": "90d",
    "tag": [],
    "plan": None,
    "binding": None,
    "status": [],
    "method": None,
    "output": None,
    "fail_on": [],
    "show_store": False,
    "title": None,
    "subtitle": None,
    "zoom": False,
    "limit": None,
}


@hsettings(max_examples=400, deadline=None)
@given(
    argument_lists(
        [
            "report",
            "--db",
            "--lang",
            "--no-color",
            "--no-cache",
            "--format",
            "-f",
            "--since",
            "--within",
            "--output",
            "--help",
            "-h",
            "--",
            "list",
            "--show-store",
            "--fail-on",
        ],
        ["--db", "--lang", "--format", "-f", "--since"],
        [
            "x.json",
            "zh",
            "en",
            "text",
            "markdown",
            "plain",
            "json",
            "html",
            "md",
            "2026-11-01",
            "report",
            "-x",
            "",
            "a=b",
        ],
        8,
    )
)
def test_what_the_report_lane_takes_typer_reads_alike(argv):
    got = fastlane.parse_report(argv)
    params = typer_reads_what_the_lane_took(argv, got, "report")
    if params is not None:
        assert not got["no_cache"]
        assert params == {**REPORT_DEFAULTS, "fmt": got["fmt"]}


@pytest.mark.parametrize(
    "argv",
    [
        ["report"],
        ["--db", "a.json", "report", "-f", "markdown"],
        ["--lang=zh", "report", "--format=plain"],
        ["--no-color", "report", "--format", "text"],
    ],
)
def test_the_report_lane_takes_these(argv):
    assert fastlane.parse_report(argv) is not None


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "--since", "2026-11-01"],
        ["report", "--within", "1y"],
        ["report", "-f", "json", "-f", "text"],
        ["report", "--output", "r.md"],
        ["report", "--help"],
        ["--no-cache", "report"],
        ["report", "x"],
        ["report", "--fail-on", "missed"],
        ["list"],
    ],
)
def test_the_report_lane_leaves_these_to_typer(argv):
    assert fastlane.parse_report(argv) is None


@pytest.mark.parametrize("args", [[], ["-f", "markdown"], ["--format=plain"]])
@pytest.mark.parametrize("lang", [[], ["--lang", "zh"]])
def test_the_report_lane_prints_what_the_full_one_does(plan, env, args, lang):
    later = {**env, "TARGETTRACK_TODAY": "2026-12-09"}
    full = run_full(*lang, "--db", str(plan), "report", *args, env=env)
    miss = run(*lang, "--db", str(plan), "report", *args, env=env, importtime=True)  # judges all, keeps the rows
    fast = run(*lang, "--db", str(plan), "report", *args, env=env, importtime=True)
    for r in (miss, fast):
        assert b"typer" not in r.stderr, "served without importing Typer"
        assert (r.returncode, r.stdout) == (full.returncode, full.stdout) and full.returncode == 0
    # a week later, with values entered in it: those targets judged in full, the rest from their rows
    run(
        "--db",
        str(plan),
        "update",
        "cn-education-years",
        "11.5",
        "--date",
        "2025",
        env={**env, "TARGETTRACK_TODAY": "2026-12-07"},
    )
    full = run_full(*lang, "--db", str(plan), "report", *args, env=later)
    fast = run(*lang, "--db", str(plan), "report", *args, env=later, importtime=True)
    assert b"typer" not in fast.stderr
    assert (fast.returncode, fast.stdout) == (full.returncode, full.stdout)
    assert b"11.5" in fast.stdout


def test_report_lane_errors_read_as_the_full_lane_says_them(tmp_path, env, plan):
    missing = tmp_path / "none.json"
    fast = run("--db", str(missing), "report", env=env)
    full = run_full("--db", str(missing), "report", env=env)
    assert fast.returncode == full.returncode == 3 and fast.stderr == full.stderr and b"no store here" in fast.stderr
    run("--db", str(plan), "report", env=env)
    import fcntl

    fd = os.open(str(plan) + ".lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        locked = {**env, "TARGETTRACK_LOCK_TIMEOUT": "0.2"}
        fast, full = run("--db", str(plan), "report", env=locked), run_full("--db", str(plan), "report", env=locked)
        assert fast.returncode == full.returncode == 3 and b"locked" in fast.stderr and fast.stdout == b""
    finally:
        os.close(fd)
