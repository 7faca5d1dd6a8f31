"""One target and its assessment as a flat record: the scripting contract.

`list --format json` prints these records; CSV, plain text and the table show
the same fields, so every output agrees. Numbers are in the target's unit,
dates are ISO YYYY-MM-DD, unknowns are None (null).
"""

from __future__ import annotations

from fractions import Fraction

from .assess import Assessment
from .model import Target
from .quantity import json_number

FIELDS = (
    "id", "title", "title_en", "kind", "unit", "baseline", "baseline_date",
    "target", "start", "deadline", "deadline_as_given", "current",
    "current_date", "progress", "expected", "ratio", "status", "method",
    "projected_date", "achieved_date", "days_left", "tags", "owner", "source",
)
SOURCE_FIELDS = ("document", "publisher", "date", "url", "quote", "note")


def _ratio(x: Fraction | None) -> float | None:
    return None if x is None else round(float(x), 4)


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def record(t: Target, a: Assessment) -> dict:
    base_date = t.baseline_date.last if t.baseline_date else (t.start.first if t.start and t.baseline is not None else None)
    return {
        "id": t.id,
        "title": t.title,
        "title_en": t.title_en,
        "kind": t.kind,
        "unit": t.unit or None,
        "baseline": json_number(t.baseline),
        "baseline_date": _iso(base_date),
        "target": json_number(t.target),
        "start": _iso(t.start.first) if t.start else None,
        "deadline": _iso(t.deadline.last) if t.deadline else None,
        "deadline_as_given": t.deadline.label if t.deadline else None,
        "current": json_number(a.current),
        "current_date": _iso(a.current_date),
        "progress": _ratio(a.progress),
        "expected": _ratio(a.expected),
        "ratio": _ratio(a.ratio),
        "status": a.status,
        "method": a.method,
        "projected_date": _iso(a.projected_date),
        "achieved_date": _iso(a.achieved_date),
        "days_left": a.days_left,
        "tags": list(t.tags),
        "owner": t.owner,
        "source": {k: getattr(t.source, k) for k in SOURCE_FIELDS},
    }


def observation_records(t: Target) -> list[dict]:
    rows = sorted(t.observations, key=lambda o: (o.date.last, o.recorded_at))
    return [
        {
            "id": t.id,
            "date": o.date.last.isoformat(),
            "date_as_given": o.date.label,
            "value": json_number(o.value),
            "unit": t.unit or None,
            "note": o.note,
            "source": o.source,
            "recorded_at": o.recorded_at,
        }
        for o in rows
    ]
