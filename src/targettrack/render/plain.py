"""Aligned plain text: no colour, no box characters, nothing cut at any width."""

from __future__ import annotations

from ..textwidth import pad, width
from .cells import columns, row_cells


def write_table(rows: list[tuple[str, ...]], out, indent: str = "") -> None:
    """Columns padded to their widest cell (by display width, so Chinese
    aligns); the last column goes unpadded, so a long title never pushes or
    cuts another column."""
    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for r in rows:
        out.write(indent + "  ".join(pad(c, w) for c, w in zip(r, widths)) + "  " + r[-1] + "\n")


def render(rows, out, *, color: bool = False) -> None:
    names = columns(rows)
    write_table([names] + [row_cells(t, a, len(names) > 7) for t, a in rows], out)
