"""Plans: targets that belong together, judged together (pure).

A plan is achieved only if every target in it is; otherwise it takes the
weakest status of its open targets (Perdoo's rule for an objective and its
key results), always said with how many of its targets have that status
("missed, 1 of 17"), so one missed milestone does not paint a plan of 17
indicators without saying so. Beside it: how many targets are on course
(achieved, on track, within their bound, a milestone not yet due, or
awaiting data after data that were on course), and the binding (约束性) ones
apart ("binding 5/7 on course"). Its score is the mean of its targets'
Open SDG scores in [-5, +5], over the targets that have one.
"""

from __future__ import annotations

from ..model.target import Target
from .assessment import Assessment
from .selection import status_counts
from .statuses import ATTENTION_ORDER

PLAN_FIELDS = (
    "plan",
    "status",
    "status_targets",
    "total",
    "on_course",
    "binding",
    "binding_on_course",
    "score",
    "targets",
    "counts",
)
ON_COURSE = ("achieved", "on-track", "within", "pending")


def on_course(a: Assessment) -> bool:
    """Is the target where it should be? Awaiting data counts by what the last data showed."""
    return a.status in ON_COURSE or (a.status == "awaiting-data" and a.last_status in ON_COURSE)


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
        status = plan_status(statuses)
        binding = [a for t, a in members if t.binding]
        out.append(
            {
                "plan": name,
                "status": status,
                "status_targets": statuses.count(status),  # how many targets have the plan's status
                "total": len(members),
                "on_course": sum(on_course(a) for _, a in members),
                "binding": len(binding),
                "binding_on_course": sum(on_course(a) for a in binding),
                "score": plan_score([a for _, a in members]),
                "targets": [t.id for t, _ in members],
                "counts": status_counts(a for _, a in members),
            }
        )
    return out
