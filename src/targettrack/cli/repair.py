"""Commands that look after the store itself: doctor, and the list's kept rows: cache."""

from __future__ import annotations

import sys

import typer

from ..store.lock import locate
from ..util.i18n import N_, _
from ..util.textwidth import safe
from .options import choice, root
from .program import app


@app.command()
def doctor(
    ctx: typer.Context,
    restore: bool = typer.Option(False, "--restore", help="Put back the newest good backup of a damaged store."),
) -> None:
    """Check the store and say what is wrong and how to recover (exit 3 if it cannot be used)."""
    from ..store import doctor as doc

    path = locate(root(ctx).db).path
    if restore:
        snap, entry, kept = doc.restore(path)
        print(
            safe(
                _("restored {path} from {version}").format(path=path, version=doc.describe(snap, entry))
                + (_("; the damaged file is kept as {file}").format(file=kept) if kept else "")
            )
        )
        return
    findings = doc.diagnose(path)
    levels = {"ok": N_("ok"), "warning": N_("warning"), "error": N_("error")}
    for f in findings:
        print(_("{level}: {message}").format(level=_(levels[f.level]), message=safe(f.message)))
    if any(f.level == "error" for f in findings):
        raise typer.Exit(3)


CACHE_ACTIONS = ("path", "clear")


@app.command()
def cache(
    action: str = typer.Argument(
        ..., metavar="ACTION", help="path: print the folder they are kept in; clear: remove them all."
    ),
) -> None:
    """The list's kept rows and export's kept pieces: where they are, or remove them (they are made again as needed)."""
    from ..cache import rows as rowcache

    choice("ACTION", action, CACHE_ACTIONS)
    if action == "path":
        print(safe(str(rowcache.folder())))
        return
    removed = rowcache.clear()
    print(
        safe(_("removed {n} cached file(s) from {folder}").format(n=removed, folder=rowcache.folder())), file=sys.stderr
    )
