"""The versions of a store, for `undo` and `doctor --restore`.

Every version targettrack writes is kept in `<store>.backups/`, and
`journal.json` (the version log) says which command made it and when:

* most changes are kept as a change record, `NNNNNN.delta`: the lines of the
  store the change replaced and the lines that replaced them (layout.py),
  over the version before it;
* a full copy, `NNNNNN.json`, is kept for a new store, for the store as
  found when it was not targettrack's last version (edited by hand, restored
  from git), before a migration, for the first change of each day, and when
  the change records since the last copy would outgrow the store. A version
  is a copy plus the records after it, each checked against the SHA-256 its
  log entry holds. Copies, not hard links: a tool that damages the store in
  place (`> targets.json`, a sync client, an editor writing in place) would
  damage a hard-linked copy with it.

The order of a write is what makes a crash harmless (storefile.py):

1. if the store on disk is not the newest kept version (edited by hand,
   restored from git, never written by targettrack), keep it first, as found;
2. keep the new version and log it;
3. only then replace the store, and note the file's identity (`written.json`:
   size, times, inode), so that the next command knows the file as the one
   targettrack wrote without reading any version back.

A crash between 2 and 3 leaves a logged version that never became the store;
`reconcile` finds it (the store still equals the version before it) and
marks it undone, so `undo` can never "go back" to a change that was not made.
`undo` logs first too (it marks the newest version undone, then writes the
store), and `reconcile` likewise notices an undo that was cut short.

The folder holds only what this module writes: version files named by their
number, the log, `written.json` and temporary files. Pruning deletes exactly
the files the log names and nothing else, never through a symbolic link, a
copy only together with the records that build on it, and a damaged log is
never read as an empty one (which would prune everything): it is set aside
and the log rebuilt from the copies present.

Keeping, pruning and reconciling are keeping.py's. Only store/ calls these
modules, while holding the store's lock.
"""

from __future__ import annotations

import json
import os
import re
import stat
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from ..util.errors import StoreError
from ..util.frozen import as_dict, replace
from ..util.i18n import _
from . import fileformat as layout
from .atomicwrite import atomic_write

JOURNAL = "journal.json"
WRITTEN = "written.json"
KINDS = ("change", "found", "migration", "init")
_VERSION = re.compile(r"[0-9]{6,}\.(json|delta)")


class Entry(NamedTuple):
    n: int
    time: str
    command: str
    kind: str = "change"  # change; found (kept as found on disk); migration (found, older schema); init
    undone: bool = False
    # Logs written before change records lack these: every version was a copy.
    base: int | None = None  # the version a change record applies to; None for a full copy
    size: int | None = None  # the version's size in bytes...
    sha256: str | None = None  # ...and its SHA-256, to check a rebuilt version and to know the store by
    stored: int | None = None  # bytes its file takes in the folder

    @property
    def file(self) -> str:
        return f"{self.n:06d}.{'json' if self.base is None else 'delta'}"


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
        raise JournalDamaged(
            _("{path}: cannot read the version log ({reason})").format(path=path, reason=e.strerror)
        ) from None
    try:
        entries = [Entry(**e) for e in json.loads(raw.decode("utf-8"))]
        if any(
            type(e.n) is not int
            or e.n < 1
            or e.kind not in KINDS
            or type(e.undone) is not bool
            or not isinstance(e.command, str)
            or not isinstance(e.time, str)
            or not all(x is None or type(x) is int for x in (e.base, e.size, e.stored))
            or not (e.sha256 is None or isinstance(e.sha256, str))
            or (e.base is not None and (e.base >= e.n or e.sha256 is None))
            for e in entries
        ):
            raise ValueError("an entry is not of the log's form")
        if [e.n for e in entries] != sorted({e.n for e in entries}):
            raise ValueError("entries out of order")
    except (ValueError, TypeError, RecursionError) as e:
        raise JournalDamaged(
            _("{path}: the version log is damaged ({detail})").format(path=path, detail=str(e)[:80])
        ) from None
    return entries


def _write_journal(store: Path, entries: list[Entry], mode: int) -> None:
    atomic_write(
        folder(store) / JOURNAL,
        json.dumps(
            [{k: v for k, v in as_dict(e).items() if v is not None} for e in entries], ensure_ascii=False, indent=1
        )
        + "\n",
        mode=mode,
    )


def _rebuilt_journal(store: Path, mode: int) -> list[Entry]:
    """Set a damaged log aside and rebuild one from the version files present."""
    d = folder(store)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    aside = unique_path(d / f"{JOURNAL}.damaged-{stamp}")
    os.replace(d / JOURNAL, aside)
    entries: list[Entry] = []
    said = f"(from the version file; the log was damaged, kept as {aside.name})"
    for n, p in _version_files(d):
        when = datetime.fromtimestamp(p.lstat().st_mtime, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        if p.suffix == ".json":
            entries.append(Entry(n, when, said, "found"))
            continue
        # A change record names the version it applies to: rebuilt over it
        # and checked to apply, it is placed again, with its SHA-256.
        try:
            base, _ = layout.Delta.from_json(p.read_bytes())
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            continue
        if base not in {e.n for e in entries}:
            continue
        probe = Entry(n, when, said, "change", base=base, sha256="")
        lines = _lines(store, probe, entries + [probe])
        if lines is None or isinstance(lines, bytes):
            continue
        data = layout.join(lines)
        entries.append(replace(probe, size=len(data), sha256=digest(data), stored=p.stat().st_size))
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


def _open_folder(store: Path, folder_mode: int) -> Path:
    d = folder(store)
    try:
        st = os.lstat(d)
    except FileNotFoundError:
        os.mkdir(d, folder_mode)
        os.chmod(d, folder_mode)  # mkdir's mode is cut by the umask
        return d
    if stat.S_ISLNK(st.st_mode):
        raise StoreError(
            _(
                "{d} is a symbolic link; targettrack keeps versions only in a real folder beside the "
                "store (remove the link or move the store); nothing was written"
            ).format(d=d)
        )
    if not stat.S_ISDIR(st.st_mode):
        raise StoreError(
            _("{d} is not a folder; targettrack keeps the store's versions there; nothing was written").format(d=d)
        )
    if stat.S_IMODE(st.st_mode) & ~folder_mode:
        _tighten(d, folder_mode)
    return d


def _tighten(d: Path, folder_mode: int) -> None:
    """The store was made private after versions were kept (chmod 600): its versions and their folder
    follow, on this write, so that no older version stays readable by others."""
    file_mode = folder_mode & 0o666
    try:
        os.chmod(d, folder_mode)
        for entry in os.scandir(d):
            if entry.is_file(follow_symlinks=False):
                mode = stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode)
                if mode & ~file_mode:
                    os.chmod(entry.path, mode & file_mode)
    except OSError:
        pass  # a version that cannot be tightened is left as it was; the write goes on


def _version_files(d: Path) -> list[tuple[int, Path]]:
    """Version files present, by number (not by name: 999999 < 1000000)."""
    try:
        names = os.listdir(d)
    except OSError:
        return []
    return sorted((int(name.split(".")[0]), d / name) for name in names if is_version_file(name))


def unique_path(path: Path) -> Path:
    """`path`, or `path-2`, `path-3`... : the first name not taken."""
    candidate, i = path, 1
    while os.path.lexists(candidate):
        i += 1
        candidate = path.with_name(f"{path.name}-{i}")
    return candidate


def _read(store: Path, entry: Entry) -> bytes | None:
    try:
        with open(folder(store) / entry.file, "rb", opener=_nofollow) as f:
            return f.read()
    except OSError:
        return None


def digest(data: bytes | layout.Pieces) -> str:
    """The SHA-256 of `data`, whole or in pieces. hashlib is imported here,
    not at start-up: loading OpenSSL has a cost (bench/NOTES.md), which an
    update pays in the thread that hashes the new version while it is written
    (storefile.py)."""
    import hashlib

    h = hashlib.sha256()
    for piece in (data,) if isinstance(data, bytes) else data:
        h.update(piece)
    return h.hexdigest()


def content(store: Path, entry: Entry, entries: list[Entry] | None = None) -> bytes | None:
    """The bytes of a kept version: its copy, or the copy it builds on with
    the change records after it replayed; None if a file is missing or
    damaged, or the result is not the version its log entry describes."""
    lines = _lines(store, entry, read_journal_quietly(store) if entries is None else entries)
    if lines is None:
        return None
    if isinstance(lines, bytes):
        return lines
    data = layout.join(lines)
    return data if entry.sha256 is None or digest(data) == entry.sha256 else None


def _lines(store: Path, entry: Entry, entries: list[Entry]):
    """A copy's bytes, or a rebuilt version's lines (checked at the end by content())."""
    chain = [entry]
    by_n = {e.n: e for e in entries}
    while chain[-1].base is not None:
        base = by_n.get(chain[-1].base)
        if base is None or len(chain) > len(entries):
            return None
        chain.append(base)
    copy = _read(store, chain[-1])
    if copy is None or len(chain) == 1:
        return copy
    lines = layout.split(copy)
    for e in reversed(chain[:-1]):
        record = _read(store, e)
        try:
            if lines is None or record is None:
                return None
            base, delta = layout.Delta.from_json(record)
            if base != e.base:
                return None
            lines = layout.apply(lines, delta)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return None
    return lines


def read_journal_quietly(store: Path) -> list[Entry]:
    try:
        return read_journal(store)
    except JournalDamaged:
        return []


def before(store: Path, newest: Entry, previous: Entry, *, raw: bytes | None) -> bytes | None:
    """The bytes of `previous`, for undo. When the store holds `newest` as
    targettrack wrote it (`raw`) and `newest` is a change record over
    `previous`, that record is applied backwards: no copy is read."""
    if raw is not None and newest.base == previous.n and previous.sha256 is not None:
        lines = layout.split(raw)
        record = _read(store, newest)
        if lines is not None and record is not None:
            try:
                base, delta = layout.Delta.from_json(record)
                data = layout.join(layout.apply(lines, delta, reverse=True))
                if base == previous.n and digest(data) == previous.sha256:
                    return data
            except (ValueError, UnicodeDecodeError, RecursionError):
                pass
    return content(store, previous)


def _nofollow(path, flags):
    return os.open(path, flags | os.O_NOFOLLOW)


def _unlink_version(d: Path, entry: Entry) -> None:
    try:
        os.unlink(d / entry.file)  # unlink never follows a link: it removes the link itself
    except FileNotFoundError:
        pass


# --- reading for undo and doctor ----------------------------------------------------


def undo_step(store: Path) -> tuple[Entry, Entry] | None:
    """(the newest version, the one before it), or None if there is nothing to go back to."""
    entries = live(read_journal(store))
    if len(entries) < 2 or entries[-1].kind == "init":
        return None  # never back past the creation of this store (an old store's versions may remain)
    return entries[-1], entries[-2]


def versions_newest_first(store: Path) -> list[tuple[Path, Entry | None]]:
    """Every kept version that is not undone, newest first, with its log entry if
    the log can be read (a damaged log still leaves the copies usable; a
    change record cannot be used without it)."""
    d = folder(store)
    if os.path.islink(d):
        return []
    try:
        entries = read_journal(store)
    except JournalDamaged:
        entries = []
    by_n = {e.n: e for e in entries}
    return [
        (p, by_n.get(n))
        for n, p in reversed(_version_files(d))
        if not (n in by_n and by_n[n].undone) and (n in by_n or p.suffix == ".json")
    ]


def version_bytes(store: Path, path: Path, entry: Entry | None) -> bytes | None:
    """The bytes of a version that versions_newest_first() listed."""
    if entry is None:
        try:
            with open(path, "rb", opener=_nofollow) as f:
                return f.read()
        except OSError:
            return None
    return content(store, entry)


def documents_newest_first(store: Path, target_id: str):
    """(document, version file, log entry) for each kept version, newest
    first, that holds a target with this id, as that version has it.

    A change record names the lines it replaced and wrote, so a target
    removed by one is found in the record itself, not by rebuilding every
    version before it; a copy is decoded whole."""
    d = folder(store)
    for path, entry in versions_newest_first(store):
        if entry is not None and entry.base is not None:
            record = _read(store, entry)
            try:
                base, delta = layout.Delta.from_json(record) if record is not None else (None, None)
            except (ValueError, UnicodeDecodeError, RecursionError):
                continue
            if delta is None:
                continue
            found = _found_in(delta, target_id)
            if found is None:
                continue
            which, doc = found
            if which == 1:
                yield doc, path, entry
            else:
                by_n = {e.n: e for e in read_journal_quietly(store)}
                base_entry = by_n.get(base)
                yield doc, (d / base_entry.file) if base_entry else path, base_entry
            continue
        data = version_bytes(store, path, entry)
        try:
            docs = json.loads(data.decode("utf-8")).get("targets") if data is not None else None
        except (ValueError, UnicodeDecodeError, RecursionError, AttributeError):
            continue
        if not isinstance(docs, dict):
            continue
        for doc in docs.values():
            if isinstance(doc, dict) and doc.get("id") == target_id:
                yield doc, path, entry
                break


def _found_in(delta, target_id: str) -> tuple[int, dict] | None:
    """(1, the document) of the target as a change record wrote it, else
    (0, the document) as the line it replaced had it; None if neither did."""
    for which in (1, 0):  # what this version holds, else what the one before it held
        for pair in delta.docs.values():
            doc = _document(pair[which])
            if doc is not None and doc.get("id") == target_id:
                return which, doc
    return None


def _document(line: bytes | None) -> dict | None:
    if line is None:
        return None
    try:
        doc = json.loads(layout.line_body(line))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return doc if isinstance(doc, dict) else None


def remove_if_empty(store: Path) -> None:
    try:
        os.rmdir(folder(store))
    except OSError:
        pass
