"""`report --format markdown`: for publishing. Every value from the store is
escaped, so a title cannot become a link, a heading, HTML or a table cell."""

from __future__ import annotations

import re

from ..report.summary import labelled
from ..util.textwidth import safe

# Enough to stop links, images, emphasis, code, HTML, headings and cell breaks.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&])")


def md(text) -> str:
    return _SPECIAL.sub(r"\\\1", " ".join(safe(str(text)).split()))


def _table(out, title: str, header: tuple[str, ...], *, rows: list[tuple], limit: int | None = None) -> None:
    out.write(f"\n## {title} ({len(rows)})\n\n")
    if not rows:
        out.write("None.\n")
        return
    more = len(rows) - limit if limit and len(rows) > limit else 0
    out.write("| " + " | ".join(header) + " |\n")
    out.write("|" + "---|" * len(header) + "\n")
    for r in rows[: len(rows) - more]:
        out.write("| " + " | ".join(md(c) for c in r) + " |\n")
    if more:
        out.write(f"\n… and {more} more (--limit)\n")


def render(
    report, out, *, store: str | None, generated_at: str, git: dict | None = None, limit: int | None = None
) -> None:
    """`report`: a summary.Report. `store` only when asked (report --show-store):
    a published page should not tell the world the analyst's home folder."""
    summary = ", ".join(f"{s} {n}" for s, n in report.summary.items()) or "none"
    out.write(f"# targettrack report, {report.as_of}\n\n")
    where = f" Store: `{md(store)}`." if store else ""
    out.write(f"Changes since {report.since}.{where} Generated {generated_at}.\n\n")
    from . import provenance_lines

    for line in provenance_lines(report.recorded, report.as_of, git):
        out.write(md(line[:1].upper() + line[1:]) + ".\n\n")
    out.write(f"**{len(report.statuses)} targets**: {md(summary)}\n")
    _table(
        out,
        "Needs attention",
        ("Target", "Status", "Projected", "Where it stands"),
        rows=[(f"{f.id}: {f.title}", labelled(f.status, f.binding), f.projected, f.how_far) for f in report.attention],
        limit=limit,
    )
    _table(
        out,
        f"Deadlines within {report.within_days} days",
        ("Target", "Deadline", "Days left", "Status"),
        rows=[(f"{f.id}: {f.title}", f.deadline, f.days_left, labelled(f.status, f.binding)) for f in report.upcoming],
        limit=limit,
    )
    if report.changes or report.new_observations:  # targets, judged in full (light to import without: report_text)
        from .cells import title_of
        from .report_common import because, observation_value
    _table(
        out,
        f"Status changes since {report.since}",
        ("Target", "From", "To", "Because"),
        rows=[
            (f"{c.target.id}: {title_of(c.target)}", c.before.status, c.after.status, because(c) or "-")
            for c in report.changes
        ],
        limit=limit,
    )
    _table(
        out,
        f"New values since {report.since}",
        ("Target", "Date", "Value", "By", "Note"),
        rows=[
            (t.id, o.date.label, observation_value(t, o), o.recorded_by or "", o.note or "")
            for t, o in report.new_observations
        ],
        limit=limit,
    )
    _table(
        out,
        f"Achieved since {report.since}",
        ("Target", "On"),
        rows=[(f"{f.id}: {f.title}", f.achieved_date.isoformat()) for f in report.achieved],
        limit=limit,
    )
