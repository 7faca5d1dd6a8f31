"""The store as a command opens it: its configured language, and the kept
rows brought up to date under the lock when it writes. Shared by the full
command line (cli/options.py) and the fast lane (fastlane.py)."""

from __future__ import annotations

import os

from ..model.clock import today
from ..store.lock import locate
from ..store.readwrite import Store
from ..store.storefile import COMMITTED
from ..util.errors import TargetTrackError
from ..util.i18n import _


class CommandStore(Store):
    """The store of a command: once open, its `config lang` is the language,
    unless --lang or TARGETTRACK_LANG chose one."""

    def __init__(self, *args, lang_given: bool = True, cache: bool = True, **kw):
        super().__init__(*args, **kw)
        self.lang_given = lang_given  # the kept rows' file is chosen by it too (rowcache.file_for)
        self._cache = cache

    def __enter__(self) -> "Store":
        store = super().__enter__()
        if not self.lang_given:
            try:
                configured = store.settings().lang
            except TargetTrackError:  # bad settings: the command says so in its own words
                configured = ""
            if configured:
                from ..util import i18n

                i18n.use(configured, "the store's config lang")
        return store

    def __exit__(self, *exc) -> None:
        try:
            if exc[0] is None and self._cache:  # under the lock: the kept rows match the bytes written
                from ..cache import rowwrites

                try:
                    rowwrites.after_write(self, today())
                except Exception:  # the change is saved; the kept rows no longer match it and are only a miss
                    if os.environ.get("TARGETTRACK_DEBUG"):
                        raise
        finally:
            super().__exit__(*exc)


def command_store(
    db: str | None, command: str, *, write: bool = False, lang_given: bool = True, cache: bool = True
) -> CommandStore:
    """The store --db (or the default) names, as command `command` opens it."""
    return CommandStore(locate(db).path, write=write, command=command, lang_given=lang_given, cache=cache)


def interrupted() -> str:
    """What Ctrl-C interrupted: the store is replaced with Ctrl-C held
    (store.py), so either the change is wholly saved or nothing was written."""
    if COMMITTED:
        return _("interrupted after the change was saved ({command}); 'targettrack undo' reverts it").format(
            command=COMMITTED[-1]
        )
    return _("interrupted; nothing was written")
