"""digest.change_days against assess itself: between two change days, every
day judges a target alike (but for the days left, which move by one a
day; the safety buffer and the rate required are taken at the latest
value's day and do not move at all). Checked at both ends and the middle of every run of days, on generated
targets of every kind and form and on the shipped and sample stores; a change
day the module missed shows as two ends that disagree."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from strategies import targets

from targettrack.exchange.samples import sample_targets
from targettrack.judge.assess import assess
from targettrack.judge.changedays import change_days, holds, run_of
from targettrack.model.dates import parse_period
from targettrack.model.settings import Settings
from targettrack.model.stored import from_dict
from targettrack.model.target import Observation, Target
from targettrack.util.frozen import replace

ROOT = Path(__file__).resolve().parent.parent
EARLY, LATE = date(1990, 1, 1), date(2100, 12, 31)


def judged(t: Target, on: date, settings: Settings, method=None):
    """What a day's judgement says, with its days left taken back to a
    fixed origin (they move with the date by exactly one a day)."""
    a = assess(t, on, settings, method=method)
    left = None if a.days_left is None else a.days_left + on.toordinal()
    return replace(a, as_of=None, days_left=left)


def runs(t: Target, settings: Settings):
    days = [d for d in change_days(t, settings) if EARLY < d < LATE]
    edges = [EARLY] + days + [LATE]
    for first, nxt in zip(edges, edges[1:]):
        last = nxt - timedelta(days=1)
        if last >= first:
            yield first, first + (last - first) // 2, last


def check(t: Target, settings: Settings = Settings(), method=None) -> None:
    for first, middle, last in runs(t, settings):
        at_first = judged(t, first, settings, method)
        assert judged(t, last, settings, method) == at_first, (t.id, first, last)
        assert judged(t, middle, settings, method) == at_first, (t.id, first, middle)


def test_holds_gives_the_run_around_a_day():
    days = (date(2024, 1, 1), date(2024, 3, 1))
    assert holds(days, date(2023, 6, 1)) == (date.min, date(2023, 12, 31))
    assert holds(days, date(2024, 1, 1)) == (date(2024, 1, 1), date(2024, 2, 29))
    assert holds(days, date(2024, 2, 29)) == (date(2024, 1, 1), date(2024, 2, 29))
    assert holds(days, date(2024, 3, 1)) == (date(2024, 3, 1), date.max)
    assert holds((), date(2024, 3, 1)) == (date.min, date.max)


def test_a_yearly_value_is_overdue_the_day_after_its_lag():
    # 2024's value is due 2025-12-31 at a yearly lag of 365 days; on 2026-01-01 it is stale.
    t = Target(
        id="t",
        title="t",
        kind="increase",
        unit="个",
        target=D(100),
        baseline=D(0),
        baseline_date=parse_period("2022"),
        deadline=parse_period("2027"),
        observations=(Observation(parse_period("2023"), D(30), "2024-03-01T00:00:00Z"),),
        lag=365,
    )
    days = change_days(t, Settings())
    due = date(2024, 12, 31) + timedelta(days=365)
    assert due + timedelta(days=1) in days
    assert not assess(t, due, Settings()).stale and assess(t, due + timedelta(days=1), Settings()).stale


@hsettings(max_examples=150, deadline=None)
@given(targets(), st.sampled_from([None, "linear", "cagr", "projection"]))
def test_judgement_changes_only_on_change_days(t, method):
    check(t, Settings(), method)


@hsettings(max_examples=300, deadline=None)
@given(targets(), st.data(), st.sampled_from([None, "linear", "cagr", "projection"]))
def test_a_row_holds_on_every_day_of_its_run(t, data, method):
    """changedays.run_of, which the kept rows hold for: wider than the run
    of change days where the judgement is settled by its values (reached,
    or a limit with its deadline value in). Every day of the run, taken at
    its ends, its middle and around the deadline, judges `t` as the day it
    was made for; days near the deadline and the values are drawn most."""
    settings = Settings()
    near = [p.day for p in t.series] + ([t.deadline.last] if t.deadline else [])
    anchor = data.draw(st.sampled_from(near) if near else st.just(date(2025, 6, 30)))
    on = anchor + timedelta(days=data.draw(st.integers(-400, 400)))
    a = assess(t, on, settings, method=method)
    first, last = run_of(t, a, settings)
    first, last = max(first, EARLY), min(last, LATE)
    at_on = judged(t, on, settings, method)
    inside = {first, last, first + (last - first) // 2}
    if t.deadline and first <= t.deadline.last < last:
        inside |= {t.deadline.last, t.deadline.last + timedelta(days=1)}
    for day in inside:
        assert judged(t, day, settings, method) == at_on, (t.id, on, day, first, last)


def test_the_shipped_and_sample_stores():
    data = json.loads((ROOT / "data" / "targets.json").read_text(encoding="utf-8"))
    shipped = [from_dict(doc) for doc in data["targets"].values()]
    for t in shipped + sample_targets() + sample_targets("cn-14fyp"):
        check(t)


@pytest.mark.parametrize("lags", [{"lag.year": "0"}, {"lag.year": "730", "lag.quarter": "45", "lag.month": "20"}])
def test_with_other_lags(lags):
    settings = Settings.from_dict(lags)
    for t in sample_targets("cn-14fyp"):
        check(t, settings)


# --- what the report makes of it ------------------------------------------------------


@hsettings(max_examples=300, deadline=None)
@given(targets(), st.data(), st.sampled_from([None, "linear", "cagr", "projection"]))
def test_the_report_judges_the_week_before_as_assess_does(t, data, method):
    """report.judged_then skips the second judgement only where its status
    cannot differ: checked with `since` near the days things happen (a
    change day, a value recorded), where it would differ if it could."""
    from targettrack.report.build import as_recorded, judged_then

    recorded = [date.fromisoformat(o.recorded_at[:10]) for o in t.observations if o.recorded_at]
    anchors = [d for d in change_days(t, Settings()) if EARLY < d < LATE] + recorded + [date(2026, 11, 26)]
    since = data.draw(st.sampled_from(anchors)) + timedelta(days=data.draw(st.integers(-3, 3)))
    as_of = since + timedelta(days=data.draw(st.integers(0, 400)))
    now = assess(as_recorded(t, as_of), as_of, Settings(), method=method)
    then = judged_then(as_recorded(t, as_of), now, since, settings=Settings(), method=method, known=since)
    assert then.status == assess(as_recorded(t, since), since, Settings(), method=method).status
    # As now known (a past report date, issue 29): the same question with every value.
    everything = assess(t, as_of, Settings(), method=method)
    assert (
        judged_then(t, everything, since, settings=Settings(), method=method).status
        == assess(t, since, Settings(), method=method).status
    )
