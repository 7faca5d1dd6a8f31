"""The list as people read it (the text and table formats): one Line per
target, its cells already made. Plain data and light: a `list` served from
kept rows (rowcache.py, fastlane.py) draws them without importing how the
cells are made (cells.py).
"""

from __future__ import annotations

from collections import namedtuple

from ..util.i18n import N_, _

COLUMNS = ("ID", "STATUS", "PROGRESS", "CURRENT", "TARGET", "DEADLINE", "TITLE")
# The headers as a reader sees them (the names above are the code's).
HEADERS = {
    n: n
    for n in (
        N_("ID"),
        N_("STATUS"),
        N_("PROGRESS"),
        N_("CURRENT"),
        N_("TARGET"),
        N_("DEADLINE"),
        N_("BINDING"),
        N_("TITLE"),
    )
}


def header(name: str) -> str:
    return _(name)


class Line(namedtuple("Line", "cells status progress expected path binding_said sizes")):
    """A target as the list shows it: its cells (ID, STATUS, PROGRESS,
    CURRENT, TARGET, DEADLINE, BINDING, TITLE), its status code (what colours
    it), progress and the expected share as floats (the bar), whether its
    kind moves along a path from a base (a bar means something), whether it
    says it is binding, and the display width of each cell but the title
    (measured once: the title is the last column, never padded)."""

    __slots__ = ()

    def shown(self, binding: bool) -> tuple[str, ...]:
        """The cells of the columns shown: BINDING only when the list has that column."""
        return self.cells if binding else self.cells[:6] + self.cells[7:]

    def shown_sizes(self, binding: bool) -> tuple[int, ...]:
        """The widths of the shown cells before the title."""
        return self.sizes if binding else self.sizes[:6]


def columns(lines: list[Line]) -> tuple[str, ...]:
    """The list's columns: BINDING (约束性 / 预期性) only when some listed target says which it is."""
    if any(line.binding_said for line in lines):
        return COLUMNS[:-1] + ("BINDING",) + COLUMNS[-1:]
    return COLUMNS
