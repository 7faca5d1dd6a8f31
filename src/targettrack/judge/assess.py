"""Status, projection and urgency of a target as of a date: pure functions, no I/O.

Three methods, as the field publishes them (docs/statuses.md, "How status is decided"):

* linear (OKRs, Destatis, Beeminder): R = progress / expected, with
  progress = (v_t - v_b) / (v_T - v_b) and expected = (A - b) / (T - b);
* cagr (Eurostat, Open SDG): R = d * CAGR_o / |CAGR_r|;
* projection (UN 2023): extrapolate the observed compound growth to the
  deadline, R = (v_e - v_b) / (v_T - v_b).

Linear arithmetic is exact (Fractions), so a ratio of exactly 0.95 is on
track and never 0.9499999 at risk. Compound growth needs real powers and
logarithms, so those methods use floats.
"""

from __future__ import annotations

from datetime import date

from ..model.dates import shift
from ..model.forms import as_levels
from ..model.settings import Settings
from ..model.target import Target
from ..model.timing import deadline_period, has_deadline_value, irregular, lag, next_due
from ..util.frozen import replace
from ..util.i18n import _, prose_date
from .assessment import AWAITABLE, DEFAULT_SETTINGS, Assessment
from .bykind import judge_each, judge_growth, judge_limit, judge_milestone, judge_trajectory


def assess(t: Target, as_of: date, settings: Settings | None = None, *, method: str | None = None) -> Assessment:
    """Judge `t` as of `as_of`. `method` overrides the target's and the store's.

    A value is judged at the end of its period, so with no new value the status
    does not change from day to day; after the deadline, a target whose value
    for the deadline's period is not recorded yet is awaiting data.
    """
    settings = settings or DEFAULT_SETTINGS
    method = method or t.method or settings.method
    days_left = (t.deadline.last - as_of).days if t.deadline else None
    if t.start and as_of < t.start.first:
        return Assessment(
            "not-started", as_of, method, days_left=days_left, reason=_("starts {start}").format(start=t.start)
        )
    judge = _judge(t)
    if t.form:
        t = as_levels(t)  # judged on what the form measures (forms.py), in the target's own periods
    a = judge(t, as_of, days_left, method, settings)
    return _in_time(t, judge, a, as_of=as_of, method=method, settings=settings)


def _judge(t: Target):
    if t.form == "growth":
        return judge_growth
    if t.each:
        return judge_each
    return ASSESSORS[t.kind]


def _in_time(t: Target, judge, a: Assessment, *, as_of: date, method: str, settings: Settings) -> Assessment:
    """`a` with what is due when: the next value awaited, whether it is overdue,
    and, past the deadline, awaiting-data until the deadline's value is in."""
    # Once achieved, or breached for good, no later value changes the status: nothing is awaited.
    due = None if a.status == "achieved" or a.settled else next_due(t, as_of, settings)
    timing = dict(
        data_due=due.day if due else None,
        data_awaited=due.period.label if due else None,
        stale=bool(due and as_of > due.day),
    )
    deadline = t.deadline.last if t.deadline else None
    if (
        deadline is None
        or as_of <= deadline
        or a.settled
        or a.status not in AWAITABLE
        or (irregular(t) and not t.spec.boolean)
    ):
        return replace(a, **timing) if due else a  # replace() costs: most targets await nothing
    if t.spec.boolean:
        # A milestone done on its deadline may be reported later: missed only once the lag has passed.
        until = shift(deadline, lag(t, settings))
        if as_of > until:
            return replace(a, **timing)
        return replace(
            a,
            status="awaiting-data",
            last_status="pending",
            data_due=until,
            data_awaited=str(t.deadline),
            stale=False,
            reason=_("not reported done by {deadline}; news due by {until}").format(
                deadline=t.deadline, until=prose_date(until)
            ),
        )
    if has_deadline_value(t, as_of):
        return replace(a, **timing)
    # Past the deadline, the value awaited is the deadline period's, whatever came before it.
    period = deadline_period(t)
    due_day = shift(period.last, lag(t, settings))
    timing = dict(data_due=due_day, data_awaited=period.label, stale=as_of > due_day)
    before = judge(t, deadline, 0, method, settings)
    last = before.last_period or (str(before.current_date) if before.current_date else None)
    shown = {
        "on-track": _("on course"),
        "at-risk": _("at risk"),
        "off-track": _("off course"),
        "no-data": _("too few values to judge"),
    }.get(before.status, _(before.status))
    overdue = (_("; {period} data due since {day}") if as_of > due_day else _("; {period} data due {day}")).format(
        period=period, day=prose_date(due_day)
    )
    return replace(
        before,
        status="awaiting-data",
        as_of=as_of,
        days_left=a.days_left,
        last_status=before.status,
        reason=_("{period} value not recorded yet; {shown} as of {last}").format(period=period, shown=shown, last=last)
        + overdue,
        **timing,
    )


# How each kind is judged (tests/test_kinds.py checks every kind has one).
# Called through this table with one signature, positionally: (t, as_of,
# days_left, method, settings), so those five are not keyword-only.
ASSESSORS = {
    "increase": judge_trajectory,
    "decrease": judge_trajectory,
    "cap": judge_limit,
    "floor": judge_limit,
    "milestone": judge_milestone,
}


def timeline(
    t: Target, as_of: date, settings: Settings | None = None, *, method: str | None = None
) -> list[Assessment]:
    """The status at each observation date and each year end since the start, up to `as_of`."""
    days = {o.date.last for o in t.observations if o.date.last <= as_of}
    anchors = [d for d in (t.start.first if t.start else None, t.baseline_date.last if t.baseline_date else None) if d]
    anchors += sorted(days)[:1]
    first = min(anchors) if anchors else as_of
    days |= {date(y, 12, 31) for y in range(first.year, as_of.year + 1) if first <= date(y, 12, 31) <= as_of}
    days.add(as_of)
    return [assess(t, d, settings, method=method) for d in sorted(days)]
