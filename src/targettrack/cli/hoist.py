"""Global options anywhere: `targettrack list --lang zh --db x.json
--no-color` runs as `targettrack --lang zh --db x.json --no-color list`, as
git's and Taskwarrior's users expect. Both the fast lane and Typer read the
arguments this gives them, so both take the options in either place.

Only the root options the fast lane knows (shape.ROOT: --db, --lang,
--no-color, --no-cache) move, and only where the command has no option of
that name; what follows an option of the command that takes a value is that
option's, and everything after `--` stays where it is.
"""

from __future__ import annotations

from .shape import FAMILIES, ROOT, ROOT_VALUE_OPTIONS, TAKES_VALUE


def _command_at(argv: list[str]) -> int | None:
    """Where the command's name is in `argv` (None: no command)."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ROOT_VALUE_OPTIONS:
            i += 2
        elif arg.startswith("-"):
            i += 1
        else:
            return i if arg in FAMILIES else None
    return None


def _a_value(argv: list[str], j: int) -> bool:
    """Whether the root option at argv[j] is given a value that is one: not missing, not empty, not an
    option (`--db --date`): those are left where they are, for Typer to say what is wrong."""
    arg = argv[j]
    value = arg.partition("=")[2] if arg.startswith("--") and "=" in arg else (argv[j + 1] if j + 1 < len(argv) else "")
    return bool(value) and not value.startswith("-")


def hoisted(argv: list[str]) -> list[str]:
    """`argv` with the root options given after the command moved before it (in their order)."""
    at = _command_at(argv)
    if at is None:
        return argv
    takes_value = set(TAKES_VALUE.get(argv[at], ()))
    moved: list[str] = []
    rest: list[str] = []
    j = at + 1
    while j < len(argv):
        arg = argv[j]
        name = arg.partition("=")[0] if arg.startswith("--") else arg
        if arg == "--":
            rest += argv[j:]
            break
        if name in ROOT["flags"] and name == arg and name not in takes_value:
            moved.append(arg)
        elif name in ROOT["values"] and name not in takes_value and _a_value(argv, j):
            moved += [arg] if name != arg else argv[j : j + 2]
            j += 0 if name != arg else 1
        elif name in takes_value and name == arg and j + 1 < len(argv):
            rest += argv[j : j + 2]  # the value is the option's, whatever it looks like
            j += 1
        else:
            rest.append(arg)
        j += 1
    return argv if not moved else argv[:at] + moved + [argv[at]] + rest
