"""Phrases shared by the report formats: how far behind, when, what changed."""

from __future__ import annotations


from ..assess import Assessment
from ..i18n import _, prose_date
from ..model import Observation, Target
from ..values import show_value
from .cells import amount, current_cell, difference

REPORT_FORMATS = {"text": "report_text", "markdown": "report_markdown", "json": "report_json", "csv": "report_csv",
                  "html": "report_html"}
EXTENSIONS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
              ".json": "json", ".csv": "csv", ".html": "html", ".htm": "html"}


def status_label(t: Target, a: Assessment) -> str:
    """The status, with "binding" for a binding (约束性) target: the ones a government answers for."""
    return _(a.status) + (_(" (binding)") if t.binding else "")


def how_far(t: Target, a: Assessment) -> str:
    """One phrase: where the target stands against where it should be."""
    if a.status in ("missed", "breached", "awaiting-data") or a.expected_value is None or a.current is None:
        return a.reason + (_("; {period} data due since {day}").format(period=a.data_awaited,
                                                                         day=prose_date(a.data_due))
                           if a.stale and a.status != "awaiting-data" else "")
    unit = t.measured_unit
    gap = abs(float(a.expected_value) - float(a.current))
    behind = a.buffer_days is not None and a.buffer_days < 0
    # A value is judged at the end of its period (assess.py): "expected then", not now.
    when = a.last_period or (a.current_date.isoformat() if a.current_date else _("now"))
    text = (_("{current} in {when}, {expected} expected then: {gap} behind the straight line") if behind else
            _("{current} in {when}, {expected} expected then: {gap} ahead of the straight line")).format(
        current=current_cell(t, a), when=when, expected=amount(a.expected_value, unit), gap=difference(gap, unit))
    if a.buffer_days is not None:
        text += _(" ({n} days)").format(n=abs(a.buffer_days))
    if a.stale:
        text += _("; {period} data due since {day}").format(period=a.data_awaited, day=prose_date(a.data_due))
    return text


def projected(t: Target, a: Assessment) -> str:
    if t.spec.shape != "path" or a.status in ("achieved", "awaiting-data") or t.form == "growth" or t.each:
        return "-"
    if a.projected_date:
        return a.projected_date.isoformat()
    return _("no trend yet") if a.observed_rate is None else _("not on the current trend")


def because(change) -> str:
    """Why a status changed, when new values did it: '2025 value 60.1% entered 2026-11-24'."""
    shown = [_("{period} value {value} entered {day}").format(
        period=o.date.label, value=show_value(change.target, o.value, o.measure), day=o.recorded_at[:10])
        for o in change.entered[-2:]]
    more = len(change.entered) - len(shown)
    return "; ".join(shown) + (_(" (and {n} more)").format(n=more) if more > 0 else "")


def observation_value(t: Target, o: Observation) -> str:
    return show_value(t, o.value, o.measure)
