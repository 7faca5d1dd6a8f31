"""Targets from text: propose the quantified targets a policy document sets.

Rule-based and explainable (pure: text in, candidates out). Every candidate
says which cue decided its kind and where its deadline came from.

1. The text is cut into segments (sentences, clauses of a list, bullet lines),
   each with its line number. Markdown emphasis is dropped.
2. A deadline is read from the segment (到2025年, 2025年底前, 十四五末,
   "by 2030", 今年年内 with --year), or inherited: a line that is only a
   deadline ("到2025年") or a heading governs the list under it, until a
   blank line or the next heading.
3. Quantities are a number (arabic or Chinese) and a unit from a list of
   units and classifiers (家 个 亿元 台/万人 % km ...), so 一流, 三大 or
   十百千 are never read as numbers, nor are years, dates or article numbers.
4. A quantity is a target when its clause speaks of the future (到…年, 力争,
   计划, 将, 预计, 有望, will, aim ...) or states a standing limit (最高,
   上限, 不超过 / 不低于 with no deadline, "up to"). A clause about the past
   (2023年…达到, 已, 累计, 截至, 目前, 近年来, in 2022, reached) gives an
   observation for a matching target, never a target.
5. Kind from the wording next to the number; rates and relative targets
   (年均增长5%, 比2020年下降13.5%) are flagged for review, never turned into
   levels. Named things to build or open by a date, with no number (建成…机场,
   加快推进…铁路、…机场等重大项目) are milestones.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from decimal import Decimal

from .dates import Period, parse_period
from .errors import InputError
from .kinds import KIND
from .quantity import clean, parse_chinese_numeral, unit_info

# --- vocabulary -------------------------------------------------------------

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
# Units are built, not listed one by one: a measure (a physical unit, money,
# or a classifier that counts things), optionally with what is measured
# (吨标准煤, 吨二氧化碳当量), after an optional magnitude (万, 亿, 千) that the
# number pattern reads. Longest first, so 平方公里 wins over 公里 and 立方米 over 米.
CN_MEASURES = (
    # physical measures
    "千瓦时", "千瓦", "兆瓦", "吉瓦", "瓦", "度", "吨", "千克", "公斤", "克", "斤", "立方米", "平方公里", "平方千米",
    "平方米", "公里", "千米", "米", "公顷", "亩", "升", "标准立方米", "标方", "微克", "毫克", "毫米", "毫升",
    # money
    "元", "美元", "欧元",
    # shares and times
    "个百分点", "百分点", "%", "％", "‰", "倍", "小时", "分钟", "岁",
    # classifiers: counts of things
    "人次", "人", "名", "位", "户", "家", "个", "种", "项", "座", "所", "条", "处", "套", "张", "部", "件", "批",
    "架", "艘", "列", "辆", "台", "次", "天", "棵", "株", "份", "场", "栋", "幢",
)
CN_MEASURED = ("标准煤", "标煤", "油当量", "二氧化碳当量", "二氧化碳", "CO2当量")
UNITS_CN = sorted({m + q for m in CN_MEASURES for q in ("", *CN_MEASURED) if not q or m in ("吨", "千克", "公斤")}
                  | {"千元"}, key=len, reverse=True)
# English: an SI prefix on a unit symbol (GW, TWh, MtCO2e, km2), or a unit's name.
_EN_SYMBOLS = ("Wh", "W", "tCO2e", "tCO2", "t", "m3", "m2", "m")
UNITS_EN = [p + s for p in ("T", "G", "M", "k", "") for s in _EN_SYMBOLS if p + s not in ("m", "t", "Mm", "Gm", "Tm")] + [
    "km", "kilometres", "kilometers", "miles", "tonnes", "tons", "megatonnes", "percent", "per cent", "%",
    "percentage points", "hectares", "acres", "square metres", "square meters", "square kilometres",
    "square kilometers", "cubic metres", "cubic meters", "megalitres", "megaliters", "litres", "liters",
    "gigawatts", "megawatts",
    "terawatt hours", "gigawatt hours", "megawatt hours",
    # US customary and imperial units, by name
    "gallons", "barrels", "pounds", "feet", "square feet", "square miles", "cubic feet", "short tons", "therms",
    "BTU", "MMBtu", "quads"]
EN_MAGNITUDE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
RATE_UNITS = re.compile(r"^[台个人辆张]/(万|千|百)?[人户]")   # 360台/万人, 3.5张/千人

FUTURE_CN = ("力争", "计划", "预计", "有望", "争取", "确保", "目标", "将", "拟", "要", "规划", "预期")
# A cue is a word, not a character inside another word: 要 in 主要, 需要 or
# 要求 does not speak of the future, nor 将 in 将军; and nothing inside a
# document's title (《…规划》) is a cue about the sentence.
_NOT_CUES = re.compile(r"《[^》]*》|主要|需要|重要|要求|要素|只要|必要|将军|计划单列|规划局|[比较]上一?年")
PAST_CN = ("已经", "已", "累计", "截至", "截止", "目前", "去年", "近年来", "先后", "共计", "总计", "当年",
           "成为", "被认定", "获批", "入驻", "落户", "同比", "上年", "全年")
FUTURE_EN = ("will", "shall", "aim", "aims", "target", "goal", "plan", "plans", "by 20", "expected to", "should",
             "commit", "to reach", "to cut", "to raise", "to build")
PAST_EN = ("reached", "was", "were", "had", "has ", "have ", "last year", "so far", "achieved", "recorded",
           "rose", "fell", "grew", "stood at")

INCREASE_CUES = ("达到", "超过", "突破", "不少于", "以上", "力争", "增加到", "提高到", "提升到", "增至", "打造",
                 "建成", "新增", "培育", "引进", "at least", "reach", "exceed", "more than", "over", "raise")
DECREASE_CUES = ("控制在", "以内", "下降到", "降至", "降低到", "减少到", "压减到", "at most", "under", "below",
                 "reduce to", "cut to", "no more than")
CAP_CUES = ("最高", "上限", "不超过", "最多", "up to", "no more than", "at most", "capped", "kept below", "kept under",
            "kept at or below", "not exceed", "not to exceed", "not more than")
FLOOR_CUES = ("不低于", "不少于", "至少", "最低", "at least", "no less than")
RATE_CUES = re.compile(r"(年均|平均每年|每年|年)(增长|增速|提高|下降)|增速|增长率|同比|(比|较)(\d{4}|上)年(水平)?(下降|降低|提高|增长|减少)|"
                       r"(增长|提高|下降|减少|降低)(了)?\s*$|annual|compared with|from \d{4} levels|"
                       r"\b(cut|reduce|lower|raise|increase)\b[a-z ]*\bby\s*$")
RATE_AFTER = re.compile(r"^\s*(a year|per year|each year|every year|annually|a month|per month)\b")
MILESTONE_VERBS = ("建成", "开通", "投运", "投产", "通车", "竣工", "完成", "推进", "建设", "启用", "开工")
MILESTONE_NOUNS = ("机场", "铁路", "高速", "高铁", "地铁", "轨道交通", "大桥", "隧道", "港", "码头", "航道",
                   "疏浚", "枢纽", "电站", "核电站", "水库", "医院", "体育馆", "博物馆", "段）", "段)", "线")
BULLET = re.compile(r"^\s*(?:(?:[-*•▶►·◎●■□◆★☆○※]|——?)\s*)+|^\s*[（(][一二三四五六七八九十\d]+[）)]\s*|^\s*\d+[.、)]\s*"
                    r"|^\s*[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*")
# A numbered heading of a plan: 三、发展目标, 第二章 主要目标, ## Targets.
NUMBERED_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十\d]+[章节部分篇]\s*|#{1,6}\s+)")
# A section whose heading names targets: the deadline its first paragraph
# opens with governs the paragraphs under it, until the next heading.
TARGET_HEADING = re.compile(r"目标|指标|工作要点|工作计划|重点工作|\b(?:targets?|goals?|objectives?|ambitions?|"
                            r"commitments?|priorities)\b", re.I)
# What may come before a paragraph's opening deadline: 「◎《方案》明确，」, 「《规划》提出：」.
LEAD_IN = re.compile(r"^[\s◎●■□◆★☆○※>—-]*(?:(?:《[^》]{1,80}》|[^，,。；;：:]{0,16}(?:方案|规划|意见|计划|通知|纲要|文件|报告|"
                     r"政府|部门|省|市))(?:中)?(?:还|进一步)?(?:明确|提出|指出|要求|规定|强调|显示|表示)(?:了)?\s*[，,：:]?\s*)?")
CN_NUM = rf"[{CN_DIGITS}]+"
AR_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


@dataclass
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
    observation: bool = False          # a fact about the past, not a target
    observed: Period | None = None     # its date, for an observation
    review: list[str] = field(default_factory=list)
    why_kind: str = ""
    why_deadline: str = ""
    number: str = ""                   # the words of the quantity, as quoted
    id: str = ""
    for_target: str | None = None      # an observation's matching target id
    # A target of another form than a level (the indicators issue): a change
    # from a base period (比2020年下降13.5%, "cut by 43% compared to 2005"),
    # an average growth rate (年均增长7%), or a bound on each period's value
    # ("40 TWh a year").
    form: str | None = None            # "change" or "growth"
    change: str | None = None          # relative, absolute or points
    baseline_date: Period | None = None
    each: str | None = None


@dataclass
class _Segment:
    text: str
    line: int
    start: int          # offset in the original line, for highlighting
    inherited: Period | None
    inherited_why: str
    heading: str | None
    paragraph: str = ""  # the whole line it came from


# --- segmentation --------------------------------------------------------------

def _clean(line: str) -> str:
    line = line.replace("**", "").replace("__", "")
    return line.rstrip()


def _is_heading(text: str) -> bool:
    t = text.strip()
    if NUMBERED_HEADING.match(t) and len(t) <= 40 and not re.search(r"[。！？；;!?，,]", t):
        return True
    return (bool(t) and 4 <= len(t) <= 40 and not re.search(r"[。！？；;.!?，,]$", t)
            and not re.search(AR_NUM + r"\s*[%家个亿万元]", t) and not BULLET.match(text)
            and not re.search(r"记者|作者|编辑|责编|来源|摄\b|（.*摄.*）|^□", t))


_CJK = re.compile(r"[\u4e00-\u9fff]")
# A time the paragraph gives itself that is not a date: it is not the section's deadline.
_OTHER_TIME = re.compile(r"年内|今后|未来[一二三四五六七八九十\d]+年|近期|任期|每年|届时")


def _lead(body: str, year: int | None) -> tuple[Period, str] | None:
    """A deadline that opens a paragraph (after a lead-in such as 《方案》明确，):
    到2030年，…  "十四五"期间，…  By 2030, …  It governs the paragraph's later
    sentences, which often have no future word of their own."""
    rest = body[LEAD_IN.match(body).end():]
    found = deadlines(rest, year)
    if found and found[0].start <= 4:
        return found[0].period, found[0].how
    return None


def segments(text: str, year: int | None) -> list[_Segment]:
    """The text's sentences, each with the deadline its place in the document
    gives it: a clause's own date wins over its sentence's, a sentence's over
    the paragraph's opening one, a paragraph's over its section's."""
    out: list[_Segment] = []
    governing: tuple[Period, str] | None = None   # over the list (bullets) under a line
    section: tuple[Period, str] | None = None     # over the paragraphs of a section of targets
    in_targets = False
    heading = None
    for n, raw in enumerate(text.splitlines(), 1):
        line = _clean(raw)
        if not line.strip():
            continue  # a deadline line or heading governs its list across blank lines
        body = BULLET.sub("", line)
        is_bullet = body != line and not NUMBERED_HEADING.match(line)
        if not is_bullet:
            body = line
        own = find_deadline(body, year)
        stripped = body.strip()
        # A line that is only a deadline, or a heading with one, governs the list under it.
        if own and len(re.sub(r"[到至在年前底末，,:：\s\d]|by|the|end|of", "", stripped)) <= 2:
            governing = (own[0], f"the line '{stripped}' ({n})")
            if in_targets:
                section = governing
            continue
        is_heading = _is_heading(stripped) and not is_bullet
        lead = None if is_heading else _lead(stripped, year)
        if is_heading:
            heading = stripped
            governing = (own[0], f"the heading '{stripped}' ({n})") if own else None
            in_targets = bool(TARGET_HEADING.search(stripped))
            section = governing if in_targets else None
        elif lead and in_targets and _CJK.search(stripped):
            section = (lead[0], f"the section '{heading}' opens with '{lead[1]}' ({n})")
        elif own and re.search(r"[：:]\s*$", stripped):
            governing = (own[0], f"the line '{stripped}' ({n})")  # 到2025年，主要目标是： and a list
            out += [_Segment(p, n, o + (len(line) - len(body)), None, "", heading, body) for p, o in _sentences(body)]
            continue
        if governing and (is_bullet or is_heading):
            inherited, why = governing
        elif section and not is_heading and _CJK.search(stripped) and not _OTHER_TIME.search(stripped):
            inherited, why = section   # a Chinese plan's section of targets: 二、发展目标 / 到2025年，… / more paragraphs
        else:
            inherited, why = None, ""
        for i, (part, offset) in enumerate(_sentences(body)):
            inh, inh_why = inherited, why
            if lead and i > 0:
                inh, inh_why = lead[0], f"the paragraph opens with '{lead[1]}' (line {n})"
            out.append(_Segment(part, n, offset + (len(line) - len(body)), inh, inh_why, heading, body))
        if not is_bullet and not is_heading:
            governing = None
    return out


def _sentences(text: str) -> list[tuple[str, int]]:
    parts, start = [], 0
    for m in re.finditer(r"[。！？；;!?]|(?<=[a-z0-9)])\.(\s|$)", text):
        parts.append((text[start:m.end()], start))
        start = m.end()
    if start < len(text):
        parts.append((text[start:], start))
    return [(p, s) for p, s in parts if p.strip()]


# --- deadlines ------------------------------------------------------------------

_DEADLINE_PATTERNS = [
    (re.compile(r"(?:到|至|在|于)?(\d{4})年(?:底|末)?(?:前|以前|之前)"), "before {0}"),
    (re.compile(r"(?:到|至)(\d{4})年(?:底|末)?"), "到{0}年"),
    (re.compile(r"(\d{4})年(?:底|末)(?:前)?"), "{0}年底"),
    (re.compile(r"(?:力争|争取|确保|计划|预计|预期|目标是)(?:在|到|于)?(\d{4})年"), "力争{0}年"),
    (re.compile(r"(\d{4})年(?:的)?(?:具体|主要|发展|总体|阶段性|预期|远景)?目标"), "{0}年目标"),
    (re.compile(r"(\d{4})年(?:度)?(?:工作要点|工作计划|工作安排|重点工作|重点任务)"), "{0}年工作要点"),
    (re.compile(r"[\"“]?十([一二三四五六])五[\"”]?(?:时期|期间|期末|末)"), "十{0}五"),
    (re.compile(r"(?:by|before|until)\s+(?:the\s+end\s+of\s+)?(January|February|March|April|May|June|July|"
                r"August|September|October|November|December)\s+(\d{4})", re.I), "by {0} {1}"),
    (re.compile(r"(?:by|before|until)\s+(?:the\s+end\s+of\s+)?(\d{4})", re.I), "by {0}"),
    (re.compile(r"\b(?:targets?|goals?|ambitions?|objectives?)\s+(?:for|of)\s+(\d{4})\b", re.I), "a target for {0}"),
    (re.compile(r"\b(\d{4})\s+(?:targets?|goals?)\b", re.I), "the {0} target"),
    (re.compile(r"[（(](\d{4})[—–-](\d{4})年?[）)]"), "the plan period {0}—{1}"),
]


_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]


# A year alone is a deadline only when it is after the document's year
# (--year): 「2025年稳定在2亿吨以上」, "in 2030", "for 2030". Before it, or
# with no --year, it is read as the past, or not at all.
_FUTURE_YEAR_PATTERNS = [
    (re.compile(r"(?<![比较与同至到\d—–-])(\d{4})年(?![\d—–-]|以来|相比|水平|底前|前|以前|之前)"), "{0}年 (after --year)"),
    (re.compile(r"\b(?:in|for)\s+(\d{4})\b(?!\s*(?:levels?|baseline))", re.I), "in {0} (after --year)"),
]


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                 "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100,
                 "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_YEARS_FROM_NOW = re.compile(r"(?:over|within|in|during)\s+the\s+next\s+(?P<n>\d+|[a-z]+)\s+years|"
                             r"(?:用|在)(?P<n2>\d+|[一二两三四五六七八九十])年(?:左右)?时间|"
                             r"(?<![\d一二两三四五六七八九十])(?P<n3>\d+|[一二两三四五六七八九十])年内|"
                             r"未来(?P<n4>\d+|[一二两三四五六七八九十])年", re.I)


def _count_word(word: str | None) -> int | None:
    if not word:
        return None
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.lower())


@dataclass(frozen=True)
class _Deadline:
    start: int
    end: int
    period: Period
    how: str
    rank: int      # the pattern's place: an explicit 到/by before a year alone


def deadlines(text: str, year: int | None) -> list[_Deadline]:
    """Every deadline the text states, in the order they appear; a span read
    by a stronger pattern is not read again by a weaker one."""
    found: list[_Deadline] = []
    patterns = [*_DEADLINE_PATTERNS, *(_FUTURE_YEAR_PATTERNS if year else [])]
    for rank, (pattern, how) in enumerate(patterns):
        for m in pattern.finditer(text):
            if any(m.start() < d.end and d.start < m.end() for d in found):
                continue
            groups = m.groups()
            if how.endswith("(after --year)") and int(groups[0]) <= year:
                continue
            try:
                if how.startswith("十"):
                    period = parse_period(f"十{groups[0]}五末")
                elif how.startswith("by {0} {1}"):
                    month = _MONTHS.index(groups[0].lower()) + 1
                    period = parse_period(f"{groups[1]}-{month:02d}")
                else:
                    period = parse_period(groups[-1])
            except InputError:
                continue
            found.append(_Deadline(m.start(), m.end(), period, how.format(*groups), rank))
    if year:
        # "over the next three years", 用三年时间, 三年内, 未来五年: counted from the document's year
        for m in _YEARS_FROM_NOW.finditer(text):
            if not any(m.start() < d.end and d.start < m.end() for d in found):
                n = _count_word(m["n"] or m["n2"] or m["n3"] or m["n4"])
                if n and 0 < n <= 30:
                    found.append(_Deadline(m.start(), m.end(), parse_period(str(year + n)),
                                           f"'{m.group(0).strip()}' from {year} (--year)", len(patterns)))
    if year and not found:
        m = re.search(r"今年(?:年内|底|年底)|年内|今年(?=要|将|力争|计划|预计|[^，。；]{0,12}目标)|(?:力争|确保|争取)全年|"
                      r"(?:by|before) the end of (?:this|the) year|later this year|\bthis year\b", text, re.I)
        if m:
            found.append(_Deadline(m.start(), m.end(), parse_period(str(year)), f"'this year' = {year} (--year)",
                                   len(patterns)))
    return sorted(found, key=lambda d: d.start)


def find_deadline(text: str, year: int | None) -> tuple[Period, str] | None:
    """The text's deadline: the one its strongest pattern reads."""
    found = deadlines(text, year)
    if not found:
        return None
    best = min(found, key=lambda d: (d.rank, d.start))
    return best.period, best.how


def deadline_near(found: list[_Deadline], pos: int, clause: tuple[int, int], english: bool = False) -> _Deadline | None:
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
    pool = inside or before or found
    # A stated deadline (到, by, 力争, a target for) before a year alone, then the nearest.
    return min(pool, key=lambda d: (d.how.endswith("(after --year)"), abs(d.start - pos)))


# --- quantities --------------------------------------------------------------

_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS_CN, key=len, reverse=True)) + r"|/(?:10|十)?万|/千"
# A rate: a measure per (a magnitude of) a measure or a person: 32微克/立方米, 0.45吨/万元, 360台/万人;
# or per a number of people (8/10万: maternal deaths per 100,000 births).
_RATE_UNIT = (rf"(?:{'|'.join(re.escape(u) for u in UNITS_CN if u not in ('%', '％', '‰'))})"
              rf"/(?:万|千|百)?(?:{'|'.join(re.escape(u) for u in sorted(CN_MEASURES, key=len, reverse=True))}|车|床)")
# A number never starts inside another (after a digit, or after "1," of a
# grouped number): such a match was dropped anyway, and trying every start in
# a long run of digits made the search quadratic (8,000 digits: 5 s).
_NUMBER_START = r"(?<!\d)(?<!\d,)"
QUANTITY_CN = re.compile(
    rf"(?P<num>{_NUMBER_START}(?:{AR_NUM})|(?<![{CN_DIGITS}]){CN_NUM})(?P<approx>余|多)?\s*(?P<mag>万亿|亿|万|千)?\s*(?P<unit>{_RATE_UNIT}|{_UNIT_ALT})")
QUANTITY_EN = re.compile(
    rf"(?P<cur>[$€£])?\s?{_NUMBER_START}(?P<num>{AR_NUM})(?:\s*(?P<mag>thousand|million|billion|trillion|[Mm]illion|[Bb]illion))?"
    rf"(?:\s*(?P<unit>{'|'.join(re.escape(u) for u in sorted(UNITS_EN, key=len, reverse=True))})\b)?"
    r"(?:\s+(?P<noun>(?:new\s+)?[a-z][a-z-]+(?:\s+[a-z][a-z-]+)?))?")
EN_NOT_NOUNS = {"or", "and", "to", "for", "in", "of", "the", "a", "an", "per", "each", "by", "with", "from", "at", "on",
                "than", "as", "is", "are", "was", "were", "will", "would", "percent", "pilot", "over", "under",
                "across", "along", "through", "into", "within", "during", "since", "before", "after"}
CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP"}


@dataclass
class _Quantity:
    value: Decimal
    unit: str
    words: str
    start: int
    end: int
    approximate: bool
    noun: str | None = None   # English: the counted thing (600,000 heat pumps)


def quantities(text: str) -> list[_Quantity]:
    found = []
    for m in QUANTITY_CN.finditer(text):
        num = m["num"]
        before = text[max(0, m.start() - 1):m.start()]
        if before.isdigit() or before == "第":                         # 第3条: an article number
            continue
        if num[0] in CN_DIGITS and (m.start() > 0 and text[m.start() - 1] in CN_DIGITS):
            continue
        unit = m["unit"]
        if unit == "天" and num[0] in CN_DIGITS:
            continue
        try:
            value = Decimal(num.replace(",", "")) if num[0].isdigit() else parse_chinese_numeral(num)
        except (InputError, ArithmeticError):
            continue
        if num[0] in CN_DIGITS and value < 2:
            continue                                                   # 一个, 一位, 零部件: words, not counts
        mag = m["mag"] or ""
        unit_label = mag + unit if unit not in ("%", "‰") else unit
        if unit == "％":
            unit_label = "%"
        found.append(_Quantity(value, unit_label, m.group(0), m.start(), m.end(), bool(m["approx"])))
    if not found:
        for m in QUANTITY_EN.finditer(text):
            noun = m["noun"]
            words = (noun or "").split()
            while words and words[-1] in EN_NOT_NOUNS:
                words.pop()
            noun = " ".join(words) if words and words[0] not in EN_NOT_NOUNS else None
            if not (m["unit"] or noun or m["mag"] or m["cur"]):
                continue
            if m["num"].isdigit() and len(m["num"]) == 4 and 1900 <= int(m["num"]) <= 2100 and not m["unit"]:
                continue                                               # a year
            value = Decimal(m["num"].replace(",", ""))
            if m["mag"]:
                value = clean(value * EN_MAGNITUDE[m["mag"].lower()])
            unit = (m["unit"] or "").strip()
            unit = {"percent": "%", "per cent": "%", "kilometres": "km", "kilometers": "km",
                    "percentage points": "百分点"}.get(unit.lower(), unit) or CURRENCY.get(m["cur"] or "", "")
            end = m.end("unit") if m["unit"] else (m.end("mag") if m["mag"] else m.end("num"))
            found.append(_Quantity(value, unit, text[m.start():end].strip(), m.start(), end, False, noun))
        # "three billion trees", "two million homes": a number in words before a magnitude
        for m in _EN_WORD_AMOUNT.finditer(text):
            if any(m.start() < q.end and q.start < m.end() for q in found):
                continue
            value = clean(Decimal(_count_word(m["n"])) * EN_MAGNITUDE[m["mag"].lower()])
            words = (m["noun"] or "").split()
            while words and words[-1] in EN_NOT_NOUNS:
                words.pop()
            noun = " ".join(words) if words and words[0] not in EN_NOT_NOUNS else None
            found.append(_Quantity(value, "", text[m.start():m.end("mag")], m.start(), m.end("mag"), False, noun))
        found.sort(key=lambda q: q.start)
    return found


_EN_WORD_AMOUNT = re.compile(
    r"\b(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|a hundred)\s+(?P<mag>thousand|million|billion|trillion)\b"
    r"(?:\s+(?P<noun>(?:new\s+|additional\s+|more\s+)?[a-z][a-z-]+(?:\s+[a-z][a-z-]+)?))?", re.I)


# --- one segment --------------------------------------------------------------

def _clauses(text: str) -> list[tuple[str, int]]:
    out, start = [], 0
    for m in re.finditer(r"[，：:]|,(?!\d{3})", text):  # 600,000 is one number
        out.append((text[start:m.end()], start))
        start = m.end()
    out.append((text[start:], start))
    return out


@lru_cache(maxsize=None)
def _word_pattern(word: str) -> re.Pattern:
    """An English cue as a word ("plan" is not in "explanation"); a Chinese one as it is written."""
    if re.fullmatch(r"[a-z][a-z' ]*[a-z]", word):
        return re.compile(rf"\b{re.escape(word)}\b")
    return re.compile(re.escape(word))


def _has(text: str, words) -> str | None:
    low = _NOT_CUES.sub("|", text.lower())
    return next((w for w in words if _word_pattern(w).search(low)), None)


def _past(text: str, deadline_here: bool, year: int | None) -> str | None:
    """The cue that makes a clause a statement about the past, or None."""
    if deadline_here:
        return None
    m = re.search(r"(?<![比较与同])(\d{4})年(?!底前|前|以前|之前|相比|水平)", text)
    if m and (year is None or int(m[1]) < year) and not re.search(r"(到|至)\d{4}年", text):
        return f"{m[1]}年"
    m = re.search(r"\bin (\d{4})\b", text, re.I)
    if m and (year is None or int(m[1]) < year):
        return f"in {m[1]}"
    cue = _has(text, PAST_CN)
    if cue:
        return cue
    if re.search(r"(?<![为除])了(?!解)", text):
        return "了"
    return _has(text, PAST_EN) if re.search(r"[a-z]", text, re.I) else None


def _title_after(text: str) -> str:
    """The noun phrase after a number: up to the next separator, without
    modifiers (the part after the last 的), and short."""
    phrase = re.split(r"[、，,。；;：:（(）)“”\"]|以上|以下|以内|左右|的目标|目标", text, maxsplit=1)[0].strip()
    phrase = re.sub(r"^(的|个|以上|以下|以内|左右|多)+", "", phrase)
    if "的" in phrase:
        phrase = phrase.rsplit("的", 1)[1]
    return phrase.strip(" ，,")[:30]


EN_OBJECT = re.compile(r"(?:cut|reduce|lower|raise|increase|bring|keep|limit|hold|grow|double)\s+(?:the\s+)?"
                       r"(?P<np>[a-z][a-z -]*?)\s+(?:to|by|at|below|under|above)\s*(?:at least|at most|no more than)?\s*$")


def _title_en(before: str, after: str, q: _Quantity) -> str:
    of = re.match(r"\s*of\s+(?:all\s+|the\s+)?([a-z][a-z' -]*?)(?:\s+(?:by|in|a|per|each|every|from|to|for)\b|[.,;]|$)",
                  after)
    if of:
        return of.group(1).strip()
    if q.noun:
        return q.noun
    obj = EN_OBJECT.search(before.lower())
    if obj:
        return obj.group("np").strip()
    # The sentence's subject, before its verb: "Temporary accommodation placements will be reduced by a third".
    subject = re.match(r"\s*(?:(?:by|in|from)\s+\d{4},\s*)?(?:the\s+)?(?P<np>[A-Za-z][A-Za-z' -]{2,60}?)\s+"
                       r"(?:will|shall|must|should|is|are|to be|has to|have to)\b", before)
    if subject and not re.match(r"(?:we|they|it|the (?:city|state|council|government|region))\b", subject["np"], re.I):
        return subject["np"].strip()
    return before.strip().split(",")[-1].strip()[-40:]


# "X比2020年下降" at the end of the words before a number. Matched from the
# cue back to the last separator, not with a lazy subject in front: that
# tried every start and was quadratic in a long sentence.
_RELATIVE_END = re.compile(r"(?:比|较)(?P<year>\d{4})年?(?:水平)?(?P<verb>下降|降低|减少|提高|增长|上升)$")


def relative_cn(text: str) -> dict | None:
    """{"subject", "year", "verb"} of a change relative to a year that `text` ends with, or None."""
    m = _RELATIVE_END.search(text)
    if not m:
        return None
    return {"subject": re.split(r"[，,、；;]", text[:m.start()])[-1], "year": m["year"], "verb": m["verb"]}


def _title_before(text: str) -> str:
    """The subject before the verb: 'X达到N' -> X."""
    rel = relative_cn(text.strip())
    if rel:
        down = rel["verb"] in ("下降", "降低", "减少")
        return f"{_title_before(rel['subject'] + '达到') or rel['subject']}{'降幅' if down else '增幅'}（比{rel['year']}年）"
    head = re.split(r"(达到|超过|突破|不少于|不低于|不超过|控制在|下降到|降至|降低到|减少到|提高到|提升到|增加到|增至|"
                    r"占比|占|为|实现|reach|exceed|to)\s*$", text.strip(), maxsplit=1)[0]
    head = re.split(r"[、，,。；;：:]|年，|年", head)[-1].strip()
    head = re.sub(r"^(全市|全省|全区|全国|全县|其中|力争|确保|争取|到|实现|使|推动|将)+", "", head)
    head = re.sub(r"(力争|预计|计划|将|要|争取|确保|可)?(生产|建成|建设|完成|新增|引进|培育|打造|销售|推广|实现|"
                  r"达到|超过|突破|享受|提供|发放|累计)$", "", head)
    head = re.sub(r"(力争|预计|计划|将|要|争取|确保|可|能够|有望|可望)+$", "", head.strip())
    if "的" in head:
        head = head.rsplit("的", 1)[1]
    return head.strip()[:30]


CONTEXT = 100


def _kind(before: str, at: str, clause_increase: str | None, has_deadline: bool) -> tuple[str, str]:
    """The kind a number's words say: `before` it, `at` it (the number and
    what follows), and an increase cue anywhere in its clause."""
    near = before[-12:]
    cap = _has(near, CAP_CUES)
    floor = _has(near, FLOOR_CUES)
    dec = _has(before[-12:] + at[:6], DECREASE_CUES)
    if cap and (not has_deadline or cap in ("最高", "上限", "up to")):
        return "cap", cap
    if floor and not has_deadline and floor != "at least":
        return "floor", floor
    if dec:
        return "decrease", dec
    en = re.search(r"\b(reduce|cut|lower|bring down|limit)\b[a-z -]*\bto\s*$", before.lower())
    if en:
        return "decrease", f"{en.group(1)} ... to"
    inc = _has(near, INCREASE_CUES) or clause_increase
    lower = _LOWER_IS_BETTER.search(before[-10:])
    if lower and not _has(near, INCREASE_CUES) and re.match(r"^[\d.]+\s*[%％‰]", at):
        # 城镇调查失业率5.5%左右, 居民消费价格涨幅3%左右: a rate to keep down, said without a verb
        return "cap", f"{lower.group(0)}: a rate to keep at or below"
    return "increase", inc or "a number to reach, stated as a plan"


# Rates whose plan is to keep them down: said without a verb, the number is a ceiling.
_LOWER_IS_BETTER = re.compile(r"(失业率|涨幅|赤字率|死亡率|发生率|漏损率|负债率|不良率|空置率|超标率)\s*$")


# --- forms: changes from a base period, growth rates, numbers in words ----------

_DOWN_CN, _UP_CN = ("下降", "降低", "减少", "压减", "削减", "减排"), ("提高", "增长", "上升", "增加", "提升")
# 比2020年下降 / 较2020年分别降低 / 分别比2020年下降 / 下降 — at the end of the words before a number list.
_CHANGE_CN = re.compile(r"(?:(?:比|较)(?P<year>\d{4})年?(?:水平|末)?)?(?:分别)?(?P<verb>下降|降低|减少|压减|削减|提高|增长|上升|"
                        r"增加|提升)(?:了)?(?:分别)?\s*$")
_GROWTH_CN = re.compile(r"(?:年均|平均每年|每年)(?:增长|增速|提高|递增)(?:率)?(?:超过|达到|保持在|保持|在|为|不低于|以上)?\s*$")
_EN_DOWN = (r"reduce|reduces|reduced|reducing|cut|cuts|cutting|lower|lowers|lowered|lowering|decrease|decreases|"
            r"decreased|decreasing|fall|falls|fallen|drop|drops|dropped|curb|curbed|halve|halved")
_EN_UP = (r"increase|increases|increased|increasing|raise|raises|raised|raising|grow|grows|grown|growing|boost|"
          r"boosted|boosting|expand|expanded|expanding")
# The verb, its object (a list of things, commas and all: "reduce nitrogen, phosphorus and sediment pollution"), by:
_CHANGE_EN_BEFORE = re.compile(rf"\b(?P<verb>{_EN_DOWN}|{_EN_UP})\b[a-z' ,-]{{0,80}}?\bby\s*(?:at least|around|about|some)?\s*$")
_FALL_EN = re.compile(rf"\b(?P<verb>{_EN_DOWN}|{_EN_UP})\s*(?:by\s*)?$")
_BASE_EN = re.compile(r"(?:below|above|from|on|compared (?:to|with)|relative to|versus|vs\.?)\s+(?:the\s+)?(?P<year>(?:19|20)\d{2})"
                      r"(?:\s+levels?|\s+baseline)?|(?P<year2>(?:19|20)\d{2})\s+(?:levels?|baseline)", re.I)
_REDUCTION_AFTER = re.compile(r"^\s*(?P<word>reduction|cut|decrease|increase|rise)\b", re.I)
# Numbers in words: a change with no digit in it.
_WORD_CHANGES = [
    (re.compile(r"\b(?:halve|halving|halved)\b|\bcut\b[a-z' -]{0,40}\bin half\b", re.I), "-50", "halve"),
    (re.compile(r"\b(?:double|doubling|doubled)\b", re.I), "100", "double"),
    (re.compile(r"\b(?:triple|tripling|tripled)\b", re.I), "200", "triple"),
    (re.compile(r"翻一番|翻番|翻了一番|(?:增长|增加|提高)(?:约|近|超过)?一倍"), "100", "翻一番"),
    (re.compile(r"翻两番"), "300", "翻两番"),
    (re.compile(r"减半|(?:减少|下降|降低|压减)(?:了)?一半"), "-50", "减半"),
    (re.compile(r"(?:减少|下降|降低|压减)(?:了)?三分之一"), "-33.33", "减少三分之一"),
    (re.compile(rf"\b(?:{_EN_DOWN})\b[a-z' -]{{0,40}}\bby (?:two[- ]thirds)\b", re.I), "-66.67", "by two thirds"),
    (re.compile(rf"\b(?:{_EN_DOWN})\b[a-z' -]{{0,40}}\bby (?:a|one)[- ]third\b", re.I), "-33.33", "by a third"),
    (re.compile(rf"\b(?:{_EN_DOWN})\b[a-z' -]{{0,40}}\bby (?:three[- ]quarters)\b", re.I), "-75", "by three quarters"),
    (re.compile(rf"\b(?:{_EN_DOWN})\b[a-z' -]{{0,40}}\bby (?:a|one)[- ]quarter\b", re.I), "-25", "by a quarter"),
]
# A share or nought said in words, as a level: "two thirds of all trips", "fall to zero", 三分之二.
_WORD_LEVELS = [
    (re.compile(r"\b(?:two[- ]thirds)(?=\s+of\b)", re.I), "66.67", "%"),
    (re.compile(r"\b(?:three[- ]quarters)(?=\s+of\b)", re.I), "75", "%"),
    (re.compile(r"\b(?:half)(?=\s+of\b)", re.I), "50", "%"),
    (re.compile(r"\b(?:a|one)[- ]third(?=\s+of\b)", re.I), "33.33", "%"),
    (re.compile(r"\b(?:a|one)[- ]quarter(?=\s+of\b)", re.I), "25", "%"),
    (re.compile(r"\b(?:to|at)\s+zero\b|\bzero\s+(?=[a-z]+\s+(?:deaths|fatalities|injuries|emissions|waste))", re.I), "0", ""),
    (re.compile(r"三分之二"), "66.67", "%"),
    (re.compile(r"(?:降为|降至|降到|减少到|减至)零"), "0", ""),
]
_NET_ZERO = re.compile(r"\bnet[- ]zero\b|\bcarbon[- ]neutral(?:ity)?\b|碳中和", re.I)
# A count of the document's own items, a share of time, a label: not targets.
_LABEL_AFTER_CN = {  # after the classifier: 8部门, 15个部门, 59项具体措施, 20条意见
    "部": re.compile(r"^(?:门|委|署|局)"), "个": re.compile(r"^(?:部门|单位|方面)"),
    "项": re.compile(r"^(?:具体|重点|主要|重大)?(?:措施|任务|举措|政策|行动|内容|条款|改革|意见|指标)"),
    "条": re.compile(r"^(?:具体|重点|主要)?(?:措施|意见|举措|政策|规定)"),
}
_LABEL_NOUNS_EN = re.compile(r"^(?:targets?|goals?|actions?|measures?|recommendations?|priorities|commitments?|"
                             r"objectives?|principles?|pillars?|steps?|points?|chapters?|sections?|years?|months?|days?)\b")
_FACT_BEFORE_EN = re.compile(r"\b(?:its|their|our|his|her|the city's|the state's)\s+(?:[a-z-]+\s+){0,2}of\s*(?:around|about|some)?\s*$"
                             r"|\bbaseline of\s*(?:around|about|some)?\s*$|\bcurrently\s+(?:[a-z-]+\s+){0,3}$", re.I)
_TO_LEVEL = re.compile(r"(?:降至|降到|下降到|降低到|减少到|控制在|提高到|提升到|增加到|增至|达到)\s*$")
_UNITLESS_CN = re.compile(r"(?:降至|降到|下降到|降低到|减少到|控制在|提高到|提升到|增加到|增至|达到)\s*(?P<num>\d+(?:\.\d+)?)"
                          r"\s*(?P<tail>左右|以上|以下|以内)?(?![\d.%％‰])")


def _base_year(before: str, after: str, deadline: Period | None, chinese: bool,
               plan: str = "") -> tuple[Period | None, str]:
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
    for text in (after[:60], before[-60:]):
        m = _BASE_EN.search(text)
        if m:
            return parse_period(m["year"] or m["year2"]), ""
    if "'this year'" in plan and deadline is not None:
        return parse_period(str(deadline.last.year - 1)), ""  # a year's target: on the year before
    period = re.search(r"十[一二三四五六]五|plan period (\d{4})—\d{4}", plan)
    if period and deadline is not None:
        return parse_period(str(int(period[1]) - 1 if period[1] else deadline.last.year - 5)), ""
    if chinese and deadline is not None and deadline.last.year % 5 == 0:
        return parse_period(str(deadline.last.year - 5)), "the base year is not stated: taken as the start of the five-year plan"
    return None, "the base year is not stated: give --baseline-date"


def _form_of(before: str, at_after: str, q: "_Quantity", deadline: Period | None, chinese: bool, plan: str):
    """(form, change, value, kind, base, note) when the number is a change or a growth rate, else None."""
    if q.unit not in ("%", "百分点", "个百分点"):
        return None
    points = q.unit != "%"
    core = re.sub(r"(?:[\d.]+\s*[%％‰]?\s*(?:左右|以上)?\s*[、和及]\s*)+$", "", before).strip()
    if not points and _GROWTH_CN.search(core):
        base, note = _base_year(core, at_after, deadline, chinese, plan)
        return "growth", None, q.value, "increase", base, note
    m = _CHANGE_CN.search(core)
    direction = None
    if m and not re.search(r"(?:到|至)\s*$", core):
        direction = -1 if m["verb"] in _DOWN_CN else 1
    if direction is None and not chinese:
        low = before.lower()
        m = _CHANGE_EN_BEFORE.search(low) or _FALL_EN.search(low)
        after_low = at_after[len(q.words):].lower()
        # "(to) 50% below 2018 levels": a change from that year, whatever verb comes before
        year_after = re.match(r"^\s*(?P<side>below|under|less than|above|over|more than)\s+(?:the\s+)?(?:19|20)\d{2}"
                              r"(?:\s+(?:levels?|baseline|figures?))?\b", after_low)
        if year_after:
            direction = -1 if year_after["side"] in ("below", "under", "less than") else 1
        elif m:
            direction = -1 if re.fullmatch(_EN_DOWN, m["verb"]) else 1
        elif _REDUCTION_AFTER.match(after_low):
            direction = -1 if _REDUCTION_AFTER.match(after_low)["word"].lower() in ("reduction", "cut", "decrease") else 1
        if not year_after and direction is not None and re.match(r"^\s*(?:of|in)\b", after_low) \
                and not _REDUCTION_AFTER.match(after_low):
            direction = None  # "reduce the share to 40% of ..." is a level
        if not year_after and direction is not None and re.search(r"\bto\s*(?:at least|at most|around|about)?\s*$", low):
            direction = None  # "cut to 40%" is a level
    if direction is None:
        return None
    base, note = _base_year(core, at_after, deadline, chinese, plan)
    return ("change", "points" if points else "relative", q.value * direction,
            "decrease" if direction < 0 else "increase", base, note)


def _word_changes(clause: str) -> list[tuple[int, int, Decimal, str]]:
    """Changes said in words: halve, double, 翻一番, cut by two thirds."""
    found = []
    for pattern, value, words in _WORD_CHANGES:
        for m in pattern.finditer(clause):
            if not any(m.start() < e and s < m.end() for s, e, _v, _w in found):
                found.append((m.start(), m.end(), Decimal(value), m.group(0)))
    return found


def _is_label(clause: str, q: "_Quantity", before: str) -> bool:
    """A count of the document's own items or of the bodies that issued it,
    a share of the day (24/7), a fact about what exists: not a target."""
    after = clause[q.end:]
    if q.unit in _LABEL_AFTER_CN and _LABEL_AFTER_CN[q.unit].match(after):
        return True
    if re.match(r"^\s*/\s*\d", after) or re.search(r"\d\s*/\s*$", before):
        return True  # 24/7, 3/4
    if q.noun and _LABEL_NOUNS_EN.match(q.noun):
        return True
    # The start of a change: "from 14.5% to 16.5%", 从29.3降至25, 由8万户增加到10万户
    if re.search(r"\bfrom\s*(?:around|about)?\s*$", before, re.I) and re.match(r"^\s*to\s+(?:around\s+|about\s+)?\d",
                                                                                  after, re.I):
        return True
    if re.search(r"[从由]\s*$", before) and re.match(r"^[^，,。；;]{0,4}?(?:提高|增加|增长|提升|下降|降低|减少|降|升)?(?:到|至)",
                                                     after):
        return True
    # What there is now: "up from 50,000 today", "50,000 today"
    if re.search(r"\b(?:up|down)\s+from\s*(?:around|about)?\s*$", before, re.I) or re.match(
            r"^\s*(?:today|now|at present|currently)\b", after, re.I):
        return True
    return bool(_FACT_BEFORE_EN.search(before))


_EACH_AFTER = re.compile(r"^\s*(?:(?:of\s+)?[a-z][a-z-]*\s+){0,3}(?P<per>a year|per year|each year|every year|annually|"
                         r"a month|per month|each month)\b", re.I)
_EACH_BEFORE_CN = re.compile(r"(?P<per>每年|每月|年度)[^，,。；;]{0,30}$")


def _each(before: str, rest: str, chinese: bool) -> str | None:
    """A bound on each period's value: "40 TWh a year", "600,000 heat pump
    installations per year", 区财政每年安排…不少于5000万元."""
    m = _EACH_AFTER.search(rest) if not chinese else None
    if m:
        return "month" if "month" in m["per"].lower() else "year"
    m = _EACH_BEFORE_CN.search(before) if chinese else None
    if m and not _GROWTH_CN.search(before) and not re.search(r"(增长|提高|下降)\s*$", before):
        return "month" if m["per"] == "每月" else "year"
    return None


def analyse(seg: _Segment, year: int | None, file: str) -> list[Candidate]:
    text = seg.text
    found = deadlines(text, year)
    own = find_deadline(text, year)
    inherited, why_inherited = seg.inherited, seg.inherited_why
    from_paragraph = False
    early = re.search(r"提前((?<!\d)\d+|[一二两三四五])年(实现|完成|达到)", text)
    if not found and inherited is None and early and year:
        n = int(early[1]) if early[1].isdigit() else {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}[early[1]]
        inherited, why_inherited = parse_period(str(year + n)), f"'{early.group(0)}' in {year} (--year): due {year + n}"
    if not found and inherited is None and seg.paragraph and seg.paragraph != text:
        near = find_deadline(seg.paragraph, year)
        if near:
            inherited, why_inherited = near[0], f"the same paragraph: {near[1]}"
            from_paragraph = True
    sentence_past = _past(text, bool(own), year)
    # A deadline given by the sentence's place (its paragraph's or section's
    # opening date) makes it a plan unless it speaks of the past itself.
    placed = seg.inherited is not None and not sentence_past
    sentence_future = bool(own) or placed or _has(text, FUTURE_CN) or _has(text, FUTURE_EN)
    # Worked out once per sentence, not once per number: a sentence can hold
    # thousands of numbers, and each of these reads the whole sentence.
    quote = text.strip()
    chinese = bool(re.search(r"[\u4e00-\u9fff]", text))
    years_from_unstated = bool(re.search(r"((?<!\d)\d+|[一二三四五十])年(内|引进|建成|完成|实现)", text)) and not own
    out: list[Candidate] = []
    for clause, cstart in _clauses(text):
        clause_deadline = find_deadline(clause, year)
        clause_future = bool(clause_deadline) or _has(clause, FUTURE_CN) or _has(clause, FUTURE_EN)
        clause_past = _past(clause, bool(clause_deadline), year)
        clause_increase = _has(clause, INCREASE_CUES)
        english = bool(re.search(r"[A-Za-z]{3}", clause)) and not re.search(r"[\u4e00-\u9fff]", clause)
        numbers = quantities(clause)
        words = [] if numbers else _word_changes(clause)
        for s, e, value, said in words:
            numbers.append(_Quantity(value, "%", said, s, e, False))
        if not numbers and not english:
            numbers = [_Quantity(Decimal(m["num"]), "", m["num"], m.start("num"), m.end("num"), m["tail"] == "左右")
                       for m in _UNITLESS_CN.finditer(clause)]
        if not numbers:
            for pattern, value, unit in _WORD_LEVELS:
                m = pattern.search(clause)
                if m:
                    numbers = [_Quantity(Decimal(value), unit, m.group(0).strip(), m.start(), m.end(), False)]
                    break
        if english and not numbers and _NET_ZERO.search(clause):
            m = _NET_ZERO.search(clause)
            numbers = [_Quantity(Decimal(0), "", m.group(0), m.start(), m.end(), False, noun="net emissions")]
        for q in numbers:
            # The words that say what a number is stand near it: reading only
            # CONTEXT characters either side keeps a sentence of thousands of
            # numbers linear.
            before, after = clause[max(0, q.start - CONTEXT):q.start], clause[q.end:q.end + CONTEXT]
            if _is_label(clause, q, before):
                continue
            near = deadline_near(found, cstart + q.start, (cstart, cstart + len(clause)), english)
            deadline, why_deadline = (near.period, near.how) if near else (inherited, why_inherited)
            past_deadline = deadline is not None and year is not None and deadline.last.year < year and not early
            kind, why_kind = _kind(before, clause[q.start:q.start + 6], clause_increase, deadline is not None)
            standing = KIND[kind].shape == "bound"
            if past_deadline:
                is_target = False   # “十三五”期间… in a document of 2023: what was planned, now the past
            elif standing or clause_future or (near and _TO_LEVEL.search(before)):
                is_target = True   # 「到2027年，…从目前29.3降至25左右」: 目前 is the 29.3
            elif clause_past or (sentence_past and not sentence_future):
                is_target = False
            else:
                is_target = bool(sentence_future)
            if not is_target:
                if not past_deadline and (clause_past or sentence_past):
                    out.append(_observation(clause, before, after, q, text, seg, file, clause_past or sentence_past,
                                            year, quote))
                continue
            word_change = q.noun is None and q.unit == "%" and any(q.start == s for s, *_ in words)
            form = change = base = each = None
            review = []
            if q.noun == "net emissions":
                kind, why_kind = "decrease", f"'{q.words}': emissions brought to zero"
            elif q.value == 0 and not q.words[:1].isdigit():
                kind, why_kind = "decrease", f"'{q.words}': brought down to nought"
            elif word_change:
                form, change, base, note = "change", "relative", *_base_year(
                    before, text[cstart + q.end:cstart + q.end + CONTEXT], deadline, chinese, why_deadline)
                kind, why_kind = ("decrease" if q.value < 0 else "increase"), f"'{q.words}' in words"
                q = _Quantity(q.value, "", q.words, q.start, q.end, False)
                review.append(note) if note else None
            else:
                # The base year may be said after the deadline, in the sentence's next clause:
                # "reduce emissions by 68% by 2030, compared to 1990 levels".
                onward = text[cstart + q.start:cstart + q.start + CONTEXT]
                said_before = text[max(0, cstart + q.start - CONTEXT):cstart + q.start] if english else before
                shape = _form_of(said_before, onward, q, deadline, chinese, why_deadline)
                if shape:
                    form, change, value, kind, base, note = shape
                    q = _Quantity(value, "" if form == "change" and change == "relative" or form == "growth" else "%",
                                  q.words, q.start, q.end, q.approximate, q.noun)
                    why_kind = {"growth": "an average growth rate a year", "change": f"a {change} change"}[form] + (
                        f" from {base}" if base else "")
                    if note:
                        review.append(note)
            if english:
                title = _title_en(before, after, q)
                if word_change:  # "halve food waste", "double the number of charge points"; else the subject
                    thing = re.sub(r"^(?:the number of|the amount of|the)\s+", "", after.strip(" .,;")).split(" by ")[0]
                    if thing and not re.match(r"(?:by|to|in|from|of|on|at)\b|\d", thing):
                        title = thing
                title = re.sub(r"^(?:its|their|our|the)\s+", "", title)
            else:
                title = _title_after(after) if after.strip() and not re.match(r"^[，,。；;、）)]", after) else ""
                if not title or len(title) < 2 or relative_cn(before.strip()) or form:
                    title = _title_before(before)
            rest = after.lstrip()[len(q.noun):] if q.noun and after.lstrip().startswith(q.noun) else after
            # "X和Y分别降低13.5%、18%": the values share the verb; each takes its own subject.
            core = re.sub(r"(?:[\d.]+\s*[%％‰]?\s*(?:左右|以上)?\s*[、和及]\s*)+$", "", before)
            respective = re.search(r"分别(?:比\d{4}年)?(下降|降低|减少|提高|增长|达到|控制在)?\s*$", core) or (
                re.search(r"分别", core) and re.search(r"(下降|降低|减少|提高|增长)\s*$", core))
            if respective:
                head = core[:core.index("分别")] if "分别" in core else core
                head = re.sub(r"(?:比|较)(?:\d{4}|上一?)年?(?:水平)?$", "", head.strip())
                subject = re.split(r"[，,；;]", head)[-1]
                subjects = [x for x in re.split(r"和|、|及|与", subject) if x.strip()]
                index = before[len(core):].count("、")
                if index < len(subjects):
                    verb = respective.group(1) or ""
                    down = verb in _DOWN_CN or bool(re.search(r"(下降|降低|减少)\s*$", core))
                    title = _title_before(subjects[index].strip() + "达到") + (("降幅" if down else "增幅") if form
                                                                              or verb in _DOWN_CN + _UP_CN else "")
            elif form and not english and chinese:
                subject = re.sub(r"(?:比|较)(?:\d{4}|上一?)年?(?:水平|末)?(?:分别)?(?:下降|降低|减少|压减|削减|提高|增长|上升|增加|提升|"
                                 r"年均增长|年均增速|平均每年增长)?(?:超过|达到|保持在)?\s*$", "", core.strip())
                subject = re.sub(r"(?:年均|平均每年|每年)(?:增长|增速|提高)?(?:率)?(?:超过|达到|保持在)?\s*$", "", subject)
                title = _title_before(subject + "达到") or title
                if form == "change":
                    title += "降幅" if q.value < 0 else "增幅"
            if not form:
                each = _each(before, rest, chinese)
                if (each is None and (RATE_CUES.search(before[-14:]) or RATE_CUES.search(core[-14:])
                                      or RATE_CUES.search(before[-40:].lower())
                                      or (q.unit.endswith("百分点") and re.search(r"(提高|下降|降低|增加)", before[-8:])))):
                    review.append("a rate or a change, not a level: check before tracking it as one")
            # A cap or floor keeps a deadline its sentence states; a rate to keep down keeps the one
            # its paragraph opens with (今年发展主要预期目标是：…失业率5.5%左右). A standing limit
            # (最高1亿元) has none: the deadline of the words around it is not its own.
            bound_dated = why_deadline.startswith("the paragraph opens with") and why_kind.endswith("to keep at or below")
            if years_from_unstated:
                review.append("the deadline is given as a number of years from an unstated start")
            if q.approximate:
                review.append("an approximate number (余/多)")
            if deadline is None and KIND[kind].needs_deadline:
                review.append("no deadline found")
            if "(--year)" in why_deadline and "' from " in why_deadline:
                review.append("the deadline is counted from the document's year (--year)")
            if from_paragraph and not near:
                review.append("the deadline comes from another sentence of the paragraph")
            if early and deadline is not None:
                review.append(f"reported as already reached ('{early.group(0)}')")
            out.append(Candidate(title or ("target" if english else "目标"), kind, q.value, q.unit,
                                 deadline if KIND[kind].shape != "bound" or own or bound_dated else None, quote, seg.line,
                                 file, review=review, why_kind=why_kind,
                                 why_deadline=why_deadline if deadline else "", number=q.words,
                                 form=form, change=change, baseline_date=base, each=each))
    if early and year:
        for c in [c for c in out if not c.observation and c.value is not None]:
            out.append(Candidate(c.title, c.kind, c.value, c.unit, None, quote, seg.line, file,
                                 observation=True, observed=parse_period(str(year)),
                                 why_kind=f"reported as reached: '{early.group(0)}'", number=c.number))
    if not any(not c.observation for c in out):
        deadline, why = (own if own else (inherited, why_inherited))
        out += _milestones(seg, text, deadline, why, file, year)
    return out


@lru_cache(maxsize=16)  # once per sentence, however many facts it states
def _observed_when(text: str, year: int | None) -> Period | None:
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


def _observation(clause, before, after, q, text, seg, file, cue, year, quote) -> Candidate:
    obs_date = _observed_when(text, year)
    title = _title_before(before) or _title_after(after)
    return Candidate(title, "increase", q.value, q.unit, None, quote, seg.line, file, observation=True,
                     observed=obs_date, why_kind=f"a fact about the past: '{cue}'", number=q.words)


def _milestones(seg, text, deadline, why_deadline, file, year) -> list[Candidate]:
    verb = _has(text, MILESTONE_VERBS)
    future = _has(text, ("将", "要", "力争", "计划", "确保", "争取", "到", "will", "by 20"))
    if not verb or not (future or deadline) or _past(text, bool(deadline), year) in ("已", "已经", "累计"):
        return []
    out = []
    m = re.search(rf"{verb}(.+?)(等(重大|重点)?(项目|工程))?(，|。|；|$)", text)
    if not m:
        return []
    for item in re.split(r"、|和(?=[^、]*$)", m.group(1)):
        item = item.strip(" ，,")
        if any(item.endswith(n) or n in item[-8:] for n in MILESTONE_NOUNS) and 2 <= len(item) <= 40:
            out.append(Candidate(item, "milestone", None, "", deadline, text.strip(), seg.line, file,
                                 why_kind=f"a named project to {verb}, no number", why_deadline=why_deadline,
                                 review=[] if deadline else ["no deadline found (open milestone)"]))
    return out


# --- the document ------------------------------------------------------------------

def slug(text: str, taken: set[str]) -> str:
    """A readable id: Chinese in pinyin (pypinyin), other words as they are."""
    from pypinyin import lazy_pinyin  # 0.1 s to import: only extract pays for it

    words = lazy_pinyin(text, errors=lambda chunk: re.findall(r"[A-Za-z0-9]+", chunk))
    words = [w.lower() for w in words if re.fullmatch(r"[A-Za-z0-9]+", w)]
    base = "-".join(words)
    while len(base) > 40 and "-" in base:
        base = base.rsplit("-", 1)[0]
    base = base[:48].strip("-") or "target"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _plan_name(seg: _Segment, n_targets: int, file: str) -> str | None:
    """The document the sentence names; else its own enumeration; else its section."""
    doc = re.search(r"《([^》]{2,80})》", seg.text)
    if doc:
        return doc.group(1)
    if n_targets > 1:
        stem = re.sub(r"\.[A-Za-z0-9]+$", "", file.rsplit("/", 1)[-1]) or "text"
        return f"{stem}, line {seg.line}"
    if seg.heading:
        return seg.heading[:100]
    return None


def extract(text: str, file: str = "-", year: int | None = None, known_ids: set[str] | None = None) -> list[Candidate]:
    found: list[Candidate] = []
    for seg in segments(text, year):
        cands = analyse(seg, year, file)
        targets = [c for c in cands if not c.observation]
        plan = _plan_name(seg, len(targets), file)
        for c in targets:
            c.plan = plan
        found += cands
    # The same target stated twice (a sentence, then its bullet list) is one target.
    unique: list[Candidate] = []
    for c in found:
        dup = next((u for u in unique if not u.observation and not c.observation and u.kind == c.kind
                    and u.value == c.value and u.unit == c.unit and u.deadline == c.deadline and u.form == c.form
                    and (u.title in c.title or c.title in u.title)), None)
        if dup is None:
            unique.append(c)
    taken = set(known_ids or ())
    for c in unique:
        if not c.observation:
            c.id = slug(c.title, taken)
    for c in unique:  # an observation belongs to a target of the same kind of unit and subject
        if c.observation:
            match = next((t for t in unique if not t.observation and not KIND[t.kind].boolean
                          and unit_info(t.unit).dimension == unit_info(c.unit).dimension
                          and _similar(t.title, c.title)), None)
            c.for_target = match.id if match else None
    return [c for c in unique if not c.observation or c.for_target]


def _similar(a: str, b: str) -> bool:
    a, b = set(a), set(b)
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= 0.6


