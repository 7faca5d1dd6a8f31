"""The closed set of target kinds and what each one means, as data.

Code that behaves differently per kind does not compare names
(`if t.kind == "cap"`); it reads these facts, or dispatches through a table
keyed by kind name. tests/test_kinds.py lists every such table and fails when
one lacks a kind, as beancount's coverage test does over ALL_DIRECTIVES: a
new kind or form is one entry here and one entry in each table.
"""

from __future__ import annotations

from typing import NamedTuple


class Kind(NamedTuple):
    name: str
    shape: str  # "path": judged against a path to a deadline; "bound": a limit; "event": done or not
    direction: int  # +1 more is better, -1 less is better, 0 done or not done
    needs_target: bool  # a value to reach or a limit
    needs_deadline: bool  # only caps, floors and milestones may be open-ended
    comparison: str  # how the target reads in a cell: "<=", ">=" or ""
    limit_word: str  # how a reason names the limit: "at most", "at least" or ""
    help: str  # one line for --help and the docs

    @property
    def boolean(self) -> bool:
        """Observations are 1 (done) and 0 (not done), not quantities."""
        return self.shape == "event"

    def reached(self, value, goal) -> bool:
        return value >= goal if self.direction > 0 else value <= goal


KIND = {
    k.name: k
    for k in (
        Kind("increase", "path", +1, True, True, "", "at least", "reach at least the target by the deadline"),
        Kind("decrease", "path", -1, True, True, "<=", "at most", "come down to the target by the deadline"),
        Kind("cap", "bound", -1, True, False, "<=", "at most", "stay at or below a limit"),
        Kind("floor", "bound", +1, True, False, ">=", "at least", "stay at or above a limit"),
        Kind("milestone", "event", 0, False, False, "", "", "be done by the deadline"),
    )
}
KINDS = tuple(KIND)
