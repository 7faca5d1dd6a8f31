"""What the command line needs of the terminal and of stderr, and nothing
heavier: colour, where data goes, and the one-line error. Shared by the
full command line (cli/program.py, cli/options.py) and the fast lane
(fastlane.py),
which must not import Typer.
"""

from __future__ import annotations

import os
import sys

from .i18n import _

PROG = "targettrack"


def color_wanted(no_color: bool) -> bool:
    """Colour only on a terminal, never with --no-color, NO_COLOR or TERM=dumb."""
    return (not no_color and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM") != "dumb" and sys.stdout.isatty())


class _TerminalSafe:
    """stdout for data on a terminal: control characters shown as codes."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        from .textwidth import terminal_safe

        return self.stream.write(terminal_safe(text))

    def __getattr__(self, name):
        return getattr(self.stream, name)


def data_out():
    """Where data (CSV, JSON, plain rows) goes: stdout as is to a file or a
    pipe, which get the exact text; on a terminal, with every character that
    would drive it (ESC, CR, C1, bidi overrides) shown as a code."""
    return _TerminalSafe(sys.stdout) if sys.stdout.isatty() else sys.stdout


def fail(message: str, code: int) -> int:
    from .textwidth import safe

    # One line, whatever the message held, and nothing in it (a file name, a
    # header row, a title) may drive the terminal.
    text = safe(" ".join(str(message).split()))
    print(_("{prog}: error: {message}").format(prog=PROG, message=text), file=sys.stderr)
    return code


def utf8_streams() -> None:
    """Output is UTF-8 whatever the locale (cron often runs with LANG unset or C)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8")


def end(code: int):
    """Flush what was written and leave at once: every file is written,
    fsynced and closed and the lock released by now, and skipping the
    interpreter's teardown of a large store's objects saves tens of
    milliseconds a run."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(code)
