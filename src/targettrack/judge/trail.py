"""The status each of a target's values left it at (pure): the history of
status a target's page shows (`site`).

Each value in effect is judged at the end of its period with the values
dated up to it: the statuses its trajectory passed through, read the way
`--as-of` reads the past, so that a value typed in years later (a history
imported at once) still has its place. When people recorded the values is
`history`'s and the report's business, not this one's.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model.corrections import in_effect
from ..model.settings import Settings
from ..model.target import Observation, Target, dated_by
from .assess import assess


class Step(NamedTuple):
    observation: Observation  # the value in effect for its period
    status: str  # the status with the values up to it, judged at its period's end


def status_trail(t: Target, settings: Settings | None = None, *, method: str | None = None) -> list[Step]:
    """Each value in effect, oldest period first, with the status it left `t` at."""
    effect = in_effect(t)
    values = sorted((o for o, current in zip(t.observations, effect) if current), key=lambda o: o.date.last)
    return [Step(o, assess(dated_by(t, o.date.last), o.date.last, settings, method=method).status) for o in values]


def runs(trail: list[Step]) -> list[tuple[Observation, Observation, str]]:
    """The trail in runs of one status: (first value, last value, status)."""
    out: list[tuple[Observation, Observation, str]] = []
    for step in trail:
        if out and out[-1][2] == step.status:
            out[-1] = (out[-1][0], step.observation, step.status)
        else:
            out.append((step.observation, step.observation, step.status))
    return out
