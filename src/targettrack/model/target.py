"""Targets and observations as plain, immutable data, and what is read off them
without judging: a target's series of values, what was known when, its
baseline. The rules they must satisfy are rules.py's; their stored shape
stored.py's.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import namedtuple
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import NamedTuple

from ..util.frozen import replace
from ..util.i18n import N_
from .dates import Period
from .kinds import KIND
from .qualifiers import read_words
from .quantity import format_difference, format_quantity

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
ID_RULE = N_("1-64 characters: lower-case letters, digits, '-', '_' or '.', starting with a letter or digit")

# A milestone observation is 1 (done) or 0 (not done, e.g. a correction).
DONE, NOT_DONE = Decimal(1), Decimal(0)


class Source(NamedTuple):
    document: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    quote: str | None = None
    note: str | None = None


class Point(namedtuple("Point", "day value")):
    """One value on one day (a date, a Decimal): what assessment and charts work with."""

    __slots__ = ()


# A named tuple rather than a frozen dataclass: a large store holds ten of
# these a target, and a tuple is built several times faster (and
# collections' namedtuple, not typing's NamedTuple: importing typing was a
# twentieth of the start-up of a command that writes). A target's
# observations are kept in the order they were recorded: that order, not
# recorded_at, says which of two values for one day came later.
class Observation(
    namedtuple(
        "Observation", "date value recorded_at note source measure recorded_by", defaults=(None, None, None, None)
    )
):
    """A value (Decimal) for a period (Period), recorded_at a UTC ISO 8601
    time (which breaks ties between two values for one day), with an
    optional note and source. measure None: the value is a level; "yoy": a
    change in percent on the same period a year before, as a communiqué
    gives it (比上年下降2.7%), kept as given for a change or growth target,
    which chains these (forms.py). recorded_by: who recorded it (who.py)."""

    __slots__ = ()


# What a target's values mean and how progress is measured (docs/statuses.md, "Target forms").
FORMS = ("change", "growth", "cumulative")
CHANGES = ("relative", "absolute", "points")  # a change in % of the base, in the unit, in percentage points
MEASURES = ("yoy",)


class _TargetFields(NamedTuple):
    """A target's fields, in order (Target adds what is read off them)."""

    id: str
    title: str
    kind: str = "increase"
    unit: str = ""
    target: Decimal | None = None
    deadline: Period | None = None
    start: Period | None = None
    baseline: Decimal | None = None
    baseline_date: Period | None = None
    title_en: str | None = None
    tags: tuple[str, ...] = ()
    owner: str | None = None
    source: Source = Source()
    observations: tuple[Observation, ...] = ()
    created_at: str | None = None
    method: str | None = None  # None: the store's default method
    plan: str | None = None  # targets of one plan are judged together (`plans`)
    form: str | None = None  # None: the target is a level to reach; else one of FORMS
    change: str | None = None  # a change target: one of CHANGES
    each: str | None = None  # the bound holds in every period of this frequency (--each year)
    binding: bool | None = None  # 约束性 True, 预期性 False, not said None
    frequency: str | None = None  # the periods its values are for; None: inferred (timing.frequency)
    lag: int | None = None  # days from a period's end to its value's publication; None: the store's default
    qualifier: str | None = None  # the words the document put around the target: 以上, 控制在…以内, at least
    approx: bool = False  # 左右, 约, about: an approximate target, judged like the plain value
    at_deadline: bool = False  # only the deadline period's value settles it (2025年货物贸易额4万亿元)
    created_by: str | None = None  # who added it (who.py)
    edited_by: str | None = None  # who last edited its fields


class Target(_TargetFields):
    """A target: its fields (_TargetFields) and what is read off them. A
    subclass of the named tuple, not the named tuple itself, so that its
    instances have a __dict__ where cached_property keeps the index; fields
    stay immutable, and nothing else can be set."""

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot assign to field {name!r}: a Target is immutable")

    def __delattr__(self, name):
        raise AttributeError(f"cannot delete field {name!r}: a Target is immutable")

    @property
    def series(self) -> tuple:
        """(day, value) of each observation day, oldest first (see index)."""
        return self.index.points

    @cached_property
    def index(self) -> "SeriesIndex":
        """The series, indexed (SeriesIndex): (day, value) of each observation
        day, oldest first; of two values
        for one day the one recorded later wins. "Later" is the order the
        observations were recorded in (their order in the store), not their
        recorded_at clock time: a clock stepped back must not undo a
        correction. Computed once per target (the record is immutable)."""
        by_day = {}
        for o in sorted(self.observations, key=lambda o: o.date.last):  # stable: keeps the recorded order
            by_day[o.date.last] = o
        # Indexed for judging as of any day in O(log n) (timeline). The one
        # attribute cached on a target: a second would grow each target's
        # __dict__ (5 MB at 10,000 targets).
        latest = [by_day[d] for d in sorted(by_day)]
        return SeriesIndex(
            tuple(Point(o.date.last, o.value) for o in latest), self.baseline, tuple(o.date.label for o in latest)
        )

    def with_observation(self, obs: Observation) -> "Target":
        return replace(self, observations=self.observations + (obs,))

    @property
    def spec(self):
        """What this target's kind means (kinds.Kind)."""
        return KIND[self.kind]

    def describe_target(self) -> str:
        if self.spec.boolean:
            return "done"
        base = f" from {self.baseline_date}" if self.baseline_date else ""
        about = "about " if self.approx else ""
        if self.form == "change":
            return f"{about}{change_text(self.target, self)}{base}"
        if self.form == "growth":
            word = "at least" if self.spec.direction > 0 else "at most"
            return f"{word} {about}{format_quantity(self.target, '%')} a year{base}"
        if self.form == "cumulative":
            return f"{about}{format_quantity(self.target, self.unit)} in total"
        if self.each:
            return f"{about}{format_quantity(self.target, self.unit)} each {self.each}"
        word = f"{self.spec.limit_word} " if self.spec.shape == "path" and self.bound_sense() else ""
        flow = " in the deadline's period" if self.at_deadline else ""
        return f"{word}{about}{format_quantity(self.target, self.unit)}{flow}"

    def bound_sense(self) -> str | None:
        """What the qualifier's words say of the bound: qualifiers.AT_LEAST, AT_MOST or None."""
        return read_words(self.qualifier).sense if self.qualifier else None

    @property
    def measured_unit(self) -> str:
        """The unit of what progress is measured in: a relative change and a
        growth rate are in %, a change in points in pp, the rest in the unit."""
        if self.form == "growth" or (self.form == "change" and self.change == "relative"):
            return "%"
        return self.unit


def change_text(value, t: "Target") -> str:
    """A change as the plan writes it: -13.5%, +1岁, +5 pp (个百分点 where the unit is Chinese)."""
    sign = "+" if value > 0 else ""
    if t.change == "relative":
        return sign + format_quantity(value, "%")
    if t.change == "points":
        return sign + format_difference(value, "%")
    return sign + format_quantity(value, t.unit)


class SeriesIndex:
    """A target's series, for questions "as of day D" without rescanning it.

    upto(d) is how many points are dated on or before d (bisection), and
    slope() is the exact least-squares slope over any run of points, plus the
    baseline, from prefix sums: the same Fraction trend_per_day computes
    (a slope is unchanged by moving the origin of x, and the common integer
    scale of y cancels), in O(1). So judging a target on each of its n days
    (`show --timeline`) is O(n log n), not O(n^2).
    """

    __slots__ = ("points", "labels", "memo", "_baseline", "_sums", "_slopes", "_first")
    SUMS_AFTER = 2  # direct queries before the prefix sums pay: list judges a target once, report twice

    def __init__(self, points: tuple[Point, ...], baseline: Decimal | None, labels: tuple[str, ...] = ()):
        self.points = points
        self.labels = labels  # the period each point's value was recorded for (2024, 2024-Q3)
        self.memo: dict = {}  # facts of the whole series computed once (timing.frequency)
        self._baseline = baseline
        self._sums = None
        self._slopes = 0
        self._first: dict | None = None

    def label(self, day: date) -> str:
        """The period of the point on `day` as it was recorded (2024 for 2024-12-31)."""
        k = self.upto(day)
        if k and self.points[k - 1].day == day and self.labels:
            return self.labels[k - 1]
        return day.isoformat()

    def upto(self, when: date) -> int:
        return bisect_right(self.points, when, key=_day)

    def first(self, start: int, test) -> int | None:
        """The first index from `start` whose value passes `test` (cached per start;
        `test` must be the same for one target: its kind's reached() at its target)."""
        if self._first is None:
            self._first = {}
        if start not in self._first:
            self._first[start] = next((i for i in range(start, len(self.points)) if test(self.points[i].value)), None)
        return self._first[start]

    def last_other(self, k: int, value) -> int:
        """The index of the last of points[:k] whose value is not `value`, or -1."""
        if self._first is None:
            self._first = {}
        table = self._first.get(("other", value))
        if table is None:
            table, last = [-1], -1
            for i, p in enumerate(self.points):
                if p.value != value:
                    last = i
                table.append(last)
            self._first[("other", value)] = table
        return table[k]

    def _build(self):
        values = [p.value for p in self.points] + ([self._baseline] if self._baseline is not None else [])
        scale = 1
        for v in values:
            d = v.as_integer_ratio()[1]
            scale = scale * d // math.gcd(scale, d)
        origin = self.points[0].day.toordinal() if self.points else 0
        px, py, pxx, pxy = [0], [0], [0], [0]
        for p in self.points:
            num, den = p.value.as_integer_ratio()
            x, y = p.day.toordinal() - origin, num * (scale // den)
            px.append(px[-1] + x)
            py.append(py[-1] + y)
            pxx.append(pxx[-1] + x * x)
            pxy.append(pxy[-1] + x * y)
        self._sums = (scale, origin, px, py, pxx, pxy)

    def slope(self, base: Point | None, i: int, k: int) -> Fraction | None:
        """Least-squares slope (value per day) over `base` (if any) and points[i:k]."""
        n = (k - i) + (base is not None)
        if n < 2:
            return None
        self._slopes += 1
        if self._sums is None and self._slopes <= self.SUMS_AFTER:
            return least_squares(([base] if base is not None else []) + list(self.points[i:k]))
        if self._sums is None:
            self._build()
        scale, origin, px, py, pxx, pxy = self._sums
        sx, sy, sxx, sxy = px[k] - px[i], py[k] - py[i], pxx[k] - pxx[i], pxy[k] - pxy[i]
        if base is not None:
            num, den = base.value.as_integer_ratio()
            x, y = base.day.toordinal() - origin, num * (scale // den)
            sx, sy, sxx, sxy = sx + x, sy + y, sxx + x * x, sxy + x * y
        denominator = n * sxx - sx * sx
        if denominator == 0:
            return None
        return Fraction(n * sxy - sx * sy, denominator * scale)


def _day(p: Point) -> date:
    return p.day


def least_squares(points: list[Point]) -> Fraction | None:
    """Least-squares slope (value per day); None with fewer than two days.

    Exact, but in integers: values are scaled to whole numbers by their
    largest number of decimal places, so the sums are plain ints and only the
    final quotient is a Fraction (Fraction arithmetic in the sums was most of
    the time `list` took on a large store).
    """
    n = len(points)
    if n < 2:
        return None
    ratios = [p.value.as_integer_ratio() for p in points]
    scale = 1
    for _n, d in ratios:  # a common denominator (1 for whole numbers, the usual case)
        scale = scale * d // math.gcd(scale, d)
    x0 = points[0].day.toordinal()
    xs = [p.day.toordinal() - x0 for p in points]
    ys = [num * (scale // d) for num, d in ratios]
    sx, sy = sum(xs), sum(ys)
    sxx = sum(x * x for x in xs)
    sxy = sum(x * y for x, y in zip(xs, ys))
    den = n * sxx - sx * sx
    if den == 0:
        return None
    return Fraction(n * sxy - sx * sy, den * scale)


def observed_series(t: Target, as_of: date) -> list[Point]:
    """Observations on or before `as_of`, one per day (the later recorded wins), oldest first."""
    series = t.series
    if series and series[-1].day > as_of:
        return [p for p in series if p.day <= as_of]
    return list(series)


# --- what was known when (docs/statuses.md, "--as-of and --known-at") ------------------------
# --as-of D judges with the values dated on or before D, as now known
# (revisions included: the index above does that). --known-at K keeps only
# what had been recorded by the end of K: the same store as it was that day.


def recorded_day(o: Observation) -> date | None:
    """The day (UTC) a value was recorded, or None where the store does not say."""
    try:
        return date.fromisoformat(o.recorded_at[:10])
    except (TypeError, ValueError):
        return None


def known_at(t: Target, day: date) -> Target | None:
    """`t` as the store held it at the end of `day`: None if it was added
    later (and none of its values was recorded by then: a target imported
    with its history is newer than the values it brought); else without the
    values recorded later (a revision entered later is left out, and the
    value it replaced counts again). A value or target that does not say
    when it was recorded counts as known."""
    kept = recorded_by(t, day)
    if not kept.observations and t.created_at and t.created_at[:10] > day.isoformat():
        return None
    return kept


def recorded_by(t: Target, day: date) -> Target:
    """`t` without the values recorded after the end of `day` (a target added later keeps none)."""
    kept = tuple(o for o in t.observations if (recorded_day(o) or date.min) <= day)
    return t if len(kept) == len(t.observations) else replace(t, observations=kept)


def dated_by(t: Target, day: date) -> Target:
    """`t` with only the values for periods ending on or before `day` (what --as-of shows of its history)."""
    kept = tuple(o for o in t.observations if o.date.last <= day)
    return t if len(kept) == len(t.observations) else replace(t, observations=kept)


def latest_level(t: Target, on: date) -> Decimal | None:
    """The level an increment (`update ID --by N`) on `on` adds to: the
    latest observation on or before that day, else the baseline."""
    k = t.index.upto(on)
    return t.index.points[k - 1].value if k else t.baseline


def baseline_point(t: Target) -> Point | None:
    if t.baseline is None:
        return None
    when = t.baseline_date.last if t.baseline_date else (t.start.first if t.start else None)
    return Point(when, t.baseline) if when else None
