"""Today and now, as every entry point reads them: the clock, or
TARGETTRACK_TODAY (YYYY-MM-DD) to reproduce a run exactly; and days
counted from a date. Light: the fast lane (fastlane.py) reads them before
anything else is imported."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone

from ..util.errors import InputError
from ..util.i18n import _


def today() -> date:
    """Today, or TARGETTRACK_TODAY (YYYY-MM-DD) to reproduce a run exactly."""
    fixed = os.environ.get("TARGETTRACK_TODAY")
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise InputError(
                _("TARGETTRACK_TODAY={fixed}: give a date as YYYY-MM-DD").format(fixed=repr(fixed))
            ) from None
    return date.today()


def now_utc() -> str:
    """When a value is recorded. With TARGETTRACK_TODAY set, 00:00 UTC of that
    day, so that a replayed week (and its report) reproduces exactly."""
    if os.environ.get("TARGETTRACK_TODAY"):
        return f"{today().isoformat()}T00:00:00.000000Z"
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def shift(d: date, days: int) -> date:
    """`d` moved by `days`, held within the calendar (year 1 to 9999): the
    edges of a chart or a report window never overflow."""
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def span_days(value: str, as_of: date) -> int:
    """`report --within`: 90d, 12w, 3m, 1y (or a plain number of days) from
    `as_of`, in days, held within the calendar. Days and weeks are counted
    here; months and years go by the calendar (dates.parse_period's +3m)."""
    import re

    m = re.fullmatch(r"\s*(\d{1,5})\s*([dwmy]?)\s*", value or "")
    if not m:
        said = re.fullmatch(r"\s*(\d{1,5})\s*(day|week|month|year)s?\s*", value or "", re.I)
        if said:  # "3 months": the span it means, as the option takes it
            raise InputError(
                _("--within: {value} is written {span} (d, w, m or y after the number)").format(
                    value=repr(value), span=f"{said[1]}{said[2][0].lower()}"
                )
            )
        raise InputError(_("--within: {value} is not a span; give e.g. 90d, 12w, 3m or 1y").format(value=repr(value)))
    unit = m[2] or "d"
    if unit in ("d", "w"):
        return (shift(as_of, int(m[1]) * (7 if unit == "w" else 1)) - as_of).days
    from .dates import parse_period

    try:
        later = parse_period(f"+{m[1]}{unit}", as_of).last
    except InputError:  # past the end of the calendar: as far as it goes
        later = date.max
    return (later - as_of).days
