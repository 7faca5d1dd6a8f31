"""`report --format html`: one self-contained page to mail or publish.

Inline CSS and inline SVG; nothing from the network; readable with scripts
off (the one small script only makes the table sortable). Every value from
the store goes through html.escape, and a Content-Security-Policy allows no
script but ours (by its hash), so a title holding <script> is only text.
"""

from __future__ import annotations

import base64
import hashlib

from ..judge.assessment import Assessment
from ..model.target import Target
from ..util import i18n
from ..util.i18n import N_, _, prose_date
from .cells import target_cell, title_of
from .chart_svg import STATUS_COLOUR, badge, describe_chart, e, legend, svg_chart, zh
from .chartdata import chart_data
from .report_common import because, how_far, observation_value, projected
from .targets_table import table, target_row

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
ul.legend .swatch.dot { width: .5rem; height: .5rem; border-radius: 50%; box-sizing: border-box; }
figure.chart svg.narrow { display: none; }
.table-box { overflow-x: auto; }
.id { overflow-wrap: normal; word-break: keep-all; white-space: nowrap; }
.other-title { color: #59636e; font-size: .85rem; font-weight: normal; }
.subtitle { font-size: 1.05rem; color: #3d444d; margin: 0 0 .3rem; }
.plans .plan { margin: .5rem 0; } .plans .meta { font-size: .8rem; }
.plans .bar { display: flex; height: .9rem; border-radius: .3rem; overflow: hidden; background: #eaeef2; }
.plans .seg { display: block; height: 100%; }
.downloads { font-size: .9rem; } .method p { font-size: .9rem; color: #3d444d; }
ul.sources { margin: .2rem 0; padding-left: 1.2rem; font-size: .85rem; color: #59636e; overflow-wrap: anywhere; }
.target > div, li { overflow-wrap: anywhere; }
@media (max-width: 720px) {
  body { margin: 1rem auto; }
  figure.chart svg.wide { display: none; }
  figure.chart svg.narrow { display: block; }
  table.sortable thead { display: none; }
  table.sortable, table.sortable tbody, table.sortable tr, table.sortable td { display: block; width: auto; }
  table.sortable tr { border: 1px solid #d1d9e0; border-radius: .4rem; margin: .5rem 0; padding: .3rem .5rem; }
  table.sortable td { border: 0; padding: .1rem 0; text-align: left; }
  table.sortable td.num, table.sortable td[data-label] { white-space: normal; }
  table.sortable td[data-label]::before { content: attr(data-label) ": "; color: #59636e; }
}
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


def _list_section(w, title: str, items: list[str]) -> None:
    w(f"<h2>{e(_('{title} ({n})').format(title=title, n=len(items)))}</h2>\n")
    w("<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>\n" if items else f"<p>{e(_('None.'))}</p>\n")


def _named(t: Target) -> str:
    return f'<b>{zh(title_of(t))}</b> <span class="id">{e(t.id)}</span>' + (
        f' <span class="id">{e(_("binding"))}</span>' if t.binding else ""
    )


def render(
    report,
    out,
    *,
    store: str | None,
    generated_at: str,
    git: dict | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    zoom: bool = False,
) -> None:
    """`store`: the store's path, shown only when asked (report --show-store):
    a published page should not tell the world the analyst's home folder.
    `title` and `subtitle`: the page's own (report --title, --subtitle);
    `zoom`: value axes fitted to the values, drawn cut (report --zoom)."""
    w = out.write
    _page_head(w, report, store=store, generated_at=generated_at, title=title, subtitle=subtitle)
    _report_sections(w, report)
    _all_targets(w, report)
    _each_target(w, report, zoom)
    w(how_judged())
    w(f"<script>{SCRIPT}</script>\n</body>\n</html>\n")


def _page_head(w, report, *, store, generated_at: str, title, subtitle) -> None:
    """The page's head, its title and the summary: counts, each plan's picture, the downloads."""
    script_hash = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{script_hash}'"
    w(f'<!DOCTYPE html>\n<html lang="{"zh-CN" if i18n.current == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n')
    w(f'<meta http-equiv="Content-Security-Policy" content="{e(csp)}">\n')
    w('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    heading = e(title) if title else e(_("targettrack report, {day}").format(day=prose_date(report.as_of)))
    w(f"<title>{heading}</title>\n<style>{CSS}</style>\n</head>\n<body>\n")
    w(f"<h1>{heading}</h1>\n")
    if subtitle:
        w(f'<p class="subtitle">{e(subtitle)}</p>\n')
    if title:
        w(f'<p class="meta">{e(_("Status as of {day}").format(day=prose_date(report.as_of)))}</p>\n')
    where = " · " + e(_("store {path}").format(path=store)) if store else ""
    w(
        f'<p class="meta">{e(_("Changes since {day}").format(day=prose_date(report.since)))}{where} · '
        f"{e(_('generated {time}').format(time=generated_at))}</p>\n"
    )
    w(f'<section class="summary"><h2>{e(_("{n} targets").format(n=len(report.rows)))}</h2><p>')
    w("".join(f"{badge(s)}<b>{n}</b> " for s, n in report.summary.items()))
    w("</p>\n")
    w(plans_pictures(report.rows))
    w(_downloads(report, generated_at))
    w("</section>\n")


def _report_sections(w, report) -> None:
    # The text report's sections, in its order.
    since = prose_date(report.since)
    _list_section(
        w,
        _("Needs attention"),
        [
            f"{badge(a.status)} {_named(t)}: {e(how_far(t, a))}{e(_('; projected {when}').format(when=projected(t, a)))}"
            for t, a in (f.judged for f in report.attention)
        ],
    )
    _list_section(
        w,
        _("Deadlines within {days} days").format(days=report.within_days),
        [
            f"{badge(a.status)} {_named(t)}: {e(_('{deadline}, {n} days left').format(deadline=t.deadline.label, n=a.days_left))}"
            for t, a in (f.judged for f in report.upcoming)
        ],
    )
    _list_section(
        w,
        _("Status changes since {since}").format(since=since),
        [
            f"{_named(c.target)}: {badge(c.before.status)} → {badge(c.after.status)}"
            + (f" ({e(because(c))})" if because(c) else "")
            for c in report.changes
        ],
    )
    _list_section(
        w,
        _("New values since {since}").format(since=since),
        [
            f"{_named(t)}: {e(o.date.label)} {e(observation_value(t, o))}" + (f" ({e(o.note)})" if o.note else "")
            for t, o in report.new_observations
        ],
    )
    _list_section(
        w,
        _("Achieved since {since}").format(since=since),
        [
            f"{_named(t)}: {e(_('on {day}').format(day=prose_date(a.achieved_date)))}"
            for t, a in (f.judged for f in report.achieved)
        ],
    )


def _all_targets(w, report) -> None:
    """Every target in one table, sortable; cards on a phone."""
    w(f"<h2>{e(_('All targets'))}</h2>\n")
    w(table([target_row(t, a) for t, a in report.rows], lambda target_id: f"#t-{target_id}"))


def _each_target(w, report, zoom: bool) -> None:
    """Each target: its titles, status and reason, sources and picture."""
    w(f"<h2>{e(_('Each target'))}</h2>\n")
    for t, a in report.rows:
        other = t.title if title_of(t) != t.title else t.title_en  # the other language's title, small beside
        w(f'<section class="target" id="t-{e(t.id)}">\n<h3>{zh(title_of(t))} {badge(a.status)}</h3>\n')
        beside = f' · <span class="other-title">{zh(other)}</span>' if other else ""
        w(f'<div><span class="id">{e(t.id)}</span>{beside}</div>\n')
        w(f"<div>{zh(a.reason)}</div>\n")
        w(sources(t))
        w(picture(t, a, zoom))
        w("</section>\n")


def sources(t: Target) -> str:
    """The target's document (linked, with its publisher and date), its words, and where its values come from."""
    src, items = t.source, []
    if src.document or src.url:
        name = zh(src.document or src.url)
        if src.url and src.url.lower().startswith(("https://", "http://")):
            name = f'<a href="{e(src.url)}" rel="noopener noreferrer">{name}</a>'
        said = ", ".join(zh(x) for x in (src.publisher, src.date) if x)
        items.append(f"{e(_('Source:'))} {name}" + (f" ({said})" if said else ""))
    if src.quote:
        items.append(f"“{zh(src.quote)}”")
    by_source: dict[str, list[str]] = {}
    for o in t.observations:
        if o.source:
            by_source.setdefault(o.source, []).append(o.date.label)
    for name, periods in by_source.items():
        shown = periods[0] if len(periods) == 1 else f"{periods[0]}–{periods[-1]}"
        items.append(e(_("Values ({periods}):").format(periods=shown)) + " " + zh(name))
    return ('<ul class="tight sources">' + "".join(f"<li>{x}</li>" for x in items) + "</ul>\n") if items else ""


def plans_pictures(rows) -> str:
    """Where each plan stands: a bar of its targets' statuses, with counts (as Open SDG's goal tiles)."""
    plans: dict[str, dict[str, int]] = {}
    for t, a in rows:
        counts = plans.setdefault(t.plan or "", {})
        counts[a.status] = counts.get(a.status, 0) + 1
    if not plans or list(plans) == [""]:
        return ""
    shown = "".join(
        plan_bar(zh(p) if p else e(_("(no plan)")), plans[p]) for p in sorted(plans, key=lambda p: (p == "", p))
    )
    return f'<div class="plans">{shown}</div>\n'


def plan_bar(name: str, counts: dict[str, int], href: str | None = None) -> str:
    """One plan's picture: its name (HTML, linked to `href` if given), a bar of its statuses and their counts."""
    from ..judge.statuses import STATUSES

    n = sum(counts.values())
    bar = "".join(
        f'<span class="seg" style="width:{100 * counts[s] / n:.2f}%;background:{STATUS_COLOUR[s]}" '
        f'title="{e(_(s))}: {counts[s]}"></span>'
        for s in STATUSES
        if s in counts
    )
    said = ", ".join(f"{e(_(s))} {counts[s]}" for s in STATUSES if s in counts)
    name = f'<a href="{e(href)}">{name}</a>' if href else name
    return (
        f'<div class="plan"><div><b>{name}</b> · {e(_("{n} targets").format(n=n))}</div>'
        f'<div class="bar" role="img" aria-label="{said}">{bar}</div><div class="meta">{said}</div></div>'
    )


def _downloads(report, generated_at: str) -> str:
    """The page's own data, as CSV and JSON in the page itself (data: links: nothing to fetch, nothing beside it)."""
    import io
    from urllib.parse import quote

    from . import report_renderer

    links = []
    for fmt, mime in (("csv", "text/csv"), ("json", "application/json")):
        buf = io.StringIO()
        report_renderer(fmt)(report, buf, store=None, generated_at=generated_at)
        href = f"data:{mime};charset=utf-8,{quote(buf.getvalue(), safe='')}"
        links.append(f'<a download="targets-{report.as_of.isoformat()}.{fmt}" href="{href}">{fmt.upper()}</a>')
    return f'<p class="downloads">{e(_("Download these data:"))} {" · ".join(links)}</p>\n'


HOW_JUDGED = (  # docs/statuses.md, "How status is decided", in short
    N_(
        "A target with a path, from a base value to a target value by a deadline, is judged at its latest value: "
        "the progress made (from the base towards the target) is set against the progress the straight line from "
        "base to target expects by the end of that value's period. Their ratio R gives the status, in the bands "
        "Eurostat uses (unless the store's settings set others): on track at R ≥ 0.95, at risk from 0.60, off track from 0, regressing below 0."
    ),
    N_(
        "Achieved: a value reached the target by the deadline. Missed: the deadline's value fell short. Awaiting "
        "data: the deadline has passed and its period's value is not yet recorded (statistics come out months "
        "later). No data: no value to judge by. A cap or a floor is within or breached by its latest value; a "
        "milestone is achieved, pending or missed."
    ),
    N_(
        "The projection is the straight-line trend of the values recorded, carried to the deadline. Every "
        "figure on this page comes from the values recorded and can be checked with 'targettrack show ID'."
    ),
)


def how_judged() -> str:
    return (
        f'<section class="method"><h2>{e(_("How statuses are judged"))}</h2>'
        + "".join(f"<p>{e(_(text))}</p>" for text in HOW_JUDGED)
        + "</section>\n"
    )


def picture(t: Target, a: Assessment, zoom: bool = False) -> str:
    """A chart where there are values to draw; a milestone as a dated mark;
    for a target with no value yet, a sentence, not an empty chart."""
    if t.spec.boolean:
        deadline = e(_("due {deadline}").format(deadline=t.deadline.label) if t.deadline else _("no deadline"))
        if a.achieved_date:
            return (
                f'<p class="mark"><span class="done">✓ {e(_("done"))}</span> '
                f"{e(_('on {day}').format(day=prose_date(a.achieved_date)))} ({deadline})</p>\n"
            )
        return (
            f'<p class="mark"><span class="open">○ {e(_("not done"))}</span> '
            f"{e(_('as of {day}').format(day=prose_date(a.as_of)))} ({deadline})</p>\n"
        )
    c = chart_data(t, a, zoom)
    if c is None or not c.points:
        goal = target_cell(t) + (_(" by {deadline}").format(deadline=t.deadline.label) if t.deadline else "")
        return f'<p class="chart-text">{e(_("No values recorded yet; target {goal}.").format(goal=goal))}</p>\n'
    unit = t.measured_unit
    return (
        f'<figure class="chart">{svg_chart(c, _("{title}: trajectory").format(title=title_of(t)), unit)}{legend(c)}'
        f"<figcaption>{e(describe_chart(t, a, c))}</figcaption></figure>\n"
    )
