"""What the text and Markdown reports draw: plain data, light to import.

A report's sections show a few facts of each target (its status, how far it
stands from the straight line, its deadline), not the target. Made from a
judged target (render/report_common.brief) or from the row kept of it the day before
(reportrows.py), they are the same facts, drawn by the same renderers, so a
weekly report on 10,000 targets need not decode and judge 10,000 targets
whose judgement has not changed since.
"""

from __future__ import annotations

from collections import namedtuple
from datetime import date

from .i18n import _
from .ordering import ATTENTION_ORDER, STATUSES

# Statuses that need a person; a target whose data are overdue needs one too.
ATTENTION = ("missed", "breached", "regressing", "off-track", "at-risk")

# One target as a section shows it: its id, its title in the reader's
# language (cells.title_of), its status code, whether it is binding, its
# deadline as given ("2025"; "-" without one) and its last day, the days
# left to it, when it is projected to be reached and where it stands
# (report_common.projected and how_far: drawn only for a target needing
# attention, "" otherwise), the day it was reached, and its safety buffer.
Facts = namedtuple("Facts", "id title status binding deadline deadline_last days_left projected how_far "
                            "achieved_date buffer_days")


def needs_attention(status: str, stale: bool) -> bool:
    """A status that is going wrong, or data that are overdue (the communiqué
    is out and the value is not recorded, or the statistics are late)."""
    return status in ATTENTION or stale


def coming_up(status: str, deadline_last: date, as_of: date, horizon: date) -> bool:
    """A deadline between the report date and the horizon, not yet settled either way."""
    return as_of <= deadline_last <= horizon and status not in ("achieved", "missed")


def achieved_within(achieved_date: date | None, since: date, as_of: date) -> bool:
    return achieved_date is not None and since < achieved_date <= as_of


def attention_key(status: str, buffer_days: int | None, id_: str) -> tuple:
    """Worst status first, then the least time to spare."""
    return ATTENTION_ORDER.index(status), buffer_days or 0, id_


def counted(statuses) -> dict[str, int]:
    """How many of each status, in the vocabulary's order; statuses with none left out."""
    counts: dict[str, int] = {}
    for s in statuses:
        counts[s] = counts.get(s, 0) + 1
    return {s: counts[s] for s in STATUSES if s in counts}


class Brief(namedtuple("Brief", "as_of since within_days statuses attention upcoming changes new_observations "
                                "achieved")):
    """A report as the text and Markdown formats draw it: its date, the day
    its changes are counted from, the days ahead its deadlines are looked
    for; the status of every reported target (store order); the Facts of
    those needing attention (worst first) and of those due (by deadline);
    the report.Change of each status changed and the (Target, Observation)
    of each value new since (store order); the Facts of those reached since
    (store order). A named tuple: drawing one imports no dataclasses."""

    __slots__ = ()

    @property
    def summary(self) -> dict[str, int]:
        return counted(self.statuses)


def labelled(status: str, binding: bool | None) -> str:
    """The status, with "binding" for a binding (约束性) target: the ones a government answers for."""
    return _(status) + (_(" (binding)") if binding else "")


def how_far_from(parts: tuple[str, ...], buffer_days: int | None) -> str:
    """Where a target stands (report_common.how_far) from its parts, with
    the safety buffer of the day: ahead of the straight line or behind it."""
    if len(parts) == 1:
        return parts[0]
    current, when, expected, gap, stale = parts
    behind = buffer_days is not None and buffer_days < 0
    text = (_("{current} in {when}, {expected} expected then: {gap} behind the straight line") if behind else
            _("{current} in {when}, {expected} expected then: {gap} ahead of the straight line")).format(
        current=current, when=when, expected=expected, gap=gap)
    if buffer_days is not None:
        text += _(" ({n} days)").format(n=abs(buffer_days))
    return text + stale
