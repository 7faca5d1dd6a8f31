"""Keeping a new version of the store, forgetting old ones, and reconciling
the version log with the file on disk (a crash between keeping a version
and replacing the store, an undo cut short, a store edited by hand).
versions.py holds the log and the files; only store/ calls this, while
holding the store's lock.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

from ..util.errors import StoreError
from ..util.frozen import replace
from . import fileformat as layout
from .atomicwrite import atomic_write
from .lock import modes
from .versions import (
    WRITTEN,
    Entry,
    _nofollow,
    _open_folder,
    _read,
    _unlink_version,
    _version_files,
    _write_journal,
    digest,
    folder,
    journal_for_writing,
    live,
    read_journal,
)

# --- keeping, forgetting, reconciling -----------------------------------------


KEEP = 20
# ...and, for a large store, no more than KEEP_BYTES_FACTOR times its size in
# all (20 copies of a 140 MB store would be 2.8 GB). Small stores keep all 20
# within KEEP_BYTES_FLOOR; at least two versions are always kept, for undo.
KEEP_BYTES_FACTOR = 5
KEEP_BYTES_FLOOR = 256 * 2**20


def keep(
    store: Path,
    data: bytes | layout.Pieces,
    command: str,
    *,
    kind: str = "change",
    delta: layout.Delta | None = None,
    sha256: str | None = None,
) -> Entry:
    """Keep `data` as the newest version, log it, and prune old ones.
    `sha256`: digest(data), when the caller has it already.

    `delta` is what this change did to the lines of the newest version (the
    store's bytes now); with it, the version is kept as that change record
    unless a full copy is due (see the module's note). Raises OSError (or
    StoreError) with nothing logged if it cannot."""
    file_mode, folder_mode = modes(store)
    d = _open_folder(store, folder_mode)
    entries = journal_for_writing(store, file_mode)
    on_disk = _version_files(d)
    n = max([e.n for e in entries] + [n for n, _ in on_disk], default=0) + 1
    now = datetime.now(timezone.utc)
    # A new change ends the versions undone before it: undo can no longer reach them.
    dropped = [e for e in entries if e.undone] if kind in ("change", "init") else []
    entries = [e for e in entries if e not in dropped]
    size = layout.size(data)
    record = _change_record(entries, size, kind, delta=delta, now=now)
    stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    sha256 = sha256 or digest(data)
    if record is None:
        entry = Entry(n, stamp, command, kind, size=size, sha256=sha256, stored=size)
        atomic_write(d / entry.file, data, mode=file_mode, sync=False)
    else:
        base, text = record
        entry = Entry(n, stamp, command, kind, base=base.n, size=size, sha256=sha256, stored=len(text.encode("utf-8")))
        atomic_write(d / entry.file, text, mode=file_mode, sync=False)
    dropped += _pruned(d, entries + [entry], size)
    kept = [e for e in entries + [entry] if e not in dropped]
    try:
        _write_journal(store, kept, file_mode)
    except BaseException:
        _unlink_version(d, entry)
        raise
    for e in dropped:  # exactly the files the log named, nothing else in the folder
        _unlink_version(d, e)
    return entry


def _change_record(entries: list[Entry], size: int, kind: str, *, delta, now: datetime):
    """(the version it applies to, the change record's text), or None when
    this version is kept as a full copy: a new store, a store as found, the
    first change of a day, or change records since the last copy that would
    outgrow the store."""
    versions = live(entries)
    if delta is None or kind != "change" or not versions:
        return None
    base = versions[-1]
    since = []
    for e in reversed(entries):
        if e.base is None:
            copy = e
            break
        since.append(e)
    else:
        return None
    if copy.time[:10] != now.strftime("%Y-%m-%d"):
        return None
    kept = sum(e.stored or 0 for e in since)
    if kept + delta.least_record_size() > size:  # outgrows the store whatever it holds (an import): not made
        return None
    text = delta.to_json(base.n)
    if kept + len(text.encode("utf-8")) > size:
        return None
    return base, text


def _pruned(d: Path, entries: list[Entry], size: int) -> list[Entry]:
    """The versions to let go: the oldest first, a copy only with the change
    records that build on it, while at least KEEP versions remain, or while
    they take more than the budget and at least two remain (for undo). The
    one found before a migration is kept for good."""
    recent = [e for e in entries if e.kind != "migration"]
    chains: list[list[Entry]] = []
    for e in recent:
        if e.base is None or not chains:
            chains.append([e])
        else:
            chains[-1].append(e)
    budget = max(KEEP_BYTES_FACTOR * size, KEEP_BYTES_FLOOR)
    sizes = {e.n: (e.stored if e.stored is not None else _size(d / e.file)) for e in recent}
    count, total = len(recent), sum(sizes.values())
    dropped: list[Entry] = []
    while len(chains) > 1:
        first = chains[0]
        rest = count - len(first)
        if rest >= KEEP or (total > budget and rest >= 2):
            chains.pop(0)
            dropped += first
            count, total = rest, total - sum(sizes[e.n] for e in first)
        else:
            break
    return dropped


def forget(store: Path, entry: Entry) -> None:
    """Take back a version just kept (its store write failed). Best effort:
    `reconcile` drops it anyway if this cannot."""
    try:
        entries = read_journal(store)
        _write_journal(store, [e for e in entries if e.n != entry.n], modes(store)[0])
        _unlink_version(folder(store), entry)
    except (OSError, StoreError):
        pass


def set_undone(store: Path, n: int, undone: bool) -> None:
    entries = read_journal(store)
    _write_journal(store, [replace(e, undone=undone) if e.n == n else e for e in entries], modes(store)[0])


def _identity(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def note_written(store: Path, entry: Entry) -> None:
    """Note that the store now holds `entry`, by the identity of the file
    targettrack just wrote. Best effort: without the note the next command
    compares the store's SHA-256 with the log instead."""
    try:
        st = os.stat(store)
        atomic_write(
            folder(store) / WRITTEN,
            json.dumps({"n": entry.n, "file": _identity(st)}) + "\n",
            mode=modes(store)[0],
            sync=False,
        )
    except OSError:
        try:
            os.unlink(folder(store) / WRITTEN)
        except OSError:
            pass


def _written(store: Path) -> dict | None:
    try:
        with open(folder(store) / WRITTEN, "rb", opener=_nofollow) as f:
            note = json.loads(f.read())
    except (OSError, ValueError):
        return None
    return (
        note if isinstance(note, dict) and type(note.get("n")) is int and isinstance(note.get("file"), list) else None
    )


def written_by_us(store: Path, st: os.stat_result) -> bool:
    """Whether the store file is, by its identity (size, modification and
    change times, inode), the one targettrack last wrote: then its bytes are
    in targettrack's layout. A file changed by anything else, even by a tool
    that restores its modification time, has another change time or inode."""
    note = _written(store)
    return note is not None and note["file"] == _identity(st)


def reconcile(store: Path, raw: bytes, st: os.stat_result | None = None) -> str:
    """Bring the log in line with the store's bytes after an interrupted
    write or undo, and say what the bytes are:

    "ours": exactly the newest version, as targettrack wrote it (its lines
    can be trusted as written); "kept": the newest version, kept as found;
    "new": not kept yet (edited by hand, restored from git, never written
    by targettrack): keep it before changing it."""
    entries = read_journal(store)
    versions = live(entries)
    if not versions:
        return "new"
    newest = versions[-1]
    note = _written(store) if st is not None else None
    if note is not None and note["n"] == newest.n and note["file"] == _identity(st) and newest.size == len(raw):
        return _state(newest)
    same = _Comparer(store, raw, entries)
    if same(newest):
        return _state(newest)
    if len(versions) >= 2 and same(versions[-2]):
        # The newest version was logged but the store never got it (a crash
        # between keeping it and writing the store), or the store was put back
        # by hand: either way it is not in effect, as if undone (the next
        # change drops it; until then it stays on disk).
        set_undone(store, newest.n, True)
        return _state(versions[-2])
    undone_after = [e for e in entries if e.undone and e.n > newest.n]
    if undone_after and same(undone_after[0]):
        # An undo was logged but the store kept the version it undid.
        set_undone(store, undone_after[0].n, False)
        return _state(undone_after[0])
    return "new"


class _Comparer:
    """Whether the store's bytes are a given version: by size and SHA-256
    where the log has them (hashed once), else by reading the copy."""

    def __init__(self, store: Path, raw: bytes, entries: list[Entry]):
        self.store, self.raw, self.entries = store, raw, entries
        self._digest: str | None = None

    def __call__(self, entry: Entry) -> bool:
        if entry.sha256 is not None:
            if entry.size != len(self.raw):
                return False
            if self._digest is None:
                self._digest = digest(self.raw)
            return self._digest == entry.sha256
        try:
            if (folder(self.store) / entry.file).stat().st_size != len(self.raw):
                return False
        except OSError:
            return False
        return _read(self.store, entry) == self.raw


def _state(entry: Entry) -> str:
    return "ours" if entry.kind in ("change", "init") else "kept"


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0
