"""`targettrack doctor`: what is wrong with a store and how to recover.

Reads the store, its lock, stray temporary files and its backups, and never
writes, except `restore`, which (holding the lock) keeps the damaged file
beside the store and puts back the newest backup that loads.
"""

from __future__ import annotations

import fcntl
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from ..model.rules import validate
from ..model.settings import Settings
from ..model.stored import from_dict
from ..util.errors import InputError, StoreError
from ..util.i18n import _
from . import versions as backups
from .atomicwrite import atomic_write
from .fileformat import META_TABLE, TARGETS_TABLE
from .gitshare import git_state, has_conflict_markers, read_conflicts, stage_bytes
from .lock import Lock, holders, lock_timeout, modes, read_store_bytes, real_path
from .storefile import SCHEMA_VERSION, parse, stray_temporaries


class Finding(NamedTuple):
    level: str  # "ok", "warning" or "error"
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
        problems.append(Finding("error", _("{path}: corrupt store (settings: {detail})").format(path=path, detail=e)))
    ids = set()
    for doc_id, doc in data[TARGETS_TABLE].items():
        try:
            t = from_dict(doc)
        except (ValueError, TypeError, ArithmeticError, RecursionError) as e:
            problems.append(Finding("error", _("target document {key}: {detail}").format(key=doc_id, detail=e)))
            continue
        if t.id in ids:
            problems.append(Finding("error", _("id {id} appears twice").format(id=repr(t.id))))
        ids.add(t.id)
        try:
            validate(t)
        except InputError as e:
            problems.append(Finding("warning", _("target {id}: {detail}").format(id=t.id, detail=e)))
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


def describe(snap: Path, entry: backups.Entry | None) -> str:
    if entry is None:
        return _("version {name}").format(name=snap.name)
    return _("version {name} ({time}, after '{command}')").format(
        name=snap.name, time=entry.time, command=entry.command
    )


def diagnose(path: Path) -> list[Finding]:
    path = real_path(path)
    found: list[Finding] = []
    restore_hint = ""
    good = good_backup(path)
    if good:
        restore_hint = _("; 'targettrack --db {path} doctor --restore' puts back the newest good {version}").format(
            path=path, version=describe(*good[:2])
        )
    else:
        restore_hint = _("; no good backup was found: restore the file from git or your own copies")
    if not os.path.lexists(path):
        found.append(Finding("error", _("{path}: no store here").format(path=path) + (restore_hint if good else "")))
        return found
    try:
        raw = read_store_bytes(path)
    except StoreError as e:
        found.append(Finding("error", str(e)))
        return found
    git = git_state(path)
    found += _git_findings(path, raw, git)
    problems = load_problems(path, raw)
    found += problems
    found += _usable_findings(path, raw, problems, restore_hint=restore_hint)
    found += _lock_findings(path)
    found += _journal_findings(path)
    found += _aside_findings(path)
    return found


def _usable_findings(path: Path, raw: bytes, problems: list[Finding], *, restore_hint: str) -> list[Finding]:
    """Whether the store can be used: half-merged, damaged (and how to restore), or loads with its schema."""
    found: list[Finding] = []
    if has_conflict_markers(raw):
        found.append(
            Finding(
                "error",
                _(
                    "the store cannot be used as it is; it is not damaged but half-merged: "
                    "'doctor --restore' would drop the other side's work"
                ),
            )
        )
    elif any(f.level == "error" for f in problems):
        found.append(Finding("error", _("the store cannot be used as it is") + restore_hint))
    else:
        data = parse(path, raw)
        n = len(data[TARGETS_TABLE])
        schema = data[META_TABLE]["1"]["schema"]
        found.append(
            Finding(
                "ok",
                (
                    _("{path}: loads, schema {schema}, 1 target")
                    if n == 1
                    else _("{path}: loads, schema {schema}, {count} targets")
                ).format(path=path, schema=schema, count=n),
            )
        )
        if schema < SCHEMA_VERSION:
            found.append(
                Finding(
                    "warning",
                    _(
                        "schema {schema} is older than {current}; it is upgraded on the next write, after a backup"
                    ).format(schema=schema, current=SCHEMA_VERSION),
                )
            )
    return found


def _aside_findings(path: Path) -> list[Finding]:
    """What lies beside the store: temporaries of an interrupted write, merge conflicts, the versions kept."""
    found: list[Finding] = []
    strays = stray_temporaries(path)
    if strays:
        found.append(
            Finding(
                "warning",
                _("{count} temporary file(s) from an interrupted write ({names}); removed by the next write").format(
                    count=len(strays), names=", ".join(p.name for p in strays)
                ),
            )
        )
    try:
        left = read_conflicts(path)
    except InputError as e:
        found.append(Finding("warning", str(e)))
    else:
        if left:
            named = ", ".join(sorted({f"{c.get('id')} {c.get('field')}" for c in left}))
            found.append(
                Finding(
                    "warning",
                    _(
                        "{count} merge conflict(s) from git, with our values kept: {named}; "
                        "'targettrack conflicts' shows both values, 'edit' settles each"
                    ).format(count=len(left), named=named),
                )
            )
    snaps = backups.versions_newest_first(path)
    if snaps:
        found.append(
            Finding(
                "ok",
                _("{count} version(s) kept in {folder}; newest: {version}").format(
                    count=len(snaps), folder=backups.folder(path), version=describe(*snaps[0])
                ),
            )
        )
    else:
        found.append(Finding("ok", _("no versions kept yet (every write keeps one)")))
    return found


def _git_findings(path: Path, raw: bytes, git: dict) -> list[Finding]:
    """A merge git made without targettrack's driver, a driver named but not set up, a merge left unfinished."""
    found = []
    rel = git.get("rel", path.name)
    if has_conflict_markers(raw):
        found.append(
            Finding(
                "error",
                _(
                    "{path}: git merged the store as text and left its conflict markers (this "
                    "clone has no targettrack merge driver); to merge it per target, run "
                    "'targettrack git-setup' then 'git checkout -m {rel}' (then commit)"
                ).format(path=path, rel=rel),
            )
        )
    if git.get("named") and not git.get("configured"):
        found.append(
            Finding(
                "warning" if not has_conflict_markers(raw) else "error",
                _(
                    ".gitattributes names targettrack's merge driver for {rel}, but this clone has none "
                    "configured, so git merges the store line by line: run 'targettrack git-setup'"
                ).format(rel=rel),
            )
        )
    if git.get("unmerged") and not has_conflict_markers(raw):
        found.append(
            Finding(
                "warning",
                _(
                    "{rel} is in an unfinished git merge (git status: unmerged); finish it "
                    "('targettrack conflicts', then 'git add {rel}' and 'git commit') or abort "
                    "it ('git merge --abort')"
                ).format(rel=rel),
            )
        )
    return found


def _lock_findings(path: Path) -> list[Finding]:
    lock = Path(str(path) + ".lock")
    try:
        fd = os.open(lock, os.O_RDONLY)
    except OSError:
        return []
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return [Finding("ok", _("not locked"))]
    except BlockingIOError:
        holder = holders(fd)
        return [
            Finding(
                "warning",
                (
                    _("locked by another targettrack ({holder}) right now")
                    if holder
                    else _("locked by another targettrack right now")
                ).format(holder=holder),
            )
        ]
    finally:
        os.close(fd)


def _journal_findings(path: Path) -> list[Finding]:
    d = backups.folder(path)
    if os.path.islink(d):
        return [
            Finding(
                "error", _("{folder} is a symbolic link; writes are refused until it is a real folder").format(folder=d)
            )
        ]
    try:
        backups.read_journal(path)
    except backups.JournalDamaged as e:
        return [
            Finding(
                "warning",
                _(
                    "{detail}; undo is refused until the next change rebuilds it from the version "
                    "files (the damaged log is kept beside them)"
                ).format(detail=e),
            )
        ]
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
                    raise StoreError(_("{detail}; nothing was restored").format(detail=e)) from None
                raise
        if raw is not None and loads(path, raw):
            raise InputError(
                _("{path} is healthy; nothing to restore ('targettrack undo' reverts the last change)").format(
                    path=path
                )
            )
        good = good_backup(path)
        if good is None:
            raise StoreError(
                _("{path}: no good backup in {folder}; restore it from git or your own copies").format(
                    path=path, folder=backups.folder(path)
                )
            )
        snap, entry, content = good
        if raw is not None and has_conflict_markers(raw):
            # Half-merged, not damaged: the version kept before the pull lacks what the other side brought.
            raise InputError(
                _(
                    "{path} holds git's conflict markers: restoring {version} would drop {dropped}; "
                    "merge it per target instead: 'targettrack git-setup', then 'git checkout -m {rel}'"
                ).format(
                    path=path,
                    version=describe(snap, entry),
                    dropped=_dropped(path, content),
                    rel=git_state(path).get("rel", path.name),
                )
            )
        kept = None
        file_mode = modes(path)[0]
        try:
            if raw is not None:
                stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
                kept = backups.unique_path(Path(f"{path}.damaged-{stamp}"))
                _copy_bytes(kept, raw, file_mode)
            atomic_write(path, content, mode=file_mode)
        except OSError as e:
            raise StoreError(
                _("{path}: cannot write the restored store ({reason}); it is unchanged").format(
                    path=path, reason=e.strerror
                )
            ) from None
        return snap, entry, kept
    finally:
        lock.release()


def _dropped(path: Path, restored: bytes) -> str:
    """What restoring `restored` would lose of the other side of an unfinished merge (git's stage 3)."""
    theirs = stage_bytes(path, "3")
    try:
        other = parse(path, theirs) if theirs else None
        mine = parse(path, restored)
    except StoreError:
        other = None
    if other is None:
        return _("the other side's changes (git cannot show them here)")
    here = {d.get("id"): d for d in mine[TARGETS_TABLE].values() if isinstance(d, dict)}
    targets, values = [], 0
    for d in other[TARGETS_TABLE].values():
        if not isinstance(d, dict):
            continue
        kept = here.get(d.get("id"))
        if kept is None:
            targets.append(str(d.get("id")))
            continue
        known = {json.dumps(o, sort_keys=True) for o in kept.get("observations") or []}
        values += sum(json.dumps(o, sort_keys=True) not in known for o in d.get("observations") or [])
    if not targets and not values:
        return _("the other side's edits")
    parts = []
    if targets:
        parts.append(_("{n} target(s) only the other side has ({ids})").format(n=len(targets), ids=", ".join(targets)))
    if values:
        parts.append(_("{n} value(s) only the other side recorded").format(n=values))
    return _(" and ").join(parts)


def _copy_bytes(dest: Path, raw: bytes, mode: int) -> None:
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    with os.fdopen(fd, "wb") as f:
        os.fchmod(f.fileno(), mode)
        f.write(raw)
        f.flush()
        os.fsync(f.fileno())
