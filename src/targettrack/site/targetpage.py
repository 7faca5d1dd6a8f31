"""A target's page: its titles, status and why, the facts `show` gives,
its chart, its values with their sources and the status each left it at,
the runs of its status, its document, and its data as CSV and JSON."""

from __future__ import annotations

from ..judge.assessment import Assessment
from ..judge.trail import Step, runs
from ..model.target import Target
from ..render.cells import title_of
from ..render.chart_svg import badge, e, zh
from ..render.detail import lines
from ..render.report_common import observation_value
from ..render.report_html import picture, sources
from ..util import i18n
from ..util.i18n import N_, _, p_, prose_date
from . import paths
from .pages import Site, downloads, foot, head

# What `show` says that the page shows elsewhere (titles, status, plan, the document) is left out of its facts.
SHOWN_ELSEWHERE = {
    "title",
    "in English",
    "status",
    "plan",
    "source",
    "publisher",
    "source date",
    "url",
    "quote",
    "source note",
    "added by",
    "edited by",
}


def page(t: Target, a: Assessment, trail: list[Step], site: Site) -> str:
    lang = i18n.current
    here = paths.target_page(lang, t.id)
    slug = paths.plan_slug(t.plan)
    plan_name = zh(t.plan) if t.plan else e(_("(no plan)"))
    crumbs = [
        (paths.link(here, paths.index_page(lang)), e(_("All plans"))),
        (paths.link(here, paths.plan_page(lang, slug)), plan_name),
    ]
    title = title_of(t)
    out = [head(here, title, site, crumbs=crumbs)]
    out.append(f"<h1>{zh(title)} {badge(a.status)}</h1>\n")
    other = t.title if title != t.title else t.title_en  # the other language's title, small beside
    beside = f' · <span class="other-title">{zh(other)}</span>' if other else ""
    binding = f' · <span class="id">{e(_("binding"))}</span>' if t.binding else ""
    out.append(f'<div><span class="id">{e(t.id)}</span>{beside}{binding}</div>\n')
    out.append(
        f'<p class="reason">{zh(a.reason)} <span class="meta">({e(_("as of {day}").format(day=prose_date(a.as_of)))})</span></p>\n'
    )
    out.append(_facts(t, a))
    out.append(picture(t, a, site.zoom))
    out.append(_values(t, trail))
    out.append(_history(trail, a))
    out.append(f"<h2>{e(_('Source'))}</h2>\n" + (sources(t) or f"<p>{e(_('None recorded.'))}</p>\n"))
    out.append(
        downloads(
            here, [(paths.target_data(t.id, "csv"), _("values (CSV)")), (paths.target_data(t.id, "json"), "JSON")]
        )
    )
    out.append(foot(here))
    return "".join(out)


def _facts(t: Target, a: Assessment) -> str:
    shown = [(k, v) for k, v in lines(t, a) if k not in SHOWN_ELSEWHERE]
    return '<dl class="facts">' + "".join(f"<dt>{e(p_('show', k))}</dt><dd>{zh(v)}</dd>" for k, v in shown) + "</dl>\n"


VALUE_HEADS = (N_("Period"), N_("Value"), N_("Status then"), N_("Source"), N_("Note"), N_("Recorded"))


def _values(t: Target, trail: list[Step]) -> str:
    """Every value in effect, oldest first, with its source and the status it left the target at."""
    title = f"<h2>{e(_('Values ({n})').format(n=len(trail)))}</h2>\n"
    if not trail:
        return title + f"<p>{e(_('None recorded yet.'))}</p>\n"
    heads = [_(h) for h in VALUE_HEADS]
    label = [f' data-label="{e(h)}"' for h in heads]
    out = [title, '<div class="table-box"><table class="sortable">\n<thead><tr>']
    out.extend(f'<th data-sort scope="col">{e(h)}</th>' for h in heads)
    out.append("</tr></thead>\n<tbody>\n")
    for o, status in trail:
        out.append(
            f'<tr><td data-key="{o.date.last.isoformat()}">{e(o.date.label)}</td>'
            f'<td class="num"{label[1]}>{e(observation_value(t, o))}</td>'
            f'<td{label[2]} data-key="{e(status)}">{badge(status)}</td>'
            f"<td{label[3]}>{zh(o.source or '')}</td><td{label[4]}>{zh(o.note or '')}</td>"
            f"<td{label[5]}>{e((o.recorded_at or '')[:10])}</td></tr>\n"
        )
    out.append("</tbody></table></div>\n")
    return "".join(out)


def _history(trail: list[Step], a: Assessment) -> str:
    """The runs of one status, as its values left it, and where it stands today."""
    items = [
        (e(first.date.label) if first is last else e(f"{first.date.label}–{last.date.label}")) + f": {badge(status)}"
        for first, last, status in runs(trail)
    ]
    items.append(e(_("as of {day}").format(day=prose_date(a.as_of))) + f": {badge(a.status)}")
    return (
        f"<h2>{e(_('History of status'))}</h2>\n"
        f'<p class="meta">{e(_("Each value judged at the end of its period, with the values up to it."))}</p>\n'
        '<ul class="tight">' + "".join(f"<li>{x}</li>" for x in items) + "</ul>\n"
    )
