"""The Typer application and its global options.

Errors of every kind end in `_Group.main` as one line on stderr and a
documented exit code: Typer's usage errors here, every other in
boundary.ended, which the fast lane's commands end in too:

    0 success; 1 declined confirmation or internal error;
    2 bad usage or bad input (nothing written);
    3 the store is missing, unreadable, corrupt, unwritable or locked too long;
    130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from typing import Optional

import typer
from typer import Abort
from typer.core import TyperGroup

try:  # typer >= 0.29 vendors click; older ones use click itself
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
except ImportError:  # pragma: no cover
    from click.exceptions import ClickException, NoArgsIsHelpError, UsageError

from .. import __version__
from ..util.i18n import N_, _
from ..util.terminal import PROG, command_process, end, fail
from . import helptext
from . import typerpatch as fastparams
from .boundary import completing, ended, interrupted
from .hoist import hoisted
from .shape import FAMILIES, ROOT, ROOT_VALUE_OPTIONS

fastparams.install()
helptext.install()


# The commands in `targettrack --help`, by what people do with them (the
# order within a group is the order of use); a command in none is listed
# under "Other", and hidden ones (git's merge driver and textconv) nowhere.
COMMAND_GROUPS = (
    (N_("Daily"), ("list", "show", "update", "report")),
    (N_("Targets"), ("add", "edit", "remove", "recover")),
    (N_("Data"), ("import", "export", "extract", "site")),
    (N_("Store"), ("init", "config", "undo", "history", "plans", "info", "doctor", "cache")),
    (N_("Sharing"), ("git-setup", "conflicts", "diff")),
)


class _Group(TyperGroup):
    def format_commands(self, ctx, formatter) -> None:
        """The commands in groups (COMMAND_GROUPS), each a section of its own."""
        shown = {}
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                shown[name] = cmd
        grouped = [(title, [n for n in names if n in shown]) for title, names in COMMAND_GROUPS]
        rest = [n for n in shown if not any(n in names for _title, names in COMMAND_GROUPS)]
        for title, names in grouped + [(N_("Other"), rest)]:
            if names:
                with formatter.section(_(title)):
                    formatter.write_dl([(n, shown[n].get_short_help_str()) for n in names])

    def format_help_text(self, ctx, formatter) -> None:
        """What it is, and the commands to start with (the examples at the top, as git's help has them)."""
        super().format_help_text(ctx, formatter)
        from .overview import START_WITH

        with formatter.section(_("Start with:").rstrip(":：")):
            formatter.write_dl([(line, _(said)) for line, said in START_WITH])

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        from ..store.storefile import COMMITTED

        COMMITTED.clear()  # what this command saves; one process may run several (CliRunner, scripts)
        if not completing():
            args = hoisted(list(sys.argv[1:] if args is None else args))  # global options anywhere
        try:
            if not args and not completing():  # a bare `targettrack`: what it is and where to start
                from .overview import overview

                _language(None)
                print(overview())
                rv = 0
            else:
                rv = super().main(
                    args=args, prog_name=prog_name or PROG, complete_var=complete_var, standalone_mode=False, **extra
                )
            code = rv if isinstance(rv, int) else 0
            if code == 130:  # Typer turns Ctrl-C into a silent Exit(130); no command of ours exits 130
                code = fail(interrupted(), 130)
        except NoArgsIsHelpError as e:
            print(e.format_message())
            code = 2
        except UsageError as e:
            where = e.ctx.command_path if e.ctx else PROG
            code = fail(
                _("{message} (see '{command} --help')").format(message=usage_said(e.format_message()), command=where),
                e.exit_code,
            )
        except ClickException as e:
            code = fail(e.format_message(), e.exit_code)
        except Abort as e:
            if isinstance(e.__cause__ or e.__context__, KeyboardInterrupt):  # click turns Ctrl-C into Abort
                code = fail(interrupted(), 130)
            else:
                code = fail(_("aborted"), 1)
        except (KeyboardInterrupt, Exception) as e:  # ours and the rest: the one boundary (boundary.py)
            code = ended(e)
        if standalone_mode:
            sys.exit(code)
        return code


# The command-line parser's own words (Typer's copy of click has no catalog),
# by their shape; anything else is shown as it came.
_USAGE = (  # patterns compiled on first use (re caches them), not at every start-up
    (
        r"No such option: (?P<option>\S+) \(Possible options: (?P<possible>.+)\)",
        N_("No such option: {option} (did you mean {possible}?)"),
    ),
    (r"No such option: (?P<option>\S+)", N_("No such option: {option}")),
    (
        r"No such command '(?P<name>.+)'\. Did you mean '(?P<guess>.+)'\?",
        N_("No such command '{name}'. Did you mean '{guess}'?"),
    ),
    (r"No such command '(?P<name>.+)'\.", N_("No such command '{name}'.")),
    (r"Got unexpected extra argument\(s\) \((?P<args>.+)\)", N_("Got unexpected extra argument(s) ({args})")),
    (r"Missing argument '(?P<name>.+)'\.", N_("Missing argument '{name}'.")),
    (r"Missing option '(?P<name>.+)'\.", N_("Missing option '{name}'.")),
    (r"Option '(?P<option>.+)' requires an argument\.", N_("Option '{option}' requires an argument.")),
    (
        r"Option '(?P<option>.+)' requires (?P<count>\d+) arguments\.",
        N_("Option '{option}' requires {count} arguments."),
    ),
    (r"Option '(?P<option>.+)' does not take a value\.", N_("Option '{option}' does not take a value.")),
    (r"Invalid value for (?P<hint>.+?): (?P<message>.*)", N_("Invalid value for {hint}: {message}")),
)


def usage_said(message: str) -> str:
    """A usage error of the parser in the reader's language."""
    for pattern, said in _USAGE:
        m = re.fullmatch(pattern, message)
        if m:
            return _(said).format(**m.groupdict())
    return message


app = typer.Typer(
    cls=_Group,
    name=PROG,
    help="Track quantified public-policy targets against their deadlines.",
    add_completion=True,  # --install-completion and --show-completion, as Typer users expect
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass(slots=True)
class GlobalOptions:
    db: Optional[str]
    no_color: bool
    color: Optional[str] = None  # --color: auto, always or never (terminal.color_wanted)
    lang_given: bool = False  # --lang or TARGETTRACK_LANG: the store's config lang does not override it
    no_cache: bool = False  # --no-cache: judge everything afresh, keep nothing (rowcache.py)


def _version(value: bool) -> None:
    if value:
        print(f"{PROG} {__version__}")
        raise typer.Exit()


def _language(value: Optional[str]) -> Optional[str]:
    """Chosen first (eager), so that even --help speaks it."""
    from ..util import i18n

    chosen, why = i18n.choose(value)
    i18n.use(chosen, why)
    return value


@app.callback()
def _root(
    ctx: typer.Context,
    db: Optional[str] = typer.Option(
        None,
        "--db",
        metavar="PATH",
        help="Store file. Default: $TARGETTRACK_DB, else "
        "$XDG_DATA_HOME/targettrack/targets.json "
        "(~/.local/share/targettrack/targets.json).",
    ),
    no_color: bool = typer.Option(False, "--no-color", help="No colour, even on a terminal (--color never)."),
    color: Optional[str] = typer.Option(
        None,
        "--color",
        metavar="WHEN",
        autocompletion=lambda incomplete: [w for w in ("auto", "always", "never") if w.startswith(incomplete)],
        help="auto (colour on a terminal, the default), always (a pipe too: less -R) or never. "
        "Without it, NO_COLOR in the environment means never and FORCE_COLOR always.",
    ),
    no_pager: bool = typer.Option(
        False,
        "--no-pager",
        help="Never page: output longer than the screen goes straight to the terminal "
        "(else through $TARGETTRACK_PAGER, $PAGER or less -FRX; never when piped).",
    ),
    no_cache: bool = typer.Option(
        False,
        "--no-cache",
        help="Work everything out afresh: neither use nor keep the list's rows or export's pieces (the cache).",
    ),
    lang: Optional[str] = typer.Option(
        None,
        "--lang",
        metavar="LANG",
        is_eager=True,
        autocompletion=lambda incomplete: [x for x in ("en", "zh") if x.startswith(incomplete)],
        callback=_language,
        help="zh or en. Default: $TARGETTRACK_LANG, else the store's config lang, "
        "else the locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), else en.",
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Track quantified public-policy targets against their deadlines."""
    from ..util.terminal import COLOR_WHEN
    from .options import choice

    ctx.obj = GlobalOptions(
        db=db,
        no_color=no_color,
        color=choice("--color", color, COLOR_WHEN),
        lang_given=bool(lang or os.environ.get("TARGETTRACK_LANG")),
        no_cache=no_cache,
    )


# The console script imports only the module (family) of the command it runs
# (Typer builds every command it is given; all of them and their modules were
# a fifth of a command's start-up): shape.FAMILIES, made from the commands.
_loaded: set[str] = set()


def family_of(argv: list[str]) -> str | None:
    """The module of the command `argv` runs, or None when that is not
    plain (no command, --help, an unknown word, a root option we do not know
    of): then every command is registered, for help and Typer's own errors."""
    args = iter(argv)
    for arg in args:
        if arg in ROOT_VALUE_OPTIONS:
            next(args, None)
        elif arg.startswith("-"):
            if arg.partition("=")[0] not in ROOT_VALUE_OPTIONS and arg not in ROOT["flags"]:
                return None
        else:
            return FAMILIES.get(arg)
    return None


def load(family: str | None):
    """The application with `family`'s commands registered (None: all of them)."""
    import importlib

    from .examples import epilog

    for name in [family] if family else sorted(set(FAMILIES.values())):
        if name not in _loaded:
            importlib.import_module(f"{__package__}.{name}")  # registers its commands on `app`
            _loaded.add(name)
    for info in app.registered_commands:  # examples close every command's --help
        name = info.name or info.callback.__name__.rstrip("_").replace("_", "-")
        info.epilog = info.epilog or epilog(name)
    return app


def main() -> None:
    """The full command line (entry.main runs it when the fast lane does not
    take the arguments, having turned off the cyclic collector for both)."""
    code = 0
    try:
        command_process()
        load(None if completing() else family_of(sys.argv[1:]))()
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except KeyboardInterrupt:  # outside the group's handler (while Typer starts or ends)
        code = fail(interrupted(), 130)
    end(code)
