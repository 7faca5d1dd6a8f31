"""Sharing a store through git: the repository's set-up, and the conflicts a
merge leaves (the merge itself is merge.py). Git is the engine; this makes it
merge a store per target instead of per line.

A merge's conflicts are kept beside the store, in `<store>.conflicts` (JSON,
ignored by git), until `edit` changes the target or `conflicts --clear`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..util.errors import InputError
from ..util.i18n import _
from .atomicwrite import atomic_write

DRIVER = "targettrack merge %O %A %B %P"
# Git's conflict markers at the start of a line: a merge made without the driver (a line-by-line text merge).
_MARKERS = (b"<<<<<<< ", b"=======\n", b">>>>>>> ")


def driver_command() -> str:
    """The driver as git-setup writes it: the running targettrack by its absolute path (a cron job's
    PATH holds no virtual environment), quoted for the shell git runs it with."""
    import shlex
    import sys

    script = Path(sys.executable).parent / "targettrack"  # the console script of this very install
    prog = shlex.quote(str(script)) if script.is_file() else f"{shlex.quote(sys.executable)} -m targettrack"
    return DRIVER.replace("targettrack", prog, 1)


def has_conflict_markers(raw: bytes) -> bool:
    """Whether git left its text conflict markers in the store's bytes."""
    if b"<<<<<<< " not in raw:
        return False
    lines = raw.split(b"\n")
    starts = [any(line.startswith(m.rstrip(b"\n")) for m in _MARKERS) for line in lines]
    return sum(starts) >= 3 and any(line.startswith(b"<<<<<<< ") for line in lines)


def _git_in(folder: Path, args: list[str]):
    """git's CompletedProcess, or None where git cannot be run."""
    import subprocess  # only where git is asked something: a report outside git starts none

    try:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None


def git_state(store: Path) -> dict:
    """What git says of the store, where it is in a work tree: whether
    .gitattributes names targettrack's driver for it, whether this clone is
    configured with the driver, and whether a merge of it is unfinished (its
    stages: 2 ours, 3 theirs). {} outside git (or without git)."""
    folder = store.resolve().parent
    top = _git_in(folder, ["rev-parse", "--show-toplevel"])
    if top is None or top.returncode != 0:
        return {}
    rel = os.path.relpath(store.resolve(), os.fsdecode(top.stdout.strip())).replace(os.sep, "/")
    attr = _git_in(folder, ["check-attr", "merge", "--", str(store.resolve())])
    named = attr is not None and attr.stdout.strip().endswith(b": merge: targettrack")
    driver = _git_in(folder, ["config", "--get", "merge.targettrack.driver"])
    configured = driver is not None and driver.returncode == 0 and bool(driver.stdout.strip())
    unmerged = _git_in(folder, ["ls-files", "-u", "--", str(store.resolve())])
    stages = set()
    if unmerged is not None and unmerged.returncode == 0:
        for line in unmerged.stdout.decode("utf-8", "replace").splitlines():
            parts = line.split()
            if len(parts) >= 3:
                stages.add(parts[2])
    return {"rel": rel, "named": named, "configured": configured, "unmerged": bool(stages), "stages": stages}


def provenance(store: Path) -> dict | None:
    """The commit a report's store reflects, in a git work tree (None outside
    one, or without git): its short id and date, whether the store has
    changes not committed, how many commits its branch is behind the
    upstream it tracks (a pull that failed: None without an upstream), and
    whether a merge of it is unfinished. A report of stale data says so."""
    store = Path(store).resolve()
    folder = store.parent
    if not any((p / ".git").exists() for p in (folder, *folder.parents)):
        return None  # no git here: not one process started to find out
    path = str(store)
    log = _git_in(folder, ["log", "-1", "--format=%h %cs", "--", path])
    if log is None or log.returncode != 0 or not log.stdout.strip():
        return None
    commit, _, day = log.stdout.decode("utf-8", "replace").strip().partition(" ")
    changed = _git_in(folder, ["diff", "--quiet", "HEAD", "--", path])
    behind = _git_in(folder, ["rev-list", "--count", "HEAD..@{upstream}"])
    unmerged = _git_in(folder, ["ls-files", "-u", "--", path])
    return {
        "commit": commit,
        "date": day,
        "uncommitted": changed is not None and changed.returncode == 1,
        "behind": int(behind.stdout) if behind is not None and behind.returncode == 0 else None,
        "unmerged": unmerged is not None and bool(unmerged.stdout.strip()),
    }


def sides(folder: Path, environ=os.environ) -> dict:
    """How a merge driver names the two sides: ours and theirs as git means them
    here, by commit and author. A merge's ours is HEAD and theirs the branch
    merged (git's GITHEAD_<sha> names it); under `git pull --rebase` ours is
    the upstream being rebased onto and theirs the puller's own commit being
    replayed. {} where git cannot say."""

    def commit(rev: str) -> str | None:
        r = _git_in(folder, ["log", "-1", "--format=%h by %an", rev, "--"])
        return r.stdout.decode("utf-8", "replace").strip() if r is not None and r.returncode == 0 else None

    top = _git_in(folder, ["rev-parse", "--git-dir"])
    if top is None or top.returncode != 0:
        return {}
    git_dir = Path(folder, os.fsdecode(top.stdout.strip()))
    rebasing = (git_dir / "rebase-merge").is_dir() or (git_dir / "rebase-apply").is_dir()
    head = commit("HEAD")
    if rebasing:
        done = git_dir / "rebase-merge" / "done"
        picked = None
        try:
            lines = [line.split() for line in done.read_text(encoding="utf-8").splitlines() if line.strip()]
            picked = lines[-1][1] if lines and len(lines[-1]) > 1 else None
        except OSError:
            pass
        mine = commit(picked) if picked else None
        return {
            "rebase": True,
            "ours": _("the upstream you are rebasing onto ({commit})").format(commit=head or "?"),
            "theirs": _("your own commit being replayed ({commit})").format(commit=mine or "?"),
        }
    named = [(k[len("GITHEAD_") :], v) for k, v in environ.items() if k.startswith("GITHEAD_")]
    theirs = next(((sha, name) for sha, name in named if name != "HEAD"), None)
    if theirs is None:
        other = _("the other side")
    else:
        sha, name = theirs
        # `git pull` merges FETCH_HEAD, which git names by its hash: said as the commit pulled
        label = _("the pulled commit") if name == sha else name
        other = f"{label} ({commit(sha) or sha[:7]})"
    return {"rebase": False, "ours": _("HEAD ({commit})").format(commit=head or "?"), "theirs": other}


def stage_bytes(store: Path, stage: str) -> bytes | None:
    """The store as one side of an unfinished merge had it (git's stage 2 ours, 3 theirs)."""
    state = git_state(store)
    r = _git_in(store.resolve().parent, ["show", f":{stage}:{state.get('rel', '')}"]) if state else None
    return r.stdout if r is not None and r.returncode == 0 else None


def conflicts_path(store: Path) -> Path:
    return store.with_name(store.name + ".conflicts")


def read_conflicts(store: Path) -> list[dict]:
    path = conflicts_path(store)
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as e:
        raise InputError(
            _("{path}: cannot read the merge conflicts kept there ({detail}); remove it once they are resolved").format(
                path=path, detail=e
            )
        ) from None
    if not isinstance(items, list) or not all(
        isinstance(c, dict) and isinstance(c.get("id"), str) and isinstance(c.get("field"), str) for c in items
    ):
        raise InputError(
            _(
                "{path}: not the merge conflicts targettrack keeps (a list of conflicts, each with an id "
                "and a field); 'targettrack conflicts --clear' removes it"
            ).format(path=path)
        )
    return items


def write_conflicts(store: Path, items: list[dict]) -> None:
    path = conflicts_path(store)
    if items:
        atomic_write(path, json.dumps(items, ensure_ascii=False, indent=1) + "\n")
    else:
        try:
            path.unlink()
        except FileNotFoundError:
            pass


def resolve(store: Path, target_id: str, fields=None) -> int:
    """Forget the conflicts of one target that a change settled: of the fields an edit set (`fields`: their
    top-level names; a removal or a recovery settles "(target)"), or all of them (None); how many there were."""
    items = read_conflicts(store)

    def settled(c: dict) -> bool:
        return c.get("id") == target_id and (fields is None or c.get("field", "").split(".")[0] in fields)

    left = [c for c in items if not settled(c)]
    if len(left) != len(items):
        write_conflicts(store, left)
    return len(items) - len(left)


def _git(args: list[str], cwd: Path) -> str:
    import subprocess

    try:
        r = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        raise InputError(_("git is not installed (or not on PATH)")) from None
    if r.returncode != 0:
        raise InputError(_("git {items}: {value}").format(items=" ".join(args), value=r.stderr.strip() or _("failed")))
    return r.stdout.strip()


def _add_lines(path: Path, lines: list[str], replacing: str | None = None) -> list[str]:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if replacing is not None and replacing in text.splitlines():  # an older git-setup's line, made whole
        text = "\n".join(line for line in text.splitlines() if line != replacing) + "\n"
        text = "" if text == "\n" else text
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
        raise InputError(_("{store} is not inside the git repository at {top}").format(store=store, top=top))
    done = []
    for line in _add_lines(
        top / ".gitattributes", [f"{rel} merge=targettrack diff=targettrack"], replacing=f"{rel} merge=targettrack"
    ):
        done.append(f".gitattributes: {line}")
    config = {
        "merge.targettrack.name": "targettrack store, merged per target and field",
        "merge.targettrack.driver": driver_command(),
        # git diff and git log -p show a value a line, in words (storediff.lines)
        "diff.targettrack.textconv": driver_command().replace(" merge %O %A %B %P", " textconv"),
    }
    for key, value in config.items():
        found = _git_in(top, ["config", "--get", key])
        current = found.stdout.decode("utf-8", "replace").strip() if found is not None else ""
        if current != value:
            _git(["config", key, value], top)
            done.append(f'git config {key} "{value}"')
    for line in _add_lines(
        top / ".gitignore", [f"{rel}.lock", f"{rel}.backups/", f"{rel}.conflicts", f"{rel}.damaged-*"]
    ):
        done.append(f".gitignore: {line}")
    return done
