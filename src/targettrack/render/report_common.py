"""Phrases shared by the report formats: how far behind, when, what changed."""

from __future__ import annotations

from ..judge.assessment import Assessment
from ..model.target import Observation, Target
from ..model.values import show_value
from ..report.summary import Facts, how_far_from, labelled, needs_attention
from ..util.i18n import _, prose_date
from .cells import amount, current_cell, difference, title_of


def status_label(t: Target, a: Assessment) -> str:
    """The status, with "binding" for a binding (约束性) target: the ones a government answers for."""
    return labelled(a.status, t.binding)


def how_far(t: Target, a: Assessment) -> str:
    """One phrase: where the target stands against where it should be."""
    return how_far_from(how_far_parts(t, a), a.buffer_days, a.days_left)


def past_deadline(t: Target, a: Assessment) -> bool:
    return t.deadline is not None and a.as_of > t.deadline.last


def how_far_parts(t: Target, a: Assessment) -> tuple[str, ...]:
    """`how_far` but for its count of days (the safety buffer, which moves
    with the date while the rest holds between two change days, digest.py):
    what a report kept from the day before (rowcache.py) draws again."""
    stale = (
        _("; {period} data due since {day}").format(period=a.data_awaited, day=prose_date(a.data_due))
        if a.stale
        else ""
    )
    if a.status == "no-data" and past_deadline(t, a):
        return "deadline", t.deadline.label
    if (
        a.status in ("missed", "breached", "awaiting-data")
        or a.expected_value is None
        or a.current is None
        or a.method != "linear"
        or a.progress is None
    ):
        # The straight line is the linear method's measure: another method says where it stands in its own words.
        return (a.reason + (stale if a.status != "awaiting-data" else ""),)
    unit = t.measured_unit
    gap = abs(float(a.expected_value) - float(a.current))
    # A value is judged at the end of its period (assess.py): "expected then", not now; ahead or behind
    # by the same exact comparison as the ratio R = progress / expected.
    when = a.last_period or (a.current_date.isoformat() if a.current_date else _("now"))
    side = "ahead" if a.progress >= a.expected else "behind"
    return current_cell(t, a), when, amount(a.expected_value, unit), difference(gap, unit), side, stale


def projected(t: Target, a: Assessment) -> str:
    if t.spec.shape != "path" or a.status in ("achieved", "awaiting-data", "no-data") or t.form == "growth" or t.each:
        return "-"
    if a.projected_date:
        return a.projected_date.isoformat()
    return _("no trend yet") if a.observed_rate is None else _("not on the current trend")


def because(change) -> str:
    """Why a status changed, when new values did it: '2025 value 60.1% entered 2026-11-24'."""
    shown = [
        _("{period} value {value} entered {day}").format(
            period=o.date.label, value=show_value(change.target, o.value, o.measure), day=o.recorded_at[:10]
        )
        for o in change.entered[-2:]
    ]
    more = len(change.entered) - len(shown)
    return _("; ").join(shown) + (_(" (and {n} more)").format(n=more) if more > 0 else "")


def observation_value(t: Target, o: Observation) -> str:
    return show_value(t, o.value, o.measure)


def facts(t: Target, a: Assessment) -> Facts:
    """What the text and Markdown sections show of `t` judged as `a`."""
    attention = needs_attention(a.status, a.stale, past_deadline(t, a))
    return Facts(
        t.id,
        title_of(t),
        a.status,
        t.binding,
        t.deadline.label if t.deadline else "-",
        t.deadline.last if t.deadline else None,
        a.days_left,
        projected(t, a) if attention else "",
        how_far(t, a) if attention else "",
        a.achieved_date,
        a.buffer_days,
        (t, a),
    )
