"""Commands for sharing a store through git: git-setup, merge (git's merge driver), conflicts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import InputError, StoreError
from ..i18n import _
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
        print(_("{path}: git already merges it with targettrack").format(path=path))


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
            raise InputError(_('merge: cannot read {name} ({reason})').format(name=name, reason=e.strerror)) from None
        if may_be_empty and not raw.strip():
            return None
        try:
            return parse(p, raw)
        except StoreError as e:
            raise InputError(_('merge: {detail}').format(detail=e)) from None

    result = merge_stores(load(base, True), load(ours, False), load(theirs, False))
    atomic_write(Path(ours), dumps(result.data))
    for note in result.notes:
        print(_("{prog}: merged: {note}").format(prog=PROG, note=note), file=sys.stderr)
    if result.conflicts:
        store = Path(path or ours)
        kept = [c for c in read_conflicts(store) if c.get("id") not in {x.id for x in result.conflicts}]
        write_conflicts(store, kept + [c.to_dict() for c in result.conflicts])
        for c in result.conflicts:
            print(_("{prog}: merge conflict: {conflict}").format(prog=PROG, conflict=c.describe()), file=sys.stderr)
        print(_("{prog}: the store is valid, with our values; settle each with 'targettrack edit', then "
                "'git add {path}' ('targettrack conflicts' lists them)").format(prog=PROG, path=path or ours),
              file=sys.stderr)
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
    if clear:
        try:
            items = read_conflicts(path)
        except InputError:  # a file that is not ours to read is cleared all the same: that is what was asked
            items = []
        write_conflicts(path, [])
        print(_("cleared 1 conflict") if len(items) == 1 else _("cleared {count} conflicts").format(count=len(items)))
        return
    items = read_conflicts(path)
    if not items:
        print(_("no merge conflicts"))
        return
    for c in items:
        print(_("{id}  {field}  ours: {ours}  theirs: {theirs}").format(
            id=c.get("id"), field=c.get("field"), ours=repr(c.get("ours")), theirs=repr(c.get("theirs"))))
