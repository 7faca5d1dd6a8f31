"""What a change, growth or cumulative target measures, from the values as
recorded: pure, no I/O.

A plan writes many targets as a movement from a base period, not as a level:
单位GDP能源消耗降低〔13.5〕% (a relative change over five years), 人均预期寿命
提高1岁 (an absolute change), 研发经费投入年均增长>7% (an average growth
rate), 5年引进25种创新药品 (a sum of yearly amounts). The statistics arrive as
levels or as year-on-year changes (比上年下降2.7%). `measured(t)` turns
whichever was recorded into the series the target is judged on:

* change, relative: the cumulative change in percent, compounding the
  yearly changes: (1 - 2.7%)(1 - 0.1%)(1 - 0.5%)(1 - 3.8%) - 1 = -6.96%;
* change, absolute or in points: the level less the base level;
* growth: the average annual growth since the base period, compound:
  (36130 / 24393) ** (1/4) - 1 = 10.32% a year;
* cumulative: the running total of the amounts since the start.

A change target's base may be unknown: then the base is an index of 100 and
only year-on-year changes can be placed on it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from typing import NamedTuple

from ..util.errors import InputError
from ..util.frozen import replace
from .dates import Period, day, shift, year_before, years_between
from .quantity import clean
from .target import Observation, Target
from .timing import frequency

PERCENT_PLACES = Decimal("0.01")  # a measured percentage: as communiqués print it, with one digit more
AMOUNT_PLACES = Decimal("0.000001")  # a derived level or difference in the unit


class Measured(NamedTuple):
    base: Period | None  # the period progress is measured from
    points: tuple[tuple[Observation, Decimal], ...]  # (the observation in effect, its measure), oldest first
    gaps: tuple[str, ...] = ()  # values that could not be placed, and why


def in_effect_by_period(t: Target) -> list[Observation]:
    """One observation per period end, the one recorded later winning (model.Target.index), oldest first."""
    by_day: dict = {}
    for o in sorted(t.observations, key=lambda o: o.date.last):  # stable: recorded order within a day
        by_day[o.date.last] = o
    return [by_day[d] for d in sorted(by_day)]


def _round(x: Decimal, places: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 60
        return clean(x.quantize(places, rounding=ROUND_HALF_EVEN))


def _index(t: Target) -> tuple[Decimal | None, dict, list[tuple[Observation, Decimal | None]], list[str]]:
    """The base level (or None); the level of each period that has one (given, or
    derived by a yearly change from one); and each observation placed, with its
    value as a multiple of the base (index 1; None on a base of zero)."""
    base = t.baseline_date
    obs = in_effect_by_period(t)
    base_level = t.baseline
    if base_level is None:
        base_level = next((o.value for o in obs if o.date.last == base.last and o.measure is None), None)
    if base_level is not None and base_level <= 0 and t.change != "absolute" and t.change != "points":
        base_level = None  # a ratio to a zero or negative base means nothing
    index: dict = {base.last: Decimal(1)}
    levels: dict = {base.last: base_level} if base_level is not None else {}
    placed, gaps = [], []
    with localcontext() as ctx:
        ctx.prec = 50
        for o in obs:
            if o.date.last <= base.last:
                continue
            if o.measure == "yoy":
                try:
                    before = year_before(o.date).last
                except InputError:
                    before = None
                if before not in index and before not in levels:
                    gaps.append(
                        f"{o.date}: a change on {year_before(o.date) if before else 'the year before'}, "
                        "which has no value"
                    )
                    continue
                i = index[before] * (100 + o.value) / 100 if before in index else None
                if before in levels:
                    levels[o.date.last] = levels[before] * (100 + o.value) / 100
            else:
                levels[o.date.last] = o.value
                if base_level is None:
                    gaps.append(
                        f"{o.date}: a level, and the {base} base value is not known "
                        "(give --baseline, or record changes with --yoy)"
                    )
                    continue
                i = o.value / base_level if base_level else None  # a zero base has no multiples
            if i is not None:
                index[o.date.last] = i
            placed.append((o, i))
    return base_level, levels, placed, gaps


def measured(t: Target) -> Measured:
    """The series a change, growth or cumulative target is judged on (see the module's note)."""
    if t.form == "cumulative":
        return _cumulative(t)
    base = t.baseline_date
    base_level, levels, placed, gaps = _index(t)
    points = []
    with localcontext() as ctx:
        ctx.prec = 50
        for o, i in placed:
            if t.form == "change" and t.change in ("absolute", "points"):  # a difference of levels
                # A yearly change chained from a level recorded after the base
                # period has a level of its own, but no base to differ from.
                if o.date.last not in levels or base_level is None:
                    gaps.append(f"{o.date}: the {base} base value is not known")
                    continue
                points.append((o, _round(levels[o.date.last] - base_level, AMOUNT_PLACES)))
            elif i is None:
                gaps.append(f"{o.date}: a change relative to a base of zero is undefined")
            elif t.form == "growth":
                years = years_between(base, o.date)
                if years <= 0 or i <= 0:
                    gaps.append(
                        f"{o.date}: no time since the base period"
                        if years <= 0
                        else f"{o.date}: growth is undefined for a value of zero or below"
                    )
                    continue
                g = (float(i) ** (1 / float(years)) - 1) * 100
                points.append((o, _round(Decimal(repr(g)), PERCENT_PLACES)))
            else:  # a relative change
                points.append((o, _round((i - 1) * 100, PERCENT_PLACES)))
    return Measured(base, tuple(points), tuple(gaps))


def _cumulative(t: Target) -> Measured:
    start = t.start.first if t.start else (t.baseline_date.last if t.baseline_date else None)
    after_base = t.start is None and t.baseline_date is not None  # amounts for periods after the base period
    total = t.baseline or Decimal(0)
    points = []
    for o in in_effect_by_period(t):
        if start is not None and (o.date.first <= start if after_base else o.date.first < start):
            continue
        total = clean(total + o.value)
        points.append((o, total))
    return Measured(t.start or t.baseline_date, tuple(points))


def as_levels(t: Target) -> Target:
    """`t` as a level target over its measured series, for the judging that
    levels and measured series share (paths, awaiting data, lags): a change
    or a running total is a level that starts at 0 (or the amount already
    reached) in the base period. Computed once per target (timeline judges
    it on many days)."""
    memo = t.index.memo
    if "as_levels" not in memo:
        memo["as_levels"] = _as_levels(t)
    return memo["as_levels"]


def _as_levels(t: Target) -> Target:
    m = measured(t)
    if t.form == "cumulative":
        base_value, base_date, start = t.baseline or Decimal(0), None, t.start or _day_after(t.baseline_date)
    elif t.form == "growth":  # an average rate has no base value: it is judged against the rate required
        base_value, base_date, start = None, t.baseline_date, t.start
    else:
        base_value, base_date, start = Decimal(0), t.baseline_date, t.start
    return replace(
        t,
        form=None,
        change=None,
        unit=t.measured_unit,
        baseline=base_value,
        baseline_date=base_date,
        start=start,
        observations=tuple(o._replace(value=v, measure=None) for o, v in m.points),
        frequency=frequency(t),
    )


def _day_after(p: Period | None) -> Period | None:
    return None if p is None else day(shift(p.last, 1))
