"""The weekly report as data (pure): what needs attention, what is due, what
changed since a date and what was achieved. Renderers in render/report_*.py
turn it into text, Markdown, JSON or CSV.

Status changes are found by judging every target twice: as the store said on
`since` (with only the values recorded by then) and as of the report date
(with those recorded by then). A statistic for 2025 entered this week is
this week's change, and a report for any past week can be made again.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..judge.assess import assess
from ..judge.assessment import DEFAULT_SETTINGS, Assessment
from ..judge.changedays import change_days
from ..judge.selection import Filter, judged
from ..model.dates import shift
from ..model.settings import Settings
from ..model.target import Observation, Target, known_at, recorded_by, recorded_day
from ..model.timing import frequency
from ..util.frozen import replace
from .summary import Facts, Report, attention_key, coming_up, needs_attention, newly_achieved


class Change(NamedTuple):
    target: Target
    before: Assessment
    after: Assessment
    entered: tuple[Observation, ...] = ()  # values recorded since: why the status changed, if they did


as_recorded = recorded_by  # `t` as the store held it at the end of a day: without the values recorded later


def known_before(as_of: date, since: date, today: date, *, known: date | None) -> date | None:
    """What the report's earlier judgement (as of `since`) knows: the values
    recorded by `since` where the report is of the present (a statistic
    entered this week is this week's news) or as known at a day (the report
    of that day); for a past day as now known, everything (None), as the
    report's own judgement does."""
    if known is not None:
        return min(known, since)
    return since if as_of >= today else None


def entered_between(t: Target, since: date, until: date) -> tuple[Observation, ...]:
    """The values recorded after `since`, up to `until`."""
    return tuple(o for o in t.observations if since < (recorded_day(o) or date.min) <= until)


def judged_then(
    t: Target,
    now: Assessment,
    since: date,
    *,
    settings: Settings | None = None,
    method: str | None = None,
    known: date | None = None,
) -> Assessment:
    """`t` judged as of `since` with the values recorded by `known` (None:
    all of them). Where no value was recorded since and no change day of `t` falls after `since`
    up to the judgement `now` (digest.change_days), that is `now` itself as
    far as its status goes, and `now` is returned (its day counts are the
    later day's): judging 10,000 targets a second time was half a report."""
    before = as_recorded(t, known) if known is not None else t
    if before is t and since <= now.as_of:
        if not any(since < d <= now.as_of for d in change_days(t, settings or DEFAULT_SETTINGS)):
            return now
    return assess(before, since, settings, method=method)


def build(
    targets,
    as_of: date,
    since: date,
    *,
    within_days: int,
    settings: Settings | None = None,
    method: str | None = None,
    flt: Filter = Filter(),
    series: bool = True,
    known: date | None = None,
    today: date | None = None,
    describe=None,
) -> Report:
    """The report on the targets `flt` keeps (judged as of `as_of`), with
    what had been recorded by `known` (None: all), and what changed since
    `since` against the judgement then, with what was recorded as
    known_before says (`today` None: the report is of the present).

    `targets` may arrive one at a time (Store.each_target): each is judged
    and placed in its sections as it comes. With `series` False, a target
    is kept without its values unless a section shows them (a status change,
    a new value): all that the text, Markdown, CSV and JSON reports draw (the
    HTML report's charts draw every series), so a report on 10,000 targets
    does not hold 10,000 series.

    `describe(target, assessment)` makes the Facts a section shows
    (render/report_common.facts words them; plain_facts, the default, has
    no words of where a target stands)."""
    describe = describe or plain_facts
    rows, changes, new_obs, achieved, attention, upcoming = [], [], [], [], [], []
    then_known = known_before(as_of, since, today or as_of, known=known)
    recorded = None
    horizon = shift(as_of, within_days)
    for t in targets:
        # --known-at: the store as it was that day, so that the report of a
        # past day can be made again exactly.
        if known is not None:
            t = known_at(t, known)
            if t is None:
                continue
        a = judged(t, flt, as_of, settings=settings, method=method)
        if a is None:
            continue
        # What the store said on `since`: judged as of that day with the
        # values recorded by then. A 2025 value entered this week is this week's news.
        before = judged_then(t, a, since, settings=settings, method=method, known=then_known)
        entered = [o for o in sorted(t.observations, key=lambda o: o.date.last) if _new(o, since, as_of)]
        changed = before.status != a.status
        # without its values; how often they come, which a record says, is pinned first
        held = t if series or changed or entered else replace(t, observations=(), frequency=frequency(t))
        rows.append((held, a))
        if changed:
            changes.append(Change(t, before, a, entered_between(t, since, as_of)))
        new_obs += [(t, o) for o in entered]
        latest = latest_recorded(t)
        if latest and (recorded is None or latest > recorded):
            recorded = latest
        shown = []  # the sections it is in
        if needs_attention(a.status, a.stale, t.deadline is not None and as_of > t.deadline.last):
            shown.append(attention)
        if t.deadline and coming_up(a.status, t.deadline.last, as_of, horizon=horizon):
            shown.append(upcoming)
        if newly_achieved(a.status, before.status):
            shown.append(achieved)
        if shown:
            f = describe(held, a)
            for section in shown:
                section.append(f)
    attention.sort(key=lambda f: attention_key(f.status, f.buffer_days, f.id))
    upcoming.sort(key=lambda f: (f.deadline_last, f.id))
    statuses = [a.status for _, a in rows]
    return Report(as_of, since, within_days, statuses, attention, upcoming, changes, new_obs, achieved, recorded, rows)


def plain_facts(t: Target, a: Assessment) -> Facts:
    """The Facts of `t` judged as `a` without words: its stored title, no
    projection and no phrase of where it stands."""
    deadline = t.deadline
    return Facts(
        t.id,
        t.title,
        a.status,
        t.binding,
        deadline.label if deadline else "-",
        deadline.last if deadline else None,
        a.days_left,
        "",
        "",
        a.achieved_date,
        a.buffer_days,
        (t, a),
    )


def latest_recorded(t: Target) -> date | None:
    """The latest day a value of `t` was recorded (what makes a report's data a day or a year old)."""
    return max(filter(None, map(recorded_day, t.observations)), default=None)


def _new(o: Observation, since: date, as_of: date) -> bool:
    """A value dated in the window, or recorded in it for a period already over."""
    recorded = recorded_day(o)
    return since < o.date.last <= as_of or (recorded is not None and since < recorded <= as_of and o.date.last <= as_of)
