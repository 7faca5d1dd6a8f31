"""A target's trajectory in the terminal: the values, the straight line from
base to target, the target level, the deadline, today and the projection.

Pure text: `draw` returns lines. With colour, Unicode marks and ANSI colour;
without (a pipe, NO_COLOR, TERM=dumb), plain ASCII only.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..model.quantity import format_quantity
from ..util.i18n import N_, _
from ..util.textwidth import width as cells
from .chartdata import ChartData, nice_axis

MARKS = {
    #          (plain, unicode, colour)
    "value": ("o", "●", "\x1b[1;36m"),
    "plan": (".", "·", "\x1b[2m"),
    "target": ("=", "─", "\x1b[32m"),
    "deadline": ("|", "│", "\x1b[31m"),
    "today": (":", "┊", "\x1b[33m"),
    "projection": ("*", "∙", "\x1b[35m"),
}
RESET = "\x1b[0m"
LEGEND = (
    ("value", N_("values")),
    ("plan", N_("straight line to the target")),
    ("target", N_("target")),
    ("deadline", N_("deadline")),
    ("today", N_("as of")),
    ("projection", N_("projection")),
)


def _label(v: float, unit: str) -> str:
    q = Decimal(str(round(v, 2 if abs(v) < 100 else 0)))
    return format_quantity(q, unit)


def draw(c: ChartData, total_width: int, height: int = 10, *, color: bool = False) -> list[str]:
    (x0, x1), (y0, y1) = c.x_range, c.y_range
    # Round ticks (1, 2 or 5 times a power of ten), as the HTML chart's, from zero for amounts; an axis
    # drawn cut (--zoom) keeps its range, labelled at its top, middle and bottom.
    y0, y1, ticks = nice_axis(y0, y1, 5) if not c.cut else (y0, y1, [y1, (y0 + y1) / 2, y0])
    span = max((x1 - x0).days, 1)

    def col(d: date) -> int:
        return min(w - 1, max(0, round((d - x0).days / span * (w - 1))))

    def row(v: float) -> int:
        return min(height - 1, max(0, round((y1 - v) / (y1 - y0) * (height - 1))))

    ylabels = {row(v): _label(v, c.unit) for v in ticks}
    margin = max(cells(s) for s in ylabels.values()) + 1
    w = max(total_width - margin - 1, 20)

    grid: list[list[str | None]] = [[None] * w for _ in range(height)]

    def put(r: int, c_: int, kind: str, strong: bool = True) -> None:
        if strong or grid[r][c_] is None:
            grid[r][c_] = kind

    def segment(a, b, kind) -> None:
        (da, va), (db, vb) = a, b
        ca, cb = col(da), col(db)
        for cc in range(ca, cb + 1):
            f = 0 if cb == ca else (cc - ca) / (cb - ca)
            put(row(va + (vb - va) * f), cc, kind, strong=False)

    # Weakest first: later marks win where they meet.
    if c.target is not None:
        for cc in range(w):
            put(row(c.target), cc, "target", strong=False)
    if c.plan:
        segment(*c.plan, "plan")
    if c.projection:
        segment(*c.projection, "projection")
    for r in range(height):
        if c.deadline and x0 <= c.deadline <= x1:
            put(r, col(c.deadline), "deadline", strong=False)
        put(r, col(c.as_of), "today", strong=False)
    for d, v in c.points:
        put(row(v), col(d), "value")

    def glyph(kind: str | None) -> str:
        if kind is None:
            return " "
        plain, uni, ansi = MARKS[kind]
        return f"{ansi}{uni}{RESET}" if color else plain

    lines = []
    for r in range(height):
        label = ylabels.get(r, "")
        axis_mark = ("┤" if label else "│") if color else "|"
        if c.cut and r == height - 1:
            axis_mark = "≈" if color else "~"  # the axis does not start at zero: drawn cut
        lines.append(" " * (margin - 1 - cells(label)) + label + axis_mark + "".join(glyph(k) for k in grid[r]))
    lines.append(" " * (margin - 1) + ("└" if color else "+") + ("─" if color else "-") * w)
    # Dates under the axis: the first day, the deadline and the last day, where they fit.
    axis = [" "] * w
    for d, text in (
        [(x0, x0.isoformat())]
        + ([(c.deadline, c.deadline_label or c.deadline.isoformat())] if c.deadline else [])
        + [(x1, x1.isoformat())]
    ):
        at = min(max(col(d) - len(text) // 2, 0), w - len(text))
        if all(ch == " " for ch in axis[max(at - 1, 0) : at + len(text) + 1]):
            axis[at : at + len(text)] = list(text)
    lines.append(" " * margin + "".join(axis).rstrip())
    present = {k for row_ in grid for k in row_ if k}
    return lines + _legend(present, glyph, margin, w)


def _legend(present: set, glyph, margin: int, w: int) -> list[str]:
    """The marks drawn, named, wrapped to the chart's width; an item wider than it on lines of its own."""
    lines: list[str] = []
    line, used = "", 0
    for k, name in LEGEND:
        if k not in present:
            continue
        item, item_cells = f"{glyph(k)} {_(name)}", 2 + cells(_(name))
        if used and used + 2 + item_cells > w:
            lines.append(" " * margin + line)
            line, used = "", 0
        if item_cells > w:
            from .fit import wrap

            pieces = wrap(_(name), max(w - 2, 10))
            lines += [
                " " * margin + (glyph(k) + " " if i == 0 else "  ") + piece for i, piece in enumerate(pieces[:-1])
            ]
            item, item_cells = "  " + pieces[-1], 2 + cells(pieces[-1])
        line += ("  " if used else "") + item
        used += (2 if used else 0) + item_cells
    if line:
        lines.append(" " * margin + line)
    return lines
