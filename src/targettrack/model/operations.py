"""Changes to targets as plain functions: what `add`, `update`, `edit` and
`import` do to a target, apart from where the input came from.

Each function takes model values and text as people write it, applies every
rule (rules.validate, rules.validate_observation, the kind's value reader),
and returns new immutable targets; nothing here touches the store. An
InputError names the field at fault, and the entry point says where that
field was (errors.at).
"""

from __future__ import annotations

from bisect import bisect_right, insort
from datetime import date
from decimal import Decimal, localcontext

from ..util.errors import InputError
from ..util.frozen import replace
from ..util.i18n import _
from .dates import Period, year_before
from .kinds import KIND
from .planwords import POINTS, kind_for, qualifier_fields, read_quantity
from .qualifiers import KINDS_OF, Qualifier
from .quantity import (
    Quantity,
    clean,
    convert,
    fold_bare_magnitude,
    normalize_text,
    same_dimension,
    value_in_unit,
)
from .rules import validate, validate_observation
from .target import Observation, Target, baseline_point
from .values import read_value

EDITABLE = (
    "title_en",
    "tags",
    "owner",
    "baseline",
    "baseline_date",
    "start",
    "deadline",
    "unit",
    "method",
    "plan",
    "source",
    "source_url",
    "source_quote",
    "source_publisher",
    "source_date",
    "source_note",
    "form",
    "each",
    "binding",
    "frequency",
    "lag",
    "qualifier",
    "at_deadline",
)
SOURCE_FIELDS = {
    "source": "document",
    "source_url": "url",
    "source_quote": "quote",
    "source_publisher": "publisher",
    "source_date": "date",
    "source_note": "note",
}


def amount_in(text: str | None, unit: str, field: str):
    """A value as written (1000亿元, 两千五百万) in `unit`, or None."""
    if text is None:
        return None
    try:
        return value_in_unit(read_quantity(text, field), unit)
    except InputError as e:
        raise InputError(str(e), field=e.field if e.field == "unit" else field) from None


def target_and_unit(kind: str, target: str | None, unit: str | None) -> tuple[str, object]:
    """(unit, target value): the unit is `unit` if given, else the one written after the target (1000亿元)."""
    if kind in KIND and KIND[kind].boolean:
        if target is not None:
            raise InputError(_("a milestone is done or not done; it takes no target value"), field="target")
        return unit or "", None
    if target is None:
        return unit or "", None
    if unit is None:
        q = fold_bare_magnitude(read_quantity(target, "target"))
        return q.unit, clean(q.number)
    return unit, amount_in(target, unit, "target")


class Levels:
    """The value in effect on each day of a target, kept up to date as values
    are added: what an increment (--by) adds to and a year-on-year change
    (--yoy) is measured from. An import adds many values to one target, so
    each lookup is a bisection, not a scan."""

    def __init__(self, t: Target):
        self.days = [p.day for p in t.series]
        self.values = {p.day: p.value for p in t.series}
        self.baseline = t.baseline  # what an increment adds to before any value (dated or not)
        self.base = baseline_point(t)  # the baseline as a dated point, for a year-on-year change

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


def observe(
    t: Target,
    text: str,
    when: Period,
    *,
    today: date,
    recorded_at: str,
    note: str | None = None,
    source: str | None = None,
    how: str = "level",
    levels: Levels | None = None,
    by: str | None = None,
) -> Observation:
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
    elif how == "yoy" and POINTS.search(normalize_text(text).strip()):
        level = _after_points(t, text, when, levels=levels or Levels(t))
    elif how == "yoy" and t.form in ("change", "growth"):
        # Kept as given and chained when judged (forms.py): a change target's
        # base may be an index, with no level to derive from.
        return _checked(t, Observation(when, _yoy_percent(text), recorded_at, note, source, "yoy", by), today)
    elif how == "by" and t.form in ("change", "growth"):
        raise InputError(
            _("{id} is a {form} target: record the level, or the change on the year before with --yoy").format(
                id=t.id, form=t.form
            ),
            field="by",
        )
    elif how == "by" and t.form == "cumulative":
        # A running total's values are amounts per period: --by adds to the amount for this period.
        amount = amount_in(text, t.unit, "by")
        level = clean((levels or Levels(t)).on(when.last, dated_only=True) or 0) + amount
        level = clean(level)
    elif how == "by":
        amount = amount_in(text, t.unit, "by")
        previous = (levels or Levels(t)).latest(when.last)
        if previous is None:
            raise InputError(
                _("{id} has no earlier value or baseline to add {text} to; give the level itself").format(
                    id=t.id, text=repr(text)
                ),
                field="by",
            )
        level = clean(previous + amount)
    elif how == "yoy":
        level = _after_yoy(t, text, when, levels=levels or Levels(t))
    else:
        raise ValueError(f"unknown way to read a value: {how!r}")  # a bug, not a user error
    return _checked(t, Observation(when, level, recorded_at, note, source, None, by), today)


def _checked(t: Target, o: Observation, today: date) -> Observation:
    try:
        return validate_observation(t, o, today)
    except InputError as e:
        raise InputError(str(e), field=e.field or "date") from None


def _yoy_percent(text: str) -> Decimal:
    q = read_quantity(text, "yoy")
    if q.unit not in ("", "%"):
        raise InputError(
            _("{text}: a year-on-year change is a percentage, e.g. -2.7% or 5.2%").format(text=repr(text)), field="yoy"
        )
    if q.number <= -100:
        raise InputError(
            _("{text}: a fall of 100% or more leaves nothing to compare with").format(text=repr(text)), field="yoy"
        )
    return clean(q.number)


def _after_yoy(t: Target, text: str, when: Period, *, levels: Levels) -> Decimal:
    q = Quantity(_yoy_percent(text), "%")
    try:
        before = year_before(when)
    except InputError as e:
        raise InputError(str(e), field="yoy") from None
    base = levels.on(before.last)
    if base is None:
        raise InputError(
            _("{id} has no value for {before} to apply {text} to; record the {before} level first").format(
                id=t.id, before=before, text=text
            ),
            field="yoy",
        )
    with localcontext() as ctx:
        ctx.prec = 50  # exact for the digits people write: 100 x (1 - 2.7%) is 97.3
        return clean(base * (100 + q.number) / 100)


def _after_points(t: Target, text: str, when: Period, *, levels: Levels) -> Decimal:
    """A share's change on the year before in percentage points (比上年提高0.8个百分点, +0.8pp):
    the level is the share a year before plus the points."""
    if t.unit != "%":
        raise InputError(
            _(
                "{text}: a change in percentage points is a change of a share; {id} is in {unit}, "
                "so give the change in % (e.g. 5.2%)"
            ).format(text=repr(text), id=t.id, unit=t.unit or _("no unit")),
            field="yoy",
        )
    points = read_quantity(POINTS.sub("", normalize_text(text).strip()).strip(), "yoy")
    if points.unit:
        raise InputError(
            _("{text}: a change in percentage points is a number, e.g. +0.8pp").format(text=repr(text)), field="yoy"
        )
    try:
        before = year_before(when)
    except InputError as e:
        raise InputError(str(e), field="yoy") from None
    base = _level_on(t, before) if t.form else levels.on(before.last)
    if base is None:
        raise InputError(
            _("{id} has no value for {before} to apply {text} to; record the {before} level first").format(
                id=t.id, before=before, text=text
            ),
            field="yoy",
        )
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
        raise InputError(
            _(
                "{value} cannot be converted to {unit}; pass --relabel to rename the unit without converting the values"
            ).format(value=t.unit or _("no unit"), unit=unit),
            field="unit",
        )

    def conv(v):
        return None if v is None else convert(v, t.unit, unit)

    # What is in the unit: the levels (the baseline, each value but a year-on-year change in %), and
    # the target where it is a level, a running total or a change in the unit (not a % or a rate).
    in_unit = t.form in (None, "cumulative") or (t.form == "change" and t.change == "absolute")
    return replace(
        t,
        unit=unit,
        target=conv(t.target) if in_unit else t.target,
        baseline=conv(t.baseline),
        observations=tuple(o if o.measure == "yoy" else o._replace(value=conv(o.value)) for o in t.observations),
    )


def edit(
    old: Target,
    fields: dict,
    *,
    unit: str | None = None,
    relabel: bool = False,
    target: str | None = None,
    baseline: str | None = None,
    unset=(),
    qualifier: Qualifier | None = None,
    by: str | None = None,
) -> Target:
    """`old` with `fields` changed (None: unchanged), the unit changed first so
    that `target` and `baseline` (as written) are read in the new unit, and
    the fields in `unset` cleared. Refuses an edit that changes nothing.
    New qualifier words replace the old ones (a new value without words
    keeps them) and, where no kind is given and the old one contradicts
    them, the kind follows them (kind_for)."""
    for name in unset:
        if name not in EDITABLE:
            raise InputError(
                _("{name} is not one of {items}").format(name=repr(name), items=", ".join(EDITABLE)), field="unset"
            )
    t = old
    if unit is not None and unit != t.unit:
        t = change_unit(t, unit, relabel)
    kind = fields.get("kind")
    if kind and kind != t.kind and t.observations and (t.spec.boolean or KIND[kind].boolean):
        raise InputError(
            _("{id} has observations recorded as a {kind}; a milestone's and a level's values do not convert").format(
                id=t.id, kind=t.kind
            ),
            field="kind",
        )
    source = fields.get("source") or {}
    changes = {k: v for k, v in fields.items() if v is not None and k != "source"}
    if target is not None:
        changes["target"] = amount_in(target, t.unit, "target")
    if baseline is not None:
        changes["baseline"] = amount_in(baseline, t.unit, "baseline")
    t = replace(t, **{k: v for k, v in changes.items() if v is not None})
    if qualifier is not None:
        t = replace(t, **qualifier_fields(qualifier))
        if (
            qualifier.sense
            and not fields.get("kind")
            and t.form != "change"
            and t.kind not in KINDS_OF[qualifier.sense]
        ):
            t = replace(
                t,
                kind=kind_for(
                    qualifier, form=t.form, each=t.each, deadline=t.deadline, baseline=t.baseline, target=t.target
                )
                or t.kind,
            )
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
