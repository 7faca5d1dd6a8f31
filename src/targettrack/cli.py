"""The command line: thin Typer commands over the library.

Each command parses its options into model values (every parse error is an
InputError naming the option), opens the store, does one thing, and hands the
result to a renderer. Errors of every kind end in `main` below as one line on
stderr and a documented exit code:

    0 success; 1 declined confirmation or internal error;
    2 bad usage or bad input (nothing written);
    3 the store is missing, unreadable, corrupt, unwritable or locked too long.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
import importlib
from typing import List, Optional

import typer
from typer import Abort
from typer.core import TyperGroup

try:  # typer >= 0.29 vendors click; older ones use click itself
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
except ImportError:  # pragma: no cover
    from click.exceptions import ClickException, NoArgsIsHelpError, UsageError

from . import __version__
from .assess import ATTENTION_ORDER, STATUSES, assess, latest_level
from .dates import Period, day, parse_period
from .errors import InputError, TargetTrackError
from .settings import KEYS, METHODS, Settings
from .model import (DONE, DONE_WORDS, KINDS, NOT_DONE, NOT_DONE_WORDS, Observation, Source, Target,
                    check_id, validate)
from .quantity import (Quantity, clean, convert, fold_bare_magnitude, format_quantity, normalize_text,
                       parse_quantity, same_dimension, value_in_unit)
from .store import Store, locate
from . import fastparams

fastparams.install()
PROG = "targettrack"


# --- errors: one line, a documented exit code, never a traceback ---------------

class _Group(TyperGroup):
    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            rv = super().main(args=args, prog_name=prog_name or PROG, complete_var=complete_var,
                              standalone_mode=False, **extra)
            code = rv if isinstance(rv, int) else 0
        except NoArgsIsHelpError as e:
            print(e.format_message())
            code = 2
        except UsageError as e:
            where = e.ctx.command_path if e.ctx else PROG
            code = _fail(f"{e.format_message()} (see '{where} --help')", e.exit_code)
        except ClickException as e:
            code = _fail(e.format_message(), e.exit_code)
        except TargetTrackError as e:
            code = _fail(str(e), e.exit_code)
        except Abort:
            code = _fail("aborted", 1)
        except KeyboardInterrupt:
            code = _fail("interrupted", 130)
        except BrokenPipeError:
            # The reader went away (| head): stop quietly, as cat and git do.
            try:
                sys.stdout = open(os.devnull, "w")
            except OSError:
                pass
            code = 0
        except Exception as e:
            if os.environ.get("TARGETTRACK_DEBUG"):
                raise
            code = _fail(f"internal error ({type(e).__name__}: {e}); please report it "
                         "(TARGETTRACK_DEBUG=1 shows the traceback)", 1)
        if standalone_mode:
            sys.exit(code)
        return code


def _fail(message: str, code: int) -> int:
    text = " ".join(str(message).split())  # one line, whatever the message held
    print(f"{PROG}: error: {text}", file=sys.stderr)
    return code


app = typer.Typer(
    cls=_Group,
    name=PROG,
    help="Track quantified public-policy targets against their deadlines.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# --- shared settings --------------------------------------------------------

@dataclass
class GlobalOptions:
    db: Optional[str]
    no_color: bool


def _version(value: bool) -> None:
    if value:
        print(f"{PROG} {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    db: Optional[str] = typer.Option(None, "--db", metavar="PATH",
                                     help="Store file. Default: $TARGETTRACK_DB, else "
                                          "$XDG_DATA_HOME/targettrack/targets.json "
                                          "(~/.local/share/targettrack/targets.json)."),
    no_color: bool = typer.Option(False, "--no-color", help="No colour, even on a terminal."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Track quantified public-policy targets against their deadlines."""
    ctx.obj = GlobalOptions(db=db, no_color=no_color)


def _options(ctx: typer.Context) -> GlobalOptions:
    return ctx.find_root().obj


def today() -> date:
    """Today, or TARGETTRACK_TODAY (YYYY-MM-DD) to reproduce a run exactly."""
    fixed = os.environ.get("TARGETTRACK_TODAY")
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise InputError(f"TARGETTRACK_TODAY={fixed!r}: give a date as YYYY-MM-DD") from None
    return date.today()


def now_utc() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def use_color(ctx: typer.Context) -> bool:
    return (not _options(ctx).no_color and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM") != "dumb" and sys.stdout.isatty())


def _width() -> int:
    """The terminal's width; off a terminal, COLUMNS or 80 (a chart must fit somewhere)."""
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size((80, 24)).columns
    try:
        return max(int(os.environ.get("COLUMNS", "80")), 40)
    except ValueError:
        return 80


def interactive() -> bool:
    return sys.stdin.isatty()


def open_store(ctx: typer.Context, write: bool = False) -> Store:
    return Store(locate(_options(ctx).db).path, write=write, command=ctx.info_name or "")


# --- option parsing: every error names its option ---------------------------

def _text(option: str, value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{option}: not valid UTF-8 text") from None
    return value


def _period(option: str, value: Optional[str]) -> Optional[Period]:
    if value is None:
        return None
    try:
        return parse_period(value, today())
    except InputError as e:
        raise InputError(f"{option}: {e}") from None


def _as_of(value: Optional[str]) -> date:
    p = _period("--as-of", value)
    return p.last if p else today()


def _quantity(option: str, value: str, allow_relative: bool = False) -> Quantity:
    try:
        return parse_quantity(value, allow_relative=allow_relative)
    except InputError as e:
        raise InputError(f"{option}: {e}") from None


def _in_unit(option: str, value: Optional[str], unit: str) -> Optional:
    if value is None:
        return None
    try:
        return value_in_unit(_quantity(option, value), unit)
    except InputError as e:
        msg = str(e)
        raise InputError(msg if msg.startswith(option) else f"{option}: {msg}") from None


def _choice(option: str, value: Optional[str], allowed) -> Optional[str]:
    if value is not None and value not in allowed:
        raise InputError(f"{option}: {value!r} is not one of {', '.join(allowed)}")
    return value


def _tags(values: List[str]) -> tuple:
    tags = []
    for v in values:
        for tag in _text("--tag", v).split(","):
            tag = tag.strip()
            if not tag or any(c.isspace() for c in tag):
                raise InputError(f"--tag: invalid tag {tag!r} (tags are single words; separate several with commas)")
            if tag not in tags:
                tags.append(tag)
    return tuple(tags)


def _unit(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    unit = normalize_text(_text("--unit", value))
    if any(c.isdigit() for c in unit[:1]) or any(not c.isprintable() for c in unit):
        raise InputError(f"--unit: {value!r} is not a unit (e.g. 家, 个, 亿元, km, %)")
    return unit


# --- commands -----------------------------------------------------------------

@app.command()
def init(
    ctx: typer.Context,
    sample: bool = typer.Option(False, "--sample", help="Load the targets of the seed article."),
) -> None:
    """Create a store (empty, or with the seed article's targets). Never overwrites."""
    from .sample import sample_targets

    path = locate(_options(ctx).db).path
    targets = sample_targets() if sample else []
    Store.create(path, targets)
    print(f"created {path} with {len(targets)} target{'s' if len(targets) != 1 else ''}")


@app.command()
def add(
    ctx: typer.Context,
    target_id: str = typer.Argument(..., metavar="ID", help="A short slug, e.g. sh-robot-brands."),
    title: str = typer.Option(..., "--title", help="What the target is about (any language)."),
    target: Optional[str] = typer.Option(None, "--target", help="Value to reach: 10, 1000亿元, 45%, 两千五百万."),
    deadline: Optional[str] = typer.Option(None, "--deadline", help="2025, 2025年底, 2025-06, 2025Q3, 十四五末, +2y ..."),
    kind: str = typer.Option("increase", "--kind", help="increase, decrease, cap, floor or milestone."),
    unit: Optional[str] = typer.Option(None, "--unit", help="家, 个, 亿元, km, % ... (default: the unit of --target)."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Value at the start."),
    baseline_date: Optional[str] = typer.Option(None, "--baseline-date", help="Date of the baseline (default: the start)."),
    start: Optional[str] = typer.Option(None, "--start", help="When the target starts (default: the baseline date)."),
    tag: List[str] = typer.Option([], "--tag", help="A tag; repeat or separate with commas."),
    owner: Optional[str] = typer.Option(None, "--owner", help="Who set it, e.g. 上海市人民政府."),
    source: Optional[str] = typer.Option(None, "--source", help="The document that sets it."),
    source_url: Optional[str] = typer.Option(None, "--source-url", help="Where the document is."),
    source_quote: Optional[str] = typer.Option(None, "--source-quote", help="The quoted words."),
    source_publisher: Optional[str] = typer.Option(None, "--source-publisher", help="Who published it."),
    source_date: Optional[str] = typer.Option(None, "--source-date", help="When it was published."),
    source_note: Optional[str] = typer.Option(None, "--source-note", help="Your note on the source (inferences)."),
    title_en: Optional[str] = typer.Option(None, "--title-en", help="An English title."),
    method: Optional[str] = typer.Option(None, "--method", help="linear, cagr or projection (default: the store's)."),
    plan: Optional[str] = typer.Option(None, "--plan", help="The plan the target belongs to."),
) -> None:
    """Add a target."""
    check_id(target_id)
    _choice("--kind", kind, KINDS)
    _choice("--method", method, METHODS)
    unit_label, target_value = _target_and_unit(kind, target, _unit(unit))
    start_p = _period("--start", start)
    base_date_p = _period("--baseline-date", baseline_date)
    new = Target(
        id=target_id,
        title=_text("--title", title),
        kind=kind,
        unit=unit_label,
        target=target_value,
        deadline=_period("--deadline", deadline),
        start=start_p or base_date_p,
        baseline=_in_unit("--baseline", baseline, unit_label),
        baseline_date=base_date_p,
        title_en=_text("--title-en", title_en),
        tags=_tags(tag),
        owner=_text("--owner", owner),
        source=Source(
            document=_text("--source", source), publisher=_text("--source-publisher", source_publisher),
            date=_period("--source-date", source_date).label if source_date else None,
            url=_text("--source-url", source_url), quote=_text("--source-quote", source_quote),
            note=_text("--source-note", source_note),
        ),
        created_at=now_utc(),
        method=method,
        plan=_text("--plan", plan),
    )
    validate(new)
    with open_store(ctx, write=True) as store:
        store.describe(f"add {new.id}")
        store.add(new)
        settings = store.settings()
    a = assess(new, today(), settings)
    print(f"added {new.id}: {new.describe_target()}"
          + (f" by {new.deadline}" if new.deadline else "") + f" ({a.status})")


def _target_and_unit(kind: str, target: Optional[str], unit: Optional[str]) -> tuple:
    """The unit comes from --unit, else from the unit written after --target."""
    if kind == "milestone":
        if target is not None:
            raise InputError("--target: a milestone is done or not done; it takes no target value")
        return unit or "", None
    if target is None:
        return unit or "", None
    q = fold_bare_magnitude(_quantity("--target", target))
    if unit is None:
        return q.unit, clean(q.number)
    return unit, _in_unit("--target", target, unit)


@app.command(context_settings={"ignore_unknown_options": True})
def update(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID", help="Target id or an unambiguous prefix."),
    value: List[str] = typer.Argument(..., metavar="VALUE",
                                      help="The new level (850, 8500000万元), a change (+3, -2), "
                                           "=-5 for a negative level, or done for a milestone."),
    on: Optional[str] = typer.Option(None, "--date", help="Date of the value (default: today)."),
    note: Optional[str] = typer.Option(None, "--note", help="A note on this value."),
    source: Optional[str] = typer.Option(None, "--source", help="Where this value comes from."),
) -> None:
    """Record a dated progress value, and print the new status in one line."""
    # Unknown options are let through so that "-2" reaches us as a value;
    # anything else that looks like an option is refused here.
    for v in value:
        if v.startswith("-") and not _NEGATIVE.match(v):
            raise InputError(f"no such option: {v} (see 'targettrack update --help')")
    if len(value) != 1:
        raise InputError(f"give one VALUE, not {len(value)}: {' '.join(value)}")
    value = value[0]
    now = today()
    when = _period("--date", on) or day(now)
    if when.first > now:
        raise InputError(f"--date: {when} is in the future (today is {now}); record values once they are known")
    if when.last > now:  # a value "as of 2026-11" is dated 2026-11-30: after today, so today's status would skip it
        raise InputError(f"--date: {when} has not ended yet (today is {now}); give the day, e.g. --date {now}")
    note, source = _text("--note", note), _text("--source", source)
    with open_store(ctx, write=True) as store:
        t = store.resolve(ref)
        store.describe(f"update {t.id} {value} --date {when}")
        level = _observed_level(t, value, when)
        new = t.with_observation(Observation(when, level, now_utc(), note, source))
        store.replace(t.id, new)
        settings = store.settings()
    a = assess(new, now, settings)
    shown = ("done" if level == DONE else "not done") if t.kind == "milestone" else format_quantity(level, t.unit)
    print(f"{t.id}: {shown} on {when} -> {a.status} ({a.reason})")


_NEGATIVE = re.compile(r"-[\d.]")


def _observed_level(t: Target, value: str, when: Period):
    if t.kind == "milestone":
        word = normalize_text(value).lower()
        if word in DONE_WORDS:
            return DONE
        if word in NOT_DONE_WORDS:
            return NOT_DONE
        raise InputError(f"VALUE: {t.id} is a milestone; give 'done' (or 'undone' to correct a mistake), not {value!r}")
    q = _quantity("VALUE", value, allow_relative=True)
    try:
        amount = value_in_unit(Quantity(q.number, q.unit), t.unit)
    except InputError as e:
        raise InputError(f"VALUE: {e}") from None
    if not q.relative:
        return amount
    previous = latest_level(t, when.last)
    if previous is None:
        raise InputError(f"VALUE: {value!r} is a change, but {t.id} has no earlier value or baseline to change; give the level itself")
    return clean(previous + amount)


EDITABLE = ("title_en", "tags", "owner", "baseline", "baseline_date", "start", "deadline", "unit", "method", "plan",
            "source", "source_url", "source_quote", "source_publisher", "source_date", "source_note")


@app.command()
def edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID", help="Target id or an unambiguous prefix."),
    title: Optional[str] = typer.Option(None, "--title", help="New title."),
    target: Optional[str] = typer.Option(None, "--target", help="New value to reach (converted to the unit)."),
    deadline: Optional[str] = typer.Option(None, "--deadline", help="New deadline (2025, 2025年底, 2025Q3 ...)."),
    kind: Optional[str] = typer.Option(None, "--kind", help="increase, decrease, cap, floor or milestone."),
    unit: Optional[str] = typer.Option(None, "--unit", help="New unit: values are converted when the units are of one kind."),
    relabel: bool = typer.Option(False, "--relabel", help="With --unit: change the unit's name without converting values."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="New baseline value (converted to the unit)."),
    baseline_date: Optional[str] = typer.Option(None, "--baseline-date", help="New baseline date."),
    start: Optional[str] = typer.Option(None, "--start", help="New start."),
    tag: List[str] = typer.Option([], "--tag", help="Replace the tags; repeat or separate with commas."),
    owner: Optional[str] = typer.Option(None, "--owner", help="Who set it."),
    source: Optional[str] = typer.Option(None, "--source", help="The document that sets it."),
    source_url: Optional[str] = typer.Option(None, "--source-url", help="Where the document is."),
    source_quote: Optional[str] = typer.Option(None, "--source-quote", help="The quoted words."),
    source_publisher: Optional[str] = typer.Option(None, "--source-publisher", help="Who published it."),
    source_date: Optional[str] = typer.Option(None, "--source-date", help="When it was published."),
    source_note: Optional[str] = typer.Option(None, "--source-note", help="Your note on the source."),
    title_en: Optional[str] = typer.Option(None, "--title-en", help="English title."),
    method: Optional[str] = typer.Option(None, "--method", help="linear, cagr or projection."),
    plan: Optional[str] = typer.Option(None, "--plan", help="The plan the target belongs to."),
    unset: List[str] = typer.Option([], "--unset", metavar="FIELD", help=f"Clear a field: {', '.join(EDITABLE)}."),
) -> None:
    """Change any field of a target."""
    for field_name in unset:
        _choice("--unset", field_name, EDITABLE)
    _choice("--kind", kind, KINDS)
    _choice("--method", method, METHODS)
    new_unit = _unit(unit)
    if relabel and new_unit is None:
        raise InputError("--relabel goes with --unit")
    parsed = {
        "deadline": _period("--deadline", deadline), "start": _period("--start", start),
        "baseline_date": _period("--baseline-date", baseline_date),
        "source_date": _period("--source-date", source_date),
    }
    with open_store(ctx, write=True) as store:
        old = store.resolve(ref)
        store.describe(f"edit {old.id}")
        t = old
        if new_unit is not None and new_unit != t.unit:
            t = _change_unit(t, new_unit, relabel)
        if kind and kind != t.kind and t.observations and "milestone" in (kind, t.kind):
            raise InputError(f"--kind: {t.id} has observations recorded as a {t.kind}; a milestone's and a level's values do not convert")
        changes = {
            "title": _text("--title", title), "kind": kind, "title_en": _text("--title-en", title_en),
            "owner": _text("--owner", owner), "deadline": parsed["deadline"], "start": parsed["start"],
            "baseline_date": parsed["baseline_date"],
            "target": _in_unit("--target", target, t.unit), "baseline": _in_unit("--baseline", baseline, t.unit),
            "tags": _tags(tag) if tag else None,
            "method": method, "plan": _text("--plan", plan),
        }
        t = replace(t, **{k: v for k, v in changes.items() if v is not None})
        src = {
            "document": _text("--source", source), "url": _text("--source-url", source_url),
            "quote": _text("--source-quote", source_quote), "publisher": _text("--source-publisher", source_publisher),
            "date": parsed["source_date"].label if parsed["source_date"] else None,
            "note": _text("--source-note", source_note),
        }
        for field_name in unset:
            if field_name.startswith("source"):
                key = "document" if field_name == "source" else field_name[len("source_"):]
                src[key] = ""
            else:
                t = replace(t, **{field_name: () if field_name == "tags" else ("" if field_name == "unit" else None)})
        t = replace(t, source=replace(t.source, **{k: (v or None) for k, v in src.items() if v is not None}))
        if t == old:
            raise InputError("nothing to change: give at least one option (see 'targettrack edit --help')")
        validate(t)
        store.replace(old.id, t)
        settings = store.settings()
    print(f"edited {t.id} ({assess(t, today(), settings).status})")


def _change_unit(t: Target, unit: str, relabel: bool) -> Target:
    if relabel:
        return replace(t, unit=unit)
    if not same_dimension(t.unit, unit):
        raise InputError(f"--unit: {t.unit or 'no unit'} cannot be converted to {unit}; "
                         "pass --relabel to rename the unit without converting the values")

    def conv(v):
        return None if v is None else convert(v, t.unit, unit)

    return replace(
        t, unit=unit, target=conv(t.target), baseline=conv(t.baseline),
        observations=tuple(o._replace(value=conv(o.value)) for o in t.observations),
    )


@app.command()
def remove(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID", help="Target id or an unambiguous prefix."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask (for scripts)."),
) -> None:
    """Remove a target and its observations (asks first on a terminal)."""
    with open_store(ctx, write=True) as store:
        t = store.resolve(ref)
        if not yes:
            if not interactive():
                raise InputError(f"not removing {t.id} without confirmation: pass --yes when not on a terminal")
            if not typer.confirm(f"Remove {t.id} ({t.title}) and its {len(t.observations)} observations?"):
                print("not removed", file=sys.stderr)
                raise typer.Exit(1)
        store.describe(f"remove {t.id}")
        store.remove(t.id)
    print(f"removed {t.id}")


@app.command()
def history(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID", help="Target id or an unambiguous prefix."),
    fmt: str = typer.Option("plain", "--format", "-f", help="plain, json or csv."),
) -> None:
    """List a target's observations, oldest first."""
    from .records import observation_records
    from .render.plain import write_table
    from .textwidth import safe

    _choice("--format", fmt, ("plain", "json", "csv"))
    with open_store(ctx) as store:
        t = store.resolve(ref)
    rows = observation_records(t)
    if fmt == "json":
        from .render.json_format import dump

        dump(rows, sys.stdout)
    elif fmt == "csv":
        from .render.csv_format import write_rows

        write_rows(list(rows[0]) if rows else ["id", "date", "date_as_given", "value", "unit", "note", "source", "recorded_at"],
                   rows, sys.stdout)
    else:
        table = [("DATE", "VALUE", "RECORDED", "NOTE", "SOURCE")]
        for r in rows:
            value = (("done" if r["value"] else "not done") if t.kind == "milestone"
                     else format_quantity(r["value"], t.unit))
            table.append((r["date_as_given"], value, r["recorded_at"][:19].replace("T", " "),
                          safe(r["note"]) or "-", safe(r["source"]) or "-"))
        write_table(table, sys.stdout)


SORTS = ("deadline", "status", "progress", "urgency", "id")


def _sort_key(name: str):
    far = date.max
    if name == "id":
        return lambda ta: ta[0].id
    if name == "status":
        return lambda ta: (ATTENTION_ORDER.index(ta[1].status), ta[0].id)
    if name == "progress":
        return lambda ta: (ta[1].progress is None, -(ta[1].progress or 0), ta[0].id)
    if name == "urgency":
        return _urgency
    return lambda ta: (ta[0].deadline.last if ta[0].deadline else far, ta[0].id)


def _urgency(ta):
    """Missed and breached first, then the smallest safety buffer, then the rest by deadline."""
    t, a = ta
    deadline = t.deadline.last if t.deadline else date.max
    if a.status in ("missed", "breached"):
        return (0, 0, deadline, t.id)
    if a.status in ("achieved", "within"):
        return (3, 0, deadline, t.id)
    if a.buffer_days is not None:
        return (1, a.buffer_days, deadline, t.id)
    return (2, 0, deadline, t.id)


@app.command("list")
def list_(
    ctx: typer.Context,
    status: List[str] = typer.Option([], "--status", "-s", help=f"Only these statuses (repeat): {', '.join(STATUSES)}."),
    tag: List[str] = typer.Option([], "--tag", "-t", help="Only targets with every one of these tags."),
    kind: Optional[str] = typer.Option(None, "--kind", help="Only this kind."),
    plan: Optional[str] = typer.Option(None, "--plan", help="Only the targets of this plan."),
    method: Optional[str] = typer.Option(None, "--method", help="Judge every target with this method: linear, cagr or projection."),
    due_before: Optional[str] = typer.Option(None, "--due-before", help="Only deadlines before this date."),
    sort: str = typer.Option("deadline", "--sort", help=f"{', '.join(SORTS)}."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Judge as of this date (default: today)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help="table, plain, json or csv (default: table on a terminal, else plain)."),
) -> None:
    """List targets with their status."""
    from .render import LIST_FORMATS, list_renderer

    for s in status:
        for one in s.split(","):
            _choice("--status", one, STATUSES)
    wanted_status = {one for s in status for one in s.split(",")}
    wanted_tags = set(_tags(tag))
    _choice("--kind", kind, KINDS)
    _choice("--method", method, METHODS)
    _choice("--sort", sort, SORTS)
    _choice("--format", fmt, tuple(LIST_FORMATS))
    when = _as_of(as_of)
    due = _period("--due-before", due_before)
    color = use_color(ctx)
    fmt = fmt or ("table" if color else "plain")
    with open_store(ctx) as store:
        targets = store.targets()
        settings = store.settings()
    rows = []
    for t in targets:
        if kind and t.kind != kind or not wanted_tags <= set(t.tags) or plan is not None and t.plan != plan:
            continue
        if due and not (t.deadline and t.deadline.last < due.first):
            continue
        a = assess(t, when, settings, method)
        if wanted_status and a.status not in wanted_status:
            continue
        rows.append((t, a))
    rows.sort(key=_sort_key(sort))
    list_renderer(fmt)(rows, sys.stdout, color=color)


@app.command()
def show(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID", help="Target id or an unambiguous prefix."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Judge as of this date (default: today)."),
    method: Optional[str] = typer.Option(None, "--method", help="Judge with this method: linear, cagr or projection."),
    with_timeline: bool = typer.Option(False, "--timeline",
                                       help="Also the status at each observation and each year end since the start."),
    fmt: str = typer.Option("table", "--format", "-f", help="table (text) or json."),
) -> None:
    """Everything about one target: fields, source, observations, progress, projection."""
    from .assess import timeline
    from .render import detail

    _choice("--format", fmt, ("table", "json"))
    _choice("--method", method, METHODS)
    when = _as_of(as_of)
    with open_store(ctx) as store:
        t = store.resolve(ref)
        settings = store.settings()
    a = assess(t, when, settings, method)
    steps = timeline(t, when, settings, method) if with_timeline else None
    if fmt == "json":
        detail.render_json(t, a, sys.stdout, steps)
    else:
        detail.render_text(t, a, sys.stdout, steps, width=_width(), color=use_color(ctx))


@app.command()
def info(
    ctx: typer.Context,
    fmt: str = typer.Option("plain", "--format", "-f", help="plain or json."),
) -> None:
    """Which store is in use, its schema version and its counts."""
    import json

    from .store import lock_timeout

    _choice("--format", fmt, ("plain", "json"))
    loc = locate(_options(ctx).db)
    with open_store(ctx) as store:
        targets = store.targets()
        schema = store.schema()
        settings = store.settings()
    now = today()
    counts: dict = {}
    for t in targets:
        s = assess(t, now, settings).status
        counts[s] = counts.get(s, 0) + 1
    data = {
        "store": str(loc.path.resolve()),
        "chosen_by": loc.origin,
        "schema": schema,
        "version": __version__,
        "bytes": loc.path.stat().st_size,
        "targets": len(targets),
        "observations": sum(len(t.observations) for t in targets),
        "status": {s: counts[s] for s in STATUSES if s in counts},
        "as_of": now.isoformat(),
        "lock_timeout_seconds": lock_timeout(),
        "settings_changed": settings.changed(),
    }
    if fmt == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for key in ("store", "chosen_by", "schema", "version", "bytes", "targets", "observations"):
        print(f"{key:<13} {data[key]}")
    print(f"{'status':<13} " + (", ".join(f"{s} {n}" for s, n in data["status"].items()) or "-")
          + f" (as of {data['as_of']})")
    print(f"{'lock_timeout':<13} {data['lock_timeout_seconds']:g}s")
    changed = data["settings_changed"]
    print(f"{'settings':<13} " + (", ".join(f"{k}={v}" for k, v in changed.items()) + " (changed from the defaults)"
                                  if changed else "defaults"))


@app.command()
def plans(
    ctx: typer.Context,
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Judge as of this date (default: today)."),
    method: Optional[str] = typer.Option(None, "--method", help="Judge every target with this method."),
    fmt: str = typer.Option("plain", "--format", "-f", help="plain, json or csv."),
) -> None:
    """Each plan with its targets' status counts, its status and its score."""
    from .rollup import PLAN_FIELDS, summarize_plans

    _choice("--format", fmt, ("plain", "json", "csv"))
    _choice("--method", method, METHODS)
    when = _as_of(as_of)
    with open_store(ctx) as store:
        targets = store.targets()
        settings = store.settings()
    rows = summarize_plans([(t, assess(t, when, settings, method)) for t in targets if t.plan])
    if fmt == "json":
        from .render.json_format import dump

        dump(rows, sys.stdout)
    elif fmt == "csv":
        from .render.csv_format import write_rows

        flat = [{**r, "targets": ";".join(r["targets"]),
                 "counts": ";".join(f"{k}={v}" for k, v in r["counts"].items())} for r in rows]
        write_rows(list(PLAN_FIELDS), flat, sys.stdout)
    else:
        from .render.plain import write_table
        from .textwidth import safe

        table = [("PLAN", "STATUS", "SCORE", "TARGETS", "COUNTS")] + [
            (safe(r["plan"]), r["status"], "-" if r["score"] is None else f"{r['score']:+.2f}",
             str(len(r["targets"])), ", ".join(f"{k} {v}" for k, v in r["counts"].items()))
            for r in rows]
        write_table(table, sys.stdout)


@app.command()
def config(
    ctx: typer.Context,
    key: Optional[str] = typer.Argument(None, metavar="[KEY]", help=f"One of: {', '.join(KEYS)}."),
    value: Optional[str] = typer.Argument(None, metavar="[VALUE]", help="The new value."),
    reset: bool = typer.Option(False, "--reset", help="Put KEY back to its default."),
) -> None:
    """Show or change the store's settings: the default method and each method's band edges."""
    if reset and (key is None or value is not None):
        raise InputError("--reset takes one KEY and no VALUE")
    if key is not None:
        Settings().get(key)  # refuse an unknown key before touching the store
    if value is None and not reset:
        with open_store(ctx) as store:
            current = store.settings()
        keys = [key] if key else list(KEYS)
        default = Settings()
        for k in keys:
            mark = "" if current.get(k) == default.get(k) else f"  (default {default.get(k)})"
            print(f"{k} {current.get(k)}{mark}" if key is None else current.get(k) + mark)
        return
    with open_store(ctx, write=True) as store:
        current = store.settings()
        new = current.reset(key) if reset else current.set(key, _text("VALUE", value))
        store.describe(f"config {key} {new.get(key)}")
        store.save_settings(new)
    print(f"{key} {new.get(key)}")


def _within(value: str, as_of: date) -> int:
    """90d, 12w, 3m, 1y (or a plain number of days) from the as-of date, in days."""
    import re as _re

    m = _re.fullmatch(r"\s*(\d{1,5})\s*([dwmy]?)\s*", value or "")
    if not m:
        raise InputError(f"--within: {value!r} is not a span; give e.g. 90d, 12w, 3m or 1y")
    later = parse_period(f"+{m[1]}{m[2] or 'd'}", as_of).last
    return (later - as_of).days


def _output_format(fmt: Optional[str], output: Optional[str], formats, extensions: dict, default: str) -> str:
    if fmt is not None:
        return _choice("--format", fmt, tuple(formats))
    if output:
        ext = os.path.splitext(output)[1].lower()
        if ext not in extensions:
            raise InputError(f"--output: cannot tell the format from {ext or 'no extension'!r}; "
                             f"use {', '.join(sorted(extensions))} or give --format")
        return extensions[ext]
    return default


def _read_text(file: str) -> tuple[str, str]:
    """FILE (or - for stdin) as UTF-8 text, with the name to quote in messages."""
    from pathlib import Path

    name = "stdin" if file == "-" else file
    try:
        raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as e:
        raise InputError(f"FILE: cannot read {file} ({e.strerror})") from None
    try:
        return name, raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"{name}: not UTF-8 text (byte {e.start})") from None


def _emit(text: str, output: Optional[str]) -> None:
    """To stdout, or atomically to --output (a reader never sees half a report)."""
    if output is None:
        sys.stdout.write(text)
        return
    from .atomicfile import atomic_write
    from pathlib import Path

    try:
        atomic_write(Path(output), text)
    except OSError as e:
        raise InputError(f"--output: cannot write {output} ({e.strerror})") from None


@app.command()
def report(
    ctx: typer.Context,
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help="text, markdown, json, csv or html (default: from --output's extension, else text)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Report as of this date (default: today)."),
    since: Optional[str] = typer.Option(None, "--since", help="Changes since this date (default: 7 days before --as-of)."),
    within: str = typer.Option("90d", "--within", help="Deadlines coming up within this span: 90d, 12w, 3m, 1y."),
    tag: List[str] = typer.Option([], "--tag", "-t", help="Only targets with every one of these tags."),
    plan: Optional[str] = typer.Option(None, "--plan", help="Only the targets of this plan."),
    status: List[str] = typer.Option([], "--status", "-s", help="Only targets with these statuses (repeat or comma-separate)."),
    method: Optional[str] = typer.Option(None, "--method", help="Judge every target with this method."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file, atomically (.txt, .md, .json, .csv, .html)."),
    fail_on: List[str] = typer.Option([], "--fail-on", metavar="STATUS[,STATUS...]",
                                      help="Exit 1 if a reported target has one of these statuses (after writing the report)."),
) -> None:
    """The weekly report: what needs attention, what is due, what changed, what was achieved."""
    import io

    from . import report as report_mod
    from .render import report_common

    fmt = _output_format(fmt, output, report_common.REPORT_FORMATS, report_common.EXTENSIONS, "text")
    _choice("--method", method, METHODS)
    wanted_status = _statuses("--status", status)
    failing = _statuses("--fail-on", fail_on)
    wanted_tags = set(_tags(tag))
    when = _as_of(as_of)
    since_day = _period("--since", since).last if since else when - timedelta(days=7)
    if since_day > when:
        raise InputError(f"--since: {since_day} is after the report date {when}")
    days = _within(within, when)
    loc = locate(_options(ctx).db)
    with open_store(ctx) as store:
        targets = store.targets()
        settings = store.settings()
    chosen = [t for t in targets if wanted_tags <= set(t.tags) and (plan is None or t.plan == plan)]
    if wanted_status:
        chosen = [t for t in chosen if assess(t, when, settings, method).status in wanted_status]
    rep = report_mod.build(chosen, when, since_day, days, settings, method)
    buf = io.StringIO()
    renderer = importlib.import_module(f".render.{report_common.REPORT_FORMATS[fmt]}", __package__).render
    renderer(rep, buf, store=str(loc.path.resolve()), generated_at=now_utc()[:19] + "Z")
    _emit(buf.getvalue(), output)
    if failing and any(a.status in failing for _, a in rep.rows):
        raise typer.Exit(1)


def _statuses(option: str, values: List[str]) -> set:
    wanted = {one.strip() for v in values for one in v.split(",") if one.strip()}
    for one in wanted:
        _choice(option, one, STATUSES)
    return wanted


@app.command()
def export(
    ctx: typer.Context,
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="json, csv or ics (default: from --output, else json)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file, atomically."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="For ics: the status shown in each event (default: today)."),
) -> None:
    """The whole store as JSON or CSV (import reads both back), or the deadlines as an iCalendar file."""
    from . import exchange

    fmt = _output_format(fmt, output, ("json", "csv", "ics"),
                         {".json": "json", ".csv": "csv", ".ics": "ics"}, "json")
    when = _as_of(as_of)
    with open_store(ctx) as store:
        targets = store.targets()
        settings = store.settings()
        schema = store.schema()
    if fmt == "json":
        text = exchange.export_json(targets, settings, now_utc()[:19] + "Z", schema)
    elif fmt == "csv":
        text = exchange.export_csv(targets)
    else:
        from .render.ics_format import calendar

        text = calendar([(t, assess(t, when, settings)) for t in targets if t.deadline], now_utc())
    _emit(text, output)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: str = typer.Argument(..., metavar="FILE", help="A JSON or CSV file (as export writes), or - for stdin."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Say what would change; write nothing."),
) -> None:
    """Add or update targets and observations from a file: all or nothing, and idempotent."""
    from . import exchange

    name, text = _read_text(file)
    rows = exchange.read(text, name)
    now = now_utc()
    with open_store(ctx, write=not dry_run) as store:
        with _progress(len(rows.targets) + len(rows.observations)) as step:
            plan = exchange.plan_import(rows, store.targets(), today(), now, step)
        if not dry_run and (plan.targets or plan.settings and plan.settings != store.settings()):
            store.describe(f"import {name}")
            store.put_all(plan.targets, plan.settings)
    verb = "would " if dry_run else ""
    print(f"{name}: {verb}add {len(plan.added)} target(s), {verb}update {len(plan.updated)}, "
          f"{len(plan.unchanged)} unchanged; {verb}add {plan.observations_added} observation(s), "
          f"{plan.observations_skipped} already there")
    if dry_run:
        for i in plan.added:
            print(f"  add {i}")
        for i in plan.updated:
            print(f"  update {i}")


class _NoProgress:
    def __enter__(self):
        return lambda: None

    def __exit__(self, *exc):
        return False


def _progress(total: int):
    """A progress bar on stderr for a long import on a terminal; nothing elsewhere."""
    if total < 2000 or not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        return _NoProgress()
    from contextlib import contextmanager

    from rich.progress import Progress

    @contextmanager
    def bar():
        with Progress(transient=True, console=None) as p:
            task = p.add_task("reading", total=total)
            yield lambda: p.advance(task)

    return bar()


@app.command()
def extract(
    ctx: typer.Context,
    file: str = typer.Argument(..., metavar="FILE", help="A UTF-8 text file (Chinese or English), or - for stdin."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help="table, plain, json or csv (json and csv are import's format; "
                                           "default: table on a terminal, else plain)."),
    year: Optional[int] = typer.Option(None, "--year", help="The document's year, for 今年 / this year."),
    add: bool = typer.Option(False, "--add", help="Import the proposed targets now (all or nothing, like import)."),
    review: bool = typer.Option(False, "--review", help="Ask about each one on a terminal: accept, edit or skip."),
) -> None:
    """Propose the quantified targets a policy document sets, with the quoted words as source."""
    from . import extract as ex
    from .render import extract_view

    _choice("--format", fmt, ("table", "plain", "json", "csv"))
    if year is not None and not 1900 <= year <= 2200:
        raise InputError(f"--year: {year} is not a year between 1900 and 2200")
    if add and review:
        raise InputError("--add and --review do not go together (--review imports what you accept)")
    if review and not interactive():
        raise InputError("--review asks questions on a terminal; use --format json or csv, or --add, in scripts")
    name, text = _read_text(file)
    candidates = ex.extract(text.lstrip("\ufeff"), name, year)
    left_out = [c for c in candidates if not c.observation and not extract_view.importable(c)]
    if left_out and (add or review or fmt in ("json", "csv")):
        print(f"{PROG}: note: {len(left_out)} proposed target(s) have no deadline and are left out of the import "
              f"format: {', '.join(c.id for c in left_out)} (see them with --format plain)", file=sys.stderr)
    if review:
        candidates = _review(candidates)
    if add or review:
        from . import exchange

        rows = exchange.read(extract_view.as_json(candidates), name)
        with open_store(ctx, write=True) as store:
            plan = exchange.plan_import(rows, store.targets(), today(), now_utc())
            if plan.targets:
                store.describe(f"extract {name} --add")
                store.put_all(plan.targets)
        print(f"{name}: added {len(plan.added)} target(s), updated {len(plan.updated)}, "
              f"{len(plan.unchanged)} unchanged; {plan.observations_added} observation(s)")
        return
    fmt = fmt or ("table" if use_color(ctx) else "plain")
    if fmt == "json":
        sys.stdout.write(extract_view.as_json(candidates))
    elif fmt == "csv":
        sys.stdout.write(extract_view.as_csv(candidates))
    elif fmt == "table":
        extract_view.as_table(candidates, sys.stdout)
    else:
        extract_view.as_plain(candidates, sys.stdout)


def _review(candidates):
    """Accept, edit or skip each proposed target, at a terminal."""
    from dataclasses import replace as dc_replace

    from .render.extract_view import highlight_plain

    kept = []
    for c in candidates:
        if c.observation:
            kept.append(c)
            continue
        value = "done" if c.kind == "milestone" else format_quantity(c.value, c.unit)
        print(f"\n{c.id}: {c.kind} {value} by {c.deadline.label if c.deadline else '-'}: {c.title}")
        print(f"  “{highlight_plain(c)}” ({c.file}:{c.line})")
        if c.review:
            print("  check: " + "; ".join(c.review))
        answer = typer.prompt("  [a]ccept, [e]dit or [s]kip", default="a").strip().lower()[:1]
        if answer == "s":
            continue
        if answer == "e":
            title = typer.prompt("  title", default=c.title)
            kind = typer.prompt("  kind", default=c.kind)
            _choice("kind", kind, KINDS)
            deadline = typer.prompt("  deadline (empty for none)", default=c.deadline.label if c.deadline else "",
                                    show_default=bool(c.deadline))
            c = dc_replace(c, title=title, kind=kind, deadline=_period("deadline", deadline) if deadline else None)
            if kind != "milestone":
                q = _quantity("target", typer.prompt("  target", default=value))
                c = dc_replace(c, value=q.number, unit=q.unit or c.unit)
        kept.append(c)
    return [c for c in kept if not c.observation or any(k.id == c.for_target for k in kept)]


@app.command()
def undo(ctx: typer.Context) -> None:
    """Revert the last change (one step each time) and say what it was."""
    with open_store(ctx, write=True) as store:
        entry = store.undo()
    print(f"undid: {entry.command} (made {entry.time})")


@app.command()
def doctor(
    ctx: typer.Context,
    restore: bool = typer.Option(False, "--restore", help="Put back the newest good backup of a damaged store."),
) -> None:
    """Check the store and say what is wrong and how to recover (exit 3 if it cannot be used)."""
    from . import doctor as doc

    path = locate(_options(ctx).db).path
    if restore:
        snap, entry, kept = doc.restore(path)
        what = f"{snap.name}" + (f" ({entry.time}, after '{entry.command}')" if entry else "")
        print(f"restored {path} from version {what}" + (f"; the damaged file is kept as {kept}" if kept else ""))
        return
    findings = doc.diagnose(path)
    for f in findings:
        print(f"{f.level}: {f.message}")
    if any(f.level == "error" for f in findings):
        raise typer.Exit(3)


def main() -> None:
    """Console-script entry point."""
    import gc
    import signal

    # A short-lived process that builds many objects and frees them at exit:
    # the cyclic collector only costs time here (a third of `list` on a large
    # store), and reference counting still frees everything else.
    gc.disable()
    # With a file-size limit (ulimit -f) the kernel would kill us mid-write;
    # ignored, the write fails with EFBIG and the store stays as it was.
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    # Output is UTF-8 whatever the locale (cron often runs with LANG unset or C).
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8")
    code = 0
    try:
        app()
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    # Every file is written, fsynced and closed and the lock released by now;
    # skipping the interpreter's teardown of a large store's objects saves
    # tens of milliseconds a run.
    os._exit(code)
