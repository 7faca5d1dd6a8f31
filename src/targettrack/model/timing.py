"""Which periods a target's values are for, and when each is due: pure, no I/O.

Official statistics are for periods (a year, a quarter, a month) and are
published a while after the period ends: the annual communiqué for year Y in
late February of Y+1, some figures a year later. A target's frequency says
which periods its values are for; its lag, how many days after a period ends
its value is due (docs/statuses.md, "How statistics arrive"). Values dated by the day,
with no frequency given, are irregular news, not a series: nothing is awaited.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import NamedTuple

from .dates import Period, frequency_of, next_period, period_of, shift
from .settings import Settings
from .target import Target


def frequency(t: Target) -> str:
    """The target's frequency: given, or the bound's period (--each), or the
    commonest period of its values, or its deadline's precision, or yearly.
    A milestone is an event, so only its deadline says when to expect news."""
    if t.frequency:
        return t.frequency
    if t.each:
        return t.each
    if t.observations and not t.spec.boolean:
        memo = t.index.memo  # once per target: timeline and report judge it on many days
        if "frequency" not in memo:
            memo["frequency"] = _commonest(t)
        return memo["frequency"]
    if t.deadline:
        return frequency_of(t.deadline)
    return "year"


def _commonest(t: Target) -> str:
    """The commonest period of the values; a tie goes to the most recent value's."""
    last = t.observations[-1].date.precision
    if all(o.date.precision == last for o in t.observations):  # the usual case, without counting
        return frequency_of(t.observations[-1].date)
    counts = Counter(frequency_of(o.date) for o in t.observations)
    best = max(counts.values())
    return next(frequency_of(o.date) for o in reversed(t.observations) if counts[frequency_of(o.date)] == best)


def irregular(t: Target) -> bool:
    """Values by the day with no frequency given: news as it comes, nothing is due."""
    return t.frequency is None and frequency(t) == "day"


def lag(t: Target, settings: Settings) -> int:
    return t.lag if t.lag is not None else settings.lags[frequency(t)]


def deadline_period(t: Target) -> Period | None:
    """The period whose value settles the target: the one of its frequency that holds the deadline."""
    return period_of(t.deadline.last, frequency(t)) if t.deadline else None


def has_deadline_value(t: Target, as_of: date) -> bool:
    """Is a value for the deadline's period (or a later one) recorded, of those dated by `as_of`?
    For a target for the deadline period's value (at_deadline), that period's and no other."""
    p = deadline_period(t)
    if p is None:
        return False
    points = t.series
    if t.at_deadline:
        k = t.index.upto(min(as_of, p.last))
        return k > 0 and points[k - 1].day == p.last
    k = t.index.upto(as_of)
    return k > 0 and points[k - 1].day >= p.last


class Due(NamedTuple):
    period: Period  # the next period whose value is awaited
    day: date  # when it is due: the period's end plus the lag


def next_due(t: Target, as_of: date, settings: Settings) -> Due | None:
    """The next value awaited and when it is due, or None when none is: a
    milestone, irregular values, the deadline's value is in, or no value was
    ever recorded (a target never told a value is no-data, not late)."""
    if t.spec.boolean or irregular(t):
        return None
    f = frequency(t)
    k = t.index.upto(as_of)
    if not k:
        return None
    awaited = next_period(period_of(t.series[k - 1].day, f), f)
    if t.deadline and awaited.first > t.deadline.last:
        return None
    return Due(awaited, shift(awaited.last, lag(t, settings)))
