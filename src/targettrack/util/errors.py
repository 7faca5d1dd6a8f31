"""The kinds of failure a user can cause, and the exit codes they map to.

Everything the user typed or imported that we cannot accept is an InputError
(exit 2); anything wrong with the store file itself (missing, unreadable,
corrupt, locked too long, not writable) is a StoreError (exit 3). The CLI turns
both into one line on stderr; nothing else should reach the user.

A rule in the library does not know whether its input came from an option or
from a cell of an imported file, so it names the field (`field="date"`) and
the entry point says where that field was: `--date: ...` on the command line,
`file.csv, row 3, column date: ...` in an import. The words of the rule are
the same everywhere.
"""

from __future__ import annotations

from .i18n import _


class TargetTrackError(Exception):
    exit_code = 1


class InputError(TargetTrackError, ValueError):
    """Bad usage or bad input. Nothing was written."""

    exit_code = 2

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field  # the input field at fault, when a rule knows it


class StoreError(TargetTrackError):
    """The store cannot be read, written or locked. Nothing was written."""

    exit_code = 3


def at(where: str, e: InputError) -> InputError:
    """The same refusal, said of a place (`--date`, `row 3, column date`)."""
    message = str(e)
    if message.startswith(where):
        return InputError(message)
    return InputError(_("{where}: {message}").format(where=where, message=message))
