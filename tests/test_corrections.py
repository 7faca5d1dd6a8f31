"""Corrections and plausibility (issue 11, items 4 and 5): a second value
for a day replaces the first and says so, history keeps and marks the one
replaced, --delete removes a period's value, `recover` brings back a removed
target without undoing later changes, and values that look like slips are
recorded with a warning."""

from __future__ import annotations

import json

from conftest import assert_one_line_error


def test_a_second_value_for_a_period_replaces_the_first_and_says_so(sample):
    sample.ok("update", "sh-robot-brands", "5", "--date", "2024")
    out = sample.ok("update", "sh-robot-brands", "6", "--date", "2024")
    assert "sh-robot-brands: 6家 on 2024, replaces 5家 recorded 2026-" in out
    assert json.loads(sample.ok("show", "sh-robot-brands", "--format", "json"))["current"] == 6
    in_effect = json.loads(sample.ok("history", "sh-robot-brands", "--format", "json"))
    assert [(r["value"], r["superseded"]) for r in in_effect] == [(6, False)]
    every = json.loads(sample.ok("history", "sh-robot-brands", "--format", "json", "--all"))
    assert [(r["value"], r["superseded"]) for r in every] == [(5, True), (6, False)]
    plain = sample.ok("history", "sh-robot-brands", "--all")
    assert "5家 (superseded)" in plain and "6家 (superseded)" not in plain
    assert "(superseded)" in sample.ok("show", "sh-robot-brands")
    assert "replaces" not in sample.ok("update", "sh-robot-brands", "7", "--date", "2025-01")


def test_delete_removes_a_periods_value_and_its_corrections(sample):
    sample.ok("update", "sh-robot-brands", "5", "--date", "2024")
    sample.ok("update", "sh-robot-brands", "6", "--date", "2024")
    sample.ok("update", "sh-robot-brands", "7", "--date", "2025-01")
    out = sample.ok("update", "sh-robot-brands", "--date", "2024", "--delete")
    assert out.startswith("sh-robot-brands: deleted 2024 (5家 recorded 2026-") and "6家 recorded" in out
    rows = json.loads(sample.ok("history", "sh-robot-brands", "--format", "json", "--all"))
    assert [r["date_as_given"] for r in rows] == ["2025-01"]
    before = sample.digest()
    assert_one_line_error(
        sample("update", "sh-robot-brands", "--date", "2023", "--delete"), 2, "--date", "no value for 2023"
    )
    assert_one_line_error(sample("update", "sh-robot-brands", "--delete"), 2, "--delete needs --date")
    assert_one_line_error(
        sample("update", "sh-robot-brands", "3", "--date", "2025-01", "--delete"),
        2,
        "VALUE and --delete do not go together",
    )
    assert_one_line_error(sample("update", "sh-robot-brands"), 2, "Missing argument 'VALUE'")
    assert sample.digest() == before
    assert "undid: update sh-robot-brands --date 2024 --delete" in sample.ok("undo")


def test_recover_brings_back_a_removed_target_without_undoing_later_changes(sample):
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-06")
    before = json.loads(sample.ok("show", "sh-robot-brands", "--format", "json"))
    sample.ok("remove", "sh-robot-brands", "--yes")
    sample.ok("update", "sh-robot-scenarios", "40", "--date", "2024-06")  # a later change, to keep
    out = sample.ok("recover", "sh-robot-brands")
    assert out.startswith("recovered sh-robot-brands as kept in version ")
    after = json.loads(sample.ok("show", "sh-robot-brands", "--format", "json"))
    assert after == before
    assert json.loads(sample.ok("show", "sh-robot-scenarios", "--format", "json"))["current"] == 40
    assert_one_line_error(sample("recover", "sh-robot-brands"), 2, "is in the store")
    assert_one_line_error(sample("recover", "no-such-target"), 2, "no kept version holds")
    assert "undid: recover sh-robot-brands" in sample.ok("undo")


def test_plausibility_warnings_record_the_value_all_the_same(sample, tmp_path):
    sample.ok("update", "sh-robot-industry", "850", "--date", "2024-06")
    r = sample("update", "sh-robot-industry", "8500000", "--date", "2024-12")
    assert r.code == 0 and "8500000亿元 on 2024-12" in r.out
    assert r.err.startswith("targettrack: warning: 8500000亿元 is more than 10 times the previous value (850亿元)")
    assert r.err.count("\n") == 1
    r = sample("update", "sh-robot-industry", "80", "--date", "2025-01", "--quiet")
    assert r.code == 0 and r.err == ""
    r = sample("update", "sh-robot-industry", "5", "--date", "2025-02")
    assert "less than a tenth of the previous value" in r.err
    sample.ok(
        "add",
        "density",
        "--title",
        "density",
        "--target",
        "500",
        "--baseline",
        "260",
        "--baseline-date",
        "2022",
        "--deadline",
        "2025",
    )
    r = sample("update", "density", "300", "--date", "2021-06")
    assert "2021-06 is before the baseline date (2022)" in r.err
    r = sample("update", "hezhou-airport", "1")
    assert "'1' was read as done" in r.err and "achieved" in r.out
    assert sample("update", "sh-robot-brands", "3").err == ""
    f = tmp_path / "in.csv"
    f.write_text("id,date,value\nsh-robot-industry,2025-03,9000000\n", encoding="utf-8")
    r = sample("import", str(f))
    assert r.code == 0 and "observation table row 2: 9000000亿元 is more than 10 times" in r.err
    assert sample("import", str(f), "--quiet").err == ""


def test_a_share_above_100_percent_is_flagged(tt):
    tt.ok("add", "share", "--title", "share", "--target", "65%", "--deadline", "2025")
    r = tt("update", "share", "105", "--date", "2024")
    assert r.code == 0 and "105% is a share above 100%" in r.err


def test_a_large_import_says_how_many_more_warnings_not_each(tt, tmp_path):
    tt.ok("add", "x", "--title", "x", "--target", "100", "--deadline", "2030")
    rows = "\n".join(f"x,2020-01-{d:02d},{1 if d % 2 else 1000}" for d in range(1, 31))
    f = tmp_path / "many.csv"
    f.write_text("id,date,value\n" + rows + "\n", encoding="utf-8")
    r = tt("import", str(f))
    lines = r.err.splitlines()
    assert r.code == 0 and len(lines) == 11 and "and 19 more values that look like slips" in lines[-1]
