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

from ..assess import Assessment
from ..model import Target
from ..records import record
from .cells import current_cell, progress_cell, target_cell
from .chartdata import ChartData, chart_data
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
svg { width: 100%; height: auto; max-width: 36rem; display: block; }
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


def badge(status: str) -> str:
    return f'<span class="badge" style="background:{STATUS_COLOUR.get(status, "#6e7781")}">{e(status)}</span>'


def svg_chart(c: ChartData, label: str, width: int = 560, height: int = 200) -> str:
    """The terminal chart's content as SVG, with <title> and <desc> for screen readers."""
    left, right, top, bottom = 64, 12, 10, 26
    (x0, x1), (y0, y1) = c.x_range, c.y_range
    span = max((x1 - x0).days, 1)

    def x(d) -> float:
        return left + (d - x0).days / span * (width - left - right)

    def y(v) -> float:
        return top + (y1 - v) / (y1 - y0) * (height - top - bottom)

    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{e(label)}</title>",
             f'<rect x="{left}" y="{top}" width="{width - left - right}" height="{height - top - bottom}" '
             'fill="#fff" stroke="#d1d9e0"/>']
    ticks = ((1.0, "done"), (0.0, "not done")) if c.milestone else ((v, _num(v)) for v in (y1, (y0 + y1) / 2, y0))
    for v, text in ticks:
        parts.append(f'<text x="{left - 4}" y="{y(v) + 4:.1f}" font-size="10" text-anchor="end" fill="#59636e">'
                     f"{e(text)}</text>")
    parts.append(f'<text x="{left}" y="{height - 8}" font-size="10" fill="#59636e">{x0.isoformat()}</text>')
    parts.append(f'<text x="{width - right}" y="{height - 8}" font-size="10" text-anchor="end" fill="#59636e">'
                 f"{x1.isoformat()}</text>")
    if c.target is not None and not c.milestone:
        parts.append(f'<line class="target-level" x1="{left}" x2="{width - right}" y1="{y(c.target):.1f}" '
                     f'y2="{y(c.target):.1f}" stroke="#1a7f37" stroke-dasharray="6 3"/>')
    if c.deadline and x0 <= c.deadline <= x1:
        parts.append(f'<line class="deadline" x1="{x(c.deadline):.1f}" x2="{x(c.deadline):.1f}" y1="{top}" '
                     f'y2="{height - bottom}" stroke="#cf222e"/>')
    parts.append(f'<line class="as-of" x1="{x(c.as_of):.1f}" x2="{x(c.as_of):.1f}" y1="{top}" y2="{height - bottom}" '
                 'stroke="#bf8700" stroke-dasharray="2 3"/>')
    if c.plan:
        (da, va), (db, vb) = c.plan
        parts.append(f'<line class="plan" x1="{x(da):.1f}" y1="{y(va):.1f}" x2="{x(db):.1f}" y2="{y(vb):.1f}" '
                     'stroke="#8c959f" stroke-dasharray="1 3"/>')
    if c.projection:
        (da, va), (db, vb) = c.projection
        parts.append(f'<line class="projection" x1="{x(da):.1f}" y1="{y(va):.1f}" x2="{x(db):.1f}" y2="{y(vb):.1f}" '
                     'stroke="#8250df" stroke-dasharray="4 3"/>')
    if len(c.points) > 1 and not c.milestone:
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in c.points)
        parts.append(f'<polyline class="values" points="{path}" fill="none" stroke="#0969da"/>')
    for d, v in c.points:
        parts.append(f'<circle class="value" cx="{x(d):.1f}" cy="{y(v):.1f}" r="3" fill="#0969da"/>')
    parts.append("</svg>")
    return "".join(parts)


def _num(v: float) -> str:
    if abs(v) < 1e-9:
        return "0"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.2f}".rstrip("0").rstrip(".")


def describe_chart(t: Target, a: Assessment, c: ChartData) -> str:
    """The chart in words: its text alternative."""
    values = "; ".join(f"{d.isoformat()}: {_num(v)}" for d, v in c.points) or "none yet"
    text = f"Values: {values}. Target: {target_cell(t)}"
    if t.deadline:
        text += f" by {t.deadline.label}"
    text += f". Status as of {a.as_of}: {a.status}"
    if c.projection:
        text += f"; on the current trend {_num(c.projection[1][1])} at the deadline"
    return text + "."


def render(report, out, *, store: str, generated_at: str) -> None:
    script_hash = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{script_hash}'"
    w = out.write
    w("<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n")
    w(f'<meta http-equiv="Content-Security-Policy" content="{e(csp)}">\n')
    w('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    w(f"<title>targettrack report, {report.as_of}</title>\n<style>{CSS}</style>\n</head>\n<body>\n")
    w(f"<h1>targettrack report, {report.as_of}</h1>\n")
    w(f'<p class="meta">Changes since {report.since} · store {e(store)} · generated {e(generated_at)}</p>\n')
    w(f'<section class="summary"><h2>{len(report.rows)} targets</h2><p>')
    w("".join(f"{badge(s)}<b>{n}</b> " for s, n in report.summary.items()))
    w("</p></section>\n")

    if report.attention:
        w(f"<h2>Needs attention ({len(report.attention)})</h2>\n<ul>\n")
        for t, a in report.attention:
            w(f"<li>{badge(a.status)} <b>{e(t.title)}</b> <span class=\"id\">{e(t.id)}</span>"
              + (" <span class=\"id\">binding</span>" if t.binding else "") + ": "
              f"{e(how_far(t, a))}; projected {e(projected(t, a))}</li>\n")
        w("</ul>\n")
    if report.changes:
        w(f"<h2>Status changes since {report.since} ({len(report.changes)})</h2>\n<ul>\n")
        for c in report.changes:
            w(f"<li><b>{e(c.target.title)}</b> <span class=\"id\">{e(c.target.id)}</span>: "
              f"{badge(c.before.status)} → {badge(c.after.status)}"
              + (f" ({e(because(c))})" if because(c) else "") + "</li>\n")
        w("</ul>\n")

    w("<h2>All targets</h2>\n<table class=\"sortable\">\n<thead><tr>")
    for name in ("Target", "Status", "Progress", "Current", "Target value", "Deadline", "Projected"):
        w(f'<th data-sort scope="col">{name}</th>')
    w("</tr></thead>\n<tbody>\n")
    for t, a in report.rows:
        r = record(t, a)
        w(f'<tr><td><a href="#t-{e(t.id)}">{e(t.title)}</a><br><span class="id">{e(t.id)}</span></td>'
          f'<td data-key="{e(a.status)}">{badge(a.status)}</td>'
          f'<td class="num" data-key="{"" if r["progress"] is None else r["progress"]}">{e(progress_cell(t, a))}</td>'
          f'<td class="num">{e(current_cell(t, a))}</td><td class="num">{e(target_cell(t))}</td>'
          f'<td data-key="{e(r["deadline"] or "9999")}">{e(t.deadline.label if t.deadline else "-")}</td>'
          f"<td>{e(projected(t, a))}</td></tr>\n")
    w("</tbody></table>\n")

    w("<h2>Each target</h2>\n")
    for t, a in report.rows:
        w(f'<section class="target" id="t-{e(t.id)}">\n<h3>{e(t.title)} {badge(a.status)}</h3>\n')
        w(f'<div class="id">{e(t.id)}{" · " + e(t.title_en) if t.title_en else ""}</div>\n')
        w(f"<div>{e(a.reason)}</div>\n")
        if t.source.document or t.source.quote:
            w('<ul class="tight">')
            if t.source.document:
                w(f"<li>Source: {e(t.source.document)}</li>")
            if t.source.quote:
                w(f"<li>“{e(t.source.quote)}”</li>")
            w("</ul>\n")
        c = chart_data(t, a)
        if c is not None:
            alt = describe_chart(t, a, c)
            w(f'<figure class="chart">{svg_chart(c, f"{t.title}: trajectory")}<figcaption>{e(alt)}</figcaption></figure>\n')
        else:
            obs = [f"{o.date.label}: {observation_value(t, o)}" for o in t.observations]
            w(f'<p class="chart-text">{e("; ".join(obs) if obs else "No values recorded yet.")}</p>\n')
        w("</section>\n")
    w(f"<script>{SCRIPT}</script>\n</body>\n</html>\n")
