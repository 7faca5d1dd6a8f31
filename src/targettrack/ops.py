"""Changes to targets as plain functions: what `add`, `update`, `edit` and
`import` do to a target, apart from where the input came from.

Each function takes model values and text as people write it, applies every
rule (model.validate, model.validate_observation, the kind's value reader),
and returns new immutable targets; nothing here touches the store. An
InputError names the field at fault, and the entry point says where that
field was (errors.at).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from datetime import date

from .dates import Period
from .errors import InputError
from .kinds import KIND
from .model import Observation, Target, latest_level, validate, validate_observation
from .quantity import (Quantity, clean, convert, fold_bare_magnitude, parse_quantity, same_dimension,
                       value_in_unit)
from .values import read_value

# Fields `edit --unset` clears; source_* are the fields of the source.
EDITABLE = ("title_en", "tags", "owner", "baseline", "baseline_date", "start", "deadline", "unit", "method", "plan",
            "source", "source_url", "source_quote", "source_publisher", "source_date", "source_note")
SOURCE_FIELDS = {"source": "document", "source_url": "url", "source_quote": "quote",
                 "source_publisher": "publisher", "source_date": "date", "source_note": "note"}


def _quantity(text: str, field: str, allow_relative: bool = False) -> Quantity:
    try:
        return parse_quantity(text, allow_relative=allow_relative)
    except InputError as e:
        raise InputError(str(e), field=field) from None


def amount_in(text: str | None, unit: str, field: str):
    """A value as written (1000亿元, 两千五百万) in `unit`, or None."""
    if text is None:
        return None
    try:
        return value_in_unit(_quantity(text, field), unit)
    except InputError as e:
        raise InputError(str(e), field=field) from None


def target_and_unit(kind: str, target: str | None, unit: str | None) -> tuple[str, object]:
    """(unit, target value): the unit is `unit` if given, else the one written after the target (1000亿元)."""
    if kind in KIND and KIND[kind].boolean:
        if target is not None:
            raise InputError("a milestone is done or not done; it takes no target value", field="target")
        return unit or "", None
    if target is None:
        return unit or "", None
    if unit is None:
        q = fold_bare_magnitude(_quantity(target, "target"))
        return q.unit, clean(q.number)
    return unit, amount_in(target, unit, "target")


def observe(t: Target, text: str, when: Period, today: date, recorded_at: str,
            note: str | None = None, source: str | None = None, *, allow_change: bool = False) -> Observation:
    """The observation `text` records for `t` on `when`, checked.

    With allow_change, `+3` / `-2` is a change from the latest level (the
    command line's increment); otherwise a sign is part of the level.
    """
    if allow_change and not t.spec.boolean:
        q = _quantity(text, "value", allow_relative=True)
        try:
            level = value_in_unit(Quantity(q.number, q.unit), t.unit)
        except InputError as e:
            raise InputError(str(e), field="value") from None
        if q.relative:
            previous = latest_level(t, when.last)
            if previous is None:
                raise InputError(f"{text!r} is a change, but {t.id} has no earlier value or baseline to change; "
                                 "give the level itself", field="value")
            level = clean(previous + level)
    else:
        level = read_value(t, text)
    o = Observation(when, level, recorded_at, note, source)
    try:
        return validate_observation(t, o, today)
    except InputError as e:
        raise InputError(str(e), field=e.field or "date") from None


def change_unit(t: Target, unit: str, relabel: bool = False) -> Target:
    """The target in another unit: values converted (万元 -> 亿元), or only renamed with relabel."""
    if relabel:
        return replace(t, unit=unit)
    if not same_dimension(t.unit, unit):
        raise InputError(f"{t.unit or 'no unit'} cannot be converted to {unit}; "
                         "pass --relabel to rename the unit without converting the values", field="unit")

    def conv(v):
        return None if v is None else convert(v, t.unit, unit)

    return replace(
        t, unit=unit, target=conv(t.target), baseline=conv(t.baseline),
        observations=tuple(o._replace(value=conv(o.value)) for o in t.observations),
    )


def edit(old: Target, fields: dict, *, unit: str | None = None, relabel: bool = False,
         target: str | None = None, baseline: str | None = None, unset=()) -> Target:
    """`old` with `fields` changed (None: unchanged), the unit changed first so
    that `target` and `baseline` (as written) are read in the new unit, and
    the fields in `unset` cleared. Refuses an edit that changes nothing."""
    for name in unset:
        if name not in EDITABLE:
            raise InputError(f"{name!r} is not one of {', '.join(EDITABLE)}", field="unset")
    t = old
    if unit is not None and unit != t.unit:
        t = change_unit(t, unit, relabel)
    kind = fields.get("kind")
    if kind and kind != t.kind and t.observations and (t.spec.boolean or KIND[kind].boolean):
        raise InputError(f"{t.id} has observations recorded as a {t.kind}; "
                         "a milestone's and a level's values do not convert", field="kind")
    source = fields.pop("source", None) or {}
    changes = {k: v for k, v in fields.items() if v is not None}
    changes["target"] = amount_in(target, t.unit, "target")
    changes["baseline"] = amount_in(baseline, t.unit, "baseline")
    t = replace(t, **{k: v for k, v in changes.items() if v is not None})
    src = {k: v for k, v in source.items() if v is not None}
    for name in unset:
        if name in SOURCE_FIELDS:
            src[SOURCE_FIELDS[name]] = None
        else:
            t = replace(t, **{name: () if name == "tags" else ("" if name == "unit" else None)})
    t = replace(t, source=replace(t.source, **src))
    if t == old:
        raise InputError("nothing to change: give at least one option (see 'targettrack edit --help')")
    return validate(t)



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
        raise InputError(f"{t.id} has no value for {when}", field="date")
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
    if reference and o.value and (abs(o.value) > 10 * abs(reference) or 10 * abs(o.value) < abs(reference)):
        size = "more than 10 times" if abs(o.value) > abs(reference) else "less than a tenth of"
        warnings.append(f"{show_value(t, o.value)} is {size} {what} ({show_value(t, reference)}): "
                        "check the unit and the magnitude (万, 亿)")
    starts = [(p, name) for p, name in ((t.baseline_date, "the baseline date"), (t.start, "the start")) if p]
    for p, name in starts:
        if o.date.last < p.first:
            warnings.append(f"{o.date} is before {name} ({p})")
            break
    if t.unit == "%" and o.value > 100:
        warnings.append(f"{show_value(t, o.value)} is a share above 100%")
    return warnings
