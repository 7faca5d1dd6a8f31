"""Today and now, as every entry point reads them: the clock, or
TARGETTRACK_TODAY (YYYY-MM-DD) to reproduce a run exactly."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

from .errors import InputError
from .i18n import _


def today() -> date:
    """Today, or TARGETTRACK_TODAY (YYYY-MM-DD) to reproduce a run exactly."""
    fixed = os.environ.get("TARGETTRACK_TODAY")
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise InputError(_('TARGETTRACK_TODAY={fixed}: give a date as YYYY-MM-DD').format(
                fixed=repr(fixed))) from None
    return date.today()


def now_utc() -> str:
    """When a value is recorded. With TARGETTRACK_TODAY set, 00:00 UTC of that
    day, so that a replayed week (and its report) reproduces exactly."""
    if os.environ.get("TARGETTRACK_TODAY"):
        return f"{today().isoformat()}T00:00:00.000000Z"
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
