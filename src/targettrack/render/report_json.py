"""`report --format json`: one object (docs/scripting.md documents its fields)."""

from __future__ import annotations

from ..judge.listrecord import json_record
from ..model.quantity import json_number
from .report_common import because


def as_dict(report, *, store: str, generated_at: str, records: bool = True, git: dict | None = None) -> dict:
    """The report as one JSON object; with `records` False, its "targets"
    left empty (render writes them one at a time)."""
    return {
        "as_of": report.as_of.isoformat(),
        "since": report.since.isoformat(),
        "generated_at": generated_at,
        "store": store,
        "latest_recorded": report.recorded.isoformat() if report.recorded else None,
        "git": git,
        "summary": report.summary,
        "targets": [json_record(t, a) for t, a in report.rows] if records else [],
        "attention": [f.id for f in report.attention],
        "changes": [
            {
                "id": c.target.id,
                "from": c.before.status,
                "to": c.after.status,
                "since": report.since.isoformat(),
                "because": because(c) or None,
            }
            for c in report.changes
        ],
        "upcoming": [
            {
                "id": t.id,
                "title": t.title,
                "deadline": t.deadline.last.isoformat(),
                "deadline_as_given": t.deadline.label,
                "days_left": a.days_left,
                "status": a.status,
            }
            for t, a in (f.judged for f in report.upcoming)
        ],
        "new_observations": [
            {
                "id": t.id,
                "date": o.date.last.isoformat(),
                "date_as_given": o.date.label,
                "value": json_number(o.value),
                "unit": t.unit or None,
                "note": o.note,
                "source": o.source,
                "recorded_at": o.recorded_at,
                "recorded_by": o.recorded_by,
            }
            for t, o in report.new_observations
        ],
        "achieved": [
            {"id": t.id, "achieved_date": a.achieved_date.isoformat()} for t, a in (f.judged for f in report.achieved)
        ],
    }


def render(report, out, *, store: str, generated_at: str, git: dict | None = None) -> None:
    """What dump(as_dict(...)) writes, byte for byte, but the targets' records
    made and written one at a time: a report on 10,000 targets does not hold
    10,000 records and their text at once."""
    from ..util.jsonindent import dumps

    doc = as_dict(report, store=store, generated_at=generated_at, records=False, git=git)
    out.write("{")
    for i, (key, value) in enumerate(doc.items()):
        out.write(("," if i else "") + "\n  " + dumps(key) + ": ")
        if key != "targets":
            out.write(dumps(value, 2, 2))
        elif not report.rows:
            out.write("[]")
        else:
            for j, (t, a) in enumerate(report.rows):
                out.write(("[" if not j else ",") + "\n    " + dumps(json_record(t, a), 4, 2))
            out.write("\n  ]")
    out.write("\n}\n")
