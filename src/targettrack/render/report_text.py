"""`report --format text`: plain sections for mail and terminals."""

from __future__ import annotations

from ..textwidth import safe
from .fit import wrap
from .plain import write_table
from .table import STATUS_STYLE, paint
from .report_common import because, how_far, observation_value, projected, status_label


def _section(out, title: str, rows: list[tuple[str, ...]], total: int | None = None, color: bool = False) -> None:
    out.write(f"\n{paint(title, 'bold', color)} ({len(rows) - 1 if rows else 0})\n")
    if not rows or len(rows) == 1:
        out.write("  none\n")
        return
    # On a terminal, statuses in their colours (as in `list`).
    styles = {i: _status_style for i, name in enumerate(rows[0]) if name in ("STATUS", "FROM", "TO")} if color else None
    write_table(rows, out, indent="  ", total=total, styles=styles)


def _status_style(cell: str) -> str:
    return STATUS_STYLE.get(cell.split(" ")[0], "")


def render(report, out, *, store: str, generated_at: str, total: int | None = None, color: bool = False) -> None:
    """`total`: the terminal's width, to wrap long cells in (None off a terminal)."""

    def section(title, rows):
        _section(out, title, rows, total, color)

    summary = ", ".join(f"{s} {n}" for s, n in report.summary.items()) or "none"
    for line in (f"targettrack report as of {report.as_of}, changes since {report.since}", f"store: {store}",
                 f"{len(report.rows)} targets: {summary}"):
        out.write("\n".join(wrap(line, total) if total else [line]) + "\n")
    section("Needs attention", [("ID", "STATUS", "PROJECTED", "WHERE IT STANDS")] + [
        (t.id, status_label(t, a), projected(t, a), safe(how_far(t, a))) for t, a in report.attention] if report.attention else [])
    section(f"Deadlines within {report.within_days} days", [("ID", "DEADLINE", "DAYS", "STATUS", "TITLE")] + [
        (t.id, t.deadline.label, str(a.days_left), status_label(t, a), safe(t.title)) for t, a in report.upcoming]
        if report.upcoming else [])
    section(f"Status changes since {report.since}", [("ID", "FROM", "TO", "BECAUSE", "TITLE")] + [
        (c.target.id, c.before.status, c.after.status, safe(because(c)) or "-", safe(c.target.title))
        for c in report.changes]
        if report.changes else [])
    section(f"New values since {report.since}", [("ID", "DATE", "VALUE", "RECORDED", "NOTE")] + [
        (t.id, o.date.label, observation_value(t, o), o.recorded_at[:10], safe(o.note) or "-")
        for t, o in report.new_observations] if report.new_observations else [])
    section(f"Achieved since {report.since}", [("ID", "ON", "TITLE")] + [
        (t.id, a.achieved_date.isoformat(), safe(t.title)) for t, a in report.achieved] if report.achieved else [])
