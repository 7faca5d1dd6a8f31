"""The site's pages but a target's own: the frame every page has (head,
header with the language switch, footer), the root's choice of language,
each language's index (plans, search, downloads, how statuses are judged)
and a plan's page (its picture and the table of its targets).

Every page is drawn in i18n's current language (build sets it); values
from the store go through e() or zh(), as in the report.
"""

from __future__ import annotations

from typing import NamedTuple

from .. import __version__
from ..judge.statuses import STATUSES
from ..render.chart_svg import badge, e, zh
from ..render.report_html import how_judged, plan_bar
from ..render.targets_table import TargetRow as Row
from ..render.targets_table import table
from ..util import i18n
from ..util.i18n import N_, _, prose_date
from . import paths

CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src data:; script-src 'self'"


class Site(NamedTuple):
    title: str | None  # --title: the site's name (default: the words of DEFAULT_TITLE)
    subtitle: str | None
    as_of: object  # the day every target is judged as of
    zoom: bool


DEFAULT_TITLE = N_("Where the targets stand")


def site_title(site: Site) -> str:
    return site.title or _(DEFAULT_TITLE)


def head(
    page: str, title: str, site: Site, *, crumbs: list[tuple[str, str]] = (), scripts: tuple[str, ...] = ()
) -> str:
    """The start of `page` up to its first heading: head, site header with
    the language switch, and the crumbs (link, words) back to the index."""
    lang = i18n.current
    other = next(x for x in paths.LANGS if x != lang)
    name = site_title(site)
    parts = [
        f'<!DOCTYPE html>\n<html lang="{paths.HTML_LANG[lang]}">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{e(title)}{' · ' + e(name) if title != name else ''}</title>\n",
        f'<link rel="stylesheet" href="{paths.link(page, paths.STYLE)}">\n',
        f'<link rel="alternate" hreflang="{paths.HTML_LANG[other]}" href="{paths.link(page, paths.in_language(page, other))}">\n',
        "</head>\n<body>\n",
        f'<header class="site"><nav><a href="{paths.link(page, paths.index_page(lang))}"><b>{e(name)}</b></a></nav>',
        f'<span class="switch"><a href="{paths.link(page, paths.in_language(page, other))}" '
        f'hreflang="{paths.HTML_LANG[other]}" lang="{paths.HTML_LANG[other]}">{paths.LANG_NAMES[other]}</a></span></header>\n',
    ]
    if crumbs:
        parts.append(
            '<p class="crumbs">' + " › ".join(f'<a href="{e(href)}">{words}</a>' for href, words in crumbs) + "</p>\n"
        )
    parts.extend(f'<script src="{e(paths.link(page, s))}"></script>\n' for s in scripts)
    return "".join(parts)


def foot(page: str, *, scripts: tuple[str, ...] = ()) -> str:
    loaded = "".join(f'<script src="{e(paths.link(page, s))}"></script>\n' for s in scripts)
    return (
        f'<footer class="site">{e(_("Made with targettrack {version}.").format(version=__version__))}</footer>\n'
        f'{loaded}<script src="{paths.link(page, paths.SCRIPT)}"></script>\n</body>\n</html>\n'
    )


def downloads(page: str, files: list[tuple[str, str]]) -> str:
    """Links to the page's data (files beside it: (path, label))."""
    links = " · ".join(f'<a href="{e(paths.link(page, path))}" download>{e(label)}</a>' for path, label in files)
    return f'<p class="downloads">{e(_("Download these data:"))} {links}</p>\n'


def root_index(site: Site) -> str:
    """The site's root: a choice of language (and the English index's address for a reader who has no choice)."""
    links = "".join(
        f'<li><a href="{paths.index_page(lang)}" hreflang="{paths.HTML_LANG[lang]}" lang="{paths.HTML_LANG[lang]}">'
        f"{paths.LANG_NAMES[lang]}</a></li>"
        for lang in paths.LANGS
    )
    title = e(site.title or "targettrack")
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
        f'<link rel="stylesheet" href="{paths.STYLE}">\n</head>\n<body>\n<h1>{title}</h1>\n<ul>{links}</ul>\n</body>\n</html>\n'
    )


def counts_of(rows) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.status] = counts.get(r.status, 0) + 1
    return counts


def index(site: Site, plans: list[tuple[str, str, list[Row]]]) -> str:
    """A language's index: every plan's picture (slug, name, rows), the search, the downloads, the method."""
    page = paths.index_page(i18n.current)
    rows = [r for _slug, _name, members in plans for r in members]
    name = site_title(site)
    out = [head(page, name, site)]
    out.append(f"<h1>{e(name)}</h1>\n")
    if site.subtitle:
        out.append(f'<p class="subtitle">{e(site.subtitle)}</p>\n')
    out.append(f'<p class="meta">{e(_("Status as of {day}").format(day=prose_date(site.as_of)))}</p>\n')
    counts = counts_of(rows)
    out.append(f'<section class="summary"><h2>{e(_("{n} targets").format(n=len(rows)))}</h2><p>')
    out.append("".join(f"{badge(s)}<b>{counts[s]}</b> " for s in STATUSES if s in counts) + "</p>\n</section>\n")
    out.append(
        f'<section><h2>{e(_("Search"))}</h2><form class="search" role="search" action="index.html">'
        f'<label for="q">{e(_("Find a target by its id or title:"))}</label><br>'
        f'<input id="q" name="q" type="search" autocomplete="off"></form>\n'
        f'<p class="meta" id="hits-said" aria-live="polite"></p><ul class="hits" id="hits"></ul>'
        f'<noscript><p class="meta">{e(_("The search needs scripts; every target is on its plan page below."))}</p></noscript></section>\n'
    )
    out.append(f'<section class="plans"><h2>{e(_("Plans ({n})").format(n=len(plans)))}</h2>\n')
    for slug, plan, members in plans:
        label = zh(plan) if plan else e(_("(no plan)"))
        out.append(plan_bar(label, counts_of(members), paths.link(page, paths.plan_page(i18n.current, slug))) + "\n")
    out.append("</section>\n")
    out.append(
        downloads(
            page,
            [
                (paths.all_data("csv"), "CSV"),
                (paths.all_data("json"), "JSON"),
                (paths.search_data(i18n.current, "json"), _("search index (JSON)")),
            ],
        )
    )
    out.append(how_judged())
    out.append(foot(page, scripts=(paths.search_data(i18n.current, "js"),)))
    return "".join(out)


def targets_table(page: str, rows: list[Row]) -> str:
    """The targets of a plan, each linked to its page (render/targets_table.py)."""
    return table(rows, lambda target_id: paths.link(page, paths.target_page(i18n.current, target_id)))


def plan(site: Site, slug: str, name: str, rows: list[Row]) -> str:
    """A plan's page: its picture, its targets' table, its data."""
    lang = i18n.current
    page = paths.plan_page(lang, slug)
    shown = name or _("(no plan)")
    out = [head(page, shown, site, crumbs=[(paths.link(page, paths.index_page(lang)), e(_("All plans")))])]
    out.append(f"<h1>{zh(shown)}</h1>\n")
    out.append(f'<p class="meta">{e(_("Status as of {day}").format(day=prose_date(site.as_of)))}</p>\n')
    out.append('<div class="plans">' + plan_bar(zh(shown), counts_of(rows)) + "</div>\n")
    out.append(f"<h2>{e(_('Targets ({n})').format(n=len(rows)))}</h2>\n")
    out.append(targets_table(page, rows))
    out.append(downloads(page, [(paths.plan_data(slug, "csv"), "CSV"), (paths.plan_data(slug, "json"), "JSON")]))
    out.append(foot(page))
    return "".join(out)
