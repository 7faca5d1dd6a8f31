"""Write man/targettrack.1, the manual page, from the help the installed
`targettrack` prints (as docs/make_reference.py writes the reference):
every command's --help, and the environment, files and exit codes.
`pip install` puts it in share/man/man1 (pyproject.toml's data-files), where
`man targettrack` finds it beside the console script. tests/test_docs.py
fails when the page and the help differ:

    .venv/bin/python docs/make_man.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_reference import _help, commands  # noqa: E402

PAGE = Path(__file__).resolve().parent.parent / "man" / "targettrack.1"

ENVIRONMENT = [
    ("TARGETTRACK_DB", "The store, when --db does not name one."),
    ("TARGETTRACK_LANG", "zh or en, when --lang does not say."),
    ("TARGETTRACK_PAGER, PAGER", "The pager for long output on a terminal (default: less -FRX); empty: none."),
    ("NO_COLOR, FORCE_COLOR", "No colour, or colour even in a pipe, when --color does not say."),
    ("TARGETTRACK_TODAY", "A fixed today (YYYY-MM-DD), to reproduce a run exactly."),
    ("TARGETTRACK_USER", "Who records a value (else git's user.name, else the login name)."),
    ("TARGETTRACK_LOCK_TIMEOUT", "Seconds to wait for another targettrack writing the store (default 10)."),
    (
        "XDG_DATA_HOME, XDG_CACHE_HOME, XDG_CONFIG_HOME",
        "Where the default store, the kept rows and the config file are.",
    ),
]
FILES = [
    ("~/.local/share/targettrack/targets.json", "The default store."),
    ("~/.config/targettrack/config.toml", "Your own defaults: db, lang, pager, color."),
    ("~/.cache/targettrack/", "The list's kept rows and export's kept pieces (targettrack cache clear)."),
]
EXIT = [
    ("0", "Success."),
    ("1", "report --fail-on found a status asked for; a merge conflict; a declined confirmation."),
    ("2", "Bad usage or bad input; nothing was written."),
    ("3", "The store is missing, unreadable, corrupt, not writable or locked too long; nothing was written."),
    ("130", "Interrupted (Ctrl-C)."),
]


def troff(text: str) -> str:
    """Text safe in a man page: backslashes doubled, and a line that starts with . or ' escaped."""
    lines = []
    for line in text.replace("\\", "\\e").split("\n"):
        lines.append("\\&" + line if line.startswith((".", "'")) else line)
    return "\n".join(lines)


def _items(pairs) -> list[str]:
    out = []
    for name, text in pairs:
        out += [".TP", f"\\fB{troff(name)}\\fR", troff(text)]
    return out


def page() -> str:
    from targettrack import __version__

    lines = [
        f'.TH TARGETTRACK 1 "" "targettrack {__version__}" "User Commands"',
        ".SH NAME",
        "targettrack \\- track quantified public-policy targets against their deadlines",
        ".SH SYNOPSIS",
        "\\fBtargettrack\\fR [\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]...",
        ".SH DESCRIPTION",
        ".nf",
        troff(_help()),
        ".fi",
        ".SH COMMANDS",
    ]
    for name in commands():
        lines += [f".SS {name}", ".nf", troff(_help(name)), ".fi"]
    lines += [".SH ENVIRONMENT", *_items(ENVIRONMENT), ".SH FILES", *_items(FILES)]
    lines += [".SH EXIT STATUS", *_items(EXIT)]
    lines += [".SH SEE ALSO", "The guide and the reference: docs/guide.md and docs/reference.md in the source."]
    return "\n".join(lines) + "\n"


def main() -> None:
    PAGE.parent.mkdir(exist_ok=True)
    PAGE.write_text(page(), encoding="utf-8")


if __name__ == "__main__":
    main()
