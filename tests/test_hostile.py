"""What a hostile tester broke (issue 15), one test per finding, numbered as
in the issue. Real processes where the finding needs them: symlinks,
permissions with CAP_DAC_OVERRIDE dropped, kills, signals, a FIFO, a pty."""

from __future__ import annotations

import json
import os
import pty
import random
import resource
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import FROZEN_TODAY, SHIPPED, TT, assert_one_line_error

from targettrack.store import keeping
from targettrack.store import versions as backups
from targettrack.store.readwrite import Store

SCRIPT = Path(sys.executable).parent / "targettrack"
ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "TARGETTRACK_TODAY": FROZEN_TODAY,
    "HOME": os.environ.get("HOME", "/root"),
    "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="targettrack-cache-"),
}  # the list's kept rows, not the user's
# Under a file-size limit Python would write a truncated .pyc of a module not
# compiled yet (a short write is not an error), breaking every later run.
NO_PYC = {**ENV, "PYTHONDONTWRITEBYTECODE": "1"}
UNPRIVILEGED = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []


def run(*args, env=None, unprivileged=False, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*(UNPRIVILEGED if unprivileged else []), str(SCRIPT), *args],
        capture_output=True,
        env={**ENV, **(env or {})},
        timeout=120,
        **kw,
    )


def one_line(r: subprocess.CompletedProcess, code: int, *words: str) -> str:
    err = r.stderr.decode("utf-8", "replace")
    assert r.returncode == code, (r.returncode, err, r.stdout[-300:])
    assert err.count("\n") == 1 and err.startswith("targettrack: error: ") and "Traceback" not in err, err
    for w in words:
        assert w in err, (w, err)
    return err


def loads(path: Path) -> dict:
    with Store(path) as s:
        return {t.id: t for t in s.targets()}


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "targets.json"
    shutil.copy(SHIPPED, path)
    return path


def versions(path: Path) -> list[str]:
    return sorted(p.name for p in backups.folder(path).iterdir() if backups.is_version_file(p.name))


# --- data loss ---------------------------------------------------------------------------


def _spread_one_target_over_lines(db: Path) -> None:
    """One target written by other hands: over lines, but not as targettrack writes its blocks."""
    from targettrack.store import fileformat as layout

    raw = db.read_bytes()
    data = json.loads(raw)
    key, start, end = layout.find_id(raw, "sh-robot-industry")
    spread = json.dumps(data["targets"][key], ensure_ascii=False, indent=0)
    db.write_bytes(raw[:start] + f'"{key}": {spread}'.encode("utf-8") + raw[end:])
    assert loads(db)  # valid JSON, and it loads


def test_01_a_write_after_a_hand_edited_layout_never_corrupts_the_store(db):
    _spread_one_target_over_lines(db)
    tt = TT(db)
    tt.ok("update", "sh-robot-scenarios", "10", "--date", "2024-02")
    tt.ok("undo")
    tt.ok("update", "sh-robot-brands", "2", "--date", "2024-03")
    held = loads(db)
    assert [o.value for o in held["sh-robot-brands"].observations] == [2]
    assert held["sh-robot-scenarios"].observations == ()
    assert held["sh-robot-industry"].target == 1000
    assert "ok:" in tt.ok("doctor")


def test_01_the_same_after_a_disk_full_refusal_and_a_retry(db):
    _spread_one_target_over_lines(db)

    def small_disk():
        resource.setrlimit(resource.RLIMIT_FSIZE, (db.stat().st_size + 100, db.stat().st_size + 100))

    before = db.read_bytes()
    # The copy as found fits; the new version (a long note) does not: refused after keeping the copy.
    r = subprocess.run(
        [str(SCRIPT), "--db", str(db), "update", "sh-robot-brands", "3", "--note", "x" * 500],
        capture_output=True,
        env=NO_PYC,
        preexec_fn=small_disk,
        timeout=60,
    )
    assert r.returncode == 3 and db.read_bytes() == before, r.stderr
    assert versions(db) == ["000001.json"] and (backups.folder(db) / "000001.json").read_bytes() == before
    TT(db).ok("update", "sh-robot-brands", "4", "--date", "2024-05")
    TT(db).ok("update", "sh-robot-scenarios", "7", "--date", "2024-05")
    held = loads(db)
    assert (
        held["sh-robot-brands"].observations[-1].value == 4 and held["sh-robot-scenarios"].observations[-1].value == 7
    )


HOLDER = r"""
import sys
from targettrack.store.readwrite import Store
from targettrack.model.target import Observation
from targettrack.model.dates import parse_period
from decimal import Decimal
with Store(sys.argv[1], write=sys.argv[2] == "write", command="holder") as s:
    print("holding", flush=True)
    sys.stdin.readline()
    if sys.argv[2] == "write":
        t = s.resolve("sh-robot-brands")
        s.replace(t.id, t.with_observation(Observation(parse_period("2024-01"), Decimal(1), "2026-11-26T00:00:00Z", "A")))
print("done", flush=True)
"""


def _holder(db: Path, mode: str) -> subprocess.Popen:
    p = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), mode], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=ENV
    )
    assert p.stdout.readline().strip() == b"holding"
    return p


def test_02_deleting_the_lock_file_during_a_write_loses_nothing(db):
    TT(db).ok("update", "sh-robot-scenarios", "1")  # the lock file exists, as after any write
    a = _holder(db, "write")
    try:
        os.unlink(str(db) + ".lock")  # it looks stale: someone deletes it
        r = run(
            "--db", str(db), "update", "sh-robot-brands", "2", "--note", "B", env={"TARGETTRACK_LOCK_TIMEOUT": "0.5"}
        )
        one_line(r, 3, "locked", f"pid {a.pid}, writing")
        b = subprocess.Popen(
            [str(SCRIPT), "--db", str(db), "update", "sh-robot-brands", "3", "--note", "C"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**ENV, "TARGETTRACK_LOCK_TIMEOUT": "30"},
        )
        time.sleep(0.5)
        assert b.poll() is None  # it waits for A
        a.stdin.write(b"\n")
        a.stdin.flush()
        assert a.stdout.readline().strip() == b"done"
        assert b.wait(timeout=60) == 0
    finally:
        a.kill()
        a.wait()
    notes = [o.note for o in loads(db)["sh-robot-brands"].observations]
    assert notes == ["A", "C"]  # both acknowledged updates are there


def test_02_the_holder_is_named_truthfully_a_reader_as_a_reader(db):
    TT(db).ok("update", "sh-robot-scenarios", "1")
    assert (Path(str(db) + ".lock")).read_bytes() == b""  # no pid note that outlives its writer
    reader = _holder(db, "read")
    try:
        r = run("--db", str(db), "update", "sh-robot-brands", "2", env={"TARGETTRACK_LOCK_TIMEOUT": "0.3"})
        err = one_line(r, 3, "locked", f"pid {reader.pid}, reading")
        assert f"pid {os.getpid()}" not in err
    finally:
        reader.kill()
        reader.wait()


def test_03_a_damaged_log_keeps_every_version_and_undo_says_so(db):
    tt = TT(db)
    for v in ("1", "2", "3"):
        tt.ok("update", "sh-robot-brands", v, "--date", f"2024-0{v}")
    kept = versions(db)
    assert len(kept) == 4
    (backups.folder(db) / "journal.json").write_text('[{"n": 4, "time": "2026', encoding="utf-8")
    before = db.read_bytes()
    assert_one_line_error(tt("undo"), 3, "version log is damaged", "nothing was undone")
    assert db.read_bytes() == before and versions(db) == kept
    doctor = tt("doctor")
    assert "warning:" in doctor.out and "damaged" in doctor.out
    tt.ok("update", "sh-robot-brands", "4", "--date", "2024-04")  # rebuilds the log, keeps the damaged one aside
    assert set(kept) <= set(versions(db))
    assert any(p.name.startswith("journal.json.damaged-") for p in backups.folder(db).iterdir())
    assert "undid: update sh-robot-brands 4" in tt.ok("undo")


def test_04_a_symlinked_store_is_written_through_and_locked_by_its_real_path(tmp_path):
    real = tmp_path / "synced" / "targets.json"
    real.parent.mkdir()
    shutil.copy(SHIPPED, real)
    link = tmp_path / "targets.json"
    link.symlink_to(real)
    TT(link).ok("update", "sh-robot-brands", "3", "--date", "2024-06")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert [o.value for o in loads(real)["sh-robot-brands"].observations] == [3]
    assert (real.parent / "targets.json.lock").exists() and backups.folder(real).is_dir()
    assert not (tmp_path / "targets.json.lock").exists() and not backups.folder(link).exists()
    TT(real).ok("update", "sh-robot-brands", "4")  # through either path, one store
    assert len(loads(link)["sh-robot-brands"].observations) == 2


def test_05_pruning_deletes_only_the_versions_it_wrote(db):
    tt = TT(db)
    tt.ok("update", "sh-robot-brands", "0", "--date", "2024-01-01")
    mine = backups.folder(db) / "000002-before-cleanup.json"
    mine.write_text("my own copy")
    notes = backups.folder(db) / "README.txt"
    notes.write_text("mine")
    for i in range(keeping.KEEP + 5):
        tt.ok("update", "sh-robot-brands", "--by", "1")
    assert mine.read_text() == "my own copy" and notes.read_text() == "mine"
    assert len(versions(db)) == len(backups.read_journal(db)) >= keeping.KEEP


def test_05_a_symlinked_backups_folder_is_refused_and_never_followed(db, tmp_path):
    elsewhere = tmp_path / "budget"
    elsewhere.mkdir()
    (elsewhere / "2024-budget.json").write_text("{}")
    (elsewhere / "000001.json").write_text("not a version")
    backups.folder(db).symlink_to(elsewhere)
    before = db.read_bytes()
    assert_one_line_error(TT(db)("update", "sh-robot-brands", "3"), 3, "symbolic link", "nothing was written")
    assert db.read_bytes() == before
    assert sorted(p.name for p in elsewhere.iterdir()) == ["000001.json", "2024-budget.json"]
    assert (elsewhere / "000001.json").read_text() == "not a version"


def test_06_restore_takes_the_newest_version_by_number_not_by_name(db):
    tt = TT(db)
    tt.ok("update", "sh-robot-brands", "1", "--date", "2024-01")
    older = db.read_bytes()
    tt.ok("update", "sh-robot-brands", "2", "--date", "2024-02")
    newer = db.read_bytes()
    d = backups.folder(db)
    for p in d.iterdir():
        p.unlink()
    (d / "999999.json").write_bytes(older)
    (d / "1000002.json").write_bytes(newer)
    (d / "journal.json").write_text(
        json.dumps(
            [
                {"n": 999999, "time": "2026-01-01T00:00:00Z", "command": "older", "kind": "change", "undone": False},
                {"n": 1000002, "time": "2026-01-02T00:00:00Z", "command": "newer", "kind": "change", "undone": False},
            ]
        )
    )
    db.write_text("{ damaged")
    assert "1000002.json" in tt.ok("doctor", "--restore")
    assert db.read_bytes() == newer
    db.write_bytes(newer)
    assert "undid: newer" in tt.ok("undo") and db.read_bytes() == older


HOSTILE_TEXT = [" padded title ", "'@SUM(A1)", '=HYPERLINK("x")', "a\nb\r\nc", "\t", "🙂 中文 ،"]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_07_export_then_import_is_the_identity_and_idempotent(tt, tmp_path, fmt):
    for i, text in enumerate(HOSTILE_TEXT):
        tt.ok(
            "add",
            f"t{i}",
            "--title",
            text if text.strip() else f"x{text}x",
            "--target",
            "5",
            "--deadline",
            "2030",
            "--owner",
            text,
            "--source-quote",
            text,
            "--tag",
            "a.b,中文",
        )
        tt.ok("update", f"t{i}", "3", "--date", "2025-01", "--note", text, "--source", text)
    first = tmp_path / f"first.{fmt}"
    tt.ok("export", "-o", str(first))
    fresh = TT(tmp_path / "fresh.json")
    fresh.ok("init")
    assert f"add {len(HOSTILE_TEXT)} observation(s), 0 already there" in fresh.ok("import", str(first))
    assert "add 0 observation(s), 6 already there" in fresh.ok("import", str(first))
    second = tmp_path / f"second.{fmt}"
    fresh.ok("export", "-o", str(second))
    strip = (lambda s: json.dumps({**json.loads(s), "exported_at": ""})) if fmt == "json" else (lambda s: s)
    assert strip(second.read_text(encoding="utf-8")) == strip(first.read_text(encoding="utf-8"))
    assert json.loads(fresh.ok("history", "t0", "--format", "json"))[0]["note"] == HOSTILE_TEXT[0]
    assert len(json.loads(fresh.ok("history", "t1", "--format", "json"))) == 1
    show = json.loads(fresh.ok("show", "t1", "--format", "json"))
    assert show["owner"] == "'@SUM(A1)" and show["tags"] == ["a.b", "中文"]


def test_08_undone_versions_never_crowd_out_live_history(db):
    tt = TT(db)
    original = db.read_bytes()
    tt.ok("update", "sh-robot-brands", "0", "--date", "2024-01-01")
    for _ in range(18):  # 19 updates: with the original as found, 20 versions, all kept
        tt.ok("update", "sh-robot-brands", "--by", "1")
    for _ in range(18):
        tt.ok("undo")
    tt.ok("update", "sh-robot-scenarios", "1")
    tt.ok("undo")
    assert "undid" in tt.ok("undo")
    assert db.read_bytes() == original


def unprivileged_with_read_only_backups(db: Path, *args) -> subprocess.CompletedProcess:
    """Run targettrack without CAP_DAC_OVERRIDE while the store's backups folder is read-only."""
    folder = backups.folder(db)
    folder.chmod(0o555)
    try:
        return run("--db", str(db), *args, unprivileged=True)
    finally:
        folder.chmod(0o755)


def test_09_exit_3_means_nothing_was_written(db):
    TT(db).ok("update", "sh-robot-brands", "1")
    before = db.read_bytes()
    r = unprivileged_with_read_only_backups(db, "update", "sh-robot-brands", "--by", "1")
    one_line(r, 3, "nothing was written")
    assert db.read_bytes() == before  # a retry cannot double the increment
    TT(db).ok("update", "sh-robot-brands", "--by", "1")
    assert [o.value for o in loads(db)["sh-robot-brands"].observations] == [1, 2]


# --- security ------------------------------------------------------------------------------


def test_10_a_symlinked_lock_is_never_followed(db, tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    Path(str(db) + ".lock").symlink_to(precious)
    before = db.read_bytes()
    assert_one_line_error(TT(db)("update", "sh-robot-brands", "3"), 3, "symbolic link")
    assert_one_line_error(TT(db)("list"), 3, "symbolic link")
    assert precious.read_text() == "keep me" and db.read_bytes() == before


def test_11_kept_versions_are_as_private_as_the_store(db):
    db.chmod(0o600)
    tt = TT(db)
    tt.ok("update", "sh-robot-brands", "3")
    folder = backups.folder(db)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for p in folder.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p.name
    assert stat.S_IMODE(Path(str(db) + ".lock").stat().st_mode) == 0o600
    db.write_text("{ damaged")
    db.chmod(0o600)
    tt.ok("doctor", "--restore")
    damaged = [p for p in db.parent.iterdir() if ".damaged-" in p.name]
    assert damaged and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in damaged)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_12_a_read_only_store_is_never_replaced(db):
    db.chmod(0o444)
    try:
        before = db.read_bytes()
        one_line(run("--db", str(db), "update", "sh-robot-brands", "3", unprivileged=True), 3, "read-only")
        one_line(run("--db", str(db), "update", "sh-robot-brands", "3"), 3, "read-only")  # root too
        assert db.read_bytes() == before and stat.S_IMODE(db.stat().st_mode) == 0o444
        assert run("--db", str(db), "list", unprivileged=True).returncode == 0
    finally:
        db.chmod(0o644)


ESC = "\x1b]0;pwned\x07\x1b[2J"


def _on_a_terminal(*args) -> bytes:
    """Run targettrack with stdout and stderr on a pty; what the terminal would receive."""
    master, slave = pty.openpty()
    p = subprocess.Popen([str(SCRIPT), *args], stdout=slave, stderr=slave, env={**ENV, "TERM": "xterm"})
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
    p.wait(timeout=30)
    os.close(master)
    return out


def test_13_no_user_text_reaches_a_terminal_as_escapes(db, tmp_path):
    tt = TT(db)
    tt.ok("edit", "sh-robot-brands", "--owner", ESC, "--source-quote", ESC)
    tt.ok("update", "sh-robot-brands", "3", "--note", ESC + "\u202e", "--date", "2024-06")
    bad_header = tmp_path / "bad.csv"
    bad_header.write_text(f"id,title,{ESC}\nx,y,z\n", encoding="utf-8")
    named = tmp_path / f"in{ESC}.csv"
    named.write_text("id,date,value\nsh-robot-scenarios,2024-06,5\n", encoding="utf-8")
    outputs = [
        _on_a_terminal("--db", str(db), "import", str(bad_header)),
        _on_a_terminal("--db", str(db), "import", str(named)),
        _on_a_terminal("--db", str(db), "undo"),
        _on_a_terminal("--db", str(db), "doctor"),
        _on_a_terminal("--db", str(db), "list", "--format", "csv"),
        _on_a_terminal("--db", str(db), "list", "--format", "json"),
        _on_a_terminal("--db", str(db), "history", "sh-robot-brands", "--format", "csv"),
        _on_a_terminal("--db", str(db), "export", "--format", "csv"),
        _on_a_terminal("--db", str(db), "export"),
        _on_a_terminal("--db", str(db), "show", "sh-robot-brands", "--format", "json"),
    ]
    for out in outputs:
        assert out, "nothing was printed"
        text = out.decode("utf-8", "replace")
        assert "\x1b]" not in text and "\x1b[2J" not in text and "\u202e" not in text and "\x07" not in text, text[:500]
    assert b"\\x1b" in outputs[0] and b"\\x1b" in outputs[4]
    piped = subprocess.run([str(SCRIPT), "--db", str(db), "export", "--format", "csv"], capture_output=True, env=ENV)
    assert ESC.encode() in piped.stdout  # a file or a pipe gets the exact text


@pytest.mark.parametrize(
    "args",
    [
        ["export", "-o", "{db}"],
        ["export", "--format", "csv", "-o", "{db}.lock"],
        ["report", "-o", "{db}"],
        ["export", "-o", "{db}.backups/000001.json"],
        ["export", "-o", "{link}"],
    ],
)
def test_14_output_is_never_the_store_its_lock_or_its_versions(db, tmp_path, args):
    tt = TT(db)
    tt.ok("update", "sh-robot-brands", "3")
    (tmp_path / "link.json").symlink_to(db)
    before, kept = db.read_bytes(), (backups.folder(db) / "000001.json").read_bytes()
    argv = [a.format(db=db, link=tmp_path / "link.json") for a in args]
    assert_one_line_error(tt(*argv), 2, "--output", "the store")
    assert db.read_bytes() == before and (backups.folder(db) / "000001.json").read_bytes() == kept


# --- crashes and limits ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        '{"meta": ' + "[" * 100000 + "]" * 100000 + "}",
        '{"meta": {"1": {"app": "targettrack", "schema": ' + "9" * 5000 + "}}}",
    ],
)
def test_15_doctor_and_restore_survive_monstrous_json(db, damage):
    tt = TT(db)
    tt.ok("update", "sh-robot-brands", "3")
    good = db.read_bytes()
    db.write_text(damage)
    assert_one_line_error(tt("list"), 3, "corrupt store")
    r = tt("doctor")
    assert r.code == 3 and "error:" in r.out
    assert "restored" in tt.ok("doctor", "--restore") and db.read_bytes() == good
    (backups.folder(db) / "000003.json").write_text(damage)  # a monstrous kept version is skipped
    db.write_text("{")
    assert "restored" in tt.ok("doctor", "--restore") and db.read_bytes() == good


EXTREME_COMMANDS = [
    ["list"],
    ["list", "--format", "json"],
    ["report"],
    ["report", "--format", "html"],
    ["report", "--format", "json"],
    ["show", "x"],
    ["show", "x", "--timeline"],
    ["show", "m"],
    ["show", "c", "--timeline"],
    ["info"],
    ["plans"],
    ["export", "--format", "ics"],
    ["history", "x"],
    ["update", "c", "4"],
]


@pytest.mark.parametrize("today", ["0001-01-01", "0001-01-02", "9999-12-30", "9999-12-31"])
def test_16_the_ends_of_the_calendar_never_crash(tt, today):
    tt.ok("add", "x", "--title", "x", "--target", "5", "--deadline", "9999-12-31", "--source-url", "http://a\r\nb c")
    tt.ok("add", "m", "--title", "m", "--kind", "milestone", "--deadline", "0001-01-01")
    tt.ok("add", "c", "--title", "c", "--kind", "cap", "--target", "5", "--plan", "p")
    tt.ok("update", "c", "3", "--date", "0001-01-01")
    for argv in EXTREME_COMMANDS:
        r = tt(*argv, env={"TARGETTRACK_TODAY": today})
        assert r.code in (0, 2), (argv, r.err)
        if r.code:
            assert_one_line_error(r, 2)
    ics = tt.ok("export", "--format", "ics")
    assert "URL:http://ab\r\n" in ics or "URL:http://abc" in ics.replace("\r\n ", "")


def test_17_undo_with_an_unwritable_backups_folder_changes_nothing(db):
    TT(db).ok("update", "sh-robot-brands", "3")
    before = db.read_bytes()
    one_line(unprivileged_with_read_only_backups(db, "undo"), 3, "nothing was undone")
    assert db.read_bytes() == before
    assert "undid" in TT(db).ok("undo")


def test_18_bad_import_files_are_exit_2_and_good_ones_import(tt, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100000 + "]" * 100000)
    big_int = tmp_path / "big.json"
    big_int.write_text('[{"id": "x", "title": "x", "deadline": "2030", "target": ' + "9" * 5000 + "}]")
    for f, words in ((deep, "nested too deeply"), (big_int, "more than 4,300 digits")):  # whole (issue 30)
        assert_one_line_error(tt("import", str(f)), 2, words)
    long_cell = tmp_path / "long.csv"
    quote = "长" * 200_000
    long_cell.write_text(f'id,title,target,deadline,source_quote\nx,x,5,2030,"{quote}"\n', encoding="utf-8")
    tt.ok("import", str(long_cell))
    assert json.loads(tt.ok("show", "x", "--format", "json"))["source"]["quote"] == quote
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps([{"id": "y", "title": "y", "target": 5, "deadline": "2030"}]).encode())
    assert "add 1 target(s)" in tt.ok("import", str(bom))
    ragged = tmp_path / "ragged.csv"
    ragged.write_text('id,title\nx,"unclosed\n', encoding="utf-8")
    r = tt("import", str(ragged))
    assert r.code == 2, r.err


def test_19_large_inputs_stay_near_linear(tt, tmp_path):
    """A guard against the quadratic paths found (each took minutes): generous
    limits, not a speed measure (bench/ measures speed)."""
    import datetime

    start = datetime.date(1900, 1, 1)
    obs = [
        {"date": (start + datetime.timedelta(days=i)).isoformat(), "value": i, "recorded_at": "2026-01-01T00:00:00Z"}
        for i in range(40_000)
    ]
    f = tmp_path / "many.json"
    f.write_text(
        json.dumps(
            {
                "format": "targettrack-export",
                "version": 1,
                "targets": [{"id": "big", "title": "big", "target": 100000, "deadline": "2030", "observations": obs}],
            }
        )
    )
    db = tt.db
    for argv, limit in ((["import", str(f)], 30), (["import", str(f)], 30), (["show", "big", "--timeline"], 60)):
        began = time.monotonic()
        r = run("--db", str(db), *argv)
        assert r.returncode == 0, r.stderr
        assert time.monotonic() - began < limit, argv
    assert b"40000 already there" in run("--db", str(db), "import", str(f)).stdout
    # English too: a sentence of 5,000 dates, of 5,000 ranges, of 3,000 counts in words (each took 20 s to a minute)
    for text in (
        "1" * 100_000,
        "到2025年达到" + "10个、" * 20_000,
        "到2025年" + "一" * 50_000,
        "1,111" * 25_000,
        "and 5% by 2030 " * 5_000,
        "from 2.5 to 3 billion tonnes " * 5_000,
        "The county will build four new fire stations by 2027 and " * 3_000,
    ):
        doc = tmp_path / "doc.txt"
        doc.write_text(text, encoding="utf-8")
        began = time.monotonic()
        assert run("extract", str(doc), "--format", "json").returncode == 0
        assert time.monotonic() - began < 30, text[:20]


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_19_a_store_that_is_not_a_regular_file_is_exit_3_at_once(tmp_path, kind):
    if kind == "fifo":
        path = tmp_path / "targets.json"
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
    for argv in (["list"], ["update", "x", "1"], ["doctor"]):
        r = run("--db", str(path), *argv)
        if argv == ["doctor"]:
            assert r.returncode == 3 and b"not a regular file" in r.stdout
        else:
            one_line(r, 3, "not a regular file")


def test_20_invalid_settings_are_found_by_doctor_and_restored(db):
    tt = TT(db)
    tt.ok("config", "method", "cagr")
    good = db.read_bytes()
    db.write_text(db.read_text(encoding="utf-8").replace('"method": "cagr"', '"method": "guess"'), encoding="utf-8")
    assert_one_line_error(tt("list"), 3, "settings")
    r = tt("doctor")
    assert r.code == 3 and "settings" in r.out
    assert "restored" in tt.ok("doctor", "--restore") and db.read_bytes() == good


def test_21_an_undo_cut_short_never_reapplies_the_change(db):
    tt = TT(db)
    tt.ok("update", "sh-robot-brands", "1", "--date", "2024-01")
    one = db.read_bytes()
    tt.ok("update", "sh-robot-brands", "2", "--date", "2024-02")
    # Killed after undo logged its intent, before the store was written:
    newest = backups.live(backups.read_journal(db))[-1]
    keeping.set_undone(db, newest.n, True)
    assert "undid: update sh-robot-brands 2" in tt.ok("undo") and db.read_bytes() == one
    # Killed after the store was written, before the log was (the order of older versions):
    tt.ok("update", "sh-robot-brands", "3", "--date", "2024-03")
    db.write_bytes(one)
    assert "undid: update sh-robot-brands 1" in tt.ok("undo")
    assert loads(db)["sh-robot-brands"].observations == ()


def test_21_a_write_cut_short_is_not_undone_into(db):
    tt = TT(db)
    tt.ok("update", "sh-robot-brands", "1", "--date", "2024-01")
    before = db.read_bytes()
    # Killed after the new version was kept and logged, before the store was replaced:
    keeping.keep(db, before.replace(b'"value": 1', b'"value": 99'), "update that never happened")
    assert "undid: update sh-robot-brands 1" in tt.ok("undo")
    assert b'"value": 99' not in db.read_bytes()


def test_22_two_restores_in_one_second_both_work(db):
    tt = TT(db)
    tt.ok("update", "sh-robot-brands", "3")
    for _ in range(2):
        db.write_text("{ damaged")
        assert "restored" in tt.ok("doctor", "--restore")
    assert len([p for p in db.parent.iterdir() if ".damaged-" in p.name]) == 2


def test_23_a_clock_stepped_back_never_undoes_a_correction(sample, monkeypatch):
    from targettrack.cli import change

    clock = iter(["2026-11-26T12:00:00.000000Z", "2026-11-26T08:00:00.000000Z"])
    monkeypatch.setattr(change, "now_utc", lambda: next(clock))
    sample.ok("update", "sh-robot-brands", "5", "--date", "2026-11-01")
    sample.ok("update", "sh-robot-brands", "6", "--date", "2026-11-01")  # the correction, with the clock set back
    shown = json.loads(sample.ok("show", "sh-robot-brands", "--format", "json"))
    assert shown["current"] == 6


def test_24_ctrl_c_says_whether_the_change_was_saved(tmp_path):
    rows = "\n".join(f"t{i},Target {i},{i + 1},2030" for i in range(20_000))
    f = tmp_path / "many.csv"
    f.write_text("id,title,target,deadline\n" + rows + "\n", encoding="utf-8")
    rng = random.Random(24)
    seen = set()
    for attempt in range(8):
        db = tmp_path / f"s{attempt}.json"
        TT(db).ok("init")
        before = db.read_bytes()
        # As at a terminal: a suite started in the background (`&`) would hand down SIGINT ignored.
        p = subprocess.Popen(
            [str(SCRIPT), "--db", str(db), "import", str(f)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=ENV,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        time.sleep(rng.uniform(0.05, 1.5))
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=60)
        if p.returncode == 0:
            seen.add("finished")
            continue
        text = err.decode()
        assert p.returncode == 130 and text.count("\n") == 1 and "Traceback" not in text, text
        if "saved" in text:
            seen.add("saved")
            assert len(loads(db)) == 20_000
        else:
            seen.add("nothing")
            assert "nothing was written" in text and db.read_bytes() == before
    assert seen - {"finished"}, "no run was interrupted"


# --- messages ------------------------------------------------------------------------------------


def test_25_messages_name_the_problem(tmp_path, db):
    huge = tmp_path / "huge.json"
    text = SHIPPED.read_text(encoding="utf-8").replace('"target": 10,', '"target": "1e999999999",', 1)
    huge.write_text(text, encoding="utf-8")
    err = assert_one_line_error(TT(huge)("list"), 3, "out of range") or ""
    r = TT(huge)("list")
    assert "<class" not in r.err
    r = run("--db", "/proc/self/targets.json", "add", "x", "--title", "x", "--target", "1", "--deadline", "2030")
    err = one_line(r, 3, "lock file")
    assert "no such folder" not in err and "does not exist" not in err


def test_25_doctor_sees_temporaries_of_a_store_with_glob_characters(tmp_path):
    db = tmp_path / "plans[2025]*.json"
    shutil.copy(SHIPPED, db)
    (tmp_path / f".{db.name}.abc123.tmp").write_text("half")
    out = TT(db)("doctor").out
    assert "temporary file" in out and ".abc123.tmp" in out
    TT(db).ok("update", "sh-robot-brands", "1")
    assert not list(p for p in tmp_path.iterdir() if p.name.endswith(".tmp"))


def test_25_init_over_leftover_versions_never_undoes_into_the_old_store(db):
    TT(db).ok("update", "sh-robot-brands", "3")
    db.unlink()
    tt = TT(db)
    tt.ok("init")
    assert_one_line_error(tt("undo"), 2, "nothing to undo")
    assert loads(db) == {}


def test_24_the_interrupt_message_speaks_of_this_command_only(sample, monkeypatch):
    from targettrack.cli import recording

    sample.ok("update", "sh-robot-brands", "3")  # an earlier command in this process saved a change

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(recording, "assess", interrupted)  # Ctrl-C after this update was saved
    r = sample("update", "sh-robot-brands", "4", "--date", "2025-01")
    assert r.code == 130 and "interrupted after the change was saved (update sh-robot-brands 4" in r.err
    monkeypatch.setattr(recording.ops, "observe", interrupted)  # Ctrl-C before anything was written
    before = sample.digest()
    r = sample("update", "sh-robot-brands", "5", "--date", "2025-02")
    assert r.code == 130 and "interrupted; nothing was written" in r.err and sample.digest() == before
