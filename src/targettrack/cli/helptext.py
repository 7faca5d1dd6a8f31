"""Help that reads well: what Typer prints for a developer, made for a user.

Typer 0.29 shows an argument's Python type (`ID <str>`, `VALUE <list[str]>`),
wraps a required argument's name in braces and an optional one's metavar in
a second pair of brackets (`{ID} [[VALUE]]...`), cuts each command's summary
at 45 characters with "...", and breaks lines at hyphens (`linear.off-` /
`track`). Here, once, before the first command is built:

* arguments are listed by name only, as their metavar says (ID, [VALUE]),
  and an option's value by its metavar, else TEXT;
* a command's summary in `targettrack --help` is its whole first sentence;
* lines are measured in display cells (a Chinese example is two a
  character) and break by render/fit.py's rules: at spaces or between
  Chinese characters, never inside an id, a number or a hyphenated word.

Like fastparams, this changes nothing if Typer's internals are not what it
expects (another version): the help is then Typer's own.
"""

from __future__ import annotations


def first_sentence(text: str) -> str:
    """A docstring's first sentence, whole (to the first full stop that ends a sentence)."""
    text = " ".join((text or "").split())
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] == " ") and not text[max(0, i - 2):i].endswith("e.g"):
            return text[: i + 1]
    return text


def install() -> None:
    try:
        from typer import core
        from typer._click import _textwrap
        from typer._click.core import Command
    except ImportError:  # pragma: no cover - another Typer
        return
    if getattr(core.TyperArgument, "_targettrack", False):
        return

    def no_type(self, ctx):
        return None

    def usage_name(self):
        name = self.display_name_raw
        return name if self.metavar is not None else (name if self.required else f"[{name}]")

    def listed_name(self):
        return self.display_name_raw.strip("[]")

    def option_value(self, ctx):  # the metavar given, else TEXT: never a Python type
        if self.is_flag or self.count:
            return None
        shown = self.metavar or "TEXT"
        return shown + ("..." if self.nargs != 1 else "")

    core.TyperArgument.display_type_rich = no_type
    core.TyperOption.display_type_rich = option_value
    core.TyperArgument._usage_display_name = usage_name
    core.TyperArgument._rich_display_name = listed_name
    core.TyperArgument._targettrack = True

    def whole_summary(self, limit: int = 45) -> str:
        return first_sentence(self.short_help or self.help or "")

    Command.get_short_help_str = whole_summary
    _textwrap.TextWrapper.wrap = _wrap_in_cells


def _wrap_in_cells(self, text: str) -> list[str]:
    """click's TextWrapper.wrap, measured in display cells (textwrap counts
    characters, so a line of Chinese ran twice past the width)."""
    from ..render.fit import wrap
    from ..textwidth import width

    text = " ".join(text.split())
    if not text:
        return []
    indent = max(width(self.initial_indent), width(self.subsequent_indent))
    lines = wrap(text, max(self.width - indent, 10))
    return [(self.initial_indent if i == 0 else self.subsequent_indent) + line for i, line in enumerate(lines)]
