"""A team on one store (issue 31): who recorded what."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TT
from targettrack.who import user

SCRIPT = Path(sys.executable).parent / "targettrack"


def test_who_records_is_the_option_then_the_variable_then_git_then_the_login(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git" / "config").write_text('[core]\n\tbare = false\n[user]\n\tname = "王芳"\n')
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("[user]\n    name = Li Ming ; a comment\n")
    store = str(repo / "targets.json")
    env = {"HOME": str(home), "LOGNAME": "wf"}
    assert user("张伟", store, {**env, "TARGETTRACK_USER": "赵六"}) == "张伟"
    assert user(None, store, {**env, "TARGETTRACK_USER": "赵六"}) == "赵六"
    assert user(None, store, env) == "王芳"                       # the repository's own config wins
    assert user(None, str(tmp_path / "elsewhere" / "t.json"), env) == "Li Ming"   # else the user's
    assert user(None, str(tmp_path / "t.json"), {"HOME": str(tmp_path / "nohome"), "LOGNAME": "wf"}) == "wf"


def test_every_value_addition_and_edit_says_who(tt, tmp_path):
    tt.ok("add", "x", "--title", "x", "--target", "10", "--deadline", "2027", "--by-user", "王芳")
    tt.ok("update", "x", "3", "--date", "2024", "--by-user", "李明")
    tt.ok("update", "x", "4", "--date", "2025")                   # TARGETTRACK_USER (conftest: analyst)
    tt.ok("edit", "x", "--owner", "某局", "--by-user", "张伟")
    history = json.loads(tt.ok("history", "x", "-f", "json"))
    assert [h["recorded_by"] for h in history] == ["李明", "analyst"]
    text = tt.ok("history", "x")
    assert text.splitlines()[0].split()[:4] == ["DATE", "VALUE", "RECORDED", "BY"] and "李明" in text
    shown = tt.ok("show", "x")
    assert "added by     王芳" in shown and "edited by    张伟" in shown and "by 李明" in shown
    record = json.loads(tt.ok("show", "x", "-f", "json"))
    assert (record["created_by"], record["edited_by"]) == ("王芳", "张伟")
    report = json.loads(tt.ok("report", "-f", "json"))
    assert {o["recorded_by"] for o in report["new_observations"]} == {"李明", "analyst"}
    assert "BY" in tt.ok("report")
    # export and import keep who recorded each value; an import records the importer for what does not say
    exported = tmp_path / "x.json"
    exported.write_text(tt.ok("export"), encoding="utf-8")
    other = TT(tmp_path / "other.json")
    other.ok("init")
    other.ok("import", str(exported), "--by-user", "importer")
    assert [h["recorded_by"] for h in json.loads(other.ok("history", "x", "-f", "json"))] == ["李明", "analyst"]
    rows = tmp_path / "o.csv"
    rows.write_text("id,date,value\nx,2026-06,5\n", encoding="utf-8")
    other.ok("import", str(rows), "--by-user", "importer")
    assert json.loads(other.ok("history", "x", "-f", "json"))[-1]["recorded_by"] == "importer"


def test_the_fast_lane_records_who_too(tmp_path):
    t = TT(tmp_path / "t.json")
    t.ok("init")
    t.ok("add", "x", "--title", "x", "--target", "10", "--deadline", "2027")
    r = subprocess.run([str(SCRIPT), "--db", str(t.db), "update", "x", "3", "--date", "2024", "--by-user", "王芳"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert json.loads(t.ok("history", "x", "-f", "json"))[0]["recorded_by"] == "王芳"


# --- conflicts settled one by one -------------------------------------------------------

from test_merge import _sync, team  # noqa: E402,F401 (the two analysts on one git remote)


def test_conflicts_are_said_in_plain_words_with_both_sides_and_who(team):
    a, b = team
    a.tt("edit", "sh-robot-brands", "--owner", "上海市经信委")
    a.tt("update", "sh-robot-industry", "850", "--date", "2025")
    b.tt("edit", "sh-robot-brands", "--owner", "上海市科委")
    b.env = {**b.env, "TARGETTRACK_TODAY": "2026-11-27"}
    b.tt("update", "sh-robot-industry", "870", "--date", "2025")
    r = _sync(a, b)
    assert r.returncode == 1
    assert "in the pulled commit (" in r.stderr and " by a)" in r.stderr  # the sides named by their commits
    listed = b.tt("conflicts").stdout
    assert "{" not in listed and "'" not in listed  # no Python dict, no repr
    assert 'sh-robot-brands: owner is "上海市科委" in HEAD (' in listed and ", by 李明" in listed
    assert ', by 王芳' in listed and "sh-robot-industry: 2025 was recorded as 870 in HEAD" in listed
    # edit settles the field it sets, and no other
    out = b.tt("edit", "sh-robot-brands", "--owner", "上海市经信委").stdout
    assert "1 merge conflict settled" in out
    assert "sh-robot-industry" in b.tt("conflicts").stdout
    # the value: theirs was right; recorded again, by the one who settled it
    out = b.tt("conflicts", "settle", "sh-robot-industry", "value 2025", "--theirs").stdout
    assert "850" in out and "no merge conflicts left" in out
    history = json.loads(b.tt("history", "sh-robot-industry", "-f", "json").stdout)
    assert history[-1]["value"] == 850 and history[-1]["recorded_by"] == "李明"
    assert b.tt("conflicts").stdout.strip() == "no merge conflicts"


def test_a_removal_against_a_change_is_settled_by_remove_or_by_settle(team):
    a, b = team
    a.tt("remove", "sh-robot-brands", "--yes")
    b.tt("update", "sh-robot-brands", "9", "--date", "2025")
    assert _sync(a, b).returncode == 1
    assert "removed in the pulled commit (" in b.tt("conflicts").stdout
    out = b.tt("remove", "sh-robot-brands", "--yes").stdout
    assert "1 merge conflict(s) settled" in out and b.tt("conflicts").stdout.strip() == "no merge conflicts"


def test_settle_refuses_what_it_cannot_do_in_one_line(team):
    a, b = team
    a.tt("edit", "sh-robot-brands", "--owner", "甲")
    b.tt("edit", "sh-robot-brands", "--owner", "乙")
    _sync(a, b)
    for args, words in ((("conflicts", "settle", "sh-robot-brands"), "one of --ours"),
                        (("conflicts", "settle", "nope", "--ours"), "nope has no merge conflict"),
                        (("conflicts", "frobnicate"), "settle ID [FIELD]")):
        r = b.tt(*args, ok=False)
        assert r.returncode == 2 and r.stderr.count("\n") == 1 and words in r.stderr, r.stderr
    out = b.tt("conflicts", "settle", "sh-robot-brands", "owner", "--value", "丙").stdout
    assert 'owner is now "丙"' in out
    assert json.loads(b.tt("show", "sh-robot-brands", "-f", "json").stdout)["owner"] == "丙"


def test_under_pull_rebase_the_merge_says_that_ours_is_the_upstream(team):
    a, b = team
    a.tt("edit", "sh-robot-brands", "--owner", "甲")
    a.git("commit", "-qam", "a")
    a.git("push", "-q", "origin", "HEAD:main")
    b.tt("edit", "sh-robot-brands", "--owner", "乙")
    b.git("commit", "-qam", "b")
    r = b.git("pull", "-q", "--rebase", "origin", "main", ok=False)
    assert r.returncode != 0
    assert "under 'git pull --rebase', ours is the upstream" in r.stderr
    assert "the upstream you are rebasing onto" in b.tt("conflicts").stdout
