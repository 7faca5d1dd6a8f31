"""The versions of a store, for `undo` and `doctor --restore`.

Every version targettrack writes is also kept, as a copy, in
`<store>.backups/NNNNNN.json`, and `journal.json` (the version log) says
which command made it and when. Copies, not hard links: a tool that damages
the store in place (`> targets.json`, a sync client, an editor writing in
place) would damage a hard-linked version with it.

The order of a write is what makes a crash harmless (store.py):

1. if the store on disk is not the newest kept version (edited by hand,
   restored from git, never written by targettrack), keep it first, as found;
2. keep the new version and log it;
3. only then replace the store.

A crash between 2 and 3 leaves a logged version that never became the store;
`reconcile` finds it (the store still equals the version before it) and
marks it undone, so `undo` can never "go back" to a change that was not made.
`undo` logs first too (it marks the newest version undone, then writes the
store), and `reconcile` likewise notices an undo that was cut short.

The folder holds only what this module writes: version files named by their
number, the log and temporary files. Pruning deletes exactly the files the
log names and nothing else, never through a symbolic link, and a damaged
log is never read as an empty one (which would prune everything): it is set
aside and the log rebuilt from the version files present.

Only store.py and doctor.py call this module, while holding the store's lock.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from .atomicfile import atomic_write
from .errors import StoreError

KEEP = 20
# ...and, for a large store, no more than KEEP_BYTES_FACTOR times its size in
# all (20 copies of a 140 MB store would be 2.8 GB). Small stores keep all 20
# within KEEP_BYTES_FLOOR; at least two versions are always kept, for undo.
KEEP_BYTES_FACTOR = 5
KEEP_BYTES_FLOOR = 256 * 2**20
JOURNAL = "journal.json"
KINDS = ("change", "found", "migration", "init")
_VERSION = re.compile(r"[0-9]{6,}\.json")


@dataclass(frozen=True)
class Entry:
    n: int
    time: str
    command: str
    kind: str = "change"   # change; found (kept as found on disk); migration (found, older schema); init
    undone: bool = False

    @property
    def file(self) -> str:
        return f"{self.n:06d}.json"


class JournalDamaged(StoreError):
    """The version log cannot be read; the versions themselves are still there."""


def folder(store: Path) -> Path:
    return Path(str(store) + ".backups")


def is_version_file(name: str) -> bool:
    return bool(_VERSION.fullmatch(name))


# --- the log --------------------------------------------------------------------

def read_journal(store: Path) -> list[Entry]:
    """The log, oldest first; [] when there is none yet. A log that exists
    but cannot be read is JournalDamaged, never an empty log."""
    path = folder(store) / JOURNAL
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as e:
        raise JournalDamaged(f"{path}: cannot read the version log ({e.strerror})") from None
    try:
        entries = [Entry(**e) for e in json.loads(raw.decode("utf-8"))]
        if any(type(e.n) is not int or e.n < 1 or e.kind not in KINDS or type(e.undone) is not bool
               or not isinstance(e.command, str) or not isinstance(e.time, str) for e in entries):
            raise ValueError("an entry is not of the log's form")
        if [e.n for e in entries] != sorted({e.n for e in entries}):
            raise ValueError("entries out of order")
    except (ValueError, TypeError, RecursionError) as e:
        raise JournalDamaged(f"{path}: the version log is damaged ({str(e)[:80]})") from None
    return entries


def _write_journal(store: Path, entries: list[Entry], mode: int) -> None:
    atomic_write(folder(store) / JOURNAL,
                 json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=1) + "\n", mode=mode)


def _rebuilt_journal(store: Path, mode: int) -> list[Entry]:
    """Set a damaged log aside and rebuild one from the version files present."""
    d = folder(store)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    aside = unique_path(d / f"{JOURNAL}.damaged-{stamp}")
    os.replace(d / JOURNAL, aside)
    entries = []
    for n, p in _version_files(d):
        when = datetime.fromtimestamp(p.lstat().st_mtime, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        entries.append(Entry(n, when, f"(from the version file; the log was damaged, kept as {aside.name})", "found"))
    _write_journal(store, entries, mode)
    return entries


def journal_for_writing(store: Path, mode: int) -> list[Entry]:
    try:
        return read_journal(store)
    except JournalDamaged:
        return _rebuilt_journal(store, mode)


def live(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if not e.undone]


# --- files --------------------------------------------------------------------

def modes(store: Path) -> tuple[int, int]:
    """(file mode, folder mode) for kept versions: the store's own, so a
    private store (0600) has private versions (0600, folder 0700)."""
    try:
        m = stat.S_IMODE(os.stat(store).st_mode) & 0o666
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        m = 0o666 & ~umask
    return m, m | ((m & 0o444) >> 2)


def _open_folder(store: Path, folder_mode: int) -> Path:
    d = folder(store)
    try:
        st = os.lstat(d)
    except FileNotFoundError:
        os.mkdir(d, folder_mode)
        os.chmod(d, folder_mode)  # mkdir's mode is cut by the umask
        return d
    if stat.S_ISLNK(st.st_mode):
        raise StoreError(f"{d} is a symbolic link; targettrack keeps versions only in a real folder beside the "
                         "store (remove the link or move the store); nothing was written")
    if not stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{d} is not a folder; targettrack keeps the store's versions there; nothing was written")
    return d


def _version_files(d: Path) -> list[tuple[int, Path]]:
    """Version files present, by number (not by name: 999999 < 1000000)."""
    try:
        names = os.listdir(d)
    except OSError:
        return []
    return sorted((int(name[:-5]), d / name) for name in names if is_version_file(name))


def unique_path(path: Path) -> Path:
    """`path`, or `path-2`, `path-3`... : the first name not taken."""
    candidate, i = path, 1
    while os.path.lexists(candidate):
        i += 1
        candidate = path.with_name(f"{path.name}-{i}")
    return candidate


def content(store: Path, entry: Entry) -> bytes | None:
    try:
        with open(folder(store) / entry.file, "rb", opener=_nofollow) as f:
            return f.read()
    except OSError:
        return None


def _nofollow(path, flags):
    return os.open(path, flags | os.O_NOFOLLOW)


def _unlink_version(d: Path, entry: Entry) -> None:
    try:
        os.unlink(d / entry.file)  # unlink never follows a link: it removes the link itself
    except FileNotFoundError:
        pass


# --- keeping, forgetting, reconciling -----------------------------------------

def keep(store: Path, data: bytes, command: str, kind: str = "change") -> Entry:
    """Keep `data` as the newest version, log it, and prune old ones.

    Raises OSError (or StoreError) with nothing logged if it cannot."""
    file_mode, folder_mode = modes(store)
    d = _open_folder(store, folder_mode)
    entries = journal_for_writing(store, file_mode)
    on_disk = _version_files(d)
    n = max([e.n for e in entries] + [n for n, _ in on_disk], default=0) + 1
    entry = Entry(n, datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), command, kind)
    atomic_write(d / entry.file, data, mode=file_mode, sync=False)
    # A new change ends the versions undone before it: undo can no longer reach them.
    dropped = [e for e in entries if e.undone] if kind in ("change", "init") else []
    entries = [e for e in entries if e not in dropped]
    forever = [e for e in entries + [entry] if e.kind == "migration"]
    recent = [e for e in entries + [entry] if e.kind != "migration"]
    budget = max(KEEP_BYTES_FACTOR * len(data), KEEP_BYTES_FLOOR)
    sizes = {e.n: (len(data) if e is entry else _size(d / e.file)) for e in recent}
    while len(recent) > 2 and (len(recent) > KEEP or sum(sizes[e.n] for e in recent) > budget):
        dropped.append(recent.pop(0))
    kept = sorted(forever + recent, key=lambda e: e.n)
    try:
        _write_journal(store, kept, file_mode)
    except BaseException:
        _unlink_version(d, entry)
        raise
    for e in dropped:  # exactly the files the log named, nothing else in the folder
        _unlink_version(d, e)
    return entry


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


def reconcile(store: Path, raw: bytes) -> str:
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
    if _same(store, newest, raw):
        return _state(newest)
    if len(versions) >= 2 and _same(store, versions[-2], raw):
        # The newest version was logged but the store never got it (a crash
        # between keeping it and writing the store), or the store was put back
        # by hand: either way it is not in effect, as if undone (the next
        # change drops it; until then it stays on disk).
        set_undone(store, newest.n, True)
        return _state(versions[-2])
    undone_after = [e for e in entries if e.undone and e.n > newest.n]
    if undone_after and _same(store, undone_after[0], raw):
        # An undo was logged but the store kept the version it undid.
        set_undone(store, undone_after[0].n, False)
        return _state(undone_after[0])
    return "new"


def _state(entry: Entry) -> str:
    return "ours" if entry.kind in ("change", "init") else "kept"


def _same(store: Path, entry: Entry, raw: bytes) -> bool:
    try:
        if (folder(store) / entry.file).stat().st_size != len(raw):
            return False
    except OSError:
        return False
    return content(store, entry) == raw


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0


# --- reading for undo and doctor ----------------------------------------------------

def undo_step(store: Path) -> tuple[Entry, Entry] | None:
    """(the newest version, the one before it), or None if there is nothing to go back to."""
    entries = live(read_journal(store))
    if len(entries) < 2 or entries[-1].kind == "init":
        return None  # never back past the creation of this store (an old store's versions may remain)
    return entries[-1], entries[-2]


def versions_newest_first(store: Path) -> list[tuple[Path, Entry | None]]:
    """Every kept version that is not undone, newest first, with its log entry if
    the log can be read (a damaged log still leaves the versions usable)."""
    d = folder(store)
    if os.path.islink(d):
        return []
    try:
        entries = read_journal(store)
    except JournalDamaged:
        entries = []
    by_n = {e.n: e for e in entries}
    return [(p, by_n.get(n)) for n, p in reversed(_version_files(d)) if not (n in by_n and by_n[n].undone)]


def remove_if_empty(store: Path) -> None:
    try:
        os.rmdir(folder(store))
    except OSError:
        pass
