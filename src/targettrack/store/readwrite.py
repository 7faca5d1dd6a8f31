"""The store as a command opens it (Store): the only way in to the file.

Why this is more than `TinyDB("targets.json")` (measured in the project's
field notes): TinyDB's JSONStorage rewrites the file in place, so a kill
mid-write leaves corrupt JSON; two processes updating at once lose updates;
and a missing or corrupt file is silently treated as empty. Here:

* the store's path is resolved once: a symbolic link to a store (a dotfile,
  a synced folder) is written through, and the lock and the kept versions
  belong to the real file;
* every writing command holds an exclusive `flock` on `<store>.lock` (a
  separate, stable file: a lock on the store itself would be lost when
  os.replace swaps the inode) from before it reads until after it writes,
  and checks that the file it locked is still the one at that path;
* every write keeps the new version (backups.py) and only then goes to a
  temporary file in the same folder, is fsynced, and replaces the store with
  os.replace, then the folder is fsynced; Ctrl-C waits until that is done;
* reading commands never create a file beside the store (the caches are in
  $XDG_CACHE_HOME); they take a shared lock only if the
  lock file already exists, so they never see a store between two writers;
* a missing, empty, non-UTF-8, non-JSON, foreign, newer, read-only or
  not-regular store (a FIFO, a device) is a StoreError naming the file and
  the problem, and is never overwritten.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..model.settings import Settings
from ..model.stored import from_dict, to_dict
from ..model.target import Target
from ..util.errors import InputError, StoreError
from ..util.i18n import _
from . import fileformat as layout
from .atomicwrite import atomic_write
from .fileformat import META_TABLE, TARGETS_TABLE
from .lock import (
    Lock,
    lock_timeout,
    real_path,
)
from .reading import StoreReading
from .storefile import APP, COMMITTED, StoreFile, _reason, _uninterrupted, _write_error, empty_data, parse


class Store(StoreReading):
    """Targets in a store file, for the length of one command.

    Use as a context manager: `with Store(path, write=True) as s: ...`. The
    lock is held until the block ends. Each change is written at once.
    """

    def __init__(self, path: Path, *, write: bool = False, timeout: float | None = None, command: str = ""):
        self.path = real_path(path)
        self.write = write
        self.command = command  # what the journal says this write did (shown by undo)
        self._lock = Lock(self.path, write, lock_timeout() if timeout is None else timeout)
        self._file: StoreFile | None = None
        self._ids: dict[str, int] | None = None  # id -> document number
        self._parsed: dict[str, Target] = {}  # the targets parsed so far
        self._found: tuple[bytes | None, dict] = (None, {})  # id -> number, found in these bytes (_number)
        self.as_read: tuple[bytes, os.stat_result] | None = None  # the bytes first read and their file's identity
        # document number -> the target written (None: removed; bytes: its line, from a Batch)
        self.changed: dict[int, Target | bytes | None] = {}
        self.rewritten = False  # more changed than targets (settings, an undo)

    def __enter__(self) -> "Store":
        self._lock.acquire()
        try:
            self._file = StoreFile(self.path, self.write, self.command)
            self._file.read()
            self.as_read = (self._file.raw, self._file.st)
            from . import keeping
            from . import versions as backups

            if self.write:
                self._check_writable()
                try:
                    self._file.state = keeping.reconcile(self.path, self._file.raw, self._file.st)
                except backups.JournalDamaged:
                    self._file.state = "new"  # the write sets the log aside and rebuilds it
                # Bytes identical to the version targettrack last wrote were
                # made from checked targets, in its own layout: a change to
                # one target rewrites one line. Anything else (a hand edit, a
                # file from elsewhere) is checked whole first, a document at a
                # time, or decoded whole where it is not a plain store.
                if (self._file.state != "ours" or not self._file.trust_lines()) and not self._recast():
                    self._file.data()
                    self.targets()
                else:
                    self._file.ours = True
            elif keeping.written_by_us(self.path, self._file.st):
                self._file.trusted = self._file.ours = True  # its lines are cut only if a command needs them
            elif layout.framed(self._file.raw):
                # From other hands (an edit, a git pull) but in the layout:
                # its lines are checked one at a time when first needed, not
                # decoded whole (five times the file in dicts).
                self._file.framed = True
            else:
                self._recast()  # or, where it is not a plain store, the whole decoder (meta, next)
            self._file.meta()  # fail now, with the reason, before any work
        except BaseException:
            self._lock.release()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self._lock.release()

    def _check_writable(self) -> None:
        """A store without write permission (chmod a-w) is a choice to respect,
        even by its owner or root, who could replace it anyway."""
        st = os.stat(self.path)
        if not st.st_mode & 0o222 or not os.access(self.path, os.W_OK):
            raise StoreError(
                _(
                    "{path}: the store is read-only (mode {mode}); nothing was written (chmod u+w it to allow changes)"
                ).format(path=self.path, mode=f"{stat.S_IMODE(st.st_mode):04o}")
            )

    @classmethod
    def create(cls, path: Path, targets: list[Target] = ()) -> None:
        """Write a new store; refuse if anything is already at `path`."""
        path = real_path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(
                _("{parent}: cannot create the folder ({reason})").format(parent=path.parent, reason=e.strerror)
            ) from None
        lock = Lock(path, True, lock_timeout())
        lock.acquire()
        try:
            if os.path.lexists(path):
                raise InputError(
                    _(
                        "{path} already exists; init never overwrites a store (use another --db path, or "
                        "remove the file yourself)"
                    ).format(path=path)
                )
            data = empty_data()
            data[TARGETS_TABLE] = {str(i): to_dict(t) for i, t in enumerate(targets, 1)}
            # Logged as "init": undo never goes back past it, into the
            # versions of an old store that was deleted at this path.
            StoreFile(path, True, "init", kind="init").write(data[META_TABLE]["1"], {}, full=data)
        finally:
            lock.release()

    # --- writing ------------------------------------------------------------

    def _write(self, changes: dict[str, Target | bytes | None], settings: Settings | None = None) -> None:
        """Write these changed documents (None: removed; bytes: a Batch's
        line) and, if given, the settings: all or nothing."""
        meta = self._file.meta()
        if settings is not None:
            meta = {"app": APP, "schema": meta["schema"]}
            if settings.to_dict():
                meta["settings"] = settings.to_dict()
        docs = {k: (t if t is None or isinstance(t, bytes) else to_dict(t)) for k, t in changes.items()}
        self._file.write(meta, docs)
        self.changed.update({int(k): t for k, t in changes.items()})
        self.rewritten = self.rewritten or settings is not None

    def save_settings(self, settings: Settings) -> None:
        self._write({}, settings)

    def add(self, target: Target) -> None:
        if target.id in self._index():
            raise InputError(
                _("a target with id {id} already exists; use 'targettrack edit {bare}' to change it").format(
                    id=repr(target.id), bare=target.id
                )
            )
        self.add_many([target])

    def put_all(self, targets: list[Target], settings: Settings | None = None) -> None:
        """Add or replace many targets (and the settings) in one write: all or nothing."""
        ids = dict(self._index())
        next_id = max(ids.values(), default=0) + 1
        changes: dict[str, Target | None] = {}
        for t in targets:
            if t.id in ids:
                doc_id = ids[t.id]
            else:
                doc_id, next_id = next_id, next_id + 1
            changes[str(doc_id)] = t
            ids[t.id] = doc_id
        self._write(changes, settings)
        self._ids = ids
        for t in targets:
            self._parsed[t.id] = t

    def get(self, target_id: str) -> Target | None:
        """The target of this id, or None; not kept for later (an import of
        thousands looks at each one once)."""
        t = self._parsed.get(target_id)
        if t is not None or target_id not in self._index():
            return t
        t = self._target(target_id)
        del self._parsed[target_id]
        return t

    def batch(self) -> "Batch":
        return Batch(self._index())

    def put_batch(self, batch: "Batch", settings: Settings | None = None) -> None:
        """put_all for a Batch: its lines (and the settings) in one write."""
        self._write(batch.lines, settings)
        self._ids = batch.ids
        for number in batch.lines:
            self._parsed.pop(batch.ids_at[number], None)

    def add_many(self, targets: list[Target]) -> None:
        # New numbers follow the highest in the store, as TinyDB numbers them.
        self.put_all(targets)

    def replace(self, old_id: str, target: Target) -> None:
        doc_id = self._number(old_id) if target.id == old_id else self._index()[old_id]
        self._write({str(doc_id): target})
        self._parsed.pop(old_id, None)
        if self._ids is not None:
            del self._ids[old_id]
            self._ids[target.id] = doc_id
        self._parsed[target.id] = target

    def remove(self, target_id: str) -> None:
        doc_id = self._index()[target_id]
        self._write({str(doc_id): None})
        del self._ids[target_id]
        self._parsed.pop(target_id, None)

    def describe(self, command: str) -> None:
        """What this command's write does, for the backup journal and `undo`."""
        self.command = command
        if self._file is not None:
            self._file.command = command

    def undo(self):
        """Put back the version before the newest one; returns the undone version's log entry.

        The log is changed first (the newest version marked undone), then the
        store: a crash in between is noticed by keeping.reconcile."""
        from . import keeping
        from . import versions as backups

        raw = self._file.read()
        try:
            backups.read_journal(self.path)  # a damaged log: refuse before keeping anything
            if self._file.state == "new":  # changed outside targettrack: keep that first
                keeping.keep(self.path, raw, "changes made outside targettrack", kind="found")
            step = backups.undo_step(self.path)
        except backups.JournalDamaged as e:
            raise StoreError(
                _(
                    "{detail}; nothing was undone. The kept versions are still in {folder} ('targettrack doctor' lists them); the next change rebuilds the log"
                ).format(detail=e, folder=backups.folder(self.path))
            ) from None
        except OSError as e:
            raise StoreError(
                _("{path}: cannot keep a version of the store ({reason}); nothing was undone").format(
                    path=self.path, reason=_reason(e)
                )
            ) from None
        if step is None:
            raise InputError(_("nothing to undo: {path} has no earlier version").format(path=self.path))
        newest, previous = step
        content = backups.before(self.path, newest, previous, raw=raw if self._file.state == "ours" else None)
        if content is None:
            raise StoreError(
                _("{file}: cannot read the version to go back to; nothing was undone").format(
                    file=backups.folder(self.path) / previous.file
                )
            )
        if previous.sha256 is None:  # an old full copy: never put back something that would not load
            parse(backups.folder(self.path) / previous.file, content)
        try:
            keeping.set_undone(self.path, newest.n, True)
        except OSError as e:
            raise StoreError(
                _("{folder}: cannot record the undo ({reason}); nothing was undone").format(
                    folder=backups.folder(self.path), reason=_reason(e)
                )
            ) from None
        try:
            with _uninterrupted():
                atomic_write(self.path, content)
                COMMITTED.append(f"undo {newest.command}")
        except OSError as e:
            try:
                keeping.set_undone(self.path, newest.n, False)
            except OSError:
                pass  # reconcile notices the store still holds the undone version
            raise _write_error(self.path, e) from None
        keeping.note_written(self.path, previous)
        self._file.now_holds(content)
        self.rewritten = True
        self._file.state = "ours" if previous.kind in ("change", "init") else "kept"
        self._ids, self._parsed = None, {}
        return newest

    def removed(self, target_id: str):
        """A target no longer in the store, as the newest kept version that
        holds it has it (the state just before it was removed), and that
        version's file and log entry. Later changes to other targets stay."""
        from . import versions as backups

        if target_id in self._index():
            raise InputError(
                _(
                    "{target_id} is in the store; recover brings back a removed target ('targettrack undo' reverts the last change)"
                ).format(target_id=target_id)
            )
        for doc, snap, entry in backups.documents_newest_first(self.path, target_id):
            try:
                return from_dict(doc), snap, entry
            except (ValueError, TypeError, ArithmeticError):
                continue
        raise InputError(
            _(
                "no kept version holds a target {target_id} (versions are kept in {folder}; 'targettrack doctor' lists them)"
            ).format(target_id=repr(target_id), folder=backups.folder(self.path))
        )


class Batch:
    """New or changed target documents for one write, each encoded to its
    line as it is added, numbered as put_all numbers them: an import of
    thousands holds their lines, not their targets."""

    def __init__(self, ids: dict[str, int]):
        self.ids = dict(ids)
        self.ids_at: dict[str, str] = {}  # document number -> the id written there
        self.lines: dict[str, bytes] = {}
        self._next = max(ids.values(), default=0) + 1

    def add(self, target_id: str, doc: dict) -> None:
        number = self.ids.get(target_id)
        if number is None:
            number, self._next = self._next, self._next + 1
            self.ids[target_id] = number
        key = str(number)
        self.lines[key] = layout.doc_line(key, doc).encode("utf-8")
        self.ids_at[key] = target_id
