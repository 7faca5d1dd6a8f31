"""Commands for sharing a store through git: git-setup, merge (git's merge driver), conflicts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import InputError, StoreError
from .options import open_store, root
from .program import PROG, app


@app.command("git-setup")
def git_setup(ctx: typer.Context) -> None:
    """Make the git repository holding the store merge it per target (idempotent)."""
    from ..gitshare import setup
    from ..store import locate

    path = locate(root(ctx).db).path
    with open_store(ctx):  # it must be a store
        pass
    done = setup(path)
    for line in done:
        print(line)
    if not done:
        print(f"{path}: git already merges it with targettrack")


@app.command()
def merge(
    base: str = typer.Argument(..., metavar="BASE", help="The common ancestor (git's %O; may be empty)."),
    ours: str = typer.Argument(..., metavar="OURS", help="Ours (git's %A): the merged store is written here."),
    theirs: str = typer.Argument(..., metavar="THEIRS", help="Theirs (git's %B)."),
    path: Optional[str] = typer.Argument(None, metavar="[PATH]", help="The store's path in the repository (%P): "
                                                                      "its conflicts are kept beside it."),
) -> None:
    """Git's merge driver: merge three versions of a store per target and field; exit 1 on a conflict."""
    from ..atomicfile import atomic_write
    from ..gitshare import read_conflicts, write_conflicts
    from ..merge import merge as merge_stores
    from ..store import dumps, parse

    def load(name: str, may_be_empty: bool):
        p = Path(name)
        try:
            raw = p.read_bytes()
        except OSError as e:
            raise InputError(f"merge: cannot read {name} ({e.strerror})") from None
        if may_be_empty and not raw.strip():
            return None
        try:
            return parse(p, raw)
        except StoreError as e:
            raise InputError(f"merge: {e}") from None

    result = merge_stores(load(base, True), load(ours, False), load(theirs, False))
    atomic_write(Path(ours), dumps(result.data))
    for note in result.notes:
        print(f"{PROG}: merged: {note}", file=sys.stderr)
    if result.conflicts:
        store = Path(path or ours)
        kept = [c for c in read_conflicts(store) if c.get("id") not in {x.id for x in result.conflicts}]
        write_conflicts(store, kept + [c.to_dict() for c in result.conflicts])
        for c in result.conflicts:
            print(f"{PROG}: merge conflict: {c.describe()}", file=sys.stderr)
        print(f"{PROG}: the store is valid, with our values; settle each with 'targettrack edit', then "
              f"'git add {path or ours}' ('targettrack conflicts' lists them)", file=sys.stderr)
        raise typer.Exit(1)


@app.command()
def conflicts(
    ctx: typer.Context,
    clear: bool = typer.Option(False, "--clear", help="Forget them all (they were settled)."),
) -> None:
    """The conflicts the last git merge left, until each target is edited."""
    from ..gitshare import read_conflicts, write_conflicts
    from ..store import locate

    path = locate(root(ctx).db).path
    items = read_conflicts(path)
    if clear:
        write_conflicts(path, [])
        print(f"cleared {len(items)} conflict{'s' if len(items) != 1 else ''}")
        return
    if not items:
        print("no merge conflicts")
        return
    for c in items:
        print(f"{c.get('id')}  {c.get('field')}  ours: {c.get('ours')!r}  theirs: {c.get('theirs')!r}")
