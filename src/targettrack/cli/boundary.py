"""The one place a command's errors end, for both ways a command runs: the
full command line (program._Group.main, after Typer's own usage errors) and
the fast lane (fastlane.py). Each error is one line on stderr and an exit
code (docs/scripting.md): 0 success; 1 declined or internal error; 2 bad
input; 3 the store; 130 Ctrl-C. Light: it imports no Typer.
"""

from __future__ import annotations

import os
import sys

from ..util.errors import TargetTrackError
from ..util.terminal import command_process, error_said, fail, internal_error


def interrupted() -> str:
    """What Ctrl-C says: whether the change was saved (the store's own module, imported only then)."""
    from .commandstore import interrupted as said

    return said()


def reader_gone() -> int:
    """The reader went away (| head): stop quietly, as cat and git do."""
    try:
        sys.stdout = open(os.devnull, "w")
    except OSError:
        pass
    return 0


def ended(e: BaseException) -> int:
    """Say `e` in one line on stderr and return its exit code."""
    if isinstance(e, TargetTrackError):
        return fail(error_said(e), e.exit_code)
    if isinstance(e, KeyboardInterrupt):
        return fail(interrupted(), 130)
    if isinstance(e, BrokenPipeError):
        return reader_gone()
    return internal_error(e)


def run(work) -> int:
    """Run `work()`, which prints what a command prints, as a command: its
    output flushed, its errors ended here."""
    command_process()
    try:
        work()
        sys.stdout.flush()
    except (KeyboardInterrupt, Exception) as e:
        return ended(e)
    return 0


def completing() -> bool:
    """Whether the shell asks for completions (Typer answers them)."""
    return any(k.startswith("_TARGETTRACK_COMPLETE") for k in os.environ)
