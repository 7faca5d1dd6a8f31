"""Recording a value: the `update` command whole, as a library call. The
command line (cli/change.py) and the fast lane (fastlane.py) both run it,
so a value is checked, recorded and reported by one set of rules, whichever
way the arguments were read."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..judge.assess import assess
from ..model import corrections
from ..model import operations as ops
from ..model.clock import now_utc, today
from ..model.dates import day, parse_period, year_before
from ..model.values import show_value
from ..util.errors import InputError, at
from ..util.i18n import _
from ..util.terminal import PROG
from ..util.textwidth import safe
from ..util.who import user
from .commandstore import CommandStore

_NEGATIVE = re.compile(r"-[\d.]")


class Update(NamedTuple):
    """What `update` was asked: VALUE (as given, any number of words), or
    --by, --yoy or --delete; --date, --note, --source and --quiet."""

    ref: str
    values: tuple[str, ...] = ()
    by: str | None = None
    yoy: str | None = None
    on: str | None = None
    note: str | None = None
    source: str | None = None
    delete: bool = False
    quiet: bool = False
    by_user: str | None = None


class Said(NamedTuple):
    """What the command prints: warnings (stderr), then its line (stdout)."""

    warnings: tuple[str, ...]
    line: str


def check(u: Update) -> tuple[str, str | None]:
    """How the value is given ("level", "by", "yoy" or "delete") and its text; refused before the store is opened."""
    # The command line lets unknown options through, so that "-2" reaches us
    # as a value; anything else that looks like an option is refused here.
    for v in u.values:
        if v.startswith("-") and not _NEGATIVE.match(v):
            raise InputError(_("no such option: {v} (see 'targettrack update --help')").format(v=v))
    if len(u.values) > 1:
        raise InputError(
            _("give one VALUE, not {count}: {items}").format(count=len(u.values), items=" ".join(u.values))
        )
    given = [name for name, v in (("VALUE", u.values), ("--by", u.by), ("--yoy", u.yoy), ("--delete", u.delete)) if v]
    if len(given) > 1:
        raise InputError(
            _("{items} do not go together: give one of VALUE, --by, --yoy or --delete").format(
                items=" and ".join(given)
            )
        )
    if not given:
        raise InputError(
            _(
                "Missing argument 'VALUE': give the value to record (or --by, --yoy, or --delete with --date; see 'targettrack update --help')"
            )
        )
    if u.delete and u.on is None:
        raise InputError(_("--delete needs --date: the day or period whose value to remove"))
    if u.delete:
        return "delete", None
    return ("by", u.by) if u.by else ("yoy", u.yoy) if u.yoy else ("level", u.values[0])


def record_value(store: CommandStore, u: Update) -> Said:
    """Record (or delete) the value `u` asks for in `store` (not yet open), in one locked write, and say so."""
    how, text = check(u)
    now = today()
    try:
        when = parse_period(u.on, now) if u.on is not None else day(now)
    except InputError as e:
        raise at("--date", e) from None
    with store:
        t = store.resolve(u.ref)
        if how == "delete":
            store.describe(f"update {t.id} --date {when} --delete")
            new, gone = corrections.delete_period(t, when)
        else:
            said = {"level": text, "by": f"--by {text}", "yoy": f"--yoy {text}"}[how]
            store.describe(f"update {t.id} {said} --date {when}")
            obs = ops.observe(
                t,
                text,
                when,
                today=now,
                recorded_at=now_utc(),
                note=u.note,
                source=u.source,
                how=how,
                by=user(u.by_user, str(store.path)),
            )
            earlier = corrections.replaced(t, obs)
            new = t.with_observation(obs)
        store.replace(t.id, new)
        settings = store.settings()
    a = assess(new, now, settings)
    if how == "delete":
        shown = ", ".join(
            _("{value} recorded {day}").format(value=show_value(t, o.value, o.measure), day=o.recorded_at[:10])
            for o in gone
        )
        return Said(
            (),
            _("{id}: deleted {when} ({shown}) -> {status} ({reason})").format(
                id=t.id, when=when, shown=shown, status=_(a.status), reason=a.reason
            ),
        )
    warnings = (
        ()
        if u.quiet
        else tuple(
            _("{prog}: warning: {message}").format(prog=PROG, message=safe(warning))
            + _(" (recorded all the same; --quiet silences this)")
            for warning in corrections.plausibility(t, obs, text if how == "level" else None)
        )
    )
    replaces = (
        _(", replaces {value} recorded {day}").format(
            value=show_value(t, earlier.value, earlier.measure), day=earlier.recorded_at[:10]
        )
        if earlier
        else ""
    )
    derived = (
        _(" ({change} on {year})").format(change=text, year=year_before(when))
        if how == "yoy" and obs.measure is None
        else ""
    )
    return Said(
        warnings,
        _("{id}: {value} on {when}{derived}{replaces} -> {status} ({reason})").format(
            id=t.id,
            value=show_value(t, obs.value, obs.measure),
            when=when,
            derived=derived,
            replaces=replaces,
            status=_(a.status),
            reason=a.reason,
        ),
    )
