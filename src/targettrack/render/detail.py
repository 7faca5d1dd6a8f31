"""`show`: everything about one target, as aligned text or one JSON object."""

from __future__ import annotations

import json

from ..assess import Assessment
from ..model import Target
from ..quantity import format_quantity
from ..records import observation_records, record
from ..textwidth import pad, safe
from .cells import current_cell, target_cell


def _pct(x) -> str:
    return "-" if x is None else f"{float(x) * 100:.1f}%"


def lines(t: Target, a: Assessment) -> list[tuple[str, str]]:
    def when(p, end=True):
        if p is None:
            return "-"
        d = p.last if end else p.first
        return p.label if p.label == d.isoformat() else f"{p.label} ({d.isoformat()})"

    src = t.source
    rows = [
        ("title", safe(t.title)),
        ("title_en", safe(t.title_en)),
        ("status", f"{a.status}  (as of {a.as_of.isoformat()}: {a.reason})"),
        ("kind", t.kind),
        ("target", target_cell(t)),
        ("deadline", when(t.deadline)),
        ("days left", "-" if a.days_left is None else str(a.days_left)),
        ("start", when(t.start, end=False)),
        ("baseline", "-" if t.baseline is None else format_quantity(t.baseline, t.unit)
         + (f" on {when(t.baseline_date)}" if t.baseline_date else "")),
        ("current", current_cell(t, a) + (f" on {a.current_date.isoformat()}" if a.current_date else "")),
        ("progress", _pct(a.progress)),
        ("expected", _pct(a.expected)),
        ("ratio", "-" if a.ratio is None else f"{float(a.ratio):.2f}"),
        ("projected", a.projected_date.isoformat() if a.projected_date else "-"),
        ("achieved", a.achieved_date.isoformat() if a.achieved_date else "-"),
        ("tags", ", ".join(safe(x) for x in t.tags)),
        ("owner", safe(t.owner)),
        ("source", safe(src.document)),
        ("publisher", safe(src.publisher)),
        ("source date", safe(src.date)),
        ("url", safe(src.url)),
        ("quote", safe(src.quote)),
        ("source note", safe(src.note)),
    ]
    return [(k, v) for k, v in rows if v not in ("", None)]


def render_text(t: Target, a: Assessment, out) -> None:
    out.write(f"{t.id}\n")
    for key, value in lines(t, a):
        out.write(f"  {pad(key, 12)} {value}\n")
    obs = observation_records(t)
    out.write(f"  observations ({len(obs)})\n")
    for o in obs:
        value = ("done" if o["value"] else "not done") if t.kind == "milestone" else format_quantity(o["value"], t.unit)
        extra = "  ".join(safe(x) for x in (o["note"], o["source"]) if x)
        out.write(f"    {o['date_as_given']:<10}  {value}" + (f"  {extra}" if extra else "") + "\n")


def render_json(t: Target, a: Assessment, out) -> None:
    obj = record(t, a)
    obj["reason"] = a.reason
    obj["observations"] = observation_records(t)
    out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
