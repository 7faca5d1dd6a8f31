"""Output formats, one module each, chosen by name (as jrnl's exporters are).

Each list format is a module with `render(rows, out, *, color)` where rows are
(Target, Assessment) pairs and out is a text stream. Modules are imported only
when chosen (the terminal table draws itself and imports no Rich).
"""

from __future__ import annotations

import importlib

# One vocabulary for --format across commands (README, "For scripts"): text
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
