"""The statuses and the orders of a list: plain constants and sort keys.

Apart from assess.py and selection.py, which use them, so that a `list`
served from kept rows (rowcache.py, fastlane.py) orders them by the very
same keys without importing the judging.
"""

from __future__ import annotations

from ..util.i18n import N_

STATUSES = (  # codes: the same in every language; each is also a message (i18n.py) for its label
    N_("achieved"),
    N_("on-track"),
    N_("at-risk"),
    N_("off-track"),
    N_("regressing"),
    N_("missed"),
    N_("within"),
    N_("breached"),
    N_("pending"),
    N_("awaiting-data"),
    N_("no-data"),
    N_("not-started"),
)
# Most in need of a person first: `list --sort status`, and a plan's weakest status.
ATTENTION_ORDER = (
    "missed",
    "breached",
    "regressing",
    "off-track",
    "at-risk",
    "awaiting-data",
    "no-data",
    "pending",
    "on-track",
    "not-started",
    "within",
    "achieved",
)
SORTS = ("deadline", "status", "progress", "urgency", "id")
NO_DEADLINE = 3652059  # date.max.toordinal(): no deadline sorts last


def order(by: str):
    """The sort key of `--sort by`, over the facts it looks at: (id, the
    deadline's last day as an ordinal or None, status, progress, safety
    buffer in days). One definition for judged rows and for kept ones."""
    return _SORT_KEYS[by]


def _by_deadline(id_, deadline, status, progress, buffer):
    return (NO_DEADLINE if deadline is None else deadline, id_)


def _urgency(id_, deadline, status, progress, buffer):
    """Missed and breached first, then the smallest safety buffer, then the rest by deadline."""
    deadline = NO_DEADLINE if deadline is None else deadline
    if status in ("missed", "breached"):
        return (0, 0, deadline, id_)
    if status in ("achieved", "within"):
        return (3, 0, deadline, id_)
    if buffer is not None:
        return (1, buffer, deadline, id_)
    return (2, 0, deadline, id_)


# Keys called alike, positionally, with a row's five fields.
_SORT_KEYS = {
    "deadline": _by_deadline,
    "id": lambda id_, deadline, status, progress, buffer: id_,
    "status": lambda id_, deadline, status, progress, buffer: (ATTENTION_ORDER.index(status), id_),
    "progress": lambda id_, deadline, status, progress, buffer: (progress is None, -(progress or 0), id_),
    "urgency": _urgency,
}
assert set(_SORT_KEYS) == set(SORTS)


def counted(statuses) -> dict[str, int]:
    """How many of each status, in the vocabulary's order; statuses with none left out."""
    counts: dict[str, int] = {}
    for s in statuses:
        counts[s] = counts.get(s, 0) + 1
    return {s: counts[s] for s in STATUSES if s in counts}
