"""The kept rows' patches: the rows a write changed, kept beside the rows.

A command that changes a few targets (an `update`, an `edit`) used to load
every kept row, patch its own and write them all back: at 10,000 targets
two thirds of an `update` (unmarshalling, checking and dumping 10,000 rows;
issue 36, item 3). Now it appends the rows it changed to a small journal
beside the rows file, with the identity of the bytes they are for, and
reads nothing else of the rows: the journal starts with what a patch needs
(the rows' head, the store's settings, how many rows there are). Reading the
rows (rows.load) applies the journal's patches in order, only to the rows
whose head the journal names; a journal of AT_MOST patches is folded into
the rows by the next write (rowwrites.patch), which starts a new one.

Like the rows, the journal is sealed by the cache folder's key and is only
ever a miss when it cannot be read: never an error.
"""

from __future__ import annotations

import marshal

from . import files as cachefiles

SUFFIX = ".patches"
AT_MOST = 64


class Journal:
    """The patches kept for one rows file: its head, its row count when it was written, the store's settings."""

    __slots__ = ("head", "count", "settings", "patches")

    def __init__(self, head: tuple, count: int, settings: dict, patches: tuple):
        self.head = head  # the rows file's head (rows.save): the rows these patches apply to
        self.count = count
        self.settings = settings
        self.patches = patches  # ((identity of the bytes after, their meta line, ((number, row or None), ...)), ...)

    def key(self) -> tuple:
        """The identity of the bytes the rows are for once the patches are applied."""
        return self.patches[-1][0] if self.patches else self.head[3]


def path_of(rows_path: str) -> str:
    return rows_path + SUFFIX


def read(rows_path: str) -> Journal | None:
    body = cachefiles.read(path_of(rows_path))
    if body is None:
        return None
    try:
        head, count, settings, patches = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None
    shaped = (
        isinstance(head, tuple)
        and len(head) == 6
        and type(count) is int
        and isinstance(settings, dict)
        and isinstance(patches, tuple)
        and all(isinstance(p, tuple) and len(p) == 3 and isinstance(p[2], tuple) for p in patches)
    )
    return Journal(head, count, settings, patches) if shaped else None


def write(rows_path: str, journal: Journal, store) -> None:
    body = marshal.dumps((journal.head, journal.count, journal.settings, journal.patches))
    cachefiles.write(path_of(rows_path), body, store)


def applied(entries: list[tuple], patches: tuple, key_at: int, *, well_formed) -> list[tuple] | None:
    """`entries` (store order) with the patches applied in order, or None if a patched row is not well formed."""
    rows = {e[key_at]: e for e in entries}
    for _key, _meta, changed in patches:
        for number, row in changed:
            if row is None:
                rows.pop(number, None)
            elif well_formed(row):
                rows[number] = row
            else:
                return None
    return [rows[k] for k in sorted(rows)]
