"""Never lose a target, part three (issue 30): merges across units, advice
that loses no one's work, one id added on both sides, a cache folder that
cannot be turned against its user, workbooks read as Excel means them, and
the smaller findings. Each test is a reproduction of a finding."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import stat
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest
from conftest import SHIPPED, TT, assert_one_line_error
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from targettrack.cache import files as cachefiles
from targettrack.cache import rows as rowcache
from targettrack.model.dates import parse_period
from targettrack.model.operations import change_unit
from targettrack.model.quantity import convert, from_json_number
from targettrack.model.stored import from_dict, to_dict
from targettrack.model.target import Observation
from targettrack.store.merge import merge
from targettrack.store.storefile import empty_data

BIN = Path(sys.executable).parent
SCRIPT = BIN / "targettrack"
GIT = shutil.which("git")


def data(*docs):
    d = empty_data()
    d["targets"] = {str(i): doc for i, doc in enumerate(docs, 1)}
    return d


def T(tid, **kw):
    doc = {"id": tid, "title": tid, "kind": "increase", "target": 10, "deadline": "2027", "unit": "亿元"}
    doc.update(kw)
    return doc


def O(date, value, at="2026-01-01T00:00:00Z"):
    return {"date": date, "value": value, "recorded_at": at}


# --- 1. merges across units --------------------------------------------------------------


def test_a_value_recorded_before_the_other_side_moved_units_is_converted_both_ways():
    base = data(T("x"))
    ours = data(T("x", observations=[O("2025", 6)]))
    theirs = data(T("x", unit="万元", target=100000))
    for a, b in ((ours, theirs), (theirs, ours)):
        m = merge(base, a, b)
        doc = m.data["targets"]["1"]
        assert (doc["unit"], doc["target"], doc["observations"][0]["value"]) == ("万元", 100000, 60000)
        assert not m.conflicts


def test_units_that_do_not_convert_are_a_conflict_and_ours_is_kept_whole():
    base = data(T("x"))
    m = merge(base, data(T("x", observations=[O("2025", 6)])), data(T("x", unit="个")))
    assert [(c.id, c.field, c.ours, c.theirs) for c in m.conflicts] == [("x", "unit", "亿元", "个")]
    assert m.data["targets"]["1"]["unit"] == "亿元" and m.data["targets"]["1"]["observations"][0]["value"] == 6


UNITS = ["元", "万元", "亿元"]


@hsettings(max_examples=150, deadline=None)
@given(
    st.sampled_from(UNITS),
    st.sampled_from(UNITS),
    st.sampled_from(UNITS),
    st.lists(st.integers(1, 10**6), min_size=0, max_size=3),
    st.lists(st.integers(1, 10**6), max_size=3),
    st.lists(st.integers(1, 10**6), max_size=3),
)
def test_every_value_each_side_recorded_is_in_the_merged_store_in_its_unit(
    u0, u1, u2, base_values, ours_new, theirs_new
):
    """Sides that move to another unit (converting, as edit --unit does) and record values: the
    merged store holds each value each side recorded, in the merged unit."""

    def recorded(t, values, first_year, unit):
        for i, v in enumerate(values):
            t = t.with_observation(Observation(parse_period(str(first_year + i)), D(v), f"2026-0{1 + i}-01T00:00:00Z"))
        return t, {(str(first_year + i), D(v), unit) for i, v in enumerate(values)}

    base_t, base_rec = recorded(from_dict(T("x", unit=u0, target=10**9)), base_values, 2000, u0)
    ours_t, ours_rec = recorded(change_unit(base_t, u1), ours_new, 2010, u1)
    theirs_t, theirs_rec = recorded(change_unit(base_t, u2), theirs_new, 2020, u2)
    m = merge(data(to_dict(base_t)), data(to_dict(ours_t)), data(to_dict(theirs_t)))
    doc = m.data["targets"]["1"]
    unit = doc["unit"]
    got = {(o["date"], from_json_number(o["value"])) for o in doc.get("observations", [])}
    for date, value, in_unit in base_rec | ours_rec | theirs_rec:
        assert (date, convert(value, in_unit, unit)) in got
    assert len(got) == len(base_rec | ours_rec | theirs_rec)
    if u1 != u0 and u2 != u0 and u1 != u2:
        assert any(c.field == "unit" for c in m.conflicts)


def test_the_merge_driver_converts_and_history_shows_the_value_in_the_new_unit(tmp_path):
    for name, d in (
        ("base", data(T("x"))),
        ("ours", data(T("x", observations=[O("2025", 6)]))),
        ("theirs", data(T("x", unit="万元", target=100000))),
    ):
        (tmp_path / name).write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    r = subprocess.run([str(SCRIPT), "merge", "base", "ours", "theirs"], cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    t = TT(tmp_path / "ours")
    assert "60000万元" in t.ok("history", "x") and "regressing" not in t.ok("list")


def test_an_import_into_a_target_whose_unit_changed_converts_what_is_there(tt, tmp_path):
    tt.ok("add", "x", "--title", "x", "--target", "10亿元", "--deadline", "2027")
    tt.ok("update", "x", "6", "--date", "2025")
    exported = tmp_path / "x.json"
    other = TT(tmp_path / "other.json")
    other.ok("init")
    other.ok("add", "x", "--title", "x", "--target", "100000万元", "--deadline", "2027")
    other.ok("update", "x", "70000", "--date", "2024")
    exported.write_text(other.ok("export"), encoding="utf-8")
    tt.ok("import", str(exported))
    history = {o["date_as_given"]: (o["value"], o["unit"]) for o in json.loads(tt.ok("history", "x", "-f", "json"))}
    assert history == {"2024": (70000, "万元"), "2025": (60000, "万元")}
    bad = tmp_path / "bad.csv"
    bad.write_text("id,title,unit\nx,x,个\n", encoding="utf-8")
    before = tt.digest()
    assert_one_line_error(tt("import", str(bad)), 2, "column unit", "个", "万元")
    assert tt.digest() == before


# --- 3. the same id added on both sides ---------------------------------------------------------


def test_one_id_added_on_both_sides_keeps_both_targets_whole():
    ours = data(T("a", title="粮食", owner="甲", observations=[O("2024", 1)]))
    theirs = data(T("a", title="钢铁", owner="乙", target=99, observations=[O("2024", 2)]))
    m = merge(data(), ours, theirs)
    docs = {d["id"]: d for d in m.data["targets"].values()}
    assert docs["a"] == ours["targets"]["1"]
    assert {**docs["a-theirs"], "id": "a"} == theirs["targets"]["1"]
    assert [(c.id, c.field) for c in m.conflicts] == [("a", "(added twice)")]
    assert "theirs is kept as a-theirs" in m.conflicts[0].describe()


def test_the_same_target_added_on_both_sides_is_one_target_with_both_values_and_no_conflict():
    ours = data(T("a", created_at="2026-01-02T00:00:00Z", observations=[O("2024", 1)]))
    theirs = data(T("a", created_at="2026-01-01T00:00:00Z", observations=[O("2025", 2)]))
    m = merge(data(), ours, theirs)
    assert not m.conflicts and len(m.data["targets"]) == 1
    doc = m.data["targets"]["1"]
    assert doc["created_at"] == "2026-01-01T00:00:00Z" and len(doc["observations"]) == 2


# --- 2. a colleague without the driver ----------------------------------------------------------


def _git(cwd, *args):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "a",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "a",
        "GIT_COMMITTER_EMAIL": "a@example.org",
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
    }
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)


def _tt(cwd, *args):
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        [str(SCRIPT), "--db", "targets.json", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_a_colleague_without_the_driver_is_told_to_set_it_up_and_restore_keeps_the_others_work(tmp_path):
    assert _git(tmp_path, "init", "-q", "--bare", "remote.git").returncode == 0
    _git(tmp_path, "clone", "-q", "remote.git", "a")
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copy(SHIPPED, a / "targets.json")
    done = _tt(a, "git-setup")
    assert f"{SCRIPT} merge %O %A %B %P" in done.stdout  # the running install, by its absolute path
    assert "targets.json.damaged-*" in (a / ".gitignore").read_text()
    _git(a, "add", "-A")
    _git(a, "commit", "-qm", "init")
    _git(a, "push", "-q", "origin", "HEAD")
    _git(tmp_path, "clone", "-q", "remote.git", "b")  # no git-setup here
    _tt(b, "update", "sh-robot-brands", "3", "--date", "2024")
    _tt(b, "add", "mine", "--title", "mine", "--target", "5", "--deadline", "2027")
    _git(b, "commit", "-qam", "b")
    # The same target's values on both sides touch the same lines: git's own merge marks a conflict.
    _tt(a, "update", "sh-robot-brands", "2", "--date", "2023")
    _git(a, "commit", "-qam", "a")
    _git(a, "push", "-q", "origin", "HEAD")
    branch = _git(a, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
    _git(b, "pull", "-q", "--no-rebase", "origin", branch)
    assert "<<<<<<<" in (b / "targets.json").read_text()
    doctor = _tt(b, "doctor")
    assert doctor.returncode == 3
    assert "targettrack git-setup' then 'git checkout -m targets.json'" in doctor.stdout
    assert "names targettrack's merge driver for targets.json, but this clone has none configured" in doctor.stdout
    assert "doctor --restore' puts back" not in doctor.stdout  # never the advice that loses the other side's work
    before = (b / "targets.json").read_bytes()
    restore = _tt(b, "doctor", "--restore")
    assert restore.returncode == 2 and "would drop 1 value(s) only the other side recorded" in restore.stderr
    assert (b / "targets.json").read_bytes() == before
    # What the doctor says works: every side's work is in the store.
    assert _tt(b, "git-setup").returncode == 0
    _git(b, "checkout", "-m", "targets.json")
    brands = _tt(b, "history", "sh-robot-brands").stdout
    assert "2家" in brands and "3家" in brands
    assert "mine" in _tt(b, "list").stdout
    assert "unfinished git merge" in _tt(b, "doctor").stdout  # until it is added and committed


def test_without_the_driver_a_merge_of_different_targets_is_a_clean_line_merge(tmp_path):
    # One field a line: edits to different targets never touch the same lines, so even a clone
    # without git-setup merges them with git's own merge and keeps both sides' work.
    assert _git(tmp_path, "init", "-q", "--bare", "remote.git").returncode == 0
    _git(tmp_path, "clone", "-q", "remote.git", "a")
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copy(SHIPPED, a / "targets.json")
    _git(a, "add", "-A")
    _git(a, "commit", "-qm", "init")
    _git(a, "push", "-q", "origin", "HEAD")
    _git(tmp_path, "clone", "-q", "remote.git", "b")
    _tt(b, "update", "sh-robot-brands", "3", "--date", "2024")
    _git(b, "commit", "-qam", "b")
    _tt(a, "update", "sh-robot-scenarios", "30", "--date", "2024")
    _git(a, "commit", "-qam", "a")
    _git(a, "push", "-q", "origin", "HEAD")
    branch = _git(a, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
    assert _git(b, "pull", "-q", "--no-rebase", "origin", branch).returncode == 0
    assert "30个" in _tt(b, "history", "sh-robot-scenarios").stdout
    assert "3家" in _tt(b, "history", "sh-robot-brands").stdout
    doctor = _tt(b, "doctor")
    assert doctor.returncode == 0, doctor.stdout


# --- 4. the cache folder --------------------------------------------------------------------------


def _run_list(db: Path, cache: Path, **extra):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(XDG_CACHE_HOME=str(cache), **extra)
    return subprocess.run([str(SCRIPT), "--db", str(db), "list"], capture_output=True, text=True, env=env)


@pytest.fixture
def shipped(tmp_path):
    db = tmp_path / "targets.json"
    shutil.copy(SHIPPED, db)
    return db


def test_the_cache_folder_is_private_and_so_are_its_files(shipped, tmp_path):
    cache = tmp_path / "cache"
    truth = _run_list(shipped, cache)
    assert truth.returncode == 0 and truth.stderr == ""
    folder = cache / "targettrack"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}
    shipped.chmod(0o400)  # a stricter store: stricter kept files
    shutil.rmtree(folder)
    assert _run_list(shipped, cache).stdout == truth.stdout
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir() if p.name != cachefiles.KEY_FILE} == {0o400}


@pytest.mark.parametrize("how", ["group-writable", "symlink", "another user's"])
def test_a_cache_folder_others_could_write_is_not_used_with_one_warning(shipped, tmp_path, how):
    cache = tmp_path / "cache"
    folder = cache / "targettrack"
    truth = _run_list(shipped, tmp_path / "fresh").stdout
    if how == "group-writable":
        folder.mkdir(parents=True)
        folder.chmod(0o775)
    elif how == "symlink":
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        cache.mkdir()
        folder.symlink_to(tmp_path / "elsewhere")
    else:
        if os.geteuid() != 0:
            pytest.skip("making a folder another user's needs root")
        folder.mkdir(parents=True, mode=0o700)
        os.chown(folder, 65534, 65534)
    r = _run_list(shipped, cache)
    assert r.returncode == 0 and r.stdout == truth
    warnings = r.stderr.strip().splitlines()
    assert len(warnings) == 1 and warnings[0].startswith("targettrack: warning: the cache folder")
    assert not [p for p in (tmp_path / "elsewhere").glob("*")] if how == "symlink" else True
    if how != "another user's":
        assert not list(folder.glob("*.rows"))


def test_a_link_planted_where_the_rows_go_is_never_written_through(shipped, tmp_path):
    cache = tmp_path / "cache"
    folder = cache / "targettrack"
    folder.mkdir(parents=True, mode=0o700)
    victim = tmp_path / "victim"
    victim.write_text("mine")
    rows = Path(rowcache.file_for(shipped.resolve(), False, {"XDG_CACHE_HOME": str(cache), "LANG": "C.UTF-8"}))
    rows.symlink_to(victim)
    # The old temporary names were predictable (the next process ids): links planted at all of them.
    last = int(Path("/proc/loadavg").read_text().split()[-1]) if Path("/proc/loadavg").exists() else 0
    for pid in range(last + 1, last + 2000):
        (folder / f".{rows.name}.{pid}.tmp").symlink_to(victim)
    assert _run_list(shipped, cache).returncode == 0
    assert victim.read_text() == "mine"
    assert _run_list(shipped, cache).returncode == 0 and victim.read_text() == "mine"


def test_a_relative_xdg_cache_home_is_ignored(shipped, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items()}
    env.update(XDG_CACHE_HOME="relative-cache", HOME=str(tmp_path / "home"))
    r = subprocess.run([str(SCRIPT), "--db", str(shipped), "list"], cwd=work, env=env, capture_output=True)
    assert r.returncode == 0 and not (work / "relative-cache").exists()
    assert (tmp_path / "home" / ".cache" / "targettrack").is_dir()


def _forge(rows: Path, body: bytes, key: bytes | None) -> None:
    if key is None:  # the old format's checksum: anyone can compute it
        import zlib

        rows.write_bytes(len(body).to_bytes(8, "big") + zlib.crc32(body).to_bytes(4, "big") + body)
    else:  # with the user's own key: a wrong shape must still be only a miss
        from _blake2 import blake2b

        rows.write_bytes(len(body).to_bytes(8, "big") + blake2b(body, key=key, digest_size=16).digest() + body)


def test_rows_written_by_another_hand_are_a_miss_never_a_status_or_a_traceback(shipped, tmp_path):
    cache = tmp_path / "cache"
    truth = _run_list(shipped, cache).stdout
    rows = Path(rowcache.file_for(shipped.resolve(), False, {"XDG_CACHE_HOME": str(cache), "LANG": "C.UTF-8"}))
    key = (cache / "targettrack" / cachefiles.KEY_FILE).read_bytes()
    genuine = rows.read_bytes()[24:]
    poisoned = genuine.replace(b"no-data", b"POISONE")
    for body, k in (
        (poisoned, None),
        (poisoned, b"x" * 32),
        (marshal.dumps((1, 2, 3, 4)), key),
        (marshal.dumps(marshal.loads(genuine)[:3] + ((("x",) * 17,),)), key),
        (marshal.dumps(marshal.loads(genuine)[:3] + (((1,) * 17,),)), key),
    ):
        _forge(rows, body, k)
        r = _run_list(shipped, cache)
        assert (r.returncode, r.stdout, r.stderr) == (0, truth, ""), body[:40]


# --- 5. workbooks -------------------------------------------------------------------------------


def _workbook(path: Path, rows, formats=None, merged=None, sheet="targets") -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r in rows:
        ws.append(r)
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    if merged:
        ws.merge_cells(merged)
    wb.save(path)
    return path


def test_a_fraction_in_a_date_column_is_refused_naming_the_cell(tt, tmp_path):
    book = _workbook(tmp_path / "w.xlsx", [["id", "title", "target", "deadline"], ["a", "A", 10, 2024.1]])
    assert_one_line_error(tt("import", str(book)), 2, "cell D2", "2024.1", "2024-10")


def test_a_percent_cell_means_the_percentage_it_shows(tt, tmp_path):
    book = _workbook(
        tmp_path / "w.xlsx",
        [["id", "title", "target", "unit", "deadline"], ["a", "A", 0.035, "%", 2025]],
        {"C2": "0.0%"},
    )
    tt.ok("import", str(book))
    assert json.loads(tt.ok("show", "a", "-f", "json"))["target"] == 3.5
    obs = _workbook(
        tmp_path / "o.xlsx", [["id", "date", "value"], ["a", 2024, 0.0275]], {"C2": "0.00%"}, sheet="observations"
    )
    tt.ok("import", str(obs))
    assert json.loads(tt.ok("history", "a", "-f", "json"))[0]["value"] == 2.75


@pytest.mark.parametrize(
    "rows, merged, words",
    [
        ([["id", "title", "target", "deadline", "x"], ["a", "A", 5, 2025, 1e300]], None, ["cell E2", "out of range"]),
        ([["id", "date", "value"], ["a", 2024, 1], [None, 2025, 2]], "A2:A3", ["A2:A3", "unmerge"]),
        ([["id", "title", "target", "deadline"], ["a", "A", "=1+1", 2025]], None, ["cell C2", "save it first"]),
    ],
)
def test_workbook_cells_excel_cannot_mean_are_exit_2_with_their_cell(tt, tmp_path, rows, merged, words):
    sheet = "observations" if rows[0][1] == "date" else "targets"
    tt.ok("add", "a", "--title", "a", "--target", "5", "--deadline", "2027")
    book = _workbook(tmp_path / "w.xlsx", rows, merged=merged, sheet=sheet)
    before = tt.digest()
    assert_one_line_error(tt("import", str(book)), 2, *words)
    assert tt.digest() == before


def test_a_tiny_workbook_declaring_the_whole_sheet_is_not_read_as_the_whole_sheet(tt, tmp_path):
    import re
    import zipfile

    small = _workbook(tmp_path / "s.xlsx", [["id", "title", "target", "deadline"], ["a", "A", 10, 2025]])
    huge = tmp_path / "huge.xlsx"
    with zipfile.ZipFile(small) as zin, zipfile.ZipFile(huge, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            part = zin.read(name)
            if name.startswith("xl/worksheets/"):
                part = re.sub(rb'<dimension ref="[^"]+" ?/>', b'<dimension ref="A1:XFD1048576"/>', part)
                part = part.replace(
                    b"</sheetData>",
                    b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t></t></is></c></row></sheetData>',
                )
            zout.writestr(name, part)
    assert huge.stat().st_size < 10_000
    r = (
        subprocess.run(
            ["/usr/bin/time", "-f", "%M", str(SCRIPT), "--db", str(tt.db), "import", str(huge)],
            capture_output=True,
            text=True,
        )
        if Path("/usr/bin/time").exists()
        else None
    )
    if r is None:
        pytest.skip("GNU time is not installed")
    peak_kb = int(r.stderr.strip().splitlines()[-1])
    assert peak_kb < 100_000, peak_kb
    assert "add 1 target(s)" in r.stdout  # the far cell is empty: no row, no column


# --- 6. the smaller ones --------------------------------------------------------------------------


def test_the_same_value_twice_in_one_file_is_recorded_once(tt, tmp_path):
    tt.ok("add", "a", "--title", "a", "--target", "100", "--deadline", "2027")
    rows = tmp_path / "o.csv"
    rows.write_text("id,date,value\n" + "a,2024,5\n" * 1000, encoding="utf-8")
    out = tt.ok("import", str(rows))
    assert "add 1 observation(s), 0 already there; 999 repeated in the file, added once" in out
    assert len(json.loads(tt.ok("history", "a", "--all", "-f", "json"))) == 1


def test_a_malformed_conflicts_file_is_exit_2_naming_the_way_out(sample):
    conflicts = Path(str(sample.db) + ".conflicts")
    conflicts.write_text("[1,2]")
    assert_one_line_error(sample("conflicts"), 2, "conflicts --clear")
    r = sample("edit", "sh-robot-brands", "--owner", "x")
    assert r.code == 0 and "warning" in r.err  # the edit is made; the file is said to be wrong
    assert sample.ok("conflicts", "--clear") and not conflicts.exists()


def test_a_store_made_private_makes_its_kept_versions_private_on_the_next_write(sample):
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024")
    versions = Path(str(sample.db) + ".backups")
    sample.db.chmod(0o600)
    sample.ok("update", "sh-robot-brands", "4", "--date", "2025")
    assert stat.S_IMODE(versions.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in versions.iterdir())


@pytest.mark.parametrize("command", ["import", "extract"])
def test_a_device_is_refused_and_a_pipe_is_read(tmp_path, command):
    t = TT(tmp_path / "t.json")
    t.ok("init")
    assert_one_line_error(t(command, "/dev/zero"), 2, "/dev/zero", "device")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f"printf 'id,title,target,deadline\\na,A,5,2027\\n' > {fifo}"])
    r = subprocess.run([str(SCRIPT), "--db", str(t.db), command, str(fifo)], capture_output=True, text=True, timeout=60)
    writer.wait(timeout=10)
    assert r.returncode == 0, r.stderr


def test_a_cell_pointing_at_a_missing_shared_string_is_exit_2_not_an_internal_error(tt, tmp_path):
    import zipfile

    good = _workbook(tmp_path / "g.xlsx", [["id", "title", "target", "deadline"], ["a", "A", 10, 2025]])
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for name in zin.namelist():
            part = zin.read(name)
            if name.startswith("xl/worksheets/"):
                part = part.replace(b'<c r="B2" t="inlineStr"><is><t>A</t></is></c>', b'<c r="B2" t="s"><v>99</v></c>')
            zout.writestr(name, part)
    assert_one_line_error(tt("import", str(bad)), 2, "sheet targets", "damaged")
