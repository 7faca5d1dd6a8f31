"""A change to a store as a reviewer reads it (issue 31, item 1): storediff's two views, `targettrack diff`
and the textconv that `git diff` runs once `git-setup` has."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHIPPED, TT, assert_one_line_error
from conftest import store_data as data

from targettrack.store.diff import changes, lines

SCRIPT = Path(sys.executable).parent / "targettrack"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def T(tid, **kw):
    doc = {"id": tid, "title": tid, "kind": "increase", "target": 10, "deadline": "2027", "unit": "家"}
    doc.update(kw)
    return doc


def O(date, value, by=None):
    o = {"date": date, "value": value, "recorded_at": "2026-01-01T00:00:00Z"}
    if by:
        o["recorded_by"] = by
    return o


def test_changes_names_each_target_field_and_value_by_its_period():
    old = data(T("a", observations=[O("2024", 3)]), T("gone"), T("b", owner="x"))
    new = data(
        T("a", observations=[O("2024", 3), O("2024", 4, "王芳"), O("2025", 6)]),
        T("b", owner="y", edited_by="李雷"),
        T("new", observations=[O("2025", 1)], created_by="张三"),
    )
    assert changes(old, new) == [
        "a: 2024 value 4家 (was 3家), recorded by 王芳",  # a revision is a change of the value in effect
        "a: 2025 value 6家",
        "b: owner y (was x), edited by 李雷",
        "gone: removed (gone)",
        "new: added (new), recorded by 张三",
        "new: 2025 value 1家",
    ]
    assert changes(new, new) == []
    assert changes(None, data()) == []


def test_a_value_deleted_and_a_store_that_did_not_exist():
    assert changes(data(T("a", observations=[O("2024", 3)])), data(T("a"))) == ["a: 2024 value deleted (was 3家)"]
    assert changes(None, data(T("a"))) == ["a: added (a)"]


def test_lines_are_one_per_field_and_value_and_mark_a_superseded_value():
    out = lines(data(T("a", observations=[O("2024", 3), O("2024", 4, "王芳")])))
    assert "a  target  10" in out and 'a  unit  "家"' in out
    values = [x for x in out if x.startswith("a  2024")]
    assert values == ["a  2024  3家  (superseded)  2026-01-01", "a  2024  4家  2026-01-01  王芳"]
    assert all("\n" not in x for x in out)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-c", "user.name=王芳", "-c", "user.email=wf@example.org", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )


def _tt(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), "--db", "targets.json", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def repo(tmp_path):
    shutil.copy(SHIPPED, tmp_path / "targets.json")
    _git(tmp_path, "init", "-q")
    assert _tt(tmp_path, "git-setup").returncode == 0
    _git(tmp_path, "add", "-A")
    assert _git(tmp_path, "commit", "-qm", "store").returncode == 0
    return tmp_path


def test_git_diff_shows_one_line_per_value_in_words_and_the_raw_diff_is_short(repo):
    assert _tt(repo, "update", "sh-robot-brands", "7", "--date", "2024", "--by-user", "王芳").returncode == 0
    raw = _git(repo, "diff", "--no-textconv", "-U0").stdout
    changed = [x for x in raw.splitlines() if x[:1] in "+-" and not x.startswith(("+++", "---"))]
    assert len(changed) <= 4 and max(map(len, changed)) < 200, raw  # not the target's whole line
    words = _git(repo, "diff", "-U0").stdout
    added = [x for x in words.splitlines() if x.startswith("+") and not x.startswith("+++")]
    assert added == ["+sh-robot-brands  2024  7家  " + added[0].split("  ")[3] + "  王芳"], words
    shown = _tt(repo, "diff")
    assert shown.returncode == 0 and shown.stdout == "sh-robot-brands: 2024 value 7家, recorded by 王芳\n"


def test_diff_against_an_older_revision_and_when_nothing_changed(repo):
    nothing = _tt(repo, "diff")
    assert nothing.returncode == 0 and nothing.stdout == "" and "no change since HEAD" in nothing.stderr
    _tt(repo, "edit", "sh-robot-brands", "--owner", "上海市经信委", "--by-user", "李雷")
    _git(repo, "commit", "-qam", "owner")
    assert _tt(repo, "diff").stdout == ""
    older = _tt(repo, "diff", "HEAD~1").stdout
    assert older == "sh-robot-brands: owner 上海市经信委 (was 上海市人民政府), edited by 李雷\n"


def test_diff_outside_git_or_at_an_unknown_revision_is_a_one_line_error(tmp_path_factory, repo):
    alone = tmp_path_factory.mktemp("alone")
    t = TT(alone / "targets.json")
    shutil.copy(SHIPPED, t.db)
    assert_one_line_error(t("diff"), 2, "not in a git work tree")
    bad = TT(repo / "targets.json")
    before = bad.digest()
    assert_one_line_error(bad("diff", "no-such-rev"), 2, "REV", "no-such-rev")
    assert bad.digest() == before


def test_textconv_of_something_that_is_not_a_store_shows_its_text(tmp_path):
    f = tmp_path / "x.json"
    f.write_text("<<<<<<< ours\n{}\n", encoding="utf-8")
    r = subprocess.run([str(SCRIPT), "textconv", str(f)], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout == "<<<<<<< ours\n{}\n"
    empty = tmp_path / "e.json"
    empty.write_bytes(b"")
    assert subprocess.run([str(SCRIPT), "textconv", str(empty)], capture_output=True, text=True).stdout == ""
