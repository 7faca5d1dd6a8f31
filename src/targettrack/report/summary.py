"""The report as every format draws it: plain data, light to import.

A report's sections show a few facts of each target (its status, how far it
stands from the straight line, its deadline), not the target. Made from a
judged target (render/report_common.facts) or from the row kept of it the day before
(cache/reportrows.py), they are the same facts, drawn by the same renderers, so a
weekly report on 10,000 targets need not decode and judge 10,000 targets
whose judgement has not changed since.
"""

from __future__ import annotations

from collections import namedtuple
from datetime import date

from ..judge.statuses import ATTENTION_ORDER, STATUSES, counted  # noqa: F401 (counted: the report's too)
from ..util.i18n import _

# Statuses that need a person; a target whose data are overdue needs one too.
ATTENTION = ("missed", "breached", "regressing", "off-track", "at-risk")

# One target as a section shows it: its id, its title in the reader's
# language (cells.title_of), its status code, whether it is binding, its
# deadline as given ("2025"; "-" without one) and its last day, the days
# left to it, when it is projected to be reached and where it stands
# (report_common.projected and how_far: drawn only for a target needing
# attention, "" otherwise), the day it was reached, and its safety buffer.
# `judged`: the target whole and its judgement, where the report was made
# from whole targets (what the JSON, CSV and HTML formats draw), else None.
Facts = namedtuple(
    "Facts",
    "id title status binding deadline deadline_last days_left projected how_far achieved_date buffer_days judged",
    defaults=(None,),
)


def needs_attention(status: str, stale: bool, past_deadline: bool = False) -> bool:
    """A status that is going wrong, data that are overdue (the communiqué
    is out and the value is not recorded, or the statistics are late), or a
    deadline passed with no value ever recorded: nobody can say how it went."""
    return status in ATTENTION or stale or (status == "no-data" and past_deadline)


def coming_up(status: str, deadline_last: date, as_of: date, *, horizon: date) -> bool:
    """A deadline between the report date and the horizon, not yet settled either way."""
    return as_of <= deadline_last <= horizon and status not in ("achieved", "missed")


def newly_achieved(status: str, before: str) -> bool:
    """Achieved now and not on `since`: "Achieved since" is the status changes to achieved,
    whenever the value that did it is for (a 2024 value entered this week is this week's news)."""
    return status == "achieved" and before != "achieved"


def attention_key(status: str, buffer_days: int | None, id_: str) -> tuple:
    """Worst status first, then the least time to spare."""
    return ATTENTION_ORDER.index(status), buffer_days or 0, id_


class Report(
    namedtuple(
        "Report",
        "as_of since within_days statuses attention upcoming changes new_observations achieved recorded rows",
        defaults=(None, ()),
    )
):
    """The weekly report, the one model every format draws: its date, the
    day its changes are counted from, the days ahead its deadlines are
    looked for; the status of every reported target (store order); the
    Facts of those needing attention (worst first), of those due (by
    deadline) and of those reached since (store order); the build.Change of
    each status changed and the (Target, Observation) of each value new
    since (store order); the latest day a value of theirs was recorded
    (None: none was); and `rows`, every reported target whole with its
    judgement (store order), which the JSON, CSV and HTML formats draw.

    Made by build.build from whole targets, or by cache/reportrows.py from
    the rows kept the day before: then `rows` is empty and each Facts has
    no `judged`, which only the text and Markdown formats need. A named
    tuple made by `collections`: drawing one imports neither typing nor
    dataclasses."""

    __slots__ = ()

    @property
    def summary(self) -> dict[str, int]:
        return counted(self.statuses)


def labelled(status: str, binding: bool | None) -> str:
    """The status, with "binding" for a binding (约束性) target: the ones a government answers for."""
    return _(status) + (_(" (binding)") if binding else "")


def how_far_from(parts: tuple[str, ...], buffer_days: int | None, days_left: int | None = None) -> str:
    """Where a target stands (report_common.how_far) from its parts, with
    its safety buffer: ahead of the straight line or behind it, both taken
    on the latest value's day, as the status is (so "behind" goes with a
    ratio below 1 and "ahead" with one of 1 or more). A deadline passed
    with no value says how long ago, from the days left of the day drawn."""
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:  # no value, and the deadline has passed: for how long, said on the day it is drawn
        return _("no value recorded; the {deadline} deadline passed {n} days ago").format(
            deadline=parts[1], n=-(days_left or 0)
        )
    current, when, expected, gap, side, stale = parts
    text = (
        _("{current} in {when}, {expected} expected then: {gap} behind the straight line")
        if side == "behind"
        else _("{current} in {when}, {expected} expected then: {gap} ahead of the straight line")
    ).format(current=current, when=when, expected=expected, gap=gap)
    if buffer_days is not None:
        text += _(" ({n} days)").format(n=abs(buffer_days))
    return text + stale
