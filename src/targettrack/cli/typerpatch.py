"""Skip Typer's pydantic coercion for parameters that need none.

Typer 0.29 builds a pydantic TypeAdapter for every parameter it converts,
and importing pydantic for that is a third of a command's start-up (measured
in docs/benchmarks.md). Every targettrack parameter is a str, a bool flag or
a list of str, which click already hands over correctly; our own parsers
then read them. So for exactly those annotations the value is passed
through; anything else still goes to Typer. If Typer's internals are not
what this expects (another version), nothing is changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, get_args, get_origin

# The Typer releases these patches (and cli/helptext.py's) were tested with;
# pyproject.toml bounds the dependency to them, and tests/test_help.py fails
# with a clear message on any other.
TESTED_TYPER = ("0.29",)


def install() -> None:
    try:
        import typer.core as core
        from typer._coercion import RuntimeParam
    except ImportError:  # pragma: no cover - another Typer
        return
    original = getattr(core, "build_runtime_param", None)
    if original is None or getattr(original, "_targettrack", False):
        return

    @dataclass(frozen=True)  # Typer's RuntimeParam is a frozen dataclass: its subclass must be one too
    class AsGiven(RuntimeParam):
        def _coerce_value(self, value, param, ctx):
            if isinstance(value, tuple):
                return list(value)
            return value

    plain = {str, bool, Optional[str], List[str], list[str]}

    def build(descriptor):
        annotation = descriptor.annotation
        if (annotation in plain or (get_origin(annotation) is list and get_args(annotation) == (str,))) and getattr(
            descriptor, "file_annotation", None
        ) is None:
            return AsGiven(annotation=annotation, parameter_info=descriptor.parameter_info)
        return original(descriptor)

    build._targettrack = True
    core.build_runtime_param = build
