"""What a bare `targettrack` prints: what it is, the commands to start with,
and the store in use (exit 0). `targettrack --help` lists every command."""

from __future__ import annotations

from ..store.lock import locate
from ..util.i18n import N_, _
from ..util.textwidth import safe

START_WITH = (
    ("targettrack list", N_("every target and its status")),
    ("targettrack show ID", N_("one target, its values and sources")),
    ("targettrack update ID VALUE", N_("record a value (--date DATE)")),
    ("targettrack report", N_("the weekly report (exit 1: needs attention)")),
    ("targettrack add ID --title TEXT", N_("add a target (--target, --deadline)")),
)


def overview() -> str:
    where = locate(None)
    lines = [_("targettrack: track quantified public-policy targets against their deadlines."), "", _("Start with:")]
    width = max(len(cmd) for cmd, _what in START_WITH)
    lines += [f"  {cmd.ljust(width)}  {_(what)}" for cmd, what in START_WITH]
    lines.append("")
    lines.append(_("Store: {path}").format(path=safe(str(where.path))))
    if where.path.exists():
        lines.append("  " + _("chosen by {origin}").format(origin=where.origin))
    else:
        lines.append("  " + _("none yet: 'targettrack init' makes one, 'targettrack init --sample' with examples"))
    lines.append(_("Every command and option: targettrack --help"))
    return "\n".join(lines)
