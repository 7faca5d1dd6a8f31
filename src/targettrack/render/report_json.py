"""`report --format json`: one object (README documents its fields)."""

from __future__ import annotations

from ..quantity import json_number
from ..records import record
from .json_format import dump
from .report_common import because


def as_dict(report, *, store: str, generated_at: str) -> dict:
    return {
        "as_of": report.as_of.isoformat(),
        "since": report.since.isoformat(),
        "generated_at": generated_at,
        "store": store,
        "summary": report.summary,
        "targets": [record(t, a) for t, a in report.rows],
        "attention": [t.id for t, _ in report.attention],
        "changes": [{"id": c.target.id, "from": c.before.status, "to": c.after.status,
                     "since": report.since.isoformat(), "because": because(c) or None} for c in report.changes],
        "upcoming": [{"id": t.id, "title": t.title, "deadline": t.deadline.last.isoformat(),
                      "deadline_as_given": t.deadline.label, "days_left": a.days_left, "status": a.status}
                     for t, a in report.upcoming],
        "new_observations": [{"id": t.id, "date": o.date.last.isoformat(), "date_as_given": o.date.label,
                              "value": json_number(o.value), "unit": t.unit or None, "note": o.note,
                              "source": o.source, "recorded_at": o.recorded_at}
                             for t, o in report.new_observations],
        "achieved": [{"id": t.id, "achieved_date": a.achieved_date.isoformat()} for t, a in report.achieved],
    }


def render(report, out, *, store: str, generated_at: str) -> None:
    dump(as_dict(report, store=store, generated_at=generated_at), out)
