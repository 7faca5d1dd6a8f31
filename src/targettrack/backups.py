"""The versions of a store, for `undo` and `doctor --restore`.

Every version targettrack writes is also kept, as a copy, in
`<store>.backups/NNNNNN.json`, and `journal.json` says which command made
it and when. Copies, not hard links: a tool that damages the store in place
(`> targets.json`, a sync client, an editor writing in place) would damage a
hard-linked version with it. Before a write, if the store on disk is not the
newest kept version (it was edited by hand, restored from git, or never
written by targettrack), it is kept first, as found.

So the newest version that loads is always the last good state, and undo
steps back through the list. The newest KEEP versions are kept (fewer for a
very large store: see KEEP_BYTES_FACTOR); the version found before a schema
migration is kept for good.

Only store.py and doctor.py call this module, while holding the store's lock.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from .atomicfile import atomic_write

KEEP = 20
# ...and, for a large store, no more than KEEP_BYTES_FACTOR times its size in
# all (20 copies of a 140 MB store would be 2.8 GB). Small stores keep all 20
# within KEEP_BYTES_FLOOR; at least two versions are always kept, for undo.
KEEP_BYTES_FACTOR = 5
KEEP_BYTES_FLOOR = 256 * 2**20
JOURNAL = "journal.json"


@dataclass(frozen=True)
class Entry:
    n: int
    time: str
    command: str
    kind: str = "change"   # "change", "found" (kept as found on disk) or "migration" (found, older schema)
    undone: bool = False

    @property
    def file(self) -> str:
        return f"{self.n:06d}.json"


def folder(store: Path) -> Path:
    return Path(str(store) + ".backups")


def read_journal(store: Path) -> list[Entry]:
    try:
        raw = json.loads((folder(store) / JOURNAL).read_text(encoding="utf-8"))
        return [Entry(**e) for e in raw]
    except (OSError, ValueError, TypeError):
        return []  # no journal yet, or a damaged one: the copies are still there for doctor


def _write_journal(store: Path, entries: list[Entry]) -> None:
    atomic_write(folder(store) / JOURNAL, json.dumps([vars(e) for e in entries], ensure_ascii=False, indent=1) + "\n")


def live(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if not e.undone]


def is_newest(store: Path, content: bytes) -> bool:
    entries = live(read_journal(store))
    if not entries:
        return False
    newest = folder(store) / entries[-1].file
    try:
        return newest.stat().st_size == len(content) and newest.read_bytes() == content
    except OSError:
        return False


def keep(store: Path, content: bytes, command: str, kind: str = "change") -> Entry:
    """Keep `content` as the newest version, journal it, and prune old ones."""
    d = folder(store)
    d.mkdir(exist_ok=True)
    entries = read_journal(store)
    on_disk = [int(p.stem) for p in d.glob("[0-9]*.json") if p.stem.isdigit()]
    entry = Entry(max([e.n for e in entries] + on_disk, default=0) + 1,
                  datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), command, kind)
    # Plain write: the store itself is the durable copy; a damaged version is
    # skipped by doctor, which checks that a version loads before using it.
    forever = [e for e in entries + [entry] if e.kind == "migration"]
    recent = [e for e in entries + [entry] if e.kind != "migration"][-KEEP:]
    budget = max(KEEP_BYTES_FACTOR * len(content), KEEP_BYTES_FLOOR)
    sizes = {e.n: (len(content) if e is entry else _size(d / e.file)) for e in recent}
    while len(recent) > 2 and sum(sizes[e.n] for e in recent) > budget:
        recent.pop(0)
    entries = sorted(forever + recent, key=lambda e: e.n)
    try:
        with open(d / entry.file, "wb") as f:
            f.write(content)
        _write_journal(store, entries)
    except OSError:  # leave nothing half-kept behind
        (d / entry.file).unlink(missing_ok=True)
        remove_if_empty(store)
        raise
    known = {e.file for e in entries}
    for p in d.glob("[0-9]*.json"):
        if p.name not in known:  # pruned, or left by a crash before its journal line
            p.unlink(missing_ok=True)
    return entry


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0


def undo_step(store: Path) -> tuple[Entry, Entry] | None:
    """(the newest version, the one before it), or None if there is nothing to go back to."""
    entries = live(read_journal(store))
    if len(entries) < 2:
        return None
    return entries[-1], entries[-2]


def mark_undone(store: Path, n: int) -> None:
    _write_journal(store, [replace(e, undone=True) if e.n == n else e for e in read_journal(store)])


def versions_newest_first(store: Path) -> list[tuple[Path, Entry | None]]:
    """Every kept version that is not undone, newest first, with its journal entry if any."""
    entries = read_journal(store)
    by_file = {e.file: e for e in entries}
    undone = {e.file for e in entries if e.undone}
    files = sorted((p for p in folder(store).glob("[0-9]*.json") if p.name not in undone),
                   key=lambda p: p.name, reverse=True)
    return [(p, by_file.get(p.name)) for p in files]


def remove_if_empty(store: Path) -> None:
    try:
        os.rmdir(folder(store))
    except OSError:
        pass
