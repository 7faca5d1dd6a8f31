"""One target and its assessment as a flat record: the scripting contract.

`list --format json` prints these records; CSV, plain text and the table show
the same fields, so every output agrees. Numbers are in the target's unit,
dates are ISO YYYY-MM-DD, unknowns are None (null).
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..model.corrections import in_effect
from ..model.quantity import json_number
from ..model.target import Target
from ..model.timing import frequency
from ..util.i18n import _
from .assessment import Assessment

FIELDS = (
    "id",
    "title",
    "title_en",
    "kind",
    "unit",
    "baseline",
    "baseline_date",
    "target",
    "start",
    "deadline",
    "deadline_as_given",
    "current",
    "current_date",
    "progress",
    "expected",
    "expected_value",
    "ratio",
    "status",
    "method",
    "method_note",
    "projected_date",
    "projected_value",
    "required_rate",
    "observed_rate",
    "buffer_days",
    "achieved_date",
    "achieved_ahead_days",
    "shortfall",
    "score",
    "days_left",
    "plan",
    "tags",
    "owner",
    "source",
    # schema 3 (issue 11): what the target measures, how its data arrive
    "form",
    "change",
    "each",
    "binding",
    "measured_unit",
    "frequency",
    "lag",
    "last_period",
    "last_status",
    "data_awaited",
    "data_due",
    "stale",
    # schema 4: the plan's words around the target, and a target for the deadline period's value;
    # who added it and who last edited it
    "qualifier",
    "approx",
    "at_deadline",
    "created_by",
    "edited_by",
)
SOURCE_FIELDS = ("document", "publisher", "date", "url", "quote", "note")
OBSERVATION_FIELDS = (
    "id",
    "date",
    "date_as_given",
    "value",
    "measure",
    "unit",
    "note",
    "source",
    "recorded_at",
    "superseded",
    "recorded_by",
)


def _ratio(x: Fraction | float | None) -> float | None:
    # JSON has no Infinity: an unbounded compound trend shows as null (with a method_note).
    return None if x is None or not math.isfinite(float(x)) else round(float(x), 4)


def _amount(x: Fraction | float | None):
    """A derived amount in the target's unit, to 4 decimals; whole numbers stay ints."""
    if x is None or not math.isfinite(float(x)):
        return None
    r = round(float(x), 4)
    return int(r) if r == int(r) and abs(r) < 2**53 else r


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def json_record(t: Target, a: Assessment) -> dict:
    base_date = (
        t.baseline_date.last if t.baseline_date else (t.start.first if t.start and t.baseline is not None else None)
    )
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
        "expected_value": _amount(a.expected_value),
        "ratio": _ratio(a.ratio),
        "status": a.status,
        # JSON only (CSV headers never change with the language): the status as the reader's language says it
        "status_label": _(a.status),
        "method": a.method,
        "method_note": a.note or None,
        "projected_date": _iso(a.projected_date),
        "projected_value": _amount(a.projected_value),
        "required_rate": _amount(a.required_rate),
        "observed_rate": _amount(a.observed_rate),
        "buffer_days": a.buffer_days,
        "achieved_date": _iso(a.achieved_date),
        "achieved_ahead_days": a.achieved_ahead_days,
        "shortfall": json_number(a.shortfall),
        "score": None if a.score is None else round(a.score, 2),
        "days_left": a.days_left,
        "plan": t.plan,
        "tags": list(t.tags),
        "owner": t.owner,
        "source": {k: getattr(t.source, k) for k in SOURCE_FIELDS},
        "form": t.form or "level",
        "change": t.change,
        "each": t.each,
        "binding": t.binding,
        "measured_unit": t.measured_unit or None,
        "frequency": frequency(t),
        "lag": t.lag,
        "last_period": a.last_period,
        "last_status": a.last_status,
        "data_awaited": a.data_awaited,
        "data_due": _iso(a.data_due),
        "stale": a.stale,
        "qualifier": t.qualifier,
        "approx": t.approx,
        "at_deadline": t.at_deadline,
        "created_by": t.created_by,
        "edited_by": t.edited_by,
    }


def observation_records(t: Target, superseded: bool = True) -> list[dict]:
    """A target's observations, oldest first; a value replaced by a later one
    for the same day is marked `superseded` (and left out with superseded=False)."""
    effect = in_effect(t)
    rows = sorted(zip(t.observations, effect), key=lambda oe: oe[0].date.last)  # stable: recorded order within a day
    return [
        {
            "id": t.id,
            "date": o.date.last.isoformat(),
            "date_as_given": o.date.label,
            "value": json_number(o.value),
            "measure": o.measure,
            "unit": ("%" if o.measure == "yoy" else t.unit) or None,
            "note": o.note,
            "source": o.source,
            "recorded_at": o.recorded_at,
            "superseded": not current,
            "recorded_by": o.recorded_by,
        }
        for o, current in rows
        if superseded or current
    ]
