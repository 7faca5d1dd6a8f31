"""report, export and import through the CLI, and the cron environment as
real processes of the installed script."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FROZEN_TODAY, SHIPPED, TT, assert_one_line_error

SCRIPT = Path(sys.executable).parent / "targettrack"


@pytest.fixture
def busy(sample):
    """The shipped store with a week of activity (today is 2026-11-26)."""
    sample.ok(
        "update",
        "sh-robot-industry",
        "850",
        "--date",
        "2025",  # missed, recorded long ago
        env={"TARGETTRACK_TODAY": "2026-02-28"},
    )
    sample.ok(
        "add",
        "ev",
        "--title",
        "新能源车",
        "--target",
        "100",
        "--deadline",
        "2027-01",
        "--baseline",
        "0",
        "--baseline-date",
        "2026-01-01",
        "--plan",
        "p1",
        "--tag",
        "nev",
    )
    sample.ok("update", "ev", "70", "--date", "2026-11-01")  # at-risk, due in 66 days
    sample.ok(
        "update",
        "yaohai",
        "120万元",
        "--date",
        "2026-11-24",  # breached this week
        env={"TARGETTRACK_TODAY": "2026-11-24"},
    )  # (recorded that day)
    sample.ok(
        "update",
        "hezhou-airport",
        "done",
        "--date",
        "2026-11-25",  # achieved this week
        env={"TARGETTRACK_TODAY": "2026-11-25"},
    )
    return sample


def report_json(t, *args):
    return json.loads(t.ok("report", "-f", "json", *args))


def test_report_sections(busy):
    r = report_json(busy)
    assert r["as_of"] == FROZEN_TODAY and r["since"] == "2026-11-19"
    assert r["summary"] == {"achieved": 2, "at-risk": 1, "missed": 1, "breached": 1, "pending": 3, "no-data": 4}
    # Issue 29: a deadline passed with no value ever recorded needs a person too (the IM L6's 2024
    # targets, the robot plan's 2025 brands and scenarios).
    assert r["attention"] == [
        "sh-robot-industry",
        "yaohai-talent-subsidy",
        "ev",
        "im-l6-first-batch",
        "im-l6-range",
        "sh-robot-brands",
        "sh-robot-scenarios",
    ]
    # As recorded (issue 11): what the store said on 2026-11-19 against now. The shipped store's own
    # values were recorded on 2026-11-26 (sanofi), and ev's this week, so they are this week's news;
    # sh-robot-industry's 2025 value was recorded in February 2026.
    assert {(c["id"], c["from"], c["to"]) for c in r["changes"]} == {
        ("yaohai-talent-subsidy", "no-data", "breached"),
        ("hezhou-airport", "pending", "achieved"),
        ("sanofi-innovative-drugs", "no-data", "achieved"),
        ("ev", "no-data", "at-risk"),
    }
    because = {c["id"]: c["because"] for c in r["changes"]}
    assert because["yaohai-talent-subsidy"] == "2026-11-24 value 120万元 entered 2026-11-24"
    assert [u["id"] for u in r["upcoming"]] == ["ev"] and r["upcoming"][0]["days_left"] == 66
    # "Achieved since" is the status changes to achieved (issue 29): Sanofi's value, recorded this week, too.
    assert r["achieved"] == [
        {"id": "sanofi-innovative-drugs", "achieved_date": "2024-06-30"},
        {"id": "hezhou-airport", "achieved_date": "2026-11-25"},
    ]
    assert {o["id"] for o in r["new_observations"]} >= {"ev", "yaohai-talent-subsidy", "hezhou-airport"}
    assert len(r["targets"]) == 12 and r["store"] == str(busy.db.resolve())
    assert r["generated_at"].endswith("Z")


def test_report_text_says_how_far_behind_and_when(busy):
    out = busy.ok("report")
    assert out.startswith("targettrack report as of 2026-11-26, changes since 2026-11-19\n")
    assert "12 targets: achieved 2, at-risk 1, missed 1, breached 1, pending 3, no-data 4" in out
    assert "2025: 850亿元, 150亿元 short" in out  # missed: by how much
    # at-risk: how far behind, where the line stood on the value's day (issue 11), and by how many days
    # then (issue 29): the line reached 70 on 2026-10-04, 28 days before the value's day
    assert "70 in 2026-11-01, 76.96 expected then: 6.96 behind the straight line (28 days)" in out
    assert "no value recorded; the 2024 deadline passed 695 days ago" in out
    assert "2027-03-12" in out  # and when it will get there
    assert "Deadlines within 90 days (1)" in out and "Achieved since 2026-11-19 (2)" in out
    assert "\x1b" not in out


def test_report_windows_and_filters(busy):
    assert report_json(busy, "--within", "30d")["upcoming"] == []
    assert [u["id"] for u in report_json(busy, "--within", "3m")["upcoming"]] == ["ev"]
    # yaohai's breach was recorded on 11-24 itself, so from 11-24 on it is not a change; the airport's
    # (recorded 11-25) is, and so are the values recorded today
    changes = report_json(busy, "--since", "2026-11-24")["changes"]
    assert {c["id"] for c in changes} == {"hezhou-airport", "sanofi-innovative-drugs", "ev"}
    assert {
        "id": "hezhou-airport",
        "from": "pending",
        "to": "achieved",
        "since": "2026-11-24",
        "because": "2026-11-25 value done entered 2026-11-25",
    } in changes
    assert [t["id"] for t in report_json(busy, "--tag", "nev")["targets"]] == ["ev"]
    assert [t["id"] for t in report_json(busy, "--plan", "p1")["targets"]] == ["ev"]
    assert {t["id"] for t in report_json(busy, "--status", "missed,breached")["targets"]} == {
        "sh-robot-industry",
        "yaohai-talent-subsidy",
    }
    past = report_json(busy, "--as-of", "2026-11-20")  # reproducible for any past date
    assert past["summary"]["pending"] == 4 and "breached" not in past["summary"]


def test_report_markdown_escapes_store_text(tt):
    tt.ok(
        "add",
        "x",
        "--title",
        "<script>alert(1)</script> [点我](javascript:alert(1)) | # *粗*",
        "--kind",
        "cap",
        "--target",
        "1",
    )
    tt.ok("update", "x", "5")
    out = tt.ok("report", "-f", "markdown")
    assert out.startswith("# targettrack report, 2026-11-26\n")
    assert "<script>" not in out and "\\<script\\>" in out
    assert "\\[点我\\](javascript:alert(1))" in out and "\\| \\# \\*粗\\*" in out


def test_report_csv(busy):
    rows = list(csv.DictReader(io.StringIO(busy.ok("report", "-f", "csv"))))
    sections = [r["section"] for r in rows]
    assert sections.count("attention") == 7 and "upcoming" in sections and "achieved" in sections
    assert (
        next(r for r in rows if r["section"] == "change" and r["id"] == "hezhou-airport")["previous_status"]
        == "pending"
    )


@pytest.mark.parametrize(
    "name, first",
    [("r.md", "# targettrack report"), ("r.json", "{"), ("r.csv", "section,"), ("r.txt", "targettrack report")],
)
def test_report_output_file_format_follows_the_extension(busy, tmp_path, name, first):
    out = tmp_path / name
    r = busy("report", "--output", str(out))
    assert r.code == 0 and r.out == ""
    assert out.read_text(encoding="utf-8").startswith(first)
    assert not list(tmp_path.glob(f".{name}.*.tmp"))


def test_report_format_beats_the_extension_and_unknown_extensions_are_refused(busy, tmp_path):
    busy.ok("report", "-o", str(tmp_path / "r.txt"), "-f", "json")
    assert json.loads((tmp_path / "r.txt").read_text())["as_of"] == FROZEN_TODAY
    assert_one_line_error(busy("report", "-o", str(tmp_path / "r.pdf")), 2, "--output", ".pdf")
    assert not (tmp_path / "r.pdf").exists()


def test_fail_on_exits_1_after_the_report_is_written(busy, tmp_path):
    out = tmp_path / "weekly.md"
    r = busy("report", "--fail-on", "missed,breached", "-o", str(out))
    assert r.code == 1 and out.read_text(encoding="utf-8").startswith("# targettrack report")
    assert busy("report", "--fail-on", "regressing").code == 0
    assert busy("report", "--fail-on", "missed", "--tag", "nev").code == 0  # only reported targets count
    r = busy("report", "--fail-on", "at-risk")
    assert r.code == 1 and "Needs attention" in r.out


@pytest.mark.parametrize(
    "argv, words",
    [
        (["report", "--fail-on", "late"], "--fail-on"),
        (["report", "--format", "pdf"], "--format"),
        (["report", "--within", "soon"], "--within"),
        (["report", "--since", "2027-01-01"], "after the report date"),
        (["report", "--status", "bad"], "--status"),
        (["export", "--format", "xml"], "--format"),
        (["export", "-o", "x.xls"], "--output"),
        (["import", "/nonexistent.csv"], "cannot read"),
    ],
)
def test_report_and_exchange_bad_input(busy, argv, words):
    before = busy.digest()
    assert_one_line_error(busy(*argv), 2, words)
    assert busy.digest() == before


# --- export and import -----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_into_an_empty_store_gives_back_the_same_store(busy, tmp_path, fmt):
    busy.ok("config", "cagr.on-track", "0.9")
    exported = tmp_path / f"all.{fmt}"
    busy.ok("export", "-o", str(exported))
    fresh = TT(tmp_path / "fresh.json")
    fresh.ok("init")
    assert "add 12 target(s)" in fresh.ok("import", str(exported))
    if fmt == "json":  # settings travel in JSON only
        assert fresh.db.read_bytes() == busy.db.read_bytes()
    else:
        original = json.loads(busy.ok("export"))["targets"]
        assert json.loads(fresh.ok("export"))["targets"] == original
    again = fresh.ok("import", str(exported))  # idempotent
    assert "add 0 target(s), update 0, 12 unchanged; add 0 observation(s)" in again


def test_import_csv_with_chinese_magnitudes_and_dates(tt, tmp_path):
    f = tmp_path / "t.csv"
    f.write_text(
        "id,title,kind,unit,baseline,baseline_date,target,start,deadline,tags,source\n"
        "sh-ind,机器人关联产业规模,increase,亿元,500亿元,2022年底,1.2万亿元,2023,十四五末,robot;sh,行动方案\n"
        "subsidy,引才补贴,cap,,,,100万元,,,,\n"
        "\n"
        "id,date,value,note,source\n"
        "sh-ind,2024年6月,8500000万元,统计,市统计局\n"
        "sh-ind,2025年上半年,9000亿元,,\n",
        encoding="utf-8",
    )
    assert "add 2 target(s)" in tt.ok("import", str(f))
    r = json.loads(tt.ok("show", "sh-ind", "-f", "json"))
    assert (r["unit"], r["baseline"], r["target"], r["baseline_date"], r["deadline_as_given"]) == (
        "亿元",
        500,
        12000,
        "2022-12-31",
        "2025",
    )
    assert [(o["date_as_given"], o["value"]) for o in r["observations"]] == [("2024-06", 850), ("2025-H1", 9000)]
    assert json.loads(tt.ok("show", "subsidy", "-f", "json"))["unit"] == "万元"


def test_import_updates_existing_targets_and_keeps_other_fields(busy, tmp_path):
    f = tmp_path / "u.csv"
    f.write_text("id,title,owner\nsh-robot-brands,,上海市经信委\n", encoding="utf-8")
    assert "update 1" in busy.ok("import", str(f))
    r = json.loads(busy.ok("show", "sh-robot-brands", "-f", "json"))
    assert r["owner"] == "上海市经信委" and r["title"] == "打造10家行业一流的机器人头部品牌"


def test_import_from_stdin_and_dry_run(busy, tmp_path):
    before = busy.digest()
    data = "id,date,value\nsh-robot-brands,2024-06,3\nhezhou-airport,2026-11-20,done\n"
    r = busy("import", "-", "--dry-run", input=data)
    assert r.code == 0 and "would add 2 observation(s)" in r.out and busy.digest() == before
    assert "add 2 observation(s)" in busy.ok("import", "-", input=data)
    assert busy.digest() != before


@pytest.mark.parametrize(
    "content, words",
    [
        ("id,title,target,deadline\nok1,t,10,2025\nbad,t,lots,2025\n", ["target table row 3", "column target"]),
        ("id,title,target,deadline\nok1,t,10,someday\n", ["column deadline"]),
        ("id,title,kind\nBAD ID,t,milestone\n", ["column id"]),
        ("id,title,colour\nx,t,red\n", ["unknown target column 'colour'"]),
        ("id,date,value\nnope,2024,3\n", ["column id", "no target 'nope'"]),
        ("id,date,value\nsh-robot-brands,2024,3km\n", ["column value", "cannot be converted"]),
        ("id,date,value\nhezhou-airport,2024,3\n", ["milestone"]),
        ("name,amount\nx,1\n", ["header row"]),
        ("id,title,target\nx,t,10\n", ["needs a deadline"]),
        (
            '{"format": "targettrack-export", "targets": [{"id": "x", "title": "t", "target": "q"}]}',
            ["target 1", "column target"],
        ),
        ("{broken json", ["not valid JSON"]),
        ("", ["no rows"]),
    ],
)
def test_a_rejected_import_names_row_and_column_and_leaves_the_store_byte_identical(busy, tmp_path, content, words):
    f = tmp_path / ("bad.json" if content.startswith("{") else "bad.csv")
    f.write_text(content, encoding="utf-8")
    before = busy.digest()
    assert_one_line_error(busy("import", str(f)), 2, *words)
    assert busy.digest() == before


def test_csv_formula_protection_round_trips(tt, tmp_path):
    tt.ok("add", "f", "--title", "=SUM(A1)", "--kind", "milestone", "--owner", "-负责人")
    out = tmp_path / "f.csv"
    tt.ok("export", "-o", str(out))
    assert "'=SUM(A1)" in out.read_text(encoding="utf-8")
    fresh = TT(tmp_path / "n.json")
    fresh.ok("init")
    fresh.ok("import", str(out))
    r = json.loads(fresh.ok("show", "f", "-f", "json"))
    assert r["title"] == "=SUM(A1)" and r["owner"] == "-负责人"


def test_export_ics_is_a_calendar_with_one_all_day_event_per_deadline(busy):
    from icalendar import Calendar

    text = busy.ok("export", "-f", "ics")
    cal = Calendar.from_ical(text)
    events = cal.walk("VEVENT")
    with_deadline = [t for t in json.loads(busy.ok("list", "-f", "json")) if t["deadline"]]
    assert len(events) == len(with_deadline) == 7
    ev = next(e for e in events if str(e["uid"]) == "sh-robot-industry@targettrack")
    assert ev.decoded("dtstart").isoformat() == "2025-12-31" and ev.decoded("dtend").isoformat() == "2026-01-01"
    assert "1000亿元机器人关联产业规模" in str(ev["summary"])
    assert "missed" in str(ev["description"]) and "上海市促进智能机器人产业" in str(ev["description"])
    assert all(len(line.encode()) <= 75 for line in text.replace("\r\n", "\n").split("\n"))


def test_no_progress_bar_off_a_terminal(busy, tmp_path):
    rows = "\n".join(f"t{i},标题{i},milestone" for i in range(2500))
    f = tmp_path / "many.csv"
    f.write_text("id,title,kind\n" + rows + "\n", encoding="utf-8")
    r = busy("import", str(f))
    assert r.code == 0 and r.err == "" and "add 2500 target(s)" in r.out


# --- cron: real processes ------------------------------------------------------------

BASE_ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "HOME": os.environ.get("HOME", "/root"),
    "TARGETTRACK_TODAY": FROZEN_TODAY,
}


@pytest.mark.parametrize(
    "env",
    [{}, {"LC_ALL": "C"}, {"LC_ALL": "POSIX"}, {"TERM": "dumb"}, {"NO_COLOR": "1"}],
    ids=["env-i", "C", "POSIX", "dumb", "no_color"],
)
@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv"])
def test_report_in_cron_environments(tmp_path, env, fmt):
    db = tmp_path / "t.json"
    db.write_bytes(SHIPPED.read_bytes())
    out = tmp_path / "out"
    with open(out, "wb") as f:  # stdout to a file, as cron's redirection does
        r = subprocess.run(
            [str(SCRIPT), "--db", str(db), "report", "-f", fmt],
            stdout=f,
            stderr=subprocess.PIPE,
            env={**BASE_ENV, **env},
            timeout=60,
        )
    assert r.returncode == 0 and r.stderr == b""
    data = out.read_bytes()
    text = data.decode("utf-8")
    assert b"\x1b" not in data and "…" not in text
    expect = {
        "text": "11 targets: achieved 1, pending 4, no-data 6",
        "markdown": "**11 targets**",
        "json": '"pending": 4',
        "csv": "5年引进25种创新药品和疫苗",
    }[fmt]
    assert expect in text


RACER = r"""
import sys, time
from targettrack.store.readwrite import Store
from targettrack.model.dates import parse_period
from targettrack.model.target import Observation
from decimal import Decimal
with Store(sys.argv[1], write=True, command="racer") as s:
    print("locked", flush=True)
    time.sleep(1.0)
    t = s.resolve("sh-robot-brands")
    s.replace(t.id, t.with_observation(Observation(parse_period("2025-06"), Decimal(9), "2026-11-26T00:00:00Z", "racer")))
"""


def test_a_report_racing_an_update_waits_and_reports_the_new_state(tmp_path):
    db = tmp_path / "t.json"
    db.write_bytes(SHIPPED.read_bytes())
    racer = subprocess.Popen([sys.executable, "-c", RACER, str(db)], stdout=subprocess.PIPE, env=BASE_ENV)
    assert racer.stdout.readline().strip() == b"locked"
    started = time.monotonic()
    r = subprocess.run(
        [str(SCRIPT), "--db", str(db), "report", "-f", "json"], capture_output=True, env=BASE_ENV, timeout=60
    )
    waited = time.monotonic() - started
    racer.wait(timeout=60)
    assert r.returncode == 0, r.stderr
    brands = next(t for t in json.loads(r.stdout)["targets"] if t["id"] == "sh-robot-brands")
    assert brands["current"] == 9 and waited > 0.3  # it waited for the writer and saw its write


def test_a_report_that_cannot_wait_long_enough_exits_3(tmp_path):
    db = tmp_path / "t.json"
    db.write_bytes(SHIPPED.read_bytes())
    racer = subprocess.Popen([sys.executable, "-c", RACER, str(db)], stdout=subprocess.PIPE, env=BASE_ENV)
    assert racer.stdout.readline().strip() == b"locked"
    r = subprocess.run(
        [str(SCRIPT), "--db", str(db), "report"],
        capture_output=True,
        env={**BASE_ENV, "TARGETTRACK_LOCK_TIMEOUT": "0.2"},
        timeout=60,
    )
    racer.wait(timeout=60)
    assert r.returncode == 3 and b"locked" in r.stderr and r.stdout == b""


def test_a_backdated_statistic_entered_this_week_is_this_weeks_change(tt):
    """Issue 11: the report compares what the store said on --since (only values recorded by then)."""
    tt.ok(
        "add",
        "urban",
        "--title",
        "常住人口城镇化率",
        "--target",
        "60%",
        "--baseline",
        "55%",
        "--baseline-date",
        "2020",
        "--deadline",
        "2025",
        env={"TARGETTRACK_TODAY": "2026-01-02"},
    )
    tt.ok("update", "urban", "58%", "--date", "2024", env={"TARGETTRACK_TODAY": "2025-03-01"})
    tt.ok("update", "urban", "60.1%", "--date", "2025", env={"TARGETTRACK_TODAY": "2026-11-24"})
    week = json.loads(tt.ok("report", "-f", "json", env={"TARGETTRACK_TODAY": "2026-11-26"}))
    assert [(c["id"], c["from"], c["to"], c["because"]) for c in week["changes"]] == [
        ("urban", "awaiting-data", "achieved", "2025 value 60.1% entered 2026-11-24")
    ]
    assert "2025 value 60.1% entered 2026-11-24" in tt.ok("report", env={"TARGETTRACK_TODAY": "2026-11-26"})
    # The week before, as the store was then (--known-at, issue 29): nothing new had been recorded.
    before = json.loads(
        tt.ok("report", "-f", "json", "--known-at", "2026-11-23", env={"TARGETTRACK_TODAY": "2026-11-26"})
    )
    assert before["as_of"] == "2026-11-23" and before["changes"] == []
    # As of that day as now known, the 2025 value (recorded later) counts: achieved already.
    known_now = json.loads(
        tt.ok("report", "-f", "json", "--as-of", "2026-11-23", env={"TARGETTRACK_TODAY": "2026-11-26"})
    )
    assert [t["status"] for t in known_now["targets"]] == ["achieved"] and known_now["changes"] == []
    again = json.loads(tt.ok("report", "-f", "json", env={"TARGETTRACK_TODAY": "2026-11-26"}))
    assert {**again, "generated_at": ""} == {**week, "generated_at": ""}  # a replayed week reproduces exactly


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv"])
@pytest.mark.parametrize("since", ["2026-11-19", "2026-01-01"])
def test_a_report_built_as_the_store_is_read_draws_what_the_whole_store_draws(busy, fmt, since):
    """report judges each target as it is read (Store.each_target) and keeps a
    target's values only where a section shows them; every format but HTML
    and JSON is drawn from that, and must say exactly what it said from the
    whole list of targets."""
    import io
    from datetime import date

    from targettrack.render import report_common, report_renderer
    from targettrack.report import build as report_mod
    from targettrack.store.readwrite import Store

    with Store(busy.db) as store:
        targets, settings = store.targets(), store.settings()
    as_of, start = date.fromisoformat(FROZEN_TODAY), date.fromisoformat(since)
    facts = report_common.facts
    whole = report_mod.build(targets, as_of, start, within_days=90, settings=settings, describe=facts)
    lean = report_mod.build(
        iter(targets), as_of, start, within_days=90, settings=settings, series=False, describe=facts
    )
    renderer = report_renderer(fmt)
    drawn = []
    for rep in (whole, lean):
        out = io.StringIO()
        renderer(rep, out, store="s.json", generated_at="2026-11-26T00:00:00Z")
        drawn.append(out.getvalue())
    assert drawn[0] == drawn[1]
    shown = {c.target.id for c in lean.changes} | {t.id for t, _ in lean.new_observations}
    assert shown  # the busy store has changes and new values in both windows
    original = {t.id: report_mod.as_recorded(t, as_of) for t in targets}
    for t, _ in lean.rows:  # values kept only where a section shows them
        assert t.observations == (original[t.id].observations if t.id in shown else ())


@pytest.mark.parametrize("since", ["2026-11-19", "2026-01-01"])
def test_the_json_report_written_a_record_at_a_time_is_what_json_dumps_writes(busy, since):
    """report_json.render writes each target's record as it goes, not one
    object of them all; the text must be json.dumps's, byte for byte."""
    import io
    from datetime import date

    from targettrack.render import report_json
    from targettrack.report import build as report_mod
    from targettrack.store.readwrite import Store

    with Store(busy.db) as store:
        rep = report_mod.build(
            store.each_target(),
            date.fromisoformat(FROZEN_TODAY),
            date.fromisoformat(since),
            within_days=90,
            settings=store.settings(),
            series=False,
        )
    out = io.StringIO()
    report_json.render(rep, out, store="s.json", generated_at="2026-11-26T00:00:00Z")
    whole = report_json.as_dict(rep, store="s.json", generated_at="2026-11-26T00:00:00Z")
    assert whole["targets"] and out.getvalue() == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    empty = report_mod.build([], date.fromisoformat(FROZEN_TODAY), date.fromisoformat(since), within_days=90)
    out = io.StringIO()
    report_json.render(empty, out, store="s.json", generated_at="x")
    assert (
        out.getvalue()
        == json.dumps(report_json.as_dict(empty, store="s.json", generated_at="x"), ensure_ascii=False, indent=2) + "\n"
    )
