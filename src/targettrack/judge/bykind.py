"""How each kind of target is judged as of a date: a level to reach or a
limit not to cross, a milestone, a bound in every period, an average
growth; the status with its reason in words. assess.py chooses among them.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from ..model.dates import period_of, shift
from ..model.quantity import format_difference, format_quantity
from ..model.settings import Settings
from ..model.target import DONE, Point, Target, baseline_point
from ..model.timing import deadline_period, frequency, has_deadline_value
from ..util.i18n import N_, _, listing, prose_date
from .assessment import YEAR, Assessment, cagr_undefined, compound_rate, days_after, open_sdg_score, percent, project


def judge_milestone(t: Target, as_of: date, days_left: int | None, method: str, settings: Settings) -> Assessment:
    idx = t.index
    k = idx.upto(as_of)
    # Done since the first 'done' after the last 'not done' on or before as_of.
    last_not_done = idx.last_other(k, DONE)
    done_since = idx.points[last_not_done + 1].day if last_not_done + 1 < k else None
    current = idx.points[k - 1] if k else None
    common = dict(
        current=current.value if current else None,
        current_date=current.day if current else None,
        days_left=days_left,
        progress=Fraction(1) if done_since else Fraction(0),
    )
    deadline = t.deadline.last if t.deadline else None
    if done_since and (deadline is None or done_since <= deadline):
        ahead = (deadline - done_since).days if deadline else None
        return Assessment(
            "achieved",
            as_of,
            method,
            achieved_date=done_since,
            projected_date=done_since,
            achieved_ahead_days=ahead,
            score=5.0,
            reason=_("done on {day}").format(day=prose_date(done_since)),
            **common,
        )
    if deadline and as_of > deadline:
        late = _("; done late, on {day}").format(day=prose_date(done_since)) if done_since else ""
        return Assessment(
            "missed",
            as_of,
            method,
            achieved_date=done_since,
            score=-5.0,
            reason=_("not done by {deadline}").format(deadline=t.deadline) + late,
            **common,
        )
    return Assessment(
        "pending",
        as_of,
        method,
        reason=_("not done yet") + (_("; due {deadline}").format(deadline=t.deadline) if deadline else ""),
        **common,
    )


def judge_limit(t: Target, as_of: date, days_left: int | None, method: str, settings: Settings) -> Assessment:
    # A standing ceiling or floor is a compliance check, not a trajectory:
    # judged by the latest value (up to the deadline, if it has one).
    cutoff = min(as_of, t.deadline.last) if t.deadline else as_of
    k = t.index.upto(cutoff)
    if not k:
        return Assessment("no-data", as_of, method, days_left=days_left, reason=_("no value recorded yet"))
    last = t.index.points[k - 1]
    ok = t.spec.reached(last.value, t.target)
    word = t.spec.limit_word
    return Assessment(
        "within" if ok else "breached",
        as_of,
        method,
        current=last.value,
        current_date=last.day,
        days_left=days_left,
        score=5.0 if ok else -5.0,
        last_period=period_label(t, last.day),
        reason=_("latest {value}, {limit} allowed").format(
            value=format_quantity(last.value, t.unit),
            limit=f"{_(word) if word else ''} {format_quantity(t.target, t.unit)}",
        ),
    )


class _Measures(NamedTuple):
    ratio: Fraction | float | None
    projected_date: date | None
    projected_value: Fraction | float | None
    method: str
    reason: str
    note: str


def _linear(t, start, latest, *, pts, progress, expected, ratio, direction, slope) -> _Measures:
    deadline = t.deadline.last
    value = None
    if slope is not None and latest is not None:
        value = float(latest.value) + float(slope) * (deadline - latest.day).days
    when = project(pts, t.target, direction, slope=slope) if latest and slope is not None else None
    reason = _("{progress} of the way, {expected} of the time gone").format(
        progress=percent(progress), expected=percent(expected)
    )
    return _Measures(ratio, when, value, "linear", reason, "")


def _compound(t, start, latest, *, g: float, direction: int) -> tuple[date | None, float]:
    deadline = t.deadline.last
    try:
        value = float(latest.value) * (1 + g) ** ((deadline - latest.day).days / YEAR)
    except OverflowError:  # a jump over a few days, compounded for years
        value = math.inf
    when = None
    # A compound trend never reaches zero or crosses it: no date for a target there.
    if g * direction > 0 and g > -1 and t.target > 0:
        years = math.log(float(t.target) / float(latest.value)) / math.log(1 + g)
        when = days_after(latest.day, years * YEAR)
    return when, value


def _method_measures(t, method, start, *, latest, pts, progress, expected, ratio_linear, direction, slope) -> _Measures:
    linear = _linear(
        t,
        start,
        latest,
        pts=pts,
        progress=progress,
        expected=expected,
        ratio=ratio_linear,
        direction=direction,
        slope=slope,
    )
    if method == "linear" or latest is None:
        return _Measures(
            linear.ratio,
            linear.projected_date,
            linear.projected_value,
            "linear" if method == "linear" else method,
            linear.reason,
            "",
        )
    deadline = t.deadline.last
    g = compound_rate(start, latest)
    if method == "cagr":
        g_r = compound_rate(start, Point(deadline, t.target))
        if g is None or not g_r:
            note = _("CAGR is undefined ({why}), so assessed with linear").format(
                why=cagr_undefined(start, latest, t.target)
            )
            return _Measures(linear.ratio, linear.projected_date, linear.projected_value, "linear", linear.reason, note)
        r = direction * g / abs(g_r)
        when, value = _compound(t, start, latest, g=g, direction=direction)
        value = value if math.isfinite(value) else None
        reason = _("changing {rate} a year, needs {needed} (ratio {ratio})").format(
            rate=f"{g * 100:+.1f}%", needed=f"{g_r * 100:+.1f}%", ratio=f"{r:.2f}"
        )
        return _Measures(r, when, value, "cagr", reason, "")
    # projection (UN 2023): where is the observed compound trend at the deadline?
    note = ""
    if g is None:
        note = _("CAGR is undefined ({why}), so extrapolated linearly").format(
            why=cagr_undefined(start, latest, t.target)
        )
        when, value = linear.projected_date, linear.projected_value
        if value is None:
            return _Measures(None, None, None, "projection", _("needs two values to extrapolate"), note)
    else:
        when, value = _compound(t, start, latest, g=g, direction=direction)
    if not math.isfinite(value):
        note = _("the compound trend grows without bound (a large change over a short time)")
        return _Measures(math.inf, when, None, "projection", _("on its trend it passes the target"), note)
    if float(t.target) == float(start.value):
        return _Measures(None, when, value, "projection", _("the target equals the base value"), note)
    r = (float(value) - float(start.value)) / (float(t.target) - float(start.value))
    reason = _("on its trend it reaches {value} by the deadline, {progress} of the way").format(
        value=format_quantity(Decimal(str(round(float(value), 2))), t.unit), progress=percent(r)
    )
    return _Measures(r, when, value, "projection", reason, note)


def _reached_on(t: Target, as_of: date, base, *, first: int, seen: int) -> date | None:
    """The day `t` reached its target, among the points judged (None: not yet)."""
    idx = t.index
    series = idx.points
    if t.at_deadline:
        # Only the deadline period's value settles it: an earlier one at the target is ahead, not achieved.
        closing = deadline_period(t).last
        k = idx.upto(closing)
        if closing <= as_of and k and series[k - 1].day == closing and t.spec.reached(series[k - 1].value, t.target):
            return closing
        return None
    if base and t.spec.reached(base.value, t.target):
        return base.day
    j = idx.first(first, lambda v: t.spec.reached(v, t.target))
    return series[j].day if j is not None and j < seen else None


def _buffer_days(progress: Fraction, start, latest, *, deadline: date) -> int | None:
    """Beeminder's safety buffer: the day the straight line from the base to
    the target reaches the latest value, less that value's day (exact
    floor). Taken where the status is judged, at the end of the latest
    value's period, not at today: its sign is the sign of R - 1 (R >= 1:
    ahead, or on the line), and it does not count down day by day while the
    next communiqué is awaited (that is `stale`)."""
    shift = progress.numerator * (deadline - start.day).days // progress.denominator
    try:
        return (start.day + timedelta(days=shift) - latest.day).days
    except OverflowError:
        return None


def _missed(t: Target, as_of: date, m, *, reached, closing, buffer, bands, common: dict) -> Assessment:
    """Past the deadline and not reached by it: missed, with what it fell short by."""
    shortfall = t.spec.direction * (t.target - closing.value) if closing else None
    if reached:
        why = _("reached late, on {day}").format(day=prose_date(reached))
    elif shortfall is not None:
        why = _("{period}: {value}, {gap} short").format(
            period=period_label(t, closing.day),
            value=format_quantity(closing.value, t.unit),
            gap=format_difference(shortfall, t.unit),
        )
    else:
        why = _("no value was recorded by the deadline")
    return Assessment(
        "missed",
        as_of,
        m.method,
        achieved_date=reached,
        ratio=m.ratio,
        shortfall=shortfall,
        projected_value=m.projected_value,
        projected_date=m.projected_date,
        buffer_days=buffer,
        score=open_sdg_score(m.ratio, bands),
        reason=_("not reached by {deadline}; {why}").format(deadline=t.deadline, why=why),
        note=m.note,
        **common,
    )


def _on_course(t: Target, as_of: date, m, *, latest, buffer, bands, common: dict) -> Assessment:
    """Before the deadline, with a ratio: the band's status, and what is still to do a year."""
    deadline = t.deadline.last
    required = None
    if latest is not None and latest.day < deadline:
        # From the latest value, as the status: what is still to do from there, a year.
        required = (float(t.target) - float(latest.value)) / (deadline - latest.day).days * YEAR
    note = m.note or ("" if m.projected_date else _("not reached on the current trend (flat or moving away)"))
    reason = m.reason
    if t.at_deadline and latest is not None and t.spec.reached(latest.value, t.target):
        # A flow stated for the deadline's year: this year's value at the target is ahead, not achieved.
        reason = _("ahead: {value} in {period}, {target} needed in {deadline}").format(
            value=format_quantity(latest.value, t.unit),
            period=common["last_period"] or latest.day,
            target=format_quantity(t.target, t.unit),
            deadline=t.deadline,
        )
    return Assessment(
        bands.status(m.ratio),
        as_of,
        m.method,
        ratio=m.ratio,
        projected_date=m.projected_date,
        projected_value=m.projected_value,
        required_rate=required,
        buffer_days=buffer,
        score=open_sdg_score(m.ratio, bands),
        reason=reason,
        note=note,
        **common,
    )


def _progress(t: Target, start, latest, *, deadline: date) -> tuple[Fraction | None, Fraction | None, Fraction | None]:
    """The share of the way gone at the latest value, the share of the time
    gone then, and their ratio (None where there is nothing to compare)."""
    if latest is None or t.target == start.value:
        return None, None, None
    progress = Fraction(latest.value - start.value) / Fraction(t.target - start.value)
    # Judged at the end of the latest value's period, not at today: a
    # yearly value says where the target stood on 31 December, and the
    # status must not decay every day until the next communiqué.
    span, gone = (deadline - start.day).days, (latest.day - start.day).days
    expected = Fraction(gone, span) if 0 < gone < span else Fraction(1 if gone >= span else 0)
    return progress, expected, progress / expected if expected > 0 else None


def _expected_value(t: Target, start, expected: Fraction | None) -> float | None:
    """Where the straight line from the start to the target stands at `expected` of the time."""
    if expected is None:
        return None
    return float(start.value) + float(expected) * (float(t.target) - float(start.value))


def judge_trajectory(t: Target, as_of: date, days_left: int | None, method: str, settings: Settings) -> Assessment:
    direction = t.spec.direction
    deadline = t.deadline.last
    base = baseline_point(t)
    if base and base.day > as_of:
        base = None  # a baseline dated after the as-of date is not known yet
    # The points judged are the baseline and the observations after its day,
    # up to as_of: series[first:seen] of the index (never copied: see SeriesIndex).
    idx = t.index
    series = idx.points
    seen = idx.upto(as_of)
    first = min(idx.upto(base.day), seen) if base else 0
    reached = _reached_on(t, as_of, base, first=first, seen=seen)
    current = series[seen - 1] if seen else None
    # A deadline already past is judged as of the deadline.
    judged = min(as_of, deadline)
    upto_judged = max(idx.upto(judged), first)
    judged_base = base if base and base.day <= judged else None
    pts_last = series[upto_judged - 1] if upto_judged > first else judged_base
    start = base or (series[first] if seen > first else None)
    latest = pts_last if pts_last and start and pts_last.day > start.day else None
    progress, expected, ratio_linear = _progress(t, start, latest, deadline=deadline)
    slope = idx.slope(judged_base, first, upto_judged)
    pts = [pts_last] if pts_last else []  # the measures need only the latest point judged
    m = _method_measures(
        t,
        method,
        start,
        latest=latest,
        pts=pts,
        progress=progress,
        expected=expected,
        ratio_linear=ratio_linear,
        direction=direction,
        slope=slope,
    )
    buffer = _buffer_days(progress, start, latest, deadline=deadline) if progress is not None else None
    common = dict(
        current=current.value if current else None,
        current_date=current.day if current else None,
        last_period=period_label(t, pts_last.day) if pts_last and pts_last is not judged_base else None,
        days_left=days_left,
        progress=progress,
        expected=expected,
        observed_rate=float(slope) * YEAR if slope is not None else None,
        expected_value=_expected_value(t, start, expected),
    )
    if reached and reached <= deadline:
        return Assessment(
            "achieved",
            as_of,
            m.method,
            achieved_date=reached,
            projected_date=reached,
            achieved_ahead_days=(deadline - reached).days,
            ratio=m.ratio,
            score=5.0,
            reason=_("reached on {day}, {ahead}").format(day=prose_date(reached), ahead=_ahead(deadline - reached)),
            note=m.note,
            **common,
        )
    if not seen:
        passed = _("; the deadline has passed") if as_of > deadline else ""
        return Assessment("no-data", as_of, m.method, reason=_("no value recorded yet") + passed, **common)
    bands = settings.bands[m.method]
    if as_of > deadline:
        closing = series[upto_judged - 1] if upto_judged > first else None
        return _missed(t, as_of, m, reached=reached, closing=closing, buffer=buffer, bands=bands, common=common)
    if m.ratio is None:
        return Assessment(
            "no-data",
            as_of,
            m.method,
            reason=_("nothing recorded after the baseline to compare with"),
            note=m.note,
            **common,
        )
    return _on_course(t, as_of, m, latest=latest, buffer=buffer, bands=bands, common=common)


def period_label(t: Target, day: date) -> str:
    """The period a value on the series was recorded for (2024, 2024-Q3), by its last day."""
    return t.index.label(day)


def _limit_text(t: Target) -> str:
    word = t.spec.limit_word
    return f"{_(word) if word else ''} {format_quantity(t.target, t.unit)}"


# A bound that holds each period: the periods named in the plural, and the
# bound said after the reason ("(at most 5.5% each year)").
PLURAL = {
    "year": N_("years"),
    "half": N_("halves"),
    "quarter": N_("quarters"),
    "month": N_("months"),
    "day": N_("days"),
}
EACH = {
    "year": N_(" ({limit} each year)"),
    "half": N_(" ({limit} each half)"),
    "quarter": N_(" ({limit} each quarter)"),
    "month": N_(" ({limit} each month)"),
    "day": N_(" ({limit} each day)"),
}


def _each_text(t: Target) -> str:
    return _(EACH[t.each]).format(limit=_limit_text(t))


def judge_each(t: Target, as_of: date, days_left: int | None, method: str, settings: Settings) -> Assessment:
    """A bound in every period (--each year): each value from the start to the
    deadline must hold it. One period outside it settles the target: a cap
    or floor is breached, an increase off track (missed after the deadline),
    and a later good period does not undo that."""
    first = t.start.first if t.start else (shift(t.baseline_date.last, 1) if t.baseline_date else date.min)
    cutoff = min(as_of, t.deadline.last) if t.deadline else as_of
    points = [p for p in t.series[: t.index.upto(cutoff)] if p.day >= first]
    if not points:
        return Assessment("no-data", as_of, method, days_left=days_left, reason=_("no value recorded yet"))
    outside = [p for p in points if not t.spec.reached(p.value, t.target)]
    last = points[-1]
    common = dict(current=last.value, current_date=last.day, days_left=days_left, last_period=period_label(t, last.day))
    if outside:
        named = listing(
            _("{period}: {value}").format(period=period_label(t, p.day), value=format_quantity(p.value, t.unit))
            for p in outside
        )
        bound = t.spec.shape == "bound"
        status = "breached" if bound else ("missed" if t.deadline and as_of > t.deadline.last else "off-track")
        word = _("breached in {periods}") if bound else _("short in {periods}")
        return Assessment(
            status, as_of, method, score=-5.0, settled=True, reason=word.format(periods=named) + _each_text(t), **common
        )
    held = (
        _("held in all {n} {periods} recorded").format(n=len(points), periods=_(PLURAL[t.each]))
        if len(points) > 1
        else _("held in {period}").format(period=common["last_period"])
    )
    if t.spec.shape == "bound":
        return Assessment("within", as_of, method, score=5.0, reason=held + _each_text(t), **common)
    if t.deadline and has_deadline_value(t, as_of) and as_of >= t.deadline.first:
        return Assessment(
            "achieved",
            as_of,
            method,
            score=5.0,
            achieved_date=last.day,
            reason=held + _(", to the deadline") + _each_text(t),
            **common,
        )
    return Assessment("on-track", as_of, method, score=2.5, reason=held + _(" so far") + _each_text(t), **common)


def judge_growth(t: Target, as_of: date, days_left: int | None, method: str, settings: Settings) -> Assessment:
    """Average annual growth (研发经费投入年均增长7%): the average so far against
    the average required. Never achieved early (one good year does not make
    five): at the deadline's period, achieved or missed."""
    cutoff = min(as_of, t.deadline.last)
    k = t.index.upto(cutoff)
    need = t.target
    word = _("at least") if t.spec.direction > 0 else _("at most")
    if not k:
        return Assessment(
            "no-data",
            as_of,
            "growth",
            days_left=days_left,
            reason=_("no value after {base} recorded yet").format(base=t.baseline_date),
        )
    last = t.series[k - 1]
    g = last.value
    label = period_label(t, last.day)
    common = dict(current=g, current_date=last.day, days_left=days_left, last_period=label)
    so_far = _("{rate} a year on average from {base} to {last}, needs {word} {need}").format(
        rate=format_quantity(g, "%"), base=t.baseline_date, last=label, word=word, need=format_quantity(need, "%")
    )
    ok = t.spec.reached(g, need)
    if has_deadline_value(t, as_of) and as_of >= period_of(t.deadline.last, frequency(t)).last:
        if ok:
            return Assessment("achieved", as_of, "growth", achieved_date=last.day, score=5.0, reason=so_far, **common)
        shortfall = t.spec.direction * (need - g)
        return Assessment(
            "missed",
            as_of,
            "growth",
            shortfall=shortfall,
            score=-5.0,
            reason=so_far + _("; {gap} short").format(gap=format_difference(shortfall, "%")),
            **common,
        )
    if need != 0 and (need > 0) == (t.spec.direction > 0):
        ratio = Fraction(g) / Fraction(need) if t.spec.direction > 0 else Fraction(need) / Fraction(g) if g else None
    else:
        ratio = None
    bands = settings.bands["cagr"]
    if ratio is None:
        status = "on-track" if ok else "off-track"
    else:
        status = bands.status(ratio)
    if as_of > t.deadline.last:
        status = "missed"  # replaced by awaiting-data until the deadline's value is in (_in_time)
    return Assessment(status, as_of, "growth", ratio=ratio, score=open_sdg_score(ratio, bands), reason=so_far, **common)


def _ahead(delta: timedelta) -> str:
    days = delta.days
    if days == 0:
        return _("on the deadline")
    n = abs(days)
    if n >= 365:
        return (_("{years} years early") if days > 0 else _("{years} years late")).format(years=f"{n / YEAR:.1f}")
    return (_("{days} days early") if days > 0 else _("{days} days late")).format(days=n)
