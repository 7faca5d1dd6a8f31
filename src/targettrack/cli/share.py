"""Commands for sharing a store through git: git-setup, merge (git's merge driver), conflicts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..util.errors import InputError, StoreError
from ..util.i18n import _
from ..util.terminal import PROG
from .options import ByUser, open_store, root
from .program import app


@app.command("git-setup")
def git_setup(ctx: typer.Context) -> None:
    """Make the git repository holding the store merge it per target (idempotent)."""
    from ..store.gitshare import setup
    from ..store.lock import locate

    path = locate(root(ctx).db).path
    with open_store(ctx):  # it must be a store
        pass
    done = setup(path)
    for line in done:
        print(line)
    if not done:
        print(_("{path}: git already merges it with targettrack").format(path=path))


@app.command(hidden=True)  # run by git, as the merge driver git-setup registers; never typed
def merge(
    base: str = typer.Argument(..., metavar="BASE", help="The common ancestor (git's %O; may be empty)."),
    ours: str = typer.Argument(..., metavar="OURS", help="Ours (git's %A): the merged store is written here."),
    theirs: str = typer.Argument(..., metavar="THEIRS", help="Theirs (git's %B)."),
    path: Optional[str] = typer.Argument(
        None, metavar="[PATH]", help="The store's path in the repository (%P): its conflicts are kept beside it."
    ),
) -> None:
    """Git's merge driver: merge three versions of a store per target and field; exit 1 on a conflict."""
    from ..store.atomicwrite import atomic_write
    from ..store.fileformat import dumps
    from ..store.gitshare import read_conflicts, write_conflicts
    from ..store.merge import merge as merge_stores
    from ..store.storefile import parse

    def load(name: str, may_be_empty: bool):
        p = Path(name)
        try:
            raw = p.read_bytes()
        except OSError as e:
            raise InputError(_("merge: cannot read {name} ({reason})").format(name=name, reason=e.strerror)) from None
        if may_be_empty and not raw.strip():
            return None
        try:
            return parse(p, raw)
        except StoreError as e:
            raise InputError(_("merge: {detail}").format(detail=e)) from None

    result = merge_stores(load(base, True), load(ours, False), load(theirs, False))
    atomic_write(Path(ours), dumps(result.data))
    for note in result.notes:
        print(_("{prog}: merged: {note}").format(prog=PROG, note=note), file=sys.stderr)
    if result.conflicts:
        from ..store.gitshare import sides
        from ..store.merge import describe

        named = sides(Path.cwd())
        found = [
            {**c.to_dict(), **({"ours_side": named["ours"], "theirs_side": named["theirs"]} if named else {})}
            for c in result.conflicts
        ]
        store = Path(path or ours)
        kept = [c for c in read_conflicts(store) if c.get("id") not in {x.id for x in result.conflicts}]
        write_conflicts(store, kept + found)
        for c in found:
            print(_("{prog}: merge conflict: {conflict}").format(prog=PROG, conflict=describe(c)), file=sys.stderr)
        if named.get("rebase"):
            print(
                _(
                    "{prog}: under 'git pull --rebase', ours is the upstream and theirs your own commit: the store "
                    "has the upstream's values where the two differ"
                ).format(prog=PROG),
                file=sys.stderr,
            )
        print(
            _(
                "{prog}: the store is valid, with ours where the two sides differ; settle each with 'targettrack "
                "conflicts settle ID [FIELD] --ours|--theirs|--value V' (or 'edit'), then 'git add {path}' "
                "('targettrack conflicts' lists them)"
            ).format(prog=PROG, path=path or ours),
            file=sys.stderr,
        )
        raise typer.Exit(1)


@app.command()
def conflicts(
    ctx: typer.Context,
    action: Optional[str] = typer.Argument(
        None, metavar="[ACTION]", help="settle: settle one target's conflicts, or one field's (none: list them)."
    ),
    target_id: Optional[str] = typer.Argument(None, metavar="[ID]", help="With settle: the target's id."),
    field: Optional[str] = typer.Argument(
        None,
        metavar="[FIELD]",
        help="With settle: one field (owner, unit, 'value 2024', ...); none: all of the target's.",
    ),
    ours: bool = typer.Option(False, "--ours", help="With settle: what the store has (our side) is right."),
    theirs: bool = typer.Option(False, "--theirs", help="With settle: the other side is right."),
    value: Optional[str] = typer.Option(None, "--value", metavar="VALUE", help="With settle: neither; this is."),
    by_user: ByUser = None,
    clear: bool = typer.Option(False, "--clear", help="Forget them all (they were settled)."),
) -> None:
    """The conflicts the last git merge left, in plain words; settle them one by one: conflicts settle ID
    [FIELD] --ours|--theirs|--value V."""
    from ..store.gitshare import read_conflicts, write_conflicts
    from ..store.lock import locate
    from ..store.merge import describe

    path = locate(root(ctx).db).path
    if clear:
        try:
            items = read_conflicts(path)
        except InputError:  # a file that is not ours to read is cleared all the same: that is what was asked
            items = []
        write_conflicts(path, [])
        print(_("cleared 1 conflict") if len(items) == 1 else _("cleared {count} conflicts").format(count=len(items)))
        return
    if action is None:
        items = read_conflicts(path)
        if not items:
            print(_("no merge conflicts"))
            return
        for c in items:
            print(describe(c))
        return
    if action != "settle" or target_id is None:
        raise InputError(
            _("ACTION: give settle ID [FIELD] with --ours, --theirs or --value VALUE (or no action to list them)")
        )
    chosen = [name for name, given in (("ours", ours), ("theirs", theirs), ("value", value is not None)) if given]
    if len(chosen) != 1:
        raise InputError(_("settle takes one of --ours, --theirs or --value VALUE"))
    from ..model.clock import now_utc, today
    from ..store.settling import choose, settle
    from ..util.who import user

    items = read_conflicts(path)
    settled = choose(items, target_id, field)
    said = []
    with open_store(ctx, write=True) as store:
        store.describe(f"conflicts settle {target_id}" + (f" {field}" if field else "") + f" --{chosen[0]}")
        by = user(by_user, str(path))
        for c in settled:
            said.append(settle(store, c, chosen[0], value=value, by=by, now=now_utc(), today=today()))
    write_conflicts(path, [c for c in items if c not in settled])
    left = len(items) - len(settled)
    for line in said:
        print(line)
    print(
        _("{count} merge conflict(s) left").format(count=left)
        if left
        else _("no merge conflicts left: 'git add' the store and commit")
    )


@app.command("diff")
def diff(
    ctx: typer.Context,
    rev: Optional[str] = typer.Argument(
        None, metavar="[REV]", help="The git revision to compare with (default: HEAD, the last commit)."
    ),
) -> None:
    """What changed in the store since a git revision, as an analyst reads it: a line per value and field."""
    import subprocess

    from ..store.diff import changes
    from ..store.lock import locate
    from ..store.storefile import parse

    path = locate(root(ctx).db).path
    with open_store(ctx):  # a store, and read under its lock
        now = parse(path, path.read_bytes())
    folder = path.resolve().parent
    top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True)
    if top.returncode != 0:
        raise InputError(_("{path} is not in a git work tree: diff compares with a git revision").format(path=path))
    rel = path.resolve().relative_to(Path(top.stdout.strip())).as_posix()
    old = subprocess.run(["git", "show", f"{rev or 'HEAD'}:{rel}"], cwd=folder, capture_output=True)
    if old.returncode != 0:
        raise InputError(
            _("REV: git has no {rel} at {rev} ({detail})").format(
                rel=rel,
                rev=rev or "HEAD",
                detail=(old.stderr.decode("utf-8", "replace").strip().splitlines() or [_("not found")])[-1],
            )
        )
    try:
        before = parse(path, old.stdout) if old.stdout.strip() else None
    except StoreError as e:
        raise InputError(
            _("REV: the store at {rev} cannot be read ({detail})").format(rev=rev or "HEAD", detail=e)
        ) from None
    found = changes(before, now)
    for line in found:
        print(line)
    if not found:
        print(_("no change since {rev}").format(rev=rev or "HEAD"), file=sys.stderr)


@app.command("textconv", hidden=True)
def textconv(file: str = typer.Argument(..., metavar="FILE", help="A version of the store, as git hands it.")) -> None:
    """git's textconv: a version of the store as a line per field and per value, for `git diff` and `git log -p`."""
    from ..store.diff import lines
    from ..store.storefile import parse

    p = Path(file)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise InputError(_("textconv: cannot read {file} ({reason})").format(file=file, reason=e.strerror)) from None
    if not raw.strip():
        return
    try:
        data = parse(p, raw)
    except StoreError:
        sys.stdout.write(raw.decode("utf-8", "replace"))  # not a store git can show as one: its text as it is
        return
    for line in lines(data):
        print(line)
