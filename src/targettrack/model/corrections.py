"""Values as statistics are revised: which of a target's values are in effect
(a second value for a period replaces the first), deleting a period's
values, and whether a new value is plausible beside the others (a warning,
never a refusal).
"""

from __future__ import annotations

from bisect import bisect_left

from ..util.errors import InputError
from ..util.frozen import replace
from ..util.i18n import N_, _
from .dates import year_before
from .target import Observation, Target
from .values import show_value

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
        raise InputError(_("{id} has no value for {when}").format(id=t.id, when=when), field="date")
    return replace(t, observations=tuple(o for o in t.observations if o.date.last != when.last)), gone


# --- plausibility -----------------------------------------------------------------------
# Warnings, not refusals: the value is recorded, and the analyst is told what
# looks like a slip of a magnitude, a date or a unit.


def plausibility(t: Target, o: Observation, text: str | None = None) -> list[str]:
    warnings = []
    if t.spec.boolean:
        if text is not None and text.strip() in ("0", "1"):
            warnings.append(f"{t.id} is a milestone: {text.strip()!r} was read as {'done' if o.value else 'not done'}")
        return warnings
    points = t.series
    k = bisect_left(points, o.date.last, key=lambda p: p.day)  # the values dated before this one
    reference, what = (points[k - 1].value, "the previous value") if k else (t.baseline, "the baseline")
    if o.measure == "yoy":
        reference = None  # a change in % is not on the scale of the levels
    if reference and o.value and (abs(o.value) > 10 * abs(reference) or 10 * abs(o.value) < abs(reference)):
        big = abs(o.value) > abs(reference)
        message = {
            (True, "the previous value"): N_(
                "{value} is more than 10 times the previous value ({reference}): "
                "check the unit and the magnitude (万, 亿)"
            ),
            (False, "the previous value"): N_(
                "{value} is less than a tenth of the previous value ({reference}): "
                "check the unit and the magnitude (万, 亿)"
            ),
            (True, "the baseline"): N_(
                "{value} is more than 10 times the baseline ({reference}): check the unit and the magnitude (万, 亿)"
            ),
            (False, "the baseline"): N_(
                "{value} is less than a tenth of the baseline ({reference}): check the unit and the magnitude (万, 亿)"
            ),
        }[(big, what)]
        warnings.append(_(message).format(value=show_value(t, o.value), reference=show_value(t, reference)))
    starts = [(p, name) for p, name in ((t.baseline_date, "the baseline date"), (t.start, "the start")) if p]
    for p, name in starts:
        if o.date.last < p.first:
            warnings.append(f"{o.date} is before {name} ({p})")
            break
    if t.unit == "%" and o.value > 100 and o.measure is None:
        warnings.append(_("{value} is a share above 100%").format(value=show_value(t, o.value)))
    if t.form == "cumulative" and o.value < 0:
        warnings.append(
            f"{show_value(t, o.value)} is a negative amount: it lowers the running total "
            f"(the values of {t.id} are amounts per period, not levels)"
        )
    elif t.form is None and o.measure is None and k and _is_count(t.unit) and o.value < points[k - 1].value:
        warnings.append(
            _(
                "{value} is less than the previous value ({reference}): a count of things built or brought "
                "in does not usually fall"
            ).format(value=show_value(t, o.value), reference=show_value(t, points[k - 1].value))
        )
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
