"""The three methods (linear, cagr, projection), urgency, plans and timelines
on hand-computed cases. Expected figures were computed by hand from the
published formulas (YEAR = 365.25 days), not by the code under test."""

import json
from datetime import date, timedelta
from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from targettrack.judge.assess import assess, timeline
from targettrack.judge.assessment import open_sdg_score
from targettrack.judge.plans import plan_score, plan_status, summarize_plans
from targettrack.model.dates import day
from targettrack.model.settings import DEFAULT_BANDS, Settings
from targettrack.model.target import Observation, Target

B, T2, DL = date(2020, 1, 1), date(2022, 1, 1), date(2030, 1, 1)


def tgt(kind="increase", base=100, goal=200, obs=(), deadline=DL, method=None, baseline_day=B, **kw):
    return Target(
        id="t",
        title="t",
        kind=kind,
        unit="亿元",
        target=D(str(goal)),
        baseline=None if base is None else D(str(base)),
        baseline_date=day(baseline_day) if base is not None else None,
        deadline=day(deadline),
        method=method,
        observations=tuple(
            Observation(day(d), D(str(v)), f"2026-01-0{i + 1}T00:00:00Z") for i, (d, v) in enumerate(obs)
        ),
        **kw,
    )


# --- cagr (Eurostat / Open SDG) ---------------------------------------------


def test_cagr_increase():
    a = assess(tgt(obs=[(T2, 121)]), T2, method="cagr")
    # CAGR_o = 1.21^(1/2.00137) - 1 = 0.099928; CAGR_r = 2^(1/10.00137) - 1 = 0.071763; R = 1.3925
    assert a.method == "cagr" and a.ratio == pytest.approx(1.39247, abs=1e-4) and a.status == "on-track"
    assert a.projected_date == T2 + timedelta(days=1928)  # ln(200/121)/ln(1.099928) years = 1927.1 days
    assert float(a.projected_value) == pytest.approx(259.239, abs=1e-3)


def test_cagr_decrease():
    a = assess(tgt(kind="decrease", base=450, goal=350, obs=[(T2, 430)]), T2, method="cagr")
    # CAGR_o = -0.022460, CAGR_r = -0.024815, R = -1 * -0.022460 / 0.024815 = 0.9051
    assert a.ratio == pytest.approx(0.90508, abs=1e-4) and a.status == "at-risk"


@pytest.mark.parametrize(
    "base, value, goal, why",
    [
        (0, 50, 200, "base value is zero"),
        (-10, 50, 200, "base value is zero or negative"),
        (10, -5, 200, "change sign"),
    ],
)
def test_cagr_undefined_falls_back_to_linear_and_says_so(base, value, goal, why):
    a = assess(tgt(base=base, goal=goal, obs=[(T2, value)]), T2, method="cagr")
    assert a.method == "linear" and "CAGR is undefined" in a.note and why in a.note
    linear = assess(tgt(base=base, goal=goal, obs=[(T2, value)]), T2, method="linear")
    assert a.ratio == linear.ratio and a.status == linear.status


def test_cagr_single_observation_without_baseline_is_no_data():
    a = assess(tgt(base=None, obs=[(T2, 121)]), T2, method="cagr")
    assert a.status == "no-data" and a.ratio is None


def test_cagr_met_at_baseline_is_achieved():
    a = assess(tgt(base=250, goal=200, obs=[]), T2, method="cagr")
    assert a.status == "achieved" and a.achieved_date == B


def test_cagr_past_deadline_judged_as_of_the_deadline():
    t = tgt(goal=200, deadline=date(2024, 12, 31), obs=[(T2, 121), (date(2024, 12, 31), 150), (date(2025, 6, 30), 210)])
    a = assess(t, date(2026, 1, 1), method="cagr")
    assert a.status == "missed" and a.shortfall == 50 and "short" not in a.reason
    assert "reached late, on 2025-06-30" in a.reason  # it did get there, after the deadline
    t2 = tgt(goal=200, deadline=date(2024, 12, 31), obs=[(T2, 121), (date(2024, 12, 31), 150)])
    a2 = assess(t2, date(2026, 1, 1), method="cagr")
    assert a2.status == "missed" and a2.shortfall == 50 and "2024-12-31: 150亿元, 50亿元 short" in a2.reason


# --- projection (UN 2023) ---------------------------------------------------


@pytest.mark.parametrize(
    "value, ratio, status",
    [
        (121, 1.59239, "on-track"),  # v_e = 121 * 1.099928^8 = 259.239
        (102, 0.10402, "at-risk"),  # v_e = 110.402: just above the 0.10 edge
        (100.5, 0.02524, "off-track"),  # v_e = 102.524
        (95, -0.22611, "regressing"),  # v_e = 77.389
    ],
)
def test_projection_bands(value, ratio, status):
    a = assess(tgt(obs=[(T2, value)]), T2, method="projection")
    assert a.method == "projection" and a.ratio == pytest.approx(ratio, abs=1e-4) and a.status == status


def test_projection_of_a_decrease_to_zero_has_no_date():
    # A compound trend halves and halves again but never reaches 0: judged, not a crash (math.log(0)).
    a = assess(tgt(kind="decrease", base=100, goal=0, obs=[(T2, 50)]), T2, method="projection")
    assert a.method == "projection" and a.projected_date is None and a.status in ("on-track", "at-risk")


def test_projection_with_the_target_at_the_first_value():
    # No baseline: the first value is the start, and it already equals the target (was a ZeroDivisionError).
    a = assess(tgt(base=None, goal=200, obs=[(B, 200), (T2, 250)]), T2, method="projection")
    assert a.status == "achieved" and a.achieved_date == B and a.ratio is None


def test_projection_falls_back_to_a_linear_extrapolation():
    # zero baseline: 0 -> 50 in 731 days, extrapolated 2922 days more: 50 + 50/731*2922 = 249.86
    a = assess(tgt(base=0, goal=200, obs=[(T2, 50)]), T2, method="projection")
    assert a.method == "projection" and "extrapolated linearly" in a.note
    assert float(a.projected_value) == pytest.approx(50 + 50 / 731 * 2922, abs=1e-6)
    assert a.ratio == pytest.approx((50 + 50 / 731 * 2922) / 200, abs=1e-6) and a.status == "on-track"


def test_method_precedence_override_then_target_then_store():
    t = tgt(obs=[(T2, 121)], method="projection")
    assert assess(t, T2).method == "projection"
    assert assess(t, T2, method="cagr").method == "cagr"
    s = Settings().set("method", "cagr")
    assert assess(tgt(obs=[(T2, 121)]), T2, s).method == "cagr"


def test_band_edges_are_settings():
    t = tgt(obs=[(T2, 102)])
    assert assess(t, T2, method="projection").status == "at-risk"
    strict = Settings().set("projection.at-risk", "0.2")
    assert assess(t, T2, strict, method="projection").status == "off-track"


# --- linear: rates, buffer, projection, achieved ahead ------------------------

D0 = date(2024, 1, 1)


def lin(obs, goal=100, base=0, deadline_days=100):
    return tgt(
        base=base,
        goal=goal,
        obs=[(D0 + timedelta(days=n), v) for n, v in obs],
        baseline_day=D0,
        deadline=D0 + timedelta(days=deadline_days),
    )


def test_rates_and_buffer():
    a = assess(lin([(20, 30)]), D0 + timedelta(days=20))
    assert a.required_rate == pytest.approx(70 / 80 * 365.25) and a.observed_rate == pytest.approx(1.5 * 365.25)
    assert a.buffer_days == 10  # 30% of the way is where the line is on day 30
    later = assess(lin([(20, 30)]), D0 + timedelta(days=40))
    # Judged where the line stood on day 20, the value's day: still on track,
    # and the buffer and the rate required are taken there too (issue 29):
    # ten days ahead, never "ten days behind" beside an on-track status.
    assert later.buffer_days == 10 and later.status == "on-track" and later.ratio == Fraction(3, 2)
    assert later.required_rate == a.required_rate


def test_linear_projected_value_at_the_deadline():
    a = assess(lin([(20, 30)]), D0 + timedelta(days=20))
    assert a.projected_value == pytest.approx(30 + 1.5 * 80) and a.projected_date == D0 + timedelta(days=67)


def test_achieved_ahead_of_the_deadline():
    a = assess(lin([(60, 100)]), D0 + timedelta(days=70))
    assert a.status == "achieved" and a.achieved_ahead_days == 40 and "40 days early" in a.reason


def test_sanofi_reached_two_years_early(sample):
    import json

    r = json.loads(sample.ok("show", "sanofi", "-f", "json"))
    assert r["achieved_date"] == "2024-06-30" and r["achieved_ahead_days"] == 730
    for method in ("linear", "cagr", "projection"):
        r = json.loads(sample.ok("show", "sanofi", "-f", "json", "--method", method))
        assert r["status"] == "achieved" and r["score"] == 5


# --- Open SDG score and plans ---------------------------------------------


@pytest.mark.parametrize(
    "ratio, score", [(0.95, 2.5), (0.6, 0.0), (0.0, -2.5), (1.3, 5.0), (2.0, 5.0), (-0.6, -5.0), (0.3, -1.25)]
)
def test_open_sdg_score(ratio, score):
    assert open_sdg_score(ratio, DEFAULT_BANDS["linear"]) == pytest.approx(score, abs=1e-9)


def test_plan_status_is_the_weakest_open_one():
    assert plan_status(["achieved", "achieved"]) == "achieved"
    assert plan_status(["achieved", "on-track", "at-risk"]) == "at-risk"
    assert plan_status(["achieved", "no-data", "on-track"]) == "no-data"
    assert plan_status(["pending", "missed", "achieved"]) == "missed"


def test_plan_summary_counts_and_mean_score():
    a = assess(lin([(60, 100)]), D0 + timedelta(days=70))  # achieved, 5
    b = assess(lin([(50, 50)]), D0 + timedelta(days=50))  # R 1.0 -> 2.5 + (0.05/0.35)*2.5
    c = assess(lin([]), D0 + timedelta(days=50))  # no-data, no score
    rows = summarize_plans([(tgt(plan="p"), a), (tgt(plan="p"), b), (tgt(plan="p"), c)])
    assert (rows[0]["status_targets"], rows[0]["total"], rows[0]["on_course"], rows[0]["binding"]) == (1, 3, 2, 0)
    assert rows[0]["status"] == "no-data" and rows[0]["counts"] == {"achieved": 1, "on-track": 1, "no-data": 1}
    assert rows[0]["score"] == round((5 + (1.0 - 0.6) * 2.5 / 0.35) / 2, 2)
    assert plan_score([c]) is None


def test_plans_command(sample):
    import json

    sample.ok("update", "sh-robot-industry", "850", "--date", "2024-12")
    rows = {r["plan"]: r for r in json.loads(sample.ok("plans", "-f", "json"))}
    assert set(rows) == {"sh-robot-plan-2025", "im-l6-solid-state", "hezhou-projects"}
    robot = rows["sh-robot-plan-2025"]
    assert robot["status"] == "awaiting-data" and robot["targets"] == [
        "sh-robot-brands",
        "sh-robot-industry",
        "sh-robot-scenarios",
    ]
    assert rows["hezhou-projects"]["status"] == "pending" and rows["hezhou-projects"]["counts"] == {"pending": 4}
    plain = sample.ok("plans")
    assert plain.splitlines()[0].split() == ["PLAN", "TARGETS", "ON", "COURSE", "BINDING", "ON", "COURSE", "SCORE"]
    assert "hezhou-projects     4 pending " in plain
    assert sample.ok("plans", "-f", "csv").startswith(
        "plan,status,status_targets,total,on_course,binding,binding_on_course,score,targets,counts\n"
    )
    ids = [r["id"] for r in json.loads(sample.ok("list", "-f", "json", "--plan", "hezhou-projects"))]
    assert len(ids) == 4


def test_a_plan_says_how_many_are_on_course_and_the_binding_ones_apart(tt):
    """Issue 11, item 7: one missed milestone in 17 targets is "missed (1 of 17)", beside 12/17 on course."""
    for i in range(16):
        binding = ["--binding"] if i < 7 else ["--expected"]
        tt.ok(
            "add",
            f"t{i:02d}",
            "--title",
            f"t{i}",
            "--target",
            "10",
            "--baseline",
            "0",
            "--baseline-date",
            "2021",
            "--deadline",
            "2027",
            "--plan",
            "p",
            *binding,
        )
        # 2022's 3 of 10 is on the line (expected 1/6 by 2022-12-31); 0 is off track
        tt.ok("update", f"t{i:02d}", "3" if i < 12 else "0", "--date", "2022")
    tt.ok("add", "m", "--title", "机场", "--kind", "milestone", "--deadline", "2025-06-30", "--plan", "p", "--binding")
    rows = json.loads(tt.ok("plans", "-f", "json"))
    assert len(rows) == 1
    p = rows[0]
    assert (p["status"], p["status_targets"], p["total"], p["on_course"]) == ("missed", 1, 17, 12)
    # binding: t00-t06 on course, the milestone missed: 7 of 8
    assert (p["binding"], p["binding_on_course"]) == (8, 7)
    assert p["counts"] == {"on-track": 12, "off-track": 4, "missed": 1}
    line = tt.ok("plans").splitlines()[1].split()
    # issue 29: the counts by status head the line, not the weakest status alone
    assert line == ["p", "12", "on-track", "·", "4", "off-track", "·", "1", "missed", "12/17", "7/8", line[-1]]


# --- timeline -------------------------------------------------------------


def test_timeline_has_each_observation_and_year_end():
    t = tgt(obs=[(date(2021, 6, 30), 110), (date(2023, 3, 31), 130)])
    steps = timeline(t, date(2024, 2, 1))
    assert [s.as_of for s in steps] == [
        date(2020, 12, 31),
        date(2021, 6, 30),
        date(2021, 12, 31),
        date(2022, 12, 31),
        date(2023, 3, 31),
        date(2023, 12, 31),
        date(2024, 2, 1),
    ]
    # 2021-06-30: progress 10/100, expected 546/3653 days: R = 0.669
    assert steps[0].status == "no-data" and steps[1].status == "at-risk"
    assert float(steps[1].ratio) == pytest.approx(0.1 / (546 / 3653))


def test_show_timeline(sample):
    sample.ok("update", "sh-robot-industry", "850", "--date", "2024-06")
    sample.ok("update", "sh-robot-industry", "880", "--date", "2025-06")
    out = sample.ok("show", "sh-robot-industry", "--timeline")
    assert "timeline (" in out and "2023-12-31  no-data" in out and "2025-12-31" in out
    import json

    r = json.loads(sample.ok("show", "sh-robot-industry", "--timeline", "-f", "json"))
    dates = [s["date"] for s in r["timeline"]]
    assert dates == ["2023-12-31", "2024-06-30", "2024-12-31", "2025-06-30", "2025-12-31", "2026-11-26"]
    # Monthly values and a 2025 deadline: December 2025's value settles it, and it is not in (issue 11).
    assert r["timeline"][-1]["status"] == "awaiting-data"
    assert r["timeline"][-2]["status"] == "off-track"  # 850 -> 880 of 1000 by 2025-06-30: R 0.3


# --- urgency -----------------------------------------------------------------


def test_list_sort_urgency(sample):
    import json

    sample.ok("update", "yaohai", "120万元")  # breached
    sample.ok(
        "add",
        "a",
        "--title",
        "a",
        "--target",
        "100",
        "--deadline",
        "2027",
        "--baseline",
        "0",
        "--baseline-date",
        "2026-01-01",
    )
    sample.ok(
        "add",
        "b",
        "--title",
        "b",
        "--target",
        "100",
        "--deadline",
        "2027",
        "--baseline",
        "0",
        "--baseline-date",
        "2026-01-01",
    )
    sample.ok("update", "a", "80", "--date", "2026-11-01")  # well ahead
    sample.ok("update", "b", "20", "--date", "2026-11-01")  # behind
    ids = [r["id"] for r in json.loads(sample.ok("list", "-f", "json", "--sort", "urgency"))]
    assert ids[0] == "yaohai-talent-subsidy"
    assert ids.index("b") < ids.index("a") < ids.index("im-l6-first-batch")
    assert ids[-1] == "sanofi-innovative-drugs"


# --- config -------------------------------------------------------------------


def test_config_shows_sets_resets_and_info_reports_changes(sample):
    import json

    assert "projection.at-risk 0.1" in sample.ok("config")
    assert sample.ok("config", "cagr.on-track").strip() == "0.95"
    sample.ok("config", "linear.on-track", "0.9")
    sample.ok("config", "method", "cagr")
    assert "linear.on-track 0.9  (default 0.95)" in sample.ok("config")
    info = json.loads(sample.ok("info", "-f", "json"))
    assert info["settings_changed"] == {"method": "cagr", "linear.on-track": "0.9"}
    assert "method=cagr" in sample.ok("info")
    assert json.loads(sample.ok("list", "-f", "json"))[0]["method"] in ("cagr", "linear")
    sample.ok("config", "--reset", "linear.on-track")
    sample.ok("config", "--reset", "method")
    assert json.loads(sample.ok("info", "-f", "json"))["settings_changed"] == {}


@pytest.mark.parametrize(
    "argv, words",
    [
        (["config", "colour", "red"], "unknown setting"),
        (["config", "method", "magic"], "not one of"),
        (["config", "linear.on-track", "lots"], "not a number"),
        (["config", "linear.on-track", "0.5"], "on-track >= at-risk"),
        (["config", "--reset"], "--reset"),
        (["add", "x", "--title", "x", "--kind", "milestone", "--method", "guess"], "--method"),
        (["list", "--method", "guess"], "--method"),
        (["show", "sanofi", "--method", "guess"], "--method"),
    ],
)
def test_bad_method_and_config_input(sample, argv, words):
    from conftest import assert_one_line_error

    before = sample.digest()
    assert_one_line_error(sample(*argv), 2, words)
    assert sample.digest() == before


# --- properties -------------------------------------------------------------

series = st.lists(st.tuples(st.integers(1, 3000), st.integers(-50, 400)), min_size=0, max_size=6)


@hsettings(max_examples=150)
@given(
    series,
    st.integers(1, 4000),
    st.integers(0, 2000),
    st.sampled_from(["linear", "cagr", "projection"]),
    st.sampled_from(["increase", "decrease"]),
)
def test_later_observations_never_change_an_earlier_judgement(obs, as_of, later, method, kind):
    goal = 300 if kind == "increase" else 20
    base_t = tgt(
        kind=kind,
        base=100,
        goal=goal,
        obs=[(B + timedelta(days=n), v) for n, v in obs],
        deadline=B + timedelta(days=2500),
    )
    cut = B + timedelta(days=as_of)
    early = tgt(
        kind=kind,
        base=100,
        goal=goal,
        obs=[(B + timedelta(days=n), v) for n, v in obs if n <= as_of],
        deadline=B + timedelta(days=2500),
    )
    assert assess(base_t, cut, method=method) == assess(early, cut, method=method)
    _ = later


@given(series, st.integers(1, 4000), st.sampled_from(["linear", "cagr", "projection"]))
def test_every_method_gives_a_known_status(obs, as_of, method):
    t = tgt(obs=[(B + timedelta(days=n), v) for n, v in obs], deadline=B + timedelta(days=2500))
    a = assess(t, B + timedelta(days=as_of), method=method)
    assert a.status in ("achieved", "on-track", "at-risk", "off-track", "regressing", "missed", "no-data")
    if a.score is not None:
        assert -5 <= a.score <= 5


def test_projection_decrease():
    # g = (430/450)^(1/2.00137) - 1 = -0.022460; v_e = 430 * 0.977540^8.0 = 358.547; R = (358.53-450)/(350-450)
    a = assess(tgt(kind="decrease", base=450, goal=350, obs=[(T2, 430)]), T2, method="projection")
    assert float(a.projected_value) == pytest.approx(358.547, abs=1e-3)
    assert a.ratio == pytest.approx(0.91453, abs=1e-4) and a.status == "at-risk"


METHODS = ["linear", "cagr", "projection"]


@pytest.mark.parametrize("method", METHODS)
def test_every_method_ignores_observations_after_the_as_of_date(method):
    t = tgt(obs=[(T2, 121), (date(2023, 1, 1), 500)])
    a = assess(t, T2, method=method)
    assert a.current == 121 and a.status != "achieved"


@pytest.mark.parametrize("method", METHODS)
def test_every_method_takes_the_later_recorded_of_two_values_on_a_day(method):
    # Later in the order of recording (the store's order), whatever the clock said (issue 15).
    t = Target(
        id="t",
        title="t",
        unit="亿元",
        target=D(200),
        baseline=D(100),
        baseline_date=day(B),
        deadline=day(DL),
        observations=(
            Observation(day(T2), D(90), "2026-01-02T00:00:00Z"),
            Observation(day(T2), D(121), "2026-01-01T00:00:00Z"),
        ),
    )
    assert assess(t, T2, method=method).current == 121


@pytest.mark.parametrize("method", METHODS)
def test_every_method_single_observation_met_at_baseline_and_past_deadline(method):
    assert assess(tgt(base=None, obs=[(T2, 121)]), T2, method=method).status == "no-data"
    assert assess(tgt(base=250, obs=[]), T2, method=method).status == "achieved"
    late = tgt(deadline=date(2024, 12, 31), obs=[(T2, 121), (date(2024, 6, 30), 160)])
    a = assess(late, date(2026, 1, 1), method=method)
    assert a.status == "missed" and a.shortfall == 40 and "2024-06-30: 160亿元, 40亿元 short" in a.reason
