"""`site`: the whole store as a static website (site/build.py builds it)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..util.i18n import _
from ..util.textwidth import safe
from .options import AsOf, Method, PageSubtitle, Zoom, open_store
from .options import as_of as parse_as_of
from .program import app

SiteTitle = Annotated[
    Optional[str],
    typer.Option(
        "--title", metavar="TEXT", help="The site's name, atop every page (default: 'Where the targets stand')."
    ),
]


@app.command()
def site(
    folder: str = typer.Argument(
        ...,
        metavar="DIR",
        help="The site's folder: new, empty, or a site this command built (drawn again where changed).",
    ),
    ctx: typer.Context = None,
    as_of: AsOf = None,
    method: Method = None,
    title: SiteTitle = None,
    subtitle: PageSubtitle = None,
    zoom: Zoom = False,
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="Say nothing when the site is built (for cron: errors only)."
    ),
) -> None:
    """A static website of every target, in English and Chinese, to put on any web server (incremental)."""
    from ..model.rules import check_method
    from ..site.build import build
    from ..site.pages import Site

    check_method(method)
    when = parse_as_of(as_of)
    with open_store(ctx) as store:
        # The bytes of each target as the store holds them (a file targettrack
        # wrote): their hash says whether the last run drew them already, and
        # only the changed ones are decoded. Any other file: every target decoded.
        documents = store.documents()
        if documents is not None:
            entries = [(hashlib.blake2b(doc, digest_size=16).hexdigest(), (key, doc)) for key, doc in documents]

            def decode(kd):
                return store.decoded(*kd)

        else:
            entries = [(hashlib.blake2b(repr(t).encode(), digest_size=16).hexdigest(), t) for t in store.each_target()]
            decode = None
        settings = store.settings()
    # Drawn after the lock is let go (the bytes were read under it): an
    # update need not wait for 20,000 pages.
    built = build(
        Path(folder), entries, decode=decode, settings=settings, site=Site(title, subtitle, when, zoom), method=method
    )
    if quiet:
        return
    print(
        safe(
            _(
                "{folder}: {n} targets ({drawn} drawn); {written} files written, {same} unchanged, {removed} removed; open {index}"
            ).format(
                folder=folder,
                n=built.targets,
                drawn=built.drawn,
                written=built.written,
                same=built.unchanged,
                removed=built.removed,
                index=str(Path(folder) / "index.html"),
            )
        ),
        file=sys.stderr,
    )
