"""`report --format html`: one self-contained page to mail or publish.

Inline CSS and inline SVG; nothing from the network; readable with scripts
off (the one small script only makes the table sortable). Every value from
the store goes through html.escape, and a Content-Security-Policy allows no
script but ours (by its hash), so a title holding <script> is only text.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from .. import i18n
from ..assess import Assessment
from ..i18n import N_, _, prose_date
from ..model import Target
from ..records import record
from .cells import current_cell, progress_cell, target_cell, title_of
from .chartdata import ChartData, chart_data, nice_axis
from .report_common import because, how_far, observation_value, projected

STATUS_COLOUR = {
    "achieved": "#1a7f37", "within": "#1a7f37", "on-track": "#2da44e", "at-risk": "#bf8700",
    "off-track": "#cf222e", "regressing": "#a40e26", "missed": "#a40e26", "breached": "#a40e26",
    "pending": "#0969da", "no-data": "#6e7781", "not-started": "#6e7781", "awaiting-data": "#8250df",
}

CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC",
       "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", sans-serif;
       margin: 2rem auto; max-width: 62rem; padding: 0 1rem; color: #1f2328; line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.meta { color: #59636e; font-size: .9rem; }
.badge { display: inline-block; padding: .1rem .5rem; border-radius: 1rem; color: #fff;
         font-size: .8rem; white-space: nowrap; }
.summary .badge { margin: 0 .3rem .3rem 0; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #d1d9e0; vertical-align: top; }
th { background: #f6f8fa; } th[data-sort] { cursor: pointer; }
td.num { text-align: right; white-space: nowrap; }
.target { break-inside: avoid; page-break-inside: avoid; border: 1px solid #d1d9e0; border-radius: .4rem;
          padding: .6rem .8rem; margin: .8rem 0; }
.target h3 { font-size: 1rem; margin: 0 0 .3rem; }
.target .id { color: #59636e; font-family: ui-monospace, monospace; font-size: .85rem; }
figure { margin: .4rem 0 0; } figcaption { color: #59636e; font-size: .8rem; }
svg { width: 100%; height: auto; display: block; }
ul.legend { list-style: none; margin: .2rem 0; padding: 0; font-size: .8rem; color: #59636e; }
ul.legend li { display: inline-block; margin-right: 1rem; white-space: nowrap; }
ul.legend .swatch { display: inline-block; width: 1.4rem; height: 0; margin: 0 .35rem .2rem 0;
                    vertical-align: middle; }
p.mark { font-size: 1rem; margin: .4rem 0; } p.mark .done { color: #1a7f37; } p.mark .open { color: #0969da; }
ul.tight { margin: .2rem 0; padding-left: 1.2rem; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  .target { border-color: #999; } th[data-sort] { cursor: auto; }
}
"""

# Progressive enhancement: click a column heading to sort by it.
SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (t) { t.classList.add("js-sortable"); });
document.querySelectorAll("table.sortable th[data-sort]").forEach(function (th, col) {
  th.addEventListener("click", function () {
    var body = th.closest("table").tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var up = th.getAttribute("aria-sort") !== "ascending";
    rows.sort(function (a, b) {
      var x = a.cells[col].getAttribute("data-key") || a.cells[col].textContent;
      var y = b.cells[col].getAttribute("data-key") || b.cells[col].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return up ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    th.closest("tr").querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", up ? "ascending" : "descending");
  });
});
"""


def e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def zh(text) -> str:
    """User text, escaped, marked as Chinese where it is (the page is in English):
    browsers then pick Chinese glyphs, and screen readers a Chinese voice."""
    shown = e(text)
    return f'<span lang="zh-CN">{shown}</span>' if any("\u4e00" <= ch <= "\u9fff" for ch in str(text or "")) else shown


def badge(status: str) -> str:
    return (f'<span class="badge" data-status="{e(status)}" style="background:{STATUS_COLOUR.get(status, "#6e7781")}">'
            f"{e(_(status))}</span>")


LEGEND = {  # what each mark on a chart is, and how it is drawn (the SVG and the legend agree)
    "values": ("#0969da", "solid", N_("values recorded")),
    "plan": ("#8c959f", "1 3", N_("straight line from the base to the target")),
    "target": ("#1a7f37", "6 3", N_("target")),
    "deadline": ("#cf222e", "solid", N_("deadline")),
    "as-of": ("#bf8700", "2 3", N_("as of")),
    "projection": ("#8250df", "4 3", N_("projection on the current trend")),
}


def _stroke(kind: str) -> str:
    colour, dash, _ = LEGEND[kind]
    return f'stroke="{colour}"' + ("" if dash == "solid" else f' stroke-dasharray="{dash}"')


def svg_chart(c: ChartData, label: str, unit: str, width: int = 720, height: int = 240) -> str:
    """The terminal chart's content as SVG, with <title> for screen readers:
    round ticks (1, 2 or 5 times a power of ten) on the value axis, labelled
    in the target's unit; years (or quarters) on the time axis."""
    left, right, top, bottom = 70, 14, 22, 28
    (x0, x1) = c.x_range
    values = [v for _, v in c.points] + ([c.target] if c.target is not None else [])
    for line in (c.plan, c.projection):
        if line:
            values += [line[0][1], line[1][1]]
    y0, y1, ticks = nice_axis(min(values), max(values))
    span = max((x1 - x0).days, 1)

    def x(d) -> float:
        return left + (d - x0).days / span * (width - left - right)

    def y(v) -> float:
        return top + (y1 - v) / ((y1 - y0) or 1) * (height - top - bottom)

    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{e(label)}</title>",
             f'<rect x="{left}" y="{top}" width="{width - left - right}" height="{height - top - bottom}" '
             'fill="#fff" stroke="#d1d9e0"/>']
    if unit:
        parts.append(f'<text class="unit" x="{left}" y="{top - 8}" font-size="11" fill="#59636e">{e(unit)}</text>')
    for v in ticks:
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
                     'stroke="#eaeef2"/>')
        parts.append(f'<text class="tick" x="{left - 5}" y="{y(v) + 4:.1f}" font-size="11" text-anchor="end" '
                     f'fill="#59636e">{e(_num(v))}</text>')
    for d, text in _time_ticks(x0, x1):
        parts.append(f'<text class="tick" x="{x(d):.1f}" y="{height - 9}" font-size="11" text-anchor="middle" '
                     f'fill="#59636e">{e(text)}</text>')
    if c.target is not None:
        parts.append(f'<line class="target-level" x1="{left}" x2="{width - right}" y1="{y(c.target):.1f}" '
                     f'y2="{y(c.target):.1f}" {_stroke("target")}/>')
    if c.deadline and x0 <= c.deadline <= x1:
        parts.append(f'<line class="deadline" x1="{x(c.deadline):.1f}" x2="{x(c.deadline):.1f}" y1="{top}" '
                     f'y2="{height - bottom}" {_stroke("deadline")}/>')
    if x0 <= c.as_of <= x1:
        parts.append(f'<line class="as-of" x1="{x(c.as_of):.1f}" x2="{x(c.as_of):.1f}" y1="{top}" '
                     f'y2="{height - bottom}" {_stroke("as-of")}/>')
    if c.plan:
        (da, va), (db, vb) = c.plan
        parts.append(f'<line class="plan" x1="{x(da):.1f}" y1="{y(va):.1f}" x2="{x(db):.1f}" y2="{y(vb):.1f}" '
                     f'{_stroke("plan")}/>')
    if c.projection:
        (da, va), (db, vb) = c.projection
        parts.append(f'<line class="projection" x1="{x(da):.1f}" y1="{y(va):.1f}" x2="{x(db):.1f}" '
                     f'y2="{y(vb):.1f}" {_stroke("projection")}/>')
    if len(c.points) > 1:
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in c.points)
        parts.append(f'<polyline class="values" points="{path}" fill="none" {_stroke("values")}/>')
    for d, v in c.points:
        parts.append(f'<circle class="value" cx="{x(d):.1f}" cy="{y(v):.1f}" r="3.5" fill="{LEGEND["values"][0]}"/>')
    parts.append("</svg>")
    return "".join(parts)


def legend(c: ChartData) -> str:
    """The marks this chart has, named (HTML under the chart, so it wraps and can be read aloud)."""
    shown = ["values"] + [k for k, present in (("plan", c.plan), ("target", c.target is not None),
                                                ("deadline", c.deadline), ("as-of", True),
                                                ("projection", c.projection)) if present]
    items = []
    for kind in shown:
        colour, dash, name = LEGEND[kind]
        style = "solid" if dash == "solid" else "dashed"
        items.append(f'<li><span class="swatch" style="border-top:2px {style} {colour}"></span>{e(_(name))}</li>')
    return f'<ul class="legend">{"".join(items)}</ul>'


def _time_ticks(x0, x1) -> list[tuple]:
    """1 January of each year in the range (every second or fifth year on a long
    one); on a range under two years, the first day of each quarter."""
    from datetime import date

    if (x1 - x0).days < 730:
        out = []
        for year in range(x0.year, x1.year + 1):
            for month, name in ((1, "Q1"), (4, "Q2"), (7, "Q3"), (10, "Q4")):
                d = date(year, month, 1)
                if x0 <= d <= x1:
                    out.append((d, f"{year} {name}" if month == 1 or not out else name))
        return out
    years = [y for y in range(x0.year, min(x1.year, date.max.year) + 1) if x0 <= date(y, 1, 1) <= x1]
    every = 1 if len(years) <= 8 else 2 if len(years) <= 16 else 5
    return [(date(y, 1, 1), str(y)) for y in years if y % every == 0]


def _num(v: float) -> str:
    if abs(v) < 1e-9:
        return "0"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.2f}".rstrip("0").rstrip(".")


def describe_chart(t: Target, a: Assessment, c: ChartData) -> str:
    """The chart in words: its text alternative."""
    values = "; ".join(f"{d.isoformat()}: {_num(v)}" for d, v in c.points) or _("none yet")
    goal = target_cell(t) + (_(" by {deadline}").format(deadline=t.deadline.label) if t.deadline else "")
    text = _("Values: {values}. Target: {goal}. Status as of {day}: {status}").format(
        values=values, goal=goal, day=a.as_of, status=_(a.status))
    if c.projection:
        text += _("; on the current trend {value} at the deadline").format(value=_num(c.projection[1][1]))
    return text + _(".")


def _list_section(w, title: str, items: list[str]) -> None:
    w(f"<h2>{e(_('{title} ({n})').format(title=title, n=len(items)))}</h2>\n")
    w("<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>\n" if items else f"<p>{e(_('None.'))}</p>\n")


def _named(t: Target) -> str:
    return f'<b>{zh(title_of(t))}</b> <span class="id">{e(t.id)}</span>' + \
        (f' <span class="id">{e(_("binding"))}</span>' if t.binding else "")


def render(report, out, *, store: str | None, generated_at: str, git: dict | None = None) -> None:
    """`store`: the store's path, shown only when asked (report --show-store):
    a published page should not tell the world the analyst's home folder."""
    script_hash = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{script_hash}'"
    w = out.write
    w(f'<!DOCTYPE html>\n<html lang="{"zh-CN" if i18n.current == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n')
    w(f'<meta http-equiv="Content-Security-Policy" content="{e(csp)}">\n')
    w('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    heading = e(_("targettrack report, {day}").format(day=prose_date(report.as_of)))
    w(f"<title>{heading}</title>\n<style>{CSS}</style>\n</head>\n<body>\n")
    w(f"<h1>{heading}</h1>\n")
    where = " · " + e(_("store {path}").format(path=store)) if store else ""
    w(f'<p class="meta">{e(_("Changes since {day}").format(day=prose_date(report.since)))}{where} · '
      f'{e(_("generated {time}").format(time=generated_at))}</p>\n')
    w(f'<section class="summary"><h2>{e(_("{n} targets").format(n=len(report.rows)))}</h2><p>')
    w("".join(f"{badge(s)}<b>{n}</b> " for s, n in report.summary.items()))
    w("</p></section>\n")

    # The text report's sections, in its order.
    since = prose_date(report.since)
    _list_section(w, _("Needs attention"), [
        f"{badge(a.status)} {_named(t)}: {e(how_far(t, a))}{e(_('; projected {when}').format(when=projected(t, a)))}"
        for t, a in report.attention])
    _list_section(w, _("Deadlines within {days} days").format(days=report.within_days), [
        f"{badge(a.status)} {_named(t)}: {e(_('{deadline}, {n} days left').format(deadline=t.deadline.label, n=a.days_left))}"
        for t, a in report.upcoming])
    _list_section(w, _("Status changes since {since}").format(since=since), [
        f"{_named(c.target)}: {badge(c.before.status)} → {badge(c.after.status)}"
        + (f" ({e(because(c))})" if because(c) else "") for c in report.changes])
    _list_section(w, _("New values since {since}").format(since=since), [
        f"{_named(t)}: {e(o.date.label)} {e(observation_value(t, o))}" + (f" ({e(o.note)})" if o.note else "")
        for t, o in report.new_observations])
    _list_section(w, _("Achieved since {since}").format(since=since), [
        f"{_named(t)}: {e(_('on {day}').format(day=prose_date(a.achieved_date)))}" for t, a in report.achieved])

    w(f'<h2>{e(_("All targets"))}</h2>\n<table class="sortable">\n<thead><tr>')
    for name in (N_("Target"), N_("Status"), N_("Progress"), N_("Current"), N_("Target value"), N_("Deadline"),
                 N_("Projected")):
        w(f'<th data-sort scope="col">{e(_(name))}</th>')
    w("</tr></thead>\n<tbody>\n")
    for t, a in report.rows:
        r = record(t, a)
        w(f'<tr><td><a href="#t-{e(t.id)}">{zh(title_of(t))}</a><br><span class="id">{e(t.id)}</span></td>'
          f'<td data-key="{e(a.status)}">{badge(a.status)}</td>'
          f'<td class="num" data-key="{"" if r["progress"] is None else r["progress"]}">{e(progress_cell(t, a))}</td>'
          f'<td class="num">{e(current_cell(t, a))}</td><td class="num">{e(target_cell(t))}</td>'
          f'<td data-key="{e(r["deadline"] or "9999")}">{e(t.deadline.label if t.deadline else "-")}</td>'
          f"<td>{e(projected(t, a))}</td></tr>\n")
    w("</tbody></table>\n")

    w(f"<h2>{e(_('Each target'))}</h2>\n")
    for t, a in report.rows:
        w(f'<section class="target" id="t-{e(t.id)}">\n<h3>{zh(t.title)} {badge(a.status)}</h3>\n')
        w(f'<div class="id">{e(t.id)}{" · " + e(t.title_en) if t.title_en else ""}</div>\n')
        w(f"<div>{zh(a.reason)}</div>\n")
        if t.source.document or t.source.quote:
            w('<ul class="tight">')
            if t.source.document:
                w(f"<li>{e(_('Source:'))} {zh(t.source.document)}</li>")
            if t.source.quote:
                w(f"<li>“{zh(t.source.quote)}”</li>")
            w("</ul>\n")
        w(_picture(t, a))
        w("</section>\n")
    w(f"<script>{SCRIPT}</script>\n</body>\n</html>\n")


def _picture(t: Target, a: Assessment) -> str:
    """A chart where there are values to draw; a milestone as a dated mark;
    for a target with no value yet, a sentence, not an empty chart."""
    if t.spec.boolean:
        deadline = e(_("due {deadline}").format(deadline=t.deadline.label) if t.deadline else _("no deadline"))
        if a.achieved_date:
            return (f'<p class="mark"><span class="done">✓ {e(_("done"))}</span> '
                    f'{e(_("on {day}").format(day=prose_date(a.achieved_date)))} ({deadline})</p>\n')
        return (f'<p class="mark"><span class="open">○ {e(_("not done"))}</span> '
                f'{e(_("as of {day}").format(day=prose_date(a.as_of)))} ({deadline})</p>\n')
    c = chart_data(t, a)
    if c is None or not c.points:
        goal = target_cell(t) + (_(" by {deadline}").format(deadline=t.deadline.label) if t.deadline else "")
        return f'<p class="chart-text">{e(_("No values recorded yet; target {goal}.").format(goal=goal))}</p>\n'
    unit = t.measured_unit
    return (f'<figure class="chart">{svg_chart(c, _("{title}: trajectory").format(title=t.title), unit)}{legend(c)}'
            f"<figcaption>{e(describe_chart(t, a, c))}</figcaption></figure>\n")
