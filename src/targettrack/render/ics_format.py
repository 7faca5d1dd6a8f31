"""`export --format ics`: one all-day event per deadline, for calendar programs.

The icalendar library does the escaping and the 75-octet line folding
(which must not split a UTF-8 character), which are easy to get wrong by hand.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from ..judge.assessment import Assessment
from ..model.target import Target
from .cells import current_cell, target_cell


def calendar(rows: list[tuple[Target, Assessment]], generated_at: str) -> str:
    from icalendar import Calendar, Event

    stamp = datetime.strptime(generated_at[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)
    cal = Calendar()
    cal.add("prodid", "-//targettrack//targettrack//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "targettrack deadlines")
    for t, a in sorted(rows, key=lambda ta: (ta[0].deadline.last, ta[0].id)):
        e = Event()
        e.add("uid", f"{t.id}@targettrack")  # stable: re-importing updates the event
        e.add("dtstamp", stamp)
        e.add("dtstart", t.deadline.last)
        if t.deadline.last < date.max:  # without DTEND an all-day event is one day (RFC 5545 3.6.1)
            e.add("dtend", t.deadline.last + timedelta(days=1))
        e.add("summary", f"{t.title} ({t.id})")
        lines = [
            f"Target: {target_cell(t)} by {t.deadline.label}",
            f"Status as of {a.as_of}: {a.status} ({a.reason})",
            f"Current: {current_cell(t, a)}",
        ]
        src = t.source
        if src.document:
            lines.append(f"Source: {src.document}")
        if src.quote:
            lines.append(f"Quote: {src.quote}")
        if src.url:
            lines.append(f"URL: {src.url}")
            url = "".join(src.url.split())  # a URI holds no white space; a line break would end the property
            if url:
                e.add("url", url)
        e.add("description", "\n".join(lines))
        e.add("categories", ["targettrack", a.status] + list(t.tags))
        cal.add_component(e)
    return cal.to_ical().decode("utf-8")
