"""`report --format text`: plain sections for mail and terminals."""

from __future__ import annotations

from ..textwidth import safe
from .plain import write_table
from .report_common import because, how_far, observation_value, projected, status_label


def _section(out, title: str, rows: list[tuple[str, ...]]) -> None:
    out.write(f"\n{title} ({len(rows) - 1 if rows else 0})\n")
    if not rows or len(rows) == 1:
        out.write("  none\n")
        return
    write_table(rows, out, indent="  ")


def render(report, out, *, store: str, generated_at: str) -> None:
    summary = ", ".join(f"{s} {n}" for s, n in report.summary.items()) or "none"
    out.write(f"targettrack report as of {report.as_of}, changes since {report.since}\n")
    out.write(f"store: {store}\n")
    out.write(f"{len(report.rows)} targets: {summary}\n")
    _section(out, "Needs attention", [("ID", "STATUS", "PROJECTED", "WHERE IT STANDS")] + [
        (t.id, status_label(t, a), projected(t, a), safe(how_far(t, a))) for t, a in report.attention] if report.attention else [])
    _section(out, f"Deadlines within {report.within_days} days", [("ID", "DEADLINE", "DAYS", "STATUS", "TITLE")] + [
        (t.id, t.deadline.label, str(a.days_left), status_label(t, a), safe(t.title)) for t, a in report.upcoming]
        if report.upcoming else [])
    _section(out, f"Status changes since {report.since}", [("ID", "FROM", "TO", "BECAUSE", "TITLE")] + [
        (c.target.id, c.before.status, c.after.status, safe(because(c)) or "-", safe(c.target.title))
        for c in report.changes]
        if report.changes else [])
    _section(out, f"New values since {report.since}", [("ID", "DATE", "VALUE", "RECORDED", "NOTE")] + [
        (t.id, o.date.label, observation_value(t, o), o.recorded_at[:10], safe(o.note) or "-")
        for t, o in report.new_observations] if report.new_observations else [])
    _section(out, f"Achieved since {report.since}", [("ID", "ON", "TITLE")] + [
        (t.id, a.achieved_date.isoformat(), safe(t.title)) for t, a in report.achieved] if report.achieved else [])
