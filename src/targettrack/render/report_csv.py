"""`report --format csv`: one row per item of each section, for spreadsheets."""

from __future__ import annotations

from ..util.csvcells import write_rows
from .report_common import because, how_far, observation_value, projected

HEADER = [
    "section",
    "id",
    "title",
    "status",
    "previous_status",
    "deadline",
    "days_left",
    "detail",
    "projected_date",
    "binding",
    "stale",
    "data_due",
]


def render(report, out, *, store: str, generated_at: str, git: dict | None = None) -> None:
    rows = []

    def add(section, t, a=None, **extra):
        rows.append(
            {
                "section": section,
                "id": t.id,
                "title": t.title,
                "status": a.status if a else None,
                "deadline": t.deadline.last.isoformat() if t.deadline else None,
                "days_left": a.days_left if a else None,
                "binding": None if t.binding is None else str(t.binding).lower(),
                "stale": str(a.stale).lower() if a else None,
                "data_due": a.data_due.isoformat() if a and a.data_due else None,
                **extra,
            }
        )

    for t, a in (f.judged for f in report.attention):
        add("attention", t, a, detail=how_far(t, a), projected_date=projected(t, a))
    for t, a in (f.judged for f in report.upcoming):
        add("upcoming", t, a)
    for c in report.changes:
        add("change", c.target, c.after, previous_status=c.before.status, detail=because(c) or None)
    for t, o in report.new_observations:
        add("new_value", t, detail=f"{o.date.label} {observation_value(t, o)}" + (f" ({o.note})" if o.note else ""))
    for t, a in (f.judged for f in report.achieved):
        add("achieved", t, a, detail=a.achieved_date.isoformat())
    write_rows(HEADER, rows, out)
