"""The command line: thin Typer commands over the library, one module per family.

    program.py the application, global options, errors and exit codes, main()
    options.py the options every command shares, parsing, the environment
    change.py  init, add, update, edit, remove, recover, config, undo
    view.py    history, list, show, info, plans
    io.py      report, export, import, extract
    repair.py  doctor
    share.py   git-setup, merge, conflicts
    helptext.py, examples.py  help that reads well, with examples

A command parses its options into model values, makes one call into the
library, and hands the result to a renderer; no rule lives here.
"""

from __future__ import annotations

from . import change, io, repair, share, view  # noqa: F401  (each registers its commands on `app`)
from .examples import epilog
from .program import PROG, app, main
from .options import now_utc, today

for _info in app.registered_commands:  # examples close every command's --help
    _name = _info.name or _info.callback.__name__.rstrip("_").replace("_", "-")
    _info.epilog = _info.epilog or epilog(_name)

__all__ = ["PROG", "app", "main", "now_utc", "today"]
