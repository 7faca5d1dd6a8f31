"""On which days a target's judgement can change: pure, no I/O.

`assess(t, day)` is a step function of the day. A value is judged at the end
of its period and the expected share of the time is taken at the latest
value's day, not at `day` (assess.py), so with no new value the status does
not decay from one day to the next. It can change only on the days listed
here: when a value, the baseline or the start comes into view, when the
deadline comes and passes, and when a value awaited becomes overdue. Between
two of them, everything `list` shows of a target is the same, except the
count of days left, which moves with the date by exactly one a day (the
safety buffer is taken at the latest value's day, as the status is).

That is what lets the row cache (rowcache.py) keep a target's row with the
run of days it holds for, so that the first `list` of a new day reuses what
the day before computed. tests/test_digest.py holds this module to `assess`
day by day: a missed day here would be a stale row there.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from ..model.dates import next_period, period_of, shift
from ..model.forms import as_levels
from ..model.settings import Settings
from ..model.target import Target, baseline_point
from ..model.timing import deadline_period, frequency, has_deadline_value, irregular, lag


def change_days(t: Target, settings: Settings) -> tuple[date, ...]:
    """The days D, sorted, on which the judgement as of D may differ from the
    judgement as of the day before D. Nothing changes between two of them."""
    days: set[date] = set()
    if t.start:
        days.add(t.start.first)
    if t.deadline and t.form == "growth":
        days.add(t.deadline.first)  # a growth rate's deadline value counts from its period's start (judge_growth)
    judged = as_levels(t) if t.form else t  # assess judges what the form measures
    for u in (t, judged) if judged is not t else (t,):
        _days_of(u, settings, days)
    return tuple(sorted(days))


def _days_of(u: Target, settings: Settings, days: set[date]) -> None:
    if u.start:
        days.add(u.start.first)
    base = baseline_point(u)
    if base:
        days.add(base.day)  # a baseline dated later is not known before its day
    points = u.series
    days.update(p.day for p in points)  # a value counts from its period's end
    if u.deadline:
        days.update((u.deadline.last, shift(u.deadline.last, 1)))
    if u.spec.boolean:
        if u.deadline:  # a milestone's news may come up to the lag after the deadline
            days.add(shift(shift(u.deadline.last, lag(u, settings)), 1))
        return
    f = frequency(u)
    if u.deadline:
        closing = deadline_period(u)  # past the deadline: the deadline period's value is awaited
        days.add(closing.last)
        days.add(shift(shift(closing.last, lag(u, settings)), 1))
    if irregular(u):
        return
    wait = lag(u, settings)
    for p in points:  # the value after the latest one is overdue the day after it is due
        awaited = next_period(period_of(p.day, f), f)
        days.add(shift(shift(awaited.last, wait), 1))


def run_of(t: Target, a, settings: Settings) -> tuple[date, date]:
    """The run of days around a.as_of on which `t` is judged as `a` (assess's
    judgement of `t` that day): holds(change_days(...)), or wider where `a`
    is settled by its values. A target reached by its deadline, or a ceiling
    or floor whose deadline period's value is in, is judged alike on every
    day until a value comes or goes: the deadline's passing and the dates a
    value falls due change nothing for it. Without this, the first list of a
    new year judged again every such target whose deadline was the year
    just ended (a third of those it judged, for nothing)."""
    if _settled_by_values(t, a):
        return holds(_value_days(t), a.as_of)
    return holds(change_days(t, settings), a.as_of)


def _settled_by_values(t: Target, a) -> bool:
    if t.form or t.each:
        return False
    if a.status == "achieved":  # reached by its deadline is for good (a limit is never "achieved")
        return True
    return t.spec.shape == "bound" and a.status in ("within", "breached") and has_deadline_value(t, a.as_of)


def _value_days(t: Target) -> tuple[date, ...]:
    """The days a value (the start, the baseline, an observation) comes into view."""
    days = {p.day for p in t.series}
    if t.start:
        days.add(t.start.first)
    base = baseline_point(t)
    if base:
        days.add(base.day)
    return tuple(sorted(days))


def holds(days: tuple[date, ...], on: date) -> tuple[date, date]:
    """The first and last day of the run around `on` in which no change day
    falls (after the first): every day of it judges the target as `on` does."""
    k = bisect_right(days, on)
    first = days[k - 1] if k else date.min
    last = shift(days[k], -1) if k < len(days) else date.max
    return first, last
