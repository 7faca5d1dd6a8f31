"""The list's kept rows (rowcache.py): the list reads the same with and
without them, on any day, after any change, whoever made it; a kept file
that does not match is a miss, never an error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHIPPED, TT

from targettrack.cache import rows as rowcache
from targettrack.store.lock import read_store, real_path

SHOWN = [
    [],
    ["--sort", "status"],
    ["--sort", "urgency"],
    ["--sort", "progress"],
    ["--sort", "id"],
    ["--status", "on-track,at-risk"],
    ["--tag", "robotics"],
    ["--kind", "milestone"],
    ["--binding"],
    ["--due-before", "2026"],
    ["--format", "table"],
]


def kept_files() -> list[Path]:
    folder = rowcache.folder()
    return sorted(folder.glob("*" + rowcache.SUFFIX)) if folder.exists() else []


def fresh(t: TT, *args: str, env: dict | None = None) -> str:
    return t.ok("--no-cache", "list", *args, env=env)


def test_the_first_list_keeps_rows_and_the_second_reads_them(sample):
    assert kept_files() == []
    first = sample.ok("list")
    assert len(kept_files()) == 1
    assert sample.ok("list") == first == fresh(sample)


def test_no_cache_neither_reads_nor_keeps(sample):
    sample.ok("--no-cache", "list")
    assert kept_files() == []


@pytest.mark.parametrize("args", SHOWN, ids=lambda a: " ".join(a) or "plain")
def test_every_filter_and_order_reads_the_same_from_kept_rows(sample, args):
    sample.ok("list")  # keep the rows
    assert sample.ok("list", *args) == fresh(sample, *args)


@pytest.fixture
def plan(tmp_path) -> TT:
    """The 14th Five-Year Plan's indicators: yearly values, lags, forms; their statuses move with the date."""
    t = TT(tmp_path / "plan" / "targets.json")
    t.ok("init", "--sample", "cn-14fyp")
    return t


DAYS = [
    "2020-01-01",
    "2021-06-30",
    "2024-12-31",
    "2025-01-01",
    "2025-03-31",
    "2025-04-01",
    "2026-01-01",
    "2026-03-31",
    "2026-04-01",
    "2027-06-30",
    "2031-01-01",
]


def test_the_plan_reads_differently_on_these_days(plan):
    """So that the next test can fail: kept rows shown on the wrong day would differ."""
    assert len({fresh(plan, env={"TARGETTRACK_TODAY": d}) for d in DAYS}) >= 5


@pytest.mark.parametrize("store", ["sample", "plan"])
@pytest.mark.parametrize("today", DAYS)
def test_rows_kept_on_one_day_read_right_on_another(request, store, today):
    t = request.getfixturevalue(store)
    t.ok("list")  # kept on the frozen today, 2026-11-26
    later = {"TARGETTRACK_TODAY": today}
    for args in ([], ["--sort", "urgency"], ["--sort", "status"], ["--sort", "progress"]):
        assert t.ok("list", *args, env=later) == fresh(t, *args, env=later), (today, args)
        t.ok("list", env=later)  # kept on that day now: the next day reads them


def test_as_of_another_day_reads_right_and_keeps_only_todays_rows(sample):
    sample.ok("list")
    before = kept_files()[0].read_bytes()
    assert sample.ok("list", "--as-of", "2023-06-30") == fresh(sample, "--as-of", "2023-06-30")
    assert kept_files()[0].read_bytes() == before


def test_a_change_patches_the_rows_it_changed(sample):
    sample.ok("list")
    sample.ok("update", "sh-robot-brands", "9", "--date", "2026-06", "-q")
    sample.ok("add", "new-one", "--title", "新目标", "--target", "50个", "--deadline", "2027")
    sample.ok("remove", "yaohai-talent-subsidy", "--yes")
    path = real_path(sample.db)
    key = rowcache.identity(*read_store(path))
    kept = rowcache.load(path, key, None, lang_given=False)
    assert kept is not None, "the kept rows follow the store through targettrack's own writes"
    ids = [e[rowcache.ID] for e in kept.entries]
    assert "new-one" in ids and "yaohai-talent-subsidy" not in ids
    assert sample.ok("list") == fresh(sample)
    assert "new-one" in sample.ok("list")


def test_settings_and_undo_leave_the_rows_to_the_next_list(sample):
    sample.ok("list")
    sample.ok("config", "lag.year", "400d")
    assert sample.ok("list") == fresh(sample)
    sample.ok("undo")
    assert sample.ok("list") == fresh(sample)


def test_an_edit_by_hand_that_keeps_size_and_times_is_still_seen(sample):
    sample.ok("list")
    raw = sample.db.read_bytes()
    st = os.stat(sample.db)
    edited = raw.replace(b'"target": 10,', b'"target": 90,', 1)
    assert edited != raw and len(edited) == len(raw)
    sample.db.write_bytes(edited)
    os.utime(sample.db, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert sample.ok("list") == fresh(sample)
    assert "90" in sample.ok("list")


def test_a_damaged_store_is_an_error_whatever_was_kept(sample):
    sample.ok("list")
    sample.db.write_bytes(b"{ not json")
    r = sample("list")
    assert r.code == 3 and "corrupt" in r.err and r.out == ""
    sample.db.unlink()
    r = sample("list")
    assert r.code == 3 and "no store here" in r.err


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_damaged_cache_file_is_only_a_miss(sample, damage):
    expected = sample.ok("list")
    kept = kept_files()[0]
    raw = kept.read_bytes()
    kept.write_bytes(
        {
            "truncate": raw[: len(raw) // 2],
            "flip": raw[:-5] + bytes([raw[-5] ^ 0xFF]) + raw[-4:],
            "garbage": os.urandom(300),
            "empty": b"",
        }[damage]
    )
    assert sample.ok("list") == expected
    assert kept.read_bytes() == raw  # judged again and kept again, whole


def test_rows_of_another_language_are_a_miss(sample):
    english = sample.ok("list")
    chinese = sample.ok("--lang", "zh", "list")
    assert chinese != english and chinese == sample.ok("--no-cache", "--lang", "zh", "list")
    assert sample.ok("list") == english


def test_an_unwritable_cache_folder_only_costs_time(sample, tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert sample.ok("list") == fresh(sample)
    sample.ok("update", "sh-robot-brands", "9", "--date", "2026-06", "-q")
    assert sample.ok("list") == fresh(sample)


def test_kept_rows_still_wait_for_a_writer(sample):
    """Readers take the shared lock, kept rows or not: never a store between two writes of one command."""
    import fcntl

    sample.ok("list")
    fd = os.open(str(sample.db) + ".lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        r = sample("list", env={"TARGETTRACK_LOCK_TIMEOUT": "0.2"})
        assert r.code == 3 and "locked" in r.err and r.out == ""
    finally:
        os.close(fd)
    assert sample.ok("list") == fresh(sample)


def test_cache_path_and_clear(sample):
    assert sample.ok("cache", "path", db=False).strip() == str(rowcache.folder())
    sample.ok("list")
    assert kept_files()
    r = sample("cache", "clear", db=False)
    assert r.code == 0 and "removed 1 cached file" in r.err and r.out == ""
    assert kept_files() == []
    r = sample("cache", "tidy", db=False)
    assert r.code == 2 and "ACTION: 'tidy' is not one of path, clear" in r.err


def test_the_installed_command_keeps_and_reads_rows(sample, tmp_path):
    """Whole processes, as cron runs them: the second list reads the kept rows."""
    exe = Path(sys.executable).with_name("targettrack")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "proc-cache")}
    run = [str(exe), "--db", str(sample.db), "list"]
    first = subprocess.run(run, capture_output=True, env=env, timeout=60, check=True).stdout
    assert list((tmp_path / "proc-cache" / "targettrack").glob("*.rows"))
    second = subprocess.run(run, capture_output=True, env=env, timeout=60, check=True).stdout
    assert first == second and b"sh-robot-brands" in first


# --- export's kept pieces (exportcache.py) ------------------------------------------


def test_export_reads_the_same_with_kept_pieces_and_after_changes(sample):
    """Kept for a store targettrack wrote (its lines were checked); a changed line misses."""

    def exported(*args):
        return "\n".join(line for line in sample.ok(*args, "export").splitlines() if '"exported_at"' not in line)

    sample.ok("update", "sh-robot-scenarios", "40", "--date", "2025", "-q")  # the store is now targettrack's own
    plain = exported("--no-cache")
    assert exported() == plain  # the first keeps the pieces
    assert exported() == plain  # the second writes them
    assert list(rowcache.folder().glob("*.export"))
    sample.ok("update", "sh-robot-brands", "9", "--date", "2026-06", "-q")
    sample.ok("remove", "yaohai-talent-subsidy", "--yes")
    after = exported("--no-cache")
    assert after != plain and exported() == after and exported() == after


@pytest.mark.parametrize("damage", ["truncate", "garbage"])
def test_a_damaged_export_cache_is_only_a_miss(sample, damage):
    sample.ok("update", "sh-robot-scenarios", "40", "--date", "2025", "-q")
    sample.ok("export")
    kept = next(rowcache.folder().glob("*.export"))
    raw = kept.read_bytes()
    kept.write_bytes(raw[: len(raw) // 2] if damage == "truncate" else os.urandom(200))
    body = [line for line in sample.ok("export").splitlines() if '"exported_at"' not in line]
    assert body == [line for line in sample.ok("--no-cache", "export").splitlines() if '"exported_at"' not in line]


def test_cache_clear_removes_the_export_pieces_too(sample):
    sample.ok("update", "sh-robot-scenarios", "40", "--date", "2025", "-q")
    sample.ok("list")
    sample.ok("export")
    r = sample("cache", "clear", db=False)
    assert "removed 2 cached file" in r.err and kept_files() == [] and not list(rowcache.folder().glob("*.export"))


# --- after other hands: the rows of unchanged lines are kept -------------------------


def _count_judging(monkeypatch) -> list:
    from targettrack.judge import assess as assess_module

    calls = []
    real = assess_module.assess

    def counting(t, *a, **k):
        calls.append(t.id)
        return real(t, *a, **k)

    monkeypatch.setattr(assess_module, "assess", counting)
    return calls


def test_a_hand_edit_judges_only_the_lines_it_changed(plan, monkeypatch):
    plan.ok("update", "cn-urbanization", "66", "--date", "2025", "-q")  # targettrack's own layout
    plan.ok("list")
    raw = plan.db.read_bytes()
    edited = raw.replace(b'"title": "\\u5e38\\u4f4f\\u4eba\\u53e3\\u57ce\\u9547\\u5316\\u7387"', b'"title": "x"')
    if edited == raw:  # titles are stored as UTF-8
        edited = raw.replace("常住人口城镇化率".encode(), "城镇化率（手改）".encode())
    assert edited != raw
    plan.db.write_bytes(edited)
    calls = _count_judging(monkeypatch)
    assert plan.ok("list") == fresh(plan)
    assert calls.count("cn-urbanization") >= 1 and len(set(calls) - {"cn-urbanization"}) == 0
    calls.clear()
    plan.ok("list")
    assert calls == []  # kept again, for the new bytes


def test_changed_settings_judge_everything_again(plan, monkeypatch):
    plan.ok("update", "cn-urbanization", "66", "--date", "2025", "-q")
    plan.ok("list")
    raw = plan.db.read_bytes()
    edited = raw.replace(b'"schema": 4}', b'"schema": 4, "settings": {"lag.year": "400d"}}', 1)
    assert edited != raw
    plan.db.write_bytes(edited)
    calls = _count_judging(monkeypatch)
    assert plan.ok("list") == fresh(plan)
    assert len(set(calls)) == 17


@pytest.mark.parametrize("damage", ["bad json", "duplicate id"])
def test_a_damaged_line_is_an_error_whatever_was_kept(plan, damage):
    plan.ok("update", "cn-urbanization", "66", "--date", "2025", "-q")
    plan.ok("list")
    from targettrack.store import fileformat as layout

    blocks = layout.split(plan.db.read_bytes())
    docs = dict(blocks.docs)
    if damage == "bad json":
        docs["3"] = docs["3"].replace(b'"id": ', b'"id" ', 1)
    else:
        docs["3"] = docs["2"].replace(b'"2": {', b'"3": {', 1)  # target 2's block again, as number 3
    plan.db.write_bytes(layout.join(layout.Lines(blocks.meta, docs)))
    r = plan("list")
    assert r.code == 3 and "corrupt" in r.err and r.out == ""


def test_rows_drawn_for_wide_ambiguous_characters_are_a_miss(tmp_path):
    """TARGETTRACK_CJK_WIDTH=2 changes the widths kept with the cells: whole processes, as it is read at start-up."""
    db = tmp_path / "s.json"
    db.write_bytes(SHIPPED.read_bytes())
    text = db.read_text(encoding="utf-8").replace('"unit": "家"', '"unit": "①①①①①①家"', 1)
    assert "①" in text
    db.write_text(text, encoding="utf-8")
    exe = Path(sys.executable).with_name("targettrack")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "c")}

    def listed(**more):
        return subprocess.run(
            [str(exe), "--db", str(db), "list"], capture_output=True, timeout=60, check=True, env={**env, **more}
        ).stdout

    narrow = listed()
    wide = listed(TARGETTRACK_CJK_WIDTH="2")
    assert wide == listed(TARGETTRACK_CJK_WIDTH="2") and wide != narrow
    assert (
        wide
        == subprocess.run(
            [str(exe), "--no-cache", "--db", str(db), "list"],
            capture_output=True,
            timeout=60,
            env={**env, "TARGETTRACK_CJK_WIDTH": "2"},
        ).stdout
    )
    assert listed() == narrow


def test_rows_that_expire_on_a_new_year_are_found_in_one_pass_not_one_search_each(tmp_path, monkeypatch):
    """Issue 36, item 1: each expiring row resolved by a search of the whole file made the first list
    of 1 January 10x slower than --no-cache; they are found through one index of the file's ids."""
    from targettrack.store import fileformat as layout

    t = TT(tmp_path / "targets.json")
    t.ok("init")
    for i in range(40):
        t.ok("add", f"t{i:02}", "--title", f"target {i}", "--target", "100", "--deadline", "2026-12-31")
        t.ok("update", f"t{i:02}", str(10 + i), "--date", "2026-06-30", "-q")  # the deadline passes tonight
    t.ok("list", env={"TARGETTRACK_TODAY": "2026-12-30"})
    searches = []
    real = layout.find_id

    def counting(*a, **k):
        searches.append(a[1])
        return real(*a, **k)

    monkeypatch.setattr(layout, "find_id", counting)
    calls = _count_judging(monkeypatch)
    new_year = {"TARGETTRACK_TODAY": "2027-01-01"}
    assert t.ok("list", env=new_year) == fresh(t, env=new_year)
    assert len(set(calls)) >= 40  # every row expired: the test measures the case it means to
    assert len(searches) <= 1, searches


def test_two_languages_alternating_each_read_their_own_rows(sample, monkeypatch):
    """Issue 36, item 2: an English list beside a Chinese cron report judged the whole store every time."""
    english, chinese = sample.ok("list"), sample.ok("--lang", "zh", "list")
    by_env = sample.ok("list", env={"TARGETTRACK_LANG": "zh"})
    assert len(kept_files()) == 2 and by_env == chinese
    calls = _count_judging(monkeypatch)
    for _ in range(2):
        assert sample.ok("list") == english
        assert sample.ok("--lang", "zh", "list") == chinese
    assert calls == []
    sample.ok("update", "sh-robot-brands", "7", "--date", "2024", "-q")  # patches the rows of its language
    assert calls == ["sh-robot-brands"]
    assert sample.ok("--lang", "zh", "list") == sample.ok("--no-cache", "--lang", "zh", "list")
    assert calls.count("sh-robot-brands") == 2 and set(calls) == {"sh-robot-brands"}  # the other: its line alone
    assert sample.ok("list") == sample.ok("--no-cache", "list")


def test_a_locale_in_chinese_and_the_store_configured_for_chinese(sample):
    sample.ok("config", "lang", "zh")
    plain = sample.ok("list")
    assert plain == sample.ok("--lang", "zh", "list") == sample.ok("list", env={"LANG": "zh_CN.UTF-8"})
    assert sample.ok("list", env={"LANG": "zh_CN.UTF-8"}) == plain == sample.ok("--no-cache", "list")
    assert sample.ok("--lang", "en", "list") == sample.ok("--no-cache", "--lang", "en", "list") != plain
