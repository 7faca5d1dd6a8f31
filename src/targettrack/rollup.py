"""Plans: targets that belong together, judged together (pure).

A plan is achieved only if every target in it is; otherwise it takes the
weakest status of its open targets (Perdoo's rule for an objective and its
key results). Its score is the mean of its targets' Open SDG scores in
[-5, +5], over the targets that have one.
"""

from __future__ import annotations

from .assess import ATTENTION_ORDER, Assessment
from .model import Target
from .selection import status_counts

PLAN_FIELDS = ("plan", "status", "score", "targets", "counts")


def plan_status(statuses: list[str]) -> str:
    if all(s == "achieved" for s in statuses):
        return "achieved"
    open_ = [s for s in statuses if s != "achieved"]
    return min(open_, key=ATTENTION_ORDER.index)


def plan_score(assessments: list[Assessment]) -> float | None:
    scores = [a.score for a in assessments if a.score is not None]
    return round(sum(scores) / len(scores), 2) if scores else None


def summarize_plans(rows: list[tuple[Target, Assessment]]) -> list[dict]:
    plans: dict[str, list[tuple[Target, Assessment]]] = {}
    for t, a in rows:
        plans.setdefault(t.plan, []).append((t, a))
    out = []
    for name in sorted(plans):
        members = sorted(plans[name], key=lambda ta: ta[0].id)
        statuses = [a.status for _, a in members]
        out.append({
            "plan": name,
            "status": plan_status(statuses),
            "score": plan_score([a for _, a in members]),
            "targets": [t.id for t, _ in members],
            "counts": status_counts(a for _, a in members),
        })
    return out
