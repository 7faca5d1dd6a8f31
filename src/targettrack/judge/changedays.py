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
from ..model.timing import deadline_period, frequency, irregular, lag


def change_days(t: Target, settings: Settings) -> tuple[date, ...]:
    """The days D, sorted, on which the judgement as of D may differ from the
    judgement as of the day before D. Nothing changes between two of them."""
    days: set[date] = set()
    if t.start:
        days.add(t.start.first)
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
        days.update((u.deadline.first, u.deadline.last, shift(u.deadline.last, 1)))
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


def holds(days: tuple[date, ...], on: date) -> tuple[date, date]:
    """The first and last day of the run around `on` in which no change day
    falls (after the first): every day of it judges the target as `on` does."""
    k = bisect_right(days, on)
    first = days[k - 1] if k else date.min
    last = shift(days[k], -1) if k < len(days) else date.max
    return first, last
