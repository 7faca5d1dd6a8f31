"""`targettrack doctor`: what is wrong with a store and how to recover.

Reads the store, its lock, stray temporary files and its backups, and never
writes, except `restore`, which (holding the lock) keeps the damaged file
beside the store and puts back the newest backup that loads.
"""

from __future__ import annotations

import fcntl
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from . import backups
from .errors import InputError, StoreError
from .model import from_dict, validate
from .atomicfile import atomic_write
from .settings import Settings
from .gitshare import read_conflicts
from .store import (META_TABLE, SCHEMA_VERSION, TARGETS_TABLE, Lock, holders, lock_timeout, parse, read_store_bytes,
                    real_path, stray_temporaries)


@dataclass(frozen=True)
class Finding:
    level: str   # "ok", "warning" or "error"
    message: str


def load_problems(path: Path, raw: bytes) -> list[Finding]:
    """Why these bytes are not a good store ([] when they are). Errors stop
    the store from loading; warnings are targets that load but break a rule."""
    try:
        data = parse(path, raw)
    except StoreError as e:
        return [Finding("error", str(e))]
    problems = []
    settings = data[META_TABLE]["1"].get("settings")
    try:
        Settings.from_dict(settings if isinstance(settings, dict) else None)
    except InputError as e:
        problems.append(Finding("error", f"{path}: corrupt store (settings: {e})"))
    ids = set()
    for doc_id, doc in data[TARGETS_TABLE].items():
        try:
            t = from_dict(doc)
        except (ValueError, TypeError, ArithmeticError, RecursionError) as e:
            problems.append(Finding("error", f"target document {doc_id}: {e}"))
            continue
        if t.id in ids:
            problems.append(Finding("error", f"id {t.id!r} appears twice"))
        ids.add(t.id)
        try:
            validate(t)
        except InputError as e:
            problems.append(Finding("warning", f"target {t.id}: {e}"))
    return problems


def loads(path: Path, raw: bytes) -> bool:
    return not any(f.level == "error" for f in load_problems(path, raw))


def good_backup(path: Path) -> tuple[Path, backups.Entry | None, bytes] | None:
    """The newest kept version that loads: its file, log entry and bytes."""
    for snap, entry in backups.versions_newest_first(path):
        raw = backups.version_bytes(path, snap, entry)
        if raw is not None and loads(snap, raw):
            return snap, entry, raw
    return None


def _describe(snap: Path, entry: backups.Entry | None) -> str:
    if entry is None:
        return f"version {snap.name}"
    return f"version {snap.name} ({entry.time}, after '{entry.command}')"


def diagnose(path: Path) -> list[Finding]:
    path = real_path(path)
    found: list[Finding] = []
    restore_hint = ""
    good = good_backup(path)
    if good:
        restore_hint = f"; 'targettrack --db {path} doctor --restore' puts back the newest good {_describe(*good[:2])}"
    else:
        restore_hint = "; no good backup was found: restore the file from git or your own copies"
    if not os.path.lexists(path):
        found.append(Finding("error", f"{path}: no store here{restore_hint if good else ''}"))
        return found
    try:
        raw = read_store_bytes(path)
    except StoreError as e:
        found.append(Finding("error", str(e)))
        return found
    problems = load_problems(path, raw)
    found += problems
    if any(f.level == "error" for f in problems):
        found.append(Finding("error", f"the store cannot be used as it is{restore_hint}"))
    else:
        data = parse(path, raw)
        n = len(data[TARGETS_TABLE])
        schema = data[META_TABLE]["1"]["schema"]
        found.append(Finding("ok", f"{path}: loads, schema {schema}, {n} target{'s' if n != 1 else ''}"))
        if schema < SCHEMA_VERSION:
            found.append(Finding("warning", f"schema {schema} is older than {SCHEMA_VERSION}; "
                                            "it is upgraded on the next write, after a backup"))
    found += _lock_findings(path)
    found += _journal_findings(path)
    strays = stray_temporaries(path)
    if strays:
        found.append(Finding("warning", f"{len(strays)} temporary file(s) from an interrupted write "
                                        f"({', '.join(p.name for p in strays)}); removed by the next write"))
    try:
        left = read_conflicts(path)
    except InputError as e:
        found.append(Finding("warning", str(e)))
    else:
        if left:
            named = ", ".join(sorted({f"{c.get('id')} {c.get('field')}" for c in left}))
            found.append(Finding("warning", f"{len(left)} merge conflict(s) from git, with our values kept: {named}; "
                                            "'targettrack conflicts' shows both values, 'edit' settles each"))
    snaps = backups.versions_newest_first(path)
    if snaps:
        found.append(Finding("ok", f"{len(snaps)} version(s) kept in {backups.folder(path)}; newest: {_describe(*snaps[0])}"))
    else:
        found.append(Finding("ok", "no versions kept yet (every write keeps one)"))
    return found


def _lock_findings(path: Path) -> list[Finding]:
    lock = Path(str(path) + ".lock")
    try:
        fd = os.open(lock, os.O_RDONLY)
    except OSError:
        return []
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return [Finding("ok", "not locked")]
    except BlockingIOError:
        holder = holders(fd)
        return [Finding("warning", f"locked by another targettrack{f' ({holder})' if holder else ''} right now")]
    finally:
        os.close(fd)


def _journal_findings(path: Path) -> list[Finding]:
    d = backups.folder(path)
    if os.path.islink(d):
        return [Finding("error", f"{d} is a symbolic link; writes are refused until it is a real folder")]
    try:
        backups.read_journal(path)
    except backups.JournalDamaged as e:
        return [Finding("warning", f"{e}; undo is refused until the next change rebuilds it from the "
                                   "version files (the damaged log is kept beside them)")]
    return []


def restore(path: Path) -> tuple[Path, backups.Entry | None, Path | None]:
    """Put back the newest good backup of a damaged or missing store. Returns
    the backup used and where the damaged file was kept."""
    path = real_path(path)
    lock = Lock(path, True, lock_timeout())
    lock.acquire()
    try:
        raw = None
        if os.path.lexists(path):
            try:
                raw = read_store_bytes(path)
            except StoreError as e:
                if not os.path.isfile(path):
                    raise StoreError(f"{e}; nothing was restored") from None
                raise
        if raw is not None and loads(path, raw):
            raise InputError(f"{path} is healthy; nothing to restore ('targettrack undo' reverts the last change)")
        good = good_backup(path)
        if good is None:
            raise StoreError(f"{path}: no good backup in {backups.folder(path)}; restore it from git or your own copies")
        snap, entry, content = good
        kept = None
        file_mode = backups.modes(path)[0]
        try:
            if raw is not None:
                stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
                kept = backups.unique_path(Path(f"{path}.damaged-{stamp}"))
                _copy_bytes(kept, raw, file_mode)
            atomic_write(path, content, mode=file_mode)
        except OSError as e:
            raise StoreError(f"{path}: cannot write the restored store ({e.strerror}); it is unchanged") from None
        return snap, entry, kept
    finally:
        lock.release()


def _copy_bytes(dest: Path, raw: bytes, mode: int) -> None:
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    with os.fdopen(fd, "wb") as f:
        os.fchmod(f.fileno(), mode)
        f.write(raw)
        f.flush()
        os.fsync(f.fileno())
