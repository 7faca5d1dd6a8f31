"""Issue 11: indicators judged the way statistics arrive (periods, lags,
awaiting-data) and held in the forms plans write them (change, growth,
cumulative, each, binding). Figures are computed by hand in the comments."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from conftest import assert_one_line_error
from hypothesis import assume, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from targettrack.judge.assess import assess
from targettrack.model.dates import parse_period
from targettrack.model.forms import measured
from targettrack.model.rules import validate
from targettrack.model.settings import Settings
from targettrack.model.target import Observation, Target


def P(text):
    return parse_period(text)


def yearly(*pairs, measure=None):
    return tuple(Observation(P(str(y)), D(str(v)), f"{y + 1}-03-01T00:00:00Z", None, None, measure) for y, v in pairs)


def T(**kw):
    base = dict(id="t", title="t", deadline=P("2025"))
    base.update(kw)
    return validate(Target(**base))


# --- change targets ----------------------------------------------------------------

ENERGY = dict(
    kind="decrease",
    form="change",
    change="relative",
    target=D("-13.5"),
    baseline_date=P("2020"),
    binding=True,
    observations=yearly((2021, "-2.7"), (2022, "-0.1"), (2023, "-0.5"), (2024, "-3.8"), measure="yoy"),
)


def test_yearly_changes_are_compounded_from_an_index_of_100():
    # 0.973 x 0.999 x 0.995 x 0.962 = 0.930415 -> -6.96 %
    t = T(**ENERGY)
    a = assess(t, date(2025, 6, 30))
    assert a.current == D("-6.96") and a.last_period == "2024"
    # progress 6.96 / 13.5 = 0.5156; expected at 2024-12-31: 1461 / 1826 days = 0.8001; R = 0.644: at risk
    assert a.status == "at-risk" and float(a.ratio) == pytest.approx(0.5156 / 0.8001, abs=0.001)


def test_a_change_through_the_cli_keeps_the_rates_as_given(tt):
    tt.ok(
        "add",
        "energy",
        "--title",
        "单位GDP能源消耗降低",
        "--change",
        "-13.5%",
        "--baseline-date",
        "2020",
        "--deadline",
        "2025",
        "--binding",
        env={"TARGETTRACK_TODAY": "2025-06-30"},
    )
    for year, rate in ((2021, "-2.7%"), (2022, "-0.1%"), (2023, "-0.5%"), (2024, "-3.8%")):
        out = tt.ok("update", "energy", "--yoy", rate, "--date", str(year), env={"TARGETTRACK_TODAY": "2025-06-30"})
    assert out.startswith("energy: -3.8% yoy on 2024 -> at-risk")
    r = json.loads(tt.ok("show", "energy", "-f", "json", env={"TARGETTRACK_TODAY": "2025-06-30"}))
    assert (r["form"], r["change"], r["kind"], r["binding"], r["measured_unit"]) == (
        "change",
        "relative",
        "decrease",
        True,
        "%",
    )
    assert r["current"] == pytest.approx(-6.96, abs=0.01) and r["target"] == -13.5
    assert [(o["value"], o["measure"], o["unit"]) for o in r["observations"]][0] == (-2.7, "yoy", "%")


def test_a_change_from_levels_with_a_known_base():
    # 2019 77.3 -> 2021 78.2: +0.9 of +1
    t = T(
        kind="increase",
        unit="岁",
        form="change",
        change="absolute",
        target=D(1),
        baseline=D("77.3"),
        baseline_date=P("2019"),
        observations=yearly((2021, "78.2")),
    )
    a = assess(t, date(2022, 6, 1))
    assert a.current == D("0.9") and a.progress == D("0.9")


def test_a_change_in_percentage_points():
    t = T(
        kind="increase",
        unit="%",
        form="change",
        change="points",
        target=D(5),
        baseline=D("60.6"),
        baseline_date=P("2020"),
        observations=yearly((2022, "63.1")),
    )
    a = assess(t, date(2023, 1, 1))
    assert a.current == D("2.5")
    from targettrack.render.cells import current_cell, target_cell

    assert current_cell(t, a) == "+2.5 pp" and target_cell(t) == "+5 pp"


def test_with_an_unknown_base_only_yearly_changes_are_placed():
    # base unknown (an index of 100): 2021 is -2% on 2020, so 98; 2022's level 49 has no base to
    # be divided by, and 2023's -1% is a change on 2022, which is not on the index.
    t = T(
        kind="decrease",
        form="change",
        change="relative",
        target=D(-10),
        baseline_date=P("2020"),
        observations=yearly((2021, -2), measure="yoy") + yearly((2022, 49)) + yearly((2023, -1), measure="yoy"),
    )
    m = measured(t)
    assert [(o.date.label, v) for o, v in m.points] == [("2021", D(-2))]
    assert [g[:4] for g in m.gaps] == ["2022", "2023"] and "base value is not known" in m.gaps[0]
    known = T(
        kind="decrease",
        form="change",
        change="relative",
        target=D(-10),
        baseline_date=P("2020"),
        baseline=D(50),
        observations=t.observations,
    )
    # with the base 50: 2021 98 -> -2 %; 2022 49 -> -2 %; 2023 49 x 0.99 -> -2.98 %
    assert [v for _, v in measured(known).points] == [D(-2), D(-2), D("-2.98")]


def test_a_yoy_that_cannot_be_chained_yet_is_recorded_with_a_warning(tt):
    tt.ok("add", "e", "--title", "e", "--change", "-13.5%", "--baseline-date", "2020", "--deadline", "2025")
    r = tt("update", "e", "--yoy", "-0.5%", "--date", "2023")
    assert r.code == 0 and "no value for 2022" in r.err and "chained once it has one" in r.err
    r = json.loads(tt.ok("show", "e", "-f", "json"))
    assert r["current"] is None and len(r["observations"]) == 1


@pytest.mark.parametrize(
    "args, words",
    [
        (["--change", "-13.5%", "--target", "5"], ("--change is the target",)),
        (
            ["--change", "-13.5%", "--kind", "increase", "--baseline-date", "2020"],
            ("a decrease", "--kind", "make it decrease"),
        ),
        (["--change", "-13.5%"], ("--baseline-date",)),
        (["--growth", "7%"], ("--baseline-date",)),
        (["--growth", "7亿元", "--baseline-date", "2020"], ("percentage",)),
        (["--change", "+5pp", "--unit", "亿元", "--baseline-date", "2020"], ("percentage points", "not %")),
        (["--each", "year", "--kind", "decrease", "--target", "5"], ("--each",)),
        (["--each", "fortnight", "--kind", "cap", "--target", "5"], ("fortnight", "year, half, quarter")),
        (["--cumulative", "--target", "25"], ("cumulative", "--start")),
        (["--growth", "7%", "--change", "+1", "--baseline-date", "2020"], ("do not go together",)),
        (["--lag", "soon", "--target", "5"], ("--lag", "90d")),
        (["--frequency", "weekly", "--target", "5"], ("--frequency", "year, half")),
    ],
)
def test_bad_forms_are_refused_with_one_line(tt, args, words):
    before = tt.digest()
    r = tt("add", "x", "--title", "x", "--deadline", "2025", *args)
    assert_one_line_error(r, 2, *words)
    assert tt.digest() == before


# --- growth targets -----------------------------------------------------------------


def test_average_growth_from_levels():
    # (36130 / 24393) ** (1/4) - 1 = 10.32 % a year
    t = T(
        unit="亿元",
        form="growth",
        target=D(7),
        baseline=D(24393),
        baseline_date=P("2020"),
        observations=yearly((2024, 36130)),
    )
    a = assess(t, date(2025, 6, 30))
    assert a.current == D("10.32") and a.status == "on-track" and a.achieved_date is None


def test_one_good_year_does_not_make_five():
    # 年均增长6%: 8.5% in 2021 is on track, never achieved before the deadline; then 3% and 5.2%:
    # (1.085 x 1.03 x 1.052) ** (1/3) - 1 = 1.1756626 ** (1/3) - 1 = 5.54 %, R = 0.92: at risk
    obs = yearly((2021, "8.5"), measure="yoy")
    t = T(form="growth", target=D(6), baseline_date=P("2020"), observations=obs)
    assert assess(t, date(2022, 6, 1)).status == "on-track"
    t = T(
        form="growth",
        target=D(6),
        baseline_date=P("2020"),
        observations=obs + yearly((2022, 3), (2023, "5.2"), measure="yoy"),
    )
    a = assess(t, date(2024, 6, 1))
    assert a.current == D("5.54") and a.status == "at-risk"


def test_growth_at_the_deadline_is_achieved_or_missed():
    obs = yearly(*((y, 7) for y in range(2021, 2025)), measure="yoy")
    t = T(form="growth", target=D(7), baseline_date=P("2020"), observations=obs)
    assert assess(t, date(2026, 1, 1)).status == "awaiting-data"
    done = T(form="growth", target=D(7), baseline_date=P("2020"), observations=obs + yearly((2025, 7), measure="yoy"))
    assert assess(done, date(2026, 3, 1)).status == "achieved"
    short = T(form="growth", target=D(7), baseline_date=P("2020"), observations=obs + yearly((2025, 2), measure="yoy"))
    a = assess(short, date(2026, 3, 1))
    # (1.07^4 x 1.02) ** (1/5) - 1 = 5.98 %: 1.02 pp short
    assert a.status == "missed" and a.current == D("5.98") and "1.02 pp short" in a.reason


# --- bounds in every period -------------------------------------------------------------


def test_an_each_year_cap_is_breached_by_one_year_and_never_forgets_it():
    t = T(
        kind="cap",
        unit="%",
        target=D("5.5"),
        each="year",
        start=P("2021"),
        observations=yearly((2021, "5.1"), (2022, "5.6"), (2023, "5.2"), (2024, "5.1")),
    )
    a = assess(t, date(2025, 6, 1))
    assert a.status == "breached" and "breached in 2022: 5.6%" in a.reason and a.current == D("5.1")
    # after the deadline, with 2025 not in: still breached (a breach is settled), not awaiting-data
    assert assess(t, date(2026, 6, 1)).status == "breached"


def test_a_floor_over_the_plan_breached_in_one_year():
    # 粮食 at least 600亿斤 over 2021-2025: 2022 below it
    t = T(
        kind="floor",
        unit="亿斤",
        target=D(600),
        each="year",
        start=P("2021"),
        observations=yearly((2021, 610), (2022, 590), (2023, 620)),
    )
    a = assess(t, date(2024, 6, 1))
    assert a.status == "breached" and "2022: 590亿斤" in a.reason


def test_an_each_year_increase_is_on_track_then_achieved_or_missed():
    # 每年新增城镇就业1100万人以上
    ok = yearly((2021, 1269), (2022, 1206), (2023, 1244), (2024, 1256))
    t = T(unit="万人", target=D(1100), each="year", start=P("2021"), observations=ok)
    assert assess(t, date(2025, 6, 1)).status == "on-track"
    assert assess(t, date(2026, 1, 1)).status == "awaiting-data"
    done = T(unit="万人", target=D(1100), each="year", start=P("2021"), observations=ok + yearly((2025, 1267)))
    assert assess(done, date(2026, 3, 1)).status == "achieved"
    short = T(
        unit="万人",
        target=D(1100),
        each="year",
        start=P("2021"),
        observations=yearly((2021, 1269), (2022, 1050), (2023, 1244)),
    )
    a = assess(short, date(2024, 3, 1))
    assert a.status == "off-track" and "short in 2022: 1050万人" in a.reason
    assert assess(short, date(2026, 6, 1)).status == "missed"


# --- cumulative ------------------------------------------------------------------


def test_cumulative_amounts_are_summed_since_the_start(tt):
    tt.ok(
        "add",
        "drugs",
        "--title",
        "5年引进25种创新药品",
        "--target",
        "25种",
        "--cumulative",
        "--start",
        "2021",
        "--deadline",
        "2025",
    )
    for year, n in ((2021, "4"), (2022, "6"), (2023, "5")):
        tt.ok("update", "drugs", n, "--date", str(year))
    r = json.loads(tt.ok("show", "drugs", "-f", "json"))
    # 15 of 25 by 2023-12-31; the line from 0 on 2021-01-01 to 25 on 2025-12-31 stood at 0.6 x 25 = 15
    assert r["current"] == 15 and r["form"] == "cumulative" and r["progress"] == 0.6
    assert "3种 on 2023" in tt.ok("update", "drugs", "--by", "-2", "--date", "2023", "--quiet")
    r = tt("update", "drugs", "-1", "--date", "2024")
    assert "negative amount" in r.err and r.code == 0


# --- periods, lags, awaiting data ------------------------------------------------------

URBAN = dict(
    unit="%",
    target=D(65),
    baseline=D("60.6"),
    baseline_date=P("2020"),
    observations=yearly((2021, "62"), (2022, "63"), (2023, "63.8"), (2024, "64.2")),
)


def test_on_track_then_awaiting_data_then_settled_by_the_deadline_value():
    t = T(**URBAN)
    assert assess(t, date(2025, 6, 30)).status == "on-track"
    a = assess(t, date(2026, 1, 1))
    assert a.status == "awaiting-data" and a.last_status == "on-track" and not a.stale
    assert a.reason == "2025 value not recorded yet; on course as of 2024; 2025 data due 2026-03-31"
    late = assess(t, date(2026, 4, 1))
    assert late.stale and late.data_due == date(2026, 3, 31) and "2025 data due since 2026-03-31" in late.reason
    hit = T(**{**URBAN, "observations": URBAN["observations"] + yearly((2025, "65.2"))})
    assert assess(hit, date(2026, 3, 1)).status == "achieved"
    short = T(**{**URBAN, "observations": URBAN["observations"] + yearly((2025, "64.5"))})
    a = assess(short, date(2026, 3, 1))
    assert a.status == "missed" and "2025: 64.5%, 0.5 pp short" in a.reason


def test_stale_before_the_deadline_does_not_change_the_status():
    t = T(**{**URBAN, "observations": URBAN["observations"][:3]})  # up to 2023
    before, after = assess(t, date(2025, 3, 31)), assess(t, date(2025, 4, 1))
    assert before.status == after.status and not before.stale and after.stale
    assert after.data_awaited == "2024" and after.data_due == date(2025, 3, 31)


def test_the_lag_is_the_targets_or_the_stores():
    t = T(**URBAN)
    assert assess(t, date(2026, 5, 1)).stale
    assert not assess(T(**URBAN, lag=150), date(2026, 5, 1)).stale  # due 2026-05-30
    slow = Settings().set("lag.year", "180d")
    assert not assess(t, date(2026, 5, 1), slow).stale


def test_a_milestone_is_awaiting_news_for_its_lag_then_missed():
    t = T(kind="milestone", deadline=P("2025"))
    assert assess(t, date(2025, 12, 31)).status == "pending"
    assert assess(t, date(2026, 3, 31)).status == "awaiting-data"
    assert assess(t, date(2026, 4, 1)).status == "missed"


def test_irregular_values_by_the_day_are_judged_as_before():
    t = T(
        unit="个",
        target=D(100),
        baseline=D(0),
        baseline_date=P("2024-01-01"),
        observations=(Observation(P("2025-06-01"), D(40), "x"),),
    )
    assert assess(t, date(2026, 1, 1)).status == "missed"
    assert assess(t, date(2025, 7, 1)).data_due is None


def test_frequency_and_lag_through_the_cli(tt):
    tt.ok(
        "add",
        "q",
        "--title",
        "q",
        "--target",
        "100",
        "--baseline",
        "0",
        "--baseline-date",
        "2024",
        "--deadline",
        "2026",
        "--frequency",
        "quarter",
        "--lag",
        "6w",
    )
    tt.ok("update", "q", "40", "--date", "2025Q2")
    r = json.loads(tt.ok("show", "q", "-f", "json"))
    # 2025-Q3 ends 2025-09-30; 42 days later is 2025-11-11, before today (2026-11-26)
    assert (r["frequency"], r["lag"], r["data_awaited"], r["data_due"], r["stale"]) == (
        "quarter",
        42,
        "2025-Q3",
        "2025-11-11",
        True,
    )
    assert tt.ok("config", "lag.quarter", "60d") == "lag.quarter 60d\n"
    tt.ok("edit", "q", "--unset", "lag")
    assert json.loads(tt.ok("show", "q", "-f", "json"))["data_due"] == "2025-11-29"


# --- the property: no new value, no new status --------------------------------------

SHAPES = st.sampled_from(["level", "change", "growth", "each-cap", "each-increase", "cumulative", "milestone"])


@hsettings(max_examples=100, deadline=None)
@given(
    shape=SHAPES,
    values=st.lists(st.integers(-30, 30), min_size=0, max_size=5),
    lag=st.integers(0, 200),
    offset=st.integers(0, 365 * 6),
    span=st.integers(1, 360),
)
def test_with_no_new_value_the_status_is_the_same_every_day_between_period_ends(shape, values, lag, offset, span):
    obs = yearly(
        *((2021 + i, D(v) / 10 + (0 if shape in ("change", "growth") else 60)) for i, v in enumerate(values)),
        measure="yoy" if shape in ("change", "growth") else None,
    )
    kw = dict(
        kind="increase", unit="%", target=D(65), baseline=D(60), baseline_date=P("2020"), observations=obs, lag=lag
    )
    if shape == "change":
        kw.update(form="change", change="relative", target=D(8), baseline=None)
    elif shape == "growth":
        kw.update(form="growth", target=D(2), baseline=None)
    elif shape == "each-cap":
        kw.update(kind="cap", each="year", target=D(61), start=P("2021"), baseline=None, baseline_date=None)
    elif shape == "each-increase":
        kw.update(each="year", target=D(59), start=P("2021"), baseline=None, baseline_date=None)
    elif shape == "cumulative":
        kw.update(form="cumulative", target=D(300), start=P("2021"), baseline=None, baseline_date=None)
    elif shape == "milestone":
        kw = dict(kind="milestone", lag=lag)
    t = T(**kw)
    # The days on which a status may change with no new value: each period's end (a year's),
    # the deadline, and the deadline plus the lag (a milestone's news).
    d1 = date(2021, 1, 1) + timedelta(days=offset)
    d2 = d1 + timedelta(days=span)
    edges = [date(y, 12, 31) for y in range(2020, 2033)] + [date(2025, 12, 31) + timedelta(days=lag)]
    assume(not any(d1 <= e <= d2 for e in edges))
    assume(not any(d1 <= o.date.last <= d2 for o in obs))
    a, b = assess(t, d1), assess(t, d2)
    assert (a.status, a.ratio, a.current) == (b.status, b.ratio, b.current)


def test_binding_targets_are_said_so_in_every_report_format(tt):
    tt.ok(
        "add",
        "e",
        "--title",
        "能耗",
        "--change",
        "-13.5%",
        "--baseline-date",
        "2020",
        "--deadline",
        "2025",
        "--binding",
        env={"TARGETTRACK_TODAY": "2026-01-02"},
    )
    tt.ok("update", "e", "--yoy", "-0.1%", "--date", "2021", env={"TARGETTRACK_TODAY": "2026-01-02"})
    assert "  e   awaiting-data (binding)  -" in tt.ok("report")
    assert "| e: 能耗 | awaiting-data (binding) |" in tt.ok("report", "-f", "markdown")
    row = next(r for r in csv.DictReader(io.StringIO(tt.ok("report", "-f", "csv"))) if r["section"] == "attention")
    assert (row["binding"], row["stale"], row["data_due"]) == ("true", "true", "2026-03-31")
    assert "binding</span>" in tt.ok("report", "-f", "html")
    assert json.loads(tt.ok("report", "-f", "json"))["targets"][0]["binding"] is True
    assert json.loads(tt.ok("report", "-f", "json", "--expected"))["targets"] == []


def test_an_absolute_change_from_a_base_of_zero():
    # 0 in 2020 -> +3 by 2025: 2 in 2023 is +2, and a -50% yoy in 2024 takes it to 1
    t = T(
        kind="increase",
        unit="个",
        form="change",
        change="absolute",
        target=D(3),
        baseline=D(0),
        baseline_date=P("2020"),
        observations=yearly((2023, 2)) + yearly((2024, -50), measure="yoy"),
    )
    assert [v for _, v in measured(t).points] == [D(2), D(1)]
    relative = T(
        kind="increase",
        form="change",
        change="relative",
        target=D(10),
        baseline=D(0),
        baseline_date=P("2020"),
        observations=yearly((2023, 2)),
    )
    m = measured(relative)
    assert m.points == () and "base value is not known" in m.gaps[0]


def test_an_absolute_change_with_an_unknown_base_and_a_yoy_chained_from_a_later_level():
    # No 2020 base: 2022's level has nothing to differ from, nor has 2023's +10% on it
    # (found by hypothesis: the difference was taken from None, an internal error).
    for change in ("absolute", "points"):
        t = T(
            kind="increase",
            unit="%" if change == "points" else "个",
            form="change",
            change=change,
            target=D(3),
            baseline_date=P("2020"),
            observations=yearly((2022, 5)) + yearly((2023, 10), measure="yoy"),
        )
        m = measured(t)
        assert m.points == ()
        assert [g[:4] for g in m.gaps] == ["2022", "2023"] and all("base value is not known" in g for g in m.gaps)
        assert assess(t, date(2024, 6, 1), Settings()).status == "no-data"
