"""The command line's shape, as the Typer commands of cli/*.py declare it,
for the code that must know it without importing Typer (program.load, the
fast lane). Made by `python -m targettrack.cli.shapegen`; do not edit:
tests/test_help.py fails when it differs from the declarations."""

# The module (family) that defines each command.
FAMILIES = {
    "init": "change",
    "add": "change",
    "update": "change",
    "edit": "change",
    "remove": "change",
    "recover": "change",
    "config": "change",
    "undo": "change",
    "report": "io",
    "export": "io",
    "import": "io",
    "extract": "io",
    "doctor": "repair",
    "cache": "repair",
    "git-setup": "share",
    "merge": "share",
    "conflicts": "share",
    "diff": "share",
    "textconv": "share",
    "history": "view",
    "list": "view",
    "show": "view",
    "info": "view",
    "plans": "view",
}

# Every root option that takes a value (the command is the first word after them).
ROOT_VALUE_OPTIONS = ("--db", "--lang")

# What the fast lane reads itself: the root's options and each command's.
ROOT = {
    "values": {"--db": "db", "--lang": "lang"},
    "many": {},
    "flags": {"--no-color": "no_color", "--no-cache": "no_cache"},
    "arguments": (),
}

LANE = {
    "list": {
        "values": {"--sort": "sort", "--format": "fmt", "-f": "fmt"},
        "many": {"--status": "status", "-s": "status"},
        "flags": {},
        "arguments": (),
    },
    "update": {
        "values": {
            "--by": "by",
            "--yoy": "yoy",
            "--date": "on",
            "--note": "note",
            "--source": "source",
            "--by-user": "by_user",
        },
        "many": {},
        "flags": {"--delete": "delete", "--quiet": "quiet", "-q": "quiet"},
        "arguments": ("ref", "value"),
    },
    "report": {"values": {"--format": "fmt", "-f": "fmt"}, "many": {}, "flags": {}, "arguments": ()},
}
