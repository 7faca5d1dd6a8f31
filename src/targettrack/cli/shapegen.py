"""Write cli/shape.py from the command line as Typer declares it.

    python -m targettrack.cli.shapegen

The command line is declared once, by the Typer commands in cli/*.py. Two
places must know its shape without importing Typer (which costs more than
a whole `list` from kept rows): program.load, which registers only the
family of the command it runs, and the fast lane (fastlane.py). They read
cli/shape.py, which this writes from the declarations; tests/test_help.py
fails when the file and the declarations differ.

What the fast lane takes is chosen here, by parameter name (LANE); how each
of those options is spelled, and whether it takes a value, several or none,
is Typer's declaration.
"""

from __future__ import annotations

import sys
from pathlib import Path

SHAPE = Path(__file__).with_name("shape.py")

# The options the fast lane runs itself (anything else goes to Typer): the
# root's, and per command the parameters it reads whole.
LANE_ROOT = ("db", "lang", "no_color", "color", "no_pager", "no_cache")
LANE = {
    "list": ("sort", "fmt", "status", "limit"),
    "update": ("ref", "value", "by", "yoy", "on", "note", "source", "by_user", "delete", "quiet"),
    "report": ("fmt",),
}


def _options(params, names) -> dict:
    """{"values": {spelling: name}, "many": {...}, "flags": {...}, "arguments": (name, ...)} of `params`."""
    shape = {"values": {}, "many": {}, "flags": {}, "arguments": ()}
    wanted = set(names)
    for p in params:
        if p.name not in wanted:
            continue
        wanted.discard(p.name)
        if p.param_type_name == "argument":
            shape["arguments"] += (p.name,)
            continue
        kind = "flags" if p.is_flag else "many" if p.multiple else "values"
        for spelling in p.opts:
            shape[kind][spelling] = p.name
    if wanted:
        raise SystemExit(f"shapegen: no such parameter: {sorted(wanted)}")
    return shape


def shape() -> dict:
    """FAMILIES, ROOT_VALUE_OPTIONS, ROOT and LANE, read from the Typer application."""
    from typer.main import get_command

    from .program import load

    app = load(None)
    families = {
        (info.name or info.callback.__name__.rstrip("_").replace("_", "-")): info.callback.__module__.rsplit(".", 1)[1]
        for info in app.registered_commands
    }
    group = get_command(app)
    return {
        "FAMILIES": families,
        "ROOT_VALUE_OPTIONS": tuple(p.opts[0] for p in group.params if p.param_type_name == "option" and not p.is_flag),
        "ROOT": _options(group.params, LANE_ROOT),
        "LANE": {name: _options(group.commands[name].params, wanted) for name, wanted in LANE.items()},
        "TAKES_VALUE": {
            name: tuple(s for p in cmd.params if p.param_type_name == "option" and not p.is_flag for s in p.opts)
            for name, cmd in group.commands.items()
        },
    }


def shape_text() -> str:
    s = shape()
    return (
        '"""The command line\'s shape, as the Typer commands of cli/*.py declare it,\n'
        "for the code that must know it without importing Typer (program.load, the\n"
        "fast lane). Made by `python -m targettrack.cli.shapegen`; do not edit:\n"
        'tests/test_help.py fails when it differs from the declarations."""\n\n'
        f"# The module (family) that defines each command.\nFAMILIES = {s['FAMILIES']!r}\n\n"
        f"# Every root option that takes a value (the command is the first word after them).\n"
        f"ROOT_VALUE_OPTIONS = {s['ROOT_VALUE_OPTIONS']!r}\n\n"
        f"# What the fast lane reads itself: the root's options and each command's.\n"
        f"ROOT = {s['ROOT']!r}\n\nLANE = {s['LANE']!r}\n\n"
        f"# Each command's options that take a value (what follows them is theirs, not an option).\n"
        f"TAKES_VALUE = {s['TAKES_VALUE']!r}\n"
    )


def main() -> None:
    import subprocess

    SHAPE.write_text(shape_text(), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ruff", "format", "-q", str(SHAPE)], check=False)  # as the tree is


if __name__ == "__main__":
    main()
