"""Every status rule on hand-computed cases. `assess` takes the as-of date, so
nothing here depends on the day the tests run."""

from datetime import date, timedelta
from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targettrack.judge.assess import assess
from targettrack.judge.assessment import project
from targettrack.judge.statuses import STATUSES
from targettrack.model.dates import day, parse_period
from targettrack.model.target import Observation, Point, Target, latest_level

D0 = date(2024, 1, 1)


def d(n: int) -> date:
    return D0 + timedelta(days=n)


def obs(n: int, value, recorded="2026-01-01T00:00:00Z") -> Observation:
    return Observation(day(d(n)), D(str(value)), recorded)


def target(kind="increase", goal=100, base=0, deadline_days=100, observations=(), start_days=None, **kw) -> Target:
    return Target(
        id="t",
        title="t",
        kind=kind,
        unit="个",
        target=None if goal is None else D(goal),
        baseline=None if base is None else D(base),
        baseline_date=day(d(0)) if base is not None else None,
        start=day(d(start_days)) if start_days is not None else None,
        deadline=day(d(deadline_days)) if deadline_days is not None else None,
        observations=tuple(observations),
        **kw,
    )


@pytest.mark.parametrize(
    "value, as_of, status",
    [
        (19, 20, "on-track"),  # progress .19 / expected .20 = R 0.95 exactly: on track
        ("18.99", 20, "at-risk"),  # R 0.9495
        (12, 20, "at-risk"),  # R 0.60 exactly
        ("11.99", 20, "off-track"),  # R 0.5995
        (0, 20, "off-track"),  # R 0: no progress yet is off track, not regressing
        ("-0.01", 20, "regressing"),
        (50, 50, "on-track"),  # R 1
        (50, 80, "at-risk"),  # .5 / .8 = 0.625
    ],
)
def test_linear_bands(value, as_of, status):
    t = target(observations=[obs(as_of, value)])
    a = assess(t, d(as_of))
    expected = Fraction(as_of, 100)
    progress = Fraction(D(str(value))) / 100
    r = progress / expected
    # The table above was computed by hand; this re-derives it so a typo in either shows.
    band = (
        "on-track"
        if r >= Fraction(95, 100)
        else "at-risk"
        if r >= Fraction(60, 100)
        else "off-track"
        if r >= 0
        else "regressing"
    )
    assert a.status == band
    assert a.status == status
    assert a.ratio == r and a.progress == progress and a.expected == expected


def test_a_value_is_judged_at_the_end_of_its_period_so_the_status_does_not_decay():
    # 20 on day 20 is on the straight line; 60 days later, with nothing new,
    # it is still judged where the line stood on day 20 (issue 11).
    t = target(observations=[obs(20, 20)])
    for as_of in (20, 50, 80, 100):
        a = assess(t, d(as_of))
        assert (a.status, a.expected, a.ratio) == ("on-track", Fraction(1, 5), 1)
    yearly = Target(
        id="y",
        title="y",
        unit="%",
        target=D(65),
        baseline=D("60.6"),
        baseline_date=parse_period("2019"),
        deadline=parse_period("2025"),
        observations=(Observation(parse_period("2023"), D("66.2"), "x"),),
    )
    # 2023's value is the level on 2023-12-31, whatever day it is judged on
    assert {assess(yearly, date(2024, m, 1)).expected for m in (1, 6, 12)} == {Fraction(4 * 365 + 1, 6 * 365 + 2)}


def test_the_issue_example_half_way_on_a_decrease():
    # 450k -> 350k, at 400k: progress 0.5
    t = target(kind="decrease", goal=350, base=450, observations=[obs(50, 400)])
    a = assess(t, d(50))
    assert a.progress == Fraction(1, 2) and a.expected == Fraction(1, 2) and a.status == "on-track"


def test_expected_is_clamped_to_the_deadline_and_before_the_start():
    t = target(observations=[obs(10, 10)])
    assert assess(t, d(10)).expected == Fraction(1, 10)


def test_achieved_is_kept_with_its_date_even_if_the_value_falls_back():
    t = target(observations=[obs(30, 100), obs(60, 80)])
    a = assess(t, d(70))
    assert a.status == "achieved" and a.achieved_date == d(30) and a.projected_date == d(30)
    assert a.current == 80


def test_decrease_achieved_at_or_below_target():
    t = target(kind="decrease", goal=350, base=450, observations=[obs(40, 350)])
    assert assess(t, d(41)).status == "achieved"


def test_target_already_met_at_baseline():
    t = target(goal=100, base=120, kind="increase", observations=[])
    a = assess(t, d(5))
    assert a.status == "achieved" and a.achieved_date == d(0)


def test_missed_after_the_deadline_and_late_achievement_is_still_missed():
    t = target(observations=[obs(50, 60)])
    a = assess(t, d(101))
    assert a.status == "missed" and a.days_left == -1 and a.achieved_date is None
    late = target(observations=[obs(50, 60), obs(120, 100)])
    a = assess(late, d(130))
    assert a.status == "missed" and a.achieved_date == d(120) and "late" in a.reason


def test_on_the_deadline_day_it_is_not_yet_missed():
    t = target(observations=[obs(100, 96)])
    a = assess(t, d(100))
    assert a.status == "on-track" and a.days_left == 0


def test_not_started_before_the_start():
    t = target(base=None, start_days=10, observations=[])
    assert assess(t, d(5)).status == "not-started"
    assert assess(t, d(10)).status == "no-data"


def test_no_data_without_observations_or_with_only_one_and_no_baseline():
    assert assess(target(observations=[]), d(10)).status == "no-data"
    assert assess(target(observations=[]), d(200)).status == "no-data"  # unknown, not missed
    one = target(base=None, observations=[obs(10, 30)])
    a = assess(one, d(20))
    assert a.status == "no-data" and a.progress is None and a.current == 30


def test_without_baseline_the_first_observation_is_the_base():
    t = target(base=None, observations=[obs(0, 20), obs(50, 60)])
    a = assess(t, d(50))
    assert a.progress == Fraction(40, 80) and a.expected == Fraction(1, 2) and a.status == "on-track"


def test_observations_after_the_as_of_date_are_ignored():
    t = target(observations=[obs(10, 5), obs(90, 100)])
    a = assess(t, d(50))
    assert a.current == 5 and a.current_date == d(10) and a.status == "off-track"


def test_two_values_on_one_day_the_later_recorded_wins():
    # "Later" is the order of recording (the store's order), not the clock:
    # a clock stepped back between two updates must not undo the correction.
    t = target(observations=[obs(10, 50, "2026-01-02T00:00:00Z"), obs(10, 5, "2026-01-01T00:00:00Z")])
    assert assess(t, d(10)).current == 5
    t = target(observations=[obs(10, 5, "2026-01-01T00:00:00Z"), obs(10, 50, "2026-01-02T00:00:00Z")])
    assert assess(t, d(10)).current == 50


def test_caps_and_floors_by_the_latest_value():
    cap = target(kind="cap", goal=100, base=None, deadline_days=None, observations=[obs(1, 120), obs(2, 100)])
    assert assess(cap, d(3)).status == "within"
    assert assess(cap, d(1)).status == "breached"
    assert assess(target(kind="cap", base=None, deadline_days=None), d(3)).status == "no-data"
    floor = target(kind="floor", goal=100, base=None, deadline_days=None, observations=[obs(1, 99)])
    assert assess(floor, d(3)).status == "breached"
    floor2 = target(kind="floor", goal=100, base=None, deadline_days=None, observations=[obs(1, 100)])
    assert assess(floor2, d(3)).status == "within"


def test_milestones():
    m = target(kind="milestone", goal=None, base=None, deadline_days=100)
    assert assess(m, d(50)).status == "pending"
    assert assess(m, d(101)).status == "missed"
    done = target(kind="milestone", goal=None, base=None, deadline_days=100, observations=[obs(40, 1)])
    a = assess(done, d(50))
    assert a.status == "achieved" and a.achieved_date == d(40)
    assert assess(done, d(39)).status == "pending"
    undone = target(kind="milestone", goal=None, base=None, deadline_days=100, observations=[obs(40, 1), obs(45, 0)])
    assert assess(undone, d(50)).status == "pending"
    late = target(kind="milestone", goal=None, base=None, deadline_days=100, observations=[obs(140, 1)])
    assert assess(late, d(150)).status == "missed"
    open_ended = target(kind="milestone", goal=None, base=None, deadline_days=None)
    assert assess(open_ended, d(5000)).status == "pending"


def test_projection_on_the_least_squares_trend():
    t = target(observations=[obs(50, 25)])
    # baseline (0, 0) and (50, 25): 0.5 a day, 75 to go from day 50 -> day 200
    assert assess(t, d(50)).projected_date == d(200)
    pts = [Point(d(0), D(0)), Point(d(10), D(10)), Point(d(20), D(14))]
    # slope = 0.7/day; from (20, 14) need 86 -> ceil(122.86) = 123 days
    assert project(pts, D(100), 1) == d(143)


def test_projection_is_none_when_flat_or_moving_away():
    assert assess(target(observations=[obs(50, 0)]), d(50)).projected_date is None
    assert assess(target(observations=[obs(50, -5)]), d(50)).projected_date is None
    dec = target(kind="decrease", goal=50, base=100, observations=[obs(50, 110)])
    assert assess(dec, d(50)).projected_date is None


def test_days_left_counts_from_the_as_of_date():
    t = target(observations=[])
    assert assess(t, d(30)).days_left == 70
    assert assess(t, d(130)).days_left == -30


def test_latest_level_for_relative_updates():
    t = target(observations=[obs(10, 30), obs(20, 40)])
    assert latest_level(t, d(15)) == 30
    assert latest_level(t, d(25)) == 40
    assert latest_level(target(observations=[]), d(5)) == 0
    assert latest_level(target(base=None, observations=[]), d(5)) is None


def test_year_precision_deadline_means_year_end():
    t = Target(
        id="t",
        title="t",
        unit="家",
        target=D(10),
        deadline=parse_period("2025"),
        baseline=D(0),
        baseline_date=parse_period("2024-12-31"),
        observations=(Observation(parse_period("2025-06-30"), D(5), "x"),),
    )
    a = assess(t, date(2025, 6, 30))
    assert a.expected == Fraction(181, 365) and a.progress == Fraction(1, 2)


# --- properties ------------------------------------------------------------


@given(st.lists(st.tuples(st.integers(1, 99), st.integers(-50, 150)), min_size=1, max_size=8), st.integers(1, 99))
def test_status_agrees_with_the_sign_of_progress(points, as_of):
    t = target(observations=[obs(n, v) for n, v in points])
    a = assess(t, d(as_of))
    assert a.status in STATUSES
    if a.status in ("on-track", "at-risk", "off-track"):
        assert a.progress >= 0
    if a.status == "regressing":
        assert a.progress < 0


@given(
    st.lists(st.tuples(st.integers(1, 99), st.integers(0, 150)), min_size=1, max_size=8),
    st.integers(1, 99),
    st.integers(0, 60),
)
def test_achieved_stays_achieved(points, as_of, later):
    t = target(observations=[obs(n, v) for n, v in points])
    if assess(t, d(as_of)).status == "achieved":
        assert assess(t, d(min(as_of + later, 100))).status == "achieved"


# --- the series index: the same exact slope as trend_per_day, from prefix sums ----------------

from hypothesis import given  # noqa: E402
from hypothesis import settings as _settings
from hypothesis import strategies as _st

from targettrack.model.target import SeriesIndex

_values = _st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False, allow_infinity=False)


@_settings(max_examples=300, deadline=None)
@given(
    _st.lists(_st.tuples(_st.integers(0, 5000), _values), min_size=0, max_size=12, unique_by=lambda p: p[0]),
    _st.one_of(_st.none(), _st.tuples(_st.integers(-100, 5000), _values)),
    _st.data(),
)
def test_series_index_slope_is_trend_per_day_over_any_run(raw, base, data):
    from targettrack.judge.assessment import trend_per_day

    points = tuple(sorted(Point(date(2000, 1, 1) + timedelta(days=x), v) for x, v in raw))
    base_point = Point(date(2000, 1, 1) + timedelta(days=base[0]), base[1]) if base else None
    idx = SeriesIndex(points, base_point.value if base_point else None)
    i = data.draw(_st.integers(0, len(points)))
    k = data.draw(_st.integers(i, len(points)))
    run = ([base_point] if base_point else []) + list(points[i:k])
    expected = trend_per_day(sorted(run, key=lambda p: p.day) if base_point else run)
    for _ in range(SeriesIndex.SUMS_AFTER):
        assert idx.slope(base_point, i, k) == expected  # the first queries: directly
    assert idx.slope(base_point, i, k) == expected  # then from the prefix sums
    assert idx._sums is not None or expected is None
    for when in (points[0].day if points else date(2000, 1, 1), date(2010, 1, 1)):
        assert idx.upto(when) == sum(1 for p in points if p.day <= when)
