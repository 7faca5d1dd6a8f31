"""Targets and observations as plain, immutable data.

Nothing here reads a file or a terminal. `to_dict`/`from_dict` are the one
mapping between these objects and the JSON documents in the store; the store
calls them and nothing else knows the stored shape.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import namedtuple
from fractions import Fraction
from decimal import Decimal

from datetime import date
from functools import cached_property, lru_cache

from .dates import FREQUENCIES, Period, day, parse_period
from ..util.errors import InputError
from ..util.frozen import as_dict, record, replace
from ..util.i18n import N_, _
from .kinds import KIND, KINDS
from .qualifiers import AT_MOST, KINDS_OF, in_unit, read_words
from .quantity import format_quantity, from_json_number, json_number, normalize_text
from .settings import METHODS

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
ID_RULE = N_("1-64 characters: lower-case letters, digits, '-', '_' or '.', starting with a letter or digit")

# A milestone observation is 1 (done) or 0 (not done, e.g. a correction).
DONE, NOT_DONE = Decimal(1), Decimal(0)


@record
class Source:
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
class Observation(namedtuple("Observation", "date value recorded_at note source measure recorded_by",
                             defaults=(None, None, None, None))):
    """A value (Decimal) for a period (Period), recorded_at a UTC ISO 8601
    time (which breaks ties between two values for one day), with an
    optional note and source. measure None: the value is a level; "yoy": a
    change in percent on the same period a year before, as a communiqué
    gives it (比上年下降2.7%), kept as given for a change or growth target,
    which chains these (forms.py). recorded_by: who recorded it (who.py)."""

    __slots__ = ()


# What a target's values mean and how progress is measured (docs/statuses.md, "Target forms").
FORMS = ("change", "growth", "cumulative")
CHANGES = ("relative", "absolute", "points")   # a change in % of the base, in the unit, in percentage points
MEASURES = ("yoy",)


@record
class Target:
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
    plan: str | None = None    # targets of one plan are judged together (`plans`)
    form: str | None = None    # None: the target is a level to reach; else one of FORMS
    change: str | None = None  # a change target: one of CHANGES
    each: str | None = None    # the bound holds in every period of this frequency (--each year)
    binding: bool | None = None  # 约束性 True, 预期性 False, not said None
    frequency: str | None = None  # the periods its values are for; None: inferred (timing.frequency)
    lag: int | None = None     # days from a period's end to its value's publication; None: the store's default
    qualifier: str | None = None  # the words the document put around the target: 以上, 控制在…以内, at least
    approx: bool = False       # 左右, 约, about: an approximate target, judged like the plain value
    at_deadline: bool = False  # only the deadline period's value settles it (2025年货物贸易额4万亿元)
    created_by: str | None = None  # who added it (who.py)
    edited_by: str | None = None   # who last edited its fields

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
        return SeriesIndex(tuple(Point(o.date.last, o.value) for o in latest), self.baseline,
                           tuple(o.date.label for o in latest))

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
    from .quantity import format_difference

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


def check_kind(kind: str) -> str:
    if kind not in KIND:
        raise InputError(_("{value} is not one of {allowed}").format(value=repr(kind), allowed=", ".join(KINDS)),
                         field="kind")
    return kind


def check_method(method: str | None) -> str | None:
    if method is not None and method not in METHODS:
        raise InputError(_("{value} is not one of {allowed}").format(value=repr(method), allowed=", ".join(METHODS)),
                         field="method")
    return method


def check_id(target_id: str) -> str:
    if not ID_PATTERN.fullmatch(target_id or ""):
        raise InputError(_("invalid id {id}: use {rule}").format(id=repr(target_id), rule=_(ID_RULE)), field="id")
    return target_id


# --- the rules -----------------------------------------------------------------
# Every entry point (add, edit, update, import, extract --add) reaches these
# through validate() and validate_observation(); the command line only adds
# the name of the option to the message, import the row and column.



def parse_unit(text: str) -> str:
    """A unit as written (NFKC-folded), or an InputError saying why it is not one."""
    check_text(text, "unit")
    unit = normalize_text(text)
    if unit[:1].isdigit() or not unit.isprintable():
        raise InputError(_('{text} is not a unit (e.g. 家, 个, 亿元, km, %)').format(text=repr(text)), field="unit")
    word = in_unit(unit)
    if word:
        raise InputError(_("{text} is not a unit: {word} qualifies the target, not its unit (give it with the "
                           "target value, e.g. 6.5亿吨以上)").format(text=repr(text), word=word), field="unit")
    return unit


def check_tag(tag: str) -> str:
    if not tag or any(c.isspace() or c in ",;" for c in tag) or not tag.isprintable():
        raise InputError(_('invalid tag {tag}: a tag is one word, without spaces, commas or semicolons').format(
            tag=repr(tag)), field="tags")
    return tag


def parse_tags(values, separators: str = ",") -> tuple[str, ...]:
    """Tags from what people type: several values, each split on `separators`
    (commas on the command line, ';' in a CSV cell); repeats dropped."""
    tags: list[str] = []
    for v in values:
        check_text(v, "tags")
        for sep in separators[1:]:
            v = v.replace(sep, separators[0])
        for tag in v.split(separators[0]):
            tag = check_tag(tag.strip())
            if tag not in tags:
                tags.append(tag)
    return tuple(tags)


def check_text(text: str | None, field: str | None = None) -> str | None:
    """Text that can be stored: valid Unicode (JSON can carry lone surrogates, UTF-8 cannot)."""
    if text is not None:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(_('not valid UTF-8 text'), field=field) from None
    return text


def _needs_target(t: Target) -> None:
    if t.target is None:
        raise InputError(_("a target of kind {kind} needs a target value (the value to reach)").format(kind=t.kind),
                         field="target")


def _needs_deadline(t: Target) -> None:
    if t.deadline is None:
        raise InputError(_("a target of kind {kind} needs a deadline (only caps, floors and milestones may be "
                           "open-ended)").format(kind=t.kind), field="deadline")


def _takes_no_target(t: Target) -> None:
    if t.target is not None:
        raise InputError(_("a milestone is done or not done; it takes no target value"), field="target")


def _beyond_baseline(t: Target) -> None:
    if t.baseline is None or t.target is None or t.form in ("change", "growth"):
        return  # a change or a growth rate is not a level to compare with the baseline
    if t.spec.direction > 0 and t.target < t.baseline:
        raise InputError(_("an increase target ({target}) below its baseline ({baseline}): did you mean the kind "
                           "decrease?").format(target=t.target, baseline=t.baseline), field="kind")
    if t.spec.direction < 0 and t.target > t.baseline:
        raise InputError(_("a decrease target ({target}) above its baseline ({baseline}): did you mean the kind "
                           "increase?").format(target=t.target, baseline=t.baseline), field="kind")


# The rules that depend on the kind, one entry per kind (tests/test_kinds.py).
RULES = {
    "increase": (_needs_target, _needs_deadline, _beyond_baseline),
    "decrease": (_needs_target, _needs_deadline, _beyond_baseline),
    "cap": (_needs_target,),
    "floor": (_needs_target,),
    "milestone": (_takes_no_target,),
}


def _form_rules(t: Target) -> None:
    """What a form, --each, the frequency and the lag need (docs/statuses.md, "Target forms")."""
    if t.form is not None and t.form not in FORMS:
        raise InputError(_('{form} is not a form: one of {items}').format(
            form=repr(t.form), items=', '.join(FORMS)), field="form")
    if t.form is not None and t.spec.shape != "path":
        raise InputError(_('a {form} target is judged on a path to its deadline; a {kind} cannot be one (use '
                            '--kind increase or decrease)').format(
            form=t.form, kind=t.kind), field="kind")
    if t.form == "change":
        if t.change not in CHANGES:
            raise InputError(_('a change target needs the kind of change: one of {items}').format(
                items=', '.join(CHANGES)),
                             field="change")
        if t.target == 0:
            raise InputError(_('a change of 0 is not a target; give the change to reach, e.g. -13.5%'), field="change")
        if t.target is not None and (t.target > 0) != (t.spec.direction > 0):
            raise InputError(_('a change of {change_text} is {value}, not a {kind}: leave the kind out or make it '
                                '{value2}').format(
                change_text=change_text(t.target, t), value=_('an increase') if t.target > 0 else _('a decrease'), kind=t.kind, value2='increase' if t.target > 0 else 'decrease'), field="kind")
        if t.change == "points" and t.unit != "%":
            raise InputError(_('a change in percentage points is a change of a percentage; the unit is {value}, '
                                'not %').format(
                value=t.unit or _('not given')), field="change")
    elif t.change is not None:
        raise InputError(_('the kind of change belongs to a change target'), field="change")
    if t.form == "cumulative" and (t.spec.direction < 0 or (t.start is None and t.baseline_date is None)):
        raise InputError(_('a cumulative target adds up amounts from its start to a total: it is an increase, and needs a start (or a baseline date, the period before the first amount)'), field="start")
    if t.form in ("change", "growth") and t.baseline_date is None:
        raise InputError(_('a {form} target is measured from a base period: give its baseline date (e.g. 2020)').format(
            form=t.form),
                         field="baseline_date")
    if t.form == "growth" and t.target is not None and t.target <= -100:
        raise InputError(_('an average growth of {target}% a year is not possible (it must be above -100%)').format(
            target=t.target),
                         field="growth")
    if t.each is not None:
        if t.each not in FREQUENCIES or t.each == "day":
            raise InputError(_('a bound in every period takes year, half, quarter or month, not {each}').format(
                each=repr(t.each)), field="each")
        if t.form is not None or not (t.spec.shape == "bound" or (t.spec.shape == "path" and t.spec.direction > 0)):
            raise InputError(_('a bound in every period applies to a cap, a floor or an increase given as a '
                                'level (not a {value} target)').format(
                value=t.form or t.kind), field="each")
        if t.frequency is not None and t.frequency != t.each:
            raise InputError(_('a bound each {each} is a bound on {each}ly values; the frequency is {frequency}').format(
                each=t.each, frequency=t.frequency),
                             field="frequency")
    if t.frequency is not None and t.frequency not in FREQUENCIES:
        raise InputError(_('{frequency} is not a frequency: one of {items}').format(
            frequency=repr(t.frequency), items=', '.join(FREQUENCIES)), field="frequency")
    if t.lag is not None and not 0 <= t.lag <= 3660:
        raise InputError(_('a lag of {lag} days is out of range (0 to 3660)').format(lag=t.lag), field="lag")
    if t.binding not in (None, True, False):
        raise InputError(_('binding is true, false or not given'), field="binding")
    _qualifier_rules(t)


def _qualifier_rules(t: Target) -> None:
    """A qualifier goes with the kinds it names (以上: an increase or a floor),
    and a target for the deadline's value is a level or a change on a path."""
    if t.qualifier is not None:
        q = read_words(t.qualifier)
        if t.spec.boolean:
            raise InputError(_("a milestone is done or not done; {words} qualifies a value").format(
                words=t.qualifier), field="target")
        if q.approx and not t.approx:
            raise InputError(_("{words} says the target is approximate (approx)").format(words=t.qualifier),
                             field="qualifier")
        if q.sense and t.form == "change" and q.sense == AT_MOST:
            raise InputError(_("{words} (at most) on a change makes it a limit, not a change to reach: give the "
                               "level as a cap").format(words=t.qualifier), field="target")
        if q.sense and t.form != "change" and t.kind not in KINDS_OF[q.sense]:
            raise InputError(_("{words} ({sense}) and the kind {kind} contradict each other: {sense} goes with "
                               "{kinds}").format(words=t.qualifier, sense=q.describe(), kind=t.kind,
                                                 kinds=_(" or ").join(KINDS_OF[q.sense])), field="kind")
    if t.at_deadline and (t.spec.shape != "path" or t.form not in (None, "change") or t.each):
        raise InputError(_("only the deadline period's value settles an increase or a decrease given as a level "
                           "or a change; a {value} target cannot be one").format(value=t.form or t.each or t.kind),
                         field="at_deadline")
    if t.at_deadline and t.deadline is None:
        raise InputError(_("a target for the deadline period's value needs a deadline"), field="deadline")


def validate(t: Target) -> Target:
    """The rules a target must satisfy before it is written."""
    check_id(t.id)
    check_kind(t.kind)
    if not t.title or not t.title.strip():
        raise InputError(_("a target needs a non-empty title"), field="title")
    for name in ("title", "title_en", "owner", "plan", "created_at", "created_by", "edited_by"):
        check_text(getattr(t, name), name)
    for name, text in as_dict(t.source).items():
        check_text(text, "source" if name == "document" else f"source_{name}")
    if t.unit:
        parse_unit(t.unit)
    for rule in RULES[t.kind]:
        rule(t)
    _form_rules(t)
    if t.deadline and t.start and t.start.first > t.deadline.last:
        raise InputError(_("the start ({start}) is after the deadline ({deadline})").format(start=t.start,
                                                                                             deadline=t.deadline))
    if t.deadline and t.baseline_date and t.baseline_date.last > t.deadline.last:
        raise InputError(_('the baseline date ({baseline_date}) is after the deadline ({deadline})').format(
            baseline_date=t.baseline_date, deadline=t.deadline))
    if t.baseline_date and t.baseline is None and t.form is None:  # a change's or a sum's base may be unknown
        raise InputError(_('a baseline date was given without a baseline value'), field="baseline")
    check_method(t.method)
    if t.plan is not None and (not t.plan.strip() or not t.plan.isprintable() or len(t.plan) > 100):
        raise InputError(_('invalid plan {plan}: a plan is a name of 1-100 printable characters').format(
            plan=repr(t.plan)))
    for tag in t.tags:
        check_tag(tag)
    return t


def validate_observation(t: Target, o: Observation, today: date) -> Observation:
    """The rules a new observation must satisfy: a value is recorded once it is known."""
    if o.date.first > today:
        raise InputError(_("{date} is in the future (today is {today}); record values once they are known").format(
            date=o.date, today=today))
    if o.date.last > today:
        # A value "for 2026-11" is dated 2026-11-30: after today, so today's status would skip it.
        raise InputError(_("{date} has not ended yet (today is {today}); give the day, e.g. {today}").format(
            date=o.date, today=today))
    check_text(o.note, "note")
    check_text(o.source, "source")
    check_text(o.recorded_by, "recorded_by")
    return o


# --- the stored shape -------------------------------------------------------

def _put(d: dict, key: str, value) -> None:
    if value is not None and value != "" and value != () and value != []:
        d[key] = value


def observation_to_dict(o: Observation) -> dict:
    d = {"date": o.date.label, "value": json_number(o.value), "recorded_at": o.recorded_at}
    _put(d, "note", o.note)
    _put(d, "source", o.source)
    _put(d, "measure", o.measure)
    _put(d, "recorded_by", o.recorded_by)
    return d


def to_dict(t: Target) -> dict:
    d: dict = {"id": t.id, "title": t.title, "kind": t.kind}
    _put(d, "unit", t.unit)
    _put(d, "target", json_number(t.target))
    _put(d, "deadline", t.deadline.label if t.deadline else None)
    _put(d, "start", t.start.label if t.start else None)
    _put(d, "baseline", json_number(t.baseline))
    _put(d, "baseline_date", t.baseline_date.label if t.baseline_date else None)
    _put(d, "title_en", t.title_en)
    _put(d, "tags", list(t.tags))
    _put(d, "owner", t.owner)
    src = {k: v for k, v in as_dict(t.source).items() if v}
    _put(d, "source", src or None)
    _put(d, "observations", [observation_to_dict(o) for o in t.observations])
    _put(d, "created_at", t.created_at)
    _put(d, "method", t.method)
    _put(d, "plan", t.plan)
    _put(d, "form", t.form)
    _put(d, "change", t.change)
    _put(d, "each", t.each)
    _put(d, "binding", t.binding)
    _put(d, "frequency", t.frequency)
    _put(d, "lag", t.lag)
    _put(d, "qualifier", t.qualifier)
    _put(d, "approx", t.approx or None)
    _put(d, "at_deadline", t.at_deadline or None)
    _put(d, "created_by", t.created_by)
    _put(d, "edited_by", t.edited_by)
    return d


def _str(d: dict, key: str, required: bool = False) -> str | None:
    v = d.get(key)
    if v is None:
        if required:
            raise ValueError(f"missing {key!r}")
        return None
    if not isinstance(v, str):
        raise ValueError(f"{key!r} is not text")
    return v


@lru_cache(maxsize=8192)
def stored_period(label: str) -> Period:
    """A stored date label (the canonical forms parse_period writes). Stores
    repeat the same few thousand labels, so this is cached; ISO days, the
    commonest, skip the general parser."""
    if len(label) == 10 and label[4] == "-" and label[7] == "-":
        try:
            return day(date.fromisoformat(label))
        except ValueError:
            pass
    return parse_period(label)


def _period(d: dict, key: str) -> Period | None:
    v = _str(d, key)
    if v is None:
        return None
    try:
        return stored_period(v)
    except InputError as e:
        raise ValueError(f"{key!r}: {e}") from None


def _num(d: dict, key: str) -> Decimal | None:
    v = d.get(key)
    return None if v is None else from_json_number(v)


def _text_or_none(value, what: str) -> str | None:
    if value is None or type(value) is str:
        return value
    raise ValueError(f"{what} is not text")


def from_dict(d: dict) -> Target:
    """Raises ValueError naming the bad field; the store reports it as corrupt.

    Written for speed (it runs once per target on every load): plain dict
    access and type checks, no helper per field for the observations.
    """
    if not isinstance(d, dict):  # TinyDB hands us Documents, a dict subclass
        raise ValueError("a target is not a JSON object")
    raw_src = d.get("source") or {}
    if type(raw_src) is not dict:
        raise ValueError("'source' is not an object")
    tags = d.get("tags") or []
    if type(tags) is not list or not all(type(x) is str for x in tags):
        raise ValueError("'tags' is not a list of text")
    obs_raw = d.get("observations") or []
    if type(obs_raw) is not list:
        raise ValueError("'observations' is not a list")
    observations = []
    for i, o in enumerate(obs_raw, 1):
        if type(o) is not dict:
            raise ValueError(f"observation {i} is not an object")
        label, value = o.get("date"), o.get("value")
        if type(label) is not str or value is None:
            raise ValueError(f"observation {i} lacks a date or a value")
        try:
            when = stored_period(label)
        except InputError as e:
            raise ValueError(f"observation {i}: {e}") from None
        measure = o.get("measure")
        if measure is not None and measure not in MEASURES:
            raise ValueError(f"observation {i}: unknown measure {measure!r}")
        observations.append(Observation(
            when, from_json_number(value), _text_or_none(o.get("recorded_at"), f"observation {i} recorded_at") or "",
            _text_or_none(o.get("note"), f"observation {i} note"), _text_or_none(o.get("source"), f"observation {i} source"),
            measure, _text_or_none(o.get("recorded_by"), f"observation {i} recorded_by"),
        ))
    kind = _str(d, "kind") or "increase"
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return Target(
        id=_str(d, "id", required=True),
        title=_str(d, "title", required=True),
        kind=kind,
        unit=_str(d, "unit") or "",
        target=_num(d, "target"),
        deadline=_period(d, "deadline"),
        start=_period(d, "start"),
        baseline=_num(d, "baseline"),
        baseline_date=_period(d, "baseline_date"),
        title_en=_str(d, "title_en"),
        tags=tuple(tags),
        owner=_str(d, "owner"),
        source=Source(**{k: _str(raw_src, k) for k in _SOURCE_KEYS if k in raw_src}) if raw_src else _NO_SOURCE,
        observations=tuple(observations),
        created_at=_str(d, "created_at"),
        method=_method(d),
        plan=_str(d, "plan"),
        **_form_fields(d),
    )


_SOURCE_KEYS = Source._fields
_NO_SOURCE = Source()


def _method(d: dict) -> str | None:
    m = _str(d, "method")
    if m is not None and m not in METHODS:
        raise ValueError(f"unknown method {m!r}")
    return m


def _form_fields(d: dict) -> dict:
    """The fields schemas 3 and 4 added; absent in older stores (levels, inferred frequency)."""
    if not ("form" in d or "each" in d or "binding" in d or "frequency" in d or "lag" in d or "change" in d
            or "qualifier" in d or "approx" in d or "at_deadline" in d or "created_by" in d or "edited_by" in d):
        return {}
    f = {name: _str(d, name) for name in ("form", "change", "each", "frequency")}
    if f["form"] is not None and f["form"] not in FORMS:
        raise ValueError(f"unknown form {f['form']!r}")
    if f["change"] is not None and f["change"] not in CHANGES:
        raise ValueError(f"unknown change {f['change']!r}")
    for name in ("each", "frequency"):
        if f[name] is not None and f[name] not in FREQUENCIES:
            raise ValueError(f"unknown {name} {f[name]!r}")
    binding, lag = d.get("binding"), d.get("lag")
    if binding is not None and type(binding) is not bool:
        raise ValueError("'binding' is not true or false")
    if lag is not None and (type(lag) is not int or lag < 0):
        raise ValueError("'lag' is not a number of days")
    flags = {}
    for name in ("approx", "at_deadline"):
        v = d.get(name)
        if v is not None and type(v) is not bool:
            raise ValueError(f"{name!r} is not true or false")
        flags[name] = bool(v)
    return {**f, "binding": binding, "lag": lag, "qualifier": _str(d, "qualifier"), **flags,
            "created_by": _str(d, "created_by"), "edited_by": _str(d, "edited_by")}
