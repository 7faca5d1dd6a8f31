"""Issue 16, sharing: the three-way merge (pure), and two analysts exchanging a
store through a real git remote, with targettrack as git's merge driver."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from targettrack.store.fileformat import dumps
from targettrack.store.merge import merge
from targettrack.store.storefile import empty_data, parse

BIN = Path(sys.executable).parent
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def data(*targets):
    d = empty_data()
    d["targets"] = {str(i): t for i, t in enumerate(targets, 1)}
    return d


def T(tid, **kw):
    doc = {"id": tid, "title": tid, "kind": "increase", "target": 10, "deadline": "2025"}
    doc.update(kw)
    return doc


def O(date, value, at="2026-01-01T00:00:00Z"):
    return {"date": date, "value": value, "recorded_at": at}


def ids(d):
    return [t["id"] for _, t in sorted(d["targets"].items(), key=lambda kv: int(kv[0]))]


def test_adds_on_both_sides_both_stay_renumbered():
    base = data(T("a"))
    m = merge(base, data(T("a"), T("x")), data(T("a"), T("b")))
    assert ids(m.data) == ["a", "b", "x"] and list(m.data["targets"]) == ["1", "2", "3"] and not m.conflicts


def test_values_are_a_union_and_the_later_recording_counts():
    base = data(T("a", observations=[O("2023", 1)]))
    ours = data(T("a", observations=[O("2023", 1), O("2024", 5, "2026-02-01T00:00:00Z")]))
    theirs = data(T("a", observations=[O("2023", 1), O("2024", 6, "2026-02-02T00:00:00Z")]))
    m = merge(base, ours, theirs)
    obs = m.data["targets"]["1"]["observations"]
    assert [o["value"] for o in obs] == [1, 5, 6]
    # two values for one period from two sides are a conflict (issue 31): someone says which is right
    assert [(c.id, c.field, c.ours, c.theirs) for c in m.conflicts] == [("a", "value 2024", 5, 6)]
    assert "2024 was recorded on both sides (5 and 6)" in m.notes[0] and "6, recorded later, counts" in m.notes[0]
    # a value deleted on one side stays deleted
    deleted = data(T("a"))
    assert "observations" not in merge(base, deleted, base).data["targets"]["1"]


def test_fields_changed_on_one_side_or_the_same_way_merge_and_different_changes_conflict():
    base = data(T("a", owner="x", plan="p"))
    m = merge(base, data(T("a", owner="y", plan="p")), data(T("a", owner="x", plan="q")))
    assert (m.data["targets"]["1"]["owner"], m.data["targets"]["1"]["plan"]) == ("y", "q") and not m.conflicts
    m = merge(base, data(T("a", owner="y")), data(T("a", owner="z")))
    assert [(c.id, c.field, c.ours, c.theirs) for c in m.conflicts] == [("a", "owner", "y", "z")]
    assert m.data["targets"]["1"]["owner"] == "y"  # ours, and the store stays valid


def test_removed_on_one_side_and_changed_on_the_other_keeps_the_change_as_a_conflict():
    base = data(T("a"), T("b"))
    m = merge(base, data(T("b")), data(T("a", observations=[O("2024", 3)]), T("b")))
    assert ids(m.data) == ["a", "b"] and [(c.id, c.field) for c in m.conflicts] == [("a", "(target)")]
    assert ids(merge(base, data(T("b")), base).data) == ["b"]  # removed, untouched there: removed


def test_a_merge_that_would_make_an_invalid_target_keeps_ours():
    base = data(T("a"))
    m = merge(base, data(T("a", kind="milestone", target=None)), data(T("a", target=20)))
    assert m.conflicts and m.data["targets"]["1"]["kind"] == "milestone"


# --- the property: merging is the same in either order ---------------------------------------

actions = st.lists(
    st.tuples(st.sampled_from(["add", "update", "note", "remove"]), st.integers(0, 3), st.integers(1, 99)), max_size=6
)


def _apply(base, acts, side):
    d = json.loads(json.dumps(base))
    by = {t["id"]: t for t in d["targets"].values()}
    for n, (act, i, v) in enumerate(acts):
        tid = f"t{i}"
        if act == "add" and tid not in by:
            by[tid] = T(tid)
        elif act == "update" and tid in by:
            by[tid].setdefault("observations", []).append(
                O(f"{2020 + v % 6}", v, f"2026-0{1 + n % 9}-01T00:00:0{side}Z")
            )
        elif act == "note" and tid in by:
            by[tid]["owner"] = f"{side}-{v}"
        elif act == "remove" and tid in by:
            del by[tid]
    d["targets"] = {str(k): t for k, t in enumerate(by.values(), 1)}
    return d


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions, actions)
def test_merging_gives_the_same_targets_and_values_in_either_order(a, b):
    base = data(T("t0", observations=[O("2020", 1)]), T("t1"))
    ours, theirs = _apply(base, a, 1), _apply(base, b, 2)
    one, two = merge(base, ours, theirs), merge(base, theirs, ours)
    assert ids(one.data) == ids(two.data)
    # One id added on both sides for two targets: each side's target is kept whole, and which of the two
    # keeps the id is the one thing that depends on the order (issue 30), as which side a conflict keeps.
    twice = {c.id for c in one.conflicts if c.field == "(added twice)"}
    twice |= {f"{i}-theirs" for i in twice}
    pairs = [
        ({**x, "id": ""}, {**y, "id": ""})
        for x, y in zip(one.data["targets"].values(), two.data["targets"].values())
        if x["id"] in twice
    ]
    assert sorted(map(json.dumps, (p for p, _ in pairs))) == sorted(map(json.dumps, (q for _, q in pairs)))
    for x, y in zip(one.data["targets"].values(), two.data["targets"].values()):
        if x["id"] in twice:
            continue
        assert x.get("observations") == y.get("observations")
        if not any(c.id == x["id"] for c in one.conflicts):
            assert x == y
    # every value either side recorded is still there, unless the other side removed the target untouched
    added_twice = {c.id: c.theirs for c in one.conflicts if c.field == "(added twice)"}
    for side in (ours, theirs):
        for t in side["targets"].values():
            tid = added_twice.get(t["id"], t["id"]) if side is theirs else t["id"]  # theirs' copy: ID-theirs
            if tid in ids(one.data):
                merged = next(m for m in one.data["targets"].values() if m["id"] == tid)
                assert all(
                    o in merged.get("observations", [])
                    for o in t.get("observations", [])
                    if o not in base["targets"]["1"].get("observations", [])
                )
    assert parse(Path("m"), dumps(one.data).encode()) == one.data  # a valid, deterministic store


# --- two analysts, one remote ------------------------------------------------------------


def _env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "TARGETTRACK_"))}
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        HOME=str(home),
        TARGETTRACK_TODAY="2026-11-26",
        GIT_AUTHOR_NAME="a",
        GIT_AUTHOR_EMAIL="a@x",
        GIT_COMMITTER_NAME="a",
        GIT_COMMITTER_EMAIL="a@x",
    )
    return env


class Analyst:
    def __init__(self, work: Path, env: dict):
        self.work, self.env = work, env

    def run(self, *args, ok=True):
        r = subprocess.run(list(args), cwd=self.work, env=self.env, capture_output=True, text=True, timeout=120)
        if ok:
            assert r.returncode == 0, (args, r.stdout, r.stderr)
        return r

    def tt(self, *args, ok=True):
        return self.run("targettrack", "--db", "targets.json", *args, ok=ok)

    def git(self, *args, ok=True):
        return self.run("git", *args, ok=ok)


@pytest.fixture
def team(tmp_path):
    env = _env(tmp_path)
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(tmp_path / "remote.git")], check=True, env=env)
    a = Analyst(tmp_path / "a", {**env, "TARGETTRACK_USER": "王芳"})
    subprocess.run(
        ["git", "clone", "-q", str(tmp_path / "remote.git"), str(a.work)], check=True, env=env, capture_output=True
    )
    a.tt("init", "--sample")
    out = a.tt("git-setup").stdout
    assert "merge=targettrack" in out and "targets.json.backups/" in out
    assert "already" in a.tt("git-setup").stdout  # idempotent
    a.git("add", ".")
    a.git("commit", "-qm", "the shipped store")
    a.git("push", "-q", "origin", "HEAD:main")
    b = Analyst(tmp_path / "b", {**env, "TARGETTRACK_USER": "李明"})
    subprocess.run(
        ["git", "clone", "-q", str(tmp_path / "remote.git"), str(b.work)], check=True, env=env, capture_output=True
    )
    b.tt("git-setup")  # the driver is registered per clone (git config is not pushed)
    return a, b


def _sync(first: Analyst, second: Analyst, message="b's change"):
    first.git("commit", "-qam", "a's change")
    first.git("push", "-q", "origin", "HEAD:main")
    second.git("commit", "-qam", message)
    return second.git("pull", "-q", "--no-rebase", "origin", "main", ok=False)


def test_two_analysts_add_and_update_and_pull_without_a_conflict(team):
    a, b = team
    a.tt("update", "sh-robot-industry", "850", "--date", "2025")
    a.tt("add", "a-new", "--title", "甲", "--target", "5", "--deadline", "2027")
    b.tt("update", "sh-robot-brands", "8", "--date", "2025")
    b.tt("add", "b-new", "--title", "乙", "--target", "7", "--deadline", "2027")
    r = _sync(a, b)
    assert r.returncode == 0, r.stderr
    rows = {t["id"]: t for t in json.loads(b.tt("list", "-f", "json").stdout)}
    assert {"a-new", "b-new"} <= set(rows) and rows["sh-robot-industry"]["current"] == 850
    assert rows["sh-robot-brands"]["current"] == 8 and len(rows) == 13
    assert b.tt("doctor").returncode == 0
    assert "no merge conflicts" in b.tt("conflicts").stdout


def test_the_same_field_edited_differently_is_a_conflict_the_store_stays_valid(team):
    a, b = team
    a.tt("edit", "sh-robot-brands", "--owner", "上海市经信委")
    b.tt("edit", "sh-robot-brands", "--owner", "上海市科委")
    b.tt("update", "sh-robot-scenarios", "60", "--date", "2025")
    r = _sync(a, b)
    assert r.returncode != 0 and "merge conflict: sh-robot-brands: owner" in r.stderr
    rows = {t["id"]: t for t in json.loads(b.tt("list", "-f", "json").stdout)}  # loads: valid
    assert rows["sh-robot-brands"]["owner"] == "上海市科委" and rows["sh-robot-scenarios"]["current"] == 60
    assert "merge conflict(s) from git" in b.tt("doctor").stdout + b.tt("doctor").stderr
    listed = b.tt("conflicts").stdout
    assert 'sh-robot-brands: owner is "上海市科委" in HEAD (' in listed and "上海市经信委" in listed
    assert "1 merge conflict settled" in b.tt("edit", "sh-robot-brands", "--owner", "上海市经信委").stdout
    assert "no merge conflicts" in b.tt("conflicts").stdout
    b.git("commit", "-qam", "settled")
    assert b.git("status", "--porcelain").stdout.strip() == ""  # the conflicts file is ignored


def test_a_removal_against_an_update_keeps_the_update(team):
    a, b = team
    a.tt("remove", "sh-robot-brands", "--yes")
    b.tt("update", "sh-robot-brands", "9", "--date", "2025")
    r = _sync(a, b)
    assert r.returncode != 0 and "sh-robot-brands: removed in the pulled commit (" in r.stderr
    rows = {t["id"]: t for t in json.loads(b.tt("list", "-f", "json").stdout)}
    assert rows["sh-robot-brands"]["current"] == 9  # no recorded value is lost


def test_the_same_period_recorded_on_both_sides_and_different_fields_of_one_target(team):
    a, b = team
    a.run("targettrack", "--db", "targets.json", "update", "sh-robot-industry", "850", "--date", "2025")
    a.tt("edit", "sh-robot-industry", "--owner", "上海市经信委")
    b.env = {**b.env, "TARGETTRACK_TODAY": "2026-11-27"}  # recorded a day later
    b.tt("update", "sh-robot-industry", "870", "--date", "2025")
    b.tt("edit", "sh-robot-industry", "--plan", "shanghai-2025")
    r = _sync(a, b)
    assert r.returncode == 1, r.stderr  # two values for one period: a conflict to settle (issue 31)
    assert "2025 was recorded on both sides (850 by 王芳 and 870 by 李明)" in r.stderr  # who did (issue 31)
    assert "870 by 李明, recorded later, counts" in r.stderr
    row = json.loads(b.tt("show", "sh-robot-industry", "-f", "json").stdout)
    assert (row["current"], row["owner"], row["plan"]) == (870, "上海市经信委", "shanghai-2025")
    assert [(o["value"], o["superseded"]) for o in row["observations"]] == [(850, True), (870, False)]
