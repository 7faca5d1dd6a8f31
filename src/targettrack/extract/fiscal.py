"""Fiscal years end where the country's do: Japan's fiscal 2030 runs from
April 2030 to March 2031, India's FY2030 ends in March 2030, the United
States' in September 2030, Australia's in June 2030; a British year written
2037-38 ends in March 2038. A sentence rarely says whose year it is, so the
country is the one the document names most (Japan in a report from Tokyo).
Where it names none, or two as often, the calendar year is kept and the
proposal says to check it."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..model.dates import parse_period
from .candidate import Candidate


class Calendar(NamedTuple):
    country: str
    names: re.Pattern
    last_month: int  # the month its fiscal year ends in
    named_by_start: bool  # "fiscal 2030" is the year that starts in 2030 (Japan), not the one that ends in it


# A country is named by its name, its capital, its currency or an institution
# only it has (a Japanese news report need not say "Japan": its Ministry of
# Economy, Trade and Industry does).
_JAPAN = r"\bJapan(?:ese)?\b|\bTokyo\b|\byen\b|\bMETI\b|Ministry of Economy, Trade and Industry|\bthe Diet\b"
_UK = r"\bUK\b|\bU\.K\.|\bBritain\b|\bBritish\b|\bEngland\b|\bWales\b|\bWhitehall\b|\bOfwat\b|\bNHS\b"
CALENDARS = (
    Calendar("Japan", re.compile(_JAPAN), 3, True),
    Calendar("India", re.compile(r"\bIndian?\b|\bNew Delhi\b|\bcrores?\b|\blakhs?\b|\brupees?\b"), 3, False),
    Calendar("the United Kingdom", re.compile(_UK), 3, True),
    Calendar("Canada", re.compile(r"\bCanad(?:a|ian)\b|\bOttawa\b"), 3, False),
    Calendar("Australia", re.compile(r"\bAustralian?\b|\bCanberra\b"), 6, False),
    Calendar("New Zealand", re.compile(r"\bNew Zealand\b|\bWellington\b"), 6, False),
    Calendar("the United States", re.compile(r"\bUnited States\b|\bU\.S\.(?!\s+Embassy)|\bUSA\b"), 9, False),
)
FISCAL = "by fiscal "  # deadline.py's reading of "by fiscal 2030", "by FY2030"
SPLIT = "by the year ending "  # and of "by 2037-38"


def calendar_of(text: str) -> Calendar | None:
    """The fiscal calendar of the country the text names most (None: none, or a tie)."""
    counts = sorted(((len(c.names.findall(text)), c) for c in CALENDARS), key=lambda nc: -nc[0])
    if not counts[0][0] or counts[0][0] == counts[1][0]:
        return None
    return counts[0][1]


def place(c: Candidate, calendar: Calendar | None) -> None:
    """Move a deadline read as a fiscal year, or a split year, to where that year ends."""
    if c.deadline is None or not c.why_deadline.startswith((FISCAL, SPLIT)):
        return
    year = int(c.deadline.label[:4])
    if calendar is None:
        c.review.append("a fiscal year, whose country the document does not say: the calendar year is taken")
        return
    if c.why_deadline.startswith(FISCAL) and calendar.named_by_start:
        year += 1
    c.deadline = parse_period(f"{year}-{calendar.last_month:02d}")
    c.why_deadline += f" ({calendar.country}'s fiscal year ends in {_MONTHS[calendar.last_month]})"


_MONTHS = {3: "March", 6: "June", 9: "September"}
