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


COLOR_WHEN = ("auto", "always", "never")


def color_wanted(no_color: bool, when: str | None = None) -> bool:
    """Colour on a terminal (auto), unless --no-color or --color never says
    otherwise; --color always (for `less -R`) colours a pipe too. From the
    environment, below the options and in CPython's order: NO_COLOR (any
    value) turns it off, else FORCE_COLOR (any value) on; then the config
    file's color (userconfig.py); TERM=dumb off."""
    if no_color or when == "never":
        return False
    if when == "always":
        return True
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    from . import userconfig

    mine = userconfig.get("color")
    if mine in ("always", "never"):
        return mine == "always"
    return os.environ.get("TERM") != "dumb" and sys.stdout.isatty()


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


# A rule in the library names the field it refused; on the command line that
# field is this option (the rest are "--" + the field with dashes).
FIELD_OPTIONS = {"value": "VALUE", "id": "ID", "tags": "--tag", "unset": "--unset"}


def option_for(field: str) -> str:
    return FIELD_OPTIONS.get(field, "--" + field.replace("_", "-"))


def error_said(e) -> str:
    """A TargetTrackError as the command line says it: an input error names its option."""
    from .errors import InputError, at

    return str(at(option_for(e.field), e) if isinstance(e, InputError) and e.field else e)


def internal_error(e: Exception) -> int:
    """A bug: one line and exit 1, never a traceback (TARGETTRACK_DEBUG=1 lets it through)."""
    if os.environ.get("TARGETTRACK_DEBUG"):
        raise e
    return fail(
        _("internal error ({kind}: {detail}); please report it (TARGETTRACK_DEBUG=1 shows the traceback)").format(
            kind=type(e).__name__, detail=e
        ),
        1,
    )


def command_process() -> None:
    """Set up this process to run a command that may write: output in UTF-8;
    a file-size limit (ulimit -f) that would have the kernel kill us
    mid-write ignored, so the write fails with EFBIG and the store stays as
    it was; and Python's own Ctrl-C handler again (entry.py's start-up one
    says nothing was written), unless Ctrl-C was ignored when we started."""
    import signal

    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    utf8_streams()
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def utf8_streams() -> None:
    """Output is UTF-8 whatever the locale (cron often runs with LANG unset or C)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8")


def end(code: int):
    """Flush what was written and leave at once: every file is written,
    fsynced and closed and the lock released by now, and skipping the
    interpreter's teardown of a large store's objects saves tens of
    milliseconds a run. A cache folder that could not be trusted is said
    here, once (cache/files.py)."""
    cache = sys.modules.get("targettrack.cache.files")
    if cache is not None and cache.untrusted:
        where, why = cache.untrusted
        print(
            _(
                "{prog}: warning: the cache folder {folder} {why}; nothing is kept there or read from it (make it "
                "yours alone: chmod 700, or point XDG_CACHE_HOME elsewhere)"
            ).format(prog="targettrack", folder=where, why=_(why)),
            file=sys.stderr,
        )
    pager = sys.modules.get("targettrack.util.pager")
    try:
        if pager is not None:
            pager.release()  # what a paged command held: to the pager or the terminal
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(code)


def count_of(value: str) -> int | None:
    """A count of at least 1 as typed (--limit 20), or None."""
    return int(value) if value.isascii() and value.isdigit() and int(value) >= 1 else None


def left_out(shown: int, total: int) -> None:
    """Say on a terminal's stderr how many rows --limit left out (a script reading stdout gets only the rows)."""
    if total > shown and sys.stderr.isatty():
        print(
            _("{prog}: {shown} of {total} shown (--limit); {more} more").format(
                prog=PROG, shown=shown, total=total, more=total - shown
            ),
            file=sys.stderr,
        )


def hint(message: str) -> None:
    """One line on what to do next, on a terminal's stderr only (cron mail and scripts get none)."""
    if sys.stderr.isatty():
        print(_("{prog}: next: {message}").format(prog=PROG, message=message), file=sys.stderr)


def nothing_listed(filtered: bool) -> None:
    """The hint of a list that shows no target."""
    hint(
        _("no target matches; 'targettrack list' without filters shows them all")
        if filtered
        else _("the store has no targets yet: targettrack add ID --title TEXT --target VALUE --deadline DATE")
    )
