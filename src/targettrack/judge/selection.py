"""Which targets a view shows, in what order, and how many of each status (pure).

`list`, `report`, `info` and `plans` all choose targets the same way: a
Filter, judged as of one date. The policy lives here, once.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..model.dates import Period
from ..model.settings import Settings
from ..model.target import Target
from .assess import assess
from .assessment import Assessment
from .statuses import ATTENTION_ORDER, SORTS, STATUSES, counted, order  # noqa: F401 (re-exported)

Row = tuple[Target, Assessment]


class Filter(NamedTuple):
    statuses: frozenset[str] = frozenset()  # empty: any
    tags: frozenset[str] = frozenset()  # a target must have every one
    kind: str | None = None
    plan: str | None = None
    due_before: Period | None = None
    binding: bool | None = None  # True: binding (约束性) only; False: expected (预期性) only

    def keeps_target(self, t: Target) -> bool:
        """The part of the filter that needs no judging (cheap: checked first)."""
        return self.keeps(t.kind, t.tags, t.plan, t.binding, t.deadline.last if t.deadline else None)

    def keeps(self, kind: str, tags, plan: str | None, binding: bool | None, deadline: date | None) -> bool:
        """keeps_target, from the facts it looks at (the row cache keeps them, not the target)."""
        if self.binding is not None and binding is not self.binding:
            return False
        if self.kind and kind != self.kind:
            return False
        if self.tags and not self.tags <= set(tags):
            return False
        if self.plan is not None and plan != self.plan:
            return False
        if self.due_before and not (deadline and deadline < self.due_before.first):
            return False
        return True


def judged(
    t: Target, flt: Filter, as_of: date, *, settings: Settings | None = None, method: str | None = None
) -> Assessment | None:
    """`t`'s assessment if the filter keeps it, else None (judged only if the rest of the filter keeps it)."""
    if not flt.keeps_target(t):
        return None
    a = assess(t, as_of, settings, method=method)
    if flt.statuses and a.status not in flt.statuses:
        return None
    return a


def select(
    targets: list[Target], flt: Filter, as_of: date, *, settings: Settings | None = None, method: str | None = None
) -> list[Row]:
    """(target, assessment) for each target the filter keeps, in store order."""
    rows = []
    for t in targets:
        a = judged(t, flt, as_of, settings=settings, method=method)
        if a is not None:
            rows.append((t, a))
    return rows


def _sort_key(key, t: Target, a: Assessment):
    return key(t.id, t.deadline.last.toordinal() if t.deadline else None, a.status, a.progress, a.buffer_days)


def sort_rows(rows: list[Row], by: str = "deadline") -> list[Row]:
    key = order(by)
    return sorted(rows, key=lambda ta: _sort_key(key, *ta))


def select_each(
    targets,
    flt: Filter,
    as_of: date,
    *,
    settings: Settings | None = None,
    method: str | None = None,
    by: str = "deadline",
    piece=lambda t, a: (t, a),
) -> list:
    """select and sort_rows for targets that arrive one at a time: each one
    kept is judged, made into `piece(target, assessment)` (what the output
    needs of it) and let go, so a list of 10,000 holds its pieces, not
    10,000 targets. The pieces come back in the order sort_rows gives."""
    key = order(by)
    kept = []
    for t in targets:
        a = judged(t, flt, as_of, settings=settings, method=method)
        if a is not None:
            kept.append((_sort_key(key, t, a), piece(t, a)))
    kept.sort(key=lambda kp: kp[0])  # stable: equal keys stay in store order, as sorted() keeps them
    return [p for _, p in kept]


def status_counts(assessments) -> dict[str, int]:
    """How many of each status, in the vocabulary's order; statuses with none left out."""
    return counted(a.status for a in assessments)
