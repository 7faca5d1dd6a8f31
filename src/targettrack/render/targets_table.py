"""The table of targets an HTML page holds: the report's "All targets" and
a site's plan page. A row a target, sortable by any column (the page's
script), a card a target on a phone (report_html's CSS).

A row is drawn from a TargetRow, the words and sort keys of one target in
the reader's language, so that a site draws a plan's table again from its
manifest without judging its targets again.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from ..judge.assessment import Assessment
from ..model.target import Target
from ..util.i18n import N_, _
from .cells import current_cell, progress_cell, target_cell, title_of
from .chart_svg import badge, e, zh
from .report_common import projected


class TargetRow(NamedTuple):
    id: str
    title: str  # in the reader's language
    other: str  # the other language's title, or ""
    plan: str  # "" for none
    status: str
    progress: str
    progress_key: str  # for sorting: the ratio to 4 places (as the JSON record has it), or ""
    current: str
    target: str
    deadline: str
    deadline_key: str  # ISO, or "9999" for none
    projected: str


def target_row(t: Target, a: Assessment) -> TargetRow:
    title = title_of(t)
    ratio = None if a.progress is None or not math.isfinite(float(a.progress)) else round(float(a.progress), 4)
    return TargetRow(
        t.id,
        title,
        t.title if title != t.title else (t.title_en or ""),
        t.plan or "",
        a.status,
        progress_cell(t, a),
        "" if ratio is None else str(ratio),
        current_cell(t, a),
        target_cell(t),
        t.deadline.label if t.deadline else "-",
        t.deadline.last.isoformat() if t.deadline else "9999",
        projected(t, a),
    )


HEADS = (
    N_("Target"),
    N_("Status"),
    N_("Progress"),
    N_("Current"),
    N_("Target value"),
    N_("Deadline"),
    N_("Projected"),
)


def table(rows, link) -> str:
    """The table of `rows` (TargetRows), each title linked to `link(target id)`."""
    heads = [_(h) for h in HEADS]
    out = ['<div class="table-box"><table class="sortable">\n<thead><tr>']
    out.extend(f'<th data-sort scope="col">{e(h)}</th>' for h in heads)
    out.append("</tr></thead>\n<tbody>\n")
    label = [f' data-label="{e(h)}"' for h in heads]  # a card's labels on a phone (CSS)
    for r in rows:
        out.append(
            f'<tr><td><a href="{e(link(r.id))}">{zh(r.title)}</a><br><span class="id">{e(r.id)}</span></td>'
            f'<td data-key="{e(r.status)}">{badge(r.status)}</td>'
            f'<td class="num"{label[2]} data-key="{e(r.progress_key)}">{e(r.progress)}</td>'
            f'<td class="num"{label[3]}>{e(r.current)}</td><td class="num"{label[4]}>{e(r.target)}</td>'
            f'<td{label[5]} data-key="{e(r.deadline_key)}">{e(r.deadline)}</td><td{label[6]}>{e(r.projected)}</td></tr>\n'
        )
    out.append("</tbody></table></div>\n")
    return "".join(out)
