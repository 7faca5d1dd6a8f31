"""Aligned plain text: no colour, no box characters, nothing cut at any width."""

from __future__ import annotations

from ..textwidth import pad, width
from .cells import COLUMNS, row_cells


def render(rows, out, *, color: bool = False) -> None:
    table = [COLUMNS] + [row_cells(t, a) for t, a in rows]
    widths = [max(width(r[i]) for r in table) for i in range(len(COLUMNS) - 1)]
    for r in table:
        # The title goes last and unpadded, so a long title never pushes or cuts another column.
        out.write("  ".join(pad(c, w) for c, w in zip(r, widths)) + "  " + r[-1] + "\n")
