"""Aligned plain text: no colour, no box characters, nothing cut at any width."""

from __future__ import annotations

from ..util.textwidth import width
from .lines import Line, columns, header

LONG = 24  # cells: a column wider than this is text (a title, a reason), not a value


def write_table(
    rows: list[tuple[str, ...]],
    out,
    indent: str = "",
    *,
    total: int | None = None,
    styles: dict | None = None,
    sizes: list[tuple[int, ...]] | None = None,
) -> None:
    """Columns padded to their widest cell (by display width, so Chinese
    aligns); the last column goes unpadded, so a long title never pushes or
    cuts another column.

    On a terminal `total` cells wide (None: no limit), the last column wraps
    under itself (fit.py's rules: no word broken, nothing lost); if even so
    the values before it leave no room, each row is stacked instead: its
    short values on one line, each long text (a reason, a title) wrapped on
    lines of its own. `styles` maps a column to a function giving a cell's
    style (colour on a terminal). `sizes`, the cells' widths if known."""
    if sizes is None:
        sizes = [[width(c) for c in r[:-1]] for r in rows]  # each cell measured once: 10,000 rows add up
    widths = [max(column) for column in zip(*sizes)][: len(rows[0]) - 1]
    start = width(indent) + sum(w + 2 for w in widths)
    if total and start + 20 > total:
        _stacked(rows, out, indent, total=total, styles=styles)
        return
    room = total - start if total else None
    write = out.write
    for n, (r, size) in enumerate(zip(rows, sizes)):
        cells = [c + " " * (w - s) for c, w, s in zip(r, widths, size)]
        if styles:
            cells = [_styled(shown, r[i], i, row=n, styles=styles) for i, shown in enumerate(cells)]
        last = _wrap(r[-1], room) if room and width(r[-1]) > room else [r[-1]]
        write(indent + "  ".join(cells) + "  " + last[0] + "\n")
        for more in last[1:]:
            write(" " * start + more + "\n")


def _wrap(text: str, room: int) -> list[str]:
    from .fit import wrap  # only on a terminal: fit's rules (and its imports) are not needed off one

    return wrap(text, room)


def _styled(shown: str, cell: str, column: int, *, row: int, styles) -> str:
    if not styles or not row or column not in styles:  # never the header
        return shown
    from .table import paint

    return paint(shown, styles[column](cell), True)


def _stacked(rows, out, indent: str, *, total: int, styles) -> None:
    """Each row on lines of its own: its short values on one line, aligned
    under their headings where those fit the width (else each value after
    its heading), and each long text wrapped on lines of its own below."""
    header, body = rows[0], rows[1:]
    # a title, a reason, a note; never the first column, the row's key (an id, a plan, a date)
    long = {i for i in range(1, len(header)) if max(width(r[i]) for r in body) > LONG}
    short = [i for i in range(len(header)) if i not in long]
    deeper = indent + "    "
    widths = {i: max(width(r[i]) for r in rows) for i in short}
    aligned = width(indent) + sum(widths[i] + 2 for i in short) - 2 <= total
    if aligned and short:
        out.write(indent + "  ".join(header[i] + " " * (widths[i] - width(header[i])) for i in short).rstrip() + "\n")
    for n, r in enumerate(body, 1):
        if aligned:
            cells = [_styled(r[i] + " " * (widths[i] - width(r[i])), r[i], i, row=n, styles=styles) for i in short]
            out.write((indent + "  ".join(cells)).rstrip() + "\n")
        else:
            _labelled(
                out, [(header[i], r[i], _styled(r[i], r[i], i, row=n, styles=styles)) for i in short], indent, total
            )
        for i in sorted(long):
            if r[i] in ("", "-"):
                continue
            for piece in _wrap(r[i], max(total - width(deeper), 20)):
                out.write(deeper + piece + "\n")


def _labelled(out, cells, indent: str, total: int) -> None:
    """Short values, each after its heading ("STATUS missed"), as many to a line as fit."""
    deeper = indent + "    "
    line, used = indent, width(indent)
    for head, text, shown in cells:
        size = width(head) + 1 + width(text)
        if used > width(indent) and used + 2 + size > total:
            out.write(line + "\n")
            line, used = deeper, width(deeper)
        elif used > width(indent):
            line, used = line + "  ", used + 2
        line, used = line + head + " " + shown, used + size
    out.write(line + "\n")


def piece(t, a) -> Line:
    """One target's Line (what the row cache keeps of it, too)."""
    from .cells import line

    return line(t, a)


def render(rows, out, *, color: bool = False) -> None:
    render_lines([piece(t, a) for t, a in rows], out, color=color)


def render_lines(lines: list[Line], out, *, color: bool = False) -> None:
    """Off a terminal, a line a target, nothing wrapped; on one (NO_COLOR or --no-color asks for no colour,
    not for lines wider than the terminal: issue 33), fitted to its width as write_table does."""
    names = columns(lines)
    binding = len(names) > 7
    headers = tuple(header(n) for n in names)
    total = None
    if hasattr(out, "isatty") and out.isatty():
        import shutil

        total = max(shutil.get_terminal_size((80, 24)).columns, 20)
    write_table(
        [headers] + [ln.shown(binding) for ln in lines],
        out,
        total=total,
        sizes=[tuple(width(h) for h in headers)] + [ln.shown_sizes(binding) for ln in lines],
    )


render_pieces = render_lines
