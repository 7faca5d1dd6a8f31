"""The rules in the library, tested directly (as sqlite-utils tests
Table.enable_fts apart from its command), and the same refusal through
every entry point: the command line, a CSV import and a JSON import."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from conftest import assert_one_line_error
from hypothesis import given
from hypothesis import strategies as st

from targettrack.judge.assess import assess
from targettrack.judge.selection import Filter, select, sort_rows, status_counts
from targettrack.model import operations as ops
from targettrack.model.dates import day, parse_period
from targettrack.model.rules import check_tag, parse_tags, parse_unit, validate
from targettrack.model.target import Target
from targettrack.util.errors import InputError
from targettrack.util.frozen import replace

TODAY = date(2026, 11, 26)
NOW = "2026-11-26T00:00:00.000000Z"
BRANDS = Target(
    id="brands",
    title="10 brands",
    unit="家",
    target=Decimal(10),
    deadline=parse_period("2025"),
    baseline=Decimal(2),
    baseline_date=parse_period("2023"),
)
DONE_BY = Target(id="rail", title="railway", kind="milestone", deadline=parse_period("2027"))


def refused(fn, *args, **kw) -> InputError:
    with pytest.raises(InputError) as e:
        fn(*args, **kw)
    return e.value


# --- observe: what update and import record ---------------------------------------


def test_a_level_is_recorded_in_the_targets_unit():
    o = ops.observe(replace(BRANDS, unit="亿元"), "8500000万元", parse_period("2024"), today=TODAY, recorded_at=NOW)
    assert o.value == Decimal(850) and o.date.label == "2024" and o.recorded_at == NOW


def test_a_change_adds_to_the_latest_level_only_where_changes_are_allowed():
    t = BRANDS.with_observation(ops.observe(BRANDS, "5", parse_period("2024"), today=TODAY, recorded_at=NOW))
    assert ops.observe(t, "3", day(TODAY), today=TODAY, recorded_at=NOW, how="by").value == 8
    assert ops.observe(t, "-2", day(TODAY), today=TODAY, recorded_at=NOW, how="by").value == 3
    assert ops.observe(t, "+3", day(TODAY), today=TODAY, recorded_at=NOW).value == 3  # a sign is part of a level
    assert ops.observe(t, "-0.5", day(TODAY), today=TODAY, recorded_at=NOW).value == Decimal("-0.5")
    bare = replace(BRANDS, baseline=None, baseline_date=None)
    e = refused(ops.observe, bare, "3", day(TODAY), today=TODAY, recorded_at=NOW, how="by")
    assert e.field == "by" and "no earlier value or baseline" in str(e)
    assert ops.observe(t, "-10%", parse_period("2025"), today=TODAY, recorded_at=NOW, how="yoy").value == Decimal("4.5")
    assert (
        refused(ops.observe, t, "5%", parse_period("2026-01"), today=TODAY, recorded_at=NOW, how="yoy").field == "yoy"
    )


def test_a_value_is_recorded_only_once_its_period_has_ended():
    e = refused(ops.observe, BRANDS, "3", parse_period("2027"), today=TODAY, recorded_at=NOW)
    assert (
        e.field == "date" and str(e) == "2027 is in the future (today is 2026-11-26); record values once they are known"
    )
    e = refused(ops.observe, BRANDS, "3", parse_period("2026-11"), today=TODAY, recorded_at=NOW)
    assert e.field == "date" and "2026-11 has not ended yet" in str(e)
    assert ops.observe(BRANDS, "3", day(TODAY), today=TODAY, recorded_at=NOW).value == 3


def test_a_milestone_takes_done_words_and_nothing_else():
    assert ops.observe(DONE_BY, "已完成", day(TODAY), today=TODAY, recorded_at=NOW).value == 1
    assert ops.observe(DONE_BY, "undone", day(TODAY), today=TODAY, recorded_at=NOW).value == 0
    e = refused(ops.observe, DONE_BY, "3", day(TODAY), today=TODAY, recorded_at=NOW)
    assert e.field == "value" and "rail is a milestone" in str(e)


def test_a_value_in_another_dimension_is_refused():
    e = refused(ops.observe, BRANDS, "5km", day(TODAY), today=TODAY, recorded_at=NOW)
    assert e.field == "value" and "cannot be converted" in str(e)


# --- units, tags, targets --------------------------------------------------------------


def test_units_and_tags():
    assert parse_unit("ｋｍ") == "km" and parse_unit("亿元") == "亿元"
    for bad in ("5kg", "k\x07m"):
        assert refused(parse_unit, bad).field == "unit"
    assert parse_tags(["a,b", "b", " c "]) == ("a", "b", "c")
    assert parse_tags(["a;b"], ";") == ("a", "b")
    for bad in ("a b", "a;b", "a,b", "", "x\ty"):
        assert refused(check_tag, bad).field == "tags"


@given(st.text(max_size=20))
def test_a_tag_is_accepted_only_if_it_survives_a_csv_cell(text):
    try:
        tag = check_tag(text)
    except InputError:
        return
    assert parse_tags([tag], ";") == (tag,) and parse_tags([tag]) == (tag,)


def test_the_unit_comes_from_the_target_unless_given():
    assert ops.target_and_unit("increase", "1000亿元", None) == ("亿元", Decimal(1000))
    assert ops.target_and_unit("increase", "1000亿元", "万元") == ("万元", Decimal(10000000))
    assert ops.target_and_unit("increase", "100万", None) == ("", Decimal(1000000))
    assert ops.target_and_unit("milestone", None, None) == ("", None)
    assert refused(ops.target_and_unit, "milestone", "3", None).field == "target"


def test_validate_applies_the_kinds_rules():
    assert refused(validate, replace(BRANDS, target=Decimal(1))).args[0].startswith("an increase target (1) below")
    assert "needs a deadline" in str(refused(validate, replace(BRANDS, deadline=None)))
    assert refused(validate, replace(DONE_BY, target=Decimal(3))).field == "target"
    assert refused(validate, replace(BRANDS, unit="5kg")).field == "unit"
    assert refused(validate, replace(BRANDS, tags=("a;b",))).field == "tags"
    assert refused(validate, replace(BRANDS, owner="\ud800")).field == "owner"
    validate(replace(BRANDS, kind="cap", deadline=None, baseline=None, baseline_date=None))


# --- edit ---------------------------------------------------------------------------------


def test_edit_converts_the_unit_first_and_reads_new_values_in_it():
    t = replace(BRANDS, unit="万元", target=Decimal(1000000), baseline=Decimal(100))
    t = t.with_observation(ops.observe(t, "50万元", parse_period("2024"), today=TODAY, recorded_at=NOW))
    e = ops.edit(t, {}, unit="亿元", target="200")
    assert (e.unit, e.target, e.baseline, e.observations[0].value) == ("亿元", 200, Decimal("0.01"), Decimal("0.005"))
    assert ops.edit(t, {}, unit="CNY-wan", relabel=True).target == 1000000
    assert refused(ops.edit, t, {}, unit="km").field == "unit"


def test_edit_sets_and_clears_fields_and_refuses_nothing_to_change():
    t = ops.edit(BRANDS, {"owner": "上海", "source": {"document": "doc", "url": None}}, unset=["baseline_date"])
    assert t.owner == "上海" and t.source.document == "doc" and t.baseline_date is None
    t2 = ops.edit(t, {}, unset=["source", "tags", "owner"])
    assert t2.source.document is None and t2.owner is None
    assert "nothing to change" in str(refused(ops.edit, BRANDS, {"owner": None}))
    assert refused(ops.edit, BRANDS, {}, unset=["title"]).field == "unset"


def test_edit_will_not_turn_recorded_levels_into_done_marks():
    t = BRANDS.with_observation(ops.observe(BRANDS, "5", parse_period("2024"), today=TODAY, recorded_at=NOW))
    assert refused(ops.edit, t, {"kind": "milestone"}, unset=["unit"]).field == "kind"


# --- selection -------------------------------------------------------------------------------


def test_select_sort_and_count():
    done = DONE_BY.with_observation(
        ops.observe(DONE_BY, "done", parse_period("2026-01-05"), today=TODAY, recorded_at=NOW)
    )
    cap = Target(id="cap", title="cap", kind="cap", target=Decimal(5), tags=("x",), plan="p")
    ts = [BRANDS, done, cap]
    rows = select(ts, Filter(), TODAY)
    assert [t.id for t, _ in rows] == ["brands", "rail", "cap"]
    assert [t.id for t, _ in sort_rows(rows, "deadline")] == ["brands", "rail", "cap"]
    assert [t.id for t, _ in sort_rows(rows, "id")] == ["brands", "cap", "rail"]
    assert [t.id for t, _ in select(ts, Filter(tags=frozenset({"x"})), TODAY)] == ["cap"]
    assert [t.id for t, _ in select(ts, Filter(statuses=frozenset({"achieved"})), TODAY)] == ["rail"]
    assert [t.id for t, _ in select(ts, Filter(due_before=parse_period("2026")), TODAY)] == ["brands"]
    assert status_counts(a for _, a in rows) == {"achieved": 1, "no-data": 2}
    assert status_counts(assess(t, TODAY) for t in ts) == status_counts(a for _, a in rows)


# --- one refusal, every entry point -----------------------------------------------------------

TARGET_HEADER = "id,title,kind,unit,target,baseline,deadline,tags\n"
CASES = [
    # (what, CLI arguments, CSV to import, the rule's words)
    (
        "future observation",
        ["update", "sh-robot-brands", "3", "--date", "2027"],
        "id,date,value\nsh-robot-brands,2027,3\n",
        "2027 is in the future (today is 2026-11-26)",
    ),
    (
        "unfinished period",
        ["update", "sh-robot-brands", "3", "--date", "2026-11"],
        "id,date,value\nsh-robot-brands,2026-11,3\n",
        "2026-11 has not ended yet",
    ),
    (
        "unit that is a number",
        ["add", "x", "--title", "x", "--target", "5", "--unit", "5kg", "--deadline", "2025"],
        TARGET_HEADER + "x,x,increase,5kg,5,,2025,\n",
        "'5kg' is not a unit",
    ),
    (
        "tag holding a separator",
        ["add", "x", "--title", "x", "--target", "5", "--deadline", "2025", "--tag", "a b"],
        TARGET_HEADER + "x,x,increase,,5,,2025,a b\n",
        "invalid tag 'a b'",
    ),
    (
        "unknown kind",
        ["add", "x", "--title", "x", "--target", "5", "--kind", "goal", "--deadline", "2025"],
        TARGET_HEADER + "x,x,goal,,5,,2025,\n",
        "'goal' is not one of increase, decrease, cap, floor, milestone",
    ),
    (
        "milestone with a number",
        ["add", "x", "--title", "x", "--target", "5", "--kind", "milestone"],
        TARGET_HEADER + "x,x,milestone,,5,,,\n",
        "a milestone is done or not done; it takes no target value",
    ),
    (
        "increase below its baseline",
        ["add", "x", "--title", "x", "--target", "5", "--baseline", "9", "--deadline", "2025"],
        TARGET_HEADER + "x,x,increase,,5,9,2025,\n",
        "an increase target (5) below its baseline (9)",
    ),
    (
        "value in another dimension",
        ["update", "sh-robot-industry", "5km"],
        "id,date,value\nsh-robot-industry,2026-11-26,5km\n",
        "cannot be converted",
    ),
    (
        "milestone given a number",
        ["update", "hezhou-airport", "3"],
        "id,date,value\nhezhou-airport,2026-11-26,3\n",
        "hezhou-airport is a milestone",
    ),
]


@pytest.mark.parametrize("what,argv,csv_text,words", CASES, ids=[c[0] for c in CASES])
def test_the_same_refusal_through_the_command_line_and_import(sample, tmp_path, what, argv, csv_text, words):
    before = sample.digest()
    assert_one_line_error(sample(*argv), 2, words)
    f = tmp_path / "in.csv"
    f.write_text(csv_text, encoding="utf-8")
    assert_one_line_error(sample("import", str(f)), 2, words, "in.csv")
    assert sample.digest() == before


def test_json_import_refuses_a_tag_with_a_separator_and_keeps_tags_whole(sample, tmp_path):
    doc = {
        "format": "targettrack-export",
        "version": 1,
        "targets": [{"id": "x", "title": "x", "target": 5, "deadline": "2025", "tags": ["a;b"]}],
    }
    f = tmp_path / "in.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    assert_one_line_error(sample("import", str(f)), 2, "invalid tag 'a;b'", "column tags")
    assert_one_line_error(
        sample("add", "x", "--title", "x", "--target", "5", "--deadline", "2025", "--tag", "a;b"),
        2,
        "--tag",
        "invalid tag 'a;b'",
    )
    doc["targets"][0]["tags"] = ["能源", "a.b", "c-d"]
    f.write_text(json.dumps(doc), encoding="utf-8")
    sample.ok("import", str(f))
    assert json.loads(sample.ok("show", "x", "--format", "json"))["tags"] == ["能源", "a.b", "c-d"]


def test_an_increment_adds_to_an_undated_baseline_too():
    undated = replace(BRANDS, baseline_date=None)  # a baseline with no date: still what --by adds to
    assert ops.observe(undated, "3", day(TODAY), today=TODAY, recorded_at=NOW, how="by").value == 5
    fields = {"owner": "x", "source": {"document": "d"}}
    ops.edit(BRANDS, fields)
    assert fields == {"owner": "x", "source": {"document": "d"}}  # the caller's dict is left as given
