"""Commands that show the store: list, show, history, plans, info. They never write."""

from __future__ import annotations

import sys

import typer

from .. import __version__, render
from ..judge.assess import assess
from ..judge.selection import SORTS, select_each, status_counts
from ..model.rules import check_method
from ..model.values import show_value
from ..store.lock import locate
from ..util.terminal import left_out, nothing_listed
from .options import (
    AsOf,
    DueBefore,
    Fields,
    FilterBinding,
    FilterKind,
    FilterPlan,
    FilterStatus,
    FilterTag,
    Format,
    HistoryLimit,
    KnownAt,
    ListLimit,
    Method,
    Ref,
    Sort,
    as_known,
    choice,
    data_out,
    fit_width,
    open_store,
    root,
    target_filter,
    today,
    use_color,
    width,
)
from .options import (
    as_of as parse_as_of,
)
from .options import (
    known_at as parse_known_at,
)
from .options import limit as parse_limit
from .program import app

HISTORY_FORMATS = ("text", "json", "csv")
SHOW_FORMATS = ("text", "json")
INFO_FORMATS = ("text", "json")
PLANS_FORMATS = ("text", "json", "csv")
LIST_FORMATS = tuple(render.LIST_FORMATS)
HistoryFormat = Format(HISTORY_FORMATS, "text")
ListFormat = Format(LIST_FORMATS, "table on a terminal, else text")
ShowFormat = Format(SHOW_FORMATS, "text")
InfoFormat = Format(INFO_FORMATS, "text")
PlansFormat = Format(PLANS_FORMATS, "text")


@app.command()
def history(
    ctx: typer.Context,
    ref: Ref,
    fmt: HistoryFormat = None,
    show_all: bool = typer.Option(
        False, "--all", help="Also the values that a later one for the same day replaced (marked superseded)."
    ),
    as_of: AsOf = None,
    known_at: KnownAt = None,
    limit: HistoryLimit = None,
    fields: Fields = [],
) -> None:
    """List a target's observations, oldest first: the values in effect, or --all."""
    from ..judge.listrecord import OBSERVATION_FIELDS, observation_records
    from ..model.target import dated_by
    from ..render import fields as chosen_fields
    from ..render.plain import write_table
    from ..util.textwidth import safe

    fmt = choice("--format", fmt, HISTORY_FORMATS) or "text"
    picked = chosen_fields.chosen(fields, OBSERVATION_FIELDS)
    most = parse_limit(limit)
    known = parse_known_at(known_at)
    when = parse_as_of(as_of, known)
    with open_store(ctx) as store:
        t = _known(store.resolve(ref), known)
    rows = observation_records(dated_by(t, when), superseded=show_all)
    total = len(rows)
    rows = rows[-most:] if most else rows  # the latest
    left_out(len(rows), total)
    if picked:
        shown = chosen_fields.observation_rows(rows, picked, fmt)
        if fmt == "json":
            from ..render.json_format import dump

            dump(shown, data_out())
        else:
            chosen_fields.write(picked, fmt, shown, data_out(), total=fit_width())
    elif fmt == "json":
        from ..render.json_format import dump

        dump(rows, data_out())
    elif fmt == "csv":
        from ..util.csvcells import write_rows

        write_rows(list(OBSERVATION_FIELDS), rows, data_out())
    else:
        from ..util.i18n import N_, _

        table = [tuple(_(h) for h in (N_("DATE"), N_("VALUE"), N_("RECORDED"), N_("BY"), N_("NOTE"), N_("SOURCE")))]
        for r in rows:
            value = show_value(t, r["value"], r["measure"]) + (_(" (superseded)") if r["superseded"] else "")
            table.append(
                (
                    r["date_as_given"],
                    value,
                    r["recorded_at"][:19].replace("T", " "),
                    safe(r["recorded_by"]) or "-",
                    safe(r["note"]) or "-",
                    safe(r["source"]) or "-",
                )
            )
        write_table(table, data_out(), total=fit_width())


@app.command("list")
def list_(
    ctx: typer.Context,
    status: FilterStatus = [],
    tag: FilterTag = [],
    kind: FilterKind = None,
    plan: FilterPlan = None,
    binding: FilterBinding = None,
    method: Method = None,
    due_before: DueBefore = None,
    sort: Sort = "deadline",
    as_of: AsOf = None,
    known_at: KnownAt = None,
    fmt: ListFormat = None,
    limit: ListLimit = None,
    fields: Fields = [],
) -> None:
    """List targets with their status."""
    from ..render import LINE_FORMATS, lines_renderer, list_pieces
    from ..render.fields import TARGET_FIELDS, chosen

    flt = target_filter(status, tag, kind, plan=plan, due_before=due_before, binding=binding)
    check_method(method)
    most = parse_limit(limit)
    filtered = bool(status or tag or kind or plan or due_before or binding is not None)
    choice("--sort", sort, SORTS)
    fmt = choice("--format", fmt, LIST_FORMATS)
    known = parse_known_at(known_at)
    when = parse_as_of(as_of, known)
    color = use_color(ctx)
    fmt = fmt or ("table" if color else "text")
    out = sys.stdout if fmt == "table" else data_out()
    opts = root(ctx)
    picked = chosen(fields, TARGET_FIELDS)
    if picked:
        _list_fields(ctx, picked, fmt, flt=flt, when=when, known=known, method=method, sort=sort, most=most)
        return
    if fmt in LINE_FORMATS and not opts.no_cache and known is None:
        from ..cache import rows as rowcache

        lines = rowcache.lines(
            locate(opts.db).path,
            when,
            today(),
            method=method,
            keep=rowcache.row_filter(flt),
            sort=sort,
            lang_given=opts.lang_given,
            open_store=lambda: open_store(ctx),
        )
        if lines or fmt != "table":  # an empty box is no answer on a terminal
            lines_renderer(fmt)(lines[:most], out, color=color)  # [:None]: all of them
        left_out(len(lines[:most]), len(lines))
        if not lines:
            nothing_listed(filtered)
        return
    piece, render_pieces = list_pieces(fmt)
    with open_store(ctx) as store:
        settings = store.settings()
        # each target judged and made into what the format shows of it as it is read, then let go
        pieces = select_each(
            as_known(store.each_target(), known), flt, when, settings=settings, method=method, by=sort, piece=piece
        )
    render_pieces(pieces[:most], out, color=color)
    left_out(len(pieces[:most]), len(pieces))
    if not pieces:
        nothing_listed(filtered)


def _list_fields(ctx, picked, fmt: str, *, flt, when, known, method, sort: str, most) -> None:
    """`list --fields`: the chosen fields of each target, in the order of --sort."""
    from ..render import fields as chosen_fields

    with open_store(ctx) as store:
        settings = store.settings()
        pieces = select_each(
            as_known(store.each_target(), known),
            flt,
            when,
            settings=settings,
            method=method,
            by=sort,
            piece=chosen_fields.target_piece(picked, fmt),
        )
    chosen_fields.write(picked, fmt, pieces[:most], data_out(), total=fit_width())
    left_out(len(pieces[:most]), len(pieces))


def _known(t, known):
    """One target as recorded by the end of `known`, or an error if it was added later."""
    from ..model.target import known_at
    from ..util.errors import InputError
    from ..util.i18n import _

    if known is None:
        return t
    kept = known_at(t, known)
    if kept is None:
        raise InputError(
            _("{id} was added on {day}, after {known}").format(id=t.id, day=t.created_at[:10], known=known),
            field="known_at",
        )
    return kept


@app.command()
def show(
    ctx: typer.Context,
    ref: Ref,
    as_of: AsOf = None,
    known_at: KnownAt = None,
    method: Method = None,
    with_timeline: bool = typer.Option(
        False, "--timeline", help="Also the status at each observation and each year end since the start."
    ),
    fmt: ShowFormat = None,
    fields: Fields = [],
    zoom: bool = typer.Option(
        False,
        "--zoom",
        help="Fit the chart's value axis to the values (drawn cut) instead of starting amounts at zero.",
    ),
) -> None:
    """Everything about one target: fields, source, observations, progress, projection."""
    from ..judge.assess import timeline
    from ..render import detail

    fmt = choice("--format", fmt, SHOW_FORMATS, aliases={"table": "text"}) or "text"
    check_method(method)
    known = parse_known_at(known_at)
    when = parse_as_of(as_of, known)
    with open_store(ctx) as store:
        t = _known(store.resolve(ref), known)
        settings = store.settings()
    a = assess(t, when, settings, method=method)
    steps = timeline(t, when, settings, method=method) if with_timeline else None
    from ..render import fields as chosen_fields

    picked = chosen_fields.chosen(fields, chosen_fields.TARGET_FIELDS + ("observations",))
    if picked:
        chosen_fields.one_target(t, a, picked, fmt, data_out())
    elif fmt == "json":
        detail.render_json(t, a, data_out(), steps=steps)
    else:
        detail.render_text(
            t, a, sys.stdout, steps=steps, width=width(), color=use_color(ctx), fit=sys.stdout.isatty(), zoom=zoom
        )


@app.command()
def info(ctx: typer.Context, fmt: InfoFormat = None) -> None:
    """Which store is in use, its schema version and its counts."""
    import json

    from ..store.lock import lock_timeout
    from ..util import i18n
    from ..util.i18n import _

    fmt = choice("--format", fmt, INFO_FORMATS) or "text"
    loc = locate(root(ctx).db)
    with open_store(ctx) as store:
        targets = store.targets()
        schema = store.schema()
        settings = store.settings()
    now = today()
    data = {
        "store": str(loc.path.resolve()),
        "chosen_by": loc.origin,
        "schema": schema,
        "version": __version__,
        "bytes": loc.path.stat().st_size,
        "targets": len(targets),
        "observations": sum(len(t.observations) for t in targets),
        "status": status_counts(assess(t, now, settings) for t in targets),
        "as_of": now.isoformat(),
        "lock_timeout_seconds": lock_timeout(),
        "settings_changed": settings.changed(),
        "language": i18n.current,
        "language_chosen_by": i18n.why,
        "config_file": _config_file(),
    }
    if fmt == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for key in ("store", "chosen_by", "schema", "version", "bytes", "targets", "observations"):
        print(f"{key:<13} {data[key]}")
    print(
        f"{'status':<13} "
        + (", ".join(f"{s} {n}" for s, n in data["status"].items()) or "-")
        + _(" (as of {day})").format(day=data["as_of"])
    )
    print(f"{'lock_timeout':<13} {data['lock_timeout_seconds']:g}s")
    print(
        f"{'language':<13} "
        + _("{language} (chosen by {why})").format(
            language=data["language"], why=i18n.said_why(data["language_chosen_by"])
        )
    )
    mine = data["config_file"]
    print(f"{'config_file':<13} " + (f"{mine['path']} ({', '.join(mine['settings']) or '-'})" if mine else _("none")))
    changed = data["settings_changed"]
    print(
        f"{'settings':<13} "
        + (
            ", ".join(f"{k}={v}" for k, v in changed.items()) + _(" (changed from the defaults)")
            if changed
            else _("defaults")
        )
    )


def _config_file() -> dict | None:
    """The user's config file, if there is one: its path and what it sets (userconfig.py)."""
    import os

    from ..util import userconfig

    where = userconfig.path()
    return {"path": where, "settings": userconfig.settings()} if os.path.exists(where) else None


@app.command()
def plans(
    ctx: typer.Context, as_of: AsOf = None, known_at: KnownAt = None, method: Method = None, fmt: PlansFormat = None
) -> None:
    """Each plan: how many of its targets have each status, how many are on course, the binding ones apart,
    and its score (JSON and CSV also give its weakest status)."""
    from ..judge.plans import PLAN_FIELDS, summarize_plans

    fmt = choice("--format", fmt, PLANS_FORMATS) or "text"
    check_method(method)
    known = parse_known_at(known_at)
    when = parse_as_of(as_of, known)
    with open_store(ctx) as store:
        targets = list(as_known(store.targets(), known))
        settings = store.settings()
    rows = summarize_plans([(t, assess(t, when, settings, method=method)) for t in targets if t.plan])
    if fmt == "json":
        from ..render.json_format import dump

        dump(rows, data_out())
    elif fmt == "csv":
        from ..util.csvcells import write_rows

        flat = [
            {**r, "targets": ";".join(r["targets"]), "counts": ";".join(f"{k}={v}" for k, v in r["counts"].items())}
            for r in rows
        ]
        write_rows(list(PLAN_FIELDS), flat, data_out())
    else:
        from ..render.plain import write_table
        from ..util.i18n import N_, _
        from ..util.textwidth import safe

        # The counts by status, not the weakest alone: a plan of 12 with 4 achieved and 8 awaiting their
        # first value is "4 achieved · 8 no-data", not "no-data (8 of 12)".
        # The counts by status head the line (issue 29); on a narrow terminal each plan is stacked, the
        # counts on a line of their own (plain.write_table).
        heads = (N_("PLAN"), N_("TARGETS"), N_("ON COURSE"), N_("BINDING ON COURSE"), N_("SCORE"))
        table = [tuple(_(h) for h in heads)] + [
            (
                safe(r["plan"]),
                _(" · ").join(_("{n} {status}").format(n=n, status=_(k)) for k, n in r["counts"].items()),
                f"{r['on_course']}/{r['total']}",
                f"{r['binding_on_course']}/{r['binding']}" if r["binding"] else "-",
                "-" if r["score"] is None else f"{r['score']:+.2f}",
            )
            for r in rows
        ]
        write_table(table, data_out(), total=fit_width())
