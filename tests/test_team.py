"""A team on one store (issue 31): who recorded what."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TT

from targettrack.util.who import user

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
    assert user(None, store, env) == "王芳"  # the repository's own config wins
    assert user(None, str(tmp_path / "elsewhere" / "t.json"), env) == "Li Ming"  # else the user's
    assert user(None, str(tmp_path / "t.json"), {"HOME": str(tmp_path / "nohome"), "LOGNAME": "wf"}) == "wf"


def test_every_value_addition_and_edit_says_who(tt, tmp_path):
    tt.ok("add", "x", "--title", "x", "--target", "10", "--deadline", "2027", "--by-user", "王芳")
    tt.ok("update", "x", "3", "--date", "2024", "--by-user", "李明")
    tt.ok("update", "x", "4", "--date", "2025")  # TARGETTRACK_USER (conftest: analyst)
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
    r = subprocess.run(
        [str(SCRIPT), "--db", str(t.db), "update", "x", "3", "--date", "2024", "--by-user", "王芳"],
        capture_output=True,
        text=True,
    )
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
    assert ", by 王芳" in listed and "sh-robot-industry: 2025 was recorded as 870 in HEAD" in listed
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
    for args, words in (
        (("conflicts", "settle", "sh-robot-brands"), "one of --ours"),
        (("conflicts", "settle", "nope", "--ours"), "nope has no merge conflict"),
        (("conflicts", "frobnicate"), "settle ID [FIELD]"),
    ):
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


# --- sheets as offices save them ----------------------------------------------------------


def _exported(sample) -> str:
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024", "--note", "两家")
    return sample.ok("export", "-f", "csv")


def test_an_export_resaved_as_libreoffice_saves_csv_imports_back(sample, tmp_path):
    text = _exported(sample)
    lines = text.rstrip("\n").split("\n")
    width = max(len(line.split(",")) for line in lines)  # (quoted commas make some wider: padded all the same)
    saved = "\n".join(line + "," * (width - line.count(",") - 1) if line else "," * (width - 1) for line in lines)
    path = tmp_path / "saved.csv"
    path.write_text(saved + "\n", encoding="utf-8")
    other = TT(tmp_path / "other.json")
    other.ok("init")
    out = other.ok("import", str(path))
    assert "add 11 target(s)" in out
    assert other.ok("export", "-f", "csv") == text


@pytest.mark.parametrize("sep, encoding", [("\t", "utf-16"), (";", "utf-8"), ("\t", "utf-8")])
def test_tab_and_semicolon_separated_files_and_excels_unicode_text_import(tt, tmp_path, sep, encoding):
    rows = [["id", "title", "target", "deadline"], ["a", "粮食, 产量", "6.5亿吨以上", "2025"]]
    path = tmp_path / "t.txt"
    path.write_bytes(
        ("\r\n".join(sep.join(f'"{c}"' if "," in c else c for c in r) for r in rows) + "\r\n").encode(encoding)
    )
    r = tt("import", str(path))
    assert r.code == 0, r.err
    assert json.loads(tt.ok("show", "a", "-f", "json"))["title"] == "粮食, 产量"


def test_a_title_above_the_header_and_a_two_row_header_are_skipped_and_said(tt, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("十四五规划主要目标,,,\n目标,,期限,\nid,title,target,deadline\na,A,10,2027\n", encoding="utf-8")
    r = tt("import", str(path))
    assert r.code == 0, r.err
    assert "skipped '十四五规划主要目标' above the header row" in r.err and "skipped '目标 期限'" in r.err
    gap = tmp_path / "gap.csv"
    gap.write_text("id,title,,deadline\na,A,10,2027\n", encoding="utf-8")
    r = tt("import", str(gap))
    assert r.code == 2 and "column C has no name" in r.err


def test_a_number_a_spreadsheet_cut_to_fifteen_digits_is_warned_of(tt, tmp_path):
    tt.ok("add", "a", "--title", "a", "--target", "1e17", "--deadline", "2030")
    path = tmp_path / "o.csv"
    path.write_text("id,date,value\na,2024,1.23456789012346E+016\n", encoding="utf-8")
    r = tt("import", str(path))
    assert r.code == 0 and "12345678901234600) may have lost digits in a spreadsheet" in r.err


def test_big5_is_read_as_big5_and_gbk_as_gb18030(tt, tmp_path):
    text = "id,title,target,deadline\na,糧食總產量穩定在目標以上,10,2027\n"
    big5 = tmp_path / "big5.csv"
    big5.write_bytes(text.encode("big5"))
    r = tt("import", str(big5))
    assert r.code == 0 and "read as BIG5" in r.err
    assert json.loads(tt.ok("show", "a", "-f", "json"))["title"] == "糧食總產量穩定在目標以上"
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("id,title,target,deadline\nb,粮食总产量稳定在目标以上,10,2027\n".encode("gbk"))
    r = tt("import", str(gbk))
    assert r.code == 0 and "read as GB18030" in r.err
    assert json.loads(tt.ok("show", "b", "-f", "json"))["title"] == "粮食总产量稳定在目标以上"
    c = tmp_path / "c.csv"
    c.write_bytes("id,title,target,deadline\nc,台灣,10,2027\n".encode("big5"))
    tt.ok("import", str(c), "--encoding", "big5")
    assert json.loads(tt.ok("show", "c", "-f", "json"))["title"] == "台灣"


@pytest.mark.skipif(
    not shutil.which("soffice") and not shutil.which("libreoffice"), reason="LibreOffice is not installed"
)
def test_an_export_through_libreoffice_itself_imports_back(sample, tmp_path):
    text = _exported(sample)
    src = tmp_path / "export.csv"
    src.write_text(text, encoding="utf-8")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    out = tmp_path / "out"
    subprocess.run(
        [
            office,
            "--headless",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
            str(out),
            str(src),
        ],
        capture_output=True,
        timeout=180,
    )
    other = TT(tmp_path / "other.json")
    other.ok("init")
    assert "add 11 target(s)" in other.ok("import", str(out / "export.csv"))
