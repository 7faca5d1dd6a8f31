"""Changes to targets as plain functions: what `add`, `update`, `edit` and
`import` do to a target, apart from where the input came from.

Each function takes model values and text as people write it, applies every
rule (model.validate, model.validate_observation, the kind's value reader),
and returns new immutable targets; nothing here touches the store. An
InputError names the field at fault, and the entry point says where that
field was (errors.at).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from decimal import Decimal, localcontext
from datetime import date

from .dates import Period
from ..util.errors import InputError
from ..util.frozen import replace
from ..util.i18n import N_, _
from .kinds import KIND
from .dates import year_before
from .target import Observation, Target, baseline_point, validate, validate_observation
from .quantity import Quantity, clean, convert, fold_bare_magnitude, normalize_text, parse_quantity, same_dimension, value_in_unit
from .qualifiers import AT_LEAST, KINDS_OF, Qualifier, split as split_qualifier
from .values import read_value

# Fields `edit --unset` clears; source_* are the fields of the source.
EDITABLE = ("title_en", "tags", "owner", "baseline", "baseline_date", "start", "deadline", "unit", "method", "plan",
            "source", "source_url", "source_quote", "source_publisher", "source_date", "source_note",
            "form", "each", "binding", "frequency", "lag", "qualifier", "at_deadline")
SOURCE_FIELDS = {"source": "document", "source_url": "url", "source_quote": "quote",
                 "source_publisher": "publisher", "source_date": "date", "source_note": "note"}


def _quantity(text: str, field: str) -> Quantity:
    try:
        return parse_quantity(text)
    except InputError as e:
        raise InputError(str(e), field=field) from None


def amount_in(text: str | None, unit: str, field: str):
    """A value as written (1000亿元, 两千五百万) in `unit`, or None."""
    if text is None:
        return None
    try:
        return value_in_unit(_quantity(text, field), unit)
    except InputError as e:
        raise InputError(str(e), field=e.field if e.field == "unit" else field) from None


def target_and_unit(kind: str, target: str | None, unit: str | None) -> tuple[str, object]:
    """(unit, target value): the unit is `unit` if given, else the one written after the target (1000亿元)."""
    if kind in KIND and KIND[kind].boolean:
        if target is not None:
            raise InputError(_('a milestone is done or not done; it takes no target value'), field="target")
        return unit or "", None
    if target is None:
        return unit or "", None
    if unit is None:
        q = fold_bare_magnitude(_quantity(target, "target"))
        return q.unit, clean(q.number)
    return unit, amount_in(target, unit, "target")


# --- qualifiers (docs/statuses.md, "Qualifiers") ---------------------------------------------

def qualified(text: str | None) -> tuple[str | None, Qualifier | None]:
    """A target as a plan writes it (6.5亿吨以上, 不低于3.4%, 60%左右) as the
    value and its qualifier (qualifiers.split); None stays None."""
    if text is None:
        return None, None
    core, q = split_qualifier(normalize_text(text))
    return core, q


def _qualified(text: str, field: str) -> tuple[str, Qualifier | None]:
    try:
        return qualified(text)
    except InputError as e:
        raise InputError(str(e), field=field) from None


def qualified_target(text: str | None) -> tuple[str | None, Qualifier | None]:
    """--target (or a target cell) as the value and its qualifier."""
    return (None, None) if text is None else _qualified(text, "target")


def unit_of(text: str | None, field: str) -> str:
    """The unit written after a value (1000亿元 -> 亿元; a bare magnitude is no unit), or ""."""
    if text is None:
        return ""
    return fold_bare_magnitude(_quantity(text, field)).unit


def qualifier_fields(q: Qualifier | None) -> dict:
    """The target's fields a qualifier sets: the words, and whether it is approximate."""
    return {} if q is None else {"qualifier": q.words, "approx": q.approx}


def kind_for(q: Qualifier | None, *, form: str | None, each: str | None, deadline, baseline, target) -> str | None:
    """The kind the qualifier's words say, where the user gave none: at least
    is an increase to reach by the deadline, or a floor where there is no
    deadline, the bound holds each period, or the baseline already meets it
    (粮食产量6.5亿吨以上 from 6.69亿吨); at most likewise a decrease or a cap.
    None: the words say nothing of the kind (左右), or the form decides it."""
    if q is None or q.sense is None or form == "change":
        return None
    if form == "growth":
        return "increase" if q.sense == AT_LEAST else "decrease"
    met = baseline is not None and target is not None and (
        baseline >= target if q.sense == AT_LEAST else baseline <= target)
    if each or deadline is None or met:
        return "floor" if q.sense == AT_LEAST else "cap"
    return "increase" if q.sense == AT_LEAST else "decrease"


# --- forms (docs/statuses.md, "Target forms") ------------------------------------------------

_POINTS = re.compile(r"(?:pp|p\.p\.|个百分点|百分点)$", re.IGNORECASE)
# A change in words, as plans write it: 翻一番 is a doubling (+100%), 翻两番
# a quadrupling (+300%), 减半 a halving (-50%).
_CHANGE_WORDS = {"翻一番": 100, "翻番": 100, "翻了一番": 100, "翻两番": 300, "翻二番": 300, "翻三番": 700,
                 "double": 100, "doubled": 100, "doubling": 100, "triple": 200, "tripled": 200, "tripling": 200,
                 "quadruple": 300, "quadrupled": 300, "减半": -50, "下降一半": -50, "减少一半": -50,
                 "halve": -50, "halved": -50, "halving": -50, "cut by half": -50, "cut in half": -50}
# 增长1倍 is growth by one times the base: +100% (a level of 2x the base).
_TIMES = re.compile(r"^(?P<sign>[+-]?)(?P<n>\d+(?:\.\d+)?)\s*倍$")


def parse_change(text: str, unit: str | None) -> tuple[str, Decimal, str | None]:
    """(kind of change, amount, unit written) from --change: -13.5% is relative
    (a change in % of the base), +5pp or 提高5个百分点 is in percentage points,
    +1 or +1岁 is absolute (in the target's unit); 翻一番 and double are
    +100%, 翻两番 +300%, +1倍 +100%, 减半 and halve -50%."""
    s = normalize_text(text).strip()
    for word in ("提高", "增加", "上升", "增长"):
        s = s.replace(word, "+") if s.startswith(word) else s
    for word in ("降低", "下降", "减少"):
        s = s.replace(word, "-") if s.startswith(word) else s
    s = s.replace("++", "+").replace("+-", "-")
    words = s.lstrip("+").strip().lower()
    if words in _CHANGE_WORDS:
        return "relative", Decimal(_CHANGE_WORDS[words]), None
    times = _TIMES.match(s)
    if times:
        n = clean(Decimal(times["n"]) * 100)
        return "relative", -n if times["sign"] == "-" else n, None
    if _POINTS.search(s):
        number = _POINTS.sub("", s).strip()
        q = _quantity(number, "change")
        if q.unit:
            raise InputError(_('{text}: a change in percentage points is a number, e.g. +5pp').format(
                text=repr(text)), field="change")
        return "points", clean(q.number), "%"
    q = _quantity(s, "change")
    if q.unit == "%":
        # Relative even where the levels are percentages, as 增长5% reads; +5pp is the points.
        return "relative", clean(q.number), None
    if unit is None:
        q = fold_bare_magnitude(q)
        return "absolute", clean(q.number), q.unit or None
    return "absolute", value_in_unit(q, unit), None


def form_fields(unit: str | None, *, change: str | None = None, growth: str | None = None,
                cumulative: bool = False, each: str | None = None, target: str | None = None,
                kind: str | None = None) -> dict:
    """The fields --change, --growth, --cumulative and --each set (the change
    or the growth rate is the target), the unit written after a change, and
    the kind a change's sign says when `kind` is not given."""
    given = [name for name, v in (("--change", change), ("--growth", growth), ("--cumulative", cumulative),
                                  ("--each", each)) if v]
    if len(given) > 1:
        raise InputError(_('{items} do not go together: a target has one form').format(items=' and '.join(given)))
    if (change is not None or growth is not None) and target is not None:
        raise InputError(_('{value} is the target: give it or --target, not both').format(
            value='--change' if change is not None else '--growth'))
    f: dict = {}
    if change is not None:
        change, f["qualifier"] = _qualified(change, "change")
        how, amount, written = parse_change(change, unit)
        f.update(form="change", change=how, target=amount)
        if kind is None:
            f["kind"] = "increase" if amount > 0 else "decrease"
        if unit is None and written is not None:
            f["unit"] = written
    if growth is not None:
        growth, f["qualifier"] = _qualified(growth, "growth")
        q = _quantity(growth, "growth")
        if q.unit not in ("", "%"):
            raise InputError(_('{growth}: an average growth rate is a percentage a year, e.g. 7%').format(
                growth=repr(growth)), field="growth")
        f.update(form="growth", target=clean(q.number))
    if cumulative:
        f["form"] = "cumulative"
    if each is not None:
        from .dates import parse_frequency

        try:
            f["each"] = parse_frequency(each)
        except InputError as e:
            raise InputError(str(e), field="each") from None
    return f


class Levels:
    """The value in effect on each day of a target, kept up to date as values
    are added: what an increment (--by) adds to and a year-on-year change
    (--yoy) is measured from. An import adds many values to one target, so
    each lookup is a bisection, not a scan."""

    def __init__(self, t: Target):
        self.days = [p.day for p in t.series]
        self.values = {p.day: p.value for p in t.series}
        self.baseline = t.baseline          # what an increment adds to before any value (dated or not)
        self.base = baseline_point(t)       # the baseline as a dated point, for a year-on-year change

    def add(self, o: Observation) -> None:
        day = o.date.last
        if day not in self.values:
            insort(self.days, day)
        self.values[day] = o.value  # recorded later: in effect

    def latest(self, day) -> Decimal | None:
        """The latest value on or before `day`, else the baseline (model.latest_level, kept up to date)."""
        k = bisect_right(self.days, day)
        return self.values[self.days[k - 1]] if k else self.baseline

    def on(self, day, dated_only: bool = False) -> Decimal | None:
        """The value for exactly `day` (a period ending that day), or the baseline dated that day."""
        if day in self.values:
            return self.values[day]
        if dated_only:
            return None
        return self.base.value if self.base and self.base.day == day else None


def observe(t: Target, text: str, when: Period, today: date, recorded_at: str,
            note: str | None = None, source: str | None = None, *, how: str = "level",
            levels: Levels | None = None, by: str | None = None) -> Observation:
    """The observation `text` records for `t` on `when`, checked.

    how="level": `text` is the value itself (a sign is part of it: -0.5%).
    how="by": `text` is an increment on the latest value on or before `when`.
    how="yoy": `text` is a change in percent on the value for the same period
    a year earlier (as communiqués write 比上年下降2.7%).
    """
    if how == "level" or t.spec.boolean:
        if how != "level":
            raise InputError(_("{id} is a milestone; give 'done' or 'undone', not a change").format(id=t.id), field=how)
        level = read_value(t, text)
    elif how == "yoy" and _POINTS.search(normalize_text(text).strip()):
        level = _after_points(t, text, when, levels or Levels(t))
    elif how == "yoy" and t.form in ("change", "growth"):
        # Kept as given and chained when judged (forms.py): a change target's
        # base may be an index, with no level to derive from.
        return _checked(t, Observation(when, _yoy_percent(text), recorded_at, note, source, "yoy", by), today)
    elif how == "by" and t.form in ("change", "growth"):
        raise InputError(_('{id} is a {form} target: record the level, or the change on the year before '
                            'with --yoy').format(
                        id=t.id, form=t.form), field="by")
    elif how == "by" and t.form == "cumulative":
        # A running total's values are amounts per period: --by adds to the amount for this period.
        amount = amount_in(text, t.unit, "by")
        level = clean((levels or Levels(t)).on(when.last, dated_only=True) or 0) + amount
        level = clean(level)
    elif how == "by":
        amount = amount_in(text, t.unit, "by")
        previous = (levels or Levels(t)).latest(when.last)
        if previous is None:
            raise InputError(_("{id} has no earlier value or baseline to add {text} to; give the level itself").format(
            id=t.id, text=repr(text)),
                             field="by")
        level = clean(previous + amount)
    elif how == "yoy":
        level = _after_yoy(t, text, when, levels or Levels(t))
    else:
        raise ValueError(f"unknown way to read a value: {how!r}")  # a bug, not a user error
    return _checked(t, Observation(when, level, recorded_at, note, source, None, by), today)


def _checked(t: Target, o: Observation, today: date) -> Observation:
    try:
        return validate_observation(t, o, today)
    except InputError as e:
        raise InputError(str(e), field=e.field or "date") from None


def _yoy_percent(text: str) -> Decimal:
    q = _quantity(text, "yoy")
    if q.unit not in ("", "%"):
        raise InputError(_('{text}: a year-on-year change is a percentage, e.g. -2.7% or 5.2%').format(
            text=repr(text)), field="yoy")
    if q.number <= -100:
        raise InputError(_('{text}: a fall of 100% or more leaves nothing to compare with').format(
            text=repr(text)), field="yoy")
    return clean(q.number)


def _after_yoy(t: Target, text: str, when: Period, levels: Levels) -> Decimal:
    q = Quantity(_yoy_percent(text), "%")
    try:
        before = year_before(when)
    except InputError as e:
        raise InputError(str(e), field="yoy") from None
    base = levels.on(before.last)
    if base is None:
        raise InputError(_('{id} has no value for {before} to apply {text} to; record the {before} level first').format(
            id=t.id, before=before, text=text),
                         field="yoy")
    with localcontext() as ctx:
        ctx.prec = 50  # exact for the digits people write: 100 x (1 - 2.7%) is 97.3
        return clean(base * (100 + q.number) / 100)


def _after_points(t: Target, text: str, when: Period, levels: Levels) -> Decimal:
    """A share's change on the year before in percentage points (比上年提高0.8个百分点, +0.8pp):
    the level is the share a year before plus the points."""
    if t.unit != "%":
        raise InputError(_('{text}: a change in percentage points is a change of a share; {id} is in {unit}, '
                           'so give the change in % (e.g. 5.2%)').format(text=repr(text), id=t.id,
                                                                         unit=t.unit or _('no unit')), field="yoy")
    points = _quantity(_POINTS.sub("", normalize_text(text).strip()).strip(), "yoy")
    if points.unit:
        raise InputError(_('{text}: a change in percentage points is a number, e.g. +0.8pp').format(
            text=repr(text)), field="yoy")
    try:
        before = year_before(when)
    except InputError as e:
        raise InputError(str(e), field="yoy") from None
    base = _level_on(t, before) if t.form else levels.on(before.last)
    if base is None:
        raise InputError(_('{id} has no value for {before} to apply {text} to; record the {before} level first').format(
            id=t.id, before=before, text=text), field="yoy")
    return clean(base + points.number)


def _level_on(t: Target, p: Period) -> Decimal | None:
    """The level recorded for period `p` (the later of two), or the baseline dated then;
    a year-on-year change kept as given (measure yoy) is not a level."""
    for o in reversed(t.observations):
        if o.date.last == p.last and o.measure is None:
            return o.value
    return t.baseline if t.baseline is not None and t.baseline_date and t.baseline_date.last == p.last else None


def change_unit(t: Target, unit: str, relabel: bool = False) -> Target:
    """The target in another unit: values converted (万元 -> 亿元), or only renamed with relabel."""
    if relabel:
        return replace(t, unit=unit)
    if not same_dimension(t.unit, unit):
        raise InputError(_('{value} cannot be converted to {unit}; pass --relabel to rename the unit without '
                            'converting the values').format(
            value=t.unit or _('no unit'), unit=unit), field="unit")

    def conv(v):
        return None if v is None else convert(v, t.unit, unit)

    # What is in the unit: the levels (the baseline, each value but a year-on-year change in %), and
    # the target where it is a level, a running total or a change in the unit (not a % or a rate).
    in_unit = t.form in (None, "cumulative") or (t.form == "change" and t.change == "absolute")
    return replace(
        t, unit=unit, target=conv(t.target) if in_unit else t.target, baseline=conv(t.baseline),
        observations=tuple(o if o.measure == "yoy" else o._replace(value=conv(o.value)) for o in t.observations),
    )


def edit(old: Target, fields: dict, *, unit: str | None = None, relabel: bool = False,
         target: str | None = None, baseline: str | None = None, unset=(), qualifier: Qualifier | None = None,
         by: str | None = None) -> Target:
    """`old` with `fields` changed (None: unchanged), the unit changed first so
    that `target` and `baseline` (as written) are read in the new unit, and
    the fields in `unset` cleared. Refuses an edit that changes nothing.
    New qualifier words replace the old ones (a new value without words
    keeps them) and, where no kind is given and the old one contradicts
    them, the kind follows them (kind_for)."""
    for name in unset:
        if name not in EDITABLE:
            raise InputError(_('{name} is not one of {items}').format(
                name=repr(name), items=', '.join(EDITABLE)), field="unset")
    t = old
    if unit is not None and unit != t.unit:
        t = change_unit(t, unit, relabel)
    kind = fields.get("kind")
    if kind and kind != t.kind and t.observations and (t.spec.boolean or KIND[kind].boolean):
        raise InputError(_("{id} has observations recorded as a {kind}; a milestone's and a level's values do not convert").format(
                        id=t.id, kind=t.kind), field="kind")
    source = fields.get("source") or {}
    changes = {k: v for k, v in fields.items() if v is not None and k != "source"}
    if target is not None:
        changes["target"] = amount_in(target, t.unit, "target")
    if baseline is not None:
        changes["baseline"] = amount_in(baseline, t.unit, "baseline")
    t = replace(t, **{k: v for k, v in changes.items() if v is not None})
    if qualifier is not None:
        t = replace(t, **qualifier_fields(qualifier))
        if qualifier.sense and not fields.get("kind") and t.form != "change" and \
                t.kind not in KINDS_OF[qualifier.sense]:
            t = replace(t, kind=kind_for(qualifier, form=t.form, each=t.each, deadline=t.deadline,
                                         baseline=t.baseline, target=t.target) or t.kind)
    if changes.get("form") in ("growth", "cumulative"):
        t = replace(t, change=None)  # the kind of change belongs to a change target only
    src = {k: v for k, v in source.items() if v is not None}
    for name in unset:
        if name in SOURCE_FIELDS:
            src[SOURCE_FIELDS[name]] = None
        elif name == "form":
            t = replace(t, form=None, change=None)
        elif name == "qualifier":
            t = replace(t, qualifier=None, approx=False)
        elif name == "at_deadline":
            t = replace(t, at_deadline=False)
        else:
            t = replace(t, **{name: () if name == "tags" else ("" if name == "unit" else None)})
    t = replace(t, source=replace(t.source, **src))
    if t == old:
        raise InputError(_("nothing to change: give at least one option (see 'targettrack edit --help')"))
    return validate(replace(t, edited_by=by) if by else t)



# --- corrections ---------------------------------------------------------------------
# Figures are revised: a second value for a day replaces the first (the one
# recorded later in the store's order counts; model.Target.index), and the
# first stays in the history, marked superseded.

def in_effect(t: Target) -> list[bool]:
    """For each observation, in store order: is it the value in effect for its day?"""
    last = {o.date.last: i for i, o in enumerate(t.observations)}
    return [last[o.date.last] == i for i, o in enumerate(t.observations)]


def replaced(t: Target, o: Observation) -> Observation | None:
    """The value in effect for `o`'s day that recording `o` replaces, if any."""
    return next((old for old in reversed(t.observations) if old.date.last == o.date.last), None)


def delete_period(t: Target, when) -> tuple[Target, tuple[Observation, ...]]:
    """`t` without its values for the day `when` ends on (corrections included)."""
    gone = tuple(o for o in t.observations if o.date.last == when.last)
    if not gone:
        raise InputError(_('{id} has no value for {when}').format(id=t.id, when=when), field="date")
    return replace(t, observations=tuple(o for o in t.observations if o.date.last != when.last)), gone


# --- plausibility -----------------------------------------------------------------------
# Warnings, not refusals: the value is recorded, and the analyst is told what
# looks like a slip of a magnitude, a date or a unit.

def plausibility(t: Target, o: Observation, text: str | None = None) -> list[str]:
    from .values import show_value

    warnings = []
    if t.spec.boolean:
        if text is not None and text.strip() in ("0", "1"):
            warnings.append(f"{t.id} is a milestone: {text.strip()!r} was read as "
                            f"{'done' if o.value else 'not done'}")
        return warnings
    points = t.series
    k = bisect_left(points, o.date.last, key=lambda p: p.day)  # the values dated before this one
    reference, what = (points[k - 1].value, "the previous value") if k else (t.baseline, "the baseline")
    if o.measure == "yoy":
        reference = None  # a change in % is not on the scale of the levels
    if reference and o.value and (abs(o.value) > 10 * abs(reference) or 10 * abs(o.value) < abs(reference)):
        big = abs(o.value) > abs(reference)
        message = {(True, "the previous value"): N_("{value} is more than 10 times the previous value ({reference}): "
                                                    "check the unit and the magnitude (万, 亿)"),
                   (False, "the previous value"): N_("{value} is less than a tenth of the previous value ({reference}): "
                                                     "check the unit and the magnitude (万, 亿)"),
                   (True, "the baseline"): N_("{value} is more than 10 times the baseline ({reference}): "
                                              "check the unit and the magnitude (万, 亿)"),
                   (False, "the baseline"): N_("{value} is less than a tenth of the baseline ({reference}): "
                                               "check the unit and the magnitude (万, 亿)")}[(big, what)]
        warnings.append(_(message).format(value=show_value(t, o.value), reference=show_value(t, reference)))
    starts = [(p, name) for p, name in ((t.baseline_date, "the baseline date"), (t.start, "the start")) if p]
    for p, name in starts:
        if o.date.last < p.first:
            warnings.append(f"{o.date} is before {name} ({p})")
            break
    if t.unit == "%" and o.value > 100 and o.measure is None:
        warnings.append(_("{value} is a share above 100%").format(value=show_value(t, o.value)))
    if t.form == "cumulative" and o.value < 0:
        warnings.append(f"{show_value(t, o.value)} is a negative amount: it lowers the running total "
                        f"(the values of {t.id} are amounts per period, not levels)")
    elif t.form is None and o.measure is None and k and _is_count(t.unit) and o.value < points[k - 1].value:
        warnings.append(_("{value} is less than the previous value ({reference}): a count of things built or brought "
                          "in does not usually fall").format(value=show_value(t, o.value),
                                                             reference=show_value(t, points[k - 1].value)))
    if o.measure == "yoy" and t.form in ("change", "growth"):
        try:
            before = year_before(o.date)
        except InputError:
            before = None
        known = {p.day for p in points} | ({t.baseline_date.last} if t.baseline_date else set())
        if before is not None and before.last not in known:
            warnings.append(f"{t.id} has no value for {before}: {o.date}'s change is chained once it has one")
    return warnings


# Units that count things that, once there, stay (家 companies, 个 sites, 种 drugs):
# a fall is more often a slip than news.
_COUNT_UNITS = {"家", "个", "种", "项", "座", "所", "台", "辆", "件", "款", "条", "处"}


def _is_count(unit: str) -> bool:
    return unit in _COUNT_UNITS
