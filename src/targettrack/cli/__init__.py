"""The command line: thin Typer commands over the library, one module per family.

    program.py the application, global options, errors and exit codes, main()
    options.py the options every command shares, parsing, the environment
    change.py  init, add, update, edit, remove, recover, config, undo
    view.py    history, list, show, info, plans
    io.py      report, export, import, extract
    repair.py  doctor, cache
    share.py   git-setup, merge, conflicts
    helptext.py, examples.py  help that reads well, with examples

A command parses its options into model values, makes one call into the
library, and hands the result to a renderer; no rule lives here.

`app` here is the whole application, every command registered (for tests,
docs and anyone importing it). The console script registers only the
family of the command it runs (program.load): each command is still
defined once, in its module.
"""

from __future__ import annotations

from .program import PROG, load, main
from .options import now_utc, today

__all__ = ["PROG", "app", "main", "now_utc", "today"]


def __getattr__(name: str):
    if name == "app":
        return load(None)  # every family
    raise AttributeError(name)
