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
        if ch == "." and (i + 1 == len(text) or text[i + 1] == " ") and not text[max(0, i - 2) : i].endswith("e.g"):
            return text[: i + 1]
        if ch == "。":
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
        from ..util import i18n

        return first_sentence(i18n._(self.short_help or self.help or ""))

    Command.get_short_help_str = whole_summary
    _textwrap.TextWrapper.wrap = _wrap_in_cells
    _narrow_lists()
    _in_the_readers_language(core, Command)
    _completion_said()


def _completion_said() -> None:
    """--install-completion says what it did in the reader's language (Typer's words are English only)."""
    import sys

    from typer import completion

    from ..util.i18n import _

    def install_callback(ctx, param, value):
        if not value or ctx.resilient_parsing:
            return value
        shell, path = completion.install(shell=value) if isinstance(value, str) else completion.install()
        print(_("{shell} completion installed in {path}").format(shell=shell, path=path))
        print(_("Completion will take effect once you restart the terminal"))
        sys.exit(0)

    # Typer binds the callback as an option's default when it imports: it is replaced there.
    for placeholder in (
        getattr(completion, "_install_completion_placeholder_function", None),
        getattr(completion, "_install_completion_no_auto_placeholder_function", None),
    ):
        for option in getattr(placeholder, "__defaults__", None) or ():
            if getattr(option, "callback", None) is completion.install_callback:
                option.callback = install_callback
    completion.install_callback = install_callback


NARROW = 60  # cells: below this, an option's help goes on the lines under it, not in a column beside it


def _narrow_lists() -> None:
    """On a narrow terminal (40 columns), click keeps a 30-cell column of
    option names and runs the help past the edge: there, each option's help
    is written under it, indented, in the width there is."""
    from typer._click import formatting

    write_dl = formatting.HelpFormatter.write_dl

    def narrow_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        if self.width >= NARROW:
            return write_dl(self, rows, col_max, col_spacing)
        from ..render.fit import wrap

        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}\n")
            for line in wrap(" ".join(second.split()), max(self.width - self.current_indent - 4, 10)) if second else []:
                self.write(f"{indent}    {line}\n")

    formatting.HelpFormatter.write_dl = narrow_dl
    made = formatting.HelpFormatter.__init__

    def init(self, indent_increment: int = 2, width=None, max_width=None) -> None:
        made(self, indent_increment, width, max_width)
        if width is None:  # click never goes below 50: a 40-column terminal then wraps every line
            import shutil

            self.width = max(min(self.width, shutil.get_terminal_size((80, 24)).columns - 2), 20)

    formatting.HelpFormatter.__init__ = init

    def heading(self, text: str) -> None:  # 选项：, as Chinese writes a colon
        from ..util import i18n

        self.write(f"{'':>{self.current_indent}}{text}{'：' if i18n.current == 'zh' else ':'}\n")

    formatting.HelpFormatter.write_heading = heading


def _in_the_readers_language(core, Command) -> None:
    """Help in the language in use (i18n.py): every help text, docstring and
    heading goes through the catalog when it is shown, not when the command
    is defined (the language is chosen while the command line is parsed)."""
    from typer._click import formatting

    from ..util import i18n

    def translating(original):
        def method(self, *args, **kwargs):
            saved = self.help
            if saved:
                self.help = i18n._(saved)
            try:
                return original(self, *args, **kwargs)
            finally:
                self.help = saved

        return method

    core.TyperOption.get_help_record = translating(core.TyperOption.get_help_record)
    core.TyperArgument.get_help_record = translating(core.TyperArgument.get_help_record)
    Command.format_help_text = translating(Command.format_help_text)
    core._ = i18n._  # Typer's own headings: Arguments, Options, Commands, required

    format_epilog = Command.format_epilog

    def epilog(self, ctx, formatter):
        saved = self.epilog
        if saved:
            self.epilog = _fitted_examples(saved.replace("Examples:", i18n._("Examples:")), formatter.width)
        try:
            return format_epilog(self, ctx, formatter)
        finally:
            self.epilog = saved

    Command.format_epilog = epilog
    write_usage = formatting.HelpFormatter.write_usage

    def usage(self, prog, args="", prefix=None):
        return write_usage(self, prog, args, i18n._("Usage: ") if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = usage


def _wrap_in_cells(self, text: str) -> list[str]:
    """click's TextWrapper.wrap, measured in display cells (textwrap counts
    characters, so a line of Chinese ran twice past the width)."""
    from ..render.fit import wrap
    from ..util.textwidth import width

    text = " ".join(text.split())
    if not text:
        return []
    indent = max(width(self.initial_indent), width(self.subsequent_indent))
    lines = wrap(text, max(self.width - indent, 10))
    return [(self.initial_indent if i == 0 else self.subsequent_indent) + line for i, line in enumerate(lines)]


def _fitted_examples(text: str, room: int) -> str:
    """Examples narrower than `room` cells: a comment goes on the line above
    its command, and a command still too long goes on at a space, its line
    ended with ` \\` as a shell reads it (an example is copied and run)."""
    from ..util.textwidth import width

    out = []
    for line in text.split("\n"):
        if width(line) <= room or not line.startswith("  "):
            out.append(line)
            continue
        command, hash_, comment = line.partition("  #")
        if hash_:
            from ..render.fit import wrap

            out.extend("  # " + piece for piece in wrap(comment.strip(), max(room - 4, 10)))
        going_on = command.rstrip().endswith(" \\")  # the example goes on to the next line already
        words = command.strip().removesuffix("\\").split()
        current = " " * (len(command) - len(command.lstrip()))
        lead = current
        for word in words:
            if current.strip() and width(current) + 1 + width(word) + 2 > room:
                out.append(current + " \\")
                current = lead + "    "
            current += ("" if not current.strip() else " ") + word
        out.append(current + (" \\" if going_on else ""))
    return "\n".join(out)
