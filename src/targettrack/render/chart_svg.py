"""A target's chart as SVG for the HTML report: drawn twice (wide and for a
phone), its legend, and its description in words for a screen reader; and
the escaping every part of the page uses (e, zh) and the status badge.
"""

from __future__ import annotations

from html import escape
from typing import NamedTuple

from ..judge.assessment import Assessment
from ..model.target import Target
from ..util.i18n import N_, _
from .cells import target_cell
from .chartdata import ChartData, nice_axis

STATUS_COLOUR = {
    "achieved": "#1a7f37",
    "within": "#1a7f37",
    "on-track": "#2da44e",
    "at-risk": "#bf8700",
    "off-track": "#cf222e",
    "regressing": "#a40e26",
    "missed": "#a40e26",
    "breached": "#a40e26",
    "pending": "#0969da",
    "no-data": "#6e7781",
    "not-started": "#6e7781",
    "awaiting-data": "#8250df",
}


def e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def zh(text) -> str:
    """User text, escaped, marked as Chinese where it is (the page is in English):
    browsers then pick Chinese glyphs, and screen readers a Chinese voice."""
    shown = e(text)
    return f'<span lang="zh-CN">{shown}</span>' if any("\u4e00" <= ch <= "\u9fff" for ch in str(text or "")) else shown


def badge(status: str) -> str:
    return (
        f'<span class="badge" data-status="{e(status)}" style="background:{STATUS_COLOUR.get(status, "#6e7781")}">'
        f"{e(_(status))}</span>"
    )


LEGEND = {  # what each mark on a chart is, and how it is drawn (the SVG and the legend agree)
    "values": ("#0969da", "solid", N_("values recorded")),
    "plan": ("#8c959f", "1 3", N_("straight line from the base to the target")),
    "target": ("#1a7f37", "6 3", N_("target")),
    "deadline": ("#cf222e", "solid", N_("deadline")),
    "as-of": ("#bf8700", "2 3", N_("as of")),
    "base": ("#8c959f", "base", N_("base value")),
    "projection": ("#8250df", "4 3", N_("projection on the current trend")),
}


def _stroke(kind: str) -> str:
    colour, dash, _ = LEGEND[kind]
    return f'stroke="{colour}"' + ("" if dash == "solid" else f' stroke-dasharray="{dash}"')


# The chart is drawn twice, for a wide page and for a phone (CSS shows one): a
# viewBox scales its text with it, so one 720-unit drawing shrank 11-unit
# tick labels to 5 px on a 390 px screen. Each size keeps its text at 11-16
# CSS px where it is shown (tests/test_html.py measures it in a browser).
SIZES = (("wide", 720, 250, 12), ("narrow", 360, 240, 13))


def svg_chart(c: ChartData, label: str, unit: str) -> str:
    """The chart for both page widths (see SIZES)."""
    return "".join(
        _svg(c, label, unit, cls=cls, width=width, height=height, font=font) for cls, width, height, font in SIZES
    )


class _Box(NamedTuple):
    """The plot's margins inside the drawing, and the drawing's size."""

    left: int
    right: int
    top: int
    bottom: int
    width: int
    height: int


def _svg(c: ChartData, label: str, unit: str, *, cls: str, width: int, height: int, font: int) -> str:
    """The terminal chart's content as SVG, with <title> for screen readers:
    round ticks (1, 2 or 5 times a power of ten) on the value axis, from zero
    for amounts unless zoomed (then drawn cut), labelled in the target's
    unit; years (or quarters) on the time axis, each label over its period."""
    left, right, top, bottom = (8 + font * 5, 10, font + 12, font + 18)
    (x0, x1) = c.x_range
    values = [v for _, v in c.points] + ([c.target] if c.target is not None else [])
    for line in (c.plan, c.projection):
        if line:
            values += [line[0][1], line[1][1]]
    if not c.cut and min(values) >= 0:
        values.append(0.0)
    y0, y1, ticks = nice_axis(min(values), max(values), zoom=c.cut)
    span = max((x1 - x0).days, 1)
    plot = width - left - right

    def x(d) -> float:
        return left + (d - x0).days / span * plot

    def y(v) -> float:
        return top + (y1 - v) / ((y1 - y0) or 1) * (height - top - bottom)

    text = f'font-size="{font}" fill="#59636e"'
    parts = [
        f'<svg class="{cls}" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{e(label)}</title>",
        f'<rect x="{left}" y="{top}" width="{plot}" height="{height - top - bottom}" fill="#fff" stroke="#d1d9e0"/>',
    ]
    if unit:
        parts.append(f'<text class="unit" x="{left}" y="{top - 8}" {text}>{e(unit)}</text>')
    box = _Box(left, right, top, bottom, width, height)
    _axes(parts, c, box, ticks=ticks, y0=y0, x=x, y=y, font=font, text=text)
    _marks(parts, c, box, x=x, y=y)
    parts.append("</svg>")
    return "".join(parts)


def _axes(parts: list[str], c: ChartData, box: "_Box", *, ticks, y0: float, x, y, font: int, text: str) -> None:
    """The value axis's gridlines and labels (drawn cut where it does not start at zero), and the time axis's."""
    plot = box.width - box.left - box.right
    (x0, x1) = c.x_range
    for v in ticks:
        parts.append(
            f'<line class="grid" x1="{box.left}" x2="{box.width - box.right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#eaeef2"/>'
        )
        parts.append(
            f'<text class="tick" x="{box.left - 5}" y="{y(v) + font / 3:.1f}" {text} text-anchor="end">{e(_num(v))}</text>'
        )
    if y0 > 0:  # a cut axis is drawn cut: a break on the axis and words that say so
        b = box.height - box.bottom
        parts.append(
            f'<path class="axis-cut" d="M{box.left - 6},{b - 4} l4,-3 l4,6 l4,-3" fill="none" '
            'stroke="#1f2328" stroke-box.width="1.5"/>'
        )
        parts.append(
            f'<text class="cut-note" x="{box.width - box.right}" y="{box.top - 8}" {text} text-anchor="end">'
            f"{e(_('axis does not start at 0'))}</text>"
        )
    for edge in _period_edges(x0, x1, plot / (font * 4)):
        parts.append(
            f'<line class="period-edge" x1="{x(edge):.1f}" x2="{x(edge):.1f}" y1="{box.top}" '
            f'y2="{box.height - box.bottom}" stroke="#eaeef2"/>'
        )
    for d, name in _time_ticks(x0, x1, plot / (font * 4)):
        parts.append(
            f'<text class="tick time" x="{x(d):.1f}" y="{box.height - box.bottom + font + 4}" {text} '
            f'text-anchor="middle">{e(name)}</text>'
        )


def _marks(parts: list[str], c: ChartData, box: "_Box", *, x, y) -> None:
    """The target's level, the deadline, the as-of day, the straight line to the target, the projection, the values."""
    (x0, x1) = c.x_range
    if c.target is not None:
        parts.append(
            f'<line class="target-level" x1="{box.left}" x2="{box.width - box.right}" y1="{y(c.target):.1f}" '
            f'y2="{y(c.target):.1f}" {_stroke("target")}/>'
        )
    if c.deadline and x0 <= c.deadline <= x1:
        parts.append(
            f'<line class="deadline" x1="{x(c.deadline):.1f}" x2="{x(c.deadline):.1f}" y1="{box.top}" '
            f'y2="{box.height - box.bottom}" {_stroke("deadline")}/>'
        )
    if x0 <= c.as_of <= x1:
        parts.append(
            f'<line class="as-of" x1="{x(c.as_of):.1f}" x2="{x(c.as_of):.1f}" y1="{box.top}" '
            f'y2="{box.height - box.bottom}" {_stroke("as-of")}/>'
        )
    if c.plan:
        (da, va), (db, vb) = c.plan
        parts.append(
            f'<line class="plan" x1="{x(da):.1f}" y1="{y(va):.1f}" x2="{x(db):.1f}" y2="{y(vb):.1f}" '
            f"{_stroke('plan')}/>"
        )
        parts.append(
            f'<circle class="base" cx="{x(da):.1f}" cy="{y(va):.1f}" r="4" fill="#fff" '
            f'stroke="{LEGEND["plan"][0]}" stroke-box.width="2"/>'
        )
    if c.projection:
        (da, va), (db, vb) = c.projection
        parts.append(
            f'<line class="projection" x1="{x(da):.1f}" y1="{y(va):.1f}" x2="{x(db):.1f}" '
            f'y2="{y(vb):.1f}" {_stroke("projection")}/>'
        )
    if len(c.points) > 1:
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in c.points)
        parts.append(f'<polyline class="values" points="{path}" fill="none" {_stroke("values")}/>')
    for d, v in c.points:
        parts.append(f'<circle class="value" cx="{x(d):.1f}" cy="{y(v):.1f}" r="3.5" fill="{LEGEND["values"][0]}"/>')


def legend(c: ChartData) -> str:
    """The marks this chart has, named (HTML under the chart, so it wraps and can be read aloud)."""
    shown = ["values"] + [
        k
        for k, present in (
            ("base", c.plan),
            ("plan", c.plan),
            ("target", c.target is not None),
            ("deadline", c.deadline),
            ("as-of", True),
            ("projection", c.projection),
        )
        if present
    ]
    items = []
    for kind in shown:
        colour, dash, name = LEGEND[kind]
        if dash == "base":
            swatch = f'<span class="swatch dot" style="border:2px solid {colour}"></span>'
        else:
            swatch = f'<span class="swatch" style="border-top:2px {"solid" if dash == "solid" else "dashed"} {colour}"></span>'
        items.append(f"<li>{swatch}{e(_(name))}</li>")
    return f'<ul class="legend">{"".join(items)}</ul>'


def _quarterly(x0, x1) -> bool:
    return (x1 - x0).days < 730


def _period_edges(x0, x1, room: float = 12) -> list:
    """Where one labelled period (a year, or a quarter on a range under two years) ends and the next begins
    (on a long range, every second, fifth ... year, as the labels)."""
    from datetime import date

    months = (1, 4, 7, 10) if _quarterly(x0, x1) else (1,)
    every = 1 if months != (1,) else _every(x1.year - x0.year + 1, room)
    return [
        date(y, m, 1) for y in range(x0.year, x1.year + 1) if y % every == 0 for m in months if x0 < date(y, m, 1) < x1
    ]


def _every(n: int, room: float) -> int:
    """Every how many years a label goes, for `n` years where `room` labels fit."""
    return next((k for k in (1, 2, 5, 10, 20, 50, 100, 1000, 10000) if n / k <= max(room, 1)), 10000)


def _time_ticks(x0, x1, room: float = 12) -> list[tuple]:
    """Each year's label in the middle of its year, as its values are drawn
    (every second or fifth year where `room` labels do not fit); on a range
    under two years, each quarter's in the middle of its quarter."""
    from datetime import date

    if _quarterly(x0, x1):
        out = []
        for year in range(x0.year, x1.year + 1):
            for month, name in ((2, "Q1"), (5, "Q2"), (8, "Q3"), (11, "Q4")):
                d = date(year, month, 15)
                if x0 <= d <= x1:
                    out.append((d, f"{year} {name}" if name == "Q1" or not out else name))
        every = 1 if len(out) <= room / 1.5 else 2
        return out[::every]
    years = [y for y in range(x0.year, min(x1.year, date.max.year - 1) + 1) if x0 <= date(y, 7, 2) <= x1]
    every = _every(len(years), room)
    return [(date(y, 7, 2), str(y)) for y in years if y % every == 0]


def _num(v: float) -> str:
    if abs(v) < 1e-9:
        return "0"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.2f}".rstrip("0").rstrip(".")


def describe_chart(t: Target, a: Assessment, c: ChartData) -> str:
    """The chart in words: its text alternative."""
    days = c.labels or tuple(d.isoformat() for d, _ in c.points)
    values = "; ".join(f"{day}: {_num(v)}" for day, (_, v) in zip(days, c.points)) or _("none yet")
    goal = target_cell(t) + (_(" by {deadline}").format(deadline=t.deadline.label) if t.deadline else "")
    text = _("Values: {values}. Target: {goal}. Status as of {day}: {status}").format(
        values=values, goal=goal, day=a.as_of, status=_(a.status)
    )
    if c.projection:
        text += _("; on the current trend {value} at the deadline").format(value=_num(c.projection[1][1]))
    return text + _(".")
