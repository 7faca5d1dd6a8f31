"""The short text cells that the table and plain formats show for a target."""

from __future__ import annotations

from ..assess import Assessment
from ..model import Target
from ..quantity import format_quantity
from ..textwidth import safe

COLUMNS = ("ID", "STATUS", "PROGRESS", "CURRENT", "TARGET", "DEADLINE", "TITLE")


def progress_cell(t: Target, a: Assessment) -> str:
    if t.kind == "milestone":
        return "done" if a.achieved_date else "-"
    if a.progress is None:
        return "-"
    return f"{float(a.progress) * 100:.0f}%"


def current_cell(t: Target, a: Assessment) -> str:
    if a.current is None:
        return "-"
    if t.kind == "milestone":
        return "done" if a.current else "not done"
    return format_quantity(a.current, t.unit)


def target_cell(t: Target) -> str:
    if t.kind == "milestone":
        return "done"
    prefix = {"cap": "<= ", "floor": ">= ", "decrease": "<= "}.get(t.kind, "")
    return prefix + format_quantity(t.target, t.unit)


def row_cells(t: Target, a: Assessment) -> tuple[str, ...]:
    return (
        t.id,
        a.status,
        progress_cell(t, a),
        current_cell(t, a),
        target_cell(t),
        t.deadline.label if t.deadline else "-",
        safe(t.title),
    )
