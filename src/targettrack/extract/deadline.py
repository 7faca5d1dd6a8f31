"""Deadlines as a text states them (到2025年, “十四五”期间, by 2030, a target
for 2030, 用三年时间 with --year), and the one that belongs to a number."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from ..model.dates import Period, parse_period
from ..util.errors import InputError
from .vocabulary import count_word

_DEADLINE_PATTERNS = [
    (re.compile(r"(?:到|至|在|于)?(\d{4})年(?:年?底|年?末)?(?:前|以前|之前)"), "before {0}"),  # 2025年年底前
    (
        re.compile(
            r"(?<![自从]\d{4}年)(?<![自从]\d{4}年\d月\d日)(?<![自从]\d{4}年\d{2}月\d{2}日)(?<![自从]\d{4}年\d月\d{2}日)"
            r"(?<![自从]\d{4}年\d{2}月\d日)(?<!截)(?<!截止)(?:到|至)(\d{4})年(?:底|末)?"
        ),
        "到{0}年",
    ),
    # 截至2020年底 dates a fact already reached (observed.py), not a deadline
    (re.compile(r"(?<!截至)(?<!截止)(?<!截止到)(\d{4})年(?:年?底|年?末)(?:前)?"), "{0}年底"),
    (re.compile(r"(?:力争|争取|确保|计划|预计|预期|目标是)(?:在|到|于)?(\d{4})年"), "力争{0}年"),
    (
        re.compile(r"(\d{4})年(?:的)?(?:具体|主要|发展|总体|阶段性|预期|远景){0,2}目标"),
        "{0}年目标",
    ),  # 2025年主要预期目标
    (re.compile(r"(\d{4})年(?:度)?(?:工作要点|工作计划|工作安排|重点工作|重点任务)"), "{0}年工作要点"),
    # 较“十二五”末: the base a change is from, not a deadline
    (re.compile(r"(?<![较比])(?<![较比][\"“])[\"“]?十([一二三四五六])五[\"”]?(?:时期|期间|期末|末)"), "十{0}五"),
    (
        re.compile(
            r"(?:by|before|until)\s+(?:the\s+end\s+of\s+)?(January|February|March|April|May|June|July|"
            r"August|September|October|November|December)\s+(\d{4})",
            re.I,
        ),
        "by {0} {1}",
    ),
    (
        re.compile(r"(?:by|before|until)\s+(?:the\s+end\s+of\s+)?(?:20\d{2})[-–/](\d{2})\b", re.I),
        "by the year ending 20{0}",
    ),
    # "by fiscal 2030", "by FY2026": a fiscal year, whose end fiscal.py finds from the country the document names
    (
        re.compile(
            r"(?:by|before|until|no later than|not later than)\s+(?:the\s+end\s+of\s+)?(?:FY\s?|fiscal\s+(?:year\s+)?)(\d{4})",
            re.I,
        ),
        "by fiscal {0}",
    ),
    # "by 2030", "by the end of 2030", "by winter 2025", "by mid-2027": a season or part of a year is its year
    (
        re.compile(
            r"(?:by|before|until|no later than|not later than)\s+(?:the\s+end\s+of\s+)?"
            r"(?:(?:the\s+)?(?:spring|summer|autumn|fall|winter|early|mid|late)(?:\s+of)?[-\s]+)?"
            r"(?:FY\s?|fiscal\s+(?:year\s+)?)?(\d{4})",
            re.I,
        ),
        "by {0}",
    ),  # "by FY2026": the fiscal year named
    # "advanced by five years to 2025", "advance the target ... to 2025 from the earlier target of 2030"
    (
        re.compile(
            r"\b(?:advanced?|advancing|brought forward|bring forward|moved? (?:up|forward))\b[^.;]{0,80}?\bto\s+(\d{4})\b",
            re.I,
        ),
        "advanced to {0}",
    ),
    (re.compile(r"\b(?:targets?|goals?|ambitions?|objectives?)\s+(?:for|of)\s+(\d{4})\b", re.I), "a target for {0}"),
    # "reduce emissions in 2030 by 68%": the year a change is to be reached in, said before the change
    (
        re.compile(
            r"\bin\s+((?:19|20)\d{2})\s+by\s+(?:at\s+least\s+|about\s+|around\s+|some\s+)?[\d.]+\s*"
            r"(?:%|percent\b|per\s+cent\b)",
            re.I,
        ),
        "in {0} by",
    ),
    # "Targets to 2042", "our goals through 2035": targets that run to that year
    (
        re.compile(
            r"\b(?:targets?|goals?|ambitions?|objectives?|commitments?)\s+(?:to|until|through)\s+(\d{4})\b", re.I
        ),
        "targets to {0}",
    ),
    (re.compile(r"\bzero\s+(?:from|as of|starting(?:\s+in)?)\s+(\d{4})\b", re.I), "nought from {0}"),
    # "all new cars sold from 2025 should be zero-emission": what is sold from then on
    (
        re.compile(r"\b(?:sold|registered|built|bought|installed)\s+(?:from|after|as of)\s+(\d{4})\b", re.I),
        "sold from {0}",
    ),
    # "training 2,000 more nurses each year from 2026": a yearly amount from the year it starts
    (
        re.compile(
            r"\b(?:each|every|a|per)\s+year\s+(?:from|starting(?:\s+in)?|as of|beginning(?:\s+in)?)\s+(\d{4})\b", re.I
        ),
        "each year from {0}",
    ),
    (
        re.compile(r"\b(\d{4})\s+(?:targets?|goals?|commitments?|pledges?|ambitions?|objectives?)\b", re.I),
        "the {0} target",
    ),
    (re.compile(r"[（(](\d{4})[—–-](\d{4})年?[）)]"), "the plan period {0}—{1}"),
    (
        re.compile(r"\b(?:over|for|in|during)\s+(?:the\s+(?:period\s+)?)?(\d{4})\s*[-–]\s*(\d{4})\b", re.I),
        "the plan period {0}—{1}",
    ),
    (re.compile(r"\bbetween\s+(\d{4})\s+and\s+(\d{4})\b", re.I), "between {0} and {1}"),
]


_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


# A year alone is a deadline only when it is after the document's year
# (--year): 「2025年稳定在2亿吨以上」, "in 2030", "for 2030". Before it, or
# with no --year, it is read as the past, or not at all.
_SETS_TARGET = re.compile(r"左右|以上|以内|力争|确保|争取|目标|预期|要|将|计划|\b(?:will|shall|aims?|target)\b", re.I)
_STATES_FACT = re.compile(r"了|已|累计|同比|\b(?:was|were|reached|rose|fell|grew)\b", re.I)
_FUTURE_YEAR_PATTERNS = [
    (
        re.compile(r"(?<![比较与同至到\d—–-])(\d{4})年(?![\d—–-]|以来|相比|水平|底前|前|以前|之前)"),
        "{0}年 (after --year)",
    ),
    (
        re.compile(r"\b(?:in|for)\s+(?:fiscal\s+(?:year\s+)?|FY\s*)?(\d{4})\b(?!\s*(?:levels?|baseline))", re.I),
        "in {0} (after --year)",
    ),
]


_YEARS_FROM_NOW = re.compile(
    r"(?:over|within|in|during)\s+(?:the\s+next\s+)?(?P<n>\d+|[a-z]+)\s+years|"
    r"(?:over|within|in|during)\s+the\s+next\s+(?P<decade>decade)|"
    r"(?:用|在)(?P<n2>\d+|[一二两三四五六七八九十])年(?:左右)?时间|"
    r"(?<![\d一二两三四五六七八九十])(?P<n3>\d+|[一二两三四五六七八九十])年内|"
    r"未来(?P<n4>\d+|[一二两三四五六七八九十])年",
    re.I,
)


class Deadline(NamedTuple):
    start: int
    end: int
    period: Period
    how: str
    rank: int  # the pattern's place: an explicit 到/by before a year alone


class _Spans:
    """The spans already read, disjoint and in order: whether a new one overlaps
    is a bisection, not a scan (a sentence of 5,000 dates was quadratic)."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # the spans that start before `end`: only the last can reach past `start`
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def deadlines(text: str, year: int | None) -> list[Deadline]:
    """Every deadline the text states, in the order they appear; a span read
    by a stronger pattern is not read again by a weaker one."""
    found: list[Deadline] = []
    taken = _Spans()
    patterns = [*_DEADLINE_PATTERNS, *(_FUTURE_YEAR_PATTERNS if year else [])]
    for rank, (pattern, how) in enumerate(patterns):
        for m in pattern.finditer(text):
            if taken.overlaps(m.start(), m.end()):
                continue
            groups = m.groups()
            if how.endswith("(after --year)") and int(groups[0]) < year:
                continue
            if how.endswith("(after --year)") and int(groups[0]) == year:
                # 「2024年，…能耗降低2.5%左右」 in a plan of 2024 is that year's target; 「2024年，…下降了3%」 is not
                if not _SETS_TARGET.search(text) or _STATES_FACT.search(text):
                    continue
                how = how.replace("(after --year)", "(the document's year)")
            try:
                if how.startswith("十"):
                    period = parse_period(f"十{groups[0]}五末")
                elif how.startswith("by {0} {1}"):
                    month = _MONTHS.index(groups[0].lower()) + 1
                    period = parse_period(f"{groups[1]}-{month:02d}")
                elif how.startswith("by the year ending"):
                    period = parse_period("20" + groups[0])
                else:
                    period = parse_period(groups[-1])
            except InputError:
                continue
            taken.add(m.start(), m.end())
            found.append(Deadline(m.start(), m.end(), period, how.format(*groups), rank))
    if year:
        _counted_from_the_year(text, year, found, taken=taken, rank=len(patterns))
    return sorted(found, key=lambda d: d.start)


def _counted_from_the_year(text: str, year: int, found: list[Deadline], *, taken: "_Spans", rank: int) -> None:
    """Add to `found` the deadlines said relative to the document's year (--year): in three years, within the
    decade, next year, this year (the last two only where no other deadline was found)."""
    if year:
        # "over the next three years", 用三年时间, 三年内, 未来五年: counted from the document's year
        # ... or from the year the text says the plan began ("over ten years through its plan, launched in 2018")
        began = re.search(
            r"\b(?:launched|adopted|introduced|started|began|begun|published|starting|beginning)\s+(?:in\s+)?"
            r"((?:19|20)\d{2})\b",
            text,
        )
        start = int(began[1]) if began and int(began[1]) <= year else year
        for m in _YEARS_FROM_NOW.finditer(text):
            if not taken.overlaps(m.start(), m.end()):
                n = 10 if m["decade"] else count_word(m["n"] or m["n2"] or m["n3"] or m["n4"])
                if n and 0 < n <= 30:
                    taken.add(m.start(), m.end())
                    found.append(
                        Deadline(
                            m.start(),
                            m.end(),
                            parse_period(str(start + n)),
                            f"'{m.group(0).strip()}' from {start}" + (" (the plan's start)" if began else " (--year)"),
                            rank,
                        )
                    )
    if year:
        # "within the decade", "by the end of this decade": the decade's last year as plans count it (2030 for the 2020s)
        for m in re.finditer(
            r"\b(?:within|by the end of|before the end of|over|in)\s+(?:the|this)\s+decade\b|"
            r"\b(?:by|before)\s+(?:the\s+)?(?P<mid>middle\s+of\s+(?:the|this)\s+decade|mid-decade)\b",
            text,
            re.I,
        ):
            if not taken.overlaps(m.start(), m.end()):
                end = year // 10 * 10 + 5 if m["mid"] else (year // 10 + 1) * 10
                taken.add(m.start(), m.end())
                found.append(
                    Deadline(m.start(), m.end(), parse_period(str(end)), f"'{m.group(0)}' = {end} (--year)", rank)
                )
    if year and not found:
        # next year first: in 明年将力争全年…, the whole year is next year's
        m = re.search(r"\bnext year\b|明年", text, re.I)
        if m:
            taken.add(m.start(), m.end())
            found.append(
                Deadline(m.start(), m.end(), parse_period(str(year + 1)), f"'next year' = {year + 1} (--year)", rank)
            )
    if year and not found:
        m = re.search(
            r"今年(?:年内|底|年底)|(?:^|(?<=[，,。；;：:\s]))年底前|年内|今年(?=[，,]?[^，。；]{0,16}?(?:要|将|力争|计划|预计|确保|争取)|[^，。；]{0,12}目标)|今年(?!\s*(?:\d|[一二三四五六七八九十]+月|前|上半年|下半年|一季度|以来|初|年初))(?=[^。；]{0,30}?(?:达到|提高到|增加到|增至|降至|下降到|稳定在|保持在))|"
            r"(?:力争|确保|争取)全年|全年(?=[^，。；]{0,8}?(?:力争|确保|争取|要|将))|(?:by|before) the end of (?:this|the) year|later this year|\bthis year\b",
            text,
            re.I,
        )
        if m:
            taken.add(m.start(), m.end())
            found.append(Deadline(m.start(), m.end(), parse_period(str(year)), f"'this year' = {year} (--year)", rank))


def find_deadline(text: str, year: int | None) -> tuple[Period, str] | None:
    """The text's deadline: the one its strongest pattern reads."""
    found = deadlines(text, year)
    if not found:
        return None
    best = min(found, key=lambda d: (d.rank, d.start))
    return best.period, best.how


def deadline_near(
    found: list[Deadline], pos: int, clause: tuple[int, int], *, english: bool = False, text: str = ""
) -> Deadline | None:
    """The deadline of the number at `pos`: of those in its clause, the
    nearest; else the nearest before it in the sentence; else the nearest
    after. English says the date after the amount ("50% by 2030 and 100% by
    2045"): there a date after the number in its clause comes first."""
    if not found:
        return None
    inside = [d for d in found if clause[0] <= d.start < clause[1]]
    if english and any(d.start >= pos for d in inside):
        inside = [d for d in inside if d.start >= pos]
    before = [d for d in found if d.end <= pos]
    if english and text and not any(d.start >= pos for d in inside):
        # "make 40% of trips by bike, foot or transit by 2035": a list's commas split the clause, not the
        # sentence; the next date counts when no other amount or clause break comes before it. But an earlier
        # date of the clause with no amount before it is this amount's own ("a target for 2030 of 32%"); one
        # after another amount is that amount's ("build 150 km by 2028 and make 40% of trips ... by 2035").
        own_before = any(
            d.start < pos and not re.search(r"\d", re.sub(r"\b(?:19|20)\d{2}\b", "", text[clause[0] : d.start]))
            for d in inside
        )
        later = [d for d in found if d.start > pos] if not own_before else []
        if later:
            first = min(later, key=lambda d: d.start)
            between = re.sub(r"^\S+", "", text[pos : first.start])
            if not re.search(r"\d|[;]|\band\b", between):
                return first
    if english:
        pool = inside or before or [d for d in found if d.start > pos]
    else:
        pool = inside or before or found

    # A span the text counts from --year (三年内, over the next decade) gives way to a date it states
    # in the same sentence: 《…三年行动计划（2023—2025年）》提出，三年内新建… is due in 2025.
    def counted(d: Deadline) -> bool:
        return "' from " in d.how

    # (In English a counted span right after the amount is the amount's own: "plant 25,000 trees over
    # the next five years and increase canopy to 30% by 2035".)
    stated = [d for d in (before or found) if not counted(d)]
    if stated and pool and all(counted(d) for d in pool) and not (english and pool is inside):
        pool = stated
    if not pool:
        return None
    if english and pool is inside:
        return min(pool, key=lambda d: abs(d.start - pos))
    return min(pool, key=lambda d: (counted(d), d.how.endswith("(after --year)"), abs(d.start - pos)))
