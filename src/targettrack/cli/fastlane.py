"""The fast lane: `targettrack list`, `update` and `report`, without Typer.

Importing Typer and the command line costs more than a `list` of kept rows
(rowcache.py) does, and more than the whole start-up of Watson. So before
the command line is imported, entry.py hands the arguments here. This lane
takes only what it understands completely: the global options --db, --lang
and --no-color, then `list` with --sort, --format text|table|plain and
--status, each written as `--option VALUE`, `--option=VALUE` or `-s VALUE`
with valid values, made by the same library call as the full command's
(rowcache.lines: kept rows where they hold, the targets whose rows ran out
judged again, everything judged on a miss); and
`update ID VALUE` with --by, --yoy, --date, --note, --source, --delete and
--quiet, run by the same library call (recording.py) as the full command's,
with its errors said in the same words; and `report` with its defaults in
text or Markdown (--format), made and printed by the same library calls
as the full command's (reportrows.report_for, render.print_report). Anything
else (another command, another option, a value it would refuse, --help,
shell completion) returns None and the full command line runs,
which says every error in its own words. So this is not a second parser:
it recognises a subset of what Typer parses, spelled as shape.py says (made
from the Typer declarations by shapegen.py), and tests/test_fastlane.py holds
the two together (on any arguments this lane takes, Typer reads the same
values; `list`, `update` and `report` print the same bytes, exit alike and
leave the same store).
"""

from __future__ import annotations

import os
import sys

from . import boundary
from .shape import LANE, ROOT


def _read(argv: list[str], command: str, got: dict) -> dict | None:
    """The options of `targettrack [ROOT] COMMAND [OPTIONS]` into `got`, or
    None for any argument list this lane does not take whole. Which options
    those are, and how each is spelled, is shape.py's (Typer's declarations)."""
    got = {"db": None, "lang": None, "no_color": False, "color": None, "no_pager": False, "no_cache": False, **got}
    lane = LANE[command]
    seen: set[str] = set()
    args = list(argv)
    in_command = False
    positional = list(lane["arguments"])
    while args:
        arg = args.pop(0)
        if not in_command and arg == command:
            in_command = True
            continue
        vals, mult, flgs = (
            (lane["values"], lane["many"], lane["flags"])
            if in_command
            else (
                ROOT["values"],
                ROOT["many"],
                ROOT["flags"],
            )
        )
        if arg in flgs:
            if flgs[arg] in seen:
                return None  # given twice: left to Typer
            seen.add(flgs[arg])
            got[flgs[arg]] = True
            continue
        if in_command and positional and not arg.startswith("-") and arg:
            name = positional.pop(0)
            got[name] = (arg,) if name == "value" else arg
            continue
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name not in vals and name not in mult:
            return None  # a command, an argument or an option this lane leaves to Typer
        if not eq:
            if not args:
                return None
            value = args.pop(0)
        if value.startswith("-") or not value:
            return None  # Typer's reading of a value that looks like an option is its own
        key = vals.get(name) or mult[name]
        if name in vals:
            if key in seen:
                return None  # given twice: left to Typer
            seen.add(key)
            got[key] = value
        else:
            got[key].append(value)
    if not in_command or (lane["arguments"] and lane["arguments"][0] in positional):
        return None  # no command, or no ID: Typer says what is missing
    if got["color"] not in (None, "auto", "always", "never"):  # terminal.COLOR_WHEN
        return None  # Typer says what --color takes
    return got


def parse(argv: list[str]) -> dict | None:
    """The options of `targettrack [ROOT] list [LIST]`, or None for any
    argument list this lane does not take whole."""
    got = _read(argv, "list", {"sort": "deadline", "fmt": None, "status": [], "limit": None})
    return None if got is None or got["no_cache"] else got  # --no-cache: the rows are not to be used


def parse_update(argv: list[str]) -> dict | None:
    """The options of `targettrack [ROOT] update ID [VALUE] [OPTIONS]`, or None."""
    defaults = {"ref": None, "value": (), "by": None, "yoy": None, "on": None, "note": None, "source": None}
    return _read(argv, "update", {**defaults, "delete": False, "quiet": False, "by_user": None})


def parse_report(argv: list[str]) -> dict | None:
    """The options of `targettrack [ROOT] report [--format F]`, or None."""
    got = _read(argv, "report", {"fmt": None})
    return None if got is None or got["no_cache"] else got


def run(argv: list[str]) -> int | None:
    """Print the list and return the exit code, or None to take the full command line."""
    if boundary.completing():
        return None
    got = parse(argv)
    if got is not None:
        return _list(got)
    got = parse_update(argv)
    if got is not None:
        return _update(got)
    got = parse_report(argv)
    if got is not None:
        return _report(got)
    return None


def _list(got: dict) -> int | None:
    from datetime import date

    from ..judge.statuses import SORTS, STATUSES
    from ..render import FORMAT_ALIASES, LINE_FORMATS
    from ..util import i18n
    from ..util.errors import InputError
    from ..util.terminal import count_of

    fmt = got["fmt"] if got["fmt"] is None else FORMAT_ALIASES.get(got["fmt"], got["fmt"])
    wanted = frozenset(one.strip() for v in got["status"] for one in v.split(",") if one.strip())
    most = None if got["limit"] is None else count_of(got["limit"])
    if (
        got["sort"] not in SORTS
        or (fmt is not None and fmt not in LINE_FORMATS)
        or not wanted <= set(STATUSES)
        or (got["limit"] is not None and most is None)
    ):
        return None  # the full command line says what is wrong
    try:
        today = (
            date.fromisoformat(os.environ["TARGETTRACK_TODAY"]) if os.environ.get("TARGETTRACK_TODAY") else date.today()
        )
        lang, why = i18n.choose(got["lang"])
    except (ValueError, InputError):
        return None
    i18n.use(lang, why)
    from ..cache import rows as rowcache
    from ..store.lock import located
    from ..util.terminal import color_wanted, data_out, left_out, nothing_listed, utf8_streams

    color = color_wanted(got["no_color"], got["color"])
    fmt = fmt or ("table" if color else "text")
    lang_given = bool(got["lang"] or os.environ.get("TARGETTRACK_LANG"))

    def work():
        # Kept rows where they hold; the targets whose rows ran out (a new
        # day, a new year) judged again here, without Typer; everything
        # judged on a miss: what the full command line does, in the same code.
        lines = rowcache.lines(
            located(got["db"]),
            today,
            today,
            method=None,
            keep=rowcache.statuses_only(wanted),
            sort=got["sort"],
            lang_given=lang_given,
            open_store=lambda: _opened(got["db"], lang_given),
        )
        from ..render import lines_renderer

        utf8_streams()
        if lines or fmt != "table":  # an empty box is no answer on a terminal
            lines_renderer(fmt)(lines[:most], sys.stdout if fmt == "table" else data_out(), color=color)
        sys.stdout.flush()
        left_out(len(lines[:most]), len(lines))
        if not lines:
            nothing_listed(bool(wanted))

    return boundary.run(work)


def _opened(db: str | None, lang_given: bool):
    """The store as `list` opens it, for rows that ran out or were never kept (imported only then)."""
    from .commandstore import command_store

    return command_store(db, "list", lang_given=lang_given)


def _update(got: dict) -> int | None:
    """`update`, as the full command line runs it (recording.py) and says
    its errors (cli/program.py), without Typer."""
    from ..util import i18n
    from ..util.errors import InputError

    try:
        lang, why = i18n.choose(got["lang"])
    except InputError:
        return None  # a language it cannot speak: the full command line refuses it
    i18n.use(lang, why)
    # Everything imported while entry.py's start-up handler still answers
    # Ctrl-C (nothing is written yet); then Python's own, for the command.
    from ..store.storefile import COMMITTED
    from . import recording
    from .commandstore import command_store

    def work():
        COMMITTED.clear()
        asked = recording.Update(
            got["ref"],
            got["value"],
            by=got["by"],
            yoy=got["yoy"],
            on=got["on"],
            note=got["note"],
            source=got["source"],
            delete=got["delete"],
            quiet=got["quiet"],
            by_user=got["by_user"],
        )
        said = recording.record_value(
            command_store(
                got["db"],
                "update",
                write=True,
                cache=not got["no_cache"],
                lang_given=bool(got["lang"] or os.environ.get("TARGETTRACK_LANG")),
            ),
            asked,
        )
        for warning in said.warnings:
            print(warning, file=sys.stderr)
        print(said.line)

    return boundary.run(work)


def _report(got: dict) -> int | None:
    """The weekly report in text or Markdown with its defaults, as the full
    command line makes it (reportrows.report_for) and prints it (render.print_report)."""
    from ..model.clock import today
    from ..render import FORMAT_ALIASES, KEPT_ROW_FORMATS, REPORT_FORMATS
    from ..util import i18n
    from ..util.errors import InputError

    fmt = got["fmt"] or "text"
    fmt = fmt if fmt in REPORT_FORMATS else FORMAT_ALIASES.get(fmt, fmt)
    if fmt not in KEPT_ROW_FORMATS:
        return None  # the other formats draw whole targets: the full command line
    try:
        day = today()
        lang, why = i18n.choose(got["lang"])
    except InputError:
        return None  # the full command line says what is wrong
    i18n.use(lang, why)
    from ..cache import reportrows
    from ..model.clock import now_utc, shift, span_days
    from ..render import print_report
    from ..store.lock import located
    from ..util.terminal import color_wanted

    lang_given = bool(got["lang"] or os.environ.get("TARGETTRACK_LANG"))

    def opened():
        from .commandstore import command_store

        return command_store(got["db"], "report", lang_given=lang_given)

    def work():
        path = located(got["db"])
        rep = reportrows.report_for(
            path,
            fmt,
            day,
            since=shift(day, -reportrows.SINCE_DAYS),
            within_days=span_days(reportrows.WITHIN, day),
            today=day,
            method=None,
            flt=None,
            lang_given=lang_given,
            cached=True,
            open_store=opened,
        )
        from ..store.gitshare import provenance

        print_report(
            rep,
            fmt,
            store=path if fmt == "text" else None,
            generated_at=now_utc()[:19] + "Z",
            git=provenance(path),
            color=color_wanted(got["no_color"], got["color"]),
        )

    return boundary.run(work)
