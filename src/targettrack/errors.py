"""The two kinds of failure a user can cause, and the exit codes they map to.

Everything the user typed or imported that we cannot accept is an InputError
(exit 2); anything wrong with the store file itself (missing, unreadable,
corrupt, locked too long, not writable) is a StoreError (exit 3). The CLI turns
both into one line on stderr; nothing else should reach the user.
"""


class TargetTrackError(Exception):
    exit_code = 1


class InputError(TargetTrackError, ValueError):
    """Bad usage or bad input. Nothing was written."""

    exit_code = 2


class StoreError(TargetTrackError):
    """The store cannot be read, written or locked. Nothing was written."""

    exit_code = 3
