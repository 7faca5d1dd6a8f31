"""A Rich table for the terminal: coloured by status, CJK-aligned, titles folded, never cut.

User text goes in as `Text` objects, never as markup: a title holding "[/]"
or "[bold]" is shown as typed.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from .cells import columns, row_cells

BAR = 10


def progress_bar(t, a) -> Text:
    """Progress against the expected mark, like Taskwarrior's summary: the bar
    fills with progress; the yellow tick is where it should be by now."""
    if a.progress is None or t.spec.shape != "path":
        return Text(row_cells(t, a)[2])
    done = min(max(float(a.progress), 0.0), 1.0)
    filled = round(done * BAR)
    cells = ["█"] * filled + ["·"] * (BAR - filled)
    mark = None
    if a.expected is not None and a.status != "achieved":
        mark = min(round(float(a.expected) * BAR), BAR - 1)
        cells[mark] = "|"
    bar = Text()
    for i, ch in enumerate(cells):
        bar.append(ch, style="yellow" if i == mark else ("green" if a.status in ("achieved", "on-track") else "cyan"))
    bar.append(f" {float(a.progress) * 100:.0f}%")
    return bar

STATUS_STYLE = {
    "achieved": "bold green", "within": "green", "on-track": "green",
    "at-risk": "yellow", "off-track": "red", "regressing": "bold red",
    "missed": "bold red", "breached": "bold red", "pending": "cyan",
    "no-data": "dim", "not-started": "dim", "awaiting-data": "magenta",
}


def render(rows, out, *, color: bool = True) -> None:
    COLUMNS = columns(rows)
    cells = [[Text(c) for c in row_cells(t, a, len(COLUMNS) > 7)] for t, a in rows]
    if color:  # progress bars only where they can be seen as such
        for (t, a), row in zip(rows, cells):
            row[2] = progress_bar(t, a)
    on_terminal = hasattr(out, "isatty") and out.isatty()
    # Off a terminal Rich assumes 80 columns and would fold every title; a
    # file or pipe has no width, so it gets the table's natural width.
    console = Console(file=out, highlight=False, no_color=not color, width=None if on_terminal else 10_000,
                      force_terminal=color, emoji=False, markup=False)
    needs = [max([row[i].cell_len for row in cells] + [len(name)]) for i, name in enumerate(COLUMNS[:-1])]
    # Key columns keep their full width when the terminal has room for them
    # and a 10-cell title; otherwise they fold too. Nothing is ever cropped.
    roomy = sum(needs) + 3 * len(COLUMNS) + 1 + 10 <= console.width
    table = Table(box=box.ROUNDED if color else box.ASCII, header_style="bold" if color else None)
    for name, need in zip(COLUMNS[:-1], needs):
        if roomy:
            table.add_column(name, no_wrap=True, min_width=need)
        else:
            table.add_column(name, overflow="fold", min_width=min(len(name), 6))
    table.add_column(COLUMNS[-1], overflow="fold", min_width=10)
    for (t, a), row in zip(rows, cells):
        if color:
            row[1].stylize(STATUS_STYLE.get(a.status, ""))
        table.add_row(*row)
    if not on_terminal:
        console.width = Measurement.get(console, console.options, table).maximum
    console.print(table)
