"""Sharing a store through git: the repository's set-up, and the conflicts a
merge leaves (the merge itself is merge.py). Git is the engine; this makes it
merge a store per target instead of per line.

A merge's conflicts are kept beside the store, in `<store>.conflicts` (JSON,
ignored by git), until `edit` changes the target or `conflicts --clear`.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from .atomicfile import atomic_write
from .errors import InputError
from .i18n import _

DRIVER = "targettrack merge %O %A %B %P"


def conflicts_path(store: Path) -> Path:
    return store.with_name(store.name + ".conflicts")


def read_conflicts(store: Path) -> list[dict]:
    path = conflicts_path(store)
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as e:
        raise InputError(_('{path}: cannot read the merge conflicts kept there ({detail}); remove it once they are '
                            'resolved').format(
            path=path, detail=e)) from None
    return items if isinstance(items, list) else []


def write_conflicts(store: Path, items: list[dict]) -> None:
    path = conflicts_path(store)
    if items:
        atomic_write(path, json.dumps(items, ensure_ascii=False, indent=1) + "\n")
    else:
        try:
            path.unlink()
        except FileNotFoundError:
            pass


def resolve(store: Path, target_id: str) -> int:
    """Forget the conflicts of one target (it was just edited); how many there were."""
    items = read_conflicts(store)
    left = [c for c in items if c.get("id") != target_id]
    if len(left) != len(items):
        write_conflicts(store, left)
    return len(items) - len(left)


def _git(args: list[str], cwd: Path) -> str:
    try:
        r = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        raise InputError(_('git is not installed (or not on PATH)')) from None
    if r.returncode != 0:
        raise InputError(_('git {items}: {value}').format(items=' '.join(args), value=r.stderr.strip() or _('failed')))
    return r.stdout.strip()


def _add_lines(path: Path, lines: list[str]) -> list[str]:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    have = set(text.splitlines())
    new = [line for line in lines if line not in have]
    if new:
        atomic_write(path, text + ("" if not text or text.endswith("\n") else "\n") + "\n".join(new) + "\n")
    return new


def setup(store: Path) -> list[str]:
    """Make the repository holding `store` merge it with targettrack; what was done (nothing if all was)."""
    folder = store.resolve().parent
    top = Path(_git(["rev-parse", "--show-toplevel"], folder))
    rel = os.path.relpath(store.resolve(), top).replace(os.sep, "/")
    if rel.startswith("../"):
        raise InputError(_('{store} is not inside the git repository at {top}').format(store=store, top=top))
    done = []
    for line in _add_lines(top / ".gitattributes", [f"{rel} merge=targettrack"]):
        done.append(f".gitattributes: {line}")
    config = {"merge.targettrack.name": "targettrack store, merged per target and field",
              "merge.targettrack.driver": DRIVER}
    for key, value in config.items():
        current = subprocess.run(["git", "config", "--get", key], cwd=top, capture_output=True, text=True).stdout.strip()
        if current != value:
            _git(["config", key, value], top)
            done.append(f"git config {key} \"{value}\"")
    for line in _add_lines(top / ".gitignore", [f"{rel}.lock", f"{rel}.backups/", f"{rel}.conflicts"]):
        done.append(f".gitignore: {line}")
    return done
