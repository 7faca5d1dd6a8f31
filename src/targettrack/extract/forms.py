"""Targets of another form than a level (the indicators of schema 3): a
change from a base year, an average growth rate, a bound on each period,
changes and levels said in words. Numbers that are not targets at all are
labels.py's.
"""

from __future__ import annotations

import re
from decimal import Decimal
from math import gcd

from ..model.dates import Period, parse_period
from .quantities import Quantity
from .vocabulary import HEDGES_EN

DOWN_CN, UP_CN = ("下降", "降低", "减少", "压减", "削减", "减排"), ("提高", "增长", "上升", "增加", "提升")
# 比2020年下降 / 较2020年分别降低 / 分别比2020年下降 / 下降 — at the end of the words before a number list.
_CHANGE_CN = re.compile(
    r"(?:(?:比|较)(?P<year>\d{4})年?(?:水平|末)?)?(?:分别)?(?P<verb>下降|降低|减少|压减|削减|提高|增长|上升|"
    r"增加|提升)(?:了)?(?:分别)?\s*$"
)
_GROWTH_CN = re.compile(
    r"(?:年均|平均每年|每年)(?:增长|增速|提高|递增)(?:率)?(?:超过|达到|保持在|保持|在|为|不低于|以上)?\s*$"
)
_EN_DOWN = (
    r"reduce|reduces|reduced|reducing|cut|cuts|cutting|lower|lowers|lowered|lowering|decrease|decreases|"
    r"decreased|decreasing|fall|falls|fallen|drop|drops|dropped|curb|curbed|halve|halved|slash|slashes|slashed|"
    r"slashing|axe|axes|axed|axing"
)
_EN_UP = (
    r"increase|increases|increased|increasing|raise|raises|raised|raising|grow|grows|grown|growing|boost|"
    r"boosted|boosting|expand|expanded|expanding|rise|rises|risen|rising"
)
# The verb, its object (a list of things, commas and all: "reduce nitrogen, phosphorus and sediment pollution"), by:
_CHANGE_EN_BEFORE = re.compile(rf"\b(?P<verb>{_EN_DOWN}|{_EN_UP})\b[a-z' ,-]{{0,120}}?\bby\s*(?:(?:{HEDGES_EN})\s*)?$")
# The verb of an earlier amount in the sentence, for "and by 100%" after it.
# A list goes on with commas as with "and": "40% below 2007 levels by 2030, 60% by 2040 and 80% by 2050".
_CHANGE_EN_EARLIER = re.compile(rf"\b(?P<verb>{_EN_DOWN}|{_EN_UP})\b[^.;]*?[\d.]+\s*%[^.;]*(?:\band|,)\s+(?:by\s+)?$")
# ... unless that amount was a level: "rising to 60% by 2030 and 100% by 2035".
_LEVEL_EARLIER = re.compile(rf"\bto\s+(?:(?:{HEDGES_EN})\s+)?[\d.]+\s*%[^.;%]*(?:\band|,)\s+(?:by\s+)?$")
_FALL_EN = re.compile(rf"\b(?P<verb>{_EN_DOWN}|{_EN_UP})\s*(?:by\s*)?$")
_BASE_EN = re.compile(
    r"(?:below|above|from|on|against|compared (?:to|with)(?:\s+[a-z]+){0,3}?(?:\s+in)?|relative to|versus|vs\.?)"
    r"\s+(?:an?\s+|the\s+)?"
    r"(?:fiscal\s+(?:year\s+)?|FY\s*)?(?P<year>(?:19|20)\d{2})(?:[-–](?P<to>\d{2}|\d{4})(?!\d))?"
    r"(?:\s+levels?|\s+baseline)?|(?P<year2>(?:19|20)\d{2})\s+(?:levels?|baseline)",
    re.I,
)
_REDUCTION_AFTER = re.compile(
    r"^\s*(?:(?:relative|absolute|net|overall|further|total)\s+)?(?P<word>reduction|cut|decrease|drop|fall|"
    r"decline|increase|rise)\b",
    re.I,
)


# Numbers in words: a change with no digit in it.
def _fractions() -> list[tuple[str, str, str]]:
    """(pattern, percent, words) of each fraction said in words, a third to nine tenths: "a fifth", "two thirds"."""
    counts = {1: "(?:an?|one)", 2: "two", 3: "three", 4: "four", 5: "five", 7: "seven", 9: "nine"}
    parts = {3: "third", 4: "quarter", 5: "fifth", 6: "sixth", 8: "eighth", 10: "tenth"}
    out = []
    for d, part in parts.items():
        for n, count in counts.items():
            if n < d and gcd(n, d) == 1:  # two quarters is a half, four sixths two thirds: not said
                share = f"{100 * n / d:.2f}".rstrip("0").rstrip(".")
                said = f"{count}[- ]{part}" + ("s" if n > 1 else "")
                one = "an" if part[0] in "aeiou" else "a"
                out.append((said, share, f"{one if n == 1 else count} {part}{'s' if n > 1 else ''}"))
    return out


_FRACTIONS = _fractions()
_WORD_CHANGES = [
    (
        re.compile(
            rf"\b(?:halve|halving|halved)\b|\bcut\b[a-z' -]{{0,80}}\bin half\b|\b(?:{_EN_DOWN})\b[a-z' -]{{0,80}}\bby half\b",
            re.I,
        ),
        "-50",
        "halve",
    ),
    (re.compile(r"\b(?:double|doubling|doubled)\b", re.I), "100", "double"),
    (re.compile(r"\b(?:triple|tripling|tripled)\b", re.I), "200", "triple"),
    (re.compile(r"翻一番|翻番|翻了一番|(?:增长|增加|提高)(?:约|近|超过)?一倍"), "100", "翻一番"),
    (re.compile(r"翻两番"), "300", "翻两番"),
    (re.compile(r"减半|(?:减少|下降|降低|压减)(?:了)?一半"), "-50", "减半"),
    (re.compile(r"(?:减少|下降|降低|压减)(?:了)?三分之一"), "-33.33", "减少三分之一"),
    # "cut … by a fifth", "by two thirds", "by three quarters": a fraction in words (halves above)
    *[
        (re.compile(rf"\b(?:{_EN_DOWN})\b[a-z' -]{{0,80}}\bby {said}\b", re.I), f"-{share}", f"by {words}")
        for said, share, words in _FRACTIONS
    ],
]
# States a rule can require of all of a thing (see WORD_LEVELS): a share of 100%.
ALL_IN_A_STATE = (
    r"recyclable|reusable|compostable|recycled|zero[- ]emissions?|electric|emissions?[- ]free|fossil[- ]free|"
    r"renewable|accessible|step[- ]free|plastic[- ]free|lead[- ]free|smoke[- ]free|metered|insulated|"
    r"connected|contactless"
)
# A share or nought said in words, as a level: "two thirds of all trips", "fall to zero", 三分之二.
WORD_LEVELS = [
    (re.compile(r"\b(?:half)(?=\s+of\b)", re.I), "50", "%"),
    # "two thirds of all trips", "a fifth of journeys"
    *[(re.compile(rf"\b{said}(?=\s+of\b)", re.I), share, "%") for said, share, _words in _FRACTIONS],
    # "one in four homes", "nine in ten pupils": a share, in words
    *[
        (re.compile(rf"\b{a}\s+(?:in|out of)\s+{b}\b(?=\s+[a-z])", re.I), value, "%")
        for a, b, value in (
            ("nine", "ten", "90"),
            ("four", "five", "80"),
            ("three", "four", "75"),
            ("two", "three", "66.67"),
            ("three", "five", "60"),
            ("one", "two", "50"),
            ("two", "five", "40"),
            ("one", "three", "33.33"),
            ("one", "four", "25"),
            ("one", "five", "20"),
            ("one", "ten", "10"),
        )
    ],
    (
        re.compile(
            r"\bzero\s+(?:net\s+)?(?:[a-z-]+\s+(?:or\s+|and\s+)?){0,3}(?:emissions|waste|deaths|fatalities)\b"
            r"(?=(?:\s+(?:sent|going|disposed|landfilled|to)\b[a-z ]{0,30}?)?\s+(?:by|no later than|in)\s+\d{4})|"
            r"\bzero(?=\s+(?:from|as of|starting)\s+\d{4})|"  # "and zero from 2035"
            r"\b(?:to|at|(?:to\s+)?(?:reach|reaches|reaching|fall|falls)(?:\s+to)?)\s+zero\b(?!-)"
            r"(?!\s+(?:emissions?|carbon|waste)\s+[a-z])|"  # not "to zero-emission vehicles": a state
            r"\bzero\s+(?=[a-z]+\s+(?:deaths|fatalities|injuries|emissions|waste))",
            re.I,
        ),
        "0",
        "",
    ),
    # All of it, in words: "a fully zero-emission fleet by 2034", "nationwide coverage by 2030",
    # "all new cars sold … to be zero-emission by 2035"
    (
        re.compile(
            r"\b(?:fully|entirely|wholly|completely|100 per ?cent)[- ](?:zero[- ]emissions?|electric|renewable|"
            r"decarboni[sz]ed|clean)\b|\b(?:nationwide|universal|full|complete)\s+coverage\b|"
            r"(?<=\ball new )[a-z][a-z -]{2,60}?(?= (?:sold|registered|built|bought)\b[^.;]{0,40}?\b(?:to be|be|must be|will be)\s+"
            r"(?:zero[- ]emissions?|electric|emissions?[- ]free)\b)",
            re.I,
        ),
        "100",
        "%",
    ),
    (re.compile(r"三分之二"), "66.67", "%"),
    (re.compile(r"(?:降为|降至|降到|减少到|减至)零"), "0", ""),
    (re.compile(r"[“\"]?零(?:填埋|排放|死亡|事故)[”\"]?"), "0", ""),  # 实现“零填埋”
    # "all zero-emission vehicles by 2035": all of them, in words
    (re.compile(r"\ball\s+(?=(?:zero[- ]emissions?|electric|renewable)\s+[a-z]+)", re.I), "100", "%"),
    (
        re.compile(
            r"(?:\b(?:eliminat|eradicat)(?:e|es|ing)\b(?=\s+[a-z])|\bphas(?:e|es|ed|ing)\s+out\b(?=\s+[a-z])|"
            r"(?<=\bto )end(?:ing)?\b(?!\s+(?:of|in|on|at|up|with|by|date|the year)\b)(?=\s+[a-z]))"
            r"(?![^.;,]{0,60}?\bas an?\b)",
            re.I,
        ),
        "0",
        "",
    ),  # "eliminate traffic deaths", "phase out coal-fired power", "pledged to end rough sleeping": to
    # nought; "end tuberculosis (eliminate hepatitis C) as a public health threat" is not
    # All of a thing in a state, as a rule says it: "all plastic packaging
    # placed on the market must be recyclable by 2030" (not "70% of all …")
    (
        re.compile(
            r"(?<=\ball )(?<!\bof all )(?!new\b)[a-z][a-z -]{2,60}?(?= (?:(?:placed|put|sold|used|produced|made|built|bought|"
            r"registered|installed|supplied)\b[^.;,]{0,40}? )?(?:must|will|should|shall|are to|is to|to) be (?:fully |made )?"
            rf"(?:{ALL_IN_A_STATE})\b)",
            re.I,
        ),
        "100",
        "%",
    ),
    # "Sales of new petrol and diesel cars will end in 2030": an activity that ends is brought to nought
    (
        re.compile(
            r"\b(?:[Ss]ales?|[Uu]se|[Pp]roduction|[Ii]mports?|[Ee]xports?|[Bb]urning|[Ee]xtraction|[Rr]egistrations?)\b"
            r"[^.;]{0,60}?\bwill\s+end\b(?=\s+(?:in|by)\s+\d{4})"
        ),
        "0",
        "",
    ),
    # "replace all lead service lines within 10 years", "generate all of our
    # electricity from clean sources": all of a thing acted on, or from a clean source
    (
        re.compile(
            r"(?:(?<=\breplace all )|(?<=\bremove all )|(?<=\bconnect all )|(?<=\bupgrade all )|"
            r"(?<=\bconvert all ))(?:of (?:the|its|their|our) )?(?!new\b)"
            r"[a-z][a-z -]{2,40}?(?= (?:by|within|before|in the next|over the next)\b)|"
            r"(?<=\ball )(?:of (?:the|its|their|our) )?[a-z][a-z -]{2,30}?(?= from (?:clean|renewable|low-carbon|"
            r"zero-carbon|carbon-free|green) (?:sources|energy|power|electricity)\b)",
            re.I,
        ),
        "100",
        "%",
    ),
    # "ensure access to safe drinking water for all by 2030": everyone
    (re.compile(r"\baccess\s+to\s+(?:[a-z-]+\s+){1,5}?for\s+(?:all|everyone)\b", re.I), "100", "%"),
    # "convert its entire bus fleet to zero-emission vehicles by 2040": all of it
    (
        re.compile(
            r"(?:(?<=\bentire )|(?<=\bwhole ))[a-z][a-z -]{2,40}?(?= (?:to|(?:will|must|should|shall|is to) be)"
            rf" (?:fully )?(?:{ALL_IN_A_STATE})\b)",
            re.I,
        ),
        "100",
        "%",
    ),
]
# A sentence said to be someone's forecast: "…, the industry body forecasts."
FORECAST_SAID = re.compile(
    r",\s+(?:the\s+|a\s+)?[A-Za-z][A-Za-z' -]{0,50}?\s(?:forecasts?|predicts?|projects?|estimates?)"
    r"\s*[.;]?\s*$",
    re.I,
)
NET_ZERO = re.compile(r"\bnet[- ]zero\b|\b(?:carbon|climate)[- ]neutral(?:ity)?\b|碳中和", re.I)
TO_LEVEL = re.compile(
    r"(?:降至|降到|下降到|降低到|减少到|压缩至|压缩到|缩短至|缩短到|控制在|提高到|提升到|增加到|增至|达到)\s*$"
)
UNITLESS_CN = re.compile(
    r"(?:降至|降到|下降到|降低到|减少到|控制在|提高到|提升到|增加到|增至|达到)\s*(?P<num>\d+(?:\.\d+)?)"
    r"\s*(?P<tail>左右|以上|以下|以内)?(?![\d.%％‰])"
)


def base_year(
    before: str, after: str, deadline: Period | None, *, chinese: bool, plan: str = "", year: int | None = None
) -> tuple[Period | None, str]:
    """The base period of a change: stated (比2020年, compared to 2005, below
    2005 levels), or the year before the plan period the deadline came from
    (“十四五”期间: 2020; 2021—2025年: 2020), else for a Chinese plan's end
    (2025, 2030) the start of a five-year plan, flagged, else unknown."""
    m = _CHANGE_CN.search(before.strip())
    if m and m["year"]:
        return parse_period(m["year"]), ""
    m = re.search(r"(?:比|较)(\d{4})年", before + after[:12])
    if m:
        return parse_period(m[1]), ""
    if re.search(r"(?:比|较)上(?:一)?年", before) and deadline is not None:
        return parse_period(str(deadline.last.year - 1)), ""
    than = re.match(
        r"^\s*[\d.,]*\s*%?\s*(?:less|fewer|lower|more|higher|greater)\b[^.;]{0,40}?\bthan\b[^.;]{0,60}?"
        r"\b((?:19|20)\d{2})\b",
        after[:120],
    )
    if than:
        return parse_period(than[1]), ""  # "20% less energy than homes built under the 2021 code"
    level_then = re.search(
        r"\bfrom\s+(?:around\s+|about\s+|some\s+)?[$€£]?[\d.,]+(?:\s+[a-z]+){0,3}?\s+in\s+((?:19|20)\d{2})\b",
        after[:160],
        re.I,
    )
    if level_then:
        return parse_period(level_then[1]), ""  # "by 50 percent by 2030, from 21 million people in 2022"
    for text in (after[:120], before[-80:]):  # "… by 2025, measured against 2010": the base may come late
        m = _BASE_EN.search(text)
        if m and m["year"] and m["to"]:
            last = int(m["to"] if len(m["to"]) == 4 else m["year"][:2] + m["to"])
            if last == int(m["year"]) + 1:
                return parse_period(m["year"]), ""  # 2017-18: a financial year, taken as the year it starts
            return parse_period(f"{m['year']}-{last}"), ""  # the 2005-09 average
        if m:
            return parse_period(m["year"] or m["year2"]), ""
    if ("'this year'" in plan or "'next year'" in plan or "(the document's year)" in plan) and deadline is not None:
        return parse_period(str(deadline.last.year - 1)), ""  # a year's target: on the year before
    between = re.search(r"between (\d{4}) and \d{4}", plan)
    if between:
        return parse_period(between[1]), ""  # "by 80% between 2024 and 2038": from the first year's level
    period = re.search(r"十[一二三四五六]五|plan period (\d{4})—\d{4}", plan)
    if period and deadline is not None:
        return parse_period(str(int(period[1]) - 1 if period[1] else deadline.last.year - 5)), ""
    if chinese and deadline is not None and deadline.last.year % 5 == 0:
        return parse_period(
            str(deadline.last.year - 5)
        ), "the base year is not stated: taken as the start of the five-year plan"
    if chinese and "' from " in plan and year:
        return parse_period(str(year)), ""  # 未来三年…提高20%: from the year the span is counted from
    if chinese and year and deadline is not None and deadline.last.year > year:
        # 《行动方案》(2024)…到2027年…年均增速不低于20%: from the last year before the document
        return parse_period(
            str(year - 1)
        ), "the base year is not stated: taken as the year before the document (--year)"
    return None, "the base year is not stated: give --baseline-date"


# Measures a change is said in as an amount (人均预期寿命提高1岁): years of age or of schooling, days, hours.
_ABSOLUTE_UNITS = ("岁", "年", "天", "小时")


def form_of(
    before: str,
    at_after: str,
    q: "Quantity",
    *,
    deadline: Period | None,
    chinese: bool,
    plan: str,
    year: int | None = None,
):
    """(form, change, value, kind, base, note) when the number is a change or a growth rate, else None."""
    if q.unit in _ABSOLUTE_UNITS and chinese:
        m = re.search(r"(?:比(?:\d{4}|上)年)?(?P<verb>提高|增加|延长|提升|缩短|减少|降低|下降)\s*$", before)
        if m and not re.search(r"(?:到|至)\s*$", before):
            direction = -1 if m["verb"] in ("缩短", "减少", "降低", "下降") else 1
            base, note = base_year(before, at_after, deadline, chinese=chinese, plan=plan, year=year)
            return "change", "absolute", q.value * direction, "decrease" if direction < 0 else "increase", base, note
        return None
    if q.unit not in ("%", "百分点", "个百分点"):
        return None
    points = q.unit != "%"
    core = re.sub(r"(?:[\d.]+\s*[%％‰]?\s*(?:左右|以上)?\s*[、和及]\s*)+$", "", before).strip()
    if not points and _GROWTH_CN.search(core):
        base, note = base_year(core, at_after, deadline, chinese=chinese, plan=plan, year=year)
        return "growth", None, q.value, "increase", base, note
    m = _CHANGE_CN.search(core)
    direction = None
    if m and not re.search(r"(?:到|至)\s*$", core):
        direction = -1 if m["verb"] in DOWN_CN else 1
    if direction is None and not chinese:
        direction = _english_direction(before, at_after, q)
    if direction is None:
        return None
    base, note = base_year(core, at_after, deadline, chinese=chinese, plan=plan, year=year)
    return (
        "change",
        "points" if points else "relative",
        q.value * direction,
        "decrease" if direction < 0 else "increase",
        base,
        note,
    )


def _english_direction(before: str, at_after: str, q: "Quantity") -> int | None:
    """Whether an English percentage is a fall (-1) or a rise (1) from a base, from the verb before it or the
    words after it ("50% below 2018 levels", "55% less CO2 than in 2021"); None where it is a level."""
    direction = None
    low = before.lower()
    m = _CHANGE_EN_BEFORE.search(low) or _FALL_EN.search(low)
    if not m and re.search(r"(?:\b(?:and|or|then)|\d{4},)\s+(?:by\s+)?$", low):
        m = _CHANGE_EN_EARLIER.search(low) if not _LEVEL_EARLIER.search(low) else None
    after_low = at_after[len(q.words) :].lower()
    # "(to) 50% below 2018 levels": a change from that year, whatever verb comes before
    year_after = re.match(
        r"^\s*(?P<side>below|under|less than|above|over|more than)\s+(?:the\s+)?(?:19|20)\d{2}"
        r"(?:\s+(?:levels?|baseline|figures?))?\b",
        after_low,
    )
    if year_after:
        direction = -1 if year_after["side"] in ("below", "under", "less than") else 1
    elif m:
        direction = -1 if re.fullmatch(_EN_DOWN, m["verb"]) else 1
    elif said := re.search(
        r"\b(?:a|an|the)\s+(?P<noun>decrease|reduction|cut|drop|fall|decline|increase|rise)\s+of\s*$", low
    ):  # "a decrease of 66% from fiscal 2013 levels"
        direction = 1 if said["noun"] in ("increase", "rise") else -1
    elif re.match(
        r"^\s*(?:less|fewer|lower)\b(?:\s+[a-z-]+){0,4}\s+than\b|^\s*less\s+[a-z0-9]+\s+by\s+\d{4}\s+than\b",
        after_low,
    ):  # "emit 55% less CO2 by 2030 than in 2021"
        direction = -1  # "use 20% less energy than homes built under the 2021 code"
    elif re.match(r"^\s*(?:more|higher|greater)\b(?:\s+[a-z-]+){0,4}\s+than\b", after_low):
        direction = 1
    elif re.match(
        r"^\s*(?:by\s+(?:19|20)\d{2}|from\s+(?:a\s+|the\s+)?(?:19|20)\d{2}|on\s+(?:19|20)\d{2}|compared|"
        r"relative to|against)",
        after_low,
    ):
        bare = re.search(rf"\b(?P<verb>{_EN_DOWN}|{_EN_UP})\b[a-z0-9' ,.-]{{0,80}}?\s*$", low)
        if bare and not re.search(r"\b(?:to|of)\s*$", low):
            direction = -1 if re.fullmatch(_EN_DOWN, bare["verb"]) else 1
    elif _REDUCTION_AFTER.match(after_low):
        direction = 1 if _REDUCTION_AFTER.match(after_low)["word"].lower() in ("increase", "rise") else -1
    if (
        not year_after
        and direction is not None
        and re.match(r"^\s*of\b", after_low)
        and not _REDUCTION_AFTER.match(after_low)
    ):
        direction = None  # "reduce the share to 40% of ..." is a level
    if not year_after and direction is not None and re.search(r"\bto\s*(?:at least|at most|around|about)?\s*$", low):
        direction = None  # "cut to 40%" is a level
    return direction


def word_changes(clause: str) -> list[tuple[int, int, Decimal, str]]:
    """Changes said in words: halve, double, 翻一番, cut by two thirds."""
    found = []
    for pattern, value, words in _WORD_CHANGES:
        for m in pattern.finditer(clause):
            if not any(m.start() < e and s < m.end() for s, e, _v, _w in found):
                found.append((m.start(), m.end(), Decimal(value), m.group(0)))
    return found


_EACH_AFTER = re.compile(
    r"^\s*(?:(?:of\s+)?[a-z][a-z0-9-]*\s+){0,8}(?P<per>a year|per year|each year|every year|annually|"
    r"a month|per month|each month)\b",
    re.I,
)
# 年接待读者不少于500万人次: a flow on each year (not 年处理能力, 年产能: a capacity)
_EACH_BEFORE_CN = re.compile(
    r"(?P<per>每年|每月|年度|(?<![\d今明去全当每同上该近本往历周])年(?=(?:接待|处理|生产|产|发电|销售|供应|"
    r"培训|运送)(?!能力|规模|能|设计)))[^，,。；;]{0,30}$"
)


def each_period(before: str, rest: str, chinese: bool) -> str | None:
    """A bound on each period's value: "40 TWh a year", "600,000 heat pump
    installations per year", 区财政每年安排…不少于5000万元."""
    m = _EACH_AFTER.search(rest) if not chinese else None
    if m:
        return "month" if "month" in m["per"].lower() else "year"
    if not chinese and re.search(
        r"\b(?:cap|caps|capped|limit|limits|limited|keep|kept)\s+(?:the\s+)?(?P<per>annual|yearly|monthly)\s+"
        r"(?:[a-z-]+\s+){1,3}(?:at|to)\s*(?:around\s+|about\s+)?$",
        before,
        re.I,
    ):
        return "month" if "monthly" in before.lower()[-60:] else "year"  # "cap annual flights at 380,000"
    if not chinese and (
        m := re.search(
            r"\b(?P<per>annual|yearly|monthly)\s+(?:[a-z-]+\s+){1,6}(?:will|shall|must|should|"
            r"is|are|to)\s+(?:be\s+)?(?:capped|limited|kept)\s+(?:at|to|below|under)\s*"
            r"(?:around\s+|about\s+)?$",
            before,
            re.I,
        )
    ):
        return "month" if m["per"].lower() == "monthly" else "year"  # "Annual rent increases … will be capped at 7%"
    m = _EACH_BEFORE_CN.search(before) if chinese else None
    if m and re.search(r"每[年月]\s*$", before):
        return None  # 处置能力达到每年50万吨: the unit of a capacity, not a bound on each year
    if m and m["per"] == "年" and not re.search(r"(?:不少于|不低于|不超过|不高于|至少|最多)\s*$", before):
        return None  # 年接待游客达到8亿人次 by a date: the level of a year's flow to reach, as the corpus reads it
    if m and not _GROWTH_CN.search(before) and not re.search(r"(增长|提高|下降)\s*$", before):
        return "month" if m["per"] == "每月" else "year"
    return None
