"""What `extract` does with its proposals between reading the text and
printing or importing them: the sure ones kept (--min-confidence), the first
N (--limit), those import would refuse named, and each one put to a person
at a terminal (--review), the least sure first."""

from __future__ import annotations

import sys

import typer

from ..model.kinds import KIND
from ..model.quantity import format_number, format_quantity, parse_quantity
from ..model.rules import check_kind
from ..util.errors import InputError
from ..util.i18n import _
from ..util.terminal import PROG
from .options import period


def surest(candidates: list, least: float | None) -> list:
    """extract --min-confidence: the proposals at least this sure (stderr names the others)."""
    from ..extract.confidence import at_least

    if least is None:
        return candidates
    kept, unsure = at_least(candidates, least)
    if unsure:
        print(
            _("{prog}: note: {count} proposed target(s) less sure than {p} left out: {ids}").format(
                prog=PROG, count=len(unsure), p=least, ids=", ".join(c.id for c in unsure)
            ),
            file=sys.stderr,
        )
    return kept


def first(candidates: list, most: int | None) -> list:
    """extract --limit: the first `most` candidates (stderr says how many were left out, on a terminal)."""
    from ..util.terminal import left_out

    left_out(len(candidates[:most]), len(candidates))
    return candidates[:most]


def say_left_out(left_out: list, *, imported: bool, data: bool, undated: bool) -> None:
    """Name on stderr the proposals import would refuse (no deadline or base year), as they are treated."""
    if not left_out or not (imported or data):
        return  # the text and table formats show them, with "no deadline found"
    if imported:
        said = _(
            "{prog}: note: {count} proposed target(s) lack a deadline or a base year and are not added: {ids} "
            "(see them with --format plain)"
        )
    elif undated:
        said = _(
            "{prog}: note: {count} proposed target(s) lack a deadline or a base year: {ids}; they are listed "
            "without it, and import refuses them until it is given"
        )
    else:
        said = _(
            "{prog}: note: {count} proposed target(s) lack a deadline or a base year and are left out, so that "
            "import takes this output: {ids} (see them with --format plain; --undated lists them too)"
        )
    print(said.format(prog=PROG, count=len(left_out), ids=", ".join(c.id for c in left_out)), file=sys.stderr)


def reviewed(candidates):
    """Accept, edit or skip each proposed target, at a terminal."""
    from dataclasses import replace

    from ..extract.confidence import doubtful_first, said
    from ..render.extract_view import highlight_plain, shown_value

    kept = []
    for c in doubtful_first(candidates):
        if c.observation:
            kept.append(c)
            continue
        value = shown_value(c)
        print(
            "\n"
            + _("{id}: {kind} {value} by {deadline}: {title}").format(
                id=c.id, kind=_(c.kind), value=value, deadline=c.deadline.label if c.deadline else "-", title=c.title
            )
        )
        print(f"  “{highlight_plain(c)}” ({c.file}:{c.line})")
        if c.review:
            print(_("  check: {notes}").format(notes="; ".join(c.review)))
        print(f"  {said(c)}")
        answer = typer.prompt(_("  [a]ccept, [e]dit or [s]kip"), default="a").strip().lower()[:1]
        if answer == "s":
            continue
        if answer == "e":
            title = typer.prompt(_("  title"), default=c.title)
            kind = check_kind(typer.prompt(_("  kind"), default=c.kind))
            deadline = typer.prompt(
                _("  deadline (empty for none)"),
                default=c.deadline.label if c.deadline else "",
                show_default=bool(c.deadline),
            )
            c = replace(c, title=title, kind=kind, deadline=period("deadline", deadline) if deadline else None)
            if not KIND[kind].boolean:
                try:
                    # A change or a growth rate is edited as its number (-13.5), a level with its unit.
                    typed = typer.prompt(
                        _("  target"), default=format_number(c.value) if c.form else format_quantity(c.value, c.unit)
                    )
                    q = parse_quantity(typed.rstrip("%") if c.form else typed)
                except InputError as e:
                    raise InputError(_("target: {detail}").format(detail=e)) from None
                c = replace(c, value=q.number, unit=c.unit if c.form else (q.unit or c.unit))
        kept.append(c)
    return [c for c in kept if not c.observation or any(k.id == c.for_target for k in kept)]
