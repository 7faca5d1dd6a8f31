"""Status and projection of a target as of a date: pure functions, no I/O.

The rules are the linear (time-proportional) method of OKRs, Destatis and
Beeminder with the Eurostat bands (see README, "How status is decided"):
progress = (v_t - v_b) / (v_T - v_b), expected = (A - b) / (T - b), R =
progress / expected. Arithmetic is exact (Fractions), so a ratio of exactly
0.95 is on track and never 0.9499999 at-risk.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from .model import DONE, Observation, Target
from .quantity import format_quantity

STATUSES = (
    "achieved", "on-track", "at-risk", "off-track", "regressing", "missed",
    "within", "breached", "pending", "no-data", "not-started",
)
# Most in need of a person first: the order of `list --sort status`.
ATTENTION_ORDER = (
    "missed", "breached", "regressing", "off-track", "at-risk", "no-data",
    "pending", "on-track", "not-started", "within", "achieved",
)
BANDS = ((Fraction(95, 100), "on-track"), (Fraction(60, 100), "at-risk"), (Fraction(0), "off-track"))


@dataclass(frozen=True)
class Assessment:
    status: str
    as_of: date
    current: Decimal | None = None
    current_date: date | None = None
    progress: Fraction | None = None
    expected: Fraction | None = None
    ratio: Fraction | None = None
    projected_date: date | None = None
    achieved_date: date | None = None
    days_left: int | None = None
    method: str = "linear"
    reason: str = ""


@dataclass(frozen=True)
class Point:
    day: date
    value: Decimal


def observed_series(t: Target, as_of: date) -> list[Point]:
    """Observations on or before `as_of`, one per day (the later recorded wins),
    oldest first."""
    by_day: dict[date, Observation] = {}
    for o in sorted(t.observations, key=lambda o: (o.date.last, o.recorded_at)):
        if o.date.last <= as_of:
            by_day[o.date.last] = o
    return [Point(d, by_day[d].value) for d in sorted(by_day)]


def latest_level(t: Target, on: date) -> Decimal | None:
    """The level an `update +N` on `on` adds to: the latest observation on or
    before that day, else the baseline."""
    series = observed_series(t, on)
    if series:
        return series[-1].value
    return t.baseline


def baseline_point(t: Target) -> Point | None:
    if t.baseline is None:
        return None
    day = t.baseline_date.last if t.baseline_date else (t.start.first if t.start else None)
    return Point(day, t.baseline) if day else None


def _reached(kind: str, value: Decimal, goal: Decimal) -> bool:
    return value >= goal if kind in ("increase", "floor") else value <= goal


def _pct(x: Fraction | None) -> str:
    return "-" if x is None else f"{float(x) * 100:.0f}%"


def trend_per_day(points: list[Point]) -> Fraction | None:
    """Least-squares slope (value per day); None with fewer than two days."""
    if len(points) < 2:
        return None
    x0 = points[0].day
    xs = [Fraction((p.day - x0).days) for p in points]
    ys = [Fraction(p.value) for p in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx


def project(points: list[Point], goal: Decimal, direction: int) -> date | None:
    """When the observed linear trend reaches `goal`, from the latest point."""
    slope = trend_per_day(points)
    if slope is None or slope * direction <= 0:
        return None
    last = points[-1]
    days = math.ceil((Fraction(goal) - Fraction(last.value)) / slope)
    try:
        return last.day + timedelta(days=max(days, 0))
    except OverflowError:  # beyond year 9999: not reached on this trend
        return None


def assess(t: Target, as_of: date) -> Assessment:
    days_left = (t.deadline.last - as_of).days if t.deadline else None
    if t.start and as_of < t.start.first:
        return Assessment("not-started", as_of, days_left=days_left, reason=f"starts {t.start}")
    if t.kind == "milestone":
        return _milestone(t, as_of, days_left)
    if t.kind in ("cap", "floor"):
        return _limit(t, as_of, days_left)
    return _trajectory(t, as_of, days_left)


def _milestone(t: Target, as_of: date, days_left: int | None) -> Assessment:
    series = observed_series(t, as_of)
    done_since = None
    for p in series:  # the first 'done' after the last 'not done'
        if p.value == DONE:
            done_since = done_since or p.day
        else:
            done_since = None
    current = series[-1] if series else None
    common = dict(
        current=current.value if current else None,
        current_date=current.day if current else None,
        days_left=days_left,
        progress=Fraction(1) if done_since else Fraction(0),
    )
    deadline = t.deadline.last if t.deadline else None
    if done_since and (deadline is None or done_since <= deadline):
        return Assessment("achieved", as_of, achieved_date=done_since, projected_date=done_since,
                          reason=f"done on {done_since}", **common)
    if deadline and as_of > deadline:
        late = f"; done late, on {done_since}" if done_since else ""
        return Assessment("missed", as_of, achieved_date=done_since,
                          reason=f"not done by {t.deadline}{late}", **common)
    return Assessment("pending", as_of, reason="not done yet" + (f"; due {t.deadline}" if deadline else ""), **common)


def _limit(t: Target, as_of: date, days_left: int | None) -> Assessment:
    # A standing ceiling or floor is a compliance check, not a trajectory:
    # judged by the latest value (up to the deadline, if it has one).
    cutoff = min(as_of, t.deadline.last) if t.deadline else as_of
    series = observed_series(t, cutoff)
    if not series:
        return Assessment("no-data", as_of, days_left=days_left, reason="no value recorded yet")
    last = series[-1]
    ok = _reached(t.kind, last.value, t.target)
    word = "at most" if t.kind == "cap" else "at least"
    return Assessment(
        "within" if ok else "breached", as_of, current=last.value, current_date=last.day,
        days_left=days_left,
        reason=f"latest {format_quantity(last.value, t.unit)}, {word} {format_quantity(t.target, t.unit)} allowed",
    )


def _trajectory(t: Target, as_of: date, days_left: int | None) -> Assessment:
    direction = 1 if t.kind == "increase" else -1
    deadline = t.deadline.last
    base = baseline_point(t)
    observed = observed_series(t, as_of)
    points = ([base] if base and base.day <= as_of else []) + [p for p in observed if not base or p.day > base.day]
    reached = next((p.day for p in points if _reached(t.kind, p.value, t.target)), None)
    current = observed[-1] if observed else None
    # b, v_b: the baseline, or the first observation when there is none.
    start = base or (points[0] if points else None)
    later = [p for p in points if p.day > start.day] if start else []
    progress = expected = ratio = None
    if later and t.target != start.value:
        progress = Fraction(later[-1].value - start.value) / Fraction(t.target - start.value)
        span = (deadline - start.day).days
        elapsed = Fraction((as_of - start.day).days, span) if span > 0 else Fraction(1)
        expected = min(max(elapsed, Fraction(0)), Fraction(1))
        ratio = progress / expected if expected > 0 else None
    common = dict(
        current=current.value if current else None,
        current_date=current.day if current else None,
        days_left=days_left, progress=progress, expected=expected, ratio=ratio,
    )
    if reached and reached <= deadline:
        return Assessment("achieved", as_of, achieved_date=reached, projected_date=reached,
                          reason=f"reached on {reached}", **common)
    if not observed:
        passed = "; the deadline has passed" if as_of > deadline else ""
        return Assessment("no-data", as_of, reason="no value recorded yet" + passed, **common)
    if as_of > deadline:
        late = (f"; reached late, on {reached}" if reached
                else f"; latest {format_quantity(current.value, t.unit)} of {format_quantity(t.target, t.unit)}")
        return Assessment("missed", as_of, achieved_date=reached,
                          reason=f"not reached by {t.deadline}{late}", **common)
    if ratio is None:
        return Assessment("no-data", as_of, reason="nothing recorded after the baseline to compare with", **common)
    status = next((name for edge, name in BANDS if ratio >= edge), "regressing")
    return Assessment(
        status, as_of, projected_date=project(points, t.target, direction),
        reason=f"{_pct(progress)} of the way, {_pct(expected)} of the time gone", **common,
    )
