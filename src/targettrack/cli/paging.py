"""Which command lines page their output (util/pager.py does the paging):
the commands that print a view, on a terminal, unless --no-pager. Not
those that ask (`remove` on a terminal, `extract --review`), nor help."""

from __future__ import annotations

from .shape import ROOT_VALUE_OPTIONS

PAGED = frozenset({"list", "show", "history", "report", "plans", "diff", "extract", "info", "conflicts"})


def command_of(argv: list[str]) -> str | None:
    """The command word of `argv` (global options first, as hoist.py leaves them)."""
    args = iter(argv)
    for arg in args:
        if arg in ROOT_VALUE_OPTIONS:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
    return None


def start(argv: list[str]) -> None:
    if "--no-pager" in argv or "--review" in argv or "-h" in argv or "--help" in argv:
        return
    if command_of(argv) in PAGED:
        from ..util import pager

        pager.hold()
