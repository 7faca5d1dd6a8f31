"""Tests that try to break the store: kills, concurrent writers, full disks,
read-only folders, corrupt files, hostile text and random arguments."""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import FROZEN_TODAY, SHIPPED, TT, assert_one_line_error
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from targettrack.store.readwrite import Store

SCRIPT = Path(sys.executable).parent / "targettrack"
ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "TARGETTRACK_TODAY": FROZEN_TODAY,
    "HOME": os.environ.get("HOME", "/root"),
    "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="targettrack-cache-"),
}  # the list's kept rows, not the user's


def loads_and_holds(path: Path) -> dict:
    """The store must load through the real loader; returns id -> target."""
    with Store(path) as s:
        return {t.id: t for t in s.targets()}


# --- crash ------------------------------------------------------------------

CRASH_CHILD = r"""
import sys
from targettrack.cli import app
db, i = sys.argv[1], int(sys.argv[2])
while True:
    code = app(["--db", db, "update", "sh-robot-brands", "--by", "1", "--note", f"n{i}"], standalone_mode=False)
    if code == 0:
        print(f"ack n{i}", flush=True)
    i += 1
"""

KILLS = 60


def test_sigkill_at_random_moments_never_loses_an_acknowledged_update(tmp_path):
    db = tmp_path / "targets.json"
    shutil.copy(SHIPPED, db)
    TT(db).ok("update", "sh-robot-brands", "0", "--date", "2024-01-01", "--note", "start")
    acked: set[str] = set()
    rng = random.Random(20261126)
    next_i = 0
    for kill in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", CRASH_CHILD, str(db), str(next_i)], stdout=subprocess.PIPE, env=ENV
        )
        time.sleep(rng.uniform(0.15, 0.6))  # start-up is ~0.1 s; then it writes as fast as it can
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        acked |= {line.split()[1] for line in out.decode().splitlines() if line.startswith("ack ")}
        notes = [o.note for o in loads_and_holds(db)["sh-robot-brands"].observations]
        assert acked <= set(notes), f"kill {kill}: lost {sorted(acked - set(notes))[:5]}"
        assert len(notes) == len(set(notes))
        next_i += 10_000
    assert len(acked) > KILLS, "the child should have written between kills"
    # The levels form an unbroken +1 chain: no update was half-applied.
    values = [
        int(o.value) for o in sorted(loads_and_holds(db)["sh-robot-brands"].observations, key=lambda o: o.recorded_at)
    ]
    assert values == list(range(len(values)))
    # Stray temporary files of killed writers are gone after the next write.
    TT(db).ok("update", "sh-robot-scenarios", "1")
    assert not list(tmp_path.glob(".targets.json.*.tmp"))


# --- concurrency ----------------------------------------------------------------

WORKER = r"""
import sys
from targettrack.cli import app
db, w, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
failures = 0
for i in range(n):
    op = i % 4
    if op == 0 or op == 1:
        args = ["update", "sh-robot-scenarios", "--by", "1", "--note", f"w{w}-{i}"]
    elif op == 2:
        args = ["add", f"w{w}-t{i}", "--title", f"并发 {w} {i}", "--kind", "milestone"]
    else:
        args = ["list", "--format", "json"]
    code = app(["--db", db, *args], standalone_mode=False)
    failures += code != 0
print(f"failures {failures}", flush=True)
"""


def test_six_processes_writing_at_once_lose_nothing(tmp_path):
    db = tmp_path / "targets.json"
    shutil.copy(SHIPPED, db)
    TT(db).ok("update", "sh-robot-scenarios", "0", "--date", "2024-01-01", "--note", "start")
    workers, each = 6, 20
    env = {**ENV, "TARGETTRACK_LOCK_TIMEOUT": "60"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(db), str(w), str(each)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        for w in range(workers)
    ]
    outs = [p.communicate(timeout=300)[0].decode() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert all(o.strip().splitlines()[-1] == "failures 0" for o in outs), [o[-200:] for o in outs]
    targets = loads_and_holds(db)
    notes = {o.note for o in targets["sh-robot-scenarios"].observations} - {"start"}
    expected_updates = {f"w{w}-{i}" for w in range(workers) for i in range(each) if i % 4 in (0, 1)}
    assert notes == expected_updates  # 60 updates, none lost
    added = {i for i in targets if i.startswith("w")}
    assert added == {f"w{w}-t{i}" for w in range(workers) for i in range(each) if i % 4 == 2}  # 30 adds
    levels = sorted(int(o.value) for o in targets["sh-robot-scenarios"].observations)
    assert levels == list(range(len(expected_updates) + 1))  # every +1 saw the one before


HOLDER = r"""
import sys, time
from targettrack.store.readwrite import Store
with Store(sys.argv[1], write=True):
    print("holding", flush=True)
    time.sleep(30)
"""


def test_a_process_that_cannot_get_the_lock_exits_3_naming_the_holder(tmp_path):
    db = tmp_path / "targets.json"
    shutil.copy(SHIPPED, db)
    before = db.read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE, env=ENV)
    try:
        assert holder.stdout.readline().strip() == b"holding"
        r = subprocess.run(
            [str(SCRIPT), "--db", str(db), "update", "sh-robot-brands", "1"],
            capture_output=True,
            env={**ENV, "TARGETTRACK_LOCK_TIMEOUT": "0.3"},
            timeout=60,
        )
        assert r.returncode == 3
        assert f"pid {holder.pid}" in r.stderr.decode() and r.stderr.decode().count("\n") == 1
    finally:
        holder.kill()
        holder.wait()
    assert db.read_bytes() == before


# --- full disk, read-only folder, no permission -----------------------------------


def test_a_full_disk_is_exit_3_and_the_store_is_as_it_was(tmp_path):
    db = tmp_path / "targets.json"
    shutil.copy(SHIPPED, db)
    before = db.read_bytes()

    def small_disk():
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))  # smaller than the store

    r = subprocess.run(
        [str(SCRIPT), "--db", str(db), "update", "sh-robot-brands", "3"],
        capture_output=True,
        env={**ENV, "PYTHONDONTWRITEBYTECODE": "1"},
        preexec_fn=small_disk,
        timeout=60,
    )
    assert r.returncode == 3, r.stderr
    assert b"disk is full" in r.stderr and b"unchanged" in r.stderr and b"Traceback" not in r.stderr
    assert db.read_bytes() == before
    assert not list(tmp_path.glob(".targets.json.*.tmp"))
    assert not list((tmp_path / "targets.json.backups").glob("*.json"))


# Root ignores file modes; dropping the two capabilities that let it do so
# (setpriv, from util-linux) makes a root test see what a user sees.
UNPRIVILEGED = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []


def _unprivileged(*args):
    return subprocess.run([*UNPRIVILEGED, str(SCRIPT), *args], capture_output=True, env=ENV, timeout=60)


def test_a_read_only_folder_is_exit_3_and_the_store_is_as_it_was(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "targets.json"
    shutil.copy(SHIPPED, db)
    db.chmod(0o666)  # even a writable file: the folder is what is read-only
    folder.chmod(0o555)
    try:
        r = _unprivileged("--db", str(db), "update", "sh-robot-brands", "3")
        assert r.returncode == 3, r.stderr
        assert b"Permission denied" in r.stderr and r.stderr.count(b"\n") == 1
        assert db.read_bytes() == SHIPPED.read_bytes()
        assert _unprivileged("--db", str(db), "list").returncode == 0  # reading still works, creating nothing
        assert sorted(p.name for p in folder.iterdir()) == ["targets.json"]
    finally:
        folder.chmod(0o755)


def test_no_permission_is_exit_3(tmp_path):
    db = tmp_path / "targets.json"
    shutil.copy(SHIPPED, db)
    db.chmod(0o000)
    r = _unprivileged("--db", str(db), "list")
    assert r.returncode == 3 and b"cannot read the store (Permission denied)" in r.stderr
    r = _unprivileged("--db", str(db), "update", "sh-robot-brands", "3")
    assert r.returncode == 3 and b"Permission denied" in r.stderr
    db.chmod(0o644)
    assert db.read_bytes() == SHIPPED.read_bytes()


# --- history, undo, doctor ------------------------------------------------------


def test_undo_reverts_one_change_at_a_time_and_says_what(sample):
    original = sample.db.read_bytes()
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-06")
    after_one = sample.db.read_bytes()
    sample.ok("edit", "sh-robot-brands", "--owner", "上海市经信委")
    out = sample.ok("undo")
    assert out.startswith("undid: edit sh-robot-brands (made ")
    assert sample.db.read_bytes() == after_one
    assert sample.ok("undo").startswith("undid: update sh-robot-brands 3 --date 2024-06")
    assert sample.db.read_bytes() == original
    assert_one_line_error(sample("undo"), 2, "nothing to undo")
    assert sample.db.read_bytes() == original


def test_kept_versions_are_bounded_in_number_and_size(sample, monkeypatch):
    from targettrack.store import fileformat as layout
    from targettrack.store import keeping
    from targettrack.store import versions as backups

    for i in range(keeping.KEEP + 5):
        sample.ok("update", "sh-robot-brands", str(i))
    entries = backups.read_journal(sample.db)
    folder = backups.folder(sample.db)
    # The folder holds exactly the files the log names: full copies and change records.
    assert sorted(p.name for p in folder.iterdir() if backups.is_version_file(p.name)) == sorted(
        e.file for e in entries
    )
    assert {e.base is None for e in entries} == {True, False}
    # At least KEEP versions, and no whole copy-and-records more than that.
    first_chain = 1 + next(i for i, e in enumerate(entries[1:]) if e.base is None)
    assert len(entries) >= keeping.KEEP > len(entries) - first_chain
    for e in entries:  # every one of them can be rebuilt, and is a store
        raw = backups.content(sample.db, e)
        assert raw is not None and layout.split(raw) is not None
    monkeypatch.setattr(keeping, "KEEP_BYTES_FACTOR", 3)  # as if the store were huge
    monkeypatch.setattr(keeping, "KEEP_BYTES_FLOOR", 0)
    sample.ok("update", "sh-robot-brands", "99")
    entries = backups.read_journal(sample.db)
    assert sum(e.stored for e in entries) <= 3 * sample.db.stat().st_size and len(entries) >= 2
    assert sorted(p.name for p in folder.iterdir() if backups.is_version_file(p.name)) == sorted(
        e.file for e in entries
    )
    sample.ok("undo")  # and undo still works
    assert "99" not in str(loads_and_holds(sample.db)["sh-robot-brands"].observations[-1].value)


def test_migration_keeps_a_backup_for_good(tmp_path):
    db = tmp_path / "old.json"
    fixture = Path(__file__).parent / "fixtures" / "schema1.json"
    shutil.copy(fixture, db)
    t = TT(db)
    t.ok("update", "sh-robot-brands", "1")
    for i in range(25):
        t.ok("update", "sh-robot-brands", str(i + 2))
    journal = json.loads((tmp_path / "old.json.backups" / "journal.json").read_text())
    migration = [e for e in journal if e["kind"] == "migration"]
    assert len(migration) == 1
    kept = tmp_path / "old.json.backups" / f"{migration[0]['n']:06d}.json"
    assert kept.read_bytes() == fixture.read_bytes()


@pytest.mark.parametrize("damage", [b"", b'{"meta": ', b"\x00\xff binary", b"[]"])
def test_doctor_finds_the_damage_and_restore_brings_back_the_newest_good_version(sample, damage):
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-06")
    sample.ok("update", "sh-robot-brands", "5", "--date", "2024-12")
    good = sample.db.read_bytes()
    sample.db.write_bytes(damage)  # the disk, an editor or a sync tool broke it
    r = sample("doctor")
    assert r.code == 3 and "error:" in r.out and "doctor --restore" in r.out
    assert_one_line_error(sample("list"), 3)
    out = sample.ok("doctor", "--restore")
    assert "restored" in out and "damaged file is kept" in out
    kept = list(sample.db.parent.glob("targets.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damage
    # Every version targettrack wrote is kept, so nothing is lost: the last write is back.
    assert sample.db.read_bytes() == good
    holds = loads_and_holds(sample.db)
    assert [int(o.value) for o in holds["sh-robot-brands"].observations] == [3, 5]
    assert sample("doctor").code == 0


def test_restore_skips_undone_and_damaged_versions(sample):
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-06")
    sample.ok("update", "sh-robot-brands", "5", "--date", "2024-12")
    sample.ok("undo")
    after_undo = sample.db.read_bytes()
    newest = sorted((sample.db.parent / "targets.json.backups").glob("[0-9]*.*"))  # copies and change records
    newest[-2].write_bytes(b"{broken")  # the version after the first update is damaged too
    sample.db.write_bytes(b"")
    sample.ok("doctor", "--restore")
    # Not the undone version, not the damaged copy: the newest one that loads.
    assert sample.db.read_bytes() != after_undo
    assert [int(o.value) for o in loads_and_holds(sample.db)["sh-robot-brands"].observations] == []


def test_undo_after_a_change_made_outside_targettrack(sample):
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-06")
    recorded = sample.db.read_bytes()
    sample.db.write_bytes(recorded.replace("打造10家".encode(), "打造12家".encode()))  # a hand edit
    assert "changes made outside targettrack" in sample.ok("undo")
    assert sample.db.read_bytes() == recorded


def test_doctor_on_a_healthy_store_and_restore_refuses(sample):
    out = sample.ok("doctor")
    assert "ok: " in out and "loads, schema 4, 11 targets" in out and "error" not in out
    assert_one_line_error(sample("doctor", "--restore"), 2, "healthy")


def test_doctor_reports_stray_temporaries_and_locks(sample):
    (sample.db.parent / ".targets.json.x1y2.tmp").write_text("half")
    assert "temporary file(s) from an interrupted write" in sample.ok("doctor")
    sample.ok("update", "sh-robot-brands", "1")
    assert not list(sample.db.parent.glob(".targets.json.*.tmp"))


def test_doctor_without_any_good_backup(tmp_path):
    db = tmp_path / "targets.json"
    db.write_bytes(b"garbage")
    r = TT(db)("doctor")
    assert r.code == 3 and "no good backup" in r.out
    assert_one_line_error(TT(db)("doctor", "--restore"), 3, "no good backup")
    assert db.read_bytes() == b"garbage"


# --- hostile text ------------------------------------------------------------

HOSTILE = [
    "[/]",
    "[bold]粗体[/bold]",
    "[link=https://evil.example]点我[/link]",
    "\x1b[31m红\x1b[0m",
    "\x1b]8;;http://x\x07",
    "a\u202eevil\u202c",
    "\u2066isolate\u2069",
    "行1\n行2\r\x00\x07",
    "😀👍🏽🇨🇳 family 👨‍👩‍👧",
    "长" * 5000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_is_stored_as_given_and_shown_literally(tt, text):
    tt.ok("add", "h", "--title", text, "--kind", "milestone", "--owner", text, "--plan", "p", "--tag", "x")
    tt.ok("update", "h", "done", "--note", text, "--source", text)
    assert json.loads(tt.ok("show", "h", "-f", "json"))["title"] == text  # stored exactly
    assert json.loads(tt.ok("history", "h", "-f", "json"))[0]["note"] == text
    for args in (["list"], ["list", "-f", "table"], ["show", "h"], ["history", "h"], ["plans"]):
        out = tt.ok(*args)
        for bad in ("\x1b", "\x07", "\x00", "\r", "\u202e", "\u2066"):
            assert bad not in out, (args, bad)
    shown = tt.ok("list")
    if text.startswith("["):
        assert text in shown  # markup shown as typed, not applied


def test_csv_neutralises_formulas(tt):
    tt.ok(
        "add",
        "f",
        "--title",
        '=HYPERLINK("http://evil","x")',
        "--kind",
        "milestone",
        "--owner",
        "@SUM(A1)",
        "--source",
        "+1+2",
        "--source-quote",
        "-2-3",
    )
    rows = tt.ok("list", "-f", "csv").splitlines()
    assert "'=HYPERLINK" in rows[1] and "'@SUM(A1)" in rows[1] and "'+1+2" in rows[1] and "'-2-3" in rows[1]
    tt.ok("add", "n", "--title", "negative", "--kind", "floor", "--target", "-5")
    assert ",-5," in tt.ok("list", "-f", "csv", "--kind", "floor")  # numbers stay numbers


# --- random arguments ----------------------------------------------------------

TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "-",
            "--",
            "-1",
            "+",
            "1e9999",
            "nan",
            "2025-02-30",
            "\x00",
            "\ud800",
            "[/]",
            "十四五末",
            "100万元",
            "--db",
        ]
    ),
)
TEMPLATES = [
    ("update", lambda v: ["update", v[0], v[1]]),
    ("update", lambda v: ["update", "sh-robot-brands", v[0], "--date", v[1]]),
    ("add", lambda v: ["add", v[0], "--title", v[1], "--target", v[2], "--deadline", v[3]]),
    (
        "add",
        lambda v: ["add", "fz", "--title", "t", "--kind", v[0], "--unit", v[1], "--target", v[2], "--baseline", v[3]],
    ),
    ("edit", lambda v: ["edit", v[0], "--deadline", v[1], "--target", v[2]]),
    ("edit", lambda v: ["edit", "sh-robot-brands", "--unset", v[0], "--tag", v[1], "--start", v[2]]),
    ("list", lambda v: ["list", "--status", v[0], "--sort", v[1], "--as-of", v[2], "--format", v[3]]),
    ("list", lambda v: ["list", "--due-before", v[0], "--tag", v[1], "--kind", v[2], "--method", v[3]]),
    ("show", lambda v: ["show", v[0], "--as-of", v[1], "--method", v[2]]),
    ("history", lambda v: ["history", v[0], "--format", v[1]]),
    ("remove", lambda v: ["remove", v[0]]),
    ("config", lambda v: ["config", v[0], v[1]]),
    ("plans", lambda v: ["plans", "--as-of", v[0], "--format", v[1]]),
]
FUZZ_CASES = {"count": 0}


@hsettings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(TEMPLATES), st.lists(TEXT, min_size=4, max_size=4))
def test_random_arguments_give_exit_0_or_a_one_line_exit_2_and_leave_the_store_alone(
    tmp_path_factory, template, values
):
    FUZZ_CASES["count"] += 1
    d = tmp_path_factory.mktemp("fuzz")
    db = d / "targets.json"
    shutil.copy(SHIPPED, db)
    name, make = template
    r = TT(db)(*make(values))
    assert "Traceback" not in r.out + r.err
    if r.code != 0 or name in ("list", "show", "history", "plans"):
        assert db.read_bytes() == SHIPPED.read_bytes()
    if r.code != 0:
        # `--db X` anywhere is the global option (cli/hoist.py): a store that
        # is not there is the missing-store error, exit 3, not a usage error.
        args = make(values)
        elsewhere = any(a == "--db" and v and not v.startswith("-") for a, v in zip(args, args[1:]))
        assert_one_line_error(r, 3 if elsewhere and "no store here" in r.err else 2)


# --- tracebacks -------------------------------------------------------------------


def test_debug_tracebacks_show_no_local_variables(tmp_path):
    code = r"""
import sys
import targettrack.cli as cli
import targettrack.judge.selection as selection
import targettrack.judge.assess as assess
def boom(*args, **kwargs):
    api_token = "SECRET-" + "VALUE-123"
    raise RuntimeError("boom")
selection.assess = assess.assess = boom
sys.argv = ["targettrack", "--db", sys.argv[1], "list"]
cli.main()
"""
    r = subprocess.run(
        [sys.executable, "-c", code, str(SHIPPED)],
        capture_output=True,
        env={**ENV, "TARGETTRACK_DEBUG": "1", "XDG_CACHE_HOME": str(tmp_path)},
        timeout=60,
    )
    assert r.returncode != 0 and b"RuntimeError: boom" in r.stderr
    assert b"SECRET-VALUE-123" not in r.stderr and b"api_token" not in r.stderr
    r = subprocess.run([sys.executable, "-c", code, str(SHIPPED)], capture_output=True, env=ENV, timeout=60)
    assert r.returncode == 1 and b"Traceback" not in r.stderr and r.stderr.count(b"\n") == 1


@pytest.mark.parametrize("path", ["\x00", "a\x00b", "\ud800"])
def test_a_path_no_file_can_have_is_a_usage_error(tmp_path, path):
    """A NUL, or a lone surrogate (which no real command line passes but a
    library call can), is refused by --db in one line, not an internal error."""
    db = tmp_path / "targets.json"
    shutil.copy(SHIPPED, db)
    assert_one_line_error(TT(db)("--db", path, "list"), 2, "--db", "not a path")
    assert db.read_bytes() == SHIPPED.read_bytes()
