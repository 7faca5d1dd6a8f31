"""What a target's chart shows, as plain data (pure): the observations, the
straight line from the base to the target, the target level, the deadline,
the as-of date and the projection to the deadline. The terminal chart and
the SVG in the HTML report both draw this, so they always agree.

A value is for a period, so it is drawn in the middle of it: 2022's value
over the label "2022", not on 31 December beside the label "2023" (issue
32); the target for the deadline period likewise, and the time axis spans
whole periods. The value axis of amounts and shares starts at zero, so 85%
of a target looks like 85%; `zoom` (report --zoom, show --zoom) fits it to
the values instead, and `cut` tells the drawings to mark it as cut.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..judge.assessment import Assessment
from ..model.dates import shift
from ..model.forms import as_levels
from ..model.target import Target, baseline_point, observed_series


class ChartData(NamedTuple):
    points: list[tuple[date, float]]  # observations up to the as-of date
    plan: tuple[tuple[date, float], tuple[date, float]] | None  # base -> target at the deadline
    target: float | None  # the level to reach (or the cap / floor)
    deadline: date | None
    as_of: date
    projection: tuple[tuple[date, float], tuple[date, float]] | None  # latest -> deadline on the trend
    x_range: tuple[date, date]
    y_range: tuple[float, float]
    unit: str
    milestone: bool = False  # values are 0 (not done) and 1 (done)
    deadline_label: str = ""  # the deadline period as the store gives it (2025, 2025-Q4)
    cut: bool = False  # the value axis does not start at zero (zoomed): draw it cut
    labels: tuple = ()  # each point's period as the store gives it (2022, 2024-Q3)


def middle(period) -> date:
    """Where a period's value is drawn: the middle day of the period (the day itself for a day)."""
    return period.first + (period.last - period.first) // 2


def chart_data(t: Target, a: Assessment, zoom: bool = False) -> ChartData | None:
    """None only for a target with no number to reach (a cap or floor always has one).
    A change, growth or cumulative target is drawn as what it measures (forms.py);
    an average growth against the rate it needs, as a bound."""
    if t.form == "growth":
        return _limit_chart(as_levels(t), a, zoom)
    if t.form:
        t = as_levels(t)
    return CHARTS[t.kind](t, a, zoom)


def _done_chart(t: Target, a: Assessment, zoom: bool = False) -> ChartData:
    """Not done = 0, done = 1, against the deadline."""
    points = [(p.day, float(p.value)) for p in observed_series(t, a.as_of)]
    days = [d for d, _ in points] + [a.as_of] + ([t.deadline.last] if t.deadline else [])
    if t.start:
        days.append(t.start.first)
    lo_day, hi_day = min(days), max(days)
    lo_day = min(lo_day, shift(hi_day, -180))
    return ChartData(
        points,
        None,
        1.0,
        t.deadline.last if t.deadline else None,
        a.as_of,
        None,
        (lo_day, hi_day),
        (-0.15, 1.15),
        "",
        milestone=True,
        deadline_label=t.deadline.label if t.deadline else "",
    )


def _path_chart(t: Target, a: Assessment, zoom: bool = False) -> ChartData | None:
    """A level on its way to a target: with the straight line to it and the projection."""
    return _level_chart(t, a, with_path=True, zoom=zoom)


def _limit_chart(t: Target, a: Assessment, zoom: bool = False) -> ChartData | None:
    """A level against a standing limit."""
    return _level_chart(t, a, with_path=False, zoom=zoom)


def _level_chart(t: Target, a: Assessment, *, with_path: bool, zoom: bool) -> ChartData | None:
    series = observed_series(t, a.as_of)
    if t.target is None:
        return None
    periods = {o.date.last: o.date for o in t.observations}  # a series' day is its period's last day
    spans = [periods[p.day] for p in series if p.day in periods]
    points = [(middle(periods[p.day]) if p.day in periods else p.day, float(p.value)) for p in series]
    labels = tuple(periods[p.day].label if p.day in periods else p.day.isoformat() for p in series)
    base = baseline_point(t)
    base_at = middle(t.baseline_date) if base and t.baseline_date else base.day if base else None
    goal = float(t.target)
    deadline = middle(t.deadline) if t.deadline else None
    plan = None
    if with_path and deadline:
        start = (base_at, float(base.value)) if base else (points[0] if points else None)
        if start is not None and start[0] < deadline:
            plan = (start, (deadline, goal))
    projection = None
    if (
        with_path
        and deadline
        and points
        and a.projected_value is not None
        and a.status not in ("achieved", "missed")
        and points[-1][0] < deadline
    ):
        projection = (points[-1], (deadline, float(a.projected_value)))
    days = [d for d, _ in points] + [a.as_of] + [p.first for p in spans] + [p.last for p in spans]
    days += [t.deadline.first, t.deadline.last] if t.deadline else []
    days += [t.baseline_date.first, t.baseline_date.last] if base and t.baseline_date else [base_at] if base else []
    if not points and not base and len(days) == 1:
        days.append(shift(a.as_of, -365))
    if t.start:
        days.append(t.start.first)
    lo_day, hi_day = min(days), max(days)
    if lo_day == hi_day:
        lo_day, hi_day = shift(lo_day, -30), shift(hi_day, 30)
    values = [v for _, v in points] + [goal] + ([float(base.value)] if base else [])
    if projection:
        values.append(projection[1][1])
    lo, hi = min(values), max(values)
    if lo == hi:
        lo, hi = lo - max(abs(lo) * 0.1, 1), hi + max(abs(hi) * 0.1, 1)
    pad = (hi - lo) * 0.05
    if lo >= 0 and not zoom:  # amounts and shares from zero: the height of a value is its size
        low = 0.0
    else:
        low = lo - pad
    return ChartData(
        points,
        plan,
        goal,
        deadline,
        a.as_of,
        projection,
        (lo_day, hi_day),
        (low, hi + pad),
        t.unit,
        deadline_label=t.deadline.label if t.deadline else "",
        cut=low > 0,
        labels=labels,
    )


# What each kind's chart shows (tests/test_kinds.py checks every kind has one).
CHARTS = {
    "increase": _path_chart,
    "decrease": _path_chart,
    "cap": _limit_chart,
    "floor": _limit_chart,
    "milestone": _done_chart,
}


def nice_axis(lo: float, hi: float, most: int = 6, *, zoom: bool = False) -> tuple[float, float, list[float]]:
    """An axis from `lo` to `hi` with round ticks: steps of 1, 2 or 5 times a
    power of ten, at most `most` ticks, bounds on a tick. An axis of values
    that are all positive starts at 0, as a reader of counts and amounts
    expects; zoomed, only when 0 is near (within the span of the values). It
    never shows a negative tick for values that cannot be negative."""
    import math

    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        lo, hi = lo - (abs(lo) * 0.1 or 1), hi + (abs(hi) * 0.1 or 1)
    if lo >= 0 and (not zoom or lo <= hi - lo):
        lo = 0.0
    span = hi - lo
    step = None
    for exponent in range(math.floor(math.log10(span)) - 2, math.floor(math.log10(span)) + 2):
        for m in (1, 2, 5):
            s = m * 10.0**exponent
            if math.ceil(hi / s - 1e-9) - math.floor(lo / s + 1e-9) <= most - 1:
                step = s
                break
        if step:
            break
    step = step or span
    first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
    ticks = [round(k * step, 12) for k in range(first, last + 1)]
    if lo >= 0:
        ticks = [v for v in ticks if v >= 0]
    return ticks[0], ticks[-1], ticks
