"""The list as a table for the terminal: coloured by status, CJK-aligned,
fitted to the terminal's width with nothing cut (fit.py).

Drawn here rather than by Rich: Rich wraps only at spaces, folds ids and
numbers mid-word when a column is narrow, measures ambiguous-width
characters one way only, and costs a quarter of a millisecond a row. The
rules this follows are fit.py's; which columns give way first is docs/guide.md's
"Tables that fit".

Off a terminal (a file, a pipe) there is no width to fit: the table takes
its natural width, titles unwrapped.
"""

from __future__ import annotations

import shutil

from ..util.textwidth import AMBIGUOUS_WIDE, pad, width
from .fit import table_layout, wrap
from .lines import Line, columns, header

BAR = 10
# Which columns give way, first to last, before a title gets narrower than
# READABLE cells: what a reader can look up with `show` goes first.
DROP_ORDER = ("BINDING", "CURRENT", "TARGET", "DEADLINE", "PROGRESS")  # a number dropped: stacked instead
READABLE = 20

SGR = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "magenta": "35", "cyan": "36"}
STATUS_STYLE = {
    "achieved": "bold green",
    "within": "green",
    "on-track": "green",
    "at-risk": "yellow",
    "off-track": "red",
    "regressing": "bold red",
    "missed": "bold red",
    "breached": "bold red",
    "pending": "cyan",
    "no-data": "dim",
    "not-started": "dim",
    "awaiting-data": "magenta",
}
ROUNDED = {"top": "╭─┬╮", "mid": "├─┼┤", "bottom": "╰─┴╯", "bar": "│"}
ASCII = {"top": "+-++", "mid": "+-++", "bottom": "+-++", "bar": "|"}


def paint(text: str, style: str, color: bool) -> str:
    if not color or not style or not text:
        return text
    codes = ";".join(SGR[s] for s in style.split())
    return f"\x1b[{codes}m{text}\x1b[0m"


def progress_bar(ln: Line, color: bool) -> tuple[str, str]:
    """(the bar as drawn, its plain text): progress against the expected mark,
    like Taskwarrior's summary; the yellow tick is where it should be by now."""
    plain = ln.cells[2]
    if ln.progress is None or not ln.path:
        return plain, plain
    done = min(max(ln.progress, 0.0), 1.0)
    filled = round(done * BAR)
    cells = ["█"] * filled + ["·"] * (BAR - filled)
    mark = None
    if ln.expected is not None and ln.status != "achieved":
        mark = min(round(ln.expected * BAR), BAR - 1)
        cells[mark] = "|"
    fill = "green" if ln.status in ("achieved", "on-track") else "cyan"
    drawn = "".join(paint(ch, "yellow" if i == mark else fill, color) for i, ch in enumerate(cells))
    text = "".join(cells) + " " + plain
    return drawn + " " + plain, text


def terminal_width() -> int:
    return max(shutil.get_terminal_size((80, 24)).columns, 20)


def piece(t, a) -> Line:
    """One target's Line (what the row cache keeps of it, too)."""
    from .cells import line

    return line(t, a)


def render(rows, out, *, color: bool = True, total: int | None = None) -> None:
    render_lines([piece(t, a) for t, a in rows], out, color=color, total=total)


def render_lines(lines: list[Line], out, *, color: bool = True, total: int | None = None) -> None:
    names = columns(lines)
    headers = tuple(header(n) for n in names)
    cells = [list(ln.shown(len(names) > 7)) for ln in lines]
    on_terminal = hasattr(out, "isatty") and out.isatty()
    if total is None:
        total = terminal_width() if on_terminal else 10**6
    # Box lines are "ambiguous" characters: a CJK terminal draws them two
    # cells wide and the table would break apart, so it gets an ASCII box.
    box = ROUNDED if color and not AMBIGUOUS_WIDE else ASCII
    drawn = {}
    if color:  # progress bars where they can be seen as such, and where they fit
        bars = [progress_bar(ln, color) for ln in lines]
        with_bars = [row[:2] + [text] + row[3:] for row, (_, text) in zip(cells, bars)]
        layout = table_layout(
            names,
            [tuple(r) for r in with_bars],
            total,
            drop_order=DROP_ORDER,
            wrapping="TITLE",
            readable=READABLE,
            headers=headers,
        )
        if not layout.dropped and not layout.stacked:
            cells = with_bars
            drawn = {i: shown for i, (shown, _) in enumerate(bars)}
    layout = table_layout(
        names,
        [tuple(r) for r in cells],
        total,
        drop_order=DROP_ORDER,
        wrapping="TITLE",
        readable=READABLE,
        headers=headers,
    )
    # A number left out to make room for the title hides what the list is for (issue 33: at 80 columns the
    # first screen showed no target, current value or deadline): stack each target instead, every number on
    # its first line and its title under it.
    if layout.stacked or set(layout.dropped) & {"CURRENT", "TARGET", "DEADLINE", "PROGRESS"}:
        _stacked(names, lines, cells, out=out, total=total, color=color)
        return
    title = layout.shown.index(names.index("TITLE"))
    widths = layout.widths

    def rule(kind: str) -> str:
        left, line, cross, right = box[kind]
        return left + cross.join(line * (w + 2) for w in widths) + right

    bar = box["bar"]

    def line(parts: list[str]) -> str:
        return bar + bar.join(f" {p} " for p in parts) + bar

    out.write(rule("top") + "\n")
    out.write(line([paint(pad(headers[i], w), "bold", color) for i, w in zip(layout.shown, widths)]) + "\n")
    out.write(rule("mid") + "\n")
    for r, row in enumerate(cells):
        status = lines[r].status
        title_lines = wrap(row[names.index("TITLE")], widths[title])
        for k, piece in enumerate(title_lines):
            parts = []
            for j, (i, w) in enumerate(zip(layout.shown, widths)):
                if j == title:
                    parts.append(pad(piece, w))
                elif k:
                    parts.append(" " * w)
                elif names[i] == "STATUS":
                    parts.append(paint(row[i], STATUS_STYLE.get(status, ""), color) + " " * (w - width(row[i])))
                elif names[i] == "PROGRESS" and r in drawn:
                    parts.append(drawn[r] + " " * (w - width(row[i])))
                else:
                    parts.append(pad(row[i], w))
            out.write(line(parts) + "\n")
    out.write(rule("bottom") + "\n")


def _stacked(names, lines, cells, *, out, total: int, color: bool) -> None:
    """Too narrow for a title beside the other columns: each target's values
    on a line (aligned under a header where they fit, else flowing onto more
    lines), its title wrapped below it."""
    status_at, title_at = names.index("STATUS"), names.index("TITLE")
    short = [i for i in range(len(names)) if i != title_at]
    heads = {i: header(names[i]) for i in short}
    widths = {i: max([width(heads[i])] + [width(row[i]) for row in cells]) for i in short}
    aligned = sum(widths.values()) + 2 * (len(short) - 1) <= total
    if aligned:
        out.write(paint("  ".join(pad(heads[i], widths[i]) for i in short).rstrip(), "bold", color) + "\n")
    for ln, row in zip(lines, cells):

        def shown(i: int) -> str:
            return paint(row[i], STATUS_STYLE.get(ln.status, ""), color) if i == status_at else row[i]

        if aligned:
            text = [shown(i) + " " * (widths[i] - width(row[i])) for i in short]
            rows = ["  ".join(text).rstrip()]
        else:
            rows, used, current = [], 0, []
            for i in short:
                w = width(row[i])
                if current and used + 2 + w > total:
                    rows.append("  ".join(current))
                    current, used = [], 0
                current.append(shown(i))
                used += w + (2 if used else 0)
            rows.append("  ".join(current))
        for piece in wrap(row[title_at], total - 4):
            rows.append("    " + piece)
        out.write("\n".join(rows) + "\n")


render_pieces = render_lines
