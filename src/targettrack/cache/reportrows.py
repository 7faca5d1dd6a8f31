"""The text and Markdown report from the rows `list` keeps (rowcache.py).

A weekly report judges every target as of the report date and, where its
status could have changed, as of `--since` too; on 10,000 targets that is
a second of decoding and judging whose result is nearly all the same as
the day before. So a target whose kept row holds over the whole span from
`since` to the report date, and which has no value dated or recorded after
`since`, is drawn from its row: its status, and the facts the sections
show (summary.Facts), are those of every day of the run. It cannot have
changed status in the span (no change day falls in it: digest.py), nor
have new values, so it is in no section that needs its values. Every other
target is decoded and judged as `report.build` judges it, alone. A miss
(no rows for these bytes, rows of another language) judges every target
once and keeps its rows, as a `list` would.
"""

from __future__ import annotations

from datetime import date

from ..model.clock import shift
from ..report.summary import Facts, Report, attention_key, coming_up, how_far_from
from . import rows as rowcache
from .rows import ACHIEVED, BINDING, BUFFER, DEADLINE, FIRST, ID, LATEST, LINE, RECORDED, SHOWN, STATUS

# The report's defaults: changes over the last week, deadlines within 90 days.
SINCE_DAYS = 7
WITHIN = "90d"


def report_for(
    store,
    fmt: str,
    as_of: date,
    *,
    since: date,
    within_days: int,
    today: date,
    method: str | None,
    flt,
    lang_given: bool,
    cached: bool,
    open_store,
    known: date | None = None,
):
    """The summary.Report `report` draws in format `fmt`
    (render.REPORT_FORMATS): for text and Markdown made from kept rows
    (unless `cached` is False, or the store is taken as `known` at a past
    day), for the others from whole targets. `flt`: a selection.Filter
    (None: every target)."""
    from ..render import KEPT_ROW_FORMATS

    if fmt in KEPT_ROW_FORMATS and cached and known is None:
        return from_kept_rows(
            store,
            as_of,
            since,
            within_days=within_days,
            today=today,
            method=method,
            flt=flt,
            lang_given=lang_given,
            open_store=open_store,
        )
    from ..judge.selection import Filter
    from ..render.report_common import facts as facts_of
    from ..report import build as report

    with open_store() as s:
        settings = s.settings()
        # judged as read; only the HTML report draws every target's values (its charts)
        return report.build(
            s.each_target(),
            as_of,
            since,
            within_days=within_days,
            settings=settings,
            method=method,
            flt=flt or Filter(),
            series=fmt == "html",
            known=known,
            today=today,
            describe=facts_of,
        )


def from_kept_rows(
    store,
    as_of: date,
    since: date,
    *,
    within_days: int,
    today: date,
    method: str | None,
    flt,
    lang_given: bool,
    open_store,
) -> Report:
    """The report on the targets `flt` keeps, as report.build(...) gives it
    for the text and Markdown formats, from kept rows where they hold over
    the span."""
    return rowcache.rows_as_of(
        store,
        as_of,
        today,
        method=method,
        lang_given=lang_given,
        open_store=open_store,
        use=lambda entries, key: _from_rows(
            entries,
            key,
            as_of,
            since=since,
            within_days=within_days,
            method=method,
            flt=flt,
            open_store=open_store,
            today=today,
        ),
    )


def quiet(e: tuple, then: int) -> bool:
    """Whether row `e` (holding on the report date) also holds on `since`
    (the ordinal `then`), with no value dated or recorded after it."""
    return e[FIRST] <= then and e[LATEST] <= then


def _from_rows(entries, key, as_of: date, *, since: date, within_days: int, method, flt, open_store, today) -> Report:
    then, day = since.toordinal(), as_of.toordinal()
    wanted = flt.statuses if flt is not None else frozenset()
    if wanted:  # a status asked for is the status judged in full for a target that is not quiet
        keep = rowcache.row_filter(flt._replace(statuses=frozenset()))
    else:
        keep = rowcache.row_filter(flt) if flt is not None else None
    rows = entries if keep is None else [e for e in entries if keep(e)]
    loud = {e[ID]: None for e in rows if not quiet(e, then)}  # in store order
    if wanted:
        rows = [e for e in rows if e[ID] in loud or e[STATUS] in wanted]
    judged = (
        _judged(
            list(loud),
            key,
            as_of,
            since=since,
            within_days=within_days,
            method=method,
            flt=flt,
            open_store=open_store,
            today=today,
        )
        if loud
        else None
    )
    if judged is None and loud:  # the store is not the one the rows are for
        return _everything(as_of, since, within_days, method=method, flt=flt, open_store=open_store, today=today)
    horizon = shift(as_of, within_days)
    statuses, attention, upcoming, achieved = [], [], [], []
    loud_status, late = {}, {}
    if judged is not None:
        loud_status = {t.id: a.status for t, a in judged.rows}
        attention += judged.attention
        upcoming += judged.upcoming
        late = {f.id: f for f in judged.achieved}
    recorded = judged.recorded.toordinal() if judged is not None and judged.recorded else 0
    for e in rows:
        if e[ID] in loud_status:
            statuses.append(loud_status[e[ID]])
            if e[ID] in late:
                achieved.append(late[e[ID]])
            continue
        if e[ID] in loud:  # judged in full and left out (its status then is not one asked for)
            continue
        # Quiet: the same status on `since` as now, so never newly achieved (summary.newly_achieved).
        status, deadline = e[STATUS], e[DEADLINE]
        statuses.append(status)
        recorded = max(recorded, e[RECORDED])
        ahead = e[SHOWN] is not None  # kept for a target needing attention (summary.needs_attention), only
        soon = deadline is not None and coming_up(status, date.fromordinal(deadline), as_of, horizon=horizon)
        if ahead or soon:
            f = facts(e, day, ahead)
            if ahead:
                attention.append(f)
            if soon:
                upcoming.append(f)
    attention.sort(key=lambda f: attention_key(f.status, f.buffer_days, f.id))
    upcoming.sort(key=lambda f: (f.deadline_last, f.id))
    return Report(
        as_of,
        since,
        within_days,
        statuses,
        attention,
        upcoming,
        judged.changes if judged is not None else [],
        judged.new_observations if judged is not None else [],
        achieved,
        date.fromordinal(recorded) if recorded else None,
    )


def facts(e: tuple, day: int, attention: bool) -> Facts:
    """What the sections show of kept row `e` on the day whose ordinal is `day`."""
    import marshal

    cells, buffer, deadline = e[LINE][0], e[BUFFER], e[DEADLINE]
    projected, how_far = "", ""
    if attention:
        projected, *parts = marshal.loads(e[SHOWN])
        how_far = how_far_from(tuple(parts), buffer, None if deadline is None else deadline - day)
    return Facts(
        e[ID],
        cells[-1],
        e[STATUS],
        e[BINDING],
        cells[5],
        None if deadline is None else date.fromordinal(deadline),
        None if deadline is None else deadline - day,
        projected,
        how_far,
        None if e[ACHIEVED] is None else date.fromordinal(e[ACHIEVED]),
        buffer,
    )


def _judged(ids: list[str], key, as_of, *, since, within_days, method, flt, open_store, today):
    """The report on these targets (in store order), judged in full; None if
    the store's bytes are not those the rows are for."""
    from ..judge.selection import Filter
    from ..render.report_common import facts
    from ..report import build as report

    with open_store() as s:
        if rowcache.identity(*s.as_read) != key:
            return None
        settings = s.settings()
        targets = s.exact(ids)
    return report.build(
        targets,
        as_of,
        since,
        within_days=within_days,
        settings=settings,
        method=method,
        flt=flt or Filter(),
        series=False,
        today=today,
        describe=facts,
    )


def _everything(as_of, since, within_days, *, method, flt, open_store, today) -> Report:
    return report_for(
        None,
        "text",
        as_of,
        since=since,
        within_days=within_days,
        today=today,
        method=method,
        flt=flt,
        lang_given=False,
        cached=False,
        open_store=open_store,
    )
