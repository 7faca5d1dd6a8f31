"""Every command through the real CLI (Typer's CliRunner), today frozen."""

import csv
import io
import json

import pytest
from conftest import assert_one_line_error

CONTRACT = {
    "id",
    "title",
    "kind",
    "unit",
    "baseline",
    "baseline_date",
    "target",
    "start",
    "deadline",
    "current",
    "current_date",
    "progress",
    "expected",
    "ratio",
    "status",
    "projected_date",
    "days_left",
    "tags",
    "source",
}
STATUSES = {
    "achieved",
    "on-track",
    "at-risk",
    "off-track",
    "regressing",
    "missed",
    "within",
    "breached",
    "pending",
    "no-data",
    "not-started",
}


def test_version_and_help(tt):
    assert tt.ok("--version", db=False).strip() == "targettrack 0.1.0"
    out = tt.ok("--help", db=False)
    for cmd in ("init", "add", "update", "edit", "remove", "history", "list", "show", "info"):
        assert cmd in out


def test_no_command_shows_where_to_start_and_exits_0(tt, monkeypatch):
    monkeypatch.setenv("TARGETTRACK_DB", str(tt.db))
    r = tt(db=False)
    assert r.code == 0 and "Start with:" in r.out and "targettrack list" in r.out and "targettrack --help" in r.out
    assert f"Store: {tt.db}\n  chosen by TARGETTRACK_DB" in r.out and len(r.out.splitlines()) <= 14
    assert max(len(line) for line in r.out.splitlines() if not line.startswith("Store:")) <= 80
    monkeypatch.setenv("TARGETTRACK_DB", str(tt.db.parent / "none.json"))
    assert "'targettrack init' makes one" in tt(db=False).out
    r = tt("--db", str(tt.db), db=False)  # options and no command: a usage error, exit 2
    assert r.code == 2 and "Missing command" in r.err


def test_shipped_targets_and_statuses(sample):
    rows = json.loads(sample.ok("list", "--format", "json"))
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == {
        "sh-robot-brands",
        "sh-robot-scenarios",
        "sh-robot-industry",
        "sanofi-innovative-drugs",
        "im-l6-range",
        "im-l6-first-batch",
        "yaohai-talent-subsidy",
        "hezhou-yizhan-railway",
        "hezhou-lianhe-expressway",
        "hezhou-airport",
        "hezhou-guijiang-dredging",
    }
    assert by_id["sh-robot-industry"]["target"] == 1000 and by_id["sh-robot-industry"]["unit"] == "亿元"
    assert by_id["sh-robot-industry"]["deadline"] == "2025-12-31"
    assert by_id["sh-robot-industry"]["deadline_as_given"] == "2025"
    drugs = by_id["sanofi-innovative-drugs"]
    assert drugs["status"] == "achieved" and drugs["achieved_date"] == "2024-06-30" and drugs["current"] == 25
    assert by_id["yaohai-talent-subsidy"]["kind"] == "cap" and by_id["yaohai-talent-subsidy"]["target"] == 100
    assert by_id["yaohai-talent-subsidy"]["unit"] == "万元"
    assert by_id["hezhou-airport"]["status"] == "pending"
    for r in rows:
        assert CONTRACT <= set(r) and r["status"] in STATUSES
        assert r["source"]["quote"], r["id"]  # every shipped target quotes its source


def test_list_plain_is_aligned_and_complete(sample):
    out = sample.ok("list")  # not a terminal: plain by default
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "STATUS", "PROGRESS", "CURRENT", "TARGET", "DEADLINE", "TITLE"]
    assert "\x1b[" not in out and "│" not in out and "…" not in out
    assert "First batch of about 1000 IM L6 with the solid-state battery" in out  # English: title_en
    assert "光年固态电池首批产品预计生产1000辆" in sample.ok("--lang", "zh", "list")  # Chinese: the title
    from targettrack.util.textwidth import width

    # English titles where a target has one (the reader's language), else the title
    titles = ["TITLE"] + [r["title_en"] or r["title"] for r in json.loads(sample.ok("list", "-f", "json"))]
    # The title starts at the same display column on every line, though the
    # cells before it hold Chinese units two columns wide (1000亿元).
    starts = {width(line[: line.rindex(title)]) for line, title in zip(lines, titles)}
    assert len(starts) == 1 and len(lines) == 12


def test_list_table_keeps_titles_whole_at_any_width(sample):
    for columns in ("40", "80", "200"):
        out = sample.ok("--lang", "zh", "list", "--format", "table", env={"COLUMNS": columns})
        assert "\x1b[" not in out
        joined = "".join(out.split())
        assert "光年固态电池首批产品预计生产1000辆" in joined.replace("|", "")
        assert "…" not in out


def test_list_csv_always_has_its_header(tt, sample):
    header = tt.ok("list", "--format", "csv").splitlines()
    assert len(header) == 1 and header[0].startswith("id,title,title_en,kind,unit,baseline")
    rows = list(csv.DictReader(io.StringIO(sample.ok("list", "--format", "csv"))))
    assert len(rows) == 11
    ind = next(r for r in rows if r["id"] == "sh-robot-industry")
    assert ind["target"] == "1000" and ind["unit"] == "亿元" and ind["tags"] == "shanghai;robotics;十百千"
    assert ind["source_document"].startswith("《上海市促进智能机器人产业")


def test_list_json_of_an_empty_store_is_an_empty_array(tt):
    assert json.loads(tt.ok("list", "-f", "json")) == []


def test_list_filters_and_sorts(sample):
    def ids(*args):
        return [r["id"] for r in json.loads(sample.ok("list", "-f", "json", *args))]

    assert ids("--status", "achieved") == ["sanofi-innovative-drugs"]
    assert ids("--status", "achieved,pending")[0] == "sanofi-innovative-drugs"
    assert len(ids("--status", "pending")) == 4
    assert set(ids("--tag", "robotics")) == {"sh-robot-brands", "sh-robot-scenarios", "sh-robot-industry"}
    assert ids("--tag", "robotics", "--tag", "nope") == []
    assert set(ids("--kind", "cap")) == {"yaohai-talent-subsidy"}
    assert set(ids("--due-before", "2025")) == {"im-l6-range", "im-l6-first-batch"}
    assert ids("--sort", "id") == sorted(ids())
    assert ids("--sort", "deadline")[:2] == ["im-l6-first-batch", "im-l6-range"]
    assert ids("--sort", "status")[-1] == "sanofi-innovative-drugs"
    assert ids("--sort", "progress")[0] == "sanofi-innovative-drugs"


def test_as_of_reproduces_a_past_report(sample):
    sample.ok("update", "sh-robot-industry", "850", "--date", "2024-12-31")
    sample.ok("update", "sh-robot-industry", "900", "--date", "2025-06-30")
    past = {r["id"]: r for r in json.loads(sample.ok("list", "-f", "json", "--as-of", "2025-06-30"))}
    ind = past["sh-robot-industry"]
    # base 850 on 2024-12-31, 900 half a year later: progress 50/150, expected 181/365
    assert ind["progress"] == round(50 / 150, 4) and ind["expected"] == round(181 / 365, 4)
    assert ind["status"] == "at-risk" and ind["days_left"] == 184
    assert past["sanofi-innovative-drugs"]["status"] == "achieved"
    before = {r["id"]: r for r in json.loads(sample.ok("list", "-f", "json", "--as-of", "2020"))}
    assert before["sanofi-innovative-drugs"]["status"] == "not-started"
    now = {r["id"]: r for r in json.loads(sample.ok("list", "-f", "json"))}
    assert now["sh-robot-industry"]["status"] == "missed"


def test_add_with_units_magnitudes_and_dates(tt):
    out = tt.ok(
        "add",
        "ev-share",
        "--title",
        "新能源汽车渗透率",
        "--target",
        "45%",
        "--deadline",
        "2027年底",
        "--baseline",
        "30",
        "--baseline-date",
        "2024",
        "--tag",
        "ev,china",
        "--owner",
        "国务院",
        "--source",
        "规划",
        "--source-url",
        "https://example.org/p",
        "--source-quote",
        "达到45%",
        "--title-en",
        "NEV share",
    )
    assert out.startswith("added ev-share: 45% by 2027")
    r = json.loads(tt.ok("show", "ev-share", "-f", "json"))
    assert (r["target"], r["unit"], r["baseline"], r["baseline_date"]) == (45, "%", 30, "2024-12-31")
    assert r["start"] == "2024-01-01" and r["deadline"] == "2027-12-31" and r["tags"] == ["ev", "china"]
    assert r["source"]["url"] == "https://example.org/p" and r["title_en"] == "NEV share"
    tt.ok("add", "industry", "--title", "产业规模", "--target", "1.2万亿元", "--unit", "亿元", "--deadline", "十四五末")
    r = json.loads(tt.ok("show", "industry", "-f", "json"))
    assert (r["target"], r["unit"], r["deadline_as_given"]) == (12000, "亿元", "2025")
    tt.ok("add", "big", "--title", "x", "--target", "两千五百万", "--deadline", "2025Q3")
    r = json.loads(tt.ok("show", "big", "-f", "json"))
    assert (r["target"], r["unit"], r["deadline"]) == (25000000, None, "2025-09-30")


def test_add_cap_floor_milestone_need_no_deadline(tt):
    tt.ok("add", "subsidy", "--title", "补贴", "--kind", "cap", "--target", "100万元")
    tt.ok("add", "floor", "--title", "x", "--kind", "floor", "--target", "5")
    tt.ok("add", "airport", "--title", "机场", "--kind", "milestone")
    rows = {r["id"]: r for r in json.loads(tt.ok("list", "-f", "json"))}
    assert rows["subsidy"]["unit"] == "万元" and rows["subsidy"]["deadline"] is None
    assert rows["airport"]["status"] == "pending"


def test_update_converts_units_and_prints_one_status_line(sample):
    out = sample.ok(
        "update",
        "sh-robot-industry",
        "8500000万元",
        "--date",
        "2024-12",
        "--note",
        "统计公报",
        "--source",
        "上海市统计局",
    )
    assert out.count("\n") == 1
    # monthly values, a 2025 deadline: December 2025's value is awaited (issue 11)
    assert out.startswith(
        "sh-robot-industry: 850亿元 on 2024-12 -> awaiting-data (2025-12 value not recorded yet; "
        "too few values to judge as of 2024-12; 2025-12 data due since 2026-01-30)"
    )
    hist = json.loads(sample.ok("history", "sh-robot-industry", "-f", "json"))
    assert hist[0]["value"] == 850 and hist[0]["note"] == "统计公报" and hist[0]["source"] == "上海市统计局"
    assert hist[0]["date"] == "2024-12-31" and hist[0]["recorded_at"].endswith("Z")


def test_update_by_adds_to_the_previous_level_and_a_sign_is_a_level(sample):
    sample.ok("update", "sh-robot-brands", "4", "--date", "2024-06")
    assert "7家" in sample.ok("update", "sh-robot-brands", "--by", "3", "--date", "2024-12")
    assert "5家" in sample.ok("update", "sh-robot-brands", "--by", "-2", "--date", "2025-03")
    assert "-2家 on 2025-06" in sample.ok("update", "sh-robot-brands", "-2", "--date", "2025-06", "--quiet")
    assert "3家 on 2025-07" in sample.ok("update", "sh-robot-brands", "+3", "--date", "2025-07", "--quiet")
    hist = json.loads(sample.ok("history", "sh-robot-b", "-f", "json"))
    assert [h["value"] for h in hist] == [4, 7, 5, -2, 3]
    assert_one_line_error(sample("update", "sh-robot-scenarios", "--by", "3"), 2, "--by", "no earlier value")
    assert_one_line_error(sample("update", "sh-robot-brands", "3", "--by", "2"), 2, "do not go together")


def test_update_yoy_derives_the_level_from_the_year_before(sample):
    sample.ok(
        "add",
        "energy",
        "--title",
        "能耗",
        "--kind",
        "decrease",
        "--target",
        "86.5",
        "--baseline",
        "100",
        "--baseline-date",
        "2020",
        "--deadline",
        "2025",
    )
    out = sample.ok("update", "energy", "--yoy", "-2.7%", "--date", "2021")
    assert out.startswith("energy: 97.3 on 2021 (-2.7% on 2020) -> ")
    assert "97.2027 on 2022" in sample.ok("update", "energy", "--yoy", "-0.1", "--date", "2022")
    assert_one_line_error(
        sample("update", "energy", "--yoy", "-1%", "--date", "2024"),
        2,
        "--yoy",
        "no value for 2023",
        "record the 2023 level first",
    )
    assert_one_line_error(sample("update", "energy", "--yoy", "3km", "--date", "2023"), 2, "--yoy", "percentage")
    assert_one_line_error(sample("update", "hezhou-airport", "--yoy", "3%", "--date", "2023"), 2, "milestone")


def test_import_change_and_yoy_columns_chain_within_the_file(sample, tmp_path):
    sample.ok(
        "add",
        "energy",
        "--title",
        "能耗",
        "--kind",
        "decrease",
        "--target",
        "86.5",
        "--baseline",
        "100",
        "--baseline-date",
        "2020",
        "--deadline",
        "2025",
    )
    f = tmp_path / "in.csv"
    f.write_text("id,date,yoy,change\nenergy,2021,-2.7%,\nenergy,2022,-0.1,\nenergy,2023,,-1\n", encoding="utf-8")
    sample.ok("import", str(f))
    hist = json.loads(sample.ok("history", "energy", "-f", "json"))
    assert [h["value"] for h in hist] == [97.3, 97.2027, 96.2027]
    f.write_text("id,date,value,yoy\nenergy,2024,1,2%\n", encoding="utf-8")
    assert_one_line_error(sample("import", str(f)), 2, "row 2", "exactly one of value, change")


def test_update_uses_today_by_default_and_prefix_ids(sample):
    out = sample.ok("update", "sh-robot-sc", "40")
    assert "40个 on 2026-11-26" in out
    assert json.loads(sample.ok("show", "sh-robot-sc", "-f", "json"))["current_date"] == "2026-11-26"


def test_milestone_done_and_undone(sample):
    assert "achieved" in sample.ok("update", "hezhou-airport", "done", "--date", "2026-10")
    assert "pending" in sample.ok("update", "hezhou-airport", "undone")
    assert "achieved" in sample.ok("update", "hezhou-airport", "完成")


def test_cap_within_and_breached(sample):
    assert "-> breached" in sample.ok("update", "yaohai", "120万元")
    assert "-> within" in sample.ok("update", "yaohai", "1000000元")


def test_edit_fields_and_unset(sample):
    sample.ok(
        "edit",
        "sh-robot-brands",
        "--title",
        "新标题",
        "--owner",
        "上海市经信委",
        "--tag",
        "a,b",
        "--baseline",
        "2",
        "--baseline-date",
        "2023-01-01",
        "--deadline",
        "2026",
        "--source-url",
        "https://x",
    )
    r = json.loads(sample.ok("show", "sh-robot-brands", "-f", "json"))
    assert (r["title"], r["owner"], r["tags"], r["baseline"], r["deadline"]) == (
        "新标题",
        "上海市经信委",
        ["a", "b"],
        2,
        "2026-12-31",
    )
    assert r["source"]["url"] == "https://x" and r["source"]["quote"]  # other source fields kept
    sample.ok("edit", "sh-robot-brands", "--unset", "tags", "--unset", "owner", "--unset", "source_url")
    r = json.loads(sample.ok("show", "sh-robot-brands", "-f", "json"))
    assert r["tags"] == [] and r["owner"] is None and r["source"]["url"] is None


def test_edit_unit_converts_values_or_relabels(sample):
    sample.ok("update", "sh-robot-industry", "850", "--date", "2024-12")
    sample.ok("edit", "sh-robot-industry", "--unit", "万元")
    r = json.loads(sample.ok("show", "sh-robot-industry", "-f", "json"))
    assert (r["target"], r["unit"], r["current"]) == (10000000, "万元", 8500000)
    assert_one_line_error(sample("edit", "sh-robot-industry", "--unit", "km"), 2, "--relabel")
    sample.ok("edit", "sh-robot-brands", "--unit", "个", "--relabel")
    assert json.loads(sample.ok("show", "sh-robot-brands", "-f", "json"))["target"] == 10


def test_remove_asks_or_needs_yes(sample):
    assert_one_line_error(sample("remove", "hezhou-airport"), 2, "--yes")
    assert "removed hezhou-airport" in sample.ok("remove", "hezhou-airport", "--yes")
    assert_one_line_error(sample("show", "hezhou-airport"), 2, "no target")


def test_remove_confirms_on_a_terminal(sample, monkeypatch):
    from targettrack.cli import change

    monkeypatch.setattr(change, "interactive", lambda: True)
    monkeypatch.setattr(change.typer, "confirm", lambda msg: False)
    r = sample("remove", "hezhou-airport")
    assert r.code == 1 and "not removed" in r.err
    monkeypatch.setattr(change.typer, "confirm", lambda msg: True)
    assert "removed" in sample.ok("remove", "hezhou-airport")


def test_history_formats(sample):
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-06", "--note", "两家新品牌")
    plain = sample.ok("history", "sh-robot-brands")
    assert plain.splitlines()[0].split() == ["DATE", "VALUE", "RECORDED", "BY", "NOTE", "SOURCE"]
    assert "3家" in plain and "两家新品牌" in plain and " analyst " in plain  # who recorded it (issue 31)
    rows = list(csv.DictReader(io.StringIO(sample.ok("history", "sh-robot-brands", "-f", "csv"))))
    assert rows[0]["value"] == "3" and rows[0]["date"] == "2024-06-30"
    assert sample.ok("history", "hezhou-airport", "-f", "csv").startswith("id,date,")


def test_show_text_has_everything(sample):
    out = sample.ok("show", "sanofi")
    for words in (
        "sanofi-innovative-drugs",
        "achieved",
        "25种",
        "2026-06 (2026-06-30)",
        "提前2年实现",
        "730 days (2.0 years) before the deadline",
        "observations (1)",
        "2024-06",
        "赛诺菲（中国）投资有限公司",
    ):
        assert words in out, words
    assert "\x1b[" not in out


def test_show_json_has_observations_and_reason(sample):
    r = json.loads(sample.ok("show", "sanofi", "-f", "json"))
    assert r["observations"][0]["value"] == 25 and r["reason"] == "reached on 2024-06-30, 2.0 years early"
    assert CONTRACT <= set(r)


def test_info(sample):
    out = sample.ok("info")
    assert "schema        4" in out and "targets       11" in out and "observations  1" in out
    data = json.loads(sample.ok("info", "-f", "json"))
    assert data["status"] == {"achieved": 1, "pending": 4, "no-data": 6} and data["chosen_by"] == "--db"


def test_hostile_text_is_stored_as_given_and_shown_safely(tt):
    title = "[bold]粗[/] [link=http://evil]x[/link] \x1b[31mred\x1b[0m \u202eevil 🚀"
    tt.ok("add", "h", "--title", title, "--kind", "milestone")
    assert json.loads(tt.ok("show", "h", "-f", "json"))["title"] == title
    for out in (tt.ok("list"), tt.ok("list", "-f", "table"), tt.ok("show", "h")):
        assert "\x1b" not in out and "[bold]粗[/]" in out and "[link=http://evil]" in out


# --- bad input: exit 2, one line, store byte-identical -------------------------

BAD = [
    (["add", "Bad-ID", "--title", "x", "--kind", "milestone"], "invalid id"),
    (["add", "x", "--title", "x", "--target", "abc", "--deadline", "2025"], "--target"),
    (["add", "x", "--title", "x", "--target", "10"], "--deadline"),
    (["add", "x", "--title", "x", "--deadline", "2025"], "--target"),
    (["add", "x", "--title", "x", "--target", "10", "--deadline", "2025-02-30"], "--deadline"),
    (["add", "x", "--title", "x", "--target", "10", "--deadline", "someday"], "expected"),
    (["add", "x", "--title", "x", "--target", "10", "--deadline", "2025", "--kind", "grow"], "--kind"),
    (["add", "x", "--title", "x", "--target", "10家", "--unit", "亿元", "--deadline", "2025"], "cannot be converted"),
    (["add", "x", "--title", "", "--kind", "milestone"], "title"),
    (["add", "x", "--title", "x", "--kind", "milestone", "--target", "3"], "milestone"),
    (["add", "x", "--title", "x", "--target", "5", "--baseline", "10", "--deadline", "2025"], "decrease"),
    (["add", "x", "--title", "x", "--target", "5", "--deadline", "2025", "--start", "2026"], "after the deadline"),
    (["add", "x", "--title", "x", "--kind", "milestone", "--tag", "a b"], "--tag"),
    (["add", "sh-robot-brands", "--title", "x", "--kind", "milestone"], "already exists"),
    (["add", "x"], "Missing option"),
    (["update", "sh-robot-industry", "5km"], "cannot be converted"),
    (["update", "sh-robot-industry", "lots"], "VALUE"),
    (["update", "sh-robot-industry", "5", "--date", "2099"], "future"),
    (["update", "sh-robot-industry", "5", "--date", "2026-11"], "has not ended yet"),
    (["update", "sh-robot-industry", "5", "--date", "tomorrow-ish"], "--date"),
    (["update", "sh", "5"], "ambiguous"),
    (["update", "nope", "5"], "no target"),
    (["update", "sh-robot-brabds", "5"], "did you mean sh-robot-brands"),
    (["update", "hezhou-airport", "5"], "milestone"),
    (["update", "sh-robot-industry", "--nope", "5"], "nope"),
    (["update", "sh-robot-industry"], "Missing argument"),
    (["update", "sh-robot-industry", "5", "6"], "one VALUE"),
    (["update", "sh-robot-industry", "-x"], "no such option: -x"),
    (["edit", "sh-robot-brands"], "nothing to change"),
    (["edit", "sh-robot-brands", "--unset", "title"], "--unset"),
    (["edit", "sh-robot-brands", "--kind", "milestone", "--unit", "x", "--relabel", "--target", "q"], "--target"),
    (["edit", "sh-robot-brands", "--relabel"], "--relabel goes with --unit"),
    (["edit", "sh-robot-brands", "--deadline", "2020"], "after the deadline"),
    (["edit", "sanofi", "--kind", "milestone"], "milestone"),
    (["remove", "nope", "--yes"], "no target"),
    (["list", "--status", "late"], "--status"),
    (["list", "--format", "xml"], "--format"),
    (["list", "--sort", "urgency!"], "--sort"),
    (["list", "--kind", "goal"], "--kind"),
    (["list", "--as-of", "soon"], "--as-of"),
    (["list", "--due-before", "x"], "--due-before"),
    (["list", "--bogus"], "No such option"),
    (["show", "nope"], "no target"),
    (["show", "sanofi", "--format", "yaml"], "--format"),
    (["history", "sanofi", "--format", "xml"], "--format"),
    (["info", "--format", "xml"], "--format"),
    (["frobnicate"], "No such command"),
]


@pytest.mark.parametrize("argv, words", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_is_exit_2_one_line_and_changes_nothing(sample, argv, words):
    before = sample.digest()
    r = sample(*argv)
    assert_one_line_error(r, 2, words)
    assert r.out == ""
    assert sample.digest() == before


def test_bad_today_override_is_exit_2(sample):
    assert_one_line_error(sample("list", env={"TARGETTRACK_TODAY": "someday"}), 2, "TARGETTRACK_TODAY")


def test_internal_errors_are_one_line_without_traceback(sample, monkeypatch):
    from targettrack.judge import assess, selection

    def boom(*a, **k):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(selection, "assess", boom)
    monkeypatch.setattr(assess, "assess", boom)  # the list's rows are judged through the module (rowcache.judged)
    r = sample("list")
    assert_one_line_error(r, 1, "internal error", "ZeroDivisionError", "please report")
