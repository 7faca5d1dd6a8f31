"""Which targets a view shows, in what order, and how many of each status (pure).

`list`, `report`, `info` and `plans` all choose targets the same way: a
Filter, judged as of one date. The policy lives here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .assess import ATTENTION_ORDER, STATUSES, Assessment, assess
from .dates import Period
from .model import Target
from .settings import Settings

SORTS = ("deadline", "status", "progress", "urgency", "id")
Row = tuple[Target, Assessment]


@dataclass(frozen=True)
class Filter:
    statuses: frozenset[str] = frozenset()   # empty: any
    tags: frozenset[str] = frozenset()       # a target must have every one
    kind: str | None = None
    plan: str | None = None
    due_before: Period | None = None
    binding: bool | None = None              # True: binding (约束性) only; False: expected (预期性) only

    def keeps_target(self, t: Target) -> bool:
        """The part of the filter that needs no judging (cheap: checked first)."""
        if self.binding is not None and t.binding is not self.binding:
            return False
        if self.kind and t.kind != self.kind:
            return False
        if self.tags and not self.tags <= set(t.tags):
            return False
        if self.plan is not None and t.plan != self.plan:
            return False
        if self.due_before and not (t.deadline and t.deadline.last < self.due_before.first):
            return False
        return True


def select(targets: list[Target], flt: Filter, as_of: date, settings: Settings | None = None,
           method: str | None = None) -> list[Row]:
    """(target, assessment) for each target the filter keeps, in store order."""
    rows = []
    for t in targets:
        if not flt.keeps_target(t):
            continue
        a = assess(t, as_of, settings, method)
        if flt.statuses and a.status not in flt.statuses:
            continue
        rows.append((t, a))
    return rows


def sort_rows(rows: list[Row], by: str = "deadline") -> list[Row]:
    return sorted(rows, key=_SORT_KEYS[by])


def _by_deadline(ta: Row):
    return (ta[0].deadline.last if ta[0].deadline else date.max, ta[0].id)


def _urgency(ta: Row):
    """Missed and breached first, then the smallest safety buffer, then the rest by deadline."""
    t, a = ta
    deadline = t.deadline.last if t.deadline else date.max
    if a.status in ("missed", "breached"):
        return (0, 0, deadline, t.id)
    if a.status in ("achieved", "within"):
        return (3, 0, deadline, t.id)
    if a.buffer_days is not None:
        return (1, a.buffer_days, deadline, t.id)
    return (2, 0, deadline, t.id)


_SORT_KEYS = {
    "deadline": _by_deadline,
    "id": lambda ta: ta[0].id,
    "status": lambda ta: (ATTENTION_ORDER.index(ta[1].status), ta[0].id),
    "progress": lambda ta: (ta[1].progress is None, -(ta[1].progress or 0), ta[0].id),
    "urgency": _urgency,
}
assert set(_SORT_KEYS) == set(SORTS)


def status_counts(assessments) -> dict[str, int]:
    """How many of each status, in the vocabulary's order; statuses with none left out."""
    counts: dict[str, int] = {}
    for a in assessments:
        counts[a.status] = counts.get(a.status, 0) + 1
    return {s: counts[s] for s in STATUSES if s in counts}
