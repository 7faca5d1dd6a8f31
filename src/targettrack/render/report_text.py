"""`report --format text`: plain sections for mail and terminals."""

from __future__ import annotations

from ..report.summary import labelled
from ..util.i18n import N_, _, listing, prose_date
from ..util.textwidth import safe
from .plain import write_table

# Light to import: a report drawn from kept rows (reportrows.py) with nothing
# changed draws only facts; what draws targets is imported where one is drawn.


def _section(
    out, title: str, rows: list[tuple[str, ...]], *, total: int | None = None, color: bool = False, limit=None
) -> None:
    if color:
        from .table import paint

        title = paint(title, "bold", color)
    out.write("\n" + _("{title} ({n})").format(title=title, n=len(rows) - 1 if rows else 0) + "\n")
    if not rows or len(rows) == 1:
        out.write("  " + _("none") + "\n")
        return
    more = len(rows) - 1 - limit if limit and len(rows) - 1 > limit else 0
    rows = rows[: len(rows) - more]
    rows = [tuple(_(h) for h in rows[0])] + rows[1:]
    # On a terminal, statuses in their colours (as in `list`).
    styles = (
        {i: _status_style for i, name in enumerate(rows[0]) if name in (_("STATUS"), _("CHANGE"))} if color else None
    )
    write_table(rows, out, indent="  ", total=total, styles=styles)
    if more:
        out.write("  " + _("… and {n} more (--limit)").format(n=more) + "\n")


def _status_style(cell: str) -> str:
    """The colour of a status cell, whose label may be in another language ("已超限（约束性）")."""
    from ..judge.statuses import STATUSES
    from .table import STATUS_STYLE

    word = cell.split(" → ")[-1].split(" ")[0].split("（")[0]  # a change: the status it came to
    return STATUS_STYLE.get(word) or STATUS_STYLE.get({_(s): s for s in STATUSES}.get(word, ""), "")


def _heading(report, out, *, store: str, total: int | None, git: dict | None) -> None:
    """The lines above the sections: the date, the store, how old the data are, the counts."""
    from . import provenance_lines

    summary = listing(f"{_(s)} {n}" for s, n in report.summary.items()) or _("none")
    as_of, since = prose_date(report.as_of), prose_date(report.since)
    for line in (
        _("targettrack report as of {as_of}, changes since {since}").format(as_of=as_of, since=since),
        _("store: {store}").format(store=store),
        *provenance_lines(report.recorded, report.as_of, git),
        _("{n} targets: {summary}").format(n=len(report.statuses), summary=summary),
    ):
        if total:
            from .fit import wrap

            line = "\n".join(wrap(line, total))
        out.write(line + "\n")


def render(
    report,
    out,
    *,
    store: str,
    generated_at: str,
    total: int | None = None,
    color: bool = False,
    git: dict | None = None,
    limit: int | None = None,
) -> None:
    """`report`: a summary.Report. `total`: the terminal's width, to wrap long cells in (None off a terminal);
    `limit`: at most that many rows of each section (report --limit), the count of the rest said."""

    def section(title, rows):
        _section(out, title, rows, total=total, color=color, limit=limit)

    _heading(report, out, store=store, total=total, git=git)
    since = prose_date(report.since)
    section(
        _("Needs attention"),
        [(N_("ID"), N_("STATUS"), N_("PROJECTED"), N_("WHERE IT STANDS"), N_("TITLE"))]
        + [(f.id, labelled(f.status, f.binding), f.projected, safe(f.how_far), f.title) for f in report.attention]
        if report.attention
        else [],
    )
    section(
        _("Deadlines within {days} days").format(days=report.within_days),
        [(N_("ID"), N_("DEADLINE"), N_("DAYS"), N_("STATUS"), N_("TITLE"))]
        + [(f.id, f.deadline, str(f.days_left), labelled(f.status, f.binding), f.title) for f in report.upcoming]
        if report.upcoming
        else [],
    )
    if report.changes or report.new_observations:  # targets, judged in full
        from .cells import title_of
        from .report_common import because, observation_value
    section(
        _("Status changes since {since}").format(since=since),
        [(N_("ID"), N_("CHANGE"), N_("BECAUSE"), N_("TITLE"))]
        + [
            (c.target.id, f"{_(c.before.status)} → {_(c.after.status)}", safe(because(c)) or "-", title_of(c.target))
            for c in report.changes
        ]
        if report.changes
        else [],
    )
    section(
        _("New values since {since}").format(since=since),
        [(N_("ID"), N_("DATE"), N_("VALUE"), N_("RECORDED"), N_("BY"), N_("NOTE"))]
        + [
            (
                t.id,
                o.date.label,
                observation_value(t, o),
                o.recorded_at[:10],
                safe(o.recorded_by) or "-",
                safe(o.note) or "-",
            )
            for t, o in report.new_observations
        ]
        if report.new_observations
        else [],
    )
    section(
        _("Achieved since {since}").format(since=since),
        [(N_("ID"), N_("ON"), N_("TITLE"))] + [(f.id, f.achieved_date.isoformat(), f.title) for f in report.achieved]
        if report.achieved
        else [],
    )
