"""Commands that move targets in and out: report, export, import, extract."""

from __future__ import annotations

import os
import sys
from typing import Annotated, List, Optional

import typer

from ..cache.reportrows import SINCE_DAYS, WITHIN
from ..judge.assess import assess
from ..model.clock import shift, span_days
from ..model.rules import check_method
from ..render import REPORT_EXTENSIONS
from ..render import REPORT_FORMATS as REPORT_MODULES
from ..store.lock import locate
from ..util.errors import InputError
from ..util.i18n import _
from ..util.terminal import PROG
from ..util.textwidth import safe
from .options import (
    AsOf,
    ByUser,
    Fields,
    FilterBinding,
    FilterPlan,
    FilterStatus,
    FilterTag,
    Format,
    KnownAt,
    Method,
    Output,
    PageSubtitle,
    PageTitle,
    Zoom,
    as_known,
    choice,
    data_out,
    decode_text,
    emit,
    fit_width,
    import_source,
    interactive,
    now_utc,
    open_store,
    output_format,
    period,
    read_text,
    root,
    statuses,
    target_filter,
    today,
    use_color,
)
from .options import (
    as_of as parse_as_of,
)
from .options import (
    known_at as parse_known_at,
)
from .options import limit as parse_limit
from .program import app

REPORT_FORMATS = tuple(REPORT_MODULES)
EXPORT_FORMATS = ("json", "csv", "xlsx", "ics")
EXPORT_EXTENSIONS = {".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".ics": "ics"}
EXTRACT_FORMATS = ("table", "text", "json", "csv")
WARNINGS_SHOWN = 10  # an import of thousands of rows says how many more, not each one
ReportFormat = Format(REPORT_FORMATS, "from --output's extension, else text")
ReportLimit = Annotated[
    Optional[str],
    typer.Option(
        "--limit",
        "-n",
        metavar="N",
        help="At most N rows in each section of the text or Markdown report, the most urgent first "
        "(the rest counted; JSON, CSV and HTML keep every row).",
    ),
]
ExtractLimit = Annotated[
    Optional[str],
    typer.Option(
        "--limit", "-n", metavar="N", help="At most N targets, the first N in the text (shown, reviewed or added)."
    ),
]
ExtractMinConfidence = Annotated[
    Optional[float],
    typer.Option(
        "--min-confidence",
        metavar="P",
        help="Only the proposals at least this sure, from 0 to 1 (each one's note says how sure, and why).",
    ),
]
ExportFormat = Format(EXPORT_FORMATS, "from --output's extension, else json")
ExtractFormat = Format(EXTRACT_FORMATS, "table on a terminal, else text; json and csv are import's formats")


# `report`'s own options (the shared ones are options.py's).
Since = Annotated[
    Optional[str],
    typer.Option(
        "--since", metavar="DATE", help=f"Changes since this date (default: {SINCE_DAYS} days before --as-of)."
    ),
]
Within = Annotated[
    str, typer.Option("--within", metavar="SPAN", help="Deadlines coming up within this span: 90d, 12w, 3m, 1y.")
]
FailOn = Annotated[
    List[str],
    typer.Option(
        "--fail-on",
        metavar="STATUS[,STATUS...]",
        help="Exit 1 if a reported target has one of these statuses (after writing the report).",
    ),
]
ShowStore = Annotated[
    bool,
    typer.Option(
        "--show-store",
        help="Name the store's path in an HTML or Markdown report (left out by "
        "default: a published page should not show a local folder).",
    ),
]


@app.command()
def report(
    ctx: typer.Context,
    fmt: ReportFormat = None,
    as_of: AsOf = None,
    known_at: KnownAt = None,
    since: Since = None,
    within: Within = WITHIN,
    tag: FilterTag = [],
    plan: FilterPlan = None,
    binding: FilterBinding = None,
    status: FilterStatus = [],
    method: Method = None,
    output: Output = None,
    fail_on: FailOn = [],
    show_store: ShowStore = False,
    title: PageTitle = None,
    subtitle: PageSubtitle = None,
    zoom: Zoom = False,
    limit: ReportLimit = None,
) -> None:
    """The weekly report: what needs attention, what is due, what changed, what was achieved."""
    from ..cache import reportrows
    from ..render import print_report, report_renderer

    fmt = output_format(fmt, output, REPORT_MODULES, extensions=REPORT_EXTENSIONS, default="text")
    page = _page_options(fmt, title=title, subtitle=subtitle, zoom=zoom, limit=limit)
    check_method(method)
    flt = target_filter(status, tag, plan=plan, binding=binding)
    failing = statuses("--fail-on", fail_on)
    known = parse_known_at(known_at)
    when = parse_as_of(as_of, known)
    since_day = period("--since", since).last if since else shift(when, -SINCE_DAYS)
    if since_day > when:
        raise InputError(
            _("--since: {since_day} is after the report date {when}").format(since_day=since_day, when=when)
        )
    days = span_days(within, when)
    opts = root(ctx)
    loc = locate(opts.db)
    rep = reportrows.report_for(
        loc.path,
        fmt,
        when,
        since=since_day,
        within_days=days,
        today=today(),
        method=method,
        flt=flt,
        lang_given=opts.lang_given,
        cached=not opts.no_cache,
        open_store=lambda: open_store(ctx),
        known=known,
    )
    path = str(loc.path.resolve()) if fmt not in ("html", "markdown") or show_store else None
    generated = now_utc()[:19] + "Z"
    from ..store.gitshare import provenance

    git = provenance(loc.path)
    if output is None:
        print_report(rep, fmt, store=path, generated_at=generated, color=use_color(ctx), git=git, **page)
    else:
        import io

        buf = io.StringIO()
        report_renderer(fmt)(rep, buf, store=path, generated_at=generated, git=git, **page)
        emit(buf.getvalue(), output, ctx)  # a file, whole or not at all
    if failing and any(status in failing for status in rep.statuses):
        raise typer.Exit(1)


def _page_options(fmt: str, *, title, subtitle, zoom: bool, limit) -> dict:
    """What the chosen format is drawn with besides the report: the HTML page's title, subtitle and zoom, the
    text and Markdown reports' --limit; an option its format has no use for is an error saying so."""
    page = {k: v for k, v in (("title", title), ("subtitle", subtitle), ("zoom", zoom)) if v}
    if page and fmt != "html":
        raise InputError(
            _(
                "--{option}: only the html report has a page to put it on (give --format html or --output FILE.html)"
            ).format(option=next(iter(page)))
        )
    most = parse_limit(limit)
    if most is not None and fmt not in ("text", "markdown"):
        raise InputError(
            _("--limit: only the text and Markdown reports are cut ({format} keeps every row)").format(format=fmt)
        )
    return page if most is None else {**page, "limit": most}


@app.command()
def export(
    ctx: typer.Context,
    fmt: ExportFormat = None,
    output: Output = None,
    as_of: AsOf = None,
    known_at: KnownAt = None,
    template: bool = typer.Option(
        False,
        "--template",
        help="With --format xlsx: an empty workbook with the columns, a kind drop-down and a sheet of notes.",
    ),
    excel: Optional[bool] = typer.Option(
        None,
        "--excel/--no-excel",
        help="CSV with a UTF-8 byte-order mark, so that Excel reads its Chinese "
        "(default: with --output FILE.csv, not on stdout).",
    ),
    fields: Fields = [],
) -> None:
    """The whole store as JSON, CSV or an Excel workbook (import reads all three back), or the deadlines as an iCalendar file."""
    from ..exchange import exporting

    fmt = output_format(fmt, output, EXPORT_FORMATS, extensions=EXPORT_EXTENSIONS, default="json")
    picked = _export_fields(fmt, fields)
    known = parse_known_at(known_at)
    when = parse_as_of(as_of, known)
    documents = None
    with open_store(ctx) as store:
        # JSON and CSV are written as the targets are read, from the bytes
        # read under the lock: the lock is not held while a pipe is slow.
        if fmt == "json" and not root(ctx).no_cache and as_of is None and known is None and not picked:
            documents = store.documents()  # a store targettrack wrote: its lines, and their kept pieces
        if documents is None:
            targets = store.iter_targets() if fmt in ("json", "csv") else store.targets()
            if as_of is not None or known is not None:  # the values dated by --as-of, as known at --known-at
                targets = as_known(targets, known, dated=when)
                targets = targets if fmt in ("json", "csv") else list(targets)
        settings = store.settings()
        schema = store.schema()
    if documents is not None:
        from ..cache import exports as exportcache

        kept = exportcache.pieces(
            store.path, documents, lambda number, doc: exporting.json_piece(store.decoded(number, doc))
        )
        text = exporting.export_json_pieces(kept, settings, now_utc()[:19] + "Z", schema=schema)
    elif fmt == "json":
        text = (
            exporting.chosen_json_pieces(targets, picked, settings, now_utc()[:19] + "Z", schema=schema)
            if picked
            else exporting.export_json_pieces(targets, settings, now_utc()[:19] + "Z", schema=schema)
        )
    elif fmt == "csv":
        text = exporting.chosen_csv_pieces(targets, picked) if picked else exporting.export_csv_pieces(targets)
        # Excel opens a CSV without a byte-order mark in the system's code page (GBK on Chinese
        # Windows) and shows UTF-8 Chinese as mojibake; a file is mostly made for Excel, a pipe not.
        if excel if excel is not None else output is not None:
            text = _after("\ufeff", text)
    elif fmt == "xlsx":
        from ..exchange.xlsx import export_xlsx

        if output is None and sys.stdout.isatty():
            raise InputError(_("--format xlsx writes a workbook: give --output FILE.xlsx (or redirect stdout)"))
        text = export_xlsx(targets, template=template)
    else:
        from ..render.ics_format import calendar

        text = calendar([(t, assess(t, when, settings)) for t in targets if t.deadline], now_utc())
    if template and fmt != "xlsx":
        raise InputError(_("--template goes with --format xlsx: an empty, documented workbook to fill in"))
    emit(text, output, ctx)


def _export_fields(fmt: str, fields: list[str]) -> tuple[str, ...] | None:
    """export --fields: JSON's and CSV's only (a workbook and a calendar are import's and a calendar's own shape)."""
    if not fields:
        return None
    if fmt not in ("json", "csv"):
        raise InputError(
            _("--fields: only the json and csv exports are cut ({format} keeps its shape)").format(format=fmt)
        )
    from ..exchange import exporting
    from ..render.fields import chosen

    return chosen(fields, exporting.fields_known())


def _after(first: str, pieces):
    yield first
    yield from pieces


@app.command("import")
def import_(
    ctx: typer.Context,
    file: str = typer.Argument(
        ..., metavar="FILE", help="A JSON, CSV or Excel (.xlsx) file (as export writes), or - for stdin."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Say what would change; write nothing."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No plausibility warnings."),
    by_user: ByUser = None,
    encoding: Optional[str] = typer.Option(
        None,
        "--encoding",
        metavar="ENCODING",
        help="The file's encoding: utf-8, utf-16, gb18030 or big5 (default: found from the bytes).",
    ),
) -> None:
    """Add or update targets and observations from a file: all or nothing, and idempotent."""
    from ..exchange import importing, importplan, readrows

    source = import_source(file)
    now = now_utc()
    from ..util.who import user

    by = user(by_user, str(locate(root(ctx).db).path))
    plan = None
    from ..util.textfile import ENCODINGS

    encoding = choice("--encoding", encoding.lower(), ENCODINGS) if encoding else None
    if encoding in (None, "utf-8") and importing.streamable(source.head(importing.HEAD)):
        # JSON: read a target at a time where it can be
        with open_store(ctx, write=not dry_run) as store:
            with _progress(source.size(), importing.PIECE) as step:
                plan = importing.streamed(store, source, today(), now=now, write=not dry_run, step=step, by=by)
    if plan is None:
        name, raw = source.name, source.whole()
    if plan is None:
        if raw.startswith(b"PK\x03\x04"):  # a zip file: an Excel workbook
            from ..exchange.xlsx import read_xlsx

            rows = read_xlsx(raw, name)
        else:
            rows = readrows.read(decode_text(raw, name, encoding), name)
        with open_store(ctx, write=not dry_run) as store:
            with _progress(len(rows.targets) + len(rows.observations), 2000) as step:
                plan = importplan.plan_import(rows, store.targets(), today(), now=now, progress=step, by=by)
            if not dry_run and (plan.targets or plan.settings and plan.settings != store.settings()):
                store.describe(f"import {name}")
                store.put_all(plan.targets, plan.settings)
    _say_import(plan, source.name, dry_run=dry_run, quiet=quiet)


def _say_import(plan, name: str, *, dry_run: bool, quiet: bool) -> None:
    """What an import did (or would do): its notes and warnings on stderr, its counts on stdout."""
    for note in plan.notes:  # a plan table's rows left out: said even with --quiet (they are not slips)
        print(_("{prog}: note: {message}").format(prog=PROG, message=safe(note)), file=sys.stderr)
    if not quiet:
        for warning in plan.warnings[:WARNINGS_SHOWN]:
            print(
                _("{prog}: warning: {message}").format(prog=PROG, message=safe(warning))
                + _(" (imported all the same; --quiet silences this)"),
                file=sys.stderr,
            )
        if plan.warnings_found > WARNINGS_SHOWN:
            print(
                _(
                    "{prog}: warning: and {count} more values that look like slips, imported all the same "
                    "(--quiet silences these)"
                ).format(prog=PROG, count=plan.warnings_found - WARNINGS_SHOWN),
                file=sys.stderr,
            )
    summary = (
        _(
            "{name}: would add {added} target(s), would update {updated}, {unchanged} unchanged; would add "
            "{observations} observation(s), {skipped} already there"
        )
        if dry_run
        else _(
            "{name}: add {added} target(s), update {updated}, {unchanged} unchanged; add {observations} "
            "observation(s), {skipped} already there"
        )
    )
    print(
        summary.format(
            name=safe(name),
            added=len(plan.added),
            updated=len(plan.updated),
            unchanged=len(plan.unchanged),
            observations=plan.observations_added,
            skipped=plan.observations_skipped,
        )
        + (
            _("; {n} repeated in the file, added once").format(n=plan.observations_repeated)
            if plan.observations_repeated
            else ""
        )
    )
    if dry_run:
        for i in plan.added:
            print(_("  add {id}").format(id=i))
        for i in plan.updated:
            print(_("  update {id}").format(id=i))


class _NoProgress:
    def __enter__(self):
        return lambda amount=1: None

    def __exit__(self, *exc):
        return False


def _progress(total: int, worth_it: int):
    """A progress bar on stderr for a long import (`total` of at least
    `worth_it` rows or bytes) on a terminal; nothing elsewhere."""
    if total < worth_it or not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        return _NoProgress()
    from contextlib import contextmanager

    from rich.progress import Progress

    @contextmanager
    def bar():
        with Progress(transient=True, console=None) as p:
            task = p.add_task(_("reading"), total=total)
            yield lambda amount=1: p.advance(task, amount)

    return bar()


@app.command()
def extract(
    ctx: typer.Context,
    file: str = typer.Argument(..., metavar="FILE", help="A UTF-8 text file (Chinese or English), or - for stdin."),
    fmt: ExtractFormat = None,
    year: Optional[int] = typer.Option(None, "--year", help="The document's year, for 今年 / this year."),
    add: bool = typer.Option(False, "--add", help="Import the proposed targets now (all or nothing, like import)."),
    review: bool = typer.Option(False, "--review", help="Ask about each one on a terminal: accept, edit or skip."),
    limit: ExtractLimit = None,
    min_confidence: ExtractMinConfidence = None,
    undated: bool = typer.Option(
        False,
        "--undated",
        help="In json and csv, also the proposals import refuses (no deadline or base year), each with it null.",
    ),
) -> None:
    """Propose the quantified targets a policy document sets, with the quoted words as source."""
    from .. import extract as ex
    from ..render import extract_view
    from . import proposals

    fmt = choice("--format", fmt, EXTRACT_FORMATS)
    if year is not None and not 1900 <= year <= 2200:
        raise InputError(_("--year: {year} is not a year between 1900 and 2200").format(year=year))
    if add and review:
        raise InputError(_("--add and --review do not go together (--review imports what you accept)"))
    if review and not interactive():
        raise InputError(_("--review asks questions on a terminal; use --format json or csv, or --add, in scripts"))
    if min_confidence is not None and not 0 <= min_confidence <= 1:
        raise InputError(_("--min-confidence: {p} is not between 0 and 1").format(p=min_confidence))
    name, text = read_text(file)
    candidates = proposals.surest(ex.extract(text.lstrip("\ufeff"), name, year), min_confidence)
    candidates = proposals.first(candidates, parse_limit(limit))
    left_out = [c for c in candidates if not c.observation and not extract_view.importable(c)]
    proposals.say_left_out(left_out, imported=add or review, data=fmt in ("json", "csv"), undated=undated)
    if review:
        candidates = proposals.reviewed(candidates)
    if add or review:
        from ..exchange import importplan, readrows

        with open_store(ctx, write=True) as store:
            current = store.targets()
            # A proposal never takes over a target of the same id from elsewhere.
            ex.beside(candidates, {t.id: t.source.quote for t in current})
            rows = readrows.read(extract_view.as_json(candidates, undated=False), name)
            from ..util.who import user

            plan = importplan.plan_import(rows, current, today(), now=now_utc(), by=user(None, str(store.path)))
            if plan.targets:
                store.describe(f"extract {name} --add")
                store.put_all(plan.targets)
        print(
            _(
                "{name}: added {added} target(s), updated {updated}, {unchanged} unchanged; {observations} "
                "observation(s)"
            ).format(
                name=safe(name),
                added=len(plan.added),
                updated=len(plan.updated),
                unchanged=len(plan.unchanged),
                observations=plan.observations_added,
            )
        )
        return
    fmt = fmt or ("table" if use_color(ctx) else "text")
    if fmt == "json":
        emit(extract_view.as_json(candidates, undated=undated), None)
    elif fmt == "csv":
        emit(extract_view.as_csv(candidates, undated=undated), None)
    elif fmt == "table":
        extract_view.as_table(candidates, sys.stdout, total=fit_width(), color=use_color(ctx))
    else:
        extract_view.as_plain(candidates, data_out())
