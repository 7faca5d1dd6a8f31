"""The command line: thin Typer commands over the library, one module per family.

    entry.py     the console script: Ctrl-C from the first instruction, the fast lane first
    fastlane.py  `list`, `update` and `report` without Typer, from kept rows
    commandstore.py  the store as a command opens it (both paths)
    recording.py `update` whole, as one call (both paths)
    typerpatch.py    the pinned patch of Typer's parameter coercion
    shape.py     the command line's shape for code without Typer (made by shapegen.py)
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

__all__ = ["PROG", "app", "main", "now_utc", "today"]


def __getattr__(name: str):
    # Lazy, so that the fast lane (fastlane.py, in this package) runs
    # without importing Typer: `targettrack.cli.app` and the rest are made
    # on first use.
    if name == "app":
        from .program import load

        return load(None)  # every family
    if name in ("PROG", "main", "load"):
        from . import program

        return getattr(program, name)
    if name in ("now_utc", "today"):
        from . import options

        return getattr(options, name)
    raise AttributeError(name)
