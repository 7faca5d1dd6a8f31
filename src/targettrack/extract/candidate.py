"""What extract proposes (a Candidate), and a sentence with its place in the
document (a Segment)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..model.dates import Period


@dataclass(slots=True)
class Candidate:
    title: str
    kind: str
    value: Decimal | None
    unit: str
    deadline: Period | None
    quote: str
    line: int
    file: str
    plan: str | None = None
    observation: bool = False  # a fact about the past, not a target
    observed: Period | None = None  # its date, for an observation
    review: list[str] = field(default_factory=list)
    why_kind: str = ""
    why_deadline: str = ""
    number: str = ""  # the words of the quantity, as quoted
    id: str = ""
    for_target: str | None = None  # an observation's matching target id
    # A target of another form than a level (the indicators issue): a change
    # from a base period (比2020年下降13.5%, "cut by 43% compared to 2005"),
    # an average growth rate (年均增长7%), or a bound on each period's value
    # ("40 TWh a year").
    form: str | None = None  # "change" or "growth"
    change: str | None = None  # relative, absolute or points
    baseline_date: Period | None = None
    each: str | None = None
    qualifier: str | None = None  # the words around the number: 以上, 左右, at least (qualifiers.around)
    approx: bool = False
    at_deadline: bool = False  # a flow stated for its year (2025年货物贸易额4万亿元)


@dataclass(slots=True)
class Segment:
    text: str
    line: int
    start: int  # offset in the original line, for highlighting
    inherited: Period | None
    inherited_why: str
    heading: str | None
    paragraph: str = ""  # the whole line it came from
