"""What judging a target gives (Assessment) and the arithmetic every method
shares: trends, projections, compound rates and Open SDG's score.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from ..model.settings import Bands, Settings
from ..model.target import Point, least_squares
from ..util.i18n import _

# Statuses that a value for the deadline's period could still change once the
# deadline has passed: until it is recorded, the target is awaiting data.
AWAITABLE = ("missed", "within", "on-track", "pending")
YEAR = 365.25
DEFAULT_SETTINGS = Settings()


class Assessment(NamedTuple):
    status: str
    as_of: date
    method: str = "linear"
    current: Decimal | None = None
    current_date: date | None = None
    progress: Fraction | None = None
    expected: Fraction | None = None
    ratio: Fraction | float | None = None  # exact (Fraction) for linear, float for the compound methods
    projected_date: date | None = None
    projected_value: float | None = None  # derived amounts are floats: shown rounded, never compared
    achieved_date: date | None = None
    achieved_ahead_days: int | None = None  # days before the deadline it was reached (negative: late)
    days_left: int | None = None
    required_rate: float | None = None  # per year, in the target's unit, from the latest value's day
    observed_rate: float | None = None  # per year, in the target's unit (least-squares trend)
    buffer_days: int | None = None  # days the latest value is ahead of the straight line on its day (<0: behind)
    shortfall: Decimal | None = None  # a missed target: how far from it at the deadline
    expected_value: float | None = None  # where the straight line from base to target is now
    score: float | None = None  # Open SDG's progress score in [-5, +5]
    reason: str = ""
    note: str = ""  # a fallback or why there is no projection
    settled: bool = False  # decided whatever later data say (a breach in one period)
    data_due: date | None = None  # when the next value awaited is due (timing.next_due)
    data_awaited: str | None = None  # the period of that value: 2025
    stale: bool = False  # that value is overdue
    last_status: str | None = None  # awaiting data: what the last data showed
    last_period: str | None = None  # the period of the latest value judged: 2024


def percent(x) -> str:
    return "-" if x is None else f"{float(x) * 100:.0f}%"


def trend_per_day(points: list[Point]) -> Fraction | None:
    """Least-squares slope (value per day); None with fewer than two days (model.least_squares)."""
    return least_squares(points)


def days_after(day: date, days: float) -> date | None:
    try:
        return day + timedelta(days=max(math.ceil(days), 0))
    except OverflowError:  # beyond year 9999: not reached on this trend
        return None


def project(points: list[Point], goal: Decimal, direction: int, *, slope: Fraction | None = None) -> date | None:
    """When the observed linear trend reaches `goal`, from the latest point."""
    if slope is None:
        slope = trend_per_day(points)
    if slope is None or slope * direction <= 0:
        return None
    last = points[-1]
    return days_after(last.day, (Fraction(goal) - Fraction(last.value)) / slope)


def compound_rate(a: Point, b: Point) -> float | None:
    """Annual compound growth from a to b; None where it is undefined
    (a zero or negative value, a sign change, no time between them)."""
    if a.value <= 0 or b.value <= 0 or b.day <= a.day:
        return None
    return (float(b.value) / float(a.value)) ** (YEAR / (b.day - a.day).days) - 1


def cagr_undefined(start: Point | None, latest: Point | None, goal: Decimal) -> str:
    if start is None or latest is None:
        return _("it needs two values")
    if start.value <= 0:
        return _("the base value is zero or negative")
    if latest.value <= 0 or goal <= 0:
        return _("the values change sign")
    return _("the target equals the base value")


def open_sdg_score(ratio, bands: Bands) -> float | None:
    """Open SDG's score in [-5, +5]: 0 at the at-risk edge, 2.5 at the on-track
    edge, -2.5 at the off-track edge, linear in between (sdg-build's
    ProgressMeasure, generalised to the configured edges)."""
    if ratio is None:
        return None
    r, hi, mid, lo = float(ratio), float(bands.on_track), float(bands.at_risk), float(bands.off_track)
    if r >= mid:
        return 5.0 if hi == mid else min((r - mid) * 2.5 / (hi - mid), 5.0)
    return -5.0 if mid == lo else max((r - mid) * 2.5 / (mid - lo), -5.0)
