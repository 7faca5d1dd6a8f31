"""What every command shares: option definitions, option parsing, the
environment (today, colour, width), the store, and where output goes.

Each shared option is defined once here, as an `Annotated` type, and reused
by every command that takes it (as sqlite-utils' `output_options`). Every
parse error names its option.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import Annotated, List, Optional

import typer

from ..judge.selection import SORTS, Filter
from ..judge.statuses import STATUSES
from ..model.clock import now_utc, today  # noqa: F401 (the commands' clock: the library's)
from ..model.dates import Period, parse_period
from ..model.kinds import KIND, KINDS
from ..model.rules import check_kind, parse_tags
from ..model.settings import METHODS
from ..render import FORMAT_ALIASES  # one vocabulary for --format (render/__init__.py), shared with the fast lane
from ..store.lock import locate
from ..store.readwrite import Store
from ..util.errors import InputError, at
from ..util.i18n import _
from ..util.terminal import PROG, color_wanted, data_out  # noqa: F401 (data_out: the commands' stdout for data)
from .commandstore import command_store

# --- shared options -------------------------------------------------------------


def offering(values):
    """Shell completion of an option's value from a fixed list (statuses,
    sorts, formats...); after a comma, of the next value of a list."""

    def complete(incomplete: str) -> list[str]:
        done, _comma, last = incomplete.rpartition(",")
        lead = done + "," if _comma else ""
        return [lead + v for v in values if v.startswith(last)]

    return complete


def _from_store(field: str):
    """Shell completion of a value the store's targets hold (a plan, a tag),
    read-only; nothing offered if the store cannot be read."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        try:
            db = ctx.find_root().params.get("db")
            with Store(locate(db).path) as store:
                found = set()
                for t in store.each_target():
                    value = getattr(t, field)
                    found.update(value if isinstance(value, tuple) else [value] if value else [])
            return sorted(v for v in found if v.startswith(incomplete))
        except Exception:  # completion must never print an error into the shell
            return []

    return complete


AsOf = Annotated[
    Optional[str],
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Judge with the values dated on or before this date, as now known "
        "(revisions included; default: today, or --known-at's date).",
    ),
]
KnownAt = Annotated[
    Optional[str],
    typer.Option(
        "--known-at",
        metavar="DATE",
        help="Only what had been recorded by the end of this date (values "
        "and targets entered later, revisions included, are left out): "
        "the store as it was that day.",
    ),
]
Method = Annotated[
    Optional[str],
    typer.Option(
        "--method",
        metavar="METHOD",
        help=f"Judge with this method: {', '.join(METHODS)} (default: the target's, else the store's).",
        autocompletion=offering(METHODS),
    ),
]
# The HTML pages' own options (report --format html, site).
PageTitle = Annotated[
    Optional[str],
    typer.Option("--title", metavar="TEXT", help="The HTML page's heading (default: 'targettrack report, DATE')."),
]
PageSubtitle = Annotated[
    Optional[str], typer.Option("--subtitle", metavar="TEXT", help="A line under the HTML page's heading.")
]
Zoom = Annotated[
    bool,
    typer.Option(
        "--zoom",
        help="Fit the HTML charts' value axes to the values (drawn cut) instead of starting amounts at zero.",
    ),
]
FilterStatus = Annotated[
    List[str],
    typer.Option(
        "--status",
        "-s",
        metavar="STATUS",
        help=f"Only these statuses (repeat or comma-separate): {', '.join(STATUSES)}.",
        autocompletion=offering(STATUSES),
    ),
]
FilterTag = Annotated[
    List[str],
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        help="Only targets with every one of these tags.",
        autocompletion=_from_store("tags"),
    ),
]
FilterKind = Annotated[
    Optional[str],
    typer.Option("--kind", metavar="KIND", help=f"Only this kind: {', '.join(KINDS)}.", autocompletion=offering(KINDS)),
]
FilterPlan = Annotated[
    Optional[str],
    typer.Option("--plan", metavar="PLAN", help="Only the targets of this plan.", autocompletion=_from_store("plan")),
]
FilterBinding = Annotated[
    Optional[bool],
    typer.Option("--binding/--expected", help="Only binding (约束性) targets, or only expected (预期性) ones."),
]
DueBefore = Annotated[
    Optional[str], typer.Option("--due-before", metavar="DATE", help="Only deadlines before this date.")
]
Sort = Annotated[
    str, typer.Option("--sort", metavar="KEY", help=f"Order by {', '.join(SORTS)}.", autocompletion=offering(SORTS))
]
ListLimit = Annotated[
    Optional[str],
    typer.Option("--limit", "-n", metavar="N", help="Show at most N targets: the first N in the order of --sort."),
]
HistoryLimit = Annotated[
    Optional[str], typer.Option("--limit", "-n", metavar="N", help="Show only the N latest values.")
]
Fields = Annotated[
    List[str],
    typer.Option(
        "--fields",
        metavar="FIELD[,FIELD...]",
        help="Only these fields, in this order: a table's columns, JSON's keys, CSV's columns "
        "(repeat or comma-separate; a field it does not know is an error that lists them all).",
    ),
]
Output = Annotated[
    Optional[str],
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write to this file, atomically (the format follows its extension)."
    ),
]


def complete_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of a target id, from the store in use (read-only;
    nothing is offered if the store cannot be read)."""
    try:
        db = ctx.find_root().params.get("db")
        with Store(locate(db).path) as store:
            return sorted(i for i in store.ids() if i.startswith(incomplete))
    except Exception:  # completion must never print an error into the shell
        return []


Ref = Annotated[
    str, typer.Argument(metavar="ID", help="Target id or an unambiguous prefix.", autocompletion=complete_ids)
]
KindOption = Annotated[
    Optional[str],
    typer.Option(
        "--kind", metavar="KIND", help="; ".join(f"{k.name}: {k.help}" for k in KIND.values()) + " (default: increase)."
    ),
]
TagsToSet = Annotated[
    List[str],
    typer.Option(
        "--tag",
        metavar="TAG",
        help="A tag (one word); repeat or separate with commas. On edit, the tags given replace the target's.",
    ),
]


# A target's fields, as add sets them and edit changes them: one definition each.
def _field(flag: str, metavar: str, help: str):
    return Annotated[Optional[str], typer.Option(flag, metavar=metavar, help=help)]


TargetValue = _field(
    "--target",
    "VALUE",
    "The value to reach, or the limit: 10, 1000亿元, 45%, 两千五百万, "
    "with the plan's words if it has them: 6.5亿吨以上, 不低于3.4%, 60%左右, "
    "at least 40% (on edit, converted to the target's unit).",
)
Deadline = _field("--deadline", "DATE", "2025, 2025年底, 2025-06, 2025Q3, 十四五末, +2y ...")
Unit = _field(
    "--unit",
    "UNIT",
    "家, 个, 亿元, km, % ... (add: default the unit written after --target; "
    "edit: values are converted when the units are of one kind).",
)
Baseline = _field("--baseline", "VALUE", "The value at the start.")
BaselineDate = _field("--baseline-date", "DATE", "The date of the baseline (default: the start).")
Start = _field("--start", "DATE", "When the target starts (default: the baseline date).")
Owner = _field("--owner", "TEXT", "Who set it, e.g. 上海市人民政府.")
SourceDocument = _field("--source", "TEXT", "The document that sets it.")
SourceUrl = _field("--source-url", "URL", "Where the document is.")
SourceQuote = _field("--source-quote", "TEXT", "The quoted words.")
SourcePublisher = _field("--source-publisher", "TEXT", "Who published it.")
SourceDate = _field("--source-date", "DATE", "When it was published.")
SourceNote = _field("--source-note", "TEXT", "Your note on the source (inferences).")
TitleEn = _field("--title-en", "TEXT", "An English title.")
MethodToSet = _field("--method", "METHOD", f"How this target is judged: {', '.join(METHODS)} (default: the store's).")
PlanToSet = _field("--plan", "PLAN", "The plan the target belongs to.")
# The target's form (docs/statuses.md, "Target forms"): what its values measure.
ChangeToSet = _field(
    "--change",
    "CHANGE",
    "Instead of --target: a change from the baseline period: -13.5% "
    "(relative, compounding yearly changes), +1 or +1岁 (in the unit), "
    "+5pp or 5个百分点 (percentage points); 翻一番 or double (+100%), "
    "翻两番 (+300%), +1倍 (+100%), 减半 or halve (-50%).",
)
GrowthToSet = _field(
    "--growth",
    "PERCENT",
    "Instead of --target: an average annual growth of at least PERCENT "
    "(7%) from the baseline period to the deadline (at most, with "
    "--kind decrease).",
)
EachToSet = _field(
    "--each",
    "PERIOD",
    "The bound holds in every year, half, quarter or month from the start to "
    "the deadline (a cap, a floor or an increase).",
)
Cumulative = Annotated[
    bool,
    typer.Option(
        "--cumulative", help="Values are amounts per period (每年新增); progress is their sum since the start."
    ),
]
ByUser = Annotated[
    Optional[str],
    typer.Option(
        "--by-user",
        metavar="NAME",
        help="Who records this (default: TARGETTRACK_USER, else git's user.name, else the login name).",
    ),
]
AtDeadline = Annotated[
    bool,
    typer.Option(
        "--at-deadline",
        help="Only the deadline period's value settles it (a "
        "flow stated for a year: 2025年货物贸易额4万亿元); "
        "an earlier value at the target is ahead, not "
        "achieved.",
    ),
]
Binding = Annotated[
    Optional[bool],
    typer.Option("--binding/--expected", help="约束性 (binding) or 预期性 (expected), as the plan says."),
]
FrequencyToSet = _field(
    "--frequency",
    "PERIOD",
    "The periods its values are for: year, half, quarter, month or "
    "day (default: inferred from the values and the deadline).",
)
LagToSet = _field(
    "--lag",
    "DAYS",
    "How long after a period ends its value is published: 90d, 13w (default: "
    "config lag.year etc.: 90d yearly, 45d quarterly, 30d monthly, 0 daily).",
)


def Format(formats, default: str):
    """`--format` for one command: its choices and default said in its help."""
    return Annotated[
        Optional[str],
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=f"{', '.join(formats)} (default: {default}).",
            autocompletion=offering(formats),
        ),
    ]


# --- the environment ------------------------------------------------------------


def root(ctx: typer.Context):
    return ctx.find_root().obj


def use_color(ctx: typer.Context) -> bool:
    opts = root(ctx)
    return color_wanted(opts.no_color, opts.color)


def width() -> int:
    """The terminal's width; off a terminal, COLUMNS or 80 (a chart must fit somewhere)."""
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size((80, 24)).columns
    try:
        return max(int(os.environ.get("COLUMNS", "80")), 40)
    except ValueError:
        return 80


def fit_width() -> int | None:
    """The width a table fits on a terminal (plain.write_table's `total`); None off one: nothing wrapped."""
    if not sys.stdout.isatty():
        return None
    import shutil

    return max(shutil.get_terminal_size((80, 24)).columns, 20)


def interactive() -> bool:
    return sys.stdin.isatty()


def open_store(ctx: typer.Context, write: bool = False) -> Store:
    opts = root(ctx)
    return command_store(
        opts.db,
        ctx.info_name or "",
        write=write,
        lang_given=getattr(opts, "lang_given", True),
        cache=not getattr(opts, "no_cache", False),
    )


# --- parsing: every error names its option ------------------------------------------


def period(option: str, value: Optional[str]) -> Optional[Period]:
    if value is None:
        return None
    try:
        return parse_period(value, today())
    except InputError as e:
        raise at(option, e) from None


def as_of(value: Optional[str], known: Optional[date] = None) -> date:
    """--as-of's day: given, else --known-at's day (what was said that day), else today."""
    p = period("--as-of", value)
    if p:
        return p.last
    return min(known, today()) if known else today()


def known_at(value: Optional[str]) -> Optional[date]:
    """--known-at's day, or None: everything recorded, as now known."""
    p = period("--known-at", value)
    return p.last if p else None


def as_known(targets, known: Optional[date], dated: Optional[date] = None):
    """The targets as recorded by the end of `known` (None: all, as now known), and with `dated`
    only their values for periods ending by then (what export and history show of an --as-of)."""
    from ..model.target import dated_by, known_at

    for t in targets:
        t = known_at(t, known) if known is not None else t
        if t is not None:
            yield dated_by(t, dated) if dated is not None else t


def choice(option: str, value: Optional[str], allowed, *, aliases: dict | None = None) -> Optional[str]:
    if value is not None and option == "--format":
        value = {**FORMAT_ALIASES, **(aliases or {})}.get(value, value) if value not in allowed else value
    if value is not None and value not in allowed:
        raise InputError(
            _("{option}: {value} is not one of {allowed}").format(
                option=option, value=repr(value), allowed=", ".join(allowed)
            )
        )
    return value


def limit(value: Optional[str]) -> Optional[int]:
    """--limit's count (None: no limit)."""
    if value is None:
        return None
    from ..util.terminal import count_of

    n = count_of(value)
    if n is None:
        raise InputError(
            _("--limit: {value} is not a count; give a whole number of at least 1, e.g. --limit 20").format(
                value=repr(value)
            )
        )
    return n


def statuses(option: str, values: List[str]) -> frozenset:
    wanted = frozenset(one.strip() for v in values for one in v.split(",") if one.strip())
    for one in sorted(wanted):
        choice(option, one, STATUSES)
    return wanted


def target_filter(
    status: List[str],
    tag: List[str],
    kind: Optional[str] = None,
    *,
    plan: Optional[str] = None,
    due_before: Optional[str] = None,
    binding: Optional[bool] = None,
) -> Filter:
    return Filter(
        statuses=statuses("--status", status),
        tags=frozenset(parse_tags(tag)),
        kind=check_kind(kind) if kind is not None else None,
        plan=plan,
        due_before=period("--due-before", due_before),
        binding=binding,
    )


def output_format(fmt: Optional[str], output: Optional[str], formats, *, extensions: dict, default: str) -> str:
    """--format, else the format --output's extension names, else the default."""
    if fmt is not None:
        return choice("--format", fmt, tuple(formats))
    if output:
        ext = os.path.splitext(output)[1].lower()
        if ext not in extensions:
            raise InputError(
                _("--output: cannot tell the format from {value}; use {items} or give --format").format(
                    value=repr(ext) if ext else _("no extension"), items=", ".join(sorted(extensions))
                )
            )
        return extensions[ext]
    return default


def read_text(file: str) -> tuple[str, str]:
    """FILE (or - for stdin) as text, with the name to quote in messages. UTF-8,
    UTF-16 (with its mark) and GB18030/GBK are read (textfile.decode); a file
    not in UTF-8 is said so on stderr, since its bytes were interpreted."""
    name, raw = read_bytes(file)
    return name, decode_text(raw, name)


MAX_STREAM = 1 << 30  # what a pipe or stdin may bring: /dev/zero must not fill the memory


def read_bytes(file: str) -> tuple[str, bytes]:
    """FILE (or - for stdin) as bytes, with the name to quote in messages. A
    device is refused; a pipe (or stdin) is read up to MAX_STREAM."""
    import stat

    name = "stdin" if file == "-" else file
    try:
        if file == "-":
            return name, _capped(sys.stdin.buffer, name)
        st = os.stat(file)
        if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
            raise InputError(
                _("FILE: {file} is a device, not a file; give a file (or - to read stdin)").format(file=file)
            )
        with open(file, "rb") as f:
            return name, f.read() if stat.S_ISREG(st.st_mode) else _capped(f, name)
    except OSError as e:
        raise InputError(_("FILE: cannot read {file} ({reason})").format(file=file, reason=e.strerror)) from None


def _capped(stream, name: str) -> bytes:
    chunks, size = [], 0
    while chunk := stream.read(1 << 20):
        size += len(chunk)
        if size > MAX_STREAM:
            raise InputError(
                _("FILE: {name} brings more than {n} GiB; give a file instead").format(name=name, n=MAX_STREAM >> 30)
            )
        chunks.append(chunk)
    return b"".join(chunks)


def import_source(file: str):
    """FILE (or - for stdin, read whole) as import reads it: a path is read as it is planned."""
    from pathlib import Path

    from ..exchange.importing import Source

    path = Path(file)
    if file == "-" or not path.is_file():  # stdin, a pipe (<(...)) or a wrong name: read once (or its error)
        name, raw = read_bytes(file)
        return Source(name, raw=raw)
    return Source(file, path=path)


def decode_text(raw: bytes, name: str, encoding: Optional[str] = None) -> str:
    from ..util.textfile import decode

    text, encoding = decode(raw, name, encoding)
    if encoding != "utf-8":
        print(
            _("{prog}: {name}: read as {encoding}").format(prog=PROG, name=name, encoding=encoding.upper()),
            file=sys.stderr,
        )
    return text


def emit(text, output: Optional[str], ctx: typer.Context | None = None) -> None:
    """To stdout, or atomically to --output (a reader never sees half a report),
    which may not be the store, its lock or a kept version of it. `text` is
    str, bytes (a workbook), or an iterable of str pieces (a streamed export)."""
    if output is None:
        if isinstance(text, bytes):  # a workbook: bytes as they are
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
        else:
            out = data_out()
            for piece in (text,) if isinstance(text, str) else text:
                out.write(piece)
        return
    from pathlib import Path

    from ..store.atomicwrite import atomic_write
    from ..store.storefile import guards

    if ctx is not None and guards(locate(root(ctx).db).path, output):
        raise InputError(
            _(
                "--output: {output} is the store, its lock or one of its kept versions; write the "
                "output to another file"
            ).format(output=output)
        )
    try:
        atomic_write(Path(output), text)
    except OSError as e:
        raise InputError(
            _("--output: cannot write {output} ({reason})").format(output=output, reason=e.strerror)
        ) from None
