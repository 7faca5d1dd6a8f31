"""Long output through a pager, as git does it.

On a terminal (stdout and stdin both), what a paged command writes is held; when it ends, output
longer than the screen goes to the pager ($TARGETTRACK_PAGER, else $PAGER,
else `less -FRX`: quit if one screen, keep colours, leave the text on the
screen), shorter output straight to the terminal. Never when stdout is not
a terminal; `--no-pager`, or TARGETTRACK_PAGER or PAGER set empty (or to
`cat`), turn it off. Which commands page, and the option, are the command
line's (cli/entry.py); here only the holding and the handing over.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys

DEFAULT = "less -FRX"


def command() -> str | None:
    """The pager to run, or None for none: TARGETTRACK_PAGER, the config file's pager, PAGER, less."""
    from . import userconfig

    for name in ("TARGETTRACK_PAGER", "config", "PAGER"):
        chosen = userconfig.get("pager") if name == "config" else os.environ.get(name)
        if chosen is not None:
            return None if chosen.strip() in ("", "cat") else chosen.strip()
    return DEFAULT if shutil.which("less") else None


class _Held(io.StringIO):
    """stdout while a paged command runs: the terminal's, held (and said to be a terminal, so that what is
    drawn is fitted and coloured for it)."""

    def __init__(self, terminal):
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return True

    @property
    def encoding(self) -> str:
        return "utf-8"

    def fileno(self) -> int:
        return self.terminal.fileno()


def hold() -> None:
    """Hold what is written to stdout, if it is a terminal with someone at its keyboard (stdin a
    terminal too: a pager waits for keys) and a pager is to be had."""
    if (
        sys.stdout.isatty()
        and sys.stdin.isatty()
        and os.environ.get("TERM") != "dumb"
        and not isinstance(sys.stdout, _Held)
        and command()
    ):
        sys.stdout = _Held(sys.stdout)


def release() -> None:
    """What was held, to the pager if it is longer than the screen, else to the terminal."""
    held = sys.stdout
    if not isinstance(held, _Held):
        return
    sys.stdout = held.terminal
    text = held.getvalue()
    rows = shutil.get_terminal_size((80, 24)).lines
    pager = command()
    if text.count("\n") < rows or pager is None:
        sys.stdout.write(text)
        return
    _page(pager, text)


def _page(pager: str, text: str) -> None:
    sys.stdout.flush()
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX"), "LV": os.environ.get("LV", "-c")}
    interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pager's while it runs, as with git
    try:
        try:
            p = subprocess.Popen(pager, shell=True, stdin=subprocess.PIPE, env=env)
        except OSError:
            sys.stdout.write(text)
            return
        try:
            p.stdin.write(text.encode("utf-8"))
            p.stdin.close()
        except BrokenPipeError:  # the reader quit the pager before the end
            pass
        if p.wait() == 127:  # the shell found no such pager: the text, not nothing
            sys.stdout.write(text)
    finally:
        signal.signal(signal.SIGINT, interrupt)
