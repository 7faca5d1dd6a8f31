"""Facts about the past a sentence states (在2023年, 去年, last year): the
values of a text, kept apart from its targets, with the date they are for."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model.dates import Period, parse_period
from ..util.errors import InputError
from .candidate import Candidate
from .titles import title_after, title_before


@lru_cache(maxsize=16)  # once per sentence, however many facts it states
def observed_when(text: str, year: int | None) -> Period | None:
    """The date a fact about the past refers to: 2023年, 2023年6月, 今年1—9月, 去年."""
    m = re.search(r"(\d{4})年(\d{1,2}月)?(底|末)?", text)
    try:
        if m:
            return parse_period(m.group(0))
        if year:
            m = re.search(r"今年(?:(\d{1,2})[—–-])?(\d{1,2})月", text)
            if m:
                return parse_period(f"{year}-{int(m[2]):02d}")
            if "去年" in text or "last year" in text.lower():
                return parse_period(str(year - 1))
            if "今年" in text or "this year" in text.lower():
                return parse_period(str(year))
    except InputError:
        return None
    return None


def observation(clause, before, after, *, q, text, seg, file, cue, year, quote) -> Candidate:
    """A number stated as a fact about the past (cue: the words that say so): a value, not a target."""
    obs_date = observed_when(text, year)
    title = title_before(before) or title_after(after)
    return Candidate(
        title,
        "increase",
        q.value,
        q.unit,
        None,
        quote,
        seg.line,
        file,
        observation=True,
        observed=obs_date,
        why_kind=f"a fact about the past: '{cue}'",
        number=q.words,
    )
