"""How sure a proposal's reading is: 1 for a reading nothing casts doubt on,
times the share of proposals right among those with each doubt it has.

Each share was measured on the shared corpus of real documents
(../shared/extract-corpus, 128 proposals `--format json` made of 35
documents on 2026-12-08: right as its score.py judges them), smoothed as
(right + 1) / (proposals + 2) so that a handful of cases cannot make a
doubt certain either way; the counts are beside each. A doubt the corpus
has no case of takes the share of the nearest one, and says so. These are
shares on tuning text, not a promise: the review table puts the doubtful
first and `--min-confidence` keeps the sure ones, and a person still reads
what is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..model.kinds import KIND
from .candidate import Candidate
from .clause import NO_DIRECTION_WORD


class Doubt(NamedTuple):
    why: str  # what the note says
    share: float  # of proposals with this doubt, the share that was right
    has: Callable[[Candidate], bool]


def _noted(start: str) -> Callable[[Candidate], bool]:
    return lambda c: any(note.startswith(start) for note in c.review)


def _from_another_sentence(c: Candidate) -> bool:
    return c.why_deadline.startswith(("the same paragraph", "the paragraph opens")) or _noted(
        "the deadline comes from another sentence"
    )(c)


def _undated_bound(c: Candidate) -> bool:
    return c.deadline is None and not KIND[c.kind].needs_deadline and c.why_kind != "最高"


DOUBTS = (
    # 21 of 37 right: in English, mostly a figure about the past or a forecast
    Doubt("its kind is from no direction word", 0.56, lambda c: c.why_kind == NO_DIRECTION_WORD),
    # 0 of 8: a government work report's 今年 targets, dated by nothing in the text (--year
    # dates them), and English "up to" figures; a subsidy's 最高 (4 of 4 right) is a standing rule
    Doubt("no date, for a kind that may have none", 0.1, _undated_bound),
    # 3 of 7: a heading's year over items that are plans, not targets
    Doubt("its deadline is a heading's", 0.44, lambda c: c.why_deadline.startswith("the heading")),
    # 11 of 15
    Doubt("its deadline is another sentence's", 0.71, _from_another_sentence),
    # 0 of 2
    Doubt("a rate or a change read as a level", 0.25, _noted("a rate or a change")),
    # 1 of 30 (listed only with --undated): import refuses them until a deadline is given
    Doubt("no deadline found", 0.06, lambda c: c.deadline is None and KIND[c.kind].needs_deadline),
    # No case in the corpus: the share of a deadline taken from another sentence.
    Doubt("its deadline is counted from an unstated start", 0.71, _noted("the deadline is given as a number of years")),
    Doubt("its deadline is counted from the document's year", 0.71, _noted("the deadline is counted from")),
    Doubt("a fiscal year of no named country", 0.71, _noted("a fiscal year, whose country")),
    # No case in the corpus: an approximate number (余/多) is still the plan's number.
    Doubt("an approximate number", 0.71, _noted("an approximate number")),
    Doubt("reported as already reached", 0.36, _noted("reported as already reached")),
)


def confidence(c: Candidate) -> tuple[float, list[str]]:
    """The proposal's confidence (0 to 1, two decimals) and the doubts that lowered it."""
    sure, why = 1.0, []
    for doubt in DOUBTS:
        if doubt.has(c):
            sure *= doubt.share
            why.append(doubt.why)
    return round(sure, 2), why


def at_least(cands: list[Candidate], least: float) -> tuple[list[Candidate], list[Candidate]]:
    """(the proposals at least `least` sure, with their observations; the targets less sure), in order."""
    unsure = [c for c in cands if not c.observation and confidence(c)[0] < least]
    gone, left = {c.id for c in unsure}, {id(c) for c in unsure}
    return [c for c in cands if id(c) not in left and not (c.observation and c.for_target in gone)], unsure


def doubtful_first(cands: list[Candidate]) -> list[Candidate]:
    """The proposals, the least sure first (in the text's order where equally sure)."""
    return sorted(cands, key=lambda c: confidence(c)[0])


def said(c: Candidate) -> str:
    """The confidence as the source note says it: 'confidence 0.56 (its kind is from no direction word)'."""
    sure, why = confidence(c)
    return f"confidence {sure:.2f}" + (f" ({'; '.join(why)})" if why else "")
