"""`show`: everything about one target, as aligned text or one JSON object."""

from __future__ import annotations

import json

from ..judge.assessment import Assessment
from ..judge.listrecord import json_record, observation_records
from ..model.quantity import format_difference, format_quantity, json_number
from ..model.target import Target
from ..model.timing import frequency
from ..model.values import show_value
from ..util.i18n import N_, NP_, _, p_, prose_date
from ..util.textwidth import pad, safe
from .cells import amount, current_cell, difference, target_cell, target_words
from .plain import write_table


def _pct(x) -> str:
    return "-" if x is None else f"{float(x) * 100:.1f}%"


def _rates(t: Target, a: Assessment) -> str:
    if a.required_rate is None and a.observed_rate is None:
        return ""
    parts = []
    if a.required_rate is not None:
        parts.append(
            _("needs {rate} a year from the {period} value").format(
                rate=difference(a.required_rate, t.measured_unit), period=a.last_period or a.current_date
            )
        )
    if a.observed_rate is not None:
        parts.append(_("doing {rate} a year").format(rate=difference(a.observed_rate, t.measured_unit)))
    return _(", ").join(parts)


def _buffer(a: Assessment) -> str:
    """The safety buffer, where the status is judged (the latest value's day), and on the linear
    method only: the straight line is its measure, and another method's ratio may say otherwise."""
    if a.buffer_days is None or a.method != "linear" or a.status in ("achieved", "missed", "awaiting-data"):
        return ""
    when = a.last_period or (a.current_date.isoformat() if a.current_date else "")
    return _days(abs(a.buffer_days)) + (
        _(" ahead of the straight line in {period}")
        if a.buffer_days >= 0
        else _(" behind the straight line in {period}")
    ).format(period=when)


def _days(n) -> str:
    if n is None:
        return ""
    return _("{n} days").format(n=n) + (
        _(" ({years} years)").format(years=f"{n / 365.25:.1f}") if abs(n) >= 365 else ""
    )


# The names of show's lines, for the catalog (each is translated where it is shown).
FIELD_NAMES = (
    NP_("show", "title"),
    NP_("show", "in English"),
    NP_("show", "status"),
    NP_("show", "method"),
    NP_("show", "kind"),
    NP_("show", "form"),
    NP_("show", "binding"),
    NP_("show", "data"),
    NP_("show", "plan"),
    NP_("show", "target"),
    NP_("show", "deadline"),
    NP_("show", "days left"),
    NP_("show", "days past"),
    NP_("show", "start"),
    NP_("show", "baseline"),
    NP_("show", "current"),
    NP_("show", "progress"),
    NP_("show", "expected"),
    NP_("show", "ratio"),
    NP_("show", "score"),
    NP_("show", "projected"),
    NP_("show", "at deadline"),
    NP_("show", "rates"),
    NP_("show", "buffer"),
    NP_("show", "achieved"),
    NP_("show", "shortfall"),
    NP_("show", "tags"),
    NP_("show", "added by"),
    NP_("show", "edited by"),
    NP_("show", "owner"),
    NP_("show", "source"),
    NP_("show", "publisher"),
    NP_("show", "source date"),
    NP_("show", "url"),
    NP_("show", "quote"),
    NP_("show", "source note"),
)


def lines(t: Target, a: Assessment) -> list[tuple[str, str]]:
    rows = _what_rows(t, a) + _judged_rows(t, a) + _source_rows(t)
    return [(k, v) for k, v in rows if v not in ("", None)]


def _days_row(days: int) -> tuple[str, str]:
    """Days to the deadline, or, once it has passed, days since it (never a negative count)."""
    return ("days left", str(days)) if days >= 0 else ("days past", str(-days))


def _when(p, end=True) -> str:
    if p is None:
        return "-"
    d = p.last if end else p.first
    return p.label if p.label == d.isoformat() else f"{p.label} ({d.isoformat()})"


def _what_rows(t: Target, a: Assessment) -> list[tuple[str, str]]:
    """What the target is, and where it stands."""
    when = _when
    return [
        ("title", safe(t.title)),
        ("in English", safe(t.title_en)),
        (
            "status",
            _("{status}  (as of {date}: {reason})").format(
                status=_(a.status), date=prose_date(a.as_of), reason=a.reason
            ),
        ),
        ("method", _(a.method) + (f"  ({a.note})" if a.note and a.method != "linear" or "CAGR" in a.note else "")),
        ("kind", _(t.kind)),
        ("form", _form(t)),
        ("binding", {True: _("binding (约束性)"), False: _("expected (预期性)")}.get(t.binding, "")),
        ("data", _data(t, a)),
        ("plan", safe(t.plan)),
        ("target", target_words(t)),
        ("deadline", when(t.deadline)),
        ("days left", "-") if a.days_left is None else _days_row(a.days_left),
        ("start", when(t.start, end=False)),
        (
            "baseline",
            "-"
            if t.baseline is None
            else format_quantity(t.baseline, t.unit)
            + (_(" on {when}").format(when=when(t.baseline_date)) if t.baseline_date else ""),
        ),
        (
            "current",
            current_cell(t, a) + (_(" on {when}").format(when=a.current_date.isoformat()) if a.current_date else ""),
        ),
    ]


def _judged_rows(t: Target, a: Assessment) -> list[tuple[str, str]]:
    """How it is judged: progress against the line, the projection, the rates."""
    return [
        ("progress", _pct(a.progress)),
        ("expected", _pct(a.expected)),
        ("ratio", "-" if a.ratio is None else f"{float(a.ratio):.2f}"),
        ("score", "" if a.score is None else _("{score} (Open SDG, -5 to +5)").format(score=f"{a.score:+.2f}")),
        (
            "projected",
            (a.projected_date.isoformat() if a.projected_date else "-")
            + (f"  ({a.note})" if not a.projected_date and a.note and "CAGR" not in a.note else ""),
        ),
        (
            "at deadline",
            ""
            if a.projected_value is None or a.status == "achieved"
            else _("{value} on the current trend").format(value=amount(a.projected_value, t.measured_unit)),
        ),
        ("rates", _rates(t, a)),
        ("buffer", _buffer(a)),
        (
            "achieved",
            (a.achieved_date.isoformat() if a.achieved_date else "-")
            + (
                ""
                if a.achieved_ahead_days is None
                else (
                    _("  ({days} before the deadline)")
                    if a.achieved_ahead_days >= 0
                    else _("  ({days} after the deadline)")
                ).format(days=_days(abs(a.achieved_ahead_days)))
            ),
        ),
        (
            "shortfall",
            ""
            if a.shortfall is None
            else _("{gap} short of {target} at the deadline").format(
                gap=format_difference(a.shortfall, t.measured_unit), target=target_cell(t)
            ),
        ),
    ]


def _source_rows(t: Target) -> list[tuple[str, str]]:
    """Who added it and where it comes from."""
    src = t.source
    return [
        ("tags", _(", ").join(safe(x) for x in t.tags)),
        ("added by", safe(t.created_by)),
        ("edited by", safe(t.edited_by)),
        ("owner", safe(t.owner)),
        ("source", safe(src.document)),
        ("publisher", safe(src.publisher)),
        ("source date", safe(src.date)),
        ("url", safe(src.url)),
        ("quote", safe(src.quote)),
        ("source note", safe(src.note)),
    ]


CHANGE_FORMS = {
    "relative": N_("change, relative to the base (compounding yearly changes)"),
    "absolute": N_("change from the base, in the unit"),
    "points": N_("change from the base, in percentage points"),
}
EACH_FORMS = {
    "year": N_("the bound holds each year"),
    "half": N_("the bound holds each half"),
    "quarter": N_("the bound holds each quarter"),
    "month": N_("the bound holds each month"),
    "day": N_("the bound holds each day"),
}
FREQUENCIES = (N_("year"), N_("half"), N_("quarter"), N_("month"), N_("day"), N_("irregular"))
NAMES = (
    N_("linear"),
    N_("cagr"),
    N_("projection"),
    N_("growth"),
    N_("increase"),
    N_("decrease"),
    N_("cap"),
    N_("floor"),
    N_("milestone"),
)


def _form(t: Target) -> str:
    if t.form == "change":
        return _(CHANGE_FORMS[t.change])
    if t.form == "growth":
        return _("average annual growth from the base (compound)")
    if t.form == "cumulative":
        return _("cumulative: amounts per period, summed since the start")
    if t.each:
        return _(EACH_FORMS[t.each])
    return ""


def _data(t: Target, a: Assessment) -> str:
    """How the data arrive: the frequency, the lag, the next value due."""
    if t.spec.boolean:
        return ""
    text = _(frequency(t)) + (_(", published {n} days after").format(n=t.lag) if t.lag is not None else "")
    if a.data_awaited and a.data_due:
        text += (_("; {period} value overdue since {day}") if a.stale else _("; {period} value due {day}")).format(
            period=a.data_awaited, day=a.data_due
        )
    if a.stale and a.status != "awaiting-data":
        text += _(" (stale)")
    return text


def timeline_rows(t: Target, steps: list[Assessment]) -> list[dict]:
    return [
        {
            "date": s.as_of.isoformat(),
            "status": s.status,
            "current": json_number(s.current),
            "progress": None if s.progress is None else round(float(s.progress), 4),
            "ratio": None if s.ratio is None else round(float(s.ratio), 4),
            "method": s.method,
        }
        for s in steps
    ]


def render_text(
    t: Target,
    a: Assessment,
    out,
    *,
    steps: list[Assessment] | None = None,
    width: int = 80,
    color: bool = False,
    fit: bool = False,
    zoom: bool = False,
) -> None:
    """`fit`: on a terminal `width` wide, long values wrap under themselves
    (fit.py's rules) and the status is in its colour."""
    from ..util.textwidth import width as display_width
    from .fit import wrap
    from .table import STATUS_STYLE, paint

    def put(lead: str, value: str, first: str | None = None) -> None:
        cells = display_width(lead)  # a Chinese field name is two cells a character
        pieces = wrap(value, max(width - cells, 20)) if fit else [value]
        out.write(lead + (first if first is not None else pieces[0]) + "\n")
        for more in pieces[1:]:
            out.write(" " * cells + more + "\n")

    out.write(f"{t.id}\n")
    for key, value in lines(t, a):
        first = None
        if key == "status" and color:
            pieces = wrap(value, max(width - 15, 20)) if fit else [value]  # the lead is 15 cells
            label = _(a.status)
            first = paint(label, STATUS_STYLE.get(a.status, ""), True) + pieces[0][len(label) :]
        put(f"  {pad(p_('show', key), 12)} ", value, first)
    obs = observation_records(t)
    out.write("  " + _("observations ({n})").format(n=len(obs)) + "\n")
    for o in obs:
        value = show_value(t, o["value"], o["measure"])
        extra = "  ".join(safe(x) for x in (o["note"], o["source"]) if x)
        if o["recorded_by"]:
            extra = (extra + "  " if extra else "") + _("by {name}").format(name=safe(o["recorded_by"]))
        if o["superseded"]:
            extra = (_("(superseded)") + "  " + extra).strip()
        lead = f"    {o['date_as_given']:<10}  "
        put(lead, value + (f"  {extra}" if extra else ""))
    if steps is not None:
        out.write("  " + _("timeline ({n})").format(n=len(steps)) + "\n")
        rows = [("DATE", "STATUS", "CURRENT", "PROGRESS", "RATIO")]
        for s in steps:
            rows.append(
                (
                    s.as_of.isoformat(),
                    s.status,
                    current_cell(t, s),
                    "-" if s.progress is None else f"{float(s.progress) * 100:.0f}%",
                    "-" if s.ratio is None else f"{float(s.ratio):.2f}",
                )
            )
        write_table(rows, out, indent="    ", total=width if fit else None)
    from .chart import draw
    from .chartdata import chart_data

    data = chart_data(t, a, zoom)
    if data is not None and not data.milestone:  # a milestone's chart says no more than its lines above
        out.write("  " + _("chart") + "\n")
        for line in draw(data, width - 4, color=color):
            out.write("    " + line + "\n")


def render_json(t: Target, a: Assessment, out, *, steps: list[Assessment] | None = None) -> None:
    obj = json_record(t, a)
    obj["reason"] = a.reason
    obj["observations"] = observation_records(t)
    if steps is not None:
        obj["timeline"] = timeline_rows(t, steps)
    out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
