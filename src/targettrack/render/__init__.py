"""Output formats, one module each, chosen by name (as jrnl's exporters are).

Each list format is a module with `render(rows, out, *, color)` where rows are
(Target, Assessment) pairs and out is a text stream. Modules are imported only
when chosen (the terminal table draws itself and imports no Rich).
"""

from __future__ import annotations

import importlib

# One vocabulary for --format across commands (docs/scripting.md, "For scripts"): text
# for people (aligned lines), table for the boxed terminal table, and the
# file formats by name. Older names still work.
FORMAT_ALIASES = {"plain": "text"}

LIST_FORMATS = {
    "table": "table",
    "text": "plain",
    "json": "json_format",
    "csv": "csv_format",
}


def list_renderer(name: str):
    return importlib.import_module(f"{__name__}.{LIST_FORMATS[name]}").render


def list_pieces(name: str):
    """(piece, render_pieces) of a list format: what it needs of each (target,
    assessment), made as targets stream by (selection.select_each), and how
    it writes them; render(rows) is render_pieces of each row's piece."""
    module = importlib.import_module(f"{__name__}.{LIST_FORMATS[name]}")
    return module.piece, module.render_pieces


# The formats for people draw Lines (cells.Line), which the row cache keeps.
LINE_FORMATS = ("table", "text")


def lines_renderer(name: str):
    return importlib.import_module(f"{__name__}.{LIST_FORMATS[name]}").render_lines


# --- the report's formats -------------------------------------------------------

REPORT_FORMATS = {
    "text": "report_text",
    "markdown": "report_markdown",
    "json": "report_json",
    "csv": "report_csv",
    "html": "report_html",
}
REPORT_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
}
# The formats a report made from kept rows (cache/reportrows.py) can draw;
# the others draw the reported targets whole (summary.Report.rows).
KEPT_ROW_FORMATS = ("text", "markdown")


def provenance_lines(recorded, as_of, git: dict | None) -> list[str]:
    """What a report says of its data's age and the commit it reflects (gitshare.provenance), in the reader's
    language: a cron report of stale data, or of a store a failed pull left behind, says so."""
    from ..util.i18n import _, prose_date

    lines = []
    if recorded is not None:
        days = (as_of - recorded).days
        said = {
            0: _("data: latest value recorded {day}, the day of the report"),
            1: _("data: latest value recorded {day}, the day before the report"),
        }.get(days, _("data: latest value recorded {day}, {n} days before the report"))
        lines.append(said.format(day=prose_date(recorded), n=days))
    if git:
        text = _("git: commit {commit} of {day}").format(commit=git["commit"], day=git["date"])
        if git.get("uncommitted"):
            text += _("; the store has changes not committed")
        if git.get("behind"):
            text += _("; {n} commit(s) behind its upstream: the last pull did not bring them").format(n=git["behind"])
        if git.get("unmerged"):
            text += _("; in an unfinished merge: finish it ('targettrack conflicts', 'git add', 'git commit')")
        lines.append(text)
    return lines


def report_renderer(name: str):
    return importlib.import_module(f"{__name__}.{REPORT_FORMATS[name]}").render


def print_report(
    rep, name: str, *, store: str | None, generated_at: str, color: bool, git: dict | None = None, **page
) -> None:
    """The report in format `name` on stdout, as `report` prints it: text on
    a terminal fitted to its width and in colour (user text in it is shown
    safe already: textwidth.safe; the colours are ours); anywhere else,
    written as it is drawn (a JSON report of 10,000 targets is 16 MB)."""
    import sys

    from ..util.terminal import data_out

    draw = report_renderer(name)
    if name == "text" and (sys.stdout.isatty() or color):  # color: a terminal's, or --color always
        import io
        import shutil

        buf = io.StringIO()
        draw(
            rep,
            buf,
            store=store,
            generated_at=generated_at,
            total=shutil.get_terminal_size((80, 24)).columns,
            color=color,
            git=git,
            **page,  # page: --limit
        )
        sys.stdout.write(buf.getvalue())
    else:
        draw(rep, data_out(), store=store, generated_at=generated_at, git=git, **page)  # html's title, zoom; --limit
