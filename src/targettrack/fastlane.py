"""The fast lane: `targettrack list` served from kept rows, without Typer.

Importing Typer and the command line costs more than a `list` of kept rows
(rowcache.py) does, and more than the whole start-up of Watson. So before
the command line is imported, entry.py hands the arguments here. This lane
takes only what it understands completely: the global options --db, --lang
and --no-color, then `list` with --sort, --format text|table|plain and
--status, each written as `--option VALUE`, `--option=VALUE` or `-s VALUE`
with valid values, and kept rows that hold for every target today. Anything
else (another command, another option, a value it would refuse, --help,
shell completion, a miss) returns None and the full command line runs,
which says every error in its own words. So this is not a second parser:
it recognises a subset of what Typer parses, and tests/test_fastlane.py holds
the two together (on any arguments this lane takes, Typer reads the same
values, and `list` prints the same bytes).
"""

from __future__ import annotations

import os
import sys

ROOT_VALUES = {"--db": "db", "--lang": "lang"}
ROOT_FLAGS = {"--no-color": "no_color"}
LIST_VALUES = {"--sort": "sort", "--format": "fmt", "-f": "fmt"}
LIST_MANY = {"--status": "status", "-s": "status"}


def parse(argv: list[str]) -> dict | None:
    """The options of `targettrack [ROOT] list [LIST]`, or None for any
    argument list this lane does not take whole."""
    got = {"db": None, "lang": None, "no_color": False, "sort": "deadline", "fmt": None, "status": []}
    seen: set[str] = set()
    args = list(argv)
    in_list = False
    while args:
        arg = args.pop(0)
        if not in_list and arg == "list":
            in_list = True
            continue
        values, many, flags = (LIST_VALUES, LIST_MANY, {}) if in_list else (ROOT_VALUES, {}, ROOT_FLAGS)
        if arg in flags:
            got[flags[arg]] = True
            continue
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name not in values and name not in many:
            return None  # a command, an argument or an option this lane leaves to Typer
        if not eq:
            if not args:
                return None
            value = args.pop(0)
        if value.startswith("-") or not value:
            return None  # Typer's reading of a value that looks like an option is its own
        key = values.get(name) or many[name]
        if name in values:
            if key in seen:
                return None  # given twice: left to Typer
            seen.add(key)
            got[key] = value
        else:
            got[key].append(value)
    return got if in_list else None


def run(argv: list[str]) -> int | None:
    """Print the list and return the exit code, or None to take the full command line."""
    if any(k.startswith("_TARGETTRACK_COMPLETE") for k in os.environ):
        return None
    got = parse(argv)
    if got is None:
        return None
    from datetime import date

    from . import i18n
    from .errors import InputError, TargetTrackError
    from .ordering import SORTS, STATUSES
    from .render import FORMAT_ALIASES, LINE_FORMATS

    fmt = got["fmt"] if got["fmt"] is None else FORMAT_ALIASES.get(got["fmt"], got["fmt"])
    wanted = frozenset(one.strip() for v in got["status"] for one in v.split(",") if one.strip())
    if got["sort"] not in SORTS or (fmt is not None and fmt not in LINE_FORMATS) or not wanted <= set(STATUSES):
        return None  # the full command line says what is wrong
    try:
        today = date.fromisoformat(os.environ["TARGETTRACK_TODAY"]) if os.environ.get("TARGETTRACK_TODAY") \
            else date.today()
        lang, why = i18n.choose(got["lang"])
    except (ValueError, InputError):
        return None
    i18n.use(lang, why)
    from . import rowcache
    from .lockfile import located
    from .terminal import color_wanted, data_out, fail, utf8_streams

    color = color_wanted(got["no_color"])
    fmt = fmt or ("table" if color else "text")
    lang_given = bool(got["lang"] or os.environ.get("TARGETTRACK_LANG"))
    try:
        lines = rowcache.kept_lines(located(got["db"]), today, None, rowcache.statuses_only(wanted), got["sort"],
                                    lang_given)
    except TargetTrackError as e:  # the store is missing, unreadable or locked: said as the full lane says it
        utf8_streams()
        return fail(str(e), e.exit_code)
    if lines is None:
        return None
    from .render import lines_renderer

    utf8_streams()
    try:
        lines_renderer(fmt)(lines, sys.stdout if fmt == "table" else data_out(), color=color)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (| head): stop quietly, as cat and git do
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
    return 0
